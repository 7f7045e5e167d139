"""Speech engines: one sentence of text and a voice in, 16-bit mono PCM out.

    speech script --(text, Voice)--> Engine.synthesize --> Audio(pcm, sample_rate)
                                                              └─> synthesis.py (timings, encoders)

An engine is anything with ``name``, ``sample_rate`` and ``synthesize(text, voice)``
(the :class:`Engine` protocol).  Two ship here, both over espeak-ng:

- ``espeak``: libespeak-ng called through ctypes in synchronous mode (the default:
  no thread, no polling, no temporary file; see ``benchmarks/speech_engines.py``);
- ``pyttsx3``: pyttsx3 2.99's espeak driver, kept working around its quirks
  (one ``save_to_file`` per ``runAndWait``, never an empty text, long texts cut
  into pieces, the WAV file awaited until it is whole, and espeak-ng awaited until
  idle before the next piece, else the driver cancels the piece it is finishing).

Both drive libespeak-ng's one global state, so a process uses one of them
(:func:`engine` refuses the second); synthesis gives each worker process its own.
``ENGINES`` maps a name to a factory; :func:`register_engine` adds another (a neural
engine whose voices live in a folder only needs a class with the same three members).
Voices are chosen per language from :data:`DEFAULT_VOICES`, overridable with
``--voice kk=…,ru=…`` (:func:`parse_voices`) and ``--rate``.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import io
import multiprocessing.util
import os
import re
import shutil
import tempfile
import threading
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol

from ..errors import MissingDependency, UnknownVoice

#: espeak-ng's rate is in words per minute (80…450); pitch 0…100; volume 1.0 is normal.
#: The one place the rate's default and bounds are set: the CLI's --rate, local playback and the
#: terminal reader's faster/slower keys take them from here.
DEFAULT_RATE = 175
MIN_RATE, MAX_RATE = 80, 450


@dataclass(frozen=True)
class Voice:
    """How one language is spoken: the engine's voice name and its settings."""

    lang: str
    name: str
    rate: int = DEFAULT_RATE
    pitch: int = 50
    volume: float = 1.0


@dataclass(frozen=True)
class Audio:
    """Signed 16-bit little-endian mono samples and their rate."""

    pcm: bytes
    sample_rate: int

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / self.sample_rate


class Engine(Protocol):
    """What synthesis needs from a speech engine."""

    name: str
    sample_rate: int

    def synthesize(self, text: str, voice: Voice) -> Audio:
        """Speak ``text`` with ``voice``; an empty text gives empty audio."""


#: The espeak-ng voice for each language AccessReader reads.
DEFAULT_VOICES: dict[str, Voice] = {
    "kk": Voice("kk", "kk"),
    "ru": Voice("ru", "ru"),
    "en": Voice("en", "en-us"),
}

#: The voice for text whose language is unknown or has no voice of its own.
FALLBACK_LANG = "en"


def voices_for(overrides: dict[str, str] | None = None, rate: int | None = None) -> dict[str, Voice]:
    """The voice table: defaults, with voice names from ``overrides`` and one ``rate`` for all.

    Raises ``UnknownVoice`` for a rate outside 80…450 words per minute.
    """
    if rate is not None and not MIN_RATE <= rate <= MAX_RATE:
        raise UnknownVoice(voice=str(rate), detail=f"rate must be {MIN_RATE}…{MAX_RATE} words per minute")
    voices = dict(DEFAULT_VOICES)
    for lang, name in (overrides or {}).items():
        voices[lang] = replace(voices.get(lang, Voice(lang, name)), name=name)
    if rate is not None:
        voices = {lang: replace(voice, rate=rate) for lang, voice in voices.items()}
    return voices


def parse_voices(text: str) -> dict[str, str]:
    """``"kk=kk,ru=ru+f3"`` → ``{"kk": "kk", "ru": "ru+f3"}``; raises ``UnknownVoice`` on bad syntax."""
    result: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        lang, sep, name = item.partition("=")
        if not sep or not re.fullmatch(r"[a-z]{2,3}", lang.strip()) or not name.strip():
            raise UnknownVoice(voice=item, detail="expected LANG=VOICE, for example kk=kk,ru=ru")
        result[lang.strip()] = name.strip()
    return result


