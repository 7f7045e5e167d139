"""Key presses → reader actions: the display's own keys (BrlAPI commands), its braille keyboard, a PC keyboard.

    BrlAPI key code ──action()──▶ Action("pan_right") | Action("route", 7) | Action("type", "қ") …

Display keys arrive as brltty commands (FWINRT, LNDN, ROUTE+cell…).  Keys
brltty has no command for (heading, chapter, page, bookmarks, search…) are
quick keys: a letter typed on the PC keyboard, or its chord on the braille
keyboard (English braille letters, so the chord is the same whatever the book's
language).  While a search is being typed, chords are letters of the typing
language (Kazakh chords from the braille helper's ``kazakh_keyboard``) and PC
keys are themselves.

The braille keyboard reaches us as Unicode braille characters (U+2800 + dots):
brltty must run with the text table from :func:`dots_text_table`, because its
own tables have no Kazakh and BrlAPI 0.8 sends typed dots as characters of
that table.
"""

from __future__ import annotations

from dataclasses import dataclass

import brlapi

from ..braille.keyboard import cell_of, kazakh_keyboard


@dataclass(frozen=True)
class Action:
    """What the reader should do: ``name`` and, for routing and typing, ``arg``."""

    name: str
    arg: int | str | None = None


#: brltty command → action
COMMANDS: dict[int, Action] = {
    brlapi.KEY_CMD_FWINRT: Action("pan_right"),
    brlapi.KEY_CMD_FWINLT: Action("pan_left"),
    brlapi.KEY_CMD_FWINRTSKIP: Action("pan_right"),
    brlapi.KEY_CMD_FWINLTSKIP: Action("pan_left"),
    brlapi.KEY_CMD_LNDN: Action("line_down"),
    brlapi.KEY_CMD_LNUP: Action("line_up"),
    brlapi.KEY_CMD_WINDN: Action("line_down"),
    brlapi.KEY_CMD_WINUP: Action("line_up"),
    brlapi.KEY_CMD_NXPGRPH: Action("paragraph_next"),
    brlapi.KEY_CMD_PRPGRPH: Action("paragraph_previous"),
    brlapi.KEY_CMD_NXPROMPT: Action("heading_next"),
    brlapi.KEY_CMD_PRPROMPT: Action("heading_previous"),
    brlapi.KEY_CMD_TOP: Action("top"),
    brlapi.KEY_CMD_TOP_LEFT: Action("top"),
    brlapi.KEY_CMD_BOT: Action("bottom"),
    brlapi.KEY_CMD_BOT_LEFT: Action("bottom"),
    brlapi.KEY_CMD_HOME: Action("where"),
    brlapi.KEY_CMD_SPEAK_CURR_LOCN: Action("where"),
    brlapi.KEY_CMD_INFO: Action("where"),
    brlapi.KEY_CMD_HELP: Action("help"),
    brlapi.KEY_CMD_LEARN: Action("help"),
    brlapi.KEY_CMD_MUTE: Action("speech"),
    brlapi.KEY_CMD_SAY_FASTER: Action("faster"),
    brlapi.KEY_CMD_SAY_SLOWER: Action("slower"),
    brlapi.KEY_CMD_NXSEARCH: Action("search_next"),
    brlapi.KEY_CMD_PRSEARCH: Action("search_next"),
    brlapi.KEY_CMD_RETURN: Action("enter"),
}

#: quick key letter → action (PC keyboard letter, or its English braille chord)
QUICK_KEYS: dict[str, Action] = {
    "h": Action("heading_next"),
    "H": Action("heading_previous"),
    "c": Action("chapter_next"),
    "C": Action("chapter_previous"),
    "p": Action("page_next"),
    "P": Action("page_previous"),
    "n": Action("paragraph_next"),
    "N": Action("paragraph_previous"),
    "t": Action("top"),
    "e": Action("bottom"),
    "m": Action("bookmark_set"),
    "b": Action("bookmark_go"),
    "f": Action("search"),
    "g": Action("search_next"),
    "o": Action("open"),
    "w": Action("where"),
    "s": Action("speech"),
    "+": Action("faster"),
    "-": Action("slower"),
    "?": Action("help"),
    "q": Action("quit"),
}

