"""Speech engines: one sentence of text and a voice in, 16-bit mono PCM out.

    speech script --(text, Voice)--> Engine.synthesize --> Audio(pcm, sample_rate)
                                                              └─> synthesis.py (timings, encoders)

An engine is anything with ``name``, ``sample_rate`` and ``synthesize(text, voice)``
(the :class:`Engine` protocol).  Four ship here:

- ``espeak``: libespeak-ng called through ctypes in synchronous mode (the default:
  no thread, no polling, no temporary file; see ``benchmarks/speech_engines.py``);
- ``pyttsx3``: pyttsx3 2.99's espeak driver, kept working around its quirks
  (one ``save_to_file`` per ``runAndWait``, never an empty text, long texts cut
  into pieces, the WAV file awaited until it is whole, and espeak-ng awaited until
  idle before the next piece, else the driver cancels the piece it is finishing);
- ``rhvoice``: libRHVoice (``rhvoice.py``, ctypes), the voices of Debian's
  ``rhvoice-russian`` and ``rhvoice-english`` whose licences allow a library to publish
  what they say (:data:`RHVOICE_LICENCES`); its callbacks give each word's samples;
- ``piper``: Piper voices (``NAME.onnx`` + ``NAME.onnx.json``) copied into the voices
  folder (``ACCESSREADER_PIPER_VOICES``), listed per language with their licences.

The first two drive libespeak-ng's one global state, so a process uses one of them
(:func:`engine` refuses the second); synthesis gives each worker process its own.
``ENGINES`` maps a name to a factory; :func:`register_engine` adds another (a neural
engine whose voices live in a folder only needs a class with the same three members).
A :class:`Voice` names its engine (empty: the options' engine, espeak by default).
Voices are chosen per language from :data:`DEFAULT_VOICES` (espeak-ng: live speech,
where the first sound must come at once) or :func:`book_voices` (RHVoice for Russian
and English where it is installed: talking books), overridable with
``--voice kk=…,ru=rhvoice:aleksandr`` (:func:`parse_voices`) and ``--rate``.
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
    engine: str = ""  # "" : the engine the options name (espeak unless told otherwise)


@dataclass(frozen=True)
class Word:
    """Where one word of the text sits in its audio: characters [start, end), samples [first, last)."""

    start: int
    end: int
    first: int
    last: int


@dataclass(frozen=True)
class Audio:
    """Signed 16-bit little-endian mono samples and their rate."""

    pcm: bytes
    sample_rate: int
    words: tuple[Word, ...] = ()  # from engines that report them (RHVoice)

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


#: RHVoice voices a library may publish recordings of, with their licences (from
#: /usr/share/doc/rhvoice-russian/copyright and rhvoice-english's): the voices under the
#: package's ``data/*`` rule are LGPL-2.1+, Aleksandr-hq is CC-BY-SA-4.0.  The other voices
#: the packages install (Arina, Artemiy, Evgeniy, Lyubov, Mikhail, Pavel, Tatiana, Victoria,
#: Vitaliy, Yuriy) are CC-BY-NC-ND-4.0 and are refused.
RHVOICE_LICENCES: dict[str, tuple[str, str, str]] = {
    "aleksandr": ("Aleksandr", "ru", "LGPL-2.1+"),
    "anna": ("Anna", "ru", "LGPL-2.1+"),
    "elena": ("Elena", "ru", "LGPL-2.1+"),
    "irina": ("Irina", "ru", "LGPL-2.1+"),
    "aleksandr-hq": ("Aleksandr-hq", "ru", "CC-BY-SA-4.0"),
    "alan": ("Alan", "en", "LGPL-2.1+"),
    "bdl": ("Bdl", "en", "LGPL-2.1+"),
    "clb": ("Clb", "en", "LGPL-2.1+"),
    "slt": ("Slt", "en", "LGPL-2.1+"),
}
#: RHVoice voices Debian installs whose licence forbids this use (CC-BY-NC-ND-4.0): refused by name.
RHVOICE_REFUSED = frozenset(
    {"arina", "artemiy", "evgeniy-eng", "evgeniy-rus", "lyubov", "mikhail", "pavel", "tatiana", "victoria",
     "vitaliy", "yuriy"}
)  # fmt: skip
#: The RHVoice voice a talking book uses per language where RHVoice is installed.
RHVOICE_BOOK_VOICES = {"ru": "Aleksandr", "en": "Slt"}


def voices_for(overrides: dict[str, str] | None = None, rate: int | None = None,
               defaults: dict[str, Voice] | None = None) -> dict[str, Voice]:  # fmt: skip
    """The voice table: ``defaults`` (:data:`DEFAULT_VOICES`), with ``overrides`` and one ``rate`` for all.

    An override is ``ENGINE:NAME`` (``"rhvoice:aleksandr"``, ``"espeak:ru+f3"``) or a bare
    name: an RHVoice voice by its name (``"anna"``), else an espeak-ng voice (``"ru+f3"``).  Raises ``UnknownVoice`` for a rate outside
    80…450 words per minute, an unknown engine or an RHVoice voice whose licence is not allowed.
    """
    if rate is not None and not MIN_RATE <= rate <= MAX_RATE:
        raise UnknownVoice(voice=str(rate), detail=f"rate must be {MIN_RATE}…{MAX_RATE} words per minute")
    voices = dict(DEFAULT_VOICES if defaults is None else defaults)
    for lang, given in (overrides or {}).items():
        name, engine_name = given, None
        prefix, sep, rest = given.partition(":")
        if sep:
            engine_name, name = prefix.strip().lower(), rest.strip()
            if engine_name not in ENGINES:
                raise UnknownVoice(
                    voice=given, detail=f"no speech engine {engine_name!r}; known: {', '.join(sorted(ENGINES))}"
                )
        if engine_name is None:  # a bare name: an RHVoice voice by its name, else an espeak-ng voice
            known = name.lower() in RHVOICE_LICENCES or name.lower() in RHVOICE_REFUSED
            engine_name = "rhvoice" if known else DEFAULT_ENGINE
        base = voices.get(lang, Voice(lang, name))
        voices[lang] = replace(base, name=name, engine="" if engine_name == DEFAULT_ENGINE else engine_name)
        if voices[lang].engine == "rhvoice":
            voices[lang] = replace(voices[lang], name=rhvoice_voice(voices[lang].name))
    if rate is not None:
        voices = {lang: replace(voice, rate=rate) for lang, voice in voices.items()}
    return voices


def book_voices(overrides: dict[str, str] | None = None, rate: int | None = None) -> dict[str, Voice]:
    """The voices of a talking book: RHVoice for Russian and English where it is installed, else espeak-ng.

    Overrides and rate as for :func:`voices_for`.
    """
    defaults = dict(DEFAULT_VOICES)
    if rhvoice_installed():
        for lang, name in RHVOICE_BOOK_VOICES.items():
            defaults[lang] = Voice(lang, name, engine="rhvoice")
    return voices_for(overrides, rate, defaults)


def rhvoice_voice(name: str) -> str:
    """RHVoice's spelling of voice ``name`` (any case); raises ``UnknownVoice`` for one not allowed."""
    known = RHVOICE_LICENCES.get(name.strip().lower())
    if known is None:
        allowed = ", ".join(sorted(RHVOICE_LICENCES))
        why = "its licence (CC-BY-NC-ND-4.0) forbids publishing; " if name.strip().lower() in RHVOICE_REFUSED else ""
        raise UnknownVoice(voice=name, detail=f"{why}RHVoice voices whose licence allows publishing: {allowed}")
    return known[0]


