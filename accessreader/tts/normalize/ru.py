"""Russian normalisation rules: numbers in words with case and gender agreement.

Numbers come from ``num2words`` (which inflects Russian numerals by case and
gender); the case and gender come from the words around the number, analysed
with ``pymorphy3``: the noun after it ("23 книгах" → двадцати трёх), else the
preposition before it ("из 5" → пяти).  Years and dates are ordinals ("2021
года" → две тысячи двадцать первого года); a date with no preposition is the
genitive of "when" ("8 июня состоялась" → восьмого) unless it is named (alone,
before a dash, after a colon).  Decimals take their preposition's case ("более
2,8" → двух целых восьми десятых); a number joined to a word makes one word
("к 175-летию" → к стосемидесятипятилетию, "в 2-х" or "в 2х" → в двух).  Both numbers of a range
take the case the noun after the second asks ("по 15–20 человек", "1–2 раза" → один — два); a
singular noun in an oblique case after 2, 3, 5… is numbered, not counted ("на 2 этаже" →
втором); "1 место" counts seats after a verb other than one of winning ("Осталось 1 место" →
одно); a number after a transitive verb and a dative is its object ("передал библиотеке 1 500 евро"
→ тысячу); a unit's genitive plural is the full one (250 кг → килограммов); "в 11 мкр." numbers
the district (одиннадцатом микрорайоне); "по" sharing out 2, 3, 5… asks the accusative ("по 3 кг" →
по три килограмма); a common fraction is said with an ordinal ("около 2/3" → двух третьих); days of one month are
all dates ("3 и 4 марта" → третьего и четвёртого); "кл." after grades is классов; a number after
a plural noun of people says whose they are ("учащиеся 12 школ" → двенадцати); a singular
nominative after 2, 3, 5… is numbered ("2 этап" → второй); "+25 °С" is плюс двадцать пять
градусов, "тг/мес." тенге в месяц; decades are plural ("в 90-е", "в 70–80-е годы" → семидесятые —
восьмидесятые); "в нач. XX в." → в начале двадцатого века.  Only the last group of a number
agrees with the counted noun ("1 372 423 единицы" → один миллион … двадцать три); verbs of lacking
and a negated "было" ask the genitive ("не хватает 40 стеллажей и 12 кафедр" → сорока …
двенадцати, a number after "и" sharing the first one's case); a count inside a genitive phrase
after a noun is genitive ("фонды 14 сельских библиотек" → четырнадцати); a number after its
genitive plural noun takes its gender ("вакансий 2" → две); two weekdays after a verb are "с … по
…" ("работает пн–пт" → с понедельника по пятницу); "м²", "м2", "кв. м" are квадратных метров.  A
decimal may be written with a point ("в 3.50 раза") where no time, day and month
or part number is meant.  Abbreviations
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
    letter_name,
    roman_rule,
    roman_value,
    rule,
    spell_acronym,
    to_int,
)
from .ru_morph import (
    INDECLINABLE,
    INSTRUMENTAL_VERBS,
    PREPOSITIONS,
    agrees,
    analyses,
    case_of,
    inflect,
    noun,
    noun_case,
    prep_case,
    subjects,
)

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
    "п. п.": "пункт",
    "п.п.": "пункт",
    "%": "процент",
    "₸": "тенге",
    "тг.": "тенге",
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
    "°С": "градус",  # with a Cyrillic С
    "°": "градус",
    "ч.": "час",
    "мин.": "минута",
    "мес.": "месяц",
    "сек.": "секунда",
    "т.": "том",
    "кн.": "книга",
    "т": "тонна",
    "л.": "лист",  # "рукопись, 36 л.": the leaves of a record; a litre is written without the point
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
    """``number`` in words, in a pymorphy case ("nomn", "gent"…) and gender ("masc", "femn", "neut").

    Only the last group (below a thousand) takes ``gender`` from the counted noun: the number
    before "миллион", "миллиард" is masculine as they are ("1 372 423 единицы" → один миллион …
    двадцать три), before "тысяча" feminine (num2words gives that one itself)."""
    if number >= 10**15:
        return " ".join(cardinal(int(d)) for d in str(number))
    if number >= 10**6 and gender != "masc":
        low = number % 1000
        said = cardinal(number - low, case)
        return f"{said} {cardinal(low, case, gender)}" if low else said
    said = _N2W.to_cardinal(number, case=_CASE_CODE[case], gender=_GENDER_CODE[gender], animate=False)
    return _bare_thousand(number, said)


def _bare_thousand(number: int, said: str) -> str:
    """1 000–1 999 said as a native speaker says them, "тысяча двести", "свыше тысячи", not "одна
    тысяча" (the "одна" of legal sums written out in words)."""
    if 1000 <= number < 2000:
        return re.sub(r"^(?:одна|одной|одну|одною) (?=тысяч)", "", said)
    return said


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


def _one_and_a_half(lemma: str, case: str) -> str:
    """1,5 before a noun as a native speaker says it: "1,5 тыс." → полторы тысячи, "1,5 %" →
    полтора процента, "около 1,5 млн" → около полутора миллионов (not "одна целая пять десятых")."""
    if case in ("nomn", "accs"):
        return f"{'полторы' if _gender(lemma) == 'femn' else 'полтора'} {inflect(lemma, 'gent')}"
    return f"полутора {inflect(lemma, case, True)}"


def _one_and_a_half_before(after: list[str], case: str) -> str | None:
    """1,5 before a written noun: "в 1,5 раза" → в полтора, "более 1,5 тысяч" → более полутора; None
    where the noun's form does not suit "полтора" (it stays a decimal)."""
    nouns = _noun_parses(after)[:1]
    if not nouns:
        return None
    tag = nouns[0].tag
    if case in ("nomn", "accs") and tag.case == "gent" and tag.number == "sing":
        return "полторы" if tag.gender == "femn" else "полтора"
    if case not in ("nomn", "accs") and tag.number == "plur" and tag.case == case:
        return "полутора"
    return None


def _class(number: int) -> str:
    """The agreement class of a number: "one" (1, 21…), "few" (2–4, 22…), "many"."""
    if number % 10 == 1 and number % 100 != 11:
        return "one"
    if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        return "few"
    return "many"


def _noun_parses(words: list[str]) -> list:
    """The noun analyses of the first noun among ``words`` (adjectives before it skipped)."""
    agreeing: set | None = None  # the cases the adjectives before the noun may be in
    for word in words:
        parses = analyses(word)
        if parses and parses[0].tag.POS in ("ADJF", "PRTF"):
            cases = {case_of(p.tag) for p in parses if p.tag.POS in ("ADJF", "PRTF")}
            agreeing = cases if agreeing is None else agreeing & cases
            continue
        nouns = [p for p in parses if p.tag.POS == "NOUN" and p.score > 0.01]
        common = [p for p in nouns if not {"Name", "Surn", "Patr"} & p.tag.grammemes]
        if nouns:
            nouns = common or nouns
            return ([p for p in nouns if case_of(p.tag) in agreeing] or nouns) if agreeing else nouns
        if not any(p.tag.POS in ("ADJF", "PRTF") for p in parses):
            return []
    return []


def _object_of_verb(before: str, gender: str, clause: str) -> bool:
    """Whether a noun of ``gender`` after the verb ``before`` is its object: the verb is transitive
    and cannot have it as its subject, or has a subject of its own in ``clause`` ("Прошла 1 ночь" is
    a subject; "Он получил 1 тетрадь", "Библиотека получила 1 тетрадь" objects)."""
    verb = analyses(before)[0].tag if before else None
    if verb is None or verb.POS != "VERB" or "tran" not in verb:
        return False
    words = clause.split()[:-1]
    return not agrees(verb, gender) or any(agrees(verb, p.tag.gender, p.tag) for p in subjects(words))


def _adjective_parses(words: list[str]) -> list:
    """The analyses of an adjective that stands for its noun after a number ("1 центральную и 14
    сельских библиотек": the noun comes after the second)."""
    parses = analyses(words[0]) if words else ()
    return (
        [p for p in parses if p.tag.POS == "ADJF" and p.tag.case and p.score > 0.01]
        if parses and parses[0].tag.POS == "ADJF"
        else []
    )


def _agreement(number: int, words: list[str], before: str, clause: str = "") -> tuple[str, str]:
    """The case and gender a cardinal takes from the noun after it and the preposition before
    (``clause``: the text of the clause before the number)."""
    kind = _class(number)
    wanted = PREPOSITIONS.get(before, [])
    if words[:1] and words[0].lower() in INDECLINABLE:  # "Сумма — 21 тенге" → двадцать один, not двадцати одном
        return next((c for c in wanted if c in ("gent", "datv")), "nomn"), "masc"
    elided = not _noun_parses(words)  # "в том числе 3 виртуальных": an adjective stands for the noun
    nouns = _noun_parses(words) or _adjective_parses(words)
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
            if plural and case == "gent":  # after 2–4 an adjective's genitive plural is its nominative too
                fits += ["nomn", "gent"] if kind == "many" or elided else ["gent"]
    for case in wanted:
        if case in fits or (case == "accs" and "nomn" in fits and kind != "one"):
            return case, gender  # "на 1 420 экземпляров" → на тысячу (the accusative differs only in "тысяча")
    if fits and kind == "one" and "nomn" in fits and "accs" in fits:  # "ночь", "тетрадь": either
        return ("accs" if _object_of_verb(before, gender, clause) else "nomn"), gender
    if fits:
        return fits[0], gender  # the likeliest reading of the noun
    if wanted[:1] == ["accs"] and not nouns:
        return "accs", gender  # "рост — на 1 200" → на тысячу двести (the accusative differs only in "тысяча")
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
        if form and {"gent", "plur"} <= form.tag.grammemes:
            return _full_genitive(parse, form.word)
        return form.word if form else lemma
    if case == "gent" and _class(number) != "one":
        return _full_genitive(parse, inflect(lemma, case, True))
    return inflect(lemma, case, _class(number) != "one")


def _full_genitive(parse, word: str) -> str:
    """The genitive plural of a unit in its full, written form where a short counting one exists too
    ("250 кг" → килограммов, not килограмм); "человек", "раз" have only the short one."""
    forms = [f.word for f in parse.lexeme if {"gent", "plur"} <= f.tag.grammemes]
    return next((f for f in forms if f.endswith("ов") and f[:-2] == word), word)


