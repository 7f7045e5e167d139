"""Writes the sample titles of ``titles.py`` as EPUB 3, FB2, DOCX, HTML, TXT and PDF.

    titles.py ──▶ to_epub | to_fb2 | to_docx | to_html | to_txt | to_pdf ──▶ bytes ──▶ samples/<slug>.<ext>

Run ``python samples/source/make_samples.py`` to regenerate the committed books
in ``samples/`` (each title in the formats its ``formats`` names).  The writers
take a ``Title`` and return bytes, so ``benchmarks/read_speed.py`` uses them to
make large books too.  Output is deterministic: fixed dates, fixed ZIP times.

What each format carries (as real books in it do):

    EPUB 3  nav with contents and page-list, epub:type pagebreak/noteref/footnote, xml:lang
    HTML    the same structure with DPUB-ARIA roles (doc-pagebreak, doc-noteref, doc-footnote)
    FB2     nested sections, poem/stanza/v, table, notes body; no print pages (FB2 has none)
    DOCX    Heading 1/2, List Bullet, a "Poem" style, real footnotes, page breaks, w:lang
    TXT     setext headings, [1] note marks with notes after each chapter, form feed per page
    PDF     text layer in DejaVu fonts, outline, page labels and printed page numbers
"""

from __future__ import annotations

import datetime
import io
import re
import sys
import textwrap
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from titles import TITLES, Part, Title  # noqa: E402

FIXED_DATE = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FB2 = "http://www.gribuser.ru/xml/fictionbook/2.0"
XLINK = "http://www.w3.org/1999/xlink"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
EXTENSIONS = {"epub": "epub", "fb2": "fb2", "docx": "docx", "html": "html", "txt": "txt", "pdf": "pdf"}


# ── inline markup ─────────────────────────────────────────────────────────────


@dataclass
class Run:
    """A stretch of paragraph text: plain, in another language, emphasised, or a note mark."""

    text: str
    lang: str = ""
    emphasis: bool = False
    note: str = ""


_INLINE = re.compile(r"\{(\w\w)\|([^}]*)\}|\*([^*]+)\*|\[\^(\w+)\]")


def runs(text: str) -> list[Run]:
    """``text`` with its ``{kk|…}``, ``*…*`` and ``[^n]`` markup turned into runs."""
    result: list[Run] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            result.append(Run(text[position : match.start()]))
        lang, foreign, emphasised, note = match.groups()
        if lang:
            result.append(Run(foreign, lang=lang))
        elif emphasised:
            result.append(Run(emphasised, emphasis=True))
        else:
            result.append(Run("", note=note))
        position = match.end()
    if position < len(text):
        result.append(Run(text[position:]))
    return result


def plain(text: str) -> str:
    """``text`` without markup and without note marks."""
    return "".join(r.text for r in runs(text))


def note_numbers(title: Title) -> dict[str, int]:
    """Note id → its number, counted in order of first reference."""
    numbers: dict[str, int] = {}
    for chapter in title.chapters:
        for part in chapter:
            for text in _texts(part):
                for run in runs(text):
                    if run.note and run.note not in numbers:
                        numbers[run.note] = len(numbers) + 1
    return numbers


def _texts(part: Part) -> list[str]:
    if part.kind in ("p", "h1", "h2"):
        return [part.content]
    if part.kind == "list":
        return list(part.content)
    return []


def _chapter_notes(title: Title, chapter: list[Part]) -> list[str]:
    seen: list[str] = []
    for part in chapter:
        for text in _texts(part):
            seen += [r.note for r in runs(text) if r.note and r.note not in seen]
    return seen


