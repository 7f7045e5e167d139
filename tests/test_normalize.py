"""Text normalisation for speech, checked on what espeak-ng will actually pronounce."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from accessreader.cli import main
from accessreader.tts.normalize import normalize, normalize_map
from tests.normalize_data import ESPEAK, LANGUAGES, UNSEEN_SETS, is_right, load, load_unseen, phonemes, text_right

needs_espeak = pytest.mark.skipif(ESPEAK is None, reason="espeak-ng is not installed")


SAID_AS = [
    # (language, written, words a person would say)
    ("ru", "1 372 423 экземпляра", "один миллион триста семьдесят две тысячи четыреста двадцать три экземпляра"),
    (
        "ru",
        "1\u00a0372\u00a0423 экземпляра",
        "один миллион триста семьдесят две тысячи четыреста двадцать три экземпляра",
    ),
    ("ru", "2770,4 тыс. тенге", "две тысячи семьсот семьдесят целых четыре десятых тысячи тенге"),
    ("ru", "т.е.", "то есть"),
    ("ru", "в 2021 г.", "в две тысячи двадцать первом году"),
    ("ru", "до 2021 года", "до две тысячи двадцать первого года"),
    ("ru", "01.07.2021", "первое июля две тысячи двадцать первого года"),
    ("ru", "в XX веке", "в двадцатом веке"),
    ("kk", "2025 жылы", "екі мың жиырма бесінші жылы"),
    ("kk", "т.б.", "тағы басқа"),
    ("kk", "XXI ғасыр", "жиырма бірінші ғасыр"),
    ("en", "e.g.", "for example"),
    ("en", "8 June 2024", "the eighth of June twenty twenty-four"),
    ("en", "Chapter IV", "Chapter four"),
]


@needs_espeak
@pytest.mark.parametrize("lang, written, words", SAID_AS)
def test_normalised_text_sounds_like_the_words_and_the_raw_text_does_not(lang, written, words):
    said = phonemes(normalize(written, lang), lang)
    assert said == phonemes(words, lang)
    assert phonemes(written, lang) != said


@needs_espeak
def test_raw_abbreviation_is_spelled_letter_by_letter_normalised_one_is_words():
    raw = phonemes("т.е.", "ru")
    assert raw.replace(",", "'") == phonemes("тэ е", "ru").replace(" ", "")  # the letters "тэ", "е"
    assert phonemes(normalize("т.е.", "ru"), "ru") == phonemes("то есть", "ru")


@needs_espeak
def test_initials_are_read_as_letters_without_the_pauses_of_full_stops():
    assert phonemes("А. С. Пушкин", "ru").count("|") == 2
    assert phonemes(normalize("А. С. Пушкин", "ru"), "ru") == phonemes("А эс Пушкин", "ru")


@needs_espeak
def test_espeak_alone_loses_the_million_in_a_grouped_number():
    assert "m;ill;i'on" not in phonemes("1 372 423", "ru")
    assert "m;ill;i'on" in phonemes(normalize("1 372 423", "ru"), "ru")


@needs_espeak
def test_kazakh_year_is_kazakh_words_read_by_the_kazakh_voice():
    said = normalize("2025 жылы кітап шықты", "kk")
    assert said == "екі мың жиырма бесінші жылы кітап шықты"
    assert "(" not in phonemes(said, "kk")  # no switch to another language inside the sentence


@pytest.mark.parametrize(
    "written, said",
    [
        ("в 23 книгах", "в двадцати трёх книгах"),
        ("из 5 человек", "из пяти человек"),
        ("21 книга", "двадцать одна книга"),
        ("2 книги", "две книги"),
        ("с 5 книгами", "с пятью книгами"),
        ("на 1 книгу", "на одну книгу"),
        ("из 1 тома", "из одного тома"),
        ("2 новые книги", "две новые книги"),
        ("с 1 по 5 мая", "с первого по пятое мая"),
        ("к 9 мая", "к девятому мая"),
        ("к 2030 году", "к две тысячи тридцатому году"),
        ("в 1990-х годах", "в тысяча девятьсот девяностых годах"),
        ("1941–1945 гг.", "тысяча девятьсот сорок первый — тысяча девятьсот сорок пятый годы."),
        ("5 мая 2024 года", "пятое мая две тысячи двадцать четвёртого года"),
        ("5-й том", "пятый том"),
        ("во 2-ой половине", "во второй половине"),
        ("Глава IV", "Глава четвёртая"),
        ("Пётр I", "Пётр первый"),
        ("№ 5", "номер пять"),
        ("45%", "сорок пять процентов"),
        ("$5", "пять долларов"),
        ("10 млн руб.", "десять миллионов рублей."),
        ("10 млн ₸", "десять миллионов тенге"),
        ("10 млн $", "десять миллионов долларов"),
        ("2 тыс. экз.", "две тысячи экземпляров."),
        ("и т.д. и т.п.", "и так далее и тому подобное."),
        ("в т.ч. им. Абая", "в том числе имени Абая"),
        ("в г. Алматы, ул. Абая", "в городе Алматы, улица Абая"),
        ("см. стр. 5", "смотри страницу пять"),
        ("и др.", "и другие."),
        ("почта info@nlrk.kz", "почта info собака n l r k точка k z"),
        ("сайт https://www.nlrk.kz/books", "сайт w w w точка n l r k точка k z слэш books"),
    ],
)
def test_russian(written, said):
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("1 372 423 дана", "бір миллион үш жүз жетпіс екі мың төрт жүз жиырма үш дана"),
        ("45,5%", "қырық бес бүтін оннан бес пайыз"),
        ("3-ші сынып", "үшінші сынып"),
        ("5-тен 10-ға дейін", "бестен онға дейін"),
        ("01.07.2021 ж.", "екі мың жиырма бірінші жылғы бірінші шілде."),
        ("1 шілде", "бірінші шілде"),
        ("1941–1945 жж.", "мың тоғыз жүз қырық бірінші — мың тоғыз жүз қырық бесінші жылдары."),
        ("100 жыл бұрын", "жүз жыл бұрын"),
        ("б.з.д. 500 ж.", "біздің заманымызға дейін бес жүзінші жылы."),
        ("т.с.с., мыс.", "тағы сол сияқты, мысалы."),
        ("IV тарау", "төртінші тарау"),
        ("XX ғ.", "жиырмасыншы ғасыр."),
        ("5 млн ₸", "бес миллион теңге"),
        ("5 млн $", "бес миллион доллар"),
        ("Алматы қ.", "Алматы қаласы."),
        ("№ 7", "нөмір жеті"),
        ("40-шы", "қырқыншы"),
    ],
)
def test_kazakh(written, said):
    assert normalize(written, "kk") == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("21st", "twenty-first"),
        ("On June 8, 2024", "On June eighth, twenty twenty-four"),
        ("in 1990 and the 1990s", "in nineteen ninety and the nineteen nineties"),
        (
            "1,372,423 copies",
            "one million, three hundred and seventy-two thousand, four hundred and twenty-three copies",
        ),
        ("pi is 3.14", "pi is three point one four"),
        ("$5 or 45%", "five dollars or forty-five percent"),
        ("Dr. Smith, i.e. Mr. Smith", "Doctor Smith, that is Mister Smith"),
        ("No. 5", "Number five"),
        ("the XX century", "the twentieth century"),
        ("J. R. R. Tolkien", "J R R Tolkien"),
        ("I am here", "I am here"),
    ],
)
def test_english(written, said):
    assert normalize(written, "en") == said


def test_roman_numeral_alone_is_a_number_only_in_a_heading():
    assert normalize("IV", "ru", heading=True) == "четыре"
    assert normalize("I", "en") == "I"
    assert normalize("I", "en", heading=True) == "one"


def test_other_languages_are_left_as_written():
    assert normalize("Seite 1 372", "de") == "Seite 1 372"


def test_offset_map_points_back_at_the_source():
    text = "В 2021 г. вышло 1 372 423 экземпляра."
    result = normalize_map(text, "ru", base=100)
    spoken = result.text
    million = spoken.index("один миллион")
    segment = next(s for s in result.segments if s[0] <= million < s[1])
    assert text[segment[2] - 100 : segment[3] - 100] == "1 372 423 экземпляра"[: segment[3] - segment[2]]
    assert text[segment[2] - 100 : segment[3] - 100].startswith("1 372 423")
    word = spoken.index("вышло")
    copied = next(s for s in result.segments if s[0] <= word < s[1])
    assert text[copied[2] - 100 + word - copied[0] :].startswith("вышло")


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet="0123456789 .,-–%$№IVXгжтесыйяАСBe@/:", max_size=40),
    st.sampled_from(["kk", "ru", "en"]),
)
def test_any_text_normalises_with_a_map_covering_it_in_order(text, lang):
    result = normalize_map(text, lang)
    assert isinstance(result.text, str)
    spoken_end = source_end = 0
    for spoken_start, spoken_stop, source_start, source_stop in result.segments:
        assert spoken_start == spoken_end and source_start == source_end
        spoken_end, source_end = spoken_stop, source_stop
    assert spoken_end == len(result.text) and source_end == len(text)


def test_cli_prints_one_sentence_a_line():
    runner = CliRunner()
    result = runner.invoke(main, ["normalize", "--lang", "ru", "В 2021 г. вышло 5 книг. Тираж 1 372 423 экз."])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "В две тысячи двадцать первом году вышло пять книг.",
        "Тираж один миллион триста семьдесят две тысячи четыреста двадцать три экземпляра.",
    ]


def test_abbreviation_ending_a_sentence_keeps_its_full_stop():
    assert normalize("Книги, журналы и т.д. Потом газеты.", "ru") == "Книги, журналы и так далее. Потом газеты."
    assert normalize("и т.д. и т.п.", "ru") == "и так далее и тому подобное."
    assert normalize("Д-р А. Иванов, ул. Абая", "ru") == "Д-р А Иванов, улица Абая"


def test_cli_detects_kazakh_when_no_language_is_given():
    result = CliRunner().invoke(main, ["normalize", "2025 жылы 3-ші сынып бітті."])
    assert result.exit_code == 0
    assert result.output.strip() == "екі мың жиырма бесінші жылы үшінші сынып бітті."
    assert not re.search(r"\d", result.output)


def test_a_quantity_after_na_is_read_in_the_accusative():
    from accessreader.tts.normalize import normalize

    assert normalize("Фонд вырос на 2%.", "ru") == "Фонд вырос на два процента."


# --- Issue 13: real library report text ---------------------------------------------------


def test_russian_date_before_a_verb_is_genitive_and_a_named_date_nominative():
    assert normalize("8 июня состоялась встреча", "ru") == "восьмого июня состоялась встреча"
    assert normalize("Отчёт составлен 30.12.2023 г.", "ru") == (
        "Отчёт составлен тридцатого декабря две тысячи двадцать третьего года."
    )
    assert normalize("1 сентября — День знаний.", "ru") == "первое сентября — День знаний."
    assert normalize("Сегодня 9 мая.", "ru") == "Сегодня девятое мая."
    assert normalize("Вчера, 8 июня, прошла встреча", "ru") == "Вчера, восьмого июня, прошла встреча"
    assert normalize("8 июня — встреча; 10 июня — викторина.", "ru") == (
        "восьмое июня — встреча; десятое июня — викторина."
    )
    assert normalize("Дата: 14.02.2024", "ru") == "Дата: четырнадцатое февраля две тысячи двадцать четвёртого года"


@needs_espeak
def test_espeak_alone_says_the_day_as_a_count_and_the_normalised_text_as_a_date():
    assert phonemes("8 июня состоялась", "ru").startswith("v'os;E2m")  # "восемь июня"
    said = phonemes(normalize("8 июня состоялась", "ru"), "ru")
    assert said == phonemes("восьмого июня состоялась", "ru")


@pytest.mark.parametrize(
    "written, said",
    [
        ("более 2,8 миллиона", "более двух целых восьми десятых миллиона"),
        ("к 1,5 тыс. человек", "к полутора тысячам человек"),
        ("менее 0,3%", "менее нуля целых трёх десятых процента"),
        ("в 2,5 раза", "в две целых пять десятых раза"),
        ("составила 12,7%", "составила двенадцать целых семь десятых процента"),
        ("достиг 8,4 тыс.", "достиг восьми целых четырёх десятых тысячи."),
        ("на 1,3 млн тенге", "на одну целую три десятых миллиона тенге"),
    ],
)
def test_russian_decimal_takes_the_case_of_its_preposition(written, said):
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("Показатель вырос в 1,5 раза.", "Показатель вырос в полтора раза."),
        ("Собрано 1,5 тыс. книг.", "Собрано полторы тысячи книг."),
        ("Собрано около 1,5 млн тенге.", "Собрано около полутора миллионов тенге."),
        ("Более 1,5 тысяч книг.", "Более полутора тысяч книг."),
        ("Обращаемость составила 1,5.", "Обращаемость составила одну целую пять десятых."),
    ],
)
def test_russian_one_and_a_half_before_a_noun_is_poltora(written, said):
    """1,5 before a noun is "полтора" (полторы, полутора) as a native speaker says it; alone it
    stays a decimal."""
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("к 175-летию", "к стосемидесятипятилетию"),
        ("100-летие", "столетие"),
        ("к 90-летию", "к девяностолетию"),
        ("5-летний читатель", "пятилетний читатель"),
        ("3-дневный семинар", "трёхдневный семинар"),
        ("в 2-х томах", "в двух томах"),
        ("от 5-ти лет", "от пяти лет"),
        ("с 2-мя детьми", "с двумя детьми"),
        ("с 5-ю книгами", "с пятью книгами"),
        ("на 5-ю страницу", "на пятую страницу"),
        ("в 1990-х годах", "в тысяча девятьсот девяностых годах"),
    ],
)
def test_russian_compound_with_a_number_is_one_word(written, said):
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        ("ru", "Грант составил $12 000.", "Грант составил двенадцать тысяч долларов."),
        ("ru", "На ремонт выделено ₸1 200 000.", "На ремонт выделено один миллион двести тысяч тенге."),
        ("ru", "грант в $5 000", "грант в пять тысяч долларов"),
        ("ru", "около $3 000", "около трёх тысяч долларов"),
        ("ru", "Проект стоит $1,2 млн.", "Проект стоит одна целая две десятых миллиона долларов."),
        ("ru", "Штраф — 2 000 тг.", "Штраф — две тысячи тенге."),
        ("kk", "Грант көлемі $12 000 болды.", "Грант көлемі он екі мың доллар болды."),
        ("kk", "Жоба $1,2 млн тұрады.", "Жоба бір бүтін оннан екі миллион доллар тұрады."),
        ("kk", "Демеуші ₸1 000 000 бөлді.", "Демеуші бір миллион теңге бөлді."),
        ("en", "The grant was $12 000.", "The grant was twelve thousand dollars."),
        ("en", "The project cost $2,5 million.", "The project cost two point five million dollars."),
        ("en", "It costs 1 500 ₽ or 5 000 KZT.", "It costs one thousand, five hundred roubles or five thousand tenge."),
    ],
)
def test_currency_sign_before_or_after_the_number_is_said_after_it(lang, written, said):
    assert normalize(written, lang) == said


@needs_espeak
def test_espeak_alone_says_the_dollar_sign_first_and_reads_the_group_space_as_zeros():
    assert phonemes("$12 000", "en").startswith("d'0l3")
    assert phonemes(normalize("$12 000", "en"), "en") == phonemes("twelve thousand dollars", "en")


@pytest.mark.parametrize(
    "lang, written, said",
    [
        ("ru", "+7 701 123 45 67", "плюс семь, семьсот один, сто двадцать три, сорок пять, шестьдесят семь"),
        (
            "ru",
            "8 (71036) 4-25-11",
            "восемь, семь, десять, тридцать шесть, четыре, двадцать пять, одиннадцать",
        ),
        ("ru", "8-800-080-77-77", "восемь, восемьсот, ноль восемьдесят, семьдесят семь, семьдесят семь"),
        ("ru", "по тел. 53-40-12", "по телефону пятьдесят три, сорок, двенадцать"),
        ("kk", "+7 701 123 45 67", "плюс жеті, жеті жүз бір, жүз жиырма үш, қырық бес, алпыс жеті"),
        ("en", "+7 701 123 45 67", "plus seven, seven zero one, one two three, four five, six seven"),
    ],
)
def test_phone_number_is_read_group_by_group(lang, written, said):
    assert normalize(written, lang) == said


def test_a_count_that_starts_with_eight_is_not_a_phone_number():
    assert normalize("8 700 книг", "ru") == "восемь тысяч семьсот книг"


@needs_espeak
def test_espeak_alone_reads_a_phone_number_as_a_quantity():
    raw = phonemes("8 701 555 12 34", "ru")
    said = phonemes(normalize("8 701 555 12 34", "ru"), "ru")
    assert said.count("|") == 4  # a pause between the five groups
    assert raw.count("|") == 0


@pytest.mark.parametrize(
    "written, said",
    [
        ("в г.Балхаш", "в городе Балхаш"),
        ("Жители г.Приозерск", "Жители города Приозерск"),
        ("библиотека им.Абая", "библиотека имени Абая"),
        ("на ул.Ленина", "на улице Ленина"),
        ("т.е.в два раза", "то есть в два раза"),
        ("г.Алматы,ул.Абая,д.5", "город Алматы,улица Абая,дом пять"),
        ("дом №5", "дом номер пять"),
        ("см.с.12", "смотри страницу двенадцать"),
    ],
)
def test_glued_russian_abbreviation_is_split_and_expanded(written, said):
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        ("ru", "на с. 45", "на странице сорок пять"),
        ("ru", "– 250 с.", "– двести пятьдесят страниц."),
        ("ru", "(С. 12–15)", "(страницы двенадцать — пятнадцать)"),
        ("ru", "из с.Каскелен", "из села Каскелен"),
        ("ru", "пр. Назарбаева, д. 12", "проспект Назарбаева, дом двенадцать"),
        ("ru", "книги на каз.яз.", "книги на казахском языке."),
        ("ru", "300 книг, в.т.ч. 120", "триста книг, в том числе сто двадцать"),
        ("ru", "Фонд сельской б-ки", "Фонд сельской библиотеки"),
        ("ru", "Собрание в 3 т.", "Собрание в трёх томах."),
        ("ru", "Т. 3, С. 45", "Том три, страница сорок пять"),
        ("ru", "д. 5, корп. 2", "дом пять, корпус два"),
        ("ru", "C Новым годом!", "C Новым годом!"),  # a Latin C typed for С is no hundred
        ("kk", "Кітап 250 б. тұрады", "Кітап екі жүз елу бет тұрады"),
        ("kk", "Абай д., 12", "Абай даңғылы, он екі"),
        ("kk", "1975ж.ашылды", "мың тоғыз жүз жетпіс бесінші жылы ашылды"),
        ("kk", "проф.Қ.Жұмалиев", "профессор Қа Жұмалиев"),
        ("en", "pp. 12–15", "pages twelve to fifteen"),
        ("en", "The book has 250 p.", "The book has two hundred and fifty pages."),
    ],
)
def test_library_abbreviation_is_expanded(lang, written, said):
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        ("ru", "Закон РК «О культуре»", "Закон Республики Казахстан «О культуре»"),
        ("ru", "В РК работает", "В Республике Казахстан работает"),
        ("ru", "Сотрудники ЦГБ", "Сотрудники центральной городской библиотеки"),
        ("ru", "Делегация посетила ЦБС.", "Делегация посетила централизованную библиотечную систему."),
        ("ru", "ЦГДБ провела конкурс", "цэ-гэ-дэ-бэ провела конкурс"),
        ("ru", "Мероприятие провела ЦГБ.", "Мероприятие провела центральная городская библиотека."),
        ("ru", "Читатели посетили ЦГБ.", "Читатели посетили центральную городскую библиотеку."),
        ("ru", "в СМИ", "в сми"),
        ("kk", "ҚР Президенті", "Қазақстан Республикасы Президенті"),
        ("kk", "ҚР-да", "Қазақстан Республикасында"),
        ("kk", "ОКЖ-ның директоры", "орталықтандырылған кітапханалар жүйесінің директоры"),
        ("kk", "ЦГДБ оқырмандары", "це-ге-де-бе оқырмандары"),
        ("kk", "ҰБТ-дан кейін", "ұ-бе-теден кейін"),
    ],
)
def test_acronym_is_expanded_in_the_case_the_sentence_asks_or_spelled(lang, written, said):
    assert normalize(written, lang) == said


def test_a_heading_in_capitals_is_not_spelled_as_acronyms():
    assert normalize("ОТЧЁТ О РАБОТЕ БИБЛИОТЕКИ", "ru") == "ОТЧЁТ О РАБОТЕ БИБЛИОТЕКИ"
    assert normalize("ЖАҢА КІТАПТАР", "kk") == "ЖАҢА КІТАПТАР"
    assert normalize("Приказ МВД РК", "ru") == "Приказ эм-вэ-дэ Республики Казахстан"
    assert normalize("ХХ ВЕК", "ru") == "двадцатый ВЕК"
    assert normalize("ХХІ ҒАСЫР ӘДЕБИЕТІ", "kk") == "жиырма бірінші ҒАСЫР ӘДЕБИЕТІ"
    assert normalize("ІІ. Оқырмандармен жұмыс", "kk") == "екі. Оқырмандармен жұмыс"
    assert normalize("І. Жансүгіров", "kk") == "І Жансүгіров"  # an initial, not a numeral


@needs_espeak
def test_kazakh_voice_reads_an_acronym_as_a_syllable_and_the_normalised_one_as_letters():
    assert phonemes("МБ", "kk") == "m'@b@"  # one syllable, "мыбы"
    said = phonemes(normalize("МБ қызметкерлері", "kk"), "kk")
    assert said.startswith("'emb'e")  # "эм-бе"
    assert phonemes(normalize("ҚР", "kk"), "kk") == phonemes("Қазақстан Республикасы", "kk")


@pytest.mark.parametrize(
    "written, said",
    [
        ("Оқушы 5-сыныпта оқиды.", "Оқушы бесінші сыныпта оқиды."),
        ("21-ші орын", "жиырма бірінші орын"),
        ("1-қыркүйекте", "бірінші қыркүйекте"),
        ("90-жылдары", "тоқсаныншы жылдары"),
        ("5-тен 10-ға дейін", "бестен онға дейін"),
        ("30-дан астам", "отыздан астам"),
        ("2023-2024 оқу жылында", "екі мың жиырма үшінші — екі мың жиырма төртінші оқу жылында"),
    ],
)
def test_kazakh_number_and_hyphen_is_an_ordinal_unless_a_case_ending_follows(written, said):
    assert normalize(written, "kk") == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("on 01/01/2018", "on January first, twenty eighteen"),
        ("signed 30.12.2023", "signed December thirtieth, twenty twenty-three"),
        ("Henry VIII had", "Henry the eighth had"),
        ("Read chapter XXVII", "Read chapter twenty-seven"),
        ("World War II", "World War two"),
        ("grew by 2,5 million", "grew by two point five million"),
        ("rose by 3,75%", "rose by three point seven five percent"),
        ("1,372 visitors", "one thousand, three hundred and seventy-two visitors"),
    ],
)
def test_english_dates_rulers_and_comma_decimals(written, said):
    assert normalize(written, "en") == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        ("ru", "В ХХ веке", "В двадцатом веке"),  # Cyrillic Х
        ("ru", "ХІХ века", "девятнадцатого века"),  # Cyrillic Х, Kazakh І
        ("ru", "Глава ІІІ", "Глава третья"),
        ("ru", "В ІV квартале", "В четвёртом квартале"),
        ("ru", "Пётр І основал", "Пётр первый основал"),
        ("ru", "С ХVІ века", "С шестнадцатого века"),
        ("ru", "ІІ. Работа с читателями", "два. Работа с читателями"),
        ("ru", "На ІІІ Международном форуме", "На третьем Международном форуме"),
        ("ru", "Диплом ІІ степени", "Диплом второй степени"),
        ("kk", "ХХІ ғасыр", "жиырма бірінші ғасыр"),
        ("kk", "ІІІ республикалық байқау", "үшінші республикалық байқау"),
        ("kk", "Команда І орын алды", "Команда бірінші орын алды"),
        ("kk", "ХV–ХVІ ғасырларда", "он бесінші — он алтыншы ғасырларда"),
        ("en", "the ХІХ century", "the nineteenth century"),
        ("en", "Peter І built", "Peter the first built"),
    ],
)
def test_roman_numeral_typed_with_cyrillic_letters(lang, written, said):
    assert normalize(written, lang) == said


@pytest.mark.parametrize("written", ["С праздником!", "И снова книги", "С. Сейфуллин", "СМ"])
def test_cyrillic_letters_that_look_roman_stay_words_where_they_are_words(written):
    assert not re.search(r"сто|тысяч|один|первый", normalize(written, "ru"))


@needs_espeak
def test_kazakh_voice_spells_cyrillic_roman_numerals_and_says_the_normalised_century():
    assert phonemes("ХХІ ғасыр", "kk").startswith("x@x@")  # "хыхы-і"
    assert phonemes(normalize("ХХІ ғасыр", "kk"), "kk") == phonemes("жиырма бірінші ғасыр", "kk")


def test_labelled_report_sentences_are_read_right():
    """The whole labelled set (tests/data/normalize, ≥ 300 sentences, and every unseen set): at least 97%
    right, in each language too (by the judge of tests/normalize_data.py: the words, or else the sounds)."""
    sentences = [s for lang in LANGUAGES for s in load(lang)]
    assert len(sentences) >= 300
    sentences += [s for name in UNSEEN_SETS for s in load_unseen(name)]
    assert len(sentences) >= 700
    wrong = [
        (s.lang, s.text, normalize(s.text, s.lang))
        for s in sentences
        if not is_right(normalize(s.text, s.lang), s.expected, s.lang)
    ]
    assert len(wrong) <= 0.03 * len(sentences), wrong
    for lang in LANGUAGES:  # the aim, per language over all its sentences
        assert sum(w[0] == lang for w in wrong) <= 0.03 * sum(s.lang == lang for s in sentences), wrong


@needs_espeak
@pytest.mark.parametrize(
    "said, expected, lang, right",
    [
        ("к стовосьмидесятилетию", "к ставосьмидесятилетию", "ru", True),  # an unstressed о/а: one sound
        ("к стотридцатилетию", "к статридцатилетию", "ru", True),
        ("тысяча книг", "одна тысяча книг", "ru", False),
        ("с четырнадцати ноль-ноль", "с четырнадцати", "ru", False),
        ("семьдесят один семьдесят два", "семь один семь два", "ru", False),
        ("нөмір он екі мектеп", "нөмірі он екі мектеп", "kk", False),
        ("ёлка", "елка", "ru", False),  # the voice stresses е and ё apart
    ],
)
def test_the_judge_counts_a_text_right_by_its_words_or_else_by_what_espeak_ng_says(said, expected, lang, right):
    """The labelled sets' judge: the same words, or else the same phonemes, stress and pauses from
    espeak-ng; spellings the voice says alike count, real differences in sound do not."""
    assert not text_right(said, expected)
    assert is_right(said, expected, lang) is right


@pytest.mark.parametrize(
    "lang, written, said",
    [
        ("ru", "работает с 9:00 до 18:00", "работает с девяти ноль-ноль до восемнадцати ноль-ноль"),
        ("ru", "Начало в 10:30.", "Начало в десять тридцать."),
        (
            "ru",
            "В 2023-2024 учебном году",
            "В две тысячи двадцать третьем — две тысячи двадцать четвёртом учебном году",
        ),
        ("ru", "Приняли участие 120 чел.", "Приняли участие сто двадцать человек."),
        ("ru", "Пришли 2 чел.", "Пришли два человека."),
        ("kk", "9:00-ден 18:00-ге дейін", "тоғыздан он сегізге дейін"),
        ("kk", "ХХ ғасырдың 20-30 жылдары", "жиырмасыншы ғасырдың жиырмасыншы — отызыншы жылдары"),
        ("kk", "100 жыл бұрын", "жүз жыл бұрын"),
        ("en", "Open from 9:00 to 18:30.", "Open from nine o'clock to eighteen thirty."),
        ("en", "covers the years 1991-2001.", "covers the years nineteen ninety-one to two thousand one."),
        ("en", "Pupils of grades 5-7 came.", "Pupils of grades five to seven came."),
        ("en", "Loans rose compared with 2022.", "Loans rose compared with twenty twenty-two."),
        ("en", "Tel.: 53-40-12", "Telephone: five three, four zero, one two"),
    ],
)
def test_report_times_school_years_and_head_counts(lang, written, said):
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        # a decimal after a transitive verb is its object; an animate "one" takes the genitive form
        ("ru", "Фонд насчитывает 1,2 млн книг.", "Фонд насчитывает одну целую две десятых миллиона книг."),
        ("ru", "на 1 жителя", "на одного жителя"),
        ("ru", "на 1 год", "на один год"),
        # a date named after a dash; "по" + a date is "up to, inclusive"
        ("ru", "Срок — 5 января.", "Срок — пятое января."),
        ("ru", "по 31.12.2023", "по тридцать первое декабря две тысячи двадцать третьего года"),
        # "4-м школам" is a count in the dative, "в 4-м классе" an ordinal
        ("ru", "выданы 4-м школам", "выданы четырём школам"),
        ("ru", "в 4-м классе", "в четвёртом классе"),
        # the age of a person is a genitive; a span of years after a verb is not
        ("ru", "дети 10–12 лет", "дети десяти — двенадцати лет"),
        ("ru", "работает 10 лет", "работает десять лет"),
        ("ru", "Читатели 10 лет ходят сюда", "Читатели десять лет ходят сюда"),
        # a currency or people abbreviation after a scale word
        ("ru", "3,5 млн тг. на книги", "три целых пять десятых миллиона тенге на книги"),
        ("ru", "32 тыс. чел.", "тридцать две тысячи человек."),
        ("ru", "в Абайском р-не", "в Абайском районе"),
        # a house number with a slash, only in an address
        ("ru", "пр. Абая, 12/1", "проспект Абая, двенадцать дробь один"),
        # where to after a verb of motion is an accusative; where, a locative
        ("ru", "переехал на ул. Абая", "переехал на улицу Абая"),
        ("ru", "находится на ул. Абая", "находится на улице Абая"),
        # an acronym that is a name in quotes stays in the nominative
        (
            "ru",
            "КГУ «ЦБС» акимата",
            "коммунальное государственное учреждение «централизованная библиотечная система» акимата",
        ),
        ("kk", "БАҚ-та жарияланды", "бақта жарияланды"),
        ("kk", "ҰОС ардагерлері", "Ұлы Отан соғысы ардагерлері"),
        ("en", "25 Satpayev St., Almaty", "twenty-five Satpayev Street, Almaty"),
        ("en", "St. Petersburg", "Saint Petersburg"),
        # Roman numerals listed before the noun they share; the first year of a span
        ("ru", "дипломы I, II и III степени", "дипломы первой, второй и третьей степени"),
        ("kk", "І, ІІ, ІІІ дәрежелі дипломдар", "бірінші, екінші, үшінші дәрежелі дипломдар"),
        ("ru", "С 2019 по 2023 год", "С две тысячи девятнадцатого по две тысячи двадцать третий год"),
        # "ж." before a day and a month is the year of that date
        ("kk", "2024 ж. 23 сәуірде", "екі мың жиырма төртінші жылғы жиырма үшінші сәуірде"),
        ("kk", "2024 ж. кітап шықты", "екі мың жиырма төртінші жылы кітап шықты"),
        # square metres agree with the number; a participle used as a noun owns the acronym after it
        ("ru", "площадью более 120 кв. м", "площадью более ста двадцати квадратных метров"),
        ("ru", "Площадь — 21 кв. м", "Площадь — двадцать один квадратный метр"),
        ("ru", "Заведующая ЦДБ выступила", "Заведующая центральной детской библиотеки выступила"),
        ("ru", "Районная ЦБС провела", "Районная централизованная библиотечная система провела"),
        # "between" two years, not two counts
        ("en", "between 2019 and 2023.", "between twenty nineteen and twenty twenty-three."),
        ("en", "between 1500 and 2000 books", "between one thousand, five hundred and two thousand books"),
        # a comparative asks the genitive; a price after "в" is an accusative, a place is not
        ("ru", "старше 60 лет", "старше шестидесяти лет"),
        ("ru", "обошёлся в 12,5 млн тенге", "обошёлся в двенадцать целых пять десятых миллиона тенге"),
        ("ru", "в 2,5 тыс. библиотек", "в двух целых пяти десятых тысячи библиотек"),
        # "ст." before a name is a station, before a number an article
        ("ru", "на ст. Жарык", "на станции Жарык"),
        ("ru", "ст. 5 Закона", "статья пять Закона"),
        # a Roman numeral between "the" and a noun is an ordinal
        ("en", "in the ІІ quarter", "in the second quarter"),
        # academic years with a slash; a number with a leading zero is a code, said digit by digit
        (
            "ru",
            "в 2023/2024 учебном году",
            "в две тысячи двадцать третьем — две тысячи двадцать четвёртом учебном году",
        ),
        ("en", "the 2023/2024 school year", "the twenty twenty-three to twenty twenty-four school year"),
        ("ru", "Адрес: 050000, г. Алматы", "Адрес: ноль пять ноль ноль ноль ноль, город Алматы"),
        # an abbreviated noun agrees with the adjective before it
        ("ru", "ЦБС Абайской обл. провела", "централизованная библиотечная система Абайской области провела"),
        ("ru", "в Карагандинскую обл.", "в Карагандинскую область."),
        ("en", "from 25 to 31 March", "from the twenty-fifth to the thirty-first of March"),
        ("kk", "Жаңатұрмыс а.кітапханасы", "Жаңатұрмыс ауылы кітапханасы"),
        # age ratings; a place won; the object of a singular transitive verb; "ст.", "эл."
        ("ru", "возраст 12+", "возраст двенадцать плюс"),
        ("kk", "жас шектеуі 12+", "жас шектеуі он екі плюс"),
        ("en", "age 12+", "age twelve plus"),
        ("ru", "Команда заняла 2 место", "Команда заняла второе место"),
        ("ru", "Акция собрала 1 247 книг", "Акция собрала тысячу двести сорок семь книг"),
        ("ru", "Библиотеку посетили 1 050 школьников", "Библиотеку посетили тысяча пятьдесят школьников"),
        ("ru", "Ст. библиотекарь провела", "Старший библиотекарь провела"),
        ("ru", "для ст. научных сотрудников", "для старших научных сотрудников"),
        ("ru", "на эл. почту", "на электронную почту"),
        ("en", "at 4 p.m. today", "at four p m today"),
        # a class with its letter is a grade, an ordinal
        ("ru", "для 9 «А» класса", "для девятого «А» класса"),
        ("kk", "9 «А» сынып оқушылары", "тоғызыншы «А» сынып оқушылары"),
        ("ru", "систему «ИРБИС»", "систему «ирбис»"),
        # times written with a dot; a price with a scale word; a date in brackets; extensions
        ("ru", "открыт с 9.00 до 20.00.", "открыт с девяти ноль-ноль до двадцати ноль-ноль."),
        ("kk", "9.00-ден 20.00-ге дейін", "тоғыздан жиырмаға дейін"),
        ("ru", "обошёлся в 4 млн тенге", "обошёлся в четыре миллиона тенге"),
        ("ru", "в 4 млн домов", "в четырёх миллионах домов"),
        ("ru", "месячник (1–31 октября)", "месячник (первое — тридцать первое октября)"),
        ("ru", "42-51-90, вн. 105", "сорок два, пятьдесят один, девяносто, внутренний сто пять"),
        ("en", "42-51-90, ext. 105", "four two, five one, nine zero, extension one hundred and five"),
        # a place after a contracted noun; a house number with a letter; kk "атын."
        ("ru", "в б-ку с.Каракол", "в библиотеку села Каракол"),
        ("ru", "д. 9а, кв. 3", "дом девять а, квартира три"),
        ("kk", "Абай атын.мектеп", "Абай атындағы мектеп"),
        ("en", "In 2021–2023 the fund grew.", "In twenty twenty-one to twenty twenty-three the fund grew."),
    ],
)
def test_report_cases_acronyms_and_addresses(lang, written, said):
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        ("ru", "учащиеся 5-7 классов", "учащиеся пятых — седьмых классов"),
        ("ru", "ученица 5 класса", "ученица пятого класса"),
        ("ru", "В школе 25 классов.", "В школе двадцать пять классов."),
        ("ru", "в 2 классе", "во втором классе"),
        ("ru", "В ІІ полугодии 2023 г.", "Во втором полугодии две тысячи двадцать третьего года."),
        ("ru", "гости из г.Астаны и г.Алматы", "гости из города Астаны и города Алматы"),
        ("ru", "в СОШ № 12", "в средней общеобразовательной школе номер двенадцать"),
        ("kk", "5-7 сынып оқушылары", "бесінші — жетінші сынып оқушылары"),
    ],
)
def test_grades_are_ordinals_and_the_preposition_before_second_is_vo(lang, written, said):
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        ("ru", "Неделя прошла 3-10 июня.", "Неделя прошла третьего — десятого июня."),
        ("kk", "Көрме 3-10 маусым аралығында өтті.", "Көрме үшінші — оныншы маусым аралығында өтті."),
        ("kk", "2,3%-ға артық", "екі бүтін оннан үш пайызға артық"),
        ("kk", "Абайдың 175-жылдығына", "Абайдың жүз жетпіс бес жылдығына"),
    ],
)
def test_day_ranges_anniversaries_and_a_percent_with_an_ending(lang, written, said):
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        ("ru", "Книговыдача выросла в 3.50 раза.", "Книговыдача выросла в три целых пятьдесят сотых раза."),
        ("ru", "Средняя посещаемость составила 7.4.", "Средняя посещаемость составила семь целых четыре десятых."),
        ("ru", "Охват — 38.2 %.", "Охват — тридцать восемь целых две десятых процента."),
        ("ru", "Возраст читателя — 34.5 года.", "Возраст читателя — тридцать четыре целых пять десятых года."),
        ("ru", "Открыто с 9.00 до 18.00.", "Открыто с девяти ноль-ноль до восемнадцати ноль-ноль."),
        ("kk", "Оқырмандар 3.5 %-ға көбейді.", "Оқырмандар үш бүтін оннан бес пайызға көбейді."),
        ("kk", "Айналым 2.4 есе өсті.", "Айналым екі бүтін оннан төрт есе өсті."),
    ],
)
def test_a_decimal_with_a_point_is_read_as_one_with_a_comma_and_a_time_stays_a_time(lang, written, said):
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "lang, written",
    [
        ("ru", "См. п. 1.2."),
        ("ru", "Раздел 2.3 содержит таблицы."),
        ("ru", "1.2. Работа с читателями"),
        ("ru", "2.3 Массовая работа"),
        ("kk", "1.2. Оқырмандармен жұмыс"),
    ],
)
def test_a_part_number_with_a_point_is_not_a_decimal(lang, written):
    assert not re.search("цел|бүтін", normalize(written, lang))


@pytest.mark.parametrize(
    "written, said",
    [
        ("Осталось 1 место.", "Осталось одно место."),
        ("Свободно всего 21 место.", "Свободно всего двадцать одно место."),
        ("Команда заняла 1 место.", "Команда заняла первое место."),
        ("1 место — школа № 5.", "первое место — школа номер пять."),
        ("Конкурс собрал 41 участника.", "Конкурс собрал сорок одного участника."),
        ("Акция прошла в 21 школе района.", "Акция прошла в двадцати одной школе района."),
        ("Группы набираются по 15–20 человек.", "Группы набираются по пятнадцать–двадцать человек."),
        ("Клуб собирается 1–2 раза в месяц.", "Клуб собирается один–два раза в месяц."),
        ("Зал периодики на 2 этаже.", "Зал периодики на втором этаже."),
        ("В 3 томе собраны письма.", "В третьем томе собраны письма."),
        ("Письма собраны в 2 томе.", "Письма собраны во втором томе."),
        ("Письма собраны в 2 томах.", "Письма собраны в двух томах."),
        ("Книги переданы 3 школам.", "Книги переданы трём школам."),
        ("Спонсор передал 3 000 тенге.", "Спонсор передал три тысячи тенге."),
        ("Для учеников с 1 по 4 класс.", "Для учеников с первого по четвёртый класс."),
        ("Заявки прислали из 15–20 школ.", "Заявки прислали из пятнадцати–двадцати школ."),
        ("Сборник издан в 2х томах.", "Сборник издан в двух томах."),
        ("Роман вышел в 4х частях.", "Роман вышел в четырёх частях."),
        ("в 90х годах", "в девяностых годах"),
        ("Статья напечатана на с. 45–52.", "Статья напечатана на страницах сорок пять — пятьдесят два."),
        ("Доц. Нурланова провела семинар.", "Доцент Нурланова провела семинар."),
    ],
)
def test_russian_numbers_agree_with_their_noun_and_the_word_that_governs_them(written, said):
    assert normalize(written, "ru") == said


@needs_espeak
def test_espeak_hears_one_seat_left_not_the_first_place():
    said = normalize("Осталось 1 место.", "ru")
    assert phonemes(said, "ru") == phonemes("Осталось одно место.", "ru")
    assert phonemes(said, "ru") != phonemes("Осталось первое место.", "ru")


@pytest.mark.parametrize(
    "written, said",
    [
        ("С 12.04 по 15.04 прошла Неделя книги.", "С двенадцатого апреля по пятнадцатое апреля прошла Неделя книги."),
        ("с 12.10 по 15.10", "с двенадцатого октября по пятнадцатое октября"),
        ("Открыто с 9.00 до 18.00.", "Открыто с девяти ноль-ноль до восемнадцати ноль-ноль."),
        ("Начало в 10.05.", "Начало в десять ноль пять."),
        ("Наш адрес: ул. Абая, 15, каб. 204.", "Наш адрес: улица Абая, пятнадцать, кабинет двести четыре."),
        ("Тел. 41-22-07, доб. 12.", "Телефон сорок один, двадцать два, ноль семь, добавочный двенадцать."),
    ],
)
def test_a_day_and_month_with_a_point_is_a_date_where_a_time_is_not_meant(written, said):
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("В ходе акции собрано 250 кг макулатуры.", "В ходе акции собрано двести пятьдесят килограммов макулатуры."),
        ("Собрано 2 кг семян.", "Собрано два килограмма семян."),
        ("более 250 кг", "более двухсот пятидесяти килограммов"),
        ("Конкурс для чтецов в возрасте 14 лет.", "Конкурс для чтецов в возрасте четырнадцати лет."),
        ("Возраст 14 лет.", "Возраст четырнадцать лет."),
        ("Новая библиотека открылась в 11 мкр.", "Новая библиотека открылась в одиннадцатом микрорайоне."),
        ("Жители 5 мкр. пришли на праздник.", "Жители пятого микрорайона пришли на праздник."),
        ("Спонсор передал библиотеке €1 500.", "Спонсор передал библиотеке тысячу пятьсот евро."),
        ("Аким вручил победителям 1 000 тенге.", "Аким вручил победителям тысячу тенге."),
        ("Библиотеке 1 000 лет.", "Библиотеке тысяча лет."),
    ],
)
def test_units_ages_districts_and_an_object_after_a_dative(written, said):
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        ("en", "The exhibition is open Mon.–Fri.", "The exhibition is open Monday to Friday."),
        ("en", "Closed on Sun. and Mon.", "Closed on Sunday and Monday."),
        ("en", "The Sun. It rose.", "The Sun. It rose."),
        ("en", "Open 9:00-18:00.", "Open nine o'clock to eighteen o'clock."),
        (
            "ru",
            "Режим работы: 9:00–18:00, пн.–пт.",
            "Режим работы: девять ноль-ноль — восемнадцать ноль-ноль, понедельник — пятница.",
        ),
        ("ru", "Выходные: сб., вс.", "Выходные: суббота, воскресенье."),
        ("ru", "ср. с таблицей 2", "сравни с таблицей два"),  # "compare", not a weekday
        ("kk", "Жұмыс уақыты: 9:00–18:00, дс.–жм.", "Жұмыс уақыты: тоғыз нөл нөл — он сегіз нөл нөл, дүйсенбі — жұма."),
        ("kk", "Демалыс күндері: сб., жс.", "Демалыс күндері: сенбі, жексенбі."),
    ],
)
def test_opening_hours_weekdays_and_time_spans(lang, written, said):
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("Каждая школа получила по 3 кг семян.", "Каждая школа получила по три килограмма семян."),
        ("Выдали по 5 тыс. тенге.", "Выдали по пять тысяч тенге."),
        ("Получили по 1 экз.", "Получили по одному экземпляру."),
        ("Занятие прошло в 1-й группе.", "Занятие прошло в первой группе."),
        ("Фестиваль проводится в 3-й раз.", "Фестиваль проводится в третий раз."),
        ("Выставки на 2-м и 3-м этажах.", "Выставки на втором и третьем этажах."),
        ("Ок. 200 книг передано в дар.", "около двухсот книг передано в дар."),
        ("Около 2/3 читателей — женщины.", "Около двух третьих читателей — женщины."),
        ("Обновлено 3/4 фонда.", "Обновлено три четвёртых фонда."),
        ("Книги составляют 1/2 фонда.", "Книги составляют одну вторую фонда."),
        ("ул. Абая, 5/2", "улица Абая, пять дробь два"),
    ],
)
def test_sharing_out_coordinated_ordinals_about_and_common_fractions(written, said):
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        ("en", "The library has 2/3 of its collection online.", "The library has two thirds of its collection online."),
        ("en", "About 1/2 of the visitors were children.", "About one half of the visitors were children."),
        ("en", "The forum was held on 5–7 October.", "The forum was held on the fifth to the seventh of October."),
        ("en", "The fair runs October 5–7, 2024.", "The fair runs October fifth to seventh, twenty twenty-four."),
        ("en", "The budget is KZT 5 million.", "The budget is five million tenge."),
        ("en", "The room is 45 sq. m.", "The room is forty-five square metres."),
        ("en", "It was 25 °C outside.", "It was twenty-five degrees Celsius outside."),
        ("en", "World War I ended in 1918.", "World War one ended in nineteen eighteen."),
        ("kk", "Кітаптың 1/3 бөлігі аударылды.", "Кітаптың үштен бір бөлігі аударылды."),
        ("kk", "Оқырмандардың 2/3-сі әйелдер.", "Оқырмандардың үштен екісі әйелдер."),
    ],
)
def test_fractions_day_spans_units_and_currency_codes(lang, written, said):
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        ("ru", "Встреча прошла 3 и 4 марта.", "Встреча прошла третьего и четвёртого марта."),
        ("ru", "Акции прошли 5, 6 и 7 мая.", "Акции прошли пятого, шестого и седьмого мая."),
        ("ru", "3 и 4 марта — дни открытых дверей.", "третье и четвёртое марта — дни открытых дверей."),
        ("ru", "Купили 3 и 4 книги.", "Купили три и четыре книги."),
        ("ru", "Кружок для 1–4 кл.", "Кружок для первых — четвёртых классов."),
        ("ru", "Учащиеся 5 кл. посетили библиотеку.", "Учащиеся пятого класса посетили библиотеку."),
        ("ru", "Доступ к электронной библиотеке 24/7.", "Доступ к электронной библиотеке двадцать четыре на семь."),
        ("en", "Access to e-books 24/7.", "Access to e-books twenty-four seven."),
    ],
)
def test_days_of_one_month_grades_abbreviated_and_round_the_clock(lang, written, said):
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        ("ru", "Новый филиал открыт в 2 мкр.", "Новый филиал открыт во втором микрорайоне."),
        (
            "ru",
            "Фестиваль проводился с 2015 по 2024 гг.",
            "Фестиваль проводился с две тысячи пятнадцатого по две тысячи двадцать четвёртый годы.",
        ),
        ("ru", "Данные по 2023 г. уточняются.", "Данные по две тысячи двадцать третьему году уточняются."),
        ("en", "The new wing covers 1,200 sq. m.", "The new wing covers one thousand, two hundred square metres."),
        ("en", "The track is 12,5 km long.", "The track is twelve point five kilometres long."),
    ],
)
def test_vo_before_a_second_district_po_up_to_a_year_and_thousands_before_a_unit(lang, written, said):
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "written, said",
    [
        (
            "Библиотека обслуживает читателей 12 населённых пунктов.",
            "Библиотека обслуживает читателей двенадцати населённых пунктов.",
        ),
        ("Учащиеся 5 школ приняли участие.", "Учащиеся пяти школ приняли участие."),
        ("У читателей 5 книг.", "У читателей пять книг."),
        ("Читатели 10 лет ходят сюда.", "Читатели десять лет ходят сюда."),
        ("В течение 5 лет проект будет реализован.", "В течение пяти лет проект будет реализован."),
    ],
)
def test_a_number_after_people_says_whose_and_v_techenie_asks_the_genitive(written, said):
    assert normalize(written, "ru") == said


def test_kazakh_acronym_with_a_locative_adjective_ending_is_said_in_full():
    assert normalize("Кітапхана ҚР-дағы ең ірі кітапханалардың бірі.", "kk") == (
        "Кітапхана Қазақстан Республикасындағы ең ірі кітапханалардың бірі."
    )


@pytest.mark.parametrize(
    "written, said",
    [
        ("II International Forum took place in Astana.", "second International Forum took place in Astana."),
        ("The III Congress of librarians met.", "The third Congress of librarians met."),
        ("«ІІ Readings» began.", "«second Readings» began."),
        ("I Have a Dream", "I Have a Dream"),
    ],
)
def test_english_roman_numeral_opening_a_title_is_an_ordinal(written, said):
    assert normalize(written, "en") == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("Завершён 2 этап конкурса.", "Завершён второй этап конкурса."),
        ("Переходим на 2 неделю.", "Переходим на вторую неделю."),
        ("Пришли 12 человек.", "Пришли двенадцать человек."),
        ("Стоимость — 1 500 тг/мес.", "Стоимость — тысяча пятьсот тенге в месяц."),
        ("Температура +25 °С.", "Температура плюс двадцать пять градусов."),
        ("Мороз -30 °C.", "Мороз минус тридцать градусов."),
        ("Начало в 12 ч. 30 мин.", "Начало в двенадцать часов тридцать минут."),
        ("Пр-т Абая, 12.", "Проспект Абая, двенадцать."),
        ("Встреча на пл. Республики.", "Встреча на площади Республики."),
    ],
)
def test_numbered_nominatives_units_per_month_temperatures_and_street_kinds(written, said):
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        (
            "ru",
            "ISBN 978-601-7000-00-0",
            "ISBN девятьсот семьдесят восемь, шестьсот один, семь тысяч, ноль ноль, ноль",
        ),
        (
            "ru",
            "ISBN 978-601-7123-45-6",
            "ISBN девятьсот семьдесят восемь, шестьсот один, семь тысяч сто двадцать три, сорок пять, шесть",
        ),
        ("kk", "ISBN 978-601-7000-00-0", "ISBN тоғыз жүз жетпіс сегіз, алты жүз бір, жеті мың, нөл нөл, нөл"),
        ("ru", "ISSN 0234-123X", "ISSN ноль двести тридцать четыре, сто двадцать три X"),
        ("en", "ISSN 0234-123X", "ISSN zero two three four, one two three X"),
        ("en", "Membership: ₸1,000/year.", "Membership: one thousand tenge per year."),
        ("en", "He wrote in the 1920s and '30s.", "He wrote in the nineteen twenties and thirties."),
        ("en", "Est. 1936.", "Established nineteen thirty-six."),
        ("en", "A map, c. 1850.", "A map, circa eighteen fifty."),
        ("en", "For 2nd–5th grade students.", "For second to fifth grade students."),
        ("en", "Around 3.2 mln tenge was spent.", "Around three point two million tenge was spent."),
    ],
)
def test_isbn_digits_and_english_catalogue_shorthand(lang, written, said):
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("Изд. 2-е, перераб. и доп.", "издание второе, переработанное и дополненное."),
        ("Пер. с каз. А. Жаксылыкова.", "перевод с казахского А Жаксылыкова."),
        ("Сборник статей / под ред. Н. Назарбаевой.", "Сборник статей / под редакцией Эн Назарбаевой."),
        (
            "М.: Наука, 1985. – 320 с.: ил.",
            "Москва: Наука, тысяча девятьсот восемьдесят пять. – триста двадцать страниц: иллюстрации.",
        ),
        ("Библиотека на пер. Гоголя, 5.", "Библиотека на переулке Гоголя, пять."),
        ("Встреча прошла на наб. Ишима.", "Встреча прошла на набережной Ишима."),
    ],
)
def test_catalogue_record_shorthand_and_street_kinds(written, said):
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "written, said",
    [
        (
            "Құраст. А. Сейтова. – Астана, 2019. – 120 б.: сур.",
            "құрастырған А Сейтова. – Астана, екі мың он тоғыз. – жүз жиырма бет: суреттер.",
        ),
        ("2-бас., толықт.", "екінші басылым, толықтырылған."),
        ("Ауд. Б. Момышұлы.", "Аударған Бе Момышұлы."),
        ("Шет ауд. кітапханалары", "Шет ауданы кітапханалары"),
        ("Қарағанды, 2018. – 3 т.", "Қарағанды, екі мың он сегіз. – үш том."),
        ("Жүк 5 т жетті.", "Жүк бес тонна жетті."),
        ("Т. 2. – 340 б.", "екінші том. – үш жүз қырық бет."),  # 2-том: a volume is an ordinal
    ],
)
def test_kazakh_catalogue_record_shorthand(written, said):
    assert normalize(written, "kk") == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("Для 2-ух групп.", "Для двух групп."),
        ("В нач. XX в. открылась читальня.", "В начале двадцатого века открылась читальня."),
        ("Во 2-й пол. XIX в.", "Во второй половине девятнадцатого века."),
        ("Песни 90-е помнят все.", "Песни девяностые помнят все."),
        ("В 70–80-е годы фонд рос.", "В семидесятые — восьмидесятые годы фонд рос."),
        ("В 1970–80-х гг. фонд рос.", "В тысяча девятьсот семидесятых — восьмидесятых годах фонд рос."),
        ("Литература 1920–30-х годов.", "Литература тысяча девятьсот двадцатых — тридцатых годов."),
    ],
)
def test_decades_spans_of_a_century_and_2_ukh(written, said):
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("Оқырмандар 10%-ке артты.", "Оқырмандар он пайызға артты."),
        ("Оқырмандардың 65%-ы келді.", "Оқырмандардың алпыс бес пайызы келді."),
        (
            "Кітапхана сағат 10.00-ден 18.00-ге дейін ашық.",
            "Кітапхана сағат оннан он сегізге дейін ашық.",
        ),
        ("Кездесу 18:30-ға ауысты.", "Кездесу он сегіз отызға ауысты."),
        ("Кездесу сағат 15:00-де басталады.", "Кездесу сағат он бесте басталады."),
        ("Кітапхана 9:00-ден ашық.", "Кітапхана тоғыздан ашық."),
    ],
)
def test_kazakh_ending_after_a_unit_or_a_time_follows_the_spoken_word(written, said):
    assert normalize(written, "kk") == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("Выходной день — вс.", "Выходной день — воскресенье."),
        ("Экскурсии проводятся по вт. и чт.", "Экскурсии проводятся по вторникам и четвергам."),
        ("Приём в сб. с 10:00.", "Приём в субботу с десяти ноль-ноль."),
        ("Подведены итоги 2 этапа конкурса.", "Подведены итоги второго этапа конкурса."),
        ("Прошли 2 этапа конкурса.", "Прошли два этапа конкурса."),
        ("В зале 2 стола.", "В зале два стола."),
        ("Проведено 8 встреч, в т.ч. 3 онлайн.", "Проведено восемь встреч, в том числе три онлайн."),
        ("Адрес: ул. Н. Абдирова, 15/1.", "Адрес: улица Эн Абдирова, пятнадцать дробь один."),
    ],
)
def test_weekdays_alone_a_numbered_genitive_and_a_house_after_an_initial(written, said):
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("Книга «1001 ночь».", "Книга «тысяча одна ночь»."),
        ("Прошла 1 ночь.", "Прошла одна ночь."),
        ("Он получил 1 тетрадь.", "Он получил одну тетрадь."),
        ("Библиотека получила 1 тетрадь.", "Библиотека получила одну тетрадь."),
    ],
)
def test_one_with_a_noun_whose_nominative_and_accusative_are_alike(written, said):
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("In Q2 2024 the library held 45 events.", "In Q two twenty twenty-four the library held forty-five events."),
        ("We spent KZT 2.5 mln on books.", "We spent two point five million tenge on books."),
        ("The library was built in the 19th c.", "The library was built in the nineteenth century."),
        ("The series includes vols. 1–3.", "The series includes volumes one to three."),
        (
            "The building dates from the XIX–XX centuries.",
            "The building dates from the nineteenth to twentieth centuries.",
        ),
        ("Temperature reached –5 °C.", "Temperature reached minus five degrees Celsius."),
    ],
)
def test_english_quarters_codes_with_mln_century_spans_and_minus(written, said):
    assert normalize(written, "en") == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("Учится с 2 класса.", "Учится со второго класса."),
        ("С 2 по 5 мая прошла акция.", "Со второго по пятое мая прошла акция."),
        ("Отчёт с II полугодия.", "Отчёт со второго полугодия."),
        ("Вход с 2 лет.", "Вход с двух лет."),
    ],
)
def test_s_before_a_second_is_said_so(written, said):
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "written, said",
    [
        (
            "Доп. информация по тел. 41-22-07.",
            "Дополнительная информация по телефону сорок один, двадцать два, ноль семь.",
        ),
        ("Проведены доп. занятия.", "Проведены дополнительные занятия."),
        ("Для доп. занятий.", "Для дополнительных занятий."),
        ("Изд. 2-е, перераб. и доп.", "издание второе, переработанное и дополненное."),
    ],
)
def test_dop_agrees_with_its_noun_and_stays_dopolnennoe_in_a_record(written, said):
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        (
            "ru",
            "Сеть включает 1 центральную и 14 сельских библиотек.",
            "Сеть включает одну центральную и четырнадцать сельских библиотек.",
        ),
        ("kk", "2-томдық жинақ жарық көрді.", "екі томдық жинақ жарық көрді."),
        ("kk", "3-күндік семинар өтті.", "үш күндік семинар өтті."),
        ("kk", "4-облыстық конференциясы өтті.", "төртінші облыстық конференциясы өтті."),
    ],
)
def test_a_number_before_an_adjective_standing_for_its_noun_and_kazakh_measure_adjectives(lang, written, said):
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        ("ru", "Выступил гл. библиотекарь отдела.", "Выступил главный библиотекарь отдела."),
        ("ru", "См. гл. 3.", "смотри главу три."),
        ("ru", "План представил зам. директора.", "План представил заместитель директора."),
        ("ru", "Отчёт зам. директора утверждён.", "Отчёт заместителя директора утверждён."),
        ("ru", "Выступила зав. библиотекой.", "Выступила заведующая библиотекой."),
        ("ru", "Приказ подписан зав. отделом.", "Приказ подписан заведующим отделом."),
        ("ru", "Конкурс организован ЦГБ.", "Конкурс организован центральной городской библиотекой."),
        ("ru", "Заведующая ЦДБ выступила.", "Заведующая центральной детской библиотеки выступила."),
        ("ru", "Рукописи датируются XVIII–XIX вв.", "Рукописи датируются восемнадцатым — девятнадцатым веками."),
        ("ru", "Работа библиотекаря Сейткалиевой Г.", "Работа библиотекаря Сейткалиевой Г."),
        ("ru", "Встреча прошла в г. Балхаш.", "Встреча прошла в городе Балхаш."),
        ("ru", "Из 150 анкет обработано 142.", "Из ста пятидесяти анкет обработано сто сорок две."),
        ("ru", "Из 5 заявок одобрено 2, отклонено 3.", "Из пяти заявок одобрено две, отклонено три."),
        ("kk", "Жеңімпаздардың 3-еуі ауылдан.", "Жеңімпаздардың үшеуі ауылдан."),
        ("kk", "Біз 2-еуміз бардық.", "Біз екеуміз бардық."),
        ("kk", "Оның 6-ауы келді.", "Оның алтауы келді."),
        ("kk", "Ол 5-ауылда тұрады.", "Ол бесінші ауылда тұрады."),
        ("kk", "Мекенжайы: Кенесары к., 14.", "Мекенжайы: Кенесары көшесі, он төрт."),
        (
            "kk",
            "Жазушы, 1995. – Т. 1. – 336 б.",
            "Жазушы, мың тоғыз жүз тоқсан бес. – бірінші том. – үш жүз отыз алты бет.",
        ),
    ],
)
def test_posts_initials_government_and_collective_numerals(lang, written, said):
    """Shorthand for posts in the sentence's case, an initial not read as "город", verbs that ask the
    instrumental, a number's gender from the whole it is part of, Kazakh collective numerals."""
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("По сравнению с 2022 г. число выросло.", "По сравнению с две тысячи двадцать вторым годом число выросло."),
        ("С 2015 г. работает.", "С две тысячи пятнадцатого года работает."),
        (
            "Часы работы: с 10.00 до 19.00, выходной — воскресенье.",
            "Часы работы: с десяти ноль-ноль до девятнадцати ноль-ноль, выходной — воскресенье.",
        ),
        ("В кн.: Казахская литература.", "В книге: Казахская литература."),
        ("Абай. В 2 кн.", "Абай. В двух книгах."),
        (
            "Собр. соч.: в 10 т. – М., 1985.",
            "собрание сочинений: в десяти томах – Москва, тысяча девятьсот восемьдесят пять.",
        ),
        ("из собр. соч. Абая", "из собрания сочинений Абая"),
    ],
)
def test_russian_year_after_sravneniyu_dotted_time_before_comma_and_catalogue_books(written, said):
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        ("kk", "2-ші орынды 7 «А» сыныбының оқушысы алды.", "екінші орынды жетінші «А» сыныбының оқушысы алды."),
        ("kk", "Ол 9 сыныбында оқиды.", "Ол тоғызыншы сыныбында оқиды."),
        (
            "en",
            "The budget for 2025 is KZT 45 million.",
            "The budget for twenty twenty-five is forty-five million tenge.",
        ),
        ("en", "Books for 2000 readers.", "Books for two thousand readers."),
    ],
)
def test_kazakh_class_with_its_mutated_stem_and_english_year_after_for(lang, written, said):
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "written, said",
    [
        (
            "Всего за 9 мес. 2024 г. проведено 112 мероприятий.",
            "Всего за девять месяцев две тысячи двадцать четвёртого года проведено сто двенадцать мероприятий.",
        ),
        ("Отчёт за I кв. 2024 г.", "Отчёт за первый квартал две тысячи двадцать четвёртого года."),
        ("Во 2 кв. выдано 300 книг.", "Во втором квартале выдано триста книг."),
        ("Итоги III кв.", "Итоги третьего квартала."),
        ("План на IV кв.", "План на четвёртый квартал."),
        ("ул. Абая, 5, кв. 7", "улица Абая, пять, квартира семь"),
    ],
)
def test_russian_quarters_and_months_in_reports(written, said):
    """ "кв." after a quarter's number is a quarter (a flat only in an address); "мес." is months."""
    assert normalize(written, "ru") == said


