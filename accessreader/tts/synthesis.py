"""Sentence-level synthesis with exact timings, in parallel, streamed to the encoders.

    [Utterance] --by chapter, cut into parts at sentence ends (PART_CHARS)-->
        worker process, one part: engine.synthesize(piece) per utterance ──> PCM file + sample counts
    main process, parts in order per chapter:
        PCM ──> Encoder(s) (lame / opusenc / ffmpeg processes) ; sample counts ──> Timing(id, start, end)
    <-- ChapterAudio(chapter, samples, timings, files) per chapter

A chapter is cut into parts of about :data:`PART_CHARS` characters, always after a
sentence's last piece, and every part is one task for a pool of processes (as many as
cores), in reading order; so a book of one long chapter keeps every core busy, not
only a book of many.  A worker writes its part's PCM to a file beside the output and
counts its samples; the main process feeds each chapter's parts, in order, as they
come, into that chapter's encoder processes (a thread per chapter, so the encoders of
several chapters run at once), which run beside the synthesis.  The
encoders see one unbroken stream, exactly what speaking the chapter in one process
gives them (no joins, no codec delay between parts), and nothing larger than one read
buffer is held in memory.  A sentence's start and end are counted in samples of its
chapter's audio, the parts' counts added up as integers, so timings stay exact; the
pieces of one sentence (language runs, see ``script.py``) share its id and its span.
Sample counts travel back from the workers as ``array`` of integers, not lists of
tuples (a 5 MB book has some 40,000 sentences).

Progress is reported as ``progress(sentences_done, sentences_total)``.  When one
part fails (or the caller is interrupted) the other workers stop at their next
sentence and the encoders are killed.

Each voice names its engine (RHVoice for Russian, espeak-ng for Kazakh, say); a
chapter is encoded at the highest sample rate among the engines its voices use, and
every piece is brought to that rate and to one loudness (``audio.match``), so the
Kazakh title inside a Russian sentence keeps its own voice without a jump in volume.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..processes import report, run_tasks
from .audio import SUFFIXES, Bitrates, Encoder, gain_db, match
from .engines import DEFAULT_ENGINE, Voice, engine, voice_for, voices_for
from .script import Utterance, by_chapter

Progress = Callable[[int, int], None]

#: Characters of text in one part of a chapter (a task for one worker): some minutes of speech,
#: small enough that a one-chapter book is shared among the cores, large enough that a task's
#: start costs nothing to speak of.
PART_CHARS = 6000


@dataclass(frozen=True)
class Timing:
    """Where one sentence sits in its chapter's audio, in seconds."""

    sentence_id: str
    start: float
    end: float


@dataclass
class ChapterAudio:
    """One chapter's audio: its length in samples, sentence timings and encoded files."""

    chapter: int
    sample_rate: int
    samples: int
    timings: list[Timing]
    files: dict[str, Path] = field(default_factory=dict)
    voices: tuple[str, ...] = ()  # who speaks: "RHVoice Aleksandr", "espeak-ng kk", in order of first use

    @property
    def seconds(self) -> float:
        return self.samples / self.sample_rate


@dataclass
class SpeechOptions:
    """How a book is spoken and encoded."""

    engine: str = DEFAULT_ENGINE  # the engine of voices that name none, and of live speech
    voices: dict[str, Voice] = field(default_factory=voices_for)
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    bitrates: Bitrates = field(default_factory=Bitrates)


class Sink(Protocol):
    """Where PCM goes: an encoder, a sound device, a list in a test."""

    def write(self, pcm: bytes) -> None: ...


#: One piece handed to a worker: sentence id, voice language, text to say, last piece?
Piece = tuple[str, str, str, bool]


def engine_name(voice: Voice, default: str = DEFAULT_ENGINE) -> str:
    """The engine that speaks ``voice``: its own, else ``default``."""
    return voice.engine or default


def chapter_rate(pieces: Iterable[Piece], voices: dict[str, Voice], default: str = DEFAULT_ENGINE) -> int:
    """The sample rate of a chapter: the highest among the engines its pieces' voices use."""
    names = {engine_name(voice_for(voices, lang), default) for _, lang, _, _ in pieces} or {default}
    return max(engine(name).sample_rate for name in names)


#: How an engine is named to listeners (a talking book's narrator).
ENGINE_NAMES = {"espeak": "espeak-ng", "pyttsx3": "espeak-ng", "rhvoice": "RHVoice", "piper": "Piper"}


def narrators(pieces: Iterable[Piece], voices: dict[str, Voice], default: str = DEFAULT_ENGINE) -> tuple[str, ...]:
    """The voices that speak ``pieces``, named for listeners, in order of first use."""
    names = {}
    for _, lang, _, _ in pieces:
        voice = voice_for(voices, lang)
        engine_label = ENGINE_NAMES.get(engine_name(voice, default), engine_name(voice, default))
        names[f"{engine_label} {voice.name}"] = None
    return tuple(names)


