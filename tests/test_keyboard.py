import pytest

from accessreader.braille import louis
from accessreader.braille.keyboard import KAZAKH_ALPHABET, cell_of, kazakh_keyboard, read_definitions

KK = ("ru-unicode.dis", "kk.utb")


def test_every_kazakh_letter_round_trips_through_liblouis_and_the_keyboard():
    keyboard = kazakh_keyboard()
    assert len(KAZAKH_ALPHABET) == 42
    for letter in KAZAKH_ALPHABET + KAZAKH_ALPHABET.upper():
        cell = louis.translate(KK, letter.lower()).cells
        assert len(cell) == 1
        assert keyboard.chord(letter) == cell
        assert keyboard.type(cell, upper=letter.isupper()) == letter


def test_chords_by_dot_numbers():
    keyboard = kazakh_keyboard()
    assert keyboard.type("1456") == "қ"
    assert keyboard.type("345") == "ә"
    assert keyboard.type("13456", upper=True) == "І"
    assert keyboard.type("256") == "."
    with pytest.raises(KeyError):
        keyboard.type("12345678")


def test_definitions_come_from_kk_utb_and_its_includes():
    definitions = read_definitions("kk.utb")
    assert definitions["қ"] == "14569"  # kk.utb's own line, virtual dot 9 included
    assert definitions["б"] == "129"  # from ru-litbrl.ctb's first definition, included
    assert cell_of("14569") == "⠹"
    with pytest.raises(ValueError):
        cell_of("1x")
