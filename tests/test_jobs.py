"""Conversion jobs on the embedded SQLite queue and on a real Redis server, with real braille."""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from accessreader import content
from accessreader.braille import Code, Layout, parse_grades
from accessreader.convert import Options, convert
from accessreader.errors import BadOption, Conflict, JobNotFailed, NotFound, SixDotsOnly, UnknownJob
from accessreader.server import create_app
from accessreader.service import schema
from accessreader.service.jobs import DONE, FAILED, Jobs
from accessreader.service.store import Store
from accessreader.tts.script import speech_script
from tests.queue_worker import FolderPublisher, settings
from tests.servicekit import READER, make_library, seconds_of
from tests.stores import KINDS, open_test_store

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ["brf", "pef", "ubrl"]


def book(chapters: int, paragraphs: int) -> bytes:
    body = "\n\n".join(
        f"Абзац {i}. Қазақ тілі мен орыс тілі бір кітапта. The quick brown fox jumps over the lazy dog {i}."
        for i in range(paragraphs)
    )
    return "\n\n".join(f"Chapter {c}\n\n{body}" for c in range(1, chapters + 1)).encode()


def source(data: Path, name: str, payload: bytes) -> Path:
    path = data / "sources" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(payload)
    return path


def whole_book(payload: bytes, name: str, tmp: Path) -> dict[str, bytes]:
    """The same book converted in one piece, the way `accessreader convert` does it."""
    folder = tmp / f"whole-{name}"
    converted = convert(content.read(payload, name), Path(name).stem, FORMATS, folder)
    return {path.name: path.read_bytes() for path in converted.paths}


def published(data: Path, title: int) -> dict[str, bytes]:
    folder = data / "published" / str(title)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.is_dir() else {}


def wait(jobs: Jobs, job: str, timeout: float = 60.0, until=lambda info: info.status in (DONE, FAILED)):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        info = jobs.get(job)
        if until(info):
            return info
        time.sleep(0.02)
    raise AssertionError(f"job {job} still {jobs.get(job)} after {timeout} s: {jobs.steps(job)}")


