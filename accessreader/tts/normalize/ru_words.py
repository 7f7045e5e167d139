"""Russian abbreviations and acronyms, said in the case the sentence asks.

"в г. Алматы" → в городе Алматы, "Жители г. Балхаш" → города Балхаш, "на с. 45"
→ на странице сорок пять, "Закон РК" → Закон Республики Казахстан, "Читатели
посетили ЦГБ" → центральную городскую библиотеку; a catalogue record's shorthand is said in full
("Изд. 2-е, перераб. и доп.", "Пер. с каз.", "под ред.", "М.: Наука"); an acronym outside the table is
said as a word ("СМИ") or spelled with letter names ("ЦГДБ" → цэ-гэ-дэ-бэ).
"""

from __future__ import annotations

import re

from num2words import num2words

from .common import ACRONYM, Context, Handler, Rule, abbreviation_pattern, rule, shouting, spell_acronym
from .ru_morph import analyses, inflect, inflect_phrase, noun_case

#: Abbreviations: fixed words, or "=lemma" for a noun put in the case its preposition asks for.
ABBREVIATIONS = {
    "в т. ч.": "в том числе",
    "в.т.ч.": "в том числе",
    "и пр.": "и прочее",
    "кол-во": "количество",
    "к. ф. н.": "кандидат филологических наук",
    "д. ф. н.": "доктор филологических наук",
    "к. п. н.": "кандидат педагогических наук",
    "д. п. н.": "доктор педагогических наук",
    "к. и. н.": "кандидат исторических наук",
    "д. и. н.": "доктор исторических наук",
    "к. т. н.": "кандидат технических наук",
    "д. т. н.": "доктор технических наук",
    "к. э. н.": "кандидат экономических наук",
    "д. э. н.": "доктор экономических наук",
    "к. ю. н.": "кандидат юридических наук",
    "д. ю. н.": "доктор юридических наук",
    "PhD": "пи-эйч-ди",
    "а/я": "абонентский ящик",
    "уч-ся": "учащихся",
    "р-н": "район",
    "р-на": "района",
    "р-ну": "району",
    "р-не": "районе",
    "р-ном": "районом",
    "б-ка": "библиотека",
    "б-ки": "библиотеки",
    "б-ке": "библиотеке",
    "б-ку": "библиотеку",
    "каз. яз.": "*казахский язык",
    "рус. яз.": "*русский язык",
    "англ. яз.": "*английский язык",
    "эл. почта": "электронная почта",
    "эл. почты": "электронной почты",
    "эл. почте": "электронной почте",
    "эл. почту": "электронную почту",
    "эл. почтой": "электронной почтой",
    "эл. адрес": "электронный адрес",
    "тел.": "=телефон",
    "кв.": "=квартира",
    "мкр.": "=микрорайон",
    "каб.": "=кабинет",
    "доб.": "добавочный",
    "моб.": "мобильный",
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
    "пер. с каз.": "перевод с казахского",
    "пер. с рус.": "перевод с русского",
    "пер. с англ.": "перевод с английского",
    "под ред.": "под редакцией",
    "авт.-сост.": "автор-составитель",
    "сост.": "составитель",
    "ред.": "редактор",
    "вып.": "выпуск",
    "кн.": "=книга",
    "полн. собр. соч.": "*полное собрание| сочинений",
    "собр. соч.": "*собрание| сочинений",
    "избр. произв.": "избранные произведения",
    "избр. соч.": "избранные сочинения",
    "изд-во": "издательство",
    "изд.": "издание",
    "перераб. и доп.": "переработанное и дополненное",
    "испр. и доп.": "исправленное и дополненное",
    "перераб.": "переработанное",
    "испр.": "исправленное",
    "ил.": "иллюстрации",
    "прил.": "приложение",
    "СПб.": "Санкт-Петербург",
    "ок.": "около",
    "см.": "смотри",
    "ул.": "=улица",
    "пр-т": "=проспект",
    "пр-кт": "=проспект",
    "б-р": "=бульвар",
    "г.": "=город",
    "гг.": "годы",
    "стр.": "=страница",
    "рис.": "=рисунок",
    "табл.": "=таблица",
    "гл. ред.": "главный редактор",
    "гл.": "=глава",
    "ауд.": "=аудитория",
    "ч.": "=часть",
    "проф.": "=профессор",
    "акад.": "=академик",
    "доц.": "=доцент",
    "обл.": "=область",
    "пос.": "=посёлок",
    "просп.": "=проспект",
    "тыс.": "тысяч",
    "млн": "миллионов",
    "млрд": "миллиардов",
    "экз.": "экземпляров",
    "хр.": "хранения",  # "ед. хр.": единиц хранения
    "ед.": "единиц",  # "120 тыс. ед.": after a scale word
    "руб.": "рублей",
    "тг.": "тенге",
    "тг": "тенге",
    "чел.": "человек",
    "коп.": "копеек",
}


