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
once per book: a book file (``files.py``) read whole is kept finished (``service.documents``,
in the data folder's ``books/``, by its checksum; the ``files.BOOKS_KEPT`` most recently read),
and opening the same file again reads that a chapter at a time, as a catalog title.  The
book's main language (the braille of a block in no language with tables of its own)
comes from the source's declared languages, or the first part's; when the whole book
settles on another one, everything is brailled again before the last snapshot.

The first part of a book file does not wait for lingua's models (a second or so in a
new process): its blocks are decided by the script and word votes where those decide
(``content.finish.finish_quickly``), the others stand in on the rules alone, and the
thread's first work is to load the models and decide those, in a snapshot of their own
(the reader stays at its place).  The last snapshot is the same whichever way.  For the
reader the thread starts on the rest once the first snapshot is shown (``after_show``):
loading lingua's models holds the interpreter for a second, speech can start after the braille.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import language, processes
from ..braille.tables import Code
from ..braille.translate import Braille, BrailleBlock, main_language, translate_block
from ..model import Block, Chapter, Document, Locator, Metadata, Outline, first_with_text, outline_of
from .buffer import BrailleBook

if TYPE_CHECKING:
    from ..tts.script import Utterance

#: Characters of text from the reader's place (and blocks before it) in the first snapshot.
FIRST_CHARACTERS = 3000
FIRST_BLOCKS_BEFORE = 8
#: Characters after the first part read next, before the rest of its chapter (a screen's reading for minutes).
NEXT_CHARACTERS = 40000
#: Seconds at least between two snapshots while the rest is read (the last comes at once).
SNAPSHOT_SECONDS = 1.0
#: Seconds at most the rest waits for the first snapshot to be shown (``Loader.shown``).
SHOWN_SECONDS = 2.0


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

    def finish_first(self, blocks: list[Block]) -> tuple[list[Block], list[Block]]:
        """``finish`` without waiting for lingua's models: the blocks to show, and those still to ``finish``."""
        self.finish(blocks, 1)
        return blocks, []

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
        self,
        source: Source,
        code: Code,
        place: Locator | None = None,
        speech: bool = True,
        workers: int = 0,
        after_show: bool = False,
    ) -> None:
        """With ``after_show`` the thread starts on the rest only once ``shown()`` is called (the
        first snapshot is on the display): lingua's models load holding the interpreter for a
        second, which would hold up the first braille."""
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
        self._shown = threading.Event()
        if not after_show:
            self._shown.set()
        self._thread: threading.Thread | None = None
        self._open: list[Block] = []  # blocks of the first part shown before lingua decided them
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
        shown, self._open = self.source.finish_first(blocks)
        self._lang = self.source.main_language(shown)
        self._parts[index] = self._make(index, shown, 1, speech=False)  # speech comes at once after
        whole = len(blocks) == len(chapter.blocks) and len(self.outline.chapters) <= 1
        snapshot = self._snapshot(complete=not self.speech and not self._open and whole)
        self._newest = snapshot
        return snapshot

    def start(self) -> None:
        """Read the rest in a thread (once; a call after that does nothing); ``newest`` gives each snapshot it makes."""
        if self._thread is not None or self._newest is not None and self._newest.complete:
            return
        self._thread = threading.Thread(target=self._rest, name="loader", daemon=True)
        self._thread.start()

    def shown(self) -> None:
        """The first snapshot is on the display: the rest may be read (``after_show``)."""
        self._shown.set()

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
        self._shown.wait(SHOWN_SECONDS)
        if self.speech:  # the first part's speech, before the rest of its chapter
            part = self._parts[first]
            self._parts[first] = _Chapter(part.blocks, part.braille, self._speech(first, part.blocks))
            self._publish(self._snapshot(complete=False))
        if self._open:
            self._decide_open(first)
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

    def _decide_open(self, index: int) -> None:
        """The first part's blocks shown before lingua's models were loaded: load them, decide
        those blocks, and braille the part again in the book's main language (a snapshot)."""
        language.load_lingua()
        self.source.finish(self._open, 1)
        decided = {block.id: block for block in self._open}
        self._open = []
        blocks = [decided.get(block.id, block) for block in self._parts[index].blocks]
        self._lang = self.source.main_language(blocks)
        self._parts[index] = self._make(index, blocks, 1)
        self._publish(self._snapshot(complete=False))

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
        from ..tts.script import speech_script  # after the first braille: its rules take a while to import

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
