"""The EPUB reader: EPUB 2 and 3 into a draft Document, one chapter per spine item.

    bytes ──SafeZip (bomb, damage)──▶ encryption.xml (DRM?) ──every XML member parsed
          (entity declarations refused)──▶ ebooklib (package, spine, nav/NCX, page list)
          ──markup.Walk per spine document──▶ chapters, TOC → block ids, page markers

Linear spine items come first, in spine order, then the non-linear ones.  Table
of contents entries point at the block found at their ``href#fragment`` (else the
first block of the file, else a heading with the same text).  A page list gives
page markers only in documents without their own page-break markers.  Raises
``EncryptedFile`` for DRM, ``UnsafeXml`` for entity declarations, ``CorruptFile``
for anything ebooklib, lxml or zipfile cannot read, ``EmptyFile`` for no text.
"""

from __future__ import annotations

import io
import posixpath
from urllib.parse import unquote

from ebooklib import epub
from lxml import etree

from ..errors import CorruptFile, EmptyFile, EncryptedFile, UnsafeXml
from ..model import Block, Document, TocEntry
from .builder import DocumentBuilder
from .markup import Walk, element_lang, index_notes, is_pagebreak, local_name, resolve, text_content
from .safety import Limits, SafeZip, declares_entities, parse_html, parse_xml

FORMAT = "EPUB"
#: Font obfuscation (IDPF 2008 and Adobe): not DRM, only fonts are mangled.
FONT_OBFUSCATION = ("http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC")
_FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2", ".eot", ".pfb", ".pfm")
_XML_SUFFIXES = (".xml", ".opf", ".ncx", ".xhtml", ".html", ".htm", ".xht", ".svg", ".smil")
_CONTENT_SUFFIXES = (".xhtml", ".html", ".htm", ".xht")
_ENC = "{http://www.w3.org/2001/04/xmlenc#}"
_NCX = "{http://www.daisy.org/z3986/2005/ncx/}"


def read(data: bytes, name: str, limits: Limits) -> Document:
    """Read an EPUB 2 or 3 book from its bytes (see the module docstring for what is raised)."""
    archive = SafeZip(data, name, FORMAT, limits)
    _refuse_drm(archive, name)
    trees = _parse_members(archive, name)
    try:
        reader = epub.EpubReader(io.BytesIO(data), {"ignore_ncx": True})
        book = reader.load()
    except Exception as exc:  # ebooklib raises bare KeyError/AttributeError/IndexError on broken packages
        raise CorruptFile(name=name, format=FORMAT, detail=f"{type(exc).__name__}: {exc}") from exc
    builder = DocumentBuilder("epub")
    _metadata(book, builder)
    documents = _spine_documents(book, reader.opf_dir, trees)
    notes = index_notes({file: root for file, root in documents})
    toc = _flatten(book.toc, 1, _toc_base(book))
    pages = _page_list(book, reader.opf_dir)
    anchors: dict[str, Block] = {}
    for file, root in documents:
        body = next((e for e in root.iter() if local_name(e) == "body"), root)
        title = next((t for t, _, href in toc if href.partition("#")[0] == file), "") or _first_heading(body)
        builder.chapter(title)
        own_breaks = any(is_pagebreak(e) for e in body.iter() if isinstance(e.tag, str))
        walk = Walk(builder, file, notes, pages={} if own_breaks else pages.get(file, {}), anchors=anchors)
        walk.run(body, lang=element_lang(root))
    document = builder.build()
    if not document.chapters:
        raise EmptyFile(name=name)
    document.toc = _toc(toc, anchors, document)
    return document


def _refuse_drm(archive: SafeZip, name: str) -> None:
    """Raise ``EncryptedFile`` when ``META-INF/encryption.xml`` encrypts more than fonts."""
    if not archive.has("META-INF/encryption.xml"):
        return
    root = parse_xml(archive.read("META-INF/encryption.xml"), name, FORMAT)
    for data in root.iter(f"{_ENC}EncryptedData"):
        method = data.find(f"{_ENC}EncryptionMethod")
        algorithm = method.get("Algorithm", "") if method is not None else ""
        reference = data.find(f"{_ENC}CipherData/{_ENC}CipherReference")
        target = unquote(reference.get("URI", "")) if reference is not None else ""
        if algorithm not in FONT_OBFUSCATION and not target.lower().endswith(_FONT_SUFFIXES):
            raise EncryptedFile(name=name, format=FORMAT)


def _parse_members(archive: SafeZip, name: str) -> dict[str, etree._Element]:
    """Parse every XML member before ebooklib sees it, refusing entity declarations.

    Returns the content documents' trees (member name → root).  Content that is
    not well-formed XML is parsed again as HTML, the way reading systems do.
    """
    trees: dict[str, etree._Element] = {}
    for member in archive.names:
        if not member.lower().endswith(_XML_SUFFIXES):
            continue
        data = archive.read(member)
        label = f"{name}/{member}"
        try:
            root = parse_xml(data, label, FORMAT)
        except UnsafeXml:
            raise
        except CorruptFile:
            if not member.lower().endswith(_CONTENT_SUFFIXES):
                if declares_entities(data):
                    raise UnsafeXml(name=label) from None
                continue  # ebooklib reads packages leniently; it reports what it cannot
            root = parse_html(data, label)
        if member.lower().endswith(_CONTENT_SUFFIXES):
            trees[member] = root
    return trees


