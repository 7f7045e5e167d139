"""Text lines of PDF pages: PDF bytes and a page range in, ``PrintedPage``s of ``Line``s out.

    content/pdf.py ──▶ lines(data, count, engine) ──▶ one process for a short PDF, else
                       ranges of pages across a process pool (each worker opens the
                       bytes once and reads its range a page at a time)
                   ◀── PrintedPage per page: Lines (box, size, runs of one font), page
                       bottom and height, whether it holds a picture

Two engines give the same plain lines:

``pdfium`` (pypdfium2, PDFium's C++ text page; the default, ~4× faster): characters
with their boxes, font size and font name, grouped into lines the way pdfminer groups
them (consecutive characters on one baseline, no wide gap between them); PDFium's own
word spaces are kept.  PDFium reports a hyphen at a line end without saying whether it
was a soft one; it comes out as ``-`` and pdflayout's rules decide the join.

``pdfminer`` (pdfminer.six layout analysis, its box ordering off: ``pdflayout`` orders
the lines): the reference, kept to compare against.

Boxes are in points with y up, the page's lower left corner at 0, turned as the page's
``/Rotate`` asks, so both engines agree with each other and with pdfminer's layout.
Labels are left empty: ``pdf.py`` takes them from the page tree.
"""

from __future__ import annotations

import ctypes
import io
import logging
import math
import multiprocessing
import os
import re
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTAnno, LTChar, LTContainer, LTImage, LTPage, LTTextLineHorizontal
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

from .. import processes
from .pdflayout import Line
from .printed import PrintedPage

ENGINES = ("pdfium", "pdfminer")
#: Pages one worker reads in one go: few enough that results stream back in bounded
#: pieces, enough that opening the PDF in the worker is paid rarely.
RANGE_PAGES = 24
#: Below this many pages one process reads faster than starting a pool: on 2 shared
#: CPUs (``benchmarks/pdf_reader.py``) a pool of 2 was even with one process at 240
#: pages for PDFium (~12 ms a page) and 1.1× faster for pdfminer (~50 ms a page).
POOL_PAGES = {"pdfium": 400, "pdfminer": 60}
_CID = re.compile(r"\(cid:\d+\)")
#: Typographic ligatures spelled out, so speech and braille meet ordinary letters.
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
#: pdfminer's grouping of characters into lines, which the PDFium path follows too.
_LAPARAMS = LAParams(all_texts=True, boxes_flow=None)
#: pdfminer reports damage it worked around as log warnings; they become a notice, not noise.
_LOG = logging.getLogger("pdfminer")
_LOG.propagate = False
#: PDFium must not be entered by two threads at once, even for different documents
#: (the service converts on several threads); processes read in parallel instead.
_PDFIUM = threading.Lock()
#: Code points PDFium gives for what it could not map.
_UNMAPPED = {0, 0xFFFD, 0xFFFE}
#: What PDFium inserts itself: spaces between words, line ends (2 is its line-end hyphen).
_MAYBE_GENERATED = {10, 13, 32}
#: FPDFText_GetTextObject returning the object's address as an int, a cheap cache key.
_TEXT_OBJECT = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value
)


def lines(
    data: bytes, count: int, engine: str = "pdfium", workers: int | None = None
) -> tuple[list[PrintedPage], list[str]]:
    """Every page's lines, and the warnings pdfminer logged while reading them.

    ``count`` is the number of pages; ``workers`` the number of processes (default:
    the CPUs this process may use, and 1 below ``POOL_PAGES[engine]`` pages).  Raises
    whatever the engine raises on a damaged file (``pdfium.PdfiumError``, pdfminer's
    exceptions); ``ValueError`` for an unknown engine.  The pool needs the usual
    ``if __name__ == "__main__":`` guard in the program's main script.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r}; known: {', '.join(ENGINES)}")
    if workers is None:
        workers = 1 if count < POOL_PAGES[engine] else len(os.sched_getaffinity(0))
    if multiprocessing.current_process().daemon:  # a daemonic process may not start workers
        workers = 1
    ranges = [(start, min(start + RANGE_PAGES, count)) for start in range(0, count, RANGE_PAGES)]
    if workers <= 1 or len(ranges) <= 1:
        return read_range(data, 0, count, engine)
    pages: list[PrintedPage] = []
    warnings: list[str] = []
    # A fork server, not a fork of this process: the service reads PDFs on several
    # threads, and a fork taken while one is inside PDFium would copy its half-done state.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])  # workers start with the engines imported
    initargs = (data, os.getpid())
    with ProcessPoolExecutor(min(workers, len(ranges)), context, initializer=_keep, initargs=initargs) as pool:
        for found, logged in pool.map(_read_kept, ranges, [engine] * len(ranges)):
            pages += found
            warnings += logged
    return pages, warnings


_DATA = b""


def _keep(data: bytes, parent: int) -> None:
    """A worker's initializer: the PDF arrives once per worker, not once per range; the worker dies with ``parent``."""
    global _DATA
    processes.die_with_parent(parent)
    _DATA = data


