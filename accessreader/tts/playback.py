"""Local playback for the braille terminal: speak a book from any place, sentence by sentence.

    Player(document, sink) ── play(locator) ──> thread: for each sentence from there
                               pause / resume / next_sentence / previous_sentence / set_rate / stop
                               on_sentence(locator) as each sentence starts

    Speech.say(text, language, sink, carry_on) ── the engine's sound, block by block ──> sink
                                                     (the terminal reader's speech thread uses it too)

Sentences are synthesised one at a time just before they are heard (the first
sound comes after one sentence's synthesis), and written to the sink in short
blocks so that a key press takes effect within one block (0.1 s by default):
:class:`Speech` does that for the player here and for the braille terminal's
speech beside braille (``terminal/speech.py``), the one audio player of both.
A :class:`SoundDeviceSink` plays through PortAudio (``sounddevice``;
``rescan_sound_devices`` finds a device that appeared since); a
:class:`WaveSink` writes a WAV file instead (for tests, and to record what would
be heard).  Rate changes apply from the next sentence.
"""

from __future__ import annotations

import threading
import wave
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from ..errors import MissingDependency
from ..model import Document, Locator
from .audio import gain_db, match
from .engines import DEFAULT_ENGINE, MAX_RATE, MIN_RATE, Voice, engine, voice_for, voices_for
from .script import Utterance, speech_script


class Sink(Protocol):
    """Where the player's sound goes; ``write`` may block while the sound plays."""

    def write(self, pcm: bytes) -> None: ...

    def close(self) -> None: ...


class SoundDeviceSink:
    """The default sound device, through sounddevice (PortAudio), 16-bit mono."""

    def __init__(self, sample_rate: int) -> None:
        try:
            import sounddevice
        except OSError as error:  # PortAudio missing
            raise MissingDependency(what="PortAudio", install="apt-get install libportaudio2") from error
        try:
            self._stream = sounddevice.RawOutputStream(samplerate=sample_rate, channels=1, dtype="int16")
            self._stream.start()
        except sounddevice.PortAudioError as error:
            raise MissingDependency(what=f"a sound device ({error})", install="apt-get install alsa-utils") from error

    def write(self, pcm: bytes) -> None:
        self._stream.write(pcm)

    def close(self) -> None:
        self._stream.stop()
        self._stream.close()


def rescan_sound_devices() -> None:
    """Make PortAudio look for sound devices again (it lists them once, when it starts), so a
    device plugged in (or configured) since is found; nothing when PortAudio is missing."""
    try:
        import sounddevice
    except OSError:
        return
    sounddevice._terminate()  # the way sounddevice documents to refresh its device list
    sounddevice._initialize()


class WaveSink:
    """A WAV file in place of a sound device."""

    def __init__(self, path: Path, sample_rate: int) -> None:
        self._file = wave.open(str(path), "wb")
        self._file.setnchannels(1)
        self._file.setsampwidth(2)
        self._file.setframerate(sample_rate)

    def write(self, pcm: bytes) -> None:
        self._file.writeframes(pcm)

    def close(self) -> None:
        self._file.close()


class Speech:
    """Text spoken into a sink: the engine's sound in the voice for a language, written in short blocks.

    ``carry_on()`` is asked before each block (``block_seconds`` of sound); when it says
    False the rest is dropped, so a key press or a move of the reader cuts speech off at once.
    """

    def __init__(self, engine_name: str = DEFAULT_ENGINE, voices: dict[str, Voice] | None = None,
                 block_seconds: float = 0.1) -> None:  # fmt: skip
        self.default = engine_name
        self.voices = voices or voices_for()
        self.sample_rate = max(engine(v.engine or engine_name).sample_rate for v in self.voices.values())
        self._block = max(2, int(self.sample_rate * block_seconds) * 2)

    def say(self, text: str, language: str, sink: Sink, carry_on: Callable[[], bool], rate: int | None = None) -> bool:
        """Speak ``text`` in ``language``'s voice (at ``rate`` words per minute, else the voice's); False when cut off.

        Each voice is spoken by its own engine and brought to one sample rate and loudness.
        """
        voice = voice_for(self.voices, language)
        if rate is not None:
            voice = replace(voice, rate=clamp_rate(rate))
        name = voice.engine or self.default
        audio = engine(name).synthesize(text, voice)
        pcm = match(audio.pcm, audio.sample_rate, self.sample_rate, gain_db(name, voice.name))
        for start in range(0, len(pcm), self._block):
            if not carry_on():
                return False
            sink.write(pcm[start : start + self._block])
        return True


def clamp_rate(rate: int) -> int:
    """``rate`` within the engine's bounds (``MIN_RATE``…``MAX_RATE`` words per minute)."""
    return min(max(rate, MIN_RATE), MAX_RATE)