def test_russian_number_takes_the_case_its_noun_shares_with_the_adjective_before_it():
    """ "саду" is a dative and a locative; "детскому" only a dative: одному, not одном."""
    assert normalize("Книги подарены 2 школам и 1 детскому саду.", "ru") == (
        "Книги подарены двум школам и одному детскому саду."
    )
    assert normalize("В 1 детском саду", "ru") == "В одном детском саду"


def test_russian_school_year_with_a_slash_and_shortened_uchebny():
    assert normalize("В 2022/2023 уч. году проведено 40 уроков.", "ru") == (
        "В две тысячи двадцать втором — две тысячи двадцать третьем учебном году проведено сорок уроков."
    )
    assert normalize("План на 2024–2025 уч. год.", "ru") == (
        "План на две тысячи двадцать четвёртый — две тысячи двадцать пятый учебный год."
    )


@pytest.mark.parametrize(
    "written, said",
    [
        ("Библиотекари провели 1 156 бесед.", "Библиотекари провели тысячу сто пятьдесят шесть бесед."),
        ("Мероприятия посетили 21 тысяча человек.", "Мероприятия посетили двадцать одна тысяча человек."),
        (
            "Вместо запланированных 35 мероприятий проведено 41.",
            "Вместо запланированных тридцати пяти мероприятий проведено сорок одно.",
        ),
        ("Для всех 25 участников подготовлены подарки.", "Для всех двадцати пяти участников подготовлены подарки."),
        ("На ближайшие 2 года", "На ближайшие два года"),
        ("Заседание перенесено с 5 на 12 марта.", "Заседание перенесено с пятого на двенадцатое марта."),
    ],
)
def test_russian_number_after_a_plural_subject_an_adjective_and_a_moved_date(written, said):
    """A plural subject before the verb makes the number its object; an adjective between a
    preposition and a number leaves the preposition's case; "с 5 на 12 марта" are two days."""
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("Адрес: 100012, г. Караганда.", "Адрес: один ноль ноль ноль один два, город Караганда."),
        ("Выдано 100012 книг.", "Выдано сто тысяч двенадцать книг."),
        ("Стоимость участия — 3 000 тг/чел.", "Стоимость участия — три тысячи тенге с человека."),
        ("Лекция в малом зале (ауд. 214).", "Лекция в малом зале (аудитория двести четырнадцать)."),
        ("Энциклопедия / гл. ред. Б. Аяган.", "Энциклопедия / главный редактор Бэ Аяган."),
    ],
)
def test_russian_postcode_price_per_person_room_and_chief_editor(written, said):
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("Мекенжайы: 100012, Қарағанды қ.", "Мекенжайы: бір нөл нөл нөл бір екі, Қарағанды қаласы."),
        ("Кітапханада 100012 кітап бар.", "Кітапханада жүз мың он екі кітап бар."),
        (
            "Өтінімдер 20.09.2024 ж. дейін қабылданады.",
            "Өтінімдер екі мың жиырма төртінші жылғы жиырмасыншы қыркүйекке дейін қабылданады.",
        ),
    ],
)
def test_kazakh_postcode_and_date_before_deyin(written, said):
    assert normalize(written, "kk") == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("Состоялся XV областной фестиваль.", "Состоялся пятнадцатый областной фестиваль."),
        ("Участники IV областной олимпиады", "Участники четвёртой областной олимпиады"),
        ("Это уже IV-я встреча.", "Это уже четвёртая встреча."),
        ("во II-м полугодии", "во втором полугодии"),
        ("На 3-ем этаже", "На третьем этаже"),
        ("В 3-ей четверти", "В третьей четверти"),
        ("учащиеся 8–11-х классов", "учащиеся восьмых — одиннадцатых классов"),
        ("в 5–6-м классах", "в пятых — шестых классах"),
        ("Для 2-х классов", "Для двух классов"),
    ],
)
def test_russian_roman_before_an_adjective_roman_and_colloquial_ordinal_endings_grade_ranges(written, said):
    """A Roman numeral agrees with the noun after its adjective; "-я", "-ем", "-ей" endings are
    ordinals; a range of grades with an ending on the second is two ordinals."""
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("The library's 2023 annual report is online.", "The library's twenty twenty-three annual report is online."),
        ("The 2024 budget was approved.", "The twenty twenty-four budget was approved."),
        ("The 2000 books were sorted.", "The two thousand books were sorted."),
        ("the 1500 new readers", "the one thousand, five hundred new readers"),
        ("Staff: 48 (incl. 36 librarians).", "Staff: forty-eight (including thirty-six librarians)."),
    ],
)
def test_english_year_that_dates_a_thing_and_incl(written, said):
    """ "the 2024 budget" is a year; "the 2000 books" a count."""
    assert normalize(written, "en") == said


