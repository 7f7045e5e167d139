"""Who may do what, and the audit log: every accessible copy handed out, every change to people.

    anyone (no login)                      browse and search the catalog
    reader registered as print-disabled    + download and stream accessible copies
    staff                                  + the above, upload and convert titles
    admin                                  + the above, manage people

Accessible copies go only to registered print-disabled readers and staff (the
Marrakesh Treaty's "beneficiary persons" and "authorized entity"); ``deliver``
checks that and writes the audit row in the same transaction, so no copy leaves
without a row.  Changes to people (``accounts.py``) are logged the same way, with
``log_change`` inside the change's own transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Row, insert, select

from ..errors import NotAllowed, NotFound, NotLoggedIn
from . import schema
from .catalog import Rendition
from .people import ADMIN, READER, STAFF, Person
from .store import Store

DOWNLOAD = "download"
STREAM = "stream"
READ_ONLINE = "read"
ACTIONS = (DOWNLOAD, STREAM, READ_ONLINE)

ADDED = "added"
CHANGED = "changed"
SECRET_RESET = "secret_reset"
TOKENS_REVOKED = "tokens_revoked"
CHANGES = (ADDED, CHANGED, SECRET_RESET, TOKENS_REVOKED)


@dataclass
class AuditEntry:
    """One accessible copy handed out: who, what, how and when."""

    id: int
    person_id: int
    login: str
    title_id: int
    fmt: str
    action: str
    at: datetime
    detail: str


@dataclass
class PersonChange:
    """One change to a person: who (``actor``) did what to whom, when; never a secret."""

    id: int
    actor_id: int
    actor_login: str
    person_id: int
    login: str
    action: str
    at: datetime
    detail: str


def may_read(person: Person | None) -> bool:
    """May this person receive accessible copies (download, stream, read online)?"""
    if person is None or not person.active:
        return False
    return person.role in (STAFF, ADMIN) or (person.role == READER and person.print_disabled)


def may_manage_titles(person: Person | None) -> bool:
    """May this person upload, convert and remove titles? (staff and admins)"""
    return person is not None and person.active and person.role in (STAFF, ADMIN)


def may_manage_people(person: Person | None) -> bool:
    """May this person register readers and staff? (admins)"""
    return person is not None and person.active and person.role == ADMIN


#: The rights, by name: receive accessible copies, manage titles, manage people.
READ = "read"
MANAGE_TITLES = "manage_titles"
MANAGE_PEOPLE = "manage_people"
_DECISIONS: dict[str, Callable[[Person | None], bool]] = {
    READ: may_read,
    MANAGE_TITLES: may_manage_titles,
    MANAGE_PEOPLE: may_manage_people,
}


def may(person: Person | None, right: str) -> bool:
    """Has ``person`` the ``right`` (``READ``, ``MANAGE_TITLES``, ``MANAGE_PEOPLE``)?"""
    return _DECISIONS[right](person)


def require(person: Person | None, right: str) -> Person:
    """``person`` if they have ``right``; else ``NotLoggedIn`` (no person) or ``NotAllowed``."""
    if person is None:
        raise NotLoggedIn()
    if not may(person, right):
        raise NotAllowed()
    return person


class Audit:
    """The audit log in one ``Store``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def deliver(
        self, person: Person | None, title_id: int, fmt: str, action: str = DOWNLOAD, detail: str = ""
    ) -> tuple[Rendition, Path]:
        """Check the right, log the delivery, and give the rendition with its absolute path.

        Raises ``NotLoggedIn``/``NotAllowed`` (nothing logged) and ``NotFound``
        when the title has no rendition ``fmt``.  ``detail`` notes e.g. a byte range.
        """
        reader = require(person, READ)
        table = schema.renditions
        with self.store.begin() as connection:
            row = connection.execute(select(table).where(table.c.title_id == title_id, table.c.fmt == fmt)).first()
            if row is None:
                raise NotFound(what=f"{fmt} of title #{title_id}")
            _insert(connection, reader, title_id, fmt, action, detail)
        rendition = Rendition(row.title_id, row.fmt, row.path, row.size, row.media_type, schema.utc(row.created_at))
        return rendition, self.store.path(row.path)

    def record(self, person: Person, title_id: int, fmt: str, action: str, detail: str = "") -> AuditEntry:
        """Write one audit row (for deliveries that do not go through ``deliver``, e.g. live streams).

        The right is checked here too: ``NotLoggedIn``/``NotAllowed`` and no row.
        """
        reader = require(person, READ)
        with self.store.begin() as connection:
            entry_id = _insert(connection, reader, title_id, fmt, action, detail)
            row = connection.execute(select(schema.audit).where(schema.audit.c.id == entry_id)).one()
        return _entry(row)

    def entries(
        self, *, person_id: int | None = None, title_id: int | None = None, limit: int = 100
    ) -> list[AuditEntry]:
        """The newest audit rows, optionally for one person or one title."""
        table = schema.audit
        query = select(table).order_by(table.c.id.desc()).limit(limit)
        if person_id is not None:
            query = query.where(table.c.person_id == person_id)
        if title_id is not None:
            query = query.where(table.c.title_id == title_id)
        with self.store.begin() as connection:
            return [_entry(row) for row in connection.execute(query)]

    def changes(self, *, person_id: int | None = None, limit: int = 100) -> list[PersonChange]:
        """The newest changes to people, optionally to one person."""
        table = schema.people_changes
        query = select(table).order_by(table.c.id.desc()).limit(limit)
        if person_id is not None:
            query = query.where(table.c.person_id == person_id)
        with self.store.begin() as connection:
            return [
                PersonChange(
                    row.id,
                    row.actor_id,
                    row.actor_login,
                    row.person_id,
                    row.login,
                    row.action,
                    schema.utc(row.at),
                    row.detail,
                )  # fmt: skip
                for row in connection.execute(query)
            ]


def log_change(
    connection: Connection, actor: Person, person_id: int, login: str, action: str, detail: str = ""
) -> None:
    """Write who (``actor``) changed whom, inside the caller's transaction."""
    if action not in CHANGES:
        raise ValueError(f"unknown change {action!r}")
    connection.execute(
        insert(schema.people_changes).values(
            actor_id=actor.id,
            actor_login=actor.login,
            person_id=person_id,
            login=login,
            action=action,
            at=schema.now(),
            detail=detail,
        )
    )


def _insert(connection: Connection, person: Person, title_id: int, fmt: str, action: str, detail: str) -> int:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    return connection.execute(
        insert(schema.audit).values(
            person_id=person.id,
            login=person.login,
            title_id=title_id,
            fmt=fmt,
            action=action,
            at=schema.now(),
            detail=detail,
        )
    ).inserted_primary_key[0]


def _entry(row: Row[Any]) -> AuditEntry:
    return AuditEntry(
        row.id, row.person_id, row.login, row.title_id, row.fmt, row.action, schema.utc(row.at), row.detail
    )
