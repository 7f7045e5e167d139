"""Which language a block of text is in, and which stretches inside it are in another.

First version: decides kk / ru / en from the alphabet (Kazakh-only letters,
Cyrillic against Latin); quoted stretches in «ёлочки» or "quotes" whose
language differs from the block's become spans.
"""

from __future__ import annotations

import re

from .model import SPAN_LANG, Span

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_ALIASES = {"kaz": "kk", "rus": "ru", "eng": "en", "kz": "kk"}
_QUOTED = re.compile(r"«([^«»]{2,})»|“([^“”]{2,})”|\"([^\"]{2,})\"")


def normalise(code: str) -> str:
    """A BCP 47 tag reduced to its primary language: ``"ru-RU"`` → ``"ru"``, ``"kaz"`` → ``"kk"``."""
    primary = (code or "").strip().replace("_", "-").split("-")[0].lower()
    return _ALIASES.get(primary, primary)


def detect(text: str, hint: str = "") -> str:
    """The language of ``text`` (kk, ru, en, or ``hint``/"und" when it cannot tell)."""
    cyrillic = latin = kazakh = 0
    for char in text:
        if char in KAZAKH_LETTERS:
            kazakh += 1
        elif "\u0400" <= char <= "\u04ff":
            cyrillic += 1
        elif char.isascii() and char.isalpha():
            latin += 1
    if not (cyrillic or latin or kazakh):
        return hint or "und"
    if latin > cyrillic + kazakh:
        return "en" if hint in ("", "und", "kk", "ru", "en") else hint
    if kazakh:
        return "kk"
    return hint if hint in ("kk", "ru") else "ru"


def find_spans(text: str, block_lang: str, taken: list[tuple[int, int]] = ()) -> list[Span]:
    """Quoted stretches of ``text`` in a language other than ``block_lang``, skipping ``taken`` ranges."""
    spans = []
    for match in _QUOTED.finditer(text):
        group = next(g for g in range(1, 4) if match.group(g) is not None)
        start, end = match.start(group), match.end(group)
        if any(a < end and start < b for a, b in taken):
            continue
        lang = detect(match.group(group), hint=block_lang)
        if lang not in (block_lang, "und"):
            spans.append(Span(SPAN_LANG, start, end, lang))
    return spans
