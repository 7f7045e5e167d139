"""Where each reader stopped in each book, and their bookmarks, in a local JSON file.

    PositionFile(path).load(reader, book) ──▶ Saved(position, bookmarks)
    PositionFile(path).save(reader, book, Saved)   (whole file replaced atomically)

``book`` is the Document's source checksum, so the same title read from
another copy of the file opens at the same place.  Locators are stored in
their string form (``"2:c2b14:1:37"``), the form the service's store uses.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_bytes
from ..model import Locator


@dataclass
class Saved:
    """A reader's place in one book and their bookmarks."""

    position: Locator | None = None
    bookmarks: list[Locator] = field(default_factory=list)


class PositionFile:
    """Positions for every reader and book in one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def load(self, reader: str, book: str) -> Saved:
        """What was saved for ``reader`` in ``book``; nothing saved (or an unreadable file) gives an empty ``Saved``."""
        entry = self._all().get(reader, {}).get(book, {})
        try:
            position = Locator.parse(entry["position"]) if entry.get("position") else None
            bookmarks = [Locator.parse(text) for text in entry.get("bookmarks", [])]
        except (ValueError, TypeError, AttributeError):
            return Saved()
        return Saved(position, bookmarks)

    def save(self, reader: str, book: str, saved: Saved) -> None:
        everything = self._all()
        everything.setdefault(reader, {})[book] = {
            "position": str(saved.position) if saved.position else "",
            "bookmarks": [str(locator) for locator in saved.bookmarks],
        }
        write_bytes(self.path, json.dumps(everything, ensure_ascii=False, indent=1).encode())

    def _all(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}
