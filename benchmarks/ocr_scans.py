"""OCR benchmark: pages per minute on all cores, and character error rate per language.

Run: .venv/bin/python benchmarks/ocr_scans.py [PAGES_PER_LANGUAGE]
Generates scanned-looking pages of known Kazakh, Russian and English text
(tests/scanpages.py), reads them into a Document (OCR and page layout) with the
book's language and with all three languages together, and prints the CER of the
paragraph text per language and pages/minute of OCR (parallel, and one page at a
time as the baseline measured in the same run).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from accessreader.content import images, ocr  # noqa: E402
from accessreader.model import PARAGRAPH  # noqa: E402
from tests.scanpages import HEADS, TEXTS, render_page  # noqa: E402


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    print(f"cores: {os.cpu_count()}, pages per language: {count}")
    all_pages = []
    for lang, text in TEXTS.items():
        pages = [render_page(text, 10 + n, head=HEADS[lang], seed=n) for n in range(count)]
        all_pages += pages
        expected = " ".join([text] * count)
        for languages in ([lang], []):
            # one book of all the pages, so running heads and page numbers are recognised as such
            files = [(f"p{number}.png", page) for number, page in enumerate(pages)]
            document = images.read_pages(files, "scan", languages=languages)
            body = " ".join(b.text for _, b in document.blocks() if b.kind == PARAGRAPH)
            confidences = [b.confidence for _, b in document.blocks() if b.confidence is not None]
            tesseract = ocr.tesseract_languages(languages)
            print(f"{lang} with {tesseract:12s}: CER {100 * Levenshtein.distance(expected, body) / len(expected):.2f}%  "
                  f"mean confidence {sum(confidences) / len(confidences):.1f}")
    start = time.perf_counter()
    for number, page in enumerate(all_pages):
        ocr.recognise_page(page, number)
    serial = time.perf_counter() - start
    start = time.perf_counter()
    ocr.recognise(all_pages)
    parallel = time.perf_counter() - start
    pages = len(all_pages)
    print(f"one page at a time : {60 * pages / serial:.1f} pages/minute")
    print(f"parallel ({os.cpu_count()} cores): {60 * pages / parallel:.1f} pages/minute (ratio {serial / parallel:.2f})")


if __name__ == "__main__":
    main()
