"""Conversions as jobs on a task queue (huey): submit, progress and ETA, retry, recovery.

    submit(source, title) ──▶ job row + step "prepare" on the queue
    prepare      read the source → work/<job>/document.json; cut into parts of N chapters
    part-A-B     braille of chapters A…B-1 → work/<job>/part-A-B.pickle      (any worker)
    assemble     parts joined → each format written whole in work/<job>/, then handed
                 to the ``Publisher`` (the catalog), which moves it into place

The queue is ``SqliteHuey`` in the data folder (embedded: the worker runs inside
``accessreader serve``), or ``RedisHuey`` when ``ACCESSREADER_QUEUE=redis://…``,
with ``accessreader worker`` on any number of machines sharing the data folder.

Job state (stage, steps done of total, ETA, error) is kept in ``data/jobs.sqlite3``,
where the API, the web page and ``accessreader jobs`` read it.  A step claims
itself with a lease; every worker process renews the leases of its own running
steps every few seconds and queues again (``recover``) a step whose lease ran
out — its worker was killed — up to ``MAX_ATTEMPTS`` times.  Nothing is
published before ``assemble`` has a whole file, so a killed worker leaves no
half-written output.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import shutil
import socket
import sqlite3
import threading
import time
import uuid
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Protocol

from huey import RedisHuey, SqliteHuey
from huey.api import Huey
from huey.consumer import Consumer

from . import atomic, content, convert
from .braille.translate import Braille, main_language, translate_block
from .errors import AccessReaderError, JobNotFailed, UnknownJob
from .messages import translate
from .model import Document
from .settings import Settings

log = logging.getLogger(__name__)

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
#: Stages a job passes through, in order.
STAGES = ("queued", "reading", "translating", "writing", "speaking", "done")
#: How many times a step is started before its job is given up as failed.
MAX_ATTEMPTS = 3

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, source TEXT NOT NULL, name TEXT NOT NULL, stem TEXT NOT NULL,
    formats TEXT NOT NULL, status TEXT NOT NULL, stage TEXT NOT NULL, total INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL, started REAL, finished REAL, error_code TEXT, error_params TEXT
);
CREATE TABLE IF NOT EXISTS steps (
    job TEXT NOT NULL REFERENCES jobs(id), name TEXT NOT NULL, status TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0, lease REAL NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0,
    worker TEXT NOT NULL DEFAULT '', PRIMARY KEY (job, name)
);
"""


@dataclass
class JobInfo:
    """What a job looks like from outside: its stage, progress, estimate and error."""

    id: str
    title: str
    source: str
    formats: list[str]
    status: str
    stage: str
    done: int
    total: int
    created: float
    started: float | None
    finished: float | None
    error_code: str | None
    error_params: dict[str, str]

    @property
    def percent(self) -> int:
        if self.status == DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def eta_seconds(self) -> float | None:
        """Seconds left at the pace so far; ``None`` until there is a pace, 0 when finished."""
        if self.status in (DONE, FAILED):
            return 0.0
        if not self.started or not self.done or not self.total:
            return None
        elapsed = time.time() - self.started
        return max(0.0, elapsed / self.done * (self.total - self.done))

    def error(self, lang: str = "en") -> str:
        """The failure in ``lang``, or "" when the job has not failed."""
        return translate(self.error_code, lang, **self.error_params) if self.error_code else ""

    def to_dict(self, lang: str = "en") -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "formats": self.formats,
            "status": self.status,
            "stage": self.stage,
            "percent": self.percent,
            "eta_seconds": None if self.eta_seconds is None else round(self.eta_seconds, 1),
            "error": self.error(lang),
        }


class Publisher(Protocol):
    """Where a job's results go: the catalog (``library.CatalogPublisher``)."""

    def started(self, title: str, document: Document) -> None:
        """The source was read: ``document`` gives the title's metadata; conversion begins."""

    def publish(self, title: str, fmt: str, file_name: str, path: Path) -> None:
        """A whole output file at ``path``: move it into place as the title's format ``fmt``."""

    def speak(self, title: str) -> None:
        """Speak the title into audio chapters for listening (when ``Settings.audio`` is on)."""

    def finished(self, title: str) -> None:
        """Every format was published."""

    def failed(self, title: str, message: str) -> None:
        """The job failed with ``message`` (English; the job keeps the code for other languages)."""


