"""A publisher that files outputs in a folder, and a worker process over it, for the job tests.

    python -m tests.queue_worker DATA [QUEUE_URL] [LEASE_SECONDS]

runs a worker (one thread) over the jobs in DATA until it is killed.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from accessreader.model import Document
from accessreader.service.jobs import Jobs
from accessreader.settings import Settings


class FolderPublisher:
    """Publishes to DATA/published/<title>/<file> by rename, and notes each event in a list."""

    def __init__(self, data: Path) -> None:
        self.folder = Path(data) / "published"
        self.events: list[tuple[str, str]] = []

    def preview(self, title: int, document: Document) -> None:
        self.events.append(("preview", title))

    def started(self, title: int, document: Document) -> None:
        self.events.append(("started", title))

    def publish(self, title: int, fmt: str, file_name: str, path: Path) -> None:
        target = self.folder / str(title) / file_name
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
        self.events.append(("published", f"{title}/{file_name}"))

    def finished(self, title: int) -> None:
        self.events.append(("finished", title))

    def failed(self, title: int, message: str) -> None:
        self.events.append(("failed", message))


def settings(data: Path, queue: str = "", lease: float = 60.0, chapters_per_part: int = 1, **more) -> Settings:
    """The environment's settings (``ACCESSREADER_DATABASE`` of a worker process) with these set."""
    return Settings.from_env(
        data=Path(data), queue=queue, lease_seconds=lease, chapters_per_part=chapters_per_part, **more
    )


if __name__ == "__main__":
    data = Path(sys.argv[1])
    queue = sys.argv[2] if len(sys.argv) > 2 else ""
    lease = float(sys.argv[3]) if len(sys.argv) > 3 else 60.0
    worker = Jobs(settings(data, queue, lease), FolderPublisher(data)).worker(1)
    worker.start()
    threading.Event().wait()
