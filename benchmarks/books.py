"""Real-size books for the benchmarks, from varied text that no cache can answer.

    from books import book, epub_bytes, stored_bytes
    document = book(5, chapters="uneven")      # about 5 MB of text

The vocabulary is the samples' Kazakh, Russian and English prose (``samples/``).
Every paragraph is a fresh draw of words from its language's vocabulary (seeded,
so a run is repeatable), so no two paragraphs are alike and a translation or
language cache sees each only once, as with a real book.  ``chapters`` shapes the
book: ``"uneven"`` (six chapters of very different sizes), ``"one"`` (a single
chapter, as many novellas and reports are) or an int (that many equal chapters).
"""

from __future__ import annotations

import io
import random
import re
import sys
from functools import cache
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from accessreader.content.builder import DocumentBuilder  # noqa: E402
from accessreader.content.finish import finish  # noqa: E402
from accessreader.model import HEADING, PARAGRAPH, Document  # noqa: E402

#: Share of the book in each chapter for ``chapters="uneven"``: one long, several short.
UNEVEN = (0.04, 0.31, 0.09, 0.38, 0.02, 0.16)
#: Share of paragraphs per language.
LANGUAGES = (("kk", 0.5), ("ru", 0.3), ("en", 0.2))
SAMPLES = {
    "kk": ("dala-kk.txt", "kitaphana-kk-ru.html", "dala-kk.fb2"),
    "ru": ("library-report-ru.fb2", "kitaphana-kk-ru.html"),
    "en": ("city-library-en.txt", "city-library-en.html"),
}
_CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]+(?:-[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]+)?")
_LATIN = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_KAZAKH = set("ӘәҒғҚқҢңӨөҰұҮүҺһІі")


@cache
def vocabulary(lang: str) -> tuple[str, ...]:
    """The distinct words of the samples in ``lang`` (Kazakh words hold a Kazakh letter or come from Kazakh files)."""
    words: set[str] = set()
    for name in SAMPLES[lang]:
        text = re.sub(r"<[^>]+>", " ", (ROOT / "samples" / name).read_text(encoding="utf-8"))
        found = _LATIN.findall(text) if lang == "en" else _CYRILLIC.findall(text)
        if lang == "ru":
            found = [w for w in found if not _KAZAKH & set(w)]
        elif lang == "kk" and name.endswith(".html"):
            found = [w for w in found if _KAZAKH & set(w)]
        words.update(w for w in found if len(w) > 1 or lang == "en")
    return tuple(sorted(words))


def paragraph(rng: random.Random, lang: str) -> str:
    """Three to six sentences of 6–18 words drawn afresh, with commas, a number now and then."""
    words = vocabulary(lang)
    sentences = []
    for _ in range(rng.randint(3, 6)):
        chosen = rng.choices(words, k=rng.randint(6, 18))
        if rng.random() < 0.3:
            chosen.insert(rng.randrange(len(chosen)), str(rng.randint(2, 2030)))
        if len(chosen) > 8:
            chosen[rng.randrange(2, len(chosen) - 2)] += ","
        sentence = " ".join(chosen)
        sentences.append(sentence[0].upper() + sentence[1:] + rng.choice(".....?!"))
    return " ".join(sentences)


def book(megabytes: float, chapters: str | int = "uneven", seed: int = 17) -> Document:
    """A Kazakh/Russian/English Document of about ``megabytes`` MB of UTF-8 text."""
    rng = random.Random(seed)
    if chapters == "uneven":
        shares = list(UNEVEN)
    elif chapters == "one":
        shares = [1.0]
    else:
        shares = [1 / int(chapters)] * int(chapters)
    langs, weights = zip(*LANGUAGES, strict=True)
    builder = DocumentBuilder("benchmark")
    builder.metadata.title = f"Benchmark {megabytes:g} MB"
    for index, share in enumerate(shares):
        title = f"{index + 1}-тарау"
        builder.chapter(title)
        builder.add(HEADING, title, level=1, lang="kk")
        size, goal = 0, share * megabytes * 1_000_000
        while size < goal:
            lang = rng.choices(langs, weights)[0]
            text = paragraph(rng, lang)
            builder.add(PARAGRAPH, text, lang=lang)
            size += len(text.encode("utf-8"))
    return finish(builder.build(), f"benchmark {megabytes} {chapters} {seed}".encode(), "benchmark.json")


def stored_bytes(document: Document) -> tuple[bytes, str]:
    """The Document as the catalog stores it (JSON), with a name ``content.read`` accepts."""
    return document.to_json().encode("utf-8"), "benchmark.json"


def epub_bytes(document: Document) -> tuple[bytes, str]:
    """The same book as an EPUB 3, one chapter per spine item, each paragraph with its xml:lang."""
    from ebooklib import epub

    out = epub.EpubBook()
    out.set_identifier("benchmark")
    out.set_title(document.metadata.title)
    out.set_language("kk")
    items = []
    for index, chapter in enumerate(document.chapters):
        body = "".join(
            f"<h1>{escape(b.text)}</h1>"
            if b.kind == HEADING
            else f'<p xml:lang="{b.lang}" lang="{b.lang}">{escape(b.text)}</p>'
            for b in chapter.blocks
        )
        item = epub.EpubHtml(title=chapter.title, file_name=f"c{index}.xhtml", lang="kk")
        item.content = f"<html><body>{body}</body></html>"
        out.add_item(item)
        items.append(item)
    out.toc = items
    out.spine = items
    out.add_item(epub.EpubNcx())
    out.add_item(epub.EpubNav())
    buffer = io.BytesIO()
    epub.write_epub(buffer, out)
    return buffer.getvalue(), "benchmark.epub"


def text_megabytes(document: Document) -> float:
    """The book's block text in MB of UTF-8."""
    return sum(len(block.text.encode("utf-8")) for _, block in document.blocks()) / 1e6
