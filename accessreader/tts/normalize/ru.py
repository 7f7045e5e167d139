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
and acronyms become words in the case their preposition or the noun before asks
for ("в г. Алматы" → в городе Алматы, "Закон РК" → Закон Республики Казахстан);
other capital words are spelled ("ЦГДБ" → цэ-гэ-дэ-бэ).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pymorphy3
from num2words.lang_RU import Num2Word_RU

from .common import (
    ACRONYM,
    NUMBER,
    ROMAN_LETTERS,
    Context,
    Handler,
    Rule,
    abbreviation_pattern,
    roman_rule,
    roman_value,
    rule,
    shouting,
    spell_acronym,
    to_int,
)

_N2W = Num2Word_RU()
_CASE_CODE = {"nomn": "n", "gent": "g", "datv": "d", "accs": "a", "ablt": "i", "loct": "p"}
_GENDER_CODE = {"masc": "m", "femn": "f", "neut": "n"}
_CASE_ALIAS = {"loc2": "loct", "gen2": "gent", "gen1": "gent", "acc2": "accs", "voct": "nomn"}

_PREPOSITIONS = {
    **dict.fromkeys(
        "из от до без для около у после кроме свыше более менее против среди вокруг возле вместо ради "
        "из-за начиная порядка ок больше меньше размере объёме объеме количестве сумме".split(),
        ["gent"],
    ),
    **dict.fromkeys("к ко по согласно благодаря".split(), ["datv"]),
    **dict.fromkeys("с со".split(), ["gent", "ablt"]),
    **dict.fromkeys("за под над между перед".split(), ["ablt", "accs"]),
    **dict.fromkeys("в во".split(), ["loct", "accs"]),
    "на": ["accs", "loct"],  # "на 2%", "на 5 лет": a quantity after "на" is mostly a measure
    **dict.fromkeys("о об обо при".split(), ["loct"]),
    **dict.fromkeys("про через сквозь".split(), ["accs"]),
}
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

#: Abbreviations: fixed words, or "=lemma" for a noun put in the case its preposition asks for.
_ABBREVIATIONS = {
    "в т. ч.": "в том числе",
    "в.т.ч.": "в том числе",
    "и пр.": "и прочее",
    "кол-во": "количество",
    "уч-ся": "учащихся",
    "р-н": "район",
    "б-ка": "библиотека",
    "б-ки": "библиотеки",
    "б-ке": "библиотеке",
    "б-ку": "библиотеку",
    "каз. яз.": "*казахский язык",
    "рус. яз.": "*русский язык",
    "англ. яз.": "*английский язык",
    "тел.": "=телефон",
    "кв.": "=квартира",
    "мкр.": "=микрорайон",
    "корп.": "=корпус",
    "т. е.": "то есть",
    "т. д.": "так далее",
    "т. п.": "тому подобное",
    "т. к.": "так как",
    "т. н.": "так называемый",
    "т. о.": "таким образом",
    "до н. э.": "до нашей эры",
    "н. э.": "нашей эры",
    "и др.": "и другие",
    "др.": "другие",
    "им.": "имени",
    "напр.": "например",
    "см.": "смотри",
    "ул.": "=улица",
    "г.": "=город",
    "гг.": "годы",
    "стр.": "=страница",
    "рис.": "=рисунок",
    "табл.": "=таблица",
    "гл.": "=глава",
    "ч.": "=часть",
    "проф.": "=профессор",
    "акад.": "=академик",
    "обл.": "=область",
    "пос.": "=посёлок",
    "просп.": "=проспект",
    "тыс.": "тысяч",
    "млн": "миллионов",
    "млрд": "миллиардов",
    "экз.": "экземпляров",
    "руб.": "рублей",
    "коп.": "копеек",
}
_PLACE_ABBREVIATIONS = {"г.": "город", "пос.": "посёлок"}
_CHAPTER_WORDS = (
    "глава главе главы главу главой часть части частью том тома томе раздел раздела разделе "
    "книга книги книге параграф урок лекция тема"
)


@lru_cache(maxsize=1)
def _morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=8192)
def _parse(word: str) -> tuple:
    """pymorphy3's analyses of ``word``, remembered: books repeat their nouns."""
    return tuple(_morph().parse(word))


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
        parses = _parse(word)
        if parses and parses[0].tag.POS in ("ADJF", "PRTF"):
            continue
        nouns = [p for p in parses if p.tag.POS == "NOUN" and p.score > 0.01]
        common = [p for p in nouns if not {"Name", "Surn", "Patr"} & p.tag.grammemes]
        if nouns:
            return common or nouns
        if not any(p.tag.POS in ("ADJF", "PRTF") for p in parses):
            return []
    return []


