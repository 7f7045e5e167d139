"""The PDF reader: PDF bytes in, a draft Document out.

    read(data, name, limits) ──pdfminer──▶ opens the file: password check, metadata,
                                           outline, page tree (labels), damage notices
        ──pdfpages───▶ text lines per page, by PDFium (pypdfium2) by default, in a
                       process pool for long books (pdfminer's layout analysis is the
                       other engine, ~4× slower)
        ──pdflayout──▶ running heads and page numbers out, columns in order, paragraphs,
                       split words joined
        ──outline────▶ headings at their printed titles, chapters at top-level entries
        ──builder────▶ Document with a print page marker at every page start

Why two libraries: pdfminer.six reads the document structure well and reports the
damage it works around (logged, it becomes a notice), but interpreting the page
contents and grouping characters into lines, in Python, took ~98% of the reader's
time (``benchmarks/pdf_reader.py`` prints the parts); PDFium extracts the characters
with their boxes, fonts and sizes in C++.  So pdfminer keeps the file-level work (encryption,
Info/XMP metadata, outline and named destinations, page labels, decoding each content
stream once to hear about damage), and PDFium reads the text.

Page markers carry the PDF's page labels, else the number printed in the running head
or foot, else the page's index.  A paragraph running over a page end is kept whole and
the marker follows it.  Without an outline, headings come from lines set clearly
larger or bold.  Metadata comes from the Info dictionary and XMP ``dc:language``.

Pages that are pictures without a text layer (scans) are drawn by poppler's
``pdftoppm`` and read by OCR (``ocr.py``); their lines go through the same layout, so a
book mixing text and scanned pages reads as one, and a notice lists the OCR'd pages.

Refusals: a PDF that needs a password to open → ``EncryptedFile`` (restrictions
on copying are not a refusal: the owner password does not hide the text, and
conversion for blind readers is what the restriction flags allow); scans on which OCR
finds no text → ``NoTextFound``; no text and no pictures → ``ScannedPdf``; anything
pdfminer or PDFium cannot parse, or a file cut short → ``CorruptFile``.
"""

from __future__ import annotations

import io
import re
import struct
import subprocess
import tempfile
import zlib
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFNoOutlines
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFObjRef, PDFStream, resolve1
from pdfminer.psexceptions import PSException
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text
from pypdfium2 import PdfiumError

from ..errors import ArchiveBomb, CorruptFile, EncryptedFile, MissingDependency, NoTextFound, ScannedPdf, UnsafeXml
from ..model import Document
from . import ocr, pdfpages
from .builder import DocumentBuilder
from .pdflayout import body_size, running_heads, strip_running
from .printed import OutlineEntry, PageLayout, PrintedPage
from .safety import Limits, human_size, parse_xml

FORMAT = "PDF"
#: What pdfminer raises on damaged files besides its own exceptions.
_DAMAGE = (
    PSException,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    AssertionError,
    EOFError,
    struct.error,
    zlib.error,
    RecursionError,
    OverflowError,
    ZeroDivisionError,
)
_DATE = re.compile(r"^D?:?(\d{4})(\d{2})?(\d{2})?")
_DC = "{http://purl.org/dc/elements/1.1/}"
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
#: A page with a picture and fewer letters than this in its text layer is a scan: its
#: text layer holds at most a page number or a stamp, so the page is read by OCR.
_SCANNED_LETTERS = 20


def read(data: bytes, name: str, limits: Limits, *, engine: str = "pdfium", workers: int | None = None) -> Document:
    """Read a PDF into a draft Document; raises EncryptedFile, ScannedPdf or CorruptFile.

    ``limits`` is the common reader signature: a PDF's only bound is its size, which
    ``content.read`` checks before any reader runs.  ``engine`` ("pdfium" or
    "pdfminer") reads the text lines, in ``workers`` processes (see ``pdfpages.lines``).
    """
    if b"%%EOF" not in data.rstrip(b"\x00 \t\r\n")[-4096:]:
        raise CorruptFile(name=name, format=FORMAT, detail="the file is cut short (no end-of-file mark)")
    builder = DocumentBuilder("pdf")
    with pdfpages.pdfminer_warnings() as warnings:
        try:
            document = _open(data, name)
            _metadata(document, builder, name)
            count, labels, page_ids = _pages(document, name, limits)
            outline = _outline(document, page_ids)
            pages, logged = pdfpages.lines(data, count, engine, workers)
            warnings += logged
        except (EncryptedFile, CorruptFile, ArchiveBomb):
            raise
        except PDFEncryptionError as exc:
            raise EncryptedFile(name=name, format=FORMAT) from exc
        except (PdfiumError, BrokenProcessPool) as exc:  # BrokenProcessPool: PDFium died on the file
            raise CorruptFile(name=name, format=FORMAT, detail=_detail(exc)) from exc
        except _DAMAGE as exc:
            raise CorruptFile(name=name, format=FORMAT, detail=_detail(exc)) from exc
    for page, label in zip(pages, labels):
        page.label = label
    scanned = _scanned(pages)
    if scanned:
        _recognise(data, name, pages, scanned, builder.metadata.languages)
    layout = PageLayout(pages, outline, builder)
    if not any(page.lines for page in pages):  # nothing but page numbers and running heads, if that
        raise NoTextFound(name=name) if scanned else ScannedPdf(name=name)
    ocr.notice_low_confidence(builder, pages, layout.labels)
    if not builder.metadata.title:
        builder.metadata.title = layout.cover_title()
    if warnings:
        builder.notice("pdf_damaged", "; ".join(dict.fromkeys(warnings))[:300])
    if scanned:
        builder.notice("pdf_scanned_pages", _page_list([layout.labels[index] for index in scanned]))
    layout.build()
    return builder.build()


