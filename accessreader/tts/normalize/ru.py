"""Russian normalisation rules: numbers in words with case and gender agreement.

Numbers come from ``num2words`` (which inflects Russian numerals by case and
gender); the case and gender come from the words around the number, analysed
with ``pymorphy3``: the noun after it ("23 книгах" → двадцати трёх), else the
preposition before it ("из 5" → пяти).  Years and dates are ordinals ("2021
года" → две тысячи двадцать первого года); abbreviations become words in the
case their preposition asks for ("в г. Алматы" → в городе Алматы).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pymorphy3
from num2words.lang_RU import Num2Word_RU

from .common import NUMBER, Context, Handler, Rule, abbreviation_pattern, roman_rule, roman_value, rule, to_int

_N2W = Num2Word_RU()
_CASE_CODE = {"nomn": "n", "gent": "g", "datv": "d", "accs": "a", "ablt": "i", "loct": "p"}
_GENDER_CODE = {"masc": "m", "femn": "f", "neut": "n"}
_CASE_ALIAS = {"loc2": "loct", "gen2": "gent", "gen1": "gent", "acc2": "accs", "voct": "nomn"}

_PREPOSITIONS = {
    **dict.fromkeys(
        "из от до без для около у после кроме свыше более менее против среди вокруг возле вместо ради "
        "из-за начиная порядка ок больше меньше".split(),
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
    "т": "тонна",
    "л": "литр",
}
_UNIT = "|".join(re.escape(u) + (r"(?!\w)" if u[-1].isalpha() else "") for u in sorted(_UNITS, key=len, reverse=True))

#: Abbreviations: fixed words, or "=lemma" for a noun put in the case its preposition asks for.
_ABBREVIATIONS = {
    "в т. ч.": "в том числе",
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


def decimal(whole: int, fraction: str) -> str:
    """``whole,fraction`` in words: "2770,4" → "две тысячи семьсот семьдесят целых четыре десятых"."""
    places = len(fraction)
    if places > 4:
        return f"{cardinal(whole)} запятая {' '.join(cardinal(int(d)) for d in fraction)}"
    part = int(fraction)
    denominators = ["десят", "сот", "тысячн", "десятитысячн"]
    whole_word = "целая" if _class(whole) == "one" else "целых"
    part_word = denominators[places - 1] + ("ая" if _class(part) == "one" else "ых")
    return f"{cardinal(whole, gender='femn')} {whole_word} {cardinal(part, gender='femn')} {part_word}"


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


@lru_cache(maxsize=512)
def _inflect(lemma: str, case: str, plural: bool = False) -> str:
    if lemma in _INDECLINABLE:
        return lemma
    parse = _parse(lemma)[0]
    if lemma == "год" and case == "loct" and not plural:
        case = "loc2"  # в году, not в годе
    form = parse.inflect({case, "plur" if plural else "sing"})
    return form.word if form else lemma


def _agree_noun(lemma: str, number: int, case: str) -> str:
    """``lemma`` in the form that follows ``number`` in ``case`` ("5", "тысяча" → тысяч)."""
    parse = _parse(lemma)[0]
    if "Fixd" in parse.tag or lemma in _INDECLINABLE:
        return lemma
    if case in ("nomn", "accs"):
        form = parse.make_agree_with_number(number)
        return form.word if form else lemma
    return _inflect(lemma, case, _class(number) != "one")


def _gender(lemma: str) -> str:
    gender = _parse(lemma)[0].tag.gender
    return gender if gender in _GENDER_CODE else "masc"


def _number(match: re.Match, context: Context) -> str:
    written, fraction, unit = match.groups()
    number = to_int(written)
    before = context.word_before(match.start())
    if unit:
        lemma = _UNITS[unit]
        if fraction:
            return f"{decimal(number, fraction)} {_inflect(lemma, 'gent')}"
        case = _prep_case(before)
        return f"{cardinal(number, case, _gender(lemma))} {_agree_noun(lemma, number, case)}"
    if fraction:
        return decimal(number, fraction)
    after = context.words_after(match.end(), 3)
    day_of = bool(after) and after[0] in MONTHS
    range_of = after[:1] in (["по"], ["до"]) and len(after) == 3 and after[1].isdigit() and after[2] in MONTHS
    if (day_of or range_of) and 1 <= number <= 31:
        case = "gent" if "gent" in _PREPOSITIONS.get(before, []) else "datv" if before in ("к", "ко") else "nomn"
        return ordinal(number, case, "neut")
    case, gender = _agreement(number, after, before)
    return cardinal(number, case, gender)


def _currency_first(match: re.Match, context: Context) -> str:
    sign, written, fraction = match.groups()
    number = to_int(written)
    lemma = _UNITS[sign]
    if fraction:
        return f"{decimal(number, fraction)} {_inflect(lemma, 'gent')}"
    case = _prep_case(context.word_before(match.start()))
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
        word = _inflect("год", case, plural)
    elif word == "году" and before in ("к", "ко", "по"):
        case, plural = "datv", False
    else:
        case, plural = _YEAR_WORDS[word]
    said = ordinal(int(first), case)
    if second:
        end = int(first[: len(first) - len(second)] + second) if len(second) < len(first) else int(second)
        said += f" — {ordinal(end, case)}"
    return f"{said} {word}"


def _date(match: re.Match, context: Context) -> str | None:
    day, month, year = (int(g) for g in match.groups()[:3])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    case = _prep_case(context.word_before(match.start()))
    case = "nomn" if case == "loct" else case
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
        case = _prep_case(before, "nomn")
        word = _inflect("век", case, plural)
    else:
        parse = _parse(word)[0]
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
        if not words.startswith("="):
            return words
        case = _prep_case(context.word_before(match.start()))
        said = _inflect(words[1:], case)
        return said.capitalize() if match.group()[0].isupper() else said

    return say


def _number_sign(match: re.Match, context: Context) -> str:
    signs, written = match.groups()
    return ("номера " if len(signs) > 1 else "номер ") + cardinal(to_int(written))


def rules() -> list[Rule]:
    """The Russian rules, most specific first."""
    abbreviations = sorted(_ABBREVIATIONS.items(), key=lambda item: len(item[0]), reverse=True)
    return [
        rule(r"(?<![\w.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)(?: ?(?:г\.|года)(?!\w))?", _date),
        rule(
            r"(?<![\w.,])(\d{3,4})(?:( ?[–—-] ?)(\d{2,4}))? ?(гг\.|г\.|годами|годах|годам|годов|годы|года|году|годом|год)(?!\w)",
            _year,
        ),
        rule(r"(№+) ?(\d+)", _number_sign),
        rule(
            r"(?<![\w.,])(\d+)-(ыми|ого|ому|ый|ий|ой|ая|ое|ые|ым|ом|ых|ую|ья|ье|ьи|й|я|е|го|му|м|х|ми|ю)(?!\w)",
            _ordinal_suffix,
        ),
        rule(
            r"(?<![\w.])([IVXLC]+)(?: ?[–—-] ?([IVXLC]+))? ?(века|веке|веку|веком|веков|веках|векам|век|вв\.|в\.)(?!\w)",
            _century,
        ),
        rule(rf"(?<!\w)((?i:{'|'.join(_CHAPTER_WORDS.split())})) (\d+|[IVXLCDM]+)(?!\w|\.\d)", _chapter),
        rule(r"(?<!\w)([А-ЯЁ][а-яё]+) ([IVX]+)(?!\w)", _ruler),
        rule(rf"([$€₽₸]) ?({NUMBER})(?:,(\d+))?(?!\d)", _currency_first),
        rule(rf"(?<![\w.,])({NUMBER})(?:,(\d+))?(?!\d)(?: ?({_UNIT}))?", _number),
        rule(r"(?<=\w)( ?)([$€₽₸])", lambda m, c: " " + _inflect(_UNITS[m.group(2)], "gent", True)),
        *(rule(abbreviation_pattern(written), _abbreviation(words)) for written, words in abbreviations),
        roman_rule(cardinal),
    ]
