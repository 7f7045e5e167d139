"""A reader's bookmarks in each book, in a local JSON file beside the positions file.

    BookmarkFile(path).load(reader, book) ──▶ [Locator, …]   newest first
    BookmarkFile(path).save(reader, book, [Locator, …])       (whole file replaced atomically)

The reading position itself lives in the shared position store
(``accessreader.service.positions``: the service's database, or a local file); the
catalog keeps no bookmarks, so the terminal keeps them here.  ``book`` is
the title's source checksum, as in the position store.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..atomic import write_bytes
from ..model import Locator


class BookmarkFile:
    """Bookmarks for every reader and book in one JSON file: reader → book → locator strings."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def load(self, reader: str, book: str) -> list[Locator]:
        """``reader``'s bookmarks in ``book``; none saved (or an unreadable file) gives an empty list."""
        try:
            return [Locator.parse(text) for text in self._all().get(reader, {}).get(book, [])]
        except (ValueError, TypeError, AttributeError):
            return []

    def save(self, reader: str, book: str, bookmarks: list[Locator]) -> None:
        everything = self._all()
        everything.setdefault(reader, {})[book] = [str(locator) for locator in bookmarks]
        write_bytes(self.path, json.dumps(everything, ensure_ascii=False, indent=1).encode())

    def _all(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) and all(isinstance(v, dict) for v in data.values()) else {}
