"""Sentence-level synthesis with exact timings, in parallel, streamed to the encoders.

    [Utterance] --by chapter--> worker process: engine.synthesize(piece) per utterance
                                  ├─ PCM ──> Encoder(s) (lame / opusenc / ffmpeg processes)
                                  └─ samples counted ──> Timing(sentence id, start, end)
                <-- ChapterAudio(chapter, samples, timings, files) per chapter

Each chapter is one task for a pool of processes (as many as cores, longest
chapters first).  Inside a task the utterances are spoken one by one and their PCM
is written straight into the encoder processes, so synthesis and encoding overlap
and nothing larger than one utterance's audio is held in memory.  A sentence's
start and end are counted in samples of its chapter's audio: the pieces of one
sentence (language runs, see ``script.py``) share its id and its span.

Progress is reported as ``progress(sentences_done, sentences_total)``.  When one
chapter fails (or the caller is interrupted) the other workers stop at their next
sentence and their encoders are killed.

Each voice names its engine (RHVoice for Russian, espeak-ng for Kazakh, say); a
chapter is encoded at the highest sample rate among the engines its voices use, and
every piece is brought to that rate and to one loudness (``audio.match``), so the
Kazakh title inside a Russian sentence keeps its own voice without a jump in volume.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..processes import report, run_tasks
from .audio import SUFFIXES, Bitrates, Encoder, gain_db, match
from .engines import DEFAULT_ENGINE, Voice, engine, voice_for, voices_for
from .script import Utterance, by_chapter

Progress = Callable[[int, int], None]


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
    samples = 0
    timings: list[Timing] = []
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
            timings.append(Timing(sentence_id, start_of.pop(sentence_id) / rate, samples / rate))
            done(1)
    return samples, timings


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
    chapters = [group for group in by_chapter(utterances) if group]
    total = sum(1 for u in utterances if u.last)
    jobs = [(group[0].locator.chapter, pieces_of(group)) for group in chapters]
    jobs.sort(key=lambda job: -sum(len(p[2]) for p in job[1]))  # longest first balances the pool
    if not jobs:
        return []
    done = 0
    progress(0, total)

    def heard(count: int) -> None:
        nonlocal done
        done += count
        progress(done, total)

    tasks = [(_render_chapter, (chapter, pieces, codecs, folder, options)) for chapter, pieces in jobs]
    # spawned: libespeak-ng state is never shared by fork
    results = run_tasks(tasks, options.workers, multiprocessing.get_context("spawn"), heard)
    progress(total, total)
    return sorted(results, key=lambda audio: audio.chapter)


def _render_chapter(chapter: int, pieces: list[Piece], codecs: list[str], folder: Path,
                    options: SpeechOptions) -> ChapterAudio:  # fmt: skip
    """One worker task: speak a chapter into its encoders."""
    rate = chapter_rate(pieces, options.voices, options.engine)
    encoders = [
        Encoder(codec, folder / f"{chapter + 1:03d}{SUFFIXES[codec]}", rate, options.bitrates) for codec in codecs
    ]

    try:  # reported every sentence: a job's percent and time left move with the speech
        samples, timings = speak(pieces, options.voices, encoders, report, options.engine, rate)
        for encoder in encoders:
            encoder.close()
    except BaseException:
        for encoder in encoders:
            encoder.abort()
        raise
    files = {e.codec: e.path for e in encoders}
    return ChapterAudio(chapter, rate, samples, timings, files, narrators(pieces, options.voices, options.engine))
