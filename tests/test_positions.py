"""Positions: one place per reader per book, shared by the service and the terminal."""

import json
import time

import pytest

from accessreader import content
from accessreader.errors import NotFound
from accessreader.model import Locator
from accessreader.service.catalog import Catalog
from accessreader.service.people import READER, People
from accessreader.service.positions import DatabasePositions, FilePositions, TerminalPositions, open_positions
from tests.stores import KINDS, LIGHT_HASHER, open_test_store

BOOK = "Абай жолы\n\n1-тарау\n\nҚалың қар жауған күні ауылға қонақ келді.\n\nЕкінші тарау\n\nКүз түсті.".encode()
OTHER = "Война и мир\n\nГлава 1\n\nОсенью в городе стало тихо.".encode()


def open_service(kind, folder):
    store = open_test_store(kind, folder)
    People(store, LIGHT_HASHER).register(READER, "000123", "4711", print_disabled=True)
    catalog = Catalog(store)
    books = [catalog.add_source(data, name).title.checksum for data, name in ((BOOK, "abai.txt"), (OTHER, "war.txt"))]
    return DatabasePositions(store), books, catalog


@pytest.fixture(params=KINDS)
def service(request, tmp_path):
    return open_service(request.param, tmp_path / "service")


@pytest.fixture(params=[*KINDS, "file"])
def positions(request, tmp_path):
    if request.param == "file":
        books = [content.read(data, "book.txt").metadata.source_checksum for data in (BOOK, OTHER)]
        return FilePositions(tmp_path / "terminal" / "positions.json"), books
    return open_service(request.param, tmp_path / "service")[:2]


def test_a_position_round_trips(positions):
    store, (book, _) = positions
    assert store.load("000123", book) is None
    where = Locator(1, "c1b3", 2, 17)
    saved = store.save("000123", book, where)
    loaded = store.load("000123", book)
    assert loaded.locator == where
    assert (loaded.reader, loaded.book) == ("000123", book)
    assert loaded.updated_at == saved.updated_at
    assert loaded.updated_at.tzinfo is not None


def test_every_move_replaces_the_last_and_recent_lists_newest_first(positions):
    store, (book, other) = positions
    store.save("000123", book, Locator(0, "c0b1"))
    time.sleep(0.01)
    store.save("000123", other, Locator(0, "c0b2"))
    time.sleep(0.01)
    store.save("000123", book, Locator(1, "c1b4", 1, 5))
    assert store.load("000123", book).locator == Locator(1, "c1b4", 1, 5)
    assert [(p.book, str(p.locator)) for p in store.recent("000123")] == [(book, "1:c1b4:1:5"), (other, "0:c0b2:0:0")]
    assert [p.book for p in store.recent("000123", limit=1)] == [book]


def test_the_service_refuses_unknown_readers_and_books(service):
    store, (book, _), _ = service
    with pytest.raises(NotFound):
        store.save("999999", book, Locator(0, "c0b0"))
    with pytest.raises(NotFound):
        store.save("000123", "sha256:" + "0" * 64, Locator(0, "c0b0"))
    assert store.recent("999999") == []


def test_a_place_saved_at_the_terminal_is_found_by_the_service_for_the_same_file(service):
    store, (book, _), catalog = service
    # The terminal opens the file itself: its document's checksum is the catalog's key.
    document = content.read(BOOK, "abai.txt")
    heading = next(b for _, b in document.blocks() if b.text == "Екінші тарау")
    where = document.locate(heading.id, 3)
    store.save("000123", document.metadata.source_checksum, where)
    restored = store.load("000123", book).locator
    assert restored == where
    assert catalog.get(1).checksum == book


def test_removing_a_title_drops_its_positions(service):
    store, (book, other), catalog = service
    store.save("000123", book, Locator(0, "c0b1"))
    store.save("000123", other, Locator(0, "c0b1"))
    catalog.remove(catalog.by_checksum(book).id)
    assert [p.book for p in store.recent("000123")] == [other]


def test_the_local_file_is_plain_json_written_whole(tmp_path):
    path = tmp_path / "positions.json"
    FilePositions(path).save("local", "sha256:ab", Locator(2, "c2b14", 1, 37))
    assert json.loads(path.read_text("utf-8"))["local"]["sha256:ab"]["locator"] == "2:c2b14:1:37"
    assert [p.name for p in tmp_path.iterdir()] == ["positions.json"]


def test_a_damaged_local_file_is_set_aside_not_fatal(tmp_path):
    path = tmp_path / "positions.json"
    path.write_text('{"local": {"sha256:ab": {"locator": "nonsense"', "utf-8")
    store = FilePositions(path)
    assert store.load("local", "sha256:ab") is None
    store.save("local", "sha256:ab", Locator(0, "c0b0"))
    assert store.load("local", "sha256:ab").locator == Locator(0, "c0b0")
    assert (tmp_path / "positions.json.unreadable").read_text("utf-8").startswith('{"local"')


def test_the_terminal_uses_the_service_where_there_is_one(tmp_path, monkeypatch):
    monkeypatch.delenv("ACCESSREADER_DATABASE", raising=False)
    alone = open_positions(tmp_path / "alone")
    assert isinstance(alone, FilePositions) and alone.path == tmp_path / "alone" / "positions.json"

    service = open_service("sqlite", tmp_path / "library")[0]
    service.save("000123", content.read(BOOK, "b.txt").metadata.source_checksum, Locator(1, "c1b2"))
    shared = open_positions(tmp_path / "library")
    assert [str(p.locator) for p in shared.recent("000123")] == ["1:c1b2:0:0"]
    assert not (tmp_path / "library" / "positions.json").exists()  # the service kept it


def test_a_terminal_with_a_catalog_keeps_other_readers_and_books_in_its_file(tmp_path, monkeypatch):
    monkeypatch.delenv("ACCESSREADER_DATABASE", raising=False)
    service, (abai, _), _ = open_service("sqlite", tmp_path / "library")
    terminal = open_positions(tmp_path / "library")
    assert isinstance(terminal, TerminalPositions)
    stranger_book = "sha256:" + "0" * 64
    terminal.save("guest", abai, Locator(1, "c1b1"))  # not registered: the file keeps it
    terminal.save("000123", stranger_book, Locator(0, "c0b0"))  # a file not in the catalog
    terminal.save("000123", abai, Locator(1, "c1b2"))  # both known: the service keeps it
    assert terminal.load("guest", abai).locator == Locator(1, "c1b1")
    assert terminal.load("000123", stranger_book).locator == Locator(0, "c0b0")
    assert service.load("000123", abai).locator == Locator(1, "c1b2")
    assert service.load("guest", abai) is None
    assert [p.book for p in terminal.recent("000123")] == [abai, stranger_book]
