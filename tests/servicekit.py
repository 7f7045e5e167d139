"""A library in a temporary data folder with people, a running embedded worker and small books, for the service tests."""

from __future__ import annotations

import time

from accessreader.jobs import DONE, FAILED
from accessreader.library import Library
from accessreader.settings import Settings

STAFF = ("staff1", "staff-password")
READER = ("1001", "4321")  # a registered print-disabled reader
VISITOR = ("2002", "8765")  # a reader not registered as print-disabled


def book(title: str, chapters: int = 2) -> bytes:
    """A small TXT book: a title line, then chapters of Kazakh, Russian and English sentences."""
    body = "Қазақ тілі бай тіл. Русский язык тоже богат. English is here too."
    return (f"{title}\n\n" + "\n\n".join(f"Chapter {n}\n\n{body}" for n in range(1, chapters + 1))).encode()


def make_library(tmp_path, **settings) -> Library:
    library = Library(Settings(data=tmp_path / "data", chapters_per_part=1, **settings))
    library.people.register("staff", *STAFF, "Staff member")
    library.people.register("reader", *READER, "Reader", print_disabled=True)
    library.people.register("reader", *VISITOR, "Visitor")
    return library


def wait_done(library: Library, job: str, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        info = library.jobs.get(job)
        if info.status in (DONE, FAILED):
            return info
        time.sleep(0.02)
    raise AssertionError(f"job {job} not finished: {library.jobs.get(job)}")
