"""Russian normalisation rules: numbers in words with case and gender agreement.

Numbers come from ``num2words`` (which inflects Russian numerals by case and
gender); the case and gender come from the words around the number, analysed
with ``pymorphy3``: the noun after it ("23 книгах" → двадцати трёх), else the
preposition before it ("из 5" → пяти).  Years and dates are ordinals ("2021
года" → две тысячи двадцать первого года); a date with no preposition is the
genitive of "when" ("8 июня состоялась" → восьмого) unless it is named (alone,
before a dash, after a colon).  Decimals take their preposition's case ("более
2,8" → двух целых восьми десятых); a number joined to a word makes one word
("к 175-летию" → к стасемидесятипятилетию, "в 2-х" → в двух).  Abbreviations
and acronyms are in ``ru_words.py``, the morphology both use in ``ru_morph.py``.
"""

from __future__ import annotations

import re

from num2words.lang_RU import Num2Word_RU

from . import ru_words
from .common import (
    NUMBER,
    ROMAN_LETTERS,
    Context,
    Rule,
    roman_rule,
    roman_value,
    rule,
    to_int,
)
from .ru_morph import INDECLINABLE, PREPOSITIONS, analyses, case_of, inflect, noun, noun_case, prep_case

_N2W = Num2Word_RU()
_CASE_CODE = {"nomn": "n", "gent": "g", "datv": "d", "accs": "a", "ablt": "i", "loct": "p"}


_GENDER_CODE = {"masc": "m", "femn": "f", "neut": "n"}


MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()


_UNITS = {
    "тыс.": "тысяча",
    "тыс": "тысяча",
    "млн.": "миллион",
    "млн": "миллион",
    "млрд.": "миллиард",
    "млрд": "миллиард",
    "трлн": "триллион",
    "экз.": "экземпляр",
    "руб.": "рубль",
    "р.": "рубль",
    "коп.": "копейка",
    "чел.": "человек",
    "стр.": "страница",
    "с.": "страница",
    "шт.": "штука",
    "ед.": "единица",
    "%": "процент",
    "₸": "тенге",
    "тг": "тенге",
    "$": "доллар",
    "€": "евро",
    "₽": "рубль",
    "км": "километр",
    "кг": "килограмм",
    "см": "сантиметр",
    "мм": "миллиметр",
    "м": "метр",
    "га": "гектар",
    "°C": "градус",
    "°": "градус",
    "ч.": "час",
    "мин.": "минута",
    "сек.": "секунда",
    "т.": "том",
    "т": "тонна",
    "л": "литр",
}


_UNIT = "|".join(
    re.escape(u) + (r"(?![\w.])" if u == "т" else r"(?!\w)" if u[-1].isalpha() else "")  # "т." is a volume
    for u in sorted(_UNITS, key=len, reverse=True)
)


_CHAPTER_WORDS = (
    "глава главе главы главу главой часть части частью том тома томе раздел раздела разделе "
    "книга книги книге параграф урок лекция тема"
)


def cardinal(number: int, case: str = "nomn", gender: str = "masc") -> str:
    """``number`` in words, in a pymorphy case ("nomn", "gent"…) and gender ("masc", "femn", "neut")."""
    if number >= 10**15:
        return " ".join(cardinal(int(d)) for d in str(number))
    return _N2W.to_cardinal(number, case=_CASE_CODE[case], gender=_GENDER_CODE[gender], animate=False)


def ordinal(number: int, case: str = "nomn", gender: str = "masc", plural: bool = False) -> str:
    """``number`` as an ordinal ("двадцать первого") in that case, gender and number."""
    if number >= 10**15 or number == 0:
        return cardinal(number, case, gender)
    return _N2W.to_ordinal(number, case=_CASE_CODE[case], gender=_GENDER_CODE[gender], plural=plural, animate=False)


#: Endings of "целая" and of "десятая", "сотая"… after one (1, 21…) and after other numbers, by case.
_FRACTION_ENDINGS = {
    "nomn": ("ая", "ых"),
    "gent": ("ой", "ых"),
    "datv": ("ой", "ым"),
    "accs": ("ую", "ых"),
    "ablt": ("ой", "ыми"),
    "loct": ("ой", "ых"),
}