def make_queue(settings: Settings) -> Huey:
    """The huey instance: Redis for a ``redis://`` queue URL, else SQLite in the data folder."""
    if settings.queue.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey("accessreader", url=settings.queue)
    settings.data.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("accessreader", filename=str(settings.data / "queue.sqlite3"))


class Jobs:
    """The jobs of one data folder on one queue; the CLI, the server and the workers share it."""

    def __init__(self, settings: Settings, publisher: Publisher) -> None:
        self.settings = settings
        self.publisher = publisher
        self.data = Path(settings.data)
        self.data.mkdir(parents=True, exist_ok=True)
        self.huey = make_queue(settings)
        self._step = self.huey.task(name="accessreader.step")(self._run)
        with closing(sqlite3.connect(self.data / "jobs.sqlite3", timeout=30)) as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)

    # ── asking ──────────────────────────────────────────────────────────────

    def submit(
        self, source: Path, title: str, stem: str, formats: list[str] | None = None, name: str = ""
    ) -> str:
        """Queue the conversion of ``source`` (a file under the data folder); returns the job id.

        ``name`` is the file name people know the source by (for messages), by
        default the source's own.  Raises ``BadOption`` for a format nobody can make.
        """
        names = convert.parse_formats(",".join(formats or self.settings.formats))
        job = uuid.uuid4().hex[:12]
        relative = Path(source).resolve().relative_to(self.data.resolve())
        with self._db() as db:
            db.execute(
                "INSERT INTO jobs (id, title, source, name, stem, formats, status, stage, created)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                (job, title, str(relative), name or relative.name, stem, ",".join(names), QUEUED, "queued", time.time()),
            )
            db.execute("INSERT INTO steps (job, name, status) VALUES (?, 'prepare', ?)", (job, QUEUED))
        self._step(job, "prepare")
        return job

    def get(self, job: str) -> JobInfo:
        """The job ``job``; raises ``UnknownJob``."""
        found = self._infos("WHERE j.id = ?", (job,))
        if not found:
            raise UnknownJob(job=job)
        return found[0]

    def list(self, title: str | None = None, limit: int = 200) -> list[JobInfo]:
        """The newest jobs first (only ``title``'s when given)."""
        if title is None:
            return self._infos("ORDER BY j.created DESC LIMIT ?", (limit,))
        return self._infos("WHERE j.title = ? ORDER BY j.created DESC LIMIT ?", (title, limit))

    def retry(self, job: str) -> JobInfo:
        """Start a failed job again from the beginning; raises ``UnknownJob`` or ``JobNotFailed``."""
        info = self.get(job)
        if info.status != FAILED:
            raise JobNotFailed(job=job, status=info.status)
        with self._db() as db:
            db.execute("DELETE FROM steps WHERE job = ?", (job,))
            db.execute("INSERT INTO steps (job, name, status) VALUES (?, 'prepare', ?)", (job, QUEUED))
            db.execute(
                "UPDATE jobs SET status=?, stage='queued', total=0, started=NULL, finished=NULL,"
                " error_code=NULL, error_params=NULL WHERE id=?",
                (QUEUED, job),
            )
        self._step(job, "prepare")
        return self.get(job)

    def renew(self) -> None:
        """Extend the leases of the steps this process is running: it is alive."""
        with self._db() as db:
            db.execute(
                "UPDATE steps SET lease=? WHERE status=? AND worker=?",
                (time.time() + self.settings.lease_seconds, RUNNING, _worker_name()),
            )

    def recover(self) -> int:
        """Queue again the steps that lost their worker; returns how many.

        Two ways to lose one: a running step whose lease ran out (its worker was
        killed), and a queued step whose queue message is gone (a worker took the
        message off the queue and was killed before it claimed the step).  A
        queued step is looked at once a lease period; a message sent twice is
        harmless, since only one claim of a step succeeds.
        """
        now = time.time()
        with self._db() as db:
            lost = db.execute(
                "SELECT s.job, s.name, s.attempts FROM steps s JOIN jobs j ON j.id = s.job"
                " WHERE s.status = ? AND s.lease < ? AND j.status = ?",
                (RUNNING, now, RUNNING),
            ).fetchall()
            waiting = db.execute(
                "SELECT s.job, s.name FROM steps s JOIN jobs j ON j.id = s.job"
                " WHERE s.status = ? AND s.lease < ? AND j.status IN (?, ?)",
                (QUEUED, now, QUEUED, RUNNING),
            ).fetchall()
        requeued = 0
        for job, name, attempts in lost:
            if attempts >= MAX_ATTEMPTS:
                self._fail(job, "job_worker_lost", {"step": name, "attempts": str(attempts)})
                continue
            with self._db() as db:
                changed = db.execute(
                    "UPDATE steps SET status=?, lease=? WHERE job=? AND name=? AND status=? AND lease < ?",
                    (QUEUED, now + self.settings.lease_seconds, job, name, RUNNING, now),
                ).rowcount
            if changed:
                log.warning("job %s: step %s lost its worker, queued again", job, name)
                self._step(job, name)
                requeued += 1
        if waiting:
            on_queue = {tuple(task.args) for task in self.huey.pending()}
            for job, name in waiting:
                with self._db() as db:
                    db.execute(
                        "UPDATE steps SET lease=? WHERE job=? AND name=? AND status=?",
                        (now + self.settings.lease_seconds, job, name, QUEUED),
                    )
                if (job, name) not in on_queue:
                    log.warning("job %s: step %s lost its queue message, queued again", job, name)
                    self._step(job, name)
                    requeued += 1
        return requeued

    def steps(self, job: str) -> list[dict]:
        """The steps of a job: name, status, units done, attempts and the worker ("host:pid") that ran it last."""
        with self._db() as db:
            rows = db.execute(
                "SELECT name, status, done, attempts, worker FROM steps WHERE job=? ORDER BY rowid", (job,)
            ).fetchall()
        return [dict(row) for row in rows]

    def worker(self, workers: int | None = None) -> "Worker":
        """A worker over this queue (threads in this process), not started yet."""
        return Worker(self, workers or self.settings.workers)

    # ── doing ───────────────────────────────────────────────────────────────

    def _run(self, job: str, step: str) -> None:
        """One step of one job, as a queue task; a step already taken by another worker is skipped."""
        if not self._claim(job, step):
            return
        progress = _Progress(self, job, step)
        try:
            if step == "prepare":
                self._prepare(job)
            elif step == "assemble":
                self._assemble(job, progress)
            else:
                self._part(job, step, progress)
        except AccessReaderError as error:
            self._fail(job, error.code, {k: str(v) for k, v in error.params.items()})
            return
        except Exception as error:  # a bug: keep it on the job, and in the log with its context
            log.exception("job %s step %s failed", job, step)
            self._fail(job, "error", {"detail": f"{type(error).__name__}: {error}"})
            return
        self._step_done(job, step, progress.done)

    def _prepare(self, job: str) -> None:
        row = self._row(job)
        self._set(job, stage="reading")
        source = self.data / row["source"]
        document = content.read(source.read_bytes(), row["name"])
        formats = row["formats"].split(",")
        convert.prepare(document, formats, convert.Options())
        self.publisher.started(row["title"], document)
        atomic.write_bytes(self._work(job) / "document.json", document.to_json().encode())
        size = max(1, self.settings.chapters_per_part)
        count = len(document.chapters)
        parts = [f"part-{first}-{min(first + size, count)}" for first in range(0, count, size)]
        blocks = sum(1 for _ in document.blocks())
        with self._db() as db:
            db.executemany(
                "INSERT OR IGNORE INTO steps (job, name, status) VALUES (?, ?, ?)", [(job, p, QUEUED) for p in parts]
            )
            db.execute("UPDATE jobs SET total=?, stage='translating' WHERE id=?", (blocks + len(formats), job))
        for part in parts:
            self._step(job, part)

    def _part(self, job: str, step: str, progress: "_Progress") -> None:
        document = self._document(job)
        first, last = (int(n) for n in step.split("-")[1:])
        code = convert.Options().code
        lang = main_language(document)
        blocks = []
        for chapter in document.chapters[first:last]:
            for block in chapter.blocks:
                blocks.append(translate_block(block, code, lang))
                progress(1)
        atomic.write_bytes(self._work(job) / f"{step}.pickle", pickle.dumps(blocks))

    def _assemble(self, job: str, progress: "_Progress") -> None:
        row = self._row(job)
        self._set(job, stage="writing")
        document = self._document(job)
        options = convert.Options()
        with self._db() as db:
            parts = [n for (n,) in db.execute("SELECT name FROM steps WHERE job=? AND name LIKE 'part-%'", (job,))]
        parts.sort(key=lambda name: int(name.split("-")[1]))
        blocks = []
        for part in parts:
            blocks += pickle.loads((self._work(job) / f"{part}.pickle").read_bytes())
        conversion = convert.Job(document, options)
        # The braille made by the parts stands in for the whole-book translation
        # (``Job.braille`` is a cached_property, kept in the instance's __dict__).
        conversion.__dict__["braille"] = Braille(blocks, main_language(document), options.code)
        folder = self._work(job) / "out"
        for name in row["formats"].split(","):
            file_name = f"{row['stem']}{convert.FORMATS[name].suffix}"
            data = convert.FORMATS[name].write(conversion, folder / file_name)
            if data is not None:
                atomic.write_bytes(folder / file_name, data)
            self.publisher.publish(row["title"], name, file_name, folder / file_name)
            progress(1)
        if self.settings.audio:
            self._set(job, stage="speaking")
            self.publisher.speak(row["title"])
        self.publisher.finished(row["title"])
        shutil.rmtree(self._work(job), ignore_errors=True)

    # ── state ───────────────────────────────────────────────────────────────

    def _claim(self, job: str, step: str) -> bool:
        now = time.time()
        with self._db() as db:
            claimed = db.execute(
                "UPDATE steps SET status=?, lease=?, done=0, attempts=attempts+1, worker=?"
                " WHERE job=? AND name=? AND status=? AND job IN (SELECT id FROM jobs WHERE status IN (?, ?))",
                (RUNNING, now + self.settings.lease_seconds, _worker_name(), job, step, QUEUED, QUEUED, RUNNING),
            ).rowcount
            if claimed:
                db.execute(
                    "UPDATE jobs SET status=?, started=COALESCE(started, ?) WHERE id=?", (RUNNING, now, job)
                )
        return bool(claimed)

    def _step_done(self, job: str, step: str, done: int) -> None:
        with self._db() as db:
            finished = db.execute(
                "UPDATE steps SET status=?, done=? WHERE job=? AND name=? AND status=?", (DONE, done, job, step, RUNNING)
            ).rowcount
            if not finished:  # a step of an attempt since given up
                return
            if step == "assemble":
                db.execute(
                    "UPDATE jobs SET status=?, stage='done', finished=? WHERE id=?", (DONE, time.time(), job)
                )
                return
            waiting = db.execute(
                "SELECT COUNT(*) FROM steps WHERE job=? AND (name LIKE 'part-%' OR name = 'prepare') AND status != ?",
                (job, DONE),
            ).fetchone()[0]
            started = not waiting and db.execute(
                "INSERT OR IGNORE INTO steps (job, name, status) VALUES (?, 'assemble', ?)", (job, QUEUED)
            ).rowcount
        if started:
            self._step(job, "assemble")

    def _fail(self, job: str, code: str, params: dict[str, str]) -> None:
        self.publisher.failed(self._row(job)["title"], translate(code, "en", **params))
        with self._db() as db:
            db.execute(
                "UPDATE jobs SET status=?, stage='failed', finished=?, error_code=?, error_params=? WHERE id=?",
                (FAILED, time.time(), code, json.dumps(params, ensure_ascii=False), job),
            )
            db.execute("UPDATE steps SET status=? WHERE job=? AND status != ?", (FAILED, job, DONE))
        shutil.rmtree(self._work(job), ignore_errors=True)

    def _set(self, job: str, stage: str) -> None:
        with self._db() as db:
            db.execute("UPDATE jobs SET stage=? WHERE id=?", (stage, job))

    def _row(self, job: str) -> sqlite3.Row:
        with self._db() as db:
            row = db.execute("SELECT * FROM jobs WHERE id=?", (job,)).fetchone()
        if row is None:
            raise UnknownJob(job=job)
        return row

    def _infos(self, where: str, params: tuple) -> list[JobInfo]:
        with self._db() as db:
            rows = db.execute(
                "SELECT j.*, (SELECT COALESCE(SUM(done), 0) FROM steps s WHERE s.job = j.id) AS done"
                f" FROM jobs j {where}",
                params,
            ).fetchall()
        return [
            JobInfo(
                id=r["id"],
                title=r["title"],
                source=r["name"],
                formats=r["formats"].split(","),
                status=r["status"],
                stage=r["stage"],
                done=min(r["done"], r["total"]),
                total=r["total"],
                created=r["created"],
                started=r["started"],
                finished=r["finished"],
                error_code=r["error_code"],
                error_params=json.loads(r["error_params"] or "{}"),
            )
            for r in rows
        ]

    def _work(self, job: str) -> Path:
        return self.data / "work" / job

    def _document(self, job: str) -> Document:
        return Document.from_json((self._work(job) / "document.json").read_text(encoding="utf-8"))

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        """A connection in one transaction (committed on leaving), WAL so workers and readers share it."""
        with closing(sqlite3.connect(self.data / "jobs.sqlite3", timeout=30, isolation_level=None)) as db:
            db.row_factory = sqlite3.Row
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")


