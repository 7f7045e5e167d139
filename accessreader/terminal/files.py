"""A book file as the terminal reads it (a ``loading.Source``): its format's reader in a process
of its own, languages decided a part at a time, and the finished book kept for its next opening.

    open_file(path) ──read before (kept, by checksum)──▶ StoredTitle over the kept Document's parts
                    ──new──▶ BookFile: content.draft in a child process (``read_bounded``)
                                 ──finish_first / finish──▶ languages, spans, sentences per part
                                 ──settled──▶ kept in the data folder's ``books/``

Kept apart from ``loading.py`` so that a catalog title is read without the readers' modules.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from ..braille.translate import main_language
from ..content import read_bounded
from ..content.finish import checksum, declared_languages, finish_blocks, finish_quickly, settle
from ..content.safety import Limits, human_size
from ..errors import FileNotFound, FileTooLarge
from ..model import PAGE_MARKER, Block, Chapter, Document, Metadata, Outline, outline_of
from ..service.documents import Documents
from .loading import Source, StoredTitle, WholeDocument

#: Book files kept finished for their next opening (the most recently read).
BOOKS_KEPT = 16


class BookFile(Source):
    """A book file: its format's reader alone (in a process under the reading budget), then
    languages and sentences decided a part at a time, as the reader needs them."""

    def __init__(
        self,
        data: bytes,
        name: str,
        limits: Limits,
        keep: Callable[[Document], None] | None = None,
        meanwhile: Callable[[], None] | None = None,
    ) -> None:
        """``keep(document)`` is given the finished Document once every block is (``settled``);
        ``meanwhile()`` is called while the format's reader runs in its process."""
        self.draft, finished = read_bounded(data, name, limits, finished=False, meanwhile=meanwhile)
        self.name = name
        self._keep = keep
        self._data_checksum = checksum(data)
        self._finished = finished
        self._declared = declared_languages(self.draft)
        self._outline = outline_of(self.draft)
        self.key = (
            self._data_checksum if not finished else self.draft.metadata.source_checksum or self.draft.metadata.title
        )

    def outline(self) -> Outline:
        return self._outline

    def chapter(self, index: int) -> Chapter:
        return self.draft.chapters[index]

    def finish(self, blocks: list[Block], workers: int) -> None:
        if not self._finished:
            finish_blocks(self.draft, blocks, self._declared, workers)

    def finish_first(self, blocks: list[Block]) -> tuple[list[Block], list[Block]]:
        if self._finished:
            return blocks, []
        return finish_quickly(self.draft, blocks, self._declared)

    def main_language(self, done: list[Block]) -> str:
        if self._finished:
            return super().main_language(done)
        declared = self._declared or [b.lang for b in done if b.kind != PAGE_MARKER and b.text]
        return main_language(Document(Metadata(languages=declared)))

    def settled(self) -> Metadata:
        if not self._finished:
            settle(self.draft, self._data_checksum, self.name, self._declared)
            if self._keep is not None:
                self._keep(self.draft)
        return self.draft.metadata


def open_file(
    path: Path, limits: Limits, kept: Documents | None = None, meanwhile: Callable[[], None] | None = None
) -> Source:
    """A book file, or a folder of scanned page images (read whole, by OCR, as ``library.read_path`` reads it).

    With ``kept`` (books read before, finished, by checksum), a file read before is read from
    there, and a new one is kept once read.  ``meanwhile()`` is called while a new file is read
    (in a process of its own: the caller's other preparations, on the other core).  Raises
    ``FileNotFound`` and ``FileTooLarge`` before anything is read, and what reading raises."""
    path = Path(path)
    if path.is_dir():
        from ..service.library import read_path  # the service's imports only for a folder of scans

        return WholeDocument(read_path(path, limits))
    if not path.is_file():
        raise FileNotFound(name=str(path))
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise FileTooLarge(name=path.name, size=human_size(size), limit=human_size(limits.max_file_bytes))
    data = path.read_bytes()
    if kept is None:
        return BookFile(data, path.name, limits, meanwhile=meanwhile)
    key = checksum(data).partition(":")[2]
    whole = kept.whole_path(key)
    if whole.exists():
        with contextlib.suppress(OSError):
            os.utime(whole)  # read again: kept the longest
        return StoredTitle(lambda: kept.outline(key), lambda index: kept.chapter(key, index))
    return BookFile(data, path.name, limits, lambda document: _keep(kept, key, document), meanwhile)


def _keep(kept: Documents, key: str, document: Document) -> None:
    """Store ``document`` under ``key``, and forget all but the ``BOOKS_KEPT`` most recently read."""
    try:
        kept.write(key, document)
        wholes = sorted(kept.whole_path(key).parent.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in wholes[BOOKS_KEPT:]:
            kept.remove(old.stem)
    except OSError:
        pass  # a data folder this reader may not write: read from the file every time
