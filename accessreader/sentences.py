"""Splitting a block's text into sentences, per language.

    content/finish.py ──block text, block lang──▶ split() ──▶ block.sentences
                                                   (speech and locators use them)

A sentence ends at ``.``, ``!``, ``?``, ``…`` or ``...`` (also ``?!``), with any
closing quotes and brackets after the mark, when whitespace and then a word
that does not start with a small letter follow (opening quotes and dialogue
dashes are looked through, so ``«Стой!» — крикнул он`` is one sentence).
A full stop does not end a sentence after:

* an abbreviation that is never last (``т.е.``, ``т. е.``, ``им.``, ``ул.``,
  ``мкр.``, ``каб.``, ``тел.``, ``доб.``, ``ок.``, ``см.``, ``стр.``, ``мыс.``, ``б.з.д.``, ``e.g.``, ``i.e.``,
  ``Dr.``, ``No.``, ``ext.``…), in the block's language or any other of kk/ru/en;
* ``обл.`` and ``р-н.`` (which follow their name) unless a Russian adjective comes before
  them: "Қарағанды обл. Балқаш қ." goes on, "…из Карагандинской обл. Встреча…" ends;
* an initial, a single capital letter (``А. С. Пушкин``, ``Ш. Уәлиханов``,
  ``J. R. R. Tolkien``), or initials written together (``А.С. Пушкин``);
* an abbreviation that may be last (``и т.д.``, ``т.б.``, ``т.с.с.``, ``тыс.``,
  ``млн.``, ``экз.``, ``etc.``, weekdays ``пн.``, ``жм.``, ``Fri.``…) when a number follows;
* a number alone, as in a numbered heading (``1. Введение``).

Years and centuries (``г.``, ``гг.``, ``в.``, ``ж.``, ``жж.``, ``ғ.``) follow one
rule: after a number (``2021 г.``, ``XIX в.``) they end the sentence when a
capitalised word follows (``в 2021 г. Библиотека…`` is two sentences), unless
everything before them in the sentence is only a date (``В 1837 г. Пушкин…``:
prepositions, numbers, months), since a sentence is not just a date.  Without
a number before them they stand for a word (``г. Алматы``: a town) and never
end a sentence.  Decimals (``3.5``) and URLs have no space after the mark.

With ``lines=True`` each line is split on its own first (tables, poems).
"""

from __future__ import annotations

import re

from .model import Sentence

#: Abbreviations (lower case, inner dots kept, last dot dropped) that never end a sentence.
_NEVER_LAST = {
    "ru": "т.е т.к т.н т.ч в т.ч им ул пр просп пер пл кв см стр рис табл гл проф акад доц "
    "напр наз г-н г-жа каз рус англ лат ред изд сост вып кн худ ил тел дж ср ст тт мкр каб зав зам корп пос доб моб вн ок наб "
    "ауд собр избр полн",
    "kk": "мыс б.з.д көш даңғ ауд проф акад құраст ред т.е",
    "en": "e.g i.e dr mr mrs ms prof st no nos vol vols pp fig ch ed eds jr sr vs cf approx dept mt ft ext tel",
}
#: Abbreviations that follow the name they belong to ("Карагандинская обл.", "Қарағанды обл.
#: Балқаш қ."): they end a sentence only after a Russian adjective, where the name is complete
#: ("…из Карагандинской обл. Встреча прошла…"); after a noun the next word goes on with the address.
_AFTER_NAME = frozenset("обл р-н".split())
_ADJECTIVE = re.compile(r"[а-яё]{3,}(?:ая|ой|ий|ый|ую|его|ого|ему|ому|ем|ом|ей)", re.IGNORECASE)
#: Abbreviations that end a sentence when a capitalised word follows them.
_MAYBE_LAST = {
    "ru": "т.д т.п и т.д и т.п др тыс млн млрд экз с руб коп кг км га мес пн вт чт пт сб вс",
    "kk": "т.б т.с.с тг млн млрд мың ш.а дс сс бс жм сб жс",
    "en": "etc al inc ltd co mon tue tues wed thu thur thurs fri sat sun",
}
#: Words for a year or a century: see the module docstring.
_YEAR_WORDS = frozenset("г гг в вв ж жж ғ ғғ".split())
#: Words that may stand with numbers in a sentence that is nothing but a date.
_DATE_WORDS = frozenset(
    """в во с со по к до от на из in on since by from until января февраля марта апреля мая
    июня июля августа сентября октября ноября декабря январь февраль март апрель май июнь июль
    август сентябрь октябрь ноябрь декабрь қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз
    қыркүйек қазан қараша желтоқсан""".split()
)

