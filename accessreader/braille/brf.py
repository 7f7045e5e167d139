"""Pages → BRF: ASCII braille, CR LF after each line, a form feed after each page.

The 64 six-dot cells map to ASCII by the North American ASCII Braille table
(the one ``en-us-brf.dis`` and ``ru-brf.dis`` hold), so a BRF file opens the
same in any braille editor or embosser driver.  Eight-dot cells have no ASCII
form: ``SixDotsOnly`` says to choose PEF or Unicode braille instead.
"""

from __future__ import annotations

from ..errors import SixDotsOnly
from .layout import Page, Pages

#: ASCII for the cells U+2800…U+283F in order (dot 1 = bit 0 … dot 6 = bit 5).
ASCII_BRAILLE = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="
_FROM_ASCII = {char: chr(0x2800 + bits) for bits, char in enumerate(ASCII_BRAILLE)}


class _ToAscii(dict):
    """``str.translate`` map: six-dot cells to ASCII, eight-dot cells refused, the rest kept."""

    def __missing__(self, key: int) -> str:
        if 0x2840 <= key <= 0x28FF:
            raise SixDotsOnly()
        return chr(key)


_TO_ASCII = _ToAscii({0x2800 + bits: char for bits, char in enumerate(ASCII_BRAILLE)})


def to_ascii(cells: str) -> str:
    """Unicode six-dot braille → ASCII braille; raises ``SixDotsOnly`` for a cell with dot 7 or 8."""
    return cells.translate(_TO_ASCII)


def from_ascii(text: str) -> str:
    """ASCII braille → Unicode braille (lower-case letters read as upper-case)."""
    return "".join(_FROM_ASCII.get(char, char) for char in text.upper())


def write(pages: Pages) -> bytes:
    """The BRF file for ``pages``; raises ``SixDotsOnly`` for 8-dot braille."""
    return b"".join(page_bytes(page) for page in pages.all)


def page_bytes(page: Page) -> bytes:
    """One page of a BRF file: its lines, each ending CR LF, then a form feed."""
    text = to_ascii("\n".join(line.cells for line in page.lines))
    return ("".join(line.rstrip(" ") + "\r\n" for line in text.split("\n")) + "\f").encode("ascii")
