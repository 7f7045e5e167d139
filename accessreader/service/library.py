"""The application layer: settings, catalog, people, audit and jobs wired together.

    Library(settings)
      .add(data, name)          upload or file → catalog title + conversion job (the same book
                                again: a source of the title it is, ``Imported.message`` says)
      .import_folder(folder)    every book file under a folder (content.BOOK_SUFFIXES)
      .require(person, right)   the person, or NotLoggedIn / NotAllowed (``rights.READ`` …)
      .position(person, id)     a reader's saved place in a title; .save_position(person, id, locator)
      .read_chapter(person, id, n)   chapter n for reading online (audit-logged like downloads)
      .proof(person, id, n, lang)    the proofreading page (print beside braille) of chapter n (staff)
    proof(document, code, lang)      the proofreading page of a book (``accessreader proof``)
      .catalog .people .accounts .audit .jobs .audiobooks .positions .listening
    read_path(path, limits)     a book file, or a folder of scanned pages (OCR), as a Document
    read_draft(path, limits)    the same, a book file as its draft and bytes (convert finishes it)

The CLI (``import``, ``jobs``, ``retry``, ``worker``, ``serve``, ``people``) and the FastAPI
routes call this and nothing below it.  ``CatalogPublisher`` is how a finished
job's files reach the catalog: the first chapters as a preview (readable online at once),
metadata when the whole source is read, each format
moved into ``outputs/<id>/`` when whole, the spoken chapters into ``audio/<id>/``
when all are made, the title's status at the end.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .. import convert
from ..braille import Code
from ..braille.translate import Problem
from ..content import BOOK_SUFFIXES, images
from ..content import read_bounded as read_book  # each book in a process of its own, under the reading budget
from ..content.safety import Limits, check_size, human_size
from ..errors import AccessReaderError, ChapterNotReady, FileNotFound, FileTooLarge, NotFound
from ..messages import translate
from ..model import Chapter, Document, Locator
from ..settings import Settings
from . import catalog as catalog_module
from .accounts import Accounts
from .audiobook import Audiobooks
from .catalog import Catalog, Joined, Title
from .jobs import Jobs
from .jobs.steps import SameWork, conversion_options
from .listening import Listening
from .people import People, Person
from .positions import DatabasePositions
from .rights import MANAGE_TITLES, READ, READ_ONLINE, Audit, may, require
from .store import Store, open_settings_store

#: Media types of the output formats, for downloads and feeds (mp3, opus and daisy are published zipped).
MEDIA_TYPES = {
    convert.BRF: "application/x-brf",
    convert.PEF: "application/x-pef+xml",
    convert.UBRL: "text/plain; charset=utf-8",
    convert.MP3: "application/zip",
    convert.OPUS: "application/zip",
    convert.M4B: "audio/mp4",
    convert.DAISY: "application/zip",
    convert.EPUB3: "application/epub+zip",
}


class CatalogPublisher:
    """Job results into the catalog (``jobs.Publisher``); titles are named by their id."""

    def __init__(self, catalog: Catalog, audiobooks: Audiobooks) -> None:
        self.catalog = catalog
        self.audiobooks = audiobooks

    def preview(self, title: int, document: Document) -> None:
        self.catalog.file_preview(title, document)

    def started(self, title: int, document: Document) -> SameWork | None:
        filed = self.catalog.file_document(title, document)
        if isinstance(filed, Joined):
            return SameWork(filed.title.id, filed.title.title, filed.matched)
        self.catalog.set_status(title, catalog_module.CONVERTING)
        return None

    def publish(self, title: int, fmt: str, file_name: str, path: Path) -> None:
        self.catalog.publish_rendition(title, fmt, file_name, path, MEDIA_TYPES[fmt])

    def publish_audio(self, title: int, parts: list[Path]) -> None:
        self.audiobooks.install(title, parts)

    def finished(self, title: int) -> None:
        self.catalog.set_status(title, catalog_module.READY)

    def failed(self, title: int, message: str) -> None:
        self.catalog.drop_preview(title)
        self.catalog.set_status(title, catalog_module.FAILED, message)


@dataclass
class Imported:
    """One file of an import or upload: its title and job, or the error that stopped it.

    ``created`` is False when the same file was already a source of ``title`` (nothing
    new was added; ``job`` is then None, unless the title's conversion had failed and
    runs again).  A new file whose book turns out to be a title already in the catalog
    is found when its job reads it: the job then ends early, saying which title it joined.
    """

    name: str
    title: Title | None = None
    job: str | None = None
    error: AccessReaderError | None = None
    created: bool = True

    def message(self, lang: str, *, named: bool = True) -> str:
        """What happened to the file, in ``lang``: "NAME: …" (``named=False``: without "NAME: ")."""
        if self.error is not None:
            said = self.error.message(lang)
        elif not self.created:
            assert self.title is not None
            code = "import_again" if self.job else "import_known"
            said = translate(code, lang, name=self.name, title=self.title.id, title_name=self.title.title)
        else:
            assert self.title is not None
            said = translate("cli_imported", lang, name=self.name, title=self.title.id, job=self.job)
        return said if named else said.removeprefix(f"{self.name}: ")


class Library:
    """Everything the service and the commands work on, for one data folder."""

    def __init__(self, settings: Settings, store: Store | None = None) -> None:
        self.settings = settings
        self.store = store or open_settings_store(settings)
        self.catalog = Catalog(self.store)
        self.people = People(self.store)
        self.accounts = Accounts(self.people)
        self.audit = Audit(self.store)
        self.audiobooks = Audiobooks(self.catalog, self.store)
        self.jobs = Jobs(settings, CatalogPublisher(self.catalog, self.audiobooks), self.store)
        self.positions = DatabasePositions(self.store)
        self.listening = Listening(self.store)

    def may(self, person: Person | None, right: str) -> bool:
        """Has ``person`` the ``right`` (``rights.READ``, ``MANAGE_TITLES``, ``MANAGE_PEOPLE``)?"""
        return may(person, right)

    def require(self, person: Person | None, right: str) -> Person:
        """``person`` if they have ``right``; else ``NotLoggedIn`` (no person) or ``NotAllowed``."""
        return require(person, right)

    def position(self, person: Person | None, title_id: int) -> Locator | None:
        """The reader's saved place in the title (from any medium), or ``None`` before any reading."""
        reader = require(person, READ)
        saved = self.positions.load(reader.login, self.catalog.get(title_id).checksum)
        return saved.locator if saved is not None else None

    def save_position(self, person: Person | None, title_id: int, locator: Locator) -> Locator:
        """Remember ``locator`` as the reader's place in the title."""
        reader = require(person, READ)
        self.positions.save(reader.login, self.catalog.get(title_id).checksum, locator)
        return locator

    def read_chapter(self, person: Person | None, title_id: int, number: int) -> tuple[Title, Document, Chapter]:
        """Chapter ``number`` (1-based) of the title for reading online, written in the audit log.

        Raises ``NotLoggedIn``/``NotAllowed`` (nothing logged), ``NotFound`` for no such chapter, and
        ``ChapterNotReady`` for one its job has not read yet (the book is being converted).
        """
        reader = require(person, READ)
        title = self.catalog.get(title_id)
        try:
            outline = self.catalog.outline(title_id)  # the other chapters are not read: titles only
        except NotFound:
            if title.status in (catalog_module.QUEUED, catalog_module.CONVERTING):
                raise ChapterNotReady(chapter=number) from None  # its job has not read the book yet
            raise
        if not 1 <= number <= len(outline.chapters):
            raise NotFound(what=f"chapter {number}")
        chapter = self.catalog.chapter(title_id, number - 1)
        self.audit.record(reader, title_id, "html", READ_ONLINE, detail=f"chapter {number}")
        return title, outline.document({number - 1: chapter}), chapter

    def proof(self, person: Person | None, title_id: int, number: int, lang: str) -> str:
        """The proofreading page of chapter ``number``: print beside its braille (staff)."""
        require(person, MANAGE_TITLES)
        document = self.catalog.document(title_id)
        if not 1 <= number <= len(document.chapters):
            raise NotFound(what=f"chapter {number}")
        one = Document(metadata=document.metadata, chapters=[document.chapters[number - 1]])
        return proof(one, conversion_options(self.settings).code, lang)[0]

    def add(self, data: bytes, name: str, *, separate: bool = False) -> Imported:
        """Put one book in the catalog and queue its conversion.

        A file already in the catalog (same checksum, as any title's source) adds
        nothing (``created=False``); its title is queued again only when its last
        conversion failed.  Otherwise the job that reads the book joins it to a title
        already in the catalog that is the same work (``Catalog.file_document``),
        unless ``separate`` (another edition: an entry of its own).  Raises
        ``FileTooLarge`` over the upload limit and ``EmptyFile``/``UnknownFormat`` for
        bytes that are not a book.
        """
        check_size(data, name, Limits(max_file_bytes=self.settings.max_upload_bytes))
        added = self.catalog.add_source(data, name, separate=separate)
        title = added.title
        if not added.created and title.status != catalog_module.FAILED:
            return Imported(name, title, created=False)
        source = self.store.path(title.source_path)
        job = self.jobs.submit(source, title.id, _stem(title.source_name), name=title.source_name)
        return Imported(name, title, job, created=added.created)

    def import_folder(self, folder: Path, *, separate: bool = False) -> list[Imported]:
        """Every book file under ``folder`` (by name ending), in name order; a bad file is noted and skipped."""
        folder = Path(folder)
        if not folder.is_dir():
            raise FileNotFound(name=str(folder))
        results = []
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name.lower().endswith(BOOK_SUFFIXES)):
            try:
                results.append(self.add(path.read_bytes(), path.name, separate=separate))
            except AccessReaderError as error:
                results.append(Imported(path.name, error=error))
        return results

    def close(self) -> None:
        self.store.close()


