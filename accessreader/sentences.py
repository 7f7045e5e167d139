"""Splitting a block's text into sentences, per language.

First version: a sentence ends at . ! ? … followed by a space and a capital
letter, unless the word before is a known abbreviation or an initial.
"""

from __future__ import annotations

import re

from .model import Sentence

_ABBREVIATIONS = {
    "ru": {"т", "д", "г", "гг", "им", "ул", "тыс", "млн", "млрд", "экз", "см", "стр", "с", "др", "пр", "рис", "т.е", "т.д", "т.п", "в", "ч"},
    "kk": {"ж", "т.б", "т.с.с", "мыс", "б", "жж", "бет", "ғ", "т", "с", "млн", "млрд", "мың"},
    "en": {"mr", "mrs", "ms", "dr", "prof", "st", "no", "vs", "etc", "e.g", "i.e", "p", "pp", "vol", "fig"},
}
_END = re.compile(r"([.!?…]+[»\"”’)]*)(\s+)(?=[«\"“(]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])")


def split(text: str, lang: str, lines: bool = False) -> list[Sentence]:
    """The sentences of ``text`` as character ranges; ``lines`` makes each line one too."""
    if not text:
        return []
    pieces: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n") if lines else [text]:
        pieces.extend((line_start + a, line_start + b) for a, b in _split_line(line, lang))
        line_start += len(line) + 1
    return [Sentence(a, b) for a, b in pieces if b > a]


def _split_line(text: str, lang: str) -> list[tuple[int, int]]:
    abbreviations = _ABBREVIATIONS.get(lang, set())
    result = []
    start = 0
    for match in _END.finditer(text):
        word = re.split(r"\s", text[start : match.start(1)])[-1].lower().strip("(«\"")
        if match.group(1) == "." and (word in abbreviations or (len(word) == 1 and word.isalpha())):
            continue
        result.append((start, match.end(1)))
        start = match.end(2)
    if start < len(text):
        result.append((start, len(text.rstrip())))
    return result
