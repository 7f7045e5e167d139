"""(X)HTML element trees into DocumentBuilder calls: shared by the EPUB and HTML readers.

    epub.py / html.py ──parsed tree──▶ index_notes (every document of the book)
                                       walk (one document) ──▶ DocumentBuilder blocks

``walk`` keeps the text order exactly: headings, paragraphs, list items (level =
nesting depth, label "•", "1.", "a."), block quotes, tables (header cells marked),
images (alt text or caption), poem stanzas (lines joined by "\\n"), notes and
print page markers.  ``lang``/``xml:lang`` become block language hints or inline
language spans; em/i/strong/b become emphasis spans; footnote references become
note-reference spans that the builder links to their note blocks.  Scripts,
styles, navigation and hidden content are skipped.

Anchors are ``"<file>#<id>"`` (``file`` as the caller names the document); every
element id is mapped to the first block at or after it, so a table of contents
or a page list can point into the document.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field, replace
from urllib.parse import unquote

from lxml import etree

from ..model import BLOCKQUOTE, HEADING, IMAGE, LIST_ITEM, NOTE, PARAGRAPH, STANZA, TABLE, Block, Cell
from .builder import DocumentBuilder, InlineText, roman
from .paragraphs import split_long

_EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_SKIP = {
    "script",
    "style",
    "template",
    "noscript",
    "head",
    "title",
    "nav",
    "rp",
    "iframe",
    "input",
    "select",
    "textarea",
    "button",
    "object",
    "embed",
    "canvas",
    "map",
}
_BLOCK = {
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "img",
    "svg",
    "caption",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "tfoot",
    "html",
}
_SPLIT = {PARAGRAPH, BLOCKQUOTE, LIST_ITEM}  # kinds an overlong block of is cut into several
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_EMPHASIS = {"em", "i", "strong", "b"}
_NOTE_TYPES = {"footnote", "endnote", "rearnote", "note", "doc-footnote", "doc-endnote"}
_ENDNOTE_TYPES = {"endnote", "rearnote", "doc-endnote", "endnotes", "rearnotes", "doc-endnotes"}
_NOTE_LISTS = {"footnotes", "endnotes", "rearnotes", "doc-endnotes", "doc-footnotes"}
_NOTEREF_TYPES = {"noteref", "doc-noteref"}
_PAGEBREAK_TYPES = {"pagebreak", "doc-pagebreak"}
_POEM = {"poem", "verse", "poetry", "song", "lyrics", "z3998:poem", "z3998:verse", "z3998:song", "z3998:lyrics"}
_STANZA = {"stanza", "linegroup", "lg", "z3998:linegroup"}
_LINE = {"line", "l", "verse-line", "z3998:line"}
_NOTE_HOLDERS = {"p", "li", "dd", "aside", "div", "section"}
_NOTE_NUMBER = re.compile(r"^\[?(\d{1,4}|\*{1,3})[.)\]]?\s")
_LINE_BREAK = re.compile(r"[\r\n]+")
_PAGE_PREFIX = re.compile(r"^(?:page|pg|p|стр|бет)[\s._-]*", re.IGNORECASE)


def local_name(element: etree._Element) -> str:
    """The element's tag without namespace, lower case ("" for comments and instructions)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    name = _NAMES.get(tag)
    if name is None:
        name = _NAMES[tag] = tag.rpartition("}")[2].lower()
    return name


_NAMES: dict[str, str] = {}


def element_lang(element: etree._Element) -> str:
    """The language the element declares with ``xml:lang`` or ``lang`` ("" if none)."""
    value = element.get(_XML_LANG) or element.get("xml:lang") or element.get("lang") or ""
    return value.strip()


def _types(element: etree._Element) -> set[str]:
    """The element's epub:type and role tokens, lower case."""
    if not element.attrib:
        return set()
    value = " ".join(filter(None, (element.get(_EPUB_TYPE), element.get("epub:type"), element.get("role"))))
    return set(value.lower().split())


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").lower().split())


def is_pagebreak(element: etree._Element) -> bool:
    """True for a print page break marker (epub:type pagebreak, role doc-pagebreak)."""
    return bool(_types(element) & _PAGEBREAK_TYPES)


