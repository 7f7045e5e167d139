"""Makes scanned-looking page images of known text, for OCR tests and benchmarks.

Text is set in DejaVu Serif (Debian's fonts-dejavu-core) at about 300 dpi on an
A5-like page, with a running head, a page number, salt-and-pepper noise and a
slight skew, then saved as PNG.
"""

from __future__ import annotations

import io
import random
import textwrap

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"

TEXTS = {
    "kk": (
        "Қаланың орталық кітапханасы биыл жаңа оқу залын ашты. Залда зағип және нашар көретін "
        "оқырмандарға арналған брайль дисплейлері мен дыбыстық кітаптар бар. Кітапханашылар "
        "әр аптаның сейсенбісінде жастарға арналған әдеби кеш өткізеді. Өткен айда оқырмандар "
        "Абайдың өлеңдерін оқып, ұлттық әдебиет туралы пікір алмасты. Қорға үш мыңнан астам "
        "жаңа кітап түсті, олардың көбі қазақ тілінде."
    ),
    "ru": (
        "Центральная городская библиотека открыла в этом году новый читальный зал. В зале есть "
        "брайлевские дисплеи и говорящие книги для незрячих и слабовидящих читателей. Каждый "
        "вторник библиотекари проводят литературный вечер для молодёжи. В прошлом месяце "
        "читатели обсуждали рассказы о степи и старом городе. Фонд пополнился тремя тысячами "
        "новых книг, большая часть которых издана в Алматы."
    ),
    "en": (
        "The central city library opened a new reading room this year. The room has braille "
        "displays and talking books for blind and partially sighted readers. Every Tuesday the "
        "librarians hold a literary evening for young people. Last month the readers talked "
        "about stories of the steppe and the old town. More than three thousand new books "
        "joined the collection, most of them printed in Almaty."
    ),
}

HEADS = {"kk": "Кітапхана жаңалықтары", "ru": "Новости библиотеки", "en": "Library news"}


def render_page(
    text: str,
    number: int,
    head: str = "",
    heading: str = "",
    skew: float = 0.6,
    noise: float = 0.002,
    seed: int = 1,
    blur: int = 1,
) -> bytes:
    """One page as PNG bytes: optional running head and heading, the text, the page number.

    ``blur`` > 1 scans the page at 1/blur of the resolution and scales it back (a poor scan).
    """
    rng = random.Random(seed)
    width, height = 1748, 2480
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    body = ImageFont.truetype(FONT, 38)
    y = 150
    if head:
        draw.text((150, y), head, font=ImageFont.truetype(FONT, 30), fill=0)
        y += 120
    if heading:
        draw.text((150, y), heading, font=ImageFont.truetype(BOLD, 64), fill=0)
        y += 140
    for line in textwrap.wrap(text, 62):
        draw.text((150, y), line, font=body, fill=0)
        y += 62
    draw.text((width // 2 - 20, height - 180), str(number), font=body, fill=0)
    pixels = page.load()
    for _ in range(int(width * height * noise)):
        pixels[rng.randrange(width), rng.randrange(height)] = rng.choice((0, 255))
    page = page.rotate(skew, expand=False, fillcolor=255, resample=Image.BICUBIC)
    if blur > 1:
        page = page.resize((width // blur, height // blur), Image.BILINEAR).resize((width, height), Image.BILINEAR)
    out = io.BytesIO()
    page.save(out, "PNG")
    return out.getvalue()
