"""Key press to new braille on the display, for the terminal reader in a long book, against brltty's own floor.

Run: ``python benchmarks/terminal_latency.py [moves] [paragraphs]`` from the project root (defaults 300, 3000),
or ``python benchmarks/terminal_latency.py --first [--mb 1 5]`` for the time to the first braille.

Starts a real brltty (Virtual driver, tests/brltty_harness.py) with a 40-cell
display and times, over ``moves`` key presses each, from sending the key line
to brltty until the display reports new cells:

- baseline: a bare BrlAPI client that answers every key by writing fixed dots
  (brltty, the vr socket and BrlAPI, nothing of ours);
- the reader on a synthetic Kazakh/Russian book of ``paragraphs`` paragraphs
  (headings every 20, a print page every 10), keys cycling pan right, line
  down, next paragraph, next heading, pan left; speech on, into a transcript
  file, and the position saved after every move.

and, without brltty's round trip, the reader's own work per move (``Reader.handle``
with the display still connected).  Prints the median and worst in milliseconds and the median's ratio to the
baseline measured in the same run.  The aim is a median under 20 ms.

``--first``: the time from starting to the book's first window on the display, for
books of ``--mb`` megabytes of varied text (``books.py``), medians of ``--runs``:

- ``accessreader read BOOK.epub`` (a file; and the same file read before, kept finished
  in the data folder) and ``accessreader read "TITLE"`` (the same book stored in a catalog), speech into a transcript file, no saved place: as a new
  process (Python, imports, cold caches and all), and in a process started beforehand
  that has imported the command and read a small book (tables, language models and
  speech rules loaded, as in a terminal's reader program that has run before);
- baselines: a bare BrlAPI client connecting and writing fixed dots, started the same two ways.

brltty 6.5 looks for input from a braille driver every 40 ms (its compiled-in
``BRAILLE_INPUT_POLL_INTERVAL``), so a key waits about 20 ms on average before
brltty sees it: the baseline's median sits near that floor whatever the client
does, and the reader's share is its median minus the baseline's, or its own work.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import brlapi  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from books import book, epub_bytes  # noqa: E402

from accessreader import content  # noqa: E402
from accessreader.braille.tables import Code  # noqa: E402
from accessreader.content.safety import DEFAULT_LIMITS  # noqa: E402
from accessreader.service.catalog import Catalog  # noqa: E402
from accessreader.service.documents import Documents, Folder  # noqa: E402
from accessreader.service.positions import FilePositions  # noqa: E402
from accessreader.service.store import open_store  # noqa: E402
from accessreader.terminal.display import Display  # noqa: E402
from accessreader.terminal.files import open_file  # noqa: E402
from accessreader.terminal.keys import Action  # noqa: E402
from accessreader.terminal.loading import Loader  # noqa: E402
from accessreader.terminal.reader import Reader, Session, run_until_stopped  # noqa: E402
from accessreader.terminal.speech import FileSink, Speaker  # noqa: E402
from tests.brltty_harness import Brltty, VirtualDisplay  # noqa: E402
from tests.terminal_book import braille  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

CELLS = 40
KEYS = ("FWINRT", "LnDn", "NxPgrph", "NxPrompt", "FWINLT")


def book_html(paragraphs: int) -> bytes:
    parts = ['<html lang="kk"><head><title>Ұзақ кітап</title></head><body>']
    for n in range(paragraphs):
        if n % 20 == 0:
            parts.append(f"<h2>{n // 20 + 1}-бөлім</h2>")
        if n % 10 == 0:
            parts.append(f'<span role="doc-pagebreak" aria-label="{n // 10 + 1}"></span>')
        if n % 7 == 3:
            parts.append(
                f'<p lang="ru">Абзац {n}: дорога домой была долгой, и он думал о книгах, которые прочёл зимой.</p>'
            )
        else:
            parts.append(
                f"<p>{n}-абзац. Қарашаның суық күні Абай үйге қайтып келе жатыр еді, жол ұзақ болды, ол кітаптар туралы ойлады.</p>"
            )
    parts.append("</body></html>")
    return "".join(parts).encode()


def time_keys(display: VirtualDisplay, moves: int, keys=KEYS) -> list[float]:
    """Milliseconds from each key line sent to the display's next change."""
    times = []
    for index in range(moves):
        before = display.shown()
        display.press(keys[index % len(keys)])
        sent = time.perf_counter()
        display.wait_for(lambda shown: shown != before)
        times.append((time.perf_counter() - sent) * 1000)
    return times


