"""What every reader uses to make a Document: a builder and an inline-text collector.

A reader walks its source and calls ``DocumentBuilder.chapter`` / ``add`` /
``page``; block ids (``c<chapter>b<index>``) are given in reading order so they
are stable across re-reads.  Footnote references may point forward: a reader
marks a reference with ``InlineText.noteref(anchor)`` and the note block with
``add(..., anchor=...)``; ``build()`` resolves anchors to block ids both ways.

``InlineText`` gathers a block's text from pieces (text nodes, runs) with their
language and emphasis, folds white space, and keeps the spans' offsets right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import (
    NOTE,
    PAGE_MARKER,
    SPAN_EMPHASIS,
    SPAN_LANG,
    SPAN_NOTEREF,
    TABLE,
    Block,
    Cell,
    Chapter,
    Document,
    Metadata,
    Notice,
    Span,
    linearise_table,
)

_WHITE = r"[ \t\r\n\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]"
_SPACE = re.compile(f"{_WHITE}+")
#: The white space runs folding changes: all but a lone plain space between two words, which stays
#: as it is.  A run of two or more, one at either end, one that is not a plain space; each
#: alternative after the first white space character, so the search skips ahead to one.
_UNFOLDED = re.compile(f"{_WHITE}(?:{_WHITE}+|(?<=\\A.)|\\Z|(?<! ))", re.DOTALL)


@dataclass
class _Piece:
    text: str
    lang: str
    emphasis: bool
    noteref: str


@dataclass
class InlineText:
    """A block's text being collected piece by piece.

    ``add(text, lang=..., emphasis=...)`` appends a piece; ``noteref(anchor, mark)``
    appends a note reference mark.  ``result(block_lang)`` folds runs of white
    space to one space (keeping "\\n" when ``keep_lines``), strips the ends, and
    returns the text with its spans; a piece whose language differs from the
    block's becomes a language span.
    """

    keep_lines: bool = False
    pieces: list[_Piece] = field(default_factory=list)

    def add(self, text: str, lang: str = "", emphasis: bool = False) -> None:
        if text:
            self.pieces.append(_Piece(text, lang, emphasis, ""))

    def noteref(self, anchor: str, mark: str) -> None:
        self.pieces.append(_Piece(mark, "", False, anchor))

    def newline(self) -> None:
        self.pieces.append(_Piece("\n", "", False, ""))

    def plain(self) -> str:
        """The folded text alone."""
        return self.result("")[0]

    def result(self, block_lang: str) -> tuple[str, list[Span]]:
        texts = [p.text.strip() if p.noteref else p.text for p in self.pieces]
        bounds = [0]
        for text in texts:
            bounds.append(bounds[-1] + len(text))
        text, where = _fold("".join(texts), self.keep_lines, bounds)
        spans: list[Span] = []
        for index, piece in enumerate(self.pieces):
            start, end = where[bounds[index]], where[bounds[index + 1]]
            while start < end and text[start] in " \n":
                start += 1
            while end > start and text[end - 1] in " \n":
                end -= 1
            if start == end:
                continue
            if piece.noteref:
                spans.append(Span(SPAN_NOTEREF, start, end, piece.noteref))
                continue
            if piece.lang and piece.lang != block_lang:
                spans.append(Span(SPAN_LANG, start, end, piece.lang))
            if piece.emphasis:
                spans.append(Span(SPAN_EMPHASIS, start, end, "em"))
        return text, _merge(spans, text)


def _fold(raw: str, keep_lines: bool, positions: list[int]) -> tuple[str, dict[int, int]]:
    """Fold white space runs to one space (or one newline) and strip the ends.

    Returns the text and where each of the ascending offsets ``positions`` of
    ``raw`` lands in it (an offset inside a folded run lands where the run's
    separator stands).
    """
    out: list[str] = []
    where: dict[int, int] = {}
    pending = iter(positions)
    position = next(pending, None)
    removed = last = 0
    for match in _UNFOLDED.finditer(raw):
        start, end = match.span()
        while position is not None and position < start:
            where[position] = position - removed
            position = next(pending, None)
        while position is not None and position < end:
            where[position] = start - removed
            position = next(pending, None)
        separator = ""
        if 0 < start and end < len(raw):
            separator = "\n" if keep_lines and "\n" in match.group() else " "
        out += (raw[last:start], separator)
        removed += end - start - len(separator)
        last = end
    out.append(raw[last:])
    while position is not None:
        where[position] = position - removed
        position = next(pending, None)
    return "".join(out), where


def _merge(spans: list[Span], text: str) -> list[Span]:
    """Join spans of the same kind and value separated only by spaces."""
    merged: list[Span] = []
    for span in spans:
        previous = next((m for m in reversed(merged) if m.kind == span.kind), None)
        if (
            previous is not None
            and previous.value == span.value
            and span.kind != SPAN_NOTEREF
            and not text[previous.end : span.start].strip()
        ):
            previous.end = span.end
        else:
            merged.append(Span(span.kind, span.start, span.end, span.value))
    return sorted(merged, key=lambda s: (s.start, s.kind))


class DocumentBuilder:
    """Collects chapters and blocks in reading order; ``build()`` returns the Document."""

    def __init__(self, source_format: str) -> None:
        self.metadata = Metadata(source_format=source_format)
        self.notices: list[Notice] = []
        self._chapters: list[Chapter] = []
        self._anchors: dict[str, str] = {}

    def chapter(self, title: str = "") -> None:
        """Start a new chapter (an empty current chapter is reused)."""
        if self._chapters and not self._chapters[-1].blocks:
            self._chapters[-1].title = title or self._chapters[-1].title
            return
        self._chapters.append(Chapter(title=title))

    def add(
        self,
        kind: str,
        text: str | InlineText = "",
        *,
        lang: str = "",
        level: int = 0,
        label: str = "",
        rows: list[list[Cell]] | None = None,
        note_kind: str = "",
        anchor: str = "",
    ) -> Block | None:
        """Append a block to the current chapter; blocks with no text are skipped.

        ``lang`` is the language the source declares (a hint), ``anchor`` the
        source's id for the block so references can find it.
        """
        if not self._chapters:
            self.chapter()
        spans: list[Span] = []
        if isinstance(text, InlineText):
            text, spans = text.result(lang)
        elif kind != TABLE:
            text = "\n".join(_SPACE.sub(" ", line).strip() for line in text.split("\n")).strip()
        if kind == TABLE:
            rows = [row for row in (rows or []) if any(c.text for c in row)]
            text = linearise_table(rows)
        if not text and kind not in (PAGE_MARKER,):
            return None
        chapter = self._chapters[-1]
        block = Block(
            id=f"c{len(self._chapters) - 1}b{len(chapter.blocks)}",
            kind=kind,
            text=text,
            lang=lang or "und",
            level=level,
            label=label,
            spans=spans,
            rows=rows or [],
            note_kind=note_kind if kind == NOTE else "",
        )
        chapter.blocks.append(block)
        if anchor:
            self._anchors.setdefault(anchor, block.id)
        return block

    def page(self, number: str) -> None:
        """Record a print page break before what follows ("17", "xii")."""
        number = number.strip()
        if number:
            self.add(PAGE_MARKER, number)

    def notice(self, code: str, detail: str = "", block: str = "") -> None:
        self.notices.append(Notice(code, detail, block))

    def build(self) -> Document:
        """The Document, with note references and notes linked both ways.

        A reference whose note is missing becomes plain text with a notice.
        """
        chapters = [c for c in self._chapters if c.blocks]
        if chapters != self._chapters:
            self._renumber(chapters)
        blocks = {b.id: b for c in chapters for b in c.blocks}
        for chapter in chapters:
            for block in chapter.blocks:
                kept = []
                for span in block.spans:
                    if span.kind == SPAN_NOTEREF:
                        target = self._anchors.get(span.value)
                        if target is None:
                            self.notice("note_missing", span.value, block.id)
                            continue
                        span.value = target
                        note = blocks[target]
                        if note.kind == NOTE and not note.note_ref:
                            note.note_ref = block.id
                    kept.append(span)
                block.spans = kept
        return Document(metadata=self.metadata, chapters=chapters, notices=self.notices)

    def _renumber(self, chapters: list[Chapter]) -> None:
        renamed: dict[str, str] = {}
        for ci, chapter in enumerate(chapters):
            for bi, block in enumerate(chapter.blocks):
                new = f"c{ci}b{bi}"
                renamed[block.id] = new
                block.id = new
        self._anchors = {a: renamed[i] for a, i in self._anchors.items() if i in renamed}


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


def roman(value: int) -> str:
    """``value`` (1–3999) as a lower-case Roman numeral, as list and note marks are written: 14 → "xiv"."""
    out = []
    for size, numeral in _ROMAN:
        count, value = divmod(value, size)
        out.append(numeral * count)
    return "".join(out)


__all__ = ["DocumentBuilder", "InlineText", "SPAN_LANG", "SPAN_EMPHASIS", "roman"]
