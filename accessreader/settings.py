"""Settings of the service and its workers: one row per setting, read from the environment.

    Settings.from_env()  ──▶ data folder, queue URL, upload limit, lease, chapters per part…

Each ``Setting`` has its environment variable, a default and a help line (the
README's table shows them).  Everything works with no setting at all:
a data folder ``~/.local/share/accessreader`` (``$XDG_DATA_HOME/accessreader``),
the embedded SQLite queue inside it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    """One setting: its environment variable, default and help."""

    env: str
    default: str
    help: str


SETTINGS: dict[str, Setting] = {
    "data": Setting(
        "ACCESSREADER_DATA",
        "~/.local/share/accessreader",
        "Folder for sources, outputs, the catalog and the embedded queue ($XDG_DATA_HOME/accessreader if set).",
    ),
    "queue": Setting(
        "ACCESSREADER_QUEUE",
        "",
        "Task queue: empty for the embedded SQLite queue in the data folder, or redis://HOST:PORT/DB "
        "to share jobs with `accessreader worker` on other machines (they share the job state through "
        "PostgreSQL, ACCESSREADER_DATABASE, and the data folder for files only).",
    ),
    "formats": Setting("ACCESSREADER_FORMATS", "brf,pef,ubrl", "Formats made for every title imported."),
    "max_upload_mb": Setting("ACCESSREADER_MAX_UPLOAD_MB", "50", "Largest file an upload may hold, in megabytes."),
    "chapters_per_part": Setting(
        "ACCESSREADER_CHAPTERS_PER_PART",
        "4",
        "Chapters in one task (of braille, and of speech with ACCESSREADER_AUDIO); a longer title is shared "
        "among workers.",
    ),
    "lease_seconds": Setting(
        "ACCESSREADER_LEASE_SECONDS",
        "60",
        "A running task not heard from for this long is taken to be lost (worker killed) and queued again.",
    ),
    "workers": Setting("ACCESSREADER_WORKERS", "2", "Worker threads of one `serve` or `worker` process."),
    "audio": Setting(
        "ACCESSREADER_AUDIO",
        "no",
        "yes: every conversion also speaks the title into MP3 and Opus chapters for listening online, "
        "a task per ACCESSREADER_CHAPTERS_PER_PART chapters on any worker, published when all are spoken "
        "(otherwise chapters are spoken live as they are played, or made with `accessreader audio`).",
    ),
    "https": Setting(
        "ACCESSREADER_HTTPS",
        "no",
        "yes: the service is reached over HTTPS (a proxy in front): cookies are sent only over HTTPS "
        "(Secure) and browsers are told to keep to HTTPS (HSTS).",
    ),
}


@dataclass(frozen=True)
class Settings:
    """The values in force; build with ``from_env`` or ``Settings(data=…)`` in tests."""

    data: Path = Path(SETTINGS["data"].default).expanduser()
    queue: str = ""
    formats: tuple[str, ...] = ("brf", "pef", "ubrl")
    max_upload_mb: float = 50.0
    chapters_per_part: int = 4
    lease_seconds: float = 60.0
    workers: int = 2
    audio: bool = False
    https: bool = False

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> Settings:
        """Settings from ``environ`` (``os.environ`` by default), then ``overrides`` that are not None."""
        environ = dict(os.environ if environ is None else environ)
        values: dict[str, object] = {}
        defaults = {name: setting.default for name, setting in SETTINGS.items()}
        if environ.get("XDG_DATA_HOME"):
            defaults["data"] = str(Path(environ["XDG_DATA_HOME"]) / "accessreader")
        for item in fields(cls):
            raw = environ.get(SETTINGS[item.name].env) or defaults[item.name]
            values[item.name] = _convert(item.name, raw)
        settings = cls(**values)  # type: ignore[arg-type]
        return replace(settings, **{k: v for k, v in overrides.items() if v is not None})

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)


def _convert(name: str, raw: str) -> object:
    if name == "data":
        return Path(raw).expanduser()
    if name == "formats":
        return tuple(part.strip() for part in raw.split(",") if part.strip())
    if name in ("max_upload_mb", "lease_seconds"):
        return float(raw)
    if name in ("chapters_per_part", "workers"):
        return int(raw)
    if name in ("audio", "https"):
        return raw.strip().lower() in ("1", "yes", "true", "on")
    return raw
