"""Document → braille, block by block and language span by language span.

    Block(text, lang, spans) ──lang_runs──▶ runs (kk | ru | en …)
        each run ──prepare──▶ text the run's table defines (+ problems)
                 ──louis.translate(run's tables)──▶ cells
    ──▶ BrailleBlock(cells, cell → print offset, print offset → cell, runs, problems)

Every run goes through its own language's tables, so a Kazakh title quoted in a
Russian sentence comes out in Kazakh braille and the Russian around it keeps
Russian punctuation.  Kazakh in the Latin alphabet (``kk-Latn``) is brailled
with the Kazakh Cyrillic table after ``kazakh_latin.to_cyrillic``: no braille
table has it; its runs are named ``kk-Latn`` with table kk.utb.  A language with no table of its own (``und``, ``zxx``,
``de``…) is read with the book's main language.  A word the run's table cannot
write (a Cyrillic word in a block detected as English) goes through the first
of Russian, Kazakh, English whose table has the characters it lacks, so it
comes out as braille instead of fallbacks.

Across scripts:

* a Latin run in a Russian or Kazakh block ("YouTube", "ALQA") goes through the
  block's own table, uncontracted, which marks Latin letters the way Russian
  literary braille does (dots 4-6 before a capital, dot 6 before a small letter,
  ru-litbrl.ctb), never through contracted English, whose cells read as other
  letters there (⠳ is Ю);
* a Russian or Kazakh run in an English (UEB) block is written in its own code,
  between UEB's non-UEB passage indicators with a language identifier, §14.3.2–4
  of the Rules of Unified English Braille: ⠐⠷⠗⠥⠄ (ru) or ⠐⠷⠅⠅⠄ (kk) … ⠠⠐⠾;
* a number with group spaces ("1 372 423") is one number: Cyrillic tables get it
  without the spaces (one number sign), UEB tables write the numeric space
  (UEB §6.6); either way no blank cell is left inside it for a line to break at.

Nothing is left untranslated silently.  The documented fallback:

* white space of any kind becomes a plain space; invisible format characters
  (soft hyphen, zero-width space, joiners, BOM) are dropped;
* a character the table does not define becomes its unaccented base letter
  when the table has that (``é`` → ``e``), otherwise a question mark ``?``;
* a cell that is not braille after translation (a print letter a display table
  let through) becomes the full cell ⠿.

Each replacement is a ``Problem`` with its block, character offset and table,
shown by ``accessreader proof`` and counted by ``convert``.

A block's braille depends on the block alone and the book's main language, so a
long book is translated on several processes (``processes.py``, ``workers``),
cut anywhere between blocks, with the same result byte for byte.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from .. import kazakh_latin, processes
from ..errors import AccessReaderError
from ..language import KAZAKH_LATIN, LATIN, script_of
from ..messages import translate as message
from ..model import PAGE_MARKER, Block, Document
from . import louis
from .brackets import literary_brackets
from .tables import LANGUAGES, Code

#: What an undefined character becomes when it has no base letter in the table.
UNKNOWN = "?"
#: What a non-braille character left in the output becomes.
NOT_BRAILLE = "\u283f"
BLANK = "\u2800"


@dataclass
class Problem:
    """A character with no braille in its table, and what was written instead."""

    block: str
    offset: int
    char: str
    table: str
    replacement: str

    def message(self, lang: str = "en") -> str:
        return message(
            "braille_untranslated",
            lang,
            where=f"{self.block}:{self.offset}",
            char=self.char,
            unicode=f"U+{ord(self.char):04X}",
            table=self.table,
            replacement=self.replacement,
        )


@dataclass
class Run:
    """Print characters ``start:end`` of a block, translated with ``table`` for ``lang``."""

    start: int
    end: int
    lang: str
    table: str


@dataclass
class BrailleBlock:
    """One block in Unicode braille with positions both ways.

    ``cells`` holds braille cells, U+2800 between words and "\\n" where the print
    text breaks a line (stanzas, tables).  ``to_print[i]`` is the print offset
    of cell ``i``; ``to_cells[j]`` the first cell of print offset ``j`` (one
    more entry than the text: its end); both are ``array("I")``, four bytes an entry (a
    list of ints costs up to ten times that, most of a long book's memory).  ``label`` is the list marker or note
    mark in braille.
    """

    id: str
    kind: str
    level: int
    label: str
    cells: str
    to_print: array
    to_cells: array
    runs: list[Run] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def print_offset(self, cell: int) -> int:
        """The print offset cell ``cell`` came from; raises ``LookupError`` outside the block."""
        if not 0 <= cell < len(self.to_print):
            raise LookupError(f"{self.id} has no cell {cell}")
        return self.to_print[cell]

    def cell_of(self, offset: int) -> int:
        """The first cell of print offset ``offset``; raises ``LookupError`` outside the block."""
        if not 0 <= offset < len(self.to_cells):
            raise LookupError(f"{self.id} has no offset {offset}")
        return self.to_cells[offset]


@dataclass
class Braille:
    """A whole Document in braille: blocks in reading order and the book's main language."""

    blocks: list[BrailleBlock]
    lang: str
    code: Code

    @property
    def problems(self) -> list[Problem]:
        return [p for b in self.blocks for p in b.problems]


def main_language(document: Document) -> str:
    """The book's first language that has tables, else English."""
    return next((lang for lang in document.metadata.languages if lang in LANGUAGES), "en")


def translate_document(
    document: Document,
    code: Code,
    progress: Callable[[int], None] | None = None,
    workers: int = 1,
    positions: bool = True,
) -> Braille:
    """Every block of ``document`` in braille; ``progress(n)`` is told of blocks done.

    A long book is shared among ``workers`` processes (see ``processes.SMALL``).
    Without ``positions`` the blocks' ``to_print`` and ``to_cells`` are left
    empty (the pages and files need only the cells; a reader on a display needs them).
    Raises ``MissingDependency`` when a needed table does not load and
    ``BadOption`` when ``code`` has no table for a language of the book.
    """
    lang = main_language(document)
    blocks = [block for _, block in document.blocks()]
    weight = lambda block: len(block.text)  # noqa: E731
    done = processes.map_in_order(translate_block, blocks, (code, lang, positions), workers, weight, progress)
    return Braille(done, lang, code)


class _Positions:
    """A block's cell → print offset and print offset → cell lists while it is translated."""

    def __init__(self, length: int) -> None:
        self.to_print: list[int] = []
        self.to_cells = [-1] * (length + 1)


def translate_block(block: Block, code: Code, fallback: str, positions: bool = True) -> BrailleBlock:
    """``block`` in braille, each language run with its own tables (see the module notes).

    Without ``positions`` its ``to_print`` and ``to_cells`` are empty.
    """
    cells: list[str] = []
    where = _Positions(len(block.text)) if positions else None
    problems: list[Problem] = []
    runs = []
    lang_runs = [(0, len(block.text), fallback)] if block.kind == PAGE_MARKER else block.lang_runs()
    # no braille table has Kazakh in Latin letters: kk.utb gets it in Cyrillic (offsets stay)
    cyrillic = kazakh_latin.in_cyrillic(block.text, lang_runs)
    if cyrillic is not block.text:
        block = replace(block, text=cyrillic)
    home = block.lang if block.lang in LANGUAGES else fallback
    for run_start, run_end, run_lang in lang_runs:
        said = run_lang
        run_lang = "kk" if run_lang == KAZAKH_LATIN else run_lang if run_lang in LANGUAGES else fallback
        if home in _CYRILLIC_BRAILLE and run_lang not in _CYRILLIC_BRAILLE and _latin(block.text[run_start:run_end]):
            run_lang = home  # a Latin name in Cyrillic braille: the block's table marks Latin letters
        for start, end, lang in _by_script(block.text, run_start, run_end, run_lang, code):
            tables = code.tables(lang)
            named = said == KAZAKH_LATIN and lang == "kk" or said in LANGUAGES and lang == home != said
            runs.append(Run(start, end, said if named else lang, tables[-1]))
            switch = _code_switch(code, home, lang)
            if switch:
                cells.append(switch[0])
                if where:
                    where.to_print.extend([start] * len(switch[0]))
            _translate_run(block, start, end, tables, cells, where, problems)
            if switch:
                cells.append(switch[1])
                if where:
                    where.to_print.extend([end - 1] * len(switch[1]))
    to_print = to_cells = array("I")
    if where:
        to_cells_list = where.to_cells
        to_cells_list[len(block.text)] = len(where.to_print)
        if -1 in to_cells_list:  # dropped characters and line breaks point at the next cell
            for offset in range(len(block.text) - 1, -1, -1):
                if to_cells_list[offset] < 0:
                    to_cells_list[offset] = to_cells_list[offset + 1]
        to_print, to_cells = array("I", where.to_print), array("I", to_cells_list)
    label = translate_phrase(block.label, block.lang if block.lang in LANGUAGES else fallback, code)
    return BrailleBlock(block.id, block.kind, block.level, label, "".join(cells), to_print, to_cells, runs, problems)


#: Languages brailled with a Cyrillic table (Russian literary braille or Kazakh, which includes it).
_CYRILLIC_BRAILLE = ("kk", "ru")
#: UEB §14.3.2–14.3.4: opening non-UEB passage indicator with a language identifier (letters before
#: its dot 3; identifiers are ISO 639 codes, §14.3.3), and the closing non-UEB passage indicator.
_UEB_OPEN, _UEB_CLOSE = "\u2810\u2837{}\u2804", "\u2820\u2810\u283e"
_UEB_IDENTIFIERS = {"ru": "\u2817\u2825", "kk": "\u2805\u2805"}  # "ru", "kk" in uncontracted letters


def _code_switch(code: Code, home: str, lang: str) -> tuple[str, str] | None:
    """The cells around a Russian or Kazakh run in a UEB block (see the module notes), else None."""
    if lang not in _UEB_IDENTIFIERS or home in _CYRILLIC_BRAILLE or not code.tables(home)[-1].startswith("en-ueb"):
        return None
    return _UEB_OPEN.format(_UEB_IDENTIFIERS[lang]), _UEB_CLOSE


def _latin(text: str) -> bool:
    """Whether the letters of ``text`` are all Latin (and there is one)."""
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and all(script_of(char) == LATIN for char in letters)


def translate_phrase(text: str, lang: str, code: Code) -> str:
    """A short text (a title, a label, a name) in braille, with the same fallbacks, problems dropped."""
    if not text:
        return ""
    block = Block(id="", kind="phrase", text=text, lang=lang)
    return translate_block(block, code, lang if lang in LANGUAGES else "en").cells


_WORD = re.compile(r"\S+")
_SCRIPT_ORDER = ("ru", "kk", "en")


def _by_script(text: str, start: int, end: int, lang: str, code: Code) -> list[tuple[int, int, str]]:
    """``text[start:end]`` cut where words need another language's table to be written at all."""
    tables = code.tables(lang)
    louis.check(tables)
    if _all_plain(text[start:end], tables):
        return [(start, end, lang)]
    pieces: list[list] = []
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        missing = {c for c in word if unicodedata.category(c) != "Cf" and not louis.defined(tables, c)}
        word_lang = lang
        if missing:
            word_lang = next(
                (
                    other
                    for other in _SCRIPT_ORDER
                    if other != lang
                    and _offered(code, other)
                    and all(louis.defined(code.tables(other), c) for c in missing)
                ),
                lang,
            )
        if pieces and pieces[-1][2] == word_lang:
            pieces[-1][1] = match.end()
        else:
            pieces.append([match.start(), match.end(), word_lang])
    if not pieces:
        return [(start, end, lang)]
    pieces[0][0], pieces[-1][1] = start, end
    for before, after in zip(pieces, pieces[1:]):
        if before[2] == lang:
            before[1] = after[0]
        else:
            after[0] = before[1]
    return [(a, b, piece_lang) for a, b, piece_lang in pieces]


def _offered(code: Code, lang: str) -> bool:
    try:
        louis.check(code.tables(lang))
    except AccessReaderError:
        return False
    return True


def _translate_run(
    block: Block,
    start: int,
    end: int,
    tables: tuple[str, ...],
    cells: list[str],
    where: _Positions | None,
    problems: list[Problem],
) -> None:
    """Print characters ``start:end`` of ``block`` into ``cells`` (and ``where``, when positions are kept), a
    print line at a time; liblouis is asked for positions only when they are kept or a correction needs them."""
    line_start = start
    text = block.text
    kazakh = tables[-1] == "kk.utb"
    while line_start <= end:
        newline = text.find("\n", line_start, end)
        line_end = end if newline < 0 else newline
        prepared, source = _prepare(block, line_start, line_end, tables, problems)
        brackets = kazakh and ("(" in prepared or ")" in prepared)
        result = louis.translate(tables, prepared) if where or brackets else None
        line_cells = result.cells if result else louis.cells(tables, prepared)
        not_braille = _not_braille(tables).search(line_cells)
        if result is None and not_braille:
            result = louis.translate(tables, prepared)  # the report needs the print offset of the cell
        if brackets:  # brackets next to numbers: ⠶, not Ө Ә (brackets.py)
            line_cells = literary_brackets(prepared, line_cells, result.to_print)
            not_braille = _not_braille(tables).search(line_cells)
        if not_braille:
            line_cells = _mark_not_braille(block.id, line_cells, result.to_print, source, tables, problems)
        cells.append(line_cells)
        if where:
            _place(where, result, source, line_start, line_end)
        if newline < 0:
            break
        cells.append("\n")
        if where:
            where.to_cells[newline] = len(where.to_print)
            where.to_print.append(newline)
        line_start = newline + 1


def _place(where: _Positions, result: louis.Translation, source: Sequence[int], line_start: int, line_end: int) -> None:
    """Record the positions of one translated line (print offsets ``source``) after the cells before it."""
    to_print, to_cells = where.to_print, where.to_cells
    base = len(to_print)
    if isinstance(source, range):  # the line as it is: offsets count from its start
        to_print.extend([line_start + index for index in result.to_print] if line_start else result.to_print)
        to_cells[line_start:line_end] = [base + cell for cell in result.to_cells] if base else result.to_cells
    else:
        to_print.extend(map(source.__getitem__, result.to_print))
        for index, cell_index in enumerate(result.to_cells):
            to_cells[source[index]] = base + cell_index


_EIGHT_DOT_TABLES = {"ru.ctb", "en-us-comp8.ctb"}
_NOT_SIX_DOT = re.compile("[^\u2800-\u283f]")
_NOT_EIGHT_DOT = re.compile("[^\u2800-\u28ff]")


def _not_braille(tables: tuple[str, ...]) -> re.Pattern:
    """What may not appear in the output of ``tables``: dots 7 and 8 are liblouis's mark of a failure in a 6-dot table."""
    return _NOT_EIGHT_DOT if tables[-1] in _EIGHT_DOT_TABLES else _NOT_SIX_DOT


def _mark_not_braille(
    block: str,
    cells: str,
    cell_to_index: list[int],
    source: Sequence[int],
    tables: tuple[str, ...],
    problems: list[Problem],
) -> str:
    """``cells`` with every non-braille cell replaced by ⠿ and reported."""
    pattern = _not_braille(tables)
    out = list(cells)
    for match in pattern.finditer(cells):
        index = match.start()
        problems.append(Problem(block, source[cell_to_index[index]], match.group(), tables[-1], NOT_BRAILLE))
        out[index] = NOT_BRAILLE
    return "".join(out)


def _prepare(
    block: Block, start: int, end: int, tables: tuple[str, ...], problems: list[Problem]
) -> tuple[str, Sequence[int]]:
    """``block.text[start:end]`` as the table can take it, with each character's print offset."""
    text = block.text[start:end]
    grouped = _group_spaces(text, start) if tables[-1] in _SOLID_NUMBERS else set()
    if not grouped and _all_plain(text, tables):
        return text, range(start, end)
    out: list[str] = []
    source: list[int] = []
    for offset, char in enumerate(text, start):
        if offset in grouped:
            continue
        if char.isspace():
            char = " "
        elif unicodedata.category(char) == "Cf":
            continue
        elif not louis.defined(tables, char):
            replacement = _fallback(char, tables)
            problems.append(Problem(block.id, offset, char, tables[-1], replacement))
            char = replacement
        out.append(char)
        source.append(offset)
    return "".join(out), source


#: Tables whose numbers are written solid: a group space ("1 372 423") is left out, so the digits
#: stay one number under one number sign (the Russian and Kazakh reading; with the space each group
#: would be a number of its own, and a line could break between them).  UEB tables write a plain
#: space in a number as the numeric space (dot 5 and the digit, UEB §6.6), which does the same; UEB
#: §6.10.1 asks not to divide a number between lines, and no blank cell is left to divide it at.
_SOLID_NUMBERS = ("ru-litbrl.ctb", "kk.utb")
_DIGIT = re.compile(r"\d")
_GROUPED_NUMBER = re.compile(r"(?<![\d,.])\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d])")


def _group_spaces(text: str, base: int) -> set[int]:
    """The offsets (from ``base``) of the spaces between digit groups of numbers in ``text``."""
    if not _DIGIT.search(text):
        return set()
    return {
        base + match.start() + index
        for match in _GROUPED_NUMBER.finditer(text)
        for index, char in enumerate(match.group())
        if not char.isdigit()
    }


#: Per table list, the characters known to need no preparing (defined, not a special space or format
#: character), and a pattern that finds any other (a scan in C: a set test walks the text in Python objects).
_PLAIN: dict[tuple[str, ...], tuple[set[str], re.Pattern]] = {}


def _all_plain(text: str, tables: tuple[str, ...]) -> bool:
    known, other = _PLAIN.get(tables) or _plain_pattern(tables, {" "})
    if not other.search(text):
        return True
    unknown = set(text) - known
    plain = {c for c in unknown if not c.isspace() and unicodedata.category(c) != "Cf" and louis.defined(tables, c)}
    if plain:
        _plain_pattern(tables, known | plain)
    return len(plain) == len(unknown)


def _plain_pattern(tables: tuple[str, ...], known: set[str]) -> tuple[set[str], re.Pattern]:
    _PLAIN[tables] = known, re.compile("[^" + "".join(map(re.escape, sorted(known))) + "]")
    return _PLAIN[tables]


def _fallback(char: str, tables: tuple[str, ...]) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if len(base) == 1 and louis.defined(tables, base):
        return base
    return UNKNOWN
