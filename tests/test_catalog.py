"""The catalog: sources under server-chosen names, dedup, documents, renditions, status, transactions."""

import hashlib
import os
import tempfile
from pathlib import Path

import pytest

from accessreader import content
from accessreader.errors import BadInput, NotFound, UnknownFormat
from accessreader.model import Document, Metadata
from accessreader.service.catalog import CONVERTING, FAILED, QUEUED, READY, Catalog

KAZAKH = """Абай жолы

1-тарау

Қалың қар жауған күні ауылға қонақ келді. Өңшең жақсы адамдар отырды.
""".encode()

RUSSIAN = """Война и мир

Глава 1

Осенью в городе стало тихо. Библиотека на углу открывалась в девять часов.
""".encode()


@pytest.fixture
def catalog(store):
    return Catalog(store)


def files(store, folder):
    path = store.path(folder)
    return sorted(p.name for p in path.iterdir()) if path.exists() else []


def test_a_source_is_stored_under_a_name_the_server_chooses(catalog, store):
    added = catalog.add_source(KAZAKH, "../../etc/passwd/Абай жолы.txt")
    title = added.title
    digest = hashlib.sha256(KAZAKH).hexdigest()
    assert added.created
    assert title.checksum == f"sha256:{digest}"
    assert title.source_path == f"sources/{digest}.txt"
    assert title.source_name == "Абай жолы.txt"
    assert title.title == "Абай жолы"  # until the document is read
    assert (title.status, title.source_format, title.source_size) == (QUEUED, "txt", len(KAZAKH))
    assert store.path(title.source_path).read_bytes() == KAZAKH
    assert files(store, "sources") == [f"{digest}.txt"]


def test_the_same_file_twice_is_one_title(catalog, store):
    first = catalog.add_source(KAZAKH, "abai.txt")
    second = catalog.add_source(KAZAKH, "copy of abai.txt")
    assert not second.created
    assert second.title.id == first.title.id
    assert second.title.source_name == "abai.txt"
    assert catalog.count() == 1
    assert len(files(store, "sources")) == 1
    assert catalog.by_checksum(first.title.checksum).id == first.title.id
    assert catalog.by_checksum("sha256:" + "0" * 64) is None


def test_bytes_that_are_not_a_book_are_refused_and_nothing_is_stored(catalog, store):
    with pytest.raises(UnknownFormat):
        catalog.add_source(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 4, "program.epub")
    assert catalog.count() == 0
    assert files(store, "sources") == []


def test_a_read_document_fills_the_metadata_and_is_kept_as_json(catalog):
    title = catalog.add_source(RUSSIAN, "war.txt").title
    document = content.read(RUSSIAN, "war.txt")
    assert not title.has_document
    updated = catalog.attach_document(title.id, document)
    assert updated.has_document
    assert updated.title == "Война и мир"
    assert updated.languages == ["ru"]
    assert document.metadata.source_checksum == title.checksum  # one key for the same file everywhere
    assert catalog.document(title.id).to_json() == document.to_json()
    assert [t.id for t in catalog.search("война")] == [title.id]
    assert catalog.search("war") == []  # the provisional name left the index


def test_a_title_without_a_document_says_so(catalog):
    title = catalog.add_source(KAZAKH, "abai.txt").title
    with pytest.raises(NotFound):
        catalog.document(title.id)
    with pytest.raises(NotFound):
        catalog.get(title.id + 1)
    with pytest.raises(NotFound):
        catalog.attach_document(title.id + 1, Document())


def test_status_follows_the_conversion_and_keeps_the_error(catalog):
    title = catalog.add_source(KAZAKH, "abai.txt").title
    other = catalog.add_source(RUSSIAN, "war.txt").title
    assert catalog.set_status(title.id, CONVERTING).status == CONVERTING
    failed = catalog.set_status(other.id, FAILED, "espeak-ng is not installed")
    assert (failed.status, failed.status_detail) == (FAILED, "espeak-ng is not installed")
    assert [t.id for t in catalog.titles(status=FAILED)] == [other.id]
    assert catalog.count(status=CONVERTING) == 1
    assert [t.id for t in catalog.titles()] == [other.id, title.id]  # newest first
    with pytest.raises(ValueError):
        catalog.set_status(title.id, "done")
    with pytest.raises(NotFound):
        catalog.set_status(999, READY)


