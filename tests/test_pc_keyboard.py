"""Console bytes → BrlAPI key codes: escape sequences, control keys, UTF-8 letters of kk/ru/en."""

from __future__ import annotations

import os

import brlapi

from accessreader.terminal.keys import Action, action
from accessreader.terminal.pc_keyboard import PcKeyboard, decode


def test_escape_sequences_and_control_keys():
    assert decode(b"\x1b[A\x1b[B\x1b[C\x1b[D") == [
        brlapi.KEY_SYM_UP,
        brlapi.KEY_SYM_DOWN,
        brlapi.KEY_SYM_RIGHT,
        brlapi.KEY_SYM_LEFT,
    ]
    assert decode(b"\x1b[5~\x1b[6~\x1b[H\x1b[4~\x1bOP") == [
        brlapi.KEY_SYM_PAGE_UP, brlapi.KEY_SYM_PAGE_DOWN, brlapi.KEY_SYM_HOME, brlapi.KEY_SYM_END, brlapi.KEY_SYM_F1,
    ]  # fmt: skip
    assert decode(b"\r\x7f\x1b") == [brlapi.KEY_SYM_LINEFEED, brlapi.KEY_SYM_BACKSPACE, brlapi.KEY_SYM_ESCAPE]


def test_letters_of_every_language_type_themselves_in_a_search():
    codes = decode("hқжé".encode())
    assert [action(code, typing="kk") for code in codes] == [Action("type", c) for c in "hқжé"]
    assert action(codes[0]) == Action("heading_next")  # outside a search, a quick key
    assert decode("қ".encode()[:1]) == []  # half a character is not a key


def test_reads_what_arrives_on_its_descriptor():
    read_end, write_end = os.pipe()
    keyboard = PcKeyboard(read_end)
    try:
        os.write(write_end, b"p\x1b[B")
        assert keyboard.read() == [ord("p"), brlapi.KEY_SYM_DOWN]
        os.close(write_end)
        assert keyboard.read() == []
    finally:
        keyboard.close()
        os.close(read_end)
