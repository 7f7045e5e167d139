"""Page images (PNG, JPEG, multi-page TIFF, or a folder of them) into a Document by OCR.

image bytes ──Pillow: frames → greyscale PNG──▶ ocr.recognise ──▶ printed.PageLayout ──▶ Document
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable, Sequence
from pathlib import PurePath

from PIL import Image, UnidentifiedImageError

from ..errors import CorruptFile, FileTooLarge, NoTextFound
from ..model import Document
from . import ocr
from .builder import DocumentBuilder
from .finish import finish
from .printed import PageLayout
from .safety import Limits

#: File endings of page images, for folders of scanned pages.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")

#: The most pixels one page may have (a 600 dpi A3 scan is about 70 million).
MAX_PAGE_PIXELS = 120_000_000


def page_images(data: bytes, name: str) -> list[tuple[bytes, float]]:
    """Each frame of an image file as greyscale PNG bytes, ready for Tesseract, with its dpi."""
    pages = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            Image.MAX_IMAGE_PIXELS = MAX_PAGE_PIXELS
            with Image.open(io.BytesIO(data)) as image:
                for frame in range(getattr(image, "n_frames", 1)):
                    image.seek(frame)
                    out = io.BytesIO()
                    image.convert("L").save(out, "PNG")
                    dpi = image.info.get("dpi", (ocr.DEFAULT_DPI,))[0] or ocr.DEFAULT_DPI
                    pages.append((out.getvalue(), float(dpi)))
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise FileTooLarge(name=name, size="> " + f"{MAX_PAGE_PIXELS:,} px", limit=f"{MAX_PAGE_PIXELS:,} px") from exc
    except (UnidentifiedImageError, OSError, ValueError, EOFError) as exc:
        raise CorruptFile(name=name, format="image", detail=str(exc)) from exc
    return pages


def read_pages(
    files: Sequence[tuple[str, bytes]],
    title: str,
    languages: Sequence[str] = (),
    progress: Callable[[int], None] | None = None,
) -> Document:
    """A finished book from page image files in reading order (``(name, bytes)`` pairs).

    ``languages`` (kk, ru, en) narrows OCR to the book's languages; without it
    all three are tried on every page.  Raises ``NoTextFound`` for blank scans.
    """
    document = _recognise(files, title, languages, progress)
    return finish(document, b"".join(data for _, data in files), title)


def _recognise(
    files: Sequence[tuple[str, bytes]],
    title: str,
    languages: Sequence[str] = (),
    progress: Callable[[int], None] | None = None,
) -> Document:
    images = [page for name, data in files for page in page_images(data, name)]
    pages = recognise_images(images, ocr.tesseract_languages(languages), progress)
    if not any(page.lines for page in pages):
        raise NoTextFound(name=files[0][0] if len(files) == 1 else title)
    return lay_out(pages, title, languages)


def lay_out(pages: Sequence[ocr.OcrPage], title: str, languages: Sequence[str] = ()) -> Document:
    """A draft book (before ``finish``) from recognised pages: running heads, page
    numbers, paragraphs and headings found by the printed-page layout rules."""
    builder = DocumentBuilder("scan")
    builder.metadata.title = title
    builder.metadata.languages = list(languages)
    printed = [page.printed() for page in pages]
    layout = PageLayout(printed, {}, builder)
    ocr.notice_low_confidence(builder, printed, layout.labels)
    layout.build()
    return builder.build()


def recognise_images(
    images: Sequence[tuple[bytes, float]], languages: str, progress: Callable[[int], None] | None = None
) -> list[ocr.OcrPage]:
    """OCR ``(image, dpi)`` pages in parallel, grouped by resolution, back in order."""
    pages: list[ocr.OcrPage | None] = [None] * len(images)
    for dpi in {dpi for _, dpi in images}:
        indexes = [i for i, (_, d) in enumerate(images) if d == dpi]
        for index, page in zip(indexes, ocr.recognise([images[i][0] for i in indexes], languages, progress, dpi)):
            page.number = index + 1
            pages[index] = page
    return [page for page in pages if page is not None]


def read(data: bytes, name: str, limits: Limits) -> Document:
    """A draft book from one image file (a multi-page TIFF, or a single page)."""
    return _recognise([(name, data)], PurePath(name).stem)
