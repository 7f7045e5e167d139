"""Braille throughput: book → BRF against liblouis's own tools on the same text, in one run.

    python benchmarks/braille_throughput.py [--mb 1 2 5 10] [--workers N] [--repeat 3]

Prints the throughput ratios against ``lou_translate`` (liblouis's command-line
tool: translation alone) and ``file2brl`` (liblouisutdml, Debian's
``liblouisutdml-bin``: translation and BRF pages of 40 cells × 25 lines), each
tool's time over ours, so 1.0 means as fast as the tool; the aims are ≥ 1.0 against
``lou_translate`` on two workers for an EPUB, ≥ 1.2 for a stored Document, and
faster than ``file2brl``.  Both tools get the same block texts with the same
tables (a run per language).  Also the time, the liblouis calls per MB of text
(``louis.counts``; one-process run) and the peak memory for a book of about
``--mb`` megabytes of text, converted in one process and then on ``--workers``
processes (``processes.py``: languages, sentences and braille of a block in one
worker task, the BRF written page by page as the blocks come back, what
``accessreader convert --to brf`` does, through ``convert.convert``; default: one per core).

Two inputs are measured: an EPUB (reading, language detection, translation,
pagination: the whole pipeline staff run) and the same book as a stored Document
(JSON: translation and pagination alone, what the service does for a title it has
already read).

The book (``books.py``) is varied text in six uneven chapters: no paragraph comes
twice, so no translation or language cache answers for a repeat.

Clocks.  The ratios are WALL-CLOCK time (what a user waits for; the only clock
that shows what workers gain); the CPU-time ratio (user + system of ours and the
workers, against the tool's) follows in brackets: it is steadier on a busy
machine but hides parallelism, so the two-worker aim is judged on the wall clock.
The machine is shared, so the four sides (``lou_translate``, ``file2brl``, ours
on one process, ours on workers) run one after another, ``--repeat`` rounds,
and each side's best (least wall time) is printed, with the load average before
the input's rounds.  Linux's autogroup scheduling (``/proc/sys/kernel/sched_autogroup_enabled``)
gives each session an equal share of the CPU: while others keep the cores busy, the
workers of one session share that one session's share, and gain on the wall clock
only the CPU left idle.

Ours runs in a fresh process that has first converted a tiny stored book (tables
compiled, as in a running service; a stored book needs no lingua, whose models
load when the EPUB is first read).  Memory: the parent's peak
RSS (``VmHWM``, the conversion's own), the largest worker's, and the peak
of all the processes together, sampled every 20 ms from outside: the sum of
their RSS (counts pages a forked worker shares with the parent twice) and of
their PSS (shared pages split among the sharers: the memory the machine gave).
The runs must write the same BRF; the benchmark says so.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from books import book, epub_bytes, stored_bytes  # noqa: E402

from accessreader import (
    content,  # noqa: E402
    convert,  # noqa: E402
    processes,  # noqa: E402
)
from accessreader.braille import louis  # noqa: E402
from accessreader.braille.layout import Layout  # noqa: E402
from accessreader.braille.tables import Code  # noqa: E402


def stored_book(megabytes: float) -> tuple[bytes, str]:
    """A Kazakh/Russian/English book of about ``megabytes`` MB of varied text (``books.py``), as Document JSON."""
    return stored_bytes(book(megabytes))


def epub_book(megabytes: float) -> tuple[bytes, str]:
    """The same book as an EPUB 3, one chapter per spine item, each paragraph with its xml:lang."""
    return epub_bytes(book(megabytes))


#: The inputs under test: (label, make(megabytes) -> (bytes, name)).
SOURCES = (("EPUB → BRF", epub_book), ("Document (JSON) → BRF", stored_book))


def to_brf(data: bytes, name: str, folder: Path, workers: int = 1) -> Path:
    """What ``accessreader convert BOOK --to brf --workers N`` makes of the book: its draft (or the stored
    Document) finished and translated in one pool, the BRF written as the blocks come; the file's path."""
    document, finished = content.draft(data, name)
    options = convert.Options(workers=workers)
    source = None if finished else (data, name)
    return convert.convert(document, "book", [convert.BRF], folder, options, source=source).paths[0]


def by_table(data: bytes, name: str) -> dict[tuple[str, ...], list[str]]:
    """The book's block texts per table list (each block in its language's tables), as the tools get them."""
    texts: dict[tuple[str, ...], list[str]] = {}
    for _, block in content.read(data, name).blocks():
        tables = Code().tables(block.lang if block.lang in ("kk", "ru", "en") else "kk")
        texts.setdefault(tables, []).append(" ".join(block.text.split()))
    return texts


