"""Text lines of PDF pages by PDFium and by pdfminer, in one process and across a pool."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF
from PIL import Image

from accessreader.content import pdfpages
from accessreader.content.pdflayout import font_style, order

FONTS = Path("/usr/share/fonts/truetype/dejavu")


def sample_pdf(pages: int = 2) -> bytes:
    """A bold title, Kazakh lines, a hyphen at a line end, two columns, a picture; A4."""
    pdf = FPDF(format="A4")
    pdf.add_font("serif", "", str(FONTS / "DejaVuSerif.ttf"))
    pdf.add_font("serif", "B", str(FONTS / "DejaVuSerif-Bold.ttf"))
    for number in range(pages):
        pdf.add_page()
        pdf.set_font("serif", "B", 16)
        pdf.text(20, 30, f"Бірінші тарау {number + 1}")
        pdf.set_font("serif", "", 11)
        pdf.text(20, 45, "Қазақ әдебиеті өлең сөз және биб-")
        pdf.text(20, 51, "лиотека оқырмандары үшін.")
        for row in range(4):
            pdf.text(20, 70 + row * 6, f"Сол жақ баған {row}")
            pdf.text(110, 70 + row * 6, f"Оң жақ баған {row}")
        if number == 1:
            pdf.image(Image.new("L", (40, 40), 128), x=20, y=120, w=30)
    return bytes(pdf.output())


def turned_pdf(degrees: int, angle: int) -> bytes:
    """A page whose lines are drawn turned by ``angle`` and shown upright by ``/Rotate degrees``
    (how landscape pages are often stored)."""
    pdf = FPDF(format="A4")
    pdf.add_font("serif", "", str(FONTS / "DejaVuSerif.ttf"))
    pdf.set_font("serif", "", 14)
    pdf.add_page()
    for row in range(3):
        x, y = 40 + row * 10, 250
        with pdf.rotation(angle, x=x, y=y):
            pdf.text(x, y, f"Көлденең жол {row}")
    document = pdfium.PdfDocument(bytes(pdf.output()))
    document[0].set_rotation(degrees)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def raw_pdf(content: bytes) -> bytes:
    """A one-page PDF with this content stream and Helvetica-Bold as /F1."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 600 800] >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    start = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start))
    return out.getvalue()


def reading(page: pdfpages.PrintedPage) -> list[str]:
    return [" ".join(line.text.split()) for line in order(page.lines)]


def test_both_engines_give_the_same_lines():
    data = sample_pdf()
    ours, _ = pdfpages.read_range(data, 0, 2, "pdfium")
    reference, _ = pdfpages.read_range(data, 0, 2, "pdfminer")
    for page, expected in zip(ours, reference):
        assert reading(page) == reading(expected)
        assert (page.bottom, page.height, page.pictured) == (
            expected.bottom,
            pytest.approx(expected.height),
            expected.pictured,
        )
        for line, other in zip(order(page.lines), order(expected.lines)):
            assert (line.size, line.bold) == (pytest.approx(other.size), other.bold)
            assert (line.top, line.bottom, line.x1) == pytest.approx((other.top, other.bottom, other.x1), abs=0.5)
    assert reading(ours[0])[:2] == ["Бірінші тарау 1", "Қазақ әдебиеті өлең сөз және биб-"]
    assert reading(ours[0])[3:5] == ["Сол жақ баған 0", "Сол жақ баған 1"]
    assert [page.pictured for page in ours] == [False, True]


@pytest.mark.parametrize(("degrees", "angle", "first"), [(90, 90, 0), (270, -90, 2)])
def test_turned_pages_are_read_as_shown(degrees, angle, first):
    data = turned_pdf(degrees, angle)
    ((page,), _), ((expected,), _) = (pdfpages.read_range(data, 0, 1, engine) for engine in pdfpages.ENGINES)
    assert reading(page) == reading(expected)
    assert reading(page)[0] == f"Көлденең жол {first}" and len(page.lines) == 3
    assert page.height == pytest.approx(595.28, abs=0.1)  # A4 on its side
    for line, other in zip(order(page.lines), order(expected.lines)):
        assert (line.top, line.x0) == pytest.approx((other.top, other.x0), abs=0.5)


def test_text_scaled_by_its_matrix_gets_its_printed_size_and_font():
    data = raw_pdf(
        b"BT /F1 1 Tf 12 0 0 12 72 700 Tm (Title) Tj ET q 2 0 0 2 0 0 cm BT /F1 5 Tf 36 300 Td (Body) Tj ET Q"
    )
    for engine in pdfpages.ENGINES:
        (page,), _ = pdfpages.read_range(data, 0, 1, engine)
        found = {line.text: (round(line.size, 1), font_style(line.runs[0][1])) for line in page.lines}
        assert found == {"Title": (12.0, "b"), "Body": (10.0, "b")}, engine


@pytest.mark.parametrize("engine", pdfpages.ENGINES)
def test_pages_read_across_processes_match_one_process(engine):
    count = pdfpages.RANGE_PAGES + 6  # two ranges, so two workers share the book
    data = sample_pdf(count)
    alone, _ = pdfpages.lines(data, count, engine, workers=1)
    pooled, _ = pdfpages.lines(data, count, engine, workers=2)
    assert [reading(page) for page in pooled] == [reading(page) for page in alone]
    assert [[(l.top, l.x0) for l in page.lines] for page in pooled] == [
        [(l.top, l.x0) for l in page.lines] for page in alone
    ]
    assert reading(pooled[-1])[0] == f"Бірінші тарау {count}"


def test_an_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="pdfium"):
        pdfpages.lines(sample_pdf(1), 1, "poppler")
