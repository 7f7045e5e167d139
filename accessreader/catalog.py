"""The catalog: titles, their source files, stored Documents and renditions.

    upload bytes ──add_source──▶ Title (status "queued", source under a server-chosen name,
                                        deduplicated by SHA-256)
    job reads it ──attach_document──▶ metadata, languages, search index, documents/<id>.json
    job output   ──publish_rendition──▶ outputs/<id>/<file> (atomic rename) + a Rendition row
    status       ──set_status──▶ queued │ converting │ ready │ failed (with the error)

Every change happens in one database transaction; a file written for a change that
then fails is removed again, so a bad title never costs what was already stored.
Rights are not checked here (see ``rights.py``): the catalog is what anyone may browse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .model import Document
from .store import Store

QUEUED = "queued"
CONVERTING = "converting"
READY = "ready"
FAILED = "failed"
STATUSES = (QUEUED, CONVERTING, READY, FAILED)


@dataclass
class Rendition:
    """One accessible format of a title: ``fmt`` is e.g. "brf", "pef", "mp3", "daisy"."""

    title_id: int
    fmt: str
    path: str  # relative to the data folder
    size: int
    media_type: str
    created_at: datetime


@dataclass
class Title:
    """A catalog entry; ``checksum`` ("sha256:…") identifies its source file everywhere."""

    id: int
    title: str
    authors: list[str]
    languages: list[str]
    description: str
    publisher: str
    date: str
    identifier: str
    source_name: str  # the uploader's file name, shown only, never used as a path
    source_path: str  # relative to the data folder, chosen by the server
    source_format: str
    source_size: int
    checksum: str
    status: str
    status_detail: str
    added_at: datetime
    updated_at: datetime
    renditions: list[Rendition] = field(default_factory=list)


@dataclass
class Added:
    """What ``add_source`` did: the title, and whether it is new (False: same checksum existed)."""

    title: Title
    created: bool


class Catalog:
    """Titles in one ``Store``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add_source(self, data: bytes, name: str, source_format: str = "") -> Added:
        """Store a source file and create its title (status ``queued``).

        The file goes to ``sources/<sha256>.<ext>``; ``name`` is kept for display only.
        A file whose checksum is already in the catalog is not stored twice: the
        existing title is returned with ``created=False``.
        """
        raise NotImplementedError

    def attach_document(self, title_id: int, document: Document) -> Title:
        """Take metadata and languages from ``document``, index it for search and store its JSON.

        Raises ``NotFound`` for an unknown title and ``BadInput`` for a document
        that cannot be stored; in both cases nothing already stored changes.
        """
        raise NotImplementedError

    def document(self, title_id: int) -> Document:
        """The stored Document of a title; ``NotFound`` when it has none yet."""
        raise NotImplementedError

    def set_status(self, title_id: int, status: str, detail: str = "") -> Title:
        """Record a conversion status (one of ``STATUSES``); ``detail`` keeps a failure's error."""
        raise NotImplementedError

    def publish_rendition(self, title_id: int, fmt: str, file_name: str, content: bytes | Path, media_type: str) -> Rendition:
        """Publish one output as ``outputs/<id>/<file_name>``, replacing an older one of the same ``fmt``.

        ``content`` is the bytes, or a finished file (on the same filesystem) that
        is moved into place; either way the published name appears only when whole.
        """
        raise NotImplementedError

    def renditions(self, title_id: int) -> list[Rendition]:
        """The formats a title is available in."""
        raise NotImplementedError

    def get(self, title_id: int) -> Title:
        """One title with its renditions; ``NotFound`` when there is none."""
        raise NotImplementedError

    def by_checksum(self, checksum: str) -> Title | None:
        """The title whose source has this checksum ("sha256:…"), if any."""
        raise NotImplementedError

    def titles(self, *, status: str | None = None, offset: int = 0, limit: int = 50) -> list[Title]:
        """Titles, newest first, optionally only those with one status."""
        raise NotImplementedError

    def count(self, *, status: str | None = None) -> int:
        """How many titles (with that status)."""
        raise NotImplementedError

    def search(self, query: str, *, offset: int = 0, limit: int = 50) -> list[Title]:
        """Titles whose title, authors or description hold every word of ``query``.

        Case-, ё/е- and stress-mark-insensitive in Kazakh, Russian and English; the
        last word also matches as a prefix.  Best matches first; an empty query finds nothing.
        """
        raise NotImplementedError

    def remove(self, title_id: int) -> None:
        """Delete a title, its renditions, positions and files."""
        raise NotImplementedError
