"""OCR: page images of a scanned book into printed lines, through Tesseract.

    page image ──deskew.straighten──▶ level page ──tesseract (one process per core, TSV out)
               ──▶ OcrPage: pdflayout.Lines, the page's languages
               ──printed.PageLayout (the PDF reader's layout rules)──▶ blocks

Used by the image reader (``images.py``: PNG, JPEG, multi-page TIFF, a folder of
pages) and by the PDF reader for pages without a text layer, so scans get the same
running-head, paragraph, hyphen and heading rules as text PDFs.  Each line keeps
its words' mean confidence (0–100); pages under ``LOW_CONFIDENCE`` become notices.

Languages per page: a page is read with the book's languages (its metadata), or
with Kazakh, Russian and English together when the book names none; its lines'
languages are then told by ``language.detect`` (``page_languages``).  A page found to
be in Kazakh alone is read again with ``kaz`` alone: with ``rus`` loaded too,
Tesseract reads some Қ Ң as К Н; the second reading is merged with the first
(``merge``), so "№", which ``kaz`` alone cannot read, survives.  A book said to be
Russian is read with ``kaz`` too (``kaz+rus``): Russian reports name Kazakh people
and places (Аққожа, Мұздыбаева), and ``rus`` alone reads them as Аккожа, Муздыбаева.  Russian and English pages are not read again:
their own model alone was measured no better than the three together
(benchmarks/ocr_scans.py prints both).  A page with text that reads under
``LOW_CONFIDENCE`` with the book's languages (an English foreword in a book said to be
Kazakh and Russian) is read again with all three, and the more confident reading is
kept.  Each page records the models it was read with, the languages found in its
lines, and the angle it was straightened by.  On a page with Kazakh, the page shorthand
"22б.", "96 б.", which both models read with a 6 for б ("226.", "96 6."), is repaired
where a page number is what the place holds (``repair_page_shorthand``).
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..errors import BadInput, MissingDependency
from ..language import detect, script_of
from . import deskew
from .builder import DocumentBuilder
from .pdflayout import Line
from .printed import PrintedPage

#: Pages whose mean word confidence is under this are listed for staff to check.
LOW_CONFIDENCE = 70.0

#: Tesseract's names for the languages AccessReader reads.
TESSERACT_LANGUAGES = {"kk": "kaz", "ru": "rus", "en": "eng"}
ALL_LANGUAGES = "kaz+rus+eng"

#: A language with at least this share of a page's letters is one of the page's languages.
PAGE_LANGUAGE_SHARE = 0.15

#: Lines with fewer letters than this are too short to tell their language.
_LINE_LETTERS = 12

#: Languages whose pages read better with their own model alone than among others.
READ_ALONE = {"kk"}

#: Resolution assumed for page images that do not say theirs.
DEFAULT_DPI = 300

# Letter shapes, to tell a word's font size from its box: a word reaching the cap
# height and the descender line is about one em tall, one of x-height letters half that.
_ASCENDING = set("bdfhiklt" + "бёйфіһ")
_DESCENDING = set("gjpqy" + "друфцщұүқң")
_X_HEIGHT, _ASCENDER, _DESCENDER = 0.52, 0.23, 0.23
#: Estimated sizes within this fraction of a page's median are taken as the same size.
_SAME_SIZE = 0.25


@dataclass
class OcrPage:
    """The lines Tesseract found on one page (boxes in points, y up) and the page's height;
    ``models``: the Tesseract languages it was read with (``"kaz+rus"``), ``languages``: the
    languages found in its text, most letters first, ``skew``: degrees it was turned level by."""

    number: int
    lines: list[Line]
    height: float
    models: str = ""
    languages: list[str] = field(default_factory=list)
    skew: float = 0.0

    @property
    def confidence(self) -> float:
        """The mean confidence of the page's lines (0 for a page with no text)."""
        scores = [line.confidence for line in self.lines if line.confidence is not None]
        return statistics.fmean(scores) if scores else 0.0

    def printed(self, label: str = "") -> PrintedPage:
        """This page for the layout step (``label``: its print page label, if known)."""
        return PrintedPage(self.lines, 0.0, self.height, label, True, self.confidence)


def tesseract_languages(codes: Sequence[str]) -> str:
    """Tesseract's language argument for book languages (``["kk", "ru"]`` → ``"kaz+rus"``).

    Unknown or missing languages fall back to Kazakh, Russian and English together.
    """
    chosen = [TESSERACT_LANGUAGES[c] for c in codes if c in TESSERACT_LANGUAGES]
    if "rus" in chosen and "kaz" not in chosen:
        chosen.insert(chosen.index("rus"), "kaz")  # Kazakh names in Russian text keep Қ Ң Ұ Ү І Ә Ө Ғ Һ
    return "+".join(dict.fromkeys(chosen)) or ALL_LANGUAGES