def decimal(whole: int, fraction: str, case: str = "nomn") -> str:
    """``whole,fraction`` in words, in a case: "2,8" → "две целых восемь десятых" (gent: "двух целых восьми десятых")."""
    places = len(fraction)
    if places > 4:
        return f"{cardinal(whole, case)} запятая {' '.join(cardinal(int(d)) for d in fraction)}"
    part = int(fraction)
    denominators = ["десят", "сот", "тысячн", "десятитысячн"]
    number_case = "nomn" if case == "accs" else case
    whole_word = "цел" + _FRACTION_ENDINGS[case][_class(whole) != "one"]
    part_word = denominators[places - 1] + _FRACTION_ENDINGS[case][_class(part) != "one"]
    said_whole = cardinal(whole, number_case, "femn").replace("ноля", "нуля").replace("нолю", "нулю")
    if case == "accs" and _class(whole) == "one":
        said_whole = said_whole.removesuffix("одна") + "одну"
    said_part = cardinal(part, number_case, "femn")
    if case == "accs" and _class(part) == "one":
        said_part = said_part.removesuffix("одна") + "одну"
    return f"{said_whole} {whole_word} {said_part} {part_word}"


def _class(number: int) -> str:
    """The agreement class of a number: "one" (1, 21…), "few" (2–4, 22…), "many"."""
    if number % 10 == 1 and number % 100 != 11:
        return "one"
    if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        return "few"
    return "many"


def _noun_parses(words: list[str]) -> list:
    """The noun analyses of the first noun among ``words`` (adjectives before it skipped)."""
    for word in words:
        parses = analyses(word)
        if parses and parses[0].tag.POS in ("ADJF", "PRTF"):
            continue
        nouns = [p for p in parses if p.tag.POS == "NOUN" and p.score > 0.01]
        common = [p for p in nouns if not {"Name", "Surn", "Patr"} & p.tag.grammemes]
        if nouns:
            return common or nouns
        if not any(p.tag.POS in ("ADJF", "PRTF") for p in parses):
            return []
    return []


def _agreement(number: int, words: list[str], before: str) -> tuple[str, str]:
    """The case and gender a cardinal takes from the noun after it and the preposition before."""
    kind = _class(number)
    nouns = _noun_parses(words)
    gender = next((p.tag.gender for p in nouns if p.tag.gender in _GENDER_CODE), "masc")
    fits: list[str] = []
    for parse in nouns:
        case, plural = case_of(parse.tag), parse.tag.number == "plur"
        if "Fixd" in parse.tag:
            continue
        if kind == "one" and not plural:
            fits.append(case)
        elif kind != "one":
            if plural and case in ("datv", "ablt", "loct"):
                fits.append(case)
            if kind == "few" and not plural and case == "gent":
                fits.append("nomn")
            if plural and case == "gent":
                fits += ["nomn", "gent"] if kind == "many" else ["gent"]
    wanted = PREPOSITIONS.get(before, [])
    for case in wanted:
        if case in fits or (case == "accs" and "nomn" in fits and kind != "one"):
            return ("nomn" if case == "accs" and kind != "one" else case), gender
    if fits:
        return fits[0], gender  # the likeliest reading of the noun
    return next((c for c in wanted if c in ("gent", "datv")), "nomn"), gender


def _agree_noun(lemma: str, number: int, case: str) -> str:
    """``lemma`` in the form that follows ``number`` in ``case`` ("5", "тысяча" → тысяч)."""
    parse = noun(lemma)
    if "Fixd" in parse.tag or lemma in INDECLINABLE:
        return lemma
    if lemma == "человек" and case in ("nomn", "accs", "gent") and _class(number) != "one":
        return "человека" if _class(number) == "few" and case != "gent" else "человек"  # not "людей"
    if case == "accs" and _class(number) == "one":
        return inflect(lemma, "accs")  # "одну тысячу"
    if case in ("nomn", "accs"):
        form = parse.make_agree_with_number(number)
        return form.word if form else lemma
    return inflect(lemma, case, _class(number) != "one")


def _gender(lemma: str) -> str:
    gender = noun(lemma).tag.gender
    return gender if gender in _GENDER_CODE else "masc"


