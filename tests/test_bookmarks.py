"""Bookmarks per reader and book, in one JSON file replaced whole."""

from __future__ import annotations

from accessreader.model import Locator
from accessreader.terminal.bookmarks import BookmarkFile


def test_kept_per_reader_and_book(tmp_path):
    store = BookmarkFile(tmp_path / "deep" / "bookmarks.json")
    assert store.load("aigerim", "sha256:1") == []
    store.save("aigerim", "sha256:1", [Locator(2, "c2b14", 1, 37), Locator(0, "c0b3", 0, 0)])
    store.save("aigerim", "sha256:2", [Locator(0, "c0b1", 0, 5)])
    store.save("daulet", "sha256:1", [])
    again = BookmarkFile(tmp_path / "deep" / "bookmarks.json")
    assert again.load("aigerim", "sha256:1") == [Locator(2, "c2b14", 1, 37), Locator(0, "c0b3", 0, 0)]
    assert again.load("aigerim", "sha256:2") == [Locator(0, "c0b1", 0, 5)]
    assert again.load("daulet", "sha256:1") == []
    assert [p.name for p in (tmp_path / "deep").iterdir()] == ["bookmarks.json"]  # no temporary left


def test_a_damaged_file_starts_afresh(tmp_path):
    path = tmp_path / "bookmarks.json"
    path.write_text("{not json", encoding="utf-8")
    assert BookmarkFile(path).load("r", "b") == []
    path.write_text('{"r": {"b": ["nonsense"]}}', encoding="utf-8")
    assert BookmarkFile(path).load("r", "b") == []
    BookmarkFile(path).save("r", "b", [Locator(0, "c0b0", 0, 0)])
    assert BookmarkFile(path).load("r", "b") == [Locator(0, "c0b0", 0, 0)]
