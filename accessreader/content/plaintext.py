"""Plain-text structure: the decoded text of a TXT book into blocks, before any Document exists.

    text ──form feeds──▶ pages ──blank lines──▶ chunks of lines
         ──▶ title block · setext ("===", "---") and "Глава 1" headings · lists · tables
             · poems · "* * *" + "[1] …" notes · paragraphs ──▶ Structure (plain Pieces)

``content/txt.py`` decodes the bytes, calls :func:`structure` and hands the
pieces to ``DocumentBuilder``.  The conventions are the ones plain-text books in
Kazakh, Russian and English use:

* a line underlined by ``===`` is a level-1 heading starting a chapter, by
  ``---`` a level-2 heading; a dashed rule with gaps (``------  ----``) is a
  table's rule, not an underline; "Глава 1", "1-тарау", "Chapter I"… are
  chapter headings wherever they stand;
* the first short lines are the title, then a subtitle or author line;
* lines starting with "•", "*", "–", "-", "1.", "1)", "а)" are list items, their
  level given by the indent;
* columns aligned under a dashed rule are a table, the row above the rule its header;
* runs of short lines indented by four spaces are poem stanzas;
* ``[1]`` marks refer to the ``[1] …`` notes after a ``* * *`` separator.

Files with no blank lines keep the older rules of :func:`paragraphs_of`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..model import (
    HEADING,
    LIST_ITEM,
    NOTE,
    PAGE_MARKER,
    PARAGRAPH,
    STANZA,
    TABLE,
    Cell,
)

_NUMBER = r"(?:\d{1,3}|(?-i:[IVXLCDM]{1,7}))"
_RU_ORDINAL = (
    r"(?:(?:двадцать|тридцать|сорок)\s+)?(?:первая|вторая|третья|четв[её]ртая|пятая|шестая|седьмая|восьмая"
    r"|девятая|десятая|одиннадцатая|двенадцатая|тринадцатая|четырнадцатая|пятнадцатая|шестнадцатая"
    r"|семнадцатая|восемнадцатая|девятнадцатая|двадцатая|тридцатая|сороковая)"
)
_KK_ORDINAL = (
    r"(?:(?:он|жиырма|отыз|қырық)\s+)?(?:бірінші|екінші|үшінші|төртінші|бесінші|алтыншы|жетінші|сегізінші"
    r"|тоғызыншы|оныншы|жиырмасыншы|отызыншы|қырқыншы)"
)
_EN_NUMBER = (
    r"(?:(?:twenty|thirty|forty)-?)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty)"
)
_REST = r"(?:\s*[.:—–-]?\s*(?:[.:—–-]\s*.+)?)$"
_PART = re.compile(
    rf"^(?:(?:часть|книга|том)\s+(?:{_NUMBER}|{_RU_ORDINAL})"
    rf"|(?:part|book)\s+(?:{_NUMBER}|{_EN_NUMBER})"
    rf"|(?:{_NUMBER}\s*-?\s*(?:ші|шы|інші|ыншы)?|{_KK_ORDINAL}\s)\s*(?:бөлім|бөлік|кітап))\b{_REST}",
    re.IGNORECASE,
)
_CHAPTER = re.compile(
    rf"^(?:глава\s+(?:{_NUMBER}|{_RU_ORDINAL})"
    rf"|chapter\s+(?:{_NUMBER}|{_EN_NUMBER})"
    rf"|(?:{_NUMBER}\s*-?\s*(?:ші|шы|інші|ыншы)?|{_KK_ORDINAL})\s*тарау|тарау\s+{_NUMBER}"
    r"|пролог|эпилог|предисловие|послесловие|введение|заключение|prologue|epilogue|preface|foreword"
    rf"|afterword|introduction|кіріспе|алғысөз|соңғы\s+сөз)\b{_REST}",
    re.IGNORECASE,
)
_SENTENCE_END = tuple(".,;:!?…")
_INDENTS = (" ", "\t", "\u3000")

_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")
_TABLE_RULE = re.compile(r"^\s*-{2,}(?:\s+-{2,})+\s*$")
_SEPARATOR = re.compile(r"^\s*\*(?:\s*\*){2}\s*$")
_NOTE = re.compile(r"^\s*\[(\d{1,3})\]\s*(\S.*)$")
_NOTE_MARK = re.compile(r"\[(\d{1,3})\]")
_ITEM = re.compile(r"^(?P<indent> *)(?P<label>[•◦▪‣*–-]|\d{1,3}[.)]|[a-zа-яёәғқңөұүһі]\))\s+(?P<text>\S.*)$")
_DASHES = ("–", "-")
_CELL = re.compile(r"\S+(?: \S+)*")  # a table cell: text up to a run of two or more spaces
_NAME_WORD = re.compile(r"^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w’'-]*\.?$")
_NAME_JOIN = re.compile(r",\s*|\s+(?:и|and|және)\s+")

_POEM_INDENT = 4
_POEM_LINE = 60  # characters: a longer indented line is prose, not verse
_TITLE_LINE = 100


@dataclass
class Piece:
    """One block to be: ``refs`` are note marks ``(start, end, anchor)`` in ``text``.

    ``chapter`` is set on a heading that starts a chapter; ``anchor`` on a note.
    """

    kind: str
    text: str = ""
    level: int = 0
    label: str = ""
    rows: list[list[Cell]] = field(default_factory=list)
    chapter: bool = False
    anchor: str = ""
    refs: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass
class Structure:
    """What the text says about itself: its title and author lines and its pieces in order."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)


