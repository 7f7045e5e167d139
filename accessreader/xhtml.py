"""A chapter of a Document as (X)HTML: the web reader's page and the talking books' text, one renderer.

    (Chapter, Style) ──render──▶ its blocks as HTML (web) or XHTML (DAISY 2.02, EPUB 3), one element a line

Every block becomes its natural element with its block id as the element id
and its ``lang``: headings keep their level (shifted under the web page's
``h1``), list items are grouped into a list, tables get header cells, poems keep
their lines, notes link back to their reference.  Inside a block an embedded
language is a ``<span lang>`` (in XHTML also ``xml:lang``), emphasis ``<em>``
and a note reference a link to its note, so a screen reader or a reading
system switches voice, braille table or display with the text.  Each sentence
is a ``<span class="s">`` whose id is the sentence id (``c1b4s2``): what a
locator, the audio timings and the SMIL of a talking book point at.

Everything from the book is escaped, text and attribute values alike; the only
ids written are the Document's block and sentence ids.  A note link is written
only where ``Style.note_href`` says the note can be reached.

The web page marks the sentences of text (not a table's linearised lines nor a
page number: its script treats those blocks as one place each); a talking book
marks every sentence its audio speaks (``Style.every_sentence``): a table's
sentences on its rows, a page number's on the number.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from itertools import groupby, pairwise

from .model import (
    BLOCKQUOTE,
    HEADING,
    IMAGE,
    LIST_ITEM,
    NOTE,
    PAGE_MARKER,
    SPAN_EMPHASIS,
    SPAN_LANG,
    SPAN_NOTEREF,
    STANZA,
    TABLE,
    Block,
    Cell,
    Chapter,
    Sentence,
    linearise_table,
)

#: Document languages that name no language (unknown, no linguistic content, several).
_UNKNOWN = ("", "und", "zxx", "mul")


def _same_page(target: str) -> str | None:
    return "#" + target


@dataclass(frozen=True)
class Style:
    """How a chapter is written: for the web page or for a talking book."""

    xml: bool = False  # XHTML: lang with xml:lang (none for an unknown language), <br/>
    heading_shift: int = 0  # added to heading levels (the web page's own h1 is the title)
    every_sentence: bool = False  # mark every spoken sentence: a table's rows, a page number
    note_href: Callable[[str], str | None] = _same_page  # block id → link to it, None: not reachable


#: The web chapter page.
WEB = Style(heading_shift=1)


def html_lang(code: str) -> str:
    """The ``lang`` attribute value for a Document language code ("" when unknown, as HTML says it)."""
    return "" if code in _UNKNOWN else code


def lang_attributes(code: str, xml: bool) -> str:
    """`` lang="kk"`` (HTML, `` lang=""`` when unknown) or `` lang="kk" xml:lang="kk"`` (XHTML, nothing when unknown)."""
    value = escape(html_lang(code))
    if not xml:
        return f' lang="{value}"'
    return f' lang="{value}" xml:lang="{value}"' if value else ""


def render(chapter: Chapter, style: Style = WEB) -> str:
    """The chapter's blocks as (X)HTML, one element a line; consecutive list items make one list."""
    parts: list[str] = []
    for is_list, blocks in groupby(chapter.blocks, key=lambda b: b.kind == LIST_ITEM):
        elements = [_block(block, style) for block in blocks]
        parts += ['<ul class="items">', *elements, "</ul>"] if is_list else elements
    return "\n".join(parts)


def marked_sentences(block: Block, style: Style) -> list[Sentence]:
    """The sentences of ``block`` written as ``<span class="s">`` in its text (a table's go on its rows)."""
    if block.kind == PAGE_MARKER:
        return [Sentence(0, len(block.text))] if style.every_sentence else []
    return [] if _as_table(block, style) else block.sentences


def _as_table(block: Block, style: Style) -> bool:
    """Whether the block is written as a table (a talking book needs its rows to carry its sentences)."""
    return block.kind == TABLE and bool(block.rows) and (not style.every_sentence or _table_lines(block) is not None)


def _block(block: Block, style: Style) -> str:
    attrs = f'id="{escape(block.id)}"{lang_attributes(block.lang, style.xml)}'
    if block.kind == PAGE_MARKER:
        attrs = f'id="{escape(block.id)}"{lang_attributes("zxx", style.xml)}'
        return f'<p class="page" {attrs}>— {_inline(block, style)} —</p>'
    if _as_table(block, style):
        return f"<table {attrs}>{_rows(block, style)}</table>"
    text = _inline(block, style)
    if block.kind == HEADING:
        level = min(max(block.level, 1) + style.heading_shift, 6)
        return f"<h{level} {attrs}>{text}</h{level}>"
    if block.kind == LIST_ITEM:
        label = f'<span class="label">{escape(block.label)}</span> ' if block.label and block.label != "•" else ""
        return f"<li {attrs}>{label}{text}</li>"
    if block.kind == BLOCKQUOTE:
        return f"<blockquote {attrs}><p>{text}</p></blockquote>"
    if block.kind == STANZA:
        return f'<p class="stanza" {attrs}>{text.replace(chr(10), "<br/>" if style.xml else "<br>")}</p>'
    if block.kind == NOTE:
        href = style.note_href(block.note_ref) if block.note_ref else None
        back = f' <a href="{escape(href)}">↩</a>' if href else ""
        label = f"{escape(block.label)} " if block.label else ""
        return f'<p class="note" {attrs}>{label}{text}{back}</p>'
    if block.kind == IMAGE:
        return f'<p class="image" {attrs}>[{text}]</p>'
    return f"<p {attrs}>{text}</p>"


# Tables ---------------------------------------------------------------------------------------


