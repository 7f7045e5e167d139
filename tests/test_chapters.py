"""The chapter plan of talking books: long chapters split at headings or paragraphs; track titles."""

from __future__ import annotations

from accessreader.content.builder import DocumentBuilder
from accessreader.content.finish import finish
from accessreader.model import HEADING, PARAGRAPH
from accessreader.tts.chapters import LONGEST, TARGET, plan, seconds, track_title

PARAGRAPH_RU = (
    "Читатели слушают книги дома или в читальном зале, где установлены брайлевские дисплеи. "
    "Сотрудники библиотеки помогают выбрать удобный формат и настроить скорость чтения. "
) * 3  # about 500 characters, half a minute of speech


def one_chapter_book(minutes: int, headings: int = 0):
    """One chapter of ``minutes`` of Russian text, with ``headings`` sections (0: none)."""
    builder = DocumentBuilder("txt")
    builder.metadata.title = "Одна глава"
    builder.chapter("Повесть")
    paragraphs = round(minutes * 60 / seconds_of_paragraph())
    for index in range(paragraphs):
        if headings and index % (paragraphs // headings) == 0 and index // (paragraphs // headings) < headings:
            builder.add(HEADING, f"Раздел {index // (paragraphs // headings) + 1}", lang="ru", level=2)
        builder.add(PARAGRAPH, PARAGRAPH_RU, lang="ru")
    return finish(builder.build(), f"{minutes}-{headings}".encode(), "one.txt")


def seconds_of_paragraph() -> float:
    builder = DocumentBuilder("txt")
    builder.chapter("x")
    builder.add(PARAGRAPH, PARAGRAPH_RU, lang="ru")
    return seconds(builder.build().chapters[0].blocks)


def test_a_48_minute_chapter_with_headings_is_split_at_them():
    book = one_chapter_book(48, headings=5)
    planned = plan(book)
    assert [c.title for c in planned.chapters] == ["Раздел 1", "Раздел 2", "Раздел 3", "Раздел 4", "Раздел 5"]
    assert all(seconds(c.blocks) <= LONGEST for c in planned.chapters)
    # nothing lost, nothing moved: the same blocks in the same order
    assert [b.id for c in planned.chapters for b in c.blocks] == [b.id for _, b in book.blocks()]


def test_many_short_sections_are_joined_into_parts_of_sensible_length():
    planned = plan(one_chapter_book(48, headings=24))
    lengths = [seconds(c.blocks) / 60 for c in planned.chapters]
    assert 4 <= len(lengths) <= 6 and all(m <= 12.5 for m in lengths), lengths  # not 24 tracks of 2 minutes
    assert planned.chapters[1].title.startswith("Раздел ")  # named by its first section


def test_a_48_minute_chapter_without_headings_is_split_near_12_minutes_at_paragraphs():
    book = one_chapter_book(48)
    planned = plan(book)
    lengths = [seconds(c.blocks) / 60 for c in planned.chapters]
    assert len(lengths) == 4 and all(10 <= m <= 15 for m in lengths), lengths
    assert [c.title for c in planned.chapters] == [f"Повесть, часть {n}" for n in range(1, 5)]
    assert all(c.blocks[0].kind == PARAGRAPH for c in planned.chapters)
    assert [b.id for c in planned.chapters for b in c.blocks] == [b.id for _, b in book.blocks()]


def test_short_chapters_are_left_alone_and_a_slower_rate_counts():
    book = one_chapter_book(12)
    assert plan(book) is book
    assert len(plan(book, rate=100).chapters) == 2  # 12 minutes at 175 words a minute are 21 at 100
    assert TARGET < LONGEST


def test_track_titles_say_which_chapter_never_a_bare_number_nor_the_book_title():
    assert track_title("ru", 3, "Степь") == "Глава 3: Степь"
    assert track_title("en", 3, "The steppe") == "Chapter 3: The steppe"
    assert track_title("kk", 3, "Дала") == "3-тарау: Дала"
    assert track_title("ru", 2, "2") == "Глава 2"
    assert track_title("ru", 1, "Одна глава", book_title="Одна глава") == "Глава 1"
    assert track_title("en", 4, "") == "Chapter 4"
    assert track_title("ru", 2, "Вторая глава") == "Вторая глава"  # already names itself a chapter
    assert track_title("kk", 1, "Бірінші тарау") == "Бірінші тарау"
