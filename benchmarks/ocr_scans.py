"""OCR benchmark: character error rate per language and pages per minute, before and after.

Run: .venv/bin/python benchmarks/ocr_scans.py [PAGES_PER_LANGUAGE]
Generates scanned-looking pages of known Kazakh, Russian and English text
(tests/scanpages.py; every other page a worn, blurred scan), reads each language's
pages as one book (OCR and page layout, so running heads and page numbers are
recognised as such) and prints the CER of the paragraph text and the pages/minute
(all cores) of each way of reading, all measured in this run:

* before: ``recognise_page`` on every page as it comes, no straightening, with the
  book's language or with all three models (what ``ocr.recognise`` did before);
* now: ``ocr.recognise`` — pages straightened, read with the book's language or all
  three, and a page found to be in Kazakh alone read again with ``kaz`` alone;
* alone: now, and also each Russian or English page read again with its own model
  alone (the choice ``ocr.py`` does not make: this row shows why);
* pages of Kazakh and Russian, and English pages in a book whose metadata says
  Kazakh and Russian;
* pages turned by 3–5 degrees, read before (as they come) and now (straightened).

Pages per minute depend on what else the machine runs; the processor seconds per
page (this process and its Tesseract children) are the steadier figure.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from accessreader import language  # noqa: E402
from accessreader.content import deskew, images, ocr  # noqa: E402
from accessreader.model import PARAGRAPH  # noqa: E402
from tests.scanpages import HEADS, TEXTS, render_page  # noqa: E402

SKEWS = (3.0, -4.0, 5.0, -5.0, 4.0, -3.0)


def parallel(work: Callable, items: Sequence) -> list:
    """``work`` on each item, one thread (so one Tesseract process) per core, in order."""
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return list(pool.map(work, items))


def before(pages: Sequence[bytes], models: str) -> list[ocr.OcrPage]:
    """The pages read as ``ocr.recognise`` read them before: as they come, with ``models``."""
    return parallel(lambda item: ocr.recognise_page(item[1], item[0] + 1, models), list(enumerate(pages)))


def alone(pages: Sequence[bytes], read: list[ocr.OcrPage]) -> list[ocr.OcrPage]:
    """``read`` with each page in one language that ``ocr`` keeps as read with all three
    models read again with that language's model alone."""

    def again(index: int) -> ocr.OcrPage:
        found = read[index].languages
        if len(found) != 1 or found[0] in ocr.READ_ALONE or found[0] not in ocr.TESSERACT_LANGUAGES:
            return read[index]
        level, _ = deskew.straighten(pages[index])
        return ocr.recognise_page(level, index + 1, ocr.TESSERACT_LANGUAGES[found[0]])

    return parallel(again, range(len(pages)))


def cpu() -> float:
    """Seconds of processor time used so far by this process and its Tesseract children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def cer(expected: str, read: list[ocr.OcrPage]) -> float:
    document = images.lay_out(read, "scan")
    body = " ".join(b.text for _, b in document.blocks() if b.kind == PARAGRAPH)
    return Levenshtein.distance(expected, body) / len(expected)


def row(label: str, expected: str, pages: Sequence[bytes], read: Callable[[], list[ocr.OcrPage]]) -> list[ocr.OcrPage]:
    start, used = time.perf_counter(), cpu()
    result = read()
    seconds, used = time.perf_counter() - start, cpu() - used
    print(
        f"  {label:52s} CER {100 * cer(expected, result):5.2f}%  {60 * len(pages) / seconds:5.1f} pages/minute"
        f"  {used / len(pages):4.2f} cpu s/page"
    )
    return result


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    print(f"cores: {os.cpu_count()}, pages per language: {count} (every other one a worn scan)")
    language.detect("Абай")  # lingua's models load once, before anything is timed
    for lang, text in TEXTS.items():
        own = ocr.TESSERACT_LANGUAGES[lang]
        expected = " ".join([text] * count)
        pages = [render_page(text, 10 + n, head=HEADS[lang], seed=n, blur=1 + 2 * (n % 2)) for n in range(count)]
        print(f"{lang}:")
        row(f"before, book's language ({own})", expected, pages, lambda: before(pages, own))
        row(f"before, all three ({ocr.ALL_LANGUAGES})", expected, pages, lambda: before(pages, ocr.ALL_LANGUAGES))
        row(f"now, book's language ({own})", expected, pages, lambda: ocr.recognise(pages, own))
        now = row("now, no languages given", expected, pages, lambda: ocr.recognise(pages, ocr.ALL_LANGUAGES))
        print(f"    (read with: {', '.join(page.models for page in now)})")
        row(
            "alone: now, Russian and English pages again alone",
            expected,
            pages,
            lambda: alone(pages, ocr.recognise(pages, ocr.ALL_LANGUAGES)),
        )
        turned = [render_page(text, 10 + n, head=HEADS[lang], seed=n, skew=SKEWS[n % len(SKEWS)]) for n in range(count)]
        print(f"  turned by {', '.join(f'{a:+g}°' for a in SKEWS[:count])}:")
        row("  before, as they come", expected, turned, lambda: before(turned, own))
        now = row("  now, straightened", expected, turned, lambda: ocr.recognise(turned, own))
        print(f"    (angles found: {', '.join(f'{page.skew:+.2f}°' for page in now)})")
    mixed = TEXTS["kk"] + " " + TEXTS["ru"]
    pages = [render_page(mixed, 10 + n, head=HEADS["kk"], seed=n, blur=1 + 2 * (n % 2)) for n in range(count)]
    print("pages of Kazakh and Russian:")
    row(f"before ({ocr.ALL_LANGUAGES})", " ".join([mixed] * count), pages, lambda: before(pages, ocr.ALL_LANGUAGES))
    now = row("now, no languages given", " ".join([mixed] * count), pages, lambda: ocr.recognise(pages))
    print(f"    (read with: {', '.join(page.models for page in now)})")
    english = TEXTS["en"]
    pages = [render_page(english, 10 + n, head=HEADS["en"], seed=n) for n in range(count)]
    print("en pages in a book whose metadata says kk, ru:")
    row("before (kaz+rus)", " ".join([english] * count), pages, lambda: before(pages, "kaz+rus"))
    now = row("now", " ".join([english] * count), pages, lambda: ocr.recognise(pages, "kaz+rus"))
    print(f"    (read with: {', '.join(page.models for page in now)})")
    start = time.perf_counter()
    for number, page in enumerate(pages):
        ocr.read_page(page, number + 1)
    serial = time.perf_counter() - start
    start = time.perf_counter()
    ocr.recognise(pages)
    together = time.perf_counter() - start
    print(
        f"one page at a time: {60 * len(pages) / serial:.1f} pages/minute; all cores: "
        f"{60 * len(pages) / together:.1f} pages/minute (ratio {serial / together:.2f})"
    )


if __name__ == "__main__":
    main()
