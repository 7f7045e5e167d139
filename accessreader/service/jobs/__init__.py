"""Conversions as jobs on a task queue (huey): submit, progress and ETA, retry, recovery.

    Jobs.submit(source, title) ──▶ job row + step "prepare" on the queue
    prepare ──▶ part-A-B … (any worker) ──▶ assemble ──▶ Publisher (the catalog)
    with ACCESSREADER_AUDIO=yes: ──▶ speak-A-B … (any worker) ──▶ audio ──▶ Publisher

    state.py    job and step rows in the catalog's store, JobInfo, claims, leases, progress
    steps.py    the work of each step; writes outputs through ``convert.convert``
    queue.py    ``Jobs``: the huey queue, submit, get, list, retry, recover
    worker.py   ``Worker``: huey's consumer threads and the lease watcher

Job state (stage, steps done of total, ETA, error, leases) is kept in the ``jobs``
and ``steps`` tables of the catalog's store (SQLite in the data folder, or the
PostgreSQL of ``ACCESSREADER_DATABASE``, which workers on other machines then
share; the data folder holds only files), where the API, the web page and
``accessreader jobs`` read it.  Jobs in a ``data/jobs.sqlite3`` of an earlier
version are copied in once.

Progress counts braille blocks, files written and sentences spoken; while speaking,
the time left is reckoned from the pace of the speech alone.  A step claims itself
with a lease; every worker process renews the leases of its own running steps
every few seconds and queues again (``recover``) a step whose lease ran out — its
worker was killed — up to ``MAX_ATTEMPTS`` times.  Nothing is published before
``assemble`` has a whole file or ``audio`` every spoken part, so a killed worker
leaves no half-written output.
"""

from .queue import Jobs, make_queue
from .state import (
    DONE,
    FAILED,
    MAX_ATTEMPTS,
    QUEUED,
    READING,
    RUNNING,
    SPEAKING,
    STAGES,
    TRANSLATING,
    WAITING,
    WRITING,
    JobInfo,
)
from .steps import Publisher
from .worker import Worker

__all__ = [
    "DONE",
    "FAILED",
    "MAX_ATTEMPTS",
    "QUEUED",
    "READING",
    "RUNNING",
    "SPEAKING",
    "STAGES",
    "TRANSLATING",
    "WAITING",
    "WRITING",
    "JobInfo",
    "Jobs",
    "Publisher",
    "Worker",
    "make_queue",
]
