"""Text normalisation for speech: what a voice should say for a stretch of written text.

    sentence text --normalize_map(text, lang)--> spoken text + offset map --> engine

Numbers (grouped with spaces, decimals with a comma), years and dates,
ordinals, "№", "%", currencies and units, abbreviations, Roman numerals,
initials, URLs and e-mail addresses become words in Kazakh (``kk.py``),
Russian (``ru.py``, with case and gender agreement; ``ru_words.py`` for
abbreviations and acronyms, ``ru_morph.py`` for the morphology) or English (``en.py``);
``common.py`` holds what the languages share.  Each language module gives an
ordered list of :class:`Rule`; the scanner here finds the leftmost place where
a rule applies (the first rule in the list wins at one place), writes its
words, and copies everything else unchanged.  Where print glued an
abbreviation to the next word ("г.Балхаш"), the words get the missing space.

The result keeps a map from the spoken text back to the source: a
:class:`Normalized` has ``segments`` ``(spoken_start, spoken_end,
source_start, source_end)`` so highlighting can follow the voice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType

from .common import Context, Rule, common_rules

__all__ = ["Normalized", "normalize", "normalize_map", "Rule", "Context"]

_SPACES = re.compile(r"[\u00a0\u202f\u2009\u2007\u2002-\u2006]")


@dataclass
class Normalized:
    """Spoken text with its map back to the source (see the module docstring)."""

    text: str = ""
    segments: list[tuple[int, int, int, int]] = field(default_factory=list)

    @classmethod
    def literal(cls, text: str, source_start: int, source_end: int) -> Normalized:
        """``text`` said for the source range ``source_start:source_end``."""
        return cls(text, [(0, len(text), source_start, source_end)] if text else [])

    def join(self, other: Normalized) -> Normalized:
        """This text followed by ``other``, segments shifted and kept in order."""
        shift = len(self.text)
        moved = [(a + shift, b + shift, c, d) for a, b, c, d in other.segments]
        return Normalized(self.text + other.text, self.segments + moved)


def normalize(text: str, lang: str, heading: bool = False) -> str:
    """The words a ``lang`` voice (kk, ru, en) should say for ``text``.

    ``heading`` says the text is a heading, where a lone Roman numeral is a number.
    Any other language code gets only the language-free rules (spaces, URLs).
    """
    return normalize_map(text, lang, heading).text


def normalize_map(text: str, lang: str, heading: bool = False, base: int = 0) -> Normalized:
    """Like :func:`normalize`, with the offset map; source offsets start at ``base``."""
    text = _SPACES.sub(" ", text)
    rules = _rules(lang)
    context = Context(text, lang, heading)
    out: list[str] = []
    segments: list[tuple[int, int, int, int]] = []
    spoken = 0
    copied_from = 0
    position = 0
    while (match := rules.finder.search(text, position)) is not None:
        replaced = _apply(rules.rules, text, match.start(), context)
        if replaced is None:
            position = match.start() + 1
            continue
        end, words = replaced
        if match.start() > copied_from:
            plain = text[copied_from : match.start()]
            out.append(plain)
            segments.append((spoken, spoken + len(plain), base + copied_from, base + match.start()))
            spoken += len(plain)
        out.append(words)
        segments.append((spoken, spoken + len(words), base + match.start(), base + end))
        spoken += len(words)
        copied_from = position = end
    if copied_from < len(text):
        plain = text[copied_from:]
        out.append(plain)
        segments.append((spoken, spoken + len(plain), base + copied_from, base + len(text)))
    return Normalized("".join(out), [s for s in segments if s[1] > s[0] or s[3] > s[2]])


def _apply(rules: list[Rule], text: str, position: int, context: Context) -> tuple[int, str] | None:
    """The first rule that applies at ``position``: (end of what it read, its words)."""
    for rule in rules:
        match = rule.regex.match(text, position)
        if match is None:
            continue
        words = rule.handler(match, context)
        if words is not None:
            if match.group().endswith(".") and not words.endswith(".") and _ends_sentence(text, match.end(), words):
                words += "."  # the abbreviation's dot also ended the sentence
            if match.group().endswith(".") and re.match(r"[\w«(]", text[match.end() : match.end() + 1]):
                words = words.rstrip(" ") + " "  # glued to the next word in print: "г.Балхаш", "т.е.в"
            return match.end(), words
    return None


#: Last words of abbreviations that close a list ("и т.д.") and so often end a sentence.
_CLOSING = ("далее", "подобное", "другие", "басқа", "сияқты", "cetera")


def _ends_sentence(text: str, position: int, words: str) -> bool:
    rest = text[position:]
    if not rest.strip():
        return True
    return words.endswith(_CLOSING) and bool(re.match(r"\s+[«\"(]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]", rest))


@dataclass
class _RuleSet:
    rules: list[Rule]
    finder: re.Pattern[str]


_CACHE: dict[str, _RuleSet] = {}


def _rules(lang: str) -> _RuleSet:
    if lang not in _CACHE:
        rules = common_rules(lang) + _language_rules(lang)
        finder = re.compile("|".join(f"(?:{rule.regex.pattern})" for rule in rules))
        _CACHE[lang] = _RuleSet(rules, finder)
    return _CACHE[lang]


def cardinal_for(lang: str) -> Callable[[int], str]:
    """The function that says a whole number in ``lang`` (digits for other languages)."""
    module = _module(lang)
    return module.cardinal if module else str


def _language_rules(lang: str) -> list[Rule]:
    module = _module(lang)
    return module.rules() if module else []


def _module(lang: str) -> ModuleType | None:
    if lang == "ru":
        from . import ru as module
    elif lang == "kk":
        from . import kk as module
    elif lang == "en":
        from . import en as module
    else:
        return None
    return module