def _detail(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:200]


def _open(data: bytes, name: str) -> PDFDocument:
    try:
        return PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except PDFEncryptionError as exc:  # a user password is needed (or an unknown cipher)
        raise EncryptedFile(name=name, format=FORMAT) from exc


# Metadata -----------------------------------------------------------------------------


def _text(value: Any) -> str:
    value = resolve1(value)
    if isinstance(value, bytes):
        return " ".join(decode_text(value).replace("\x00", "").split())
    if isinstance(value, PSLiteral):
        return str(value.name)
    return " ".join(str(value).split()) if isinstance(value, str) else ""


def _metadata(document: PDFDocument, builder: DocumentBuilder, name: str) -> None:
    meta = builder.metadata
    info: dict[str, Any] = {}
    for entry in document.info:
        info.update(entry)
    meta.title = re.sub(r"^Microsoft (Word|PowerPoint) - ", "", _text(info.get("Title")))
    meta.authors = [a.strip() for a in _text(info.get("Author")).split(";") if a.strip()]
    meta.description = _text(info.get("Subject"))
    date = _DATE.match(_text(info.get("CreationDate")))
    if date:
        meta.date = "-".join(part for part in date.groups() if part)
    languages = _xmp_languages(document.catalog.get("Metadata"), name)
    lang = _text(document.catalog.get("Lang"))
    meta.languages = languages or ([lang] if lang else [])


def _xmp_languages(ref: Any, name: str) -> list[str]:
    stream = resolve1(ref)
    if not isinstance(stream, PDFStream):
        return []
    try:
        root = parse_xml(stream.get_data(), name, FORMAT)
    except (CorruptFile, UnsafeXml):  # the text is still worth reading without its XMP
        return []
    languages = []
    for element in root.iter(f"{_DC}language"):
        items = list(element.iter(f"{_RDF}li")) or [element]
        languages += [" ".join(item.itertext()).strip() for item in items]
    return [code for code in languages if code and code.lower() != "x-unknown"]


# Outline ------------------------------------------------------------------------------


def _outline(document: PDFDocument, page_ids: dict[int, int]) -> dict[int, list[OutlineEntry]]:
    """Outline entries by page index, in outline order; levels start at 1."""
    try:
        entries = list(document.get_outlines())
    except PDFNoOutlines:
        return {}
    by_page: dict[int, list[OutlineEntry]] = {}
    for level, title, dest, action, _ in entries:
        if dest is None and isinstance(resolve1(action), dict):
            dest = resolve1(action).get("D")
        target = _destination(document, dest)
        if target is None or not str(title).strip():
            continue
        page, top = target
        if page in page_ids:
            by_page.setdefault(page_ids[page], []).append(
                OutlineEntry(max(level, 1), " ".join(str(title).split()), top)
            )
    return by_page


def _destination(document: PDFDocument, dest: Any) -> tuple[int, float | None] | None:
    """(page object id, top in points or None) of an outline destination."""
    dest = resolve1(dest)
    if isinstance(dest, (bytes, str, PSLiteral)):
        key = dest.name if isinstance(dest, PSLiteral) else dest
        try:
            dest = resolve1(document.get_dest(key))
        except _DAMAGE:
            return None
    if isinstance(dest, dict):
        dest = resolve1(dest.get("D"))
    if not isinstance(dest, list) or not dest or not isinstance(dest[0], PDFObjRef):
        return None
    kind = dest[1].name if len(dest) > 1 and isinstance(dest[1], PSLiteral) else ""
    top = resolve1(dest[3]) if kind == "XYZ" and len(dest) > 3 else None
    top = resolve1(dest[2]) if kind in ("FitH", "FitBH") and len(dest) > 2 else top
    return dest[0].objid, float(top) if isinstance(top, (int, float)) else None