class Progress(Protocol):
    def update(self, steps: int) -> None: ...


def read_path(
    path: str | Path,
    limits: Limits,
    workers: int = 1,
    progress: Callable[[int, str], AbstractContextManager[Progress]] | None = None,
) -> Document:
    """A book file, or a folder of scanned page images (in name order) read by OCR as one book.

    A file's size is checked against ``limits`` before anything is read (``FileTooLarge``);
    a long book's languages and sentences are found on ``workers`` processes.
    ``progress(steps, label)`` gives a bar for the pages of a folder.
    """
    file = Path(path)
    if file.is_dir():
        pages = sorted(p for p in file.iterdir() if p.suffix.lower() in images.IMAGE_SUFFIXES)
        if not pages:
            raise FileNotFound(name=str(path))
        with progress(len(pages), "OCR") if progress else nullcontext() as bar:
            update = bar.update if bar is not None else None
            return images.read_pages([(p.name, p.read_bytes()) for p in pages], file.name, progress=update)
    _check_file(path, limits)
    return read_book(file.read_bytes(), file.name, limits, workers)


def read_draft(
    path: str | Path,
    limits: Limits,
    workers: int = 1,
    progress: Callable[[int, str], AbstractContextManager[Progress]] | None = None,
) -> tuple[Document, tuple[bytes, str] | None]:
    """As ``read_path``, but a book file comes as its draft (``content.draft``) with its (bytes, name),
    for ``convert.convert(..., source=)`` to finish in the pool that translates it; a folder of
    scans or a stored Document comes finished, with None."""
    file = Path(path)
    if file.is_dir():
        return read_path(path, limits, workers, progress), None
    _check_file(path, limits)
    data = file.read_bytes()
    document, finished = read_book(data, file.name, limits, workers, finished=False)
    return document, None if finished else (data, file.name)


