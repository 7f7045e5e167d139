"""Spoken audio of catalog titles: chapter files made once, their timings, and live speech.

    Audiobooks(catalog, store)
      .make(title_id)            speak the stored Document → audio/<id>/{001.mp3, 001.opus, timings.json}
      .install(title_id, parts)  spoken parts made by ``speak_chapters`` (a job's steps) → audio/<id>/
      .chapters(title_id)        [ChapterInfo]: title, seconds (None until made), sentence timings
      .file(title_id, n, codec)  the made file of chapter ``n``, for range requests
      .live(title_id, n, start)  MP3 frames of chapter ``n`` spoken now, sentence by sentence
      .locate / .time_of         seconds in a chapter ↔ ``model.Locator``

This is the application layer under ``server/streams.py`` and ``accessreader audio``.
``speak_chapters(document, folder, chapters=…)`` speaks some chapters into a folder
of their own (a conversion job gives each worker a few chapters, see ``jobs.py``)
and ``join`` puts such parts together.  The made audio of a title lives in one
folder that is built under a temporary name and renamed into place only when
whole, so a listener never meets half a book.  ``timings.json`` records, per
chapter, its length and each sentence's start and end (from the PCM lengths,
see ``tts/synthesis.py``); the same sentence ids name blocks and sentences of
the Document, which is how a saved position (a locator) becomes a time in the
player and back.

Live speech uses the engine of this process (libespeak-ng, one sentence at a time)
and LAME in-process (``lameenc``), so each sentence's frames go out as soon as it is
spoken: the first audio comes after one short sentence, not a whole chapter.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import dropwhile
from pathlib import Path

from ..atomic import replacing
from ..errors import NotFound, OtherChapter
from ..model import Document, Locator, Outline
from ..tts.audio import gain_db
from ..tts.audio import match as level
from ..tts.engines import Voice, engine, voice_for
from ..tts.script import Utterance, speech_script
from ..tts.synthesis import Progress, SpeechOptions, engine_name, render
from .catalog import Catalog
from .livescript import ChapterScript
from .store import Store

#: Codecs made for listening, and what each is served as.
CODECS = ("mp3", "opus")
MEDIA_TYPES = {"mp3": "audio/mpeg", "opus": "audio/ogg"}
#: LAME's settings for live MP3 (the same bitrate as the made files).
LIVE_BITRATE = 56
#: The file of a made folder that holds each chapter's length and sentence timings.
TIMINGS = "timings.json"
#: Chapter scripts kept in memory (the chapters listened to most recently).
_SCRIPTS_KEPT = 32
_SENTENCE_ID = re.compile(r"^(?P<block>.+)s(?P<sentence>\d+)$")


@dataclass
class SentenceTime:
    """Where one sentence sits in its chapter's audio, in seconds."""

    id: str
    start: float
    end: float


@dataclass
class ChapterInfo:
    """One chapter as a listener sees it; ``seconds`` is None until its audio is made."""

    index: int
    title: str
    seconds: float | None
    first: str  # the id of the chapter's first spoken sentence ("" when it has none)
    sentences: list[SentenceTime] = field(default_factory=list)

    @property
    def made(self) -> bool:
        return self.seconds is not None