def structure(text: str) -> Structure:
    """The pieces of ``text`` (line breaks already "\\n", pages split by form feeds)."""
    pages = text.split("\f")
    while len(pages) > 1 and not pages[-1].strip():
        pages.pop()
    blank_lines = re.search(r"\S[^\S\n]*\n[^\S\n]*\n\s*\S", text) is not None
    units: list[tuple[str, list[str]]] = []
    for number, page in enumerate(pages, start=1):
        if len(pages) > 1:
            units.append((PAGE_MARKER, [str(number)]))
        if blank_lines:
            for chunk in _chunks(page):
                units += _units(chunk)
        else:
            units += [(PARAGRAPH, [p]) for p in paragraphs_of(page, False)]
    return _Reader(units).read()


def heading_level(line: str, has_parts: bool) -> int:
    """1 for a part heading, 1 or 2 (under parts) for a chapter heading, 0 for anything else."""
    if len(line) > 80:
        return 0
    if _PART.match(line):
        return 1
    if _CHAPTER.match(line):
        return 2 if has_parts else 1
    return 0


def paragraphs_of(page: str, blank_lines: bool) -> list[str]:
    """The paragraphs of one page's text, each with its lines joined by a space.

    With ``blank_lines`` a blank line ends a paragraph; otherwise an indented
    line starts one when some lines are indented and others not, else every
    line is a paragraph.  A heading line is always a paragraph of its own.
    """
    lines = page.split("\n")
    non_blank = [line for line in lines if line.strip()]
    indented = sum(1 for line in non_blank if line[:1] in _INDENTS)
    by_indent = not blank_lines and 0 < indented < len(non_blank) and indented * 10 >= len(non_blank)
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        stripped = " ".join(line.split())
        if not stripped:
            if current:
                paragraphs.append(current)
            current = []
            continue
        starts = (
            not current
            or not (blank_lines or by_indent)
            or (by_indent and line[:1] in _INDENTS)
            or heading_level(stripped, False)
            or heading_level(" ".join(current), False)
        )
        if starts and current:
            paragraphs.append(current)
            current = []
        current.append(stripped)
    if current:
        paragraphs.append(current)
    return [" ".join(lines) for lines in paragraphs]


def _chunks(page: str) -> list[list[str]]:
    """Runs of non-blank lines, tabs expanded, trailing spaces cut."""
    chunks: list[list[str]] = [[]]
    for line in page.split("\n"):
        line = line.expandtabs(4).rstrip()
        if line.strip():
            chunks[-1].append(line)
        elif chunks[-1]:
            chunks.append([])
    return [chunk for chunk in chunks if chunk]


