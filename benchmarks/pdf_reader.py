"""How fast the PDF reader is, against poppler's ``pdftotext`` on the same file in the same run.

    python benchmarks/pdf_reader.py [--pages 240]

Makes a book-like PDF (DejaVu fonts, uncompressed so it weighs a few MB: running heads,
page numbers, an outline, justified Kazakh/Russian/English paragraphs, every third page
in two columns), then times ``pdftotext``, ``accessreader.content.pdf.read`` (the reader
alone) with each text engine (PDFium, pdfminer) in one process and across all CPUs, and
``accessreader.content.read`` (reader plus languages and sentences).  Prints pages/s,
MB/s, the ratio to pdftotext, the pool's speed-up over one process, and where one
process spends its time on the first pages (pdfminer's parsing, line grouping and box
ordering; PDFium's C++ and our Python; the layout rules).  Asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium
from fpdf import FPDF
from fpdf.enums import MethodReturnValue
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from accessreader import content  # noqa: E402
from accessreader.content import pdf as pdf_reader  # noqa: E402
from accessreader.content import pdfpages  # noqa: E402
from accessreader.content.builder import DocumentBuilder  # noqa: E402
from accessreader.content.printed import PageLayout  # noqa: E402
from accessreader.content.safety import DEFAULT_LIMITS  # noqa: E402

FONTS = Path("/usr/share/fonts/truetype/dejavu")
WORDS = {
    "kk": "кітапхана оқырман мәтін қазақ тілі әдебиет ұлттық жаңа бағдарлама өнер ғылым мұражай "
    "шығарма ақын жазушы тарих дала өлең сөз білім мектеп".split(),
    "ru": "библиотека читатель книга текст страница литература история собрание программа искусство "
    "наука музей писатель поэт степь слово знание школа".split(),
    "en": "library reader book text page literature history collection programme art science museum "
    "writer poet steppe word knowledge school".split(),
}


def make_book(pages: int, seed: int = 7) -> bytes:
    rnd = random.Random(seed)

    def paragraph() -> str:
        lang = rnd.choice(["kk", "kk", "ru", "ru", "en"])
        sentences = []
        for _ in range(rnd.randint(3, 7)):
            words = [rnd.choice(WORDS[lang]) for _ in range(rnd.randint(6, 16))]
            sentences.append(" ".join(words).capitalize() + ".")
        return " ".join(sentences)

    class Book(FPDF):
        def header(self) -> None:
            self.set_font("serif", "", 8)
            self.text(70, 12, "Кітапхана жылнамасы · Летопись библиотеки")

        def footer(self) -> None:
            self.set_font("serif", "", 8)
            self.text(103, 288, str(self.page_no()))

    book = Book(format="A4")
    book.set_compression(False)
    book.add_font("serif", "", str(FONTS / "DejaVuSerif.ttf"))
    book.add_font("serif", "B", str(FONTS / "DejaVuSerif-Bold.ttf"))
    book.set_auto_page_break(False)
    for page in range(pages):
        book.add_page()
        y = 22.0
        if page % 20 == 0:
            book.start_section(f"Тарау {page // 20 + 1}", level=0)
            book.set_font("serif", "B", 16)
            book.text(20, 32, f"Тарау {page // 20 + 1}")
            y = 40.0
        book.set_font("serif", "", 10)
        columns = [(20.0, 85.0), (110.0, 85.0)] if page % 3 == 2 else [(20.0, 170.0)]
        for x, width in columns:
            book.set_xy(x, y)
            while True:
                text = "    " + paragraph()
                height = book.multi_cell(width, 4.6, text, align="J", dry_run=True, output=MethodReturnValue.HEIGHT)
                if book.get_y() + height > 275:
                    break
                book.set_x(x)
                book.multi_cell(width, 4.6, text, align="J")
    return bytes(book.output())


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def pdfminer_pass(data: bytes, pages: int, laparams: LAParams | None) -> None:
    """pdfminer over the first ``pages`` pages: with ``laparams=None`` it parses and
    interprets the content (characters and their boxes) without layout analysis."""
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=laparams)
    interpreter = PDFPageInterpreter(manager, device)
    for index, page in enumerate(PDFPage.create_pages(document)):
        if index == pages:
            break
        interpreter.process_page(page)
        device.get_result()


def pdfium_textpages(data: bytes, pages: int) -> None:
    """PDFium's own work: parse each page and build its text page (C++), nothing read out."""
    document = pdfium.PdfDocument(data)
    for index in range(pages):
        page = document[index]
        page.get_textpage().close()
        page.close()
    document.close()