def _case(tag) -> str:
    return _CASE_ALIAS.get(tag.case, tag.case or "nomn")


def _agreement(number: int, words: list[str], before: str) -> tuple[str, str]:
    """The case and gender a cardinal takes from the noun after it and the preposition before."""
    kind = _class(number)
    nouns = _noun_parses(words)
    gender = next((p.tag.gender for p in nouns if p.tag.gender in _GENDER_CODE), "masc")
    fits: list[str] = []
    for parse in nouns:
        case, plural = _case(parse.tag), parse.tag.number == "plur"
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
    wanted = _PREPOSITIONS.get(before, [])
    for case in wanted:
        if case in fits or (case == "accs" and "nomn" in fits and kind != "one"):
            return ("nomn" if case == "accs" and kind != "one" else case), gender
    if fits:
        return fits[0], gender  # the likeliest reading of the noun
    return next((c for c in wanted if c in ("gent", "datv")), "nomn"), gender


def _prep_case(before: str, default: str = "nomn") -> str:
    """The case a preposition asks of a number read without a noun to agree with."""
    if _PREPOSITIONS.get(before, [""])[0] == "accs":
        return "nomn"  # an inanimate accusative reads as the nominative
    return next((c for c in _PREPOSITIONS.get(before, []) if c in ("gent", "datv", "loct")), default)


#: Nouns that never change (pymorphy guesses forms for some of them).
_INDECLINABLE = {"тенге", "евро"}


def _noun(lemma: str):
    """pymorphy3's analysis of ``lemma`` as a noun in its dictionary form, else its likeliest one."""
    parses = _parse(lemma)
    return next((p for p in parses if p.tag.POS == "NOUN" and p.normal_form == lemma), parses[0])


@lru_cache(maxsize=512)
def _inflect(lemma: str, case: str, plural: bool = False) -> str:
    if lemma in _INDECLINABLE:
        return lemma
    parse = _noun(lemma)
    if lemma == "год" and case == "loct" and not plural:
        case = "loc2"  # в году, not в годе
    form = parse.inflect({case, "plur" if plural else "sing"})
    return form.word if form else lemma


def _agree_noun(lemma: str, number: int, case: str) -> str:
    """``lemma`` in the form that follows ``number`` in ``case`` ("5", "тысяча" → тысяч)."""
    parse = _noun(lemma)
    if "Fixd" in parse.tag or lemma in _INDECLINABLE:
        return lemma
    if lemma == "человек" and case in ("nomn", "accs", "gent") and _class(number) != "one":
        return "человека" if _class(number) == "few" and case != "gent" else "человек"  # not "людей"
    if case == "accs" and _class(number) == "one":
        return _inflect(lemma, "accs")  # "одну тысячу"
    if case in ("nomn", "accs"):
        form = parse.make_agree_with_number(number)
        return form.word if form else lemma
    return _inflect(lemma, case, _class(number) != "one")


def _gender(lemma: str) -> str:
    gender = _noun(lemma).tag.gender
    return gender if gender in _GENDER_CODE else "masc"


def _number(match: re.Match, context: Context) -> str:
    written, fraction, unit = match.groups()
    number = to_int(written)
    before = _governing(context.word_before(match.start()))
    after = context.words_after(match.end(), 3)
    if unit:
        lemma = _UNITS[unit]
        if fraction:
            return f"{decimal(number, fraction, _decimal_case(before, after))} {_inflect(lemma, 'gent')}"
        money = lemma in ("тенге", "доллар", "евро", "рубль")
        case = "accs" if money and before in ("в", "во") else _unit_case(before)  # "обошлась в 500 тг."
        return f"{cardinal(number, case, _gender(lemma))} {_agree_noun(lemma, number, case)}"
    if fraction:
        return decimal(number, fraction, _decimal_case(before, after))
    day_of = bool(after) and after[0] in MONTHS
    range_of = after[:1] in (["по"], ["до"]) and len(after) == 3 and after[1].isdigit() and after[2] in MONTHS
    if (day_of or range_of) and 1 <= number <= 31:
        if "gent" in _PREPOSITIONS.get(before, []) or before in ("с", "со"):
            case = "gent"
        elif before in ("к", "ко"):
            case = "datv"
        elif before in _PREPOSITIONS or range_of:
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
    if before and any(p.tag.POS in ("VERB", "INFN") and p.normal_form in _GENITIVE_VERBS for p in _parse(before)[:2]):
        return "до"
    return before


