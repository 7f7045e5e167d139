import pytest

from accessreader.braille import louis
from accessreader.errors import MissingDependency

KK = ("ru-unicode.dis", "kk.utb")
RU = ("ru-unicode.dis", "ru-litbrl.ctb")
EN2 = ("unicode.dis", "en-ueb-g2.ctb")


def test_kazakh_letters_come_out_as_cells_with_positions():
    result = louis.translate(KK, "Қазақ тілі")
    assert result.cells == "⠹⠁⠵⠁⠹⠀⠞⠽⠇⠽"
    assert result.to_print == list(range(10))
    assert result.to_cells == list(range(10))


def test_contraction_maps_several_characters_to_one_cell():
    result = louis.translate(EN2, "the child")
    assert result.cells == "⠮⠀⠡"
    assert result.to_print == [0, 3, 4]
    assert result.to_cells[4:] == [2, 2, 2, 2, 2]


def test_undefined_characters_give_no_cells_and_are_known_as_undefined():
    assert louis.translate(RU, "中").cells == ""
    assert not louis.defined(RU, "中")
    assert louis.defined(RU, "ё") and louis.defined(KK, "ә") and louis.defined(RU, " ")
    assert not louis.defined(EN2, "ж")


@pytest.mark.parametrize(
    "tables, text",
    [
        (RU, "ёлка, привет мир 123."),
        (EN2, "The children were going home, 123."),
        (("unicode.dis", "en-ueb-g1.ctb"), "Bring the book."),
    ],
)
def test_back_translation_round_trips_russian_and_english(tables, text):
    cells = louis.translate(tables, text).cells
    assert louis.back_translate(tables, cells) == text


def test_missing_table_is_named_with_the_package_to_install():
    with pytest.raises(MissingDependency) as caught:
        louis.check(("unicode.dis", "no-such-table.ctb"))
    message = caught.value.message("en")
    assert "no-such-table.ctb" in message and "liblouis-data" in message


def test_threads_translating_at_once_each_get_their_own_cells():
    """The web server and the terminal reader translate from several threads; liblouis shares buffers."""
    from concurrent.futures import ThreadPoolExecutor

    texts = [
        (KK, "Соңғы абзац. Қарашаның суық күні."),
        (RU, "Русский абзац о дороге домой, 1 372 423 экземпляра."),
        (EN2, "The children read their books together in the library."),
    ]
    alone = {text: louis.translate(tables, text).cells for tables, text in texts}

    def many(pair):
        tables, text = pair
        return [(text, louis.translate(tables, text).cells) for _ in range(300)]

    with ThreadPoolExecutor(len(texts)) as pool:
        results = [item for batch in pool.map(many, texts) for item in batch]
    wrong = [(text, cells) for text, cells in results if cells != alone[text]]
    assert not wrong, f"{len(wrong)} of {len(results)} translations garbled, e.g. {wrong[0]}"


def test_a_heading_that_comes_again_is_answered_without_calling_liblouis_and_per_table():
    heading = "Тарау 17. Кітапхана туралы"
    before = louis.counts()
    first = louis.translate(KK, heading)
    again = louis.translate(KK, heading)
    russian = louis.translate(RU, heading)  # another table: its own translation
    after = louis.counts()
    assert again.cells == first.cells and again.to_print == first.to_print
    assert russian.cells != first.cells
    assert after["translate"] - before["translate"] == 2 and after["cached"] - before["cached"] == 1
    long = "Қазақ тілі " * 40  # over CACHED_LENGTH: translated each time, never kept
    louis.translate(KK, long)
    louis.translate(KK, long)
    assert louis.counts()["translate"] - after["translate"] == 2


def test_cells_without_positions_are_the_cells_with_them():
    tables = ("ru-unicode.dis", "kk.utb")
    for text in ("Қазақ әліпбиі: ғ, қ, ң.", "Абай (1845–1904) кітапханада " * 20):
        assert louis.cells(tables, text) == louis.translate(tables, text).cells
        assert louis.cells(tables, text) == louis.translate(tables, text).cells  # from a cache, the same
