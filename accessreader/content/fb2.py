"""The FB2 reader: FictionBook 2 XML (or a ``.fb2.zip`` holding one) into a Document.

    bytes ──(zip? SafeZip: the one .fb2 member)──▶ safety.parse_xml ──▶ walk ──▶ DocumentBuilder

``description/title-info`` and ``publish-info`` give the metadata.  In the main
body each top-level ``section`` is a chapter; section titles are headings whose
level is the nesting depth, a ``subtitle`` a heading one level lower, an
``epigraph`` or ``cite`` blockquotes, a ``poem`` its title as a heading and each
``stanza`` one block with "\\n" between lines, ``table`` a table, ``image`` an
image block with its alt text.  The ``notes``/``comments`` bodies give note
blocks, each linked both ways with the ``<a l:href="#id">`` that refers to it.
The XML prolog's encoding (often windows-1251) is honoured by the parser.
Elements are matched by local name, so files with a missing or wrong namespace
still read.
"""

from __future__ import annotations

from lxml import etree

from ..errors import CorruptFile
from ..model import BLOCKQUOTE, HEADING, IMAGE, NOTE, PARAGRAPH, STANZA, TABLE, Cell, Document
from .builder import DocumentBuilder, InlineText
from .paragraphs import split_long
from .safety import Limits, SafeZip, parse_xml

FORMAT = "FB2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NOTE_BODIES = {"notes": "footnote", "comments": "endnote"}
_EMPHASIS = {"emphasis", "strong"}
_MAX_LEVEL = 6


def read(data: bytes, name: str, limits: Limits) -> Document:
    """Read FB2 (plain or zipped) ``data`` into a draft Document.

    Raises ``CorruptFile`` for broken XML or an archive without exactly one
    ``.fb2`` file, ``UnsafeXml`` for entity declarations, ``ArchiveBomb``.
    """
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        data = _unzip(data, name, limits)
    root = parse_xml(data, name, FORMAT)
    if _local(root) != "FictionBook":
        raise CorruptFile(name=name, format=FORMAT, detail=f"root element is <{_local(root)}>, not <FictionBook>")
    builder = DocumentBuilder("fb2")
    _read_description(_child(root, "description"), builder)
    bodies = _children(root, "body")
    note_bodies = [b for b in bodies if b.get("name") in _NOTE_BODIES]
    notes = {s.get("id") for body in note_bodies for s in body.iter() if _local(s) == "section" and s.get("id")}
    walker = _Walker(builder, notes)
    for body in bodies:
        if body not in note_bodies:
            walker.body(body)
    for body in note_bodies:
        walker.notes(body, _NOTE_BODIES[body.get("name")])
    return builder.build()


def _unzip(data: bytes, name: str, limits: Limits) -> bytes:
    archive = SafeZip(data, name, FORMAT, limits)
    members = [m for m in archive.names if m.lower().endswith(".fb2") and not m.endswith("/")]
    if len(members) != 1:
        detail = "no .fb2 file in the archive" if not members else f"{len(members)} .fb2 files in one archive"
        raise CorruptFile(name=name, format=FORMAT, detail=detail)
    return archive.read(members[0])


