import pytest
from hypothesis import given
from hypothesis import strategies as st

from accessreader.braille.layout import BLANK, CONTINUATION, Layout, page_number_cells, paginate, wrap
from accessreader.braille.tables import Code
from accessreader.braille.translate import translate_document
from accessreader.errors import BadOption
from tests.braille_samples import corpus_document, long_document


def pages_of(document, layout=Layout()):
    return paginate(document, translate_document(document, Code()), layout)


@pytest.mark.parametrize("cells, lines", [(40, 25), (32, 20), (20, 8), (12, 5)])
def test_lines_and_pages_never_exceed_the_limits(cells, lines):
    pages = pages_of(long_document(60), Layout(cells, lines))
    assert len(pages.body) > 3
    for page in pages.all:
        assert len(page.lines) <= lines
        assert all(len(line.cells) <= cells for line in page.lines)


def test_page_number_sits_on_the_first_line_at_the_right_margin():
    pages = pages_of(long_document(60))
    for index, page in enumerate(pages.body, start=1):
        assert page.number == str(index)
        assert page.lines[0].cells == BLANK * (40 - len(page_number_cells(str(index)))) + page_number_cells(str(index))
    assert page_number_cells("12") == "⠼⠁⠃" and page_number_cells("p2") == "⠏⠼⠃"


def test_headings_paragraphs_and_print_pages_are_placed_by_the_rules():
    document = corpus_document()
    braille = translate_document(document, Code())
    pages = paginate(document, braille, Layout())
    lines = {}
    for page in pages.body:
        for line in page.lines:
            lines.setdefault(line.block, []).append(line)
    heading = lines["c0b0"][0]  # level 1: centred
    left = heading.column
    right = 40 - len(heading.cells)
    assert abs(left - right) <= 1 and left > 0
    assert lines["c3b1"][0].cells.startswith(BLANK * 4) and lines["c3b1"][0].cells[4] != BLANK  # level 2 at cell 5
    paragraph = lines["c0b2"]
    assert paragraph[0].cells.startswith(BLANK * 2) and paragraph[0].cells[2] != BLANK
    assert paragraph[1].cells[0] != BLANK
    marker = lines["c0b1"][0].cells
    assert marker.startswith("⠤⠤⠤") and marker.endswith("⠼⠁") and len(marker) == 40


def test_long_word_is_cut_with_a_continuation_mark():
    cells = "⠁" * 30 + BLANK + "⠃⠃"
    pieces = wrap(cells, 12, 2, 0)
    assert pieces[0] == (2, 0, 9, True)
    assert all(column + (end - start) + cut <= 12 for column, start, end, cut in pieces)
    rebuilt = "".join(cells[start:end] for _, start, end, _ in pieces)
    assert rebuilt.replace(BLANK, "") == cells.replace(BLANK, "")
    assert CONTINUATION == "⠤"


def test_lines_take_as_many_whole_words_as_fit():
    assert wrap("⠁⠁⠀⠃⠃⠃⠀⠀⠃⠀", 8, 2, 0) == [(2, 0, 6, False), (0, 8, 9, False)]


@given(st.text(alphabet="⠀⠁⠃", max_size=80), st.integers(12, 40))
def test_lines_break_between_words_and_the_next_word_would_not_fit(cells, width):
    pieces = wrap(cells, width, 2, 0)
    for (column, start, end, cut), following in zip(pieces, pieces[1:] + [None]):
        assert column + end - start + cut <= width and cells[start] != BLANK
        if cut or following is None:
            continue
        assert end == len(cells) or cells[end] == BLANK
        next_end = cells.find(BLANK, following[1])
        assert column + (len(cells) if next_end < 0 else next_end) - start > width
    words = "".join(cells[start:end] + (BLANK if not cut else "") for _, start, end, cut in pieces).split(BLANK)
    assert [w for w in words if w] == [w for w in cells.split(BLANK) if w] or any(cut for *_, cut in pieces)


def test_title_and_contents_pages_come_first_with_braille_page_numbers():
    document = long_document(60)
    braille = translate_document(document, Code())
    pages = paginate(document, braille, Layout())
    title_page, contents = pages.front[0], pages.front[1]
    assert title_page.number == "p1"
    assert any(line.cells.strip(BLANK) for line in title_page.lines)
    assert contents.number == "p2" and contents.lines[0].cells.endswith("⠏⠼⠃")
    entries = [line for page in pages.front[1:] for line in page.lines if line.block]
    assert len(entries) == len(document.toc)
    for entry in entries:
        page_index, _, _ = pages.find(entry.block)
        number = page_number_cells(pages.all[page_index].number)
        assert entry.cells.endswith(BLANK + number) and "⠐" in entry.cells


def test_each_chapter_starts_a_page_and_headings_never_end_a_page():
    document = long_document(90)
    pages = pages_of(document, Layout(30, 12))
    chapter_heads = [b.id for _, b in document.blocks() if b.kind == "heading" and b.level == 1]
    for page in pages.body:
        text_lines = [line for line in page.lines[1:] if line.block]
        if any(line.block in chapter_heads for line in text_lines):
            assert text_lines[0].block in chapter_heads
        headings = {b.id for _, b in document.blocks() if b.kind == "heading"}
        assert page.lines[-1].block not in headings


def test_too_small_pages_are_refused():
    with pytest.raises(BadOption):
        Layout(8, 25)
    with pytest.raises(BadOption):
        Layout(40, 2)