def _unit_case(before: str) -> str:
    """The case of a quantity with a unit: its preposition's, or the accusative after a transitive
    verb ("составляет 1 000 ₸" → одну тысячу)."""
    if before in _PREPOSITIONS:
        return "accs" if _PREPOSITIONS[before][0] == "accs" else _prep_case(before)
    parse = _parse(before)[0] if before else None
    if parse is not None and parse.tag.POS == "VERB" and "tran" in parse.tag:
        return "accs"
    return "nomn"


def _decimal_case(before: str, after: list[str]) -> str:
    """The case of a decimal: the one its preposition asks ("более 2,8" → gent), else the nominative."""
    if before in ("в", "во") and after[:1] in (["раза"], ["раз"]):
        return "accs"  # "в 2,5 раза"
    if _PREPOSITIONS.get(before, [""])[0] == "accs":
        return "accs"  # "на 1,3 млн" → на одну целую три десятых
    return _prep_case(before)


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
            said = f"{decimal(number, fraction, case)} {_inflect(scale_lemma, 'gent')}"
        else:
            said = f"{cardinal(number, case, _gender(scale_lemma))} {_agree_noun(scale_lemma, number, case)}"
        return f"{said} {_inflect(lemma, 'gent', True)}"
    if fraction:
        return f"{decimal(number, fraction, case)} {_inflect(lemma, 'gent')}"
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
        case = _prep_case(before, "gent" if before in MONTHS else "nomn")
        if before not in _PREPOSITIONS and before not in MONTHS:
            case = _noun_case(context, match.start(), "год")  # "итоги 2023 г." → года
        word = _inflect("год", case, plural)
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
    parse = next((p for p in _parse(word) if p.tag.POS == "NOUN"), None)
    if parse is None or int(first) > 11 or (second and int(second) > 11):
        return None
    plural = parse.tag.number == "plur"
    if plural and not second:
        return None
    said = ordinal(int(first), _case(parse.tag), "masc", plural)
    if second:
        said += f" — {ordinal(int(second), _case(parse.tag), 'masc', plural)}"
    return f"{said} {word}"


def _day_range(match: re.Match, context: Context) -> str:
    """ "3–10 июня": both days ordinals, in the case a date takes there."""
    first, second, month = match.groups()
    before = context.word_before(match.start())
    if before in _PREPOSITIONS:
        case = "gent" if "gent" in _PREPOSITIONS[before] or before in ("с", "со") else _prep_case(before)
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
    case = "gent" if before in ("с", "со") else _prep_case(before)
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
    if before in _PREPOSITIONS:
        case = _prep_case(before)
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
                _case(parse.tag) == case
                and (parse.tag.number == "plur") == plural
                and (plural or parse.tag.gender == gender)
            ):
                return case, gender, plural
    for wanted in _PREPOSITIONS.get(before, []):
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
        case = _prep_case(before, "nomn") if before in _PREPOSITIONS else _noun_case(context, match.start(), "век")
        word = _inflect("век", case, plural)
    else:
        parse = _parse(word.lower())[0]
        case, plural = _case(parse.tag), parse.tag.number == "plur"
    said = ordinal(start, case)
    if second:
        said += f" — {ordinal(end, case)}"
    return f"{said} {word}"


def _chapter(match: re.Match, context: Context) -> str | None:
    word, written = match.groups()
    number = int(written) if written.isdigit() else roman_value(written)
    if number is None:
        return None
    nouns = [p for p in _parse(word.lower()) if p.tag.POS == "NOUN" and p.tag.gender in _GENDER_CODE]
    if not nouns:
        return None
    parse = next((p for p in nouns if p.tag.animacy == "inan"), nouns[0])
    return f"{word} {ordinal(number, _case(parse.tag), parse.tag.gender)}"


def _ruler(match: re.Match, context: Context) -> str | None:
    name, written = match.groups()
    number = roman_value(written)
    parse = next((p for p in _parse(name.lower()) if "Name" in p.tag and p.tag.gender in _GENDER_CODE), None)
    if number is None or parse is None:
        return None
    return f"{name} {ordinal(number, _case(parse.tag), parse.tag.gender)}"


def _abbreviation(words: str) -> Handler:
    def say(match: re.Match, context: Context) -> str:
        if words.startswith("*"):
            return _inflect_phrase(words[1:], _noun_case(context, match.start()))
        if not words.startswith("="):
            return words
        said = _inflect(words[1:], _noun_case(context, match.start()))
        return said.capitalize() if match.group()[0].isupper() else said

    return say