def start_worker(data: Path, log: Path, queue: str = "", lease: float = 1.5, database: str = "") -> subprocess.Popen:
    """A worker process over ``data``; ``database``: the store's URL (else the SQLite file in ``data``)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if database:
        env["ACCESSREADER_DATABASE"] = database
    return subprocess.Popen(
        [sys.executable, "-m", "tests.queue_worker", str(data), queue, str(lease)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("ab"),
    )


def shared_store(kind: str, data: Path) -> tuple[Store, str]:
    """A store of ``kind`` for the jobs in ``data``, and its URL for the worker processes."""
    store = open_test_store(kind, data)
    return store, store.engine.url.render_as_string(hide_password=False)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
    process.wait(timeout=10)


@pytest.fixture
def embedded(tmp_path):
    publisher = FolderPublisher(tmp_path)
    jobs = Jobs(settings(tmp_path, chapters_per_part=2), publisher)
    worker = jobs.worker(2)
    worker.start()
    yield jobs, publisher
    worker.stop()


def test_a_book_split_over_workers_comes_out_as_one_conversion(embedded, tmp_path):
    jobs, publisher = embedded
    payload = book(chapters=5, paragraphs=4)
    job = jobs.submit(source(tmp_path, "five.txt", payload), 1, "five", FORMATS)

    info = wait(jobs, job)

    assert (info.status, info.stage, info.percent, info.eta_seconds, info.error()) == (DONE, "done", 100, 0.0, "")
    assert [s["name"] for s in jobs.steps(job)] == ["prepare", "part-0-2", "part-2-4", "part-4-5", "assemble"]
    assert published(tmp_path, 1) == whole_book(payload, "five.txt", tmp_path)
    assert publisher.events[:2] == [("preview", 1), ("started", 1)] and publisher.events[-1] == ("finished", 1)
    assert not (tmp_path / "work" / job).exists()
    assert jobs.list()[0].id == job and jobs.list(title=1)[0].to_dict()["percent"] == 100


def test_a_bad_source_fails_with_its_error_and_a_retry_after_the_fix_finishes(embedded, tmp_path):
    jobs, publisher = embedded
    path = source(tmp_path, "empty.txt", b"")
    job = jobs.submit(path, 2, "empty", FORMATS)

    info = wait(jobs, job)

    assert info.status == FAILED and info.stage == "failed"
    assert info.error("en") == "empty.txt: the file is empty"
    assert info.error("kk") == "empty.txt: файл бос"
    assert info.to_dict("ru")["error"] == "empty.txt: файл пуст"
    assert ("failed", "empty.txt: the file is empty") in publisher.events
    assert published(tmp_path, 2) == {}

    path.write_bytes(book(chapters=1, paragraphs=2))
    assert jobs.retry(job).status in ("queued", "running", DONE)
    assert wait(jobs, job).status == DONE
    assert set(published(tmp_path, 2)) == {"empty.brf", "empty.pef", "empty.ubrl.txt"}
    with pytest.raises(JobNotFailed) as done:
        jobs.retry(job)
    assert isinstance(done.value, Conflict) and not isinstance(done.value, NotFound)


def test_unknown_jobs_and_formats_are_refused(embedded, tmp_path):
    jobs, _ = embedded
    with pytest.raises(UnknownJob) as error:
        jobs.get("nosuchjob")
    assert "nosuchjob" in error.value.message("ru")
    with pytest.raises(BadOption):
        jobs.submit(source(tmp_path, "a.txt", b"Text."), 3, "a", ["docx"])
    assert jobs.list() == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_worker_killed_mid_job_publishes_nothing_and_the_job_is_finished_by_another(kind, tmp_path):
    payload = book(chapters=20, paragraphs=60)
    store, database = shared_store(kind, tmp_path)
    jobs = Jobs(settings(tmp_path, lease=1.5), FolderPublisher(tmp_path), store)
    job = jobs.submit(source(tmp_path, "long.txt", payload), 4, "long", FORMATS)
    log = tmp_path / "workers.log"
    first = start_worker(tmp_path, log, database=database)
    try:
        midway, _ = kill_mid_step(jobs, job, first)
    finally:
        stop(first)
    assert (midway.status, midway.stage) == ("running", "translating"), log.read_text()
    assert 0 < midway.done < midway.total
    assert midway.eta_seconds is not None and midway.eta_seconds > 0
    assert published(tmp_path, 4) == {}

    second = start_worker(tmp_path, log, database=database)
    try:
        info = wait(jobs, job)
    finally:
        stop(second)
    assert info.status == DONE, log.read_text()
    steps = jobs.steps(job)
    retried = [s for s in steps if s["attempts"] == 2]
    assert retried and all(s["worker"].endswith(f":{second.pid}") for s in retried)
    assert any(s["worker"].endswith(f":{first.pid}") for s in steps)
    assert published(tmp_path, 4) == whole_book(payload, "long.txt", tmp_path)
    assert not (tmp_path / "work" / job).exists()
    store.close()


def kill_mid_step(jobs: Jobs, job: str, worker: subprocess.Popen, under_way=lambda step: step["done"] > 0):
    """SIGKILL ``worker`` while it runs a step of ``job`` that is ``under_way`` (by default: some of
    it done).  The worker is stopped first (SIGSTOP) to look, and let go on (SIGCONT) when the
    step ended in between; returns the job as it was and the step killed ("" if the job ended)."""

    def running(info) -> list[str]:
        return [s["name"] for s in jobs.steps(job) if s["status"] == "running" and under_way(s)]

    while True:
        wait(jobs, job, timeout=120, until=lambda info: running(info) or info.status in (DONE, FAILED))
        os.kill(worker.pid, signal.SIGSTOP)
        info = jobs.get(job)
        caught = running(info)
        if caught or info.status in (DONE, FAILED):
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)
            return info, caught[0] if caught else ""
        os.kill(worker.pid, signal.SIGCONT)


def test_a_step_whose_queue_message_died_with_its_worker_is_queued_again(tmp_path):
    """A worker killed after taking a step off the queue, before claiming it, loses no step."""
    jobs = Jobs(settings(tmp_path, lease=0.4), FolderPublisher(tmp_path))
    job = jobs.submit(source(tmp_path, "lost.txt", book(chapters=2, paragraphs=3)), 5, "lost", FORMATS)
    taken = jobs.huey.dequeue()  # what the killed worker took with it
    assert taken.args == (job, "prepare") and jobs.huey.pending_count() == 0

    worker = jobs.worker(1)
    worker.start()
    try:
        info = wait(jobs, job, timeout=30)
    finally:
        worker.stop()
    assert info.status == DONE
    assert set(published(tmp_path, 5)) == {"lost.brf", "lost.pef", "lost.ubrl.txt"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--daemonize", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


@pytest.mark.parametrize("kind", KINDS)
def test_two_workers_on_redis_share_the_books(kind, tmp_path, redis_url):
    """Worker processes that share the store's database (as machines share PostgreSQL) and Redis."""
    store, database = shared_store(kind, tmp_path)
    jobs = Jobs(settings(tmp_path, queue=redis_url), FolderPublisher(tmp_path), store)
    payloads = {f"book{n}.txt": book(chapters=8, paragraphs=40) for n in range(2)}
    log = tmp_path / "workers.log"
    workers = [start_worker(tmp_path, log, queue=redis_url, lease=30, database=database) for _ in range(2)]
    try:
        ids = [
            jobs.submit(source(tmp_path, name, data), title, Path(name).stem, FORMATS)
            for title, (name, data) in enumerate(payloads.items(), start=1)
        ]
        infos = [wait(jobs, job) for job in ids]
    finally:
        for worker in workers:
            stop(worker)
    assert [info.status for info in infos] == [DONE, DONE], log.read_text()
    ran = {s["worker"].rsplit(":", 1)[1] for job in ids for s in jobs.steps(job)}
    assert ran == {str(w.pid) for w in workers}
    for title, (name, data) in enumerate(payloads.items(), start=1):
        assert published(tmp_path, title) == whole_book(data, name, tmp_path)
    assert (tmp_path / "accessreader.db").exists() == (kind == "sqlite")  # on PostgreSQL the folder holds files only
    assert not (tmp_path / "jobs.sqlite3").exists()
    store.close()


