"""English normalisation rules: numbers, years, dates, ordinals, money and abbreviations.

Words come from ``num2words`` (cardinals, ordinals, years, currency).  A
four-digit number is read as a year ("in 1990" → nineteen ninety) after a word
that introduces a year, before AD/BC, or in a date; otherwise as a number.
Numeric dates are day first, as Kazakhstan writes them ("01/01/2018" → January
first, twenty eighteen); a Roman numeral after a name is "the Nth" ("Henry
VIII"), after "chapter" a number; a weekday's abbreviation is the day ("Mon.–Fri." → Monday
to Friday); a day span is two ordinals ("5–7 October" → the fifth to the seventh of October); a
common fraction is "two thirds"; units (km, sq. m, °C) and currency codes (KZT 5 million) are said
in words; catalogue shorthand is expanded ("Est. 1936", "c. 1850", "'30s", "2nd–5th", "₸1,000/year",
"3.2 mln"); a comma before one, two or four or more
digits is a decimal comma ("2,5 million"), before three a thousands separator.
"""

from __future__ import annotations

import re

from num2words import num2words

from .common import NUMBER, ROMAN_LETTERS, Context, Handler, Rule, roman_rule, roman_value, rule

MONTHS = "January February March April May June July August September October November December".split()
_MONTH = "|".join(MONTHS) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\."
_YEAR_BEFORE = {
    "in",
    "since",
    "by",
    "from",
    "until",
    "till",
    "of",
    "during",
    "before",
    "after",
    "circa",
    "year",
    "c",
    "ca",
    "to",
    "and",
    "around",
    "early",
    "late",
    "mid",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
}
_CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP"}
_SIGN_WORDS = {
    "$": "dollars",
    "€": "euros",
    "£": "pounds",
    "₸": "tenge",
    "₽": "roubles",
    "KZT": "tenge",
    "тг.": "tenge",
    "тенге": "tenge",
}
_SIGN_WORD = {"$": "dollar", "€": "euro", "£": "pound", "₸": "tenge", "₽": "rouble"}
_ABBREVIATIONS = {
    "e.g.": "for example",
    "i.e.": "that is",
    "etc.": "et cetera",
    "vs.": "versus",
    "approx.": "approximately",
    "incl.": "including",
    "excl.": "excluding",
    "Dr.": "Doctor",
    "Mr.": "Mister",
    "Mrs.": "Missus",
    "Ms.": "Miz",
    "Prof.": "Professor",
    "St.": "Saint",
    "Jr.": "Junior",
    "Sr.": "Senior",
    "vol.": "volume",
    "vols.": "volumes",
    "fig.": "figure",
    "ch.": "chapter",
    "pp.": "pages",
    "p.": "page",
    "No.": "number",
    "Nos.": "numbers",
    "Tel.": "telephone",
    "ext.": "extension",
    "Ave.": "Avenue",
    "dept.": "department",
    "Max.": "maximum",
    "max.": "maximum",
    "fl.": "floor",
    "cc.": "centuries",
}
_CASELESS = {
    "e.g.",
    "i.e.",
    "etc.",
    "vs.",
    "approx.",
    "incl.",
    "excl.",
    "vol.",
    "vols.",
    "fig.",
    "ch.",
    "Tel.",
    "ext.",
    "No.",
    "Nos.",
}
_CHAPTER_WORDS = "Chapter|Part|Book|Volume|Section|Act|Scene|Appendix|Lesson|Unit"
#: Capitalised words before a Roman numeral that are not a ruler's name ("World War II" → two).
_NOT_RULERS = set(
    "War World Type Phase Stage Grade Level Class Room Hall When Then The In On At Of By For From To And But If So As".split()
)
_CENTURY = r"centur(?:y|ies)"
_WEEKDAYS = {
    "Mon": "Monday",
    "Tue": "Tuesday",
    "Tues": "Tuesday",
    "Wed": "Wednesday",
    "Thu": "Thursday",
    "Thur": "Thursday",
    "Thurs": "Thursday",
    "Fri": "Friday",
    "Sat": "Saturday",
    "Sun": "Sunday",
}
_WEEKDAY = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))


