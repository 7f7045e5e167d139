"""The DOCX reader: a Word document into a Document, with python-docx.

    bytes ──SafeZip check──▶ python-docx (styles, numbering, core properties, body XML)
          ──walk body in order──▶ paragraphs, lists, tables, page markers ──▶ DocumentBuilder
    footnotes.xml / endnotes.xml ──safety.parse_xml──▶ note blocks

Headings come from the paragraph's outline level (its own or its style chain's),
then from built-in style ids and names ("Heading 3", "Title", localised names
such as "Заголовок 2"), so documents written in any Word locale read the same.
List labels are counted per list and level ("1.", "а)", "•").  The first table
row is a header when marked ``tblHeader`` or when all of it is bold.  Explicit
page breaks (``w:br type=page``, ``pageBreakBefore``, a next-page section
break) become print page markers numbered from 1.  Each top-level heading
starts a chapter; footnotes follow their chapter, endnotes end the book.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from ..errors import CorruptFile, UnsafeXml
from ..model import HEADING, IMAGE, LIST_ITEM, NOTE, PAGE_MARKER, PARAGRAPH, TABLE, Cell, Document
from .builder import DocumentBuilder, InlineText, roman
from .safety import Limits, SafeZip, declares_entities, parse_xml

FORMAT = "DOCX"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_HEADING_NAME = re.compile(r"^(?:heading|заголовок|тақырып|überschrift|titre)\s*(\d)$", re.IGNORECASE)
_TITLE_NAMES = {"title", "название", "заголовок", "атауы"}
_CONTAINERS = {"hyperlink", "ins", "smartTag", "customXml", "fldSimple", "moveTo", "bdo", "dir", "sdt", "sdtContent"}
_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщэюя"
_LETTERS = re.compile(r"[^\W\d_]")


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


def _val(element: etree._Element | None, default: str = "") -> str:
    if element is None:
        return default
    return element.get(_w("val"), default)


def _on(element: etree._Element | None) -> bool:
    """A WordprocessingML toggle (``<w:b/>``, ``<w:b w:val="false"/>``) is on."""
    return element is not None and _val(element, "true").lower() not in ("0", "false", "off", "none")


def read(data: bytes, name: str, limits: Limits) -> Document:
    """Read DOCX ``data`` into a draft Document.

    Raises ``CorruptFile`` for a broken package, ``UnsafeXml`` for entity
    declarations in any XML part, ``ArchiveBomb`` past the limits.
    """
    archive = SafeZip(data, name, FORMAT, limits)
    for member in archive.names:
        if member.endswith((".xml", ".rels")) and declares_entities(archive.read(member)):
            raise UnsafeXml(name=name)
    try:
        package = docx.Document(io.BytesIO(data))
    except PackageNotFoundError as exc:  # its message names the BytesIO object, not the file
        raise CorruptFile(name=name, format=FORMAT, detail="not a Word document package") from exc
    except (KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError, zlib.error, OSError, EOFError) as exc:
        raise CorruptFile(name=name, format=FORMAT, detail=str(exc) or type(exc).__name__) from exc
    builder = DocumentBuilder("docx")
    _read_core(package, builder)
    reader = _Reader(package, name)
    reader.walk(package.element.body)
    reader.emit(builder)
    return builder.build()


def _read_core(package, builder: DocumentBuilder) -> None:
    core = package.core_properties
    meta = builder.metadata
    meta.title = (core.title or "").strip()
    meta.authors = [a.strip() for a in (core.author or "").split(";") if a.strip()]
    meta.languages = [core.language.strip()] if (core.language or "").strip() else []
    meta.identifier = (core.identifier or "").strip()
    meta.description = (core.comments or "").strip() or (core.subject or "").strip()
    if core.created is not None:
        meta.date = core.created.date().isoformat()


@dataclass
class _Item:
    """One block waiting to be emitted, or a page marker (kind PAGE_MARKER)."""

    kind: str
    text: InlineText | str = ""
    lang: str = ""
    level: int = 0
    label: str = ""
    rows: list[list[Cell]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class _Reader:
    """Walks the body into items, then emits them chapter by chapter."""

    def __init__(self, package, name: str) -> None:
        self.name = name
        self.items: list[_Item] = []
        self.styles = {s.style_id: s.element for s in package.styles}
        self.default_style = next(
            (s.style_id for s in package.styles if s.type == 1 and s.element.get(_w("default")) in ("1", "true")),
            "",
        )
        self.numbering = _Numbering(package)
        self.pages = 1
        self.notes = {"footnote": {}, "endnote": {}}
        self.note_order: list[tuple[str, str]] = []
        for kind in ("footnote", "endnote"):
            for part in _related_parts(package, kind + "s"):
                root = parse_xml(part.blob, name, FORMAT)
                for note in root.findall(_w(kind)):
                    if note.get(_w("type"), "normal") == "normal":
                        self.notes[kind][note.get(_w("id"))] = note

    # ── styles ─────────────────────────────────────────────────────────────
    def _style_chain(self, style_id: str) -> list[etree._Element]:
        chain = []
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            chain.append(self.styles[style_id])
            style_id = _val(self.styles[style_id].find(_w("basedOn")))
        return chain

    def heading_level(self, ppr: etree._Element | None) -> int:
        """The heading level (1–6) of a paragraph, 0 for body text."""
        own = ppr.find(_w("outlineLvl")) if ppr is not None else None
        style_id = _val(ppr.find(_w("pStyle"))) if ppr is not None else self.default_style
        chain = self._style_chain(style_id or self.default_style)
        levels = [own] + [s.find(f"{_w('pPr')}/{_w('outlineLvl')}") for s in chain]
        for level in levels:
            if level is not None and _val(level).isdigit():
                value = int(_val(level))
                return min(value + 1, 6) if value < 9 else 0
        for style in chain:
            style_name = _val(style.find(_w("name"))).strip().lower()
            sid = (style.get(_w("styleId")) or "").lower()
            match = _HEADING_NAME.match(style_name) or _HEADING_NAME.match(sid)
            if match and match.group(1) != "0":
                return min(int(match.group(1)), 6)
            if style_name in _TITLE_NAMES or sid == "title":
                return 1
        return 0

    def numbering_of(self, ppr: etree._Element | None) -> tuple[str, int] | None:
        """The (numId, ilvl) of a list paragraph, from the paragraph or its style chain."""
        num_id = ilvl = ""
        sources = [ppr] if ppr is not None else []
        style_id = _val(ppr.find(_w("pStyle"))) if ppr is not None else ""
        sources += [s.find(_w("pPr")) for s in self._style_chain(style_id)]
        for source in sources:
            numpr = source.find(_w("numPr")) if source is not None else None
            if numpr is None:
                continue
            num_id = num_id or _val(numpr.find(_w("numId")))
            ilvl = ilvl or _val(numpr.find(_w("ilvl")))
        if not num_id or num_id == "0":
            return None
        return num_id, int(ilvl) if ilvl.isdigit() else 0

    def bold_style(self, style_id: str) -> bool:
        for style in self._style_chain(style_id):
            found = style.find(f"{_w('rPr')}/{_w('b')}")
            if found is not None:
                return _on(found)
        return False

    # ── body ───────────────────────────────────────────────────────────────
    def walk(self, container: etree._Element) -> None:
        for child in container:
            tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if tag == "p":
                self.paragraph(child)
            elif tag == "tbl":
                self.table(child)
            elif tag in ("sdt", "sdtContent", "customXml"):
                self.walk(child)

    def page_break(self) -> None:
        self.pages += 1
        self.items.append(_Item(PAGE_MARKER, str(self.pages)))

    def paragraph(self, p: etree._Element) -> None:
        ppr = p.find(_w("pPr"))
        if ppr is not None and _on(ppr.find(_w("pageBreakBefore"))):
            self.page_break()
        level = self.heading_level(ppr)
        numbering = None if level else self.numbering_of(ppr)
        if numbering:
            kind, item_level, label = LIST_ITEM, numbering[1] + 1, self.numbering.label(*numbering)
        elif level:
            kind, item_level, label = HEADING, level, ""
        else:
            kind, item_level, label = PARAGRAPH, 0, ""
        collector = _Inline(self, kind, item_level, label)
        collector.walk(p)
        collector.flush()
        section = ppr.find(_w("sectPr")) if ppr is not None else None
        if section is not None and _val(section.find(_w("type")), "nextPage") != "continuous":
            self.page_break()

    def table(self, tbl: etree._Element) -> None:
        rows: list[list[Cell]] = []
        above: dict[int, str] = {}
        header_marked = False
        first_bold = True
        for index, tr in enumerate(tbl.findall(_w("tr"))):
            row: list[Cell] = []
            if index == 0:
                header_marked = _on(tr.find(f"{_w('trPr')}/{_w('tblHeader')}"))
            for tc in tr.findall(_w("tc")):
                tcpr = tc.find(_w("tcPr"))
                span = int(_val(tcpr.find(_w("gridSpan")), "1")) if tcpr is not None else 1
                merge = tcpr.find(_w("vMerge")) if tcpr is not None else None
                column = len(row)
                if merge is not None and _val(merge, "continue") == "continue":
                    text = above.get(column, "")
                else:
                    text = self.cell_text(tc)
                    if index == 0 and text and not self.all_bold(tc):
                        first_bold = False
                above[column] = text
                row.append(Cell(text))
                row += [Cell("") for _ in range(max(span, 1) - 1)]
            rows.append(row)
        if rows and (header_marked or (first_bold and any(c.text for c in rows[0]))):
            for cell in rows[0]:
                cell.header = True
        self.items.append(_Item(TABLE, rows=rows))

    def cell_text(self, tc: etree._Element) -> str:
        lines = []
        for p in tc.iter(_w("p")):
            collector = _Inline(self, PARAGRAPH, 0, "", nested=True)
            collector.walk(p)
            lines.append(collector.text.plain())
        return " ".join(line for line in lines if line)

    def all_bold(self, tc: etree._Element) -> bool:
        for p in tc.iter(_w("p")):
            ppr = p.find(_w("pPr"))
            style_bold = self.bold_style(_val(ppr.find(_w("pStyle")))) if ppr is not None else False
            for r in p.iter(_w("r")):
                if not "".join(t.text or "" for t in r.findall(_w("t"))).strip():
                    continue
                rpr = r.find(_w("rPr"))
                own = rpr.find(_w("b")) if rpr is not None else None
                char_style = _val(rpr.find(_w("rStyle"))) if rpr is not None else ""
                bold = _on(own) if own is not None else (self.bold_style(char_style) or style_bold)
                if not bold:
                    return False
        return True

    # ── output ─────────────────────────────────────────────────────────────
    def emit(self, builder: DocumentBuilder) -> None:
        """Feed the items to ``builder``: a chapter per top-level heading, notes after their chapter."""
        levels = [i.level for i in self.items if i.kind == HEADING]
        top = min(levels) if levels else 0
        pending: list[str] = []
        for index, item in enumerate(self.items):
            if item.kind == HEADING and item.level == top:
                self.emit_notes(builder, pending, "footnote")
                pending = []
                title = item.text.plain() if isinstance(item.text, InlineText) else item.text
                builder.chapter(title)
            if index == 0:
                builder.page("1")
            if item.kind == PAGE_MARKER:
                builder.page(str(item.text))
            elif item.kind == IMAGE and not item.text:
                builder.notice("image_without_alt", item.label)
            else:
                builder.add(item.kind, item.text, lang=item.lang, level=item.level, label=item.label, rows=item.rows)
            pending += item.notes
        self.emit_notes(builder, pending, "footnote")
        self.emit_notes(builder, [a for a, _ in self.note_order if a.startswith("endnote:")], "endnote")

    def emit_notes(self, builder: DocumentBuilder, anchors: list[str], kind: str) -> None:
        marks = dict(self.note_order)
        for anchor in anchors:
            if not anchor.startswith(kind + ":"):
                continue
            note = self.notes[kind].get(anchor.split(":", 1)[1])
            if note is None:
                continue
            text = InlineText(keep_lines=True)
            lang = ""
            for p in note.iter(_w("p")):
                collector = _Inline(self, NOTE, 0, "", nested=True)
                collector.walk(p)
                for piece in collector.text.pieces:
                    text.pieces.append(piece)
                text.newline()
                lang = lang or collector.main_lang()
            builder.add(NOTE, text, lang=lang, label=marks[anchor], note_kind=kind, anchor=anchor)


class _Inline:
    """Collects one paragraph's runs; a page break inside splits it into two blocks."""

    def __init__(self, reader: _Reader, kind: str, level: int, label: str, nested: bool = False) -> None:
        """``nested`` text (a table cell, a note) ignores page breaks."""
        self.reader = reader
        self.kind = kind
        self.level = level
        self.label = label
        self.nested = nested
        self.text = InlineText()
        self.notes: list[str] = []
        self.langs: dict[str, int] = {}
        self.images: list[_Item] = []
        self.custom_mark = False
        self.pending_anchor = ""

    def walk(self, element: etree._Element) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                continue
            tag = etree.QName(child).localname
            if tag == "r":
                self.run(child)
            elif tag in _CONTAINERS:
                self.walk(child)

    def run(self, r: etree._Element) -> None:
        rpr = r.find(_w("rPr"))
        lang = _val(rpr.find(_w("lang"))) if rpr is not None else ""
        emphasis = rpr is not None and (_on(rpr.find(_w("b"))) or _on(rpr.find(_w("i"))))
        for child in r:
            tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if tag == "t":
                text = child.text or ""
                if self.custom_mark:
                    self.custom_mark = False
                    self.notes_mark(text)
                    continue
                letters = len(_LETTERS.findall(text))
                piece_lang = lang if letters else ""
                self.text.add(text, piece_lang, emphasis)
                self.langs[piece_lang] = self.langs.get(piece_lang, 0) + letters
            elif tag in ("tab", "cr"):
                self.text.add(" ")
            elif tag == "noBreakHyphen":
                self.text.add("-")
            elif tag == "br":
                if child.get(_w("type")) == "page" and not self.nested:
                    self.flush()
                    self.reader.page_break()
                else:
                    self.text.add("\n")
            elif tag in ("footnoteReference", "endnoteReference"):
                self.reference(tag[: -len("Reference")], child)
            elif tag == "drawing":
                self.drawing(child)

    def reference(self, kind: str, ref: etree._Element) -> None:
        anchor = f"{kind}:{ref.get(_w('id'))}"
        count = sum(1 for a, _ in self.reader.note_order if a.startswith(kind + ":"))
        mark = str(count + 1) if kind == "footnote" else roman(count + 1)
        self.reader.note_order.append((anchor, mark))
        self.notes.append(anchor)
        if ref.get(_w("customMarkFollows")) in ("1", "true", "on"):
            self.custom_mark = True
            self.pending_anchor = anchor
        else:
            self.text.noteref(anchor, mark)

    def notes_mark(self, text: str) -> None:
        anchor = self.pending_anchor
        self.reader.note_order[-1] = (anchor, text.strip() or "*")
        self.text.noteref(anchor, text.strip() or "*")

    def drawing(self, drawing: etree._Element) -> None:
        for doc_pr in drawing.iter(f"{{{_WP}}}docPr"):
            alt = (doc_pr.get("descr") or doc_pr.get("title") or "").strip()
            self.images.append(_Item(IMAGE, alt, label=doc_pr.get("name", "")))

    def main_lang(self) -> str:
        """The language declared on most letters ("" when most declare none)."""
        return max(self.langs, key=self.langs.get) if self.langs else ""

    def flush(self) -> None:
        """Hand what was collected so far to the reader as one item."""
        if self.text.pieces or self.notes:
            lang = self.main_lang()
            self.reader.items.append(_Item(self.kind, self.text, lang, self.level, self.label, notes=self.notes))
        self.reader.items += self.images
        self.text = InlineText()
        self.notes = []
        self.images = []
        self.langs = {}


