"""Full-text search of the catalog in Kazakh, Russian and English.

    text ──fold──▶ words ──▶ title_search   (SQLite: an FTS5 table;
    query ─fold──▶ words ──▶ prefix match     PostgreSQL: to_tsvector('simple') + GIN)

Folding is ours and applied the same way to what is indexed and to what is asked,
so neither database's own rules matter:

* Unicode NFC, then stress marks (U+0301, U+0300) are dropped: "за́мок" = "замок";
* case is folded (``str.casefold``): "ҚАЗАҚ" = "қазақ", "ABAI" = "abai";
* ё becomes е: "Ёлка" = "елка";
* a word typed in both Latin and Cyrillic letters is rewritten in the script of most
  of its letters, as books are when read (``lookalikes.one_script``; typists without
  a Kazakh layout write Latin "i" for "і", "h" for "һ"): "Абaй" (Latin a) = "Абай",
  "Iле" (Latin I) = "Іле", "Сoncert" (Cyrillic С) = "Concert".

The Kazakh letters Ә Ғ Қ Ң Ө Ұ Ү Һ І fold only to their own lower case, never to a
Russian letter: "қазақ" and "казак" are different words.  Every query word matches
as a prefix ("пушк" finds "Пушкин"); all words must match; best matches first
(title weighs more than authors, authors more than description).
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import Connection, text

from ..lookalikes import one_script

_STRESS = str.maketrans("", "", "\u0301\u0300")
_WORD = re.compile(r"[^\W_]+")

#: Column weights for ranking: title, authors, description.
WEIGHTS = (10.0, 5.0, 1.0)


def fold(value: str) -> str:
    """``value`` folded for search (see the module docstring), words separated by one space."""
    value = unicodedata.normalize("NFC", unicodedata.normalize("NFD", value).translate(_STRESS))
    folded = []
    for word in _WORD.findall(value):
        folded.append(one_script(word).casefold().replace("ё", "е"))
    return " ".join(folded)


def words(query: str) -> list[str]:
    """The folded words of a query, in order, without repeats."""
    return list(dict.fromkeys(fold(query).split()))


def index(connection: Connection, title_id: int, title: str, authors: list[str], description: str) -> None:
    """Put (or replace) one title in the search table."""
    unindex(connection, title_id)
    values = {
        "id": title_id,
        "title": fold(title),
        "authors": fold(" ".join(authors)),
        "description": fold(description),
    }
    if connection.dialect.name == "sqlite":
        statement = (
            "INSERT INTO title_search (rowid, title, authors, description) VALUES (:id, :title, :authors, :description)"
        )
    else:
        statement = "INSERT INTO title_search (title_id, title, authors, description) VALUES (:id, :title, :authors, :description)"
    connection.execute(text(statement), values)


def unindex(connection: Connection, title_id: int) -> None:
    """Take one title out of the search table."""
    key = "rowid" if connection.dialect.name == "sqlite" else "title_id"
    connection.execute(text(f"DELETE FROM title_search WHERE {key} = :id"), {"id": title_id})


def find(connection: Connection, query: str, offset: int = 0, limit: int = 50) -> list[int]:
    """The ids of the titles matching every word of ``query`` (as prefixes), best first."""
    terms = words(query)
    if not terms:
        return []
    page = {"offset": max(offset, 0), "limit": max(limit, 0)}
    if connection.dialect.name == "sqlite":
        # Folded words hold only letters and digits, so quoting them keeps FTS5 syntax out.
        match = " ".join(f'"{term}"*' for term in terms)
        rows = connection.execute(
            text(
                "SELECT rowid FROM title_search WHERE title_search MATCH :match "
                f"ORDER BY bm25(title_search, {', '.join(map(str, WEIGHTS))}), rowid "
                "LIMIT :limit OFFSET :offset"
            ),
            {"match": match, **page},
        )
    else:
        rows = connection.execute(
            text(
                "SELECT title_id FROM title_search, to_tsquery('simple', :match) AS q "
                "WHERE to_tsvector('simple', title || ' ' || authors || ' ' || description) @@ q "
                "ORDER BY ts_rank(setweight(to_tsvector('simple', title), 'A') || "
                "setweight(to_tsvector('simple', authors), 'B') || "
                "setweight(to_tsvector('simple', description), 'D'), q) DESC, title_id "
                "LIMIT :limit OFFSET :offset"
            ),
            {"match": " & ".join(f"'{term}':*" for term in terms), **page},
        )
    return [row[0] for row in rows]