def cardinal(number: int) -> str:
    """``number`` in English words."""
    if number >= 10**15:
        return " ".join(cardinal(int(d)) for d in str(number))
    return num2words(number, lang="en")


def ordinal(number: int) -> str:
    """``number`` as an English ordinal ("twenty-first")."""
    return num2words(number, lang="en", to="ordinal")


def year(number: int, plural: bool = False) -> str:
    """``number`` read as a year ("nineteen ninety", "two thousand seven": a year has no "and", as a
    count has); ``plural`` for a decade ("nineteen nineties")."""
    said = num2words(number, lang="en", to="year").replace(" thousand and ", " thousand ")  # 2007: no "and"
    if plural:
        said = said[:-1] + "ies" if said.endswith("y") else said + "s"
    return said


def _decimal(whole: str, fraction: str | None) -> str:
    """A number as written, with a decimal point or comma ("2,5" → two point five)."""
    said = cardinal(int(whole.replace(",", "").replace(" ", "")))
    if fraction:
        said += " point " + " ".join(cardinal(int(d)) for d in fraction)
    return said


def _number(match: re.Match, context: Context) -> str:
    whole, fraction, percent = match.groups()
    return _decimal(whole, fraction) + (" percent" if percent else "")


#: Words that cannot be the noun a number counts: a verb, a preposition, a conjunction.
_NOT_A_NOUN_WORDS = set(
    "is was are were will would has have had and or to in on at by with as of for remain remains".split()
)
_NOT_A_NOUN = re.compile(rf" (?:{'|'.join(_NOT_A_NOUN_WORDS)})(?!\w)")


def _names_a_thing(rest: str) -> bool:
    """Whether the words after a number are a singular noun phrase ("annual report", "budget was"),
    which the number dates, rather than a plural the number counts ("new readers", "people")."""
    words = re.match(r"((?: [a-z]+){1,2})", rest)
    if not words:
        return False
    for word in words.group(1).split():
        if word in _NOT_A_NOUN_WORDS:
            break
        if word in ("people", "children", "men", "women") or re.search(r"[^siu]s$", word):
            return False
    return True


#: What may follow the last year of "between 2001 and 2008": a stop, or a word that begins a clause
#: ("the collection doubled"), not a noun the numbers count ("between 1500 and 2000 books").
_YEAR_ENDS = r"(?:\s*(?:[.,;:)]|$)| (?i:the|a|an|we|they|it|its|our|their|this|these|there|he|she|i)(?!\w))"


def _year(match: re.Match, context: Context) -> str | None:
    written, decade, era = match.groups()
    if not decade and re.match(r" ?[–—-] ?\d{4}(?!\d)", context.text[match.end() :]):
        return None  # "in 2021–2023": a span, read by the range rule
    before = context.word_before(match.start())
    alone = re.match(
        r"\s*(?:[.,;:)\"»”]|$)", context.text[match.end() :]
    )  # "compared with 2022.", "Best Library 2023\""
    if before == "between":  # "between 2019 and 2023." are years; "between 1500 and 2000 books" counts
        second = re.match(r" and (?:1[1-9]\d\d|20\d\d)(?!\d)", context.text[match.end() :])
        rest = context.text[match.end() + second.end() :] if second else ""
        alone = second and (
            re.match(r"\s*(?:[.,;:)]|$)", rest) or re.match(rf"{_NOT_A_NOUN.pattern}| (?:the|a|an|our|its)\b", rest)
        )
    if (
        before == "and"
        and re.search(r"(?i:between) (?:1[1-9]\d\d|20\d\d) and $", context.text[: match.start()])
        and re.match(_YEAR_ENDS, context.text[match.end() :])
    ):
        alone = True  # the second year of "between 2001 and 2008 the…"
    if not context.text[: match.start()].strip() and re.match(_NOT_A_NOUN, context.text[match.end() :]):
        alone = True  # "2003 was a good year": a sentence that begins with a year and its verb
    quarter = re.fullmatch(r"q[1-4]", before)  # "in Q2 2024"
    if before in ("for", "through", "throughout", "into") and re.match(_NOT_A_NOUN, context.text[match.end() :]):
        alone = True  # "The budget for 2025 is…": a year; "for 2000 readers" counts
    owner = before in ("the", "its", "our", "their", "his", "her", "this") or re.search(
        r"\w['’]s\s+$", context.text[: match.start()]
    )
    if owner and _names_a_thing(context.text[match.end() :]):
        alone = True  # "the library's 2023 annual report": a year; "the 2000 books" counts
    listed = re.search(
        r"(?<![\w.,])(?:1[1-9]\d\d|20\d\d)(?:(?:, | and | or )(?:1[1-9]\d\d|20\d\d))*(?:, | and | or )$",
        context.text[: match.start()],
    )
    if listed and context.word_before(listed.start()) in _YEAR_BEFORE:
        before = context.word_before(listed.start())  # "in 2019, 2020 and 2021": each a year
    if not (decade or era or alone or quarter or before in _YEAR_BEFORE or before in (m.lower() for m in MONTHS)):
        return None
    return year(int(written), bool(decade)) + (f" {' '.join(era.replace('.', ''))}" if era else "")