def _hidden(element: etree._Element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return (
        element.get("hidden") is not None
        or (element.get("aria-hidden") or "").lower() == "true"
        or "display:none" in style
        or "visibility:hidden" in style
    )


def _skipped(element: etree._Element) -> bool:
    return local_name(element) in _SKIP or _hidden(element)


def resolve(file: str, href: str) -> str:
    """A link ``href`` found in document ``file`` as an anchor ``"<file>#<id>"`` (or ``"<file>"``)."""
    href = unquote(href.strip())
    path, _, fragment = href.partition("#")
    if path:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(file), path))
    else:
        path = file
    return f"{path}#{fragment}" if fragment else path


def text_content(element: etree._Element) -> str:
    """The element's readable text, folded, without skipped content, page numbers, notes or their marks."""
    parts: list[str] = []

    def collect(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            name = local_name(child)
            if name and not (_skipped(child) or is_pagebreak(child) or _types(child) & (_NOTE_TYPES | _NOTEREF_TYPES)):
                parts.append(f" {child.get('alt') or ''} " if name == "img" else " " if name in _BLOCK else "")
                collect(child)
                parts.append(" " if name in _BLOCK else "")
            if child.tail:
                parts.append(child.tail)

    collect(element)
    text = InlineText()
    text.add("".join(parts))
    return text.plain()


@dataclass
class NoteIndex:
    """The book's notes: each note element with its anchor and kind, and every id inside a note."""

    notes: dict[etree._Element, tuple[str, str]] = field(default_factory=dict)
    alias: dict[str, str] = field(default_factory=dict)


def index_notes(documents: dict[str, etree._Element]) -> NoteIndex:
    """Find the notes of all ``documents`` (file → root) so references can point forward.

    A note is an element marked as footnote/endnote (epub:type, role, ``aside``, an
    item of an endnotes list), or the target of a link marked as a note reference.
    """
    ids: dict[str, tuple[str, etree._Element]] = {}
    marked: list[tuple[str, etree._Element]] = []
    explicit: list[str] = []
    for file, root in documents.items():
        for element in root.iter():
            name = local_name(element)
            if not name:
                continue
            if element.get("id"):
                ids.setdefault(f"{file}#{element.get('id')}", (file, element))
            if _is_marked_note(element):
                marked.append((file, element))
            if name == "a" and element.get("href") and _is_explicit_ref(element):
                explicit.append(resolve(file, element.get("href")))
    index = NoteIndex()
    for file, element in marked:
        _add_note(index, file, element)
    for target in explicit:
        file, element = ids.get(target, ("", None))
        if element is None or _inside_note(element, index):
            continue
        holder = _note_holder(element)
        if holder is not None:
            _add_note(index, file, holder)
    return index


def _is_marked_note(element: etree._Element) -> bool:
    if _types(element) & _NOTE_TYPES or local_name(element) == "aside":
        return True
    parent = element.getparent()
    if local_name(element) == "li" and parent is not None:
        grand = parent.getparent()
        lists = _types(parent) | (_types(grand) if grand is not None else set())
        return bool(lists & _NOTE_LISTS)
    return False


def _is_explicit_ref(element: etree._Element) -> bool:
    parent = element.getparent()
    return bool((_types(element) | (_types(parent) if parent is not None else set())) & _NOTEREF_TYPES)


def _inside_note(element: etree._Element, index: NoteIndex) -> bool:
    return any(a in index.notes for a in element.iterancestors()) or element in index.notes


def _note_holder(element: etree._Element) -> etree._Element | None:
    """The block element holding a reference target: the target itself or its nearest block ancestor."""
    for candidate in (element, *element.iterancestors()):
        name = local_name(candidate)
        if name in ("body", "html"):
            return None
        if name in _NOTE_HOLDERS:
            if name in ("div", "section") and any(local_name(c) in _HEADINGS for c in candidate.iter()):
                return None
            return candidate
    return None


def _add_note(index: NoteIndex, file: str, element: etree._Element) -> None:
    if _inside_note(element, index):
        return
    ids = [e.get("id") for e in element.iter() if isinstance(e.tag, str) and e.get("id")]
    anchor = f"{file}#{ids[0]}" if ids else ""
    types = set().union(*(_types(e) for e in (element, *element.iterancestors())))
    kind = "endnote" if types & _ENDNOTE_TYPES else "footnote"
    index.notes[element] = (anchor, kind)
    for value in ids:
        index.alias.setdefault(f"{file}#{value}", anchor)


@dataclass
class _Context:
    """What the walk knows at one element: the block kind its text makes, language, style."""

    kind: str = PARAGRAPH
    level: int = 0
    label: list[str] = field(default_factory=list)  # shared: the first block made takes it
    lang: str = ""
    emphasis: bool = False
    lines: bool = False  # inside a poem: <br> and line elements make "\n"
    depth: int = 0  # list nesting
    caption: str = ""  # a figure's caption for images without alt text


@dataclass
class Walk:
    """Walks one document's body into ``builder``.

    ``file`` names the document in anchors; ``notes`` comes from ``index_notes``;
    ``pages`` maps element ids to print page numbers (from a page list) for
    documents without page-break markers; ``chapter_level`` starts a new chapter
    at each heading of that level (0: never); ``anchors`` receives
    ``"<file>#<id>"`` and ``"<file>"`` → the block found there.
    """

    builder: DocumentBuilder
    file: str
    notes: NoteIndex
    pages: dict[str, str] = field(default_factory=dict)
    chapter_level: int = 0
    anchors: dict[str, Block] = field(default_factory=dict)
    _pending: list[str] = field(default_factory=list, init=False)  # ids waiting for their block
    _page_breaks: list[str] = field(default_factory=list, init=False)  # page numbers waiting for a block

    def run(self, body: etree._Element, lang: str = "") -> None:
        """Emit the blocks of ``body`` (or any container) with ``lang`` as the inherited language."""
        self._pending.append(self.file)
        if "" in self.pages:
            self._page_breaks.append(self.pages[""])
        self._flow(body, _Context(lang=element_lang(body) or lang))
        self._flush_pages()

    def _flush_pages(self) -> None:
        """Emit waiting page markers: a page break goes just before the next block, in its chapter."""
        for number in self._page_breaks:
            self.builder.page(number)
        self._page_breaks.clear()

    # --- blocks ---------------------------------------------------------------------------

    def _add(self, kind: str, text: str | InlineText, ctx: _Context, **extra: object) -> Block | None:
        """Add a block (an overlong paragraph as several, ``paragraphs.split_long``); return the first."""
        self._flush_pages()
        parts = split_long(text) if isinstance(text, InlineText) and kind in _SPLIT else [text]
        first = None
        for part in parts:
            block = self.builder.add(kind, part, lang=ctx.lang, **extra)
            if block is not None and first is None:
                first = block
                for anchor in self._pending:
                    self.anchors.setdefault(anchor, block)
                self._pending.clear()
                extra = {**extra, "label": ""} if "label" in extra else extra  # a list item's label: the first part
        return first

    def _enter(self, element: etree._Element, ctx: _Context) -> _Context:
        """Note the element's id and page-list entry; return the context with its language."""
        element_id = element.get("id")
        if element_id:
            self._pending.append(f"{self.file}#{element_id}")
            if element_id in self.pages:
                self._page_breaks.append(self.pages[element_id])
        lang = element_lang(element)
        return replace(ctx, lang=lang) if lang and lang != ctx.lang else ctx

    def _flow(self, container: etree._Element, ctx: _Context) -> None:
        """A container's content: runs of inline content become blocks of ``ctx.kind``."""
        text = InlineText()
        self._text(text, container.text, ctx)
        for child in container:
            name = local_name(child)
            if name and self._is_block(child):
                self._flush(text, ctx)
                text = InlineText()
                self._block(child, ctx)
            elif name:
                self._inline(child, text, ctx)
            self._text(text, child.tail, ctx)
        self._flush(text, ctx)

    def _flush(self, text: InlineText, ctx: _Context) -> None:
        if not text.pieces:
            return
        label = ctx.label[0] if ctx.label else ""
        if self._add(ctx.kind, text, ctx, level=ctx.level, label=label) is not None:
            ctx.label.clear()

    def _is_block(self, element: etree._Element) -> bool:
        if element in self.notes.notes:
            return True
        if is_pagebreak(element) or _skipped(element):
            return False
        name = local_name(element)
        if name in _BLOCK or _is_poem(element) or _is_stanza(element):
            return True
        return any(local_name(e) in _BLOCK or e in self.notes.notes for e in element.iterdescendants())

    def _block(self, element: etree._Element, ctx: _Context) -> None:
        name = local_name(element)
        if element in self.notes.notes:
            self._note(element, ctx)
            return
        if _skipped(element):
            return
        ctx = self._enter(element, _emphasised(ctx) if name in _EMPHASIS else ctx)
        if name in _HEADINGS:
            level = _HEADINGS[name]
            if self.chapter_level and level == self.chapter_level:
                self.builder.chapter(text_content(element))
            self._flow(element, replace(ctx, kind=HEADING, level=level, label=[]))
        elif _is_poem(element) or _is_stanza(element):
            self._poem(element, ctx)
        elif name in ("ul", "ol"):
            self._list(element, ctx)
        elif name == "li" and ctx.kind == LIST_ITEM and ctx.label:
            self._flow(element, ctx)  # an item of the list being walked, with its label
        elif name == "li":
            depth = max(ctx.depth, 1)
            self._flow(element, replace(ctx, kind=LIST_ITEM, level=depth, label=["•"], depth=depth))
        elif name == "table":
            self._table(element, ctx)
        elif name in ("img", "svg"):
            self._image(element, ctx)
        elif name == "figure":
            self._figure(element, ctx)
        elif name == "blockquote":
            self._flow(element, replace(ctx, kind=BLOCKQUOTE, label=[]))
        elif name == "pre":
            text = InlineText(keep_lines=True)
            for piece in element.itertext():
                text.add(piece, lang=ctx.lang)
            self._add(ctx.kind, text, ctx, level=ctx.level)
        elif name == "hr" or (name == "figcaption" and ctx.caption):
            return  # a caption already given to the figure's images
        else:
            self._flow(element, ctx)

    def _note(self, element: etree._Element, ctx: _Context) -> None:
        anchor, kind = self.notes.notes[element]
        ctx = self._enter(element, replace(ctx, kind=NOTE, emphasis=False, label=[]))
        text = InlineText()
        self._text(text, element.text, ctx)
        for child in element:
            self._inline(child, text, ctx, flatten=True)
            self._text(text, child.tail, ctx)
        self._add(NOTE, text, ctx, label=_note_mark(element), note_kind=kind, anchor=anchor)

    def _list(self, element: etree._Element, ctx: _Context) -> None:
        ordered = local_name(element) == "ol"
        style = element.get("type") or "1"
        items = [c for c in element if local_name(c) == "li"]
        step = -1 if element.get("reversed") is not None else 1
        number = _int(element.get("start"), len(items) if step < 0 else 1)
        depth = ctx.depth + 1
        for child in element:
            name = local_name(child)
            if name == "li":
                number = _int(child.get("value"), number)
                label = f"{_counter(number, style)}." if ordered else "•"
                number += step
                self._block(child, replace(ctx, kind=LIST_ITEM, level=depth, label=[label], depth=depth))
            elif name and self._is_block(child):
                self._block(child, replace(ctx, depth=depth))
            elif name:
                self._loose(child, ctx)

    def _loose(self, element: etree._Element, ctx: _Context) -> None:
        """Inline content standing where only blocks belong (tag soup): its own paragraph."""
        text = InlineText()
        self._inline(element, text, ctx)
        self._flush(text, replace(ctx, label=[]))

    def _table(self, element: etree._Element, ctx: _Context) -> None:
        ctx = self._enter(element, ctx)
        for child in element:
            if local_name(child) == "caption":
                self._flow(child, replace(ctx, kind=PARAGRAPH, label=[]))
        rows: list[list[Cell]] = []
        for row, in_head in _table_rows(element):
            cells: list[Cell] = []
            for cell in row:
                name = local_name(cell)
                if name not in ("td", "th") or _skipped(cell):
                    continue
                text = InlineText()
                self._inline(cell, text, replace(ctx, emphasis=False), flatten=True)
                cells.append(Cell(text.plain(), header=name == "th" or in_head))
                cells.extend(Cell("", header=cells[-1].header) for _ in range(_int(cell.get("colspan"), 1) - 1))
            rows.append(cells)
        self._add(TABLE, "", ctx, rows=rows)

    def _image(self, element: etree._Element, ctx: _Context) -> None:
        if local_name(element) == "svg":
            title = next((e for e in element.iter() if local_name(e) == "title"), None)
            alt = element.get("aria-label") or (text_content(title) if title is not None else "")
            source = next(
                (
                    e.get("{http://www.w3.org/1999/xlink}href") or e.get("href") or ""
                    for e in element.iter()
                    if local_name(e) == "image"
                ),
                "",
            )
        else:
            alt = element.get("alt") or element.get("title") or ""
            source = element.get("src") or ""
        text = alt.strip() or ctx.caption
        if not text:
            if (element.get("role") or "") not in ("presentation", "none"):
                self.builder.notice("image_without_alt", source)
            return
        self._add(IMAGE, text, ctx, label=posixpath.basename(unquote(source)))

    def _figure(self, element: etree._Element, ctx: _Context) -> None:
        images = [e for e in element.iter() if local_name(e) in ("img", "svg")]
        captions = [e for e in element if local_name(e) == "figcaption"]
        caption = " ".join(text_content(c) for c in captions)
        lacking = any(not (e.get("alt") or "").strip() for e in images if local_name(e) == "img")
        self._flow(element, replace(ctx, caption=caption if images and lacking else ""))

    def _poem(self, element: etree._Element, ctx: _Context) -> None:
        """A poem (or one stanza): stanzas split at stanza elements, multi-line blocks, blank lines."""
        ctx = replace(ctx, kind=STANZA, lines=True, label=[])
        if _is_stanza(element) and not any(_is_stanza(c) for c in element):
            self._stanza(element, ctx)
            return
        lines = InlineText(keep_lines=True)
        self._text(lines, element.text, ctx)
        for child in element:
            name = local_name(child)
            if not name or _skipped(child):
                pass
            elif name in _HEADINGS or child in self.notes.notes or name in ("table", "figure", "img"):
                self._flush(lines, ctx)
                lines = InlineText(keep_lines=True)
                self._block(child, replace(ctx, kind=PARAGRAPH, lines=False))
            elif _is_stanza(child) or _is_poem(child):
                self._flush(lines, ctx)
                lines = InlineText(keep_lines=True)
                self._block(child, ctx)
            elif name in _BLOCK and _has_lines(child):
                self._flush(lines, ctx)
                lines = InlineText(keep_lines=True)
                self._stanza(child, self._enter(child, ctx))
            elif _blank_line(child):
                self._flush(lines, ctx)
                lines = InlineText(keep_lines=True)
            else:
                self._inline(child, lines, ctx, flatten=True)
            self._text(lines, child.tail, ctx)
        self._flush(lines, ctx)

    def _stanza(self, element: etree._Element, ctx: _Context) -> None:
        """An entered stanza element: its lines, split again where a blank line (two <br>) stands."""
        lines = InlineText(keep_lines=True)
        self._text(lines, element.text, ctx)
        for child in element:
            if _blank_line(child):
                self._flush(lines, ctx)
                lines = InlineText(keep_lines=True)
            else:
                self._inline(child, lines, ctx, flatten=True)
            self._text(lines, child.tail, ctx)
        self._flush(lines, ctx)

    # --- inline content ---------------------------------------------------------------------

    def _text(self, out: InlineText, text: str | None, ctx: _Context) -> None:
        if text:
            out.add(_LINE_BREAK.sub(" ", text) if ctx.lines else text, lang=ctx.lang, emphasis=ctx.emphasis)

    def _inline(self, element: etree._Element, out: InlineText, ctx: _Context, flatten: bool = False) -> None:
        """Add an inline element's text to ``out``; ``flatten`` also takes block elements as text."""
        name = local_name(element)
        if not name or (_skipped(element) and element not in self.notes.notes):
            return
        if is_pagebreak(element):
            self._enter(element, ctx)
            self._page_breaks.append(_page_number(element))
            return
        ctx = self._enter(element, _emphasised(ctx) if name in _EMPHASIS else ctx)
        if name == "br":
            out.newline() if ctx.lines else out.add(" ")
            return
        if name == "a" and element.get("href"):
            target = resolve(self.file, element.get("href"))
            anchor = self.notes.alias.get(target) or (target if _is_explicit_ref(element) else "")
            if anchor:
                out.noteref(anchor, text_content(element) or "*")
                return
        if name == "img":
            alt = (element.get("alt") or "").strip()
            out.add(f" {alt} " if alt else " ", lang=ctx.lang)
            if not alt:
                self.builder.notice("image_without_alt", element.get("src") or "")
            return
        if name == "math":
            out.add(f" {element.get('alttext') or text_content(element)} ", lang=ctx.lang)
            return
        separate = flatten and (name in _BLOCK or (ctx.lines and _classes(element) & _LINE))
        if separate:
            out.newline() if ctx.lines else out.add(" ")
        self._text(out, element.text, ctx)
        for child in element:
            self._inline(child, out, ctx, flatten)
            self._text(out, child.tail, ctx)
        if separate and not ctx.lines:
            out.add(" ")


def _emphasised(ctx: _Context) -> _Context:
    return ctx if ctx.emphasis else replace(ctx, emphasis=True)


def _is_poem(element: etree._Element) -> bool:
    return bool((_classes(element) | _types(element)) & _POEM)


def _is_stanza(element: etree._Element) -> bool:
    return bool((_classes(element) | _types(element)) & _STANZA)


def _blank_line(element: etree._Element) -> bool:
    """True for a blank line between stanzas: a second <br> in a row, or an empty paragraph."""
    name = local_name(element)
    if name == "br":
        previous = element.getprevious()
        return previous is not None and local_name(previous) == "br" and not (previous.tail or "").strip()
    return name in ("p", "div") and not text_content(element)


def _has_lines(element: etree._Element) -> bool:
    """True when a block inside a poem holds several lines (line breaks or line elements)."""
    return any(local_name(e) == "br" or _classes(e) & _LINE for e in element.iterdescendants())


def _table_rows(table: etree._Element) -> list[tuple[etree._Element, bool]]:
    rows = []
    for child in table:
        name = local_name(child)
        if name == "tr":
            rows.append((child, False))
        elif name in ("thead", "tbody", "tfoot"):
            rows.extend((row, name == "thead") for row in child if local_name(row) == "tr")
    return rows


def _note_mark(element: etree._Element) -> str:
    """A note's mark: its leading back link's text ("1", "*"), a number it starts with, or its list number."""
    first = next((e for e in element.iter() if local_name(e) == "a" and e.get("href")), None)
    if first is not None:
        mark = text_content(first).strip("[]() ")
        if 0 < len(mark) <= 4:
            return mark
    leading = _NOTE_NUMBER.match(text_content(element))
    if leading:
        return leading.group(1)
    parent = element.getparent()
    if local_name(element) == "li" and parent is not None and local_name(parent) == "ol":
        items = [c for c in parent if local_name(c) == "li"]
        return str(_int(parent.get("start"), 1) + items.index(element))
    return ""


def _page_number(element: etree._Element) -> str:
    for value, prefixed in (
        (element.get("title"), False),
        (text_content(element), False),
        (element.get("aria-label"), True),
        (element.get("id"), True),
    ):
        if value and value.strip():
            return _PAGE_PREFIX.sub("", value.strip()) if prefixed else value.strip()
    return ""


def _int(value: str | None, default: int) -> int:
    try:
        return int((value or "").strip())
    except ValueError:
        return default


def _counter(number: int, style: str) -> str:
    """An ordered list's marker for ``number`` in HTML ``type`` ``style`` (1, a, A, i, I)."""
    if style in ("a", "A") and number > 0:
        letters = ""
        while number > 0:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters if style == "a" else letters.upper()
    if style in ("i", "I") and 0 < number < 4000:
        numerals = roman(number)
        return numerals if style == "i" else numerals.upper()
    return str(number)


__all__ = ["NoteIndex", "Walk", "element_lang", "index_notes", "is_pagebreak", "local_name", "resolve", "text_content"]
