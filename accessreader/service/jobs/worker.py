"""Worker threads that run queued steps, and a watcher that renews this process's leases and queues again
the steps whose worker died (``Jobs.renew``, ``Jobs.recover``) every few seconds."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from huey.consumer import Consumer
from sqlalchemy.exc import SQLAlchemyError

if TYPE_CHECKING:
    from .queue import Jobs

log = logging.getLogger(__name__)


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