def _gender(lemma: str) -> str:
    gender = noun(lemma).tag.gender
    return gender if gender in _GENDER_CODE else "masc"


def _number(match: re.Match, context: Context) -> str:
    written, fraction, unit = match.groups()
    if (written[0] == "0" and len(written) > 1 and not fraction and not unit) or _postcode(match, context):
        return " ".join(cardinal(int(d)) for d in written if d.isdigit())  # "050000": a postcode, a code
    number = to_int(written)
    before = _governor(context, match.start())
    if not unit:  # a quantity with a unit ("1,5 тыс.") is rarely a list member of one preposition
        before = _list_governor(context, match.start()) or before
    after = context.words_after(match.end(), 3)
    first = re.search(r"(?<![\w.,])\d+(?:,\d+)? ?[–—-] ?$", context.text[: match.start()])
    if first and not unit:  # "15–20 человек": the second number, governed by the word before the first
        before = _governing(context.word_before(first.start()))
    second = re.match(rf" ?[–—-] ?({NUMBER})(?:,\d+)?(?!\d)", context.text[match.end() :])
    if before == "между":  # "между 3 и 5 часами": the noun after the second counts the first too
        second = re.match(rf" и ({NUMBER})(?!\d)", context.text[match.end() :]) or second
    counted = number  # the number the noun after agrees with: the second of a range
    if second and not unit:  # "по 15–20 человек", "1–2 раза": the first number takes the second's case
        after = context.words_after(match.end() + second.end(), 3)
        counted = to_int(second.group(1))
    if unit:
        lemma = _UNITS[unit]
        if fraction:
            case = _decimal_case(before, after, re.split(r"[.!?;:]", context.text[: match.start()])[-1])
            if before in ("в", "во") and re.match(_MONEY_AFTER, context.text[match.end() :]):
                case = "accs"  # "обошёлся в 12,5 млн тенге": a price
            if (number, fraction) == (1, "5"):
                said = _one_and_a_half(lemma, case)
            else:
                said = f"{decimal(number, fraction, case)} {inflect(lemma, 'gent')}"
            return _percentage_points(said) if unit in _POINTS else said
        money = lemma in ("тенге", "доллар", "евро", "рубль") or bool(
            re.match(_MONEY_AFTER, context.text[match.end() :])
        )
        at = money or lemma in ("час", "минута")  # "обошлась в 500 тг.", "в 12 ч. 30 мин.": accusatives
        case = "accs" if at and before in ("в", "во") else _unit_case(before, number)
        said = f"{cardinal(number, case, _gender(lemma))} {_agree_noun(lemma, number, case)}"
        return _percentage_points(said) if unit in _POINTS else said  # "на 2 п. п." → процентных пункта
    if fraction:
        case = _decimal_case(before, after, re.split(r"[.!?;:]", context.text[: match.start()])[-1])
        return (number, fraction) == (1, "5") and _one_and_a_half_before(after, case) or decimal(number, fraction, case)
    more_days = _MORE_DAYS.match(context.text, match.end())
    day_of = (bool(after) and after[0] in MONTHS) or bool(more_days)
    moved = after[:1] == ["на"] and before in ("с", "со")  # "перенесено с 5 на 12 марта"
    range_of = (
        (after[:1] in (["по"], ["до"]) or moved) and len(after) == 3 and after[1].isdigit() and after[2] in MONTHS
    )
    if (day_of or range_of) and 1 <= number <= 31:
        if "gent" in PREPOSITIONS.get(before, []) or before in ("с", "со"):
            case = "gent"
        elif before in ("к", "ко"):
            case = "datv"
        elif before in PREPOSITIONS or range_of:
            case = "nomn"
        else:
            month_end = more_days.end() if more_days else match.end() + len(after[0]) + 1
            rest = re.sub(r"^(?: \d{4}(?: ?года| ?г\.)?)?", "", context.text[month_end:], count=1)
            case = _date_case(context, match.start(), rest)
        return ordinal(number, case, "neut")
    if after[:1] in (["место"], ["месте"], ["местом"]) and number <= 100 and not _counts_places(number, before):
        parse = next(p for p in analyses(after[0]) if p.tag.POS == "NOUN")
        return ordinal(number, case_of(parse.tag), "neut")  # "2 место" is a place won: второе место
    if after[:1] in (["по"], ["до"]) and len(after) == 3 and after[1].isdigit() and after[2].startswith("класс"):
        return ordinal(number, "gent")  # "с 1 по 5 класс" → с первого
    numbered = _numbered_noun(counted, after)
    if numbered and not second:
        return ordinal(number, *numbered)  # "на 2 этаже" → на втором
    if not second and _numbered_genitive(context, match.start(), before, number, after):
        return ordinal(number, "gent", _noun_parses(after)[0].tag.gender)  # "итоги 2 этапа" → второго
    clause = re.split(r"[.!?;:]", context.text[: match.start()])[-1]
    case, gender = _agreement(counted, after, before, clause)
    if _instrumental_object(before, clause):
        case = "ablt"  # "располагает 20 000 изданий" → двадцатью тысячами: the verb's case, whatever the noun's
    if _class(counted) != "many" and not (_noun_parses(after) or _adjective_parses(after)):
        gender = _elided_gender(clause, after) or _counted_before(context, match.start(), before) or gender
    if case == "nomn" and (
        _people_of(context, match.start(), before, counted, after)
        or _owned_count(context, match.start(), before, counted, after)
    ):
        case = "gent"  # "учащиеся 12 школ" → двенадцати школ, "фонды 14 сельских библиотек" → четырнадцати
    if case == "nomn" and _class(counted) != "one" and (_object_of(before) or _object_after_subject(before, clause)):
        return cardinal(number, "accs", gender)  # "Акция собрала 1 247 книг" → тысячу двести сорок семь
    if counted != number and case == "nomn":
        return cardinal(number, case, gender)  # "1–2 раза" → один — два
    if case == "gent" and _class(number) == "one" and (_object_of(before) or _object_after_subject(before, clause)):
        nouns = _noun_parses(after)[:1]
        if nouns and nouns[0].tag.animacy == "anim" and nouns[0].tag.number == "sing":
            case = "accs"  # "Конкурс собрал 41 участника": an animate object, сорок одного
    if case == "accs" and _class(number) == "one" and any(p.tag.animacy == "anim" for p in _noun_parses(after)[:1]):
        said = _N2W.to_cardinal(number, case="a", gender=_GENDER_CODE[gender], animate=True)  # "на 1 жителя"
        return _bare_thousand(number, said)
    return cardinal(number, case, gender)


#: Words before a number that bound only that number, not the list it begins: "выдано более 2 000
#: книг, 350 журналов и 12 газет" → более двух тысяч книг, триста пятьдесят журналов (the rest are the
#: subject, in the nominative), as "около", "свыше", "до" (up to) and "порядка" also are.
_QUANTIFIERS = {
    "более",
    "менее",
    "свыше",
    "около",
    "ок",
    "порядка",
    "больше",
    "меньше",
    "до",
    "начиная",
    "выше",
    "ниже",
}

_CONJUNCT = rf"(?:{NUMBER})(?:,\d+)? [а-яё]+(?: [а-яё]+)?"
_LIST_BEFORE = re.compile(rf"(?<![\w-])([а-яё]+) {_CONJUNCT}(?:, {_CONJUNCT})*(?:,? (?:и|или|а также) |, )$")


def _list_governor(context: Context, start: int) -> str | None:
    """The preposition of a list's first number, for a later one ("для 20 детей и 5 взрослых" →
    для двадцати детей и пяти взрослых; "в 3 библиотеках, 2 клубах и 5 школах"): a preposition
    governs every member of the list it begins; a quantifier (``_QUANTIFIERS``) only its own number."""
    found = _LIST_BEFORE.search(context.text[max(start - 120, 0) : start].lower())
    if not found or found.group(1) not in PREPOSITIONS or found.group(1) in _QUANTIFIERS:
        return None
    if re.match(rf"\d+ (?:{'|'.join(MONTHS)})(?!\w)", context.text[start:]) or re.search(r"\d+ год\w*", found.group()):
        return None  # "В 2024 году, 15 мая, …": a year and a date, not a list
    return found.group(1)


#: Percentage points, as statistics reports write them.
_POINTS = {"п. п.", "п.п."}


def _percentage_points(said: str) -> str:
    """ "два пункта" → два процентных пункта: the adjective in the noun's case, in the genitive
    plural after 2, 3, 4 ("процентных пункта")."""
    head, noun_form = said.rsplit(" ", 1)
    parse = next((p for p in analyses(noun_form) if p.normal_form == "пункт"), analyses(noun_form)[0])
    case, number = case_of(parse.tag), parse.tag.number or "sing"
    if case == "gent" and number == "sing" and not re.search(r"(?:целых|целой|десятых|сотых)$", head):
        number = "plur"  # after 2–4 ("два процентных пункта"); a decimal keeps the singular (процентного)
    form = analyses("процентный")[0].inflect({case, number})
    return f"{head} {form.word if form else 'процентных'} {noun_form}"


def _instrumental_object(before: str, clause: str) -> bool:
    """Whether a number after ``before`` is the object of a verb of the instrumental ("Библиотека
    располагает 20 000 изданий"): the clause has the verb's subject before it ("В клубе занимаются 18
    детей": the number is the subject)."""
    verbs = [p for p in analyses(before)[:2] if p.tag.POS == "VERB" and p.normal_form in INSTRUMENTAL_VERBS]
    if not verbs:
        return False
    words = [w.strip('«»"(),').lower() for w in clause.split()[:-1]]
    pronouns = [p for w in words for p in analyses(w)[:1] if p.tag.POS == "NPRO" and p.tag.case == "nomn"]
    return any(agrees(verbs[0].tag, p.tag.gender, p.tag) for p in subjects(words) + pronouns)