class _Numbering:
    """List labels from numbering.xml: formats per (list, level) and running counters."""

    def __init__(self, package) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = package.part.numbering_part.element
        except (NotImplementedError, KeyError):
            return
        abstract = {}
        for node in root.findall(_w("abstractNum")):
            abstract[node.get(_w("abstractNumId"))] = self._levels(node)
        for num in root.findall(_w("num")):
            levels = dict(abstract.get(_val(num.find(_w("abstractNumId"))), {}))
            for override in num.findall(_w("lvlOverride")):
                ilvl = int(override.get(_w("ilvl"), "0"))
                lvl = override.find(_w("lvl"))
                if lvl is not None:
                    levels.update(self._levels(override))
                start = override.find(_w("startOverride"))
                if start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, int(_val(start, "1")))
            self.levels[num.get(_w("numId"))] = levels

    @staticmethod
    def _levels(node: etree._Element) -> dict[int, tuple[str, str, int]]:
        return {
            int(lvl.get(_w("ilvl"), "0")): (
                _val(lvl.find(_w("numFmt")), "decimal"),
                _val(lvl.find(_w("lvlText")), "%1."),
                int(_val(lvl.find(_w("start")), "1") or 1),
            )
            for lvl in node.findall(_w("lvl"))
        }

    def label(self, num_id: str, ilvl: int) -> str:
        """The label of the next item of list ``num_id`` at level ``ilvl``."""
        levels = self.levels.get(num_id, {})
        fmt, template, start = levels.get(ilvl, ("bullet", "•", 1))
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]
        if fmt in ("bullet", "none"):
            return "•" if fmt == "bullet" else ""

        def number(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            level_fmt, _, level_start = levels.get(level, ("decimal", "", 1))
            return _format(counters.get(level, level_start), level_fmt)

        return re.sub(r"%(\d)", number, template).strip()


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        text = _letters(value, "abcdefghijklmnopqrstuvwxyz")
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("russianLower", "russianUpper"):
        text = _letters(value, _RUSSIAN)
        return text.upper() if fmt == "russianUpper" else text
    if fmt in ("lowerRoman", "upperRoman"):
        text = roman(value)
        return text.upper() if fmt == "upperRoman" else text
    return str(value)


def _letters(value: int, alphabet: str) -> str:
    """1 → a, 26 → z, 27 → aa (Word repeats the letter)."""
    count, index = divmod(value - 1, len(alphabet))
    return alphabet[index] * (count + 1)


def _related_parts(package, reltype: str) -> list:
    return [
        rel.target_part for rel in package.part.rels.values() if rel.reltype == _RT + reltype and not rel.is_external
    ]
