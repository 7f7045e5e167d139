"""The standalone HTML reader: character sets, metadata, chapters, and the way in through sniffing and the CLI."""

import codecs
import json

import pytest
from click.testing import CliRunner

from accessreader import content
from accessreader.cli import main
from accessreader.content import html
from accessreader.content.safety import DEFAULT_LIMITS
from accessreader.errors import EmptyFile, UnsafeXml

PAGE = """<!DOCTYPE html>
<html lang="ru"><head>{meta}<title>Степные сказки</title>
<meta name="author" content="Ыбырай Алтынсарин"><meta name="DC.creator" content="Переводчик">
<meta name="description" content="Сборник рассказов"></head>
<body><p>Предисловие</p>
<h1>Первая сказка</h1><p>Жил-был <span lang="kk">«Алдар Көсе»</span>.</p>
<h2>Часть</h2><p>Текст.</p>
<h1>Вторая сказка</h1><p>Конец.</p></body></html>"""
RUSSIAN = PAGE.replace("«Алдар Көсе»", "Алдар Косе")  # for the one-byte Cyrillic code pages, which lack Kazakh letters


def read(data: bytes, name: str = "book.html"):
    return html.read(data, name, DEFAULT_LIMITS)


def test_metadata_comes_from_the_head():
    doc = read(PAGE.format(meta='<meta charset="utf-8">').encode())
    meta = doc.metadata
    assert meta.title == "Степные сказки"
    assert meta.authors == ["Ыбырай Алтынсарин", "Переводчик"]
    assert meta.description == "Сборник рассказов"
    assert meta.languages == ["ru"]


def test_a_chapter_starts_at_each_top_level_heading():
    doc = read(PAGE.format(meta="").encode())
    assert [c.title for c in doc.chapters] == ["", "Первая сказка", "Вторая сказка"]
    assert [b.text for b in doc.chapters[1].blocks] == ["Первая сказка", "Жил-был «Алдар Көсе».", "Часть", "Текст."]
    para = doc.chapters[1].blocks[1]
    assert para.lang == "ru"
    assert [(para.text[s.start : s.end], s.value) for s in para.spans] == [("«Алдар Көсе»", "kk")]


def test_without_h1_the_highest_heading_present_splits_chapters():
    doc = read(b"<html><body><h2>A</h2><p>a</p><h3>A.1</h3><p>b</p><h2>B</h2><p>c</p></body></html>")
    assert [c.title for c in doc.chapters] == ["A", "B"]


@pytest.mark.parametrize(
    "data",
    [
        RUSSIAN.format(meta='<meta charset="windows-1251">').encode("cp1251"),
        RUSSIAN.format(meta='<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">').encode("koi8_r"),
        codecs.BOM_UTF16_LE + RUSSIAN.format(meta="").encode("utf-16-le"),
        codecs.BOM_UTF8 + RUSSIAN.format(meta="").encode("utf-8"),
        RUSSIAN.format(meta="").encode("cp1251"),  # no declaration at all: guessed from the content
        ('<?xml version="1.0" encoding="windows-1251"?>\n' + RUSSIAN.format(meta="")).encode("cp1251"),
    ],
    ids=["meta-charset", "http-equiv", "utf16-bom", "utf8-bom", "undeclared-cp1251", "xml-declaration"],
)
def test_character_sets_are_decided_from_bom_meta_or_content(data):
    doc = read(data)
    assert doc.metadata.title == "Степные сказки"
    assert doc.chapters[2].blocks[1].text == "Конец."


def test_entity_declarations_are_refused():
    data = b'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaaaa">]><html><body><p>&a;</p></body></html>'
    with pytest.raises(UnsafeXml):
        read(data)


def test_read_sniffs_html_and_finishes_the_document():
    doc = content.read(PAGE.format(meta="").encode(), "tales.htm")
    assert doc.metadata.source_format == "html"
    assert [e.title for e in doc.toc] == ["Первая сказка", "Часть", "Вторая сказка"]
    assert all(b.sentences for _, b in doc.blocks())


def test_cli_inspect_json(tmp_path):
    path = tmp_path / "tales.html"
    path.write_bytes(PAGE.format(meta='<meta charset="utf-8">').encode())
    result = CliRunner().invoke(main, ["inspect", "--json", str(path)])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["format"] == "html"
    assert summary["authors"] == ["Ыбырай Алтынсарин", "Переводчик"]
    assert [h["text"] for h in summary["headings"]] == ["Первая сказка", "Часть", "Вторая сказка"]
    assert summary["chapters"] == 3


def test_cli_refuses_unsafe_html_with_a_message_and_exit_code_2(tmp_path):
    path = tmp_path / "bad.html"
    path.write_bytes(b'<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><body>&x;</body></html>')
    result = CliRunner().invoke(main, ["--lang", "ru", "inspect", str(path)])
    assert result.exit_code == 2
    assert "отклонён ради безопасности" in result.output
    assert "Traceback" not in result.output


def test_a_page_break_just_before_a_chapter_heading_opens_that_chapter():
    doc = read(
        b'<html><body><span role="doc-pagebreak" aria-label="1"></span><h1>One</h1><p>a</p>'
        b'<div epub:type="pagebreak" id="page2"></div><h1>Two</h1><p>b</p></body></html>'
    )
    assert [[(b.kind, b.text) for b in c.blocks] for c in doc.chapters] == [
        [("page_marker", "1"), ("heading", "One"), ("paragraph", "a")],
        [("page_marker", "2"), ("heading", "Two"), ("paragraph", "b")],
    ]


def test_a_page_with_no_readable_text_is_empty():
    with pytest.raises(EmptyFile):
        read(b"<html><head><title>x</title></head><body><script>var a;</script><p hidden>no</p></body></html>")
