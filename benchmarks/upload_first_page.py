"""From an upload to the first chapter page: what a reader waits for after staff add a large EPUB.

    .venv/bin/python benchmarks/upload_first_page.py [--mb 1 5] [--pages 20]

For each size, an EPUB of about ``--mb`` MB of varied text (``books.py``, six uneven
chapters) is added to a fresh catalog as the upload page adds it (``Library.add``); one
``accessreader worker --threads 1`` process, warmed up on a small book first (language
models and braille tables loaded), runs the job.  Printed:

- *first page*: seconds from the upload until chapter 1 can be read online (its stored
  Document is there: ``Library.read_chapter`` answers), against the job's whole run
  (every braille format made) in the same run;
- *page while the job runs*: median and worst of ``--pages`` chapter pages
  (``read_chapter`` + ``render_chapter``, as ``GET /titles/{id}/read/{n}`` less the page
  template) taken while the rest of the job still converts, against the same page once
  the job is done (the ratio: how much the running job slows a reader's page).
"""

from __future__ import annotations

import argparse
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from books import book, epub_bytes  # noqa: E402
from service_common import accessreader, wait_until  # noqa: E402
from service_common import book as small_book  # noqa: E402

from accessreader.errors import NotFound  # noqa: E402
from accessreader.server.reading import render_chapter  # noqa: E402
from accessreader.service.library import Library  # noqa: E402
from accessreader.service.people import READER  # noqa: E402
from accessreader.settings import Settings  # noqa: E402


def page(library: Library, person, title_id: int, number: int) -> float:
    started = time.perf_counter()
    _, _, chapter = library.read_chapter(person, title_id, number)
    str(render_chapter(chapter, "ru"))
    return time.perf_counter() - started


def readable(library: Library, person, title_id: int) -> bool:
    try:
        library.read_chapter(person, title_id, 1)
    except NotFound:
        return False
    return True


def measure(megabytes: float, pages: int) -> None:
    data = Path(tempfile.mkdtemp(prefix="accessreader-upload-"))
    library = Library(Settings(data=data, audio=False))
    person = library.people.register(READER, "000777", "4711", print_disabled=True)
    worker = accessreader(data, "worker", "--threads", "1", ACCESSREADER_AUDIO="no")
    try:
        warm = library.add(small_book("Warm-up", 1, 2), "warm.txt").job
        wait_until(lambda: library.jobs.get(warm).status in ("done", "failed"))
        payload, name = epub_bytes(book(megabytes))
        started = time.perf_counter()
        added = library.add(payload, name)
        title_id, job = added.title.id, added.job
        first = wait_until(lambda: readable(library, person, title_id), every=0.02)
        chapters = len(library.catalog.outline(title_id).chapters)
        during = []
        while library.jobs.get(job).status not in ("done", "failed") and len(during) < pages:
            during.append(page(library, person, title_id, 1 + len(during) % chapters))
        wait_until(lambda: library.jobs.get(job).status in ("done", "failed"), timeout=900)
        whole = time.perf_counter() - started
        status = library.jobs.get(job).status
        after = [page(library, person, title_id, 1 + n % chapters) for n in range(pages)]
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=60)
        library.close()
    print(f"{megabytes:g} MB EPUB, {chapters} chapters, job {status}:")
    print(f"  first chapter page readable after upload: {first:6.2f} s  (the whole job: {whole:6.2f} s)")
    if during:
        print(
            f"  chapter page while the job runs: median {statistics.median(during) * 1000:6.1f} ms, "
            f"worst {max(during) * 1000:6.1f} ms ({len(during)} pages)"
        )
    print(
        f"  chapter page after the job:      median {statistics.median(after) * 1000:6.1f} ms, "
        f"worst {max(after) * 1000:6.1f} ms"
    )
    if during:
        print(f"  ratio while running / after: {statistics.median(during) / statistics.median(after):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[1, 5])
    parser.add_argument("--pages", type=int, default=20)
    options = parser.parse_args()
    for megabytes in options.mb:
        measure(megabytes, options.pages)


if __name__ == "__main__":
    main()
