"""Full-text search of the catalog and of the books' text, in Kazakh, Russian and English.

    text ──fold──▶ words ──┬──────────────▶ title, authors, description   (exact words)
                           └─loose forms──▶ loose     (Kazakh letters as Russian ones, stems, other names)
    query ─fold──▶ terms ──▶ tier 1 EXACT:  every term's exact word (as a prefix)
                             tier 2 FORMS:  … or one of its word forms
                             tier 3 OTHERS: … or another name of the same thing
    book blocks ──fold──▶ block_search (text, loose): "found in the text", shown below the titles

SQLite keeps both tables in FTS5; PostgreSQL in plain tables with a GIN index over
``to_tsvector('simple', …)``.  Folding is ours and applied the same way to what is
indexed and to what is asked, so neither database's own rules matter.

Exact folding (``fold``):

* Unicode NFC, then stress marks (U+0301, U+0300) are dropped: "за́мок" = "замок";
* case is folded (``str.casefold``): "ҚАЗАҚ" = "қазақ", "ABAI" = "abai";
* ё becomes е: "Ёлка" = "елка";
* a word typed in both Latin and Cyrillic letters is rewritten in the script of most
  of its letters, as books are when read (``lookalikes.one_script``; typists without
  a Kazakh layout write Latin "i" for "і", "h" for "һ"): "Абaй" (Latin a) = "Абай",
  "Iле" (Latin I) = "Іле", "Сoncert" (Cyrillic С) = "Concert".

Loose forms (``loose_forms``), matched only when the exact words are not enough:

* the Kazakh letters folded to the Russian ones readers type on a Russian layout
  (Қ→К, Ң→Н, Ұ Ү→У, Ө→О, Ә→А, Ғ→Г, Һ→Х, І→И): "китапхана" finds "кітапхана",
  "балкаш" finds "Балқаш";
* stems: Snowball (PyStemmer) for Russian and English words ("библиотека" finds
  "Библиотеки"), common Kazakh suffixes stripped ("кітаптардың" finds "кітап");
* other names of the same place, person or thing from ``EQUIVALENTS``
  ("Балхаш" finds "Балқаш", "Алма-Ата" finds "Алматы").

Every term matches as a prefix ("пушк" finds "Пушкин"); all terms must match.  Titles
found in an earlier tier come first; within a tier, title weighs more than authors,
authors more than description.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

import Stemmer
from sqlalchemy import Connection, text

from ..lookalikes import one_script
from ..model import IMAGE, PAGE_MARKER, PARAGRAPH, Document

_STRESS = str.maketrans("", "", "\u0301\u0300")
#: A word, or words joined by hyphens ("алма-ата", "нұр-сұлтан").
_COMPOUND = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_WORD = re.compile(r"[^\W_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-z]")
#: Kazakh letters as readers type them on a Russian keyboard.
_KAZAKH_TO_RUSSIAN = str.maketrans("қңұүөәғһі", "кнууоагхи")

#: Column weights for ranking: title, authors, description, loose forms.
WEIGHTS = (10.0, 5.0, 1.0, 2.0)
#: The tiers of a search, best first: exact words; word forms and Kazakh letters typed
#: as Russian ones; other names of the same thing.
EXACT, FORMS, OTHERS = "exact", "forms", "others"
TIERS = (EXACT, FORMS, OTHERS)
#: Loose forms shorter than this would match too much as prefixes.
_MIN_LOOSE = 3

#: Kazakh endings (plural, possessive, case, "-дағы"), longest first; stripped at most
#: three times from a word, leaving at least three letters.
_KAZAKH_SUFFIXES = tuple(
    sorted(
        """лар лер дар дер тар тер ның нің дың дің тың тің ға ге қа ке на не ны ні ды ді ты ті
        да де та те нда нде дан ден тан тен нан нен мен бен пен дағы дегі тағы тегі ндағы ндегі
        ым ім мыз міз ың ің сы сі ы і ын ін""".split(),
        key=len,
        reverse=True,
    )
)

#: Names of the same place, person or thing: each row one group, hyphens joined
#: ("алма-ата" is indexed and asked as "алмаата").  Folded spelling, Kazakh first.
EQUIVALENTS: tuple[tuple[str, ...], ...] = (
    ("балқаш", "балхаш", "balkhash", "balqash"),
    ("алматы", "алмаата", "almaty"),
    ("астана", "нұрсұлтан", "нурсултан", "ақмола", "акмола", "целиноград", "astana"),
    ("шымкент", "чимкент", "shymkent"),
    ("орал", "уральск", "oral"),
    ("атырау", "гурьев", "atyrau"),
    ("өскемен", "усткаменогорск", "oskemen"),
    ("семей", "семипалатинск", "semei"),
    ("қарағанды", "караганда", "karaganda", "qaragandy"),
    ("қызылорда", "кызылорда", "kyzylorda"),
    ("тараз", "жамбыл", "джамбул", "taraz"),
    ("ақтөбе", "актюбинск", "актобе", "aktobe"),
    ("жетісу", "семиречье", "zhetysu"),
    ("абай", "abai", "abay"),
    ("әуезов", "ауэзов", "auezov"),
    ("жамбыл", "джамбул"),
    ("кітапхана", "библиотека", "library"),
    ("мәдениет", "культура", "culture"),
)


@cache
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(language)


def fold(value: str) -> str:
    """``value`` folded for search (see the module docstring), words separated by one space."""
    return " ".join(_fold_word(word) for word in _WORD.findall(_clean(value)))


def _clean(value: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", value).translate(_STRESS))


@lru_cache(maxsize=200_000)
def _fold_word(word: str) -> str:
    return one_script(word).casefold().replace("ё", "е")


def words(query: str) -> list[str]:
    """The folded words of a query, in order, without repeats."""
    return list(dict.fromkeys(fold(query).split()))


def kazakh_stem(word: str) -> str:
    """``word`` (folded) without up to three common Kazakh endings, at least three letters left."""
    for _ in range(3):
        for suffix in _KAZAKH_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_LOOSE:
                word = word[: -len(suffix)]
                break
        else:
            break
    return word


@cache
def _equivalents() -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for group in EQUIVALENTS:
        for name in group:
            found[name] = group
            found[name.translate(_KAZAKH_TO_RUSSIAN)] = group
    return found


@cache
def loose_forms(word: str, *, asked: bool = False) -> tuple[str, ...]:
    """The word forms of one folded word that may stand for it (see the module docstring), none
    shorter than three letters: its stems, and in what is indexed, all with Kazakh letters folded.

    A word as ``asked`` in a query keeps its Kazakh letters: who typed "қазақ" means the
    Kazakh word, not "казак"; the Kazakh letters are folded only in what is indexed.
    """
    stems = []
    if _CYRILLIC.search(word):
        stems = [_stemmer("russian").stemWord(word), kazakh_stem(word)]
    elif _LATIN.search(word):
        stems = [_stemmer("english").stemWord(word)]
    forms = [word, *stems]
    if not asked:
        forms += [form.translate(_KAZAKH_TO_RUSSIAN) for form in forms]
    return tuple(dict.fromkeys(form for form in forms if len(form) >= _MIN_LOOSE and form != word))


def other_names(word: str) -> tuple[str, ...]:
    """Other names of the same place, person or thing (``EQUIVALENTS``) for one folded word."""
    group = _equivalents().get(word, _equivalents().get(word.translate(_KAZAKH_TO_RUSSIAN), ()))
    return tuple(name for name in group if name != word)


def loose_text(*values: str) -> str:
    """The loose forms of every word of ``values`` (and of hyphenated compounds joined:
    "Алма-Ата" → "алмаата"), once each, for the ``loose`` column."""
    forms: dict[str, None] = {}
    for value in values:
        for compound in _COMPOUND.findall(_clean(value)):
            parts = [_fold_word(part) for part in compound.split("-")]
            for word in parts if len(parts) == 1 else [*parts, "".join(parts)]:
                forms.update(_loose_and_others(word))
    return " ".join(forms)


@lru_cache(maxsize=200_000)
def _loose_and_others(word: str) -> dict[str, None]:
    return dict.fromkeys((*loose_forms(word), *other_names(word)))


@dataclass(frozen=True)
class Term:
    """One word of a query: its exact folded form (a compound's parts), the word forms that may
    stand for it, and other names of the same thing."""

    exact: tuple[str, ...]
    loose: tuple[str, ...]
    others: tuple[str, ...]


def terms(query: str) -> list[Term]:
    """The terms of a query; a hyphenated compound with other names ("Алма-Ата") is one term."""
    found: dict[str, Term] = {}
    for compound in _COMPOUND.findall(_clean(query)):
        parts = [_fold_word(part) for part in compound.split("-")]
        joined = "".join(parts)
        if len(parts) > 1 and joined in _equivalents():
            found[joined] = Term(tuple(parts), (joined,), other_names(joined))
            continue
        for part in parts:
            found.setdefault(part, Term((part,), loose_forms(part, asked=True), other_names(part)))
    return list(found.values())


# ── the tables ──────────────────────────────────────────────────────────────


def index(connection: Connection, title_id: int, title: str, authors: list[str], description: str) -> None:
    """Put (or replace) one title in the search table."""
    unindex(connection, title_id)
    values = {
        "id": title_id,
        "title": fold(title),
        "authors": fold(" ".join(authors)),
        "description": fold(description),
        "loose": loose_text(title, " ".join(authors), description),
    }
    key = "rowid" if connection.dialect.name == "sqlite" else "title_id"
    connection.execute(
        text(
            f"INSERT INTO title_search ({key}, title, authors, description, loose) "
            "VALUES (:id, :title, :authors, :description, :loose)"
        ),
        values,
    )


def unindex(connection: Connection, title_id: int) -> None:
    """Take one title out of the search tables (titles and text)."""
    key = "rowid" if connection.dialect.name == "sqlite" else "title_id"
    connection.execute(text(f"DELETE FROM title_search WHERE {key} = :id"), {"id": title_id})
    connection.execute(text("DELETE FROM block_search WHERE title_id = :id"), {"id": title_id})


@dataclass(frozen=True)
class Block:
    """One block of a book's text to index: where it is, and its text."""

    chapter: int
    block: str
    text: str


def blocks_of(document: Document) -> list[Block]:
    """The blocks of ``document`` worth finding in its text (no page numbers nor images)."""
    return [
        Block(chapter, block.id, block.text)
        for chapter, block in document.blocks()
        if block.kind not in (PAGE_MARKER, IMAGE) and block.text.strip()
    ]


def describe(document: Document, width: int = 300) -> str:
    """The book's own description, or else its first paragraphs up to about ``width`` characters."""
    if document.metadata.description.strip():
        return document.metadata.description
    text_ = ""
    for _, block in document.blocks():
        if block.kind == PARAGRAPH and block.text.strip():
            text_ = f"{text_} {block.text.strip()}".strip()
            if len(text_) >= width:
                break
    if len(text_) <= width:
        return text_
    cut = text_.rfind(" ", 0, width)
    return text_[: cut if cut > width // 2 else width].rstrip(" ,;:") + "…"


def index_text(connection: Connection, title_id: int, blocks: Iterable[Block]) -> None:
    """Put (or replace) the text of one title's blocks in the text search table, in one transaction."""
    rows = text_rows(title_id, blocks)
    unindex_text(connection, title_id)
    add_text_rows(connection, rows)


def text_rows(title_id: int, blocks: Iterable[Block]) -> list[dict[str, object]]:
    """The rows of the text search table for one title's blocks (folded; no database touched)."""
    return [
        {
            "title_id": title_id,
            "chapter": block.chapter,
            "block": block.block,
            "original": block.text,
            "text": fold(block.text),
            "loose": loose_text(block.text),
        }
        for block in blocks
        if block.text.strip()
    ]


def unindex_text(connection: Connection, title_id: int) -> None:
    """Take one title's blocks out of the text search table."""
    connection.execute(text("DELETE FROM block_search WHERE title_id = :id"), {"id": title_id})


def add_text_rows(connection: Connection, rows: list[dict[str, object]]) -> None:
    """Add rows made by :func:`text_rows` to the text search table."""
    if rows:
        connection.execute(
            text(
                "INSERT INTO block_search (title_id, chapter, block, original, text, loose) "
                "VALUES (:title_id, :chapter, :block, :original, :text, :loose)"
            ),
            rows,
        )


def find(connection: Connection, query: str, offset: int = 0, limit: int = 50) -> list[int]:
    """The ids of the titles matching every term of ``query`` (as prefixes), best first:
    exact matches, then through word forms and Kazakh letters typed as Russian ones,
    then through other names."""
    wanted = terms(query)
    if not wanted:
        return []
    page = max(offset, 0) + max(limit, 0)
    ranked: list[int] = []
    for tier in TIERS:
        if len(ranked) >= page:
            break
        found = _titles(connection, wanted, tier, limit=page + len(ranked))
        ranked += [title_id for title_id in found if title_id not in ranked]
    return ranked[max(offset, 0) : page]


def _titles(connection: Connection, wanted: list[Term], tier: str, limit: int) -> list[int]:
    exact = tier == EXACT
    if connection.dialect.name == "sqlite":
        # Folded words hold only letters and digits, so quoting them keeps FTS5 syntax out.
        columns = "{title authors description}: " if exact else ""
        rows = connection.execute(
            text(
                "SELECT rowid FROM title_search WHERE title_search MATCH :match "
                f"ORDER BY bm25(title_search, {', '.join(map(str, WEIGHTS))}), rowid LIMIT :limit"
            ),
            {"match": columns + _fts5(wanted, tier), "limit": limit},
        )
    else:
        everything = "title || ' ' || authors || ' ' || description" + ("" if exact else " || ' ' || loose")
        rows = connection.execute(
            text(
                "SELECT title_id FROM title_search, to_tsquery('simple', :match) AS q "
                f"WHERE to_tsvector('simple', {everything}) @@ q "
                "ORDER BY ts_rank(setweight(to_tsvector('simple', title), 'A') || "
                "setweight(to_tsvector('simple', authors), 'B') || "
                "setweight(to_tsvector('simple', loose), 'C') || "
                "setweight(to_tsvector('simple', description), 'D'), q) DESC, title_id LIMIT :limit"
            ),
            {"match": _tsquery(wanted, tier), "limit": limit},
        )
    return [row[0] for row in rows]


def _alternatives(term: Term, tier: str) -> list[list[str]]:
    """What may stand for ``term`` in ``tier``: its exact words (all of them), then each
    word form alone, then each other name alone."""
    found = [list(term.exact)]
    if tier in (FORMS, OTHERS):
        found += [[form] for form in term.loose]
    if tier == OTHERS:
        found += [[name] for name in term.others]
    return found


def _fts5(wanted: list[Term], tier: str) -> str:
    def phrase(words_: list[str]) -> str:
        return (
            '"' + " ".join(words_) + '"*' if len(words_) == 1 else "(" + " AND ".join(f'"{w}"*' for w in words_) + ")"
        )

    return " AND ".join("(" + " OR ".join(phrase(a) for a in _alternatives(t, tier)) + ")" for t in wanted)


def _tsquery(wanted: list[Term], tier: str) -> str:
    def phrase(words_: list[str]) -> str:
        return "(" + " & ".join(f"'{w}':*" for w in words_) + ")"

    return " & ".join("(" + " | ".join(phrase(a) for a in _alternatives(t, tier)) + ")" for t in wanted)


@dataclass(frozen=True)
class TextHit:
    """A place in a book's text that matches a query: the title, chapter and block, and the words around it."""

    title_id: int
    chapter: int
    block: str
    excerpt: str


def find_text(connection: Connection, query: str, limit: int = 20, per_title: int = 3) -> list[TextHit]:
    """Blocks of the books' text that hold every term of ``query`` (exact or loose), best first,
    at most ``per_title`` of one title."""
    wanted = terms(query)
    if not wanted:
        return []
    if connection.dialect.name == "sqlite":
        rows = connection.execute(
            text(
                "SELECT title_id, chapter, block, original FROM block_search WHERE block_search MATCH :match "
                "ORDER BY bm25(block_search, 0, 0, 0, 0, 10.0, 2.0) LIMIT :scan"
            ),
            {"match": "{text loose}: " + _fts5(wanted, OTHERS), "scan": limit * per_title * 4},
        )
    else:
        rows = connection.execute(
            text(
                "SELECT title_id, chapter, block, original FROM block_search, to_tsquery('simple', :match) AS q "
                "WHERE to_tsvector('simple', text || ' ' || loose) @@ q "
                "ORDER BY ts_rank(setweight(to_tsvector('simple', text), 'A') || "
                "setweight(to_tsvector('simple', loose), 'C'), q) DESC, id LIMIT :scan"
            ),
            {"match": _tsquery(wanted, OTHERS), "scan": limit * per_title * 4},
        )
    hits: list[TextHit] = []
    seen: dict[int, int] = {}
    for title_id, chapter, block, original in rows:
        if seen.get(title_id, 0) >= per_title:
            continue
        seen[title_id] = seen.get(title_id, 0) + 1
        hits.append(TextHit(title_id, chapter, block, excerpt(original, wanted)))
        if len(hits) >= limit:
            break
    return hits


def excerpt(original: str, wanted: list[Term], width: int = 160) -> str:
    """About ``width`` characters of ``original`` around the first word that matches a term."""
    prefixes = tuple(w for term in wanted for w in (*term.exact, *term.loose, *term.others))
    start = 0
    for match in _WORD.finditer(original):
        word = _fold_word(match.group())
        if word.startswith(prefixes) or any(form.startswith(prefixes) for form in loose_forms(word)):
            start = match.start()
            break
    begin = max(0, start - width // 3)
    if begin:
        space = original.find(" ", begin)
        begin = space + 1 if 0 <= space < start else begin
    end = min(len(original), begin + width)
    if end < len(original):
        space = original.rfind(" ", begin, end)
        end = space if space > start else end
    return ("…" if begin else "") + original[begin:end].strip() + ("…" if end < len(original) else "")