#: English braille letters a–z (dot numbers), for quick keys and English typing on a braille keyboard
LATIN_DOTS = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyz",
        "1 12 14 145 15 124 1245 125 24 245 13 123 134 1345 135 1234 12345 1235 234 2345 136 1236 2456 1346 13456 1356".split(),
    )
)
_LATIN = {cell_of(dots): letter for letter, dots in LATIN_DOTS.items()}
#: a chord with dot 7 gives the capital quick key (H = previous heading)
_DOT7 = 0x40
_BACKSPACE_CHORD = chr(0x2800 | _DOT7)
_ENTER_CHORD = chr(0x2800 | 0x80)

_SYMBOLS = {
    brlapi.KEY_SYM_LINEFEED: Action("enter"),
    brlapi.KEY_SYM_ESCAPE: Action("escape"),
    brlapi.KEY_SYM_BACKSPACE: Action("backspace"),
    brlapi.KEY_SYM_LEFT: Action("pan_left"),
    brlapi.KEY_SYM_RIGHT: Action("pan_right"),
    brlapi.KEY_SYM_UP: Action("line_up"),
    brlapi.KEY_SYM_DOWN: Action("line_down"),
    brlapi.KEY_SYM_PAGE_UP: Action("paragraph_previous"),
    brlapi.KEY_SYM_PAGE_DOWN: Action("paragraph_next"),
    brlapi.KEY_SYM_HOME: Action("top"),
    brlapi.KEY_SYM_END: Action("bottom"),
    brlapi.KEY_SYM_F1: Action("help"),
}


def typed_character(code: int) -> str | None:
    """The character a key code types (a PC key or a braille chord), ``None`` for other keys."""
    if code & brlapi.KEY_TYPE_MASK != brlapi.KEY_TYPE_SYM:
        return None
    sym = code & 0x1FFFFFFF
    if sym & 0x1FF0000 == brlapi.KEY_SYM_UNICODE:
        return chr(sym & 0xFFFF)
    if sym < 0x100:
        return chr(sym)
    return None


def action(code: int, typing: str | None = None) -> Action | None:
    """The action for BrlAPI key code ``code``; ``typing`` is the search's language while one is typed.

    ``None`` for a key with no meaning here.
    """
    kind = code & brlapi.KEY_TYPE_MASK
    if kind == brlapi.KEY_TYPE_CMD:
        block = code & brlapi.KEY_CMD_BLK_MASK
        if block == brlapi.KEY_CMD_ROUTE:
            return Action("route", code & brlapi.KEY_CMD_ARG_MASK)
        found = COMMANDS.get(code & (brlapi.KEY_CMD_BLK_MASK | brlapi.KEY_CMD_ARG_MASK))
        if typing is not None and found is not None and found.name not in ("enter",):
            return None
        return found
    sym = code & 0x1FFFFFFF
    if sym in _SYMBOLS:
        return _SYMBOLS[sym]
    char = typed_character(code)
    if char is None:
        return None
    if "\u2800" <= char <= "\u28ff":
        return _chord(char, typing)
    if typing is not None:
        return Action("type", char)
    return QUICK_KEYS.get(char)


def _chord(cell: str, typing: str | None) -> Action | None:
    if cell == _BACKSPACE_CHORD:
        return Action("backspace")
    if cell == _ENTER_CHORD:
        return Action("enter")
    if typing is not None:
        if cell == "\u2800":
            return Action("type", " ")
        letter = type_chord(cell, typing)
        return Action("type", letter) if letter else None
    bits = ord(cell) - 0x2800
    letter = _LATIN.get(chr(0x2800 | (bits & ~_DOT7)))
    if letter is None:
        return None
    return QUICK_KEYS.get(letter.upper() if bits & _DOT7 else letter)


def type_chord(cell: str, lang: str) -> str | None:
    """The letter chord ``cell`` types in ``lang``: Kazakh and Russian by the Kazakh keyboard, English by Latin braille."""
    if lang == "en":
        return _LATIN.get(cell)
    try:
        return kazakh_keyboard().type(cell)
    except KeyError:
        return None


def dots_text_table() -> str:
    """A brltty text table (.ttb) that sends every typed chord as its Unicode braille character."""
    lines = ["# AccessReader: braille keyboard chords reach BrlAPI clients as Unicode braille (U+2800 + dots)"]
    for bits in range(256):
        dots = "".join(str(dot + 1) for dot in range(8) if bits >> dot & 1)
        lines.append(f"char \\u{0x2800 + bits:04x} ({dots or ' '})")
    return "\n".join(lines) + "\n"
