"""The catalog: titles, their source files, stored Documents and renditions.

    upload bytes ──add_source──▶ Title (status "queued", source under a server-chosen name;
                                        the same bytes again: the title that has them)
    job's first chapters ──file_preview──▶ documents/<id>/ parts of a preview (``documents.py``): chapter 1
                                      readable online while the rest is read (a new title only)
    job reads it ──file_document──▶ the same work as a title in the catalog (``identity.py``:
                                     identifier, text, title+authors+languages)? the source
                                     joins that title (``Joined``) and its own entry goes;
                 ──attach_document──▶ else metadata, languages, keys, search index,
                                       documents/<id>.json (+ its outline and chapters apart),
                                       in place of the preview; a title joined or failed: ``drop_preview``
    job output   ──publish_rendition──▶ outputs/<id>/<file> (atomic rename) + a Rendition row
    status       ──set_status──▶ queued │ converting │ ready │ failed (with the error)

Every change happens in one database transaction; a file written for a change that
then fails is removed again, so a bad title never costs what was already stored.
Rights are not checked here (see ``rights.py``): the catalog is what anyone may browse.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Row, and_, delete, func, insert, or_, select, text, update
from sqlalchemy.exc import IntegrityError, StatementError

from ..atomic import move
from ..errors import BadInput, NotFound
from ..model import Chapter, Document, Outline, first_with_text
from . import identity, schema, search
from .documents import Documents, Encoded, encode
from .store import Store

QUEUED = "queued"
CONVERTING = "converting"
READY = "ready"
FAILED = "failed"
STATUSES = (QUEUED, CONVERTING, READY, FAILED)
#: Blocks of a title's text indexed per transaction (about a tenth of a second each).
TEXT_BATCH = 500


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
class Source:
    """One file a title was imported from; the primary is the one it was converted from."""

    id: int
    title_id: int
    name: str  # the uploader's file name, shown only
    path: str  # relative to the data folder
    format: str
    size: int
    checksum: str
    added_at: datetime
    primary: bool
    matched: str  # how it was found to be the same work (``identity.KINDS``); "" for the primary
    separate: bool  # staff asked for an entry of its own


@dataclass
class Added:
    """What ``add_source`` did: the title, and whether it is new (False: the same bytes were a source of it)."""

    title: Title
    created: bool


@dataclass
class Joined:
    """A book found to be a title already in the catalog: its file is now a source of ``title``."""

    title: Title
    source: Source
    matched: str  # the kind of key that matched (``identity.KINDS``)
    was: int  # the title number the book had until it joined (its address redirects)


class Catalog:
    """Titles in one ``Store``."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.documents = Documents(store)

    def add_source(self, data: bytes, name: str, source_format: str = "", *, separate: bool = False) -> Added:
        """Store a source file and create its title (status ``queued``).

        The file goes to ``sources/<sha256>.<format>``; ``name`` is kept for display
        only.  ``source_format`` defaults to what ``content.sniff`` finds (which
        raises ``EmptyFile``/``UnknownFormat`` for bytes that are not a book).  A file
        whose checksum is already a source of a title is not stored twice: that
        title is returned with ``created=False``.  ``separate``: the title keeps an
        entry of its own even when its book turns out to be one already in the
        catalog (another edition); see ``file_document``.
        """
        digest = hashlib.sha256(data).hexdigest()
        checksum = f"sha256:{digest}"
        existing = self.by_checksum(checksum)
        if existing is not None:
            if separate:
                split = self._split(checksum)
                if split is not None:
                    return Added(split, created=True)
            return Added(existing, created=False)
        from ..content import FORMATS, sniff  # the readers' modules only where a source is added

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
        try:
            with self._filing() as connection:
                title_id = _new_title(connection, display, relative, fmt, len(data), checksum, stamp)
                connection.execute(
                    insert(schema.sources).values(
                        title_id=title_id, name=display, path=relative, format=fmt, size=len(data),
                        checksum=checksum, added_at=stamp, is_primary=True, separate=separate, matched="",
                    )
                )  # fmt: skip
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

    def _split(self, checksum: str) -> Title | None:
        """The source with ``checksum``, if it joined another title, taken out into a title of its own
        (staff said it is another edition); ``None`` when it is a title's primary source."""
        table = schema.sources
        with self._filing() as connection:
            row = connection.execute(select(table).where(table.c.checksum == checksum)).first()
            if row is None or row.is_primary:
                return None
            title_id = _new_title(connection, row.name, row.path, row.format, row.size, checksum, schema.now())
            connection.execute(
                update(table)
                .where(table.c.id == row.id)
                .values(title_id=title_id, is_primary=True, separate=True, matched="", joined_from=None)
            )
        return self.get(title_id)

    def attach_document(self, title_id: int, document: Document) -> Title:
        """Take metadata, languages and keys from ``document``, store its JSON, then index it for search.

        Raises ``NotFound`` for an unknown title and ``BadInput`` for a document
        that cannot be stored; in both cases nothing already stored changes.
        """
        with self._stored(title_id):
            encoded = encode(document)  # before the transaction: it only writes the files
            with self.store.begin() as connection:
                self._attach(connection, title_id, document, encoded)
        self._index_text(title_id, document)
        return self.get(title_id)

    def file_document(self, title_id: int, document: Document) -> Title | Joined:
        """The book of a new title is read: join the title already in the catalog that is the same work, or
        else attach ``document`` to its own title (``attach_document``) and return that.

        Same work: a read title (not failed) with the same identifier, else the same
        text, else the same title, authors and languages (``identity.py``; the oldest
        such title).  Joining moves the source to that title (not primary) with the
        book's keys, and removes the new title, whose number then leads to the other
        (``joined_into``).  A source added with ``separate=True`` never joins, nor does a
        title read before (its failed conversion run again: it has files of its own).  Books
        read at the same moment are filed one after the other, so two formats of one
        book arriving together still make one title.
        """
        found = identity.keys(document)
        # Encoded before the lock: the filing transaction (which every page's audit row waits for) only writes.
        with self._stored(title_id):
            encoded = encode(document)
        with self._stored(title_id), self._filing() as connection:
            own = connection.execute(
                select(schema.sources).where(schema.sources.c.title_id == title_id, schema.sources.c.is_primary)
            ).first()
            # A title read before (a failed conversion run again) keeps its entry: it has files of its own.
            read_before = connection.execute(
                select(schema.titles.c.has_document).where(schema.titles.c.id == title_id)
            ).scalar()
            joins = own is not None and not own.separate and not read_before
            match = _match(connection, title_id, found) if joins else None
            if match is None:
                self._attach(connection, title_id, document, encoded)
            else:
                other, kind = match
                connection.execute(
                    update(schema.sources)
                    .where(schema.sources.c.title_id == title_id)
                    .values(title_id=other, is_primary=False, matched=kind, joined_from=title_id)
                )
                _add_keys(connection, self.store, other, found)
                connection.execute(delete(schema.titles).where(schema.titles.c.id == title_id))
                search.unindex(connection, title_id)
        if match is None:
            self._index_text(title_id, document)
            return self.get(title_id)
        self.drop_preview(title_id)  # the book is the other title's: its address leads there
        source = next(item for item in self.sources(other) if item.id == own.id)
        return Joined(self.get(other), source, kind, title_id)

    def file_preview(self, title_id: int, preview: Document) -> bool:
        """The first chapters of a new title's book (``content.finish.preview``), readable online while its
        job reads the rest: stored apart (``Documents.write_preview``), the title marked converting.

        A title read before (its failed conversion run again) keeps its whole stored Document: False,
        nothing stored.  ``NotFound`` for an unknown title.  Dedupe waits for the whole book
        (``file_document``), which replaces the preview, or drops it (``drop_preview``)."""
        title = self.get(title_id)
        if title.has_document:
            return False
        self.documents.write_preview(title_id, preview, first_with_text(preview.chapters) + 1)
        if title.status == QUEUED:
            self.set_status(title_id, CONVERTING)
        return True

    def prepared(self, title_id: int) -> int | None:
        """How many chapters (from the first) can be read while the title's book is still being read;
        ``None`` once its whole Document is stored; ``NotFound`` with neither."""
        return self.documents.prepared(title_id)

    def drop_preview(self, title_id: int) -> None:
        """Remove the title's preview, if its whole Document did not replace it (a failed or joined job)."""
        self.documents.remove_preview(title_id)

    def sources(self, title_id: int) -> list[Source]:
        """The files a title was imported from: the primary first, then the others as they came."""
        table = schema.sources
        query = select(table).where(table.c.title_id == title_id)
        with self.store.begin() as connection:
            rows = connection.execute(query.order_by(table.c.is_primary.desc(), table.c.added_at, table.c.id)).all()
        return [_source(row) for row in rows]

    def joined_into(self, title_id: int) -> int | None:
        """The title that a title number's book joined (its entry is gone), if it did."""
        query = select(schema.sources.c.title_id).where(schema.sources.c.joined_from == title_id)
        with self.store.begin() as connection:
            return connection.execute(query.limit(1)).scalar()

    @contextmanager
    def _stored(self, title_id: int) -> Iterator[None]:
        """Turn text the database cannot encode (an unpaired surrogate: the document's fault) into
        ``BadInput``; anything else from the database (locked, gone) is not the book's fault."""
        try:
            yield
        except (UnicodeEncodeError, StatementError) as error:
            if not isinstance(getattr(error, "orig", error), UnicodeEncodeError):
                raise
            raise BadInput(name=f"#{title_id}", detail=str(error).splitlines()[0]) from error

    @contextmanager
    def _filing(self) -> Iterator[Connection]:
        """A transaction that books being filed take one at a time (SQLite: ``BEGIN IMMEDIATE``;
        PostgreSQL: a transaction-scoped advisory lock), so each sees the ones filed before."""
        with self.store.begin() as connection:
            if self.store.dialect == "sqlite":
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _FILING_LOCK})
            yield connection

    def _attach(self, connection: Connection, title_id: int, document: Document, encoded: Encoded) -> None:
        meta = document.metadata
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
        connection.execute(delete(schema.title_keys).where(schema.title_keys.c.title_id == title_id))
        _add_keys(connection, self.store, title_id, identity.keys(document))
        search.index(connection, title_id, title, list(meta.authors), description)
        # Last, so a document that cannot be written undoes the rows above.
        self.documents.write(title_id, encoded)

    def _index_text(self, title_id: int, document: Document) -> None:
        """The stored title's full text into the text search, after its Document is stored and in
        short transactions of ``TEXT_BATCH`` blocks: its chapters are read online meanwhile, and
        a reader's page (which writes the audit log) never waits for the whole book's index."""
        rows = search.text_rows(title_id, search.blocks_of(document))
        with self._stored(title_id):
            with self.store.begin() as connection:
                search.unindex_text(connection, title_id)
            for start in range(0, len(rows), TEXT_BATCH):
                with self.store.begin() as connection:
                    search.add_text_rows(connection, rows[start : start + TEXT_BATCH])

    def document(self, title_id: int) -> Document:
        """The whole stored Document of a title; ``NotFound`` when it has none yet."""
        return self.documents.document(title_id)

    def outline(self, title_id: int) -> Outline:
        """The stored Document's metadata, contents and chapter titles, no chapter read; ``NotFound`` without one."""
        return self.documents.outline(title_id)

    def chapter(self, title_id: int, index: int) -> Chapter:
        """Chapter ``index`` (0-based) of the stored Document alone (kept parsed for the next call).

        ``NotFound`` when the title has no Document or no such chapter.
        """
        return self.documents.chapter(title_id, index)

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
        """The title one of whose sources has this checksum ("sha256:…"), if any."""
        owner = select(schema.sources.c.title_id).where(schema.sources.c.checksum == checksum).scalar_subquery()
        with self.store.begin() as connection:
            row = connection.execute(select(schema.titles).where(schema.titles.c.id == owner)).first()
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
        """Delete a title, its sources, renditions, positions and files."""
        with self.store.begin() as connection:
            row = _title_row(connection, title_id)
            files = connection.execute(
                select(schema.sources.c.path).where(schema.sources.c.title_id == title_id)
            ).scalars()
            paths = {row.source_path, *files}
            connection.execute(delete(schema.titles).where(schema.titles.c.id == title_id))
            search.unindex(connection, title_id)
        for path in paths:
            self.store.path(path).unlink(missing_ok=True)
        self.documents.remove(title_id)
        outputs = self.store.path(f"outputs/{title_id}")
        if outputs.is_dir():
            for item in outputs.iterdir():
                item.unlink()
            outputs.rmdir()


