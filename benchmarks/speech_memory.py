"""Peak memory of a whole-book MP3 job and what it sends between processes, on real-size books.

    python -m benchmarks.speech_memory [--mb 5] [--chapters one] [--seconds 60] [--source PATH]

The book (``books.py``: varied Kazakh/Russian/English text, ``--chapters`` one, uneven
or a number) is spoken to MP3 by ``outputs.write_all`` with 2 workers, in a process of
its own, exactly as ``accessreader convert --to mp3`` does.  Speaking 5 MB takes an hour
or more of CPU here, so the job runs for ``--seconds`` and is then stopped: the main
process holds everything that grows with the book (the Document, its speech script,
the parts handed to the workers) before the first part is spoken, and the workers and
encoders hold one part at a time, so their peaks are reached early.  Every 0.2 s the
resident memory of the main process and of every process under it (workers, LAME)
is read from ``/proc``; the peaks are printed, and the sum of all of them at the worst
moment.

Then, with no synthesis: the pickled size of what the main process sends to the
workers (the tasks) and of what they send back (sentence timings), for this code and
for the layout before (one task per chapter, timings as lists of ``Timing`` objects).

``--source PATH`` runs the job from another checkout (``git archive COMMIT | tar -x -C
PATH``) to measure the code before a change in the same run.
"""

from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

JOB = """
import sys, tempfile
from pathlib import Path
from benchmarks.books import book
from accessreader.tts.engines import voices_for
from accessreader.tts.outputs import write_all
from accessreader.tts.synthesis import SpeechOptions
if __name__ == "__main__":
    size, shape = float(sys.argv[1]), sys.argv[2]
    document = book(size, chapters=int(shape) if shape.isdigit() else shape)
    print("ready", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        write_all(document, {"mp3": Path(folder) / "book" / "mp3"}, SpeechOptions(voices=voices_for(), workers=2))
"""


def rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024
    except (OSError, StopIteration):
        return 0.0


def descendants(pid: int) -> list[int]:
    found = []
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return found
    for child in map(int, children):
        found += [child, *descendants(child)]
    return found


def run_job(size: float, shape: str, seconds: float, source: Path) -> dict[str, float]:
    """The job in a process of its own for ``seconds`` after its book is built; peak RSS in MB."""
    env = {**os.environ, "PYTHONPATH": f"{source}{os.pathsep}{ROOT}"}
    job = subprocess.Popen([sys.executable, "-c", JOB, str(size), shape], stdout=subprocess.PIPE, text=True,
                           env=env, cwd=source)  # fmt: skip
    assert job.stdout.readline().strip() == "ready"
    main = child = total = 0.0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and job.poll() is None:
        own = rss_mb(job.pid)
        others = [rss_mb(pid) for pid in descendants(job.pid)]
        main, child, total = max(main, own), max([child, *others]), max(total, own + sum(others))
        time.sleep(0.2)
    for pid in descendants(job.pid):
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
    job.kill()
    job.wait()
    return {"main": main, "child": child, "total": total}


def sent_sizes(size: float, shape: str) -> None:
    """Pickled bytes to and from the workers, now and in the layout before, from the real script."""
    from array import array

    from accessreader.tts.chapters import plan
    from accessreader.tts.script import by_chapter, speech_script
    from accessreader.tts.synthesis import PART_CHARS, Timing, parts_of, pieces_of
    from benchmarks.books import book

    document = plan(book(size, chapters=int(shape) if shape.isdigit() else shape))  # as write_all does
    script = speech_script(document)
    chapters = [pieces_of(group) for group in by_chapter(script)]
    sentences = [[p[0] for p in pieces if p[3]] for pieces in chapters]
    before_out = sum(len(pickle.dumps(pieces)) for pieces in chapters)
    parts = [part for pieces in chapters for part in parts_of(pieces, PART_CHARS)]
    now_out = sum(len(pickle.dumps(part)) for part in parts)
    before_back = sum(len(pickle.dumps([Timing(i, 1.0 * n, n + 0.5) for n, i in enumerate(ids)])) for ids in sentences)
    now_back = sum(
        len(pickle.dumps(([p[0] for p in part if p[3]], array("q", range(2 * sum(p[3] for p in part))))))
        for part in parts
    )
    count = sum(map(len, sentences))
    print(f"  to the workers: {len(chapters)} chapters (after the plan's ~12-minute split) as tasks before, "
          f"{len(parts)} parts now; "
          f"{before_out / 1e6:.1f} MB pickled before, {now_out / 1e6:.1f} MB now")  # fmt: skip
    print(f"  back from the workers ({count} sentence timings): {before_back / 1e6:.2f} MB as Timing lists, "
          f"{now_back / 1e6:.2f} MB as ids + array('q') of sample counts ({before_back / now_back:.1f}× smaller)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--chapters", default="one")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--source", type=Path, action="append", default=[],
                        help="Another checkout to measure too (repeatable); this one is always measured.")  # fmt: skip
    args = parser.parse_args()
    print(f"whole-book MP3 job, {args.mb:g} MB of text ({args.chapters} chapter(s)), 2 workers, "
          f"first {args.seconds:g} s; peak resident memory:")  # fmt: skip
    for source in [ROOT, *args.source]:
        peak = run_job(args.mb, args.chapters, args.seconds, source)
        print(f"  {source}: main {peak['main']:.0f} MB, largest worker or encoder {peak['child']:.0f} MB, "
              f"all together {peak['total']:.0f} MB")  # fmt: skip
    sent_sizes(args.mb, args.chapters)


if __name__ == "__main__":
    main()
