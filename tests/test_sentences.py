import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accessreader.sentences import split


def texts(text: str, lang: str, lines: bool = False) -> list[str]:
    return [text[s.start : s.end] for s in split(text, lang, lines=lines)]


# Each abbreviation of the brief, in a sentence that must stay whole, then a second sentence.
ABBREVIATIONS = [
    ("ru", "Это словари, т.е. справочные издания."),
    ("ru", "Это словари, т. е. Справочные издания по языку."),
    ("ru", "Есть книги, журналы и т.д. и всё это бесплатно."),
    ("ru", "Есть книги, журналы и т. д. и всё это бесплатно."),
    ("ru", "Книга вышла в 1999 г. в Алматы."),
    ("ru", "Она живёт в г. Алматы."),
    ("ru", "Здание строилось в 1970–1975 гг. по проекту Иванова."),
    ("ru", "Библиотека им. Абая открыта."),
    ("ru", "Мы находимся на ул. Абая, 14."),
    ("ru", "Фонд составляет 150 тыс. экземпляров."),
    ("ru", "Тираж 2 млн. экз. разошёлся за год."),
    ("ru", "Поступило 500 экз. учебников."),
    ("ru", "Поступило 3 тыс. книг, в т.ч. 500 на казахском."),
    ("ru", "Поступило 3 тыс. книг, в т. ч. 500 на казахском."),
    ("ru", "Подробнее см. Приложение 2."),
    ("ru", "Текст на стр. 45 прочитан."),
    ("kk", "Кітапхана 1991 ж. ашылды."),
    ("kk", "Ғимарат 1970–1975 жж. салынды."),
    ("kk", "Кітаптар, журналдар т.б. басылымдар бар."),
    ("kk", "Кітаптар, журналдар т.с.с. басылымдар бар."),
    ("kk", "Мерекелер, мыс. Наурыз, кітапханада тойланады."),
    ("kk", "Қала б.з.д. V ғасырда пайда болған."),
    ("en", "Some formats, e.g. EPUB and PDF, are supported."),
    ("en", "Large print, i.e. Books with bigger type, is popular."),
    ("en", "Dr. Smith opened the new reading room."),
    ("en", "Mr. Brown donated the books."),
    ("en", "The order is No. 12 on the list."),
    ("en", "The library is on St. James Street."),
    ("en", "Call 8 (7212) 41-22-07, ext. 12 for the reading room."),
    ("en", "Call the front desk, ext. Two hundred, for help."),
    ("ru", "Филиал открыт в мкр. Самал для всех жителей."),
    ("ru", "Приём ведётся в каб. 12 по вторникам."),
    ("ru", "Приём ведётся в каб. Директора по вторникам."),
    ("ru", "Справки по тел. 8 701 555 12 34 ежедневно."),
    ("ru", "Справки по тел. Абонемента ежедневно."),
    ("ru", "Библиотека им. Ы. Алтынсарина открыта."),
    ("ru", "Зав. Отделом обслуживания провела обзор."),
    ("ru", "Школы р-н. Абая получили книги."),
    ("kk", "Қарағанды обл. Балқаш қаласында кітапхана бар."),
    ("kk", "Тел. 8 701 555 12 34 арқылы хабарласыңыз."),
    ("ru", "Звоните по тел. 41-22-07, доб. 12 в рабочее время."),
    ("ru", "Моб. 8 701 555 12 34 работает круглосуточно."),
    ("kk", "Мекенжай: Самал ш.а. 12 үй, екінші қабат."),
    ("ru", "Собрано ок. 200 книг на казахском языке."),
    ("ru", "Библиотека на наб. Ишима открыта ежедневно."),
    ("ru", "Мы работаем пн.–пт. 10:00–18:00 без перерыва."),
    ("kk", "Біз дс.–жм. 10:00–18:00 аралығында жұмыс істейміз."),
    ("en", "We are open Mon.–Fri. 10:00–18:00 all year."),
    ("en", "The series includes vols. 1–3 of the letters."),
    ("ru", "Всего за 9 мес. 2024 г. проведено 112 мероприятий."),
    ("ru", "Выступил зам. Председателя совета по культуре."),
    ("ru", "Лекция пройдёт в ауд. 214 после обеда."),
    ("ru", "Вышло Полн. Собр. соч. в двух томах."),
]


@pytest.mark.parametrize("lang,sentence", ABBREVIATIONS)
def test_abbreviation_does_not_end_a_sentence(lang, sentence):
    text = sentence + " " + {"ru": "Вход свободный.", "kk": "Кіру тегін.", "en": "Entry is free."}[lang]
    assert texts(text, lang) == [sentence, text[len(sentence) + 1 :]]


