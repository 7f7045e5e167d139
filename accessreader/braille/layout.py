"""Pagination: translated blocks → braille pages of a given width and length.

    Braille(blocks) ──paginate(document, braille, Layout(cells, lines))──▶ Pages(front, body)

liblouis does not paginate; this does, for BRF and PEF alike:

* the first line of every numbered page holds only its braille page number at
  the right margin (body pages ⠼⠁, ⠼⠃…; front pages ⠏⠼⠁, ⠏⠼⠃… as ``p1``, ``p2``);
* a title page (title and authors, centred) and a contents page (each heading
  with guide dots and the braille page it starts on) come first;
* level-1 headings are centred, other headings start at cell 5, with a blank
  line before; a heading is never the last line of a page;
* paragraphs start at cell 3 and run over to cell 1; list items hang by their
  depth; quotes are indented; stanza and table lines run over to cell 3;
* a print page marker becomes a line of dots 3-6 ending in the print page number;
* each chapter starts a new page;
* lines break at word boundaries; a word longer than a line is cut, the
  continuation mark ⠤ (dots 3-6) ending the first part.

No line is longer than ``cells`` and no page longer than ``lines``.  Each
``Line`` remembers which block cells it shows, so a page position maps back to
the print text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import BadOption
from ..messages import translate as message
from ..model import BLOCKQUOTE, HEADING, LIST_ITEM, NOTE, PAGE_MARKER, STANZA, TABLE, Document
from .tables import Code
from .translate import BLANK, Braille, BrailleBlock, translate_phrase

CONTINUATION = "\u2824"  # dots 3-6
GUIDE_DOT = "\u2810"  # dot 5
PRINT_PAGE_LINE = "\u2824"  # dots 3-6
NUMBER_SIGN = "\u283c"
FRONT_PREFIX = "\u280f"  # p
_DIGITS = dict(zip("1234567890", "\u2801\u2803\u2809\u2819\u2811\u280b\u281b\u2813\u280a\u281a"))

MIN_CELLS, MIN_LINES = 12, 5


@dataclass(frozen=True)
class Layout:
    """Page size in cells per line and lines per page (40 × 25 by default)."""

    cells: int = 40
    lines: int = 25

    def __post_init__(self) -> None:
        if self.cells < MIN_CELLS:
            raise BadOption(option="--cells", value=str(self.cells), choices=f">= {MIN_CELLS}")
        if self.lines < MIN_LINES:
            raise BadOption(option="--lines", value=str(self.lines), choices=f">= {MIN_LINES}")


@dataclass
class Line:
    """One line of a page: ``cells`` (no trailing blanks), and the block cells it shows.

    Block ``block``'s cells ``start:start + length`` sit on this line from
    column ``column`` (0-based); lines of no block (page numbers, the title
    page) have ``block == ""``.
    """

    cells: str
    block: str = ""
    start: int = 0
    column: int = 0
    length: int = 0


@dataclass
class Page:
    """One braille page: its number as printed ("3", "p2", "" on the title page) and lines."""

    number: str
    lines: list[Line] = field(default_factory=list)


@dataclass
class Pages:
    """The front matter (title page, contents) and the body, with the size they were made for."""

    layout: Layout
    front: list[Page]
    body: list[Page]

    @property
    def all(self) -> list[Page]:
        return self.front + self.body

    def find(self, block: str, cell: int = 0) -> tuple[int, int, int]:
        """(page index in ``all``, line index, column) where the body shows cell ``cell`` of ``block``.

        Contents lines also name their heading's block (so routing on one can
        jump to it) but are not where the block is; ``LookupError`` if no page has it.
        """
        for page_index, page in enumerate(self.body, start=len(self.front)):
            for line_index, line in enumerate(page.lines):
                if line.block == block and line.start <= cell < line.start + max(line.length, 1):
                    return page_index, line_index, line.column + cell - line.start
        raise LookupError(f"{block}:{cell} is on no page")


def page_number_cells(number: str) -> str:
    """Braille for a page number: ``"12"`` → ⠼⠁⠃, ``"p2"`` → ⠏⠼⠃."""
    prefix = FRONT_PREFIX if number.startswith("p") else ""
    return prefix + NUMBER_SIGN + "".join(_DIGITS[d] for d in number.lstrip("p"))


def wrap(cells: str, width: int, first: int = 0, runover: int = 0) -> list[tuple[int, int, int, bool]]:
    """Break ``cells`` into lines: ``(column, start, end, cut)`` each, ``cut`` when a continuation mark follows.

    The first line starts at column ``first``, the others at ``runover``; a
    line never passes ``width``.  Raises ``ValueError`` when fewer than two
    cells are left after an indent (no room for a cut word and its mark).
    """
    if width - max(first, runover) < 2:
        raise ValueError(f"no room to wrap in {width} cells from columns {first}/{runover}")
    out: list[tuple[int, int, int, bool]] = []
    position, size, column = 0, len(cells), first
    while position < size:
        while position < size and cells[position] == BLANK:
            position += 1
        if position >= size:
            break
        room = width - column
        if position + room >= size and cells[-1] != BLANK:
            end = size  # the rest fits
        else:  # the line ends at the last blank within reach; with none, the word is cut
            end = max(cells.rfind(BLANK, position, position + room + 1), position)
        if end == position:
            out.append((column, position, position + room - 1, True))
            position += room - 1
        else:
            out.append((column, position, end, False))
            position = end
        column = runover
    return out


def paginate(document: Document, braille: Braille, layout: Layout = Layout()) -> Pages:
    """The pages of ``document`` translated as ``braille`` (see the module notes)."""
    body: list[Page] = []
    paginator = Paginator(document, layout, body.append)
    for block in braille.blocks:
        paginator.add(block)
    paginator.finish()
    front = front_matter(document, braille.code, braille.lang, layout, paginator.starts, paginator.cells)
    return Pages(layout, front, body)


class Paginator:
    """The body's pages made as the translated blocks come, in reading order, each page handed to
    ``emit`` once it is full: a writer holds one page at a time, however long the book.

    ``starts`` (the page each heading or contents entry's block starts on) and ``cells`` (their
    braille) are kept for the front matter, which is made once every block has come.
    """

    def __init__(self, document: Document, layout: Layout, emit: Callable[[Page], None]) -> None:
        self.layout = layout
        self.body = _Pager(layout, "", emit=emit)
        self.chapter_of = {block.id: index for index, block in document.blocks()}
        self.chapter: int | None = None
        self.contents = {entry.block for entry in document.toc}
        self.starts: dict[str, str] = {}
        self.cells: dict[str, str] = {}

    def add(self, block: BrailleBlock) -> None:
        """Lay out the next block."""
        body = self.body
        chapter = self.chapter_of.get(block.id)
        if chapter != self.chapter:
            self.chapter = chapter
            body.new_page()
        lines = _block_lines(block, self.layout.cells)
        if block.kind == HEADING:
            body.blank_unless_top()
            body.keep(len(lines) + 1)
        number = body.number  # (starts a page when this one is full)
        if block.kind == HEADING or block.id in self.contents:  # a contents page may list it
            self.starts[block.id] = number
            self.cells[block.id] = block.cells.replace("\n", BLANK)
        body.extend(lines)
        if block.kind == HEADING and block.level == 1:
            body.blank_unless_top()

    def finish(self) -> None:
        """Hand over the last page."""
        self.body.finish()


class _Pager:
    """Fills pages line by line, numbering each ("1", "2"… or "p1", "p2"…); with ``emit``, each page
    goes there as soon as the next one starts (and the last at ``finish``) instead of being kept."""

    def __init__(self, layout: Layout, prefix: str, first: int = 1, emit: Callable[[Page], None] | None = None) -> None:
        self.layout = layout
        self.prefix = prefix
        self.next_number = first
        self.pages: list[Page] = []
        self.emit = emit

    @property
    def number(self) -> str:
        if not self.pages or len(self.pages[-1].lines) >= self.layout.lines:
            self.new_page()
        return self.pages[-1].number

    def new_page(self) -> None:
        if self.pages and len(self.pages[-1].lines) <= 1:
            return
        if self.emit and self.pages:  # only the last page can still change
            self.emit(self.pages.pop())
        number = f"{self.prefix}{self.next_number}"
        self.next_number += 1
        head = page_number_cells(number)
        self.pages.append(Page(number, [Line(BLANK * (self.layout.cells - len(head)) + head)]))

    def blank_unless_top(self) -> None:
        if self.pages and 1 < len(self.pages[-1].lines) < self.layout.lines:
            self.pages[-1].lines.append(Line(""))

    def keep(self, count: int) -> None:
        """Start a new page unless ``count`` more lines fit on this one."""
        if self.pages and len(self.pages[-1].lines) + count > self.layout.lines:
            self.new_page()

    def extend(self, lines: list[Line]) -> None:
        for line in lines:
            if not self.pages or len(self.pages[-1].lines) >= self.layout.lines:
                self.new_page()
            self.pages[-1].lines.append(line)

    def finish(self) -> list[Page]:
        pages = [page for page in self.pages if len(page.lines) > 1]
        if self.emit:
            for page in pages:
                self.emit(page)
            self.pages = pages = []
        return pages


def _indents(block: BrailleBlock) -> tuple[int, int]:
    if block.kind == HEADING:
        return 4, 4
    if block.kind == LIST_ITEM:
        depth = 2 * max(block.level - 1, 0)
        return depth, depth + 2
    if block.kind == BLOCKQUOTE:
        return 4, 2
    if block.kind in (STANZA, TABLE):
        return 0, 2
    return 2, 0


def _block_lines(block: BrailleBlock, width: int) -> list[Line]:
    if block.kind == PAGE_MARKER:
        number = block.cells.strip(BLANK)
        return [
            Line(PRINT_PAGE_LINE * (width - len(number)) + number, block.id, 0, width - len(number), len(block.cells))
        ]
    prefix = block.label + BLANK if block.label and block.kind in (LIST_ITEM, NOTE) else ""
    first, runover = _indents(block)
    lines: list[Line] = []
    start = 0
    for part in block.cells.split("\n"):
        text = prefix + part if start == 0 else part
        shift = start - (len(prefix) if start == 0 else 0)
        if block.kind == HEADING and block.level == 1:
            pieces = [((width - (e - s)) // 2, s, e, cut) for _, s, e, cut in wrap(text, width)]
        else:
            pieces = wrap(text, width, first, runover)
        for column, s, e, cut in pieces:
            content = text[s:e] + (CONTINUATION if cut else "")
            lines.append(Line(BLANK * column + content, block.id, s + shift, column, e - s))
        start += len(part) + 1
    return lines


def _centred(cells: str, width: int) -> list[Line]:
    return [
        Line(BLANK * ((width - (e - s)) // 2) + cells[s:e] + (CONTINUATION if cut else ""))
        for _, s, e, cut in wrap(cells, width)
    ]


def front_matter(
    document: Document, code: Code, lang: str, layout: Layout, starts: dict[str, str], cells_of: dict[str, str]
) -> list[Page]:
    """The title page and the contents: ``starts`` and ``cells_of`` give the body page and the braille
    of each contents entry's block (``Paginator``); ``lang`` is the book's main language."""
    width = layout.cells
    title = translate_phrase(document.metadata.title, lang, code)
    authors = translate_phrase(", ".join(document.metadata.authors), lang, code)
    title_page = Page("p1", [Line("")] * 2 + _centred(title, width))
    if authors:
        title_page.lines += [Line("")] + _centred(authors, width)
    title_page.lines = title_page.lines[: layout.lines]
    if not document.toc:
        return [title_page]
    pager = _Pager(layout, "p", first=2)
    pager.extend(_centred(translate_phrase(message("braille_contents", lang), lang, code), width) + [Line("")])
    for entry in document.toc:
        number = page_number_cells(starts.get(entry.block, "1"))
        text = cells_of.get(entry.block) or translate_phrase(entry.title, lang, code)
        room = width - len(number) - 3
        indent = min(2 * max(entry.level - 1, 0), max(room - 4, 0))
        pieces = wrap(text, room, indent, min(indent + 2, room - 2))
        lines = [
            Line(BLANK * c + text[s:e] + (CONTINUATION if cut else ""), entry.block, s, c, e - s)
            for c, s, e, cut in pieces
        ]
        if not lines:
            continue
        last = lines[-1]
        pad = width - len(last.cells) - len(number)
        last.cells += BLANK + GUIDE_DOT * (pad - 2) + BLANK + number
        pager.extend(lines)
    return [title_page] + pager.finish()