def parse_voices(text: str) -> dict[str, str]:
    """``"kk=kk,ru=rhvoice:aleksandr"`` → ``{"kk": "kk", "ru": "rhvoice:aleksandr"}``.

    Raises ``UnknownVoice`` on bad syntax.
    """
    result: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        lang, sep, name = item.partition("=")
        if not sep or not re.fullmatch(r"[a-z]{2,3}", lang.strip()) or not name.strip():
            raise UnknownVoice(
                voice=item, detail="expected LANG=VOICE or LANG=ENGINE:VOICE, e.g. kk=kk,ru=rhvoice:anna"
            )
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


# --- RHVoice ---------------------------------------------------------------------------


def rhvoice_installed() -> bool:
    """Whether libRHVoice and at least one allowed voice are installed."""
    from . import rhvoice

    folder = os.path.join(rhvoice.DATA_PATH, "voices")
    return rhvoice.available() and any(os.path.isdir(os.path.join(folder, name)) for name in RHVOICE_LICENCES)


class RHVoiceEngine:
    """libRHVoice (see ``rhvoice.py``): one message per text, PCM and word events from its callbacks.

    The library calls back on the calling thread while ``RHVoice_speak`` runs; word
    events arrive in step with the samples (measured: a word starts where the samples
    played so far end), so a word's samples are counted as its events come.  Word
    positions are UTF-8 byte offsets in the message and are turned into character
    offsets.  Every voice of RHVoice 1.8 speaks at 24,000 Hz at the default quality.
    """

    name = "rhvoice"
    library = "libRHVoice"
    sample_rate = 24000

    def __init__(self) -> None:
        from . import rhvoice

        if not rhvoice_installed():
            raise MissingDependency(
                what="RHVoice", install="apt-get install librhvoice5 rhvoice-russian rhvoice-english"
            )
        self._rhvoice = rhvoice
        self._lock = threading.Lock()
        self._chunks: list[bytes] = []
        self._samples = 0
        self._rate = 0
        self._starts: list[tuple[int, int, int]] = []  # byte position, byte length, first sample
        self._words: list[tuple[int, int, int, int]] = []
        self._callbacks = rhvoice.Callbacks(
            rhvoice.SET_SAMPLE_RATE(self._set_sample_rate),
            rhvoice.PLAY_SPEECH(self._play_speech),
            rhvoice.PROCESS_MARK(),
            rhvoice.TEXT_EVENT(self._word_starts),
            rhvoice.TEXT_EVENT(self._word_ends),
            rhvoice.TEXT_EVENT(),
            rhvoice.TEXT_EVENT(),
            rhvoice.PLAY_AUDIO(),
            rhvoice.DONE(),
        )  # kept referenced: C holds the pointers
        try:
            self._handle = rhvoice.new_engine(self._callbacks)
        except RuntimeError as error:
            raise MissingDependency(what="RHVoice voices", install="apt-get install rhvoice-russian") from error
        self.voices = {info.name for info in rhvoice.voices(self._handle)}
        self._cleanup = multiprocessing.util.Finalize(self, rhvoice.delete_engine, args=(self._handle,), exitpriority=0)

    def _set_sample_rate(self, rate: int, user_data: int) -> int:
        self._rate = rate
        return 1

    def _play_speech(self, samples: ctypes.POINTER(ctypes.c_short), count: int, user_data: int) -> int:
        self._chunks.append(ctypes.string_at(samples, count * 2))
        self._samples += count
        return 1

    def _word_starts(self, position: int, length: int, user_data: int) -> int:
        self._starts.append((position, length, self._samples))
        return 1

    def _word_ends(self, position: int, length: int, user_data: int) -> int:
        for index, (start, size, first) in enumerate(self._starts):
            if (start, size) == (position, length):
                del self._starts[index]
                self._words.append((position, length, first, self._samples))
                break
        return 1

    def synthesize(self, text: str, voice: Voice) -> Audio:
        text = text.strip()
        if not text:
            return Audio(b"", self.sample_rate)
        name = rhvoice_voice(voice.name)
        if name not in self.voices:
            raise UnknownVoice(
                voice=name, detail="the RHVoice voice is not installed (apt-get install rhvoice-russian)"
            )
        params = self._rhvoice.synth_params(
            name, relative_rate=voice.rate / DEFAULT_RATE, relative_pitch=voice.pitch / 50, relative_volume=voice.volume
        )
        with self._lock:
            self._chunks, self._samples, self._starts, self._words = [], 0, [], []
            message = self._rhvoice.new_message(self._handle, text, params)
            try:
                self._rhvoice.speak(message)
            finally:
                self._rhvoice.delete_message(message)
            pcm, found = b"".join(self._chunks), self._words
            self._chunks, self._words = [], []
        if self._rate != self.sample_rate:
            raise RuntimeError(
                f"RHVoice spoke at {self._rate} Hz, not {self.sample_rate}: check /etc/RHVoice/RHVoice.conf"
            )
        return Audio(pcm, self.sample_rate, _char_words(text, found))


