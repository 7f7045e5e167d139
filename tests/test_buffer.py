"""The window over a book's braille: wrapping at words, panning, moves, routing, going to a locator."""

from __future__ import annotations

import pytest

from accessreader.braille.tables import Code
from accessreader.braille.translate import translate_document
from accessreader.model import Locator
from accessreader.terminal.buffer import BrailleBook, View
from tests.terminal_book import book, braille

PARAGRAPH = "Қарашаның суық күні. Абай үйге қайтып келе жатыр еді, жол ұзақ болды."


@pytest.fixture(scope="module")
def braille_book() -> BrailleBook:
    document = book()
    return BrailleBook(document, translate_document(document, Code()))


def shown(view: View) -> str:
    return view.cells().rstrip("\u2800")


def test_windows_cut_at_words_and_panning_reads_the_whole_paragraph(braille_book):
    view = View(braille_book, 20)
    assert shown(view) == braille("Бірінші тарау")
    view.pan_right()
    assert shown(view) == braille("5")
    windows = []
    while view.pan_right() and view.block() == 2:
        windows.append(shown(view))
        assert len(windows[-1]) <= 20
    assert len(windows) > 2
    assert "\u2800".join(windows) == braille(PARAGRAPH)
    assert shown(view) == braille("Ол ауылға жақындады.")
    back = []
    while view.pan_left() and view.block() == 2:
        back.append(shown(view))
    assert back == windows[::-1]


def test_line_moves_skip_the_rest_of_a_long_line(braille_book):
    view = View(braille_book, 20)
    view.line_down()
    view.line_down()
    assert view.locator() == Locator(0, "c0b2", 0, 0)
    view.pan_right()
    view.line_up()  # back to this line's start first
    assert view.locator() == Locator(0, "c0b2", 0, 0)
    view.line_down()
    assert shown(view) == braille("Ол ауылға жақындады.")
    assert view.bottom() and shown(view) == braille("Соңғы абзац.")
    assert not view.line_down()
    assert view.top() and view.row == 0


def test_heading_chapter_page_and_paragraph_moves(braille_book):
    view = View(braille_book, 40)
    assert view.heading(1) and shown(view) == braille("Екінші бөлім")
    assert view.heading(1) and shown(view) == braille("Екінші тарау")
    assert not view.heading(1)
    assert view.heading(-1) and shown(view) == braille("Екінші бөлім")
    view.top()
    assert view.chapter(1) and view.locator().block == "c1b0"
    assert not view.chapter(1)
    view.bottom()
    assert view.chapter(-1) and view.locator().block == "c1b0"
    assert view.chapter(-1) and view.locator().block == "c0b0"
    assert view.page(1) and shown(view) == braille("5")
    assert view.page(1) and shown(view) == braille("6")
    assert view.paragraph(1) and shown(view) == braille("Русский абзац о дороге домой.", "ru")
    assert view.paragraph(-1) and view.locator().block == "c0b4"  # the page number is not a paragraph


def test_routing_keys_give_the_print_offset_under_them(braille_book):
    view = View(braille_book, 40)
    view.go(Locator(0, "c0b2", 0, 0))
    cell = len(braille("Қарашаның суық күні.")) + 1
    where = view.route(cell)
    assert where == Locator(0, "c0b2", 1, PARAGRAPH.index("Абай"))
    assert view.route(39) is None or view.route(39).offset > where.offset
    assert view.route(-1) is None


def test_going_to_a_locator_shows_the_window_holding_it(braille_book):
    view = View(braille_book, 20)
    offset = PARAGRAPH.index("болды")
    assert view.go(Locator(0, "c0b2", 1, offset))
    assert shown(view).endswith(braille("болды."))
    assert view.locator().block == "c0b2" and view.locator().offset <= offset
    assert not view.go(Locator(0, "c9b9", 0, 0))