#: The PostgreSQL advisory lock that books being filed take in turn ("AR" "file").
_FILING_LOCK = 0x4152_66696C65


def _match(connection: Connection, title_id: int, keys: list[identity.Key]) -> tuple[int, str] | None:
    """The oldest read title (not ``title_id``, not failed) sharing the strongest kind of key, and that kind."""
    if not keys:
        return None
    k, t = schema.title_keys.c, schema.titles.c
    rows = connection.execute(
        select(k.kind, k.title_id)
        .join(schema.titles, t.id == k.title_id)
        .where(
            or_(*(and_(k.kind == key.kind, k.key == key.value) for key in keys)),
            k.title_id != title_id,
            t.has_document,
            t.status != FAILED,
        )
    ).all()
    found: dict[str, set[int]] = {}
    for kind, other in rows:
        found.setdefault(kind, set()).add(other)
    for kind in identity.KINDS:
        candidates = sorted(found.get(kind, ()))
        if kind == identity.TITLE and any(key.kind == identity.ISBN for key in keys):
            # Same title and authors but other ISBNs: another edition, not the same book.
            with_isbn = set(
                connection.execute(
                    select(k.title_id).where(k.title_id.in_(candidates), k.kind == identity.ISBN)
                ).scalars()
            )
            candidates = [other for other in candidates if other not in with_isbn]
        if candidates:
            return candidates[0], kind
    return None


