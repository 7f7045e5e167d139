"""libRHVoice (RHVoice 1.8, Debian ``librhvoice5``) through ctypes, in the liblouis binding's style.

    new_engine(data_path, config_path, callbacks) ─▶ handle
    voices(handle) ─▶ [VoiceInfo]
    new_message(handle, text, params) ─▶ message ─▶ speak(message) ─▶ callbacks fire ─▶ delete_message

The library is loaded once at import (``None`` when it is not installed: :func:`available`
says so); each C call has one function here with its types declared, raising
``RuntimeError`` with its arguments when the library reports a failure.  While
``speak`` runs, the library calls back into Python on the same thread:
``set_sample_rate`` first, then ``play_speech`` with blocks of 16-bit samples and
``word_starts``/``word_ends``/``sentence_starts``/``sentence_ends`` with character
positions in the message text, in step with the samples already played.

The struct layouts follow ``/usr/include/RHVoice.h`` (package ``librhvoice-dev``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
from dataclasses import dataclass

#: Where Debian's packages put the language and voice data, and the configuration.
DATA_PATH = "/usr/share/RHVoice"
CONFIG_PATH = "/etc/RHVoice"

MESSAGE_TEXT, MESSAGE_SSML = 0, 1
PUNCTUATION_DEFAULT = 0
CAPITALS_DEFAULT = 0
GENDERS = {0: "unknown", 1: "male", 2: "female"}

_c_short_p = ctypes.POINTER(ctypes.c_short)
SET_SAMPLE_RATE = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int, ctypes.c_void_p)
PLAY_SPEECH = ctypes.CFUNCTYPE(ctypes.c_int, _c_short_p, ctypes.c_uint, ctypes.c_void_p)
PROCESS_MARK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p)
TEXT_EVENT = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p)
PLAY_AUDIO = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p)
DONE = ctypes.CFUNCTYPE(None, ctypes.c_void_p)


class Callbacks(ctypes.Structure):
    """``RHVoice_callbacks``: unused members stay NULL."""

    _fields_ = [
        ("set_sample_rate", SET_SAMPLE_RATE),
        ("play_speech", PLAY_SPEECH),
        ("process_mark", PROCESS_MARK),
        ("word_starts", TEXT_EVENT),
        ("word_ends", TEXT_EVENT),
        ("sentence_starts", TEXT_EVENT),
        ("sentence_ends", TEXT_EVENT),
        ("play_audio", PLAY_AUDIO),
        ("done", DONE),
    ]


class InitParams(ctypes.Structure):
    """``RHVoice_init_params``."""

    _fields_ = [
        ("data_path", ctypes.c_char_p),
        ("config_path", ctypes.c_char_p),
        ("resource_paths", ctypes.POINTER(ctypes.c_char_p)),
        ("callbacks", Callbacks),
        ("options", ctypes.c_uint),
    ]


class SynthParams(ctypes.Structure):
    """``RHVoice_synth_params``: absolute values in -1…1 (0 is the voice's own), relative ones multiply."""

    _fields_ = [
        ("voice_profile", ctypes.c_char_p),
        ("absolute_rate", ctypes.c_double),
        ("absolute_pitch", ctypes.c_double),
        ("absolute_volume", ctypes.c_double),
        ("relative_rate", ctypes.c_double),
        ("relative_pitch", ctypes.c_double),
        ("relative_volume", ctypes.c_double),
        ("punctuation_mode", ctypes.c_int),
        ("punctuation_list", ctypes.c_char_p),
        ("capitals_mode", ctypes.c_int),
        ("flags", ctypes.c_int),
    ]


class _VoiceInfo(ctypes.Structure):
    _fields_ = [
        ("language", ctypes.c_char_p),
        ("name", ctypes.c_char_p),
        ("gender", ctypes.c_int),
        ("country", ctypes.c_char_p),
    ]


@dataclass(frozen=True)
class VoiceInfo:
    """One installed voice as the library lists it."""

    name: str
    language: str
    gender: str
    country: str


def _load() -> ctypes.CDLL | None:
    path = ctypes.util.find_library("RHVoice") or "libRHVoice.so.5"
    try:
        lib = ctypes.CDLL(path)
    except OSError:
        return None
    lib.RHVoice_get_version.argtypes = []
    lib.RHVoice_get_version.restype = ctypes.c_char_p
    lib.RHVoice_new_tts_engine.argtypes = [ctypes.POINTER(InitParams)]
    lib.RHVoice_new_tts_engine.restype = ctypes.c_void_p
    lib.RHVoice_delete_tts_engine.argtypes = [ctypes.c_void_p]
    lib.RHVoice_delete_tts_engine.restype = None
    lib.RHVoice_get_number_of_voices.argtypes = [ctypes.c_void_p]
    lib.RHVoice_get_number_of_voices.restype = ctypes.c_uint
    lib.RHVoice_get_voices.argtypes = [ctypes.c_void_p]
    lib.RHVoice_get_voices.restype = ctypes.POINTER(_VoiceInfo)
    lib.RHVoice_new_message.argtypes = [
        ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint, ctypes.c_int, ctypes.POINTER(SynthParams), ctypes.c_void_p,
    ]  # fmt: skip
    lib.RHVoice_new_message.restype = ctypes.c_void_p
    lib.RHVoice_delete_message.argtypes = [ctypes.c_void_p]
    lib.RHVoice_delete_message.restype = None
    lib.RHVoice_speak.argtypes = [ctypes.c_void_p]
    lib.RHVoice_speak.restype = ctypes.c_int
    return lib


_lib = _load()


def available() -> bool:
    """Whether libRHVoice.so.5 could be loaded."""
    return _lib is not None


def _library() -> ctypes.CDLL:
    if _lib is None:
        raise RuntimeError("libRHVoice.so.5 is not installed (Debian package librhvoice5)")
    return _lib


def version() -> str:
    """``RHVoice_get_version``: the library's version, e.g. ``"1.8.0"``."""
    return _library().RHVoice_get_version().decode()


def new_engine(callbacks: Callbacks, data_path: str = DATA_PATH, config_path: str = CONFIG_PATH) -> int:
    """``RHVoice_new_tts_engine``: an engine handle; keep ``callbacks`` referenced while it lives.

    Raises ``RuntimeError`` when the library cannot start (no language or voice data).
    """
    params = InitParams(data_path.encode(), config_path.encode(), None, callbacks, 0)
    handle = _library().RHVoice_new_tts_engine(ctypes.byref(params))
    if not handle:
        raise RuntimeError(f"RHVoice_new_tts_engine failed (data {data_path!r}, config {config_path!r})")
    return handle


def delete_engine(handle: int) -> None:
    """``RHVoice_delete_tts_engine``."""
    _library().RHVoice_delete_tts_engine(handle)


def voices(handle: int) -> list[VoiceInfo]:
    """``RHVoice_get_number_of_voices`` and ``RHVoice_get_voices``: every voice installed."""
    lib = _library()
    count = lib.RHVoice_get_number_of_voices(handle)
    array = lib.RHVoice_get_voices(handle)
    return [
        VoiceInfo(
            (array[i].name or b"").decode(),
            (array[i].language or b"").decode(),
            GENDERS.get(array[i].gender, "unknown"),
            (array[i].country or b"").decode(),
        )
        for i in range(count)
    ]


def synth_params(profile: str, relative_rate: float = 1.0, relative_pitch: float = 1.0,
                 relative_volume: float = 1.0) -> SynthParams:  # fmt: skip
    """Parameters for one message: a voice profile (``"Aleksandr"``) and relative rate, pitch, volume."""
    return SynthParams(
        profile.encode(), 0.0, 0.0, 0.0, relative_rate, relative_pitch, relative_volume,
        PUNCTUATION_DEFAULT, None, CAPITALS_DEFAULT, 0,
    )  # fmt: skip


def new_message(handle: int, text: str, params: SynthParams, kind: int = MESSAGE_TEXT) -> int:
    """``RHVoice_new_message``: ``text`` (UTF-8) ready to speak; raises ``RuntimeError`` when refused."""
    data = text.encode()
    message = _library().RHVoice_new_message(handle, data, len(data), kind, ctypes.byref(params), None)
    if not message:
        raise RuntimeError(f"RHVoice_new_message refused {text[:80]!r} for voice {params.voice_profile!r}")
    return message


def delete_message(message: int) -> None:
    """``RHVoice_delete_message``."""
    _library().RHVoice_delete_message(message)


def speak(message: int) -> None:
    """``RHVoice_speak``: runs the callbacks until the message is spoken; raises ``RuntimeError`` on failure."""
    if not _library().RHVoice_speak(message):
        raise RuntimeError("RHVoice_speak failed")
