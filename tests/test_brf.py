import pytest

from accessreader.braille import brf, louis
from accessreader.braille.layout import Layout, paginate
from accessreader.braille.tables import Code
from accessreader.braille.translate import translate_document
from accessreader.errors import SixDotsOnly
from tests.braille_samples import corpus_document, long_document


def brf_of(document, layout=Layout()):
    return brf.write(paginate(document, translate_document(document, Code()), layout)).decode("ascii")


def test_brf_pages_lines_and_form_feeds():
    text = brf_of(long_document(60), Layout(32, 20))
    pages = text.split("\f")
    assert pages[-1] == ""
    for page in pages[:-1]:
        lines = page.split("\r\n")
        assert lines[-1] == ""
        assert 1 <= len(lines) - 1 <= 20
        assert all(len(line) <= 32 and line == line.rstrip() for line in lines)
        assert all(" " <= char <= "_" for char in page.replace("\r\n", ""))
    body = pages[2:-1]
    for number, page in enumerate(body, start=1):
        first = page.split("\r\n")[0]
        assert first.endswith("#" + "".join("JABCDEFGHI"[int(d)] for d in str(number)))
        assert len(first) == 32


def test_kazakh_brf_matches_liblouis_brf_display_table():
    text = "Қазақ әліпбиі: ғ, қ, ң, ө, ұ, ү, һ, і."
    cells = louis.translate(("ru-unicode.dis", "kk.utb"), text).cells
    assert brf.to_ascii(cells) == louis._louis.translateString(["ru-brf.dis", "kk.utb"], text)
    assert brf.from_ascii(brf.to_ascii(cells)) == cells


def test_corpus_golden_lines():
    lines = brf_of(corpus_document()).split("\r\n")
    assert "  ?AZA? >LYPBIY3 A > B W G ] D E * J Z I" in lines
    assert "--------------------------------------#A" in lines
    assert any(line.startswith("  ,! *N 7 GO+ HOME") for line in lines)


def test_eight_dot_braille_is_refused():
    with pytest.raises(SixDotsOnly):
        brf.to_ascii("⠁⡚")
