"""The terminal's book loading: the first part at once, the rest behind it, the same book as read whole."""

from __future__ import annotations

from pathlib import Path

from accessreader import content
from accessreader.braille.tables import Code
from accessreader.braille.translate import translate_document
from accessreader.content.safety import DEFAULT_LIMITS
from accessreader.model import Locator
from accessreader.service.documents import Documents, Folder
from accessreader.terminal import loading
from accessreader.terminal.buffer import BrailleBook
from accessreader.terminal.files import open_file
from accessreader.terminal.loading import Loader, StoredTitle

SAMPLES = Path(__file__).parent.parent / "samples"


def whole(path: Path):
    return content.read(path.read_bytes(), path.name)


def test_a_file_read_a_part_at_a_time_gives_the_book_read_whole(monkeypatch):
    monkeypatch.setattr(loading, "FIRST_CHARACTERS", 100)  # a first part of a few blocks only
    path = SAMPLES / "kitaphana-kk-ru.epub"
    expected = whole(path)
    place = Locator(1, expected.chapters[1].blocks[5].id, 0, 0)  # the reader stopped in the second chapter
    loader = Loader(open_file(path, DEFAULT_LIMITS), Code(), place)
    first = loader.first()
    shown = [block.id for _, block in first.document.blocks()]
    assert place.block in shown and len(shown) < len(expected.chapters[1].blocks)
    assert not any(first.document.chapters[0].blocks)  # the first chapter is not read yet
    loader.start()
    assert loader.wait(60)
    done = loader.newest()
    assert done.document.to_dict() == expected.to_dict()  # languages, spans, sentences, contents, title
    read_whole = BrailleBook(expected, translate_document(expected, Code()))
    assert [row.cells for row in done.book.rows] == [row.cells for row in read_whole.rows]
    assert [u.spoken for u in done.utterances][:3]  # speech for the whole book


def test_a_file_read_before_opens_from_what_was_kept(tmp_path):
    path = SAMPLES / "dala-kk.epub"
    kept = Documents(Folder(tmp_path / "books"))
    loader = Loader(open_file(path, DEFAULT_LIMITS, kept), Code())
    loader.first()
    loader.start()
    assert loader.wait(60)
    again = open_file(path, DEFAULT_LIMITS, Documents(Folder(tmp_path / "books")))
    assert isinstance(again, StoredTitle)  # no reading, no language detection: the finished book
    second = Loader(again, Code())
    second.first()
    second.start()
    assert second.wait(60)
    assert second.newest().document.to_dict() == whole(path).to_dict()
    assert second.source.key == loader.source.key  # the same positions and bookmarks
