"""The table registry: (language, grade, dots) → liblouis tables that suit each other.

    ("kk", 1, 6) → ru-unicode.dis + kk.utb          Kazakh, uncontracted
    ("ru", 1, 6) → ru-unicode.dis + ru-litbrl.ctb   Russian literary, uncontracted
    ("en", 1, 6) → unicode.dis + en-ueb-g1.ctb      English UEB, uncontracted
    ("en", 2, 6) → unicode.dis + en-ueb-g2.ctb      English UEB, contracted
    ("ru", 0, 8) → unicode.dis + ru.ctb             Russian 8-dot computer braille
    ("en", 0, 8) → unicode.dis + en-us-comp8.ctb    English 8-dot computer braille

The display table comes first and turns dots into Unicode braille (U+2800…).
With kk.utb and ru-litbrl.ctb it must be ``ru-unicode.dis``: ``unicode.dis``
leaves Қ, І, Ә… as print letters.  BRF is made from the Unicode cells by the
fixed North American ASCII Braille mapping (``brf.py``), the same mapping
``ru-brf.dis`` and ``en-us-brf.dis`` hold.

Kazakh brackets: ⠶ … ⠶ (dots 2-3-5-6) for both parentheses in Kazakh text.  What
readers are taught, as far as we could find: Wikipedia's "Kazakh Braille" (the English
and the Kazakh article, after UNESCO's World Braille Usage) says Kazakh uses "the Russian
arithmetical parentheses" ⠣ … ⠜ (dots 1-2-6 and 3-4-5); the English article only says
"reported".  Those two cells are the letters Ө and Ә in Kazakh braille (kk.utb, and the
same article's alphabet gives ⠜ for ә), so "(өлең)" in them reads "өөлеңә" and
"(2024 ж.) өтті" reads "… ж. ә өтті".  liblouis's kk.utb (A. Yakuboy, 2021) resolves the
collision: ⠶ for both brackets in text, and ⠣ … ⠜ only for arithmetic, as in Russian
braille, where ⠶ is the equals sign (ru-litbrl.ctb: ``math = 2356``).  We follow kk.utb
and go one step further (``brackets.py``): kk.utb counts a bracket next to a digit as
arithmetic, which catches the dates and page counts of library text ("(2024 ж.)",
"(1845–1904)", "(12 б.)"); only a bracket pair with an arithmetic sign in or just outside
it keeps ⠣ … ⠜.  Russian text keeps ru-litbrl.ctb's ⠣ … ⠜, which are no Russian letter.
We found no Kazakh school textbook to confirm the cells; a school's own convention, if
it differs, is a change to ``brackets.py``, not to the rest of the code.

Kazakh 8-dot computer braille is not offered: no such standard exists and
liblouis has no table for it.  Grade 0 means computer braille (8 dots).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BadOption, MissingDependency
from . import louis

#: (language, grade, dots) → (display table, translation table)
REGISTRY: dict[tuple[str, int, int], tuple[str, str]] = {
    ("kk", 1, 6): ("ru-unicode.dis", "kk.utb"),
    ("ru", 1, 6): ("ru-unicode.dis", "ru-litbrl.ctb"),
    ("en", 1, 6): ("unicode.dis", "en-ueb-g1.ctb"),
    ("en", 2, 6): ("unicode.dis", "en-ueb-g2.ctb"),
    ("ru", 0, 8): ("unicode.dis", "ru.ctb"),
    ("en", 0, 8): ("unicode.dis", "en-us-comp8.ctb"),
}

LANGUAGES = ("kk", "ru", "en")

#: The grade each language gets unless the user picks another.
DEFAULT_GRADES = {"kk": 1, "ru": 1, "en": 2}


@dataclass(frozen=True)
class Code:
    """The braille code a reader asked for: a grade per language and 6 or 8 dots."""

    grades: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_GRADES))
    dots: int = 6

    def __hash__(self) -> int:
        return hash((tuple(sorted(self.grades.items())), self.dots))

    def tables(self, lang: str) -> tuple[str, ...]:
        """The table list for ``lang``; raises ``BadOption`` when the registry has none."""
        grade = 0 if self.dots == 8 else self.grades.get(lang, DEFAULT_GRADES.get(lang, 1))
        key = (lang, grade, self.dots)
        if key not in REGISTRY:
            value = f"{lang}, {self.dots} dots" if self.dots == 8 else f"{lang}={grade}"
            raise BadOption(option="--dots" if self.dots == 8 else "--grade", value=value, choices=offered())
        return REGISTRY[key]


def offered() -> str:
    """The codes on offer, as the help text and error messages list them."""
    six = ", ".join(f"{lang}={grade}" for lang, grade, dots in REGISTRY if dots == 6)
    eight = ", ".join(lang for lang, _, dots in REGISTRY if dots == 8)
    return f"6 dots: {six}; 8 dots: {eight}"


def parse_grades(text: str) -> dict[str, int]:
    """``"en=2,ru=1"`` → ``{"en": 2, "ru": 1, "kk": 1}`` (defaults fill the rest); raises ``BadOption``."""
    grades = dict(DEFAULT_GRADES)
    for item in filter(None, (part.strip() for part in (text or "").split(","))):
        lang, _, value = item.partition("=")
        lang = lang.strip().lower()
        if lang not in LANGUAGES or not value.strip().isdigit() or (lang, int(value), 6) not in REGISTRY:
            raise BadOption(option="--grade", value=item, choices=offered())
        grades[lang] = int(value)
    return grades


def check(code: Code, languages: list[str]) -> None:
    """Load every table ``code`` needs for ``languages`` now, so a missing one is named before work starts."""
    for lang in languages:
        louis.check(code.tables(lang))


#: Where liblouis tables are looked for when ``LOUIS_TABLEPATH`` does not say.
TABLE_FOLDERS = ("/usr/share/liblouis/tables", "/usr/local/share/liblouis/tables")


def find_table(name: str) -> Path:
    """The file of table ``name`` (for reading its definitions); raises ``MissingDependency``."""
    folders = [f for f in os.environ.get("LOUIS_TABLEPATH", "").split(",") if f] + list(TABLE_FOLDERS)
    for folder in folders:
        path = Path(folder) / name
        if path.is_file():
            return path
    raise MissingDependency(what=f"liblouis table {name}", install=louis.TABLES_PACKAGE)
