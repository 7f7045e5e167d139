import datetime
from pathlib import Path

import pytest
from lxml import etree

from accessreader.braille import pef
from accessreader.braille.layout import Layout, paginate
from accessreader.braille.tables import Code
from accessreader.braille.translate import translate_document
from accessreader.errors import BadOption
from tests.braille_samples import corpus_document, long_document

SCHEMA = etree.RelaxNG(etree.parse(str(Path(__file__).parent / "data" / "pef-2008-1.rng")))
NS = {"p": pef.PEF_NS, "dc": pef.DC_NS}


def pef_of(document, binding=pef.Binding(), layout=Layout(), code=Code()):
    pages = paginate(document, translate_document(document, code), layout)
    return pages, etree.fromstring(pef.write(pages, document.metadata, binding, datetime.date(2026, 1, 2)))


def assert_valid(root):
    assert SCHEMA.validate(root), SCHEMA.error_log.last_error


def test_corpus_pef_is_valid_with_metadata_and_braille_only_rows():
    document = corpus_document()
    document.metadata.identifier = "urn:isbn:9786010000000"
    pages, root = pef_of(document)
    assert_valid(root)
    meta = root.find("p:head/p:meta", NS)
    assert meta.findtext("dc:format", namespaces=NS) == "application/x-pef+xml"
    assert meta.findtext("dc:title", namespaces=NS) == "Корпус"
    assert meta.findtext("dc:creator", namespaces=NS) == "Абай Құнанбайұлы"
    assert meta.findtext("dc:identifier", namespaces=NS) == "urn:isbn:9786010000000"
    assert meta.findtext("dc:date", namespaces=NS) == "2026-01-02"
    assert [e.text for e in meta.findall("dc:language", NS)] == document.metadata.languages
    rows = root.findall(".//p:row", NS)
    assert len(rows) == sum(len(page.lines) for page in pages.all)
    for row in rows:
        assert all("\u2800" <= char <= "\u28ff" for char in row.text or "")
        assert len(row.text or "") <= 40


@pytest.mark.parametrize("duplex", [True, False])
def test_volumes_hold_at_most_the_sheets_asked(duplex):
    binding = pef.Binding(max_sheets=4, duplex=duplex)
    pages, root = pef_of(long_document(90), binding, Layout(30, 15))
    assert_valid(root)
    volumes = root.findall(".//p:volume", NS)
    assert len(volumes) > 1
    total = 0
    for volume in volumes:
        assert volume.get("duplex") == ("true" if duplex else "false")
        assert (volume.get("cols"), volume.get("rows"), volume.get("rowgap")) == ("30", "15", "0")
        sheets = 0
        for section in volume.findall("p:section", NS):
            count = len(section.findall("p:page", NS))
            total += count
            sheets += -(-count // 2) if duplex else count
        assert sheets <= 4
    assert total == len(pages.all)


def test_eight_dot_pef_is_valid():
    document = corpus_document()
    for _, block in document.blocks():
        block.lang, block.spans = "ru", []
    document.metadata.languages = ["ru"]
    _, root = pef_of(document, code=Code(dots=8))
    assert_valid(root)
    assert any(char >= "\u2840" for row in root.findall(".//p:row", NS) for char in row.text or "")


def test_bad_binding_is_refused():
    with pytest.raises(BadOption):
        pef.Binding(max_sheets=0)
