"""The TXT reader: encodings decided from the bytes, paragraphs, chapter headings, page markers."""

import pytest
from click.testing import CliRunner

from accessreader import content
from accessreader.cli import main
from accessreader.content.plaintext import heading_level
from accessreader.content.txt import decode
from accessreader.errors import UnknownEncoding
from accessreader.model import (
    HEADING,
    LIST_ITEM,
    NOTE,
    PAGE_MARKER,
    PARAGRAPH,
    SPAN_NOTEREF,
    STANZA,
    TABLE,
)

RUSSIAN = """Война и мир

Глава 1

Осенью в городе стало тихо. Библиотека на углу открывалась в девять часов,
и первыми приходили студенты.

Старый библиотекарь знал каждого читателя по имени.

ГЛАВА ВТОРАЯ

Зимой в читальном зале топили печь, и запах дров смешивался с запахом бумаги.
"""

KAZAKH = """Абай жолы

1-тарау

Қалың қар жауған күні ауылға қонақ келді. Өңшең жақсы адамдар отырды.

Екінші тарау

Күз түсті, ағаштардың жапырағы сарғайды.
"""


def read(data: bytes, name: str = "book.txt"):
    return content.read(data, name)


def blocks(doc):
    return [block for _, block in doc.blocks()]


@pytest.mark.parametrize(
    "encoding, data",
    [
        ("utf-8", RUSSIAN.encode("utf-8")),
        ("utf-8-sig", RUSSIAN.encode("utf-8-sig")),
        ("utf-16", RUSSIAN.encode("utf-16")),  # with a byte-order mark
        ("utf-16-le", RUSSIAN.encode("utf-16-le")),
        ("utf-16-be", RUSSIAN.encode("utf-16-be")),
        ("cp1251", RUSSIAN.encode("cp1251")),
        ("koi8_r", RUSSIAN.encode("koi8_r")),
        ("cp866", RUSSIAN.encode("cp866")),
    ],
)
def test_every_encoding_reads_to_the_same_book(encoding, data):
    assert decode(data)[1] == encoding
    doc = read(data)
    assert doc.metadata.title == "Война и мир"
    assert [(b.text, b.level) for b in blocks(doc) if b.kind == HEADING] == [
        ("Война и мир", 1),
        ("Глава 1", 1),
        ("ГЛАВА ВТОРАЯ", 1),
    ]
    paragraphs = [b.text for b in blocks(doc) if b.kind == PARAGRAPH]
    assert paragraphs[0] == (
        "Осенью в городе стало тихо. Библиотека на углу открывалась в девять часов, и первыми приходили студенты."
    )
    assert len(paragraphs) == 3


def test_kazakh_letters_and_headings_survive_utf16_without_bom():
    doc = read(KAZAKH.encode("utf-16-le"))
    assert [b.text for b in blocks(doc) if b.kind == HEADING] == ["Абай жолы", "1-тарау", "Екінші тарау"]
    assert blocks(doc)[2].text.startswith("Қалың қар жауған күні")
    assert [c.title for c in doc.chapters] == ["Абай жолы", "1-тарау", "Екінші тарау"]
    assert blocks(doc)[2].lang == "kk"


@pytest.mark.parametrize("encoding", ["utf-16-le", "kz1048"])
def test_kazakh_8_bit_text_in_kz_1048_reads_like_unicode(encoding):
    assert decode(KAZAKH.encode(encoding))[1] == encoding
    assert blocks(read(KAZAKH.encode("kz1048"))) == blocks(read(KAZAKH.encode("utf-16-le")))


def test_a_kazakh_book_whose_first_pages_have_no_kazakh_letter_is_still_kz_1048():
    russian_preface = "\n\n".join(["Предисловие переводчика к этому изданию книги."] * 6)
    data = (russian_preface + "\n\n" + KAZAKH).encode("kz1048")
    assert decode(data) == (russian_preface + "\n\n" + KAZAKH, "kz1048")