def _units(chunk: list[str]) -> list[tuple[str, list[str]]]:
    """A chunk cut at underlined headings and tables: ("h1"|"h2"|TABLE|"text", lines) units."""
    units: list[tuple[str, list[str]]] = []
    start = 0
    for index in range(1, len(chunk)):
        if index <= start:
            continue
        line, above = chunk[index], chunk[index - 1]
        if _TABLE_RULE.match(line):
            if index - 1 > start:
                units.append(("text", chunk[start : index - 1]))
            units.append((TABLE, chunk[index - 1 :]))
            return units
        underline = _UNDERLINE.match(line)
        if underline and _is_underlined(above, line.strip()):
            if index - 1 > start:
                units.append(("text", chunk[start : index - 1]))
            units.append(("h1" if underline.group(1)[0] == "=" else "h2", [above.strip()]))
            start = index + 1
    if start < len(chunk):
        units.append(("text", chunk[start:]))
    return units


def _is_underlined(line: str, underline: str) -> bool:
    text = line.strip()
    return (
        len(underline) >= 3
        and len(underline) * 2 >= len(text)
        and len(text) <= _TITLE_LINE
        and any(c.isalnum() for c in text)
        and not _UNDERLINE.match(line)
    )


class _Reader:
    """Turns units into pieces: one pass in order, then note marks linked to their notes."""

    def __init__(self, units: list[tuple[str, list[str]]]) -> None:
        self.units = units
        self.has_parts = any(
            kind != PAGE_MARKER and any(len(line) <= 80 and _PART.match(line.strip()) for line in lines)
            for kind, lines in units
        )
        self.out = Structure()
        self.notes: dict[int, int] = {}  # piece index of a note → its notes section
        self.section = 0
        self.in_notes = False

    def read(self) -> Structure:
        texts = [index for index, (kind, _) in enumerate(self.units) if kind != PAGE_MARKER]
        for index, (kind, lines) in enumerate(self.units):
            first = len(texts) > 1 and index == texts[0] and kind in ("text", PARAGRAPH)
            if not (first and self._title(lines)):
                self._unit(index, kind, lines)
        self._link_notes()
        return self.out

    def add(self, piece: Piece) -> None:
        self.out.pieces.append(piece)

    def _title(self, lines: list[str]) -> bool:
        """The first lines as the title block, when they look like one."""
        lines = [" ".join(line.split()) for line in lines]
        if len(lines) > 3 or any(len(line) > _TITLE_LINE or line.endswith(_SENTENCE_END) for line in lines):
            return False
        if heading_level(lines[0], False):
            return False
        self.out.title = lines[0]
        self.add(Piece(HEADING, lines[0], level=1, chapter=True))
        for line in lines[1:]:
            if not self.out.authors and _looks_like_names(line):
                self.out.authors = [name for name in _NAME_JOIN.split(line) if name]
            self.add(Piece(PARAGRAPH, line))
        return True

    def _unit(self, index: int, kind: str, lines: list[str]) -> None:
        if kind == PAGE_MARKER:
            self.add(Piece(PAGE_MARKER, lines[0]))
            return
        if kind in ("h1", "h2"):
            self.in_notes = False
            text = lines[0]
            level = 1 if kind == "h1" else 2
            self.add(Piece(HEADING, text, level=level, chapter=level == 1 or bool(heading_level(text, False))))
            return
        if kind == TABLE:
            self.in_notes = False
            self.add(Piece(TABLE, rows=_table(lines)))
            return
        if kind == PARAGRAPH:
            self._paragraphs(lines)
            return
        if _SEPARATOR.match(lines[0]) and len(lines) == 1 and self._notes_follow(index):
            self.in_notes = True
            self.section += 1
            return
        if self.in_notes and _NOTE.match(lines[0]):
            self._notes(lines)
            return
        self.in_notes = False
        previous = self.out.pieces[-1].text if self.out.pieces else ""
        items = [] if _SEPARATOR.match(lines[0]) else _list_items(lines, previous.endswith(":"))
        if items:
            self.out.pieces += items
        elif _is_stanza(lines):
            self.add(Piece(STANZA, "\n".join(line.strip() for line in lines)))
        else:
            self._paragraphs(["\n".join(lines)])

    def _notes(self, lines: list[str]) -> None:
        """Notes of the current section: each starts at a "[n]" line, the lines after it continue it."""
        notes: list[tuple[str, list[str]]] = []  # the caller saw the first line start with "[n]"
        for line in lines:
            match = _NOTE.match(line)
            if match:
                notes.append((match.group(1), [match.group(2)]))
            else:
                notes[-1][1].append(line.strip())
        for number, texts in notes:
            self.notes[len(self.out.pieces)] = self.section
            self.add(Piece(NOTE, " ".join(texts), label=number, anchor=f"{self.section}.{number}"))

    def _notes_follow(self, index: int) -> bool:
        following = next((lines for kind, lines in self.units[index + 1 :] if kind != PAGE_MARKER), None)
        return following is not None and _NOTE.match(following[0]) is not None

    def _paragraphs(self, lines: list[str]) -> None:
        for paragraph in paragraphs_of("\n".join(lines), True):
            level = heading_level(paragraph, self.has_parts)
            if level:
                self.add(Piece(HEADING, paragraph, level=level, chapter=True))
            else:
                self.add(Piece(PARAGRAPH, paragraph))

    def _link_notes(self) -> None:
        """Each "[n]" mark refers to note n of the first notes section after it, if there is one."""
        anchors: dict[int, dict[str, str]] = {}
        first: dict[int, int] = {}  # notes section → index of its first note
        for index, section in self.notes.items():
            anchors.setdefault(section, {})[self.out.pieces[index].label] = self.out.pieces[index].anchor
            first.setdefault(section, index)
        sections, starts = list(first), list(first.values())  # in reading order
        for index, piece in enumerate(self.out.pieces):
            if index in self.notes or piece.kind in (PAGE_MARKER, TABLE):
                continue
            for mark in _NOTE_MARK.finditer(piece.text):
                number = mark.group(1)
                later = sections[bisect.bisect_right(starts, index) :]
                anchor = next((anchors[s][number] for s in later if number in anchors[s]), "")
                if anchor:
                    piece.refs.append((mark.start(), mark.end(), anchor))