def lou_translate_seconds(texts: dict[tuple[str, ...], list[str]]) -> tuple[float, float]:
    """(wall, CPU) seconds for ``lou_translate`` over the texts, a line per block, each table list in one run."""

    def run(tables: tuple[str, ...], path: Path, folder: Path) -> None:
        with path.open("rb") as stdin:
            subprocess.run(
                ["lou_translate", "-f", ",".join(tables)], stdin=stdin, stdout=subprocess.DEVNULL, check=True
            )

    return _tool_seconds(texts, "\n", run)


def file2brl_seconds(texts: dict[tuple[str, ...], list[str]], layout: Layout) -> tuple[float, float]:
    """(wall, CPU) seconds for ``file2brl`` making BRF pages of the texts (a paragraph per block), each table list in one run."""

    def run(tables: tuple[str, ...], path: Path, folder: Path) -> None:
        settings = {"literaryTextTable": ",".join(tables), "inputTextEncoding": "utf8", "braillePages": "yes",
                    "cellsPerLine": layout.cells, "linesPerPage": layout.lines}  # fmt: skip
        options = [item for key, value in settings.items() for item in ("-C", f"{key}={value}")]
        command = ["file2brl", "-T", "-w", str(folder), *options, str(path), str(folder / "out.brf")]
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)

    return _tool_seconds(texts, "\n\n", run)


def _tool_seconds(texts: dict[tuple[str, ...], list[str]], separator: str, run) -> tuple[float, float]:
    wall = cpu = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for tables, blocks in texts.items():
            path = Path(folder) / "in.txt"
            path.write_text(separator.join(blocks) + "\n", encoding="utf-8")
            before = _children_cpu()
            start = time.perf_counter()
            run(tables, path, Path(folder))
            wall += time.perf_counter() - start
            cpu += _children_cpu() - before
    return wall, cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Run:
    """One conversion measured in a fresh process: seconds, peak memory in kB, pages, BRF digest."""

    wall: float
    cpu: float  # ours and the workers'
    warm_rss: int  # a fresh process after converting a tiny stored book (tables compiled)
    rss: int  # the parent's peak
    workers_rss: int  # the largest worker's peak, 0 in-process
    pages: int
    digest: str
    calls: dict[str, int]  # louis.counts() of the conversion (this process's: all of it in one process)
    total_rss: int = 0  # all the processes together, sampled: RSS summed
    total_pss: int = 0  # and PSS summed


def measure(data: bytes, name: str, workers: int, answer) -> None:
    """In a fresh process: ``data`` → BRF once warm on ``workers`` processes; the Run goes to ``answer``."""
    import hashlib
    from multiprocessing import forkserver

    folder = Path(tempfile.mkdtemp())
    to_brf(*stored_book(0.01), folder)
    warm = _peak_rss()
    before = louis.counts()
    answer.send("warm")
    start_wall, start_cpu, start_children = time.perf_counter(), time.process_time(), _children_cpu()
    path = to_brf(data, name, folder, workers)
    wall = time.perf_counter() - start_wall
    if forkserver._forkserver._forkserver_pid:
        forkserver._forkserver._stop()  # reaps the server, which has reaped the workers: their rusage is ours now
    cpu = time.process_time() - start_cpu + _children_cpu() - start_children
    rss = _peak_rss()
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    calls = {key: value - before[key] for key, value in louis.counts().items()}
    output = path.read_bytes()
    shutil.rmtree(folder)
    answer.send(Run(wall, cpu, warm, rss, children, output.count(b"\f"), hashlib.sha256(output).hexdigest(), calls))


def _peak_rss() -> int:
    """This process's peak RSS in kB since it started Python (``VmHWM``: ``ru_maxrss`` would count the
    benchmark's own process, which the spawned one was forked from before its exec)."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))


def in_fresh_process(data: bytes, name: str, workers: int) -> Run:
    """``measure`` in a spawned process, its tree's memory sampled from here while it converts."""
    context = multiprocessing.get_context("spawn")
    here, there = context.Pipe()
    process = context.Process(target=measure, args=(data, name, workers, there))
    process.start()
    assert here.recv() == "warm"
    total_rss = total_pss = 0
    while not here.poll(0.02):
        rss, pss = _tree_memory(process.pid)
        total_rss, total_pss = max(total_rss, rss), max(total_pss, pss)
    run = here.recv()
    process.join()
    run.total_rss, run.total_pss = max(total_rss, run.rss), max(total_pss, 0)
    return run


