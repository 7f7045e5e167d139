"""Sample Documents for the braille tests: a kk/ru/en/mixed corpus built the way readers build them."""

from __future__ import annotations

from accessreader.content.builder import DocumentBuilder, InlineText
from accessreader.content.finish import finish
from accessreader.model import HEADING, LIST_ITEM, NOTE, PARAGRAPH, STANZA, TABLE, Cell, Document

KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"

CORPUS = {
    "kk": [
        "Қазақ әліпбиі: " + " ".join(KAZAKH_ALPHABET) + ".",
        " ".join(KAZAKH_ALPHABET.upper()) + ".",
        "Кітапханада 1 372 423 кітап бар — бұл №1 кітапхана… Сілтеме: https://kitap.kz/oqu?bet=2&til=kk (ашық).",
        "Абай «Қара сөздер» кітабын 1890–1898 жылдары жазған; «ёлочки» мен 'тырнақша' да бар.",
    ],
    "ru": [
        "Ёжик в тумане: ёлка, ёрш, Ёлкин — «ёлочки» и „лапки“ — 1 372 423 экз., № 5…",
        "Сайт библиотеки: https://lib.kz/ru/katalog?id=17, почта info@lib.kz; цена 2 500 тг (или $10).",
        "Ответ: да! Вопрос? Список: один; два, три. Скобки (в тексте) и [квадратные].",
    ],
    "en": [
        "The children were going home — it was 1,372,423 steps… or so they said (No. 5).",
        "Visit https://www.example.org/path_to/page?x=1 or write to hello@example.org today!",
    ],
}

MIXED = [
    ("ru", "В рамках кружка ", "kk", "«Он саусақ»", "ru", " прошёл мастер-класс «Hello, world» — 1 372 423 участника."),
    ("kk", "Оқушылар ", "ru", "«Война и мир»", "kk", " романын оқыды; ағылшынша ", "en", "“War and Peace”", "kk", "."),
]


def corpus_document(title: str = "Корпус") -> Document:
    """Every corpus sentence as a paragraph in its language, plus mixed paragraphs, notes, lists and a table."""
    builder = DocumentBuilder("test")
    builder.metadata.title = title
    builder.metadata.authors = ["Абай Құнанбайұлы"]
    for index, (lang, paragraphs) in enumerate(CORPUS.items()):
        builder.chapter(lang)
        builder.add(
            HEADING, {"kk": "Қазақша бөлім", "ru": "Русский раздел", "en": "English part"}[lang], level=1, lang=lang
        )
        builder.page(str(index + 1))
        for text in paragraphs:
            builder.add(PARAGRAPH, text, lang=lang)
    builder.chapter("mixed")
    builder.add(HEADING, "Аралас мәтін", level=1, lang="kk")
    builder.add(HEADING, "Тараулар мен тізімдер", level=2, lang="kk")
    for pieces in MIXED:
        text = InlineText()
        for lang, piece in zip(pieces[0::2], pieces[1::2]):
            text.add(piece, lang=lang)
        builder.add(PARAGRAPH, text, lang=pieces[0])
    builder.add(LIST_ITEM, "Бірінші тармақ", label="1.", level=1, lang="kk")
    builder.add(LIST_ITEM, "Второй пункт", label="2.", level=2, lang="ru")
    builder.add(STANZA, "Жел соқпаса, шөптің басы қимылдамас,\nЖауын жаумай, жер көгеріп гүл ашпас.", lang="kk")
    builder.add(TABLE, rows=[[Cell("Жыл", True), Cell("Данасы", True)], [Cell("2024"), Cell("1 372 423")]], lang="kk")
    builder.add(NOTE, "Ескертпе мәтіні.", label="1", note_kind="footnote", lang="kk")
    return finish(builder.build(), b"corpus", "corpus.json")


def long_document(paragraphs: int = 200) -> Document:
    """A book long enough for many pages and several volumes, with headings and print page markers."""
    builder = DocumentBuilder("test")
    builder.metadata.title = "Ұзын кітап"
    for chapter in range(3):
        builder.chapter(f"{chapter + 1}")
        builder.add(HEADING, f"{chapter + 1}-тарау. Дала әуендері", level=1, lang="kk")
        for index in range(paragraphs // 3):
            if index % 10 == 0:
                builder.page(str(chapter * 100 + index // 10 + 1))
            if index % 25 == 0:
                builder.add(HEADING, f"Бөлім {index // 25 + 1}", level=2, lang="kk")
            builder.add(
                PARAGRAPH,
                "Қазақ даласының кең байтақ жерінде ертеден келе жатқан әндер мен күйлер "
                "ұрпақтан ұрпаққа жетіп, бүгінгі күнге дейін сақталған. "
                "Суперкаллифраджилистикэкспиалидоциоустықпенбірге.",
                lang="kk",
            )
    return finish(builder.build(), b"long", "long.json")
