from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from braille_samples import corpus_document
from click.testing import CliRunner
from lxml import html
from servicekit import READER
from servicekit import book as service_book

from accessreader.cli import main
from accessreader.library import Library
from accessreader.settings import Settings


def book(tmp_path, name="book.json"):
    path = tmp_path / name
    path.write_text(corpus_document().to_json(), encoding="utf-8")
    return path


def test_convert_writes_brf_pef_and_unicode(tmp_path):
    source = book(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["convert", str(source), "--to", "brf,pef,ubrl", "-o", str(out), "--cells", "32", "--lines", "20", "--grade", "en=1"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["book.brf", "book.pef", "book.ubrl.txt"]
    brf = (out / "book.brf").read_bytes().decode("ascii")
    assert [line for line in brf.replace("\f", "").split("\r\n") if len(line) > 32] == []
    assert all(page.count("\r\n") <= 20 for page in brf.split("\f"))
    assert "book.pef" in result.output


def test_convert_defaults_to_brf_beside_the_book(tmp_path):
    source = book(tmp_path)
    result = CliRunner().invoke(main, ["convert", str(source)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "book.brf").is_file()


def test_bad_input_exits_2_with_a_message_and_no_file(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(main, ["convert", str(tmp_path / "nope.epub")])
    assert missing.exit_code == 2 and "nope.epub" in missing.output
    garbage = tmp_path / "bad.json"
    garbage.write_bytes(b'{"schema": 1, "chapters": [')
    broken = runner.invoke(main, ["--lang", "ru", "convert", str(garbage), "--to", "brf"])
    assert broken.exit_code == 2 and "повреждён" in broken.output
    source = book(tmp_path)
    for args in (["--grade", "kk=2"], ["--to", "mp9"], ["--cells", "5"], ["--dots", "8", "--to", "brf"]):
        result = runner.invoke(main, ["convert", str(source), "-o", str(tmp_path / "x"), *args])
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
    assert not (tmp_path / "x").exists() or list((tmp_path / "x").iterdir()) == []


def test_untranslated_characters_are_reported_with_their_place(tmp_path):
    document = corpus_document()
    document.chapters[0].blocks[2].text += " 中"
    source = tmp_path / "odd.json"
    source.write_text(document.to_json(), encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", str(source), "--to", "ubrl"])
    assert result.exit_code == 0
    assert "c0b2:" in result.output and "U+4E2D" in result.output


def test_proof_writes_an_html_page(tmp_path):
    source = book(tmp_path)
    result = CliRunner().invoke(main, ["--lang", "en", "proof", str(source), "-o", str(tmp_path / "p.html")])
    assert result.exit_code == 0, result.output
    page = html.fromstring((tmp_path / "p.html").read_text("utf-8"))
    assert page.find(".//table/caption").text == "Корпус"
    assert CliRunner().invoke(main, ["proof", str(source)]).exit_code == 0
    assert (tmp_path / "book.proof.html").is_file()
"""The service commands: import, jobs, retry through CliRunner; serve and worker as real processes."""






ROOT = Path(__file__).resolve().parent.parent


def env(data: Path) -> dict[str, str]:
    return {**os.environ, "ACCESSREADER_DATA": str(data), "PYTHONPATH": str(ROOT), "ACCESSREADER_WORKERS": "1"}


def test_import_lists_jobs_and_serve_converts_and_serves_them(tmp_path):
    data, books = tmp_path / "data", tmp_path / "books"
    books.mkdir()
    (books / "city.txt").write_bytes(service_book("City Library"))
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
    (books / "a.txt").write_bytes(service_book("Alpha"))
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


def test_convert_makes_braille_and_talking_books_in_one_run(tmp_path):
    source = book(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["convert", str(source), "--to", "brf,mp3,daisy", "-o", str(out), "--rate", "220"])
    assert result.exit_code == 0, result.output
    assert (out / "book.brf").is_file()
    chapters = sorted((out / "book" / "mp3").glob("*.mp3"))
    assert chapters and all(path.stat().st_size > 1000 for path in chapters)
    assert (out / "book" / "daisy" / "ncc.html").is_file()
    assert not [p for p in out.rglob("*") if ".partial" in p.name or p.name.startswith(".speech-")]


def test_an_unknown_format_is_refused_naming_braille_and_speech_formats(tmp_path):
    source = book(tmp_path)
    result = CliRunner().invoke(main, ["convert", str(source), "--to", "brf,wav", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "wav" in result.output and "daisy" in result.output and "pef" in result.output
    assert not (tmp_path / "out").exists()


def test_audio_speaks_a_catalog_title_for_listening_online(tmp_path):
    from servicekit import make_library, wait_done

    library = make_library(tmp_path)
    worker = library.jobs.worker(1)
    worker.start()
    try:
        added = library.add(service_book("Ән"), "an.txt")
        wait_done(library, added.job)
    finally:
        worker.stop()
    library.close()
    env = {"ACCESSREADER_DATA": str(tmp_path / "data")}
    result = CliRunner().invoke(main, ["--lang", "en", "audio", str(added.title.id)], env=env)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Ән: 3 chapters spoken, ") and "ready to stream" in result.output
    made = sorted(p.name for p in (tmp_path / "data" / "audio" / str(added.title.id)).iterdir())
    assert made == ["001.mp3", "001.opus", "002.mp3", "002.opus", "003.mp3", "003.opus", "timings.json"]
    missing = CliRunner().invoke(main, ["--lang", "ru", "audio", "999"], env=env)
    assert missing.exit_code == 2 and "не найдено" in missing.output
