"""The window a braille display shows over a book, NVDA-like: lines, panning, moves, routing.

    Document + Braille ──BrailleBook──▶ rows (one per print line of each block)
    View(book, width): window = width cells of one row, cut at a word boundary
        pan ◀▶ within the row · line ▲▼ · paragraph · heading · chapter · page · top/bottom
        routing key i ──▶ (block, print offset) ──▶ Locator

A row is one block, or one line of a stanza or table (the braille's "\\n").
A list item or note starts with its label.  Panning moves to the next window
of the row, then on to the next row; every move lands on a row start except
panning.  Nothing here talks to a display: cells in, cells out.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass

from ..braille.translate import BLANK, Braille, BrailleBlock
from ..model import HEADING, LIST_ITEM, NOTE, PAGE_MARKER, Block, Document, Locator


@dataclass
class Row:
    """Cells of one print line: ``cells[i]`` came from print offset ``offsets[i]`` of block ``block``."""

    block: int
    cells: str
    offsets: array  # array("I"), as in BrailleBlock


class BrailleBook:
    """A Document and its braille cut into rows, with the indexes the moves need."""

    def __init__(self, document: Document, braille: Braille) -> None:
        self.document = document
        self.blocks: list[Block] = [block for _, block in document.blocks()]
        self.chapter_of: list[int] = [chapter for chapter, _ in document.blocks()]
        self.rows: list[Row] = []
        self.first_row: list[int] = []
        for index, (block, cells) in enumerate(zip(self.blocks, braille.blocks)):
            self.first_row.append(len(self.rows))
            self.rows.extend(_rows(index, block, cells))
        self.block_index = {block.id: index for index, block in enumerate(self.blocks)}
        #: chapter index → its first row (chapters without blocks are left out)
        self.chapter_rows: dict[int, int] = {}
        for index, chapter in enumerate(self.chapter_of):
            self.chapter_rows.setdefault(chapter, self.first_row[index])

    def row_at(self, block: int, offset: int) -> tuple[int, int]:
        """The row and cell showing print ``offset`` of block ``block``."""
        row = self.first_row[block]
        end = self.first_row[block + 1] if block + 1 < len(self.first_row) else len(self.rows)
        for candidate in range(row, end):
            offsets = self.rows[candidate].offsets
            if offsets and offsets[-1] >= offset:
                return candidate, max(bisect_right(offsets, offset) - 1, 0)
        return max(end - 1, row), 0

    def locator(self, block: int, offset: int) -> Locator:
        """The locator of print ``offset`` in block number ``block``."""
        item = self.blocks[block]
        offset = min(max(offset, 0), len(item.text))
        return Locator(self.chapter_of[block], item.id, item.sentence_at(offset), offset)

    def page_at(self, block: int) -> str:
        """The print page number of the last page marker at or before ``block`` ("" before any)."""
        for index in range(block, -1, -1):
            if self.blocks[index].kind == PAGE_MARKER:
                return self.blocks[index].text.strip()
        return ""


def _rows(index: int, block: Block, braille: BrailleBlock) -> list[Row]:
    rows: list[Row] = []
    start = 0
    cells = braille.cells
    while True:
        end = cells.find("\n", start)
        end = len(cells) if end < 0 else end
        rows.append(Row(index, cells[start:end], braille.to_print[start:end]))
        if end == len(cells):
            break
        start = end + 1
    if braille.label and block.kind in (LIST_ITEM, NOTE):
        first = rows[0]
        prefix = braille.label + BLANK
        rows[0] = Row(index, prefix + first.cells, array("I", [0] * len(prefix)) + first.offsets)
    return rows


class View:
    """The reading position: a row and the first cell of the window in it, ``width`` cells wide."""

    def __init__(self, book: BrailleBook, width: int, row: int = 0, start: int = 0) -> None:
        self.book = book
        self.width = max(width, 1)
        self.row = row
        self.start = start

    # what is shown -----------------------------------------------------------
    def window_end(self) -> int:
        """The cell after the window: ``width`` on, moved back to the last blank inside when a word would be cut."""
        cells = self.book.rows[self.row].cells
        end = self.start + self.width
        if end >= len(cells):
            return len(cells)
        if cells[end] != BLANK:
            cut = cells.rfind(BLANK, self.start + 1, end)
            if cut > self.start:
                return cut + 1
        return end

    def cells(self) -> str:
        """The window's cells, padded with blanks to the display width."""
        text = self.book.rows[self.row].cells[self.start : self.window_end()]
        return text + BLANK * (self.width - len(text))

    def block(self) -> int:
        return self.book.rows[self.row].block

    def locator(self) -> Locator:
        """Where the window starts, as a locator."""
        row = self.book.rows[self.row]
        offset = row.offsets[self.start] if self.start < len(row.offsets) else (row.offsets[-1] if row.offsets else 0)
        return self.book.locator(row.block, offset)

    def route(self, cell: int) -> Locator | None:
        """The locator of routing key ``cell`` (0-based), ``None`` past the text."""
        row = self.book.rows[self.row]
        index = self.start + cell
        if cell < 0 or index >= self.window_end():
            return None
        return self.book.locator(row.block, row.offsets[index])

    def percent(self) -> int:
        return round(100 * self.row / max(len(self.book.rows) - 1, 1))

    # moves: each returns False when there is nowhere to go ---------------------
    def pan_right(self) -> bool:
        cells = self.book.rows[self.row].cells
        end = self.window_end()
        while end < len(cells) and cells[end] == BLANK:
            end += 1
        if end < len(cells):
            self.start = end
            return True
        return self._to_row(self.row + 1)

    def pan_left(self) -> bool:
        if self.start > 0:
            self.start = self._previous_window_start(self.row, self.start)
            return True
        if self.row == 0:
            return False
        self.row -= 1
        self.start = self._previous_window_start(self.row, len(self.book.rows[self.row].cells))
        return True

    def line_down(self) -> bool:
        return self._to_row(self.row + 1)

    def line_up(self) -> bool:
        return self._to_row(self.row - 1 if self.start == 0 else self.row)

    def top(self) -> bool:
        return self._to_row(0)

    def bottom(self) -> bool:
        return self._to_row(len(self.book.rows) - 1)

    def paragraph(self, step: int) -> bool:
        """To the start of the next (``step`` 1) or previous (-1) block that is not a page number."""
        return self._find_block(step, lambda block: block.kind != PAGE_MARKER)

    def heading(self, step: int) -> bool:
        return self._find_block(step, lambda block: block.kind == HEADING)

    def page(self, step: int) -> bool:
        return self._find_block(step, lambda block: block.kind == PAGE_MARKER)

    def chapter(self, step: int) -> bool:
        """To the start of the next chapter, or of this one (then the one before) going back."""
        chapter = self.book.chapter_of[self.block()]
        at_start = self.start == 0 and self.row == self.book.chapter_rows.get(chapter)
        target = chapter + 1 if step > 0 else (chapter - 1 if at_start else chapter)
        while 0 <= target < len(self.book.document.chapters) and target not in self.book.chapter_rows:
            target += 1 if step > 0 else -1
        return target in self.book.chapter_rows and self._to_row(self.book.chapter_rows[target])

    def go(self, locator: Locator) -> bool:
        """To the window holding ``locator``; False when the book has no such block."""
        block = self.book.block_index.get(locator.block)
        if block is None:
            return False
        row, cell = self.book.row_at(block, locator.offset)
        self.row, self.start = row, 0
        while self.window_end() <= cell:
            start = self.start
            if not self.pan_right() or self.row != row:
                self.row, self.start = row, start
                break
        return True

    # helpers -----------------------------------------------------------------
    def _to_row(self, row: int) -> bool:
        if not 0 <= row < len(self.book.rows):
            return False
        self.row, self.start = row, 0
        return True

    def _previous_window_start(self, row: int, before: int) -> int:
        """The start of the window that ends at ``before`` when panning from the row's start."""
        saved = self.row, self.start
        self.row, self.start = row, 0
        start = 0
        while self.pan_right() and self.row == row and self.start < before:
            start = self.start
        self.row, self.start = saved
        return start

    def _find_block(self, step: int, wanted) -> bool:
        block = self.block()
        if step < 0 and (self.start or self.row != self.book.first_row[block]) and wanted(self.book.blocks[block]):
            return self._to_row(self.book.first_row[block])
        index = block + step
        while 0 <= index < len(self.book.blocks):
            if wanted(self.book.blocks[index]):
                return self._to_row(self.book.first_row[index])
            index += step
        return False
