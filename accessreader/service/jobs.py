"""Conversions as jobs on a task queue (huey): submit, progress and ETA, retry, recovery.

    submit(source, title) ──▶ job row + step "prepare" on the queue
    prepare      read the source → work/<job>/document.json; cut into parts of N chapters
    part-A-B     braille of chapters A…B-1 → work/<job>/part-A-B.pickle      (any worker)
    assemble     parts joined → each format written whole in work/<job>/, then handed
                 to the ``Publisher`` (the catalog), which moves it into place
  with ``ACCESSREADER_AUDIO=yes``, once the braille is published (stage "speaking"):
    speak-A-B    chapters A…B-1 spoken → work/<job>/speak-A-B/ (MP3, Opus, timings),
                 a folder that appears whole                           (any worker)
    audio        every speak-A-B folder handed to the ``Publisher`` at once, which puts
                 them in place for listening (``audiobook.join``)

The queue is ``SqliteHuey`` in the data folder (embedded: the worker runs inside
``accessreader serve``), or ``RedisHuey`` when ``ACCESSREADER_QUEUE=redis://…``,
with ``accessreader worker`` on any number of machines sharing the data folder
for files and the database for the job state.

Job state (stage, steps done of total, ETA, error, leases) is kept in the ``jobs``
and ``steps`` tables of the catalog's store (``store.py``: SQLite in the data folder,
or the PostgreSQL of ``ACCESSREADER_DATABASE``, which workers on other machines then
share; the data folder holds only files), where the API, the web page and
``accessreader jobs`` read it.  A change to a job is one transaction that first locks
the job's row (SQLite: the whole file, ``BEGIN IMMEDIATE``); a step is claimed by a
conditional ``UPDATE … WHERE status='queued'``, so two workers never both run it.
Jobs in a ``data/jobs.sqlite3`` of an earlier version are copied in once.

Progress counts braille blocks, files written and sentences spoken; while speaking,
the time left is reckoned from the pace of the speech alone.  A step claims itself
with a lease; every worker process renews the leases of its own running steps
every few seconds and queues again (``recover``) a step whose lease ran out — its
worker was killed — up to ``MAX_ATTEMPTS`` times.  Nothing is published before
``assemble`` has a whole file or ``audio`` every spoken part,
so a killed worker leaves no half-written output.
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
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from huey import RedisHuey, SqliteHuey
from huey.api import Huey
from huey.consumer import Consumer
from sqlalchemy import ColumnElement, Connection, RowMapping, delete, func, insert, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from .. import atomic, content, convert
from ..braille.translate import Braille, main_language, translate_block
from ..errors import AccessReaderError, JobNotFailed, UnknownJob
from ..messages import translate
from ..model import Document
from ..settings import Settings
from ..tts.script import speech_script
from ..tts.synthesis import SpeechOptions
from . import audiobook, schema
from .store import Store, open_settings_store

log = logging.getLogger(__name__)

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
#: A step planned but not on the queue yet (speaking waits for the braille).
WAITING = "waiting"
#: Stages a job passes through, in order.
STAGES = ("queued", "reading", "translating", "writing", "speaking", "done")
#: How many times a step is started before its job is given up as failed.
MAX_ATTEMPTS = 3

_J, _S = schema.jobs.c, schema.steps.c


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
    speech: int = 0  # sentences to speak, part of ``total``
    speaking: float | None = None  # when speaking began

    @property
    def percent(self) -> int:
        if self.status == DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def eta_seconds(self) -> float | None:
        """Seconds left at the pace so far; ``None`` until there is a pace, 0 when finished.

        Speech is far slower than braille: before speaking begins the braille's pace says
        nothing of it (``None``), and while speaking only the sentences' pace counts.
        """
        if self.status in (DONE, FAILED):
            return 0.0
        since, base = self.started, 0
        if self.stage == "speaking" and self.speaking:
            since, base = self.speaking, self.total - self.speech
        elif self.speech:
            return None
        if not since or self.done <= base or not self.total:
            return None
        return max(0.0, (time.time() - since) / (self.done - base) * (self.total - self.done))

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

    def publish_audio(self, title: str, parts: list[Path]) -> None:
        """Whole spoken parts (folders made by ``audiobook.speak_chapters``): put them in place together."""

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
    """The jobs of one data folder on one queue; the CLI, the server and the workers share it.

    ``store`` is the catalog's (the ``Library`` passes its own); by default the one the
    settings name (``store.open_settings_store``).
    """

    def __init__(self, settings: Settings, publisher: Publisher, store: Store | None = None) -> None:
        self.settings = settings
        self.publisher = publisher
        self.data = Path(settings.data)
        self.data.mkdir(parents=True, exist_ok=True)
        self.store = store or open_settings_store(settings)
        self.huey = make_queue(settings)
        self._step = self.huey.task(name="accessreader.step")(self._run)
        _import_old(self.store, self.data / "jobs.sqlite3")

    # ── asking ──────────────────────────────────────────────────────────────

    def submit(self, source: Path, title: str, stem: str, formats: list[str] | None = None, name: str = "") -> str:
        """Queue the conversion of ``source`` (a file under the data folder); returns the job id.

        ``name`` is the file name people know the source by (for messages), by
        default the source's own.  Raises ``BadOption`` for a format nobody can make.
        """
        names = convert.parse_formats(",".join(formats or self.settings.formats))
        job = uuid.uuid4().hex[:12]
        relative = Path(source).resolve().relative_to(self.data.resolve())
        with self._db() as db:
            db.execute(
                insert(schema.jobs).values(
                    id=job,
                    title=title,
                    source=str(relative),
                    name=name or relative.name,
                    stem=stem,
                    formats=",".join(names),
                    status=QUEUED,
                    stage="queued",
                    created=time.time(),
                )
            )
            db.execute(insert(schema.steps).values(job=job, name="prepare", status=QUEUED))
        self._step(job, "prepare")
        return job

    def get(self, job: str) -> JobInfo:
        """The job ``job``; raises ``UnknownJob``."""
        found = self._infos(_J.id == job)
        if not found:
            raise UnknownJob(job=job)
        return found[0]

    def list(self, title: str | None = None, limit: int = 200) -> list[JobInfo]:
        """The newest jobs first (only ``title``'s when given)."""
        return self._infos(None if title is None else _J.title == title, limit)

    def retry(self, job: str) -> JobInfo:
        """Start a failed job again from the beginning; raises ``UnknownJob`` or ``JobNotFailed``."""
        info = self.get(job)
        if info.status != FAILED:
            raise JobNotFailed(job=job, status=info.status)
        with self._db(job) as db:
            db.execute(delete(schema.steps).where(_S.job == job))
            db.execute(insert(schema.steps).values(job=job, name="prepare", status=QUEUED))
            db.execute(
                update(schema.jobs)
                .where(_J.id == job)
                .values(
                    status=QUEUED,
                    stage="queued",
                    total=0,
                    started=None,
                    finished=None,
                    error_code=None,
                    error_params=None,
                    speech=0,
                    speaking=None,
                )
            )
        self._step(job, "prepare")
        return self.get(job)

    def renew(self) -> None:
        """Extend the leases of the steps this process is running: it is alive.

        A step's row locked by a change under way is left for the next round (``SKIP
        LOCKED``), so renewing never waits on, or deadlocks with, a job's transaction.
        """
        mine = select(_S.id).where(_S.status == RUNNING, _S.worker == _worker_name())
        with self._db() as db:
            db.execute(
                update(schema.steps)
                .where(_S.id.in_(mine.with_for_update(skip_locked=True)))
                .values(lease=time.time() + self.settings.lease_seconds)
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
        both = schema.steps.join(schema.jobs)
        with self.store.begin() as db:
            lost = db.execute(
                select(_S.job, _S.name, _S.attempts).select_from(both)
                .where(_S.status == RUNNING, _S.lease < now, _J.status == RUNNING)
            ).all()  # fmt: skip
            waiting = db.execute(
                select(_S.id, _S.job, _S.name).select_from(both)
                .where(_S.status == QUEUED, _S.lease < now, _J.status.in_((QUEUED, RUNNING)))
            ).all()  # fmt: skip
        requeued = 0
        for job, name, attempts in lost:
            if attempts >= MAX_ATTEMPTS:
                self._fail(job, "job_worker_lost", {"step": name, "attempts": str(attempts)})
                continue
            with self._db() as db:
                changed = db.execute(
                    update(schema.steps)
                    .where(_S.job == job, _S.name == name, _S.status == RUNNING, _S.lease < now)
                    .values(status=QUEUED, lease=now + self.settings.lease_seconds)
                ).rowcount
            if changed:
                log.warning("job %s: step %s lost its worker, queued again", job, name)
                self._step(job, name)
                requeued += 1
        if waiting:  # looked at now: not again for a lease period
            with self._db() as db:
                db.execute(
                    update(schema.steps)
                    .where(_S.id.in_([step_id for step_id, _, _ in waiting]), _S.status == QUEUED)
                    .values(lease=now + self.settings.lease_seconds)
                )
            on_queue = {tuple(task.args) for task in self.huey.pending()}
            for _, job, name in waiting:
                if (job, name) not in on_queue:
                    log.warning("job %s: step %s lost its queue message, queued again", job, name)
                    self._step(job, name)
                    requeued += 1
        return requeued

    def steps(self, job: str) -> list[dict]:
        """The steps of a job: name, status, units done, attempts and the worker ("host:pid") that ran it last."""
        query = select(_S.name, _S.status, _S.done, _S.attempts, _S.worker).where(_S.job == job).order_by(_S.id)
        with self.store.begin() as db:
            return [dict(row) for row in db.execute(query).mappings()]

    def worker(self, workers: int | None = None) -> Worker:
        """A worker over this queue (threads in this process), not started yet."""
        return Worker(self, workers or self.settings.workers)

    # ── doing ───────────────────────────────────────────────────────────────

    def _run(self, job: str, step: str) -> None:
        """One step of one job, as a queue task; a step already taken by another worker is skipped."""
        if not self._claim(job, step):
            return
        progress = _Progress(self, job, step)
        kinds = {"prepare": self._prepare, "part": self._part, "assemble": self._assemble,
                 "speak": self._speak, "audio": self._audio}  # fmt: skip
        try:
            kinds[step.split("-")[0]](job, step, progress)
        except AccessReaderError as error:
            self._fail(job, error.code, {k: str(v) for k, v in error.params.items()})
            return
        except Exception as error:  # a bug: keep it on the job, and in the log with its context
            log.exception("job %s step %s failed", job, step)
            self._fail(job, "error", {"detail": f"{type(error).__name__}: {error}"})
            return
        self._step_done(job, step, progress.done)

    def _prepare(self, job: str, step: str, progress: _Progress) -> None:
        row = self._row(job)
        self._set(job, stage="reading")
        source = self.data / row["source"]
        document = content.read_bounded(source.read_bytes(), row["name"])
        formats = row["formats"].split(",")
        convert.prepare(document, formats, convert.Options())
        self.publisher.started(row["title"], document)
        atomic.write_bytes(self._work(job) / "document.json", document.to_json().encode())
        size = max(1, self.settings.chapters_per_part)
        count = len(document.chapters)
        ranges = [(first, min(first + size, count)) for first in range(0, count, size)]
        parts = [f"part-{first}-{last}" for first, last in ranges]
        blocks = sum(1 for _ in document.blocks())
        speech, sentences = [], 0
        if self.settings.audio:  # planned now, queued once the braille is published
            script = speech_script(document)
            said = {u.locator.chapter for u in script}
            speech = [f"speak-{a}-{b}" for a, b in ranges if said.intersection(range(a, b))]
            sentences = sum(1 for u in script if u.last)
        planned = [{"job": job, "name": p, "status": QUEUED} for p in parts]
        planned += [{"job": job, "name": p, "status": WAITING} for p in speech]
        with self._db(job) as db:
            if planned:
                db.execute(self.store.insert(schema.steps).on_conflict_do_nothing(), planned)
            db.execute(
                update(schema.jobs).where(_J.id == job)
                .values(total=blocks + len(formats) + sentences, speech=sentences, stage="translating")
            )  # fmt: skip
        for part in parts:
            self._step(job, part)

    def _part(self, job: str, step: str, progress: _Progress) -> None:
        document = self._document(job)
        first, last = _chapters(step)
        code = convert.Options().code
        lang = main_language(document)
        blocks = []
        for chapter in document.chapters[first:last]:
            for block in chapter.blocks:
                blocks.append(translate_block(block, code, lang))
                progress(1)
        atomic.write_bytes(self._work(job) / f"{step}.pickle", pickle.dumps(blocks))

    def _assemble(self, job: str, step: str, progress: _Progress) -> None:
        row = self._row(job)
        self._set(job, stage="writing")
        document = self._document(job)
        options = convert.Options()
        parts = sorted(self._named(job, "part-%"), key=lambda name: _chapters(name)[0])
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
        if not self._named(job, "speak-%"):
            self._end(job)

    def _speak(self, job: str, step: str, progress: _Progress) -> None:
        first, last = _chapters(step)
        audiobook.speak_chapters(
            self._document(job), self._work(job) / step, SpeechOptions(),
            lambda done, total: progress(done - progress.done), range(first, last),
        )  # fmt: skip

    def _audio(self, job: str, step: str, progress: _Progress) -> None:
        parts = [self._work(job) / name for name in self._named(job, "speak-%")]
        self.publisher.publish_audio(self._row(job)["title"], parts)
        self._end(job)

    def _end(self, job: str) -> None:
        """Everything is published: tell the publisher, drop the work folder."""
        self.publisher.finished(self._row(job)["title"])
        shutil.rmtree(self._work(job), ignore_errors=True)

    # ── state ───────────────────────────────────────────────────────────────

    def _claim(self, job: str, step: str) -> bool:
        now = time.time()
        with self._db(job) as db:
            active = select(_J.id).where(_J.status.in_((QUEUED, RUNNING)))
            claimed = db.execute(
                update(schema.steps)
                .where(_S.job == job, _S.name == step, _S.status == QUEUED, _S.job.in_(active))
                .values(
                    status=RUNNING, lease=now + self.settings.lease_seconds, done=0,
                    attempts=_S.attempts + 1, worker=_worker_name(),
                )
            ).rowcount  # fmt: skip
            if claimed:
                started = func.coalesce(_J.started, now)
                db.execute(update(schema.jobs).where(_J.id == job).values(status=RUNNING, started=started))
        return bool(claimed)

    def _step_done(self, job: str, step: str, done: int) -> None:
        """Mark ``step`` done and queue what follows it: assemble after the braille parts, the
        speaking steps after assemble, audio after them; the job is done after the last."""
        kind = step.split("-")[0]
        follow: list[str] = []
        with self._db(job) as db:
            finished = db.execute(
                update(schema.steps)
                .where(_S.job == job, _S.name == step, _S.status == RUNNING)
                .values(status=DONE, done=done)
            ).rowcount
            if not finished:  # a step of an attempt since given up
                return
            if kind in ("prepare", "part"):
                follow = self._then(db, job, or_(_S.name.like("part-%"), _S.name == "prepare"), "assemble")
            elif kind == "speak":
                follow = self._then(db, job, _S.name.like("speak-%"), "audio")
            elif kind == "assemble":
                waiting = (_S.job == job, _S.status == WAITING)
                follow = list(db.execute(select(_S.name).where(*waiting).order_by(_S.id)).scalars())
                db.execute(update(schema.steps).where(*waiting).values(status=QUEUED))
                if follow:
                    db.execute(update(schema.jobs).where(_J.id == job).values(stage="speaking", speaking=time.time()))
            if kind in ("assemble", "audio") and not follow:
                db.execute(
                    update(schema.jobs).where(_J.id == job).values(status=DONE, stage="done", finished=time.time())
                )
        for name in follow:
            self._step(job, name)

    def _then(self, db: Connection, job: str, where: ColumnElement[bool], step: str) -> list[str]:
        """``[step]``, newly queued, once every step of ``job`` matching ``where`` is done; else []."""
        left = db.execute(
            select(func.count()).select_from(schema.steps).where(_S.job == job, where, _S.status != DONE)
        ).scalar()
        added = (
            not left
            and db.execute(
                self.store.insert(schema.steps).values(job=job, name=step, status=QUEUED).on_conflict_do_nothing()
            ).rowcount
        )
        return [step] if added else []

    def _fail(self, job: str, code: str, params: dict[str, str]) -> None:
        self.publisher.failed(self._row(job)["title"], translate(code, "en", **params))
        with self._db(job) as db:
            db.execute(
                update(schema.jobs).where(_J.id == job).values(
                    status=FAILED, stage="failed", finished=time.time(),
                    error_code=code, error_params=json.dumps(params, ensure_ascii=False),
                )
            )  # fmt: skip
            db.execute(update(schema.steps).where(_S.job == job, _S.status != DONE).values(status=FAILED))
        shutil.rmtree(self._work(job), ignore_errors=True)

    def _set(self, job: str, stage: str) -> None:
        with self._db(job) as db:
            db.execute(update(schema.jobs).where(_J.id == job).values(stage=stage))

    def _row(self, job: str) -> RowMapping:
        with self.store.begin() as db:
            row = db.execute(select(schema.jobs).where(_J.id == job)).mappings().first()
        if row is None:
            raise UnknownJob(job=job)
        return row

    def _infos(self, where: ColumnElement[bool] | None, limit: int | None = None) -> list[JobInfo]:
        """The jobs matching ``where`` (all when None), the newest first, with their steps' units done."""
        done = select(func.coalesce(func.sum(_S.done), 0)).where(_S.job == _J.id).scalar_subquery()
        query = select(schema.jobs, done.label("done")).order_by(_J.created.desc()).limit(limit)
        if where is not None:
            query = query.where(where)
        with self.store.begin() as db:
            rows = db.execute(query).mappings().all()
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
                speech=r["speech"],
                speaking=r["speaking"],
            )
            for r in rows
        ]

    def _named(self, job: str, like: str) -> list[str]:
        """The names of the job's steps LIKE ``like`` (``"speak-%"``)."""
        query = select(_S.name).where(_S.job == job, _S.name.like(like)).order_by(_S.id)
        with self.store.begin() as db:
            return list(db.execute(query).scalars())

    def _work(self, job: str) -> Path:
        return self.data / "work" / job

    def _document(self, job: str) -> Document:
        return Document.from_json((self._work(job) / "document.json").read_text(encoding="utf-8"))

    @contextmanager
    def _db(self, job: str | None = None) -> Iterator[Connection]:
        """A connection in one writing transaction (committed on leaving) that first locks ``job``'s
        row (PostgreSQL), or the whole database (SQLite: ``BEGIN IMMEDIATE``), so that steps of
        one job ending at once on two workers see each other's changes.  A change to more than
        one step's row locks its job first: locks are taken job, then steps, and never wait
        the other way round."""
        with self.store.begin() as db:
            if self.store.dialect == "sqlite":
                db.exec_driver_sql("BEGIN IMMEDIATE")
            if job is not None:
                db.execute(select(_J.id).where(_J.id == job).with_for_update())
            yield db


