"""OCR: page images of a scanned book into blocks, through Tesseract.

    page images ──tesseract (one process per core, TSV out)──▶ OcrPage: lines, word confidences
                ──add_pages──▶ DocumentBuilder: page markers, headings, paragraphs

Used by the image reader (``images.py``: PNG, JPEG, multi-page TIFF, a folder of
pages) and by the PDF reader for pages without a text layer.  Paragraphs come
from Tesseract's own paragraph analysis; words hyphenated across line ends are
joined; a page number standing alone at the top or bottom becomes the print
page marker and a running head repeated across pages is dropped; a paragraph set
in clearly larger type becomes a heading.  Every block keeps its mean word
confidence (0–100), and pages under ``LOW_CONFIDENCE`` are listed as notices.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Sequence

from ..errors import BadInput, MissingDependency
from ..model import HEADING, PARAGRAPH
from .builder import DocumentBuilder

#: Pages whose mean word confidence is under this are listed for staff to check.
LOW_CONFIDENCE = 70.0

#: Tesseract's names for the languages AccessReader reads.
TESSERACT_LANGUAGES = {"kk": "kaz", "ru": "rus", "en": "eng"}
ALL_LANGUAGES = "kaz+rus+eng"

_PAGE_NUMBER = re.compile(r"^[\s\-–—.·]*(\d{1,4}|[ivxlcdm]{1,7})[\s\-–—.·]*$", re.IGNORECASE)
_HYPHENS = ("-", "‐", "¬", "\u00ad")


@dataclass
class OcrLine:
    """One recognised line: its words, their mean confidence and their height in pixels."""

    text: str
    confidence: float
    height: float
    paragraph: tuple[int, int]


@dataclass
class OcrPage:
    """The lines Tesseract found on one page, in reading order."""

    number: int
    lines: list[OcrLine] = field(default_factory=list)

    @property
    def confidence(self) -> float:
        """The mean confidence of the page's lines (0 for a page with no text)."""
        return statistics.fmean(line.confidence for line in self.lines) if self.lines else 0.0


def tesseract_languages(codes: Sequence[str]) -> str:
    """Tesseract's language argument for book languages (``["kk", "ru"]`` → ``"kaz+rus"``).

    Unknown or missing languages fall back to Kazakh, Russian and English together.
    """
    chosen = [TESSERACT_LANGUAGES[c] for c in codes if c in TESSERACT_LANGUAGES]
    return "+".join(dict.fromkeys(chosen)) or ALL_LANGUAGES


def recognise_page(image: bytes, number: int, languages: str = ALL_LANGUAGES) -> OcrPage:
    """OCR one page image (PNG, JPEG, TIFF, PNM bytes) into an ``OcrPage``.

    Raises ``MissingDependency`` when Tesseract or a language's data is not installed.
    """
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        result = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", languages, "--psm", "3", "tsv"],
            input=image,
            capture_output=True,
            env=env,
            timeout=600,
        )
    except FileNotFoundError as exc:
        raise MissingDependency(what="Tesseract OCR", install="apt-get install tesseract-ocr") from exc
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace")
        if "Failed loading language" in message or "Error opening data file" in message:
            raise MissingDependency(
                what=f"Tesseract language data {languages}",
                install="apt-get install tesseract-ocr-kaz tesseract-ocr-rus tesseract-ocr-eng",
            )
        raise BadInput(name=f"page {number}", detail=message.strip().splitlines()[-1] if message.strip() else "OCR failed")
    return OcrPage(number, _lines_from_tsv(result.stdout.decode("utf-8", "replace")))


