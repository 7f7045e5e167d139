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

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Row, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError, StatementError

from ..atomic import move
from ..content import FORMATS, sniff
from ..errors import BadInput, NotFound
from ..model import Document
from . import schema, search
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
    has_document: bool = False  # read and stored (``Catalog.document``), ready to read online
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

        The file goes to ``sources/<sha256>.<format>``; ``name`` is kept for display
        only.  ``source_format`` defaults to what ``content.sniff`` finds (which
        raises ``EmptyFile``/``UnknownFormat`` for bytes that are not a book).  A file
        whose checksum is already in the catalog is not stored twice: the existing
        title is returned with ``created=False``.
        """
        digest = hashlib.sha256(data).hexdigest()
        checksum = f"sha256:{digest}"
        existing = self.by_checksum(checksum)
        if existing is not None:
            return Added(existing, created=False)
        display = _display_name(name)
        if source_format and source_format not in FORMATS:
            raise ValueError(f"unknown source format {source_format!r}")
        fmt = source_format or sniff(data, display)
        relative = f"sources/{digest}.{fmt}"
        path = self.store.path(relative)
        wrote = not path.exists()
        if wrote:
            self.store.write_atomic(relative, data)
        stamp = schema.now()
        provisional = Path(display).stem if display else digest[:12]
        try:
            with self.store.begin() as connection:
                title_id = connection.execute(
                    insert(schema.titles).values(
                        title=provisional,
                        authors=[],
                        languages=[],
                        description="",
                        publisher="",
                        date="",
                        identifier="",
                        source_name=display,
                        source_path=relative,
                        source_format=fmt,
                        source_size=len(data),
                        checksum=checksum,
                        status=QUEUED,
                        status_detail="",
                        has_document=False,
                        added_at=stamp,
                        updated_at=stamp,
                    )
                ).inserted_primary_key[0]
                search.index(connection, title_id, provisional, [], "")
        except IntegrityError:
            # The same file arrived at the same moment through another upload.
            existing = self.by_checksum(checksum)
            if existing is None:
                raise
            return Added(existing, created=False)
        except BaseException:
            if wrote:
                path.unlink(missing_ok=True)
            raise
        return Added(self.get(title_id), created=True)

    def attach_document(self, title_id: int, document: Document) -> Title:
        """Take metadata and languages from ``document``, index it for search and store its JSON.

        Raises ``NotFound`` for an unknown title and ``BadInput`` for a document
        that cannot be stored; in both cases nothing already stored changes.
        """
        meta = document.metadata
        relative = f"documents/{title_id}.json"
        try:
            with self.store.begin() as connection:
                current = _title_row(connection, title_id)
                title = meta.title.strip() or current.title
                description = search.describe(document)
                connection.execute(
                    update(schema.titles)
                    .where(schema.titles.c.id == title_id)
                    .values(
                        title=title,
                        authors=list(meta.authors),
                        languages=list(meta.languages),
                        description=description,
                        publisher=meta.publisher,
                        date=meta.date,
                        identifier=meta.identifier,
                        has_document=True,
                        updated_at=schema.now(),
                    )
                )
                search.index(connection, title_id, title, list(meta.authors), description)
                search.index_text(connection, title_id, search.blocks_of(document))
                # Last, so a document that cannot be written undoes the rows above.
                self.store.write_atomic(relative, document.to_json().encode("utf-8"))
        except (UnicodeEncodeError, StatementError) as error:
            # Text that cannot be encoded (an unpaired surrogate) is the document's fault;
            # anything else from the database (locked, gone) is not.
            if not isinstance(getattr(error, "orig", error), UnicodeEncodeError):
                raise
            raise BadInput(name=f"#{title_id}", detail=str(error).splitlines()[0]) from error
        return self.get(title_id)

    def document(self, title_id: int) -> Document:
        """The stored Document of a title; ``NotFound`` when it has none yet."""
        path = self.store.path(f"documents/{title_id}.json")
        try:
            return Document.from_json(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise NotFound(what=f"document #{title_id}") from None

    def set_status(self, title_id: int, status: str, detail: str = "") -> Title:
        """Record a conversion status (one of ``STATUSES``); ``detail`` keeps a failure's error."""
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        with self.store.begin() as connection:
            changed = connection.execute(
                update(schema.titles)
                .where(schema.titles.c.id == title_id)
                .values(status=status, status_detail=detail, updated_at=schema.now())
            ).rowcount
        if not changed:
            raise NotFound(what=f"title #{title_id}")
        return self.get(title_id)

    def publish_rendition(
        self, title_id: int, fmt: str, file_name: str, content: bytes | Path, media_type: str
    ) -> Rendition:
        """Publish one output as ``outputs/<id>/<file_name>``, replacing an older one of the same ``fmt``.

        ``content`` is the bytes, or a finished file (on the same filesystem) that
        is moved into place; either way the published name appears only when whole.
        ``file_name`` must be a plain name (no folders).
        """
        if Path(file_name).name != file_name or file_name in ("", ".", ".."):
            raise ValueError(f"not a plain file name: {file_name!r}")
        relative = f"outputs/{title_id}/{file_name}"
        with self.store.begin() as connection:
            _title_row(connection, title_id)
            old = connection.execute(
                select(schema.renditions.c.path).where(
                    schema.renditions.c.title_id == title_id, schema.renditions.c.fmt == fmt
                )
            ).scalar()
            if isinstance(content, Path):
                target = self.store.path(relative)
                target.parent.mkdir(parents=True, exist_ok=True)
                move(content, target)
            else:
                target = self.store.write_atomic(relative, content)
            values = dict(path=relative, size=target.stat().st_size, media_type=media_type, created_at=schema.now())
            if old is None:
                connection.execute(insert(schema.renditions).values(title_id=title_id, fmt=fmt, **values))
            else:
                connection.execute(
                    update(schema.renditions)
                    .where(schema.renditions.c.title_id == title_id, schema.renditions.c.fmt == fmt)
                    .values(**values)
                )
        if old is not None and old != relative:
            self.store.path(old).unlink(missing_ok=True)
        return next(r for r in self.renditions(title_id) if r.fmt == fmt)

    def renditions(self, title_id: int) -> list[Rendition]:
        """The formats a title is available in, by format name."""
        with self.store.begin() as connection:
            return _renditions(connection, [title_id]).get(title_id, [])

    def get(self, title_id: int) -> Title:
        """One title with its renditions; ``NotFound`` when there is none."""
        with self.store.begin() as connection:
            return _titles(connection, [_title_row(connection, title_id)])[0]

    def by_checksum(self, checksum: str) -> Title | None:
        """The title whose source has this checksum ("sha256:…"), if any."""
        with self.store.begin() as connection:
            row = connection.execute(select(schema.titles).where(schema.titles.c.checksum == checksum)).first()
            return _titles(connection, [row])[0] if row else None

    def titles(self, *, status: str | None = None, offset: int = 0, limit: int = 50) -> list[Title]:
        """Titles, newest first, optionally only those with one status."""
        query = select(schema.titles).order_by(schema.titles.c.added_at.desc(), schema.titles.c.id.desc())
        if status is not None:
            query = query.where(schema.titles.c.status == status)
        with self.store.begin() as connection:
            return _titles(connection, list(connection.execute(query.offset(offset).limit(limit))))

    def count(self, *, status: str | None = None) -> int:
        """How many titles (with that status)."""
        query = select(func.count()).select_from(schema.titles)
        if status is not None:
            query = query.where(schema.titles.c.status == status)
        with self.store.begin() as connection:
            return connection.execute(query).scalar_one()

    def search(self, query: str, *, offset: int = 0, limit: int = 50) -> list[Title]:
        """Titles whose title, authors or description hold every word of ``query``.

        Case-, ё/е- and stress-mark-insensitive in Kazakh, Russian and English; every
        word also matches as a prefix, typed without Kazakh letters, in another word
        form or by another name of the same place (``search.py``).  Exact matches
        first; an empty query finds nothing.
        """
        with self.store.begin() as connection:
            ids = search.find(connection, query, offset, limit)
            rows = {row.id: row for row in connection.execute(select(schema.titles).where(schema.titles.c.id.in_(ids)))}
            return _titles(connection, [rows[i] for i in ids if i in rows])

    def search_text(self, query: str, *, limit: int = 20) -> list[tuple[Title, search.TextHit]]:
        """Places in the books' text that hold every word of ``query``, best first, with their titles."""
        with self.store.begin() as connection:
            hits = search.find_text(connection, query, limit)
            ids = list(dict.fromkeys(hit.title_id for hit in hits))
            rows = {row.id: row for row in connection.execute(select(schema.titles).where(schema.titles.c.id.in_(ids)))}
            titles = {title.id: title for title in _titles(connection, [rows[i] for i in ids if i in rows])}
        return [(titles[hit.title_id], hit) for hit in hits if hit.title_id in titles]

    def remove(self, title_id: int) -> None:
        """Delete a title, its renditions, positions and files."""
        with self.store.begin() as connection:
            row = _title_row(connection, title_id)
            connection.execute(delete(schema.titles).where(schema.titles.c.id == title_id))
            search.unindex(connection, title_id)
        self.store.path(row.source_path).unlink(missing_ok=True)
        self.store.path(f"documents/{title_id}.json").unlink(missing_ok=True)
        outputs = self.store.path(f"outputs/{title_id}")
        if outputs.is_dir():
            for item in outputs.iterdir():
                item.unlink()
            outputs.rmdir()