def speak(pieces: Iterable[Piece], voices: dict[str, Voice], sinks: list[Sink],
          done: Callable[[int], None] = lambda n: None, default: str = DEFAULT_ENGINE,
          sample_rate: int | None = None) -> tuple[int, list[Timing]]:  # fmt: skip
    """Speak ``pieces`` in order into every sink; return the sample count and the sentence timings.

    Each piece is spoken by its voice's engine (``default`` for voices that name none) and
    matched to ``sample_rate`` (:func:`chapter_rate` when None) and to one loudness.
    ``done(n)`` is called after every sentence with the number finished since the last call.
    """
    pieces = list(pieces)
    rate = sample_rate or chapter_rate(pieces, voices, default)
    samples, ids, bounds = speak_counted(pieces, voices, sinks, rate, done, default)
    return samples, timings_of(ids, bounds, 0, rate)


def speak_counted(pieces: Iterable[Piece], voices: dict[str, Voice], sinks: list[Sink], rate: int,
                  done: Callable[[int], None] = lambda n: None,
                  default: str = DEFAULT_ENGINE) -> tuple[int, list[str], array]:  # fmt: skip
    """:func:`speak` at ``rate``, counting in samples: (samples, sentence ids, [start, end, start, end…])."""
    samples = 0
    ids: list[str] = []
    bounds = array("q")
    start_of: dict[str, int] = {}
    for sentence_id, lang, text, last in pieces:
        start_of.setdefault(sentence_id, samples)
        voice = voice_for(voices, lang)
        name = engine_name(voice, default)
        audio = engine(name).synthesize(text, voice)
        pcm = match(audio.pcm, audio.sample_rate, rate, gain_db(name, voice.name))
        for sink in sinks:
            sink.write(pcm)
        samples += len(pcm) // 2
        if last:
            ids.append(sentence_id)
            bounds.extend((start_of.pop(sentence_id), samples))
            done(1)
    return samples, ids, bounds


def timings_of(ids: list[str], bounds: array, offset: int, rate: int) -> list[Timing]:
    """Sentence timings in seconds from sample counts that start ``offset`` samples into the chapter."""
    return [
        Timing(sentence_id, (offset + bounds[2 * n]) / rate, (offset + bounds[2 * n + 1]) / rate)
        for n, sentence_id in enumerate(ids)
    ]


def parts_of(pieces: list[Piece], size: int) -> list[list[Piece]]:
    """``pieces`` cut into runs of about ``size`` characters, each ending with a sentence's last piece."""
    parts: list[list[Piece]] = [[]]
    length = 0
    for piece in pieces:
        if length >= size and parts[-1][-1][3]:
            parts.append([])
            length = 0
        parts[-1].append(piece)
        length += len(piece[2])
    return parts


def pieces_of(utterances: Iterable[Utterance]) -> list[Piece]:
    """What a worker needs of each utterance (small to send between processes)."""
    return [(u.sentence_id, u.voice, u.spoken, u.last) for u in utterances]


def render(utterances: list[Utterance], codecs: Iterable[str], folder: Path,
           options: SpeechOptions | None = None,
           progress: Progress = lambda d, t: None) -> list[ChapterAudio]:  # fmt: skip
    """Speak a book's ``utterances`` and encode each chapter in each of ``codecs`` into ``folder``.

    Files are named ``<chapter index + 1, 3 digits><suffix>`` (``001.mp3``).  Returns one
    ``ChapterAudio`` per chapter that has something to say, in chapter order.  Raises
    ``UnknownVoice``, ``MissingDependency`` or ``AudioFailed``.
    """
    options = options or SpeechOptions()
    codecs = list(codecs)
    groups = [group for group in by_chapter(utterances) if group]
    if not groups:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    total = sum(1 for u in utterances if u.last)
    done = 0
    progress(0, total)

    def heard(count: int) -> None:
        nonlocal done
        done += count
        progress(done, total)

    chapters = {
        g[0].locator.chapter: _Chapter(g[0].locator.chapter, pieces_of(g), codecs, folder, options) for g in groups
    }
    longest_first = sorted(chapters.values(), key=lambda chapter: -sum(len(p[2]) for p in chapter.pieces))
    tasks = [
        (_speak_part, (chapter.chapter, index, part, chapter.langs, folder, options))
        for chapter in longest_first  # the longest chapter's encoder, the longest serial work, starts first
        for index, part in enumerate(chapter.parts)
    ]
    try:  # spawned: libespeak-ng state is never shared by fork
        run_tasks(tasks, options.workers, multiprocessing.get_context("spawn"), heard,
                  lambda _, part: chapters[part.chapter].add(part))  # fmt: skip
        made = [chapter.finish() for chapter in chapters.values()]
    except BaseException:
        for chapter in chapters.values():
            chapter.abort()
        for leftover in folder.glob(".*.pcm"):  # parts made after the failure, or cut short by it
            leftover.unlink(missing_ok=True)
        raise
    progress(total, total)
    return made


