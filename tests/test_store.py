"""The store: data folder, SQLite by default, Alembic migrations on empty and older databases."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from accessreader import content
from accessreader.atomic import write_bytes as write_atomic
from accessreader.service.catalog import Catalog
from accessreader.service.people import READER, People
from accessreader.service.store import downgrade, open_store, revision, upgrade
from accessreader.settings import SETTINGS, Settings
from tests.stores import KINDS, LIGHT_HASHER, open_test_store

#: The tables of the newest schema, and its revision.
TABLES = (
    *("titles", "renditions", "title_search", "block_search", "people", "sessions", "tokens", "audit"),
    *("positions", "listening", "jobs", "steps"),
)
NEWEST = "0010"


@pytest.mark.parametrize("kind", KINDS)
def test_an_empty_database_is_brought_to_the_newest_schema(kind, tmp_path):
    store = open_test_store(kind, tmp_path)
    assert store.dialect == kind
    assert revision(store) == NEWEST
    tables = set(sa.inspect(store.engine).get_table_names())
    assert set(TABLES) <= tables


def test_an_empty_folder_gets_a_sqlite_database_at_the_newest_schema(tmp_path):
    store = open_store(data_dir=tmp_path / "data")
    assert (tmp_path / "data" / "accessreader.db").is_file()
    assert store.dialect == "sqlite"
    assert revision(store) == NEWEST
    tables = set(sa.inspect(store.engine).get_table_names())
    assert set(TABLES) <= tables


def test_the_data_folder_and_database_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(SETTINGS["data"].env, str(tmp_path / "lib"))
    monkeypatch.setenv(SETTINGS["database"].env, f"sqlite:///{tmp_path / 'elsewhere.db'}")
    assert Settings.from_env().data == tmp_path / "lib"
    store = open_store()
    assert store.data_dir == tmp_path / "lib"
    assert (tmp_path / "elsewhere.db").is_file()
    assert not (tmp_path / "lib" / "accessreader.db").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_an_older_database_is_upgraded_and_keeps_its_titles(kind, tmp_path):
    old = open_test_store(kind, tmp_path, migrate=False)
    upgrade(old, "0001")  # the schema before people, rights and positions existed
    assert revision(old) == "0001"
    assert "people" not in sa.inspect(old.engine).get_table_names()
    # What that version wrote: a title, its row in the search table, its stored Document.
    document = content.read("Абай жолы\n\nҚалың қар жауды, Құнанбай ауылы көшті.".encode(), "Абай жолы.txt")
    write_atomic(tmp_path / "documents" / "1.json", document.to_json().encode())
    with old.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO titles (id, title, authors, languages, description, publisher, date, identifier, "
                "source_name, source_path, source_format, source_size, checksum, status, status_detail, "
                "has_document, added_at, updated_at) VALUES (1, 'Қара сөздер', '[]', '[]', '', '', '', '', "
                "'Абай жолы.txt', 'sources/x.txt', 'txt', 10, 'sha256:x', 'ready', '', :yes, :now, :now)"
            ),
            {"yes": True, "now": datetime.now(UTC)},
        )
        key = "rowid" if kind == "sqlite" else "title_id"
        connection.execute(
            sa.text(f"INSERT INTO title_search ({key}, title, authors, description) VALUES (1, 'қара сөздер', '', '')")
        )
    old.close()

    store = open_store(old.engine.url.render_as_string(hide_password=False), tmp_path)
    assert revision(store) == NEWEST
    catalog = Catalog(store)
    assert [t.id for t in catalog.search("қара")] == [1]
    assert [t.id for t in catalog.search("кара создер")] == [1]  # loose forms were made for the old title
    assert [(title.id, hit.block) for title, hit in catalog.search_text("кунанбаи")] == [(1, "c0b1")]
    assert People(store).register(READER, "1001", "4321").login == "1001"


@pytest.mark.parametrize("kind", KINDS)
def test_people_registered_before_the_lockout_columns_still_log_in(kind, tmp_path):
    old = open_test_store(kind, tmp_path, migrate=False)
    upgrade(old, "0002")
    with old.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO people (role, login, name, secret_hash, print_disabled, active, created_at) "
                "VALUES ('reader', '000123', 'Айгүл', :hash, :yes, :yes, :now)"
            ),
            {"hash": LIGHT_HASHER.hash("4711"), "yes": True, "now": datetime.now(UTC)},
        )
    upgrade(old)
    assert revision(old) == NEWEST
    assert People(old, LIGHT_HASHER).authenticate("000123", "4711").name == "Айгүл"


@pytest.mark.parametrize("kind", KINDS)
def test_every_migration_can_be_undone_and_done_again(kind, tmp_path):
    store = open_test_store(kind, tmp_path)
    downgrade(store, "0001")
    assert "people" not in sa.inspect(store.engine).get_table_names()
    downgrade(store, "base")
    assert revision(store) is None
    assert set(sa.inspect(store.engine).get_table_names()) <= {"alembic_version"}
    upgrade(store)
    assert revision(store) == NEWEST
    assert Catalog(store).add_source(b"Hello\n\nA short book.", "hello.txt").created


def test_opening_again_changes_nothing(tmp_path):
    data = b"Hello\n\nA short book."
    first = open_store(data_dir=tmp_path)
    title = Catalog(first).add_source(data, "hello.txt").title
    first.close()
    again = open_store(data_dir=tmp_path)
    assert revision(again) == NEWEST
    assert Catalog(again).count() == 1
    assert Catalog(again).get(title.id).source_size == len(data)


def test_sqlite_runs_with_foreign_keys_and_wal(tmp_path):
    store = open_store(data_dir=tmp_path)
    with store.begin() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_atomic_writes_leave_the_whole_file_and_no_temporary(tmp_path):
    target = tmp_path / "deep" / "file.bin"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["file.bin"]


def test_a_stored_document_reads_back_through_content(tmp_path):
    store = open_store(data_dir=tmp_path)
    catalog = Catalog(store)
    data = "Война и мир\n\nГлава 1\n\nОсенью в городе стало тихо.".encode()
    title = catalog.add_source(data, "war.txt").title
    catalog.attach_document(title.id, content.read(data, "war.txt"))
    stored = store.path(f"documents/{title.id}.json").read_bytes()
    assert content.read(stored, "stored.json").to_json() == catalog.document(title.id).to_json()