def _elided_gender(clause: str, after: list[str] = ()) -> str | None:
    """The gender of the noun a number without one counts, named by the whole before it: "Из 150
    анкет обработано 142" → сто сорок две, "Вместо запланированных 35 мероприятий проведено 41" → сорок одно,
    "переданы в 3 библиотеки, 2 из них сельские" → две."""
    found = re.search(rf"(?<!\w)(?i:из|вместо)(?: [а-яё]+)? (?:{NUMBER}) ([а-яё]+)", clause)
    if not found and list(after[:2]) in (["из", "них"], ["из", "которых"]):
        found = list(re.finditer(rf"(?<![\w,.])(?:{NUMBER}) ([а-яё]+)", clause))[-1:] or [None]
        found = found[0]
    nouns = _noun_parses([found.group(1).lower()]) if found else []
    return next((p.tag.gender for p in nouns if p.tag.gender in _GENDER_CODE), None)


#: More days of the same month after a day ("3 и 4 марта", "5, 6 и 7 мая"): the first is a date too.
_MORE_DAYS = re.compile(rf"(?:(?:, ?| (?:и|или) )[0-3]?\d)+ (?:{'|'.join(MONTHS)})(?!\w)")


def _people_of(context: Context, start: int, before: str, number: int, after: list[str]) -> bool:
    """Whether a number with a genitive plural after it says whose people are meant ("учащиеся 12 школ",
    "читателей 3 филиалов" → двенадцати, трёх): it follows a plural noun of people with no
    preposition before that noun."""
    if _class(number) == "one" or re.search(r"[.!?:;,—–(]\s*$", context.text[:start]):
        return False
    if after[:1] and after[0] in ("лет", "годов", "месяцев", "недель", "дней", "часов", "минут", "раз"):
        return False  # "Читатели 10 лет ходят сюда": a duration (an age is read by the age rule)
    people = [
        p
        for p in analyses(before)[:2]
        if (p.tag.POS == "NOUN" and p.tag.animacy == "anim" or "Subx" in p.tag) and p.score > 0.1
    ]
    if not people or people[0].tag.number != "plur" or "Name" in people[0].tag or "Surn" in people[0].tag:
        return False
    owner = re.search(r"([\w-]+)\s+[\w-]+\s+$", context.text[:start])
    if owner and owner.group(1).lower() in ("у", "среди"):
        return False  # "У читателей 5 книг": the readers have five books
    nouns = _noun_parses(after)
    return bool(nouns) and all(p.tag.number == "plur" and case_of(p.tag) == "gent" for p in nouns)


def _numbered_genitive(context: Context, start: int, before: str, number: int, after: list[str]) -> bool:
    """Whether "2 этапа", "3 тура" after a noun or a preposition of the genitive numbers one stage
    ("итоги 2 этапа" → второго): a count there would be a plural (итоги двух этапов)."""
    if _class(number) != "few" or number > 4 or not after or analyses(after[0])[0].tag.POS != "NOUN":
        return False
    nouns = _noun_parses(after)
    if not nouns or not all(p.tag.number == "sing" and case_of(p.tag) == "gent" for p in nouns):
        return False
    if nouns[0].tag.gender not in _GENDER_CODE or "Fixd" in nouns[0].tag or nouns[0].normal_form in _MEASURES:
        return False
    if PREPOSITIONS.get(before, [""])[0] == "gent":
        return True
    owner = analyses(before)[0] if before else None
    return (
        owner is not None
        and owner.tag.POS == "NOUN"
        and case_of(owner.tag) != "loct"  # "В зале 2 стола": two tables there
        and not re.search(r"[.!?:;,—–(]\s*$", context.text[:start])
    )


#: Measures and times, counted rather than numbered ("около 2 часов").
_MEASURES = {
    "час",
    "год",
    "раз",
    "минута",
    "секунда",
    "день",
    "месяц",
    "неделя",
    "человек",
    "процент",
    "рубль",
    "доллар",
}


def _numbered_noun(number: int, after: list[str]) -> tuple[str, str] | None:
    """(case, gender) when the noun after ``number`` numbers a thing rather than counts things: a
    singular after 2, 3, 5… in the dative, instrumental or locative ("на 2 этаже", "в 3 томе"), or in
    the nominative ("2 этап"), which a count would put in the plural or the genitive; with 1, 21…
    both readings fit and the count is kept."""
    if _class(number) == "one":
        return None
    nouns = _noun_parses(after)
    same = [p for p in nouns if nouns and p.normal_form == nouns[0].normal_form]
    cases = ("datv", "ablt", "loct")
    # a noun first of all ("3 онлайн" is an adverb), not a contraction ("45 уч-ся")
    plain = bool(after) and after[0].isalpha() and analyses(after[0])[0].tag.POS == "NOUN"
    if plain and same and all(p.tag.number == "sing" and case_of(p.tag) in ("nomn", "accs") for p in same):
        nouns, cases = same, ("nomn", "accs")  # "Завершён 2 этап" → второй: a count would say "2 этапа"
    oblique = [p for p in nouns if p.tag.number == "sing" and case_of(p.tag) in cases]
    if not nouns or len(oblique) != len(nouns) or oblique[0].tag.gender not in _GENDER_CODE:
        return None
    if "Fixd" in oblique[0].tag or oblique[0].word in INDECLINABLE:
        return None  # "3 000 тенге": a word that never changes says nothing of its case
    return case_of(oblique[0].tag), oblique[0].tag.gender


def _vo_second(match: re.Match, context: Context) -> str | None:
    """ "в 2 томе" → во втором томе: "в" before a numbered second is said "во"."""
    return match.group(1) + "о " if _numbered_noun(2, context.words_after(match.end() + 2)) else None


#: Verbs of winning a place: "заняла 1 место" is the first place.
_WINNING_VERBS = {
    "занять",
    "занимать",
    "завоевать",
    "завоёвывать",
    "получить",
    "получать",
    "взять",
    "брать",
    "разделить",
}


def _counts_places(number: int, before: str) -> bool:
    """Whether "1 место", "21 место" after ``before`` counts seats ("Осталось 1 место" → одно), not a
    place won: after a verb (or "всего", "ещё"…) other than one of winning; "2 место" is always a place."""
    if _class(number) != "one" or not before:
        return False
    parses = analyses(before)[:2]
    if any(p.normal_form in _WINNING_VERBS for p in parses):
        return False
    return before in ("всего", "ещё", "еще", "только", "лишь", "есть") or parses[0].tag.POS in ("VERB", "PRTS")


#: A currency after a scale word ("млн тенге", "тыс. руб.", "млрд $").
_MONEY_AFTER = r" ?(?:тенге|тг\.?|руб\.|рубл\w*|доллар\w*|евро|[$€₽₸])(?!\w)"


#: Verbs whose object is in the genitive ("достиг 8,4 тыс." → восьми целых четырёх десятых).
_GENITIVE_VERBS = {"достигнуть", "достичь", "достигать"}


def _object_of(before: str) -> bool:
    """Whether a number after ``before`` is the object of a verb: a transitive verb in the singular,
    whose subject is elsewhere ("собрала 1 247 книг"; "посетили 1 050 школьников" may be the subject)."""
    parse = analyses(before)[0] if before else None
    return parse is not None and parse.tag.POS == "VERB" and "tran" in parse.tag and parse.tag.number == "sing"


def _postcode(match: re.Match, context: Context) -> bool:
    """Whether a number is a six-digit postcode: before a town ("100012, г. Караганда")."""
    return bool(
        re.fullmatch(r"\d{6}", match.group())
        and re.match(r",? ?(?:г\.|город|с\.|пос\.|[А-ЯЁ][а-яё]+,)", context.text[match.end() :])
    )


def _preposition_over_adjective(context: Context, start: int) -> str | None:
    """The preposition before an adjective that stands before a number ("вместо запланированных 35
    мероприятий": the number is governed by "вместо"), else None."""
    found = re.search(r"(?<![\w-])([а-яё]+)\s+([а-яё]+)\s+$", context.text[max(start - 60, 0) : start].lower())
    if not found or found.group(1) not in PREPOSITIONS:
        return None
    parse = analyses(found.group(2))[0]
    return found.group(1) if parse.tag.POS in ("ADJF", "PRTF") and parse.tag.number == "plur" else None


def _people_subject(before: str, after: list[str], clause: str) -> bool:
    """Whether a quantity of people after the plural transitive verb ``before`` is its subject: the
    clause has no subject of its own ("Электронные книги читают 41,5% респондентов" → сорок одна
    целая; "Читатели составляют 21,5% пользователей" is an object)."""
    parse = analyses(before)[0] if before else None
    if parse is None or parse.tag.number != "plur" or _object_after_subject(before, clause):
        return False
    nouns = _noun_parses(after)[:1]
    return bool(nouns) and {"anim", "gent", "plur"} <= nouns[0].tag.grammemes


def _object_after_subject(before: str, clause: str) -> bool:
    """Whether a number after the plural transitive verb ``before`` is its object because the clause
    already has a plural subject that can only be one ("Библиотекари провели 1 156 бесед" → одну
    тысячу; "Мероприятия посетили 21 тысяча человек": "мероприятия" may be an object, so the number
    stays the subject)."""
    parse = analyses(before)[0] if before else None
    if parse is None or parse.tag.POS != "VERB" or "tran" not in parse.tag or parse.tag.number != "plur":
        return False
    for word in clause.split()[:-1]:
        nouns = [p for p in analyses(word.strip('«»"(),').lower()) if p.tag.POS == "NOUN" and p.score > 0.01]
        if nouns and all(p.tag.case == "nomn" and p.tag.number == "plur" for p in nouns):
            return True
    return False


def _word_before(context: Context, start: int) -> str:
    """The word before a number, or the transitive verb before the dative between them ("передал
    библиотеке 1 500 евро": the number is the verb's object, тысячу пятьсот)."""
    if re.search(r"(?<!\w)(?i:ок)\.\s*$", context.text[max(start - 5, 0) : start]):
        return "около"  # "ок. 200 книг"
    if re.search(r"(?<!\w)(?i:св)\.\s*$", context.text[max(start - 5, 0) : start]):
        return "свыше"  # "св. 500 книг"
    words = re.findall(r"[\w-]+", re.split(r"[.!?;:,«»\"()—–]", context.text[max(start - 80, 0) : start])[-1])
    for count in (1, 2, 3):
        if len(words) <= count or not _dative(words[-count]):
            break
        verb = analyses(words[-count - 1].lower())[0].tag
        if verb.POS == "VERB" and "tran" in verb:
            return words[-count - 1].lower()
    return context.word_before(start)


