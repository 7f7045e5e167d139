"""Russian morphology for the normaliser: pymorphy3's analyses, the case a preposition or the
word before asks, and nouns and noun phrases put in that case.

Used by ``ru.py`` (numbers agree with the nouns after them) and ``ru_words.py``
(abbreviations and acronyms said in the case the sentence asks).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pymorphy3

from .common import Context

_CASE_ALIAS = {"loc2": "loct", "gen2": "gent", "gen1": "gent", "acc2": "accs", "voct": "nomn"}

#: The cases a preposition (or a noun such as "размере") asks of a number after it, likeliest first.
PREPOSITIONS = {
    **dict.fromkeys(
        "из от до без для около у после кроме свыше более менее против среди вокруг возле вместо ради "
        "из-за начиная порядка ок больше меньше старше младше моложе выше ниже размере объёме объеме количестве течение пределах "
        "сумме уровне участием участии составе присутствии помощью".split(),
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


@lru_cache(maxsize=1)
def _morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=8192)
def analyses(word: str) -> tuple:
    """pymorphy3's analyses of ``word``, remembered: books repeat their nouns."""
    return tuple(_morph().parse(word))


def case_of(tag) -> str:
    """The case of a pymorphy3 tag as one of the six (loc2 → loct, gen2 → gent…)."""
    return _CASE_ALIAS.get(tag.case, tag.case or "nomn")


def prep_case(before: str, default: str = "nomn") -> str:
    """The case a preposition asks of a number read without a noun to agree with."""
    if PREPOSITIONS.get(before, [""])[0] == "accs":
        return "nomn"  # an inanimate accusative reads as the nominative
    return next((c for c in PREPOSITIONS.get(before, []) if c in ("gent", "datv", "loct")), default)


#: Nouns that never change (pymorphy guesses forms for some of them).
INDECLINABLE = {"тенге", "евро"}


def noun(lemma: str):
    """pymorphy3's analysis of ``lemma`` as a noun in its dictionary form (the nominative: "килограмм"
    is a counting genitive too), else its likeliest one."""
    parses = analyses(lemma)
    nouns = [p for p in parses if p.tag.POS == "NOUN" and p.normal_form == lemma]
    return next((p for p in nouns if p.tag.case == "nomn"), nouns[0] if nouns else parses[0])


@lru_cache(maxsize=512)
def inflect(lemma: str, case: str, plural: bool = False) -> str:
    if lemma in INDECLINABLE:
        return lemma
    parse = noun(lemma)
    if lemma == "год" and case == "loct" and not plural:
        case = "loc2"  # в году, not в годе
    form = parse.inflect({case, "plur" if plural else "sing"})
    return form.word if form else lemma


#: The case a preposition asks of a noun (a place, an institution) after it.
_NOUN_CASES = {
    **dict.fromkeys("в во на о об обо при".split(), "loct"),
    **dict.fromkeys("к ко по согласно благодаря".split(), "datv"),
    **dict.fromkeys("с со за под над перед между".split(), "ablt"),
    **dict.fromkeys("про через см".split(), "accs"),
}


#: Places one comes from or enters by ("с ул. Абая" → с улицы): after "с" they are in the genitive.
_STREETS = {
    *"улица проспект площадь переулок бульвар набережная микрорайон шоссе город посёлок село дом".split(),
    *"район область корпус станция".split(),
}
#: Words that make the "с" before a place mean "with" ("рядом с ул. Абая", "на пересечении с пр. Абая").
_WITH = re.compile(
    r"(?<!\w)(?i:рядом|вместе|наряду|совместно|пересечени\w|угол|углу|граничит|граничащ\w+|соседству|сравнению|связи)"
    r"\s+со?\s+$"
)


#: Abbreviations of places that follow a noun in the genitive ("Жители г. Балхаш" → города).
_PLACES = {"город", "посёлок", "село", "век", "год", "квартал"}


def noun_case(context: Context, position: int, lemma: str = "", owner: bool = False, gender: str | None = None) -> str:
    """The case of a noun at ``position`` from the word before it: its preposition's case, the
    genitive after a noun when ``owner`` ("Закон РК", "сотрудники ЦГБ"), the accusative after a
    transitive verb, else the nominative."""
    before = context.word_before(position)
    joined = re.search(r"(?<!\w)(\w+)\s+(?:и|или)\s+$", context.text[:position])
    if joined and owner and joined.group(1).isupper():  # "из РК и РФ": the case of the first
        return noun_case(context, joined.start(1), lemma, owner, gender)
    if re.search(r"(?<!\w)(?i:см)\.\s*$", context.text[:position]):
        before = "см"  # "см. с. 12": see page twelve, an accusative
    if before in _NOUN_CASES:
        if before in ("в", "во", "на") and _after_motion(context.text[:position]):
            return "accs"  # "переехал на ул. Желтоксан" → на улицу
        if before in ("с", "со") and lemma in _STREETS and not _WITH.search(context.text[:position]):
            return "gent"  # "Вход с ул. Абая": from the street; "рядом с ул. Абая" → с улицей
        return _NOUN_CASES[before]
    if before in PREPOSITIONS:
        return prep_case(before)
    if any(p.tag.POS in _VERBS and p.normal_form in INSTRUMENTAL_VERBS for p in analyses(before)[:2]):
        return "ablt"  # "датируются XVIII в." → восемнадцатым веком, "руководит ЦБС" → системой
    if owner and analyses(before)[0].tag.POS == "PRTS" and "pssv" in analyses(before)[0].tag:
        return "ablt"  # who did it: "Конкурс организован ЦГБ" → центральной городской библиотекой
    agreed = _adjective_case(context, position, before, lemma)
    if agreed:
        return agreed  # "ЦБС Абайской обл." → области, "Карагандинская обл." → область
    if not before or not (owner or lemma in _PLACES) or re.search(r"[.!?:;,]\s*$", context.text[:position]):
        return "nomn"
    parses = analyses(before)
    written = re.search(r"(\w+)[\s«\"(]*$", context.text[:position])
    if (
        parses[0].tag.POS == "NOUN"
        or re.fullmatch(r"\w{1,3}-\w{1,3}", before)  # a contracted noun: "в б-ку с. Каракол"
        or "Subx" in parses[0].tag  # a participle used as a noun: "Заведующая ЦДБ"
        or (written and len(written.group(1)) > 1 and written.group(1).isupper())
    ):
        return "gent"  # "Закон РК", "ЦГДБ г. Балхаш"
    verb = parses[0].tag
    if owner and verb.POS == "VERB" and "tran" in verb:
        # "Конференцию организовала ЦГБ": the subject; "Читатели посетили ЦГБ": the object
        clause = re.split(r"[.!?;:]", context.text[:position])[-1].split()[:-1]
        if not agrees(verb, gender) or any(agrees(verb, p.tag.gender, p.tag) for p in subjects(clause)):
            return "accs"
    return "nomn"


