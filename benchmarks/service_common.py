"""Shared by the service benchmarks: synthetic books, a free port, a service or workers as processes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def book(title: str, chapters: int, paragraphs: int) -> bytes:
    """A TXT book whose text names its title, so that the catalog takes each title as a book of its own."""
    body = "\n\n".join(
        f"Абзац {i}. Қазақ тілі бай тіл. Русский язык тоже богат. English is here too, paragraph {i} of {title}."
        for i in range(paragraphs)
    )
    return (f"{title}\n\n" + "\n\n".join(f"Chapter {c}\n\n{body}" for c in range(1, chapters + 1))).encode()


def env(data: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "ACCESSREADER_DATA": str(data), "PYTHONPATH": str(ROOT), **extra}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def accessreader(data: Path, *args: str, **extra: str) -> subprocess.Popen:
    """``python -m accessreader ARGS`` as a process over ``data``, from this checkout."""
    return subprocess.Popen(
        [sys.executable, "-m", "accessreader", *args],
        cwd=ROOT,
        env=env(data, **extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def wait_until(check, timeout: float = 300.0, every: float = 0.05) -> float:
    """Seconds until ``check()`` is true; raises after ``timeout``."""
    start = time.perf_counter()
    while not check():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("benchmark step did not finish")
        time.sleep(every)
    return time.perf_counter() - start


def answers(url: str) -> bool:
    """True once the service at ``url`` answers 200 (False while it is still starting)."""
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False