#: Particles between a number and the word that governs it ("ещё 40", "всего 12").
_PARTICLES = {"ещё", "еще", "всего", "лишь", "только", "почти", "примерно", "приблизительно", "уже", "целых"}

#: Verbs of lacking, whose quantity is in the genitive ("не хватает 40 стеллажей" → сорока).
_LACKING_VERBS = {"хватать", "хватить", "недоставать", "недостать"}


def _governor(context: Context, start: int) -> str:
    """The word that gives a number its case, put as a preposition where a verb or a construction
    asks a case of its own: a verb of lacking ("не хватает 40 стеллажей"), the negated "было",
    "будет" ("не было 5 книг"), which ask the genitive; a number joined by "и"/"или" to a number
    before it takes that one's governor ("не хватает 40 стеллажей и 12 кафедр" → двенадцати)."""
    before = _governing(_preposition_over_adjective(context, start) or _word_before(context, start))
    if before in _PARTICLES:  # "не хватает ещё 40 стеллажей", "собрала всего 1 247 книг": the word before
        particle = re.search(r"(?<![\w-])[\w-]+\s+$", context.text[:start])
        governor = _governor(context, particle.start()) if particle else ""
        if governor and (governor in PREPOSITIONS or _verb(governor)):
            return governor
    if before in ("и", "или"):
        first = re.search(
            rf"(?<![\w.,])(?:{NUMBER})(?: [а-яё]+){{1,3}} (?:и|или) $", re.split(r"[.!?;:]", context.text[:start])[-1]
        )
        if first and context.word_before(start - len(first.group())) not in _QUANTIFIERS:
            return _governor(context, start - len(first.group()))  # not "более 2 000 книг и 350 журналов"
    parses = analyses(before)[:2] if before else []
    if any(p.tag.POS in ("VERB", "INFN") and p.normal_form in _LACKING_VERBS for p in parses):
        return "до"
    if before in ("было", "будет", "оказалось") and context.word_before(start - len(before) - 1) == "не":
        return "до"
    return before


def _counted_before(context: Context, start: int, before: str) -> str | None:
    """The gender of the noun counted by a number after it ("вакансий 2" → две, "Заявок поступило
    21" → двадцать одна): a genitive plural noun before a number that ends its phrase, with at most a
    verb or an adverb between them."""
    if re.match(r"[ \w]", context.text[start - 1 : start] or ".") is None:
        return None
    words = re.findall(r"[\w-]+", re.split(r"[.!?;:,«»\"()—–]", context.text[:start])[-1].lower())[-3:]
    for word in reversed(words):  # "вакансий 2", "Заявок поступило 21": skip a verb or an adverb
        parses = analyses(word)[:3]
        if parses[0].tag.POS in ("VERB", "PRTS", "ADVB", "PRED"):
            continue
        nouns = [p for p in parses if p.tag.POS == "NOUN" and p.score > 0.1]
        if not nouns or not all({"gent", "plur"} <= p.tag.grammemes for p in nouns):
            return None
        return next((p.tag.gender for p in nouns if p.tag.gender in _GENDER_CODE), None)
    return None


#: Nouns of time before a number that begins a phrase of its own ("За год 14 библиотек получили").
_TIME_NOUNS = {"год", "месяц", "неделя", "день", "время", "период", "квартал", "полугодие", "раз", "сезон"}


#: Nouns that a number after them measures rather than owns ("Тираж 500 экземпляров" → пятьсот).
_AMOUNT_NOUNS = set(
    "тираж объём объем площадь фонд стоимость цена сумма количество число итог штат бюджет вес длина "
    "ширина высота срок возраст охват численность состав размер норма лимит".split()
)


def _owned_count(context: Context, start: int, before: str, number: int, after: list[str]) -> bool:
    """Whether a count after a noun is a genitive phrase that belongs to that noun ("пополнились фонды
    14 сельских библиотек" → четырнадцати): the noun before is not governed by a preposition, not
    a locative or a dative, not a noun of time; the words after are a genitive plural."""
    if _class(number) == "one" or re.search(r"[.!?:;,—–(]\s*$", context.text[:start]):
        return False
    if after[:1] and after[0] in ("лет", "годов", "месяцев", "недель", "дней", "часов", "минут", "раз"):
        return False
    owners = [p for p in analyses(before)[:2] if p.score > 0.1] if before else []
    if not owners or owners[0].tag.POS != "NOUN" or {"Name", "Surn", "Fixd"} & owners[0].tag.grammemes:
        return False
    if any(case_of(p.tag) in ("loct", "datv") or p.normal_form in _TIME_NOUNS for p in owners):
        return False
    if owners[0].normal_form in _AMOUNT_NOUNS and owners[0].tag.number == "sing":
        return False  # "Тираж 500 экземпляров", "Фонд 300 книг": the amount itself ("фонды 14 библиотек" own)
    earlier = re.findall(r"[\w-]+", re.split(r"[.!?;:,—–(]", context.text[:start])[-1].lower())[-3:-1]
    if any(word in PREPOSITIONS for word in earlier):
        return False  # "За год 14…", "в течение недели 5…": the noun has a preposition of its own
    nouns = _noun_parses(after)
    return bool(nouns) and all(p.tag.number == "plur" and case_of(p.tag) == "gent" for p in nouns)


def _dative(word: str) -> bool:
    """Whether ``word`` may be a noun, adjective or pronoun in the dative."""
    return any(p.tag.POS in ("NOUN", "ADJF", "NPRO") and p.tag.case == "datv" for p in analyses(word.lower())[:3])


#: Verbs whose number is in the dative ("равняется 5 300" → пяти тысячам трёмстам); not the short
#: adjective "равна", after which a number is as often read in the nominative.
_DATIVE_WORDS = {"равняться", "соответствовать"}


def _governing(before: str) -> str:
    """The word before a number, with a verb that asks the genitive or the dative put as a
    preposition that does ("достиг" as "до", "равняется" as "к")."""
    if before and any(p.tag.POS in ("VERB", "INFN") and p.normal_form in _GENITIVE_VERBS for p in analyses(before)[:2]):
        return "до"
    if before and any(
        p.tag.POS in ("VERB", "INFN", "ADJS") and p.normal_form in _DATIVE_WORDS for p in analyses(before)[:2]
    ):
        return "к"
    return before


def _unit_case(before: str, number: int = 1) -> str:
    """The case of a quantity with a unit: its preposition's, or the accusative after a transitive
    verb ("составляет 1 000 ₸" → тысячу) and after a "по" of sharing out 2, 3, 5… ("по 3 кг" →
    по три килограмма; "по 1 экз." is a dative)."""
    if before == "по" and _class(number) != "one":
        return "accs"
    if before in PREPOSITIONS:
        return "accs" if PREPOSITIONS[before][0] == "accs" else prep_case(before)
    parse = analyses(before)[0] if before else None
    if parse is not None and parse.tag.POS == "VERB" and "tran" in parse.tag:
        return "accs"
    return "nomn"


def _decimal_case(before: str, after: list[str], clause: str = "") -> str:
    """The case of a decimal: the one its preposition asks ("более 2,8" → gent), the accusative after
    a transitive verb unless the decimal counts the people who are its subject, else the nominative."""
    if (before in ("в", "во") and after[:1] in (["раза"], ["раз"])) or before == "по":
        return "accs"  # "в 2,5 раза", "по 2,5 тыс."
    if PREPOSITIONS.get(before, [""])[0] == "accs":
        return "accs"  # "на 1,3 млн" → на одну целую три десятых
    if before not in PREPOSITIONS and _unit_case(before) == "accs" and not _people_subject(before, after, clause):
        return "accs"  # "насчитывает 1,2 млн" → одну целую две десятых
    return prep_case(before)


#: Words before a date that leave it in the nominative ("Сегодня 9 мая").
_DATE_NAMING = {"сегодня", "завтра", "вчера", "дата", "это", "был", "была", "было"}


def _date_case(context: Context, start: int, rest: str) -> str:
    """The case of a date with no preposition (``rest``: the text after it): the genitive of "when"
    ("8 июня состоялась" → восьмого), the nominative where the date is named: alone, before or
    after a dash ("Срок — 5 января"), after a colon, a bracket or "сегодня"."""
    before_text = context.text[:start].rstrip()
    rest = re.sub(r"^\s*\([^()]*\)", "", rest)  # "16 мая (пт) – круглый стол": the bracket aside
    if context.word_before(start) in _DATE_NAMING or before_text.endswith((":", "—", "–", "(")):
        return "nomn"
    if re.match(r"\s*[—–-]", rest) or (not before_text and re.match(r"\s*[.!]?\s*$", rest)):
        return "nomn"  # "8 июня — встреча с читателями", a heading "1 сентября"
    return "gent"


_SCALES = {"млн": "миллион", "млрд": "миллиард", "тыс.": "тысяча", "трлн": "триллион"}


def _currency_first(match: re.Match, context: Context) -> str:
    sign, written, fraction, scale = match.groups()
    number = to_int(written)
    lemma = _UNITS[sign]
    before = _governing(_word_before(context, match.start()))
    case = "accs" if before in ("в", "во") else _unit_case(before, number)  # "грант в $5 000": an accusative
    if scale:
        scale_lemma = _SCALES[scale]
        if (number, fraction) == (1, "5"):
            said = _one_and_a_half(scale_lemma, case)
        elif fraction:
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


#: Words after which "с" joins (the instrumental), not "from" (the genitive).
_ALONG_WITH = re.compile(
    r"(?<!\w)(?:(?i:сравнению|наряду|вместе|одновременно|связи|сравни|сравнить)|(?i:ср)\.)\s+со?\s*$"
)


#: Years listed before the one that carries their word ("в 2019, 2020 и 2021 гг.").
_YEAR_LIST_BEFORE = re.compile(r"(?<![\w.,])\d{4}(?:(?:, ?| (?:и|или) )\d{4})*(?:, ?| (?:и|или) )$")