def _number(match: re.Match, context: Context) -> str:
    written, fraction, unit = match.groups()
    number = to_int(written)
    before = _governing(context.word_before(match.start()))
    after = context.words_after(match.end(), 3)
    if unit:
        lemma = _UNITS[unit]
        if fraction:
            return f"{decimal(number, fraction, _decimal_case(before, after))} {inflect(lemma, 'gent')}"
        money = lemma in ("тенге", "доллар", "евро", "рубль")
        case = "accs" if money and before in ("в", "во") else _unit_case(before)  # "обошлась в 500 тг."
        return f"{cardinal(number, case, _gender(lemma))} {_agree_noun(lemma, number, case)}"
    if fraction:
        return decimal(number, fraction, _decimal_case(before, after))
    day_of = bool(after) and after[0] in MONTHS
    range_of = after[:1] in (["по"], ["до"]) and len(after) == 3 and after[1].isdigit() and after[2] in MONTHS
    if (day_of or range_of) and 1 <= number <= 31:
        if "gent" in PREPOSITIONS.get(before, []) or before in ("с", "со"):
            case = "gent"
        elif before in ("к", "ко"):
            case = "datv"
        elif before in PREPOSITIONS or range_of:
            case = "nomn"
        else:
            rest = re.sub(r"^ \w+(?: \d{4}(?: ?года| ?г\.)?)?", "", context.text[match.end() :], count=1)
            case = _date_case(context, match.start(), rest)
        return ordinal(number, case, "neut")
    case, gender = _agreement(number, after, before)
    return cardinal(number, case, gender)


#: Verbs whose object is in the genitive ("достиг 8,4 тыс." → восьми целых четырёх десятых).
_GENITIVE_VERBS = {"достигнуть", "достичь", "достигать"}


def _governing(before: str) -> str:
    """The word before a number, with a verb that asks the genitive put as a preposition that does."""
    if before and any(p.tag.POS in ("VERB", "INFN") and p.normal_form in _GENITIVE_VERBS for p in analyses(before)[:2]):
        return "до"
    return before


def _unit_case(before: str) -> str:
    """The case of a quantity with a unit: its preposition's, or the accusative after a transitive
    verb ("составляет 1 000 ₸" → одну тысячу)."""
    if before in PREPOSITIONS:
        return "accs" if PREPOSITIONS[before][0] == "accs" else prep_case(before)
    parse = analyses(before)[0] if before else None
    if parse is not None and parse.tag.POS == "VERB" and "tran" in parse.tag:
        return "accs"
    return "nomn"


def _decimal_case(before: str, after: list[str]) -> str:
    """The case of a decimal: the one its preposition asks ("более 2,8" → gent), else the nominative."""
    if before in ("в", "во") and after[:1] in (["раза"], ["раз"]):
        return "accs"  # "в 2,5 раза"
    if PREPOSITIONS.get(before, [""])[0] == "accs":
        return "accs"  # "на 1,3 млн" → на одну целую три десятых
    return prep_case(before)


#: Words before a date that leave it in the nominative ("Сегодня 9 мая").
_DATE_NAMING = {"сегодня", "завтра", "вчера", "дата", "это", "был", "была", "было"}


def _date_case(context: Context, start: int, rest: str) -> str:
    """The case of a date with no preposition (``rest``: the text after it): the genitive of "when"
    ("8 июня состоялась" → восьмого), the nominative where the date is named: alone, before a
    dash, after a colon or "сегодня"."""
    before_text = context.text[:start].rstrip()
    if context.word_before(start) in _DATE_NAMING or before_text.endswith(":"):
        return "nomn"
    if re.match(r"\s*[—–-]", rest) or (not before_text and re.match(r"\s*[.!]?\s*$", rest)):
        return "nomn"  # "8 июня — встреча с читателями", a heading "1 сентября"
    return "gent"


_SCALES = {"млн": "миллион", "млрд": "миллиард", "тыс.": "тысяча", "трлн": "триллион"}


def _currency_first(match: re.Match, context: Context) -> str:
    sign, written, fraction, scale = match.groups()
    number = to_int(written)
    lemma = _UNITS[sign]
    before = _governing(context.word_before(match.start()))
    case = "accs" if before in ("в", "во") else _unit_case(before)  # "грант в $5 000": an accusative
    if scale:
        scale_lemma = _SCALES[scale]
        if fraction:
            said = f"{decimal(number, fraction, case)} {inflect(scale_lemma, 'gent')}"
        else:
            said = f"{cardinal(number, case, _gender(scale_lemma))} {_agree_noun(scale_lemma, number, case)}"
        return f"{said} {inflect(lemma, 'gent', True)}"
    if fraction:
        return f"{decimal(number, fraction, case)} {inflect(lemma, 'gent')}"
    return f"{cardinal(number, case, _gender(lemma))} {_agree_noun(lemma, number, case)}"


_YEAR_WORDS = {
    "год": ("nomn", False),
    "года": ("gent", False),
    "году": ("loct", False),
    "годом": ("ablt", False),
    "годы": ("nomn", True),
    "годов": ("gent", True),
    "годах": ("loct", True),
    "годам": ("datv", True),
    "годами": ("ablt", True),
}


