"""Kazakh typed on a braille keyboard: dot chords → letters, derived from kk.utb itself.

    kk.utb (+ the tables it includes) ──definitions──▶ Keyboard(cell → letter, letter → cell)

liblouis back-translates Russian and English but ``kk.utb`` is forward-only, so
a braille keyboard cannot type Kazakh through liblouis.  This reads the
table's own character definitions (``lowercase``, ``letter``, ``punctuation``
…, following ``include``), the way liblouis does: the first definition of a
character wins, ``nofor`` ones are skipped, and the virtual dots 9–f that
tables use to tell look-alike letters apart are not on the paper, so they are
dropped.  A chord then maps to the letter of the Kazakh alphabet with those
dots (letters win over punctuation), and every letter round-trips:
letter → cell → letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .tables import find_table

#: The Kazakh Cyrillic alphabet (42 letters), lower case, in dictionary order.
KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"

_CHAR_OPCODES = {"letter", "lowercase", "uppercase", "punctuation", "sign", "math"}
_PREFIXES = {"noback", "nofor"}
_ESCAPE = re.compile(r"\\x([0-9a-fA-F]{4})|\\y([0-9a-fA-F]{5})|\\z([0-9a-fA-F]{8})|\\s|\\t|\\\\")


@dataclass
class Keyboard:
    """A braille keyboard's chords: ``letters`` maps a Unicode cell to text, ``cells`` the way back."""

    letters: dict[str, str]
    cells: dict[str, str]

    def type(self, dots: str, upper: bool = False) -> str:
        """The text for the chord ``dots`` ("1456" or a cell "⠹"); raises ``KeyError`` for an unknown chord."""
        cell = dots if len(dots) == 1 and "\u2800" <= dots <= "\u28ff" else cell_of(dots)
        letter = self.letters[cell]
        return letter.upper() if upper else letter

    def chord(self, letter: str) -> str:
        """The cell typed for ``letter`` (either case); raises ``KeyError`` when the table has none."""
        return self.cells[letter.lower()]


def cell_of(dots: str) -> str:
    """Dot numbers ("1456") → the Unicode cell, dropping virtual dots 9–f; ``ValueError`` on others."""
    bits = 0
    for dot in dots:
        if dot in "12345678":
            bits |= 1 << (int(dot) - 1)
        elif dot not in "9abcdef":
            raise ValueError(f"not a dot pattern: {dots!r}")
    return chr(0x2800 + bits)


def read_definitions(name: str, seen: set[str] | None = None) -> dict[str, str]:
    """Character → dot pattern from table ``name`` and its includes, first definition winning.

    Multi-cell patterns ("249-34") are kept whole; ``FileNotFoundError`` when a table is missing.
    """
    seen = set() if seen is None else seen
    if name in seen:
        return {}
    seen.add(name)
    found: dict[str, str] = {}
    for raw in find_table(name).read_text(encoding="utf-8", errors="replace").splitlines():
        fields = raw.split()
        if not fields or fields[0].startswith("#"):
            continue
        if fields[0] == "include" and len(fields) > 1:
            for char, dots in read_definitions(fields[1], seen).items():
                found.setdefault(char, dots)
            continue
        if fields[0] in _PREFIXES:
            if fields[0] == "nofor":
                continue
            fields = fields[1:]
        if len(fields) >= 3 and fields[0] in _CHAR_OPCODES:
            char = _unescape(fields[1])
            if len(char) == 1:
                found.setdefault(char, fields[2])
    return found


@cache
def kazakh_keyboard(table: str = "kk.utb") -> Keyboard:
    """The Kazakh keyboard from ``table``; letters of the alphabet first, then single-cell punctuation."""
    definitions = read_definitions(table)
    letters: dict[str, str] = {}
    cells: dict[str, str] = {}
    ordered = [c for c in KAZAKH_ALPHABET if c in definitions]
    ordered += [
        c
        for c in definitions
        if c not in KAZAKH_ALPHABET and not c.isalnum() and not c.isspace() and not "\u2800" <= c <= "\u28ff"
    ]
    for char in ordered:
        dots = definitions[char]
        if "-" in dots:
            continue
        try:
            cell = cell_of(dots)
        except ValueError:
            continue
        letters.setdefault(cell, char)
        cells.setdefault(char, cell)
    return Keyboard(letters, cells)


def _unescape(text: str) -> str:
    def replace(match: re.Match) -> str:
        hexdigits = match.group(1) or match.group(2) or match.group(3)
        if hexdigits:
            return chr(int(hexdigits, 16))
        return {"\\s": " ", "\\t": "\t", "\\\\": "\\"}[match.group()]

    return _ESCAPE.sub(replace, text)
