"""A generated book for the speech benchmarks: chapters of Kazakh, Russian and English prose."""

from __future__ import annotations

from accessreader.content.builder import DocumentBuilder
from accessreader.content.finish import finish
from accessreader.model import HEADING, PARAGRAPH, Document

PROSE = {
    "kk": (
        "Қазақстан Орталық Азиядағы ең үлкен мемлекет болып саналады. Оның жері батыста Еділ өзенінен "
        "шығыста Алтай тауларына дейін созылып жатыр. Елордасы Астана қаласы, ал ең ірі қаласы Алматы. "
        "Қазақ халқы ежелден мал шаруашылығымен айналысып, көшпелі өмір салтын ұстанған. "
        "Абай Құнанбайұлы қазақ әдебиетінің негізін салушылардың бірі ретінде белгілі."
    ),
    "ru": (
        "Библиотека получила новые книги для читателей с нарушением зрения. Каждое издание было "
        "переведено в шрифт Брайля и озвучено синтезатором речи. Читатели могут слушать книги дома "
        "или в читальном зале, где установлены брайлевские дисплеи. Сотрудники библиотеки помогают "
        "выбрать удобный формат и настроить скорость чтения."
    ),
    "en": (
        "The library received a new collection of books for blind and partially sighted readers. "
        "Every title was translated into braille and read aloud by a speech synthesiser. Readers can "
        "listen at home or in the reading room, where refreshable braille displays are installed. "
        "The staff help each reader choose a format and a comfortable reading speed."
    ),
}
TITLES = {"kk": "Тарау", "ru": "Глава", "en": "Chapter"}


def sample_book(chars: int, chapters: int = 8) -> Document:
    """About ``chars`` characters of text in ``chapters`` chapters, languages taking turns."""
    builder = DocumentBuilder("txt")
    builder.metadata.title = "Speech benchmark"
    builder.metadata.authors = ["AccessReader"]
    per_chapter = max(chars // chapters, 1)
    for index in range(chapters):
        lang = ("kk", "ru", "en")[index % 3]
        title = f"{TITLES[lang]} {index + 1}"
        builder.chapter(title)
        builder.add(HEADING, title, lang=lang, level=1)
        written = 0
        while written < per_chapter:
            builder.add(PARAGRAPH, PROSE[lang], lang=lang)
            written += len(PROSE[lang])
    return finish(builder.build(), str(chars).encode(), "benchmark.txt")
