"""A library in a temporary data folder with people (an admin, staff, readers), a running embedded worker, small books and an audio length probe, for the service tests."""

from __future__ import annotations

import io
import subprocess
import time
import zipfile

from accessreader.service.jobs import DONE, FAILED
from accessreader.service.library import Library
from accessreader.settings import Settings

ADMIN = ("admin1", "admin-password")
STAFF = ("staff1", "staff-password")
READER = ("1001", "4321")  # a registered print-disabled reader
VISITOR = ("2002", "8765")  # a reader not registered as print-disabled


def book(title: str, chapters: int = 2) -> bytes:
    """A small TXT book: a title line, then chapters of Kazakh, Russian and English sentences.

    The text is the same for every title with as many chapters: in one catalog such books are one work
    (``service/identity.py``), so a test wanting two titles gives them different chapter counts."""
    body = "Қазақ тілі бай тіл. Русский язык тоже богат. English is here too."
    return (f"{title}\n\n" + "\n\n".join(f"Chapter {n}\n\n{body}" for n in range(1, chapters + 1))).encode()


def make_library(tmp_path, **settings) -> Library:
    library = Library(Settings(data=tmp_path / "data", chapters_per_part=1, **settings))
    library.people.register("admin", *ADMIN, "Administrator")
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


def seconds_of(data: bytes, folder) -> float:
    """The length of MP3 or Opus ``data`` as ffprobe reads it (written to a file in ``folder``)."""
    path = folder / "probe.audio"
    path.write_bytes(data)
    probe = ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)]
    return float(subprocess.run(probe, capture_output=True, text=True, check=True).stdout)


def epub_without_package() -> bytes:
    """An EPUB whose container points at a package document that is not there: it passes the
    upload's content check and fails in the reader."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
        archive.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
            '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
    return buffer.getvalue()
