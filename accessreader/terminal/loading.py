"""A book on the display as soon as its first screen is ready; the rest read behind it.

    Source (a book file's draft · a catalog title's stored chapters · a Document)
      ──first part: the blocks around the reader's place──▶ languages decided, braille, speech ──▶ Snapshot 1
      ──thread: the rest of that chapter, the chapters after it, then those before
                (languages on worker processes for a long chapter, braille the same)──▶ newer Snapshots

A ``Snapshot`` never changes: a Document holding what is read so far (every chapter
keeps its title; one not read yet has no blocks, and indexes are the whole book's, so
locators and positions are the same as for the whole book), its ``BrailleBook`` and its
speech.  The reader takes the newest between keys (``Loader.newest``) and puts the
window back at the same locator, so a move never waits for the rest of the book; a move
past what is read so far goes as far as it can.

Languages are decided the way ``content.finish`` decides them, a part at a time,
once per book: a book file read whole is kept finished (``service.documents``, in
the data folder's ``books/``, by its checksum; the ``BOOKS_KEPT`` most recently read),
and opening the same file again reads that a chapter at a time, as a catalog title.  The
book's main language (the braille of a block in no language with tables of its own)
comes from the source's declared languages, or the first part's; when the whole book
settles on another one, everything is brailled again before the last snapshot.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import processes
from ..braille.tables import Code
from ..braille.translate import Braille, BrailleBlock, main_language, translate_block
from ..content import read_bounded
from ..content.finish import checksum, declared_languages, finish_blocks, first_with_text, settle
from ..content.safety import Limits, human_size
from ..errors import FileNotFound, FileTooLarge
from ..model import PAGE_MARKER, Block, Chapter, Document, Locator, Metadata, Outline, outline_of
from ..service.documents import Documents
from ..tts.script import Utterance, speech_script
from .buffer import BrailleBook

#: Characters of text from the reader's place (and blocks before it) in the first snapshot.
FIRST_CHARACTERS = 3000
FIRST_BLOCKS_BEFORE = 8
#: Characters after the first part read next, before the rest of its chapter (a screen's reading for minutes).
NEXT_CHARACTERS = 40000
#: Seconds at least between two snapshots while the rest is read (the last comes at once).
SNAPSHOT_SECONDS = 1.0
#: Book files kept finished for their next opening (the most recently read).
BOOKS_KEPT = 16


class Source(ABC):
    """What a book is read from, a chapter at a time: a key for positions, an outline, chapters."""

    key: str

    @abstractmethod
    def outline(self) -> Outline: ...

    @abstractmethod
    def chapter(self, index: int) -> Chapter:
        """Chapter ``index``; its blocks may still need ``finish``."""

    def finish(self, blocks: list[Block], workers: int) -> None:  # noqa: B027 (most sources: nothing to do)
        """Decide the languages (spans, sentences) of ``blocks`` in place; a stored Document has them."""

    def main_language(self, done: list[Block]) -> str:
        """The book's main language for braille, before every chapter is read (``done``: blocks finished so far)."""
        return main_language(Document(self.outline().metadata))

    def settled(self) -> Metadata:
        """The metadata once every block is finished."""
        return self.outline().metadata


