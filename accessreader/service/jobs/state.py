"""The jobs' state in the catalog's store: job and step rows, what a job looks like, claims and progress.

    jobs   one row a job: title, source, formats, status, stage, total units, times, error
    steps  one row a step of a job: name, status, units done, lease, attempts, worker ("host:pid")

A change to a job is one transaction that first locks the job's row (SQLite: the
whole file, ``BEGIN IMMEDIATE``); a step is claimed by a conditional
``UPDATE … WHERE status='queued'``, so two workers never both run it.  Nothing
here touches the queue or a file other than the database: ``steps`` does the
work, ``queue`` puts steps on the queue.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import ColumnElement, Connection, delete, func, insert, or_, select, tuple_, update

from ...errors import UnknownJob
from ...messages import translate
from .. import schema
from ..store import Store

log = logging.getLogger(__name__)

# Statuses of a job and of a step.
QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
#: A step planned but not on the queue yet (speaking waits for the braille).
WAITING = "waiting"
# Stages a job passes through, in order (and ``FAILED``).
READING, TRANSLATING, WRITING, SPEAKING = "reading", "translating", "writing", "speaking"
STAGES = (QUEUED, READING, TRANSLATING, WRITING, SPEAKING, DONE)
# Kinds of steps; a part or speaking step is named ``<kind>-<first chapter>-<last chapter>``.
PREPARE, PART, ASSEMBLE, SPEAK, AUDIO = "prepare", "part", "assemble", "speak", "audio"
#: How many times a step is started before its job is given up as failed.
MAX_ATTEMPTS = 3

_J, _S = schema.jobs.c, schema.steps.c


def step_name(kind: str, first: int, last: int) -> str:
    """``("speak", 4, 8)`` → ``"speak-4-8"``."""
    return f"{kind}-{first}-{last}"


def kind_of(step: str) -> str:
    """``"speak-4-8"`` → ``"speak"``."""
    return step.split("-")[0]


def chapters(step: str) -> tuple[int, int]:
    """``"speak-4-8"`` → (4, 8): the chapters a part or speaking step does."""
    first, last = step.split("-")[1:]
    return int(first), int(last)


@dataclass
class JobInfo:
    """What a job looks like from outside: its stage, progress, estimate and error."""

    id: str
    title: int
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
    speech: int = 0  # sentences to speak in speaking steps, part of ``total``
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
        if self.stage == SPEAKING and self.speaking:
            since, base = self.speaking, self.total - self.speech
        elif self.speech:
            return None
        if not since or self.done <= base or not self.total:
            return None
        return max(0.0, (time.time() - since) / (self.done - base) * (self.total - self.done))

    def error(self, lang: str = "en") -> str:
        """The failure in ``lang``, or "" when the job has not failed."""
        return (
            translate(self.error_code, lang, **self.error_params) if self.error_code and self.status == FAILED else ""
        )

    def note(self, lang: str = "en") -> str:
        """How a job that ended early ended, in ``lang`` (its book joined a title already in the catalog), or ""."""
        return translate(self.error_code, lang, **self.error_params) if self.error_code and self.status == DONE else ""

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
            "note": self.note(lang),
        }


@dataclass(frozen=True)
class JobRow:
    """What a step needs to know of its job: the title, the source and what to make of it."""

    id: str
    title: int
    source: str  # relative to the data folder
    name: str  # the file name people know the source by
    stem: str
    formats: list[str]


class State:
    """The ``jobs`` and ``steps`` rows of one store; ``lease_seconds`` is how long a claim lasts unrenewed."""

    def __init__(self, store: Store, lease_seconds: float) -> None:
        self.store = store
        self.lease_seconds = lease_seconds

    # ── jobs ────────────────────────────────────────────────────────────────

    def add(self, job: str, title: int, source: str, name: str, stem: str, formats: list[str]) -> None:
        """A new job, queued, with its first step."""
        with self.db() as db:
            db.execute(
                insert(schema.jobs).values(
                    id=job, title=str(title), source=source, name=name, stem=stem, formats=",".join(formats),
                    status=QUEUED, stage=QUEUED, created=time.time(),
                )
            )  # fmt: skip
            db.execute(insert(schema.steps).values(job=job, name=PREPARE, status=QUEUED))

    def reset(self, job: str) -> None:
        """The job back at its start: queued, its steps gone but the first."""
        with self.db(job) as db:
            db.execute(delete(schema.steps).where(_S.job == job))
            db.execute(insert(schema.steps).values(job=job, name=PREPARE, status=QUEUED))
            db.execute(
                update(schema.jobs).where(_J.id == job).values(
                    status=QUEUED, stage=QUEUED, total=0, started=None, finished=None,
                    error_code=None, error_params=None, speech=0, speaking=None,
                )
            )  # fmt: skip

    def row(self, job: str) -> JobRow:
        """The job ``job``; raises ``UnknownJob``."""
        with self.store.begin() as db:
            row = db.execute(select(schema.jobs).where(_J.id == job)).mappings().first()
        if row is None:
            raise UnknownJob(job=job)
        return JobRow(row["id"], int(row["title"]), row["source"], row["name"], row["stem"], row["formats"].split(","))

    def infos(self, title: int | None = None, job: str | None = None, limit: int | None = None) -> list[JobInfo]:
        """The jobs of ``title`` (or the one ``job``, or all), the newest first, with their steps' units done."""
        done = select(func.coalesce(func.sum(_S.done), 0)).where(_S.job == _J.id).scalar_subquery()
        query = select(schema.jobs, done.label("done")).order_by(_J.created.desc()).limit(limit)
        if title is not None:
            query = query.where(_J.title == str(title))
        if job is not None:
            query = query.where(_J.id == job)
        with self.store.begin() as db:
            rows = db.execute(query).mappings().all()
        return [
            JobInfo(
                id=r["id"], title=int(r["title"]), source=r["name"], formats=r["formats"].split(","),
                status=r["status"], stage=r["stage"], done=min(r["done"], r["total"]), total=r["total"],
                created=r["created"], started=r["started"], finished=r["finished"], error_code=r["error_code"],
                error_params=json.loads(r["error_params"] or "{}"), speech=r["speech"], speaking=r["speaking"],
            )
            for r in rows
        ]  # fmt: skip

    def set_stage(self, job: str, stage: str) -> None:
        with self.db(job) as db:
            db.execute(update(schema.jobs).where(_J.id == job).values(stage=stage))

    def plan(self, job: str, queued: list[str], waiting: list[str], total: int, speech: int) -> None:
        """The steps after ``prepare`` (``waiting`` ones are queued after ``assemble``), and the units of work."""
        planned = [{"job": job, "name": name, "status": QUEUED} for name in queued]
        planned += [{"job": job, "name": name, "status": WAITING} for name in waiting]
        with self.db(job) as db:
            if planned:
                db.execute(self.store.insert(schema.steps).on_conflict_do_nothing(), planned)
            db.execute(update(schema.jobs).where(_J.id == job).values(total=total, speech=speech, stage=TRANSLATING))

    def fail(self, job: str, code: str, params: dict[str, str]) -> None:
        """The job failed with the message ``code``: its steps not done fail with it."""
        with self.db(job) as db:
            db.execute(
                update(schema.jobs).where(_J.id == job).values(
                    status=FAILED, stage=FAILED, finished=time.time(),
                    error_code=code, error_params=json.dumps(params, ensure_ascii=False),
                )
            )  # fmt: skip
            db.execute(update(schema.steps).where(_S.job == job, _S.status != DONE).values(status=FAILED))

    def end_early(self, job: str, title: int, code: str, params: dict[str, str]) -> None:
        """The job has nothing more to do (its book joined ``title``): done, with the message ``code``, its
        title now ``title``, and its steps done too, so the one running queues nothing after it."""
        with self.db(job) as db:
            db.execute(
                update(schema.jobs).where(_J.id == job).values(
                    status=DONE, stage=DONE, finished=time.time(), title=str(title),
                    error_code=code, error_params=json.dumps(params, ensure_ascii=False),
                )
            )  # fmt: skip
            db.execute(update(schema.steps).where(_S.job == job, _S.status != DONE).values(status=DONE))

    # ── steps ───────────────────────────────────────────────────────────────

    def steps(self, job: str) -> list[dict]:
        """The steps of a job: name, status, units done, attempts and the worker ("host:pid") that ran it last."""
        query = select(_S.name, _S.status, _S.done, _S.attempts, _S.worker).where(_S.job == job).order_by(_S.id)
        with self.store.begin() as db:
            return [dict(row) for row in db.execute(query).mappings()]

    def named(self, job: str, kind: str) -> list[str]:
        """The names of the job's steps of ``kind`` (``SPEAK``), in the order they were planned."""
        query = select(_S.name).where(_S.job == job, _S.name.like(f"{kind}-%")).order_by(_S.id)
        with self.store.begin() as db:
            return list(db.execute(query).scalars())

    def claim(self, job: str, step: str) -> bool:
        """Take ``step`` for this process, if it is queued and its job is not over; whether it was taken."""
        now = time.time()
        with self.db(job) as db:
            active = select(_J.id).where(_J.status.in_((QUEUED, RUNNING)))
            claimed = db.execute(
                update(schema.steps)
                .where(_S.job == job, _S.name == step, _S.status == QUEUED, _S.job.in_(active))
                .values(
                    status=RUNNING, lease=now + self.lease_seconds, done=0,
                    attempts=_S.attempts + 1, worker=worker_name(),
                )
            ).rowcount  # fmt: skip
            if claimed:
                started = func.coalesce(_J.started, now)
                db.execute(update(schema.jobs).where(_J.id == job).values(status=RUNNING, started=started))
        return bool(claimed)

    def step_done(self, job: str, step: str, done: int) -> list[str]:
        """Mark ``step`` done; returns the steps to queue now: assemble after the braille parts, the
        speaking steps after assemble, audio after them; the job is done after the last."""
        kind = kind_of(step)
        follow: list[str] = []
        with self.db(job) as db:
            finished = db.execute(
                update(schema.steps)
                .where(_S.job == job, _S.name == step, _S.status == RUNNING)
                .values(status=DONE, done=done)
            ).rowcount
            if not finished:  # a step of an attempt since given up
                return []
            if kind in (PREPARE, PART):
                follow = self._then(db, job, or_(_S.name.like(f"{PART}-%"), _S.name == PREPARE), ASSEMBLE)
            elif kind == SPEAK:
                follow = self._then(db, job, _S.name.like(f"{SPEAK}-%"), AUDIO)
            elif kind == ASSEMBLE:
                waiting = (_S.job == job, _S.status == WAITING)
                follow = list(db.execute(select(_S.name).where(*waiting).order_by(_S.id)).scalars())
                db.execute(update(schema.steps).where(*waiting).values(status=QUEUED))
                if follow:
                    db.execute(update(schema.jobs).where(_J.id == job).values(stage=SPEAKING, speaking=time.time()))
            if kind in (ASSEMBLE, AUDIO) and not follow:
                db.execute(
                    update(schema.jobs).where(_J.id == job).values(status=DONE, stage=DONE, finished=time.time())
                )
        return follow

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

    def progress(self, job: str, step: str, done: int) -> None:
        with self.db() as db:
            db.execute(update(schema.steps).where(_S.job == job, _S.name == step).values(done=done))

    # ── leases ──────────────────────────────────────────────────────────────

    def renew(self, running: list[tuple[str, str]]) -> None:
        """Extend the leases of the ``running`` (job, step) pairs this process runs: it is alive.

        A step's row locked by a change under way is left for the next round (``SKIP
        LOCKED``), so renewing never waits on, or deadlocks with, a job's transaction.
        """
        if not running:
            return
        mine = select(_S.id).where(
            _S.status == RUNNING, _S.worker == worker_name(), tuple_(_S.job, _S.name).in_(running)
        )
        with self.db() as db:
            db.execute(
                update(schema.steps)
                .where(_S.id.in_(mine.with_for_update(skip_locked=True)))
                .values(lease=time.time() + self.lease_seconds)
            )

    def lost(self, now: float) -> tuple[list[tuple[str, str, int]], list[tuple[str, str]]]:
        """Running steps whose lease ran out (job, step, attempts), and queued steps not looked at for a
        lease period (job, step), which are marked looked at now."""
        both = schema.steps.join(schema.jobs)
        with self.store.begin() as db:
            running = db.execute(
                select(_S.job, _S.name, _S.attempts).select_from(both)
                .where(_S.status == RUNNING, _S.lease < now, _J.status == RUNNING)
            ).all()  # fmt: skip
            waiting = db.execute(
                select(_S.id, _S.job, _S.name).select_from(both)
                .where(_S.status == QUEUED, _S.lease < now, _J.status.in_((QUEUED, RUNNING)))
            ).all()  # fmt: skip
        if waiting:  # looked at now: not again for a lease period
            with self.db() as db:
                db.execute(
                    update(schema.steps)
                    .where(_S.id.in_([step_id for step_id, _, _ in waiting]), _S.status == QUEUED)
                    .values(lease=now + self.lease_seconds)
                )
        return [tuple(row) for row in running], [(job, name) for _, job, name in waiting]  # type: ignore[misc]

    def requeue(self, job: str, step: str, now: float) -> bool:
        """Put a running step whose lease ran out back to queued; whether it was still so."""
        with self.db() as db:
            return bool(
                db.execute(
                    update(schema.steps)
                    .where(_S.job == job, _S.name == step, _S.status == RUNNING, _S.lease < now)
                    .values(status=QUEUED, lease=now + self.lease_seconds)
                ).rowcount
            )

    @contextmanager
    def db(self, job: str | None = None) -> Iterator[Connection]:
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


class Progress:
    """``progress(n)``: n more units of a step done; written at most 4 times a second."""

    def __init__(self, state: State, job: str, step: str) -> None:
        self.state, self.job, self.step = state, job, step
        self.done = 0
        self._written = 0.0

    def __call__(self, n: int = 1) -> None:
        self.done += n
        now = time.time()
        if now - self._written < 0.25:
            return
        self._written = now
        self.state.progress(self.job, self.step, self.done)


def worker_name() -> str:
    """This process as the steps table names it ("host:pid")."""
    return f"{socket.gethostname()}:{os.getpid()}"


def import_old(store: Store, path: Path) -> None:
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
