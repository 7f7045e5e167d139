"""A new title's first chapter is read online while its job still reads the rest of the book: the real
worker (held between the preview and the whole book by a real ``threading.Event``), SQLite and PostgreSQL,
the chapter and title pages and their JSON answers in kk, ru and en."""

from __future__ import annotations

import dataclasses
import threading

import pytest
import uvicorn
from fastapi.testclient import TestClient

from accessreader import content
from accessreader.messages import translate
from accessreader.server import create_app
from accessreader.service.library import Library
from accessreader.settings import Settings
from tests.servicekit import READER, wait_done
from tests.stores import KINDS, open_test_store
from tests.test_web import log_in, violations
from tests.webkit import free_port, stop, tab

PAGE = {"accept": "text/html"}


def book(chapters: int, paragraphs: int, extra: str = "") -> bytes:
    """A TXT book of ``chapters`` chapters (each one's text its own, so that no two books here are one work
    unless ``extra`` alone tells them apart)."""
    return (
        "\n\n".join(
            f"Chapter {c}\n\n"
            + "\n\n".join(
                f"Абзац {c}.{i}. Қазақ тілі мен орыс тілі бір кітапта. Русский текст главы {c}, абзац {i}. "
                f"The quick brown fox jumps over chapter {c}, paragraph {i} of {chapters}."
                for i in range(paragraphs)
            )
            for c in range(1, chapters + 1)
        )
        + extra
    ).encode()


class HeldAfterPreview:
    """The library's own publisher, its job held after the preview until the test lets it go on."""

    def __init__(self, publisher) -> None:
        self.publisher = publisher
        self.previewed = threading.Event()
        self.go = threading.Event()

    def preview(self, title: int, document) -> None:
        self.publisher.preview(title, document)
        self.previewed.set()
        assert self.go.wait(60)

    def __getattr__(self, name: str):
        return getattr(self.publisher, name)


@pytest.fixture(params=KINDS)
def served(request, tmp_path):
    data = tmp_path / "data"
    library = Library(Settings(data=data, chapters_per_part=1, read_seconds=60), open_test_store(request.param, data))
    library.people.register("reader", *READER, "Reader", print_disabled=True)
    held = HeldAfterPreview(library.jobs.publisher)
    library.jobs.work.publisher = held
    worker = library.jobs.worker(1)
    worker.start()
    with TestClient(create_app(library.settings, library)) as client:
        assert client.post("/api/login", json={"login": READER[0], "secret": READER[1]}).status_code == 200
        yield library, held, client
    held.go.set()
    worker.stop()
    library.close()


def test_chapter_one_is_read_online_while_the_job_reads_the_rest_in_ru_and_kk(served):
    library, held, client = served
    payload = book(4, 30)
    added = library.add(payload, "long.txt")
    number = added.title.id
    assert held.previewed.wait(60)
    assert library.jobs.get(added.job).status == "running"

    first = client.get(f"/titles/{number}/read/1", headers=PAGE)
    assert first.status_code == 200
    assert "Абзац 1.29." in first.text and '<p id="c0b30" lang="kk">' in first.text  # whole, languages decided
    title = client.get(f"/titles/{number}", headers=PAGE)
    assert title.status_code == 200 and "This book is still being prepared." in title.text
    assert f'href="/titles/{number}/read/1"' in title.text and "(being prepared)" in title.text

    later = client.get(f"/titles/{number}/read/3", headers={**PAGE, "accept-language": "ru"})
    assert later.status_code == 503 and later.headers["retry-after"] == "2"
    assert "Эта глава ещё готовится" in later.text
    assert "Глава 3 ещё готовится: книга сейчас читается. Попробуйте ещё раз через минуту" in later.text
    assert f'href="/titles/{number}/read/3"' in later.text  # try again
    asked = client.get(f"/titles/{number}/read/2", headers={"accept": "application/json", "accept-language": "kk"})
    assert asked.status_code == 503 and asked.headers["retry-after"] == "2"
    assert asked.json() == {"error": "chapter_not_ready", "message": translate("chapter_not_ready", "kk", chapter=2)}
    assert asked.json()["message"].startswith("2-тарау әлі дайындалып жатыр")
    kk_title = client.get(f"/titles/{number}", headers={**PAGE, "accept-language": "kk"})
    assert "Бұл кітап әлі дайындалып жатыр." in kk_title.text
    assert client.get(f"/titles/{number}/read/5", headers=PAGE).status_code == 404  # no such chapter at all

    held.go.set()
    assert wait_done(library, added.job).status == "done"
    assert library.catalog.prepared(number) is None  # the whole Document replaced the preview
    assert library.catalog.document(number).to_json() == content.read(payload, "long.txt").to_json()
    again = client.get(f"/titles/{number}/read/3", headers={**PAGE, "accept-language": "ru"})
    assert again.status_code == 200 and "Абзац 3.29." in again.text
    assert "still being prepared" not in client.get(f"/titles/{number}", headers=PAGE).text
    assert any(title.id == number for title, _ in library.catalog.search_text("fox"))  # indexed once whole


