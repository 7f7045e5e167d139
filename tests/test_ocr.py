"""OCR of generated scans (real Tesseract with kaz, rus and eng data)."""

import io

import pytest
from PIL import Image
from rapidfuzz.distance import Levenshtein

from accessreader import content
from accessreader.content import deskew, images, ocr
from accessreader.errors import CorruptFile, NoTextFound
from accessreader.model import HEADING, PAGE_MARKER, PARAGRAPH
from tests.scanpages import HEADS, TEXTS, render_page

#: Character error rate each language must stay under on the generated scans.
CER_BOUND = {"kk": 0.02, "ru": 0.02, "en": 0.02}


def cer(expected: str, got: str) -> float:
    return Levenshtein.distance(expected, got) / len(expected)


def book_text(document) -> str:
    return " ".join(b.text for _, b in document.blocks() if b.kind == PARAGRAPH)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_character_error_rate_per_language_is_under_bound(lang):
    page = render_page(TEXTS[lang], 12, seed=3)
    document = images.read_pages([("p.png", page)], "scan", languages=[lang])
    assert cer(TEXTS[lang], book_text(document)) < CER_BOUND[lang]
    assert all(b.lang == lang for _, b in document.blocks() if b.kind == PARAGRAPH)


@pytest.mark.parametrize(
    "lang,angle", [("kk", 4.0), ("kk", -5.0), ("ru", 5.0), ("ru", -3.0), ("en", 3.0), ("en", -4.0)]
)
def test_a_page_turned_by_3_to_5_degrees_reads_within_the_bound(lang, angle):
    # unstraightened, Tesseract loses most of a page turned 3° or more clockwise
    # (benchmarks/ocr_scans.py prints the CER with and without straightening)
    page = render_page(TEXTS[lang], 12, seed=4, skew=angle)
    document = images.read_pages([("p.png", page)], "scan", languages=[lang])
    assert cer(TEXTS[lang], book_text(document)) < CER_BOUND[lang]


@pytest.mark.parametrize("angle", [-5.0, -3.0, 1.5, 4.0])
def test_skew_is_measured_to_a_tenth_of_a_degree(angle):
    page = Image.open(io.BytesIO(render_page(TEXTS["kk"], 7, head=HEADS["kk"], skew=angle)))
    assert deskew.skew_angle(page) == pytest.approx(-angle, abs=0.1)


def test_a_nearly_level_page_is_left_as_it_is():
    page = render_page(TEXTS["ru"], 7, skew=0.6)
    assert deskew.straighten(page) == (page, 0.0)


def test_each_page_records_its_languages_and_a_kazakh_page_is_read_with_kaz_alone():
    mixed = render_page(TEXTS["kk"] + " " + TEXTS["ru"], 3, seed=2)
    pages = ocr.recognise(
        [render_page(TEXTS["ru"], 1), render_page(TEXTS["en"], 2, skew=-4.0), mixed, render_page(TEXTS["kk"], 4)]
    )
    assert [sorted(page.languages) for page in pages] == [["ru"], ["en"], ["kk", "ru"], ["kk"]]
    assert [page.models for page in pages] == [ocr.ALL_LANGUAGES] * 3 + ["kaz"]
    assert [round(page.skew) for page in pages] == [0, 4, 0, 0]


def test_a_line_the_page_models_could_not_write_brings_its_language_in():
    from accessreader.content.pdflayout import Line

    def line(text):
        return Line(0, 300, 10, 0, 10, [(text, "")])

    russian = [line("Центральная городская библиотека открыла в этом году новый зал")] * 12
    english = line("The central city library opened a new reading room")
    kazakh = line("Қаланың орталық кітапханасы биыл жаңа оқу залын ашты")
    assert ocr.page_languages(russian + [english]) == ["ru", "en"]
    assert ocr.page_languages(russian + [kazakh]) == ["ru", "kk"]  # rus has no Қ, Ә, …
    assert ocr.page_languages([kazakh] * 12 + russian[:1]) == ["kk"]  # kaz has all of Russian's letters


def test_an_english_page_in_a_book_said_to_be_kazakh_and_russian_is_read_with_english_too():
    page = render_page(TEXTS["en"], 9, seed=6)
    document = images.read_pages([("p.png", page)], "scan", languages=["kk", "ru"])
    assert cer(TEXTS["en"], book_text(document)) < CER_BOUND["en"]
    assert all(b.lang == "en" for _, b in document.blocks() if b.kind == PARAGRAPH)


def test_multi_page_tiff_becomes_pages_with_markers_headings_and_no_running_heads():
    frames = [
        Image.open(
            io.BytesIO(
                render_page(TEXTS["kk"], n, head=HEADS["kk"], heading="Бірінші тарау" if n == 21 else "", seed=n)
            )
        )
        for n in (21, 22, 23)
    ]
    tiff = io.BytesIO()
    frames[0].save(tiff, "TIFF", save_all=True, append_images=frames[1:])
    document = content.read(tiff.getvalue(), "local-history.tiff")
    blocks = [b for _, b in document.blocks()]
    assert [b.text for b in blocks if b.kind == PAGE_MARKER] == ["21", "22", "23"]
    assert [b.text for b in blocks if b.kind == HEADING] == ["Бірінші тарау"]
    assert not any(HEADS["kk"] in b.text for b in blocks)
    assert all(b.confidence and b.confidence > 80 for b in blocks if b.kind == PARAGRAPH)
    assert document.metadata.source_format == "scan"
    assert not document.notices