def _fixed_zip(data: bytes) -> bytes:
    """The ZIP ``data`` rewritten with every member dated ``FIXED_DATE``, order and compression kept."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE.timetuple()[:6])
            fixed.compress_type = info.compress_type
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


# ── HTML and EPUB ─────────────────────────────────────────────────────────────


class _Markup:
    """Builds (X)HTML elements for parts; ``epub`` adds the XHTML namespace and epub:type."""

    def __init__(self, title: Title, epub: bool) -> None:
        self.title = title
        self.epub = epub
        self.numbers = note_numbers(title)

    def tag(self, name: str) -> str:
        return f"{{{XHTML}}}{name}" if self.epub else name

    def el(self, parent: etree._Element | None, name: str, text: str = "", **attrs: str) -> etree._Element:
        attrs = {k.replace("_", "-"): v for k, v in attrs.items()}
        if self.epub and "epub-type" in attrs:
            attrs[f"{{{OPS}}}type"] = attrs.pop("epub-type")
        attrs.pop("epub-type", None)
        node = (
            etree.Element(self.tag(name), attrs) if parent is None else etree.SubElement(parent, self.tag(name), attrs)
        )
        node.text = text or None
        return node

    def set_lang(self, node: etree._Element, lang: str) -> None:
        if lang:
            node.set("lang", lang)
            if self.epub:
                node.set(XML_LANG, lang)

    def inline(self, node: etree._Element, text: str) -> None:
        last: etree._Element | None = None

        def put(value: str) -> None:
            if last is None:
                node.text = (node.text or "") + value
            else:
                last.tail = (last.tail or "") + value

        for run in runs(text):
            if run.note:
                number = str(self.numbers[run.note])
                sup = self.el(node, "sup")
                self.el(
                    sup,
                    "a",
                    number,
                    href=f"#fn-{number}",
                    id=f"fnref-{number}",
                    role="doc-noteref",
                    epub_type="noteref",
                )
                last = sup
            elif run.lang:
                last = self.el(node, "span", run.text)
                self.set_lang(last, run.lang)
            elif run.emphasis:
                last = self.el(node, "em", run.text)
            else:
                put(run.text)

    def part(self, parent: etree._Element, part: Part, ids: dict[int, str]) -> None:
        if part.kind == "page":
            self.el(
                parent,
                "span",
                id=f"page-{part.content}",
                role="doc-pagebreak",
                aria_label=part.content,
                title=part.content,
                epub_type="pagebreak",
            )
            return
        if part.kind in ("h1", "h2"):
            node = self.el(parent, part.kind, id=ids[id(part)])
            self.inline(node, part.content)
        elif part.kind == "p":
            node = self.el(parent, "p")
            self.inline(node, part.content)
        elif part.kind == "list":
            node = self.el(parent, "ul")
            for entry in part.content:
                self.inline(self.el(node, "li"), entry)
        elif part.kind == "poem":
            node = self.el(parent, "div", **{"class": "poem"}, epub_type="z3998:poem")
            for stanza in part.content:
                lines = self.el(node, "p", **{"class": "stanza"})
                for index, line in enumerate(stanza):
                    if index:
                        self.el(lines, "br").tail = line
                    else:
                        lines.text = line
        elif part.kind == "table":
            node = self.el(parent, "table")
            head = self.el(self.el(node, "thead"), "tr")
            for cell in part.content[0]:
                self.el(head, "th", cell, scope="col")
            body = self.el(node, "tbody")
            for row in part.content[1:]:
                tr = self.el(body, "tr")
                for cell in row:
                    self.el(tr, "td", cell)
        else:
            raise ValueError(f"unknown part kind {part.kind!r}")
        self.set_lang(node, part.lang)

    def notes(self, parent: etree._Element, note_ids: list[str]) -> None:
        for note_id in note_ids:
            number = str(self.numbers[note_id])
            note = self.title.notes[note_id]
            aside = self.el(parent, "aside", id=f"fn-{number}", role="doc-footnote", epub_type="footnote")
            self.set_lang(aside, note.lang)
            self.el(aside, "p", f"{number}. {note.text}")


def heading_ids(title: Title) -> dict[int, str]:
    """``id(part)`` → anchor for every heading: ``ch1``, ``ch1-2``…"""
    ids: dict[int, str] = {}
    for number, chapter in enumerate(title.chapters, 1):
        sections = 0
        for part in chapter:
            if part.kind == "h1":
                ids[id(part)] = f"ch{number}"
            elif part.kind == "h2":
                sections += 1
                ids[id(part)] = f"ch{number}-{sections}"
    return ids


def to_html(title: Title) -> bytes:
    """One HTML5 page: a section per chapter, footnotes at each chapter's end."""
    markup = _Markup(title, epub=False)
    ids = heading_ids(title)
    root = etree.Element("html", lang=title.lang)
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "meta", charset="utf-8")
    etree.SubElement(head, "title").text = title.title
    etree.SubElement(head, "meta", name="author", content=title.author)
    etree.SubElement(head, "meta", name="description", content=title.description)
    body = etree.SubElement(root, "body")
    for chapter in title.chapters:
        section = etree.SubElement(body, "section")
        for part in chapter:
            markup.part(section, part, ids)
        markup.notes(section, _chapter_notes(title, chapter))
    return b"<!DOCTYPE html>\n" + etree.tostring(root, method="html", encoding="utf-8", pretty_print=True)