#: The case a preposition asks of a noun (a place, an institution) after it.
_NOUN_CASES = {
    **dict.fromkeys("в во на о об обо при".split(), "loct"),
    **dict.fromkeys("к ко по согласно благодаря".split(), "datv"),
    **dict.fromkeys("с со за под над перед между".split(), "ablt"),
    **dict.fromkeys("про через см".split(), "accs"),
}
#: Abbreviations of places that follow a noun in the genitive ("Жители г. Балхаш" → города).
_PLACES = {"город", "посёлок", "село", "век", "год"}


def _noun_case(context: Context, position: int, lemma: str = "", owner: bool = False, gender: str | None = None) -> str:
    """The case of a noun at ``position`` from the word before it: its preposition's case, the
    genitive after a noun when ``owner`` ("Закон РК", "сотрудники ЦГБ"), the accusative after a
    transitive verb, else the nominative."""
    before = context.word_before(position)
    joined = re.search(r"(?<!\w)(\w+)\s+(?:и|или)\s+$", context.text[:position])
    if joined and owner and joined.group(1).isupper():  # "из РК и РФ": the case of the first
        return _noun_case(context, joined.start(1), lemma, owner, gender)
    if re.search(r"(?<!\w)(?i:см)\.\s*$", context.text[:position]):
        before = "см"  # "см. с. 12": see page twelve, an accusative
    if before in _NOUN_CASES:
        return _NOUN_CASES[before]
    if before in _PREPOSITIONS:
        return _prep_case(before)
    if not before or not (owner or lemma in _PLACES) or re.search(r"[.!?:;,]\s*$", context.text[:position]):
        return "nomn"
    parses = _parse(before)
    written = re.search(r"(\w+)[\s«\"(]*$", context.text[:position])
    if parses[0].tag.POS == "NOUN" or (written and len(written.group(1)) > 1 and written.group(1).isupper()):
        return "gent"  # "Закон РК", "ЦГДБ г. Балхаш"
    verb = parses[0].tag
    if owner and verb.POS == "VERB" and "tran" in verb:
        # "Конференцию организовала ЦГБ": the subject; "Читатели посетили ЦГБ": the object
        clause = re.split(r"[.!?;:]", context.text[:position])[-1].split()[:-1]
        if not _agrees(verb, gender) or any(_agrees(verb, p.tag.gender, p.tag) for p in _subjects(clause)):
            return "accs"
    return "nomn"


def _agrees(verb, gender: str | None, noun=None) -> bool:
    """Whether a verb form can have a singular noun of ``gender`` (or the noun ``noun``) as its subject."""
    number = noun.number if noun is not None else "sing"
    if verb.number and verb.number != number:
        return False
    return not (verb.gender and number == "sing" and gender and verb.gender != gender)


def _subjects(words: list[str]) -> list:
    """The analyses of the nouns in the nominative among ``words`` (the clause before a verb)."""
    parses = (_parse(word.strip('«»"(),').lower())[0] for word in words)
    return [p for p in parses if p.tag.POS == "NOUN" and p.tag.case == "nomn"]


def _inflect_phrase(phrase: str, case: str) -> str:
    """A noun phrase ("централизованная библиотечная система") put in ``case``; words after "|" stay."""
    head, _, tail = phrase.partition("|")
    said = []
    for word in head.split():
        parse = next((p for p in _parse(word.lower()) if p.tag.case == "nomn"), _parse(word.lower())[0])
        form = parse.inflect({case, "sing"})
        inflected = form.word if form else word
        said.append(inflected.capitalize() if word[0].isupper() else inflected)
    return " ".join(said + tail.split())


def _place(lemma: str) -> Handler:
    """An abbreviated place noun ("г.", "пос.") in the case of the words around it."""

    def say(match: re.Match, context: Context) -> str:
        first = re.search(r"(?<!\w)(?:г|пос|с)\.\s*[А-ЯЁ][\w-]*\s+(?:и|или)\s+$", context.text[: match.start()])
        position = first.start() if first else match.start()  # "из г. Астаны и г. Алматы": the case of the first
        said = _inflect(lemma, _noun_case(context, position, lemma))
        return said.capitalize() if match.group()[0].isupper() else said

    return say


def _page(match: re.Match, context: Context) -> str:
    """ "с. 45", "С. 12–15": a page or pages, in the case of the words before."""
    first, second = match.groups()
    case = _noun_case(context, match.start())
    if second:
        return f"{_inflect('страница', 'nomn', True)} {cardinal(int(first))} — {cardinal(int(second))}"
    return f"{_inflect('страница', case)} {cardinal(int(first))}"


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
            _case(p.tag) == "ablt" and p.tag.number == "plur" for p in _noun_parses(context.words_after(match.end()))
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