def _tree_memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in kB of process ``pid`` and all its descendants, summed (0 for one gone meanwhile)."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith(("Rss:", "Pss:")):
                    value = int(line.split()[1])
                    rss, pss = (rss + value, pss) if line.startswith("Rss") else (rss, pss + value)
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            for child in children.read().split():
                child_rss, child_pss = _tree_memory(int(child))
                rss, pss = rss + child_rss, pss + child_pss
    except (OSError, ValueError):
        pass
    return rss, pss


def _autogroup() -> str:
    try:
        return "on" if Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1" else "off"
    except OSError:
        return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--mb", type=float, nargs="+", default=[1.0, 2.0, 5.0, 10.0], help="book sizes in MB of text (default 1 2 5 10)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=processes.default_workers(),
        help="processes for the parallel run (default: cores)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the four sides; each side's best is shown")
    args = parser.parse_args()
    for megabytes, (label, make) in ((mb, source) for mb in args.mb for source in SOURCES):
        data, name = make(megabytes)
        text_mb = sum(len(b.text.encode("utf-8")) for _, b in content.read(data, name).blocks()) / 1e6
        texts = by_table(data, name)
        load = Path("/proc/loadavg").read_text().split()[0]
        best: dict[str, tuple[float, float]] = {}
        runs: dict[int, Run] = {}
        digests = set()
        for _ in range(args.repeat):  # the sides one after another, so each meets the same load
            for side, seconds in (("lou", lambda: lou_translate_seconds(texts)),
                                  ("utdml", lambda: file2brl_seconds(texts, Layout()))):  # fmt: skip
                best[side] = min(best.get(side, (float("inf"), 0.0)), seconds())
            for workers in (1, args.workers):
                run = in_fresh_process(data, name, workers)
                digests.add(run.digest)
                if workers not in runs or run.wall < runs[workers].wall:
                    runs[workers] = run
        (base_wall, base_cpu), (utdml_wall, utdml_cpu) = best["lou"], best["utdml"]
        aim = 1.0 if label.startswith("EPUB") else 1.2
        print(f"input: {label}, {megabytes:g} MB (best of {args.repeat}; ratios: wall clock, [CPU time])")
        print(f"  load average before: {load}; autogroup scheduling: {_autogroup()}")
        print(f"  book: {text_mb:.2f} MB of text, {len(data) / 1e6:.2f} MB file, {runs[1].pages} braille pages")
        print(
            f"  lou_translate (same text, same tables): {base_wall:.2f} s = {text_mb / base_wall:.2f} MB/s (CPU {base_cpu:.2f} s)"
        )
        print(
            f"  file2brl (same text, same tables, BRF pages): {utdml_wall:.2f} s = {text_mb / utdml_wall:.2f} MB/s "
            f"(CPU {utdml_cpu:.2f} s)"
        )
        for workers, run in runs.items():
            how = "1 process" if workers == 1 else f"{workers} workers"
            print(f"  accessreader, {how}: {run.wall:.2f} s = {text_mb / run.wall:.2f} MB/s (CPU {run.cpu:.2f} s)")
            print(
                f"    lou_translate time / ours: {base_wall / run.wall:.2f} wall clock "
                f"[{base_cpu / run.cpu:.2f} CPU]  (aim on two workers, wall clock: >= {aim:.1f})"
            )
            print(
                f"    file2brl time / ours: {utdml_wall / run.wall:.2f} wall clock "
                f"[{utdml_cpu / run.cpu:.2f} CPU]  (aim > 1)"
            )
            if workers == 1:
                print(
                    f"    liblouis calls: {run.calls['translate']} = {run.calls['translate'] / text_mb:.0f} per MB of text "
                    f"({run.calls['cached']} more answered from the cache)"
                )
            workers_rss = f", largest worker {run.workers_rss / 1024:.0f} MB" if workers > 1 else ""
            print(
                f"    peak memory: parent max RSS {run.rss / 1024:.0f} MB{workers_rss}; all processes "
                f"{run.total_rss / 1024:.0f} MB RSS, {run.total_pss / 1024:.0f} MB PSS "
                f"(a fresh process: {run.warm_rss / 1024:.0f} MB after a tiny stored book)"
            )
        print(f"  the same BRF from every run: {'yes' if len(digests) == 1 else 'NO'}", flush=True)


if __name__ == "__main__":
    main()
