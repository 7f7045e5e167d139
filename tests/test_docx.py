"""The DOCX reader, on Word documents built here with python-docx (notes added to the package XML)."""

import io
import zipfile

import docx
import pytest
from click.testing import CliRunner
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

from accessreader import content
from accessreader.cli import main
from accessreader.errors import CorruptFile, UnsafeXml
from accessreader.model import HEADING, LIST_ITEM, NOTE, PAGE_MARKER, SPAN_LANG, SPAN_NOTEREF, TABLE

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _notes_part(package, kind: str, texts: dict[str, str]) -> None:
    body = "".join(
        f'<w:{kind} w:id="{nid}"><w:p><w:r><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:{kind}>'
        for nid, text in texts.items()
    )
    separator = f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s {W}>{separator}{body}</w:{kind}s>'
    part = Part(
        PackURI(f"/word/{kind}s.xml"),
        f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml",
        xml.encode(),
        package.part.package,
    )
    package.part.relate_to(part, RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES)


def _reference(paragraph, kind: str, nid: str) -> None:
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:{kind}Reference {W} w:id="{nid}"/>'))


def _lang(run, code: str) -> None:
    run._r.get_or_add_rPr().append(parse_xml(f'<w:lang {W} w:val="{code}"/>'))


def _russian_letter_list(package) -> str:
    numbering = package.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {W} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="russianLower"/><w:lvlText w:val="%1)"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num {W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def _numbered(paragraph, num_id: str, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def build() -> bytes:
    d = docx.Document()
    core = d.core_properties
    core.title, core.author, core.language = "Оқулық", "Иванов И. И.; Сейтқали А.", "kk-KZ"
    core.identifier, core.comments = "urn:isbn:978-601-00-0000-0", "Мектепке арналған"
    d.add_paragraph("Оқулық", style="Title")
    d.add_heading("Бірінші тарау", level=1)
    p = d.add_paragraph("Мәтін ")
    _lang(p.add_run("Hello world"), "en-US")
    p.add_run(" және сілтеме.")
    _reference(p, "footnote", "1")
    d.add_heading("Бөлім", level=2)
    localised = d.styles.add_style("Тақырып 2", WD_STYLE_TYPE.PARAGRAPH)
    localised.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="1"/>'))
    d.add_paragraph("Жергілікті стиль", style=localised)
    by_name = d.styles.add_style("Заголовок 3", WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("Аты бойынша", style=by_name)
    d.add_paragraph("алма", style="List Bullet")
    d.add_paragraph("алмұрт", style="List Bullet")
    d.add_paragraph("бір", style="List Number")
    d.add_paragraph("екі", style="List Number")
    num = _russian_letter_list(d)
    for text, level in (("первый", 0), ("вложенный", 1), ("ещё вложенный", 1), ("второй", 0), ("снова", 1)):
        _numbered(d.add_paragraph(text), num, level)
    table = d.add_table(rows=3, cols=3)
    for col, text in enumerate(("Жыл", "Қала", "Саны")):
        table.rows[0].cells[col].paragraphs[0].add_run(text).bold = True
    for col, text in enumerate(("2024", "Алматы", "10")):
        table.rows[1].cells[col].text = text
    merged = table.rows[2].cells[0].merge(table.rows[2].cells[1])
    merged.text = "Барлығы"
    table.rows[2].cells[2].text = "10"
    d.add_heading("Екінші тарау", level=1)
    breaking = d.add_paragraph("Беттің соңы")
    breaking.add_run().add_break(WD_BREAK.PAGE)
    breaking.add_run("келесі бет")
    d.add_paragraph("Жаңа бет").paragraph_format.page_break_before = True
    last = d.add_paragraph("Соңғы ескерту")
    _reference(last, "endnote", "2")
    plain = d.add_table(rows=2, cols=2)
    plain.rows[0].cells[0].text, plain.rows[0].cells[1].text = "а", "б"
    plain.rows[1].cells[0].text, plain.rows[1].cells[1].text = "в", "г"
    _notes_part(d, "footnote", {"1": "Сілтеме мәтіні."})
    _notes_part(d, "endnote", {"2": "Соңғы ескертпе."})
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def doc():
    return content.read(build(), "book.docx")


def blocks(document):
    return [block for _, block in document.blocks()]


def test_core_properties_become_metadata(doc):
    meta = doc.metadata
    assert meta.title == "Оқулық"
    assert meta.authors == ["Иванов И. И.", "Сейтқали А."]
    assert meta.identifier == "urn:isbn:978-601-00-0000-0"
    assert meta.description == "Мектепке арналған"
    assert meta.languages[0] == "kk"  # the declared language leads; Russian list items add "ru"


def test_headings_from_builtin_and_localised_styles_and_chapters(doc):
    headings = [(b.text, b.level) for b in blocks(doc) if b.kind == HEADING]
    assert headings == [
        ("Оқулық", 1),
        ("Бірінші тарау", 1),
        ("Бөлім", 2),
        ("Жергілікті стиль", 2),
        ("Аты бойынша", 3),
        ("Екінші тарау", 1),
    ]
    assert [c.title for c in doc.chapters] == ["Оқулық", "Бірінші тарау", "Екінші тарау"]


def test_list_labels_are_counted_per_list_and_level(doc):
    items = [(b.label, b.level, b.text) for b in blocks(doc) if b.kind == LIST_ITEM]
    assert items == [
        ("•", 1, "алма"),
        ("•", 1, "алмұрт"),
        ("1.", 1, "бір"),
        ("2.", 1, "екі"),
        ("а)", 1, "первый"),
        ("а.1.", 2, "вложенный"),
        ("а.2.", 2, "ещё вложенный"),
        ("б)", 1, "второй"),
        ("б.1.", 2, "снова"),
    ]


def test_tables_with_bold_header_row_and_merged_cells(doc):
    first, second = [b for b in blocks(doc) if b.kind == TABLE]
    assert [c.header for c in first.rows[0]] == [True, True, True]
    assert first.text == "Жыл: 2024; Қала: Алматы; Саны: 10\nЖыл: Барлығы; Саны: 10"
    assert not any(c.header for c in second.rows[0])
    assert second.text == "а; б\nв; г"


def test_footnotes_and_endnotes_are_linked_both_ways(doc):
    notes = [b for b in blocks(doc) if b.kind == NOTE]
    assert [(n.note_kind, n.label, n.text) for n in notes] == [
        ("footnote", "1", "Сілтеме мәтіні."),
        ("endnote", "i", "Соңғы ескертпе."),
    ]
    footnote, endnote = notes
    referrer = doc.block(footnote.note_ref)
    assert referrer.text == "Мәтін Hello world және сілтеме.1"
    assert [s.value for s in referrer.spans if s.kind == SPAN_NOTEREF] == [footnote.id]
    # the footnote closes the chapter that refers to it; the endnote ends the book
    assert doc.chapters[1].blocks[-1] is footnote
    assert blocks(doc)[-1] is endnote
    assert doc.block(endnote.note_ref).text == "Соңғы ескертуi"


def test_run_language_becomes_a_span(doc):
    para = next(b for b in blocks(doc) if b.text.startswith("Мәтін"))
    spans = [(para.text[s.start : s.end], s.value) for s in para.spans if s.kind == SPAN_LANG]
    assert spans == [("Hello world", "en")]
    assert para.lang == "kk"


def test_explicit_page_breaks_become_numbered_markers(doc):
    sequence = [
        b.text for b in blocks(doc) if b.kind == PAGE_MARKER or b.text in ("Беттің соңы", "келесі бет", "Жаңа бет")
    ]
    assert sequence == ["1", "Беттің соңы", "2", "келесі бет", "3", "Жаңа бет"]
    assert blocks(doc)[0].kind == PAGE_MARKER


def test_broken_and_hostile_packages_are_refused():
    data = build()
    with pytest.raises(CorruptFile):
        content.read(data[: len(data) // 2], "cut.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            payload = source.read(item)
            if item.filename == "word/document.xml":
                payload = payload.replace(b"?>", b'?><!DOCTYPE w:document [<!ENTITY x "boom">]>', 1)
            target.writestr(item, payload)
    with pytest.raises(UnsafeXml):
        content.read(buffer.getvalue(), "entity.docx")


def test_cli_inspect_reads_docx_and_exits_2_on_damage(tmp_path):
    good = tmp_path / "book.docx"
    good.write_bytes(build())
    bad = tmp_path / "bad.docx"
    bad.write_bytes(build()[:3000])
    runner = CliRunner()
    result = runner.invoke(main, ["--lang", "en", "inspect", str(good)])
    assert result.exit_code == 0, result.output
    assert "Бірінші тарау" in result.output and "3 print pages" in result.output
    result = runner.invoke(main, ["--lang", "kk", "inspect", str(bad)])
    assert result.exit_code == 2
    assert "DOCX файлы бүлінген" in result.output
