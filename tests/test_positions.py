"""Positions and bookmarks per reader and book, in one JSON file replaced whole."""

from __future__ import annotations

from accessreader.model import Locator
from accessreader.terminal.positions import PositionFile, Saved


def test_saved_per_reader_and_book(tmp_path):
    store = PositionFile(tmp_path / "deep" / "positions.json")
    assert store.load("aigerim", "book1") == Saved()
    store.save("aigerim", "book1", Saved(Locator(2, "c2b14", 1, 37), [Locator(0, "c0b3", 0, 0)]))
    store.save("aigerim", "book2", Saved(Locator(0, "c0b1", 0, 5)))
    store.save("daulet", "book1", Saved(Locator(1, "c1b0", 0, 0)))
    again = PositionFile(tmp_path / "deep" / "positions.json")
    assert again.load("aigerim", "book1") == Saved(Locator(2, "c2b14", 1, 37), [Locator(0, "c0b3", 0, 0)])
    assert again.load("aigerim", "book2").position == Locator(0, "c0b1", 0, 5)
    assert again.load("daulet", "book1").position == Locator(1, "c1b0", 0, 0)
    assert [p.name for p in (tmp_path / "deep").iterdir()] == ["positions.json"]  # no temporary left


def test_a_damaged_file_starts_afresh(tmp_path):
    path = tmp_path / "positions.json"
    path.write_text("{not json", encoding="utf-8")
    assert PositionFile(path).load("r", "b") == Saved()
    path.write_text('{"r": {"b": {"position": "nonsense"}}}', encoding="utf-8")
    assert PositionFile(path).load("r", "b") == Saved()
    PositionFile(path).save("r", "b", Saved(Locator(0, "c0b0", 0, 0)))
    assert PositionFile(path).load("r", "b").position == Locator(0, "c0b0", 0, 0)
