"""The document model: the spine every reader produces and every output consumes.

    input file --content/--> Document --braille/--> cells, pages
                                      --tts/------> sentences, audio
                                      --server/---> web reader, streams

A ``Document`` holds metadata, a table of contents and chapters of ``Block``s.
Every block has a stable id (``c<chapter>b<index>``, derived from its position, so
re-reading the same file gives the same ids), a language, inline ``Span``s (an
embedded language, a note reference, emphasis) and its sentences as character
ranges.  A ``Locator`` names one place (chapter, block, sentence, character
offset) and means the same thing to braille, speech, the web reader and the
braille terminal.

Everything here is plain data and serialises to and from JSON losslessly
(``Document.to_json`` / ``Document.from_json``).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

#: Block kinds, in the order a reader meets them in books.
HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"
BLOCKQUOTE = "blockquote"
STANZA = "stanza"  # a poem stanza; its lines are separated by "\n" in ``text``
TABLE = "table"
NOTE = "note"  # a footnote or endnote; ``note_ref`` points back to its reference
IMAGE = "image"  # ``text`` is the alt text or caption
PAGE_MARKER = "page_marker"  # ``text`` is the print page number

BLOCK_KINDS = (HEADING, PARAGRAPH, LIST_ITEM, BLOCKQUOTE, STANZA, TABLE, NOTE, IMAGE, PAGE_MARKER)

#: Span kinds: ``value`` holds the language code, the note block id, or the style.
SPAN_LANG = "lang"
SPAN_NOTEREF = "noteref"
SPAN_EMPHASIS = "emphasis"
SPAN_KINDS = (SPAN_LANG, SPAN_NOTEREF, SPAN_EMPHASIS)

SCHEMA_VERSION = 1

#: A well-formed BCP 47 language tag (RFC 5646 §2.1, without the irregular grandfathered tags).
_LANGUAGE_TAG = re.compile(
    r"(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"  # language, extlang
    r"(?:-[a-z]{4})?"  # script
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"  # region
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"  # variants
    r"(?:-[a-wyz0-9](?:-[a-z0-9]{2,8})+)*"  # extensions
    r"(?:-x(?:-[a-z0-9]{1,8})+)?"  # private use
    r"|x(?:-[a-z0-9]{1,8})+)",
    re.IGNORECASE | re.ASCII,
)

#: Block ids are ours: ``c<chapter>b<index>``, whatever a stored Document says.
_BLOCK_ID = re.compile(r"c[0-9]{1,9}b[0-9]{1,9}", re.ASCII)

#: Link schemes that run code or carry a whole page; a link to one is never kept.
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")

_log = logging.getLogger(__name__)


def valid_language(code: str) -> bool:
    """Whether ``code`` is "" (unknown) or a well-formed BCP 47 tag ("kk", "ru-RU", "und")."""
    return code == "" or (isinstance(code, str) and len(code) <= 64 and _LANGUAGE_TAG.fullmatch(code) is not None)


def _checked_language(code: str, where: str) -> str:
    """``code`` if it is a language tag ("ru_RU" written with "-"), else "und" with a warning
    (a source's ``lang`` is never trusted)."""
    if isinstance(code, str) and valid_language(code.replace("_", "-")):
        return code.replace("_", "-")
    _log.warning("%s: %r is not a BCP 47 language tag; dropped", where, str(code)[:80])
    return "und"


def unsafe_link(target: str) -> bool:
    """Whether a link target would run script or open an inline page (``javascript:``, ``vbscript:``, ``data:``)."""
    squeezed = "".join(ch for ch in str(target) if ch > " " and ch != "\x7f").lower()
    return squeezed.startswith(_UNSAFE_SCHEMES)


@dataclass
class Span:
    """A stretch ``text[start:end]`` of a block with something of its own."""

    kind: str
    start: int
    end: int
    value: str

    def __post_init__(self) -> None:
        if self.kind == SPAN_LANG:
            self.value = _checked_language(self.value, "span")
        elif self.kind == SPAN_NOTEREF and unsafe_link(self.value):
            _log.warning("note reference %r dropped: not a link to a note", self.value[:80])
            self.value = ""


@dataclass
class Repair:
    """A word of a block rewritten when the book was read: ``text[start:end]`` was ``original``.

    Made by ``lookalikes.repair`` for a word typed in two scripts ("Сoncert" with a
    Cyrillic С is now "Concert"); the proofreading page shows the original.
    """

    start: int
    end: int
    original: str


@dataclass
class Sentence:
    """One sentence of a block: ``text[start:end]``, spoken and located as a unit."""

    start: int
    end: int


@dataclass
class Cell:
    """One table cell; header cells are marked so outputs can linearise a table."""

    text: str
    header: bool = False


@dataclass
class Block:
    """One unit of reading: a heading, a paragraph, a table, a page marker…

    ``level`` is the heading level (1–6) or the list nesting depth (1…).
    ``label`` is a list item's marker ("1.", "•"), a note's mark ("1", "*"),
    or an image's file name.  ``note_kind`` is "footnote" or "endnote" and
    ``note_ref`` the id of the block that refers to the note.
    ``rows`` holds a table's cells; its ``text`` is their linearisation
    (see :func:`linearise_table`) so sentences and locators work the same way.
    ``confidence`` is the mean OCR word confidence (0–100) of a block recognised
    from a scan, ``None`` for text that came from a text layer.  ``repairs`` lists the words
    rewritten in one script when the book was read, with what was typed.
    """

    id: str
    kind: str
    text: str = ""
    lang: str = "und"
    level: int = 0
    label: str = ""
    spans: list[Span] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    note_kind: str = ""
    note_ref: str = ""
    confidence: float | None = None
    repairs: list[Repair] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lang = _checked_language(self.lang, f"block {self.id}")

    def sentence_texts(self) -> list[str]:
        """The text of each sentence, in order."""
        return [self.text[s.start : s.end] for s in self.sentences]

    def sentence_id(self, index: int) -> str:
        """The id of sentence ``index`` of this block (``c1b4s2``), used as an anchor."""
        return f"{self.id}s{index}"

    def sentence_at(self, offset: int) -> int:
        """The index of the sentence holding character ``offset`` (0 if none)."""
        for index, sentence in enumerate(self.sentences):
            if offset < sentence.end:
                return index
        return max(len(self.sentences) - 1, 0)

    def lang_at(self, offset: int) -> str:
        """The language at character ``offset``: an embedded span's, else the block's."""
        for span in self.spans:
            if span.kind == SPAN_LANG and span.start <= offset < span.end:
                return span.value
        return self.lang

    def lang_runs(self) -> list[tuple[int, int, str]]:
        """The block's text cut into ``(start, end, lang)`` runs of one language each."""
        runs: list[tuple[int, int, str]] = []
        position = 0
        for span in sorted((s for s in self.spans if s.kind == SPAN_LANG), key=lambda s: s.start):
            if span.start < position:
                continue
            if span.start > position:
                runs.append((position, span.start, self.lang))
            runs.append((span.start, span.end, span.value))
            position = span.end
        if position < len(self.text) or not runs:
            runs.append((position, len(self.text), self.lang))
        return runs


@dataclass
class Chapter:
    """A chapter: a spine item, a top-level section, or a whole short text."""

    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class TocEntry:
    """One line of the table of contents, pointing at a heading block."""

    title: str
    level: int
    block: str


@dataclass
class Metadata:
    """What the catalog needs to know about a title."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    identifier: str = ""
    publisher: str = ""
    date: str = ""
    description: str = ""
    source_format: str = ""
    source_checksum: str = ""

    def __post_init__(self) -> None:
        tags = [code.replace("_", "-") if isinstance(code, str) else "" for code in self.languages]
        dropped = [code for code, tag in zip(self.languages, tags, strict=True) if code and not valid_language(tag)]
        if dropped:
            _log.warning("book languages %r: not BCP 47 language tags; dropped", dropped)
        self.languages = [tag for tag in tags if tag and valid_language(tag)]


@dataclass
class Notice:
    """Something staff should check (an image without alt text, a guessed language…)."""

    code: str
    detail: str = ""
    block: str = ""


@dataclass(frozen=True)
class Locator:
    """One place in a book: chapter index, block id, sentence index, character offset.

    ``offset`` counts characters from the start of the block's text.  The string
    form ``"2:c2b14:1:37"`` is what URLs, bookmarks and saved positions carry.
    """

    chapter: int
    block: str
    sentence: int = 0
    offset: int = 0

    def __str__(self) -> str:
        return f"{self.chapter}:{self.block}:{self.sentence}:{self.offset}"

    @classmethod
    def parse(cls, text: str) -> Locator:
        """Read the string form; raises ``ValueError`` on anything else."""
        parts = text.split(":")
        if len(parts) != 4 or not parts[1]:
            raise ValueError(f"not a locator: {text!r}")
        return cls(int(parts[0]), parts[1], int(parts[2]), int(parts[3]))


@dataclass
class Document:
    """A whole book in reading order."""

    metadata: Metadata = field(default_factory=Metadata)
    chapters: list[Chapter] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    def blocks(self) -> Iterator[tuple[int, Block]]:
        """Every block with its chapter index, in reading order."""
        for index, chapter in enumerate(self.chapters):
            for block in chapter.blocks:
                yield index, block

    def block(self, block_id: str) -> Block:
        """The block with this id; raises ``KeyError`` when there is none."""
        for _, block in self.blocks():
            if block.id == block_id:
                return block
        raise KeyError(block_id)

    def locate(self, block_id: str, offset: int = 0) -> Locator:
        """The locator of character ``offset`` in block ``block_id``."""
        for chapter, block in self.blocks():
            if block.id == block_id:
                return Locator(chapter, block_id, block.sentence_at(offset), offset)
        raise KeyError(block_id)

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA_VERSION, **asdict(self)}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """A Document from its ``to_dict`` form; ``ValueError`` for another schema, or block ids and
        references that are not ours (a stored Document from elsewhere must not choose page attributes)."""
        if data.get("schema") != SCHEMA_VERSION:
            raise ValueError(f"unsupported document schema {data.get('schema')!r}")
        document = cls(
            metadata=Metadata(**data["metadata"]),
            chapters=[
                Chapter(title=c["title"], blocks=[_block_from_dict(b) for b in c["blocks"]]) for c in data["chapters"]
            ],
            toc=[TocEntry(**t) for t in data["toc"]],
            notices=[Notice(**n) for n in data["notices"]],
        )
        _check_ids(document)
        return document

    @classmethod
    def from_json(cls, text: str) -> Document:
        return cls.from_dict(json.loads(text))


def _check_ids(document: Document) -> None:
    """``ValueError`` unless every block id is ``c<n>b<n>`` and every reference names one of them."""
    ids = set()
    for _, block in document.blocks():
        if not isinstance(block.id, str) or not _BLOCK_ID.fullmatch(block.id):
            raise ValueError(f"not a block id: {str(block.id)[:80]!r}")
        ids.add(block.id)
    references = [entry.block for entry in document.toc]
    for _, block in document.blocks():
        references += [span.value for span in block.spans if span.kind == SPAN_NOTEREF]
        references += [block.note_ref] if block.note_ref else []
    unknown = next((ref for ref in references if ref not in ids), None)
    if unknown is not None:
        raise ValueError(f"a reference to no block: {str(unknown)[:80]!r}")


def _block_from_dict(data: dict[str, Any]) -> Block:
    return Block(
        **{
            **data,
            "spans": [Span(**s) for s in data["spans"]],
            "sentences": [Sentence(**s) for s in data["sentences"]],
            "rows": [[Cell(**c) for c in row] for row in data["rows"]],
            "repairs": [Repair(**r) for r in data.get("repairs", [])],
        }
    )


def linearise_table(rows: list[list[Cell]]) -> str:
    """A table as text: one line per row, cells separated by "; ".

    A data cell under a header cell is read with that header ("Year: 2024"), the
    way a screen reader announces a table.
    """
    headers = [c.text for c in rows[0]] if rows and all(c.header for c in rows[0]) else []
    lines = []
    for row_index, row in enumerate(rows):
        cells = []
        for col, cell in enumerate(row):
            if headers and row_index > 0 and col < len(headers) and headers[col] and cell.text:
                cells.append(f"{headers[col]}: {cell.text}")
            else:
                cells.append(cell.text)
        if row_index == 0 and headers:
            continue
        lines.append("; ".join(c for c in cells if c))
    if headers and len(rows) == 1:
        lines.append("; ".join(headers))
    return "\n".join(lines)


@dataclass
class ChapterOutline:
    """A chapter as the table of contents knows it: its title and how many blocks it holds."""

    title: str
    blocks: int


@dataclass
class Outline:
    """A Document without its blocks: what a title page, a chapter list or a reader's
    first screen needs before any chapter is read (``Document.outline``)."""

    metadata: Metadata = field(default_factory=Metadata)
    chapters: list[ChapterOutline] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    def document(self, chapters: dict[int, Chapter]) -> Document:
        """A Document holding only ``chapters`` (by index); every other chapter keeps its title but no blocks.

        Chapter indexes (and so block ids and locators) are those of the whole book.
        """
        return Document(
            metadata=self.metadata,
            chapters=[chapters.get(i) or Chapter(title=c.title) for i, c in enumerate(self.chapters)],
            toc=self.toc,
            notices=self.notices,
        )

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA_VERSION, **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Outline:
        if data.get("schema") != SCHEMA_VERSION:
            raise ValueError(f"unsupported document schema {data.get('schema')!r}")
        return cls(
            metadata=Metadata(**data["metadata"]),
            chapters=[ChapterOutline(**c) for c in data["chapters"]],
            toc=[TocEntry(**t) for t in data["toc"]],
            notices=[Notice(**n) for n in data["notices"]],
        )


def outline_of(document: Document) -> Outline:
    """The outline of ``document``: its metadata, table of contents, notices and chapter titles."""
    return Outline(
        metadata=document.metadata,
        chapters=[ChapterOutline(c.title, len(c.blocks)) for c in document.chapters],
        toc=document.toc,
        notices=document.notices,
    )


def chapter_to_dict(chapter: Chapter) -> dict[str, Any]:
    """One chapter as plain data (as it sits in ``Document.to_dict``)."""
    return asdict(chapter)


def chapter_from_dict(data: dict[str, Any]) -> Chapter:
    """The inverse of ``chapter_to_dict``."""
    return Chapter(title=data["title"], blocks=[_block_from_dict(b) for b in data["blocks"]])


def first_with_text(chapters: Sequence[object]) -> int:
    """The index of the first chapter (a ``Chapter`` or ``ChapterOutline``) with blocks, else 0: where
    a reader starts, and so what is read first."""
    return next((index for index, chapter in enumerate(chapters) if chapter.blocks), 0)  # type: ignore[attr-defined]