_NEVER = frozenset(word for words in _NEVER_LAST.values() for word in words.split())
_MAYBE = frozenset(word for words in _MAYBE_LAST.values() for word in words.split())

_MARK = re.compile(r"(?:\.\.\.|[.!?…])+[»\"”’')\]]*(?=\s|$)")
_OPENERS = "«\"“„'‘([—–-"
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")
_NUMBER = re.compile(r"\d+(?:[–-]\d+)?|[IVXLCDM]+(?:[–-][IVXLCDM]+)?")


def split(text: str, lang: str, lines: bool = False) -> list[Sentence]:
    """The sentences of ``text`` as character ranges, without surrounding whitespace.

    ``lang`` is the block's language; abbreviations of kk, ru and en are all
    known whatever it is, since books mix them.  ``lines`` makes each line a
    unit of its own first.
    """
    sentences: list[Sentence] = []
    units = _line_ranges(text) if lines else [(0, len(text))]
    for unit_start, unit_end in units:
        for start, end in _split_unit(text, unit_start, unit_end):
            sentences.append(Sentence(start, end))
    return sentences


def _line_ranges(text: str) -> list[tuple[int, int]]:
    ranges = []
    start = 0
    for line in text.split("\n"):
        ranges.append((start, start + len(line)))
        start += len(line) + 1
    return ranges


def _split_unit(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]``, trimmed; pieces with no letter or digit join the one before."""
    pieces: list[tuple[int, int]] = []
    begin = start
    for match in _MARK.finditer(text, start, end):
        if _skip_space(text, match.end(), end) == end:
            break
        if _ends_sentence(text, begin, match, end):
            pieces.append((begin, match.end()))
            begin = _skip_space(text, match.end(), end)
    pieces.append((begin, end))
    result: list[tuple[int, int]] = []
    for a, b in pieces:
        a, b = _skip_space(text, a, b), _trim_end(text, a, b)
        if b <= a:
            continue
        if result and not any(char.isalnum() for char in text[a:b]):
            result[-1] = (result[-1][0], b)
        else:
            result.append((a, b))
    return result


def _ends_sentence(text: str, begin: int, match: re.Match, end: int) -> bool:
    """Whether the end mark ``match`` ends the sentence that started at ``begin``."""
    following = _next_word(text, match.end(), end)
    if not following or following[0].islower():
        return False
    mark = match.group().rstrip("»\"”’')]")
    if mark != ".":
        return True
    before = text[begin : match.start()].split()
    if not before:
        return False
    word = before[-1].lstrip(_OPENERS)
    lowered = word.lower()
    joined = [lowered, re.split(r"[–—-]", lowered)[-1]]  # "пн.–пт.": the day after the dash
    joined += ["".join(before[-k:]).lower() for k in (2, 3) if len(before) >= k]
    joined += [" ".join(before[-k:]).lower() for k in (2, 3) if len(before) >= k]
    if any(candidate in _NEVER for candidate in joined):
        return False
    if lowered in _AFTER_NAME:
        return len(before) >= 2 and bool(_ADJECTIVE.fullmatch(before[-2].lstrip(_OPENERS)))
    if _INITIALS.fullmatch(word) and word.isupper():
        return False
    if _NUMBER.fullmatch(word) and len(before) == 1:
        return False
    if lowered in _YEAR_WORDS:
        if len(before) < 2 or not _NUMBER.fullmatch(before[-2].strip("(")):
            return False
        return not all(_NUMBER.fullmatch(w) or w.lower().strip(",") in _DATE_WORDS or w in "—–-" for w in before[:-2])
    if any(candidate in _MAYBE for candidate in joined):
        return not following[0].isdigit()
    return not (len(word) == 1 and word.islower())


def _next_word(text: str, position: int, end: int) -> str:
    """The text from the next letter or digit after ``position``, skipping spaces, quotes and dashes."""
    while position < end and (text[position].isspace() or text[position] in _OPENERS):
        position += 1
    return text[position:end]


def _skip_space(text: str, position: int, end: int) -> int:
    while position < end and text[position].isspace():
        position += 1
    return position


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