def _table_lines(block: Block) -> list[int] | None:
    """The start of each row's line in the block's text, when a talking book marks the rows (else None).

    The text is the rows' linearisation (:func:`linearise_table`): one line a data row, the
    header row read with each cell.  A text that is not (a stored Document's own) is written
    as a paragraph in a talking book, so that every spoken sentence still has its element.
    """
    if block.text != linearise_table(block.rows):
        return None
    starts, position = [], 0
    for line in block.text.split("\n"):
        starts.append(position)
        position += len(line) + 1
    return starts


def _rows(block: Block, style: Style) -> str:
    rows = block.rows
    places = _sentence_places(block) if style.every_sentence else {}
    html = []
    for index, row in enumerate(rows):
        marks = places.get(index, {})
        row_id = f' id="{escape(block.sentence_id(marks[-1][0][0]))}"' if -1 in marks else ""
        cells = []
        for col, cell in enumerate(row):
            text = _cell_text(block, cell, marks.get(col, []))
            cells.append(f'<th scope="col">{text}</th>' if cell.header else f"<td>{text}</td>")
        html.append(f"<tr{row_id}>{''.join(cells)}</tr>")
    return "".join(html)


def _cell_text(block: Block, cell: Cell, marks: list[tuple[int, int, int]]) -> str:
    """A cell's text with its sentences ``(index, start, end)`` (offsets in the cell's text) as spans."""
    html, position = [], 0
    for index, start, end in marks:
        html.append(escape(cell.text[position:start]))
        html.append(f'<span class="s" id="{escape(block.sentence_id(index))}">{escape(cell.text[start:end])}</span>')
        position = end
    html.append(escape(cell.text[position:]))
    return "".join(html)


def _sentence_places(block: Block) -> dict[int, dict[int, list[tuple[int, int, int]]]]:
    """Where each sentence of a table goes: row → column → [(sentence, start, end) in the cell's text].

    A row with one sentence carries its id itself (column -1); otherwise each sentence is a
    span in the cell where it starts, cut at that cell's end.
    """
    rows, starts = block.rows, _table_lines(block) or []
    headers = [c.text for c in rows[0]] if all(c.header for c in rows[0]) else []
    data = [0] if headers and len(rows) == 1 else list(range(1 if headers else 0, len(rows)))
    line_of = [bisect_right(starts, s.start) - 1 for s in block.sentences]
    places: dict[int, dict[int, list[tuple[int, int, int]]]] = {}
    for line, row_index in enumerate(data):
        mine = [i for i, found in enumerate(line_of) if found == line]
        if len(mine) == 1:
            places[row_index] = {-1: [(mine[0], 0, 0)]}
            continue
        cells = _cell_ranges(rows[row_index], headers if row_index else [], starts[line])
        for index in mine:
            sentence = block.sentences[index]
            found = [c for c in cells if c[1] <= sentence.start] or cells[:1]
            col, _, text_start, text_end = found[-1]
            start = min(max(sentence.start, text_start), text_end) - text_start
            end = min(max(sentence.end, text_start), text_end) - text_start
            places.setdefault(row_index, {}).setdefault(col, []).append((index, start, max(start, end)))
    return places


def _cell_ranges(row: list[Cell], headers: list[str], line_start: int) -> list[tuple[int, int, int, int]]:
    """Each non-empty cell of a row as (column, piece start, cell text start, cell text end) in the block's text."""
    ranges, position = [], line_start
    for col, cell in enumerate(row):
        prefix = f"{headers[col]}: " if col < len(headers) and headers[col] and cell.text else ""
        piece = prefix + cell.text
        if not piece:
            continue
        ranges.append((col, position, position + len(prefix), position + len(piece)))
        position += len(piece) + 2  # "; "
    return ranges


# Text -----------------------------------------------------------------------------------------


def _inline(block: Block, style: Style) -> str:
    """The block's text with its sentences and spans as nested elements, cut where any of them starts or ends."""
    text = block.text
    sentences = marked_sentences(block, style)
    edges = [p for s in (*block.spans, *sentences) for p in (s.start, s.end)]
    cuts = sorted({0, len(text), *(p for p in edges if 0 <= p <= len(text))})
    starts = [s.start for s in sentences]
    pieces = [
        (_sentence_of(sentences, starts, start, end), _piece(block, start, end, style)) for start, end in pairwise(cuts)
    ]
    if not pieces and sentences:  # an empty page number still carries its sentence's id
        pieces = [(0, "")]
    html = []
    for index, group in groupby(pieces, key=lambda item: item[0]):
        joined = "".join(piece for _, piece in group)
        html.append(
            joined if index is None else f'<span class="s" id="{escape(block.sentence_id(index))}">{joined}</span>'
        )
    return "".join(html)


def _sentence_of(sentences: list[Sentence], starts: list[int], start: int, end: int) -> int | None:
    """The index of the sentence holding ``text[start:end]`` (``starts``: the sentences' starts), None between sentences."""
    index = bisect_right(starts, start) - 1
    return index if index >= 0 and end <= sentences[index].end else None


def _piece(block: Block, start: int, end: int, style: Style) -> str:
    """``text[start:end]`` of the block within the spans covering it."""
    piece = escape(block.text[start:end])
    covering = [s for s in block.spans if s.start <= start and end <= s.end]
    if any(s.kind == SPAN_EMPHASIS for s in covering):
        piece = f"<em>{piece}</em>"
    note = next((s.value for s in covering if s.kind == SPAN_NOTEREF), "")
    href = style.note_href(note) if note else None
    if href:
        piece = f'<a href="{escape(href)}">{piece}</a>'
    lang = next((s.value for s in covering if s.kind == SPAN_LANG), block.lang)
    attributes = lang_attributes(lang, style.xml)
    if lang != block.lang and attributes:
        piece = f"<span{attributes}>{piece}</span>"
    return piece
