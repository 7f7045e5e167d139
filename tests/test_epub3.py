"""EPUB 3 media overlays: epubcheck finds no errors; durations and clips agree with the audio."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from accessreader.tts.epub3 import write_epub3
from accessreader.tts.script import speech_script
from accessreader.tts.synthesis import SpeechOptions, render
from tests.speech_fixtures import marked_up_book, two_chapter_book

EPUBCHECK = Path("/usr/share/java/epubcheck.jar")
OPF = {"opf": "http://www.idpf.org/2007/opf"}
SMIL = "{http://www.w3.org/ns/SMIL}"


@pytest.fixture(scope="module")
def epub(tmp_path_factory):
    book = two_chapter_book()
    audio = render(speech_script(book), ["mp3"], tmp_path_factory.mktemp("audio"), SpeechOptions(workers=2))
    return write_epub3(book, audio, tmp_path_factory.mktemp("epub") / "book.epub"), audio


@pytest.fixture(scope="module")
def marked_up(tmp_path_factory):
    book = marked_up_book()
    audio = render(speech_script(book), ["mp3"], tmp_path_factory.mktemp("audio"), SpeechOptions(workers=2))
    return write_epub3(book, audio, tmp_path_factory.mktemp("epub") / "book.epub"), audio


def epubcheck(path: Path) -> str:
    result = subprocess.run(["java", "-jar", str(EPUBCHECK), str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def clock(text: str) -> float:
    h, m, s = text.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def test_epubcheck_finds_no_errors(epub, marked_up):
    for path, _ in (epub, marked_up):
        assert "0 fatals / 0 errors / 0 warnings" in epubcheck(path)


def test_the_text_keeps_emphasis_language_spans_lists_tables_and_notes(marked_up):
    path, audio = marked_up
    with zipfile.ZipFile(path) as book:
        text = etree.fromstring(book.read("EPUB/text/001.xhtml"))
    x = lambda path: text.xpath(path, namespaces={"x": "http://www.w3.org/1999/xhtml"})  # noqa: E731
    assert x("//x:em/text()") == ["очень внимательно"]
    title = x("//x:p//x:span[@lang='kk']")
    assert [(s.text, s.get("{http://www.w3.org/XML/1998/namespace}lang")) for s in title] == [("«Абай жолы»", "kk")]
    assert [li.get("id") for li in x("//x:ul/x:li")] == ["c0b2", "c0b3"]
    assert x("//x:table//x:th/text()") == ["Год", "Книги"]
    assert x("//x:p[@id='c0b1']//x:a/@href") == ["002.xhtml#c1b0"]  # the note is in the next chapter's file
    ids = set(text.xpath("//@id"))
    assert [t.sentence_id for t in audio[0].timings if t.sentence_id not in ids] == []


def test_durations_per_overlay_add_up_to_the_total(epub):
    path, audio = epub
    with zipfile.ZipFile(path) as book:
        assert book.namelist()[0] == "mimetype" and book.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        opf = etree.fromstring(book.read("EPUB/package.opf"))
    metas = opf.xpath("//opf:meta[@property='media:duration']", namespaces=OPF)
    total = [clock(m.text) for m in metas if m.get("refines") is None]
    parts = [clock(m.text) for m in metas if m.get("refines")]
    assert len(parts) == len(audio) == 2
    assert total == [pytest.approx(sum(parts), abs=0.0005)]
    assert parts == pytest.approx([c.seconds for c in audio], abs=0.001)


def test_each_sentence_is_paired_with_its_clip(epub):
    path, audio = epub
    with zipfile.ZipFile(path) as book:
        smil = etree.fromstring(book.read("EPUB/smil/002.smil"))
        text = etree.fromstring(book.read("EPUB/text/002.xhtml"))
    pars = list(smil.iter(f"{SMIL}par"))
    assert [p.find(f"{SMIL}text").get("src").split("#")[1] for p in pars] == [t.sentence_id for t in audio[1].timings]
    ids = set(text.xpath("//@id"))
    assert all(p.find(f"{SMIL}text").get("src").split("#")[1] in ids for p in pars)
    ends = [clock(p.find(f"{SMIL}audio").get("clipEnd")) for p in pars]
    assert ends[-1] == pytest.approx(audio[1].seconds, abs=0.001)
    assert re.search(r"«Абай жолы»", etree.tostring(text, encoding="unicode"))


def test_the_package_declares_its_accessibility(epub):
    path, _ = epub
    with zipfile.ZipFile(path) as book:
        opf = etree.fromstring(book.read("EPUB/package.opf"))

    def values(name):
        return [m.text for m in opf.xpath(f"//opf:meta[@property='{name}']", namespaces=OPF)]

    assert set(values("schema:accessMode")) == {"textual", "auditory"}
    assert "auditory" in values("schema:accessModeSufficient") and "textual" in values("schema:accessModeSufficient")
    assert "synchronizedAudioText" in values("schema:accessibilityFeature")
    assert values("schema:accessibilityHazard") == ["none"]
    assert values("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    (summary,) = values("schema:accessibilitySummary")
    assert "espeak-ng kk" in summary  # names the voices that read it
    assert values("media:narrator")[0].startswith(("espeak-ng", "RHVoice"))


@pytest.mark.skipif(not shutil.which("ace-puppeteer"), reason="DAISY Ace (npm @daisy/ace) not installed")
def test_daisy_ace_reports_no_violations(epub, tmp_path):
    path, _ = epub
    # Ace's puppeteer runner on Debian's chromium (its own browser download cannot work here)
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": shutil.which("chromium") or ""}
    result = subprocess.run(["ace-puppeteer", "--silent", "--outdir", str(tmp_path), str(path)], capture_output=True,
                            text=True, env=env, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    violations = [(page["earl:testSubject"]["url"], found["earl:test"]["dct:title"])
                  for page in report.get("assertions", []) for found in page.get("assertions", [])]  # fmt: skip
    assert violations == []
    assert report["earl:result"]["earl:outcome"] == "pass"
    assert report["a11y-metadata"]["missing"] == ["a11y:certifierCredential", "a11y:certifierReport"]  # optional
