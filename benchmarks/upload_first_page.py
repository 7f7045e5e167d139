"""From an upload to the first chapter page: what a reader waits for after staff add a large EPUB.

    .venv/bin/python benchmarks/upload_first_page.py [--mb 1 5] [--pages 40]

For each size, an EPUB of about ``--mb`` MB of varied text (``books.py``, six uneven
chapters) is added to a fresh catalog as the upload page adds it (``Library.add``);
``accessreader serve`` runs the job with its embedded worker (one process, as a branch
library runs it: the pages and the job share the process, its GIL and the SQLite file),
warmed up on a small book first (language models and braille tables loaded).  A reader,
logged in, asks for ``GET /titles/{id}/read/N`` over loopback.  Printed:

- *first page*: seconds from the upload until chapter 1 answers 200, against the job's
  whole run (every braille format made) in the same run, and the whole run of another
  book of the same size with no page asked meanwhile (the job's own time);
- *page while the job runs*: median and worst of the chapter pages that answered 200
  while the job still converts (chapters 1, 2, … in turn; one not read yet answers 503
  "being prepared", counted apart), against the same chapters' pages once the job is done
  (the ratio: how much the running job slows a reader's page);
- *part steps' braille*: CPU seconds of translating every block of the smallest book with
  position maps (as the part steps did) and cells only (as they do: BRF, PEF and Unicode
  braille use the cells alone).
"""

from __future__ import annotations

import argparse
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from books import book, epub_bytes  # noqa: E402
from service_common import accessreader, answers, free_port, wait_until  # noqa: E402
from service_common import book as small_book  # noqa: E402

from accessreader.service.library import Library  # noqa: E402
from accessreader.service.people import READER  # noqa: E402
from accessreader.settings import Settings  # noqa: E402

CARD, PIN = "000777", "4711"
DONE = ("done", "failed")


def page(client: httpx.Client, title_id: int, number: int) -> tuple[int, float]:
    """(status, seconds) of one chapter page, its body read whole."""
    started = time.perf_counter()
    response = client.get(f"/titles/{title_id}/read/{number}", headers={"accept": "text/html"})
    response.read()
    return response.status_code, time.perf_counter() - started


def measure(megabytes: float, pages: int) -> None:
    data = Path(tempfile.mkdtemp(prefix="accessreader-upload-"))
    library = Library(Settings(data=data, audio=False))
    library.people.register(READER, CARD, PIN, print_disabled=True)
    port = free_port()
    server = accessreader(data, "serve", "--port", str(port), ACCESSREADER_AUDIO="no")
    base = f"http://127.0.0.1:{port}"
    try:
        server.stdout.readline()
        wait_until(lambda: answers(f"{base}/api/me"), timeout=60)
        client = httpx.Client(base_url=base, timeout=60)
        client.post("/api/login", json={"login": CARD, "secret": PIN}).raise_for_status()
        warm = library.add(small_book("Warm-up", 1, 2), "warm.txt")
        wait_until(lambda: library.jobs.get(warm.job).status in DONE)
        page(client, warm.title.id, 1)
        payload, name = epub_bytes(book(megabytes))
        started = time.perf_counter()
        added = library.add(payload, name)
        title_id, job = added.title.id, added.job
        first = wait_until(lambda: page(client, title_id, 1)[0] == 200, every=0.02)
        chapters = len(library.catalog.outline(title_id).chapters)
        during, read, waiting, asked = [], [], 0, 0
        while library.jobs.get(job).status not in DONE and len(during) < pages:
            number = 1 + asked % chapters
            status, seconds = page(client, title_id, number)
            asked += 1
            if status == 200:
                during.append(seconds)
                read.append(number)
            else:
                waiting += 1
                time.sleep(0.05)
        wait_until(lambda: library.jobs.get(job).status in DONE, timeout=900)
        whole = time.perf_counter() - started
        status = library.jobs.get(job).status
        after = [page(client, title_id, number)[1] for number in read or [1 + n % chapters for n in range(pages)]]
        other, _ = epub_bytes(book(megabytes, seed=29))  # another book of the size, no page asked meanwhile
        started = time.perf_counter()
        quiet_job = library.add(other, f"quiet-{name}", separate=True).job  # an entry of its own: converted
        wait_until(lambda: library.jobs.get(quiet_job).status in DONE, timeout=900)
        quiet = time.perf_counter() - started
        quiet_info = library.jobs.get(quiet_job)
        quiet_status = f"{quiet_info.status} {quiet_info.note('en') or quiet_info.error('en')}".strip()
        client.close()
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
        library.close()
    print(f"{megabytes:g} MB EPUB, {chapters} chapters, job {status}:")
    print(f"  first chapter page (200) after upload: {first:6.2f} s  (the whole job: {whole:6.2f} s)")
    print(f"  the whole job of another such book, no page asked meanwhile: {quiet:6.2f} s ({quiet_status})")
    if during:
        print(
            f"  chapter page while the job runs: median {statistics.median(during) * 1000:6.1f} ms, "
            f"worst {max(during) * 1000:6.1f} ms ({len(during)} pages; {waiting} answered 'being prepared')"
        )
    print(
        f"  chapter page after the job:      median {statistics.median(after) * 1000:6.1f} ms, "
        f"worst {max(after) * 1000:6.1f} ms"
    )
    if during:
        print(f"  ratio while running / after: {statistics.median(during) / statistics.median(after):.2f}")


def braille_of_parts(megabytes: float) -> None:
    """CPU seconds of the part steps' braille of one book (``translate_block`` on every block, this
    process), with position maps (before) and cells only (what the job's writers use), the same run."""
    from accessreader.braille.translate import main_language, translate_block
    from accessreader.service.jobs.steps import conversion_options

    document = book(megabytes)
    code, lang = conversion_options(Settings()).code, main_language(document)
    blocks = [block for _, block in document.blocks()]
    translate_block(blocks[0], code, lang)  # tables loaded
    spent = {}
    for positions in (True, False):
        started = time.process_time()
        for block in blocks:
            translate_block(block, code, lang, positions=positions)
        spent[positions] = time.process_time() - started
    print(
        f"{megabytes:g} MB, part steps' braille: with position maps {spent[True]:6.2f} CPU-s, cells only "
        f"{spent[False]:6.2f} CPU-s ({spent[False] / spent[True]:.2f}×)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[1, 5])
    parser.add_argument("--pages", type=int, default=40)
    options = parser.parse_args()
    for megabytes in options.mb:
        measure(megabytes, options.pages)
    braille_of_parts(min(options.mb))


if __name__ == "__main__":
    main()
