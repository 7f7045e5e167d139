"""The PDF reader on PDFs made here with fpdf2 and Debian's DejaVu fonts."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from fpdf import FPDF
from fpdf.enums import EncryptionMethod
from PIL import Image, ImageDraw

from accessreader import content
from accessreader.cli import main
from accessreader.content import pdf as pdf_reader
from accessreader.content.safety import DEFAULT_LIMITS
from accessreader.errors import CorruptFile, EncryptedFile, NoTextFound
from accessreader.model import HEADING, LIST_ITEM, PAGE_MARKER, PARAGRAPH, SPAN_EMPHASIS, Document

FONTS = Path("/usr/share/fonts/truetype/dejavu")
HEAD = "Кітапхана жылнамасы · Летопись библиотеки"
LINE = 6.2  # mm between baselines
INDENT = 8  # mm, first line of a paragraph


class Book(FPDF):
    """A4 pages with a running head and the printed page number (first page = 5) at the foot."""

    first_number = 5

    def __init__(self) -> None:
        super().__init__(format="A4")
        self.set_auto_page_break(False)
        self.add_font("serif", "", str(FONTS / "DejaVuSerif.ttf"))
        self.add_font("serif", "B", str(FONTS / "DejaVuSerif-Bold.ttf"))
        self.add_font("serif", "I", str(FONTS / "DejaVuSerif-Italic.ttf"))

    def header(self) -> None:
        self.set_font("serif", "", 9)
        self.text(60, 14, HEAD)

    def footer(self) -> None:
        self.set_font("serif", "", 9)
        self.text(103, 285, str(self.page_no() + self.first_number - 1))

    def title_line(self, text: str, y: float, size: int = 16) -> float:
        self.set_font("serif", "B", size)
        self.text(20, y, text)
        return y + 14

    def paragraph(self, lines: list[str], y: float, x: float = 20, indent: bool = True) -> float:
        """Set ``lines`` as they are (the line breaks are the test's), first line indented."""
        self.set_font("serif", "", 11)
        for index, line in enumerate(lines):
            self.text(x + (INDENT if index == 0 and indent else 0), y, line)
            y += LINE
        return y


def book_pdf() -> bytes:
    pdf = Book()
    pdf.set_title("Летопись библиотеки")
    pdf.set_author("Иванов И. И.; Сейтқали А.")
    pdf.set_subject("Жылнама")
    pdf.set_creation_date(datetime.datetime(2025, 3, 14, tzinfo=datetime.UTC))
    pdf.set_xmp_metadata(
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" rdf:about="">'
        "<dc:language><rdf:Bag><rdf:li>kk-KZ</rdf:li></rdf:Bag></dc:language>"
        "</rdf:Description></rdf:RDF>"
    )

    # Page 5: chapter 1 (Kazakh), a word hyphenated at a line end.
    pdf.add_page()
    pdf.start_section("Бірінші тарау. Кітапхана", level=0)
    y = pdf.title_line("Бірінші тарау. Кітапхана", 35)
    y = pdf.paragraph(
        [
            "Қазақстанның ұлттық кітапханасы жаңа бағдарламаны бастады.",
            "Біз оқырмандарға арналған үлкен библио-",
            "теканың жаңа залын аштық. Мұнда әр күні",
            "мастер-класс өтеді.",
        ],
        y,
    )
    y = pdf.paragraph(
        [
            "Екінші абзац Алматы-",
            "2025 көрмесі туралы айтады, ол көктемде басталады, ал",
            "жазда жалғасады және күзде аяқталады.",
        ],
        y,
    )
    y = pdf.paragraph(
        [
            "Абзац бетінің соңында басталып, келесі бетте",
            "жалғасады, өйткені ол өте ұзын және оқырман оны",
        ],
        250,
    )

    # Page 6: the paragraph goes on; chapter 2 (Russian) starts lower on the page.
    pdf.add_page()
    y = pdf.paragraph(["бөлмей оқуы керек."], 35, indent=False)
    pdf.start_section("Глава вторая", level=0)
    y = pdf.title_line("Глава вторая", 60)
    y = pdf.paragraph(
        [
            "В рамках кружка прошёл ещё один мастер-",
            "класс для читателей. Его вели опытные",
            "библиотекари.",
        ],
        y,
    )
    pdf.set_font("serif", "", 11)
    pdf.text(20 + INDENT, y, "Слово ")
    pdf.set_font("serif", "I", 11)
    pdf.text(20 + INDENT + pdf.get_string_width("Слово "), y, "выделено")
    pdf.set_font("serif", "", 11)
    pdf.text(20 + INDENT + pdf.get_string_width("Слово выделено "), y, "курсивом.")

    # Page 7: a section title across the page, then two columns; the left column's
    # last paragraph goes on at the top of the right column.
    pdf.add_page()
    pdf.start_section("Две колонки", level=1)
    pdf.title_line("Две колонки", 35, size=13)
    pdf.paragraph(["Левая колонка: первый", "абзац читается первым."], 50, x=20)
    pdf.paragraph(["Второй абзац левой", "колонки продолжается"], 70, x=20)
    pdf.paragraph(["в правой колонке сверху.", "Конец второго абзаца."], 50, x=110, indent=False)
    pdf.paragraph(["Третий абзац стоит", "внизу правой колонки."], 70, x=110)

    # Page 8: English, no outline entry; a bulleted list whose items hang under the bullet;
    # a line of Russian dialogue opened by a dash.
    pdf.add_page()
    y = pdf.paragraph(["The reading room is open every day from", "nine in the morning."], 35)
    pdf.paragraph(["• braille books and talking books on", "    request;"], y, indent=False)
    pdf.paragraph(["• audio guides."], y + 2 * LINE, indent=False)
    pdf.paragraph(["— Добро пожаловать, — сказал библиотекарь."], y + 3 * LINE)
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def book() -> Document:
    return content.read(book_pdf(), "book.pdf")


def texts(document: Document, kind: str = PARAGRAPH) -> list[str]:
    return [block.text for _, block in document.blocks() if block.kind == kind]


def test_paragraphs_are_rebuilt_and_hyphenated_words_joined(book):
    paragraphs = texts(book)
    assert paragraphs[0] == (
        "Қазақстанның ұлттық кітапханасы жаңа бағдарламаны бастады. Біз оқырмандарға арналған үлкен "
        "библиотеканың жаңа залын аштық. Мұнда әр күні мастер-класс өтеді."
    )
    assert paragraphs[1].startswith("Екінші абзац Алматы-2025 көрмесі")
    assert "прошёл ещё один мастер-класс для читателей" in paragraphs[3]


def test_running_heads_and_page_numbers_leave_the_text(book):
    everything = " ".join(texts(book) + texts(book, HEADING))
    assert "Кітапхана жылнамасы" not in everything
    assert not any(text.isdigit() for text in texts(book))


def test_page_markers_carry_the_printed_numbers_and_follow_a_split_paragraph(book):
    kinds = [(block.kind, block.text) for _, block in book.blocks()]
    assert [text for kind, text in kinds if kind == PAGE_MARKER] == ["5", "6", "7", "8"]
    split = next(i for i, (kind, text) in enumerate(kinds) if text.startswith("Абзац бетінің"))
    assert kinds[split][1].endswith("оқырман оны бөлмей оқуы керек.")
    assert kinds[split + 1] == (PAGE_MARKER, "6")


def test_outline_gives_headings_levels_and_chapters(book):
    headings = [(b.level, b.text) for _, b in book.blocks() if b.kind == HEADING]
    assert headings == [(1, "Бірінші тарау. Кітапхана"), (1, "Глава вторая"), (2, "Две колонки")]
    assert [c.title for c in book.chapters] == ["Бірінші тарау. Кітапхана", "Глава вторая"]
    assert [e.title for e in book.toc] == ["Бірінші тарау. Кітапхана", "Глава вторая", "Две колонки"]


def test_two_columns_are_read_column_by_column(book):
    paragraphs = texts(book)
    start = paragraphs.index("Левая колонка: первый абзац читается первым.")
    assert paragraphs[start + 1 : start + 3] == [
        "Второй абзац левой колонки продолжается в правой колонке сверху. Конец второго абзаца.",
        "Третий абзац стоит внизу правой колонки.",
    ]


def test_bullets_make_list_items_and_a_dialogue_dash_does_not(book):
    items = [(b.label, b.text) for _, b in book.blocks() if b.kind == LIST_ITEM]
    assert items == [("•", "braille books and talking books on request;"), ("•", "audio guides.")]
    assert texts(book)[-1] == "— Добро пожаловать, — сказал библиотекарь."


def test_kazakh_letters_languages_and_emphasis(book):
    by_text = {b.text[:12]: b for _, b in book.blocks()}
    assert by_text["Қазақстанның"].lang == "kk"
    assert by_text["The reading "].lang == "en"
    italic = by_text["Слово выделе"]
    assert [italic.text[s.start : s.end] for s in italic.spans if s.kind == SPAN_EMPHASIS] == ["выделено"]


def test_metadata_from_info_and_xmp(book):
    meta = book.metadata
    assert meta.title == "Летопись библиотеки"
    assert meta.authors == ["Иванов И. И.", "Сейтқали А."]
    assert meta.description == "Жылнама"
    assert meta.date == "2025-03-14"
    assert meta.source_format == "pdf"
    assert pdf_reader.read(book_pdf(), "book.pdf", DEFAULT_LIMITS).metadata.languages == ["kk-KZ"]


def test_page_labels_win_and_font_sizes_give_headings_without_an_outline():
    pdf = Book()
    for page in range(2):
        pdf.add_page()
        pdf.set_page_label("D", label_start=1) if page else pdf.set_page_label("r")
        y = pdf.title_line("Введение" if page == 0 else "Часть первая", 35, size=18)
        pdf.paragraph(["Короткий текст страницы, он заканчивается", "здесь."], y)
    document = content.read(bytes(pdf.output()), "labels.pdf")
    assert texts(document, PAGE_MARKER) == ["i", "1"]
    assert document.metadata.title == "Введение"  # no Info title: the largest print on page one
    assert [(b.level, b.text) for _, b in document.blocks() if b.kind == HEADING] == [
        (1, "Введение"),
        (1, "Часть первая"),
    ]


def scan_png() -> bytes:
    image = Image.new("L", (800, 1100), 255)
    ImageDraw.Draw(image).rectangle((100, 100, 700, 140), fill=0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def scan_pdf() -> bytes:
    """Scanned pages; the software that bound them printed page numbers as text."""
    pdf = FPDF()
    pdf.add_font("serif", "", str(FONTS / "DejaVuSerif.ttf"))
    pdf.set_font("serif", "", 9)
    for number in range(2):
        pdf.add_page()
        pdf.image(io.BytesIO(scan_png()), x=0, y=0, w=210)
        pdf.text(103, 290, str(number + 1))
    return bytes(pdf.output())


def plain_pdf(lines: list[str]) -> FPDF:
    """One page with ``lines`` set one under the other, no running head."""
    pdf = FPDF()
    pdf.add_font("serif", "", str(FONTS / "DejaVuSerif.ttf"))
    pdf.set_font("serif", "", 11)
    pdf.add_page()
    for index, line in enumerate(lines):
        pdf.text(20, 40 + index * LINE, line)
    return pdf


def encrypted_pdf(user_password: str, method: EncryptionMethod = EncryptionMethod.RC4) -> bytes:
    pdf = plain_pdf(["Құпия мәтін.", "Секретный текст."])
    pdf.set_encryption(owner_password="owner", user_password=user_password, encryption_method=method, permissions=0)
    return bytes(pdf.output())


def test_soft_hyphens_vanish_and_join_split_words():
    pdf = plain_pdf(["Мягкий пере\u00ad", "нос и неви\u00adдимый дефис в биб\u00ad", "лиотеке."])
    document = content.read(bytes(pdf.output()), "soft.pdf")
    assert texts(document) == ["Мягкий перенос и невидимый дефис в библиотеке."]


def test_damage_pdfminer_works_around_becomes_a_notice():
    data = bytearray(book_pdf())
    end = data.index(b"endstream")
    data[end - 5 : end - 1] = bytes(4)  # the first content stream's checksum
    document = content.read(bytes(data), "damaged.pdf")
    assert [n.code for n in document.notices] == ["pdf_damaged"]
    assert texts(document, HEADING)[0] == "Бірінші тарау. Кітапхана"


def test_scanned_pages_inside_a_text_pdf_are_reported():
    text = Book()
    text.add_page()
    text.paragraph(["Мәтіні бар бет."], 40)
    text.add_page()
    with Image.open(io.BytesIO(scan_png())) as picture:
        text.image(picture, x=0, y=30, w=210)
    document = content.read(bytes(text.output()), "mixed.pdf")
    assert [(n.code, n.detail) for n in document.notices] == [("pdf_scanned_pages", "6")]


def test_scan_without_any_text_is_refused():
    with pytest.raises(NoTextFound):
        content.read(scan_pdf(), "scan.pdf")


@pytest.mark.parametrize("method", [EncryptionMethod.RC4, EncryptionMethod.AES_256])
def test_password_protected_pdf_is_refused(method):
    with pytest.raises(EncryptedFile) as caught:
        content.read(encrypted_pdf("secret", method), "locked.pdf")
    assert "encrypted" in caught.value.message("en")


@pytest.mark.parametrize("method", [EncryptionMethod.RC4, EncryptionMethod.AES_256])
def test_restrictions_without_a_user_password_do_not_stop_reading(method):
    document = content.read(encrypted_pdf("", method), "restricted.pdf")
    assert texts(document) == ["Құпия мәтін.", "Секретный текст."]


@pytest.mark.parametrize("cut", [0.5, 0.97])
def test_truncated_pdf_is_corrupt(cut):
    data = book_pdf()
    with pytest.raises(CorruptFile):
        content.read(data[: int(len(data) * cut)], "cut.pdf")


def test_garbage_after_the_header_is_corrupt():
    with pytest.raises(CorruptFile):
        content.read(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n%%EOF\n", "junk.pdf")


def test_cli_inspect_reads_a_pdf_and_refuses_bad_ones(tmp_path):
    runner = CliRunner()
    (tmp_path / "book.pdf").write_bytes(book_pdf())
    result = runner.invoke(main, ["--lang", "en", "inspect", str(tmp_path / "book.pdf")])
    assert result.exit_code == 0, result.output
    assert "Глава вторая" in result.output and "4 print pages" in result.output
    for name, data, words in [
        ("locked.pdf", encrypted_pdf("secret"), "encrypted"),
        ("scan.pdf", scan_pdf(), "no text could be recognised"),
        ("cut.pdf", book_pdf()[:3000], "damaged"),
    ]:
        (tmp_path / name).write_bytes(data)
        result = runner.invoke(main, ["--lang", "en", "inspect", str(tmp_path / name)])
        assert result.exit_code == 2, (name, result.output)
        assert words in result.output and "Traceback" not in result.output
    result = runner.invoke(main, ["--lang", "kk", "inspect", str(tmp_path / "scan.pdf")])
    assert "мәтін танылмады" in result.output


def test_pdfminer_engine_reads_the_book_as_pdfium_does(book):
    reference = pdf_reader.read(book_pdf(), "book.pdf", DEFAULT_LIMITS, engine="pdfminer")
    ours = pdf_reader.read(book_pdf(), "book.pdf", DEFAULT_LIMITS)
    assert [(b.kind, b.text) for _, b in ours.blocks()] == [(b.kind, b.text) for _, b in reference.blocks()]
    assert texts(ours, HEADING)[0] == texts(book, HEADING)[0] == "Бірінші тарау. Кітапхана"