_PLACE_ABBREVIATIONS = {"г.": "город", "пос.": "посёлок"}

#: A phrase abbreviation said in a case ("каз. яз.") and "и"/"или" before another such.
_STARRED_AND = re.compile(
    "(?:"
    + "|".join(re.escape(key) for key, said in ABBREVIATIONS.items() if said.startswith("*"))
    + r")\s+(?:и|или)\s+$",
    re.IGNORECASE,
)


def _abbreviation(words: str) -> Handler:
    def say(match: re.Match, context: Context) -> str:
        if words.startswith("*"):  # "на каз. яз. и рус. яз.": the second in the case of the first
            first = _STARRED_AND.search(context.text[: match.start()])
            return inflect_phrase(words[1:], noun_case(context, first.start() if first else match.start()))
        if not words.startswith("="):
            return words
        said = inflect(words[1:], noun_case(context, match.start(), words[1:]))
        return said.capitalize() if match.group()[0].isupper() else said

    return say


def _place(lemma: str) -> Handler:
    """An abbreviated place noun ("г.", "пос.") in the case of the words around it."""

    def say(match: re.Match, context: Context) -> str | None:
        if match.group()[0].isupper() and re.search(r"(?<!\w)[А-ЯЁ][а-яё]+ $", context.text[: match.start()]):
            return None  # "библиотекаря Сейткалиевой Г.": an initial after a surname
        first = re.search(r"(?<!\w)(?:г|пос|с)\.\s*[А-ЯЁ][\w-]*\s+(?:и|или)\s+$", context.text[: match.start()])
        position = first.start() if first else match.start()  # "из г. Астаны и г. Алматы": the case of the first
        said = inflect(lemma, noun_case(context, position, lemma))
        return said.capitalize() if match.group()[0].isupper() else said

    return say


def _page(match: re.Match, context: Context) -> str:
    """ "с. 45", "С. 12–15": a page or pages, in the case of the words before."""
    first, second = match.groups()
    case = noun_case(context, match.start())
    if second:  # "на с. 45–52" → на страницах
        return f"{inflect('страница', case, True)} {_cardinal(int(first))} — {_cardinal(int(second))}"
    return f"{inflect('страница', case)} {_cardinal(int(first))}"


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
_SAID_AS_WORDS = {
    *"СМИ ЮНЕСКО ООН НАТО ВУЗ МИД ГОСТ ТЮЗ ЮНИСЕФ ИФЛА АЛЖИР".split(),
    *"ИРБИС КАБИС".split(),  # library systems
}


def _acronym(match: re.Match, context: Context) -> str | None:
    """An all-capital word: its expansion, a word ("СМИ"), or its letter names ("цэ-гэ-дэ-бэ")."""
    word, ending = match.groups()
    if ending or set(word) <= set("ІХ") or shouting(context, {*_ACRONYMS, *_SAID_AS_WORDS}):
        return None
    if word in _ACRONYMS:
        phrase = _ACRONYMS[word]
        if re.search(r"[«\"]$", context.text[: match.start()]) and re.match(r"[»\"]", context.text[match.end() :]):
            return inflect_phrase(phrase, "nomn")  # a name in quotes: КГУ «ЦБС» акимата
        head = next(
            (p for w in phrase.split("|")[0].split() for p in analyses(w.lower())[:1] if p.tag.POS == "NOUN"), None
        )
        gender = head.tag.gender if head is not None else None
        return inflect_phrase(phrase, noun_case(context, match.start(), owner=True, gender=gender))
    if word in _SAID_AS_WORDS:
        return word.lower()
    return _SPELLED.get(word) or spell_acronym(word, "ru")


def _agreeing(lemma: str, after_adjective: bool = True) -> Handler:
    """An abbreviated adjective agreeing with the noun after it: "ст. библиотекарь" → старший,
    "доп. информация" → дополнительная; with ``after_adjective`` False, not after an adjective,
    where the abbreviation is a noun ("Карагандинской обл. библиотека" → области)."""

    def say(match: re.Match, context: Context) -> str | None:
        if not after_adjective and analyses(context.word_before(match.start()) or "-")[0].tag.POS == "ADJF":
            return None
        words = context.words_after(match.end(), 1)
        parses = [p for p in analyses(words[0]) if p.tag.POS in ("NOUN", "ADJF")] if words else []
        if not parses:
            return None
        before = context.word_before(match.start())
        plural = bool(before) and analyses(before)[0].tag.number == "plur"  # "Проведены доп. занятия"
        parse = next((p for p in parses if plural and p.tag.number == "plur"), parses[0])
        wanted = {parse.tag.case or "nomn", parse.tag.number or "sing"}
        if parse.tag.number != "plur" and parse.tag.gender:
            wanted.add(parse.tag.gender)
        form = analyses(lemma)[0].inflect(wanted)
        said = form.word if form else lemma
        return said.capitalize() if match.group()[0].isupper() else said

    return say


