"""The TXT reader: encodings decided from the bytes, paragraphs, chapter headings, page markers."""

import pytest
from click.testing import CliRunner

from accessreader import content
from accessreader.cli import main
from accessreader.content.plaintext import heading_level
from accessreader.content.txt import decode
from accessreader.errors import UnknownEncoding
from accessreader.model import HEADING, PAGE_MARKER, PARAGRAPH

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