@pytest.mark.parametrize(
    "line, level",
    [
        ("Глава 1", 1),
        ("ГЛАВА ПЕРВАЯ", 1),
        ("Глава 12. Возвращение", 1),
        ("1-тарау", 1),
        ("Бірінші тарау", 1),
        ("II тарау", 1),
        ("Chapter I", 1),
        ("CHAPTER 3", 1),
        ("Chapter Twenty-One: The End", 1),
        ("Пролог", 1),
        ("Prologue", 1),
        ("Эпилог", 1),
        ("Глава была длинной и скучной.", 0),
        ("Прологом он назвал первую сцену.", 0),
        ("Chapter did not end there", 0),
        ("Кітаптың бірінші тарауы", 0),
    ],
)
def test_chapter_headings_in_three_languages(line, level):
    assert heading_level(line, has_parts=False) == level


def test_parts_put_chapters_one_level_down():
    text = "Часть II\n\nГлава 1\n\nТекст первой главы.\n\nГлава 2\n\nТекст второй главы.\n"
    doc = read(text.encode())
    assert [(b.text, b.level) for b in blocks(doc) if b.kind == HEADING] == [
        ("Часть II", 1),
        ("Глава 1", 2),
        ("Глава 2", 2),
    ]
    assert len(doc.chapters) == 3


def test_without_blank_lines_indents_or_line_breaks_separate_paragraphs():
    indented = "Глава 1\n    Первый абзац начинается здесь\nи продолжается тут.\n    Второй абзац.\n"
    doc = read(indented.encode("cp1251"))
    assert [b.text for b in blocks(doc)] == [
        "Глава 1",
        "Первый абзац начинается здесь и продолжается тут.",
        "Второй абзац.",
    ]
    lines = "Chapter 1\nFirst line is a paragraph.\nSecond line too.\n"
    assert [b.text for b in blocks(read(lines.encode()))] == [
        "Chapter 1",
        "First line is a paragraph.",
        "Second line too.",
    ]


def test_form_feeds_become_print_page_markers():
    text = "Первая страница текста.\n\fВторая страница.\n\fТретья страница.\n\f"
    doc = read(text.encode())
    assert [(b.kind, b.text) for b in blocks(doc)] == [
        (PAGE_MARKER, "1"),
        (PARAGRAPH, "Первая страница текста."),
        (PAGE_MARKER, "2"),
        (PARAGRAPH, "Вторая страница."),
        (PAGE_MARKER, "3"),
        (PARAGRAPH, "Третья страница."),
    ]


def test_mixed_or_random_bytes_are_undecidable():
    paragraph = "Осенью в городе стало тихо. Библиотека на углу открывалась в девять часов.\n\n"
    mixed = paragraph.encode("cp1251") + paragraph.encode("koi8_r")
    with pytest.raises(UnknownEncoding):
        read(mixed)
    noise = bytes((x * 37 + 11) % 128 + 128 for x in range(600))
    with pytest.raises(UnknownEncoding):
        read(noise)


def test_cli_inspect_tells_the_encoding_error_in_the_users_language(tmp_path):
    good = tmp_path / "book.txt"
    good.write_bytes(RUSSIAN.encode("koi8_r"))
    bad = tmp_path / "mixed.txt"
    paragraph = "Осенью в городе стало тихо. Библиотека на углу открывалась в девять часов.\n\n"
    bad.write_bytes(paragraph.encode("cp1251") + paragraph.encode("koi8_r"))
    runner = CliRunner()
    result = runner.invoke(main, ["--lang", "en", "inspect", str(good)])
    assert result.exit_code == 0
    assert "Война и мир" in result.output and "ГЛАВА ВТОРАЯ" in result.output
    result = runner.invoke(main, ["--lang", "kk", "inspect", str(bad)])
    assert result.exit_code == 2
    assert "мәтін кодтауын анықтау мүмкін емес" in result.output
    assert "Traceback" not in result.output


