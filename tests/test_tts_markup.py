"""Talking-book text: sentences wrapped with their ids, well-formed, escaped."""

from __future__ import annotations

from lxml import etree

from accessreader.model import Block, Chapter, Sentence
from accessreader.tts.markup import block_html, chapter_body, timestamp


def parse(fragment: str):
    return etree.fromstring(f"<div>{fragment}</div>")


def test_each_sentence_is_a_span_with_its_id():
    block = Block("c0b1", "paragraph", "A < B. C & D.", lang="en", sentences=[Sentence(0, 6), Sentence(7, 13)])
    element = parse(block_html(block))[0]
    assert element.tag == "p" and element.get("id") == "c0b1" and element.get("lang") == "en"
    assert [(s.get("id"), s.text) for s in element] == [("c0b1s0", "A < B."), ("c0b1s1", "C & D.")]
    assert "".join(element.itertext()) == block.text


def test_headings_lines_and_blocks_without_sentences():
    heading = Block("c0b0", "heading", "I тарау", lang="kk", level=9, sentences=[Sentence(0, 7)])
    stanza = Block("c0b2", "stanza", "бір\nекі", lang="kk", sentences=[Sentence(0, 7)])
    page = Block("c0b3", "page_marker", "12", lang="zxx")
    root = parse(chapter_body(Chapter("I", [heading, stanza, page])))
    assert [e.tag for e in root] == ["h6", "p", "p"]
    assert root[1].find("span").find("br") is not None
    assert root[2].get("class") == "page-marker" and root[2].get("lang") is None
    assert root[2][0].get("id") == "c0b3s0" and root[2][0].text == "12"


def test_full_clock_values():
    assert timestamp(0) == "0:00:00.000" and timestamp(3725.0004) == "1:02:05.000"
    assert timestamp(59.9996) == "0:01:00.000"
