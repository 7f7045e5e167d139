"""Kazakh in the Latin alphabet: detected as kk-Latn, brailled through kk.utb and spoken by the
Kazakh voice after transliteration, and named on the proof page."""

import pytest
from lxml import html

from accessreader import content
from accessreader.braille import proof
from accessreader.braille.tables import Code
from accessreader.braille.translate import translate_block, translate_document
from accessreader.kazakh_latin import to_cyrillic
from accessreader.language import detect, find_spans
from accessreader.model import Block
from accessreader.tts.script import speech_script


@pytest.mark.parametrize(
    "latin,cyrillic",
    [
        ("Qazaqstan Respublikasy", "Қазақстан Республікасы"),
        ("Abai joly", "Абай жолы"),
        ("kitaphana", "кітапхана"),
        ("2021 jyly", "2021 жылы"),
        ("Būryñğy ötken zamanda, bır danyşpan kısı", "Бұрыңғы өткен заманда, бір данышпан кісі"),
        ("üiıne, qalaiyn", "үйіне, қалайын"),
    ],
)
def test_the_2021_letters_become_kazakh_cyrillic_one_for_one(latin, cyrillic):
    assert to_cyrillic(latin) == cyrillic
    assert len(to_cyrillic(latin)) == len(latin)


@pytest.mark.parametrize("text", ["Qazaqstan Respublikasy", "Abai joly", "kitaphana", "2021 jyly"])
def test_latin_kazakh_is_detected(text):
    assert detect(text) == "kk-Latn"


@pytest.mark.parametrize(
    "text", ["The war in Iraq", "Harry Potter and the Philosopher's Stone", "Müller und Söhne", "Türkçe öğrenmek"]
)
def test_other_latin_text_is_not_kazakh(text):
    assert detect(text) != "kk-Latn"
    assert detect("Iraq", hint="en") == "en"


def test_a_latin_kazakh_name_in_russian_is_a_span():
    text = "Отчёт библиотеки за 2021 год подготовлен для Qazaqstan Respublikasy Mädeniet ministrligi по форме."
    assert detect(text) == "ru"
    assert [(text[s.start : s.end], s.value) for s in find_spans(text, "ru")] == [
        ("Qazaqstan Respublikasy Mädeniet ministrligi", "kk-Latn")
    ]


def test_braille_is_the_kazakh_cyrillic_braille_with_no_print_letters():
    code = Code()
    latin = translate_block(Block("b", "paragraph", "Abai joly", "kk-Latn"), code, "kk")
    cyrillic = translate_block(Block("b", "paragraph", "Абай жолы", "kk"), code, "kk")
    assert latin.cells == cyrillic.cells and not latin.problems
    assert all("\u2800" <= c <= "\u28ff" for c in latin.cells)
    assert [(r.lang, r.table) for r in latin.runs] == [("kk-Latn", "kk.utb")]
    english = translate_block(Block("b", "paragraph", "Abai joly", "en"), code, "en")
    assert english.cells != latin.cells  # contracted English would read otherwise


def test_speech_uses_the_kazakh_voice_on_cyrillic_and_the_proof_page_says_so():
    document = content.read(b"Qazaqstan Respublikasy kitaphanasy\n\nAbai joly", "a.txt")
    said = [(u.voice, u.text, u.spoken) for u in speech_script(document)]
    assert said[0][:2] == ("kk", "Qazaqstan Respublikasy kitaphanasy")
    assert said[0][2] == "Қазақстан Республікасы кітапханасы"
    page = html.fromstring(proof.render(document, translate_document(document, Code()), "en"))
    row = page.get_element_by_id("c0b0").findall("td")
    assert "kk-Latn: kk.utb (Kazakh in Latin letters, brailled in Cyrillic)" in row[0].text
    assert row[1].find("span").get("lang") == "kk-Latn" and row[2].get("lang") == "kk-Brai"
