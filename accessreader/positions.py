"""Reading positions: where each reader is in each book, shared by every medium.

A position is a ``model.Locator`` string saved per reader (card number / login) per
book (its source checksum, "sha256:…", the same for a catalog title and for the
same file opened locally).  The web reader, the audio stream and the braille
terminal all save on every move and restore on open.

    DatabasePositions   in the service's store (``positions`` table)
    FilePositions       a JSON file, for a terminal with no service configured

Both follow ``PositionStore``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from .model import Locator
from .store import Store


@dataclass
class SavedPosition:
    """A reader's place in a book and when it was saved (UTC)."""

    reader: str
    book: str
    locator: Locator
    updated_at: datetime


class PositionStore(Protocol):
    """Where positions are kept."""

    def save(self, reader: str, book: str, locator: Locator) -> SavedPosition:
        """Remember ``locator`` as ``reader``'s place in ``book``."""

    def load(self, reader: str, book: str) -> SavedPosition | None:
        """``reader``'s last place in ``book``, or ``None``."""

    def recent(self, reader: str, limit: int = 20) -> list[SavedPosition]:
        """``reader``'s books, the most recently read first."""


class DatabasePositions:
    """Positions in the service's database; ``reader`` is a login, ``book`` a title's checksum.

    ``save`` raises ``NotFound`` for an unknown reader or book.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def save(self, reader: str, book: str, locator: Locator) -> SavedPosition:
        raise NotImplementedError

    def load(self, reader: str, book: str) -> SavedPosition | None:
        raise NotImplementedError

    def recent(self, reader: str, limit: int = 20) -> list[SavedPosition]:
        raise NotImplementedError


class FilePositions:
    """Positions in one JSON file (``positions.json`` in the data folder), written atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def save(self, reader: str, book: str, locator: Locator) -> SavedPosition:
        raise NotImplementedError

    def load(self, reader: str, book: str) -> SavedPosition | None:
        raise NotImplementedError

    def recent(self, reader: str, limit: int = 20) -> list[SavedPosition]:
        raise NotImplementedError
