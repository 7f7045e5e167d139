"""A small Kazakh book with a Russian paragraph, headings, two chapters and print pages, for the terminal tests."""

from __future__ import annotations

from accessreader import content
from accessreader.braille.tables import Code
from accessreader.braille.translate import translate_phrase
from accessreader.model import Document

HTML = """<html lang="kk"><head><title>Абай жолы</title></head><body>
<h1>Бірінші тарау</h1>
<span role="doc-pagebreak" aria-label="5"></span>
<p>Қарашаның суық күні. Абай үйге қайтып келе жатыр еді, жол ұзақ болды.</p>
<p>Ол ауылға жақындады.</p>
<h2>Екінші бөлім</h2>
<span role="doc-pagebreak" aria-label="6"></span>
<p lang="ru">Русский абзац о дороге домой.</p>
<h1>Екінші тарау</h1>
<p>Соңғы абзац.</p>
</body></html>"""


def book() -> Document:
    return content.read(HTML.encode(), "abai.html")


def braille(text: str, lang: str = "kk") -> str:
    """What a display shows for ``text``: its braille in ``lang`` (default code), trailing blanks dropped."""
    return translate_phrase(text, lang, Code()).rstrip("\u2800")
