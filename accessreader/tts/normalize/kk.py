"""Kazakh normalisation rules: numbers, years, dates, ordinals and abbreviations in words.

Cardinals come from ``num2words`` (its ``kz`` converter: "екі мың", "жиырма
бес"; 1 000–1 999 without "бір": "мың бес жүз"); ordinals, decimals and everything else are made here.  Kazakh numerals
do not change before a noun, so a number is its words and a case ending
written after a hyphen is joined to the last word as written ("5-тен" →
бестен), while any other word after the hyphen makes the number an ordinal
("5-сыныпта" → бесінші сыныпта); after a unit or a time the ending is made to suit the spoken
word ("10%-ке" → он пайызға); a possessive and a case ending make an owned cardinal ("14-інде" →
он төртінде, "3-еуі" → үшеуі).  Acronyms of the table are said in full with
their case ending ("ҚР-да" → Қазақстан Республикасында), others spelled with
Kazakh letter names ("ЦГДБ" → це-ге-де-бе).  Years are ordinals ("2025 жылы" → екі мың жиырма бесінші жылы), as
are centuries ("XXI ғасыр") and the day of a date ("01.07.2021" → екі мың
жиырма бірінші жылғы бірінші шілде).  A common fraction names its parts first ("1/3" → үштен
бір); a catalogue record's shorthand is said in full ("Құраст.", "2-бас.", "Ауд. Б. …" →
аударған, "3 т." → үш том); weekdays and opening hours are spans ("дс.–жм. 9:00–18:00" → дүйсенбі — жұма тоғыз нөл нөл —
он сегіз нөл нөл).
"""

from __future__ import annotations

import re

from num2words import num2words