def _list_items(lines: list[str], after_colon: bool) -> list[Piece]:
    """The chunk as list items, or nothing when it is not a list.

    Dash items ("–", "-") are also how dialogue is written, so they make a list
    only when there are two or more, indented or after a line ending with ":".
    """
    items: list[tuple[int, str, list[str]]] = []
    for line in lines:
        match = _ITEM.match(line)
        if match:
            items.append((len(match.group("indent")), match.group("label"), [match.group("text")]))
        elif items:
            items[-1][2].append(line.strip())
        else:
            return []
    dialogue_like = len(items) < 2 or not (after_colon or min(indent for indent, _, _ in items) > 0)
    if dialogue_like and all(label in _DASHES for _, label, _ in items):
        return []
    indents = sorted({indent for indent, _, _ in items})
    return [
        Piece(LIST_ITEM, " ".join(" ".join(text).split()), level=indents.index(indent) + 1, label=label)
        for indent, label, text in items
    ]


def _is_stanza(lines: list[str]) -> bool:
    """Two or more short lines, all indented at least four spaces."""
    return len(lines) >= 2 and all(
        len(line) - len(line.lstrip()) >= _POEM_INDENT and len(line.strip()) <= _POEM_LINE for line in lines
    )


def _table(lines: list[str]) -> list[list[Cell]]:
    """A header line, a dashed rule with gaps, rows: cells go to the rule column they start in or before."""
    rule = lines[1]
    ends = [match.end() for match in re.finditer(r"-+", rule)]
    rows = []
    for number, line in enumerate(lines):
        if number and _TABLE_RULE.match(line):
            continue
        cells: list[list[str]] = [[] for _ in ends]
        for match in _CELL.finditer(line):
            column = min(sum(1 for end in ends if end <= match.start()), len(ends) - 1)
            cells[column].append(match.group())
        rows.append([Cell(" ".join(texts), header=number == 0) for texts in cells])
    return rows


def _looks_like_names(line: str) -> bool:
    """ "Мұхтар Әуезов", "Л. Н. Толстой", "Ilf and Petrov": capitalised words, a few per name."""
    names = [name for name in _NAME_JOIN.split(line) if name]
    return bool(names) and all(
        1 <= len(name.split()) <= 4 and all(_NAME_WORD.match(word) for word in name.split()) for name in names
    )