def test_a_step_whose_worker_keeps_dying_gives_its_job_up(tmp_path):
    jobs = Jobs(settings(tmp_path), FolderPublisher(tmp_path))  # no worker runs: the state is set by hand below
    job = jobs.submit(source(tmp_path, "a.txt", book(1, 1)), 5, "a", FORMATS)
    with jobs.store.begin() as db:  # as if three workers in a row took the step and were killed
        db.execute(update(schema.steps).where(schema.steps.c.job == job).values(status="running", lease=0, attempts=3))
        db.execute(update(schema.jobs).where(schema.jobs.c.id == job).values(status="running"))

    assert jobs.recover() == 0
    info = jobs.get(job)
    assert info.status == FAILED
    assert info.error("en") == "the worker doing step prepare stopped 3 times; the job was given up"
    assert jobs.retry(job).status == "queued"
    with pytest.raises(Conflict):  # queued: nothing to retry (the API answers 409, not 404)
        jobs.retry(job)

    worker = jobs.worker(1)  # the retried job runs again from its start, and finishes
    worker.start()
    try:
        again = wait(jobs, job)
    finally:
        worker.stop()
    assert (again.status, again.error()) == (DONE, "")
    assert [(s["name"], s["status"], s["attempts"]) for s in jobs.steps(job)][0] == ("prepare", DONE, 1)
    assert set(published(tmp_path, 5)) == {"a.brf", "a.pef", "a.ubrl.txt"}