def recognise_page(image: bytes, number: int, languages: str = ALL_LANGUAGES, dpi: float = DEFAULT_DPI) -> OcrPage:
    """OCR one page image (PNG, JPEG, TIFF or PNM bytes at ``dpi``) into an ``OcrPage``.

    Raises ``MissingDependency`` when Tesseract or a language's data is not installed.
    """
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        result = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", languages, "--dpi", str(int(dpi)), "--psm", "3", "tsv"],
            input=image,
            capture_output=True,
            env=env,
            timeout=600,
        )
    except FileNotFoundError as exc:
        raise MissingDependency(what="Tesseract OCR", install="apt-get install tesseract-ocr") from exc
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        if "Failed loading language" in message or "Error opening data file" in message:
            raise MissingDependency(
                what=f"Tesseract language data {languages}",
                install="apt-get install tesseract-ocr-kaz tesseract-ocr-rus tesseract-ocr-eng",
            )
        raise BadInput(name=f"page {number}", detail=message.splitlines()[-1] if message else "OCR failed")
    page = _page_from_tsv(result.stdout.decode("utf-8", "replace"), number, 72.0 / dpi)
    page.models = languages
    return page


def read_page(image: bytes, number: int, languages: str = ALL_LANGUAGES, dpi: float = DEFAULT_DPI) -> OcrPage:
    """One page straightened and read with the book's ``languages`` (Tesseract's names),
    then again if its languages call for it: the work ``recognise`` does for each page
    (see the module's docstring)."""
    level, angle = deskew.straighten(image)
    page = recognise_page(level, number, languages, dpi)
    if page.lines and languages != ALL_LANGUAGES and page.confidence < LOW_CONFIDENCE:
        wider = recognise_page(level, number, ALL_LANGUAGES, dpi)
        page = wider if wider.confidence > page.confidence else page
    found = page_languages(page.lines)
    if len(found) == 1 and found[0] in READ_ALONE and page.models != TESSERACT_LANGUAGES[found[0]]:
        page = merge(recognise_page(level, number, TESSERACT_LANGUAGES[found[0]], dpi), page)
    page.skew = angle
    page.languages = found
    if "kk" in found:
        repair_page_shorthand(page)
    return page


#: "256 6." for "256 б.": a lone 6 with a full stop after a number is the page shorthand б.
_PAGES_APART = re.compile(r"(?<=\d )6(?=\.(?:\s|$|\d))")
#: "– 226." for "– 22б." after "Алматы, 2016." in a reference: the page count there is always
#: followed by б., so a bare number ending in 6 is the number and a misread б (a year is not touched).
_PAGES_GLUED = re.compile(r"(\d{4}\.\s?[-–—]\s?)(\d{1,3})6(?=\.(?:\s|$|\d))")


def repair_page_shorthand(page: OcrPage) -> None:
    """On a page with Kazakh, the page shorthand б. where the models read 6 for б ("226." for
    "22б.", "96 6." for "96 б."), only where a page number is what the place holds: after a
    number, or as the page count after the year of a reference."""
    previous = ""
    for line in page.lines:
        text = _PAGES_APART.sub("б", line.text)
        joined = f"{previous} {text}"  # a reference may break after its year
        text = _PAGES_GLUED.sub(r"\1\2б", joined)[len(previous) + 1 :]
        if text != line.text:
            line.runs, line.text = [(text, "")], text
        previous = line.text


#: Kazakh letters and ё folded to the Russian letters one model or another reads them as, one for one.
_FOLD = str.maketrans("ӘәҒғҚқҢңӨөҰұҮүҺһІіЁё", "АаГгКкНнОоУуУуХхИиЕе")


def merge(page: OcrPage, other: OcrPage) -> OcrPage:
    """``page`` with the words ``other`` (the same page read with other models) read better.

    Lines are paired by their boxes and words by their order.  A word both readings
    agree on but for Kazakh letters or ё (Аққожа / Аккожа) takes each such letter
    from whichever reading has it; a word ``page`` read as something else where ``other``
    read "№" ("У54" / "№4": ``kaz`` alone has no №) is taken from ``other``.
    """
    for line in page.lines:
        match = max(other.lines, key=lambda o: _overlap(line, o), default=None)
        if match is None or _overlap(line, match) <= 0:
            continue
        mine, theirs = line.text.split(" "), match.text.split(" ")
        folded = lambda words: [word.translate(_FOLD).lower() for word in words]  # noqa: E731
        matcher = SequenceMatcher(None, folded(mine), folded(theirs), autojunk=False)
        words = list(mine)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag not in ("equal", "replace") or i2 - i1 != j2 - j1:
                continue
            for i, j in zip(range(i1, i2), range(j1, j2)):
                if tag == "equal":
                    words[i] = "".join(b if b in _SPECIFIC and a != b else a for a, b in zip(mine[i], theirs[j]))
                elif "№" in theirs[j] and "№" not in mine[i]:
                    words[i] = theirs[j]
        text = " ".join(words)
        if text != line.text:
            line.runs, line.text = [(text, "")], text
    return page


_SPECIFIC = frozenset("ӘәҒғҚқҢңӨөҰұҮүҺһІіЁё")


