"""The speech script: a Document turned into what each voice should say, in order.

    Document --speech_script--> [Utterance, ...] --engines--> PCM --> audio, timings

One ``Utterance`` is one language run of one sentence: a Russian sentence that
quotes a Kazakh title gives three utterances (Russian, Kazakh, Russian) that
share the sentence id, so the Kazakh voice reads the title and the Russian
voice the rest.  A sentence's audio is its utterances' audio one after another;
its timing is from the start of its first piece to the end of its last.  The
voice language is always one of kk, ru, en and is the language of the text
itself whenever that is one of them: a Kazakh sentence is never given to the
Russian voice, nor the reverse.

Utterances come in reading order; chapters are kept apart (``locator.chapter``,
and :func:`by_chapter` cuts the list per chapter).  Sentences with nothing to
say (only punctuation) give no utterance.  Headings, list labels, table lines,
note references and notes, image descriptions and page numbers are worded for
listening (``"Сноска один."``, ``"он екінші бет"``); :class:`ScriptSettings` says which.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .. import kazakh_latin
from ..model import (
    HEADING,
    IMAGE,
    LIST_ITEM,
    NOTE,
    PAGE_MARKER,
    SPAN_NOTEREF,
    Block,
    Document,
    Locator,
)
from .normalize import Normalized, normalize_map
from .normalize.kk import ordinal as ordinal_kk

VOICES = ("kk", "ru", "en")

#: Words spoken around things that are not plain text, per voice language.
_WORDS = {
    "page": {"kk": "{} бет", "ru": "страница {}", "en": "page {}"},
    "note": {"kk": "Ескертпе {}.", "ru": "Сноска {}.", "en": "Note {}."},
    "noteref": {"kk": "ескертпе {}", "ru": "сноска {}", "en": "note {}"},
    "image": {"kk": "Сурет.", "ru": "Иллюстрация.", "en": "Image."},
}


@dataclass(frozen=True)
class Utterance:
    """One stretch of speech: one language run of one sentence, for one voice.

    ``locator``: chapter index, block id, sentence index, and the offset in the
    block's text where this piece starts.  ``sentence_id`` is the block's
    sentence id (``"c1b4s2"``); the pieces of one sentence share it and come one
    after another, ``piece`` counting them from 0 and ``last`` marking the final
    one.  ``lang`` is the language the Document gives the source text (kk, ru,
    en; "und" when unknown, "zxx" for a page number); ``voice`` is the voice
    language that reads it (always kk, ru or en: ``lang`` itself when it is one
    of them, else the language of the blocks around it).  ``text`` is the
    source text ``block.text[start:end]``; ``spoken`` is what the engine should
    say.  ``segments`` maps the spoken text back to the block: tuples
    ``(spoken_start, spoken_end, source_start, source_end)`` in order, covering
    ``spoken`` (offsets in ``spoken`` and in ``block.text``).  ``kind`` is the
    block's kind.
    """

    locator: Locator
    sentence_id: str
    piece: int
    last: bool
    lang: str
    voice: str
    text: str
    spoken: str
    start: int
    end: int
    kind: str
    segments: tuple[tuple[int, int, int, int], ...] = ()

    def source_offset(self, spoken_index: int) -> int:
        """The offset in the block's text of character ``spoken_index`` of ``spoken``."""
        for spoken_start, spoken_end, source_start, source_end in self.segments:
            if spoken_index < spoken_end:
                if spoken_end - spoken_start == source_end - source_start:
                    return source_start + max(spoken_index - spoken_start, 0)
                return source_start
        return self.end


@dataclass(frozen=True)
class ScriptSettings:
    """What is spoken besides the text: page numbers, note references, labels."""

    pages: bool = True  # announce print page numbers ("страница 12", "12-бет", "page 12")
    noterefs: bool = True  # say "сноска 1" where the text refers to a note
    labels: bool = True  # read list item labels ("1.", "а)") and note marks


def speech_script(
    document: Document, settings: ScriptSettings = ScriptSettings(), chapters: range | None = None
) -> list[Utterance]:
    """Every utterance of ``document`` in reading order (see the module docstring).

    ``chapters``: only the chapters with these indexes (the same utterances as in the
    whole script; a job speaking part of a book need not word the rest).
    """
    fallback = next((code for code in document.metadata.languages if code in VOICES), "ru")
    marks = {
        span.value: block.text[span.start : span.end]
        for _, block in document.blocks()
        for span in block.spans
        if span.kind == SPAN_NOTEREF
    }
    utterances: list[Utterance] = []
    for chapter_index, chapter in enumerate(document.chapters):
        if chapters is not None and chapter_index not in chapters:
            continue
        context = fallback
        for block in chapter.blocks:
            if block.lang in VOICES:
                context = block.lang
            if block.kind == PAGE_MARKER:
                if settings.pages and block.text.strip():
                    utterances.append(_page(chapter_index, block, context))
                continue
            label = block.label.strip()
            if block.kind == NOTE and not label:
                label = marks.get(block.id, "")
            utterances.extend(_block(chapter_index, block, label, context, settings))
    return utterances