def _month_day(match: re.Match, context: Context) -> str:
    month, day, when = match.groups()
    return f"{_month(month)} {ordinal(int(day))}" + (f", {year(int(when))}" if when else "")


def _day_month(match: re.Match, context: Context) -> str:
    day, month, when = match.groups()
    the = "" if context.word_before(match.start()) == "the" else "the "
    return f"{the}{ordinal(int(day))} of {_month(month)}" + (f" {year(int(when))}" if when else "")


def _first_day(match: re.Match, context: Context) -> str:
    """ "from 25 to 31 March": the first day of a span is an ordinal too (the twenty-fifth)."""
    the = "" if context.word_before(match.start()) == "the" else "the "
    return the + ordinal(int(match.group(1)))


def _short_year_pair(match: re.Match, context: Context) -> str | None:
    """ "2023–24", "2023/24" (a school or financial year) → twenty twenty-three to twenty-four."""
    first, second = match.group(1), match.group(2)
    if not 0 < int(second) - int(first[2:]) <= 10:
        return None  # a span of years is short; "2023-45" is not one
    return f"{year(int(first))} to {year(int(first[:2] + second)).split(' ', 1)[-1]}"


def _year_pair(match: re.Match, context: Context) -> str:
    """ "2023/2024 school year" → twenty twenty-three to twenty twenty-four."""
    return f"{year(int(match.group(1)))} to {year(int(match.group(2)))}"


def _month(written: str) -> str:
    return next(m for m in MONTHS if m.startswith(written.rstrip(".")))


def _money(match: re.Match, context: Context) -> str:
    sign, whole, point, fraction, scale, letter = match.groups()
    scale = scale or _SCALE_LETTERS.get(letter)  # "£1.5m" → one point five million pounds
    value = int(whole.replace(",", "").replace(" ", ""))
    if fraction and len(fraction) == 2 and point == "." and not scale and sign in _CURRENCIES:
        return num2words(float(f"{value}.{fraction}"), lang="en", to="currency", currency=_CURRENCIES[sign])
    said = _decimal(whole, fraction) + (f" {scale}" if scale else "")
    if (value == 1 and not fraction and not scale) or _attributive(match, context):
        return f"{said} {_SIGN_WORD[sign]}"
    return f"{said} {_SIGN_WORDS[sign]}"


def _attributive(match: re.Match, context: Context) -> bool:
    """Whether an amount after "a"/"an" stands before a noun it describes ("a $5,000 grant"
    → a five thousand dollar grant), where the currency word stays singular."""
    if context.word_before(match.start()) not in {"a", "an"} or context.text[match.end() : match.end() + 1] != " ":
        return False
    after = context.words_after(match.end(), 1)
    return (
        bool(after)
        and after[0].isalpha()
        and after[0] not in _NOT_A_NOUN_WORDS | {"a", "an", "the", "from", "per", "each"}
    )


def _numeric_date(match: re.Match, context: Context) -> str | None:
    """ "01/01/2018", "30.12.2023": day first, as Kazakhstan writes it (month first when the day is over 12)."""
    first, second, when = (int(match.group(g)) for g in (1, 3, 4))
    day, month = (second, first) if second > 12 >= first else (first, second)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return f"{MONTHS[month - 1]} {ordinal(day)}, {year(when)}"


