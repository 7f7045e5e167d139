"""How fast the PDF reader is, against poppler's ``pdftotext`` on the same file in the same run.

    python benchmarks/pdf_reader.py [--pages 240]

Makes a book-like PDF (DejaVu fonts, uncompressed so it weighs a few MB: running heads,
page numbers, an outline, justified Kazakh/Russian/English paragraphs, every third page
in two columns), then times ``accessreader.content.pdf.read`` (the reader alone),
``accessreader.content.read`` (reader plus languages and sentences) and ``pdftotext``.
Prints pages/s, MB/s and the ratio of our time to pdftotext's; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import MethodReturnValue

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from accessreader import content  # noqa: E402
from accessreader.content import pdf as pdf_reader  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=240)
    args = parser.parse_args()
    data = make_book(args.pages)
    megabytes = len(data) / 1024 / 1024
    print(f"PDF: {args.pages} pages, {megabytes:.2f} MB")
    ours = timed(lambda: pdf_reader.read(data, "bench.pdf", DEFAULT_LIMITS))
    full = timed(lambda: content.read(data, "bench.pdf"))
    figures = [("accessreader pdf reader", ours), ("accessreader content.read", full)]
    pdftotext = shutil.which("pdftotext")
    baseline = 0.0
    if pdftotext:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.pdf"
            path.write_bytes(data)
            baseline = timed(lambda: subprocess.run([pdftotext, str(path), str(path.with_suffix(".txt"))], check=True))
        figures.append(("pdftotext (poppler)", baseline))
    for label, seconds in figures:
        print(f"{label:28s} {seconds:7.2f} s  {args.pages / seconds:8.1f} pages/s  {megabytes / seconds:6.2f} MB/s")
    if baseline:
        print(f"ratio reader / pdftotext: {ours / baseline:.1f}x   content.read / pdftotext: {full / baseline:.1f}x")
    else:
        print("pdftotext not installed (apt-get install poppler-utils): no baseline")


if __name__ == "__main__":
    main()
