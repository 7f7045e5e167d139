"""Small books for the speech tests, built the way readers build them."""

from __future__ import annotations

from accessreader.content.builder import DocumentBuilder, InlineText
from accessreader.content.finish import finish
from accessreader.model import HEADING, PARAGRAPH, Document


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