def own_work(reader: Reader, moves: int) -> list[float]:
    """Milliseconds of ``Reader.handle`` per move (braille written, position saved, speech told), no brltty wait."""
    actions = [Action(name) for name in ("pan_right", "line_down", "paragraph_next", "heading_next", "pan_left")]
    times = []
    for index in range(moves):
        started = time.perf_counter()
        reader.handle(actions[index % len(actions)])
        times.append((time.perf_counter() - started) * 1000)
    return times


def baseline(brltty: Brltty, display: VirtualDisplay, moves: int) -> list[float]:
    """A BrlAPI client that writes alternating fixed dots on every key: brltty's own round trip."""
    stop = threading.Event()

    def echo() -> None:
        connection = brlapi.Connection(brltty.host.encode())
        connection.enterTtyModeWithPath([])
        patterns = [bytes([index % 255 + 1] * CELLS) for index in range(2)]
        connection.writeDots(bytes(CELLS))
        count = 0
        while not stop.is_set():
            if connection.readKeyWithTimeout(100) is not None:
                count += 1
                connection.writeDots(patterns[count % 2])
        connection.leaveTtyMode()
        connection.closeConnection()

    thread = threading.Thread(target=echo, daemon=True)
    thread.start()
    display.wait_for("")
    time_keys(display, 1, ("LnDn",))  # the first key after a client connects comes late
    times = time_keys(display, moves, ("LnDn",))
    stop.set()
    thread.join(5)
    return times


BARE_CLIENT = """
import sys, brlapi
if sys.argv[3] == "warm":
    print("ready", flush=True)
    sys.stdin.readline()
connection = brlapi.Connection(sys.argv[1].encode())
connection.enterTtyModeWithPath([])
connection.writeDots(bytes([255] * int(sys.argv[2])))
sys.stdin.read()
"""

#: ``accessreader read`` in a process that has imported the command's modules and read, brailled and
#: worded a small book first (tables compiled, language models and speech rules loaded: a terminal's
#: reader program that has run before), then waits for a line on stdin to start.
WARM_READER = """
import sys
from accessreader import cli, content, language
from accessreader.braille.tables import Code
from accessreader.braille.translate import translate_document
from accessreader.service import catalog, positions
from accessreader.terminal import files, reader
from accessreader.tts.script import speech_script
sample = open("samples/kitaphana-kk-ru.epub", "rb").read()
document = content.read(sample, "sample.epub")
translate_document(document, Code())
speech_script(document)
language.load_lingua()
print("ready", flush=True)
sys.stdin.readline()
cli.main(sys.argv[1:])
"""


def show_dot_one(brltty: Brltty, display: VirtualDisplay) -> None:
    """Dot 1 in every cell, left shown by a client that leaves: the next client's cells are new."""
    dot_one = brlapi.Connection(brltty.host.encode())
    dot_one.enterTtyModeWithPath([])
    dot_one.writeDots(bytes([1] * CELLS))
    display.wait_for("\u2801" * CELLS, timeout=30)
    dot_one.leaveTtyMode()
    dot_one.closeConnection()


def until_shown(brltty: Brltty, display: VirtualDisplay, start, wanted: str) -> float:
    """Seconds from ``start()`` (a process) to the display showing ``wanted``; then the process is ended
    (dot 1 in every cell is shown first)."""
    show_dot_one(brltty, display)
    began, process = start()
    display.wait_for(wanted, timeout=120)
    seconds = time.perf_counter() - began
    process.terminate()
    process.wait(30)
    return seconds


