"""The bundled sample titles: up to date with their source, small, and carrying what readers must find.

samples/source/make_samples.py writes the books in samples/ from samples/source/titles.py;
these tests check the committed files against a fresh run and look inside each
format with the format's own tools (lxml, python-docx, pdfminer).  Where a
reader is present, it must find the same structure.
"""

from __future__ import annotations

import io
import itertools
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from accessreader import content
from accessreader.model import HEADING, LIST_ITEM, NOTE, PAGE_MARKER, STANZA, TABLE

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
sys.path.insert(0, str(SAMPLES / "source"))
import make_samples  # noqa: E402
from titles import TITLES  # noqa: E402

BOOKS = [(title, fmt) for title in TITLES for fmt in title.formats]
OPS = "{http://www.idpf.org/2007/ops}type"


def _parts(title, kind: str) -> list:
    return [part for chapter in title.chapters for part in chapter if part.kind == kind]


def test_committed_samples_are_what_the_generator_writes(tmp_path: Path) -> None:
    written = make_samples.write_all(tmp_path)
    assert len(written) == len(BOOKS)
    for path in written:
        committed = SAMPLES / path.name
        assert committed.is_file(), f"{path.name} is not committed; run samples/source/make_samples.py"
        assert committed.read_bytes() == path.read_bytes(), f"{path.name} is stale; run samples/source/make_samples.py"


def test_samples_folder_holds_only_small_books() -> None:
    entries = sorted(p.name for p in SAMPLES.iterdir() if p.name != "source")
    assert entries == sorted(make_samples.file_name(t, f) for t, f in BOOKS)
    for name in entries:
        assert name.endswith(content.BOOK_SUFFIXES)
        assert (SAMPLES / name).stat().st_size < 200 * 1024, name


def test_every_format_and_language_is_covered() -> None:
    # Every source format; stored Documents (json) and page images (scans) are not sample titles.
    assert {fmt for _, fmt in BOOKS} == set(content.FORMATS) - {"json", "image"}
    assert {"kk", "ru", "en"} <= {t.lang for t in TITLES}
    mixed = [t for t in TITLES if {t.lang} | {p.lang for c in t.chapters for p in c if p.lang} >= {"kk", "ru"}]
    assert mixed, "no title mixes Kazakh and Russian paragraphs"
    assert any("«{kk|" in p.content for t in mixed for p in _parts(t, "p")), "no Kazakh title quoted in Russian"


@pytest.mark.parametrize("title", TITLES, ids=lambda t: t.slug)
def test_each_title_has_the_structures_readers_meet(title) -> None:
    for kind in ("h1", "h2", "p", "list", "poem", "table"):
        assert _parts(title, kind), f"{title.slug} has no {kind}"
    assert len(_parts(title, "page")) >= 3
    assert title.notes and set(make_samples.note_numbers(title)) == set(title.notes)


def test_report_has_the_figures_speech_must_read() -> None:
    report = next(t for t in TITLES if t.slug == "library-report-ru")
    text = " ".join(make_samples.plain(p.content) for p in _parts(report, "p"))
    for figure in ("1 372 423 экземпляра", "2021 г.", "т. е."):
        assert figure in text


def test_epub_has_nav_page_list_pagebreaks_and_languages() -> None:
    for title in (t for t in TITLES if "epub" in t.formats):
        archive = zipfile.ZipFile(SAMPLES / make_samples.file_name(title, "epub"))
        assert archive.read("mimetype") == b"application/epub+zip"
        assert archive.infolist()[0].compress_type == zipfile.ZIP_STORED
        nav = etree.fromstring(archive.read("EPUB/nav.xhtml"))
        lists = {n.get(OPS): n for n in nav.iter("{*}nav")}
        pages = [a.text for a in lists["page-list"].iter("{*}a")]
        assert pages == [p.content for p in _parts(title, "page")]
        assert len(list(lists["toc"].iter("{*}a"))) == len(_parts(title, "h1")) + len(_parts(title, "h2"))
        chapter = etree.fromstring(archive.read("EPUB/chapter-1.xhtml"))
        assert chapter.get("{http://www.w3.org/XML/1998/namespace}lang") == title.lang
        kinds = {n.get(OPS) for n in chapter.iter()}
        assert {"pagebreak", "noteref", "footnote"} <= kinds


def test_docx_has_real_footnotes_and_languages() -> None:
    import docx

    for title in (t for t in TITLES if "docx" in t.formats):
        document = docx.Document(str(SAMPLES / make_samples.file_name(title, "docx")))
        notes = next(p for p in document.part.package.iter_parts() if p.partname == "/word/footnotes.xml")
        for note in title.notes.values():
            assert note.text in notes.blob.decode("utf-8")
        body = document.element.xml
        assert body.count("<w:footnoteReference") == len(title.notes)
        assert 'w:type="page"' in body
        styles = {p.style.name for p in document.paragraphs}
        assert {"Heading 1", "Heading 2", "List Bullet", "Poem"} <= styles


def test_pdf_has_text_layer_outline_and_print_page_labels() -> None:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    for title in (t for t in TITLES if "pdf" in t.formats):
        data = (SAMPLES / make_samples.file_name(title, "pdf")).read_bytes()
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        outline = [(level, text) for level, text, *_ in document.get_outlines()]
        headings = [
            (int(p.kind[1]), make_samples.plain(p.content)) for c in title.chapters for p in c if p.kind in ("h1", "h2")
        ]
        assert outline == headings
        labels = list(itertools.islice(document.get_page_labels(), len(_parts(title, "page"))))
        assert labels == [p.content for p in _parts(title, "page")]
        text = " ".join(extract_text(io.BytesIO(data)).split())
        first = make_samples.plain(_parts(title, "p")[0].content)
        assert " ".join(first.split()[:6]) in text


#: What each format can carry, and so what its reader must find in the samples.
CARRIES = {
    "epub": {HEADING, NOTE, STANZA, TABLE, LIST_ITEM, PAGE_MARKER},
    "html": {HEADING, NOTE, STANZA, TABLE, LIST_ITEM, PAGE_MARKER},
    "docx": {HEADING, NOTE, TABLE, LIST_ITEM},
    "fb2": {HEADING, NOTE, STANZA, TABLE},
    "txt": {HEADING, NOTE, STANZA, TABLE, LIST_ITEM, PAGE_MARKER},
    "pdf": {HEADING, LIST_ITEM, PAGE_MARKER},
}


@pytest.mark.parametrize(
    ("title", "fmt"),
    BOOKS,
    ids=[make_samples.file_name(t, f) for t, f in BOOKS],
)
def test_reader_finds_the_structure(title, fmt: str) -> None:
    path = SAMPLES / make_samples.file_name(title, fmt)
    document = content.read(path.read_bytes(), path.name)
    kinds = {block.kind for _, block in document.blocks()}
    assert CARRIES[fmt] <= kinds, CARRIES[fmt] - kinds
    levels = {block.level for _, block in document.blocks() if block.kind == HEADING}
    assert {1, 2} <= levels
    languages = {block.lang for _, block in document.blocks() if block.kind != PAGE_MARKER}
    expected = {title.lang} | {p.lang for c in title.chapters for p in c if p.lang}
    assert expected <= languages