def by_chapter(utterances: list[Utterance]) -> list[list[Utterance]]:
    """The utterances cut into one list per chapter, in order (empty chapters are left out)."""
    chapters: list[list[Utterance]] = []
    for utterance in utterances:
        if not chapters or chapters[-1][-1].locator.chapter != utterance.locator.chapter:
            chapters.append([])
        chapters[-1].append(utterance)
    return chapters


def _page(chapter: int, block: Block, voice: str) -> Utterance:
    number = block.text.strip()
    if voice == "kk" and number.isdigit():
        said = ordinal_kk(int(number))  # "12-бет": он екінші бет
    else:
        said = normalize_map(number, voice, heading=True).text
    spoken = _WORDS["page"][voice].format(said)
    return Utterance(
        locator=Locator(chapter, block.id, 0, 0),
        sentence_id=block.sentence_id(0),
        piece=0,
        last=True,
        lang=block.lang,
        voice=voice,
        text=block.text,
        spoken=spoken,
        start=0,
        end=len(block.text),
        kind=block.kind,
        segments=((0, len(spoken), 0, len(block.text)),),
    )


def _block(chapter: int, block: Block, label: str, context: str, settings: ScriptSettings) -> list[Utterance]:
    runs = block.lang_runs()
    said = replace(block, text=kazakh_latin.in_cyrillic(block.text, runs))  # kk-Latn is spoken by the Kazakh voice
    noterefs = [s for s in block.spans if s.kind == SPAN_NOTEREF] if settings.noterefs else []
    result: list[Utterance] = []
    for index, sentence in enumerate(block.sentences):
        pieces: list[tuple[int, int, str, str, Normalized]] = []
        pending: tuple[int, Normalized] | None = None  # leading punctuation, given to the next piece
        for run_start, run_end, lang in runs:
            start, end = max(run_start, sentence.start), min(run_end, sentence.end)
            if start >= end:
                continue
            voice = "kk" if lang == kazakh_latin.LANGUAGE else lang if lang in VOICES else context
            spoken = _spoken(said, start, end, voice, noterefs)
            if index == 0 and not pieces and pending is None:
                spoken = _prefix(block, label, voice, settings, start).join(spoken)
            if not _speakable(spoken.text):
                if pieces:
                    previous = pieces.pop()
                    pieces.append((previous[0], end, previous[2], previous[3], previous[4].join(spoken)))
                else:
                    pending = (pending[0], pending[1].join(spoken)) if pending else (start, spoken)
                continue
            if pending:
                start, spoken, pending = pending[0], pending[1].join(spoken), None
            if pieces and pieces[-1][3] == voice and pieces[-1][2] == lang:
                previous = pieces.pop()
                start, spoken = previous[0], previous[4].join(spoken)
            pieces.append((start, end, lang, voice, spoken))
        for number, (start, end, lang, voice, spoken) in enumerate(pieces):
            result.append(
                Utterance(
                    locator=Locator(chapter, block.id, index, start),
                    sentence_id=block.sentence_id(index),
                    piece=number,
                    last=number == len(pieces) - 1,
                    lang=lang,
                    voice=voice,
                    text=block.text[start:end],
                    spoken=spoken.text.strip(),
                    start=start,
                    end=end,
                    kind=block.kind,
                    segments=_shift_strip(spoken),
                )
            )
    return result


def _spoken(block: Block, start: int, end: int, voice: str, noterefs: list) -> Normalized:
    """The normalised text of ``block.text[start:end]``, note references worded."""
    heading = block.kind == HEADING
    result = Normalized()
    position = start
    for span in noterefs:
        if span.end <= position or span.start >= end:
            continue
        result = result.join(normalize_map(block.text[position : span.start], voice, heading, base=position))
        mark = normalize_map(block.text[span.start : span.end], voice, heading=True).text
        said = " (" + _WORDS["noteref"][voice].format(mark) + ") "
        result = result.join(Normalized.literal(said, span.start, span.end))
        position = span.end
    return result.join(normalize_map(block.text[position:end], voice, heading, base=position))


def _prefix(block: Block, label: str, voice: str, settings: ScriptSettings, at: int) -> Normalized:
    """What is said before a block's first sentence: a note's mark, a list label, "Image"."""
    said = ""
    if block.kind == NOTE and settings.labels:
        said = _WORDS["note"][voice].format(normalize_map(label, voice, heading=True).text if label else "")
        said = said.replace(" .", ".")
    elif block.kind == LIST_ITEM and settings.labels and any(c.isalnum() for c in label):
        said = normalize_map(label.rstrip(".)"), voice, heading=True).text + "."
    elif block.kind == IMAGE:
        said = _WORDS["image"][voice]
    return Normalized.literal(said + " " if said else "", at, at)


def _speakable(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _shift_strip(spoken: Normalized) -> tuple[tuple[int, int, int, int], ...]:
    """The segments of ``spoken`` re-based on its stripped text."""
    lead = len(spoken.text) - len(spoken.text.lstrip())
    size = len(spoken.text.strip())
    segments = []
    for a, b, c, d in spoken.segments:
        a, b = max(a - lead, 0), min(b - lead, size)
        if a < b:
            segments.append((a, b, c, d))
    return tuple(segments)
