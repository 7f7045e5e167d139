"""``Jobs``: conversions of one data folder on one task queue (huey) — submit, look, retry, recover.

The queue is ``SqliteHuey`` in the data folder (embedded: the worker runs inside
``accessreader serve``), or ``RedisHuey`` when ``ACCESSREADER_QUEUE=redis://…``,
with ``accessreader worker`` on any number of machines sharing the data folder
for files and the database for the job state.  A queue message is one step
``(job, step name)``; ``steps.Steps.run`` does it.
"""

from __future__ import annotations

import logging
import time
import uuid
from pathlib import Path

from huey import RedisHuey, SqliteHuey
from huey.api import Huey

from ... import convert
from ...errors import JobNotFailed, UnknownJob
from ...settings import SETTINGS, Settings
from ..store import Store, open_settings_store
from .state import FAILED, MAX_ATTEMPTS, PREPARE, JobInfo, State, import_old
from .steps import Publisher, Steps
from .worker import Worker

log = logging.getLogger(__name__)

#: The error code of a job whose worker kept dying.
WORKER_LOST = "job_worker_lost"


def make_queue(settings: Settings) -> Huey:
    """The huey instance: Redis for a ``redis://`` queue URL, else SQLite in the data folder."""
    if settings.queue.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey("accessreader", url=settings.queue)
    settings.data.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("accessreader", filename=str(settings.data / "queue.sqlite3"))


class Jobs:
    """The jobs of one data folder on one queue; the CLI, the server and the workers share it.

    ``store`` is the catalog's (the ``Library`` passes its own); by default the one the
    settings name (``store.open_settings_store``).  Settings no job could be made with
    (a format nobody makes, a braille grade or page size not offered, 8-dot BRF) are
    refused here, at startup, with ``BadOption`` naming the setting.
    """

    def __init__(self, settings: Settings, publisher: Publisher, store: Store | None = None) -> None:
        self.settings = settings
        self.publisher = publisher
        self.data = Path(settings.data)
        self.data.mkdir(parents=True, exist_ok=True)
        self.formats = convert.parse_formats(",".join(settings.formats), SETTINGS["formats"].env)
        self.store = store or open_settings_store(settings)
        self.state = State(self.store, settings.lease_seconds)
        self.huey = make_queue(settings)
        self._step = self.huey.task(name="accessreader.step")(self._run)
        self.work = Steps(self.state, publisher, settings, self._step)
        convert.check_formats(self.formats, self.work.options)
        import_old(self.store, self.data / "jobs.sqlite3")

    # ── asking ──────────────────────────────────────────────────────────────

    def submit(self, source: Path, title: int, stem: str, formats: list[str] | None = None, name: str = "") -> str:
        """Queue the conversion of ``source`` (a file under the data folder) for title ``title``; returns the job id.

        ``name`` is the file name people know the source by (for messages), by
        default the source's own.  Raises ``BadOption`` for a format nobody can make.
        """
        names = convert.parse_formats(",".join(formats)) if formats else self.formats
        convert.check_formats(names, self.work.options)
        job = uuid.uuid4().hex[:12]
        relative = Path(source).resolve().relative_to(self.data.resolve())
        self.state.add(job, title, str(relative), name or relative.name, stem, names)
        self._step(job, PREPARE)
        return job

    def get(self, job: str) -> JobInfo:
        """The job ``job``; raises ``UnknownJob``."""
        found = self.state.infos(job=job)
        if not found:
            raise UnknownJob(job=job)
        return found[0]

    def list(self, title: int | None = None, limit: int = 200) -> list[JobInfo]:
        """The newest jobs first (only title ``title``'s when given)."""
        return self.state.infos(title=title, limit=limit)

    def retry(self, job: str) -> JobInfo:
        """Start a failed job again from the beginning; raises ``UnknownJob`` or ``JobNotFailed`` (a ``Conflict``)."""
        info = self.get(job)
        if info.status != FAILED:
            raise JobNotFailed(job=job, status=info.status)
        self.state.reset(job)
        self._step(job, PREPARE)
        return self.get(job)

    def steps(self, job: str) -> list[dict]:
        """The steps of a job: name, status, units done, attempts and the worker ("host:pid") that ran it last."""
        return self.state.steps(job)

    def worker(self, workers: int | None = None) -> Worker:
        """A worker over this queue (threads in this process), not started yet."""
        return Worker(self, workers or self.settings.workers)

    # ── keeping steps alive ────────────────────────────────────────────────

    def renew(self) -> None:
        """Extend the leases of the steps this process is running: it is alive."""
        self.state.renew()

    def recover(self) -> int:
        """Queue again the steps that lost their worker; returns how many.

        Two ways to lose one: a running step whose lease ran out (its worker was
        killed), and a queued step whose queue message is gone (a worker took the
        message off the queue and was killed before it claimed the step).  A
        queued step is looked at once a lease period; a message sent twice is
        harmless, since only one claim of a step succeeds.
        """
        now = time.time()
        lost, waiting = self.state.lost(now)
        requeued = 0
        for job, name, attempts in lost:
            if attempts >= MAX_ATTEMPTS:
                self.work.fail(job, WORKER_LOST, {"step": name, "attempts": str(attempts)})
                continue
            if self.state.requeue(job, name, now):
                log.warning("job %s: step %s lost its worker, queued again", job, name)
                self._step(job, name)
                requeued += 1
        if waiting:
            on_queue = {tuple(task.args) for task in self.huey.pending()}
            for job, name in waiting:
                if (job, name) not in on_queue:
                    log.warning("job %s: step %s lost its queue message, queued again", job, name)
                    self._step(job, name)
                    requeued += 1
        return requeued

    def _run(self, job: str, step: str) -> None:
        self.work.run(job, step)
