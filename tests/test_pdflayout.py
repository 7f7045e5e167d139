"""Page geometry rules of the PDF reader on plain lines (no PDF needed)."""

from __future__ import annotations

from collections import Counter

from accessreader.content.pdflayout import (
    Line,
    fill_numbers,
    find_title,
    hyphen_join,
    list_mark,
    order,
    running_heads,
    strip_running,
    vocabulary,
)

BODY = "DejaVuSerif"


def line(text: str, x0: float, top: float, width: float = 200, size: float = 11, font: str = BODY) -> Line:
    return Line(x0, x0 + width, top, top - size, size, [(text, font)])


def test_hyphen_at_a_hyphenation_point_is_dropped():
    assert hyphen_join("арналған библио-", "теканың жаңа залы", Counter()) == "join"
    assert hyphen_join("the libra-", "ry is open", Counter()) == "join"
    assert hyphen_join("мягкий пере\u00ad", "нос", Counter({"пере-нос": 3})) == "join"


def test_hyphen_that_belongs_to_the_word_is_kept():
    assert hyphen_join("көрмесі Алматы-", "2025 жылы", Counter()) == "keep"
    assert hyphen_join("город Усть-", "Каменогорск", Counter()) == "keep"
    assert hyphen_join("кто-", "то пришёл", Counter()) == "keep"
    assert hyphen_join("прошёл мастер-", "класс", Counter({"мастер-класс": 1})) == "keep"
    assert hyphen_join("прошёл мастер-", "класс", Counter({"мастер": 2, "класс": 1})) == "keep"


def test_document_spelling_decides_between_join_and_keep():
    assert hyphen_join("прошёл мастер-", "класс", Counter({"мастеркласс": 2, "мастер-класс": 1})) == "join"
    assert hyphen_join("большой пере-", "ход", Counter({"пере": 1, "ход": 4})) == "join"


def test_dash_and_plain_line_ends_are_not_hyphenation():
    assert hyphen_join("сказал он —", "и ушёл", Counter()) == "space"
    assert hyphen_join("конец строки", "начало", Counter()) == "space"


def test_vocabulary_leaves_out_halves_of_split_words():
    words = vocabulary([line("большая библио-", 50, 700), line("тека открыта", 50, 686)])
    assert words["большая"] == 1 and words["открыта"] == 1
    assert not words["библио"] and not words["тека"]


def test_columns_are_read_one_after_the_other_around_a_full_width_title():
    lines = [
        line("Заголовок во всю ширину страницы над колонками", 50, 760, width=480),
        line("левая 1", 50, 700),
        line("правая 1", 300, 700),
        line("левая 2", 50, 686),
        line("правая 2", 300, 686),
        line("левая 3", 50, 672),
        line("правая 3", 300, 672),
    ]
    assert [l.text for l in order(lines[::-1])] == [
        "Заголовок во всю ширину страницы над колонками",
        "левая 1",
        "левая 2",
        "левая 3",
        "правая 1",
        "правая 2",
        "правая 3",
    ]


def test_single_column_reads_top_down_and_joins_pieces_of_one_printed_line():
    lines = [line("вторая", 50, 686, width=400), line("первая", 50, 700, width=400), line("справа", 470, 686, 50)]
    assert [l.text for l in order(lines)] == ["первая", "вторая справа"]


def test_running_heads_and_page_numbers_are_found_and_removed():
    pages = []
    for number in range(10, 14):
        pages.append(
            (
                [
                    line(f"Летопись библиотеки · {number}", 50, 820, size=9),
                    line(f"Текст страницы {number}", 50, 700),
                    line("Текст", 50, 400),
                ],
                0.0,
                842.0,
            )
        )
    heads = running_heads(pages, 11)
    kept, number = strip_running(*pages[1], 11, heads)
    assert [l.text for l in kept] == ["Текст страницы 11", "Текст"]
    assert number == "11"
    bare = [line("Текст", 50, 700), line("— 7 —", 280, 40, width=30)]
    kept, number = strip_running(bare, 0.0, 842.0, 11, set())
    assert [l.text for l in kept] == ["Текст"] and number == "7"


def test_missing_printed_numbers_are_filled_from_neighbours():
    assert fill_numbers(["", "12", "", "14", ""]) == ["11", "12", "13", "14", "15"]
    assert fill_numbers(["", ""]) == ["1", "2"]
    assert fill_numbers(["", "xii", ""]) == ["1", "xii", "3"]


def test_outline_title_is_found_over_lines_and_after_a_number():
    lines = [
        line("Текст до заголовка.", 50, 760),
        line("Глава 2. Степь", 50, 700, size=16),
        line("и горы", 50, 680, size=16),
    ]
    assert find_title(lines, "Степь и горы", 0, 11) == (1, 3)
    assert find_title(lines, "Глава 2", 0, 11) == (1, 2)
    assert find_title(lines, "Озеро", 0, 11) is None


def test_list_marks_are_bullets_and_numbers_but_not_dialogue_dashes():
    assert [list_mark(t) for t in ["• один", "12. Пункт", "ә) тармақ", "b) item"]] == ["•", "12.", "ә)", "b)"]
    assert [list_mark(t) for t in ["— Привет, — сказал он.", "2025 жылы", "Т. Иванов"]] == ["", "", ""]
