"""What the normalisers of every language share: rules, context, numbers, Roman
numerals, initials, URLs and e-mail addresses.

Used by ``normalize/__init__.py`` (the scanner) and by ``ru.py``, ``kk.py``
and ``en.py``, which give their own words for the same things.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

#: An integer as written: grouped by spaces ("1 372 423") or plain digits.
NUMBER = r"\d{1,3}(?: \d{3})+(?!\d)|\d+"
#: Upper- and lower-case letters of the three alphabets.
UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
LOWER = "a-zа-яёәғқңөұүһі"
_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
#: A Roman numeral as a whole word (validated by :func:`roman_value`).
ROMAN = r"(?<![\w.])[IVXLCDM]+(?![\w])"


@dataclass(frozen=True)
class Context:
    """The whole text being normalised, for rules that look around their match."""

    text: str
    lang: str
    heading: bool = False

    def word_before(self, position: int) -> str:
        """The lower-case word ending just before ``position`` (spaces skipped), or ""."""
        found = re.search(r"([\w-]+)[\s«\"(]*$", self.text[max(position - 40, 0) : position])
        return found.group(1).lower() if found else ""

    def words_after(self, position: int, count: int = 2) -> list[str]:
        """Up to ``count`` lower-case words after ``position``, stopping at punctuation."""
        found = re.match(r"[ «\"]*((?:[\w-]+[ ]?){1,%d})" % count, self.text[position : position + 80])
        return found.group(1).lower().split() if found else []


Handler = Callable[[re.Match, Context], "str | None"]


@dataclass(frozen=True)
class Rule:
    """A written form (``regex``) and what to say for it (``handler``; None: not here)."""

    regex: re.Pattern[str]
    handler: Handler


def rule(pattern: str, handler: Handler) -> Rule:
    """A :class:`Rule` from a pattern (numbered groups only; scoped flags like ``(?i:…)``)."""
    return Rule(re.compile(pattern), handler)


def to_int(written: str) -> int:
    """The value of a number written with group spaces: ``"1 372 423"`` → 1372423."""
    return int(written.replace(" ", ""))


def abbreviation_pattern(written: str) -> str:
    """A pattern for an abbreviation, any case, with or without spaces after its inner dots ("т. е.")."""
    parts = [re.escape(p) for p in written.replace(". ", ".").split(".") if p]
    body = r"\. ?".join(parts) + (r"\." if written.endswith(".") else r"(?!\w)")
    return rf"(?<![\w.])(?i:{body})"


def roman_value(written: str) -> int | None:
    """The value of a valid Roman numeral (``"XXI"`` → 21), else None."""
    if not written or not _ROMAN.fullmatch(written):
        return None
    total = 0
    for index, char in enumerate(written):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[written[index + 1]] if index + 1 < len(written) else 0
        total += -value if value < following else value
    return total


def roman_rule(cardinal: Callable[[int], str]) -> Rule:
    """A rule reading a standalone Roman numeral as a cardinal ("Глава IV" → четыре).

    A single letter (I, V, X…) counts only in headings, where it is a number and not a word.
    """

    def say(match: re.Match, context: Context) -> str | None:
        number = roman_value(match.group())
        if number is None or (len(match.group()) < 2 and not context.heading) or not set(match.group()) <= set("IVXL"):
            return None
        return cardinal(number)

    return rule(ROMAN, say)


_LETTER_NAMES = {
    "ru": dict(zip("бвгджзклмнпрстфхцчшщ", "бэ вэ гэ дэ жэ зэ ка эль эм эн пэ эр эс тэ эф ха цэ чэ ша ща".split())),
    "kk": dict(
        zip(
            "бвгғджзкқлмнңпрстфхһцчшщ",
            "бе ве ге ғе де же зе ка қа эл эм эн ың пе эр эс те эф ха һа це че ша ща".split(),
        )
    ),
}
_SYMBOLS = {
    "ru": {
        ".": "точка",
        "@": "собака",
        "/": "слэш",
        "-": "дефис",
        "_": "подчёркивание",
        ":": "двоеточие",
        "=": "равно",
        "&": "и",
        "?": "знак вопроса",
        "#": "решётка",
        "~": "тильда",
        "%": "процент",
        "+": "плюс",
        "§": "параграф",
    },
    "kk": {
        ".": "нүкте",
        "@": "айқұлақ",
        "/": "қиғаш сызық",
        "-": "сызықша",
        "_": "астыңғы сызық",
        ":": "қос нүкте",
        "=": "тең",
        "&": "және",
        "?": "сұрақ белгісі",
        "#": "тор",
        "~": "тильда",
        "%": "пайыз",
        "+": "қосу",
        "§": "параграф",
    },
    "en": {
        ".": "dot",
        "@": "at",
        "/": "slash",
        "-": "dash",
        "_": "underscore",
        ":": "colon",
        "=": "equals",
        "&": "and",
        "?": "question mark",
        "#": "hash",
        "~": "tilde",
        "%": "percent",
        "+": "plus",
        "§": "section",
    },
}


def letter_name(letter: str, lang: str) -> str:
    """How a single letter is said when spelled (an initial, a letter in a URL)."""
    return _LETTER_NAMES.get(lang, {}).get(letter.lower(), letter)


def spell_address(address: str, lang: str, cardinal: Callable[[int], str]) -> str:
    """A URL or e-mail address said piece by piece: words as words, the rest spelled.

    ``"https://www.nlrk.kz/books"`` → ``"w w w точка n l r k точка k z слэш books"`` in
    Russian; the scheme is left out, signs get their names, numbers are read.
    """
    symbols = _SYMBOLS.get(lang, _SYMBOLS["en"])
    address = re.sub(r"^(?i:https?|ftp)://", "", address).rstrip("/")
    words = []
    for token in re.findall(r"[^\W\d_]+|\d+|\S", address):
        if token.isdigit():
            words.append(cardinal(int(token)) if len(token) < 5 else " ".join(cardinal(int(d)) for d in token))
        elif token[0].isalpha():
            words.append(token if _sayable(token) else " ".join(token))
        elif token in symbols:
            words.append(symbols[token])
    return " ".join(words)


def _sayable(token: str) -> bool:
    """A piece of an address that reads as a word ("books", "library") rather than letters."""
    vowels = sum(c in "aeiouyаеёиоуыэюяәөұүі" for c in token.lower())
    return len(token) >= 4 and 0 < vowels < len(token) and not re.search(r"[^aeiouy]{4}", token.lower())


def common_rules(lang: str) -> list[Rule]:
    """The rules every language uses: e-mail addresses, URLs, initials, signs."""
    from . import cardinal_for

    cardinal = cardinal_for(lang)
    rules = [
        rule(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", lambda m, c: spell_address(m.group(), lang, cardinal)),
        rule(
            r"(?i:https?://|ftp://|www\.)[^\s<>«»\"]*[^\s<>«»\".,;:!?)]"
            r"|(?<![\w@.])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:kz|ru|com|org|net|edu|gov|info|io|uk)(?:/[^\s<>«»\"]*[^\s<>«»\".,;:!?)])?(?![\w@])",
            lambda m, c: spell_address(m.group(), lang, cardinal),
        ),
    ]
    if lang in _LETTER_NAMES or lang == "en":
        rules.append(
            rule(
                rf"(?<![\w.])((?:[{UPPER}]\. ?){{1,3}})(?=[{UPPER}][{LOWER}])",
                lambda m, c: " ".join(letter_name(g, lang).capitalize() for g in re.findall(r"\w", m.group())) + " ",
            )
        )
        rules.append(
            rule(
                rf"(?<=[{LOWER}] )([{UPPER}])\. ?([{UPPER}])\.",
                lambda m, c: " ".join(letter_name(g, lang).capitalize() for g in m.groups()),
            )
        )
    if lang in _SYMBOLS:
        rules.append(rule(r"(?<= )[&§](?= )", lambda m, c: _SYMBOLS[lang][m.group()]))
    return rules