def test_a_title_not_read_at_all_yet_says_so_too(served):
    library, held, client = served
    added = library.add(book(2, 3), "short.txt")
    number = added.title.id
    assert held.previewed.wait(60)
    # Another title still queued behind the held job: nothing of it is read yet.
    queued = library.add(book(3, 3), "queued.txt").title.id
    answer = client.get(f"/titles/{queued}/read/1", headers={**PAGE, "accept-language": "ru"})
    assert answer.status_code == 503 and "Глава 1 ещё готовится" in answer.text and "retry-after" in answer.headers
    held.go.set()
    assert wait_done(library, added.job).status == "done"
    assert client.get(f"/titles/{number}/read/2", headers=PAGE).status_code == 200


def test_a_book_that_joins_another_title_leaves_no_preview(served):
    library, held, client = served
    held.go.set()
    kept = library.add(book(3, 5), "book.txt")
    assert wait_done(library, kept.job).status == "done"
    stored = library.catalog.document(kept.title.id).to_json()

    held.go.clear()
    held.previewed.clear()
    twin = library.add(book(3, 5, extra="\n\n"), "book again.txt")  # other bytes, the same text
    assert twin.created and twin.title.id != kept.title.id
    assert held.previewed.wait(60)
    assert client.get(f"/titles/{twin.title.id}/read/1", headers=PAGE).status_code == 200  # the preview, meanwhile
    held.go.set()
    info = wait_done(library, twin.job)
    assert info.status == "done" and info.title == kept.title.id
    assert not library.store.path(f"documents/{twin.title.id}").exists()
    assert not library.store.path(f"documents/{twin.title.id}.json").exists()
    moved = client.get(f"/titles/{twin.title.id}", headers=PAGE, follow_redirects=False)
    assert moved.status_code == 301 and moved.headers["location"] == f"/titles/{kept.title.id}"
    assert library.catalog.document(kept.title.id).to_json() == stored  # the other title untouched
    assert client.get(f"/titles/{kept.title.id}/read/1", headers=PAGE).status_code == 200


def test_a_failed_job_leaves_no_preview_and_touches_no_other_title(served):
    library, held, client = served
    held.go.set()
    kept = library.add(book(2, 4), "kept.txt")
    assert wait_done(library, kept.job).status == "done"
    stored = library.catalog.document(kept.title.id).to_json()

    library.jobs.work.settings = dataclasses.replace(library.settings, read_seconds=1.0)  # a tight budget
    held.go.clear()
    held.previewed.clear()
    added = library.add(book(3, 4), "slow.txt")
    assert held.previewed.wait(60)
    assert client.get(f"/titles/{added.title.id}/read/1", headers=PAGE).status_code == 200
    threading.Event().wait(1.5)  # held past the reading budget: the rest of the book comes too late
    held.go.set()
    info = wait_done(library, added.job)
    assert info.status == "failed" and info.error_code == "reading_too_long"
    assert not library.store.path(f"documents/{added.title.id}").exists()
    failed = client.get(f"/titles/{added.title.id}/read/1", headers=PAGE)
    assert failed.status_code == 404
    title = client.get(f"/titles/{added.title.id}", headers=PAGE)
    assert "Conversion failed" in title.text and "still being prepared" not in title.text
    assert library.catalog.document(kept.title.id).to_json() == stored
    assert client.get(f"/titles/{kept.title.id}/read/2", headers=PAGE).status_code == 200


def test_the_pages_of_a_book_being_prepared_pass_axe_in_chromium(browser, tmp_path):
    data = tmp_path / "data"
    library = Library(Settings(data=data, chapters_per_part=1))
    library.people.register("reader", *READER, "Reader", print_disabled=True)
    held = HeldAfterPreview(library.jobs.publisher)
    library.jobs.work.publisher = held
    worker = library.jobs.worker(1)
    worker.start()
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(library.settings, library), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))  # fmt: skip
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        added = library.add(book(3, 10), "prepared.txt")
        assert held.previewed.wait(60)
        while not server.started:
            threading.Event().wait(0.02)
        with tab(browser, f"http://127.0.0.1:{port}") as page:
            log_in(page, READER)
            found = {}
            for lang in ("en", "ru", "kk"):
                page.goto(f"/titles/{added.title.id}?lang={lang}")
                found[f"title {lang}"] = violations(page)
                response = page.goto(f"/titles/{added.title.id}/read/2")
                assert response.status == 503 and response.headers["retry-after"] == "2"
                found[f"chapter 2 {lang}"] = violations(page)
            assert page.get_by_role("heading", level=1).inner_text() == "Бұл тарау әлі дайындалып жатыр"
            page.get_by_role("link", name="Қайта көріңіз").click()  # try again: still being read
            assert page.url.endswith(f"/titles/{added.title.id}/read/2")
            page.goto(f"/titles/{added.title.id}")
            assert "Бұл кітап әлі дайындалып жатыр." in page.inner_text("main")
            page.get_by_role("link", name="Chapter 1").click()
            assert "Абзац 1.9." in page.inner_text("#text")
            assert {where: v for where, v in found.items() if v} == {}
    finally:
        held.go.set()
        stop(server, thread, library)
        worker.stop()