def _chapters(step: str) -> tuple[int, int]:
    """``"speak-4-8"`` → (4, 8): the chapters a part or speaking step does."""
    first, last = step.split("-")[1:]
    return int(first), int(last)


def _import_old(store: Store, path: Path) -> None:
    """Copy the jobs and steps of ``path`` (``data/jobs.sqlite3``, where versions before the store's
    revision 0005 kept them) into ``store`` once, then rename it ``jobs.sqlite3.imported``.

    Unfinished jobs go on: their messages are still on the queue, and ``recover`` queues
    again a step whose worker or message was lost.
    """
    try:
        old = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=30)
    except sqlite3.OperationalError:  # no such file (or another process imported it first)
        return
    with closing(old):
        old.row_factory = sqlite3.Row
        tables = {name for (name,) in old.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        rows = {
            table: [dict(row) for row in old.execute(f"SELECT * FROM {table.name} ORDER BY rowid")]
            for table in (schema.jobs, schema.steps)
            if table.name in tables
        }
    with store.begin() as db:
        for table, found in rows.items():  # jobs first: the steps refer to them
            if found:
                db.execute(store.insert(table).on_conflict_do_nothing(), found)
    with suppress(FileNotFoundError):
        path.rename(path.with_name(path.name + ".imported"))
    log.info("jobs of %s copied into the store", path)


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
            db.execute(update(schema.steps).where(_S.job == self.job, _S.name == self.step).values(done=self.done))


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
            except SQLAlchemyError:
                log.exception("recovering lost steps")