class WholeDocument(Source):
    """A Document already read whole (a stored Document file, a scanned book read by OCR, a test's book)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.key = document.metadata.source_checksum or document.metadata.title
        self._outline = outline_of(document)

    def outline(self) -> Outline:
        return self._outline

    def chapter(self, index: int) -> Chapter:
        return self.document.chapters[index]


class StoredTitle(Source):
    """A catalog title's stored Document: the outline and each chapter read on their own
    (``service.documents``); its languages were decided and stored when the title was read."""

    def __init__(self, outline: Callable[[], Outline], chapter: Callable[[int], Chapter]) -> None:
        self._outline = outline()
        self._chapter = chapter
        self.key = self._outline.metadata.source_checksum or self._outline.metadata.title

    def outline(self) -> Outline:
        return self._outline

    def chapter(self, index: int) -> Chapter:
        return self._chapter(index)


class BookFile(Source):
    """A book file: its format's reader alone (in a process under the reading budget), then
    languages and sentences decided a part at a time, as the reader needs them."""

    def __init__(self, data: bytes, name: str, limits: Limits, keep: Callable[[Document], None] | None = None) -> None:
        """``keep(document)`` is given the finished Document once every block is (``settled``)."""
        self.draft, finished = read_bounded(data, name, limits, finished=False)
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


def open_file(path: Path, limits: Limits, kept: Documents | None = None) -> Source:
    """A book file, or a folder of scanned page images (read whole, by OCR, as ``library.read_path`` reads it).

    With ``kept`` (books read before, finished, by checksum), a file read before is read from
    there, and a new one is kept once read.  Raises ``FileNotFound`` and ``FileTooLarge``
    before anything is read, and what reading raises."""
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
        return BookFile(data, path.name, limits)
    key = checksum(data).partition(":")[2]
    whole = kept.whole_path(key)
    if whole.exists():
        with contextlib.suppress(OSError):
            os.utime(whole)  # read again: kept the longest
        return StoredTitle(lambda: kept.outline(key), lambda index: kept.chapter(key, index))
    return BookFile(data, path.name, limits, keep=lambda document: _keep(kept, key, document))


def _keep(kept: Documents, key: str, document: Document) -> None:
    """Store ``document`` under ``key``, and forget all but the ``BOOKS_KEPT`` most recently read."""
    try:
        kept.write(key, document)
        wholes = sorted(kept.whole_path(key).parent.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in wholes[BOOKS_KEPT:]:
            kept.remove(old.stem)
    except OSError:
        pass  # a data folder this reader may not write: read from the file every time


@dataclass(frozen=True)
class Snapshot:
    """What is read so far: Document, braille rows and speech; ``complete`` once the whole book is in."""

    document: Document
    book: BrailleBook
    utterances: list[Utterance]
    complete: bool


@dataclass
class _Chapter:
    blocks: list[Block] = field(default_factory=list)
    braille: list[BrailleBlock] = field(default_factory=list)
    utterances: list[Utterance] = field(default_factory=list)


class Loader:
    """Reads ``source`` from ``place`` on: ``first()`` at once, the rest in a thread (``start``)."""

    def __init__(
        self, source: Source, code: Code, place: Locator | None = None, speech: bool = True, workers: int = 0
    ) -> None:
        self.source = source
        self.code = code
        self.speech = speech
        self.workers = workers or processes.default_workers()
        self.outline = source.outline()
        self.error: Exception | None = None
        self._metadata = self.outline.metadata
        self._parts: dict[int, _Chapter] = {}
        self._lock = threading.Condition()
        self._wanted: list[int] = []
        self._newest: Snapshot | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._start_chapter, self._start_block = self._start(place)

    def first(self) -> Snapshot:
        """The first snapshot: the blocks around the reader's place (the book's start without one)."""
        index = self._start_chapter
        chapter = self.source.chapter(index)  # a read book has a chapter at least (else EmptyFile)
        start = max(self._start_block - FIRST_BLOCKS_BEFORE, 0)
        end, size = self._start_block, 0
        while end < len(chapter.blocks) and (size < FIRST_CHARACTERS or end <= self._start_block):
            size += len(chapter.blocks[end].text)
            end += 1
        blocks = chapter.blocks[start:end]
        self.source.finish(blocks, 1)
        self._lang = self.source.main_language(blocks)
        self._parts[index] = self._make(index, blocks, 1, speech=False)  # speech comes at once after
        snapshot = self._snapshot(
            complete=not self.speech and len(blocks) == len(chapter.blocks) and len(self.outline.chapters) <= 1
        )
        self._newest = snapshot
        return snapshot

    def start(self) -> None:
        """Read the rest in a thread; ``newest`` gives each snapshot it makes."""
        if self._newest is not None and self._newest.complete:
            return
        self._thread = threading.Thread(target=self._rest, name="loader", daemon=True)
        self._thread.start()

    def newest(self) -> Snapshot | None:
        with self._lock:
            return self._newest

    def reach(self, chapter: int, timeout: float) -> Snapshot | None:
        """Read ``chapter`` next (a bookmark or a place far from what is read so far) and wait for
        it, at most ``timeout`` seconds: the newest snapshot then, ``None`` when it did not come."""
        holds = lambda: self._newest is not None and self._newest.document.chapters[chapter].blocks  # noqa: E731
        with self._lock:
            self._wanted.append(chapter)
            alive = self._thread is not None and self._thread.is_alive()
            if alive and not self._lock.wait_for(holds, timeout):
                return None
            return self._newest if holds() else None

    def stop(self, wait: bool = True) -> None:
        """Stop reading (another title was opened, or the reader quit) after the part under way;
        ``wait`` for that part."""
        self._stop.set()
        if wait and self._thread is not None:
            self._thread.join()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the whole book is read (for tests and benchmarks); True when it is."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self._newest is not None and self._newest.complete

    # the rest ------------------------------------------------------------------
    def _start(self, place: Locator | None) -> tuple[int, int]:
        """The chapter and block to show first: the reader's place, else the first chapter with text."""
        chapters = self.outline.chapters
        if place is not None and 0 <= place.chapter < len(chapters):
            blocks = self.source.chapter(place.chapter).blocks
            found = next((i for i, block in enumerate(blocks) if block.id == place.block), None)
            if found is not None:
                return place.chapter, found
        return first_with_text(chapters), 0

    def _rest(self) -> None:
        try:
            self._read_rest()
        except Exception as error:  # shown by the reader; what is read so far stays readable
            self.error = error

    def _read_rest(self) -> None:
        count = len(self.outline.chapters)
        first = self._start_chapter
        order = [first] + [i for i in range(first + 1, count)] + [i for i in range(first)]
        if self.speech:  # the first part's speech, before the rest of its chapter
            part = self._parts[first]
            self._parts[first] = _Chapter(part.blocks, part.braille, self._speech(first, part.blocks))
            self._publish(self._snapshot(complete=False))
        self._read_on(first)
        last = time.monotonic()
        read: set[int] = set()
        while len(read) < count:
            if self._stop.is_set():
                return
            with self._lock:
                wanted = next((i for i in self._wanted if i not in read), None)
            index = wanted if wanted is not None else next(i for i in order if i not in read)
            chapter = self.source.chapter(index)
            known = {block.id for block in self._parts[index].blocks} if index in self._parts else set()
            self.source.finish([block for block in chapter.blocks if block.id not in known], self.workers)
            part = self._make(index, chapter.blocks, self.workers)
            self._parts[index] = part
            read.add(index)
            complete = len(read) == count
            if len(read) == 1 or wanted is not None or complete or time.monotonic() - last >= SNAPSHOT_SECONDS:
                if complete:
                    self._settle()
                    if self._stop.is_set():
                        return
                self._publish(self._snapshot(complete=complete))
                last = time.monotonic()

    def _read_on(self, index: int) -> None:
        """The ``NEXT_CHARACTERS`` after the first part, at once: reading on does not meet the end
        of what is read while a long chapter is still read whole."""
        part = self._parts[index]
        blocks = self.source.chapter(index).blocks
        end = next((i for i, block in enumerate(blocks) if block.id == part.blocks[-1].id), len(blocks)) + 1
        more, size = [], 0
        while end < len(blocks) and size < NEXT_CHARACTERS:
            more.append(blocks[end])
            size += len(blocks[end].text)
            end += 1
        if more and end < len(blocks) and not self._stop.is_set():
            self.source.finish(more, 1)
            self._parts[index] = self._make(index, part.blocks + more, 1)
            self._publish(self._snapshot(complete=False))

    def _settle(self) -> None:
        """Every block is in: the book's own metadata; braille again if its main language is another."""
        self._metadata = self.source.settled()
        lang = main_language(Document(self._metadata))
        if lang != self._lang:
            self._lang = lang
            for index, part in list(self._parts.items()):
                if self._stop.is_set():
                    return
                self._parts[index] = self._make(index, part.blocks, self.workers)

    def _make(self, index: int, blocks: list[Block], workers: int, speech: bool = True) -> _Chapter:
        weight = lambda block: len(block.text)  # noqa: E731
        braille = processes.map_in_order(translate_block, blocks, (self.code, self._lang), workers, weight)
        return _Chapter(list(blocks), braille, self._speech(index, blocks) if speech else [])

    def _speech(self, index: int, blocks: list[Block]) -> list[Utterance]:
        if not self.speech:
            return []
        partial = self.outline.document({index: Chapter(self.outline.chapters[index].title, blocks)})
        partial.metadata = self._metadata
        return speech_script(partial, chapters=range(index, index + 1))

    def _snapshot(self, complete: bool) -> Snapshot:
        parts = dict(self._parts)
        chapters = {index: Chapter(self.outline.chapters[index].title, part.blocks) for index, part in parts.items()}
        document = self.outline.document(chapters)
        document.metadata = self._metadata
        ordered = [parts[index] for index in sorted(parts)]
        braille = Braille([b for part in ordered for b in part.braille], self._lang, self.code)
        utterances = [u for part in ordered for u in part.utterances]
        return Snapshot(document, BrailleBook(document, braille), utterances, complete)

    def _publish(self, snapshot: Snapshot) -> None:
        with self._lock:
            self._newest = snapshot
            self._lock.notify_all()
