"""What the normalisers of every language share: rules, context, numbers, Roman
numerals (also typed with the Cyrillic look-alikes І, Х, С, М), initials, telephone
numbers, acronyms spelled as letter names, URLs and e-mail addresses.

Used by ``normalize/__init__.py`` (the scanner) and by ``ru.py``, ``kk.py``
and ``en.py``, which give their own words for the same things.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .places import is_town

#: An integer as written: grouped by spaces ("1 372 423") or plain digits.
NUMBER = r"\d{1,3}(?: \d{3})+(?!\d)|\d+"
#: Upper- and lower-case letters of the three alphabets.
UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
LOWER = "a-zа-яёәғқңөұүһі"
_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
#: Cyrillic letters typed for Roman digits (Kazakh/Ukrainian І, Х, С, М) and their Latin digits.
_CYRILLIC_ROMAN = str.maketrans("ІХСМ", "IXCM")
#: The letters of a Roman numeral, Latin or typed with the Cyrillic look-alikes.
ROMAN_LETTERS = "IVXLCDMІХСМ"
#: A Roman numeral as a whole word (validated by :func:`roman_value`).
ROMAN = rf"(?<![\w.])[{ROMAN_LETTERS}]+(?![\w])"


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
    return rf"(?<!\w)(?i:{body})"


def roman_value(written: str) -> int | None:
    """The value of a valid Roman numeral (``"XXI"`` → 21), else None.

    Cyrillic look-alikes count as Roman digits ("ХХІ" → 21), but a word of
    Cyrillic letters only needs an І or Х in it: "С" or "СМ" stay words.
    """
    if written and not re.search(r"[A-Z]", written) and not re.search("[ІХ]", written):
        return None
    written = written.translate(_CYRILLIC_ROMAN)
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

    A single letter (I, V, X…) counts only in headings and as a list number at the start of a
    line ("І. Введение"), where it is a number and not a word.
    """

    def say(match: re.Match, context: Context) -> str | None:
        number = roman_value(match.group())
        listed = bool(re.match(r"[.)] ", context.text[match.end() : match.end() + 2])) and _starts_line(
            context, match.start()
        )
        if number is None or (len(match.group()) < 2 and not (context.heading or listed)):
            return None
        if not set(match.group()) <= set("IVXLІХ"):
            return None
        return cardinal(number)

    return rule(ROMAN, say)


def _starts_line(context: Context, position: int) -> bool:
    """Whether only spaces stand between ``position`` and the start of its line."""
    return not context.text[:position].rsplit("\n", 1)[-1].strip()