def _metadata(book: epub.EpubBook, builder: DocumentBuilder) -> None:
    def values(field: str) -> list[str]:
        return [" ".join(v.split()) for v, _ in book.get_metadata("DC", field) if v and v.strip()]

    meta = builder.metadata
    meta.title = next(iter(values("title")), "")
    meta.authors = list(dict.fromkeys(values("creator")))
    meta.languages = values("language")
    meta.identifier = (book.uid or next(iter(values("identifier")), "")).strip()
    meta.publisher = next(iter(values("publisher")), "")
    meta.date = next(iter(values("date")), "")
    meta.description = next(iter(values("description")), "")


def _spine_documents(
    book: epub.EpubBook, opf_dir: str, trees: dict[str, etree._Element]
) -> list[tuple[str, etree._Element]]:
    """The spine's (X)HTML documents as (file relative to the package, tree), linear ones first."""
    ordered = [i for i, linear in book.spine if linear != "no"] + [i for i, linear in book.spine if linear == "no"]
    documents: list[tuple[str, etree._Element]] = []
    seen: set[str] = set()
    for idref in ordered:
        item = book.get_item_with_id(idref)
        if item is None or not isinstance(item, epub.EpubHtml) or item.file_name in seen:
            continue
        seen.add(item.file_name)
        member = posixpath.normpath(posixpath.join(opf_dir, item.file_name))
        if member in trees:  # ebooklib names a "cover" page cover.xhtml whatever its real name
            documents.append((item.file_name, trees[member]))
    return documents


def _toc_base(book: epub.EpubBook) -> str:
    """The file TOC links are relative to: "" for a nav (ebooklib resolves them), else the NCX."""
    if any(isinstance(i, epub.EpubNav) for i in book.get_items()):
        return ""
    ncx = next((i for i in book.get_items() if isinstance(i, epub.EpubNcx)), None)
    return ncx.file_name if ncx is not None else ""


def _flatten(entries: list, level: int, base: str) -> list[tuple[str, int, str]]:
    """ebooklib's nested TOC as (title, level, href) rows in reading order, hrefs relative to the package."""
    rows: list[tuple[str, int, str]] = []
    for entry in entries:
        children: list = []
        if isinstance(entry, tuple):
            entry, children = entry
        title = " ".join((getattr(entry, "title", "") or "").split())
        href = getattr(entry, "href", "") or ""
        rows.append((title, level, resolve(base, href) if href and base else unquote(href)))
        rows.extend(_flatten(children, level + 1, base))
    return rows


def _page_list(book: epub.EpubBook, opf_dir: str) -> dict[str, dict[str, str]]:
    """Print pages from the nav page-list (EPUB 3) or the NCX pageList (EPUB 2): file → {id or "": number}."""
    pages: dict[str, dict[str, str]] = {}
    entries = [(link.title or "", link.href or "") for link in book.pages]
    if not entries:
        ncx = next((i for i in book.get_items() if isinstance(i, epub.EpubNcx)), None)
        if ncx is not None:
            ncx_file = posixpath.normpath(posixpath.join(opf_dir, ncx.file_name))
            entries = _ncx_pages(ncx.content, ncx.file_name, ncx_file)
    for number, href in entries:
        file, _, fragment = unquote(href).partition("#")
        if number.strip():
            pages.setdefault(file, {}).setdefault(fragment, " ".join(number.split()))
    return pages


def _ncx_pages(content: bytes, file: str, label: str) -> list[tuple[str, str]]:
    try:
        root = parse_xml(content, label, FORMAT)
    except CorruptFile:
        return []
    entries = []
    for target in root.iter(f"{_NCX}pageTarget"):
        text = target.find(f"{_NCX}navLabel/{_NCX}text")
        number = (text.text if text is not None and text.text else "") or target.get("value", "")
        source = target.find(f"{_NCX}content")
        if source is not None and source.get("src"):
            entries.append((number, resolve(file, source.get("src"))))
    return entries


def _first_heading(body: etree._Element) -> str:
    heading = next((e for e in body.iter() if local_name(e) in ("h1", "h2", "h3", "h4", "h5", "h6")), None)
    return text_content(heading) if heading is not None else ""


def _toc(rows: list[tuple[str, int, str]], anchors: dict[str, Block], document: Document) -> list[TocEntry]:
    """TOC rows pointed at blocks: the anchor, else the file's first block, else a heading with that title.

    A row without a link (a part title) points where its first linked sub-entry does.
    """
    headings = {b.text.casefold(): b for _, b in document.blocks() if b.kind == "heading"}
    entries = []
    for index, (title, level, href) in enumerate(rows):
        if not href:
            href = next((h for _, lv, h in rows[index + 1 :] if h and lv > level), "")
        block = anchors.get(href) or anchors.get(href.partition("#")[0]) or headings.get(title.casefold())
        if block is not None and title:
            entries.append(TocEntry(title, level, block.id))
    return entries
