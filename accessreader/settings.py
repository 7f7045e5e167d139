"""Settings of the commands, the service and its workers: one row per setting, each default written once.

    SETTINGS: name → Setting(env, default, help, parse)
    Settings.from_env(environ, **options) ──▶ the values in force, and where each came from
                                              (default / environment / option)

``accessreader settings`` prints every row (``--json``, ``--markdown`` for the
README's table).  Everything works with no setting at all: a data folder
``~/.local/share/accessreader`` (``$XDG_DATA_HOME/accessreader``), the SQLite
database and the embedded queue inside it.  A value that cannot be read is
refused with ``BadOption`` naming its environment variable.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import BadOption

DEFAULT = "default"
ENVIRONMENT = "environment"
OPTION = "option"
#: The database file in the data folder, when ``ACCESSREADER_DATABASE`` names no other.
DATABASE_FILE = "accessreader.db"
MB = 1024 * 1024


def _text(raw: str) -> str:
    return raw.strip()


def _yes(raw: str) -> bool:
    if raw.strip().lower() in ("1", "yes", "true", "on"):
        return True
    if raw.strip().lower() in ("", "0", "no", "false", "off"):
        return False
    raise ValueError(raw)


def _names(raw: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(part.strip().lower() for part in raw.split(",") if part.strip()))


def _positive(kind: type) -> Callable[[str], object]:
    def parse(raw: str) -> object:
        value = kind(raw)
        if value <= 0:
            raise ValueError(raw)
        return value

    return parse


def _voices(raw: str) -> str:
    from .errors import UnknownVoice
    from .tts.engines import book_voices, parse_voices

    try:
        chosen = parse_voices(raw)
        book_voices(chosen)  # an unknown engine or a voice whose licence is not allowed
    except UnknownVoice:
        raise ValueError(raw) from None
    return ",".join(f"{lang}={name}" for lang, name in chosen.items())


def _dots(raw: str) -> int:
    if raw.strip() not in ("6", "8"):
        raise ValueError(raw)
    return int(raw)


@dataclass(frozen=True)
class Setting:
    """One setting: its environment variable, default (as the environment would write it), help and parser.

    ``shown`` is how the README shows a default that is not a plain value.
    """

    env: str
    default: str
    help: str
    parse: Callable[[str], object] = _text
    shown: str = ""


SETTINGS: dict[str, Setting] = {
    "data": Setting(
        "ACCESSREADER_DATA",
        "~/.local/share/accessreader",
        "Folder for sources, outputs, the catalog database and the embedded queue.",
        lambda raw: Path(raw).expanduser(),
        shown="`$XDG_DATA_HOME/accessreader` or `~/.local/share/accessreader`",
    ),
    "database": Setting(
        "ACCESSREADER_DATABASE",
        "",
        "`postgresql+psycopg://USER:PASSWORD@HOST/DB`: the catalog, people and conversion jobs on PostgreSQL, "
        "which workers on other machines share.",
        shown=f"(SQLite `{DATABASE_FILE}` in the data folder)",
    ),
    "queue": Setting(
        "ACCESSREADER_QUEUE",
        "",
        "`redis://HOST:PORT/0`: share jobs with `accessreader worker` on other machines (they need the same "
        "ACCESSREADER_DATABASE and data folder).",
        shown="(embedded SQLite queue)",
    ),
    "formats": Setting(
        "ACCESSREADER_FORMATS",
        "brf,pef,ubrl",
        "Formats made for each title: brf, pef, ubrl (braille); mp3, opus, m4b, daisy, epub3 (speech, "
        "published as downloads: mp3, opus and daisy zipped).",
        _names,
    ),
    "grades": Setting(
        "ACCESSREADER_GRADES",
        "",
        "Braille grade per language for the service's conversions, e.g. `en=1,ru=1,kk=1`.",
        shown="(`en=2,ru=1,kk=1`)",
    ),
    "dots": Setting("ACCESSREADER_DOTS", "6", "6-dot literary or 8-dot computer braille.", _dots),
    "cells": Setting("ACCESSREADER_CELLS", "40", "Braille cells per line.", _positive(int)),
    "lines": Setting("ACCESSREADER_LINES", "25", "Lines per braille page.", _positive(int)),
    "voices": Setting(
        "ACCESSREADER_VOICES",
        "",
        "Voice per language of the talking books `accessreader convert` makes (its `--voice` adds to it): "
        "`LANG=ENGINE:VOICE,…`, e.g. "
        "`ru=rhvoice:anna,en=rhvoice:clb,kk=espeak:kk`. RHVoice voices: aleksandr, anna, elena, irina, "
        "aleksandr-hq (ru), alan, bdl, clb, slt (en); espeak-ng voices by their espeak-ng names.",
        _voices,
        shown="(`ru=rhvoice:aleksandr,en=rhvoice:slt` where RHVoice is installed, espeak-ng for the rest)",
    ),
    "piper_voices": Setting(
        "ACCESSREADER_PIPER_VOICES",
        "",
        "Folder of Piper voices (`NAME.onnx` beside `NAME.onnx.json`, e.g. kk_KZ-issai-high) for "
        "`--voice kk=piper:NAME`; `accessreader voices` lists them with their licences.",
        shown="(`voices` in the data folder)",
    ),
    "max_upload_mb": Setting("ACCESSREADER_MAX_UPLOAD_MB", "50", "Largest upload, in megabytes.", _positive(float)),
    "max_file_mb": Setting(
        "ACCESSREADER_MAX_FILE_MB",
        "200",
        "Largest input file the commands read, in megabytes (`--max-size`).",
        _positive(float),
    ),
    "read_seconds": Setting(
        "ACCESSREADER_READ_SECONDS",
        "600",
        "Longest time reading one book may take, in seconds, plus 10 s per MB of the file; a book that "
        "takes longer is refused (it is read in a process of its own).",
        _positive(float),
    ),
    "read_memory_mb": Setting(
        "ACCESSREADER_READ_MEMORY_MB",
        "3072",
        "Most memory the process reading one book may map, in megabytes; a book that needs more is refused.",
        _positive(float),
    ),
    "chapters_per_part": Setting(
        "ACCESSREADER_CHAPTERS_PER_PART",
        "4",
        "Chapters per task, of braille and of speech: a long book is shared among workers.",
        _positive(int),
    ),
    "lease_seconds": Setting(
        "ACCESSREADER_LEASE_SECONDS",
        "60",
        "A task whose worker stopped answering this long is run again.",
        _positive(float),
    ),
    "workers": Setting("ACCESSREADER_WORKERS", "2", "Worker threads per process.", _positive(int)),
    "audio": Setting(
        "ACCESSREADER_AUDIO",
        "no",
        "`yes`: each conversion also speaks the title into MP3 and Opus chapters for listening online, a task "
        "per few chapters on any worker (else chapters are spoken live, or made with `accessreader audio`).",
        _yes,
        shown="`no` (`yes` in `scripts/run`)",
    ),
    "debug": Setting("ACCESSREADER_DEBUG", "no", "`yes`: a command that fails on a bug shows its traceback.", _yes),
    "https": Setting(
        "ACCESSREADER_HTTPS",
        "no",
        "`yes`: the service is reached over HTTPS (a proxy in front): cookies are marked `Secure` and browsers "
        "told to keep to HTTPS (HSTS); a request that came as `https` gets the same.",
        _yes,
    ),
}


def default_value(name: str) -> object:
    """The default of setting ``name``, parsed (the data folder's without the environment)."""
    return SETTINGS[name].parse(SETTINGS[name].default)


@dataclass(frozen=True)
class Settings:
    """The values in force; build with ``from_env`` or ``Settings(data=…)`` in tests (defaults: the rows')."""

    data: Path = field(default_factory=lambda: _data_folder(os.environ))
    database: str = default_value("database")  # type: ignore[assignment]
    queue: str = default_value("queue")  # type: ignore[assignment]
    formats: tuple[str, ...] = default_value("formats")  # type: ignore[assignment]
    grades: str = default_value("grades")  # type: ignore[assignment]
    dots: int = default_value("dots")  # type: ignore[assignment]
    cells: int = default_value("cells")  # type: ignore[assignment]
    lines: int = default_value("lines")  # type: ignore[assignment]
    voices: str = default_value("voices")  # type: ignore[assignment]
    piper_voices: str = default_value("piper_voices")  # type: ignore[assignment]
    max_upload_mb: float = default_value("max_upload_mb")  # type: ignore[assignment]
    max_file_mb: float = default_value("max_file_mb")  # type: ignore[assignment]
    read_seconds: float = default_value("read_seconds")  # type: ignore[assignment]
    read_memory_mb: float = default_value("read_memory_mb")  # type: ignore[assignment]
    chapters_per_part: int = default_value("chapters_per_part")  # type: ignore[assignment]
    lease_seconds: float = default_value("lease_seconds")  # type: ignore[assignment]
    workers: int = default_value("workers")  # type: ignore[assignment]
    audio: bool = default_value("audio")  # type: ignore[assignment]
    debug: bool = default_value("debug")  # type: ignore[assignment]
    https: bool = default_value("https")  # type: ignore[assignment]
    #: Where each value came from: ``DEFAULT``, ``ENVIRONMENT`` or ``OPTION`` (a command-line option).
    origins: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **options: object) -> Settings:
        """Settings from ``environ`` (``os.environ`` by default), then ``options`` that are not None.

        Raises ``BadOption`` (naming the variable) for a value that cannot be read.
        """
        environ = os.environ if environ is None else environ
        values: dict[str, object] = {}
        origins: dict[str, str] = {}
        for name, setting in SETTINGS.items():
            raw = environ.get(setting.env, "")
            if not raw:
                values[name] = _data_folder(environ) if name == "data" else default_value(name)
                origins[name] = DEFAULT
                continue
            try:
                values[name] = setting.parse(raw)
            except ValueError:
                raise BadOption(option=setting.env, value=raw, choices=SETTINGS[name].help) from None
            origins[name] = ENVIRONMENT
        for name, value in options.items():
            if value is not None:
                values[name] = value
                origins[name] = OPTION
        return cls(**values, origins=origins)  # type: ignore[arg-type]

    def with_options(self, **options: object) -> Settings:
        """These settings with ``options`` (those not None) set as command-line options."""
        given = {name: value for name, value in options.items() if value is not None}
        return replace(self, **given, origins={**self.origins, **dict.fromkeys(given, OPTION)})

    @property
    def database_url(self) -> str:
        """``ACCESSREADER_DATABASE``, else the SQLite file in the data folder."""
        return self.database or f"sqlite:///{self.data / DATABASE_FILE}"

    @property
    def has_service(self) -> bool:
        """Whether a library service is configured here: a database named, or one in the data folder."""
        return bool(self.database) or (self.data / DATABASE_FILE).exists()

    @property
    def piper_folder(self) -> Path:
        """``ACCESSREADER_PIPER_VOICES``, else ``voices`` in the data folder."""
        return Path(self.piper_voices).expanduser() if self.piper_voices else self.data / "voices"

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * MB)

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * MB)

    def rows(self) -> list[dict[str, str]]:
        """Every setting: name, env variable, value as text, where it came from, help."""
        return [
            {
                "name": name,
                "env": setting.env,
                "value": _as_text(getattr(self, name)),
                "origin": self.origins.get(name, DEFAULT),
                "help": setting.help,
            }
            for name, setting in SETTINGS.items()
        ]


def markdown_table() -> str:
    """The README's table of settings: variable, default, meaning."""
    lines = ["| variable | default | meaning |", "| --- | --- | --- |"]
    for setting in SETTINGS.values():
        shown = setting.shown or f"`{setting.default}`"
        lines.append(f"| `{setting.env}` | {shown} | {setting.help} |")
    return "\n".join(lines) + "\n"


def _data_folder(environ: Mapping[str, str]) -> Path:
    """``$ACCESSREADER_DATA``, else ``$XDG_DATA_HOME/accessreader``, else the row's default."""
    if environ.get(SETTINGS["data"].env):
        return Path(environ[SETTINGS["data"].env]).expanduser()
    if environ.get("XDG_DATA_HOME"):
        return Path(environ["XDG_DATA_HOME"]) / "accessreader"
    return Path(SETTINGS["data"].default).expanduser()


def _as_text(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ",".join(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


__all__ = ["DEFAULT", "ENVIRONMENT", "OPTION", "SETTINGS", "Setting", "Settings", "default_value", "markdown_table"]