#: Acronyms said in full, in the case the sentence asks; "|" ends the words that change.
_ACRONYMS = {
    "РК": "Республика| Казахстан",
    "РФ": "Российская Федерация",
    "ЦБС": "централизованная библиотечная система",
    "ЦГБ": "центральная городская библиотека",
    "ЦРБ": "центральная районная библиотека",
    "ЦДБ": "центральная детская библиотека",
    "ОДБ": "областная детская библиотека",
    "ОУНБ": "областная универсальная научная библиотека",
    "ҚР": "Республика| Казахстан",
    "ВОВ": "Великая Отечественная война",
    "СОШ": "средняя общеобразовательная школа",
    "КГУ": "коммунальное государственное учреждение",
}
#: Acronyms spelled by custom rather than by the letter names.
_SPELLED = {"США": "сэ-шэ-а"}
#: Acronyms that are said as a word.
_SAID_AS_WORDS = {"СМИ", "ЮНЕСКО", "ООН", "НАТО", "ВУЗ", "МИД", "ГОСТ", "ТЮЗ", "ЮНИСЕФ", "ИФЛА", "АЛЖИР"}


def _acronym(match: re.Match, context: Context) -> str | None:
    """An all-capital word: its expansion, a word ("СМИ"), or its letter names ("цэ-гэ-дэ-бэ")."""
    word, ending = match.groups()
    if ending or set(word) <= set("ІХ") or shouting(context, {*_ACRONYMS, *_SAID_AS_WORDS}):
        return None
    if word in _ACRONYMS:
        phrase = _ACRONYMS[word]
        head = next(
            (p for w in phrase.split("|")[0].split() for p in _parse(w.lower())[:1] if p.tag.POS == "NOUN"), None
        )
        gender = head.tag.gender if head is not None else None
        return _inflect_phrase(phrase, _noun_case(context, match.start(), owner=True, gender=gender))
    if word in _SAID_AS_WORDS:
        return word.lower()
    return _SPELLED.get(word) or spell_acronym(word, "ru")


def _roman_before_noun(match: re.Match, context: Context) -> str | None:
    """A Roman numeral before a noun it counts ("в IV квартале" → четвёртом)."""
    written, word = match.groups()
    number = roman_value(written)
    if number is None or (len(written) == 1 and written not in "IVXІХ"):
        return None  # a lone Latin C, M, L, D is a mistyped Cyrillic letter ("C Новым годом")
    first = _parse(word.lower())[0]
    if first.tag.POS in ("ADJF", "PRTF") and first.tag.case:  # "ІІІ Международном форуме"
        plural = first.tag.number == "plur"
        gender = first.tag.gender if first.tag.gender in _GENDER_CODE else "masc"
        return f"{ordinal(number, _case(first.tag), gender, plural)} {word}"
    nouns = [p for p in _parse(word.lower()) if p.tag.POS == "NOUN" and p.tag.gender in _GENDER_CODE]
    if not nouns:
        return None
    parse = nouns[0]
    return f"{ordinal(number, _case(parse.tag), parse.tag.gender)} {word}"


def _number_sign(match: re.Match, context: Context) -> str:
    signs, written = match.groups()
    return ("номера " if len(signs) > 1 else "номер ") + cardinal(to_int(written))


def rules() -> list[Rule]:
    """The Russian rules, most specific first."""
    abbreviations = sorted(_ABBREVIATIONS.items(), key=lambda item: len(item[0]), reverse=True)
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
        rule(r"(?<!\w)[сС]\. ?(\d+)(?: ?[–—-] ?(\d+))?", _page),
        rule(rf"(?<!\w)(?<!\d[.,])({NUMBER})(?:,(\d+))?(?!\d)(?: ?({_UNIT}))?", _number),
        rule(r"(?<=\w)( ?)([$€₽₸])(?! ?\d)", lambda m, c: " " + _inflect(_UNITS[m.group(2)], "gent", True)),
        rule(r"(?<!\w)(?:[сС]\.)(?= ?[А-ЯЁ])", _place("село")),
        rule(r"(?<!\w)пр\.(?= ?[А-ЯЁ])", _abbreviation("=проспект")),
        rule(r"(?<!\w)д\.(?= ?\d)", _abbreviation("=дом")),
        rule(r"(?<!\w)([Тт])\.(?= ?\d)", lambda m, c: "Том" if m.group(1) == "Т" else "том"),
        rule(ACRONYM, _acronym),
        *(
            rule(
                abbreviation_pattern(written),
                _place(_PLACE_ABBREVIATIONS[written]) if written in _PLACE_ABBREVIATIONS else _abbreviation(words),
            )
            for written, words in abbreviations
        ),
        roman_rule(cardinal),
    ]