def launch(args: list[str]):
    """A new process: (the time it was started, the process)."""
    began = time.perf_counter()
    process = subprocess.Popen(args, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})  # fmt: skip
    return began, process


def warm(args: list[str]):
    """A process started and readied beforehand, told to go: (the time it was told, the process)."""
    _, process = launch(args)
    assert process.stdout.readline().strip() == b"ready"
    began = time.perf_counter()
    process.stdin.write(b"go\n")
    process.stdin.flush()
    return began, process


def read_command(brltty: Brltty, book_args: list[str], folder: Path, ready: bool, copy: str = "data") -> list[str]:
    """``accessreader read`` with speech into a file and a copy of the data folder ``copy`` (no saved place)."""
    data = folder / f"data-{time.monotonic_ns()}"
    shutil.copytree(folder / copy, data)
    args = ["--lang", "kk", "read", *book_args, "--host", brltty.host, "--speech-file", str(folder / "speech.txt"),
            "--data-dir", str(data), "--reader", "bench"]  # fmt: skip
    return [sys.executable, "-c", WARM_READER, *args] if ready else [sys.executable, "-m", "accessreader", *args]


def first_braille(brltty: Brltty, display: VirtualDisplay, sizes: list[float], runs: int, folder: Path) -> None:
    median = lambda measure: statistics.median(measure() for _ in range(runs))  # noqa: E731
    print(
        f"load average at the start (1, 5, 15 min): {', '.join(f'{v:.2f}' for v in os.getloadavg())} on {os.cpu_count()} cores"
    )
    full = "\u28ff" * CELLS
    bare = [sys.executable, "-c", BARE_CLIENT, brltty.host, str(CELLS)]
    floor = {
        "new": median(lambda: until_shown(brltty, display, lambda: launch([*bare, "new"]), full)),
        "warm": median(lambda: until_shown(brltty, display, lambda: warm([*bare, "warm"]), full)),
    }
    print(
        f"baseline, a bare BrlAPI client (connect, write): {floor['new']:.3f} s as a new process, "
        f"{floor['warm']:.3f} s in a process started beforehand"
    )
    first = braille("1-тарау")
    for megabytes in sizes:
        document = book(megabytes)
        data, _ = epub_bytes(document)
        path = folder / f"book-{megabytes:g}.epub"
        path.write_bytes(data)
        shutil.rmtree(folder / "data", ignore_errors=True)
        catalog = Catalog(open_store(data_dir=folder / "data"))
        added = catalog.add_source(data, path.name)
        catalog.attach_document(added.title.id, content.read(data, path.name))
        catalog.store.engine.dispose()
        shutil.rmtree(folder / "kept", ignore_errors=True)
        shutil.copytree(folder / "data", folder / "kept")
        loader = Loader(open_file(path, DEFAULT_LIMITS, Documents(Folder(folder / "kept" / "books"))), Code())
        loader.first()
        loader.start()
        loader.wait()  # the file read whole once: kept finished, as after a first reading
        figures = {}
        rows = (("file", [str(path)], "data"), ("file read before (kept)", [str(path)], "kept"),
                ("catalog title", [document.metadata.title], "data"))  # fmt: skip
        for what, book_args, copy in rows:
            for ready, how in ((False, "new"), (True, "warm")):
                start = launch if not ready else warm
                figures[what, how] = median(
                    lambda: until_shown(brltty, display, lambda: start(read_command(brltty, book_args, folder, ready, copy)), first)
                )  # fmt: skip
        print(f"{megabytes:g} MB book ({len(data) / 1e6:.2f} MB EPUB), time to the first braille, median of {runs}:")
        for (what, how), seconds in figures.items():
            where = "the command, a new process" if how == "new" else "the command in a process started beforehand"
            print(f"  {what}, {where}: {seconds:.3f} s  ({seconds / floor[how]:.1f}× the bare client)")
        (folder / "no catalog").mkdir(exist_ok=True)  # positions in a file: the catalog's need a registered reader
        keys = keys_while_loading(brltty, display, read_command(brltty, [str(path)], folder, True, "no catalog"), first)
        print(
            f"  keys while the rest of the file is read (line down, from the first braille on): median "
            f"{statistics.median(keys or [0]):.1f} ms, worst {max(keys or [0]):.1f} ms over {len(keys)} keys"
            + (" (then one reached the end of what was read)" if len(keys) < 20 else "")
        )