def _ruler(match: re.Match, context: Context) -> str | None:
    """A name and a Roman numeral: "Henry VIII" → Henry the eighth."""
    name, written = match.groups()
    number = roman_value(written)
    if number is None or name in _NOT_RULERS:
        return None
    return f"{name} the {ordinal(number)}"


def _time(match: re.Match, context: Context) -> str:
    """ "9:00" → nine o'clock, "2:00 pm" → two pm, "10:30" → ten thirty, "18:05" → eighteen oh five."""
    hour, minutes = match.groups()
    if minutes == "00":
        if re.match(r" ?[ap]\.? ?m\b", context.text[match.end() :], re.IGNORECASE):
            return cardinal(int(hour))  # the "pm" after says what "o'clock" would
        return f"{cardinal(int(hour))} o'clock"
    said = f"oh {cardinal(int(minutes))}" if minutes[0] == "0" else cardinal(int(minutes))
    return f"{cardinal(int(hour))} {said}"


_CLOCK = r"([01]?\d|2[0-3])[:.]([0-5]\d)"


def _programme_time(match: re.Match, context: Context) -> str | None:
    """A programme's line, "10.00 – registration": a time with a point at a line's start or after a
    colon or a semicolon, before a dash and the item."""
    if not re.search(r"(?:^|[:;\n])\s*$", context.text[: match.start()]):
        return None
    return _time(match, context)


def _time_span(match: re.Match, context: Context) -> str:
    """ "9:00–18:00" → nine o'clock to eighteen o'clock."""
    first, second = (re.match(_CLOCK, part) for part in re.split(r" ?[–—-] ?", match.group()))
    return f"{_time(first, context)} to {_time(second, context)}"  # "9.00–18.00" too


def _range(match: re.Match, context: Context) -> str | None:
    """ "1991-2001" → nineteen ninety-one to two thousand one; "grades 5-7" → five to seven;
    "15-20%" → fifteen to twenty percent."""
    first, second, percent = match.groups()
    if int(first) >= int(second) and not (int(first) <= 12 and int(second) <= 12 and not percent):
        return None  # "open 9–5" is a span of clock hours
    if len(first) == len(second) == 4 and 1100 <= int(first) and int(second) < 2100 and not percent:
        return f"{year(int(first))} to {year(int(second))}"
    return f"{cardinal(int(first))} to {cardinal(int(second))}" + (" percent" if percent else "")


#: Words after "5m" that make it metres.
_METRES_AFTER = {
    "tall",
    "long",
    "high",
    "wide",
    "deep",
    "away",
    "walk",
    "drop",
    "by",
    "in",
    "of",
    "from",
    "above",
    "below",
}

_SCALE_LETTERS = {"k": "thousand", "K": "thousand", "m": "million", "M": "million", "bn": "billion"}


def _scaled(match: re.Match, context: Context) -> str | None:
    """A number with a scale letter, as reports write them: "12k" → twelve thousand, "1.2m" → one
    point two million, "£3bn"; "5m tall", "a 10m walk" are metres, left to the units."""
    whole, fraction, letter = match.groups()
    after = context.words_after(match.end(), 1) or [""]
    if letter in "mM" and not re.match(r" [a-z]", context.text[match.end() : match.end() + 2]):
        return None  # "Room 5m.": a name, not a count; "135k." is a thousand anywhere
    number = _decimal(whole, fraction) if fraction else cardinal(int(whole.replace(",", "")))
    if after[0] in _METRES_AFTER:
        return None if letter != "m" else f"{number} {'metre' if number == 'one' else 'metres'}"
    return f"{number} {_SCALE_LETTERS[letter]}"


def _pages(match: re.Match, context: Context) -> str:
    word, first, second = match.groups()
    if second:
        return f"pages {cardinal(int(first))} to {cardinal(int(second))}"
    return f"{'pages' if word == 'pp.' else 'page'} {cardinal(int(first))}"


def _century(match: re.Match, context: Context) -> str | None:
    written, last, word = match.groups()
    number, end = roman_value(written), roman_value(last) if last else None
    if number is None or (last and end is None):
        return None
    return f"{ordinal(number)}{f' to {ordinal(end)}' if end else ''} {word}"  # "XIX–XX centuries"