@pytest.mark.parametrize(
    "text",
    ["Делегация прибыла из Карагандинской обл. Встреча прошла в зале.", "Это Абайский р-н. Школа № 5 приняла гостей."],
)
def test_a_region_named_with_an_adjective_ends_a_sentence_before_a_capital(text):
    first = text.split(". ")[0] + "."
    assert texts(text, "ru") == [first, text[len(first) + 1 :]]


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("ru", "А. С. Пушкин родился в Москве. Он писал стихи.", ["А. С. Пушкин родился в Москве.", "Он писал стихи."]),
        (
            "kk",
            "Ш. Уәлиханов Омбыда оқыды. Кейін ол ғалым болды.",
            ["Ш. Уәлиханов Омбыда оқыды.", "Кейін ол ғалым болды."],
        ),
        (
            "en",
            "The Hobbit is by J. R. R. Tolkien. It is a classic.",
            ["The Hobbit is by J. R. R. Tolkien.", "It is a classic."],
        ),
        ("ru", "Автор — А.С. Пушкин. Читайте.", ["Автор — А.С. Пушкин.", "Читайте."]),
    ],
)
def test_initials_do_not_end_a_sentence(lang, text, expected):
    assert texts(text, lang) == expected


def test_year_with_g_at_the_real_end_of_a_sentence_ends_it():
    text = "Кружок открылся в 2021 г. Библиотека ведёт его до сих пор."
    assert texts(text, "ru") == ["Кружок открылся в 2021 г.", "Библиотека ведёт его до сих пор."]


def test_a_date_that_opens_a_sentence_does_not_end_it():
    assert texts("В 1837 г. Пушкин погиб на дуэли. Это известно.", "ru") == [
        "В 1837 г. Пушкин погиб на дуэли.",
        "Это известно.",
    ]
    assert texts("12 мая 2021 г. Библиотека открылась.", "ru") == ["12 мая 2021 г. Библиотека открылась."]
    assert texts("В XIX в. Абай написал Слова назидания.", "ru") == ["В XIX в. Абай написал Слова назидания."]


def test_thousands_and_copies_end_a_sentence_before_a_capital():
    text = "Фонд вырос на 12 тыс. Читателей стало больше."
    assert texts(text, "ru") == ["Фонд вырос на 12 тыс.", "Читателей стало больше."]
    text = "Поступило 500 экз. Книг на казахском языке больше."
    assert texts(text, "ru") == ["Поступило 500 экз.", "Книг на казахском языке больше."]


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("ru", "Цена выросла в 2.5 раза. Это много.", ["Цена выросла в 2.5 раза.", "Это много."]),
        ("ru", "Он ждал… Никто не пришёл.", ["Он ждал…", "Никто не пришёл."]),
        ("ru", "Он ждал... Никто не пришёл.", ["Он ждал...", "Никто не пришёл."]),
        ("ru", "Он подумал... и ушёл.", ["Он подумал... и ушёл."]),
        ("ru", "Неужели?! Да.", ["Неужели?!", "Да."]),
        ("ru", "Он сказал: «Я приду.» Потом ушёл.", ["Он сказал: «Я приду.»", "Потом ушёл."]),
        ("ru", "(Это важно.) Читайте дальше.", ["(Это важно.)", "Читайте дальше."]),
        ("en", 'She said "Wait!" Then she left.', ['She said "Wait!"', "Then she left."]),
        ("ru", "«Стой!» — крикнул он. Все замерли.", ["«Стой!» — крикнул он.", "Все замерли."]),
        ("ru", "— Где книга? — Вот она.", ["— Где книга?", "— Вот она."]),
        ("ru", "1. Введение в тему", ["1. Введение в тему"]),
        ("ru", "Сайт library.kz открыт. Заходите.", ["Сайт library.kz открыт.", "Заходите."]),
        ("kk", "Қалай? Бәрі жақсы! Рахмет.", ["Қалай?", "Бәрі жақсы!", "Рахмет."]),
        ("ru", "Страна называлась СССР. Потом всё изменилось.", ["Страна называлась СССР.", "Потом всё изменилось."]),
    ],
)
def test_end_marks(lang, text, expected):
    assert texts(text, lang) == expected


def test_lines_makes_each_line_a_unit_and_offsets_point_into_the_text():
    text = "Год: 2024; Экз.: 1 372 423\nГод: 2025; Экз.: 1 400 000\n\nКөктем келді. Құс келді"
    result = split(text, "ru", lines=True)
    assert [text[s.start : s.end] for s in result] == [
        "Год: 2024; Экз.: 1 372 423",
        "Год: 2025; Экз.: 1 400 000",
        "Көктем келді.",
        "Құс келді",
    ]
    assert texts("Первая строка\nвторая строка.", "ru") == ["Первая строка\nвторая строка."]


def test_empty_and_blank_text_have_no_sentences():
    assert split("", "ru") == []
    assert split("  \n ", "kk", lines=True) == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="аб Ққ.!?…»«( )\n1Ж", max_size=60), st.booleans())
def test_sentences_are_ordered_trimmed_and_cover_every_letter(text, lines):
    result = split(text, "kk", lines=lines)
    position = 0
    for sentence in result:
        assert position <= sentence.start < sentence.end <= len(text)
        chunk = text[sentence.start : sentence.end]
        assert chunk == chunk.strip()
        position = sentence.end
    covered = {i for s in result for i in range(s.start, s.end)}
    assert all(i in covered for i, char in enumerate(text) if char.isalnum())