def _year_case(context: Context, start: int, word: str, second: str | None) -> tuple[str, str]:
    """(case, the word said) of a year or years written at ``start`` with ``word`` after them."""
    listed = _YEAR_LIST_BEFORE.search(context.text[:start])
    start = listed.start() if listed else start  # a list takes the case of its first year's preposition
    before = context.word_before(start)
    if word in ("г.", "гг."):
        plural = word == "гг." or bool(second) or bool(listed)
        case = prep_case(before, "gent" if before in MONTHS else "nomn")
        if before == "по" and re.search(r"(?<!\w)[Сс]о? \d{4}(?: ?(?:г\.|года))? по $", context.text[:start]):
            case = "nomn"  # "с 2015 по 2024 гг.": up to, an accusative; "данные по 2023 г." is a dative
        if before not in PREPOSITIONS and before not in MONTHS:
            case = noun_case(context, start, "год")  # "итоги 2023 г." → года
        if re.search(r"(?<!\w)(?:мес|кв)\.\s*$", context.text[:start]):
            case = "gent"  # "за 9 мес. 2024 г." → две тысячи двадцать четвёртого года
        if before in ("с", "со") and _ALONG_WITH.search(context.text[:start]):
            case = "ablt"  # "по сравнению с 2022 г." → с две тысячи двадцать вторым годом
        return case, inflect("год", case, plural)
    if word == "году" and before in ("к", "ко", "по"):
        return "datv", word
    return _YEAR_WORDS[word.lower()][0], word


def _listed_year(match: re.Match, context: Context) -> str:
    """A year in a list before the one with the word ("в 2019, 2020 и 2021 гг." → в две тысячи
    девятнадцатом, две тысячи двадцатом и две тысячи двадцать первом годах)."""
    return ordinal(int(match.group(1)), _year_case(context, match.start(), match.group(3), None)[0])


def _year(match: re.Match, context: Context) -> str:
    first, dash, second, word = match.groups()
    case, word = _year_case(context, match.start(), word, second)
    said = ordinal(int(first), case)
    if second:
        end = int(first[: len(first) - len(second)] + second) if len(second) < len(first) else int(second)
        said += f" — {ordinal(end, case)}"
    return f"{said} {word}"


def _grade(match: re.Match, context: Context) -> str | None:
    """ "5 класса", "учащиеся 5-7 классов", "9 «А» класса": school grades are ordinals; "5 классов"
    alone is a count."""
    first, second, letter, word = match.groups()
    if word == "кл.":  # "для 1–4 кл." → для первых — четвёртых классов
        case = noun_case(context, match.start(), "класс", owner=True)
        word = inflect("класс", case, bool(second))
    parse = next((p for p in analyses(word) if p.tag.POS == "NOUN"), None)
    if parse is None or int(first) > 11 or (second and int(second) > 11):
        return None
    plural = parse.tag.number == "plur"
    if plural and not second:
        return None
    said = ordinal(int(first), case_of(parse.tag), "masc", plural)
    if second:
        said += f" — {ordinal(int(second), case_of(parse.tag), 'masc', plural)}"
    return f"{said} {letter or ''}{word}"


def _day_range(match: re.Match, context: Context) -> str:
    """ "3–10 июня": both days ordinals, in the case a date takes there."""
    first, second, month = match.groups()
    before = context.word_before(match.start())
    if before in PREPOSITIONS:
        case = "gent" if "gent" in PREPOSITIONS[before] or before in ("с", "со") else prep_case(before)
    else:
        case = _date_case(context, match.start(), context.text[match.end() :])
    return f"{ordinal(int(first), case, 'neut')} — {ordinal(int(second), case, 'neut')} {month}"


def _age(match: re.Match, context: Context) -> str | None:
    """ "дети 10–12 лет", "мальчик 7 лет", "в возрасте 14 лет": the age of a person is a genitive
    (десяти — двенадцати лет)."""
    first, second, word = match.groups()
    before = context.word_before(match.start())
    parses = analyses(before) if before and not re.search(r"[.!?:;,—–]\s*$", context.text[: match.start()]) else ()
    if not any(
        p.tag.POS == "NOUN" and (p.tag.animacy == "anim" or before in ("возрасте", "возраста")) and p.score > 0.1
        for p in parses[:2]
    ):
        return None  # "в возрасте 14 лет" is an age too
    following = context.words_after(match.end(), 1)
    verb = bool(following) and analyses(following[0])[0].tag.POS in ("VERB", "INFN")
    if following and (following[0] in ("подряд", "назад") or (verb and not second)):
        return None  # "Читатели 10 лет ходят": a duration; "дети 10–12 лет пришли" is an age
    said = cardinal(int(first), "gent")
    if second:
        said += f" — {cardinal(int(second), 'gent')}"
    return f"{said} {word}"


def _academic_year(match: re.Match, context: Context) -> str:
    """ "2023-2024 учебном году": both years ordinals in the case of "году"."""
    first, second, adjective, word = match.groups()
    if len(second) == 2:  # "2024/25" → две тысячи двадцать пятом
        second = first[:2] + second
    if word == "г.":  # "в 2024/25 уч. г." → в … учебном году
        case = noun_case(context, match.start(), "год")
        word, plural = inflect("год", case), False
    else:
        case, plural = _YEAR_WORDS[word.lower()]
    if adjective == "уч.":  # "2022/2023 уч. году" → учебном году
        form = analyses("учебный")[0].inflect({case, "plur" if plural else "sing", *([] if plural else ["masc"])})
        adjective = form.word if form else "учебный"
    return f"{ordinal(int(first), case)} — {ordinal(int(second), case)} {adjective} {word}"


def _time(match: re.Match, context: Context) -> str:
    """ "9:00", "с 10:30": the hour and the minutes in the case of the preposition ("с девяти ноль-ноль")."""
    hour, minutes = match.groups()[:2]
    before = context.word_before(match.start())
    case = "gent" if before in ("с", "со") else prep_case(before)
    case = "nomn" if case == "loct" else case  # "в 10:00": an accusative
    said = _clock(hour, minutes, case)
    if match.lastindex == 4:  # "9:00–18:00": a span, both times in the case of the first
        said += f" — {_clock(match.group(3), match.group(4), case)}"
    return said


def _size(match: re.Match, context: Context) -> str:
    """A size, "30×40 см" → тридцать на сорок сантиметров."""
    first, second, unit = match.groups()
    said = f"{cardinal(int(first))} на {cardinal(int(second))}"
    return f"{said} {_agree_noun(_UNITS[unit], int(second), 'nomn')}" if unit else said


def _clock_hours(match: re.Match, context: Context) -> str:
    """ "в 15.00 ч.", "до 18:00 ч.": a time with the hour's word after it → в пятнадцать часов, до
    восемнадцати часов; with minutes, the time alone ("в 15.30 ч." → в пятнадцать тридцать)."""
    hour, minutes = match.groups()
    before = context.word_before(match.start())
    case = "gent" if before in ("с", "со") else prep_case(before)
    case = "nomn" if case == "loct" else case
    if minutes != "00":
        return _clock(hour, minutes, case)
    return f"{cardinal(int(hour), case)} {_agree_noun('час', int(hour), case)}"


def _clock(hour: str, minutes: str, case: str) -> str:
    said = cardinal(int(hour), case)
    if minutes == "00":
        return f"{said} ноль-ноль"
    if minutes[0] == "0":
        return f"{said} ноль {cardinal(int(minutes[1]))}"
    return f"{said} {cardinal(int(minutes), case)}"


_WEEKDAYS = dict(
    zip("пн вт ср чт пт сб вс".split(), "понедельник вторник среда четверг пятница суббота воскресенье".split())
)
_WEEKDAY = "(?i:" + "|".join(_WEEKDAYS) + ")"


def _weekdays(match: re.Match, context: Context) -> str:
    """ "пн.–пт." → понедельник — пятница, "сб., вс." → суббота, воскресенье, "по вт. и чт." → по
    вторникам и четвергам, "в сб." → в субботу, "кроме пн." → кроме понедельника: days in a span, a
    list or alone with a point, in the case of the preposition before them."""
    before = context.word_before(match.start())
    span = re.search(r"[–—-]", match.group())
    case, plural = (
        ("datv", True) if before == "по" and not span else ("accs", False) if before in ("в", "во") else ("nomn", False)
    )
    if before == "по" and re.search(rf"(?<!\w)(?i:с|со) {_WEEKDAY}\.? по\s*$", context.text[: match.start()]):
        case, plural = "accs", False  # "с пн. по пт." → с понедельника по пятницу
    if case == "nomn" and not span and before in PREPOSITIONS:
        case = PREPOSITIONS[before][0]  # "кроме пн." → кроме понедельника, "до пт." → до пятницы
    days = re.findall(_WEEKDAY, match.group())
    after = context.words_after(match.end(), 1)
    if span and len(days) == 2 and before not in PREPOSITIONS and (_verb(before) or (after and _verb(after[0]))):
        # "Абонемент работает пн–пт", "Пн–пт работаем" → с понедельника по пятницу; a heading or a
        # list keeps the span
        first, last = (_WEEKDAYS[d.lower()] for d in days)
        return f"{_from(first)} {inflect(first, 'gent')} по {inflect(last, 'accs')}"

    def day(found: re.Match) -> str:
        said = _WEEKDAYS[found.group(1).lower()]
        if case != "nomn":
            said = inflect(said, case, plural)
        return said + (" — " if found.group(2) else "")

    return re.sub(rf"({_WEEKDAY})\.?( ?[–—-] ?)?", day, match.group())


def _verb(word: str) -> bool:
    """Whether ``word`` is a verb or a short participle ("работает", "открыт")."""
    return bool(word) and analyses(word)[0].tag.POS in ("VERB", "INFN", "PRTS", "GRND")


def _weekday_of(match: re.Match, context: Context) -> str | None:
    """ "последняя пт месяца", "в первый пн месяца": a day after the adjective that picks it out, in
    that adjective's case."""
    before = context.word_before(match.start())
    adjectives = [p for p in analyses(before)[:3] if p.tag.POS == "ADJF" and p.tag.number == "sing"]
    if not adjectives:
        return None
    day = _WEEKDAYS[match.group().rstrip(".").lower()]
    wanted = next((p for p in adjectives if p.tag.gender == _gender(day)), adjectives[0])
    return inflect(day, case_of(wanted.tag))


