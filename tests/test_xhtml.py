"""The one chapter renderer in its talking-book style: well-formed XHTML, every spoken sentence an anchor."""

from __future__ import annotations

from lxml import etree

from accessreader.model import Block, Cell, Chapter, Sentence, Span, linearise_table
from accessreader.xhtml import WEB, Style, render

BOOK = Style(xml=True, every_sentence=True)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse(chapter: Chapter, style: Style = BOOK):
    return etree.fromstring(f"<div>{render(chapter, style)}</div>")


def test_each_sentence_is_a_span_with_its_id_and_text_is_escaped():
    block = Block("c0b1", "paragraph", "A < B. C & D.", lang="en", sentences=[Sentence(0, 6), Sentence(7, 13)])
    element = parse(Chapter("t", [block]))[0]
    assert element.tag == "p" and element.get("id") == "c0b1" and element.get("lang") == "en"
    assert element.get(XML_LANG) == "en"
    assert [(s.get("id"), s.text) for s in element] == [("c0b1s0", "A < B."), ("c0b1s1", "C & D.")]
    assert "".join(element.itertext()) == block.text


def test_an_embedded_language_and_emphasis_are_kept_with_xml_lang():
    text = "Роман «Абай жолы» написан давно."
    block = Block("c0b0", "paragraph", text, "ru", sentences=[Sentence(0, len(text))],
                  spans=[Span("lang", 6, 17, "kk"), Span("emphasis", 26, 31, "em")])  # fmt: skip
    element = parse(Chapter("t", [block]))[0]
    title = element.xpath(".//span[@lang='kk']")
    assert [(s.text, s.get(XML_LANG)) for s in title] == [("«Абай жолы»", "kk")]
    assert element.xpath(".//em/text()") == ["давно"]


def test_headings_lines_and_page_numbers():
    heading = Block("c0b0", "heading", "I тарау", lang="kk", level=9, sentences=[Sentence(0, 7)])
    stanza = Block("c0b2", "stanza", "бір\nекі", lang="kk", sentences=[Sentence(0, 7)])
    page = Block("c0b3", "page_marker", "12", lang="zxx")
    root = parse(Chapter("I", [heading, stanza, page]))
    assert [e.tag for e in root] == ["h6", "p", "p"]
    assert root[1].find("span").find("br") is not None
    assert root[2].get("class") == "page" and root[2].get("lang") is None
    assert root[2][0].get("id") == "c0b3s0" and root[2][0].text == "12"


def test_a_tables_spoken_sentences_are_on_its_rows_and_cells():
    rows = [[Cell("Год", True), Cell("Книги", True)], [Cell("2023"), Cell("Сто. Двести.")], [Cell("2024"), Cell("300")]]
    text = linearise_table(rows)  # "Год: 2023; Книги: Сто. Двести.\nГод: 2024; Книги: 300"
    table = Block("c0b4", "table", text, "ru", rows=rows,
                  sentences=[Sentence(0, 22), Sentence(23, 30), Sentence(31, len(text))])  # fmt: skip
    root = parse(Chapter("t", [table]))
    assert root[0].tag == "table" and root[0].xpath(".//th/text()") == ["Год", "Книги"]
    assert root.xpath("//*[@id='c0b4s0']/text()") == ["2023"] and root.xpath("//*[@id='c0b4s1']/text()") == ["Двести."]
    assert root.xpath("//tr[@id='c0b4s2']/td/text()") == ["2024", "300"]
    # the web page marks no sentence in a table: its script takes the table as one place
    assert parse(Chapter("t", [table]), WEB).xpath("//table//@id") == ["c0b4"]
    # a table whose text is not its rows' (a stored Document's own) keeps its sentences as a paragraph
    table.text = "Другой текст. Совсем."
    table.sentences = [Sentence(0, 13), Sentence(14, 21)]
    assert parse(Chapter("t", [table])).xpath("//p/span/@id") == ["c0b4s0", "c0b4s1"]


def test_hostile_values_are_escaped_and_notes_link_only_where_reachable():
    text = "</p><script>x</script>¹"
    hostile = Block("c0b0", "paragraph", text, 'kk" onload="x', label="<b>", sentences=[Sentence(0, len(text))],
                    spans=[Span("noteref", len(text) - 1, len(text), '"><script>'), Span("lang", 0, 4, "en'x")])  # fmt: skip
    items = Block("c0b1", "list_item", "один", "ru", label='"><i>', sentences=[Sentence(0, 4)])
    note = Block("c0b2", "note", "Сноска.", "ru", label="1", note_ref="c9b9", sentences=[Sentence(0, 7)])
    root = parse(Chapter("t", [hostile, items, note]), Style(xml=True, every_sentence=True, note_href=lambda t: None))
    assert root.xpath("//script | //b | //i | //a") == []
    # The model refuses a lang that is no BCP 47 tag (it becomes "und"), so nothing of it reaches the page.
    assert hostile.lang == "und" and root[0].get("onload") is None and "onload" not in root[0].get("lang", "")
    assert "".join(root[0].itertext()) == text
    web = parse(Chapter("t", [hostile]), WEB)
    assert web.xpath("//a/@href") == ['#"><script>'] and web.xpath("//script") == []
