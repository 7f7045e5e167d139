"""Kazakh brackets in literary text: ⠶ … ⠶, never the cells of Ө and Ә.

    kk.utb cells of a line ──literary_brackets──▶ the same cells, a bracket next to a
                                                   number written ⠶ as in the rest of the text

kk.utb writes a bracket as ⠶ (dots 2-3-5-6), but as Russian braille's arithmetic
⠣ … ⠜ (dots 1-2-6, 3-4-5) when a digit stands next to it, for arithmetic.  In
Kazakh braille ⠣ is Ө and ⠜ is Ә, so in a library text's "(2024 ж.) өтті" or
"Абай (1845–1904)" the brackets read as letters ("ә өтті").  A bracket whose
pair holds no arithmetic (no + − × ÷ · = < > between numbers, none just outside)
is written ⠶ here; arithmetic keeps kk.utb's ⠣ … ⠜, where ⠶ is the equals sign.
The choice and its sources are in ``tables.py``.
"""

from __future__ import annotations

import re

PAREN = "\u2836"  # ⠶
_ARITHMETIC_CELLS = {"(": "\u2823", ")": "\u281c"}  # ⠣ ⠜
_OPERATOR = "+×÷*=<>−·≤≥"
_ARITHMETIC = re.compile(rf"[\d)]\s*[{_OPERATOR}]\s*[\d(]")


def literary_brackets(text: str, cells: str, to_print: list[int]) -> str:
    """``cells`` (kk.utb's braille of ``text``, cell ``i`` from character ``to_print[i]``) with the
    brackets of non-arithmetic pairs written ⠶."""
    if "(" not in text and ")" not in text:
        return cells
    literary = _literary_positions(text)
    out = list(cells)
    for index, cell in enumerate(cells):
        char = text[to_print[index]]
        if _ARITHMETIC_CELLS.get(char) == cell and to_print[index] in literary:
            out[index] = PAREN
    return "".join(out)


def _literary_positions(text: str) -> set[int]:
    """The offsets of the brackets in ``text`` whose pair is not arithmetic."""
    found: set[int] = set()
    opened: list[int] = []
    for offset, char in enumerate(text):
        if char == "(":
            opened.append(offset)
        elif char == ")":
            start = opened.pop() if opened else offset
            around = text[max(start - 2, 0) : offset + 3]
            if not _ARITHMETIC.search(text[start : offset + 1]) and not re.search(
                rf"[{_OPERATOR}]\s*\(|\)\s*[{_OPERATOR}]", around
            ):
                found.update({start, offset})
    return found | set(opened)