@dataclass
class _Part:
    """What a worker made of one part of a chapter: its PCM in a file, and sample counts."""

    chapter: int
    index: int
    rate: int
    samples: int
    ids: list[str]
    bounds: array
    pcm: Path


def _speak_part(chapter: int, index: int, pieces: list[Piece], langs: tuple[str, ...], folder: Path,
                options: SpeechOptions) -> _Part:  # fmt: skip
    """One worker task: speak a part of a chapter into a PCM file, at the chapter's rate (from all its ``langs``)."""
    rate = chapter_rate([("", lang, "", False) for lang in langs], options.voices, options.engine)
    pcm = folder / f".{chapter + 1:03d}-{index:05d}.pcm"
    with pcm.open("wb") as sink:  # reported every sentence: a job's percent and time left move with the speech
        samples, ids, bounds = speak_counted(pieces, options.voices, [sink], rate, report, options.engine)
    return _Part(chapter, index, rate, samples, ids, bounds, pcm)


class _Chapter:
    """One chapter being encoded: its parts fed, in order as they come, to its encoders by a thread of its own
    (so the encoders of several chapters run at once, as the workers do)."""

    def __init__(self, chapter: int, pieces: list[Piece], codecs: list[str], folder: Path,
                 options: SpeechOptions) -> None:  # fmt: skip
        self.chapter, self.pieces, self.codecs, self.folder, self.options = chapter, pieces, codecs, folder, options
        self.parts = parts_of(pieces, PART_CHARS)
        self.langs = tuple(sorted({lang for _, lang, _, _ in pieces}))  # every part is spoken at the same rate
        self.waiting: dict[int, _Part] = {}
        self.next = 0  # the next part to hand to the feeder
        self.encoders: list[Encoder] = []
        self.samples = 0
        self.timings: list[Timing] = []
        self.audio: ChapterAudio | None = None
        self.error: BaseException | None = None
        self._queue: queue.SimpleQueue[_Part | None] = queue.SimpleQueue()
        self._feeder: threading.Thread | None = None

    def add(self, part: _Part) -> None:
        """A part made by a worker: handed to the feeder now if it is the next one (with any that waited), else kept.

        Raises what the feeder met (an encoder that failed), so the pool stops.
        """
        if self.error is not None:
            raise self.error
        if self._feeder is None:
            self._feeder = threading.Thread(target=self._feed_all, args=(part.rate,), daemon=True)
            self._feeder.start()
        self.waiting[part.index] = part
        while self.next in self.waiting:
            self._queue.put(self.waiting.pop(self.next))
            self.next += 1

    def finish(self) -> ChapterAudio:
        """Wait for the feeder to encode the last part; raises what it met."""
        if self._feeder is not None:
            self._feeder.join()
        if self.error is not None:
            raise self.error
        assert self.audio is not None, "a chapter finished before all its parts came"
        return self.audio

    def abort(self) -> None:
        """Stop the feeder and kill the encoders of a chapter not finished."""
        if self._feeder is not None and self._feeder.is_alive():
            self._queue.put(None)
            for encoder in self.encoders:
                encoder.abort()
            self._feeder.join()

    def _feed_all(self, rate: int) -> None:
        try:
            self.encoders = [
                Encoder(codec, self.folder / f"{self.chapter + 1:03d}{SUFFIXES[codec]}", rate, self.options.bitrates)
                for codec in self.codecs
            ]
            for _ in self.parts:
                part = self._queue.get()
                if part is None:  # aborted
                    return
                with part.pcm.open("rb") as source:
                    while block := source.read(1 << 20):
                        for encoder in self.encoders:
                            encoder.write(block)
                part.pcm.unlink()
                self.timings += timings_of(part.ids, part.bounds, self.samples, part.rate)
                self.samples += part.samples
            for encoder in self.encoders:
                encoder.close()
            voices = narrators(self.pieces, self.options.voices, self.options.engine)
            files = {e.codec: e.path for e in self.encoders}
            self.audio = ChapterAudio(self.chapter, rate, self.samples, self.timings, files, voices)
        except BaseException as error:  # met again by add() or finish() in the main thread
            self.error = error
            for encoder in self.encoders:
                encoder.abort()