def _year(match: re.Match, context: Context) -> str:
    first, dash, second, word = match.groups()
    before = context.word_before(match.start())
    if word in ("г.", "гг."):
        plural = word == "гг." or bool(second)
        case = prep_case(before, "gent" if before in MONTHS else "nomn")
        if before not in PREPOSITIONS and before not in MONTHS:
            case = noun_case(context, match.start(), "год")  # "итоги 2023 г." → года
        word = inflect("год", case, plural)
    elif word == "году" and before in ("к", "ко", "по"):
        case, plural = "datv", False
    else:
        case, plural = _YEAR_WORDS[word.lower()]
    said = ordinal(int(first), case)
    if second:
        end = int(first[: len(first) - len(second)] + second) if len(second) < len(first) else int(second)
        said += f" — {ordinal(end, case)}"
    return f"{said} {word}"


def _grade(match: re.Match, context: Context) -> str | None:
    """ "5 класса", "учащиеся 5-7 классов": school grades are ordinals; "5 классов" alone is a count."""
    first, second, word = match.groups()
    parse = next((p for p in analyses(word) if p.tag.POS == "NOUN"), None)
    if parse is None or int(first) > 11 or (second and int(second) > 11):
        return None
    plural = parse.tag.number == "plur"
    if plural and not second:
        return None
    said = ordinal(int(first), case_of(parse.tag), "masc", plural)
    if second:
        said += f" — {ordinal(int(second), case_of(parse.tag), 'masc', plural)}"
    return f"{said} {word}"


def _day_range(match: re.Match, context: Context) -> str:
    """ "3–10 июня": both days ordinals, in the case a date takes there."""
    first, second, month = match.groups()
    before = context.word_before(match.start())
    if before in PREPOSITIONS:
        case = "gent" if "gent" in PREPOSITIONS[before] or before in ("с", "со") else prep_case(before)
    else:
        case = _date_case(context, match.start(), context.text[match.end() :])
    return f"{ordinal(int(first), case, 'neut')} — {ordinal(int(second), case, 'neut')} {month}"


def _academic_year(match: re.Match, context: Context) -> str:
    """ "2023-2024 учебном году": both years ordinals in the case of "году"."""
    first, second, adjective, word = match.groups()
    case, plural = _YEAR_WORDS[word.lower()]
    return f"{ordinal(int(first), case)} — {ordinal(int(second), case)} {adjective} {word}"


def _time(match: re.Match, context: Context) -> str:
    """ "9:00", "с 10:30": the hour and the minutes in the case of the preposition ("с девяти ноль-ноль")."""
    hour, minutes = match.groups()
    before = context.word_before(match.start())
    case = "gent" if before in ("с", "со") else prep_case(before)
    case = "nomn" if case == "loct" else case  # "в 10:00": an accusative
    said = cardinal(int(hour), case)
    if minutes == "00":
        return f"{said} ноль-ноль"
    if minutes[0] == "0":
        return f"{said} ноль {cardinal(int(minutes[1]))}"
    return f"{said} {cardinal(int(minutes), case)}"


def _date(match: re.Match, context: Context) -> str | None:
    day, month, year = (int(g) for g in match.groups()[:3])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    before = context.word_before(match.start())
    if before in PREPOSITIONS:
        case = prep_case(before)
        case = "nomn" if case == "loct" else case
    else:
        case = _date_case(context, match.start(), context.text[match.end() :])
    return f"{ordinal(day, case, 'neut')} {MONTHS[month - 1]} {ordinal(year, 'gent')} года"


_ORDINAL_FORMS = {
    ("й", "ый", "ий"): [("nomn", "masc", False)],
    ("ой",): [
        ("nomn", "masc", False),
        ("gent", "femn", False),
        ("datv", "femn", False),
        ("ablt", "femn", False),
        ("loct", "femn", False),
    ],
    ("я", "ая", "ья"): [("nomn", "femn", False)],
    ("е", "ое", "ье"): [("nomn", "neut", False), ("nomn", "masc", True)],
    ("ые", "ьи"): [("nomn", "masc", True)],
    ("го", "ого"): [("gent", "masc", False), ("gent", "neut", False)],
    ("му", "ому"): [("datv", "masc", False), ("datv", "neut", False)],
    ("м", "ым", "ом"): [
        ("ablt", "masc", False),
        ("loct", "masc", False),
        ("loct", "neut", False),
        ("ablt", "neut", False),
        ("datv", "masc", True),
    ],
    ("х", "ых"): [("gent", "masc", True), ("loct", "masc", True)],
    ("ми", "ыми"): [("ablt", "masc", True)],
    ("ю", "ую"): [("accs", "femn", False)],
}