def test_the_service_makes_speech_formats_and_braille_in_the_settings_code_and_page_size(tmp_path):
    """ACCESSREADER_FORMATS=brf,daisy,m4b with a 32×20 page, uncontracted English and the English voice
    of ACCESSREADER_VOICES: renditions in the catalog."""
    library = make_library(
        tmp_path, formats=("brf", "daisy", "m4b"), cells=32, lines=20, grades="en=1", voices="en=rhvoice:alan"
    )
    payload = talking_book(3)
    worker = library.jobs.worker(2)
    worker.start()
    try:
        added = library.add(payload, "dala.txt")
        info = wait(library.jobs, added.job, timeout=180)
    finally:
        worker.stop()
    assert (info.status, info.percent, info.error()) == (DONE, 100, ""), info
    title = library.catalog.get(added.title.id)
    renditions = {r.fmt: r for r in title.renditions}
    assert {f: (r.path, r.media_type) for f, r in renditions.items()} == {
        "brf": (f"outputs/{title.id}/dala.brf", "application/x-brf"),
        "daisy": (f"outputs/{title.id}/dala.daisy.zip", "application/zip"),
        "m4b": (f"outputs/{title.id}/dala.m4b", "audio/mp4"),
    }
    options = Options(Code(parse_grades("en=1")), Layout(32, 20))
    by_hand = convert(content.read(payload, "dala.txt"), "dala", ["brf"], tmp_path / "by-hand", options).paths[0]
    assert library.store.path(renditions["brf"].path).read_bytes() == by_hand.read_bytes()
    default = convert(content.read(payload, "dala.txt"), "dala", ["brf"], tmp_path / "default").paths[0]
    assert by_hand.read_bytes() != default.read_bytes()  # the settings made a difference
    with zipfile.ZipFile(library.store.path(renditions["daisy"].path)) as daisy:
        names = daisy.namelist()
        assert (
            "ncc.html" in names and any(n.endswith(".smil") for n in names) and any(n.endswith(".mp3") for n in names)
        )
        ncc = daisy.read("ncc.html").decode()
        assert "Дала" in ncc
        narrator = re.search(r'name="ncc:narrator" content="([^"]*)"', ncc).group(1)
        assert "Alan" in narrator, narrator  # the settings' voice read the English text
    m4b = library.store.path(renditions["m4b"].path)
    assert seconds_of(m4b.read_bytes(), tmp_path) > 1
    library.close()


@pytest.mark.parametrize(
    ("setting", "value", "named"),
    [
        ("formats", ("brf", "daisy", "docx"), "ACCESSREADER_FORMATS: docx is not offered"),
        ("grades", "en=5", "ACCESSREADER_GRADES: en=5 is not offered"),
        ("cells", 3, "ACCESSREADER_CELLS: 3 is not offered"),
    ],
)
def test_settings_no_job_could_be_made_with_are_refused_at_startup(tmp_path, setting, value, named):
    with pytest.raises(BadOption) as error:
        Jobs(settings(tmp_path, **{setting: value}), FolderPublisher(tmp_path))
    assert error.value.message("en").startswith(named)
    with pytest.raises(SixDotsOnly):
        Jobs(settings(tmp_path, dots=8, formats=("brf",)), FolderPublisher(tmp_path))


# ── speaking: chapters shared among worker processes ─────────────────────────


def talking_book(sentences: int) -> bytes:
    """A title line and two chapters of ``sentences`` short Kazakh, Russian and English sentences."""
    said = ["Дала кең.", "Степь широка.", "The steppe is wide."]
    body = " ".join(said[i % 3] for i in range(sentences))
    return f"Дала\n\nChapter 1\n\n{body}\n\nChapter 2\n\n{body}".encode()


def audio_worker(data: Path, log: Path) -> subprocess.Popen:
    """`accessreader worker` (one thread) speaking with the library's settings, in its own process group."""
    env = {
        **os.environ, "PYTHONPATH": str(ROOT), "ACCESSREADER_DATA": str(data), "ACCESSREADER_AUDIO": "yes",
        "ACCESSREADER_CHAPTERS_PER_PART": "1", "ACCESSREADER_LEASE_SECONDS": "1.5",
    }  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-m", "accessreader", "worker", "--threads", "1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log.open("ab"), start_new_session=True,
    )  # fmt: skip


