"""One book imported in several formats is one catalog entry with several sources: the catalog on SQLite and
PostgreSQL, the real job worker, the command line and the JSON API."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from fastapi.testclient import TestClient

from accessreader import content
from accessreader.cli import main
from accessreader.model import PARAGRAPH, Block, Chapter, Document, Metadata
from accessreader.server import create_app
from accessreader.service import identity
from accessreader.service.catalog import Catalog, Joined
from accessreader.service.store import open_store, revision, upgrade
from tests.servicekit import STAFF, make_library, wait_done
from tests.stores import KINDS, open_test_store
from tests.test_store import NEWEST

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def read(name: str) -> Document:
    return content.read(sample(name), name)


def book(title: str, authors: list[str], identifier: str, text: str) -> Document:
    """A one-chapter book with this metadata and one paragraph of ``text``."""
    meta = Metadata(title=title, authors=authors, languages=["ru"], identifier=identifier)
    return Document(metadata=meta, chapters=[Chapter(title, [Block("c0b0", PARAGRAPH, text, "ru")])])


def filed(catalog: Catalog, name: str, document: Document | None = None, *, separate: bool = False):
    """Add the sample ``name`` and file its book, as a conversion job does when it reads it."""
    added = catalog.add_source(sample(name), name, separate=separate)
    return catalog.file_document(added.title.id, document or read(name))


# ── what tells works apart ──────────────────────────────────────────────────


def test_identifiers_are_compared_as_isbns_and_uuids_however_they_are_written():
    key = identity.identifier_key
    assert key("urn:isbn:978-601-7000-00-4") == key("ISBN 9786017000004") == identity.Key("isbn", "9786017000004")
    assert key("5-699-12014-9") == identity.Key("isbn", "9785699120147")  # ISBN-10 as its ISBN-13
    assert key("urn:uuid:EAE44DAA-AEB0-5690-A92B-E05B2529877F") == key("eae44daa-aeb0-5690-a92b-e05b2529877f")
    assert key("") is None and key("1") is None  # says too little to match on
    # Numbers count: the report for 2022 is not the report for 2021.
    report = identity.title_key("Отчёт за 2021 год", ["ЦБС"], ["ru"])
    assert report == identity.title_key("ОТЧЁТ ЗА 2021 ГОД!", ["цбс"], ["ru-RU"])
    assert report != identity.title_key("Отчёт за 2022 год", ["ЦБС"], ["ru"])
    assert identity.text_key(book("Отчёт", [], "", "Выдано 1000 книг.")) != identity.text_key(
        book("Отчёт", [], "", "Выдано 2000 книг.")
    )
    # The EPUB and FB2 samples of one book: the same identifier, the same text.
    epub, fb2 = identity.keys(read("dala-kk.epub")), identity.keys(read("dala-kk.fb2"))
    assert [k.kind for k in epub] == ["id", "text", "title"] and epub == fb2


# ── the catalog ─────────────────────────────────────────────────────────────


@pytest.mark.parametrize("kind", KINDS)
def test_a_second_format_of_a_book_joins_its_title_as_another_source(kind, tmp_path):
    catalog = Catalog(open_test_store(kind, tmp_path))
    first = filed(catalog, "dala-kk.epub")
    joined = filed(catalog, "dala-kk.fb2")
    assert isinstance(joined, Joined) and joined.title.id == first.id and joined.matched == "id"
    # Same text, no identifier: the HTML joins the EPUB of the same book.
    kitaphana = filed(catalog, "kitaphana-kk-ru.epub")
    assert filed(catalog, "kitaphana-kk-ru.html").matched == "text"
    # No identifier, other text (a PDF's lines), but the same title, authors and language.
    report = filed(catalog, "library-report-ru.fb2")
    pdf = filed(catalog, "library-report-ru.pdf")
    assert pdf.matched == "title" and pdf.was == 6  # the sixth file read

    assert catalog.count() == 3  # three catalog entries, not six
    assert sorted(t.title for t in catalog.titles()) == sorted([first.title, kitaphana.title, report.title])
    sources = catalog.sources(first.id)
    assert [(s.name, s.format, s.primary, s.matched) for s in sources] == [
        ("dala-kk.epub", "epub", True, ""),
        ("dala-kk.fb2", "fb2", False, "id"),
    ]
    assert all(catalog.store.path(s.path).read_bytes() == sample(s.name) for s in sources)
    assert catalog.joined_into(joined.was) == first.id  # the number the FB2 had leads to the title
    assert catalog.add_source("Жаңа кітап".encode(), "new.txt").title.id == 7  # 6 is never given again
    assert [t.id for t in catalog.search("Дала әуені")] == [first.id]


@pytest.mark.parametrize("kind", KINDS)
def test_the_same_file_again_adds_nothing_and_a_separate_entry_is_kept_apart(kind, tmp_path):
    catalog = Catalog(open_test_store(kind, tmp_path))
    first = filed(catalog, "dala-kk.epub")
    filed(catalog, "dala-kk.fb2")
    for name in ("dala-kk.epub", "dala-kk.fb2"):  # the primary or a joined source: the same bytes again
        again = catalog.add_source(sample(name), f"copy of {name}")
        assert not again.created and again.title.id == first.id
    assert catalog.count() == 1 and len(catalog.sources(first.id)) == 2
    assert len(list(catalog.store.path("sources").iterdir())) == 2

    # Staff say the FB2 is another edition: its file is taken out into a title of its own, never joined again.
    split = catalog.add_source(sample("dala-kk.fb2"), "dala-kk.fb2", separate=True)
    assert split.created and split.title.id != first.id
    own = catalog.file_document(split.title.id, read("dala-kk.fb2"))
    assert not isinstance(own, Joined) and own.status == "queued" and own.title == "Дала әуені"
    assert catalog.count() == 2
    assert [s.name for s in catalog.sources(first.id)] == ["dala-kk.epub"]
    assert [(s.name, s.primary) for s in catalog.sources(split.title.id)] == [("dala-kk.fb2", True)]
    # A new file uploaded as separate keeps its own entry too.
    assert not isinstance(filed(catalog, "dala-kk.txt", read("dala-kk.epub"), separate=True), Joined)
    assert catalog.count() == 3

    catalog.remove(first.id)  # removing a title removes its sources' files
    assert not catalog.store.path(f"sources/{first.checksum.removeprefix('sha256:')}.epub").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_same_title_and_authors_with_other_isbns_are_two_editions(kind, tmp_path):
    catalog = Catalog(open_test_store(kind, tmp_path))
    first_text, second_text = "Первое издание, с предисловием автора.", "Второе издание, исправленное и дополненное."
    one = catalog.add_source(b"one", "one.txt", "txt").title
    two = catalog.add_source(b"two", "two.txt", "txt").title
    three = catalog.add_source(b"three", "three.txt", "txt").title
    catalog.file_document(one.id, book("Путь Абая", ["Мухтар Ауэзов"], "978-601-7000-00-4", first_text))
    other_edition = catalog.file_document(two.id, book("Путь Абая", ["Мухтар Ауэзов"], "9785171183660", second_text))
    assert not isinstance(other_edition, Joined)
    assert catalog.count() == 3 and len(catalog.sources(two.id)) == 1  # (the third not read yet)
    # Without an ISBN, the same title and authors (however capitalised) are the same work: the oldest entry.
    no_isbn = catalog.file_document(three.id, book("ПУТЬ АБАЯ", ["мухтар ауэзов"], "", "Третий текст."))
    assert isinstance(no_isbn, Joined) and (no_isbn.title.id, no_isbn.matched) == (one.id, "title")
    assert catalog.count() == 2


def test_a_failed_title_is_not_joined_and_keeps_its_entry_when_run_again(tmp_path):
    catalog = Catalog(open_store(data_dir=tmp_path))
    failed = filed(catalog, "dala-kk.epub")
    catalog.set_status(failed.id, "failed", "the braille table was missing")
    fresh = filed(catalog, "dala-kk.fb2")  # a failed title is no title to join
    assert not isinstance(fresh, Joined) and catalog.count() == 2
    again = catalog.file_document(failed.id, read("dala-kk.epub"))  # its conversion retried: read again
    assert not isinstance(again, Joined) and again.id == failed.id and catalog.count() == 2


@pytest.mark.parametrize("kind", KINDS)
def test_two_formats_read_at_the_same_moment_still_make_one_title(kind, tmp_path):
    catalog = Catalog(open_test_store(kind, tmp_path))
    names = ["dala-kk.epub", "dala-kk.fb2", "kitaphana-kk-ru.epub", "kitaphana-kk-ru.docx"]
    added = {name: catalog.add_source(sample(name), name).title.id for name in names}
    documents = {name: read(name) for name in names}
    start = threading.Barrier(len(names))
    results: dict[str, object] = {}

    def file(name: str) -> None:
        start.wait()
        results[name] = catalog.file_document(added[name], documents[name])

    threads = [threading.Thread(target=file, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sum(isinstance(result, Joined) for result in results.values()) == 2
    assert catalog.count() == 2
    assert sorted(len(catalog.sources(t.id)) for t in catalog.titles()) == [2, 2]


@pytest.mark.parametrize("kind", KINDS)
def test_an_older_catalog_gets_its_files_as_sources_and_its_books_keys(kind, tmp_path):
    old = open_test_store(kind, tmp_path, migrate=False)
    upgrade(old, "0008")
    # What that version wrote: a title and its stored Document.
    epub = read("dala-kk.epub")
    (tmp_path / "documents").mkdir(exist_ok=True)
    (tmp_path / "documents" / "1.json").write_text(epub.to_json(), encoding="utf-8")
    with old.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO titles (title, authors, languages, description, publisher, date, identifier, "
                "source_name, source_path, source_format, source_size, checksum, status, status_detail, "
                "has_document, added_at, updated_at) VALUES ('Дала әуені', '[]', '[\"kk\"]', '', '', '', "
                ":identifier, 'dala-kk.epub', 'sources/x.epub', 'epub', 10, 'sha256:x', 'ready', '', :yes, "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ),
            {"identifier": epub.metadata.identifier, "yes": True},
        )
    old.close()

    store = open_store(old.engine.url.render_as_string(hide_password=False), tmp_path)
    assert revision(store) == NEWEST
    catalog = Catalog(store)
    assert [(s.name, s.primary, s.checksum) for s in catalog.sources(1)] == [("dala-kk.epub", True, "sha256:x")]
    joined = filed(catalog, "dala-kk.fb2")  # found by the keys the migration took from the stored Document
    assert isinstance(joined, Joined) and joined.title.id == 1 and catalog.count() == 1


# ── the job worker, the command line and the API ───────────────────────────


@pytest.fixture
def library(tmp_path):
    library = make_library(tmp_path)
    worker = library.jobs.worker(2)
    worker.start()
    yield library
    worker.stop()
    library.close()


def test_the_job_of_a_second_format_stops_after_reading_and_says_which_title_it_joined(library):
    first = library.add(sample("dala-kk.epub"), "dala-kk.epub")
    assert wait_done(library, first.job).status == "done"
    made = {r.fmt: r.created_at for r in library.catalog.renditions(first.title.id)}
    second = library.add(sample("dala-kk.fb2"), "dala-kk.fb2")
    assert second.created and second.title.id != first.title.id  # a new file: its book is not read yet
    info = wait_done(library, second.job)
    assert info.status == "done" and info.title == first.title.id and info.error("en") == ""
    assert info.note("en") == (
        f"dala-kk.fb2 has the identifier of title #{first.title.id} «Дала әуені»: added to it as another source, "
        "not converted again"
    )
    assert info.note("ru").startswith(f"У dala-kk.fb2 тот же идентификатор, что у книги №{first.title.id}")
    assert info.note("kk").startswith(f"dala-kk.fb2 файлының идентификаторы №{first.title.id} «Дала әуені»")
    assert [step["name"] for step in library.jobs.steps(second.job)] == ["prepare"]  # nothing converted
    assert library.catalog.count() == 1
    assert [s.name for s in library.catalog.sources(first.title.id)] == ["dala-kk.epub", "dala-kk.fb2"]
    assert {r.fmt: r.created_at for r in library.catalog.renditions(first.title.id)} == made
    assert not (library.store.path("work") / second.job).exists()

    again = library.add(sample("dala-kk.fb2"), "dala-kk (2).fb2")
    assert not again.created and again.job is None and again.title.id == first.title.id
    assert again.message("en") == (
        f"dala-kk (2).fb2: this file is already in the catalog, as a source of title #{first.title.id} "
        "«Дала әуені»; nothing new was added"
    )

    edition = library.add(sample("dala-kk.txt"), "dala-kk.txt", separate=True)
    assert wait_done(library, edition.job).note("en") == "" and library.catalog.count() == 2


def test_import_says_what_it_did_with_each_file_and_jobs_says_which_title_a_book_joined(tmp_path, monkeypatch):
    books, data = tmp_path / "books", tmp_path / "data"
    books.mkdir()
    for name in ("kitaphana-kk-ru.epub", "kitaphana-kk-ru.html"):
        (books / name).write_bytes(sample(name))
    monkeypatch.setenv("ACCESSREADER_DATA", str(data))
    runner = CliRunner()
    first = runner.invoke(main, ["--lang", "en", "import", str(books)])
    assert first.exit_code == 0, first.output
    assert "kitaphana-kk-ru.epub: title #1, job " in first.stdout
    assert "kitaphana-kk-ru.html: title #2, job " in first.stdout

    library = make_library(tmp_path)  # the same data folder; its worker runs the queued jobs
    worker = library.jobs.worker(1)
    worker.start()
    try:
        for info in library.jobs.list():
            wait_done(library, info.id)
    finally:
        worker.stop()
    listed = runner.invoke(main, ["--lang", "ru", "jobs"])
    assert "В kitaphana-kk-ru.html тот же текст, что в книге №1" in listed.stdout
    assert library.catalog.count() == 1 and len(library.catalog.sources(1)) == 2

    again = runner.invoke(main, ["--lang", "kk", "import", str(books)])
    assert again.exit_code == 0
    assert "kitaphana-kk-ru.html: бұл файл каталогта №1 «Кітапхана мен дала. Библиотека и степь» кітабының көзі" in (
        again.stdout
    )
    separate = runner.invoke(main, ["--lang", "en", "import", "--separate", str(books)])
    assert "kitaphana-kk-ru.html: title #3, job " in separate.stdout  # taken out into an entry of its own
    assert "kitaphana-kk-ru.epub: this file is already in the catalog" in separate.stdout  # the primary stays
    library.close()


def test_the_api_answers_200_for_a_file_it_has_and_the_joined_title_redirects(library):
    with TestClient(create_app(library.settings, library)) as client:
        assert client.post("/api/login", json={"login": STAFF[0], "secret": STAFF[1]}).status_code == 200
        files = [("files", ("report.fb2", sample("library-report-ru.fb2")))]
        created = client.post("/api/titles", files=files)
        assert created.status_code == 201 and created.json()[0]["created"] is True
        first = created.json()[0]
        wait_done(library, first["job"])

        known = client.post("/api/titles", files=files, headers={"accept-language": "ru"})
        assert known.status_code == 200
        assert known.json() == [
            {
                "name": "report.fb2",
                "title": first["title"],
                "job": None,
                "error": "",
                "created": False,
                "message": f"report.fb2: этот файл уже есть в каталоге как источник книги №{first['title']} "
                "«Отчёт городской библиотеки за 2021 год»; ничего нового не добавлено",
            }
        ]

        pdf = client.post("/api/titles", files=[("files", ("report.pdf", sample("library-report-ru.pdf")))]).json()[0]
        assert pdf["created"] is True and pdf["title"] != first["title"]
        wait_done(library, pdf["job"])
        job = client.get(f"/api/jobs/{pdf['job']}").json()
        assert job["status"] == "done" and job["error"] == ""
        assert job["note"].startswith(f"report.pdf has the title, authors and language of title #{first['title']}")
        moved = client.get(f"/api/titles/{pdf['title']}", follow_redirects=False)
        assert moved.status_code == 301 and moved.headers["location"] == f"/api/titles/{first['title']}"
        assert client.get(f"/api/titles/{pdf['title']}").json()["id"] == first["title"]
        assert client.get("/api/titles/999999").status_code == 404
        assert len(client.get("/api/titles").json()) == 1

        separate = client.post(
            "/api/titles",
            files=[("files", ("report.docx", sample("library-report-ru.docx")))],
            data={"separate": "true"},
        )
        assert separate.status_code == 201
        wait_done(library, separate.json()[0]["job"])
        assert len(client.get("/api/titles").json()) == 2

        schema = client.get("/openapi.json").json()["paths"]["/api/titles"]["post"]
        assert {"200", "201"} <= set(schema["responses"])