def _char_words(text: str, found: list[tuple[int, int, int, int]]) -> tuple[Word, ...]:
    """Words at UTF-8 byte offsets → words at character offsets of ``text``."""
    data = text.encode()
    words = []
    for position, length, first, last in sorted(found, key=lambda w: w[2]):
        start = len(data[:position].decode(errors="ignore"))
        end = start + len(data[position : position + length].decode(errors="ignore"))
        words.append(Word(start, end, first, last))
    return tuple(words)


# --- Piper voices from a folder ------------------------------------------------------------


@dataclass(frozen=True)
class PiperVoiceFile:
    """One Piper voice found in the voices folder: ``NAME.onnx`` beside ``NAME.onnx.json``."""

    name: str
    lang: str
    model: str
    sample_rate: int
    licence: str


def piper_folder() -> str:
    """The folder Piper voices are read from (setting ``ACCESSREADER_PIPER_VOICES``)."""
    from ..settings import Settings

    return str(Settings.from_env().piper_folder)


def piper_voices(folder: str | None = None) -> dict[str, PiperVoiceFile]:
    """Every ``*.onnx`` with its ``.onnx.json`` in ``folder`` (the setting's by default), by lower-case name.

    The language is the config's ``language.code`` (``kk_KZ`` → ``kk``), else its espeak
    voice; the licence is the config's ``license``, else the ``License`` line of a
    ``MODEL_CARD`` (or ``NAME.MODEL_CARD``) file beside it, else "unknown".
    """
    import glob
    import json

    folder = folder or piper_folder()
    found: dict[str, PiperVoiceFile] = {}
    for model in sorted(glob.glob(os.path.join(glob.escape(folder), "*.onnx"))):
        try:
            with open(model + ".json", encoding="utf-8") as file:
                config = json.load(file)
        except (OSError, ValueError):
            continue
        name = os.path.basename(model)[: -len(".onnx")]
        code = (config.get("language") or {}).get("code") or (config.get("espeak") or {}).get("voice", "und")
        licence = config.get("license") or _model_card_licence(os.path.dirname(model), name)
        rate = int((config.get("audio") or {}).get("sample_rate", 22050))
        found[name.lower()] = PiperVoiceFile(name, re.split(r"[_-]", code)[0].lower(), model, rate, licence)
    return found