def _collection(match: re.Match, context: Context) -> str | None:
    """ "сб." as сборник, a catalogue record's collection: before a genitive ("Сб. статей", "в сб.
    научных трудов") or after an adjective of its own ("Краеведческий сб."); else a Saturday."""
    before = context.word_before(match.start())
    nouns = _noun_parses(context.words_after(match.end(), 3))
    owned = bool(nouns) and all(case_of(p.tag) == "gent" for p in nouns)
    described = bool(before) and any(
        p.tag.POS == "ADJF" and p.tag.gender == "masc" and p.tag.number == "sing" for p in analyses(before)[:2]
    )
    if not (owned or described):
        return None
    case = "nomn" if described else PREPOSITIONS.get(before, ["nomn"])[0]
    said = inflect("сборник", case)
    return said.capitalize() if match.group()[0] == "С" else said


def _from(day: str) -> str:
    """ "с" before a weekday, "со" before "вторник" and "среда" (со вторника, со среды)."""
    return "со" if day in ("вторник", "среда") else "с"


def _weekday_from_to(match: re.Match, context: Context) -> str:
    """ "с пн по пт", "с вт по сб" (no points) → с понедельника по пятницу, со вторника по субботу."""
    with_, first, last = match.groups()
    first, last = _WEEKDAYS[first.lower()], _WEEKDAYS[last.lower()]
    with_ = with_[0] + _from(first)[1:] if with_[0] in "Сс" else with_
    return f"{with_} {inflect(first, 'gent')} по {inflect(last, 'accs')}"


def _dotted_time(match: re.Match, context: Context) -> str | None:
    """ "с 9.00 до 20.00": a time written with a dot, after "с", "до", "в"… or before a second time."""
    before = context.word_before(match.start())
    if re.match(rf" ?(?:раза|раз|{_UNIT})(?!\w)", context.text[match.end() :]):
        return None  # "в 3.50 раза": a decimal
    if before in ("с", "со", "до", "в", "во", "к", "по", "от") or re.match(
        r" ?(?:до|[–—-]) ?\d{1,2}[.:]\d\d", context.text[match.end() :]
    ):
        return _time(match, context)
    if re.search(r"(?:^|[:;\n])\s*$", context.text[: match.start()]) and re.match(
        r" [–—-] [а-яё]", context.text[match.end() :]
    ):
        return _time(match, context)  # a programme's line: "10.00 – регистрация участников"
    return None


#: A day and month written with a point and no year ("12.04").
_DAY_MONTH = r"(?<![\w.,:])([0-3]?\d)\.(0[1-9]|1[0-2])(?!\d|\.\d)"
_DAY_MONTH_BEFORE = re.compile(r"(?<![\w.,:])[0-3]?\d\.(?:0[1-9]|1[0-2]) ?(?:по|до|[–—-]) ?$")


def _day_month(match: re.Match, context: Context) -> str | None:
    """ "с 12.04 по 15.04": a day and month with no year, where a time is not meant: a month with
    its zero ("04") or paired with another day and month ("с 12.10 по 15.10"), not after "в"; 9.00,
    18.30, "в 10.05" stay times."""
    day, month = int(match.group(1)), match.group(2)
    if not 1 <= day <= 31 or re.match(rf" ?(?:раза|раз|час\w*|{_UNIT})(?!\w)", context.text[match.end() :]):
        return None
    paired = re.match(rf" ?(?:по|до|[–—-]) ?{_DAY_MONTH}", context.text[match.end() :]) or _DAY_MONTH_BEFORE.search(
        context.text[: match.start()]
    )
    before = context.word_before(match.start())
    if not (month.startswith("0") or paired) or before in ("в", "во"):
        return None  # "в 10.05": at five past ten
    if before in PREPOSITIONS:
        case = prep_case(before)
        case = "nomn" if case == "loct" or before == "по" else case
    else:
        case = _date_case(context, match.start(), context.text[match.end() :])
    return f"{ordinal(day, case, 'neut')} {MONTHS[int(month) - 1]}"


def _date(match: re.Match, context: Context) -> str | None:
    day, month, year = (int(g) for g in match.groups()[:3])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    before = context.word_before(match.start())
    if before in PREPOSITIONS:
        case = prep_case(before)
        case = "nomn" if case == "loct" or before == "по" else case  # "по 31.12.2023": up to, inclusive
    else:
        case = _date_case(context, match.start(), context.text[match.end() :])
    return f"{ordinal(day, case, 'neut')} {MONTHS[month - 1]} {ordinal(year, 'gent')} года"