def _overlap(line: Line, other: Line) -> float:
    """How far two lines' boxes overlap vertically (points; negative when apart)."""
    return min(line.top, other.top) - max(line.bottom, other.bottom)


def page_languages(lines: Sequence[Line]) -> list[str]:
    """The languages of a page's lines (kk, ru, en, …), most letters first.

    Each line long enough to tell is named by ``language.detect``.  A language counts
    when its lines hold ``PAGE_LANGUAGE_SHARE`` of the page's letters, and also, however
    few its lines, when the counted languages' models could not write them: Kazakh
    (``rus`` and ``eng`` lack Ә Ғ Қ …), or the first language of a script (Cyrillic,
    Latin) that no counted language is written in.
    """
    letters: dict[str, int] = {}
    scripts: dict[str, str] = {}
    for line in lines:
        count = sum(c.isalpha() for c in line.text)
        if count >= _LINE_LETTERS:
            lang = detect(line.text)
            letters[lang] = letters.get(lang, 0) + count
            scripts.setdefault(lang, _script(line.text))
    total = sum(letters.values())
    ranked = sorted(letters, key=letters.get, reverse=True)
    chosen = [lang for lang in ranked if letters[lang] >= PAGE_LANGUAGE_SHARE * total]
    for lang in ranked:
        if lang not in chosen and (lang == "kk" or scripts[lang] not in {scripts[other] for other in chosen}):
            chosen.append(lang)
    return chosen


def recognise(
    images: Sequence[bytes | Callable[[], bytes]],
    languages: str = ALL_LANGUAGES,
    progress: Callable[[int], None] | None = None,
    dpi: float = DEFAULT_DPI,
) -> list[OcrPage]:
    """Pages read by ``read_page`` in parallel, one Tesseract process per core; pages come
    back in order.

    An image may be given as a function that makes it (rendering a PDF page, say):
    it is called in the worker, so only as many pages as cores are in memory at once.
    """

    def work(image: bytes | Callable[[], bytes], number: int) -> OcrPage:
        return read_page(image() if callable(image) else image, number, languages, dpi)

    with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
        futures = [pool.submit(work, image, n + 1) for n, image in enumerate(images)]
        pages = []
        for future in futures:
            pages.append(future.result())
            if progress:
                progress(1)
    return pages


def notice_low_confidence(builder: DocumentBuilder, pages: Sequence[PrintedPage], labels: Sequence[str]) -> None:
    """Add a notice for every scanned page whose mean confidence is under ``LOW_CONFIDENCE``."""
    for page, label in zip(pages, labels):
        if page.confidence is not None and page.lines and page.confidence < LOW_CONFIDENCE:
            builder.notice("ocr_low_confidence", f"{label} ({page.confidence:.0f}%)")


def _script(text: str) -> str:
    """The script most of ``text``'s letters are in (``language.CYRILLIC``, ``LATIN``, …)."""
    counts: dict[str, int] = {}
    for script in filter(None, map(script_of, text)):
        counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.get, default="")


def _page_from_tsv(tsv: str, number: int, scale: float) -> OcrPage:
    """Lines from Tesseract's TSV (level 5 rows are words), boxes turned into points, y up."""
    rows = [row.split("\t") for row in tsv.splitlines()[1:]]
    page = next((r for r in rows if r[0] == "1" and len(r) >= 10), None)
    height = float(page[9]) * scale if page else 842.0
    words: dict[tuple[str, str, str], list[list[str]]] = {}
    for cols in rows:
        if len(cols) >= 12 and cols[0] == "5" and cols[11].strip():
            words.setdefault((cols[2], cols[3], cols[4]), []).append(cols)
    lines = []
    for items in words.values():
        left = min(int(w[6]) for w in items)
        right = max(int(w[6]) + int(w[8]) for w in items)
        top = min(int(w[7]) for w in items)
        bottom = max(int(w[7]) + int(w[9]) for w in items)
        text = " ".join(w[11].strip() for w in items)
        lines.append(
            Line(
                left * scale,
                right * scale,
                height - top * scale,
                height - bottom * scale,
                _em(items) * scale,
                [(text, "")],
                confidence=statistics.fmean(max(float(w[10]), 0.0) for w in items),
            )
        )
    if lines:  # sizes guessed from word boxes wobble: lines near the page's median are body text
        body = statistics.median(line.size for line in lines)
        for line in lines:
            if abs(line.size - body) < _SAME_SIZE * body:
                line.size = body
    return OcrPage(number, lines, height)


def _em(words: list[list[str]]) -> float:
    """The font size (pixels) of a line's words: the median of each word's height
    divided by how much of the em its letters fill (x-height, ascenders, descenders)."""
    sizes = []
    for word in words:
        letters = [c for c in word[11] if c.isalnum()]
        if letters:
            up = any(c.isupper() or c.isdigit() or c in _ASCENDING for c in letters)
            down = any(c in _DESCENDING for c in letters)
            sizes.append(int(word[9]) / (_X_HEIGHT + _ASCENDER * up + _DESCENDER * down))
    return statistics.median(sizes or [int(w[9]) for w in words])