SETEXT = """Тихий Дон
Михаил Шолохов

Часть первая. Мелехов двор
==========================

Мелеховский двор — на самом краю хутора.

Утро
----

Григорий спустился к Дону.

Год   Улов
----  ----
1912  мало
"""


def test_underlined_headings_make_chapters_and_sections_but_a_table_rule_does_not():
    doc = read(SETEXT.encode())
    assert [(b.text, b.level) for b in blocks(doc) if b.kind == HEADING] == [
        ("Тихий Дон", 1),
        ("Часть первая. Мелехов двор", 1),
        ("Утро", 2),
    ]
    assert [c.title for c in doc.chapters] == ["Тихий Дон", "Часть первая. Мелехов двор"]
    assert "----" not in " ".join(b.text for b in blocks(doc))
    assert [b.kind for b in doc.chapters[1].blocks] == [HEADING, PARAGRAPH, HEADING, PARAGRAPH, TABLE]


@pytest.mark.parametrize(
    "top, title, authors, second",
    [
        ("Тихий Дон\nМихаил Шолохов", "Тихий Дон", ["Михаил Шолохов"], "Михаил Шолохов"),
        ("Абай жолы\nМ. О. Әуезов", "Абай жолы", ["М. О. Әуезов"], "М. О. Әуезов"),
        ("Двенадцать стульев\nИльф и Петров", "Двенадцать стульев", ["Ильф", "Петров"], "Ильф и Петров"),
        ("Дала әуені\nбалаларға арналған әңгіме", "Дала әуені", [], "балаларға арналған әңгіме"),
    ],
)
def test_title_block_gives_title_and_author_without_joining_them(top, title, authors, second):
    doc = read(f"{top}\n\nГлава 1\n\nПервый абзац.\n".encode())
    assert doc.metadata.title == title
    assert doc.metadata.authors == authors
    assert [(b.kind, b.text) for b in blocks(doc)][:2] == [(HEADING, title), (PARAGRAPH, second)]


def test_list_items_with_labels_and_levels_by_indent():
    text = (
        "Кітапханада бар:\n\n"
        "  • кітаптар;\n  • журналдар, соның ішінде\n    балалар журналдары;\n"
        "      – «Балдырған»;\n      – «Ақжелкен».\n\n"
        "Порядок записи:\n\n"
        "1. Заполнить анкету.\n2) Показать паспорт.\nа) для детей — свидетельство.\n"
    )
    items = [(b.label, b.level, b.text) for b in blocks(read(text.encode())) if b.kind == LIST_ITEM]
    assert items == [
        ("•", 1, "кітаптар;"),
        ("•", 1, "журналдар, соның ішінде балалар журналдары;"),
        ("–", 2, "«Балдырған»;"),
        ("–", 2, "«Ақжелкен»."),
        ("1.", 1, "Заполнить анкету."),
        ("2)", 1, "Показать паспорт."),
        ("а)", 1, "для детей — свидетельство."),
    ]


def test_dialogue_dashes_stay_paragraphs():
    text = "Глава 1\n\n- Здравствуйте, - сказал он.\n- Добрый вечер.\n\n– Вы к нам?\n"
    doc = read(text.encode())
    assert LIST_ITEM not in {b.kind for b in blocks(doc)}
    assert [b.text for b in blocks(doc) if b.kind == PARAGRAPH] == [
        "- Здравствуйте, - сказал он. - Добрый вечер.",
        "– Вы к нам?",
    ]


def test_aligned_columns_under_a_dashed_rule_are_a_table_with_header_cells():
    text = (
        "Оқырмандар саны:\n\n"
        "Ай      Оқырман  Кітап, дана\n"
        "------  -------  -----------\n"
        "Наурыз  64       112\n"
        "Сәуір      91    1 187\n"
    )
    table = next(b for b in blocks(read(text.encode())) if b.kind == TABLE)
    assert [[(c.text, c.header) for c in row] for row in table.rows] == [
        [("Ай", True), ("Оқырман", True), ("Кітап, дана", True)],
        [("Наурыз", False), ("64", False), ("112", False)],
        [("Сәуір", False), ("91", False), ("1 187", False)],
    ]
    assert table.text.splitlines()[0] == "Ай: Наурыз; Оқырман: 64; Кітап, дана: 112"