def keys_while_loading(brltty: Brltty, display: VirtualDisplay, command: list[str], first: str, count: int = 20):
    """Milliseconds per key pressed as soon as the first braille is shown, while the rest is still read;
    fewer than ``count`` when a key reaches the end of what is read so far (it moves nothing: the
    reader goes as far as it can) before more comes in."""
    show_dot_one(brltty, display)
    _, process = warm(command)
    try:
        display.wait_for(first, timeout=120)
        times: list[float] = []
        for _ in range(count):
            try:
                times += time_keys(display, 1, ("LnDn",))
            except AssertionError:  # no change in 5 s: the end of what was read when the key came
                break
        return times
    finally:
        process.terminate()
        process.wait(30)


@contextmanager
def running_brltty(prefix: str) -> Iterator[tuple[Brltty, VirtualDisplay, Path]]:
    """A brltty (Virtual driver) in a fresh folder, with the virtual display connected."""
    with tempfile.TemporaryDirectory(prefix=prefix) as name:
        folder = Path(name)
        brltty = Brltty(folder / "brltty")
        brltty.start()
        display = VirtualDisplay(brltty, CELLS)
        display.connect()
        try:
            yield brltty, display, folder
        finally:
            display.close()
            brltty.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("moves", type=int, nargs="?", default=300)
    parser.add_argument("paragraphs", type=int, nargs="?", default=3000)
    parser.add_argument("--first", action="store_true", help="time to the first braille instead of key latency")
    parser.add_argument("--mb", type=float, nargs="+", default=[1.0, 5.0], help="book sizes for --first")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure for --first (the median is printed)")
    args = parser.parse_args()
    if args.first:
        with running_brltty("accessreader-first-") as (brltty, display, folder):
            first_braille(brltty, display, args.mb, args.runs, folder)
        print(f"load average at the end (1, 5, 15 min): {', '.join(f'{v:.2f}' for v in os.getloadavg())}")
        return
    moves, paragraphs = args.moves, args.paragraphs
    with running_brltty("accessreader-terminal-") as (brltty, display, folder):
        floor = baseline(brltty, display, moves)
        started = time.perf_counter()
        document = content.read(book_html(paragraphs), "long.html")
        speaker = Speaker(document, [], FileSink(folder / "speech.txt"))  # the reader gives it the speech
        session = Session("bench", "kk", positions=FilePositions(folder / "positions.json"))
        reader = Reader(document, Display(brltty.host), session, speaker)
        reader.loader.shown()  # nothing is shown here (no run): the rest is read at once
        reader.loader.wait()  # moves over the whole book (the first braille is --first's business)
        loading = time.perf_counter() - started
        thread = run_until_stopped(reader)
        while reader.view is None:
            time.sleep(0.01)
        display.wait_for(lambda shown: shown == reader.view.cells().rstrip("\u2800"), timeout=30)
        times = time_keys(display, moves)
        reader.stop()
        thread.join(5)
        own = own_work(reader, moves)
        reader.display.close()
        speaker.close()
    blocks = sum(1 for _ in document.blocks())
    print(f"book: {blocks} blocks, {len(reader.book.rows)} rows; reading, speech script and braille: {loading:.1f} s")
    print(
        f"baseline (bare BrlAPI client): median {statistics.median(floor):.2f} ms, worst {max(floor):.2f} ms over {moves} keys"
    )
    print(f"reader: median {statistics.median(times):.2f} ms, worst {max(times):.2f} ms over {moves} moves")
    print(
        f"reader's own work per move (Reader.handle): median {statistics.median(own):.2f} ms, worst {max(own):.2f} ms"
    )
    print(f"ratio of medians reader/baseline: {statistics.median(times) / statistics.median(floor):.2f}")


if __name__ == "__main__":
    main()