def _roman_after_the(match: re.Match, context: Context) -> str | None:
    """ "the II quarter", "II International Forum…" opening a sentence: a Roman numeral before a noun
    is an ordinal (the second quarter, Second International Forum)."""
    number = roman_value(match.group(1))
    return None if number is None or match.group(1) in ("I", "C", "D", "L", "M") else ordinal(number)


def _chapter(match: re.Match, context: Context) -> str | None:
    word, written = match.groups()
    number = roman_value(written)
    return None if number is None else f"{word} {cardinal(number)}"


def _weekdays(match: re.Match, context: Context) -> str:
    """ "Mon.–Fri." → Monday to Friday; "Sat." → Saturday."""
    first, second = match.groups()
    return _WEEKDAYS[first] + (f" to {_WEEKDAYS[second]}" if second else "")


def _weekday_list(match: re.Match, context: Context) -> str:
    """ "Tue, Thu and Sat" → Tuesday, Thursday and Saturday."""
    return re.sub(rf"({_WEEKDAY})\.?(?![\w])", lambda day: _WEEKDAYS[day.group(1)], match.group())


def _day_span(match: re.Match, context: Context) -> str:
    """ "on 5–7 October" → on the fifth to the seventh of October."""
    first, second, month, when = match.groups()
    the = "" if context.word_before(match.start()) == "the" else "the "
    said = f"{the}{ordinal(int(first))} to the {ordinal(int(second))} of {_month(month)}"
    return said + (f" {year(int(when))}" if when else "")


def _month_span(match: re.Match, context: Context) -> str:
    """ "October 5–7, 2024" → October fifth to seventh, twenty twenty-four."""
    month, first, second, when = match.groups()
    said = f"{_month(month)} {ordinal(int(first))} to {ordinal(int(second))}"
    return said + (f", {year(int(when))}" if when else "")


#: Common fractions: "2/3" → two thirds, "1/2" → one half, "3/4" → three quarters.
_PARTS = {2: ("half", "halves"), 4: ("quarter", "quarters")}


def _fraction(match: re.Match, context: Context) -> str:
    numerator, denominator = int(match.group(1)), int(match.group(2))
    one, many = _PARTS.get(denominator, (ordinal(denominator), ordinal(denominator) + "s"))
    return f"{cardinal(numerator)} {one if numerator == 1 else many}"


_UNIT_WORDS = {
    "km": ("kilometre", "kilometres"),
    "kg": ("kilogram", "kilograms"),
    "cm": ("centimetre", "centimetres"),
    "mm": ("millimetre", "millimetres"),
    "ha": ("hectare", "hectares"),
    "sq. m": ("square metre", "square metres"),
    "sq.m": ("square metre", "square metres"),
    "m²": ("square metre", "square metres"),
    "m2": ("square metre", "square metres"),
    "km²": ("square kilometre", "square kilometres"),
    "km2": ("square kilometre", "square kilometres"),
    "sq km": ("square kilometre", "square kilometres"),
    "sq. km": ("square kilometre", "square kilometres"),
    "min.": ("minute", "minutes"),
    "mins": ("minute", "minutes"),
    "hrs": ("hour", "hours"),
    "°C": ("degree Celsius", "degrees Celsius"),
    "°": ("degree", "degrees"),
}
_UNIT = "|".join(re.escape(u) for u in sorted(_UNIT_WORDS, key=len, reverse=True))


def _measure(match: re.Match, context: Context) -> str:
    """ "45 sq. m" → forty-five square metres, "25 °C" → twenty-five degrees Celsius."""
    whole, fraction, unit = match.groups()
    one, many = _UNIT_WORDS[unit]
    return f"{_decimal(whole, fraction)} {one if whole == '1' and not fraction else many}"


def _postcode(match: re.Match, context: Context) -> str | None:
    """A six-digit postcode next to its town ("Karaganda 100012", "100012 Karaganda") → digit by digit."""
    before = re.search(r"[A-Z][a-z]+,? $", context.text[: match.start()])
    after = re.match(r",? [A-Z][a-z]+", context.text[match.end() :])
    if not (before or after):
        return None
    return " ".join(cardinal(int(d)) if d != "0" else "zero" for d in match.group())


