"""Braille: Document → cells with position maps → pages → BRF, PEF, Unicode text, proof pages.

tables.py        (language, grade, dots) → liblouis tables; find and check them
louis.py         the only liblouis import: translate, back-translate, defined?
translate.py     block by block, language span by span; fallbacks reported as Problems
brackets.py      Kazakh brackets ⠶ … ⠶ beside numbers too (kk.utb's ⠣ ⠜ are Ө Ә)
layout.py        pages of cells × lines: title page, contents, headings, page numbers
brf.py pef.py    pages → ASCII braille / PEF 2008-1
unicode_text.py  one paragraph per line of Unicode braille
keyboard.py      Kazakh braille-keyboard chords from kk.utb's definitions
proof.py         print beside braille, as an HTML page for staff
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import lazy

if TYPE_CHECKING:
    from .layout import Layout, Pages, paginate
    from .pef import Binding
    from .tables import Code, parse_grades
    from .translate import Braille, BrailleBlock, Problem, translate_document

#: Each name below and its module, imported when first used (the terminal needs no pages).
_MODULES = {
    **dict.fromkeys(("Layout", "Pages", "paginate"), ".layout"),
    "Binding": ".pef",
    **dict.fromkeys(("Code", "parse_grades"), ".tables"),
    **dict.fromkeys(("Braille", "BrailleBlock", "Problem", "translate_document"), ".translate"),
}

__all__ = [
    "Binding",
    "Braille",
    "BrailleBlock",
    "Code",
    "Layout",
    "Pages",
    "Problem",
    "paginate",
    "parse_grades",
    "translate_document",
]

__getattr__ = lazy.names(__name__, _MODULES)