def breakdown(data: bytes, pages: int) -> None:
    """Where one process spends its time on the first ``pages`` pages."""
    parse = timed(lambda: pdfminer_pass(data, pages, None))
    lines = timed(lambda: pdfminer_pass(data, pages, LAParams(all_texts=True, boxes_flow=None)))
    boxes = timed(lambda: pdfminer_pass(data, pages, LAParams(all_texts=True)))
    native = timed(lambda: pdfium_textpages(data, pages))
    pdfium_lines = timed(lambda: pdfpages.read_range(data, 0, pages, "pdfium"))
    found, _ = pdfpages.read_range(data, 0, pages, "pdfium")
    rules = timed(lambda: PageLayout(found, {}, DocumentBuilder("pdf")).build())
    rows = [
        ("pdfminer: parse + interpret (chars)", parse),
        ("pdfminer: chars into lines", lines - parse),
        ("pdfminer: lines into ordered boxes", boxes - lines),
        ("  (pdfminer as the reader used it)", boxes),
        ("pdfium: parse + text page (C++)", native),
        ("pdfium: chars into lines (Python)", pdfium_lines - native),
        ("our rules (pdflayout, printed)", rules),
    ]
    print(f"\nWhere the time goes, one process, first {pages} pages:")
    for label, seconds in rows:
        print(f"  {label:40s} {seconds:6.2f} s  {1000 * seconds / pages:6.1f} ms/page")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=240)
    parser.add_argument("--profile-pages", type=int, default=40, help="pages for the time breakdown (0: none)")
    args = parser.parse_args()
    data = make_book(args.pages)
    megabytes = len(data) / 1024 / 1024
    cpus = len(os.sched_getaffinity(0))
    print(f"PDF: {args.pages} pages, {megabytes:.2f} MB; {cpus} CPUs, load average {os.getloadavg()[0]:.1f}")
    baseline = 0.0
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.pdf"
            path.write_bytes(data)
            baseline = timed(lambda: subprocess.run([pdftotext, str(path), str(path.with_suffix(".txt"))], check=True))
    figures = []
    for engine in pdfpages.ENGINES:
        for workers in sorted({1, cpus}):
            seconds = timed(
                lambda e=engine, w=workers: pdf_reader.read(data, "bench.pdf", DEFAULT_LIMITS, engine=e, workers=w)
            )
            figures.append((f"pdf reader, {engine}, {workers} process{'es' if workers > 1 else ''}", seconds))
    full = timed(lambda: content.read(data, "bench.pdf"))
    figures.append(("content.read (default engine)", full))
    if baseline:
        figures.insert(0, ("pdftotext (poppler)", baseline))
    for label, seconds in figures:
        ratio = f"{seconds / baseline:6.1f}x pdftotext" if baseline else ""
        print(
            f"{label:34s} {seconds:7.2f} s  {args.pages / seconds:7.1f} pages/s  {megabytes / seconds:6.2f} MB/s  {ratio}"
        )
    times = dict(figures)
    for engine in pdfpages.ENGINES:
        one = times[f"pdf reader, {engine}, 1 process"]
        if cpus > 1:
            print(
                f"{engine}: {cpus} processes vs 1: speed-up {one / times[f'pdf reader, {engine}, {cpus} processes']:.2f}x"
            )
    print(
        f"pdfium vs pdfminer, one process each: {times['pdf reader, pdfminer, 1 process'] / times['pdf reader, pdfium, 1 process']:.1f}x faster"
    )
    if not baseline:
        print("pdftotext not installed (apt-get install poppler-utils): no baseline")
    if args.profile_pages:
        breakdown(data, min(args.profile_pages, args.pages))


if __name__ == "__main__":
    main()