def stop_group(process: subprocess.Popen) -> None:
    """Kill the worker and what it started (the speaking processes of a worker killed with -9 live on)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=10)


def sentences_per_step(payload: bytes, name: str) -> dict[str, int]:
    """How many sentences each speaking step says (one chapter a step)."""
    counts: dict[str, int] = {}
    for utterance in speech_script(content.read(payload, name)):
        step = f"speak-{utterance.locator.chapter}-{utterance.locator.chapter + 1}"
        counts[step] = counts.get(step, 0) + utterance.last
    return counts


def speaking_steps(jobs: Jobs, job: str) -> list[dict]:
    return [s for s in jobs.steps(job) if s["name"].startswith("speak-")]


def test_two_worker_processes_speak_the_chapters_of_one_title_and_they_stream_afterwards(tmp_path):
    library = make_library(tmp_path, audio=True, lease_seconds=1.5)
    log = tmp_path / "workers.log"
    payload = talking_book(4)
    workers = [audio_worker(library.settings.data, log) for _ in range(2)]
    try:
        added = library.add(payload, "dala.txt")
        info = wait(library.jobs, added.job, timeout=120)
    finally:
        for worker in workers:
            stop_group(worker)
    assert (info.status, info.stage, info.percent) == (DONE, "done", 100), log.read_text()
    steps = speaking_steps(library.jobs, added.job)
    assert [s["name"] for s in steps] == ["speak-0-1", "speak-1-2", "speak-2-3"]
    assert {s["worker"].rsplit(":", 1)[1] for s in steps} == {str(w.pid) for w in workers}
    assert {s["name"]: s["done"] for s in steps} == sentences_per_step(payload, "dala.txt")
    assert library.jobs.steps(added.job)[-1]["name"] == "audio"

    title = added.title.id
    with TestClient(create_app(library.settings, library)) as client:
        assert client.post("/api/login", json={"login": READER[0], "secret": READER[1]}).status_code == 200
        chapters = client.get(f"/api/titles/{title}/audio").json()
        assert [c["number"] for c in chapters] == [1, 2, 3] and all(c["opus_href"] for c in chapters)
        for chapter in chapters:
            mp3, opus = client.get(chapter["href"]), client.get(chapter["opus_href"])
            assert mp3.status_code == opus.status_code == 200 and mp3.headers["content-type"] == "audio/mpeg"
            assert seconds_of(opus.content, tmp_path) == pytest.approx(chapter["seconds"], abs=0.02)
            # MP3 ends on whole frames of 52 ms, and ffprobe counts LAME's padding frame
            assert 0 <= seconds_of(mp3.content, tmp_path) - chapter["seconds"] <= 0.11
            assert chapter["sentences"][-1][2] == pytest.approx(chapter["seconds"], abs=0.01)
    assert len(chapters[1]["sentences"]) == 5 and chapters[1]["seconds"] > 2  # the heading and four sentences


def test_a_speaking_step_killed_mid_chapter_is_redone_by_another_worker_and_nothing_half_made_is_heard(tmp_path):
    library = make_library(tmp_path, audio=True, lease_seconds=1.5)
    jobs, log = library.jobs, tmp_path / "workers.log"
    payload = talking_book(60)
    per_step = sentences_per_step(payload, "long.txt")
    first = audio_worker(library.settings.data, log)
    try:
        added = library.add(payload, "long.txt")

        def mid_chapter(step: dict) -> bool:  # a chapter's speech under way, with sentences still to say
            return step["name"].startswith("speak-") and 0 < step["done"] < per_step[step["name"]] - 3

        midway, killed = kill_mid_step(jobs, added.job, first, mid_chapter)
        audio = library.audiobooks.folder(added.title.id)
        assert midway.stage == "speaking" and 0 < midway.percent < 100, log.read_text()
        assert midway.eta_seconds is not None and midway.eta_seconds > 0
        assert not audio.exists() and not any(c.made for c in library.audiobooks.chapters(added.title.id))

        second = audio_worker(library.settings.data, log)
        try:
            info = wait(jobs, added.job, timeout=120)
        finally:
            stop_group(second)
    finally:
        stop_group(first)
    assert info.status == DONE, log.read_text()
    redone = next(s for s in speaking_steps(jobs, added.job) if s["name"] == killed)
    assert redone["attempts"] == 2 and redone["worker"].endswith(f":{second.pid}")
    assert redone["done"] == per_step[killed]
    chapters = library.audiobooks.chapters(added.title.id)
    assert [c.index for c in chapters] == [0, 1, 2] and all(c.made for c in chapters)
    assert [len(c.sentences) for c in chapters] == [per_step[f"speak-{n}-{n + 1}"] for n in range(3)]
    assert sorted(p.name for p in audio.iterdir()) == [
        "001.mp3", "001.opus", "002.mp3", "002.opus", "003.mp3", "003.opus", "timings.json"
    ]  # fmt: skip
    assert [p.name for p in audio.parent.iterdir()] == [audio.name]
    library.close()


def test_a_jobs_table_made_before_speaking_steps_is_copied_into_the_store(tmp_path):
    """A data folder from the version without speaking steps keeps its jobs."""
    with sqlite3.connect(tmp_path / "jobs.sqlite3") as db:
        db.execute(
            "CREATE TABLE jobs (id TEXT PRIMARY KEY, title TEXT NOT NULL, source TEXT NOT NULL, name TEXT NOT NULL,"
            " stem TEXT NOT NULL, formats TEXT NOT NULL, status TEXT NOT NULL, stage TEXT NOT NULL,"
            " total INTEGER NOT NULL DEFAULT 0, created REAL NOT NULL, started REAL, finished REAL,"
            " error_code TEXT, error_params TEXT)"
        )
        db.execute(
            "INSERT INTO jobs VALUES ('old1', '1', 'sources/a.txt', 'a.txt', 'a', 'brf', 'done', 'done',"
            " 4, 1, 1, 2, NULL, NULL)"
        )
    db.close()
    jobs = Jobs(settings(tmp_path), FolderPublisher(tmp_path))
    assert jobs.get("old1").to_dict()["percent"] == 100 and jobs.steps("old1") == []
    job = jobs.submit(source(tmp_path, "b.txt", book(1, 1)), 2, "b", FORMATS)
    assert jobs.get(job).status == "queued" and jobs.get(job).speech == 0


#: The tables of ``data/jobs.sqlite3`` as the versions before the store's revision 0005 made them.
OLD_JOBS_FILE = """
CREATE TABLE jobs (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, source TEXT NOT NULL, name TEXT NOT NULL, stem TEXT NOT NULL,
    formats TEXT NOT NULL, status TEXT NOT NULL, stage TEXT NOT NULL, total INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL, started REAL, finished REAL, error_code TEXT, error_params TEXT,
    speech INTEGER NOT NULL DEFAULT 0, speaking REAL
);
CREATE TABLE steps (
    job TEXT NOT NULL REFERENCES jobs(id), name TEXT NOT NULL, status TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0, lease REAL NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0,
    worker TEXT NOT NULL DEFAULT '', PRIMARY KEY (job, name)
);
"""


def test_an_unfinished_job_of_an_older_jobs_file_is_copied_into_the_store_once_and_finished(tmp_path):
    source(tmp_path, "old.txt", book(chapters=2, paragraphs=3))
    db = sqlite3.connect(tmp_path / "jobs.sqlite3")
    with db:
        db.executescript(OLD_JOBS_FILE)
        db.execute(
            "INSERT INTO jobs (id, title, source, name, stem, formats, status, stage, created)"
            " VALUES ('old2', '6', 'sources/old.txt', 'old.txt', 'old', 'brf,pef,ubrl', 'queued', 'queued', 1)"
        )
        db.execute("INSERT INTO steps (job, name, status) VALUES ('old2', 'prepare', 'queued')")
    db.close()

    jobs = Jobs(settings(tmp_path, lease=0.4), FolderPublisher(tmp_path))
    assert not (tmp_path / "jobs.sqlite3").exists() and (tmp_path / "jobs.sqlite3.imported").is_file()
    worker = jobs.worker(1)
    worker.start()
    try:
        info = wait(jobs, "old2", timeout=30)
    finally:
        worker.stop()
    assert info.status == DONE
    assert set(published(tmp_path, 6)) == {"old.brf", "old.pef", "old.ubrl.txt"}
    again = Jobs(settings(tmp_path), FolderPublisher(tmp_path))
    assert [(j.id, j.status) for j in again.list()] == [("old2", DONE)]


def test_the_jobs_package_exports_its_public_names():
    import accessreader.service.jobs as package

    assert all(hasattr(package, name) for name in package.__all__)
    assert package.STAGES == ("queued", "reading", "translating", "writing", "speaking", "done")
    assert {"Jobs", "JobInfo", "Publisher", "Worker", "STAGES", "DONE", "FAILED"} <= set(package.__all__)
