"""OCR benchmark: character error rate per language and pages per minute, before and after.

Run: .venv/bin/python benchmarks/ocr_scans.py [PAGES_PER_LANGUAGE]
Generates scanned-looking pages of known Kazakh, Russian and English text
(tests/scanpages.py; every other page a worn, blurred scan), reads each language's
pages as one book (OCR and page layout, so running heads and page numbers are
recognised as such) and prints the CER of the paragraph text and the pages/minute
(all cores) of each way of reading, all measured in this run:

* before: ``recognise_page`` on every page as it comes, no straightening, with the
  book's language or with all three (what ``ocr.recognise`` did before);
* now: ``ocr.recognise`` (straightened pages, a second reading with all three models
  for a page the book's languages read poorly, the page's languages found);
* re-read: now with all three, then each page found to be in one language read again
  with that language's model alone, keeping the more confident reading or always the
  second; and a quick look first (a third of the resolution, all three models) to find
  the page's languages, then one reading with their models only — the per-page
  choices that ``ocr.py`` does not make, measured here;
* an English page in a book whose metadata says Kazakh and Russian;
* pages turned by 3–5 degrees, read before (as they come) and now (straightened).
"""

from __future__ import annotations

import io
import os
import resource
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

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


def reread(pages: Sequence[bytes], read: list[ocr.OcrPage], keep_better: bool) -> list[ocr.OcrPage]:
    """Each page found to be in one language read again with that language's model alone."""

    def again(index: int) -> ocr.OcrPage:
        page = read[index]
        if len(page.languages) != 1 or page.languages[0] not in ocr.TESSERACT_LANGUAGES:
            return page
        level, _ = deskew.straighten(pages[index])
        single = ocr.recognise_page(level, index + 1, ocr.TESSERACT_LANGUAGES[page.languages[0]])
        return single if not keep_better or single.confidence > page.confidence else page

    return parallel(again, range(len(pages)))


def quick_look(pages: Sequence[bytes]) -> list[ocr.OcrPage]:
    """Each page's languages found on a copy at a third of the resolution, then the page
    read once with those languages' models."""

    def read(index: int) -> ocr.OcrPage:
        level, _ = deskew.straighten(pages[index])
        small = io.BytesIO()
        Image.open(io.BytesIO(level)).reduce(3).save(small, "PPM")
        glance = ocr.recognise_page(small.getvalue(), index + 1, ocr.ALL_LANGUAGES, ocr.DEFAULT_DPI / 3)
        return ocr.recognise_page(level, index + 1, ocr.tesseract_languages(ocr.page_languages(glance.lines)))

    return parallel(read, range(len(pages)))


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
    for lang, text in TEXTS.items():
        own = ocr.TESSERACT_LANGUAGES[lang]
        expected = " ".join([text] * count)
        pages = [render_page(text, 10 + n, head=HEADS[lang], seed=n, blur=1 + 2 * (n % 2)) for n in range(count)]
        print(f"{lang}:")
        row(f"before, book's language ({own})", expected, pages, lambda: before(pages, own))
        row(f"before, all three ({ocr.ALL_LANGUAGES})", expected, pages, lambda: before(pages, ocr.ALL_LANGUAGES))
        row(f"now, book's language ({own})", expected, pages, lambda: ocr.recognise(pages, own))
        now = row("now, all three", expected, pages, lambda: ocr.recognise(pages, ocr.ALL_LANGUAGES))
        found = sorted({"+".join(page.languages) for page in now})
        print(f"  (page languages found: {', '.join(found)})")
        for keep_better, label in ((True, "the more confident"), (False, "always the second")):
            row(
                f"re-read one-language pages, keep {label}",
                expected,
                pages,
                lambda: reread(pages, ocr.recognise(pages, ocr.ALL_LANGUAGES), keep_better),
            )
        row("quick look at 1/3 resolution, then the page's models", expected, pages, lambda: quick_look(pages))
        turned = [
            render_page(text, 10 + n, head=HEADS[lang], seed=n, skew=SKEWS[n % len(SKEWS)]) for n in range(count)
        ]
        print(f"  turned by {', '.join(f'{a:+g}°' for a in SKEWS[:count])}:")
        row("  before, as they come", expected, turned, lambda: before(turned, own))
        now = row("  now, straightened", expected, turned, lambda: ocr.recognise(turned, own))
        print(f"    (angles found: {', '.join(f'{page.skew:+.2f}°' for page in now)})")
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
    print(f"one page at a time: {60 * len(pages) / serial:.1f} pages/minute; all cores: "
          f"{60 * len(pages) / together:.1f} pages/minute (ratio {serial / together:.2f})")


if __name__ == "__main__":
    main()