def _read_kept(span: tuple[int, int], engine: str) -> tuple[list[PrintedPage], list[str]]:
    return read_range(_DATA, span[0], span[1], engine)


def read_range(data: bytes, start: int, stop: int, engine: str) -> tuple[list[PrintedPage], list[str]]:
    """Pages ``[start, stop)`` of the PDF read by ``engine``, and pdfminer's warnings."""
    with pdfminer_warnings() as warnings:
        pages = _pdfium_range(data, start, stop) if engine == "pdfium" else _pdfminer_range(data, start, stop)
    return pages, warnings


@contextmanager
def pdfminer_warnings() -> Iterator[list[str]]:
    """The warnings pdfminer logs on this thread meanwhile: damage it worked around."""
    collector = _Collector()
    _LOG.addHandler(collector)
    try:
        yield collector.messages
    finally:
        _LOG.removeHandler(collector)


class _Collector(logging.Handler):
    """Keeps the warnings pdfminer logs on this thread (other threads read other PDFs)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.messages.append(record.getMessage()[:120])


def _turn(rotation: int, box: tuple[float, float, float, float]) -> tuple[tuple[float, ...], float]:
    """The matrix pdfminer applies for a page's ``/Rotate``, and the turned page's height."""
    x0, y0, x1, y1 = box
    if rotation == 90:
        return (0, -1, 1, 0, -y0, x1), x1 - x0
    if rotation == 180:
        return (-1, 0, 0, -1, x1, y1), y1 - y0
    if rotation == 270:
        return (0, 1, -1, 0, y1, -x0), x1 - x0
    return (1, 0, 0, 1, -x0, -y0), y1 - y0


# PDFium ---------------------------------------------------------------------------------


def _pdfium_range(data: bytes, start: int, stop: int) -> list[PrintedPage]:
    with _PDFIUM:
        document = pdfium.PdfDocument(data)
        try:
            pages = []
            for index in range(start, stop):
                page = document[index]
                try:
                    pages.append(_pdfium_page(page))
                finally:
                    page.close()
            return pages
        finally:
            document.close()


def _pdfium_page(page: pdfium.PdfPage) -> PrintedPage:
    matrix, height = _turn(page.get_rotation(), page.get_bbox())
    textpage = page.get_textpage()
    try:
        found = [_line(chars) for chars in _pdfium_rows(textpage, matrix)]
    finally:
        textpage.close()
    pictured = next(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]), None) is not None
    return PrintedPage([line for line in found if line is not None], 0.0, height or 1.0, "", pictured)


#: One character of a line being collected: text, font name, size, x0, x1, bottom, top.
_Char = tuple[str, str, float, float, float, float, float]


def _pdfium_rows(textpage: pdfium.PdfTextPage, matrix: tuple[float, ...]) -> Iterator[list[_Char]]:
    """The page's characters grouped into printed lines (PDFium's spaces as chars without a box).

    Two characters in a row share a line when their heights overlap by half and the gap
    between them is under twice the wider one's width: pdfminer's test (``char_margin``
    2, ``line_overlap`` 0.5), so both engines cut lines alike.  This loop runs once per
    character of the book, hence the plain locals.
    """
    raw = textpage.raw
    generated, box_of = pdfium_c.FPDFText_IsGenerated, pdfium_c.FPDFText_GetLooseCharBox
    box = pdfium_c.FS_RECTF()
    a, b, c, d, e, f = matrix
    upright = (a, b, c, d) == (1, 0, 0, 1)
    styles: dict[int, tuple[str, float]] = {}
    row: list[_Char] = []
    last: _Char | None = None
    for index, code in enumerate(_codes(raw)):
        if code in _MAYBE_GENERATED and generated(raw, index):
            if code != 32 and row:
                yield row
                row, last = [], None
            elif code == 32 and last is not None:
                row.append((" ", last[1], 0.0, last[4], last[4], last[5], last[5]))
            continue
        if code in _UNMAPPED:
            continue
        key = _TEXT_OBJECT(raw, index) or 0
        style = styles.get(key)
        if style is None:
            style = styles[key] = _pdfium_style(raw, index, key)
        font, size = style
        box_of(raw, index, box)
        if upright:
            x0, x1, y0 = box.left + e, box.right + e, box.bottom + f
        else:
            x0, x1 = sorted((a * box.left + c * box.bottom + e, a * box.right + c * box.top + e))
            y0 = min(b * box.left + d * box.bottom + f, b * box.right + d * box.top + f)
        y1 = y0 + size
        if last is not None:
            overlap = (y1 if y1 < last[6] else last[6]) - (y0 if y0 > last[5] else last[5])
            gap = x0 - last[4] if x0 > last[4] else last[3] - x1 if last[3] > x1 else 0.0
            width = x1 - x0 if x1 - x0 > last[4] - last[3] else last[4] - last[3]
            if overlap <= 0.5 * (size if size < last[2] else last[2]) or gap >= 2.0 * width:
                yield row
                row = []
        last = (chr(code) if code != 2 else "-", font, size, x0, x1, y0, y1)
        row.append(last)
    if row:
        yield row


def _codes(raw: pdfium_c.FPDF_TEXTPAGE) -> list[int]:
    """Each character's code point: the page's text in one call when it holds one UTF-16
    unit per character (no surrogate pairs), else character by character."""
    count = pdfium_c.FPDFText_CountChars(raw)
    buffer = (ctypes.c_uint16 * (count + 1))()
    written = pdfium_c.FPDFText_GetText(raw, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    codes = list(buffer[: max(written - 1, 0)])
    if len(codes) != count or any(0xD800 <= code < 0xE000 for code in codes):
        codes = [pdfium_c.FPDFText_GetUnicode(raw, index) for index in range(count)]
    return [2 if code == 0xFFFE else code for code in codes]  # GetText's line-end hyphen, as GetUnicode gives it


def _pdfium_style(raw: pdfium_c.FPDF_TEXTPAGE, index: int, key: int) -> tuple[str, float]:
    """(font name, size in points on the page) of the text object holding character ``index``."""
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(raw, index, matrix)
    size = pdfium_c.FPDFText_GetFontSize(raw, index) * math.hypot(matrix.c, matrix.d)
    name = b""
    if key:
        font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(raw, index))
        if font:
            buffer = ctypes.create_string_buffer(256)
            pdfium_c.FPDFFont_GetBaseFontName(font, buffer, len(buffer))
            name = buffer.value
    return name.decode("latin-1"), size


def _line(chars: list[_Char]) -> Line | None:
    """A Line from one row of characters; None when it holds nothing visible."""
    runs: list[tuple[str, str]] = []
    sizes: list[float] = []
    for text, font, size, *_ in chars:
        if text.strip():
            sizes.append(size)
        if runs and runs[-1][1] == font:
            runs[-1] = (runs[-1][0] + text, font)
        else:
            runs.append((text, font))
    visible = [char for char in chars if char[2]]
    if not visible:
        return None
    cleaned = _clean(runs, sizes, False)
    if cleaned is None:
        return None
    return Line(
        min(c[3] for c in visible),
        max(c[4] for c in visible),
        max(c[6] for c in visible),
        min(c[5] for c in visible),
        cleaned[1],
        cleaned[0],
    )


def _clean(runs: list[tuple[str, str]], sizes: list[float], soft: bool) -> tuple[list[tuple[str, str]], float] | None:
    """A line's runs of (text, font) with cid marks, ligatures and inner soft hyphens
    out and trailing spaces off, and the median size of its visible letters; None
    when nothing visible is left."""
    # Soft hyphens inside a line are invisible; one at its end may mark a split word.
    runs = [(_CID.sub("", text).translate(_LIGATURES).replace("\u00ad", ""), font) for text, font in runs]
    runs = [(text, font) for text, font in runs if text]
    if not sizes or not "".join(text for text, _ in runs).strip():
        return None
    while not runs[-1][0].strip():
        runs.pop()
    runs[-1] = (runs[-1][0].rstrip() + ("\u00ad" if soft else ""), runs[-1][1])
    sizes.sort()
    return runs, sizes[len(sizes) // 2]


# pdfminer -------------------------------------------------------------------------------


def _pdfminer_range(data: bytes, start: int, stop: int) -> list[PrintedPage]:
    document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=_LAPARAMS)
    interpreter = PDFPageInterpreter(manager, device)
    pages: list[PrintedPage] = []
    for index, page in enumerate(PDFPage.create_pages(document)):
        if index >= stop:
            break
        if index < start:
            continue
        interpreter.process_page(page)
        layout: LTPage = device.get_result()
        _, y0, _, y1 = layout.bbox
        found = [_pdfminer_line(item) for item in _text_lines(layout)]
        pages.append(PrintedPage([l for l in found if l is not None], y0, (y1 - y0) or 1.0, "", _has_image(layout)))
    return pages


def _text_lines(container: LTContainer) -> Iterator[LTTextLineHorizontal]:
    for item in container:
        if isinstance(item, LTTextLineHorizontal):
            yield item
        elif isinstance(item, LTContainer):
            yield from _text_lines(item)


def _has_image(container: LTContainer) -> bool:
    return any(isinstance(item, LTImage) or isinstance(item, LTContainer) and _has_image(item) for item in container)


def _pdfminer_line(item: LTTextLineHorizontal) -> Line | None:
    runs: list[tuple[str, str]] = []
    sizes: list[float] = []
    font = ""
    for obj in item:
        if isinstance(obj, LTChar):
            font = obj.fontname
            text = obj.get_text()
            if text.strip():
                sizes.append(obj.size)
        elif isinstance(obj, LTAnno):
            text = obj.get_text().replace("\n", " ")
        else:
            continue
        if runs and runs[-1][1] == font:
            runs[-1] = (runs[-1][0] + text, font)
        else:
            runs.append((text, font))
    cleaned = _clean(runs, sizes, item.get_text().rstrip().endswith("\u00ad"))
    if cleaned is None:
        return None
    return Line(item.x0, item.x1, item.y1, item.y0, cleaned[1], cleaned[0])