def test_a_poor_scan_is_listed_for_staff_to_check():
    page = render_page(TEXTS["ru"], 30, seed=5, blur=7)
    document = images.read_pages([("bad.png", page)], "bad", languages=["ru"])
    assert [n.code for n in document.notices] == ["ocr_low_confidence"]


def test_page_without_text_is_refused_with_a_clear_error():
    blank = io.BytesIO()
    Image.new("L", (800, 1000), 255).save(blank, "PNG")
    with pytest.raises(NoTextFound):
        content.read(blank.getvalue(), "blank.png")


def test_broken_image_is_reported_as_damaged():
    png = render_page(TEXTS["en"], 2)
    with pytest.raises(CorruptFile):
        content.read(png[:200], "cut.png")


def test_tesseract_language_names():
    assert ocr.tesseract_languages(["kk", "ru"]) == "kaz+rus"
    assert ocr.tesseract_languages(["de"]) == ocr.ALL_LANGUAGES
    assert ocr.tesseract_languages(["ru"]) == "kaz+rus"  # Kazakh names in Russian reports
    assert ocr.tesseract_languages(["en", "ru"]) == "eng+kaz+rus"


def test_inspect_reads_a_folder_of_page_images_as_one_book(tmp_path):
    import json

    from click.testing import CliRunner

    from accessreader.cli import main

    for number in (41, 42):
        (tmp_path / f"page-{number}.png").write_bytes(render_page(TEXTS["en"], number, head=HEADS["en"], seed=number))
    result = CliRunner().invoke(main, ["inspect", "--json", str(tmp_path)])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output.splitlines()[-1])
    assert summary["page_markers"] == 2
    assert summary["languages"] == {"en": summary["blocks"]}


def test_a_pdf_mixing_text_pages_and_scanned_pages_reads_both():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("serif", "", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
    pdf.set_font("serif", "", 11)
    pdf.add_page()
    pdf.text(20, 40, "Бұл беттің мәтін қабаты бар.")
    pdf.add_page()
    pdf.image(io.BytesIO(render_page(TEXTS["ru"], 2, heading="Глава вторая", seed=9)), x=15, y=20, w=180, h=255)
    document = content.read(bytes(pdf.output()), "mixed.pdf")
    paragraphs = [b for _, b in document.blocks() if b.kind == PARAGRAPH]
    assert paragraphs[0].text == "Бұл беттің мәтін қабаты бар." and paragraphs[0].confidence is None
    assert [b.text for _, b in document.blocks() if b.kind == HEADING] == ["Глава вторая"]
    scanned = " ".join(b.text for b in paragraphs[1:])
    assert cer(TEXTS["ru"], scanned) < CER_BOUND["ru"]
    assert all(b.confidence > 80 and b.lang == "ru" for b in paragraphs[1:])
    assert [n.code for n in document.notices] == ["pdf_scanned_pages"]


def test_kazakh_names_on_a_russian_page_keep_their_letters():
    text = (
        "В отчётный период библиотека аула Аққожа провела встречу с поэтом Басқар Мұздыбаевой. "
        "Читатели обсудили сборник «Ең жас» и статью на 15 бет. По итогам года библиотекарь "
        "Гүлнар Әбенова получила грамоту. Встреча прошла в читальном зале № 2."
    )
    document = images.read_pages([("p.png", render_page(text, 12, seed=3))], "scan", languages=["ru"])
    read = book_text(document)
    for name in ("Аққожа", "Басқар", "Мұздыбаевой", "«Ең жас»", "Гүлнар Әбенова", "№ 2", "15 бет"):
        assert name in read


def test_the_number_sign_survives_on_a_kazakh_page_read_again_with_kaz_alone():
    text = (
        "Аққожа ауылының кітапханасында «Ең жас» (№4) атты кеш өтті. Оқырмандар № 2 залда "
        "Мұздыбаеваның өлеңдерін оқыды. Кітапханашылар жаңа кітаптарды таныстырды, олардың көбі "
        "қазақ тілінде жазылған."
    )
    pages = [ocr.read_page(render_page(text, 12, seed=3), 1)]
    assert pages[0].models == "kaz"
    read = " ".join(line.text for line in pages[0].lines)
    assert "(№4)" in read and "№ 2" in read and "Мұздыбаеваның" in read


def test_the_kazakh_page_shorthand_survives_where_the_models_read_a_six():
    text = (
        "Әдебиеттер тізімі. 1. Әуезов М. Абай жолы. – Алматы: Жазушы, 2016. – 22б. "
        "2. Сейфуллин С. Өлеңдер. – Астана: Фолиант, 2019. – 256 б. "
        "3. Жұмабаев М. Шығармалары. – Алматы, 2014. – 48б. Жинақ 2019 ж., 96 б. "
        "Биыл келген оқырмандар саны – 236. Газет 2016. – 12 сәуір."
    )
    level, _angle = deskew.straighten(render_page(text, 12, seed=1))
    raw = " ".join(line.text for line in ocr.recognise_page(level, 1, "kaz").lines)
    assert "226." in raw and "96 6." in raw  # what Tesseract reads for 22б. and 96 б.
    read = " ".join(line.text for line in ocr.read_page(render_page(text, 12, seed=1), 1).lines)
    for kept in ("2016. - 22б.", "256 б.", "48б.", "96 б.", "саны - 236.", "Газет 2016. - 12"):
        assert kept in read