def _local(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _children(element: etree._Element | None, local: str) -> list[etree._Element]:
    if element is None:
        return []
    return [c for c in element if _local(c) == local]


def _child(element: etree._Element | None, local: str) -> etree._Element | None:
    found = _children(element, local)
    return found[0] if found else None


def _text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def _title(element: etree._Element | None) -> str:
    """A title's text, its paragraphs joined by a space."""
    lines = [_text(p) for p in _children(element, "p")]
    return " ".join(line for line in lines if line) or _text(element)


def _href(element: etree._Element) -> str:
    for key, value in element.attrib.items():
        if key == "href" or key.endswith("}href"):
            return value.strip()
    return ""


def _read_description(description: etree._Element | None, builder: DocumentBuilder) -> None:
    meta = builder.metadata
    title_info = _child(description, "title-info")
    meta.title = _text(_child(title_info, "book-title"))
    for author in _children(title_info, "author"):
        parts = [_text(_child(author, p)) for p in ("first-name", "middle-name", "last-name")]
        full = " ".join(p for p in parts if p) or _text(_child(author, "nickname"))
        if full:
            meta.authors.append(full)
    lang = _text(_child(title_info, "lang"))
    meta.languages = [lang] if lang else []
    annotation = _child(title_info, "annotation")
    if annotation is not None:
        paragraphs = [_text(p) for p in annotation.iter() if _local(p) in ("p", "v", "subtitle", "text-author")]
        meta.description = "\n".join(p for p in paragraphs if p) or _text(annotation)
    date = _child(title_info, "date")
    if date is not None:
        meta.date = date.get("value") or _text(date)
    publish = _child(description, "publish-info")
    meta.publisher = _text(_child(publish, "publisher"))
    if not meta.date:
        meta.date = _text(_child(publish, "year"))
    meta.identifier = _text(_child(_child(description, "document-info"), "id"))
    isbn = _text(_child(publish, "isbn"))
    if isbn and not meta.identifier:
        meta.identifier = f"urn:isbn:{isbn}"


class _Walker:
    """Turns body elements into builder calls."""

    def __init__(self, builder: DocumentBuilder, notes: set[str]) -> None:
        self.builder = builder
        self.notes_ids = notes
        self.pending = ""

    # ── structure ──────────────────────────────────────────────────────────
    def body(self, body: etree._Element) -> None:
        lang = body.get(_XML_LANG, "")
        self.builder.chapter(_title(_child(body, "title")))
        for child in body:
            kind = _local(child)
            if kind == "section":
                self.builder.chapter(_title(_child(child, "title")))
                self.section(child, 1, lang)
            elif kind == "title":
                self.title(child, 1, lang)
            else:
                self.content(child, 1, lang)

    def section(self, section: etree._Element, depth: int, lang: str) -> None:
        lang = section.get(_XML_LANG, lang)
        self.pending = section.get("id", "") or self.pending
        for child in section:
            kind = _local(child)
            if kind == "title":
                self.title(child, depth, lang)
            elif kind == "section":
                self.section(child, depth + 1, lang)
            else:
                self.content(child, depth, lang)

    def add(self, kind: str, text: str | InlineText = "", anchor: str = "", **fields) -> None:
        """Add a block (an overlong paragraph as several); the first one after a section starts carries its id."""
        parts = split_long(text) if isinstance(text, InlineText) and kind in (PARAGRAPH, BLOCKQUOTE) else [text]
        for part in parts:
            block = self.builder.add(kind, part, anchor=anchor or self.pending, **fields)
            if block is not None and not anchor:
                self.pending = ""

    def title(self, title: etree._Element, level: int, lang: str) -> None:
        """A title's paragraphs as one heading (lines joined by a space)."""
        lang = title.get(_XML_LANG, lang)
        inline = InlineText()
        for p in title:
            if _local(p) == "p":
                self.inline(p, inline, p.get(_XML_LANG, lang), False)
                inline.add(" ")
        self.add(HEADING, inline, lang=lang, level=min(level, _MAX_LEVEL))

    def content(self, element: etree._Element, depth: int, lang: str) -> None:
        """One content element of a section (p, poem, cite, table, …)."""
        kind = _local(element)
        lang = element.get(_XML_LANG, lang)
        anchor = element.get("id", "")
        if kind == "p":
            self.paragraph(element, PARAGRAPH, lang, anchor)
        elif kind == "subtitle":
            self.paragraph(element, HEADING, lang, anchor, level=min(depth + 1, _MAX_LEVEL))
        elif kind in ("epigraph", "cite", "annotation"):
            for child in element:
                self.quoted(child, depth, lang)
        elif kind == "poem":
            self.poem(element, depth, lang, PARAGRAPH)
        elif kind == "table":
            self.table(element, lang, anchor)
        elif kind == "image":
            self.image(element, anchor)

    def quoted(self, element: etree._Element, depth: int, lang: str) -> None:
        """A child of an epigraph or cite: paragraphs and authors as blockquotes."""
        kind = _local(element)
        lang = element.get(_XML_LANG, lang)
        if kind in ("p", "text-author", "subtitle"):
            self.paragraph(element, BLOCKQUOTE, lang, element.get("id", ""))
        elif kind == "poem":
            self.poem(element, depth, lang, BLOCKQUOTE)
        elif kind == "cite":
            for child in element:
                self.quoted(child, depth, lang)
        else:
            self.content(element, depth, lang)

    def poem(self, poem: etree._Element, depth: int, lang: str, attribution: str) -> None:
        for child in poem:
            kind = _local(child)
            child_lang = child.get(_XML_LANG, lang)
            if kind == "title":
                self.title(child, depth + 1, child_lang)
            elif kind == "epigraph":
                for part in child:
                    self.quoted(part, depth, child_lang)
            elif kind == "stanza":
                self.stanza(child, depth, child_lang)
            elif kind in ("text-author", "date"):
                self.paragraph(child, attribution, child_lang, "")

    def stanza(self, stanza: etree._Element, depth: int, lang: str) -> None:
        lines = InlineText(keep_lines=True)
        for child in stanza:
            kind = _local(child)
            if kind == "title":
                self.title(child, depth + 2, lang)
            elif kind == "subtitle":
                self.paragraph(child, HEADING, lang, "", level=min(depth + 2, _MAX_LEVEL))
            elif kind == "v":
                self.inline(child, lines, child.get(_XML_LANG, lang), False)
                lines.newline()
        self.add(STANZA, lines, lang=lang, anchor=stanza.get("id", ""))

    def paragraph(self, element: etree._Element, kind: str, lang: str, anchor: str, level: int = 0) -> None:
        inline = InlineText()
        self.inline(element, inline, lang, False)
        self.add(kind, inline, lang=lang, level=level, anchor=anchor)

    def table(self, table: etree._Element, lang: str, anchor: str) -> None:
        rows = []
        for tr in table:
            if _local(tr) != "tr":
                continue
            row = []
            for cell in tr:
                if _local(cell) not in ("th", "td"):
                    continue
                row.append(Cell(_text(cell), header=_local(cell) == "th"))
                span = cell.get("colspan", "1")
                row += [Cell("", header=_local(cell) == "th") for _ in range(int(span) - 1 if span.isdigit() else 0)]
            rows.append(row)
        self.add(TABLE, rows=rows, lang=lang, anchor=anchor)

    def image(self, image: etree._Element, anchor: str) -> None:
        href = _href(image).lstrip("#")
        alt = (image.get("alt") or image.get("title") or "").strip()
        if alt:
            self.add(IMAGE, alt, label=href, anchor=anchor)
        else:
            self.builder.notice("image_without_alt", href)

    # ── inline ─────────────────────────────────────────────────────────────
    def inline(self, element: etree._Element, out: InlineText, lang: str, emphasis: bool) -> None:
        """Append the text of ``element`` and its descendants, with languages, emphasis, note references."""
        out.add(element.text or "", lang, emphasis)
        for child in element:
            kind = _local(child)
            child_lang = child.get(_XML_LANG, lang)
            target = _href(child)
            if kind == "a" and target.startswith("#") and (target[1:] in self.notes_ids or child.get("type") == "note"):
                out.noteref(target[1:], _text(child) or "*")
            elif kind == "image":
                alt = (child.get("alt") or child.get("title") or "").strip()
                out.add(alt, child_lang, emphasis)
            elif kind:
                self.inline(child, out, child_lang, emphasis or kind in _EMPHASIS)
            out.add(child.tail or "", lang, emphasis)

    # ── notes ──────────────────────────────────────────────────────────────
    def notes(self, body: etree._Element, note_kind: str) -> None:
        """A notes body: its title as a heading in a chapter of its own, each section a note."""
        lang = body.get(_XML_LANG, "")
        title = _child(body, "title")
        self.pending = ""
        self.builder.chapter(_title(title))
        if title is not None:
            self.title(title, 1, lang)
        for section in body.iter():
            if _local(section) == "section" and not _children(section, "section"):
                self.note(section, note_kind, section.get(_XML_LANG, lang))

    def note(self, section: etree._Element, note_kind: str, lang: str) -> None:
        label = _title(_child(section, "title"))
        text = InlineText(keep_lines=True)
        for child in section:
            kind = _local(child)
            if kind in ("p", "subtitle", "text-author", "v"):
                self.inline(child, text, child.get(_XML_LANG, lang), False)
                text.newline()
            elif kind in ("poem", "stanza", "cite", "epigraph"):
                for line in child.iter():
                    if _local(line) in ("p", "v", "text-author"):
                        self.inline(line, text, line.get(_XML_LANG, lang), False)
                        text.newline()
        self.builder.add(NOTE, text, lang=lang, label=label, note_kind=note_kind, anchor=section.get("id", ""))