def _epub_chapter(title: Title, chapter: list[Part], ids: dict[int, str]) -> str:
    markup = _Markup(title, epub=True)
    body = etree.Element(f"{{{XHTML}}}body", nsmap={None: XHTML, "epub": OPS})
    section = markup.el(body, "section", epub_type="chapter")
    for part in chapter:
        markup.part(section, part, ids)
    markup.notes(section, _chapter_notes(title, chapter))
    return etree.tostring(body, encoding="unicode")


def _nav(title: Title, ids: dict[int, str]) -> bytes:
    html = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML, "epub": OPS})
    html.set("lang", title.lang)
    html.set(XML_LANG, title.lang)
    etree.SubElement(etree.SubElement(html, f"{{{XHTML}}}head"), f"{{{XHTML}}}title").text = title.title
    body = etree.SubElement(html, f"{{{XHTML}}}body")
    toc = etree.SubElement(body, f"{{{XHTML}}}nav", {f"{{{OPS}}}type": "toc", "id": "toc", "role": "doc-toc"})
    etree.SubElement(toc, f"{{{XHTML}}}h1").text = title.title
    top = etree.SubElement(toc, f"{{{XHTML}}}ol")
    pages = etree.Element(f"{{{XHTML}}}nav", {f"{{{OPS}}}type": "page-list", "id": "page-list", "hidden": "hidden"})
    page_ol = etree.SubElement(pages, f"{{{XHTML}}}ol")
    for number, chapter in enumerate(title.chapters, 1):
        file = f"chapter-{number}.xhtml"
        sub = None
        for part in chapter:
            if part.kind == "h1":
                item = etree.SubElement(top, f"{{{XHTML}}}li")
                link = etree.SubElement(item, f"{{{XHTML}}}a", href=f"{file}#{ids[id(part)]}")
                link.text = plain(part.content)
                sub = etree.SubElement(item, f"{{{XHTML}}}ol")
            elif part.kind == "h2" and sub is not None:
                item = etree.SubElement(sub, f"{{{XHTML}}}li")
                link = etree.SubElement(item, f"{{{XHTML}}}a", href=f"{file}#{ids[id(part)]}")
                link.text = plain(part.content)
            elif part.kind == "page":
                item = etree.SubElement(page_ol, f"{{{XHTML}}}li")
                etree.SubElement(item, f"{{{XHTML}}}a", href=f"{file}#page-{part.content}").text = part.content
    body.append(pages)
    return etree.tostring(html, encoding="utf-8", xml_declaration=True)


