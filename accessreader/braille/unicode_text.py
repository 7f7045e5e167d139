"""Translated blocks → Unicode braille text: one paragraph per line, for screen readers and displays.

No pagination: a braille display or screen reader wraps lines itself.  Lines of
a stanza or table stay separate lines; a print page marker becomes its own line
of dots 3-6 and the page number, as on paper.
"""

from __future__ import annotations

from ..model import PAGE_MARKER
from .translate import BLANK, Braille

PRINT_PAGE_MARK = "\u2824\u2824\u2824"


def write(braille: Braille) -> bytes:
    """UTF-8 text, one block (or stanza/table line) per line, ending with a newline."""
    lines = []
    for block in braille.blocks:
        if block.kind == PAGE_MARKER:
            lines.append(PRINT_PAGE_MARK + block.cells)
            continue
        text = block.label + BLANK + block.cells if block.label else block.cells
        lines.extend(text.split("\n"))
    return ("\n".join(lines) + "\n").encode("utf-8")
