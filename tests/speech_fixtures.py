"""Small books for the speech tests, built the way readers build them."""

from __future__ import annotations

from accessreader.content.builder import DocumentBuilder, InlineText
from accessreader.content.finish import finish
from accessreader.model import HEADING, LIST_ITEM, NOTE, PARAGRAPH, TABLE, Cell, Document


def two_chapter_book() -> Document:
    """A Kazakh chapter (with a print page) and a Russian chapter quoting a Kazakh title."""
    builder = DocumentBuilder("txt")
    builder.metadata.title = "Сынақ кітабы"
    builder.metadata.authors = ["Абай Құнанбайұлы"]
    builder.chapter("Бірінші тарау")
    builder.add(HEADING, "Бірінші тарау", lang="kk", level=1)
    builder.add(PARAGRAPH, "Қазақстан Орталық Азиядағы мемлекет. Оның астанасы Астана қаласы.", lang="kk")
    builder.page("2")
    builder.add(PARAGRAPH, "Дала кең, аспан ашық.", lang="kk")
    builder.chapter("Вторая глава")
    builder.add(HEADING, "Вторая глава", lang="ru", level=1)
    quoted = InlineText()
    quoted.add("Роман ", lang="ru")
    quoted.add("«Абай жолы»", lang="kk")
    quoted.add(" написал Мухтар Ауэзов. Это русский текст.", lang="ru")
    builder.add(PARAGRAPH, quoted, lang="ru")
    return finish(builder.build(), b"two chapter book", "book.txt")


def long_book(paragraphs: int) -> Document:
    """Two chapters of the same Russian paragraph, ``paragraphs`` times each."""
    builder = DocumentBuilder("txt")
    builder.metadata.title = "Длинная книга"
    for title in ("Первая", "Вторая"):
        builder.chapter(title)
        for _ in range(paragraphs):
            builder.add(PARAGRAPH, "Читатели слушают книги дома или в зале. Сотрудники помогают им.", lang="ru")
    return finish(builder.build(), b"long book", "long.txt")


def marked_up_book() -> Document:
    """Emphasis, a Kazakh title in Russian, a list, a table and a note in the next chapter."""
    builder = DocumentBuilder("html")
    builder.metadata.title = "Разметка"
    builder.chapter("Первая")
    builder.add(HEADING, "Первая", lang="ru", level=1)
    text = InlineText()
    text.add("Читайте ", lang="ru")
    text.add("очень внимательно", lang="ru", emphasis=True)
    text.add(" роман ", lang="ru")
    text.add("«Абай жолы»", lang="kk")
    text.add(".", lang="ru")
    text.noteref("n1", "1")
    builder.add(PARAGRAPH, text, lang="ru")
    builder.add(LIST_ITEM, "Первый пункт.", lang="ru", level=1, label="1.")
    builder.add(LIST_ITEM, "Второй пункт.", lang="ru", level=1, label="2.")
    rows = [[Cell("Год", True), Cell("Книги", True)], [Cell("2023"), Cell("Сто. Двести.")], [Cell("2024"), Cell("300")]]
    builder.add(TABLE, rows=rows, lang="ru")
    builder.chapter("Примечания")
    builder.add(NOTE, "Роман Мухтара Ауэзова.", lang="ru", label="1", anchor="n1")
    return finish(builder.build(), b"marked up book", "book.html")
