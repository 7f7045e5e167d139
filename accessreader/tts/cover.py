"""A generated cover for a talking book: the title in large type, the author below (Pillow).

    cover_image(title, author) --> JPEG bytes, 600×600, for MP3 (APIC) and Opus (METADATA_BLOCK_PICTURE) tags
    cover_image(title, author, size=1400) --> the same drawn larger: a podcast feed's artwork (1400 at least)

Players show a track's picture on the lock screen and in their library lists; a book
with no cover of its own still gets a readable one: white DejaVu Sans Bold on a dark
blue square (contrast above 12:1), the title as large as fits in at most five lines.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

#: Debian's fonts-dejavu-core (scripts/apt-packages.txt): Latin and Cyrillic, Kazakh letters included.
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
SIZE = 600
MARGIN = 48
BACKGROUND = (16, 42, 84)
INK = (255, 255, 255)


def cover_image(title: str, author: str = "", size: int = SIZE) -> bytes:
    """A square JPEG of ``size`` pixels with ``title`` as large as fits and ``author`` under it."""
    scale = size / SIZE
    margin = round(MARGIN * scale)
    image = Image.new("RGB", (size, size), BACKGROUND)
    draw = ImageDraw.Draw(image)
    width = size - 2 * margin
    lines, font = [title], _font(round(24 * scale))
    for points in range(96, 23, -4):
        font = _font(round(points * scale))
        lines = _wrap(draw, title or "AccessReader", font, width)
        if len(lines) <= 5 and all(draw.textlength(line, font=font) <= width for line in lines):
            break
    y = margin
    for line in lines:
        draw.text((margin, y), line, font=font, fill=INK)
        y += int(font.size * 1.2)
    if author:
        small = _font(round(32 * scale))
        names = _wrap(draw, author, small, width)[:2]
        step = int(small.size * 1.2)
        top = max(y + step // 2, size - margin - step * len(names))
        for index, line in enumerate(names):
            draw.text((margin, top + index * step), line, font=small, fill=INK)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def _font(points: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(str(FONT), points)
    except OSError:
        return ImageFont.load_default(points)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.ImageFont, width: int) -> list[str]:
    """``text`` in lines no wider than ``width`` where words allow."""
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]