_LETTER_NAMES = {
    "ru": dict(zip("бвгджзклмнпрстфхцчшщ", "бэ вэ гэ дэ жэ зэ ка эль эм эн пэ эр эс тэ эф ха цэ чэ ша ща".split())),
    "kk": dict(
        zip(
            "бвгғджзкқлмнңпрстфхһцчшщ",
            "бе ве ге ғе де же зе ка қа эл эм эн ың пе эр эс те эф ха һа це че ша ща".split(),
        )
    ),
}
#: Letter names inside a spelled acronym, where Russian Л is "эл" (as in "эл-пэ") and vowels are themselves.
_ACRONYM_NAMES = {
    "ru": {**_LETTER_NAMES["ru"], "л": "эл", **{v: v for v in "аеёиоуыэюя"}},
    "kk": {**_LETTER_NAMES["kk"], **{v: v for v in "аәеиоөуұүыіэюя"}},
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


def spell_acronym(word: str, lang: str) -> str:
    """An all-capital word said as its letter names, joined by hyphens ("ЦГДБ" → "цэ-гэ-дэ-бэ")."""
    names = _ACRONYM_NAMES.get(lang, {})
    return "-".join(names.get(letter, letter) for letter in word.lower())


#: An all-capital Cyrillic word of two to six letters, with a case ending after a hyphen ("ҚР-да").
ACRONYM = r"(?<![\w-])([А-ЯЁӘҒҚҢӨҰҮҺІ]{2,6})(?:-([а-яёәғқңөұүһі]{1,5}))?(?![\w])"


def shouting(context: Context, known: set[str] = frozenset()) -> bool:
    """Whether the text is written in capitals (a heading such as "НОВЫЕ КНИГИ ЦБС"), where
    capital words are not acronyms: more capitals than small letters, and either no small
    letter at all among two capital words or more, not all ``known`` acronyms, or a capital word
    that reads as a word (four letters or more, two vowels or more, not a ``known`` acronym)."""
    letters = [c for c in context.text if c.isalpha()]
    if sum(c.isupper() for c in letters) <= len(letters) / 2:
        return False
    words = re.findall(rf"(?<!\w)[{UPPER}]{{2,}}(?!\w)", context.text)
    if all(c.isupper() for c in letters) and len(words) >= 2 and not set(words) <= known:
        return True  # "ХХ ВЕК", "ОТЧЁТ ЦБС ЗА 2023 ГОД"
    return any(len(re.findall("[АЕЁИОУЫЭЮЯӘӨҰҮІ]", w)) >= 2 and w not in known for w in words if len(w) >= 4)


#: A telephone number: "+7 701 123 45 67", "8 (71036) 4-25-11", "8-800-080-77-77", or a local "53-40-12".
PHONE = r"(?<![\w+])(?:(?:\+\d{1,3}|8)[ -]?(?:\(\d{2,5}\)|\d{3,5})(?:[ -]?\d{1,4}){2,4}|\d{1,3}-\d{2}-\d{2}|\d{3}-\d{4})(?![\d-])"
_PLUS = {"ru": "плюс", "kk": "плюс", "en": "plus"}


def say_phone(written: str, lang: str, cardinal: Callable[[int], str]) -> str | None:
    """A telephone number said group by group, never as a quantity; None if it is not one.

    Russian and Kazakh read each printed group as a number, a group of four or
    more digits in pairs from the right ("71036" → 7 10 36), a leading zero as
    zero ("080" → ноль восемьдесят); English reads digit by digit.  Groups are
    separated by commas, so the voice pauses where the print has a space or a dash.
    """
    groups = re.findall(r"\d+", written)
    digits = sum(len(g) for g in groups)
    if not re.fullmatch(r"\d{1,3}-\d{2}-\d{2}|\d{3}-\d{4}", written) and not 10 <= digits <= 13:
        return None
    said = []
    for group in groups:
        if lang == "en":
            said.append(" ".join(cardinal(int(d)) for d in group))
        else:
            said += [_say_digits(chunk, cardinal) for chunk in ([group] if len(group) <= 3 else _pairs(group))]
    if written.startswith("+"):
        said[0] = f"{_PLUS.get(lang, '+')} {said[0]}"
    return ", ".join(said)


def _pairs(group: str) -> list[str]:
    """Digits in pairs from the right: "71036" → ["7", "10", "36"]."""
    head = len(group) % 2
    return ([group[:head]] if head else []) + [group[i : i + 2] for i in range(head, len(group), 2)]


def _say_digits(chunk: str, cardinal: Callable[[int], str]) -> str:
    if len(chunk) > 1 and chunk[0] == "0":
        return f"{cardinal(0)} {_say_digits(chunk[1:], cardinal)}"
    return cardinal(int(chunk))


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


def _say_code(match: re.Match, cardinal, lang: str) -> str:
    """ "ISBN 978-601-7123-45-6": each printed group a number in Russian and Kazakh, as a telephone
    number's ("девятьсот семьдесят восемь, шестьсот один, семь тысяч сто двадцать три…", a leading
    zero said: "00" → ноль ноль), digit by digit in English; a check digit X as written."""
    groups = []
    for group in re.split(r"[ -]+", match.group(2)):
        digits, check = group.rstrip("XxХх"), group[len(group.rstrip("XxХх")) :]
        if lang == "en":
            said = " ".join(cardinal(int(d)) for d in digits)
        else:
            said = _say_digits(digits, cardinal) if digits else ""
        groups.append(" ".join(filter(None, [said, "X" if check else ""])))
    return f"{match.group(1)} {', '.join(groups)}"


#: How Russian and Kazakh say a Latin letter glued to a digit ("3D", "5G", "4K").
_GLUED_LETTERS = {"D": "дэ", "G": "джи", "K": "ка"}


def _glued_letter(match: re.Match, lang: str, cardinal: Callable[[int], str]) -> str:
    """ "3D-принтер" → три дэ, "5G" → five G: the digit as a number, the letter apart from it."""
    letter = match.group(2)
    return f"{cardinal(int(match.group(1)))} {letter if lang == 'en' else _GLUED_LETTERS[letter]}"


def _town_before(match: re.Match, context: Context) -> bool:
    """Whether a Russian "Г." is the town abbreviation, not an initial: "Г. Балхаш принимает гостей"."""
    if context.lang != "ru" or match.group().strip() != "Г.":
        return False
    word = re.match(r"[\w-]+", context.text[match.end() :])
    return bool(word) and is_town(word.group())


def common_rules(lang: str) -> list[Rule]:
    """The rules every language uses: e-mail addresses, URLs, ISBN and ISSN codes, initials, signs."""
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
    rules.append(
        rule(
            r"(?<!\w)(ISBN|ISSN)(?:-1[03])?:? ?(\d[\d -]{6,19}[\dXxХх])(?!\w)",
            lambda m, c: _say_code(m, cardinal, lang),
        )
    )
    if lang in _LETTER_NAMES or lang == "en":
        rules.append(rule(r"(?<![\w.,])(\d)([DGK])(?!\w)", lambda m, c: _glued_letter(m, lang, cardinal)))
    if lang in _LETTER_NAMES or lang == "en":
        rules.append(
            rule(
                rf"(?<!\w)((?:[{UPPER}]\. ?){{1,3}})(?=[{UPPER}][{LOWER}])",
                lambda m, c: (
                    None
                    if _town_before(m, c)
                    else " ".join(letter_name(g, lang).capitalize() for g in re.findall(r"\w", m.group())) + " "
                ),
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
        rules.append(rule(PHONE, lambda m, c: say_phone(m.group(), lang, cardinal)))
    return rules