def voice_for(voices: dict[str, Voice], lang: str) -> Voice:
    """The voice for ``lang`` (``kk-Cyrl`` counts as ``kk``), else the fallback voice."""
    return voices.get(lang.split("-")[0]) or voices[FALLBACK_LANG]


# --- libespeak-ng through ctypes -------------------------------------------------

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_ENDPAUSE = 0x1000
_RATE, _VOLUME, _PITCH = 1, 2, 3
_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)


class EspeakLibrary:
    """libespeak-ng in synchronous mode: each call returns when the PCM is complete.

    The C library holds one global state per process, so one instance per process
    is made (:func:`engine` caches it) and calls are serialised with a lock.
    """

    name = "espeak"
    library = "libespeak-ng"

    def __init__(self) -> None:
        path = ctypes.util.find_library("espeak-ng") or "libespeak-ng.so.1"
        try:
            lib = ctypes.CDLL(path)
        except OSError as error:
            raise MissingDependency(what="libespeak-ng", install="apt-get install espeak-ng") from error
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_SetSynthCallback.argtypes = [_CALLBACK]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Synth.argtypes = [
            ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
            ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p,
        ]  # fmt: skip
        rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, None, 0)
        if rate <= 0:
            raise MissingDependency(what="espeak-ng data", install="apt-get install espeak-ng-data")
        self.sample_rate = rate
        self._lib = lib
        self._chunks: list[bytes] = []
        self._callback = _CALLBACK(self._collect)  # kept referenced: C holds the pointer
        lib.espeak_SetSynthCallback(self._callback)
        self._lock = threading.Lock()
        self._voice: Voice | None = None

    def _collect(self, wav: ctypes.POINTER(ctypes.c_short), samples: int, events: int) -> int:
        if samples > 0:
            self._chunks.append(ctypes.string_at(wav, samples * 2))
        return 0

    def _select(self, voice: Voice) -> None:
        if voice == self._voice:
            return
        self._voice = None  # a failed switch leaves espeak-ng's voice undefined
        if self._lib.espeak_SetVoiceByName(voice.name.encode()) != 0:
            raise UnknownVoice(voice=voice.name, detail=f"espeak-ng has no voice {voice.name!r}")
        self._lib.espeak_SetParameter(_RATE, voice.rate, 0)
        self._lib.espeak_SetParameter(_PITCH, voice.pitch, 0)
        self._lib.espeak_SetParameter(_VOLUME, round(voice.volume * 100), 0)
        self._voice = voice

    def synthesize(self, text: str, voice: Voice) -> Audio:
        data = text.strip().encode()
        if not data:
            return Audio(b"", self.sample_rate)
        with self._lock:
            self._select(voice)
            self._chunks = []
            flags = _CHARS_UTF8 | _ENDPAUSE
            error = self._lib.espeak_Synth(data, len(data) + 1, 0, _POS_CHARACTER, 0, flags, None, None)
            pcm = b"".join(self._chunks)
            self._chunks = []
        if error != 0:
            raise RuntimeError(f"espeak_Synth failed with {error} on {text[:80]!r}")
        return Audio(pcm, self.sample_rate)


# --- pyttsx3 -------------------------------------------------------------------------

#: pyttsx3's espeak driver crashes near 30,000 Cyrillic characters and slows down with
#: the square of the length; longer texts are spoken in pieces of at most this size.
PYTTSX3_PIECE = 2000