def to_epub(title: Title) -> bytes:
    """An EPUB 3: one XHTML file per chapter, a nav with contents and page-list, an NCX."""
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier(f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'accessreader-sample:' + title.slug)}")
    book.set_title(title.title)
    book.set_language(title.lang)
    book.add_author(title.author)
    book.add_metadata("DC", "date", title.date)
    book.add_metadata("DC", "description", title.description)
    ids = heading_ids(title)
    chapters = []
    toc = []
    for number, chapter in enumerate(title.chapters, 1):
        heading = next(plain(p.content) for p in chapter if p.kind == "h1")
        item = epub.EpubHtml(title=heading, file_name=f"chapter-{number}.xhtml", lang=title.lang)
        item.content = _epub_chapter(title, chapter, ids)
        book.add_item(item)
        chapters.append(item)
        toc.append(epub.Link(f"chapter-{number}.xhtml", heading, f"chapter-{number}"))
    nav = epub.EpubItem(uid="nav", file_name="nav.xhtml", media_type="application/xhtml+xml", content=_nav(title, ids))
    nav.properties = ["nav"]
    book.add_item(nav)
    book.add_item(epub.EpubNcx())
    book.toc = toc
    book.spine = chapters
    out = io.BytesIO()
    epub.write_epub(out, book, {"epub3_pages": False, "epub3_landmark": False, "mtime": FIXED_DATE})
    return _fixed_zip(out.getvalue())


# ── FB2 ───────────────────────────────────────────────────────────────────────


def to_fb2(title: Title) -> bytes:
    """A FictionBook 2 file: a section per chapter holding a section per heading, notes in their own body."""
    numbers = note_numbers(title)
    f = lambda name: f"{{{FB2}}}{name}"  # noqa: E731
    root = etree.Element(f("FictionBook"), nsmap={None: FB2, "l": XLINK})
    info = etree.SubElement(etree.SubElement(root, f("description")), f("title-info"))
    etree.SubElement(info, f("genre")).text = "nonfiction"
    etree.SubElement(etree.SubElement(info, f("author")), f("nickname")).text = title.author
    etree.SubElement(info, f("book-title")).text = title.title
    etree.SubElement(etree.SubElement(info, f("annotation")), f("p")).text = title.description
    etree.SubElement(info, f("date")).text = title.date
    etree.SubElement(info, f("lang")).text = title.lang
    doc_info = etree.SubElement(root[0], f("document-info"))
    etree.SubElement(etree.SubElement(doc_info, f("author")), f("nickname")).text = title.author
    etree.SubElement(doc_info, f("date")).text = FIXED_DATE.date().isoformat()
    etree.SubElement(doc_info, f("id")).text = str(uuid.uuid5(uuid.NAMESPACE_URL, "accessreader-sample:" + title.slug))
    etree.SubElement(doc_info, f("version")).text = "1.0"

    def inline(node: etree._Element, text: str) -> None:
        last = None
        for run in runs(text):
            if run.note:
                last = etree.SubElement(node, f("a"), {f"{{{XLINK}}}href": f"#n{numbers[run.note]}", "type": "note"})
                last.text = str(numbers[run.note])
            elif run.lang:
                last = etree.SubElement(node, f("style"), {"name": "foreign", XML_LANG: run.lang})
                last.text = run.text
            elif run.emphasis:
                last = etree.SubElement(node, f("emphasis"))
                last.text = run.text
            elif last is None:
                node.text = (node.text or "") + run.text
            else:
                last.tail = (last.tail or "") + run.text

    def para(parent: etree._Element, text: str, lang: str) -> None:
        node = etree.SubElement(parent, f("p"))
        if lang:
            node.set(XML_LANG, lang)
        inline(node, text)

    body = etree.SubElement(root, f("body"))
    etree.SubElement(etree.SubElement(body, f("title")), f("p")).text = title.title
    for chapter in title.chapters:
        section = etree.SubElement(body, f("section"))
        current = None  # the subsection collecting content
        for part in chapter:
            if part.kind == "page":
                continue
            if part.kind == "h1":
                para(etree.SubElement(section, f("title")), part.content, part.lang)
                continue
            if part.kind == "h2" or current is None:
                current = etree.SubElement(section, f("section"))
                if part.kind == "h2":
                    para(etree.SubElement(current, f("title")), part.content, part.lang)
                    continue
            if part.kind == "p":
                para(current, part.content, part.lang)
            elif part.kind == "list":
                for entry in part.content:
                    para(current, "– " + entry, part.lang)
            elif part.kind == "poem":
                node = etree.SubElement(current, f("poem"))
                if part.lang:
                    node.set(XML_LANG, part.lang)
                for stanza in part.content:
                    verses = etree.SubElement(node, f("stanza"))
                    for line in stanza:
                        etree.SubElement(verses, f("v")).text = line
            elif part.kind == "table":
                node = etree.SubElement(current, f("table"))
                for index, row in enumerate(part.content):
                    tr = etree.SubElement(node, f("tr"))
                    for cell in row:
                        etree.SubElement(tr, f("th") if index == 0 else f("td")).text = cell
    notes = etree.SubElement(root, f("body"), name="notes")
    for note_id, number in numbers.items():
        note = title.notes[note_id]
        section = etree.SubElement(notes, f("section"), id=f"n{number}")
        etree.SubElement(etree.SubElement(section, f("title")), f("p")).text = str(number)
        para(section, note.text, note.lang)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True, pretty_print=True)