def _check_file(path: str | Path, limits: Limits) -> None:
    """``FileNotFound`` or ``FileTooLarge`` before anything is read."""
    file = Path(path)
    if not file.is_file():
        raise FileNotFound(name=str(file))
    size = file.stat().st_size
    if size > limits.max_file_bytes:
        raise FileTooLarge(name=file.name, size=human_size(size), limit=human_size(limits.max_file_bytes))


def proof(
    document: Document,
    code: Code,
    lang: str,
    progress: Callable[[int, str], AbstractContextManager[Progress]] | None = None,
    label: str = "",
) -> tuple[str, list[Problem]]:
    """The proofreading page of ``document`` (each block's print beside its braille in ``code``)
    and the translation's problems; ``progress(blocks, label)`` gives a bar for the blocks.
    Raises ``MissingDependency``/``BadOption`` before any work for a table that is missing."""
    from ..braille import proof as proof_page

    convert.prepare(document, [], convert.Options(code=code))
    with progress(sum(1 for _ in document.blocks()), label) if progress else nullcontext() as bar:
        page, braille = proof_page.build(document, code, lang, bar.update if bar is not None else None)
    return page, braille.problems


def _stem(name: str) -> str:
    """A safe file name stem from the uploader's name (letters of any script, digits, - and _)."""
    stem = name
    for suffix in sorted(BOOK_SUFFIXES, key=len, reverse=True):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return re.sub(r"[^\w-]+", "-", stem).strip("-_")[:60] or "book"