@pytest.mark.parametrize(
    "written, said",
    [
        (
            "История Казахстана. – Алматы: Атамұра, 1997.",
            "История Казахстана. – Алматы: Атамұра, тысяча девятьсот девяносто семь.",
        ),
        (
            "Абай Кунанбаев (1845–1904) — поэт.",
            "Абай Кунанбаев (тысяча восемьсот сорок пять–тысяча девятьсот четыре) — поэт.",
        ),
        ("Выдано 1 500 книг.", "Выдано тысяча пятьсот книг."),
        ("Свыше 1 200 книг.", "Свыше тысячи двухсот книг."),
        ("Встреча с 1 200 читателями.", "Встреча с тысячей двумястами читателями."),
    ],
)
def test_russian_1000_to_1999_is_tysyacha_not_odna_tysyacha(written, said):
    """A year or a quantity from 1 000 to 1 999 says "тысяча…" in every case, as a native speaker
    does ("одна" stays where it counts thousands after tens: двадцать одна тысяча)."""
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        ("ru", "Работает ежедневно, кроме пн.", "Работает ежедневно, кроме понедельника."),
        ("ru", "Занятия с пн. по пт.", "Занятия с понедельника по пятницу."),
        ("ru", "Фонд пополнился на 1 420 экземпляров.", "Фонд пополнился на тысячу четыреста двадцать экземпляров."),
        ("ru", "Сумма взноса — 21 тенге.", "Сумма взноса — двадцать один тенге."),
        (
            "ru",
            "Электронные книги читают 41,5% респондентов.",
            "Электронные книги читают сорок одна целая пять десятых процента респондентов.",
        ),
        (
            "ru",
            "Читатели составляют 21,5% пользователей.",
            "Читатели составляют двадцать одну целую пять десятых процента пользователей.",
        ),
        (
            "kk",
            "Той 2025 жылдың 12 қыркүйегінде өтеді.",
            "Той екі мың жиырма бесінші жылдың он екінші қыркүйегінде өтеді.",
        ),
    ],
)
def test_unseen22_misses_are_read_as_a_listener_expects(lang, written, said):
    """A weekday takes its preposition's case, "на 1 420" is an accusative (тысячу), "21 тенге" is
    masculine and not in the locative pymorphy guesses for "тенге", a share of people
    after a plural verb with no subject of its own is the subject, "қыркүйегінде" is a month."""
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        ("ru", "В отделе установлен 3D-принтер.", "В отделе установлен три дэ-принтер."),
        ("ru", "Сеть 5G доступна в зале.", "Сеть пять джи доступна в зале."),
        ("kk", "Кітапханада 3D-принтер бар.", "Кітапханада үш дэ-принтер бар."),
        ("en", "A 3D printer and a 4K screen.", "A three D printer and a four K screen."),
        ("en", "The library received a $5,000 grant.", "The library received a five thousand dollar grant."),
        ("en", "It is an €8,000 project.", "It is an eight thousand euro project."),
        ("en", "The grant was $5,000 in total.", "The grant was five thousand dollars in total."),
        ("en", "She earns a $5,000 a month.", "She earns a five thousand dollars a month."),
    ],
)
def test_unseen23_misses_are_read_as_a_listener_expects(lang, written, said):
    """A Latin letter glued to a digit is said apart from it ("3D" was "триD", its letter lost to the
    voice), and an amount after "a"/"an" that describes the noun after it keeps its currency
    word singular ("a five thousand dollar grant")."""
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("Прошёл с участием 37 специалистов.", "Прошёл с участием тридцати семи специалистов."),
        ("Встреча при участии 12 волонтёров.", "Встреча при участии двенадцати волонтёров."),
        ("Собрали с помощью 3 партнёров.", "Собрали с помощью трёх партнёров."),
        ("Комиссия в составе 5 человек.", "Комиссия в составе пяти человек."),
        ("Занятия ведутся на каз. яз. и рус. яз.", "Занятия ведутся на казахском языке и русском языке."),
        ("Учебники по англ. яз. и каз. яз.", "Учебники по английскому языку и казахскому языку."),
        ("Рукопись ХІХ в., 36 л.", "Рукопись девятнадцатого века, тридцать шесть листов."),
        ("В баке 5 л воды.", "В баке пять литров воды."),
    ],
)
def test_unseen26_misses_are_read_as_a_listener_expects(written, said):
    """Nouns that work as prepositions ask the genitive of a count ("с участием", "при участии",
    "с помощью", "в составе"); a second language abbreviation after "и" takes the first one's case;
    "л." after a number is a record's leaves (a litre is written without the point)."""
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        ("ru", "Приказ № 45-п от 1 марта.", "Приказ номер сорок пять пэ от первого марта."),
        ("ru", "Согласно приказу № 12-ОД.", "Согласно приказу номер двенадцать О дэ."),
        ("ru", "Школа № 5 открыта.", "Школа номер пять открыта."),
        ("ru", "Требуется библиотекарь, график 5/2.", "Требуется библиотекарь, график пять через два."),
        ("ru", "Режим работы 2/2, выполнено 1/2 плана.", "Режим работы два через два, выполнено одна вторая плана."),
        ("kk", "Көрсеткіш 7,25-ке жетті.", "Көрсеткіш жеті бүтін жүзден жиырма беске жетті."),
        ("kk", "Үлесі 2,5-тен асты.", "Үлесі екі бүтін оннан бестен асты."),
        ("kk", "Ауыл 60 км жерде.", "Ауыл алпыс километр жерде."),
        ("en", "We met at 2:00 pm and left at 6:00.", "We met at two pm and left at six o'clock."),
        ("en", "The CLS sent a PDF to the BBC.", "The C L S sent a P D F to the B B C."),
        ("en", "It is in the USA and the UK.", "It is in the USA and the UK."),
    ],
)
def test_unseen27_misses_are_read_as_a_listener_expects(lang, written, said):
    """A document number's letters are spelled ("№ 45-п"); a work schedule "5/2" is days on and off
    ("пять через два"), not a fraction; a Kazakh decimal keeps its case ending
    ("7,25-ке"); Kazakh km is километр; "2:00 pm" needs no "o'clock"; English capitals with no vowel
    are letters one by one (those with one are left to the voice, which says USA, UK)."""
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        # a preposition governs every member of the list it begins; a quantifier only its own number
        ("ru", "Подарки вручены для 20 детей и 5 взрослых.", "Подарки вручены для двадцати детей и пяти взрослых."),
        (
            "ru",
            "Акции прошли в 3 библиотеках, 2 клубах и 5 школах.",
            "Акции прошли в трёх библиотеках, двух клубах и пяти школах.",
        ),
        (
            "ru",
            "Выдано более 2 000 книг, 350 журналов и 12 газет.",
            "Выдано более двух тысяч книг, триста пятьдесят журналов и двенадцать газет.",
        ),
        ("ru", "Из них тематических — 942.", "Из них тематических — девятьсот сорок два."),
        (
            "ru",
            "В 2019, 2020 и 2021 гг. фонд рос.",
            "В две тысячи девятнадцатом, две тысячи двадцатом и две тысячи двадцать первом годах фонд рос.",
        ),
        ("ru", "Итоги 2022 и 2023 годов.", "Итоги две тысячи двадцать второго и две тысячи двадцать третьего годов."),
        ("ru", "В XIX и XX вв. библиотеки менялись.", "В девятнадцатом и двадцатом веках библиотеки менялись."),
        (
            "kk",
            "2019, 2020 және 2021 жылдары қор өсті.",
            "екі мың он тоғызыншы, екі мың жиырмасыншы және екі мың жиырма бірінші жылдары қор өсті.",
        ),
        (
            "en",
            "In 2019, 2020 and 2021 the fund grew.",
            "In twenty nineteen, twenty twenty and twenty twenty-one the fund grew.",
        ),
        (
            "ru",
            "В 2024 году, 15 мая, открылась выставка.",
            "В две тысячи двадцать четвёртом году, пятнадцатого мая, открылась выставка.",
        ),
        (
            "ru",
            "Из них: художественной литературы — 1 200, отраслевой — 942.",
            "Из них: художественной литературы — тысяча двести, отраслевой — девятьсот сорок два.",
        ),
        # parts of a record, pages
        ("ru", "Собрание сочинений. Т. 1–2.", "Собрание сочинений. Тома один–два."),
        ("ru", "Т. 3. Вып. 2. Ч. 1.", "Том три. выпуск два. Часть один."),
        ("ru", "Письма собраны в т. 2–3.", "Письма собраны в томах два–три."),
        ("ru", "С. 15–20.", "страницы пятнадцать — двадцать."),
        ("ru", "Алматы, 2005. 256 с.", "Алматы, две тысячи пять. двести пятьдесят шесть страниц."),
        ("ru", "См. п.п. 3 и 4, пп. 5–6.", "смотри пункты три и четыре, пункты пять–шесть."),
        ("ru", "Согласно п. 3 положения.", "Согласно пункту три положения."),
        ("ru", "См. п. 1.2 устава.", "смотри пункт один точка два устава."),
        # streets after "с": from (genitive), with (instrumental)
        ("ru", "Вход с ул. Абая.", "Вход с улицы Абая."),
        ("ru", "Рядом с ул. Абая есть парк.", "Рядом с улицей Абая есть парк."),
        (
            "ru",
            "Библиотека переехала с пр. Назарбаева на пл. Республики.",
            "Библиотека переехала с проспекта Назарбаева на площадь Республики.",
        ),
        ("ru", "Мы переехали в новое здание на ул. Абая.", "Мы переехали в новое здание на улице Абая."),
        # a capitalised abbreviation at a sentence's start; an initial before a surname
        ("ru", "Г. Балхаш принимает гостей.", "Город Балхаш принимает гостей."),
        ("ru", "Г. Абаев выступил с докладом.", "Гэ Абаев выступил с докладом."),
        ("ru", "Ул. Абая закрыта на ремонт.", "Улица Абая закрыта на ремонт."),
        ("ru", "Пр. Абая перекрыт.", "Проспект Абая перекрыт."),
        ("ru", "Д. 5, кв. 12.", "Дом пять, квартира двенадцать."),
        ("ru", "Пер. А. Сейдимбека.", "Пер. А Сейдимбека."),
        # Kazakh: a house number, an acronym's ending as the letter names sound, "№" before a school
        ("kk", "Мекенжай: Абай көшесі, 5/2.", "Мекенжай: Абай көшесі, бес бөлшек екі."),
        ("kk", "Оның 1/3 бөлігі.", "Оның үштен бір бөлігі."),
        ("kk", "ҰБТ-ға дайындық.", "ұ-бе-теге дайындық."),
        ("kk", "ҰБТ-дағы нәтиже.", "ұ-бе-тедегі нәтиже."),
        ("kk", "ҚМУ-дың студенттері.", "қа-эм-удың студенттері."),
        ("kk", "Б.з.б. V ғасыр.", "біздің заманымыздан бұрын бесінші ғасыр."),
        ("kk", "2 томдық. 1-т. – Алматы, 2005.", "екі томдық. бірінші том – Алматы, екі мың бес."),
        ("kk", "№3 ЖББМ оқушылары.", "нөмірі үш же-бе-бе-эм оқушылары."),
        ("kk", "1, 2 және 3-дәрежелі дипломдар.", "бірінші, екінші және үшінші дәрежелі дипломдар."),
        ("kk", "1, 2 және 3-ке бөлінді.", "бір, екі және үшке бөлінді."),
        ("kk", "Ерубаев к-сі, 50, 2-қабат.", "Ерубаев көшесі, елу, екінші қабат."),
        (
            "kk",
            "1941-1945 ж.ж. соғыс.",
            "мың тоғыз жүз қырық бірінші — мың тоғыз жүз қырық бесінші жылдары соғыс.",
        ),
        ("kk", "ЖШС-ке хат жолданды.", "жауапкершілігі шектеулі серіктестікке хат жолданды."),
        ("kk", "№ 12 мектеп-гимназия оқушылары.", "нөмірі он екі мектеп-гимназия оқушылары."),
        ("kk", "Кітапхана № 5 жабылды.", "Кітапхана нөмір бес жабылды."),
        ("ru", "Библиотека № 5 открыта.", "Библиотека номер пять открыта."),
    ],
)
def test_blind_run_misses_are_read_by_general_rules(lang, written, said):
    """Lists, record parts, streets after "с", abbreviations starting a sentence and the Kazakh
    forms the blind sets of unseen22–23 found wrong, each by its rule (see tests/normalize_data.py)."""
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        # numbers with endings in a list share the noun after the last one
        ("ru", "Дипломы 1-й, 2-й и 3-й степени.", "Дипломы первой, второй и третьей степени."),
        ("ru", "Клуб собирается по 2-м и 4-м четвергам.", "Клуб собирается по вторым и четвёртым четвергам."),
        ("ru", "Книги переданы 4-м школам.", "Книги переданы четырём школам."),
        ("ru", "Выставки прошли на 2-м и 3-м этажах.", "Выставки прошли на втором и третьем этажах."),
        # a Kazakh house number of any size in an address; a part of a whole stays a fraction
        ("kk", "Мекенжайы: Сәтбаев көшесі, 12/1.", "Мекенжайы: Сәтбаев көшесі, он екі бөлшек бір."),
        ("kk", "Оның 2/3-сі оқушылар.", "Оның үштен екісі оқушылар."),
        # English: a range with a per cent sign, scale letters, a span of clock times
        ("en", "Loans fell by 15-20%.", "Loans fell by fifteen to twenty percent."),
        ("en", "The app has 1.2m users.", "The app has one point two million users."),
        ("en", "They lent 12k e-books.", "They lent twelve thousand e-books."),
        (
            "en",
            "A £2m project and a $300k grant.",
            "A two million pound project and a three hundred thousand dollar grant.",
        ),
        ("en", "The tower is 5m tall.", "The tower is five metres tall."),
        ("en", "Open 9 a.m.–6 p.m.", "Open nine a m to six p m."),
    ],
)
def test_own26_misses_are_read_by_general_rules(lang, written, said):
    """What own26.tsv found wrong at its first run, each by its rule (see tests/normalize_data.py)."""
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "written, said",
    [
        (
            "Фонд насчитывал 1 245 678 ед. хр.",
            "Фонд насчитывал один миллион двести сорок пять тысяч шестьсот семьдесят восемь единиц хранения.",
        ),
        ("Фонд — 120 тыс. ед. хр.", "Фонд — сто двадцать тысяч единиц хранения."),
        ("Собрано 2 000 000 книг.", "Собрано два миллиона книг."),
        ("Показатель вырос на 0,8 п. п.", "Показатель вырос на ноль целых восемь десятых процентного пункта."),
        ("Доля выросла на 2 п.п.", "Доля выросла на два процентных пункта."),
        ("Снижение на 5 п. п.", "Снижение на пять процентных пунктов."),
        ("Встреча в 15.00 ч.", "Встреча в пятнадцать часов."),
        ("Работаем до 18:00 ч.", "Работаем до восемнадцати часов."),
        ("Начало в 15.30 ч.", "Начало в пятнадцать тридцать."),
        (
            "Проведено 14 выставок, в том числе 3 виртуальных.",
            "Проведено четырнадцать выставок, в том числе три виртуальных.",
        ),
        ("Из 3 сельских работает одна.", "Из трёх сельских работает одна."),
        ("Рост числа посещений — на 1 200.", "Рост числа посещений — на тысячу двести."),
        ("Книги 3-х авторов представлены.", "Книги трёх авторов представлены."),
        ("Книги переданы в 3 библиотеки, 2 из них сельские.", "Книги переданы в три библиотеки, две из них сельские."),
        ("Открыто 5 выставок, 1 из которых виртуальная.", "Открыто пять выставок, одна из которых виртуальная."),
        ("Волонтёры привлекли 51 нового читателя.", "Волонтёры привлекли пятьдесят одного нового читателя."),
        ("Библиотека располагает 20 000 изданий.", "Библиотека располагает двадцатью тысячами изданий."),
        ("В клубе занимаются 18 детей.", "В клубе занимаются восемнадцать детей."),
        ("Занятия между 3 и 5 часами дня.", "Занятия между тремя и пятью часами дня."),
        ("Посещаемость держится на уровне 85%.", "Посещаемость держится на уровне восьмидесяти пяти процентов."),
        (
            "В 2024/25 уч. г. проведено 30 уроков.",
            "В две тысячи двадцать четвёртом — две тысячи двадцать пятом учебном году проведено тридцать уроков.",
        ),
        ("Число читателей равняется 5 300.", "Число читателей равняется пяти тысячам трёмстам."),
        ("Адрес: а/я 15.", "Адрес: абонентский ящик пятнадцать."),
    ],
)
def test_report_shorthand_after_numbers(written, said):
    """A million's "один" is masculine whatever the noun after the last group ("единиц"), "ед. хр."
    is единиц хранения, "п. п." percentage points with their adjective, "15.00 ч." an hour; an
    adjective standing for its noun after 2–4 is in the genitive plural while the number stays a
    nominative ("три виртуальных")."""
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("In 2023–24 we held 45 events.", "In twenty twenty-three to twenty-four we held forty-five events."),
        ("The 2023/24 school year.", "The twenty twenty-three to twenty-four school year."),
        ("We had 2.5x more visitors.", "We had two point five times more visitors."),
        ("Visits were up 12.5% y/y.", "Visits were up twelve point five percent year on year."),
        ("Book no. 5 is missing.", "Book number five is missing."),
        (
            "Loans rose from 120k to 135k.",
            "Loans rose from one hundred and twenty thousand to one hundred and thirty-five thousand.",
        ),
        ("Items worth KZT 12.4m.", "Items worth twelve point four million tenge."),
        ("Between 2020 and 2024 the fund grew.", "Between twenty twenty and twenty twenty-four the fund grew."),
        (
            "Between 1500 and 2000 books were sold.",
            "Between one thousand, five hundred and two thousand books were sold.",
        ),
        ("Call us Mon–Fri 9–5.", "Call us Monday to Friday nine to five."),
        (
            "We are at 12 Abai Ave., Karaganda 100012.",
            "We are at twelve Abai Avenue, Karaganda one zero zero zero one two.",
        ),
        ("Tours (45 min.) start on the 2nd fl.", "Tours (forty-five minutes) start on the second floor."),
        ("The archive covers the 18th–20th cc.", "The archive covers the eighteenth to twentieth centuries."),
        ("Printing costs KZT 50/page.", "Printing costs fifty tenge per page."),
        ("Max. 5 books per reader.", "Maximum five books per reader."),
        ('It won the "Best Library 2023" prize.', 'It won the "Best Library twenty twenty-three" prize.'),
        (
            "The report covers 01.01.2024–31.12.2024.",
            "The report covers January first, twenty twenty-four to December thirty-first, twenty twenty-four.",
        ),
    ],
)
def test_english_report_shorthand(written, said):
    """A school or financial year with its second year cut to two digits, "2.5x", "y/y", a lower-case
    "no.", "k" at a sentence's end, a currency code before a scale letter, "between 2020 and 2024"
    before an article, "9–5" (clock hours, the first above the second)."""
    assert normalize(written, "en") == said