def _code_money(match: re.Match, context: Context) -> str:
    """ "KZT 5 million" → five million tenge, "USD 1,200" → one thousand two hundred dollars."""
    code, whole, fraction, scale, letter = match.groups()
    scale = scale or letter
    scale = {"mln": "million", "bln": "billion", **_SCALE_LETTERS}.get(scale, scale)  # "KZT 12.4m"
    said = _decimal(whole, fraction) + (f" {scale}" if scale else "")
    words = {"KZT": "tenge", "USD": "dollars", "EUR": "euros", "RUB": "roubles"}[code]
    if (whole == "1" and not fraction and not scale) or _attributive(match, context):
        words = {"dollars": "dollar", "euros": "euro", "roubles": "rouble"}.get(words, words)
    return f"{said} {words}"


def _number_with_pages(match: re.Match, context: Context) -> str:
    return f"{cardinal(int(match.group(1)))} pages"


def _abbreviation(words: str) -> Handler:
    def say(match: re.Match, context: Context) -> str:
        starts = not context.text[: match.start()].strip() or context.text[: match.start()].rstrip()[-1] in ".!?"
        return words[0].upper() + words[1:] if starts else words

    return say


def _street(match: re.Match, context: Context) -> str | None:
    """ "25 Satpayev St., Almaty": "St." after a name and before no name is Street ("St. Paul" is Saint)."""
    name = re.search(r"(?<![\w.])[A-Z][a-z]+ $", context.text[: match.start()])
    return "Street" if name else None


def _abbreviation_pattern(written: str) -> str:
    body = re.escape(written)
    if written in _CASELESS:
        body = f"(?i:{body})"
    if written in ("No.", "Nos.", "p.", "pp.", "Tel."):
        body += r"(?=:? ?[\d+(])"
    return rf"(?<![\w.]){body}"