class Audiobooks:
    """Audio of the titles in one ``Catalog``, kept in ``audio/<id>/`` of its store."""

    def __init__(self, catalog: Catalog, store: Store, options: SpeechOptions | None = None) -> None:
        self.catalog = catalog
        self.store = store
        self.options = options or SpeechOptions()
        self._chapter_scripts: dict[tuple[int, int], ChapterScript] = {}

    def folder(self, title_id: int) -> Path:
        return self.store.path(f"audio/{title_id}")

    def make(self, title_id: int, progress: Progress = lambda d, t: None) -> list[ChapterInfo]:
        """Speak the whole title into MP3 and Opus chapter files with their timings.

        Raises ``NotFound`` for a title without a stored Document, and what
        ``tts.synthesis.render`` raises (``UnknownVoice``, ``MissingDependency``,
        ``AudioFailed``).  An older audio folder is replaced only when the new one is whole.
        """
        speak_chapters(self.catalog.document(title_id), self.folder(title_id), self.options, progress)
        return self.chapters(title_id)

    def install(self, title_id: int, parts: list[Path]) -> None:
        """Put spoken parts (folders made by ``speak_chapters``) in place as the title's audio, whole, at once."""
        join(parts, self.folder(title_id))

    def chapters(self, title_id: int) -> list[ChapterInfo]:
        """The title's chapters that have something to say, with timings where made.

        Made audio answers from its timings and the stored outline alone; a chapter spoken
        live is looked at alone (``Catalog.chapter``, its first few blocks worded), never the
        whole book.
        """
        outline = self.catalog.outline(title_id)
        made = self._timings(title_id)
        found = (self._info(title_id, index, outline, made) for index in range(len(outline.chapters)))
        return [info for info in found if info is not None]

    def chapter(self, title_id: int, index: int) -> ChapterInfo:
        """One chapter (by its index in the Document); ``NotFound`` when it says nothing.

        Reads that chapter alone (``Catalog.chapter``), not the whole book; a made chapter, not even that.
        """
        outline = self.catalog.outline(title_id)
        info = (
            self._info(title_id, index, outline, self._timings(title_id))
            if 0 <= index < len(outline.chapters)
            else None
        )
        if info is None:
            raise NotFound(what=f"chapter {index + 1} of title #{title_id}")
        return info

    def file(self, title_id: int, index: int, codec: str) -> Path | None:
        """The made file of chapter ``index`` in ``codec``, or None when not made yet."""
        if codec not in CODECS:
            raise NotFound(what=f"{codec} audio")
        path = self.folder(title_id) / f"{index + 1:03d}.{codec}"
        return path if path.is_file() else None

    def live(self, title_id: int, index: int, start: str = "", voices: dict[str, Voice] | None = None,
             heard: Callable[[str, float, float], None] | None = None) -> Iterator[bytes]:  # fmt: skip
        """MP3 of chapter ``index`` spoken now, from sentence id ``start`` (its first by default).

        Yields the frames of each sentence as soon as it is spoken; the chapter is
        worded a few blocks at a time as it plays (``livescript.py``).  ``voices`` (a
        listener's choice; the options' by default) may name other engines than the
        options' (RHVoice for Russian, say): the stream is then at the highest of their
        sample rates, each voice matched to it and to one loudness as in made chapters.
        ``heard(sentence id, start, end)`` is told each sentence's place in the stream,
        in seconds, before its frames go out (read-along).  Raises ``NotFound`` for a
        chapter with nothing to say or a sentence not in it.
        """
        import lameenc

        script = self._chapter_script(title_id, index)
        if start:
            match = _SENTENCE_ID.match(start)
            block = match["block"] if match else ""
            if not script.has_block(block) or start not in {u.sentence_id for u in script.block(block)}:
                raise NotFound(what=f"sentence {start} in chapter {index + 1}")
            utterances = dropwhile(lambda u: u.sentence_id != start, script.utterances(block))
        elif script.first() is None:
            raise NotFound(what=f"chapter {index + 1} of title #{title_id}")
        else:
            utterances = script.utterances()
        voices = voices or self.options.voices
        default = self.options.engine
        rate = max(engine(engine_name(voice, default)).sample_rate for voice in voices.values())
        encoder = lameenc.Encoder()
        encoder.set_bit_rate(LIVE_BITRATE)
        encoder.set_in_sample_rate(rate)
        encoder.set_channels(1)
        encoder.set_quality(7)
        samples, begun = 0, {}

        def say(utterance: Utterance) -> bytes:
            nonlocal samples
            voice = voice_for(voices, utterance.voice)
            name = engine_name(voice, default)
            audio = engine(name).synthesize(utterance.spoken, voice)
            pcm = level(audio.pcm, audio.sample_rate, rate, gain_db(name, voice.name))
            begun.setdefault(utterance.sentence_id, samples)
            samples += len(pcm) // 2
            if utterance.last and heard is not None:
                heard(utterance.sentence_id, begun.pop(utterance.sentence_id) / rate, samples / rate)
            return pcm

        return _frames(utterances, say, encoder)

    def locate(self, title_id: int, index: int, seconds: float) -> Locator:
        """The locator of the sentence playing at ``seconds`` in made chapter ``index``."""
        info = self.chapter(title_id, index)
        current = info.first
        for sentence in info.sentences:
            if sentence.start <= seconds:
                current = sentence.id
            else:
                break
        return sentence_locator(index, current)

    def time_of(self, title_id: int, locator: Locator) -> float:
        """Seconds into chapter ``locator.chapter`` where the locator's sentence starts (0 if not made)."""
        info = self.chapter(title_id, locator.chapter)
        wanted = f"{locator.block}s{locator.sentence}"
        return next((s.start for s in info.sentences if s.id == wanted), 0.0)

    def start_sentence(self, title_id: int, index: int, locator: Locator) -> str:
        """The spoken sentence id at or after ``locator`` in chapter ``index``, for a live start.

        Raises ``OtherChapter`` for a locator of another chapter and ``NotFound`` for a block
        the chapter does not have: a listener is never silently started somewhere else.
        """
        if locator.chapter != index:
            raise OtherChapter(place=str(locator), chapter=locator.chapter + 1, asked=index + 1)
        script = self._chapter_script(title_id, index)
        if not script.has_block(locator.block):
            raise NotFound(what=f"{locator.block} in chapter {index + 1}")
        for utterance in script.utterances(locator.block):  # from that block on: the next sentence said
            if utterance.locator.block != locator.block or utterance.locator.sentence >= locator.sentence:
                return utterance.sentence_id
        raise NotFound(what=f"{locator} in chapter {index + 1}")  # nothing is said from there to the end

    def _chapter_script(self, title_id: int, index: int) -> ChapterScript:
        """Chapter ``index``'s script, from that chapter alone, kept while the stored title is unchanged."""
        chapter = self.catalog.chapter(title_id, index)  # the same object while the stored title is unchanged
        key = (title_id, index)
        kept = self._chapter_scripts.get(key)
        if kept is None or kept.chapter is not chapter:
            kept = ChapterScript(self.catalog.outline(title_id), index, chapter)
            if len(self._chapter_scripts) >= _SCRIPTS_KEPT:
                self._chapter_scripts.pop(next(iter(self._chapter_scripts)))  # the oldest kept
            self._chapter_scripts[key] = kept
        return kept

    def _info(self, title_id: int, index: int, outline: Outline, made: dict) -> ChapterInfo | None:
        """Chapter ``index`` as a listener sees it (``made``: the title's timings); None when it says nothing."""
        title = outline.chapters[index].title or f"{index + 1}"
        timing = made.get(str(index))
        if timing:
            sentences = [SentenceTime(*row) for row in timing["sentences"]]
            return ChapterInfo(index, title, timing["seconds"], sentences[0].id if sentences else "", sentences)
        if made or not outline.chapters[index].blocks:  # made audio holds every chapter that says something
            return None
        first = self._chapter_script(title_id, index).first()
        return None if first is None else ChapterInfo(index, title, None, first.sentence_id)

    def _timings(self, title_id: int) -> dict:
        try:
            return json.loads((self.folder(title_id) / TIMINGS).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}


