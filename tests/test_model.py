from hypothesis import given
from hypothesis import strategies as st

from accessreader import __all__ as public
from accessreader.content.builder import DocumentBuilder, InlineText
from accessreader.model import HEADING, NOTE, PARAGRAPH, SPAN_LANG, SPAN_NOTEREF, TABLE, Cell, Document, Locator


def build_sample() -> Document:
    builder = DocumentBuilder("test")
    builder.metadata.title = "Sample"
    builder.chapter("One")
    builder.add(HEADING, "One", level=1)
    text = InlineText()
    text.add("В рамках кружка ")
    text.add("«Он саусақ»", lang="kk")
    text.add("  прошёл\n мастер-класс.")
    text.noteref("n1", "1")
    builder.add(PARAGRAPH, text, lang="ru")
    builder.page("12")
    builder.add(TABLE, rows=[[Cell("Год", True), Cell("Экз.", True)], [Cell("2024"), Cell("1 372 423")]])
    builder.add(NOTE, "Примечание.", note_kind="footnote", anchor="n1")
    return builder.build()


def test_inline_text_folds_space_and_keeps_span_offsets():
    doc = build_sample()
    para = doc.block("c0b1")
    assert para.text == "В рамках кружка «Он саусақ» прошёл мастер-класс.1"
    lang = [s for s in para.spans if s.kind == SPAN_LANG]
    assert [para.text[s.start : s.end] for s in lang] == ["«Он саусақ»"]
    ref = next(s for s in para.spans if s.kind == SPAN_NOTEREF)
    assert para.text[ref.start : ref.end] == "1"


@given(st.lists(st.text(alphabet=" \t\n\u00a0\u2003ab", max_size=8), max_size=5), st.booleans())
def test_inline_text_folds_every_run_of_white_space(pieces, keep_lines):
    text = InlineText(keep_lines=keep_lines)
    for index, piece in enumerate(pieces):
        text.add(piece, lang="en" if index % 2 else "")
    folded, spans = text.result("")
    assert folded.split() == "".join(pieces).split()
    assert folded == folded.strip() and "  " not in folded and " \n" not in folded and "\n " not in folded
    assert keep_lines or "\n" not in folded
    for span in spans:  # no white space at either end
        assert folded[span.start : span.end] == folded[span.start : span.end].strip() != ""


def test_note_references_link_both_ways():
    doc = build_sample()
    para = doc.block("c0b1")
    ref = next(s for s in para.spans if s.kind == SPAN_NOTEREF)
    note = doc.block(ref.value)
    assert note.kind == NOTE and note.note_ref == para.id


def test_table_is_linearised_with_headers():
    table = build_sample().block("c0b3")
    assert table.text == "Год: 2024; Экз.: 1 372 423"
    assert table.rows[0][0].header


def test_json_round_trip_is_lossless():
    doc = build_sample()
    again = Document.from_json(doc.to_json())
    assert again == doc
    assert again.to_json() == doc.to_json()


def test_locator_string_round_trip():
    loc = Locator(2, "c2b14", 1, 37)
    assert Locator.parse(str(loc)) == loc


def test_public_api_names_exist():
    import accessreader

    for name in public:
        assert hasattr(accessreader, name)


def test_stored_json_document_reads_back_through_content_read():
    from accessreader import content

    doc = build_sample()
    assert content.sniff(doc.to_json().encode()) == "json"
    assert content.read(doc.to_json().encode(), "book.json") == doc
