"""The last step of every reader: languages, sentences, contents and checksums.

Readers give blocks with the language their source declares (a hint, often
wrong or missing); here each block's language is decided from its own text,
words typed in two scripts ("Сoncert" with a Cyrillic С) are rewritten in one
(``lookalikes.py``; each change kept on the block and reported as a notice),
embedded stretches in another language become spans, text is split into
sentences per language, and metadata gaps are filled (title, languages,
table of contents) so that every format arrives at outputs the same way.

A block's language, spans and sentences depend on its own text and the book's
declared language alone, so a long book is finished on several processes
(``processes.py``, ``workers``) with the same result, and a part at a time: the
first chapters a reader opens first (``model.first_with_text``; given to ``first`` as a
``preview`` before the rest, as the service's jobs do), a window at a time (the terminal).
"""

from __future__ import annotations

import copy
import hashlib
from collections import Counter
from collections.abc import Callable
from pathlib import PurePath

from .. import language, lookalikes, processes, sentences
from ..model import (
    HEADING,
    PAGE_MARKER,
    SPAN_EMPHASIS,
    SPAN_LANG,
    STANZA,
    TABLE,
    Block,
    Document,
    Notice,
    Repair,
    Sentence,
    Span,
    TocEntry,
    first_with_text,
    outline_of,
)

Finished = tuple[str, list[Span], list[Sentence], str, list[Repair]]


def finish(
    document: Document, data: bytes, name: str, workers: int = 1, first: Callable[[Document], None] | None = None
) -> Document:
    """Complete ``document`` read from ``data`` in place and return it, on up to ``workers`` processes.

    With ``first``: the chapters up to the first with text are finished before the rest and
    given to ``first`` as a ``preview``; the Document returned is the same either way."""
    declared = declared_languages(document)
    blocks = [block for _, block in document.blocks()]
    if first is not None:
        count = first_with_text(document.chapters) + 1
        head = sum(len(chapter.blocks) for chapter in document.chapters[:count])
        finish_blocks(document, blocks[:head], declared, 1)
        first(preview(document, count))
        blocks = blocks[head:]
    finish_blocks(document, blocks, declared, workers)
    return settle(document, checksum(data), name, declared)


def preview(document: Document, count: int) -> Document:
    """The first ``count`` chapters of a draft whose blocks there are finished, every other chapter
    with its title alone (indexes, block ids and locators are the whole book's).  Finishing the rest
    does not change it: its metadata, contents and notices are copies, its chapters are done."""
    outline = outline_of(document)
    outline.metadata = copy.deepcopy(document.metadata)
    outline.notices = list(document.notices)
    outline.toc = list(document.toc)
    return outline.document({index: document.chapters[index] for index in range(count)})


def declared_languages(document: Document) -> list[str]:
    """The languages the draft's source declares, normalised (read them before ``settle`` replaces them)."""
    return [language.normalise(code) for code in document.metadata.languages if code]


def finish_blocks(document: Document, blocks: list[Block], declared: list[str], workers: int = 1) -> None:
    """Finish ``blocks`` of the draft ``document`` in place (language, spans, sentences, repairs), on up to
    ``workers`` processes; a part at a time gives what ``finish`` gives the whole (``declared``: the
    draft's ``declared_languages``)."""
    fallback = fallback_of(declared)
    weight = lambda block: len(block.text)  # noqa: E731
    done = processes.map_in_order(finish_block, blocks, (fallback,), workers, weight, prepare=language.load_lingua)
    for block, finished in zip(blocks, done):
        apply(document, block, finished)


def fallback_of(declared: list[str]) -> str:
    """The language hint ``finish_block`` gets for a block that declares none."""
    return declared[0] if declared else ""


def apply(document: Document, block: Block, finished: Finished) -> None:
    """Put what ``finish_block`` found for ``block`` (of the draft ``document``) in place."""
    lang, spans, split, text, repairs = finished
    block.lang, block.spans, block.sentences, block.text = lang, spans, split, text
    block.repairs += repairs
    document.notices += [
        Notice("mixed_script_repaired", f"{r.original} → {text[r.start : r.end]} ({block.id})", block.id)
        for r in repairs
    ]


def finish_quickly(document: Document, blocks: list[Block], declared: list[str]) -> tuple[list[Block], list[Block]]:
    """``finish_blocks`` on this process without waiting for lingua's models (``language.quick``):
    a block the script and word votes decide is finished in place, as ``finish_blocks`` finishes
    it; for one they leave open, a copy finished on the rules alone stands in, the draft block
    left as it was.  Returns the blocks to show, in order, and the draft blocks still to finish."""
    fallback = fallback_of(declared)
    shown, left = [], []
    for block in blocks:
        trial = copy.deepcopy(block)  # finish_block changes the block it is given (text, span values)
        with language.quick() as left_open:
            finished = finish_block(trial, fallback)
        if left_open():
            apply(Document(), trial, finished)  # its notices come when the block itself is finished
            shown.append(trial)
            left.append(block)
        else:
            apply(document, block, finished)
            shown.append(block)
    return shown, left


def settle(document: Document, source_checksum: str, name: str, declared: list[str]) -> Document:
    """Once every block is finished: the source's checksum, the book's languages by use, contents and title."""
    meta = document.metadata
    meta.source_checksum = source_checksum
    counts = Counter(block.lang for _, block in document.blocks() if block.kind != PAGE_MARKER and block.text)
    meta.languages = [code for code, _ in counts.most_common() if code != "und"] or declared
    if not document.toc:
        document.toc = [
            TocEntry(block.text, block.level, block.id) for _, block in document.blocks() if block.kind == HEADING
        ]
    if not meta.title:
        meta.title = next((e.title for e in document.toc), "") or PurePath(name).stem.split(".")[0]
    return document


def checksum(data: bytes) -> str:
    """The source checksum a finished Document carries (``Metadata.source_checksum``)."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def finish_block(block: Block, fallback: str, split: bool = True) -> Finished:
    """``block``'s language (its declared one, else ``fallback``, as a hint), spans, sentences,
    and its text with each word typed in two scripts rewritten in one (with the words changed).
    Without ``split`` the sentences are left as they are (braille files need none)."""
    if block.kind == PAGE_MARKER:
        return "zxx", block.spans, block.sentences, block.text, []
    hint = language.normalise(block.lang) if block.lang != "und" else fallback
    cuts = [edge for span in block.spans if span.kind != SPAN_EMPHASIS for edge in (span.start, span.end)]
    text, repairs = lookalikes.repair(block.text, language.LATIN if hint == "en" else language.CYRILLIC, cuts)
    block.text = text
    lang = language.detect(block.text, hint=hint)
    marked = [s for s in block.spans if s.kind == SPAN_LANG]
    for span in marked:
        span.value = language.normalise(span.value)
    found = language.find_spans(block.text, lang, taken=[(s.start, s.end) for s in marked])
    spans = sorted(
        [s for s in block.spans if not (s.kind == SPAN_LANG and s.value == lang)] + found,
        key=lambda s: (s.start, s.kind),
    )
    found = sentences.split(text, lang, lines=block.kind in (TABLE, STANZA)) if split else block.sentences
    return lang, spans, found, text, repairs
