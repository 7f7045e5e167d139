"""Straightening scanned pages before OCR: the skew found by a projection profile.

    page image ──small ink mask, turned by trial angles──▶ angle whose rows of ink are
               the sharpest ──Pillow rotate (same size, white corners)──▶ straight page

Used by ``ocr.py`` on every page before Tesseract reads it: library scans are often
1–5° off, Tesseract's own orientation check only finds quarter turns, and a page
turned 3° clockwise already loses most of its text (benchmarks/ocr_scans.py).  Text lines
that run level put their ink into few pixel rows, so the sum of squared row means of
the ink mask peaks at the page's skew.  The search is coarse to fine on a copy about
400 pixels wide, so it costs tens of milliseconds a page, all in Pillow's C code.
"""

from __future__ import annotations

import io

from PIL import Image, ImageOps

#: The largest skew looked for, in degrees either way.
MAX_SKEW = 8.0
#: Pages turned by less than this (degrees) are left alone: Tesseract reads them as
#: well as a resampled copy, whose softer letters cost a few characters a page.
MIN_SKEW = 1.0

_WIDTH = 400  # pixels across the copy the angle is measured on
_INK = 64  # grey level (0 paper … 255 black, after stretching the contrast) counted as ink
_FINEST = 0.05  # degrees: the search stops below this step


def skew_angle(image: Image.Image) -> float:
    """The angle (degrees, counter-clockwise) that turns ``image`` level; 0 for a blank page."""
    grey = image.convert("L")
    factor = max(1, grey.width // (2 * _WIDTH))
    small = grey.reduce(factor) if factor > 1 else grey
    small = small.resize((_WIDTH, max(1, round(small.height * _WIDTH / small.width))), Image.BOX)
    ink = ImageOps.invert(ImageOps.autocontrast(small, cutoff=1)).point(lambda v: 255 if v > _INK else 0)
    if not ink.getbbox():
        return 0.0
    step = 1.0
    angles = [float(a) for a in range(-int(MAX_SKEW), int(MAX_SKEW) + 1)]
    while True:
        best = max(angles, key=lambda angle: (_sharpness(ink, angle), -abs(angle)))
        if step < _FINEST:
            return round(best, 2)
        step /= 4
        angles = [best + step * k for k in (-2, -1, 0, 1, 2)]


def straighten(data: bytes) -> tuple[bytes, float]:
    """A page image turned level (as PGM bytes) and the angle it was turned by.

    A page already within ``MIN_SKEW`` comes back as the same bytes with angle 0.
    The page keeps its size, so boxes found on it stay on the page's own scale.
    """
    with Image.open(io.BytesIO(data)) as image:
        angle = skew_angle(image)
        if abs(angle) < MIN_SKEW:
            return data, 0.0
        level = image.convert("L").rotate(angle, resample=Image.BILINEAR, fillcolor=255)
    out = io.BytesIO()
    level.save(out, "PPM")
    return out.getvalue(), angle


def _sharpness(ink: Image.Image, angle: float) -> int:
    """How much the ink mask turned by ``angle`` gathers into rows: the sum of squared row means."""
    turned = ink.rotate(angle, resample=Image.NEAREST, fillcolor=0)
    return sum(value * value for value in turned.resize((1, turned.height), Image.BOX).tobytes())