def _worker_name() -> str:
    """This process as the steps table names it ("host:pid")."""
    return f"{socket.gethostname()}:{os.getpid()}"


class _Progress:
    """``progress(n)``: n more units of a step done; written at most 4 times a second."""

    def __init__(self, jobs: Jobs, job: str, step: str) -> None:
        self.jobs, self.job, self.step = jobs, job, step
        self.done = 0
        self._written = 0.0

    def __call__(self, n: int = 1) -> None:
        self.done += n
        now = time.time()
        if now - self._written < 0.25:
            return
        self._written = now
        with self.jobs._db() as db:
            db.execute("UPDATE steps SET done=? WHERE job=? AND name=?", (self.done, self.job, self.step))


class _Consumer(Consumer):
    """huey's consumer without its signal handlers: ``serve`` and ``worker`` own the signals."""

    def _set_signal_handlers(self) -> None:
        pass


class Worker:
    """Threads that run queued steps, and a watcher that queues again steps whose worker died."""

    def __init__(self, jobs: Jobs, workers: int) -> None:
        self.jobs = jobs
        self.consumer = _Consumer(jobs.huey, workers=workers, periodic=False, initial_delay=0.05, max_delay=0.5)
        self._stop = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="accessreader-recover", daemon=True)

    def start(self) -> None:
        self.consumer.start()
        self._watcher.start()

    def stop(self) -> None:
        """Stop taking steps; waits for the running ones to end."""
        self._stop.set()
        self.consumer.stop(graceful=True)

    def _watch(self) -> None:
        interval = max(0.1, min(5.0, self.jobs.settings.lease_seconds / 4))
        while not self._stop.wait(interval):
            try:
                self.jobs.renew()
                self.jobs.recover()
            except sqlite3.Error:
                log.exception("recovering lost steps")