from .common import (
    ACRONYM,
    LOWER,
    NUMBER,
    ROMAN_LETTERS,
    UPPER,
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

MONTHS = "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан".split()

_ORDINALS = {
    "нөл": "нөлінші",
    "бір": "бірінші",
    "екі": "екінші",
    "үш": "үшінші",
    "төрт": "төртінші",
    "бес": "бесінші",
    "алты": "алтыншы",
    "жеті": "жетінші",
    "сегіз": "сегізінші",
    "тоғыз": "тоғызыншы",
    "он": "оныншы",
    "жиырма": "жиырмасыншы",
    "отыз": "отызыншы",
    "қырық": "қырқыншы",
    "елу": "елуінші",
    "алпыс": "алпысыншы",
    "жетпіс": "жетпісінші",
    "сексен": "сексенінші",
    "тоқсан": "тоқсаныншы",
    "жүз": "жүзінші",
    "мың": "мыңыншы",
    "миллион": "миллионыншы",
    "миллиард": "миллиардыншы",
    "триллион": "триллионыншы",
}
_UNITS = {
    "%": "пайыз",
    "₸": "теңге",
    "тг.": "теңге",
    "тг": "теңге",
    "$": "доллар",
    "€": "еуро",
    "₽": "рубль",
    "руб.": "рубль",
    "млн": "миллион",
    "млрд": "миллиард",
    "трлн": "триллион",
    "б.": "бет",
    "км²": "шаршы километр",
    "км2": "шаршы километр",
    "м²": "шаршы метр",
    "м2": "шаршы метр",
    "кв. м": "шаршы метр",
    "кв.м": "шаршы метр",
    "шаршы м": "шаршы метр",
    "км": "километр",
    "кг": "килограмм",
    "см": "сантиметр",
    "мм": "миллиметр",
    "м": "метр",
    "га": "гектар",
    "°C": "градус",
    "°": "градус",
    "т.": "том",
    "т": "тонна",
    "л": "литр",
}
_UNIT = "|".join(
    re.escape(u) + (r"(?![\w.])" if u == "т" else r"(?!\w)" if u[-1].isalpha() else r"(?!\d)" if u[-1] == "2" else "")
    for u in sorted(_UNITS, key=len, reverse=True)
)
_ABBREVIATIONS = {
    "т. с. с.": "тағы сол сияқты",
    "ф. ғ. к.": "филология ғылымдарының кандидаты",
    "ф. ғ. д.": "филология ғылымдарының докторы",
    "п. ғ. к.": "педагогика ғылымдарының кандидаты",
    "п. ғ. д.": "педагогика ғылымдарының докторы",
    "т. ғ. к.": "тарих ғылымдарының кандидаты",
    "т. ғ. д.": "тарих ғылымдарының докторы",
    "э. ғ. к.": "экономика ғылымдарының кандидаты",
    "э. ғ. д.": "экономика ғылымдарының докторы",
    "з. ғ. к.": "заң ғылымдарының кандидаты",
    "з. ғ. д.": "заң ғылымдарының докторы",
    "т. б.": "тағы басқа",
    "б. з. д.": "біздің заманымызға дейін",
    "б. з. б.": "біздің заманымыздан бұрын",
    "б. з.": "біздің заманымыз",
    "мыс.": "мысалы",
    "жж.": "жылдары",
    "ж.": "жылы",
    "ғғ.": "ғасырлар",
    "ғ.": "ғасыр",
    "млн": "миллион",
    "млрд": "миллиард",
    "қ.": "қаласы",
    "обл.": "облысы",
    "ауд.": "ауданы",
    "атынд.": "атындағы",
    "атын.": "атындағы",
    "көш.": "көшесі",
    "проф.": "профессор",
    "құраст.": "құрастырған",
    "жауапты ред.": "жауапты редактор",
    "ред.": "редактор",
    "сур.": "суреттер",
    "толықт.": "толықтырылған",
    "өңд.": "өңделген",
    "бас.": "басылым",
    "акад.": "академик",
    "тг.": "теңге",
    "тел.": "телефон",
    "қаз.": "қазақ",
    "ш. а.": "шағын ауданы",
    "к-сі": "көшесі",
    "д-лы": "даңғылы",
    "даңғ.": "даңғылы",
    "даң.": "даңғылы",
}
#: Abbreviations written in lower case only: "Қ." is an initial, "қ." a city.
_LOWER_ONLY = {"қ.", "ж.", "ғ."}
_YEAR_WORDS = {"ж.": "жылы", "жж.": "жылдары"}
_CENTURY_WORDS = {"ғ.": "ғасыр", "ғғ.": "ғасырлар"}
_CHAPTER_WORDS = (
    "тарау бөлім том кітап сынып бап тоқсан орын дәреже кезең жарты тур съезд форум байқау конференция фестиваль"
)
#: Case and plural endings written after a number and a hyphen ("5-тен", "10-ға"); any other word
#: there makes the number an ordinal ("5-сынып" → бесінші сынып).
_ENDINGS = set(
    "ға ге қа ке на не а е да де та те нда нде дан ден тан тен нан нен ның нің дың дің тың тің "
    "ны ні ды ді ты ті н мен бен пен лар лер дар дер тар тер дағы дегі тағы тегі ндағы ндегі "
    "еу ау ы і сы сі дай дей тай тей ден-ақ".split()
)
#: Acronyms said in full (the last word takes a case ending written after them: "ҚР-да").
_ACRONYMS = {
    "ҚР": "Қазақстан Республикасы",
    "РК": "Қазақстан Республикасы",
    "ОКЖ": "орталықтандырылған кітапханалар жүйесі",
    "ЖШС": "жауапкершілігі шектеулі серіктестік",
    "ҰОС": "Ұлы Отан соғысы",
}
_SAID_AS_WORDS = {"БАҚ", "ЮНЕСКО", "НАТО", "ЮНИСЕФ", "ИРБИС", "КАБИС"}
#: Endings after a possessive word ("Республикасы" + locative → Республикасында), back and front.
_POSSESSIVE_ENDINGS = {
    "ның нің дың дің тың тің": ("ның", "нің"),
    "ға ге қа ке на не": ("на", "не"),
    "да де та те нда нде": ("нда", "нде"),
    "дағы дегі тағы тегі ндағы ндегі": ("ндағы", "ндегі"),
    "дан ден тан тен нан нен": ("нан", "нен"),
    "ны ні ды ді ты ті н": ("н", "н"),
    "мен бен пен": ("мен", "мен"),
}


def cardinal(number: int) -> str:
    """``number`` in Kazakh words ("екі мың жиырма бес").

    1 000–1 999 is "мың…" without "бір", as "жүз" is said for 100 and as Kazakh speakers and
    newsreaders say it ("мың тоғыз жүз отыз алтыншы жыл", "мың бес жүз теңге"); "бір мың" stays
    where a larger order comes first ("бір миллион бір мың", the thousands group named in full)
    and for a written "1 мың" (the number one before the word)."""
    if number >= 10**15:
        return " ".join(cardinal(int(d)) for d in str(number))
    said = num2words(number, lang="kz")
    return said.removeprefix("бір ") if 1000 <= number < 2000 else said


def ordinal(number: int) -> str:
    """``number`` as a Kazakh ordinal: the last word takes -ыншы/-інші/-ншы/-нші."""
    words = cardinal(number).split()
    words[-1] = _ORDINALS.get(words[-1], words[-1])
    return " ".join(words)


def decimal(whole: int, fraction: str) -> str:
    """``whole,fraction`` in words: "45,5" → "қырық бес бүтін оннан бес"."""
    places = ["оннан", "жүзден", "мыңнан", "он мыңнан"]
    if len(fraction) > len(places):
        return f"{cardinal(whole)} бүтін {' '.join(cardinal(int(d)) for d in fraction)}"
    return f"{cardinal(whole)} бүтін {places[len(fraction) - 1]} {cardinal(int(fraction))}"


def _date(match: re.Match, context: Context) -> str | None:
    day, month, year = (int(g) for g in match.groups())
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    name = MONTHS[month - 1]
    if re.match(r" (?:дейін|шейін)(?!\w)", context.text[match.end() :]):
        name += harmonise(name, "ға")  # "20.09.2024 ж. дейін" → жиырмасыншы қыркүйекке дейін
    return f"{ordinal(year)} жылғы {ordinal(day)} {name}"


def _year(match: re.Match, context: Context) -> str | None:
    first, second, word = match.groups()
    word = re.sub(r"^ж\. ?ж\.$", "жж.", word)  # "1941-1945 ж.ж."
    decade = word.lower().startswith("жылдар") and all(
        int(n) % 10 == 0 and int(n) < 100 for n in filter(None, (first, second))
    )
    if len(first) < 4 and word not in _YEAR_WORDS and not decade:
        return None  # "100 жыл": a hundred years, not a year; "90 жылдары" is the nineties
    said = ordinal(int(first))
    if second:
        end = int(first[: len(first) - len(second)] + second) if len(second) < len(first) else int(second)
        said += f" — {ordinal(end)}"
    if word == "ж." and re.match(rf" ?\d{{1,2}}[ -](?:{'|'.join(MONTHS)})", context.text[match.end() :]):
        return f"{said} жылғы"  # "2024 ж. 23 сәуірде": the year of a date
    if word in _YEAR_WORDS and re.match(_PART_OF_TIME, context.text[match.end() :]):
        # "1941–1945 жж. аралығындағы" → жылдар аралығындағы, "2020 ж. ішінде" → жыл ішінде (the bare
        # noun before аралығы, іші); "2020 ж. басында" → жылдың басында (the genitive before басы, соңы)
        bare = re.match(r" ?(?:аралығ|ішін)", context.text[match.end() :])
        plural = word == "жж."
        return f"{said} {('жылдар' if plural else 'жыл') if bare else ('жылдардың' if plural else 'жылдың')}"
    return f"{said} {_YEAR_WORDS.get(word, word)}"


#: A part of a time a year is owned by ("жж. аралығында", "ж. басында"): the year word is its owner.
_PART_OF_TIME = r" ?(?:аралығ\w*|басын\w*|басы(?!\w)|соңын\w*|соңы(?!\w)|ортасын\w*|ортасы(?!\w)|ішін\w*)"


def _century(match: re.Match, context: Context) -> str | None:
    first, second, word = match.groups()
    word = re.sub(r"^ғ\. ?ғ\.$", "ғғ.", word)  # "XVIII-XIX ғ.ғ."
    start, end = roman_value(first), roman_value(second) if second else None
    if start is None or (second and end is None):
        return None
    said = ordinal(start) + (f" — {ordinal(end)}" if second else "")
    return f"{said} {_CENTURY_WORDS.get(word, word)}"


def _roman_before_word(match: re.Match, context: Context) -> str | None:
    written, word = match.groups()
    number = roman_value(written)
    return None if number is None else f"{ordinal(number)} {word}"


def _number(match: re.Match, context: Context) -> str:
    written, fraction, unit, ending = match.groups()
    postcode = re.fullmatch(r"\d{6}", written) and re.match(rf", ?[{UPPER}][{LOWER}]+", context.text[match.end() :])
    if (written[0] == "0" and len(written) > 1 and not fraction and not unit) or postcode:
        return " ".join(cardinal(int(d)) for d in written if d.isdigit())  # "050000": a postcode, a code
    number = to_int(written)
    said = decimal(number, fraction) if fraction else cardinal(number)
    if unit:
        return f"{said} {_UNITS[unit]}{harmonise(_UNITS[unit], ending) if ending else ''}"  # "10%-ке" → пайызға
    after = context.words_after(match.end(), 1)
    if not fraction and after and 1 <= number <= 31 and after[0].startswith(_MONTH_STEMS):
        return ordinal(number)
    if not fraction and after and after[0].startswith("ғасыр"):
        return ordinal(number)  # "1 ғасыр": the first century
    return said


#: The months as a word may begin with them: "қыркүйек" softens before a vowel ("12 қыркүйегінде").
_MONTH_STEMS = (*MONTHS, "қыркүйег")


#: Case endings by what they do, each as (after a back vowel, after a front one) per the sound before.
_ENDING_KINDS = {
    "dative": "ға ге қа ке на не а е",
    "locative": "да де та те нда нде",
    "ablative": "дан ден тан тен нан нен",
    "genitive": "ның нің дың дің тың тің",
    "accusative": "ны ні ды ді ты ті",
    "instrumental": "мен бен пен",
    "possessive": "ы і сы сі",
    "plural": "лар лер дар дер тар тер",
}
_VOICELESS = set("кқпстфхцчшщбвгд")
_NASAL = set("мнң")


def harmonise(word: str, ending: str) -> str:
    """``ending`` (written to suit another word) made to suit ``word`` by Kazakh vowel harmony and
    the sound it ends with: "пайыз" + "ке" → пайызға, "нөл" + "ға" → нөлге; an ending of another
    kind is kept as written."""
    kind = next((k for k, endings in _ENDING_KINDS.items() if ending in endings.split()), None)
    vowels = re.findall("[аоұыяэеәөүіиюё]", word.lower())
    if kind is None or not vowels:
        return ending
    back = vowels[-1] in "аоұыя"
    last = word[-1].lower()
    vowel = last in "аоұыяэеәөүіиюё"
    if kind == "dative":
        said = "қа" if last in _VOICELESS else "ға"
    elif kind == "locative":
        said = "та" if last in _VOICELESS else "да"
    elif kind == "ablative":
        said = "нан" if last in _NASAL else "тан" if last in _VOICELESS else "дан"
    elif kind == "genitive":
        said = "ның" if vowel or last in _NASAL else "тың" if last in _VOICELESS else "дың"
    elif kind == "accusative":
        said = "ны" if vowel else "ты" if last in _VOICELESS else "ды"
    elif kind == "instrumental":
        return "бен" if last in "жз" else "пен" if last in _VOICELESS else "мен"
    elif kind == "possessive":
        said = "сы" if vowel else "ы"
    else:
        said = "лар" if vowel or last in "рйу" else "тар" if last in _VOICELESS else "дар"
    if back:
        return said
    return said.translate(str.maketrans("аықғ", "еікг"))


def _point_decimal(match: re.Match, context: Context) -> str | None:
    """A decimal written with a point ("3.5 %-ға", "2.4 есе"), read as one with a comma; not a
    time ("9.00"), a day and month ("12.04"), a thousands point ("3.500") or a heading's number."""
    whole, fraction, unit, _ending = match.groups()
    measured = unit or re.match(r" ?(?:есе|рет)(?!\w)", context.text[match.end() :])
    heading = not context.text[: match.start()].rsplit("\n", 1)[-1].strip()  # "1.2. Оқырмандармен жұмыс"
    if not measured and (heading or len(fraction) != 1 or int(whole) > 999):
        return None
    return _number(match, context)


def _time(match: re.Match, context: Context) -> str:
    """ "9:00", "18:30-ға": the hour and the minutes ("тоғыз нөл нөл"), a case ending joined.  A full
    hour with an ending is the hour alone, as a newsreader says it: "сағат 15:00-де" → сағат он бесте,
    "10:00-ден 19:00-ге дейін" → оннан он тоғызға дейін."""
    hour, minutes, ending = match.groups()
    said = cardinal(int(hour))
    if minutes != "00":
        said += f" {_say_minutes(minutes)}"
    elif not ending:
        said += " нөл нөл"
    return said + (harmonise(said, ending) if ending else "")


def _programme_time(match: re.Match, context: Context) -> str | None:
    """A programme's line, "10.00 – тіркеу": a time written with a point, at a line's start or after
    a colon or a semicolon, before a dash and the item."""
    if not re.search(r"(?:^|[:;\n])\s*$", context.text[: match.start()]):
        return None
    return _time(match, context)


def _size(match: re.Match, context: Context) -> str:
    """A size, "30×40 см" → отызға қырық: the first number with the dative, as Kazakh says it."""
    first = cardinal(int(match.group(1)))
    unit = f" {_UNITS[match.group(3)]}" if match.group(3) else ""
    return f"{first}{harmonise(first, 'ға')} {cardinal(int(match.group(2)))}{unit}"


def _time_span(match: re.Match, context: Context) -> str:
    """ "9:00–18:00" → тоғыз нөл нөл — он сегіз нөл нөл (a case ending stays on the second)."""
    first, second = (re.match(_CLOCK, part) for part in re.split(r" ?[–—-] ?", match.group(), maxsplit=1))
    return f"{_time(first, context)} — {_time(second, context)}"


_CLOCK = rf"([01]?\d|2[0-3])[:.]([0-5]\d)(?:-([{LOWER}]+))?"
_WEEKDAYS = dict(zip("дс сс ср бс жм сб жс".split(), "дүйсенбі сейсенбі сәрсенбі бейсенбі жұма сенбі жексенбі".split()))
_WEEKDAY = "(?i:" + "|".join(_WEEKDAYS) + ")"


def _weekdays(match: re.Match, context: Context) -> str:
    """ "дс.–жм." → дүйсенбі — жұма, "сб., жс." → сенбі, жексенбі: days in a span or a list."""
    return re.sub(
        rf"({_WEEKDAY})\.?( ?[–—-] ?)?",
        lambda day: _WEEKDAYS[day.group(1).lower()] + (" — " if day.group(2) else ""),
        match.group(),
    )


#: The denominators of common fractions, in the ablative: "1/3" → үштен бір.
_PARTS_OF = dict(zip(range(2, 11), "екіден үштен төрттен бестен алтыдан жетіден сегізден тоғыздан оннан".split()))


def _fraction(match: re.Match, context: Context) -> str:
    """ "1/3 бөлігі" → үштен бір бөлігі, "2/3-сі" → үштен екісі."""
    return f"{_PARTS_OF[int(match.group(2))]} {cardinal(int(match.group(1)))}{match.group(3) or ''}"


def _house_number(match: re.Match, context: Context) -> str | None:
    """A house number with a slash in an address ("көшесі, 12/1", "үй 5/2") → он екі бөлшек бір, the
    Kazakh for the Russian "дробь" of addresses (a part of a whole is said denominator first,
    "екіден бес", which a house number is not)."""
    if not re.search(
        r"(?i:көш|даңғ|к-сі|д-лы|үй|ш\.\s?а|мкр|ықшам)\w*\.?,?\s*(?:\w+\s+)?$",
        context.text[max(match.start() - 40, 0) : match.start()],
    ) or re.match(r"-| бөлі", context.text[match.end() :]):
        return None  # "үйлердің 2/3 бөлігі", "2/3-сі": a part of a whole
    return f"{cardinal(int(match.group(1)))} бөлшек {cardinal(int(match.group(2)))}"


#: Words a number sign names when they follow it ("№ 12 мектеп-гимназия" → нөмірі он екі мектеп):
#: institutions and their parts, and the adjectives that come before them ("№ 5 қалалық кітапхана").
_NUMBERED_THINGS = re.compile(
    r" (?i:мектеп|кітапхана|филиал|гимназия|лицей|колледж|балабақша|бала-бақша|бөлім|емхана|аурухана|"
    r"сынып|кабинет|зал|пәтер|үй|топ|бағдарлама|маршрут|автобус|қалалық|ауылдық|аудандық|облыстық|"
    r"орталық|балалар|жасөспірімдер|орта|жалпы|арнаулы|мамандандырылған|мектеп-гимназия|мектеп-лицей)"
    r"| (?:ЖББМ|ЖОББМ|ОМ|ЖОМ|МГ|МЛ)(?![\w])"  # schools by their acronyms: "№3 ЖББМ"
)


def _number_sign(match: re.Match, context: Context) -> str:
    """ "№ 5" → нөмір бес; before a thing it names, "нөмірі" ("№ 12 мектеп" → нөмірі он екі мектеп),
    as Kazakh readers say the numbered school's name."""
    said = cardinal(int(match.group(2)))
    if _NUMBERED_THINGS.match(context.text, match.end()):
        return "нөмірі " + said
    return "нөмір " + said


def _say_minutes(minutes: str) -> str:
    return f"нөл {cardinal(int(minutes))}" if minutes[0] == "0" else cardinal(int(minutes))


def _currency_first(match: re.Match, context: Context) -> str:
    sign, written, fraction, scale = match.groups()
    number = to_int(written)
    said = decimal(number, fraction) if fraction else cardinal(number)
    return f"{said} {_UNITS[scale] + ' ' if scale else ''}{_UNITS[sign]}"


def _listed_ordinal(match: re.Match, context: Context) -> str | None:
    """ "1, 2 және 3-дәрежелі" → бірінші, екінші және үшінші: numbers listed before one whose
    word makes it an ordinal are ordinals too ("1, 2 және 3-ке" stays cardinal); the list ends with
    a conjunction ("көшесі, 50, 2-қабат" is a house and a floor)."""
    last = re.match(r"(?:, ?\d+)*(?: және | мен | немесе )\d+", context.text[match.end() :]).group()
    final = int(re.findall(r"\d+", last)[-1])
    if not _suffixed_word(final, match.group(2)).startswith(ordinal(final)):
        return None
    return ordinal(int(match.group(1)))


def _suffixed(match: re.Match, context: Context) -> str:
    """A number, a hyphen and a word: a case ending joined ("5-тен" → бестен), else an ordinal ("5-сынып")."""
    written, suffix = match.groups()
    return _suffixed_word(to_int(written), suffix)


#: A measure made an adjective ("томдық", "жылдығы", "күндік", "сағаттық"): the number before it counts.
_MEASURE_ADJECTIVE = re.compile(
    r"(?:жыл|том|күн|ай|апта|сағат|минут|бет|орын|қабат|тіл|адам|дана|бөлім)[дтл][ыі][қкғг]"
)


#: A collective numeral's ending ("3-еуі" → үшеуі, "2-еуміз" → екеуміз, "6-ауы" → алтауы).
_COLLECTIVE = re.compile(r"[еа]у(?!ыл)\w{0,5}")


#: A possessive and a case ending after a number ("14-інде", "15-інен", "25-іне", "10-ының"): the
#: number is a cardinal owned ("он төртінде": in fourteen of them); an ordinal's suffix is -ншы/-нші.
_POSSESSED_CASE = re.compile(r"с?[ыі](н[ае]|нд[ае]|н[ае]н|н[ыі]ң|н|мен|нд[ае]ғ[ыі]|нд[ае]г[і]|)")


def _possessed(word: str, case: str) -> str:
    """``word`` with the possessive of the third person and ``case`` after it, in ``word``'s harmony:
    "он төрт" + "нде" → он төртінде, "жиырма бес" + "не" → жиырма бесіне, "алты" + "нда" → алтысында,
    "қырық" + "" → қырқы."""
    back = re.findall("[аоұыәеөүіиэ]", word)[-1] in "аоұы"
    if word.endswith("қырық"):
        word = word[:-2] + "қ"  # қырық + ы → қырқы
    possessive = ("сы" if back else "сі") if word[-1] in "аоұыәеөүіиэ" else ("ы" if back else "і")
    case = case.translate(str.maketrans("еіг", "аығ") if back else str.maketrans("аығ", "еіг"))
    return word + possessive + case


def _suffixed_word(number: int, suffix: str) -> str:
    if number <= 10 and _COLLECTIVE.fullmatch(suffix):
        word = cardinal(number)
        stem = word[:-1] if word[-1] in "аеыі" else word  # екі → екеу, алты → алтау
        back = re.findall("[аоұыәеөүі]", stem)[-1] in "аоұы"
        return stem + ("а" if back else "е") + suffix[1:]
    possessed = _POSSESSED_CASE.fullmatch(suffix)
    if possessed:
        return _possessed(cardinal(number), possessed.group(1))
    if suffix in _ENDINGS:
        return cardinal(number) + suffix
    if suffix.startswith(("жасар", "жасқа", "жаста")) or re.match(_MEASURE_ADJECTIVE, suffix):
        return f"{cardinal(number)} {suffix}"  # "175-жылдығы", "2-томдық": a measure; "4-облыстық" is fourth
    return f"{ordinal(number)} {suffix}"


def _acronym(match: re.Match, context: Context) -> str | None:
    """An all-capital word: its expansion (with its case ending), a word ("БАҚ"), or its letter names."""
    word, ending = match.groups()
    if set(word) <= set("ІХ") or shouting(context, {*_ACRONYMS, *_SAID_AS_WORDS}):
        return None
    if word in _ACRONYMS:
        said = _ACRONYMS[word]
        if ending:
            forms = next((f for e, f in _POSSESSIVE_ENDINGS.items() if ending in e.split()), None)
            if said[-1] not in "ыі":  # "ЖШС-ке" → серіктестікке
                return said + _suited(said, ending)
            if forms is None:
                return None
            back = re.findall("[аоұыэеәөүіиу]", said)[-1] in "аоұы"
            said += forms[0 if back else 1]
        return said
    if word in _SAID_AS_WORDS:
        return word.lower() + (ending or "")  # "БАҚ-та" → бақта, one word
    said = spell_acronym(word, "kk")
    return said + _suited(said, ending) if ending else said  # "ҰБТ-ға" → ұ-бе-теге, as the letter names sound


_FRONT = str.maketrans("аоұықғ", "еөүікг")
_BACK = str.maketrans("еөүікг", "аоұықғ")


def _suited(word: str, ending: str) -> str:
    """``ending`` (written to suit the written word) made to suit the spoken ``word``: a case ending
    by :func:`harmonise`, any other by vowel harmony alone ("ҰБТ-дағы" → ұ-бе-тедегі).  After a
    final "у", back or front alike, the ending stays as written ("ҚМУ-дың" → қа-эм-удың)."""
    if word.endswith("у"):
        return ending
    if any(ending in endings.split() for endings in _ENDING_KINDS.values()):
        return harmonise(word, ending)
    vowels = re.findall("[аоұыяэеәөүіиюё]", word.lower())
    back = bool(vowels) and vowels[-1] in "аоұыя"
    return ending.translate(_BACK if back else _FRONT)


def _village(match: re.Match, context: Context) -> str | None:
    """ "Жаңатұрмыс а." after a place name is ауылы (a village)."""
    named = re.search(r"(?<![\w.])[А-ЯӘҒҚҢӨҰҮҺІ][\w-]+ $", context.text[: match.start()])
    return ("ауылы" + (" " if context.text[match.end() : match.end() + 1] != " " else "")) if named else None


def _after_name(word: str) -> Handler:
    """ "Абай д., 12", "Кенесары к., 14": "д." after a name is даңғылы (an avenue), "к." көшесі (a street)."""
    return lambda match, context: word if re.search(rf"[{UPPER}][{LOWER}]+ $", context.text[: match.start()]) else None


def _abbreviation(words: str) -> Handler:
    return lambda match, context: words


def _abbreviation_pattern(written: str) -> str:
    pattern = abbreviation_pattern(written)
    return pattern.replace("(?i:", "(?:") if written in _LOWER_ONLY else pattern


def rules() -> list[Rule]:
    """The Kazakh rules, most specific first."""
    abbreviations = sorted(_ABBREVIATIONS.items(), key=lambda item: len(item[0]), reverse=True)
    chapter_words = "|".join(_CHAPTER_WORDS.split())
    roman = f"[{ROMAN_LETTERS}]+"
    return [
        rule(r"(?<![\w.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)(?: ?ж\.)?", _date),
        rule(
            r"(?<![\w.,])(\d{4})(?=(?:(?:, ?| және | мен | немесе )\d{4})+[ -]?(?:ж\. ?ж\.|жж\.|(?i:жылдар)\w*))",
            lambda m, c: ordinal(int(m.group(1))),  # "2019, 2020 және 2021 жылдары": each a year
        ),
        rule(r"(?<![\w.,])(\d{1,4})(?: ?[–—-] ?(\d{1,4}))?[ -]?(ж\. ?ж\.|жж\.|ж\.|(?i:жыл)\w*)", _year),
        rule(
            r"(?<![\w.,])(\d{4}) ?[–—/-] ?(\d{4})(?= оқу жыл)",
            lambda m, c: f"{ordinal(int(m.group(1)))} — {ordinal(int(m.group(2)))}",
        ),
        rule(r"(?<![\w.,])(\d+)-?(?:інші|ыншы|нші|ншы|ші|шы)(?!\w)", lambda m, c: ordinal(int(m.group(1)))),
        rule(rf"(?<![\w.])({roman})(?: ?[–—-] ?({roman}))? ?(ғ\. ?ғ\.|ғғ\.|ғ\.|(?i:ғасыр)\w*)", _century),
        rule(rf"(?<![\w.])({roman}) ((?i:{chapter_words})\w*|[{LOWER}]\w*)", _roman_before_word),
        rule(
            rf"(?<![\w.])({roman})(?=(?:(?:, ?| және | мен ){roman})+ (?:(?i:{chapter_words})\w*|[{LOWER}]\w*))",
            lambda m, c: None if roman_value(m.group(1)) is None else ordinal(roman_value(m.group(1))),
        ),
        rule(r"(№+) ?(\d+)", _number_sign),
        rule(rf"(?<![\w.,:])([01]?\d|2[0-3])[:.]([0-5]\d) ?[–—-] ?{_CLOCK}(?![\d:]|[.,]\d)", _time_span),
        rule(rf"(?<![\w.])(?:{_WEEKDAY})\.?(?:(?: ?[–—-] ?|, ?| және )(?:{_WEEKDAY})\.?)+(?!\w)", _weekdays),
        # a day alone: "Жс. – демалыс күні", "(сб)", "сб:"
        rule(rf"(?<![\w.])(?:{_WEEKDAY})(?:\.(?=\s|$|[,;:)])|(?=[:)]| күн))", _weekdays),
        rule(rf"(?<![\w.,:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])(?:-([{LOWER}]+))?", _time),
        rule(rf"(?<![\w.,:])([01]?\d|2[0-3])\.([0-5]\d)-([{LOWER}]+)(?!\w)", _time),  # "9.00-ден"
        rule(r"(?<![\w.,:])([01]?\d|2[0-3])\.([0-5]\d)()(?= [–—-] [а-яәғқңөұүһі])", _programme_time),
        rule(r"(?<![\w.,])(\d+) ?[×xх] ?(\d+)(?: ?(см|мм|м|км)(?!\w))?(?=[ .,;:)]|$)", _size),  # "30×40 см"
        rule(
            rf"(?<![\w.,])(\d+)[-–](\d+)-([{LOWER}]+)(?!\w)",
            lambda m, c: f"{ordinal(int(m.group(1)))} — {_suffixed_word(int(m.group(2)), m.group(3))}",
        ),
        rule(r"(?<![\w.,])(\d+)-бас\.", lambda m, c: f"{ordinal(int(m.group(1)))} басылым"),  # "2-бас.": an edition
        rule(r"(?<![\w.,])(\d+)-т\.", lambda m, c: f"{ordinal(int(m.group(1)))} том"),  # "1-т.": a volume
        rule(rf"(?<![\w.,])(\d+)(?=(?:, ?\d+)*(?: және | мен | немесе )\d+-([{LOWER}]+)(?!\w))", _listed_ordinal),
        rule(rf"(?<![\w.,])({NUMBER})-([{LOWER}]+)(?!\w)", _suffixed),
        rule(  # "7,25-ке" → жеті бүтін жүзден жиырма беске: a decimal's case ending joined
            rf"(?<![\w.,])(\d+),(\d+)-({'|'.join(sorted(_ENDINGS, key=len, reverse=True))})(?![\w-])",
            lambda m, c: decimal(int(m.group(1)), m.group(2)) + m.group(3),
        ),
        rule(
            rf"(?<![\w.,])(\d{{1,2}}) ?[–—-] ?(\d{{1,2}})[ -]((?:{'|'.join(MONTHS)})\w*)",
            lambda m, c: f"{ordinal(int(m.group(1)))} — {ordinal(int(m.group(2)))} {m.group(3)}",
        ),
        rule(
            r"(?<![\w.,])(\d{1,2})(?: ?[–—-] ?(\d{1,2}))? ?((?:«[А-ЯӘҒҚҢӨҰҮҺІ]»|\"[А-ЯӘҒҚҢӨҰҮҺІ]\"|[А-ЯӘҒҚҢӨҰҮҺІ]) )?(сыны[пб]\w*)",
            lambda m, c: (
                f"{ordinal(int(m.group(1)))}{' — ' + ordinal(int(m.group(2))) if m.group(2) else ''} "
                f"{m.group(3) or ''}{m.group(4)}"
            ),
        ),
        rule(r"(?<![\w./])(\d{1,4})/(\d{1,3})(?![\w/]|[.,]\d)", _house_number),
        rule(rf"(?<![\w./])([1-9])/([2-9]|10)(?:-([{LOWER}]+))?(?![\w/]|[.,]\d)", _fraction),
        rule(rf"([$€₽₸]) ?({NUMBER})(?:,(\d+))?(?!\d)(?: ?(млн|млрд|трлн)(?!\w))?", _currency_first),
        rule(r"(?<![\w.])Б\. ?(?=\d)", lambda m, c: "бет "),
        rule(rf"(?<![\w.,])(\d{{1,6}})\.(\d{{1,3}})(?!\d|\.\d|-\w)(?: ?({_UNIT})(?:-([{LOWER}]+))?)?", _point_decimal),
        rule(rf"(?<!\w)(?<!\d[.,])({NUMBER})(?:,(\d+))?(?!\d)(?: ?({_UNIT})(?:-([{LOWER}]+))?)?", _number),
        rule(r"(?<=\w)( ?)([$€₽₸])(?! ?\d)", lambda m, c: " " + _UNITS[m.group(2)]),
        rule(r"(?<!\w)д\.(?=[ ,]|$)", _after_name("даңғылы")),
        rule(r"(?<!\w)к\.(?=[ ,]|$)", _after_name("көшесі")),
        rule(rf"(?<!\w)ат\.(?= ?[{LOWER}]| ?[{UPPER}]\w*[{UPPER}])", _after_name("атындағы")),  # "Абай ат. кітапхана"
        rule(rf"(?<![\w.])Ауд\.(?= ?[{UPPER}]\.)", lambda m, c: "Аударған"),  # "Ауд. Б. Момышұлы": translated by
        rule(r"(?<![\w.])Т\. ?(\d{1,2})(?!\d)", lambda m, c: f"{ordinal(int(m.group(1)))} том"),  # "Т. 2": 2-том
        rule(r"(?<=\d)\+(?![\w+])", lambda m, c: " плюс"),  # "12+": an age rating
        rule(r"(?<!\w)а\.(?= ?\w)", _village),
        rule(ACRONYM, _acronym),
        *(rule(_abbreviation_pattern(written), _abbreviation(words)) for written, words in abbreviations),
        roman_rule(cardinal),
    ]