def recognise(
    images: Sequence[bytes],
    languages: str = ALL_LANGUAGES,
    progress: Callable[[int], None] | None = None,
    first_number: int = 1,
) -> list[OcrPage]:
    """OCR pages in parallel, one Tesseract process per core; pages come back in order."""
    workers = max(1, os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [
            pool.submit(recognise_page, image, first_number + index, languages) for index, image in enumerate(images)
        ]
        pages = []
        for future in futures:
            pages.append(future.result())
            if progress:
                progress(1)
    return pages


def _lines_from_tsv(tsv: str) -> list[OcrLine]:
    words: dict[tuple[int, int, int], list[tuple[str, float, float]]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        if not text:
            continue
        key = (int(cols[2]), int(cols[3]), int(cols[4]))
        words.setdefault(key, []).append((text, max(float(cols[10]), 0.0), float(cols[9])))
    lines = []
    for (block, par, _), items in words.items():
        lines.append(
            OcrLine(
                text=" ".join(w for w, _, _ in items),
                confidence=statistics.fmean(c for _, c, _ in items),
                height=statistics.median(h for _, _, h in items),
                paragraph=(block, par),
            )
        )
    return lines


def add_pages(builder: DocumentBuilder, pages: Sequence[OcrPage], first_label: int = 1) -> None:
    """Append the recognised pages to ``builder``: page markers, headings, paragraphs, notices."""
    running_heads = _running_heads(pages)
    body_heights = [line.height for page in pages for line in page.lines]
    body = statistics.median(body_heights) if body_heights else 0.0
    carry: list[OcrLine] = []
    for page in pages:
        lines = list(page.lines)
        label = str(first_label + page.number - 1)
        for edge in (0, -1):
            if lines and _PAGE_NUMBER.match(lines[edge].text):
                label = lines[edge].text.strip(" -–—.·")
                lines.pop(edge)
        if lines and _head_key(lines[0].text) in running_heads:
            number = re.search(r"^\d{1,4}\b|\b\d{1,4}$", lines.pop(0).text.strip())
            label = number.group() if number else label
        builder.page(label)
        if page.lines and page.confidence < LOW_CONFIDENCE:
            builder.notice("ocr_low_confidence", f"{label} ({page.confidence:.0f}%)")
        paragraphs = _paragraphs(lines)
        for index, paragraph in enumerate(paragraphs):
            if carry and index == 0 and paragraph[0].text[:1].islower():
                paragraph = carry + paragraph  # a paragraph running on from the previous page
            elif carry:
                _add_paragraph(builder, carry, body)
            carry = []
            if index == len(paragraphs) - 1 and not paragraph[-1].text.rstrip().endswith((".", "!", "?", "…", ":", "»")):
                carry = paragraph
            else:
                _add_paragraph(builder, paragraph, body)
    if carry:
        _add_paragraph(builder, carry, body)


def _paragraphs(lines: list[OcrLine]) -> list[list[OcrLine]]:
    groups: list[list[OcrLine]] = []
    for line in lines:
        if groups and groups[-1][-1].paragraph == line.paragraph:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _add_paragraph(builder: DocumentBuilder, lines: list[OcrLine], body_height: float) -> None:
    text = join_lines([line.text for line in lines])
    height = statistics.median(line.height for line in lines)
    is_heading = body_height and len(lines) <= 2 and height >= 1.3 * body_height and len(text) < 120
    kind = HEADING if is_heading else PARAGRAPH
    block = builder.add(kind, text, level=(1 if height >= 1.6 * body_height else 2) if is_heading else 0)
    if block is not None:
        block.confidence = round(statistics.fmean(line.confidence for line in lines), 1)


def join_lines(lines: Sequence[str]) -> str:
    """Lines of one paragraph as one text, words hyphenated at line ends joined.

    "библио-" + "тека" → "библиотека"; a hyphen before a capital ("Алматы-" +
    "Астана") or a digit is kept as a real hyphen.
    """
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if text.endswith(_HYPHENS) and line[:1].islower() and len(text) > 1 and text[-2].isalpha():
            text = text[:-1] + line
        elif text.endswith(_HYPHENS):
            text += line
        else:
            text = f"{text} {line}" if text else line
    return text


def _head_key(text: str) -> str:
    return re.sub(r"[\d\W_]+", "", text).lower()


def _running_heads(pages: Sequence[OcrPage]) -> set[str]:
    """First lines (digits ignored) repeated on at least a third of the pages, three or more."""
    tops = Counter(_head_key(page.lines[0].text) for page in pages if page.lines)
    least = max(3, len(pages) // 3)
    return {key for key, count in tops.items() if key and count >= least}