def _display_name(name: str) -> str:
    """The uploader's file name without folders, made safe to store as text."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.encode("utf-8", "replace").decode("utf-8").strip()


def _title_row(connection: Connection, title_id: int) -> Row[Any]:
    row = connection.execute(select(schema.titles).where(schema.titles.c.id == title_id)).first()
    if row is None:
        raise NotFound(what=f"title #{title_id}")
    return row


def _renditions(connection: Connection, title_ids: list[int]) -> dict[int, list[Rendition]]:
    table = schema.renditions
    found: dict[int, list[Rendition]] = {}
    rows = connection.execute(select(table).where(table.c.title_id.in_(title_ids)).order_by(table.c.fmt))
    for row in rows:
        found.setdefault(row.title_id, []).append(
            Rendition(row.title_id, row.fmt, row.path, row.size, row.media_type, schema.utc(row.created_at))
        )
    return found


def _titles(connection: Connection, rows: list[Row[Any]]) -> list[Title]:
    renditions = _renditions(connection, [row.id for row in rows])
    return [
        Title(
            id=row.id,
            title=row.title,
            authors=list(row.authors),
            languages=list(row.languages),
            description=row.description,
            publisher=row.publisher,
            date=row.date,
            identifier=row.identifier,
            source_name=row.source_name,
            source_path=row.source_path,
            source_format=row.source_format,
            source_size=row.source_size,
            checksum=row.checksum,
            status=row.status,
            status_detail=row.status_detail,
            added_at=schema.utc(row.added_at),
            updated_at=schema.utc(row.updated_at),
            has_document=bool(row.has_document),
            renditions=renditions.get(row.id, []),
        )
        for row in rows
    ]