def speak_chapters(document: Document, folder: Path, options: SpeechOptions,
                   progress: Progress = lambda d, t: None, chapters: range | None = None) -> None:  # fmt: skip
    """Speak ``document`` (only ``chapters`` when given) into ``folder``: ``NNN.mp3``, ``NNN.opus``
    per chapter and ``timings.json``.

    The folder appears whole or not at all, replacing an older one; a speaker killed
    midway leaves only a hidden temporary folder beside it.  Raises what
    ``tts.synthesis.render`` raises.
    """
    with replacing(folder, folder=True) as temporary:
        temporary.chmod(0o755)  # as a folder made by mkdir: listeners' servers may run as others
        audio = render(speech_script(document, chapters=chapters), CODECS, temporary, options, progress)
        timings = {
            str(chapter.chapter): {
                "seconds": chapter.seconds,
                "sentences": [[t.sentence_id, round(t.start, 3), round(t.end, 3)] for t in chapter.timings],
            }
            for chapter in audio
        }
        (temporary / TIMINGS).write_text(json.dumps(timings), encoding="utf-8")


def join(parts: list[Path], folder: Path) -> None:
    """Put the folders ``parts`` made by ``speak_chapters`` together as ``folder``, which appears whole.

    The parts stay as they are (their files are hard-linked, or copied across
    filesystems), so a join cut short can be done again.
    """
    with replacing(folder, folder=True) as temporary:
        temporary.chmod(0o755)  # as a folder made by mkdir: listeners' servers may run as others
        timings: dict = {}
        for part in parts:
            timings.update(json.loads((part / TIMINGS).read_text(encoding="utf-8")))
            for path in part.iterdir():
                if path.name != TIMINGS:
                    _link(path, temporary / path.name)
        (temporary / TIMINGS).write_text(json.dumps(timings), encoding="utf-8")


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another filesystem, or one without hard links
        shutil.copyfile(source, target)


def sentence_locator(chapter: int, sentence_id: str) -> Locator:
    """``"c1b4s2"`` in chapter 1 → ``Locator(1, "c1b4", 2, 0)``."""
    match = _SENTENCE_ID.match(sentence_id)
    if match is None:
        raise ValueError(f"not a sentence id: {sentence_id!r}")
    return Locator(chapter, match["block"], int(match["sentence"]), 0)


def _frames(utterances: Iterable[Utterance], speak: Callable[[Utterance], bytes], encoder) -> Iterator[bytes]:
    for utterance in utterances:
        frames = bytes(encoder.encode(speak(utterance)))
        if frames:
            yield frames
    tail = bytes(encoder.flush())
    if tail:
        yield tail