#: Verbs whose object is in the instrumental (not the copulas: "Организатором является ЦГБ").
INSTRUMENTAL_VERBS = set(
    "датироваться руководить заведовать управлять заниматься пользоваться гордиться интересоваться "
    "увлекаться обладать располагать владеть ограничиваться восхищаться любоваться".split()
)
_VERBS = {"VERB", "INFN", "GRND"}  # not a participle used as a noun: "Заведующая ЦДБ"


#: Verbs of moving somewhere: "в", "на" after them ask the accusative (where to), not the locative.
_MOTION_VERBS = {
    "переехать",
    "переезжать",
    "приехать",
    "приезжать",
    "поехать",
    "ехать",
    "прийти",
    "приходить",
    "пойти",
    "отправиться",
    "отправляться",
    "направить",
    "направлять",
    "направиться",
    "пригласить",
    "приглашать",
    "переместить",
    "перенести",
    "переносить",
    "перевести",
    "переводить",
    "вернуться",
    "возвращаться",
    "выехать",
    "выезжать",
    "прибыть",
    "прибывать",
    "поступить",
    "передать",
    "передавать",
    "доставить",
}


def _after_motion(before: str) -> bool:
    """Whether the preposition ending ``before`` follows a verb of motion ("переехал на"), also
    across a "from" phrase between them ("переехала с пр. Назарбаева на пл. Республики")."""
    clause = re.split(r"(?<=\w{4})\.\s|[!?;:,(—–]\s", before)[-1]
    words = [w.lower() for w in re.findall(r"\w+", clause)[:-1]]
    for index in range(len(words) - 1, -1, -1):
        parses = analyses(words[index])[:2]
        if any(p.tag.POS in ("VERB", "INFN", "PRTS", "PRTF", "GRND") and p.score > 0.2 for p in parses):
            between = words[index + 1 :]
            from_phrase = not between or (
                between[0] in ("с", "со", "из", "от") and not {"в", "во", "на"} & set(between)
            )
            return from_phrase and any(p.normal_form in _MOTION_VERBS for p in parses)
    return False


def _adjective_case(context: Context, position: int, before: str, lemma: str) -> str | None:
    """The case of a noun after an adjective that agrees with it: the adjective's own case, the
    one its preposition asks when it has several ("в Абайской обл."), else the genitive."""
    if not lemma or not re.search(r"\w\s*$", context.text[:position]):
        return None
    gender = noun(lemma).tag.gender
    parses = [p for p in analyses(before) if p.tag.POS == "ADJF" and p.tag.number == "sing" and p.tag.gender == gender]
    if not parses or analyses(before)[0].tag.POS != "ADJF":
        return None
    cases = [case_of(p.tag) for p in parses]
    if "nomn" in cases:
        return "nomn"
    start = re.search(r"([\w-]+)[\s«\"(]*$", context.text[:position]).start(1)
    preposition = noun_case(context, start, lemma) if len(cases) > 1 else cases[0]
    return preposition if preposition in cases else "gent" if "gent" in cases else cases[0]


def agrees(verb, gender: str | None, noun=None) -> bool:
    """Whether a verb form can have a singular noun of ``gender`` (or the noun ``noun``) as its subject."""
    number = noun.number if noun is not None else "sing"
    if verb.number and verb.number != number:
        return False
    return not (verb.gender and number == "sing" and gender and verb.gender != gender)


def subjects(words: list[str]) -> list:
    """The analyses of the nouns in the nominative among ``words`` (the clause before a verb)."""
    parses = (analyses(word.strip('«»"(),').lower())[0] for word in words)
    return [p for p in parses if p.tag.POS == "NOUN" and p.tag.case == "nomn"]


def inflect_phrase(phrase: str, case: str) -> str:
    """A noun phrase ("централизованная библиотечная система") put in ``case``; words after "|" stay."""
    head, _, tail = phrase.partition("|")
    said = []
    for word in head.split():
        parse = next((p for p in analyses(word.lower()) if p.tag.case == "nomn"), analyses(word.lower())[0])
        form = parse.inflect({case, "sing"})
        inflected = form.word if form else word
        said.append(inflected.capitalize() if word[0].isupper() else inflected)
    return " ".join(said + tail.split())
