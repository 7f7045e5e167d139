"""A running service on a loopback port with a converted title whose audio is made, and Debian's
chromium driven by Playwright, for the listening and web tests."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn

from accessreader.server import create_app
from accessreader.service.library import Library
from tests.servicekit import book, make_library, wait_done

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required", "--mute-audio"]  # fmt: skip


@contextmanager
def chromium() -> Iterator[object]:
    """Debian's chromium launched through Playwright (never ``playwright install``), closed at the end."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (scripts/setup installs it)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@contextmanager
def tab(browser, base: str, timeout_ms: int = 10_000, **options) -> Iterator[object]:
    """One tab of a fresh browser context on ``base`` (English locale; ``options`` for the context)."""
    context = browser.new_context(base_url=base, locale="en-US", **options)
    page = context.new_page()
    page.set_default_timeout(timeout_ms)
    try:
        yield page
    finally:
        context.close()


@dataclass
class Served:
    library: Library
    base: str
    title: int  # audio made for every chapter
    live_title: int  # audio not made: chapters are spoken live


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(tmp_path, **settings) -> tuple[Served, uvicorn.Server, threading.Thread]:
    """Two converted titles (one with its audio made) and the service running in a thread; ``settings`` as in Settings."""
    library = make_library(tmp_path, **settings)
    worker = library.jobs.worker(1)
    worker.start()
    try:
        made = library.add(book("Дала әндері", chapters=3), "dala.txt")
        live = library.add(book("Тірі дауыс"), "live.txt")
        wait_done(library, made.job)
        wait_done(library, live.job)
    finally:
        worker.stop()
    library.audiobooks.make(made.title.id)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(library.settings, library), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))  # fmt: skip
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise AssertionError("the service did not start")
        time.sleep(0.02)
    return Served(library, f"http://127.0.0.1:{port}", made.title.id, live.title.id), server, thread


def stop(server: uvicorn.Server, thread: threading.Thread, library: Library) -> None:
    server.should_exit = True
    thread.join(10)
    library.close()