_ORDINAL_ENDINGS = {ending: forms for endings, forms in _ORDINAL_FORMS.items() for ending in endings}


def _ordinal_suffix(match: re.Match, context: Context) -> str:
    written, ending = match.groups()
    forms = _ORDINAL_ENDINGS[ending]
    choice = _pick_form(forms, context.words_after(match.end()), context.word_before(match.start()))
    return ordinal(to_int(written), *choice)


def _pick_form(forms: list[tuple[str, str, bool]], after: list[str], before: str) -> tuple[str, str, bool]:
    """The (case, gender, plural) among ``forms`` that the next noun or the preposition points to."""
    for parse in _noun_parses(after):
        for case, gender, plural in forms:
            if (
                case_of(parse.tag) == case
                and (parse.tag.number == "plur") == plural
                and (plural or parse.tag.gender == gender)
            ):
                return case, gender, plural
    for wanted in PREPOSITIONS.get(before, []):
        for form in forms:
            if form[0] == wanted:
                return form
    return forms[0]


def _century(match: re.Match, context: Context) -> str | None:
    first, second, word = match.groups()
    start, end = roman_value(first), roman_value(second) if second else None
    if start is None or (second and end is None):
        return None
    before = context.word_before(match.start())
    if word in ("в.", "вв."):
        plural = word == "вв." or bool(second)
        case = prep_case(before, "nomn") if before in PREPOSITIONS else noun_case(context, match.start(), "век")
        word = inflect("век", case, plural)
    else:
        parse = analyses(word.lower())[0]
        case, plural = case_of(parse.tag), parse.tag.number == "plur"
    said = ordinal(start, case)
    if second:
        said += f" — {ordinal(end, case)}"
    return f"{said} {word}"


def _chapter(match: re.Match, context: Context) -> str | None:
    word, written = match.groups()
    number = int(written) if written.isdigit() else roman_value(written)
    if number is None:
        return None
    nouns = [p for p in analyses(word.lower()) if p.tag.POS == "NOUN" and p.tag.gender in _GENDER_CODE]
    if not nouns:
        return None
    parse = next((p for p in nouns if p.tag.animacy == "inan"), nouns[0])
    return f"{word} {ordinal(number, case_of(parse.tag), parse.tag.gender)}"


def _ruler(match: re.Match, context: Context) -> str | None:
    name, written = match.groups()
    number = roman_value(written)
    parse = next((p for p in analyses(name.lower()) if "Name" in p.tag and p.tag.gender in _GENDER_CODE), None)
    if number is None or parse is None:
        return None
    return f"{name} {ordinal(number, case_of(parse.tag), parse.tag.gender)}"


def _compound(match: re.Match, context: Context) -> str | None:
    """A number joined to a word ("175-летию" → стасемидесятипятилетию, "2-х" → двух)."""
    written, ending = match.groups()
    number = to_int(written)
    if ending in ("х", "ми", "мя"):
        # "2-х", "7-ми", "2-мя" are cardinals; "1990-х", "5-ми" the endings of ordinals
        last = {"х": "234", "ми": "78", "мя": "234"}[ending]
        if number >= 100 or str(number)[-1] not in last or 11 <= number <= 19:
            return None
    if ending == "ю":  # "с 5-ю книгами" → пятью; "на 5-ю страницу" is an ordinal
        plural_ablt = any(
            case_of(p.tag) == "ablt" and p.tag.number == "plur" for p in _noun_parses(context.words_after(match.end()))
        )
        return cardinal(number, "ablt") if plural_ablt else None
    if ending in ("х", "ти", "ми"):
        return cardinal(number, "gent")
    if ending == "мя":
        return cardinal(number, "ablt")
    return _compound_stem(number) + ending


def _compound_stem(number: int) -> str:
    """The first part of a compound word with a number: the genitive, joined ("пяти", "двух")."""
    special = {1: "одно", 90: "девяносто", 100: "сто", 1000: "тысяче"}
    if number in special:
        return special[number]
    words = cardinal(number, "gent").split()
    if words[-1] == "девяноста":
        words[-1] = "девяносто"
    return "".join(words)