def test_indented_short_lines_are_stanzas_but_indented_prose_is_not():
    text = (
        "Бабушка пела:\n\n"
        "    Мороз и солнце; день чудесный!\n    Еще ты дремлешь, друг прелестный —\n\n"
        "    Пора, красавица, проснись:\n    Открой сомкнуты негой взоры.\n\n"
        "    Это длинная строка прозы с отступом, которая явно не похожа на стих,\n"
        "    потому что она длиннее шестидесяти знаков и продолжается дальше.\n"
    )
    doc = read(text.encode())
    assert [(b.kind, b.text) for b in blocks(doc)][1:3] == [
        (STANZA, "Мороз и солнце; день чудесный!\nЕще ты дремлешь, друг прелестный —"),
        (STANZA, "Пора, красавица, проснись:\nОткрой сомкнуты негой взоры."),
    ]
    assert blocks(doc)[3].kind == PARAGRAPH


FOOTNOTES = """Глава 1

Степь пахла полынью[1] и чабрецом[2].

* * *

[1] Полынь — горькая трава степей.
[2] Чабрец — душистый кустарничек.

Глава 2

Снова полынь[1], а мелкий шрифт[3] без сноски.

* * *

[1] Во второй главе сноски нумеруются заново.

* * *

Жизнь продолжалась.
"""


def test_bracketed_marks_link_to_the_notes_after_the_separator_both_ways():
    doc = read(FOOTNOTES.encode())
    first, second = doc.chapters
    assert [(b.kind, b.text) for b in first.blocks] == [
        (HEADING, "Глава 1"),
        (PARAGRAPH, "Степь пахла полынью[1] и чабрецом[2]."),
        (NOTE, "Полынь — горькая трава степей."),
        (NOTE, "Чабрец — душистый кустарничек."),
    ]
    paragraph, note1, note2 = first.blocks[1:]
    refs = [(paragraph.text[s.start : s.end], s.value) for s in paragraph.spans if s.kind == SPAN_NOTEREF]
    assert refs == [("[1]", note1.id), ("[2]", note2.id)]
    assert (note1.label, note1.note_ref, note1.note_kind) == ("1", paragraph.id, "footnote")
    paragraph, note = second.blocks[1:3]
    assert [s.value for s in paragraph.spans if s.kind == SPAN_NOTEREF] == [note.id]
    assert note.text == "Во второй главе сноски нумеруются заново." and note.note_ref == paragraph.id
    # A separator with no notes after it is a scene break the reader should hear.
    assert [b.text for b in second.blocks[3:]] == ["* * *", "Жизнь продолжалась."]
    assert not doc.notices


def test_kazakh_footnote_on_a_later_page_and_pages_inside_their_chapter():
    text = "1-тарау\n\nЖусан[1] иісі.\n\f\nДала кең.\n\n* * *\n\n[1] Жусан — дала өсімдігі.\n\f\n2-тарау\n\nСоңы.\n"
    doc = read(text.encode())
    assert [[(b.kind, b.text) for b in c.blocks] for c in doc.chapters] == [
        [
            (PAGE_MARKER, "1"),
            (HEADING, "1-тарау"),
            (PARAGRAPH, "Жусан[1] иісі."),
            (PAGE_MARKER, "2"),
            (PARAGRAPH, "Дала кең."),
            (NOTE, "Жусан — дала өсімдігі."),
        ],
        [(PAGE_MARKER, "3"), (HEADING, "2-тарау"), (PARAGRAPH, "Соңы.")],
    ]
    assert doc.chapters[0].blocks[5].note_ref == "c0b2"
