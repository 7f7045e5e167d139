"""OCR of generated scans (real Tesseract with kaz, rus and eng data)."""

import io

import pytest
from PIL import Image
from rapidfuzz.distance import Levenshtein

from accessreader import content
from accessreader.content import images, ocr
from accessreader.errors import CorruptFile, NoTextFound
from accessreader.model import HEADING, PAGE_MARKER, PARAGRAPH

from scanpages import HEADS, TEXTS, render_page

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


def test_multi_page_tiff_becomes_pages_with_markers_headings_and_no_running_heads():
    frames = [
        Image.open(io.BytesIO(render_page(TEXTS["kk"], n, head=HEADS["kk"], heading="Бірінші тарау" if n == 21 else "", seed=n)))
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
