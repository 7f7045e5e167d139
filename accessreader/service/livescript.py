"""The speech script of one chapter, worded a few blocks at a time as it is listened to.

Wording a whole chapter (numbers, abbreviations, Russian agreement) takes seconds for a
long one; a listener who starts it needs the first sentence now and the rest at the
pace of speech.  ``ChapterScript`` words the blocks from where listening starts, a
batch at a time, and keeps what it worded for the next listener.

The utterances are exactly those of ``tts.script.speech_script`` for the whole book,
with one exception: a note without a label of its own whose reference mark stands in
another chapter is read without that mark.  To get them, each batch is worded as
chapter ``index`` of a Document that holds the batch, and beside it (in a chapter that
is not worded) the whole chapter, so that note marks inside the chapter are found; and a
batch always begins at a block whose language picks the voice itself, so the voice a
block inherits from the blocks before it is the same as in the whole script.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

from ..model import Chapter, Outline
from ..tts.script import VOICES, Utterance, speech_script

#: Blocks worded together (a few seconds of speech, some milliseconds of wording).
BATCH = 8


class ChapterScript:
    """The utterances of chapter ``index`` of a stored title (``outline`` + ``chapter``)."""

    def __init__(self, outline: Outline, index: int, chapter: Chapter) -> None:
        self.outline = outline
        self.index = index
        self.chapter = chapter
        self._positions = {block.id: n for n, block in enumerate(chapter.blocks)}
        self._batches: dict[int, tuple[int, list[Utterance]]] = {}  # first block → (end, utterances)
        self._lock = threading.Lock()

    def has_block(self, block_id: str) -> bool:
        return block_id in self._positions

    def first(self) -> Utterance | None:
        """The chapter's first utterance; None when it says nothing."""
        return next(self.utterances(), None)

    def utterances(self, block_id: str = "") -> Iterator[Utterance]:
        """The utterances from block ``block_id`` (its first; the chapter's first by default) to the end."""
        position = self._positions.get(block_id, 0)
        at = position
        while at > 0 and self.chapter.blocks[at].lang not in VOICES:
            at -= 1  # back to a block that picks its voice itself
        while at < len(self.chapter.blocks):
            end, batch = self._batch(at)
            for utterance in batch:
                if self._positions[utterance.locator.block] >= position:
                    yield utterance
            at = end

    def block(self, block_id: str) -> list[Utterance]:
        """The utterances of one block (none for a block that says nothing)."""
        found = []
        for utterance in self.utterances(block_id):
            if utterance.locator.block != block_id:
                break
            found.append(utterance)
        return found

    def _batch(self, start: int) -> tuple[int, list[Utterance]]:
        with self._lock:
            kept = self._batches.get(start)
        if kept is not None:
            return kept
        blocks = self.chapter.blocks
        end = min(start + BATCH, len(blocks))
        while end < len(blocks) and blocks[end].lang not in VOICES:
            end += 1  # the next batch begins where a block picks its voice itself
        part = Chapter(self.chapter.title, blocks[start:end])
        document = self.outline.document({self.index: part})
        document.chapters.append(self.chapter)  # for note marks only: not worded
        kept = (end, speech_script(document, chapters=range(self.index, self.index + 1)))
        with self._lock:
            self._batches[start] = kept
        return kept
