"""A batch of titles from import to done with one worker process and with two.

    python benchmarks/service_batch.py [--titles 6] [--chapters 12] [--paragraphs 30]
    python benchmarks/service_batch.py --audio    # spoken too: 1 title × 6 chapters × 10 paragraphs, 1 per task
    python benchmarks/service_batch.py --rounds 3 # one and two workers in turn, the best time of each

Each round imports the same synthetic books into a fresh data folder and starts
N ``accessreader worker --threads 1`` processes (one braille lane each: liblouis
runs one translation at a time per process) on the embedded SQLite queue; the
time runs from the import until every job is done, after a warm-up batch has
loaded the language models and braille tables in every worker.  With ``--audio`` the
workers also speak each title (``ACCESSREADER_AUDIO=yes``), in tasks of
``--chapters-per-part`` chapters, and the time runs until its audio is published.
Printed: both times and the speed-up ratio.  The machine is shared, so the ratio
is noisy and at most the number of free cores.
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service_common import accessreader, book, wait_until  # noqa: E402

from accessreader.service.library import Library  # noqa: E402
from accessreader.settings import Settings  # noqa: E402


def round_trip(workers: int, books: list[tuple[str, bytes]], chapters_per_part: int, audio: bool) -> float:
    data = Path(tempfile.mkdtemp(prefix=f"accessreader-batch{workers}-"))
    extra = {"ACCESSREADER_CHAPTERS_PER_PART": str(chapters_per_part), "ACCESSREADER_AUDIO": "yes" if audio else "no"}
    library = Library(Settings(data=data, chapters_per_part=chapters_per_part, audio=audio))
    processes = [accessreader(data, "worker", "--threads", "1", **extra) for _ in range(workers)]
    try:
        # Warm up every worker (language models, braille tables load on first use) before the clock starts.
        warm = [library.add(book(f"Warm-up {n}", 1, 2), f"warm{n}.txt").job for n in range(4 * workers)]
        wait_until(lambda: all(library.jobs.get(job).status in ("done", "failed") for job in warm))
        start = time.perf_counter()
        jobs = [library.add(payload, name).job for name, payload in books]
        wait_until(lambda: all(library.jobs.get(job).status in ("done", "failed") for job in jobs), every=0.05)
        elapsed = time.perf_counter() - start
        failed = [job for job in jobs if library.jobs.get(job).status != "done"]
        if failed:
            raise SystemExit(f"jobs failed: {failed}")
        return elapsed
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(timeout=60)
        library.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audio", action="store_true", help="speak the titles too")
    parser.add_argument("--titles", type=int)
    parser.add_argument("--chapters", type=int)
    parser.add_argument("--paragraphs", type=int)
    parser.add_argument("--chapters-per-part", type=int)
    parser.add_argument("--rounds", type=int, default=1, help="rounds of one and two workers in turn; the best counts")
    options = parser.parse_args()
    defaults = {"titles": 1, "chapters": 6, "paragraphs": 10, "chapters_per_part": 1} if options.audio else {
        "titles": 6, "chapters": 12, "paragraphs": 30, "chapters_per_part": 3
    }  # fmt: skip
    for name, value in defaults.items():
        if getattr(options, name) is None:
            setattr(options, name, value)
    books = [
        (f"book{n}.txt", book(f"Batch book {n}", options.chapters, options.paragraphs)) for n in range(options.titles)
    ]
    one = two = float("inf")
    for _ in range(options.rounds):  # in turn, so that a busy spell of a shared machine hits both
        one = min(one, round_trip(1, books, options.chapters_per_part, options.audio))
        two = min(two, round_trip(2, books, options.chapters_per_part, options.audio))
    end = "spoken" if options.audio else "done"
    print(
        f"batch of {options.titles} titles × {options.chapters} chapters, {options.chapters_per_part} chapters per task,"
        f" best of {options.rounds}"
    )
    print(f"  1 worker process   {one:7.2f} s from import to {end}")
    print(f"  2 worker processes {two:7.2f} s from import to {end}")
    print(f"  speed-up           {one / two:7.2f}×")


if __name__ == "__main__":
    main()