class Pyttsx3Engine:
    """pyttsx3 2.99 on its espeak driver, through ``save_to_file`` and a WAV file."""

    name = "pyttsx3"
    library = "libespeak-ng"  # its driver loads the same C library and its global state
    sample_rate = 22050  # the driver writes every WAV at this rate

    def __init__(self) -> None:
        try:
            import pyttsx3
            from pyttsx3.drivers import _espeak
        except ImportError as error:
            raise MissingDependency(what="pyttsx3", install="pip install pyttsx3") from error
        with contextlib.redirect_stdout(io.StringIO()):
            self._engine = pyttsx3.init("espeak")
        self._espeak = _espeak
        self._lock = threading.Lock()
        self._folder = tempfile.mkdtemp(prefix="accessreader-pyttsx3-")
        # removed at exit, also in pool workers (which skip atexit): multiprocessing runs these
        self._cleanup = multiprocessing.util.Finalize(self, shutil.rmtree, args=(self._folder, True), exitpriority=0)

    def _select(self, voice: Voice) -> None:
        """Set the voice before every piece: the driver may drop settings queued while it is busy."""
        try:
            self._engine.setProperty("voice", voice.name)
        except ValueError as error:
            raise UnknownVoice(voice=voice.name, detail=str(error)) from error
        self._engine.setProperty("rate", voice.rate)
        self._engine.setProperty("pitch", voice.pitch)
        self._engine.setProperty("volume", voice.volume)

    def synthesize(self, text: str, voice: Voice) -> Audio:
        with self._lock:
            pcm = b"".join(self._piece(piece, voice) for piece in split_long(text.strip(), PYTTSX3_PIECE))
        return Audio(pcm, self.sample_rate)

    def _piece(self, text: str, voice: Voice) -> bytes:
        path = os.path.join(self._folder, "piece.wav")
        failure = RuntimeError(f"pyttsx3 wrote no audio to {path}")
        for _ in range(2):  # the driver now and then loses a piece; a second try gets it
            with contextlib.suppress(FileNotFoundError):
                os.remove(path)
            # The driver's runAndWait returns before its synthesis ends, and the next runAndWait
            # cancels a synthesis still marked as playing (losing that piece): wait for espeak-ng.
            deadline = time.monotonic() + 10
            while self._espeak.IsPlaying() and time.monotonic() < deadline:
                time.sleep(0.002)
            self._select(voice)
            with contextlib.redirect_stdout(io.StringIO()):  # the driver prints "Audio saved to …"
                self._engine.save_to_file(text, path)
                self._engine.runAndWait()
                try:
                    return _await_wav(path, deadline=time.monotonic() + 5 + len(text) / 100)
                except RuntimeError as error:
                    failure = error
        raise failure

    def close(self) -> None:
        """Remove the engine's scratch folder now."""
        self._cleanup()


def _await_wav(path: str, deadline: float) -> bytes:
    """The frames of the WAV file at ``path`` once it is whole (the driver may write it late).

    The driver's ``wave`` writer puts a header saying 0 frames first and patches it
    when closing, so the file is whole when its 44-byte header counts every byte after it.
    """
    while True:
        with contextlib.suppress(FileNotFoundError, EOFError, wave.Error):
            with wave.open(path, "rb") as wav:
                count = wav.getnframes()
                if count and os.path.getsize(path) == 44 + count * 2:
                    return wav.readframes(count)
        if time.monotonic() > deadline:
            raise RuntimeError(f"pyttsx3 wrote no audio to {path}")
        time.sleep(0.005)


def split_long(text: str, size: int) -> list[str]:
    """``text`` cut at white space into pieces of at most ``size`` characters (none empty)."""
    pieces: list[str] = []
    while len(text) > size:
        cut = text.rfind(" ", 0, size)
        cut = cut if cut > 0 else size
        pieces.append(text[:cut].strip())
        text = text[cut:].strip()
    if text:
        pieces.append(text)
    return [p for p in pieces if p]


# --- registry --------------------------------------------------------------------------

#: Engine name → factory.  ``espeak`` is the default (measured: see benchmarks/speech_engines.py).
ENGINES: dict[str, Callable[[], Engine]] = {"espeak": EspeakLibrary, "pyttsx3": Pyttsx3Engine}
DEFAULT_ENGINE = "espeak"
_made: dict[str, Engine] = {}


def register_engine(name: str, factory: Callable[[], Engine]) -> None:
    """Make ``factory`` available as engine ``name`` (for example a neural engine with a voice folder)."""
    ENGINES[name] = factory


def engine(name: str = DEFAULT_ENGINE) -> Engine:
    """The engine called ``name``, made once per process; raises ``UnknownVoice`` for an unknown name."""
    if name not in ENGINES:
        raise UnknownVoice(voice=name, detail=f"no speech engine {name!r}; known: {', '.join(sorted(ENGINES))}")
    if name not in _made:
        library = getattr(ENGINES[name], "library", None)
        clash = [other.name for other in _made.values() if library and getattr(other, "library", None) == library]
        if clash:
            raise RuntimeError(f"engines {clash[0]} and {name} share {library}: use one per process")
        _made[name] = ENGINES[name]()
    return _made[name]
