"""Display commands, braille chords and PC keys → reader actions; the brltty text table for chords."""

from __future__ import annotations

import brlapi

from accessreader.braille.keyboard import KAZAKH_ALPHABET, kazakh_keyboard
from accessreader.terminal.keys import QUICK_KEYS, Action, action, dots_text_table, type_chord


def cell_code(dots: str) -> int:
    bits = sum(1 << (int(d) - 1) for d in dots)
    return brlapi.KEY_SYM_UNICODE | (0x2800 + bits)


def test_display_commands():
    assert action(brlapi.KEY_TYPE_CMD | brlapi.KEY_CMD_FWINRT) == Action("pan_right")
    assert action(brlapi.KEY_TYPE_CMD | brlapi.KEY_CMD_LNUP) == Action("line_up")
    assert action(brlapi.KEY_TYPE_CMD | brlapi.KEY_CMD_ROUTE | 7) == Action("route", 7)
    assert action(brlapi.KEY_TYPE_CMD | brlapi.KEY_CMD_TOP) == Action("top")
    assert action(brlapi.KEY_TYPE_CMD | brlapi.KEY_CMD_SAY_FASTER) == Action("faster")
    assert action(brlapi.KEY_TYPE_CMD | brlapi.KEY_CMD_CSRTRK) is None  # not ours


def test_quick_keys_from_the_pc_and_the_braille_keyboard_agree():
    for letter, wanted in QUICK_KEYS.items():
        assert action(ord(letter)) == wanted
    assert action(cell_code("125")) == Action("heading_next")  # h
    assert action(cell_code("1257")) == Action("heading_previous")  # dot 7 = capital: H
    assert action(cell_code("14")) == Action("chapter_next")  # c
    assert action(cell_code("6")) is None


def test_while_typing_chords_are_letters_of_the_language_and_moves_wait():
    kazakh = kazakh_keyboard()
    for letter in KAZAKH_ALPHABET:
        cell = kazakh.chord(letter)
        assert action(brlapi.KEY_SYM_UNICODE | ord(cell), typing="kk") == Action("type", letter)
    assert action(cell_code("125"), typing="en") == Action("type", "h")
    assert type_chord("\u2801", "en") == "a" and type_chord("\u2801", "kk") == "а"  # Latin a, Cyrillic а
    assert action(cell_code("7"), typing="kk") == Action("backspace")
    assert action(cell_code("8"), typing="kk") == Action("enter")
    assert action(brlapi.KEY_TYPE_CMD | brlapi.KEY_CMD_LNDN, typing="kk") is None
    assert action(brlapi.KEY_TYPE_CMD | brlapi.KEY_CMD_RETURN, typing="kk") == Action("enter")


def test_text_table_sends_each_chord_as_its_braille_character():
    lines = [line for line in dots_text_table().splitlines() if line.startswith("char")]
    assert len(lines) == 256
    assert lines[0] == "char \\u2800 ( )"
    assert "char \\u281b (1245)" in lines
    assert lines[-1] == "char \\u28ff (12345678)"