def rules() -> list[Rule]:
    """The English rules, most specific first."""
    abbreviations = sorted(_ABBREVIATIONS.items(), key=lambda item: len(item[0]), reverse=True)
    roman = f"[{ROMAN_LETTERS}]+"
    return [
        rule(r"(?<![\w./])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?!\d)", _numeric_date),
        rule(r"(?<=\d{4}) ?[–—-] ?(?=\d{1,2}[./]\d{1,2}[./]\d{4}(?!\d))", lambda m, c: " to "),  # date–date
        rule(
            rf"(?<![\w.,])(\d{{1,2}})(?:st|nd|rd|th)? ?[–—-] ?(\d{{1,2}})(?:st|nd|rd|th)? ({_MONTH})(?:,? (\d{{4}}))?(?!\d)",
            _day_span,
        ),
        rule(
            rf"({_MONTH}) (\d{{1,2}})(?:st|nd|rd|th)? ?[–—-] ?(\d{{1,2}})(?:st|nd|rd|th)?(?:,? (\d{{4}}))?(?!\d)",
            _month_span,
        ),
        rule(rf"({_MONTH}) (\d{{1,2}})(?:st|nd|rd|th)?(?:,? (\d{{4}}))?(?!\d)", _month_day),
        rule(rf"(?<![\w.])(\d{{1,2}})(?:st|nd|rd|th)? ({_MONTH})(?:,? (\d{{4}}))?(?!\d)", _day_month),
        rule(
            rf"(?<![\w.,])(\d{{1,2}})(?:st|nd|rd|th)?(?= (?:to|and|until|till) \d{{1,2}}(?:st|nd|rd|th)? (?:{_MONTH}))",
            _first_day,
        ),
        rule(r"(?<![\w.,])(\d{4})/(\d{4})(?= (?:school|academic|financial|fiscal) year)", _year_pair),
        rule(r"(?<![\w.,/-])(1[89]\d\d|20\d\d) ?[–—/-] ?(\d\d)(?![\w/-]|[.,]\d)", _short_year_pair),
        rule(
            r"(?<![\w.,])(\d+(?:\.\d+)?)x(?!\w)",
            lambda m, c: f"{_decimal(*(m.group(1).split('.') + [None])[:2])} times",
        ),
        rule(r"(?<![\w/])y/y(?![\w/])", lambda m, c: "year on year"),
        rule(r"(?<![\w./])24/7(?![\w/])", lambda m, c: "twenty-four seven"),  # round the clock
        rule(r"(?<![\w./])([1-9])/([2-9]|10)(?![\w/]|[.,]\d)", _fraction),
        rule(
            r"(?<!\w)(KZT|USD|EUR|RUB) ?(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.(\d+))?"
            r"(?: (million|billion|thousand|mln|bln)(?!\w)\.?|(?<=\d)(k|m|bn)(?!\w))?(?!\w)",
            _code_money,
        ),
        rule(r"(?<!\w)Q([1-4])(?!\w)", lambda m, c: "Q " + cardinal(int(m.group(1)))),  # a quarter of a year
        rule(  # "9am": the hour and am/pm apart
            r"(?<![\w.,])(1[0-2]|0?\d)((?i:[ap]m))(?!\w)", lambda m, c: f"{cardinal(int(m.group(1)))} {m.group(2)}"
        ),
        rule(r"(?<![\w.,])[01]\d{5}(?![\w]|[.,]\d)", _postcode),  # Kazakhstan's postcodes start 0 or 1
        rule(r"(?<![\w+−–-])([+−–-])(?=\d+(?:[.,]\d+)? ?°)", lambda m, c: "plus " if m.group(1) == "+" else "minus "),
        rule(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+(?![\d,])|\d+)(?:\.(\d+))?(k|K|m|M|bn)(?!\w)", _scaled),
        rule(rf"(?<![\w.,])(\d{{1,3}}(?:,\d{{3}})+(?![\d,])|\d+)(?:[.,](\d+))? ?({_UNIT})(?!\w)", _measure),
        rule(r"(?<=World War )(I{1,2})(?!\w)", lambda m, c: cardinal(len(m.group(1)))),
        rule(r"(?<![\w.,])(1[1-9]\d\d|20\d\d)(?:(s)|(?!\d))(?: ?((?:A\.?D|B\.?C|B\.?C\.?E|C\.?E)\.?)(?!\w))?", _year),
        rule(
            r"(?<![\w.,])(\d+)(?:st|nd|rd|th) ?[–—-] ?(\d+)(?:st|nd|rd|th)(?!\w)",
            lambda m, c: f"{ordinal(int(m.group(1)))} to {ordinal(int(m.group(2)))}",
        ),
        rule(r"(?<![\w.,])(\d+)(?:st|nd|rd|th)(?!\w)", lambda m, c: ordinal(int(m.group(1)))),
        rule(r"(?<![\w])[’'](\d)0s(?!\w)", lambda m, c: year(1900 + 10 * int(m.group(1)), True).split()[-1]),
        rule(r"(?<![\w.])(?:c|ca)\.(?= ?1[0-9]\d\d(?!\d))", lambda m, c: "circa"),
        rule(r"(?<![\w.])(?i:est)\.(?= ?1[0-9]\d\d(?!\d))", lambda m, c: "Established"),
        rule(r"(?<=\d )(mln|bln)(?![\w.])\.?", lambda m, c: {"mln": "million", "bln": "billion"}[m.group(1)]),
        rule(
            r"/(year|yr|month|mo|week|day|hour|page|person|item|book|copy|night)(?!\w)",
            lambda m, c: " per " + {"yr": "year", "mo": "month"}.get(m.group(1), m.group(1)),
        ),
        rule(
            rf"([$€£₸₽]) ?(\d{{1,3}}(?:,\d{{3}})+(?!\d)|{NUMBER})(?:([.,])(\d+))?(?!\d)(?: (million|billion|thousand)(?!\w)|(k|m|bn)(?!\w))?",
            _money,
        ),
        rule(r"(№+) ?(\d+)", lambda m, c: "number " + cardinal(int(m.group(2)))),
        rule(rf"(?<![\w.,:]){_CLOCK} ?[–—-] ?{_CLOCK}(?![\d:]|[.,]\d)", _time_span),
        rule(r"(?<![\w.,:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])", _time),
        rule(r"(?<![\w.,:])([01]?\d|2[0-3])\.([0-5]\d)(?= [–—-] [a-z])", _programme_time),
        rule(
            r"(?<![\w.,])(\d+) ?[×x] ?(?=\d+(?:[ .,;:)]|$| ?(?:cm|mm|m|km)\b))",
            lambda m, c: f"{cardinal(int(m.group(1)))} by ",
        ),
        rule(r"(?<![\w.,/-])(\d{1,4}) ?[–—-] ?(\d{1,4})(?![\w/-]|[.,]\d)( ?%)?", _range),
        rule(r"(?<![\w.])(pp?\.) ?(\d+)(?: ?[–—-] ?(\d+))?", _pages),
        rule(r"(?<![\w.,])(\d+) ?pp?\.(?! ?\d|m\.)", _number_with_pages),
        rule(rf"(?<![\w.])({roman})(?: ?[–—-] ?({roman}))? ({_CENTURY})", _century),
        rule(r"(?<=\d(?:st|nd|rd|th) )c\.", lambda m, c: "century"),  # "the 19th c."
        rule(rf"(?<!\w)((?i:{_CHAPTER_WORDS})) ({roman})(?!\w)", _chapter),
        rule(rf"(?<=(?i:the) )({roman})(?= [A-Za-z][a-z]{{2,}})", _roman_after_the),
        rule(rf"(?:^|(?<=[.!?«\"“] )|(?<=[«\"“]))({roman})(?= [A-Z][a-z]{{2,}})", _roman_after_the),
        rule(rf"(?<!\w)([A-Z][a-z]+) ({roman})(?!\w|'[a-rt-z])(?! centur)", _ruler),
        rule(rf"(?<![\w.,])(\d{{1,3}}(?:,\d{{3}})+(?![\d,])|{NUMBER})(?:[.,](\d+))?(?!\d)( ?%)?", _number),
        rule(r"(?<=\w)( ?)([$€£₸₽]|KZT(?!\w)|тг\.|тенге(?!\w))(?! ?\d)", lambda m, c: " " + _SIGN_WORDS[m.group(2)]),
        rule(rf"(?<![\w.])({_WEEKDAY})\.? ?[–—-] ?({_WEEKDAY})(?![\w-])\.?", _weekdays),
        rule(rf"(?<![\w.])(?<!the )(?<!The )({_WEEKDAY})()\.(?=[,;:)]|$| (?:[a-z\d]|and |or |to ))", _weekdays),
        # "Sat 10 am–2 pm", "Sun: closed": a day without its point before a time or a colon, after a list
        rule(rf"(?:(?<=[,;:] )|(?m:^))({_WEEKDAY})()(?= \d|:| (?i:closed))", _weekdays),
        # "Tue, Thu and Sat": days in a list
        rule(rf"(?<![\w.])(?:{_WEEKDAY})\.?(?:(?:, | and | or |, and )(?:{_WEEKDAY})\.?)+(?![\w-])", _weekday_list),
        rule(r"(?<=[a-z] )St\.(?! ?[A-Z])", _street),
        rule(r"(?<![\w.])([ap])\.m\.", lambda m, c: f"{m.group(1)} m"),  # "4 p.m.", not pages
        rule(  # "2 pm–5 pm", "10 a.m.–2 p.m.": a time after a number, not "program–2"
            r"(?:(?<=\d(?i:[ap]m))|(?<=\d (?i:[ap]m))|(?<=\d(?i:[ap]\.m\.))|(?<=\d (?i:[ap]\.m\.))) ?[–—-] ?(?=\d)",
            lambda m, c: " to ",
        ),
        rule(r"(?<=\d)\+(?![\w+])", lambda m, c: " plus"),  # "12+": an age rating
        *(rule(_abbreviation_pattern(written), _abbreviation(words)) for written, words in abbreviations),
        roman_rule(cardinal),
        rule(  # "The CLS", "PDF": capitals with no vowel are letters said one by one (not a numeral)
            r"(?<![\w.-])(?![IVXLCDM]+(?![\w-]))([B-DF-HJ-NP-TV-XZ]{2,5})(?![\w-])", lambda m, c: " ".join(m.group(1))
        ),
    ]
