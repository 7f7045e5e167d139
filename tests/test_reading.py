"""A chapter as accessible HTML: elements by kind, ids as anchors, lang on every block and embedded run."""

from __future__ import annotations

from lxml import html

from accessreader.model import Block, Cell, Chapter, Locator, Sentence, Span
from accessreader.server.reading import anchor, html_lang, render_chapter


def rendered(*blocks: Block):
    return html.fromstring(f"<article>{render_chapter(Chapter('t', list(blocks)), 'en')}</article>")


def test_blocks_become_their_elements_with_ids_and_languages():
    article = rendered(
        Block("c0b0", "heading", "Бірінші тарау", "kk", level=1),
        Block("c0b1", "paragraph", "Мәтін.", "kk"),
        Block("c0b2", "list_item", "один", "ru", level=1, label="1."),
        Block("c0b3", "list_item", "два", "ru", level=1, label="2."),
        Block("c0b4", "stanza", "line one\nline two", "en"),
        Block("c0b5", "table", "Год: 2024", "ru", rows=[[Cell("Год", True)], [Cell("2024")]]),
        Block("c0b6", "page_marker", "12", "zxx"),
        Block("c0b7", "image", "A map", "und"),
    )
    assert [(e.tag, e.get("id"), e.get("lang")) for e in article.xpath("./*[@id] | ./ul/li")] == [
        ("h2", "c0b0", "kk"), ("p", "c0b1", "kk"), ("li", "c0b2", "ru"), ("li", "c0b3", "ru"),
        ("p", "c0b4", "en"), ("table", "c0b5", "ru"), ("p", "c0b6", ""), ("p", "c0b7", ""),
    ]  # fmt: skip
    assert len(article.xpath("./ul")) == 1 and article.xpath("./ul/li[1]/span/text()") == ["1."]
    assert len(article.xpath("//p[@id='c0b4']/br")) == 1
    assert article.xpath("//th[@scope='col']/text()") == ["Год"] and article.xpath("//td/text()") == ["2024"]
    assert html_lang("und") == "" and html_lang("kk") == "kk"


def test_spans_nest_even_when_they_overlap():
    text = "Ол айтты: hello world, бітті¹"
    block = Block("c1b2", "paragraph", text, "kk", spans=[
        Span("lang", 10, 21, "en"), Span("emphasis", 16, 24, "italic"), Span("noteref", 28, 29, "c1b9"),
    ])  # fmt: skip
    note = Block("c1b9", "note", "Түсініктеме.", "kk", label="1", note_ref="c1b2")
    article = rendered(block, note)
    paragraph = article.get_element_by_id("c1b2")
    assert paragraph.text_content() == text
    assert [s.text_content() for s in paragraph.xpath(".//span[@lang='en']")] == ["hello ", "world"]
    assert "".join(e.text_content() for e in paragraph.xpath(".//em")) == "world, б"
    assert paragraph.xpath(".//a/@href") == ["#c1b9"]
    assert article.get_element_by_id("c1b9").xpath(".//a/@href") == ["#c1b2"]


def test_text_is_escaped():
    article = rendered(Block("c0b0", "paragraph", "<script>alert(1)</script> & co", "en"))
    assert article.xpath("//script") == [] and article.text_content().strip() == "<script>alert(1)</script> & co"


def test_each_sentence_is_an_anchor_that_a_locator_points_at():
    paragraph = Block("c1b2", "paragraph", "Бір сөйлем. Hello there. Үшінші.", "kk", spans=[Span("lang", 12, 24, "en")],
                      sentences=[Sentence(0, 11), Sentence(12, 24), Sentence(25, 32)])  # fmt: skip
    table = Block(
        "c1b3", "table", "Год: 2024", "ru", rows=[[Cell("Год", True)], [Cell("2024")]], sentences=[Sentence(0, 9)]
    )
    chapter = Chapter("t", [paragraph, table])
    article = html.fromstring(f"<article>{render_chapter(chapter, 'en')}</article>")
    element = article.get_element_by_id("c1b2")
    assert [(s.get("id"), s.text_content()) for s in element.xpath("./span[@class='s']")] == [
        ("c1b2s0", "Бір сөйлем."), ("c1b2s1", "Hello there."), ("c1b2s2", "Үшінші."),
    ]  # fmt: skip
    assert element.text_content() == paragraph.text and element.get("lang") == "kk"
    assert article.get_element_by_id("c1b2s1").xpath("./span/@lang") == ["en"]
    assert article.xpath("//table//span") == []  # a table's cells are not its linearised sentences
    assert anchor(chapter, Locator(1, "c1b2", 2, 25)) == "c1b2s2"
    assert anchor(chapter, Locator(1, "c1b3", 0, 0)) == "c1b3"
    assert anchor(chapter, Locator(1, "c1b2", 9, 0)) == "c1b2"  # no such sentence: its block
    assert anchor(chapter, Locator(1, "c9b9", 0, 0)) == ""
