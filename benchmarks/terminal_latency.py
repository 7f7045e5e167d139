"""Key press to new braille on the display, for the terminal reader in a long book, against brltty's own floor.

Run: ``python benchmarks/terminal_latency.py [moves] [paragraphs]`` from the project root (defaults 300, 3000).

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

brltty 6.5 looks for input from a braille driver every 40 ms (its compiled-in
``BRAILLE_INPUT_POLL_INTERVAL``), so a key waits about 20 ms on average before
brltty sees it: the baseline's median sits near that floor whatever the client
does, and the reader's share is its median minus the baseline's, or its own work.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import brlapi  # noqa: E402

from accessreader import content  # noqa: E402
from accessreader.service.positions import FilePositions  # noqa: E402
from accessreader.terminal.display import Display  # noqa: E402
from accessreader.terminal.keys import Action  # noqa: E402
from accessreader.terminal.reader import Reader, Session, run_until_stopped  # noqa: E402
from accessreader.terminal.speech import FileSink, Speaker  # noqa: E402
from accessreader.tts.script import speech_script  # noqa: E402
from tests.brltty_harness import Brltty, VirtualDisplay  # noqa: E402

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


def main() -> None:
    moves = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    paragraphs = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    with tempfile.TemporaryDirectory(prefix="accessreader-terminal-") as folder:
        folder = Path(folder)
        brltty = Brltty(folder / "brltty")
        brltty.start()
        display = VirtualDisplay(brltty, CELLS)
        display.connect()
        try:
            floor = baseline(brltty, display, moves)
            started = time.perf_counter()
            document = content.read(book_html(paragraphs), "long.html")
            speaker = Speaker(document, speech_script(document), FileSink(folder / "speech.txt"))
            session = Session("bench", "kk", positions=FilePositions(folder / "positions.json"))
            reader = Reader(document, Display(brltty.host), session, speaker)
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
        finally:
            display.close()
            brltty.stop()
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
