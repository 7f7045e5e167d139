"""One chapter of a Document as accessible HTML, for the web reader.

    (Chapter, interface language) ──render_chapter──▶ Markup (HTML of its blocks)
    (Chapter, Locator) ──anchor──▶ the element id the locator points at

Every block becomes its natural element (headings keep their level under the
page's ``h1``, list items are grouped into lists, tables get header cells, poems
keep their lines) with its block id as the element id and its ``lang``, so a
screen reader switches voice and braille table per paragraph; an embedded
language is a ``<span lang>``, emphasis ``<em>`` and a note reference a link to
its note.  Each sentence of a block's text is a ``<span class="s">`` whose id is
the sentence id (``c1b4s2``, as in the audio timings): the anchor a locator
points at, to the sentence.  An unknown language is ``lang=""`` (unknown, in
HTML's own words), never the page's language by mistake.
"""

from __future__ import annotations

from bisect import bisect_right
from html import escape
from itertools import groupby, pairwise

from markupsafe import Markup

from ..model import (
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
    Chapter,
    Locator,
    Sentence,
)

#: Document languages a page may name; anything else is "unknown".
_UNKNOWN = ("", "und", "zxx", "mul")


def html_lang(code: str) -> str:
    """The ``lang`` attribute value for a Document language code."""
    return "" if code in _UNKNOWN else code


def render_chapter(chapter: Chapter, page_lang: str) -> Markup:
    """The chapter's blocks as HTML; ``page_lang`` is the interface language around them."""
    parts: list[str] = []
    in_list = False
    for block in chapter.blocks:
        if block.kind == LIST_ITEM and not in_list:
            parts.append('<ul class="items">')
            in_list = True
        elif block.kind != LIST_ITEM and in_list:
            parts.append("</ul>")
            in_list = False
        parts.append(_block(block))
    if in_list:
        parts.append("</ul>")
    return Markup("\n".join(parts))


def anchor(chapter: Chapter, locator: Locator) -> str:
    """The id of the element showing ``locator``: its sentence's span, else its block ("" when not in ``chapter``)."""
    block = next((b for b in chapter.blocks if b.id == locator.block), None)
    if block is None:
        return ""
    if _sentenced(block) and 0 <= locator.sentence < len(block.sentences):
        return block.sentence_id(locator.sentence)
    return block.id


def _sentenced(block: Block) -> bool:
    """Whether the block's sentences are marked in its HTML (not a table's cells, not a page number)."""
    return bool(block.sentences) and block.kind != PAGE_MARKER and not (block.kind == TABLE and block.rows)


def _block(block: Block) -> str:
    attrs = f'id="{escape(block.id)}" lang="{html_lang(block.lang)}"'
    text = _inline(block)
    if block.kind == HEADING:
        level = min(max(block.level, 1) + 1, 6)
        return f"<h{level} {attrs}>{text}</h{level}>"
    if block.kind == LIST_ITEM:
        label = f'<span class="label">{escape(block.label)}</span> ' if block.label and block.label != "•" else ""
        return f"<li {attrs}>{label}{text}</li>"
    if block.kind == BLOCKQUOTE:
        return f"<blockquote {attrs}><p>{text}</p></blockquote>"
    if block.kind == STANZA:
        return f'<p class="stanza" {attrs}>{text.replace(chr(10), "<br>")}</p>'
    if block.kind == TABLE and block.rows:
        return f"<table {attrs}>{_rows(block)}</table>"
    if block.kind == NOTE:
        back = f' <a href="#{escape(block.note_ref)}">↩</a>' if block.note_ref else ""
        label = f"{escape(block.label)} " if block.label else ""
        return f'<p class="note" {attrs}>{label}{text}{back}</p>'
    if block.kind == IMAGE:
        return f'<p class="image" {attrs}>[{text}]</p>'
    if block.kind == PAGE_MARKER:
        return f'<p class="page" id="{escape(block.id)}" lang="">— {escape(block.text)} —</p>'
    return f"<p {attrs}>{text}</p>"


def _rows(block: Block) -> str:
    rows = []
    for row in block.rows:
        cells = "".join(
            f'<th scope="col">{escape(c.text)}</th>' if c.header else f"<td>{escape(c.text)}</td>" for c in row
        )
        rows.append(f"<tr>{cells}</tr>")
    return "".join(rows)


def _inline(block: Block) -> str:
    """The block's text with its sentences and spans as nested elements, cut where any of them starts or ends."""
    text = block.text
    sentences = block.sentences if _sentenced(block) else []
    edges = [p for s in (*block.spans, *sentences) for p in (s.start, s.end)]
    cuts = sorted({0, len(text), *(p for p in edges if 0 <= p <= len(text))})
    starts = [s.start for s in sentences]
    pieces = [(_sentence_of(sentences, starts, start, end), _piece(block, start, end)) for start, end in pairwise(cuts)]
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


def _piece(block: Block, start: int, end: int) -> str:
    """``text[start:end]`` of the block within the spans covering it."""
    piece = escape(block.text[start:end])
    covering = [s for s in block.spans if s.start <= start and end <= s.end]
    if any(s.kind == SPAN_EMPHASIS for s in covering):
        piece = f"<em>{piece}</em>"
    note = next((s.value for s in covering if s.kind == SPAN_NOTEREF), "")
    if note:
        piece = f'<a href="#{escape(note)}">{piece}</a>'
    lang = next((s.value for s in covering if s.kind == SPAN_LANG), block.lang)
    if lang != block.lang:
        piece = f'<span lang="{html_lang(lang)}">{piece}</span>'
    return piece