_ORDINAL_FORMS = {
    ("ый", "ий"): [("nomn", "masc", False)],
    ("й", "ой", "ей"): [
        ("nomn", "masc", False),
        ("accs", "masc", False),  # "в 3-й раз": an inanimate accusative
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
    ("м", "ым", "ом", "ем"): [
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


#: More numbers with endings after one ("1-й, 2-й и 3-й степени"): the noun they share follows the last.
_MORE_ORDINALS = re.compile(r"(?:(?:, ?| и | или | ?[–—-] ?)\d+-[а-я]{1,3}(?!\w))+")
_ORDINAL_BEFORE = re.compile(r"(?<![\w.,])\d+-[а-я]{1,3}(?:, ?| и | или )$")


def _ordinal_suffix(match: re.Match, context: Context) -> str:
    written, ending = match.groups()
    number = to_int(written)
    more = _MORE_ORDINALS.match(context.text, match.end())
    noun_at = more.end() if more else match.end()  # "1-й, 2-й и 3-й степени" → первой, второй и третьей
    listed = bool(more) or bool(_ORDINAL_BEFORE.search(context.text[max(match.start() - 12, 0) : match.start()]))
    if ending == "м" and _class(number) == "few" and number < 100 and not listed:
        nouns = _noun_parses(context.words_after(noun_at))
        if nouns and all(case_of(p.tag) == "datv" and p.tag.number == "plur" for p in nouns):
            return cardinal(number, "datv")  # "4-м школам" → четырём; "4-м классе", "2-м и 4-м четвергам": ordinals
    forms = _ORDINAL_ENDINGS[ending]
    after = context.words_after(noun_at)
    if ending in ("е", "ые") and number % 10 == 0 and number >= 20 and not _noun_parses(after):
        return ordinal(number, "nomn", "masc", True)  # "в 90-е" → девяностые: a decade
    choice = _pick_form(forms, after, context.word_before(match.start()))
    return ordinal(number, *choice)


def _roman_suffix(match: re.Match, context: Context) -> str | None:
    """A Roman numeral with an ordinal ending ("IV-я встреча", "XX-й век") → четвёртая, двадцатый."""
    number = roman_value(match.group(1))
    if number is None:
        return None
    after = context.words_after(match.end())
    return ordinal(number, *_pick_form(_ORDINAL_ENDINGS[match.group(2)], after, context.word_before(match.start())))


def _decade_range(match: re.Match, context: Context) -> str:
    """ "в 70–80-е годы", "в 1970–80-х гг.": both numbers take the ending written on the second."""
    first, second, ending, word = match.groups()
    before = context.word_before(match.start())
    after = [word.lower()] if word and word != "гг." else context.words_after(match.end())
    case, gender, plural = _pick_form(_ORDINAL_ENDINGS[ending], after, before)
    if ending in ("е", "ые", "х", "ых"):
        plural = True  # decades
        case = "gent" if case == "gent" or (ending in ("х", "ых") and before not in ("в", "во", "о", "об")) else case
    said = f"{ordinal(int(first), case, gender, plural)} — {ordinal(int(second), case, gender, plural)}"
    if word == "гг.":
        word = inflect("год", case, True)
    return f"{said} {word}" if word else said


def _pick_form(forms: list[tuple[str, str, bool]], after: list[str], before: str) -> tuple[str, str, bool]:
    """The (case, gender, plural) among ``forms`` that the next noun or the preposition points to."""
    nouns = _noun_parses(after)
    for parse in nouns:
        for case, gender, plural in forms:
            if (
                case_of(parse.tag) == case
                and (parse.tag.number == "plur") == plural
                and (plural or parse.tag.gender == gender)
            ):
                return case, gender, plural
    if before in ("и", "или"):  # "на 2-м и 3-м этажах": each of the two is one floor, in the noun's case
        for parse in nouns:
            found = next((f for f in forms if f[0] == case_of(parse.tag) and not f[2]), None)
            if found:
                return found
    genders = {p.tag.gender for p in nouns if p.tag.gender in _GENDER_CODE}
    if genders and "femn" not in genders:  # "в 3-й раз": "-й" of a masculine noun is not "третьей"
        forms = [f for f in forms if f[1] != "femn"] or forms
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
    case, word = _century_case(context, match.start(), word, bool(second))
    said = ordinal(start, case)
    if second:
        said += f" — {ordinal(end, case)}"
    return f"{said} {word}"


#: Centuries listed before the one that carries their word ("в XIX и XX вв.").
_CENTURY_LIST_BEFORE = re.compile(
    rf"(?<![\w.])[{ROMAN_LETTERS}]+(?:(?:, ?| (?:и|или) )[{ROMAN_LETTERS}]+)*(?:, ?| (?:и|или) )$"
)


def _century_case(context: Context, start: int, word: str, span: bool) -> tuple[str, str]:
    """(case, the word said) of a century or centuries written at ``start`` with ``word`` after them."""
    listed = _CENTURY_LIST_BEFORE.search(context.text[:start])
    start = listed.start() if listed else start  # a list takes the case of its first century's preposition
    before = context.word_before(start)
    if word in ("в.", "вв."):
        case = prep_case(before, "nomn") if before in PREPOSITIONS else noun_case(context, start, "век")
        if _PART_OF.search(context.text[:start]):
            case = "gent"  # "в нач. XX в." → в начале двадцатого века
        return case, inflect("век", case, word == "вв." or span or bool(listed))
    return case_of(analyses(word.lower())[0].tag), word


def _listed_century(match: re.Match, context: Context) -> str | None:
    """A century in a list before the one with the word ("в XIX и XX вв." → в девятнадцатом и двадцатом веках)."""
    number = roman_value(match.group(1))
    if number is None:
        return None
    return ordinal(number, _century_case(context, match.start(), match.group(3), False)[0])


#: A part of a span before a century or a year ("нач.", "сер.", "кон.", "пол."), which asks the genitive.
_PART_OF = re.compile(r"(?<!\w)(?i:нач|сер|кон|пол|начал\w*|середин\w*|конц\w*|конец|половин\w*)\.?\s*$")


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
    """A number joined to a word ("175-летию" → стосемидесятипятилетию, "2-х" → двух)."""
    written, ending = match.groups()
    number = to_int(written)
    if ending in ("ух", "ёх"):  # "2-ух", "3-ёх": двух, трёх
        ending = "х"
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


def _glued_ending(match: re.Match, context: Context) -> str | None:
    """A case ending typed without its hyphen: "в 2х томах" → двух, "в 90х годах" → девяностых."""
    said = _compound(match, context)
    if said is None and match.group(2) in _ORDINAL_ENDINGS:
        return _ordinal_suffix(match, context)
    return said


#: Words before a number with a point that numbers a part ("п. 1.2", "раздел 2.3"), not a decimal.
_SECTION_BEFORE = re.compile(
    r"(?<!\w)(?:(?i:п|пп|разд|гл|табл|рис|прил|ст)\.|(?i:пункт\w*|раздел\w*|глав\w+|таблиц\w+|рисун\w+|приложени\w+|верси\w+)|УДК|ББК)\s*$"
)


def _point_decimal(match: re.Match, context: Context) -> str | None:
    """A decimal written with a point ("в 3.50 раза", "составила 7.4", "38.2 %"), read as one with a
    comma; not a part number ("п. 1.2", a heading "1.2. Работа…"), a day and month ("12.04") or a
    thousands point ("3.500")."""
    whole, fraction, unit = match.groups()
    if _SECTION_BEFORE.search(context.text[: match.start()]):
        return None
    measured = unit or re.match(r" ?(?:раза|раз)(?!\w)", context.text[match.end() :])
    heading = not context.text[: match.start()].rsplit("\n", 1)[-1].strip()  # "1.2. Работа с читателями"
    day_month = len(fraction) == 2 and 1 <= int(whole) <= 31 and 1 <= int(fraction) <= 12
    if not measured and (heading or len(fraction) == 3 or day_month):
        return None
    return _number(match, context)


def _section(match: re.Match, context: Context) -> str | None:
    """A part number after its word ("п. 1.2", "раздел 2.3.1") → один точка два."""
    if not _SECTION_BEFORE.search(context.text[: match.start()]):
        return None
    return " точка ".join(cardinal(int(part)) for part in match.group().split("."))


def _compound_stem(number: int) -> str:
    """The first part of a compound word with a number: the genitive, joined ("пяти", "двух")."""
    special = {1: "одно", 90: "девяносто", 100: "сто", 1000: "тысяче"}
    if number in special:
        return special[number]
    words = cardinal(number, "gent").split()
    # the compound keeps "сто" and "девяносто" ("стодвадцатипятилетие", "девяностопятилетие"),
    # as "столетие" does; the other numbers are genitives ("двухсотлетие", "сорокалетие")
    return "".join({"ста": "сто", "девяноста": "девяносто"}.get(word, word) for word in words)


def _quarter(match: re.Match, context: Context) -> str | None:
    """ "за I кв. 2024 г.", "во 2 кв." → за первый квартал, во втором квартале (not "кв." a flat)."""
    number = roman_value(match.group(1)) if not match.group(1).isdigit() else int(match.group(1))
    if not number or number > 4:
        return None
    before = context.word_before(match.start())
    case = "accs" if before in ("за", "на") else noun_case(context, match.start(), "квартал")  # "план на IV кв."
    return f"{ordinal(number, case)} {inflect('квартал', case)}"


def _roman_before_noun(match: re.Match, context: Context) -> str | None:
    """A Roman numeral before a noun it counts ("в IV квартале" → четвёртом)."""
    written, word = match.groups()
    said = _roman_ordinal(written, word, context.words_after(match.end(), 2))
    return None if said is None else f"{said} {word}"


def _roman_in_list(match: re.Match, context: Context) -> str | None:
    """A Roman numeral in a list before the noun they share ("I, II и III степени" → первой, второй…)."""
    written, word = match.groups()
    return _roman_ordinal(written, word)


def _roman_ordinal(written: str, word: str, after: list[str] = ()) -> str | None:
    """The Roman numeral ``written`` as an ordinal agreeing with ``word`` after it (and with the noun
    in ``after`` when ``word`` is its adjective), else None."""
    number = roman_value(written)
    if number is None or (len(written) == 1 and written not in "IVXІХ"):
        return None  # a lone Latin C, M, L, D is a mistyped Cyrillic letter ("C Новым годом")
    first = analyses(word.lower())[0]
    nouns = _noun_parses([word.lower(), *after]) if first.tag.POS in ("ADJF", "PRTF") and after else []
    if nouns and nouns[0].tag.gender in _GENDER_CODE:  # "XV областной фестиваль" → пятнадцатый
        noun = nouns[0].tag
        return ordinal(number, case_of(noun), noun.gender, noun.number == "plur")
    if first.tag.POS in ("ADJF", "PRTF") and first.tag.case:  # "ІІІ Международном форуме"
        plural = first.tag.number == "plur"
        gender = first.tag.gender if first.tag.gender in _GENDER_CODE else "masc"
        return ordinal(number, case_of(first.tag), gender, plural)
    nouns = [p for p in analyses(word.lower()) if p.tag.POS == "NOUN" and p.tag.gender in _GENDER_CODE]
    if not nouns:
        return None
    return ordinal(number, case_of(nouns[0].tag), nouns[0].tag.gender)


def _year_from(match: re.Match, context: Context) -> str | None:
    """ "с 2019 по 2023 год": the first year of a span, an ordinal in its preposition's case."""
    first, preposition = match.groups()
    if context.word_before(match.start()) not in ("с", "со", "от", "из"):
        return None
    return f"{ordinal(int(first), 'gent')} {preposition}"


#: Nouns of what an area costs or asks ("стоимость 1 кв. м"): the area after them is owned, genitive.
_PER_AREA = {"стоимость", "цена", "аренда", "ремонт", "содержание", "уборка", "отопление", "оценка"}


def _priced(context: Context, start: int, before: str) -> bool:
    """Whether an area follows a noun of its cost or upkeep, with nothing between ("Стоимость 1 кв. м")."""
    if not before or not re.search(r"[\w] $", context.text[:start]):
        return False
    return any(p.normal_form in _PER_AREA and p.tag.POS == "NOUN" for p in analyses(before)[:2])


def _square_metres(match: re.Match, context: Context) -> str:
    """ "450 кв. м", "420 м²", "420 м2" → четыреста двадцать квадратных метров ("км²": километров),
    number and words in the sentence's case."""
    written, fraction, dotted, raised = match.groups()
    lemma = {"м": "метр", "км": "километр"}[dotted or raised]
    number = to_int(written)
    before = _governing(context.word_before(match.start()))
    if fraction:
        return f"{decimal(number, fraction, _decimal_case(before, []))} квадратного {inflect(lemma, 'gent')}"
    case = _unit_case(before, number)
    if case == "nomn" and _priced(context, match.start(), before):
        case = "gent"  # "Стоимость 1 кв. м" → одного квадратного метра, "аренда 100 м²" → ста
    one = _class(number) == "one"
    if case in ("nomn", "accs") and not one:
        adjective = "квадратных"
    else:
        said_case = "nomn" if case == "accs" and one else case  # "на 21 м²": an inanimate accusative
        form = analyses("квадратный")[0].inflect({said_case, "sing" if one else "plur"})
        adjective = form.word if form else "квадратных"
    return f"{cardinal(number, case)} {adjective} {_agree_noun(lemma, number, case)}"


def _house_letter(match: re.Match, context: Context) -> str:
    """ "д. 9а", "12б": a number with a letter (a house, a class) → девять а, двенадцать бэ."""
    return f"{cardinal(int(match.group(1)))} {spell_acronym(match.group(2), 'ru')}"


def _district(match: re.Match, context: Context) -> str:
    """ "в 11 мкр." → в одиннадцатом микрорайоне: a number before the abbreviation numbers the district."""
    case = noun_case(context, match.start(), "микрорайон", owner=True)
    return f"{ordinal(to_int(match.group(1)), case)} {inflect('микрорайон', case)}"


def _fraction(match: re.Match, context: Context) -> str:
    """ "1/3 фонда" → одна третья, "около 2/3" → двух третьих: a common fraction in its preposition's case."""
    numerator, denominator = int(match.group(1)), int(match.group(2))
    before = _word_before(context, match.start())
    case = _unit_case(before, numerator)
    if _class(numerator) == "one":
        said = cardinal(numerator, "nomn" if case == "accs" else case, "femn")
        said = said.removesuffix("одна") + "одну" if case == "accs" else said
        return f"{said} {ordinal(denominator, case, 'femn')}"
    plain = case in ("nomn", "accs")
    return f"{cardinal(numerator, 'nomn' if plain else case, 'femn')} {ordinal(denominator, 'gent' if plain else case, 'femn', True)}"


def _number_sign(match: re.Match, context: Context) -> str:
    """ "№ 5" → номер пять; a document's letters after a hyphen are spelled ("№ 45-п" → сорок пять пэ,
    "№ 12-ОД" → двенадцать о дэ)."""
    signs, written, letters = match.groups()
    said = ("номера " if len(signs) > 1 else "номер ") + cardinal(to_int(written))
    return said + "".join(f" {letter_name(letter, 'ru')}" for letter in letters or "")


def rules() -> list[Rule]:
    """The Russian rules, most specific first."""
    roman = f"[{ROMAN_LETTERS}]+"
    return [
        rule(r"(?<![\w.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)(?: ?(?:г\.|года)(?!\w))?", _date),
        rule(
            r"(?<![\w.,])(\d{3,4})(?:( ?[–—-] ?)(\d{2,4}))? ?(гг\.|г\.|(?i:годами|годах|годам|годов|годы|года|году|годом|год))(?!\w)",
            _year,
        ),
        rule(r"(?<![\w.,])(\d{4}) (по|до)(?= \d{4} ?(?:гг\.|г\.|(?i:год)\w*))", _year_from),
        rule(
            r"(?<![\w.,])(\d{4})(?=((?:(?:, ?| (?:и|или) )\d{4})+) ?(гг\.|(?i:годах|годы|годов|годам|годами))(?!\w))",
            _listed_year,
        ),
        rule(  # a document's letters, not an ordinal's ending ("№ 3-й")
            r"(№+) ?(\d+)(?:-(?!(?:й|я|е|ю|го|му|м|х|ми|ого|ому|ая|ое|ые|ых|ым|ой)(?![\w-]))([а-яёА-ЯЁ]{1,3})(?![\w-]))?",
            _number_sign,
        ),
        rule(r"(?<![\w.,:])([01]?\d|2[0-3])[.:]([0-5]\d) ?ч\.", _clock_hours),
        rule(r"(?<![\w.,:])([01]?\d|2[0-3]):([0-5]\d) ?[–—-] ?([01]?\d|2[0-3]):([0-5]\d)(?![\d:])", _time),
        rule(r"(?<![\w.,:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])", _time),
        rule(rf"(?<![\w.])(?:{_WEEKDAY})\.?(?:(?: ?[–—-] ?|, ?| и )(?:{_WEEKDAY})\.?)+(?!\w)", _weekdays),
        rule(r"(?<![\w.])[Сс]б\.", _collection),  # "Сб. статей", "Краеведческий сб.": a collection
        rule(r"(?<![\w.])(?<!\d )(?i:пн|вт|чт|пт|сб|вс)\.", _weekdays),  # "Выходной — вс."; "ср." is also "compare"
        # a lower-case day alone ("кроме вс", "в пт состоится"): no other word is spelled so; "100 Вт" is watts
        rule(r"(?<![\w.])(?<!\d )(?:пн|вт|чт|пт|сб|вс)(?![\w.])", _weekdays),
        rule(rf"(?<!\w)((?i:с|со)) ({_WEEKDAY})\.? по ({_WEEKDAY})\.?(?!\w)", _weekday_from_to),
        rule(rf"(?<=[а-яё] )(?:{_WEEKDAY})\.?(?= (?:месяца|недели)(?!\w))", _weekday_of),  # "последняя пт месяца"
        # "(чт)", "сб:", "вс – выходной", "пт 9:00": a day without its point in brackets, before a
        # colon, a day off or a time
        rule(
            rf"(?<![\w.])(?![А-ЯЁ]{{2}})(?:{_WEEKDAY})(?=\)|:| ?[–—-] ?(?i:выходн|санитарн)| [0-2]?\d:\d\d)", _weekdays
        ),
        rule(_DAY_MONTH, _day_month),
        rule(  # "11.00–12.30 – пленарное заседание": a span of times written with points
            r"(?<![\w.,:])([01]?\d|2[0-3])\.([0-5]\d) ?[–—-] ?([01]?\d|2[0-3])\.([0-5]\d)(?![\d:]|[.,]\d)",
            _time,
        ),
        rule(r"(?<![\w.,:])([01]?\d|2[0-3])\.([0-5]\d)(?![\d:]|[.,]\d)", _dotted_time),
        rule(r"(?<![\w.,])(\d+) ?[×xх] ?(\d+)(?: ?(см|мм|м|км)(?!\w))?", _size),  # "60×84", "30x40 см"
        rule(  # a work schedule: "график 5/2" → пять через два (days on, days off), not a fraction
            r"(?<!\w)((?i:график|графика|графиком|графике|режим|режима|режиме|режимом)(?: работы)? )(\d)/(\d)(?![\d/])",
            lambda m, c: f"{m.group(1)}{cardinal(int(m.group(2)))} через {cardinal(int(m.group(3)))}",
        ),
        rule(rf"(?<![\w.,])([0-3]?\d) ?[–—-] ?([0-3]?\d) ({'|'.join(MONTHS)})(?!\w)", _day_range),
        rule(
            r"(?<![\w.,])(\d{1,2})(?: ?[–—-] ?(\d{1,2})(?:-(?:ых|х|ым|м|ыми|ми|ые|е))?)? ?((?:«[А-ЯЁ]»|\"[А-ЯЁ]\"|[А-ЯЁ]) )?(класс|класса|классе|классу|классом|классы|классов|классах|классам|классами|кл\.)(?!\w)",
            _grade,
        ),
        rule(r"(?<![\w.,])(\d{1,3})(?: ?[–—-] ?(\d{1,3}))? (лет)(?!\w)", _age),
        rule(r"(?<!\w)([Вв]) (?=(?:2-(?:ом|ой|м|й|е|ю)|[IІ]{2}) |2 класс|2 ?мкрн?\.)", lambda m, c: m.group(1) + "о "),
        rule(r"(?<!\w)([Вв]) (?=2 [а-яё])", _vo_second),
        rule(  # "с 2 января", "с 2-го класса", "с II полугодия" → со второго
            rf"(?<!\w)([Сс]) (?=(?:2-(?:го|й|ой|ого)|[IІ]{{2}}) |2 (?:{'|'.join(MONTHS)}|класса|по \d))",
            lambda m, c: m.group(1) + "о ",
        ),
        rule(
            r"(?<![\w.,])(\d{4}) ?[–—/-] ?(\d{4}|\d{2}) (учебн\w+|отчётн\w+|отчетн\w+|уч\.) ?(годами|годах|годам|годов|годы|года|году|годом|год|г\.)(?!\w)",
            _academic_year,
        ),
        rule(
            r"(?<![\w.,])(\d+)-(ух|ёх|х|ти|ми|мя|ю|(?:лети|летн|дневн|процентн|томн|месячн|часов|этажн|тысячн|минутн|недельн)\w*)(?!\w)",
            _compound,
        ),
        rule(r"(?<![\w.,])(\d+)(х|ти|ми|мя)(?!\w)", _glued_ending),
        rule(
            r"(?<![\w.,])(\d{2,4}) ?[–—-] ?(\d{2})-(е|ые|х|ых)(?!\w)(?: (гг\.|(?i:годы|годов|годах|годам|годами)(?!\w)))?",
            _decade_range,
        ),
        rule(
            r"(?<![\w.,])(\d+)-(ыми|ого|ому|ый|ий|ой|ая|ое|ые|ым|ом|ых|ую|ья|ье|ьи|ем|ей|й|я|е|го|му|м|х|ми|ю)(?!\w)",
            _ordinal_suffix,
        ),
        rule(rf"(?<![\w.])({roman})-(ый|ий|ой|ая|ое|ые|ом|ых|ую|й|я|е|го|му|м|х|ю)(?!\w)", _roman_suffix),
        rule(
            rf"(?<![\w.])({roman})(?: ?[–—-] ?({roman}))? ?((?i:века|веке|веку|веком|веков|веках|векам|век)|вв\.|в\.)(?!\w)",
            _century,
        ),
        rule(
            rf"(?<!\w)((?i:{'|'.join(_CHAPTER_WORDS.split())})) (\d+|{roman})(?![\w-]|\.\d)", _chapter
        ),  # not "Книги 3-х авторов"
        rule(r"(?<!\w)([А-ЯЁ][а-яё]+) ([IVXІХ]+)(?!\w)", _ruler),
        rule(r"(?<![\w.])([IVІ]{1,3}|[1-4])(?:-?й)? ?кв\.(?!\w)(?! ?к?м(?!\w))", _quarter),  # not "1 кв. м"
        rule(rf"(?<![\w.])({roman}) ([А-ЯЁа-яё][а-яё]+)", _roman_before_noun),
        rule(
            rf"(?<![\w.])({roman})(?=((?:(?:, ?| и | или ){roman})+) ?(вв\.|(?i:веках|века|веков|векам|веками))(?!\w))",
            _listed_century,
        ),
        rule(rf"(?<![\w.])({roman})(?=(?:(?:, ?| и | или ){roman})+ ([А-ЯЁа-яё][а-яё]+))", _roman_in_list),
        rule(rf"([$€₽₸]) ?({NUMBER})(?:,(\d+))?(?!\d)(?: ?(млн|млрд|трлн|тыс\.)(?!\w))?", _currency_first),
        rule(rf"(?<!\w)(?<!\d[.,])({NUMBER})(?:,(\d+))? ?(?:кв\. ?(км|м)\.?|(км|м)[²2])(?![\w²])", _square_metres),
        rule(r"(?<![\w.,])(\d{1,4})([а-е])(?!\w)", _house_letter),
        rule(r"(?<![\w.,])(\d{1,3}) ?мкрн?\.?(?!\w)", _district),
        *ru_words.rules(),
        rule(r"(?<![\w./])24/7(?![\w/])", lambda m, c: "двадцать четыре на семь"),  # round the clock
        rule(r"(?<![\w./])([1-9])/([2-9]|10)(?![\w/]|[.,]\d)", _fraction),
        rule(r"(?<![\w.,])\d{1,3}(?:\.\d{1,3})+(?!\d|\.\d)", _section),
        rule(rf"(?<![\w.,])(\d{{1,6}})\.(\d{{1,3}})(?!\d|\.\d|-\w)(?: ?({_UNIT}))?", _point_decimal),
        rule(rf"(?<!\w)(?<!\d[.,])({NUMBER})(?:,(\d+))?(?!\d)(?: ?({_UNIT}))?", _number),
        rule(r"(?<=\w)( ?)([$€₽₸])(?! ?\d)", lambda m, c: " " + inflect(_UNITS[m.group(2)], "gent", True)),
        rule(r"(?<=\d)\+(?![\w+])", lambda m, c: " плюс"),  # "12+": an age rating
        rule(r"(?<![\w+−-])([+−-])(?=\d+(?:,\d+)? ?°)", lambda m, c: "плюс " if m.group(1) == "+" else "минус "),
        rule(r"/(?:мес|месяц)\.?(?!\w)", lambda m, c: " в месяц"),  # "1 500 тг/мес."
        rule(r"/(?:чел|человек)\.?(?!\w)", lambda m, c: " с человека"),  # "3 000 тг/чел."
        rule(r"/(?:год|г)\.?(?!\w)", lambda m, c: " в год"),
        rule(r"/(?:день|сут)\.?(?!\w)", lambda m, c: " в день" if m.group().startswith("/д") else " в сутки"),
        roman_rule(cardinal),
    ]
