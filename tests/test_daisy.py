"""DAISY 2.02 books: required metadata, totalTime, every clip inside its audio, every link resolves."""

from __future__ import annotations

import re

import mutagen
import pytest
from lxml import etree

from accessreader.tts.daisy import hms, npt, write_daisy
from accessreader.tts.script import speech_script
from accessreader.tts.synthesis import SpeechOptions, render
from tests.speech_fixtures import marked_up_book, two_chapter_book

REQUIRED = (
    "dc:creator dc:date dc:format dc:identifier dc:language dc:publisher dc:title ncc:charset ncc:depth "
    "ncc:files ncc:footnotes ncc:generator ncc:kByteSize ncc:maxPageNormal ncc:multimediaType ncc:pageFront "
    "ncc:pageNormal ncc:pageSpecial ncc:prodNotes ncc:setInfo ncc:sidebars ncc:tocItems ncc:totalTime"
).split()
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def daisy(tmp_path_factory):
    book = two_chapter_book()
    audio = render(speech_script(book), ["mp3"], tmp_path_factory.mktemp("audio"), SpeechOptions(workers=2))
    folder = tmp_path_factory.mktemp("daisy")
    return write_daisy(book, audio, folder), audio


@pytest.fixture(scope="module")
def marked_up(tmp_path_factory):
    book = marked_up_book()
    audio = render(speech_script(book), ["mp3"], tmp_path_factory.mktemp("audio"), SpeechOptions(workers=2))
    return write_daisy(book, audio, tmp_path_factory.mktemp("daisy")), audio


def seconds(clock: str) -> float:
    return float(re.fullmatch(r"npt=([0-9.]+)s", clock).group(1))


def test_ncc_has_the_required_metadata(daisy):
    ncc, _ = daisy
    tree = etree.parse(str(ncc))
    meta = {m.get("name"): m.get("content") for m in tree.iter(f"{XHTML}meta") if m.get("name")}
    assert [name for name in REQUIRED if name not in meta] == []
    assert meta["dc:format"] == "Daisy 2.02" and meta["ncc:multimediaType"] == "audioFullText"
    assert meta["dc:title"] == "Сынақ кітабы" and meta["dc:language"] == "kk"
    assert meta["ncc:tocItems"] == "2" and meta["ncc:pageNormal"] == "1" and meta["ncc:maxPageNormal"] == "2"
    assert meta["ncc:narrator"] == "espeak-ng kk, espeak-ng ru (synthetic speech)"  # the voices that read it
    assert int(meta["ncc:files"]) == len(list(ncc.parent.iterdir()))


def test_total_time_matches_the_audio_files(daisy):
    ncc, _ = daisy
    meta = {m.get("name"): m.get("content") for m in etree.parse(str(ncc)).iter(f"{XHTML}meta")}
    total = sum(mutagen.File(p).info.length for p in ncc.parent.glob("*.mp3"))
    h, m, s = map(int, meta["ncc:totalTime"].split(":"))
    assert abs(h * 3600 + m * 60 + s - total) <= 0.5


def test_every_clip_lies_inside_its_audio_and_every_text_exists(daisy):
    ncc, audio = daisy
    folder = ncc.parent
    content_ids = set(etree.parse(str(folder / "content.html")).xpath("//@id"))
    pars = 0
    for smil in sorted(folder.glob("*.smil")):
        tree = etree.parse(str(smil))
        for par in tree.iter("par"):
            text, clip = par.find("text"), par.find("audio")
            file, fragment = text.get("src").split("#")
            assert file == "content.html" and fragment in content_ids
            length = mutagen.File(folder / clip.get("src")).info.length
            begin, end = seconds(clip.get("clip-begin")), seconds(clip.get("clip-end"))
            assert 0 <= begin < end <= length + 0.001
            pars += 1
    assert pars == sum(len(c.timings) for c in audio)


def test_ncc_links_reach_smil_text_elements(daisy):
    ncc, _ = daisy
    links = etree.parse(str(ncc)).xpath("//x:a/@href", namespaces={"x": XHTML[1:-1]})
    assert len(links) == 3  # two headings and one print page
    for link in links:
        file, fragment = link.split("#")
        assert etree.parse(str(ncc.parent / file)).xpath(f"//text[@id='{fragment}']")
    first = etree.parse(str(ncc)).xpath("//x:body/*[1]", namespaces={"x": XHTML[1:-1]})[0]
    assert first.tag == f"{XHTML}h1" and first.get("class") == "title"


def test_the_text_keeps_emphasis_language_spans_lists_tables_and_notes(marked_up):
    ncc, audio = marked_up
    content = etree.parse(str(ncc.parent / "content.html"))
    x = lambda path: content.xpath(path, namespaces={"x": XHTML[1:-1]})  # noqa: E731
    assert x("//x:em/text()") == ["очень внимательно"]
    title = x("//x:p//x:span[@lang='kk']")
    assert [(s.text, s.get("{http://www.w3.org/XML/1998/namespace}lang")) for s in title] == [("«Абай жолы»", "kk")]
    assert [li.get("id") for li in x("//x:ul/x:li")] == ["c0b2", "c0b3"]
    assert x("//x:table//x:th/text()") == ["Год", "Книги"] and x("//x:table//x:td/text()")[-1] == "300"
    assert x("//x:p[@id='c0b1']//x:a/@href") == ["#c1b0"] and x("//x:p[@id='c1b0']/x:a/@href") == ["#c0b1"]
    ids = set(content.xpath("//@id"))
    spoken = [t.sentence_id for chapter in audio for t in chapter.timings]
    assert "c0b4s2" in spoken and [s for s in spoken if s not in ids] == []


def test_clock_formats():
    assert hms(3725.4) == "01:02:05" and npt(1.23456) == "npt=1.235s"