def _person(lemma: str) -> Handler:
    """A post ("зам. директора", "зав. отделом") in the case of the words around it: the genitive after
    a noun ("Отчёт зам. директора" → заместителя); "заведующая" after a verb of a woman ("Выступила зав.")."""

    def say(match: re.Match, context: Context) -> str:
        case = noun_case(context, match.start(), lemma, owner=True)
        before = analyses(context.word_before(match.start()) or "-")[0].tag
        verb = before if before.POS == "VERB" else _verb_after(context, match.end())
        female = lemma == "заведующий" and verb is not None and verb.gender == "femn"
        appointed = _appointment(context, match)
        if appointed is not None:  # "Зав. отделом назначена А. Сейтова" → заведующей: appointed as
            case, female = "ablt", lemma == "заведующий" and appointed == "femn"
        form = analyses(lemma)[0].inflect({case, "sing", *(["femn"] if female else [])})
        said = form.word if form else lemma
        return said.capitalize() if match.group()[0].isupper() else said

    return say


#: Verbs of appointing someone to a post, which put the post in the instrumental ("назначена заведующей").
_APPOINTING = {"назначить", "назначать", "назначенный", "избрать", "избранный", "утвердить", "утверждённый", "стать"}


def _appointment(context: Context, match: re.Match) -> str | None:
    """The gender of a verb of appointing that governs a post right before or after it in its clause
    ("назначена зав. отделом", "Зав. отделом назначена…"), "" for no gender; None if there is none."""
    head = re.split(r"[.!?;:,—–]", context.text[: match.start()])[-1].split()
    tail = re.split(r"[.!?;:,—–]", context.text[match.end() :])[0].split()
    nearby = head[-1:] if head else tail[:3]  # "назначена зав. отделом", "Зав. отделом назначена …"
    for word in nearby:
        for parse in analyses(word.lower())[:2]:
            if parse.normal_form in _APPOINTING and parse.tag.POS in ("VERB", "PRTS", "PRTF"):
                return parse.tag.gender or ""
    return None


def _verb_after(context: Context, position: int):
    """The tag of the first verb after ``position`` in its clause ("Зав. отделом провела" → провела), or None."""
    clause = re.split(r"(?<![А-ЯЁ])[.!?;:,—–(]", context.text[position : position + 120], maxsplit=1)[0]
    for word in re.findall(r"[а-яё]+", clause.lower()):
        tag = analyses(word)[0].tag
        if tag.POS == "VERB":
            return tag
    return None


def _house_fraction(match: re.Match, context: Context) -> str | None:
    """A house number with a slash in an address ("пр. Назарбаева, 12/1", "д. 5/2") → двенадцать дробь один."""
    if not re.search(
        r"(?<!\w)(?i:ул|пр|просп|пр-т|пер|д|мкр|дом|улица|проспект|переулок)\.?\s(?:[^.;:!?]|(?<=\b[А-ЯЁ])\.){0,30}$",
        context.text[: match.start()],
    ):
        return None
    return f"{_cardinal(int(match.group(1)))} дробь {_cardinal(int(match.group(2)))}"


#: Parts of a book or a document by their abbreviation (a capital letter for the record's start).
_PART_LEMMAS = {
    "т": "том",
    "ч": "часть",
    "вып": "выпуск",
    "кн": "книга",
    "пп": "пункт",
    "п. п": "пункт",
    "п.п": "пункт",
}


def _parts(match: re.Match, context: Context) -> str:
    """Several volumes, parts or points: "Т. 1–2" → тома один — два, "пп. 3 и 4" → пункты, "в ч. 1–2" → в частях."""
    lemma = _PART_LEMMAS[match.group(1).lower()]
    case = noun_case(context, match.start(), lemma)
    said = "тома" if lemma == "том" and case in ("nomn", "accs") else inflect(lemma, case, True)  # not "томы"
    return said.capitalize() if match.group()[0].isupper() else said


def _cardinal(number: int) -> str:
    return num2words(number, lang="ru")