def _roman_before_noun(match: re.Match, context: Context) -> str | None:
    """A Roman numeral before a noun it counts ("в IV квартале" → четвёртом)."""
    written, word = match.groups()
    number = roman_value(written)
    if number is None or (len(written) == 1 and written not in "IVXІХ"):
        return None  # a lone Latin C, M, L, D is a mistyped Cyrillic letter ("C Новым годом")
    first = analyses(word.lower())[0]
    if first.tag.POS in ("ADJF", "PRTF") and first.tag.case:  # "ІІІ Международном форуме"
        plural = first.tag.number == "plur"
        gender = first.tag.gender if first.tag.gender in _GENDER_CODE else "masc"
        return f"{ordinal(number, case_of(first.tag), gender, plural)} {word}"
    nouns = [p for p in analyses(word.lower()) if p.tag.POS == "NOUN" and p.tag.gender in _GENDER_CODE]
    if not nouns:
        return None
    parse = nouns[0]
    return f"{ordinal(number, case_of(parse.tag), parse.tag.gender)} {word}"


def _number_sign(match: re.Match, context: Context) -> str:
    signs, written = match.groups()
    return ("номера " if len(signs) > 1 else "номер ") + cardinal(to_int(written))


def rules() -> list[Rule]:
    """The Russian rules, most specific first."""
    roman = f"[{ROMAN_LETTERS}]+"
    return [
        rule(r"(?<![\w.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)(?: ?(?:г\.|года)(?!\w))?", _date),
        rule(
            r"(?<![\w.,])(\d{3,4})(?:( ?[–—-] ?)(\d{2,4}))? ?(гг\.|г\.|(?i:годами|годах|годам|годов|годы|года|году|годом|год))(?!\w)",
            _year,
        ),
        rule(r"(№+) ?(\d+)", _number_sign),
        rule(r"(?<![\w.,:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])", _time),
        rule(rf"(?<![\w.,])([0-3]?\d) ?[–—-] ?([0-3]?\d) ({'|'.join(MONTHS)})(?!\w)", _day_range),
        rule(
            r"(?<![\w.,])(\d{1,2})(?: ?[–—-] ?(\d{1,2}))? (класс|класса|классе|классу|классом|классы|классов|классах|классам|классами)(?!\w)",
            _grade,
        ),
        rule(r"(?<!\w)([Вв]) (?=(?:2-(?:ом|ой|м|й|е|ю)|[IІ]{2}) |2 класс)", lambda m, c: m.group(1) + "о "),
        rule(
            r"(?<![\w.,])(\d{4}) ?[–—-] ?(\d{4}) (учебн\w+|отчётн\w+|отчетн\w+) (годами|годах|годам|годов|годы|года|году|годом|год)(?!\w)",
            _academic_year,
        ),
        rule(
            r"(?<![\w.,])(\d+)-(х|ти|ми|мя|ю|(?:лети|летн|дневн|процентн|томн|месячн|часов|этажн|тысячн|минутн|недельн)\w*)(?!\w)",
            _compound,
        ),
        rule(
            r"(?<![\w.,])(\d+)-(ыми|ого|ому|ый|ий|ой|ая|ое|ые|ым|ом|ых|ую|ья|ье|ьи|й|я|е|го|му|м|х|ми|ю)(?!\w)",
            _ordinal_suffix,
        ),
        rule(
            rf"(?<![\w.])({roman})(?: ?[–—-] ?({roman}))? ?((?i:века|веке|веку|веком|веков|веках|векам|век)|вв\.|в\.)(?!\w)",
            _century,
        ),
        rule(rf"(?<!\w)((?i:{'|'.join(_CHAPTER_WORDS.split())})) (\d+|{roman})(?!\w|\.\d)", _chapter),
        rule(r"(?<!\w)([А-ЯЁ][а-яё]+) ([IVXІХ]+)(?!\w)", _ruler),
        rule(rf"(?<![\w.])({roman}) ([А-ЯЁа-яё][а-яё]+)", _roman_before_noun),
        rule(rf"([$€₽₸]) ?({NUMBER})(?:,(\d+))?(?!\d)(?: ?(млн|млрд|трлн|тыс\.)(?!\w))?", _currency_first),
        *ru_words.rules(),
        rule(rf"(?<!\w)(?<!\d[.,])({NUMBER})(?:,(\d+))?(?!\d)(?: ?({_UNIT}))?", _number),
        rule(r"(?<=\w)( ?)([$€₽₸])(?! ?\d)", lambda m, c: " " + inflect(_UNITS[m.group(2)], "gent", True)),
        roman_rule(cardinal),
    ]
