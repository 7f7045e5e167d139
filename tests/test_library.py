"""The application layer: a folder import on the embedded queue, through to the catalog's formats."""

from __future__ import annotations

import pytest

from accessreader.content import read
from accessreader.errors import FileTooLarge, NotAllowed, NotFound, NotLoggedIn
from accessreader.model import Locator
from accessreader.service.catalog import FAILED, READY
from accessreader.service.rights import READ_ONLINE
from accessreader.settings import Settings
from tests.servicekit import READER, STAFF, VISITOR, book, epub_without_package, make_library, wait_done


def test_importing_a_folder_converts_every_book_into_the_catalog(tmp_path):
    folder = tmp_path / "books"
    (folder / "shelf").mkdir(parents=True)
    (folder / "Дала әндері.txt").write_bytes(book("Дала әндері"))
    (folder / "shelf" / "city.txt").write_bytes(book("City Library", chapters=3))  # another text: another book
    (folder / "notes.md").write_text("not a book suffix")
    (folder / "empty.txt").write_bytes(b"")
    library = make_library(tmp_path)
    worker = library.jobs.worker(2)
    worker.start()
    try:
        results = library.import_folder(folder)
        by_name = {r.name: r for r in results}
        assert sorted(by_name) == ["city.txt", "empty.txt", "Дала әндері.txt"]
        assert by_name["empty.txt"].error.message("kk") == "empty.txt: файл бос"
        for name in ("city.txt", "Дала әндері.txt"):
            assert wait_done(library, by_name[name].job).status == "done"
    finally:
        worker.stop()
    song = library.catalog.get(by_name["Дала әндері.txt"].title.id)
    assert song.title == "Дала әндері" and song.status == READY
    assert [(r.fmt, r.path) for r in song.renditions] == [
        ("brf", f"outputs/{song.id}/Дала-әндері.brf"),
        ("pef", f"outputs/{song.id}/Дала-әндері.pef"),
        ("ubrl", f"outputs/{song.id}/Дала-әндері.ubrl.txt"),
    ]
    assert all(library.store.path(r.path).stat().st_size == r.size > 0 for r in song.renditions)
    assert [t.title for t in library.catalog.search("дала")] == ["Дала әндері"]
    assert sorted(t.title for t in library.catalog.titles()) == ["City Library", "Дала әндері"]
    assert all(t.status == READY for t in library.catalog.titles())

    again = library.import_folder(folder)
    assert [r.job for r in again if r.error is None] == [None, None]  # already converted: not queued twice
    library.close()


def test_a_failed_title_is_queued_again_when_added_again_and_uploads_have_a_limit(tmp_path):
    library = make_library(tmp_path, max_upload_mb=0.001)
    worker = library.jobs.worker(1)
    worker.start()
    try:
        broken = epub_without_package()
        first = library.add(broken, "broken.epub")
        assert wait_done(library, first.job).status == "failed"
        assert library.catalog.get(first.title.id).status == FAILED
        second = library.add(broken, "broken.epub")
        assert second.job and second.job != first.job
        wait_done(library, second.job)
        try:
            library.add(b"x" * 2000, "big.txt")
        except FileTooLarge as error:
            assert "big.txt" in error.message("ru")
        else:
            raise AssertionError("an upload over the limit was taken")
    finally:
        worker.stop()
        library.close()


def test_with_audio_on_a_conversion_also_speaks_the_chapters_for_listening(tmp_path):
    library = make_library(tmp_path, audio=True)
    worker = library.jobs.worker(1)
    worker.start()
    try:
        added = library.add(book("Дала әндері"), "dala.txt")
        assert wait_done(library, added.job).status == "done"
    finally:
        worker.stop()
    chapters = library.audiobooks.chapters(added.title.id)
    assert chapters and all(chapter.made for chapter in chapters)
    assert all(library.audiobooks.file(added.title.id, chapter.index, "mp3") for chapter in chapters)
    library.close()


def test_audio_setting_is_read_from_the_environment():
    assert Settings.from_env({"ACCESSREADER_AUDIO": "yes"}).audio is True
    assert Settings.from_env({}).audio is False


def test_reading_a_chapter_online_is_audit_logged_and_only_for_readers_with_rights(tmp_path):
    library = make_library(tmp_path)
    title = library.catalog.add_source(book("Дала әндері"), "dala.txt").title
    library.catalog.attach_document(title.id, read(book("Дала әндері"), "dala.txt"))
    reader = library.people.by_login(READER[0])
    _, document, chapter = library.read_chapter(reader, title.id, 1)
    assert chapter is document.chapters[0]
    [entry] = library.audit.entries(title_id=title.id)
    assert (entry.login, entry.action, entry.detail) == (READER[0], READ_ONLINE, "chapter 1")
    with pytest.raises(NotLoggedIn):
        library.read_chapter(None, title.id, 1)
    with pytest.raises(NotAllowed):
        library.read_chapter(library.people.by_login(VISITOR[0]), title.id, 1)
    with pytest.raises(NotFound):
        library.read_chapter(reader, title.id, len(document.chapters) + 1)
    assert len(library.audit.entries(title_id=title.id)) == 1  # refusals are not logged

    assert library.position(reader, title.id) is None
    library.save_position(reader, title.id, Locator(0, "c0b1", 0, 0))
    assert library.position(reader, title.id) == Locator(0, "c0b1", 0, 0)
    library.close()


def test_the_proof_page_of_a_chapter_is_for_staff(tmp_path):
    library = make_library(tmp_path)
    title = library.catalog.add_source(book("City Library"), "city.txt").title
    library.catalog.attach_document(title.id, read(book("City Library"), "city.txt"))
    html = library.proof(library.people.by_login(STAFF[0]), title.id, 1, "en")
    assert "City Library" in html and "⠠" in html
    with pytest.raises(NotAllowed):
        library.proof(library.people.by_login(READER[0]), title.id, 1, "en")
    library.close()