def _new_title(connection: Connection, name: str, relative: str, fmt: str, size: int, checksum: str,
               stamp: datetime) -> int:  # fmt: skip
    """A new title, queued, named after its file until its book is read; its number."""
    provisional = Path(name).stem if name else checksum.removeprefix("sha256:")[:12]
    number = {}
    if connection.dialect.name == "sqlite":
        # SQLite numbers a new row after the highest one left: a number whose book joined another title
        # (its address leads there) would go to the next book.  PostgreSQL's sequence never goes back.
        highest = select(func.coalesce(func.max(schema.titles.c.id), 0)).scalar_subquery()
        joined = select(func.coalesce(func.max(schema.sources.c.joined_from), 0)).scalar_subquery()
        number["id"] = connection.execute(select(func.max(highest, joined) + 1)).scalar_one()
    title_id = connection.execute(
        insert(schema.titles).values(
            **number,
            title=provisional,
            authors=[],
            languages=[],
            description="",
            publisher="",
            date="",
            identifier="",
            source_name=name,
            source_path=relative,
            source_format=fmt,
            source_size=size,
            checksum=checksum,
            status=QUEUED,
            status_detail="",
            has_document=False,
            added_at=stamp,
            updated_at=stamp,
        )
    ).inserted_primary_key[0]
    search.index(connection, title_id, provisional, [], "")
    return title_id


def _add_keys(connection: Connection, store: Store, title_id: int, keys: list[identity.Key]) -> None:
    if keys:
        rows = [{"kind": key.kind, "key": key.value, "title_id": title_id} for key in keys]
        connection.execute(store.insert(schema.title_keys).on_conflict_do_nothing(), rows)


def _source(row: Row[Any]) -> Source:
    return Source(
        id=row.id, title_id=row.title_id, name=row.name, path=row.path, format=row.format, size=row.size,
        checksum=row.checksum, added_at=schema.utc(row.added_at), primary=bool(row.is_primary),
        matched=row.matched, separate=bool(row.separate),
    )  # fmt: skip


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