def _model_card_licence(folder: str, name: str) -> str:
    for card in (os.path.join(folder, f"{name}.MODEL_CARD"), os.path.join(folder, "MODEL_CARD")):
        with contextlib.suppress(OSError):
            with open(card, encoding="utf-8") as file:
                for line in file:
                    if "licen" in line.lower() and ":" in line:
                        return line.split(":", 1)[1].strip(" *`\n") or "unknown"
    return "unknown"


class PiperEngine:
    """Piper (``piper-tts`` from PyPI: ONNX Runtime, its own espeak-ng for phonemes) over the voices folder.

    Each voice is loaded on first use and kept.  The engine's ``sample_rate`` is the
    highest among the folder's voices; each piece's :class:`Audio` carries its voice's own.
    """

    name = "piper"

    def __init__(self, folder: str | None = None) -> None:
        try:
            from piper import PiperVoice, SynthesisConfig
        except ImportError as error:
            raise MissingDependency(what="piper-tts", install="pip install piper-tts") from error
        self._load, self._config = PiperVoice.load, SynthesisConfig
        self.folder = folder or piper_folder()
        self.voices = piper_voices(self.folder)
        self.sample_rate = max((v.sample_rate for v in self.voices.values()), default=22050)
        self._loaded: dict[str, object] = {}
        self._lock = threading.Lock()

    def synthesize(self, text: str, voice: Voice) -> Audio:
        found = self.voices.get(voice.name.lower())
        if found is None:
            known = ", ".join(sorted(v.name for v in self.voices.values())) or "none"
            raise UnknownVoice(
                voice=voice.name, detail=f"no Piper voice {voice.name!r} in {self.folder} (found: {known})"
            )
        text = text.strip()
        if not text:
            return Audio(b"", found.sample_rate)
        with self._lock:
            if found.name not in self._loaded:
                self._loaded[found.name] = self._load(found.model)
            model = self._loaded[found.name]
            config = self._config(length_scale=DEFAULT_RATE / voice.rate, volume=voice.volume)
            pcm = b"".join(chunk.audio_int16_bytes for chunk in model.synthesize(text, config))
        return Audio(pcm, found.sample_rate)


def installed_voices() -> list[dict[str, str]]:
    """Every voice offered here: engine, language, name (as ``--voice`` takes it) and licence."""
    rows = [{"engine": "espeak", "lang": v.lang, "name": v.name, "licence": "GPL-3.0+ (espeak-ng)"}
            for v in DEFAULT_VOICES.values()]  # fmt: skip
    if rhvoice_installed():
        from . import rhvoice

        folder = os.path.join(rhvoice.DATA_PATH, "voices")
        rows += [
            {"engine": "rhvoice", "lang": lang, "name": key, "licence": licence}
            for key, (_, lang, licence) in RHVOICE_LICENCES.items()
            if os.path.isdir(os.path.join(folder, key))
        ]
    rows += [{"engine": "piper", "lang": v.lang, "name": v.name, "licence": v.licence} for v in piper_voices().values()]
    return rows


# --- registry --------------------------------------------------------------------------

#: Engine name → factory.  ``espeak`` is the default (measured: see benchmarks/speech_engines.py).
ENGINES: dict[str, Callable[[], Engine]] = {
    "espeak": EspeakLibrary,
    "pyttsx3": Pyttsx3Engine,
    "rhvoice": RHVoiceEngine,
    "piper": PiperEngine,
}
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