def rules() -> list[Rule]:
    """The rules for Russian abbreviations and acronyms, longest forms first."""
    abbreviations = sorted(ABBREVIATIONS.items(), key=lambda item: len(item[0]), reverse=True)
    return [
        rule(r"(?<!\w)[сС]\. ?(\d+)(?: ?[–—-] ?(\d+))?", _page),
        rule(r"(?<!\w)(?:[сС]\.)(?= ?[А-ЯЁ])", _place("село")),
        rule(r"(?<!\w)[Пп]р\.(?= ?[А-ЯЁ](?!\.))", _abbreviation("=проспект")),
        rule(
            r"(?<!\w)[Пп]ер\.(?= ?[А-ЯЁ][а-яё])", _abbreviation("=переулок")
        ),  # "Пер. с каз.", "Пер. А. Сейда": translations
        *(
            rule(rf"(?<!\w){written}\.(?= ?(?:[IVXLІХ]+|\d{{4}}))", _abbreviation(f"={lemma}"))  # "в нач. XX в."
            for written, lemma in (("нач", "начало"), ("сер", "середина"), ("кон", "конец"), ("пол", "половина"))
        ),
        rule(r"(?<!\w)[Пп]л\.(?= ?[А-ЯЁ](?!\.))", _abbreviation("=площадь")),
        rule(r"(?<!\w)[Сс]ер\.(?= ?«)", _abbreviation("=серия")),  # a series in a record: "Сер. «Классика»"
        rule(r"(?<!\w)наб\.(?= ?[А-ЯЁ])", _abbreviation("=набережная")),
        rule(r"(?<![\w.])М\.(?=:|, ?\d{4})", lambda m, c: "Москва"),  # a place of publication: "М.: Наука", "М., 1985"
        rule(r"(?<![\w.])Л\.(?=:|, ?\d{4})", lambda m, c: "Ленинград"),
        rule(r"(?<!\w)ст\.(?= ?[А-ЯЁ][а-яё])", _abbreviation("=станция")),  # "на ст. Жарык"
        rule(r"(?<!\w)ст\.(?= ?\d)", _abbreviation("=статья")),  # "ст. 5 Закона"
        rule(r"(?<!\w)вн\.(?= ?\d)", _abbreviation("внутренний")),  # a telephone extension
        rule(r"(?<!\w)[Сс]т\.(?= ?[а-яё])", _agreeing("старший")),  # "ст. библиотекарь"
        *(
            rule(rf"(?<!\w)(?i:{written})\.(?= ?[а-яё])", _agreeing(lemma, after_adjective=False))  # "Обл. библиотека"
            for written, lemma in (
                ("обл", "областной"),
                ("гор", "городской"),
                ("гос", "государственный"),
                ("респ", "республиканский"),
                ("нац", "национальный"),
                ("дет", "детский"),
            )
        ),
        rule(r"(?<!\w)[Сс]в\.(?= ?\d)", lambda m, c: "Свыше" if m.group()[0] == "С" else "свыше"),
        rule(
            r"(?<!\w)[Сс]р\.(?= ?со? )", lambda m, c: "Сравни" if m.group()[0] == "С" else "сравни"
        ),  # "ср. с 2023 г."
        rule(r"(?<!\w)[Дд]оп\.(?= ?[а-яё])", _agreeing("дополнительный")),  # "доп. информация"
        rule(r"(?<!\w)(?i:зам)\.(?= ?[а-яё])", _person("заместитель")),  # "зам. директора"
        rule(r"(?<!\w)(?i:зав)\.(?= ?[а-яё])", _person("заведующий")),  # "зав. отделом"
        rule(r"(?<!\w)[Гг]л\.(?= ?(?!ред\.)[а-яё])", _agreeing("главный")),  # "гл. библиотекарь"; "гл. 3" is a chapter
        rule(r"(?<!\w)[Дд]\.(?= ?\d)", _abbreviation("=дом")),  # "Д. 5" at a line's start too
        rule(r"(?<![\w/.])(\d{1,4})/(\d{1,3})(?![\w/]|[.,]\d)", _house_fraction),
        rule(r"(?<!\w)([Тт]|[Чч]|[Вв]ып|[Кк]н|пп|п\. ?п)\.(?= ?\d+(?: ?[–—-] ?| и | или |, ?)\d)", _parts),
        rule(r"(?<!\w)([Тт])\.(?= ?\d)", lambda m, c: "Том" if m.group(1) == "Т" else "том"),
        rule(r"(?<!\w)[Пп]\.(?= ?\d)", _abbreviation("=пункт")),  # "согласно п. 3" → пункту
        rule(ACRONYM, _acronym),
        *(
            rule(
                abbreviation_pattern(written),
                _place(_PLACE_ABBREVIATIONS[written]) if written in _PLACE_ABBREVIATIONS else _abbreviation(words),
            )
            for written, words in abbreviations
        ),
    ]
