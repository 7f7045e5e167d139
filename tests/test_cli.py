"""The service commands: import, jobs, retry through CliRunner; serve and worker as real processes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from click.testing import CliRunner

from accessreader.cli import main
from accessreader.library import Library
from accessreader.settings import Settings

from .servicekit import READER, book

ROOT = Path(__file__).resolve().parent.parent


def env(data: Path) -> dict[str, str]:
    return {**os.environ, "ACCESSREADER_DATA": str(data), "PYTHONPATH": str(ROOT), "ACCESSREADER_WORKERS": "1"}


def test_import_lists_jobs_and_serve_converts_and_serves_them(tmp_path):
    data, books = tmp_path / "data", tmp_path / "books"
    books.mkdir()
    (books / "city.txt").write_bytes(book("City Library"))
    (books / "empty.txt").write_bytes(b"")
    runner = CliRunner()

    imported = runner.invoke(main, ["--lang", "en", "import", str(books)], env=env(data))
    assert imported.exit_code == 2  # one file could not be taken
    assert "city.txt: title #1, job " in imported.stdout and "empty.txt: the file is empty" in imported.stderr
    listed = runner.invoke(main, ["--lang", "ru", "jobs"], env=env(data))
    assert listed.exit_code == 0 and "queued  В очереди  0%" in listed.stdout and "city.txt" in listed.stdout
    refused = runner.invoke(main, ["--lang", "en", "retry", "nosuchjob"], env=env(data))
    assert refused.exit_code == 2 and "There is no conversion job nosuchjob" in refused.stderr

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "accessreader", "--lang", "en", "serve", "--port", str(port)],
        cwd=ROOT, env=env(data), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert server.stdout.readline().strip() == f"AccessReader is running: open http://localhost:{port}/"
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                title = httpx.get(f"{base}/api/titles/1").json()
                if title["status"] in ("ready", "failed"):
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        assert title["status"] == "ready" and [f["format"] for f in title["formats"]] == ["brf", "pef", "ubrl"]
        library = Library(Settings(data=data))
        library.people.register("reader", *READER, print_disabled=True)
        with httpx.Client(base_url=base) as client:
            client.post("/api/login", json={"login": READER[0], "secret": READER[1]})
            assert client.get("/api/titles/1/download/pef").content.startswith(b"<?xml")
        library.close()
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)
    done = runner.invoke(main, ["--lang", "en", "jobs", "--json"], env=env(data))
    assert '"status": "done"' in done.stdout and '"percent": 100' in done.stdout


def test_worker_finishes_queued_work_and_stops_on_sigterm(tmp_path):
    data, books = tmp_path / "data", tmp_path / "books"
    books.mkdir()
    (books / "a.txt").write_bytes(book("Alpha"))
    assert CliRunner().invoke(main, ["import", str(books)], env=env(data)).exit_code == 0
    worker = subprocess.Popen([sys.executable, "-m", "accessreader", "worker"], cwd=ROOT, env=env(data))
    library = Library(Settings(data=data))
    try:
        deadline = time.monotonic() + 60
        while library.jobs.list()[0].status != "done" and time.monotonic() < deadline:
            time.sleep(0.1)
        assert library.catalog.get(1).status == "ready"
    finally:
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=20) == 0
        library.close()
