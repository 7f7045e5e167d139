"""The application layer: settings, catalog, people, audit and jobs wired together.

    Library(settings)
      .add(data, name)          upload or file → catalog title + conversion job
      .import_folder(folder)    every book file under a folder (content.BOOK_SUFFIXES)
      .catalog .people .accounts .audit .jobs .audiobooks

The CLI (``import``, ``jobs``, ``retry``, ``worker``, ``serve``, ``people``) and the FastAPI
routes call this and nothing below it.  ``CatalogPublisher`` is how a finished
job's files reach the catalog: metadata when the source is read, each format
moved into ``outputs/<id>/`` when whole, the spoken chapters into ``audio/<id>/``
when all are made, the title's status at the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .. import convert
from ..content import BOOK_SUFFIXES
from ..content.safety import Limits, check_size
from ..errors import AccessReaderError, FileNotFound
from ..model import Document
from ..settings import Settings
from . import catalog as catalog_module
from .accounts import Accounts
from .audiobook import Audiobooks
from .catalog import Catalog, Title
from .jobs import Jobs
from .people import People
from .rights import Audit
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

    def started(self, title: int, document: Document) -> None:
        self.catalog.attach_document(title, document)
        self.catalog.set_status(title, catalog_module.CONVERTING)

    def publish(self, title: int, fmt: str, file_name: str, path: Path) -> None:
        self.catalog.publish_rendition(title, fmt, file_name, path, MEDIA_TYPES[fmt])

    def publish_audio(self, title: int, parts: list[Path]) -> None:
        self.audiobooks.install(title, parts)

    def finished(self, title: int) -> None:
        self.catalog.set_status(title, catalog_module.READY)

    def failed(self, title: int, message: str) -> None:
        self.catalog.set_status(title, catalog_module.FAILED, message)


@dataclass
class Imported:
    """One file of an import or upload: its title and job, or the error that stopped it."""

    name: str
    title: Title | None = None
    job: str | None = None
    error: AccessReaderError | None = None


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

    def add(self, data: bytes, name: str) -> Imported:
        """Put one book in the catalog and queue its conversion.

        A file already in the catalog (same checksum) is queued again only when its
        last conversion failed.  Raises ``FileTooLarge`` over the upload limit and
        ``EmptyFile``/``UnknownFormat`` for bytes that are not a book.
        """
        check_size(data, name, Limits(max_file_bytes=self.settings.max_upload_bytes))
        added = self.catalog.add_source(data, name)
        title = added.title
        if not added.created and title.status != catalog_module.FAILED:
            return Imported(name, title)
        source = self.store.path(title.source_path)
        job = self.jobs.submit(source, title.id, _stem(title.source_name), name=title.source_name)
        return Imported(name, title, job)

    def import_folder(self, folder: Path) -> list[Imported]:
        """Every book file under ``folder`` (by name ending), in name order; a bad file is noted and skipped."""
        folder = Path(folder)
        if not folder.is_dir():
            raise FileNotFound(name=str(folder))
        results = []
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name.lower().endswith(BOOK_SUFFIXES)):
            try:
                results.append(self.add(path.read_bytes(), path.name))
            except AccessReaderError as error:
                results.append(Imported(path.name, error=error))
        return results

    def close(self) -> None:
        self.store.close()


def _stem(name: str) -> str:
    """A safe file name stem from the uploader's name (letters of any script, digits, - and _)."""
    stem = name
    for suffix in sorted(BOOK_SUFFIXES, key=len, reverse=True):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return re.sub(r"[^\w-]+", "-", stem).strip("-_")[:60] or "book"