@pytest.mark.parametrize(
    "written, said",
    [
        (
            "Программа: 10.00 – регистрация; 11.00–12.30 – пленарное заседание.",
            "Программа: десять ноль-ноль – регистрация; одиннадцать ноль-ноль — двенадцать тридцать – пленарное заседание.",
        ),
        ("12.30–13.30 – обед.", "двенадцать тридцать — тринадцать тридцать – обед."),
        ("Размер 30x40 см.", "Размер тридцать на сорок сантиметров."),
        ("ББК 78.3", "бэ-бэ-ка семьдесят восемь точка три"),
        ("Модератор – к.ф.н., доцент.", "Модератор – кандидат филологических наук, доцент."),
        ("Сер. «Классика». – Вып. 5.", "Серия «Классика». – выпуск пять."),
        ("Св. 500 книг передано.", "Свыше пятисот книг передано."),
        ("Ср. с 2023 г.", "Сравни с две тысячи двадцать третьим годом."),
        ("Обл. библиотека провела семинар.", "Областная библиотека провела семинар."),
        ("Карагандинской обл. библиотека.", "Карагандинской области библиотека."),
        ("Гос. программа.", "Государственная программа."),
        ("Зав. отделом А. Иванова провела экскурсию.", "Заведующая отделом А Иванова провела экскурсию."),
    ],
)
def test_programmes_and_records(written, said):
    """A programme's times written with points (alone at a line's start, or as a span), a size, a
    classification code, an academic degree, a series in a catalogue record; abbreviations at a
    sentence's start ("Св.", "Ср. с", "Обл.", "Гос."); a woman head of a department by the verb after."""
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        (
            "kk",
            "Бағдарлама: 10.00 – тіркеу; 11.00–12.30 – пленарлық отырыс.",
            "Бағдарлама: он нөл нөл – тіркеу; он бір нөл нөл — он екі отыз – пленарлық отырыс.",
        ),
        ("kk", "Көлемі 30×40 см.", "Көлемі отызға қырық сантиметр."),
        ("kk", "Модератор – ф.ғ.к., доцент.", "Модератор – филология ғылымдарының кандидаты, доцент."),
        (
            "en",
            "Programme: 10.00 – registration; 11.00–12.30 – plenary session.",
            "Programme: ten o'clock – registration; eleven o'clock to twelve thirty – plenary session.",
        ),
        ("en", "Size 30×40 cm.", "Size thirty by forty centimetres."),
    ],
)
def test_programmes_and_sizes_in_kazakh_and_english(lang, written, said):
    """Times with points in a programme, a size, a Kazakh academic degree."""
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("Кітапхана 1936 ж. құрылған.", "Кітапхана мың тоғыз жүз отыз алтыншы жылы құрылған."),
        ("Абонемент құны – 1 500 теңге.", "Абонемент құны – мың бес жүз теңге."),
        ("1 000 $ көлемінде", "мың доллар көлемінде"),
        ("1 000-нан астам", "мыңнан астам"),
        ("21 000 кітап", "жиырма бір мың кітап"),
        ("1 001 000 дана", "бір миллион бір мың дана"),
        ("1 мың кітап", "бір мың кітап"),
    ],
)
def test_kazakh_thousand_to_1999_is_said_without_bir(written, said):
    """1 000–1 999 is "мың…" as Kazakh speakers say it; "бір мың" stays after a larger order and
    for a written "1 мың", and "жиырма бір мың" keeps its one."""
    assert normalize(written, "kk") == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("К 125-летию Ауэзова", "К стодвадцатипятилетию Ауэзова"),
        ("отмечается 180-летие Абая", "отмечается стовосьмидесятилетие Абая"),
        ("посвящён 190-летию", "посвящён стодевяностолетию"),
        ("к 95-летию", "к девяностопятилетию"),
        ("к 200-летию", "к двухсотлетию"),
        ("к 40-летию", "к сорокалетию"),
    ],
)
def test_russian_jubilee_compounds_keep_sto_and_devyanosto(written, said):
    """A jubilee compound is spelled as the dictionary spells it: "сто…" and "девяносто…" (like
    "столетие"), the other numbers in the genitive ("двухсотлетие", "сорокалетие")."""
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "written, said",
    [
        (
            "Фонд составляет 1 372 423 единицы хранения.",
            "Фонд составляет один миллион триста семьдесят две тысячи четыреста двадцать три единицы хранения.",
        ),
        (
            "Общий фонд – 2 416 380 единиц хранения.",
            "Общий фонд – два миллиона четыреста шестнадцать тысяч триста восемьдесят единиц хранения.",
        ),
        ("из 2 000 001 книги", "из двух миллионов одной книги"),
        ("собрали 3 000 002 книги", "собрали три миллиона две книги"),
    ],
)
def test_russian_millions_are_masculine_whatever_the_counted_noun(written, said):
    """The number before "миллион" takes its gender (masculine), before "тысяча" feminine; only the
    last group agrees with the counted noun ("две книги", "одной книги")."""
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "written, said",
    [
        (
            "Нам не хватает 40 стеллажей и 12 кафедр выдачи.",
            "Нам не хватает сорока стеллажей и двенадцати кафедр выдачи.",
        ),
        ("Не было 5 книг.", "Не было пяти книг."),
        ("Нам не хватает ещё 40 стеллажей.", "Нам не хватает ещё сорока стеллажей."),
        ("Акция собрала всего 1 247 книг.", "Акция собрала всего тысячу двести сорок семь книг."),
        ("Всего 14 библиотек.", "Всего четырнадцать библиотек."),
        ("для 40 стеллажей и 12 кафедр", "для сорока стеллажей и двенадцати кафедр"),
        ("Библиотека получила 40 книг и 12 журналов.", "Библиотека получила сорок книг и двенадцать журналов."),
        ("Выдано более 2 000 книг и 350 журналов.", "Выдано более двух тысяч книг и триста пятьдесят журналов."),
        ("Пополнились фонды 14 сельских библиотек.", "Пополнились фонды четырнадцати сельских библиотек."),
        ("За год 14 библиотек получили книги.", "За год четырнадцать библиотек получили книги."),
        ("В зале 14 столов.", "В зале четырнадцать столов."),
        ("Тираж 500 экземпляров.", "Тираж пятьсот экземпляров."),
        ("Сеть 14 библиотек обслуживает район.", "Сеть четырнадцати библиотек обслуживает район."),
        ("Штат — 11 сотрудников, вакансий 2.", "Штат — одиннадцать сотрудников, вакансий две."),
    ],
)
def test_russian_case_from_lacking_negation_coordination_and_an_owning_noun(written, said):
    """The genitive of lacking and of a negated "было"; a number after "и" takes the case of the
    number it is joined to; a count inside a genitive phrase after a noun is genitive (not after a
    locative, a noun with its own preposition or a noun of time); a number after its genitive
    plural noun takes that noun's gender."""
    assert normalize(written, "ru") == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        (
            "ru",
            "Абонемент работает пн–пт с 9:00 до 18:00.",
            "Абонемент работает с понедельника по пятницу с девяти ноль-ноль до восемнадцати ноль-ноль.",
        ),
        ("ru", "Открыт пн.–сб.", "Открыт с понедельника по субботу."),
        ("ru", "Пн–пт работаем с 9:00.", "с понедельника по пятницу работаем с девяти ноль-ноль."),
        ("ru", "Пн–пт: приём книг, сб: выдача.", "понедельник — пятница: приём книг, суббота: выдача."),
        ("ru", "Справки с пн по пт.", "Справки с понедельника по пятницу."),
        (
            "ru",
            "15 мая (чт) – открытие, 16 мая (пт) – круглый стол.",
            "пятнадцатое мая (четверг) – открытие, шестнадцатое мая (пятница) – круглый стол.",
        ),
        ("ru", "Вс – выходной.", "воскресенье – выходной."),
        ("kk", "Жс. – демалыс күні.", "жексенбі – демалыс күні."),
        ("kk", "15 мамыр (бс)", "он бесінші мамыр (бейсенбі)"),
        ("en", "Open Tue–Thu, 2 pm–5 pm.", "Open Tuesday to Thursday, two pm to five pm."),
        ("en", "open 10 a.m.–2 p.m. daily", "open ten a m to two p m daily"),
        ("en", "Open 9am-5pm daily.", "Open nine am to five pm daily."),
        ("en", "Mon–Fri 9 am–6 pm, Sat 10 am–2 pm.", "Monday to Friday nine am to six pm, Saturday ten am to two pm."),
        ("en", "Tours run Tue, Thu and Sat at 11 am.", "Tours run Tuesday, Thursday and Saturday at eleven am."),
        ("en", "Sat 10:00–16:00; Sun closed.", "Saturday ten o'clock to sixteen o'clock; Sunday closed."),
        ("en", "It covers 3,200 sq km.", "It covers three thousand, two hundred square kilometres."),
        ("ru", "Санитарный день — последняя пт месяца.", "Санитарный день — последняя пятница месяца."),
        ("ru", "в первый вт месяца", "в первый вторник месяца"),
        ("ru", "Работаем ежедневно, кроме вс.", "Работаем ежедневно, кроме воскресенья."),
        ("ru", "в пт состоится встреча", "в пятницу состоится встреча"),
        ("ru", "Лампа 100 Вт.", "Лампа сто Вт."),
        ("ru", "Лампа 60 вт", "Лампа шестьдесят вт"),
        ("ru", "Сб. статей. – М., 2019.", "Сборник статей. – Москва, две тысячи девятнадцать."),
        ("ru", "Краеведческий сб. – Алматы", "Краеведческий сборник – Алматы"),
        ("ru", "в сб. научных трудов", "в сборнике научных трудов"),
        ("ru", "Работаем в сб. с 10:00.", "Работаем в субботу с десяти ноль-ноль."),
        ("kk", "Жс күні жабық.", "жексенбі күні жабық."),
        ("en", "the program–2 list", "the program–two list"),
        ("ru", "(ВС)", "(вэ-эс)"),
        ("en", "Since 2007, we have hosted a fair.", "Since two thousand seven, we have hosted a fair."),
    ],
)
def test_weekday_abbreviations_and_time_spans_everywhere(lang, written, said):
    """A span of two days after a verb is "с … по …", in a heading or a list a span; a day in
    brackets, before a colon or before "выходной" is its name; a Kazakh day alone with its point;
    English "2 pm–5 pm" is "to" between the times, and a year has no "and"."""
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        ("ru", "Площадь — 420 м².", "Площадь — четыреста двадцать квадратных метров."),
        ("ru", "Площадь 1 м2.", "Площадь один квадратный метр."),
        ("ru", "около 22 кв.м.", "около двадцати двух квадратных метров."),
        (
            "ru",
            "Стоимость 1 кв. м — 250 000 тенге.",
            "Стоимость одного квадратного метра — двести пятьдесят тысяч тенге.",
        ),
        ("ru", "Аренда 100 м² обходится дорого.", "Аренда ста квадратных метров обходится дорого."),
        ("ru", "Зал на 21 м² открыт", "Зал на двадцать один квадратный метр открыт"),
        ("ru", "Район — 3 км²", "Район — три квадратных километра"),
        (
            "ru",
            "в 15 км от города, 250 кг, 40 га",
            "в пятнадцати километрах от города, двести пятьдесят килограммов, сорок гектаров",
        ),
        ("kk", "ауданы – 420 м².", "ауданы – төрт жүз жиырма шаршы метр."),
        ("kk", "2 500 м2", "екі мың бес жүз шаршы метр"),
        ("kk", "120 кв. м-ге", "жүз жиырма шаршы метрге"),
        ("kk", "15 км қашықтықта", "он бес километр қашықтықта"),
        ("en", "an area of 420 m²", "an area of four hundred and twenty square metres"),
        ("en", "12 km2 and 2.5 km", "twelve square kilometres and two point five kilometres"),
    ],
)
def test_area_and_distance_units_in_words(lang, written, said):
    """m², m2 and кв. м are square metres agreeing with the number in Russian (квадратный метр,
    квадратных метра, квадратных метров), шаршы метр in Kazakh (километр for km, as the blind writers of unseen26 and unseen27 said it),
    square metres in English (British spelling throughout, as "kilometres")."""
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("Кітапханалардың 14-інде жөндеу жүргізілді.", "Кітапханалардың он төртінде жөндеу жүргізілді."),
        ("қыркүйектің 15-інен 25-іне дейін", "қыркүйектің он бесінен жиырма бесіне дейін"),
        ("оқырмандардың 20-сына", "оқырмандардың жиырмасына"),
        ("6-сында", "алтысында"),
        ("оқырмандардың 40-ы", "оқырмандардың қырқы"),
        ("мектептердің 40-ының", "мектептердің қырқының"),
        ("3-еуі келді", "үшеуі келді"),
        ("14-інші орын", "он төртінші орын"),
        (
            "1941–1945 жж. аралығындағы хаттар",
            "мың тоғыз жүз қырық бірінші — мың тоғыз жүз қырық бесінші жылдар аралығындағы хаттар",
        ),
        ("2020 ж. басында", "екі мың жиырмасыншы жылдың басында"),
        ("2019 ж. басылған", "екі мың он тоғызыншы жылы басылған"),
        ("2020 ж. ішінде", "екі мың жиырмасыншы жыл ішінде"),
        ("1990 жж. басында", "мың тоғыз жүз тоқсаныншы жылдардың басында"),
        ("Әл-Фараби ат. ҚазҰУ", "Әл-Фараби атындағы ҚазҰУ"),
        ("Абай ат. облыстық кітапхана", "Абай атындағы облыстық кітапхана"),
        ("Жамбыл ат.кітапханада", "Жамбыл атындағы кітапханада"),
    ],
)
def test_kazakh_possessed_cardinals_year_parts_and_named_after(written, said):
    """A possessive and a case ending after a number make an owned cardinal, not an ordinal
    ("14-інде" → он төртінде; an ordinal's suffix is -ншы/-нші); a year word before "аралығы",
    "басы"… is the genitive or the plural owner; "ат." after a name is "атындағы"."""
    assert normalize(written, "kk") == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        (
            "ru",
            "Путь Абая: роман. – Алматы: Жазушы, 2017. – 480 с.",
            "Путь Абая: роман. – Алматы: Жазушы, две тысячи семнадцать. – четыреста восемьдесят страниц.",
        ),
        (
            "en",
            "Since 2007, a fair; in 2001–2009.",
            "Since two thousand seven, a fair; in two thousand one to two thousand nine.",
        ),
        ("en", "2,007 books", "two thousand and seven books"),
        ("en", "In spring 2008 we opened.", "In spring two thousand eight we opened."),
        ("en", "2003 was a good year.", "two thousand three was a good year."),
        ("en", "2000 people came.", "two thousand people came."),
    ],
)
def test_catalogue_years_stay_cardinals_and_english_years_have_no_and(lang, written, said):
    """A record's year after its publisher is said as a number, as most label writers read it; an
    English year has no "and" (a count keeps it)."""
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "lang, written, said",
    [
        ("ru", "Заявок поступило 21.", "Заявок поступило двадцать одна."),
        ("ru", "Книг осталось 2.", "Книг осталось две."),
        ("ru", "Открыта вт–сб.", "Открыта со вторника по субботу."),
        ("ru", "со ср по пт", "со среды по пятницу"),
        (
            "ru",
            "пн–чт 9:00–18:00, пт 9:00–17:00",
            "понедельник — четверг девять ноль-ноль — восемнадцать ноль-ноль, пятница девять ноль-ноль — семнадцать ноль-ноль",
        ),
        ("ru", "2 помещения по 34 м2", "два помещения по тридцать четыре квадратных метра"),
        (
            "en",
            "Between 2001 and 2008 the collection doubled.",
            "Between two thousand one and two thousand eight the collection doubled.",
        ),
        ("en", "between 1995 and 2001, we grew", "between nineteen ninety-five and two thousand one, we grew"),
    ],
)
def test_own27_misses_are_read_as_a_listener_expects(lang, written, said):
    """A count after its fronted noun and a verb takes the noun's gender; "со" before вторник and
    среда; a weekday before a time is its name; "по" with 2, 3… and a unit is an accusative; two
    years after "between" before a clause are years."""
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    "written, said",
    [
        ("Зав. отделом назначена А. Сейтова.", "Заведующей отделом назначена А Сейтова."),
        ("Зав. отделом назначен И. Петров.", "Заведующим отделом назначен И Петров."),
        ("Сейтова назначена зав. отделом.", "Сейтова назначена заведующей отделом."),
        ("Зав. сектором Иванова провела обзор.", "Заведующая сектором Иванова провела обзор."),
        ("Отчёт зав. отделом утверждён.", "Отчёт заведующего отделом утверждён."),
    ],
)
def test_russian_post_after_or_before_a_verb_of_appointing(written, said):
    """A post appointed to is in the instrumental, feminine for a woman ("назначена заведующей"); a
    post starting its clause is a woman's before a woman's verb ("Заведующая … провела")."""
    assert normalize(written, "ru") == said