# Pages --------------------------------------------------------------------------------


def _recognise(data: bytes, name: str, pages: list[PrintedPage], scanned: list[int], languages: list[str]) -> None:
    """OCR the pages without a text layer (rendered by poppler's pdftoppm), in place."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(data)
        file.flush()

        def render(number: int) -> Callable[[], bytes]:
            def run() -> bytes:
                command = ["pdftoppm", "-r", str(ocr.DEFAULT_DPI), "-gray", "-png", "-singlefile"]
                try:
                    result = subprocess.run(
                        [*command, "-f", str(number), "-l", str(number), file.name], capture_output=True, timeout=300
                    )
                except FileNotFoundError as exc:
                    raise MissingDependency(what="pdftoppm", install="apt-get install poppler-utils") from exc
                if result.returncode != 0 or not result.stdout:
                    raise CorruptFile(name=name, format=FORMAT, detail=f"page {number} cannot be drawn")
                return result.stdout

            return run

        recognised = ocr.recognise([render(index + 1) for index in scanned], ocr.tesseract_languages(languages))
    for index, page in zip(scanned, recognised):
        for line in page.lines:
            line.top += pages[index].bottom
            line.bottom += pages[index].bottom
        pages[index].lines = page.lines
        pages[index].confidence = page.confidence


def _scanned(pages: list[PrintedPage]) -> list[int]:
    """The pages that are pictures whose text layer holds no more than running heads and a few letters."""
    body = body_size([page.lines for page in pages])
    heads = running_heads([(page.lines, page.bottom, page.height) for page in pages], body)
    found = []
    for index, page in enumerate(pages):
        if page.pictured:
            lines, _ = strip_running(list(page.lines), page.bottom, page.height, body, heads)
            if sum(c.isalpha() for line in lines for c in line.text) < _SCANNED_LETTERS:
                found.append(index)
    return found


def _unpacked_size(stream: PDFStream, name: str, limits: Limits, budget: int) -> int:
    """How many bytes a Flate-compressed stream unpacks to, counted without keeping them.

    Raises ``ArchiveBomb`` past ``budget`` or, for a stream over 1 MB unpacked, past
    ``limits.max_ratio`` times its packed size (a compressed-stream bomb: 0.5 MB of
    PDF unpacking to gigabytes).  Other filters, and streams zlib cannot read
    (encrypted, damaged), count as their packed size and are left to pdfminer.
    """
    raw = stream.rawdata or b""
    filters = stream.get_filters()
    if stream.decipher or not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
        return len(raw)
    cap = min(budget, max(1024 * 1024, limits.max_ratio * len(raw)))
    inflater, size, pending = zlib.decompressobj(), 0, raw
    try:
        while pending and size <= cap:
            size += len(inflater.decompress(pending, 1024 * 1024))
            pending = inflater.unconsumed_tail
    except zlib.error:
        return len(raw)
    if size > cap:
        raise ArchiveBomb(name=name, limit=human_size(cap))
    return size


def _page_list(labels: list[str]) -> str:
    return ", ".join(labels[:20]) + (" …" if len(labels) > 20 else "")


def _pages(document: PDFDocument, name: str, limits: Limits) -> tuple[int, list[str], dict[int, int]]:
    """The number of pages, their labels, and page object id → index.

    Each page's content streams are decoded here once, so damage pdfminer works around
    (a bad checksum) is logged whichever engine reads the text; first their unpacked
    size is counted against ``limits`` as a ZIP member's is (``ArchiveBomb``).
    """
    labels: list[str] = []
    ids: dict[int, int] = {}
    unpacked = 0
    for page in PDFPage.create_pages(document):
        ids[page.pageid] = len(labels)
        labels.append(_text(page.label) if page.label else "")
        for stream in page.contents:
            stream = resolve1(stream)
            if isinstance(stream, PDFStream) and stream.rawdata is not None:
                unpacked += _unpacked_size(stream, name, limits, limits.max_unpacked_bytes - unpacked)
                raw = stream.rawdata
                stream.get_data()
                stream.rawdata, stream.data = raw, None  # decoded again by the engine; not kept for every page
    declared = resolve1(resolve1(document.catalog.get("Pages")) or {}).get("Count") if document.catalog else None
    if not labels:
        raise CorruptFile(name=name, format=FORMAT, detail="no pages")
    if isinstance(declared, int) and declared > len(labels):
        raise CorruptFile(name=name, format=FORMAT, detail=f"{declared - len(labels)} of {declared} pages are missing")
    return len(labels), labels, ids
