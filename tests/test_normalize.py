"""Text normalisation for speech, checked on what espeak-ng will actually pronounce."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from accessreader.cli import main
from accessreader.tts.normalize import normalize, normalize_map

ESPEAK = shutil.which("espeak-ng")
needs_espeak = pytest.mark.skipif(ESPEAK is None, reason="espeak-ng is not installed")
VOICE = {"kk": "kk", "ru": "ru", "en": "en-us"}


def phonemes(text: str, lang: str) -> str:
    """espeak-ng's phonemes for ``text``, a pause (clause break) shown as " | "."""
    result = subprocess.run(
        [ESPEAK, "-v", VOICE[lang], "-x", "-q", text], capture_output=True, text=True, check=True, timeout=30
    )
    return " | ".join(" ".join(line.split()) for line in result.stdout.strip().splitlines())


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
        ("см. стр. 5", "смотри страница пять"),
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
        ("1941–1945 жж.", "бір мың тоғыз жүз қырық бірінші — бір мың тоғыз жүз қырық бесінші жылдары."),
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
        ("No. 5", "number five"),
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