def test_renditions_are_published_whole_and_replaced(catalog, store, tmp_path):
    title = catalog.add_source(KAZAKH, "abai.txt").title
    brf = catalog.publish_rendition(title.id, "brf", "abai.brf", b"  ,abai jolu\n", "text/plain")
    assert (brf.fmt, brf.size, brf.path) == ("brf", 13, f"outputs/{title.id}/abai.brf")
    finished = tmp_path / "work" / "audio.mp3"
    finished.parent.mkdir()
    finished.write_bytes(b"ID3" + bytes(1000))
    mp3 = catalog.publish_rendition(title.id, "mp3", "abai.mp3", finished, "audio/mpeg")
    assert not finished.exists()  # moved, not copied
    assert store.path(mp3.path).read_bytes()[:3] == b"ID3"
    assert [r.fmt for r in catalog.get(title.id).renditions] == ["brf", "mp3"]

    again = catalog.publish_rendition(title.id, "brf", "abai-v2.brf", b"new", "text/plain")
    assert again.size == 3
    assert [r.path for r in catalog.renditions(title.id) if r.fmt == "brf"] == [f"outputs/{title.id}/abai-v2.brf"]
    assert files(store, f"outputs/{title.id}") == ["abai-v2.brf", "abai.mp3"]  # the old file is gone, no temporaries


@pytest.mark.skipif(not Path("/dev/shm").is_dir(), reason="no tmpfs at /dev/shm")
def test_a_rendition_finished_on_another_filesystem_is_moved_whole(catalog, store):
    title = catalog.add_source(KAZAKH, "abai.txt").title
    with tempfile.TemporaryDirectory(dir="/dev/shm") as folder:
        finished = Path(folder) / "abai.pef"
        finished.write_bytes(b"<pef/>" * 1000)
        assert os.stat(folder).st_dev != os.stat(store.data_dir).st_dev
        pef = catalog.publish_rendition(title.id, "pef", "abai.pef", finished, "application/x-pef+xml")
        assert not finished.exists()
    assert store.path(pef.path).read_bytes() == b"<pef/>" * 1000
    assert files(store, f"outputs/{title.id}") == ["abai.pef"]


@pytest.mark.parametrize("name", ["../evil.brf", "a/b.brf", "", ".."])
def test_a_rendition_name_cannot_leave_its_folder(catalog, name):
    title = catalog.add_source(KAZAKH, "abai.txt").title
    with pytest.raises(ValueError):
        catalog.publish_rendition(title.id, "brf", name, b"x", "text/plain")
    assert catalog.renditions(title.id) == []


def test_removing_a_title_removes_its_files(catalog, store):
    title = catalog.add_source(KAZAKH, "abai.txt").title
    catalog.attach_document(title.id, content.read(KAZAKH, "abai.txt"))
    catalog.publish_rendition(title.id, "brf", "abai.brf", b"x", "text/plain")
    kept = catalog.add_source(RUSSIAN, "war.txt").title
    catalog.remove(title.id)
    assert [t.id for t in catalog.titles()] == [kept.id]
    assert catalog.search("абай") == []
    assert files(store, "sources") == [kept.source_path.split("/")[1]]
    assert files(store, "documents") == []
    assert not store.path(f"outputs/{title.id}").exists()


def test_a_bad_document_changes_nothing_already_stored(catalog, store):
    title = catalog.add_source(KAZAKH, "abai.txt").title
    good = content.read(KAZAKH, "abai.txt")
    catalog.attach_document(title.id, good)
    before = catalog.get(title.id)
    # Good metadata, but a reader let an unpaired surrogate into the text (undecodable bytes kept by
    # "surrogateescape"): the rows are updated first, then writing the JSON fails and all is undone.
    bad = content.read(RUSSIAN, "war.txt")
    bad.metadata = Metadata(title="Жаңа атау", authors=["Бөтен"], description="Жаңа сипаттама")
    bad.chapters[0].blocks[-1].text += " \udce9"
    with pytest.raises(BadInput):
        catalog.attach_document(title.id, bad)
    assert catalog.get(title.id) == before
    assert catalog.document(title.id).to_json() == good.to_json()
    assert [t.id for t in catalog.search("абай")] == [title.id]
    assert catalog.search("жаңа") == [] and catalog.search("бөтен") == [] and catalog.search("война") == []
    assert files(store, "documents") == [f"{title.id}.json"]