# ── DOCX ──────────────────────────────────────────────────────────────────────

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_LOCALES = {"kk": "kk-KZ", "ru": "ru-RU", "en": "en-GB"}


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


def _set_run_lang(run, lang: str) -> None:
    if lang:
        rpr = run._r.get_or_add_rPr()
        etree.SubElement(rpr, _w("lang"), {_w("val"): _LOCALES.get(lang, lang)})


def _note_reference(paragraph, number: int) -> None:
    run = paragraph.add_run()
    rpr = run._r.get_or_add_rPr()
    etree.SubElement(rpr, _w("vertAlign"), {_w("val"): "superscript"})
    etree.SubElement(run._r, _w("footnoteReference"), {_w("id"): str(number)})


def _footnotes_xml(title: Title, numbers: dict[str, int]) -> bytes:
    root = etree.Element(_w("footnotes"), nsmap={"w": _W})
    for kind, number in (("separator", -1), ("continuationSeparator", 0)):
        note = etree.SubElement(root, _w("footnote"), {_w("type"): kind, _w("id"): str(number)})
        etree.SubElement(etree.SubElement(etree.SubElement(note, _w("p")), _w("r")), _w(kind))
    for note_id, number in numbers.items():
        note = title.notes[note_id]
        para = etree.SubElement(etree.SubElement(root, _w("footnote"), {_w("id"): str(number)}), _w("p"))
        mark = etree.SubElement(para, _w("r"))
        etree.SubElement(etree.SubElement(mark, _w("rPr")), _w("vertAlign"), {_w("val"): "superscript"})
        etree.SubElement(mark, _w("footnoteRef"))
        run = etree.SubElement(para, _w("r"))
        if note.lang:
            etree.SubElement(etree.SubElement(run, _w("rPr")), _w("lang"), {_w("val"): _LOCALES[note.lang]})
        text = etree.SubElement(run, _w("t"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
        text.text = " " + note.text
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)


def to_docx(title: Title) -> bytes:
    """A Word document with heading and list styles, a Poem style, footnotes and page breaks."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part as OpcPart

    document = docx.Document()
    numbers = note_numbers(title)
    props = document.core_properties
    props.title, props.author, props.language = title.title, title.author, _LOCALES[title.lang]
    props.comments = title.description
    props.created = props.modified = FIXED_DATE.replace(tzinfo=None)
    props.last_modified_by = title.author
    props.revision = 1
    defaults = document.styles.element.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
    for old in defaults.findall(_w("lang")):
        defaults.remove(old)
    etree.SubElement(defaults, _w("lang"), {_w("val"): _LOCALES[title.lang]})
    poem_style = document.styles.add_style("Poem", WD_STYLE_TYPE.PARAGRAPH)
    poem_style.base_style = document.styles["Normal"]
    poem_style.font.italic = True

    def inline(paragraph, text: str, lang: str) -> None:
        for run in runs(text):
            if run.note:
                _note_reference(paragraph, numbers[run.note])
                continue
            piece = paragraph.add_run(run.text)
            piece.italic = run.emphasis or None
            _set_run_lang(piece, run.lang or lang)

    first_page = True
    for chapter in title.chapters:
        for part in chapter:
            if part.kind == "page":
                if not first_page:
                    document.add_page_break()
                first_page = False
            elif part.kind in ("h1", "h2"):
                inline(document.add_heading(level=int(part.kind[1])), part.content, part.lang)
            elif part.kind == "p":
                inline(document.add_paragraph(), part.content, part.lang)
            elif part.kind == "list":
                for entry in part.content:
                    inline(document.add_paragraph(style="List Bullet"), entry, part.lang)
            elif part.kind == "poem":
                for stanza in part.content:
                    paragraph = document.add_paragraph(style="Poem")
                    for index, line in enumerate(stanza):
                        run = paragraph.add_run(line)
                        _set_run_lang(run, part.lang)
                        if index < len(stanza) - 1:
                            run.add_break()
            elif part.kind == "table":
                rows = part.content
                grid = document.add_table(rows=len(rows), cols=len(rows[0]))
                grid.style = document.styles["Table Grid"]
                header = grid.rows[0]._tr.get_or_add_trPr()
                etree.SubElement(header, _w("tblHeader"))
                for r, row in enumerate(rows):
                    for c, text in enumerate(row):
                        cell = grid.cell(r, c).paragraphs[0]
                        run = cell.add_run(text)
                        run.bold = r == 0 or None
                        _set_run_lang(run, part.lang)
    footnotes = OpcPart(
        PackURI("/word/footnotes.xml"), _FOOTNOTES_TYPE, _footnotes_xml(title, numbers), document.part.package
    )
    document.part.relate_to(footnotes, _FOOTNOTES_REL)
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip(out.getvalue())


# ── TXT ───────────────────────────────────────────────────────────────────────


def to_txt(title: Title) -> bytes:
    """UTF-8 plain text: setext headings, wrapped paragraphs, [n] note marks, a form feed per print page."""
    numbers = note_numbers(title)

    def flat(text: str) -> str:
        return "".join(f"[{numbers[r.note]}]" if r.note else r.text for r in runs(text))

    lines = [title.title, title.author, ""]
    for chapter in title.chapters:
        for part in chapter:
            if part.kind == "page":
                if part.content != "1":
                    lines.append("\f")
            elif part.kind in ("h1", "h2"):
                text = flat(part.content)
                lines += ["", text, ("=" if part.kind == "h1" else "-") * len(text), ""]
            elif part.kind == "p":
                lines += textwrap.wrap(flat(part.content), 72) + [""]
            elif part.kind == "list":
                for entry in part.content:
                    lines += textwrap.wrap(flat(entry), 72, initial_indent="  • ", subsequent_indent="    ")
                lines.append("")
            elif part.kind == "poem":
                for stanza in part.content:
                    lines += ["    " + line for line in stanza] + [""]
            elif part.kind == "table":
                widths = [max(len(row[c]) for row in part.content) for c in range(len(part.content[0]))]
                for index, row in enumerate(part.content):
                    lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
                    if index == 0:
                        lines.append("  ".join("-" * w for w in widths))
                lines.append("")
        notes = _chapter_notes(title, chapter)
        if notes:
            lines.append("* * *")
            lines.append("")
            for note_id in notes:
                lines += textwrap.wrap(f"[{numbers[note_id]}] {title.notes[note_id].text}", 72) + [""]
    text = "\n".join(lines)
    text = re.sub(r"\n*\f\n*", "\n\f\n", text)
    return (re.sub(r"\n{3,}", "\n\n", text).strip() + "\n").encode("utf-8")


# ── PDF ───────────────────────────────────────────────────────────────────────


def to_pdf(title: Title) -> bytes:
    """A tagged-free but text-bearing PDF: DejaVu fonts, an outline, page labels = print pages."""
    from fpdf import FPDF

    numbers = note_numbers(title)
    pdf = FPDF(format=(148, 210))  # A5
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(title.title)
    pdf.set_author(title.author)
    pdf.set_subject(title.description)
    pdf.set_creator("AccessReader samples/source/make_samples.py")
    pdf.set_lang(title.lang)
    pdf.set_auto_page_break(True, margin=18)
    for style, file in (("", "DejaVuSerif.ttf"), ("B", "DejaVuSerif-Bold.ttf"), ("I", "DejaVuSerif-Italic.ttf")):
        pdf.add_font("DejaVu", style, str(FONTS / file))
    pending: list[str] = []

    def footer() -> None:
        pdf.set_y(-14)
        pdf.set_font("DejaVu", "", 9)
        pdf.cell(0, 6, pdf.get_page_label(), align="C")

    pdf.footer = footer

    def flush_notes() -> None:
        if not pending:
            return
        pdf.set_font("DejaVu", "", 8)
        pdf.ln(2)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + 40, pdf.get_y())
        pdf.ln(1)
        for note_id in pending:
            pdf.multi_cell(0, 4, f"{numbers[note_id]} {title.notes[note_id].text}", new_x="LMARGIN", new_y="NEXT")
        pending.clear()

    def inline(text: str, size: float, style: str = "") -> None:
        for run in runs(text):
            if run.note:
                pdf.char_vpos = "SUP"
                pdf.write(size * 0.5, str(numbers[run.note]))
                pdf.char_vpos = "LINE"
                pending.append(run.note)
                continue
            pdf.set_font("DejaVu", "I" if run.emphasis else style, size)
            pdf.write(size * 0.5, run.text)
        pdf.ln(size * 0.5)

    for chapter in title.chapters:
        for part in chapter:
            if part.kind == "page":
                flush_notes()
                pdf.add_page()
                pdf.set_page_label("D", label_start=int(part.content))
            elif part.kind in ("h1", "h2"):
                size = 15 if part.kind == "h1" else 12
                pdf.start_section(plain(part.content), level=int(part.kind[1]) - 1)
                pdf.ln(3)
                pdf.set_font("DejaVu", "B", size)
                pdf.multi_cell(0, size * 0.5, plain(part.content), new_x="LMARGIN", new_y="NEXT")
                pdf.ln(2)
            elif part.kind == "p":
                inline(part.content, 10)
                pdf.ln(2)
            elif part.kind == "list":
                for entry in part.content:
                    pdf.set_font("DejaVu", "", 10)
                    pdf.write(5, "•  ")
                    inline(entry, 10)
                pdf.ln(2)
            elif part.kind == "poem":
                pdf.set_font("DejaVu", "I", 10)
                for stanza in part.content:
                    for line in stanza:
                        pdf.set_x(pdf.l_margin + 12)
                        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
                    pdf.ln(3)
            elif part.kind == "table":
                pdf.set_font("DejaVu", "", 9)
                with pdf.table(first_row_as_headings=True, line_height=5) as grid:
                    for row in part.content:
                        cells = grid.row()
                        for text in row:
                            cells.cell(text)
                pdf.ln(3)
        flush_notes()
    return bytes(pdf.output())


WRITERS = {"epub": to_epub, "fb2": to_fb2, "docx": to_docx, "html": to_html, "txt": to_txt, "pdf": to_pdf}


def file_name(title: Title, fmt: str) -> str:
    return f"{title.slug}.{EXTENSIONS[fmt]}"


def write_all(folder: Path) -> list[Path]:
    """Write every title in each of its formats into ``folder`` (temp name, then rename)."""
    written = []
    for title in TITLES:
        for fmt in title.formats:
            target = folder / file_name(title, fmt)
            temporary = target.with_name(target.name + ".part")
            temporary.write_bytes(WRITERS[fmt](title))
            temporary.replace(target)
            written.append(target)
    return written


if __name__ == "__main__":
    for path in write_all(Path(__file__).resolve().parent.parent):
        print(f"{path.name}: {path.stat().st_size} bytes")