class Player:
    """Speaks a Document into a sink from a locator, under the reader's control.

    ``sink`` is made by ``make_sink(sample_rate)`` when playing starts and closed
    when it ends.  ``on_sentence(locator)`` is called from the playback thread as
    each sentence starts.
    """

    def __init__(self, document: Document, make_sink: Callable[[int], Sink] = SoundDeviceSink,
                 engine_name: str = DEFAULT_ENGINE, voices: dict[str, Voice] | None = None,
                 on_sentence: Callable[[Locator], None] = lambda locator: None,
                 block_seconds: float = 0.1) -> None:  # fmt: skip
        self._speech = Speech(engine_name, voices, block_seconds)
        self._rate: int | None = None
        self._make_sink = make_sink
        self._on_sentence = on_sentence
        self._sentences = _sentences(speech_script(document))
        order = {block.id: position for position, (_, block) in enumerate(document.blocks())}
        self._keys = [(order.get(first.locator.block, -1), first.locator.sentence) for first, *_ in self._sentences]
        self._order = order
        self._state = threading.Condition()
        self._paused = False
        self._stopped = False
        self._jump: int | None = None
        self._current = 0
        self._thread: threading.Thread | None = None
        self._error: Exception | None = None

    @property
    def position(self) -> Locator | None:
        """Where the reader is: the locator of the sentence being spoken (None for an empty book)."""
        if not self._sentences:
            return None
        first = self._sentences[min(self._current, len(self._sentences) - 1)][0]
        return replace(first.locator, offset=first.start)

    @property
    def paused(self) -> bool:
        return self._paused

    def index_of(self, locator: Locator) -> int:
        """The sentence the player starts from for ``locator``: that one, or the next spoken one."""
        key = (self._order.get(locator.block, -1), locator.sentence)
        return next((i for i, k in enumerate(self._keys) if k >= key), len(self._keys))

    def play(self, locator: Locator | None = None) -> None:
        """Start speaking from ``locator`` (the beginning when None) in a background thread."""
        self.stop()
        self._stopped = self._paused = False
        self._jump = None
        self._current = self.index_of(locator) if locator else 0
        self._thread = threading.Thread(target=self._run, name="accessreader-playback", daemon=True)
        self._thread.start()

    def pause(self) -> None:
        with self._state:
            self._paused = True

    def resume(self) -> None:
        with self._state:
            self._paused = False
            self._state.notify_all()

    def next_sentence(self) -> None:
        with self._state:
            self._jump = min((self._jump if self._jump is not None else self._current) + 1, len(self._sentences))
            self._state.notify_all()

    def previous_sentence(self) -> None:
        with self._state:
            self._jump = max((self._jump if self._jump is not None else self._current) - 1, 0)
            self._state.notify_all()

    def set_rate(self, rate: int) -> None:
        """Speak at ``rate`` words per minute from the next sentence on (clamped to ``MIN_RATE``…``MAX_RATE``)."""
        self._rate = clamp_rate(rate)

    def stop(self) -> None:
        """Stop speaking and wait for the playback thread to end."""
        with self._state:
            self._stopped = True
            self._state.notify_all()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()
            self._thread = None

    def wait(self) -> None:
        """Block until playback ends (the book's end or ``stop``); re-raise what stopped it."""
        if self._thread is not None:
            self._thread.join()
        error, self._error = self._error, None
        if error is not None:
            raise error

    def _run(self) -> None:
        try:
            sink = self._make_sink(self._speech.sample_rate)
            try:
                while not self._stopped and self._current < len(self._sentences):
                    pieces = self._sentences[self._current]
                    self._on_sentence(replace(pieces[0].locator, offset=pieces[0].start))
                    if self._speak(pieces, sink):
                        self._current += 1
            finally:
                sink.close()
        except Exception as error:  # handed to the caller by wait()
            self._error = error

    def _speak(self, pieces: list[Utterance], sink: Sink) -> bool:
        """Play one sentence; False when a jump or stop cut it short (the jump is taken)."""
        rate = self._rate
        return all(self._speech.say(piece.spoken, piece.voice, sink, self._carry_on, rate) for piece in pieces)

    def _carry_on(self) -> bool:
        """Before each block of sound: wait out a pause; False on a stop or a jump (taking the jump)."""
        with self._state:
            while self._paused and not self._stopped and self._jump is None:
                self._state.wait()
            if self._stopped:
                return False
            if self._jump is not None:
                self._current, self._jump = self._jump, None
                return False
        return True


def _sentences(utterances: list[Utterance]) -> list[list[Utterance]]:
    """Utterances grouped by sentence, in order."""
    groups: list[list[Utterance]] = []
    for utterance in utterances:
        if groups and groups[-1][-1].sentence_id == utterance.sentence_id and not groups[-1][-1].last:
            groups[-1].append(utterance)
        else:
            groups.append([utterance])
    return groups
