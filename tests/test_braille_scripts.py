"""Braille of mixed scripts and numbers, with liblouis's own tables: Latin names in Cyrillic
braille, Cyrillic in UEB, numbers with group spaces, Kazakh brackets."""

import pytest

from accessreader.braille import louis
from accessreader.braille.layout import wrap
from accessreader.braille.tables import Code
from accessreader.braille.translate import translate_block
from accessreader.model import Block, Span

CODE = Code()
RU = ("ru-unicode.dis", "ru-litbrl.ctb")
KK = ("ru-unicode.dis", "kk.utb")


def braille(text, lang, spans=()):
    return translate_block(Block("b", "paragraph", text, lang, spans=list(spans)), CODE, lang)


def only_braille(cells):
    return all("\u2800" <= c <= "\u283f" or c == "\n" for c in cells)


def span(text, part, lang):
    start = text.index(part)
    return Span("lang", start, start + len(part), lang)


@pytest.mark.parametrize(
    "lang,text,names",
    [
        ("ru", "Видеоролики размещены на канале YouTube, проект Creative.", ["YouTube", "Creative"]),
        ("kk", "Іс-шараға FEST және ALQA клубтары қатысты.", ["FEST", "ALQA"]),
    ],
)
def test_latin_names_in_cyrillic_braille_are_uncontracted_with_the_latin_letter_sign(lang, text, names):
    result = braille(text, lang, [span(text, name, "en") for name in names])
    table = RU if lang == "ru" else KK
    for name in names:
        # dots 4-6 (⠨) before a capital Latin letter, the Russian literary rule ru-litbrl.ctb carries
        word = louis.translate(table, name).cells
        assert word.startswith("\u2828") and word in result.cells
    assert "\u2833" not in result.cells  # contracted English "ou" (⠳), which is Ю in Cyrillic braille
    assert {(run.lang, run.table) for run in result.runs if run.lang == "en"} == {("en", table[-1])}
    assert only_braille(result.cells) and not result.problems


def test_cyrillic_in_english_braille_is_enclosed_in_non_ueb_passage_indicators():
    text = "The “Оқу залы” reading room and the Русский клуб are open."
    result = braille(text, "en", [span(text, "Оқу залы", "kk"), span(text, "Русский клуб", "ru")])
    kazakh = louis.translate(KK, "Оқу залы").cells
    russian = louis.translate(RU, "Русский клуб").cells
    assert "\u2810\u2837\u2805\u2805\u2804" + kazakh + "\u2820\u2810\u283e" in result.cells  # ⠐⠷kk⠄ … ⠠⠐⠾
    assert "\u2810\u2837\u2817\u2825\u2804" + russian + "\u2820\u2810\u283e" in result.cells  # ⠐⠷ru⠄ … ⠠⠐⠾
    assert len(result.to_print) == len(result.cells) and only_braille(result.cells)
    # every indicator cell points back into the span it encloses
    opening = result.cells.index("\u2810\u2837\u2805")
    assert text[result.print_offset(opening)] == "О"


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_a_number_with_group_spaces_is_one_number_a_line_never_breaks(lang):
    text = "Итого 1 372 423 экз." if lang == "ru" else "Барлығы 1 372 423 дана."
    result = braille(text, lang)
    number = "\u283c\u2801\u2809\u281b\u2803\u2819\u2803\u2809"  # ⠼1372423 under one number sign
    assert number in result.cells and result.cells.count("\u283c") == 1
    assert text[result.print_offset(result.cells.index(number) + 2)] == "3"
    for width in range(10, 30):
        lines = [result.cells[start:end] for _, start, end, _ in wrap(result.cells, width)]
        assert any(number in line for line in lines), width


def test_a_number_in_ueb_keeps_its_group_spaces_as_numeric_spaces():
    result = braille("The fund holds 1 372 423 books.", "en")
    assert "\u283c\u2801\u2810\u2809\u281b\u2803\u2810\u2819\u2803\u2809" in result.cells  # ⠼1⠐372⠐423
    assert result.cells.count("\u283c") == 1


def test_a_year_and_a_count_stay_two_numbers():
    result = braille("В 2021 году выдано 15 книг.", "ru")
    assert result.cells.count("\u283c") == 2


def test_kazakh_brackets_are_the_kk_table_cell_not_the_russian_ones():
    # kk.utb writes ⠶…⠶; Russian ⠣…⠜ would read as Ө…Ә in Kazakh braille
    result = braille("Кітапхана (орталық) ашық.", "kk")
    assert "\u2836" + louis.translate(KK, "орталық").cells + "\u2836" in result.cells
    assert "\u2823" not in result.cells and "\u281c" not in result.cells


@pytest.mark.parametrize(
    "text, inside",
    [
        ("Кездесу (2024 ж.) өтті.", "2024 ж."),
        ("Абай Құнанбайұлы (1845–1904) ақын болған.", "1845–1904"),
        ("Әдебиеттер тізімі (12 б.) әзірленді.", "12 б."),
        ("Жинақ (әндер мен өлеңдер) шықты.", "әндер мен өлеңдер"),
    ],
)
def test_a_kazakh_bracketed_phrase_is_between_the_documented_cells_with_no_oe_or_ae_from_a_bracket(text, inside):
    """Brackets are ⠶ … ⠶ even next to a number (kk.utb alone writes ⠣ … ⠜ there, the cells of Ө
    and Ә): every ⠣ or ⠜ left in the braille is one of the text's own Ө or Ә."""
    cells = braille(text, "kk").cells
    assert "\u2836" + louis.translate(KK, inside).cells + "\u2836" in cells
    letters = sum(text.lower().count(letter) for letter in "өә")
    assert cells.count("\u2823") + cells.count("\u281c") == letters
    assert louis.translate(KK, "(2024 ж.)").cells.startswith("\u2823")  # what the table alone writes


def test_kazakh_arithmetic_keeps_the_arithmetic_brackets_where_the_literary_cell_is_equals():
    cells = braille("Есеп: (2+3)=5.", "kk").cells
    assert "\u2823\u283c\u2803" in cells and "\u281c\u2836\u283c\u2811" in cells  # ⠣2 … 3⠜=5
