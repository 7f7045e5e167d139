"""Reading positions: where each reader is in each book, shared by every medium.

A position is a ``model.Locator`` string saved per reader (card number / login) per
book (its source checksum, "sha256:…", the same for a catalog title and for the
same file opened locally).  The web reader, the audio stream and the braille
terminal all save on every move and restore on open.

    DatabasePositions   in the service's store (``positions`` table)
    FilePositions       a JSON file, for a terminal with no service configured
    TerminalPositions   the service's for its readers and titles, the file for the rest
                        (a reader not registered, a book file not in the catalog)

All follow ``PositionStore``; ``open_positions`` picks the one that applies.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import select

from ..atomic import write_bytes
from ..errors import NotFound
from ..model import Locator
from ..settings import Settings
from . import schema
from .store import Store, open_settings_store


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


def open_positions(data_dir: Path | None = None) -> PositionStore:
    """The service's positions when a service is configured here, else the local file.

    A service is configured when ``Settings.has_service`` says so for the data
    folder (the settings' unless given).
    """
    settings = Settings.from_env(data=data_dir)
    local = FilePositions(settings.data / "positions.json")
    if settings.has_service:
        return TerminalPositions(DatabasePositions(open_settings_store(settings)), local)
    return local


class DatabasePositions:
    """Positions in the service's database; ``reader`` is a login, ``book`` a title's checksum.

    ``save`` raises ``NotFound`` for an unknown reader or book.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def save(self, reader: str, book: str, locator: Locator) -> SavedPosition:
        stamp = schema.now()
        with self.store.begin() as connection:
            person_id = connection.execute(select(schema.people.c.id).where(schema.people.c.login == reader)).scalar()
            title_id = connection.execute(select(schema.titles.c.id).where(schema.titles.c.checksum == book)).scalar()
            if person_id is None:
                raise NotFound(what=f"reader {reader}")
            if title_id is None:
                raise NotFound(what=f"book {book}")
            statement = self.store.insert(schema.positions).values(
                person_id=person_id, title_id=title_id, locator=str(locator), updated_at=stamp
            )
            connection.execute(
                statement.on_conflict_do_update(
                    index_elements=["person_id", "title_id"],
                    set_={"locator": statement.excluded.locator, "updated_at": statement.excluded.updated_at},
                )
            )
        return SavedPosition(reader, book, locator, stamp)

    def load(self, reader: str, book: str) -> SavedPosition | None:
        found = self._query(reader, schema.titles.c.checksum == book, 1)
        return found[0] if found else None

    def recent(self, reader: str, limit: int = 20) -> list[SavedPosition]:
        return self._query(reader, None, limit)

    def _query(self, reader: str, condition, limit: int) -> list[SavedPosition]:
        table = schema.positions
        query = (
            select(schema.titles.c.checksum, table.c.locator, table.c.updated_at)
            .join(schema.people, schema.people.c.id == table.c.person_id)
            .join(schema.titles, schema.titles.c.id == table.c.title_id)
            .where(schema.people.c.login == reader)
            .order_by(table.c.updated_at.desc())
            .limit(limit)
        )
        if condition is not None:
            query = query.where(condition)
        with self.store.begin() as connection:
            return [
                SavedPosition(reader, row.checksum, Locator.parse(row.locator), schema.utc(row.updated_at))
                for row in connection.execute(query)
            ]


class TerminalPositions:
    """The service's positions where the service knows the reader and the book, else a local file.

    A terminal in a library with a catalog also opens books that are not in it, for readers
    who are not registered there: their places are kept in the file, never lost nor refused.
    """

    def __init__(self, shared: DatabasePositions, local: FilePositions) -> None:
        self.shared, self.local = shared, local

    def save(self, reader: str, book: str, locator: Locator) -> SavedPosition:
        try:
            return self.shared.save(reader, book, locator)
        except NotFound:
            return self.local.save(reader, book, locator)

    def load(self, reader: str, book: str) -> SavedPosition | None:
        return self.shared.load(reader, book) or self.local.load(reader, book)

    def recent(self, reader: str, limit: int = 20) -> list[SavedPosition]:
        saved = self.shared.recent(reader, limit) + self.local.recent(reader, limit)
        return sorted(saved, key=lambda p: p.updated_at, reverse=True)[:limit]


class FilePositions:
    """Positions in one JSON file (``positions.json`` in the data folder), written atomically.

    The file maps reader → book → ``{"locator": "...", "updated_at": "ISO time"}``.
    A file that cannot be read is set aside as ``<name>.unreadable`` and a new one begun,
    so a damaged file never stops the terminal.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def save(self, reader: str, book: str, locator: Locator) -> SavedPosition:
        data = self._read()
        stamp = schema.now()
        data.setdefault(reader, {})[book] = {"locator": str(locator), "updated_at": stamp.isoformat()}
        self._write(data)
        return SavedPosition(reader, book, locator, stamp)

    def load(self, reader: str, book: str) -> SavedPosition | None:
        entry = self._read().get(reader, {}).get(book)
        return _saved(reader, book, entry) if entry else None

    def recent(self, reader: str, limit: int = 20) -> list[SavedPosition]:
        books = self._read().get(reader, {})
        saved = [_saved(reader, book, entry) for book, entry in books.items()]
        return sorted(saved, key=lambda p: p.updated_at, reverse=True)[:limit]

    def _read(self) -> dict[str, dict[str, dict[str, str]]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            for books in data.values():
                for entry in books.values():
                    _saved("", "", entry)
            return data
        except FileNotFoundError:
            return {}
        except (ValueError, TypeError, AttributeError, KeyError):
            os.replace(self.path, self.path.with_name(self.path.name + ".unreadable"))
            return {}

    def _write(self, data: dict[str, dict[str, dict[str, str]]]) -> None:
        write_bytes(self.path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


def _saved(reader: str, book: str, entry: dict[str, str]) -> SavedPosition:
    return SavedPosition(reader, book, Locator.parse(entry["locator"]), datetime.fromisoformat(entry["updated_at"]))
