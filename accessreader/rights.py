"""Who may do what, and the audit log of every accessible copy handed out.

    anyone (no login)                      browse and search the catalog
    reader registered as print-disabled    + download and stream accessible copies
    staff                                  + the above, upload and convert titles
    admin                                  + the above, manage people

Accessible copies go only to registered print-disabled readers and staff (the
Marrakesh Treaty's "beneficiary persons" and "authorized entity"); ``deliver``
checks that and writes the audit row in the same transaction, so no copy leaves
without a row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .catalog import Rendition
from .people import Person
from .store import Store

DOWNLOAD = "download"
STREAM = "stream"
ACTIONS = (DOWNLOAD, STREAM)


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


def may_read(person: Person | None) -> bool:
    """May this person receive accessible copies (download, stream, read online)?"""
    raise NotImplementedError


def may_manage_titles(person: Person | None) -> bool:
    """May this person upload, convert and remove titles? (staff and admins)"""
    raise NotImplementedError


def may_manage_people(person: Person | None) -> bool:
    """May this person register readers and staff? (admins)"""
    raise NotImplementedError


def require_reader(person: Person | None) -> Person:
    """``person`` if ``may_read``; else ``NotLoggedIn`` (no person) or ``NotAllowed``."""
    raise NotImplementedError


def require_staff(person: Person | None) -> Person:
    """``person`` if ``may_manage_titles``; else ``NotLoggedIn`` or ``NotAllowed``."""
    raise NotImplementedError


def require_admin(person: Person | None) -> Person:
    """``person`` if ``may_manage_people``; else ``NotLoggedIn`` or ``NotAllowed``."""
    raise NotImplementedError


class Audit:
    """The audit log in one ``Store``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def deliver(self, person: Person | None, title_id: int, fmt: str, action: str = DOWNLOAD, detail: str = "") -> tuple[Rendition, Path]:
        """Check the right, log the delivery, and give the rendition with its absolute path.

        Raises ``NotLoggedIn``/``NotAllowed`` (nothing logged) and ``NotFound``
        when the title has no rendition ``fmt``.  ``detail`` notes e.g. a byte range.
        """
        raise NotImplementedError

    def record(self, person: Person, title_id: int, fmt: str, action: str, detail: str = "") -> AuditEntry:
        """Write one audit row (for deliveries that do not go through ``deliver``, e.g. live streams)."""
        raise NotImplementedError

    def entries(self, *, person_id: int | None = None, title_id: int | None = None, limit: int = 100) -> list[AuditEntry]:
        """The newest audit rows, optionally for one person or one title."""
        raise NotImplementedError
