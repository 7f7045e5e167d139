"""Listening benchmark: the service on loopback, many listeners at real-time pace, first-byte latency.

    .venv/bin/python -m benchmarks.streaming [--listeners 1000] [--seconds S] [--minutes 60] [--live-mb 1,5]
                                             [--source OTHER_CHECKOUT]

Prepares a data folder with two titles and a reader's token, starts ``accessreader
serve`` as its own process, then measures:

1. first-byte latency of a made chapter (Safari's ``Range: bytes=0-1``) and first
   audio of a live chapter (a chapter not made yet, spoken as it plays) of large
   titles (``--live-mb``: MB of varied text each, ``books.py``: its largest chapter,
   and the first, so the request must find one chapter in a big stored Document),
   and the chapter list of such a title (``GET …/audio``, what the listening page asks
   first), each the first time and again;
2. N listeners (one async httpx client, one connection each, started over
   ``--ramp`` seconds) each playing a made chapter of ``--minutes`` minutes (its
   file is far larger than the loopback socket buffers: the service, not the
   kernel, has to keep up) the way a player does: ``Range: bytes=0-``, starting to
   play once 1 s of audio came, reading ahead at most 10 s and then only as fast
   as the audio plays, over a socket whose receive buffer is bounded (64 kB).  By
   default each plays the whole chapter; ``--seconds`` shortens the run.  A
   listener is *held* when its buffer never ran dry.

With ``--source OTHER_CHECKOUT`` (``git archive COMMIT | tar -x -C OTHER_CHECKOUT``) all of
it is measured again with the service of that checkout, on the same data, in the same run.

The time to start playing (median and 95th percentile) is printed beside, and as a
ratio to, one listener alone (the median of three) measured first in the same run.  The machine is
shared, so the figures vary from run to run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from benchmarks.books import book as varied_book
from benchmarks.service_common import ROOT, answers, book, env, free_port, wait_until

STARTUP = 1.0  # seconds of audio a player waits for before it starts
AHEAD = 10.0  # seconds a player reads ahead of what it plays
RECEIVE_BUFFER = 65536  # bytes: a player's socket receive buffer
READER = ("1001", "4321")


def prepare(data: Path, minutes: float, live_mb: list[float]) -> tuple[int, list[int], str]:
    """Two titles in ``data`` and a token of a print-disabled reader.

    The first has its audio made, its first chapter then lengthened to ``minutes``
    minutes by repeating its MP3 frames (what it says does not matter to the
    service, only its size and length); the others are ``live_mb`` MB of varied text, two
    titles of each size, never made, so their chapters are spoken live.
    """
    from accessreader.content import read
    from accessreader.service.library import Library
    from accessreader.settings import Settings

    library = Library(Settings(data=data))
    try:
        person = library.people.register("reader", *READER, "Listener", print_disabled=True)
        source = book("made.txt", chapters=2, paragraphs=10)
        made = library.catalog.add_source(source, "made.txt").title.id
        library.catalog.attach_document(made, read(source, "made.txt"))
        library.audiobooks.make(made)
        live = []
        for size in live_mb:
            for seed in (17, 18):  # two titles of each size: one for the chapter list, one for first audio, both cold
                document = varied_book(size, seed=seed)
                name = f"live-{size}-{seed}.json"
                live.append(library.catalog.add_source(document.to_json().encode("utf-8"), name).title.id)
                library.catalog.attach_document(live[-1], document)
        token = library.people.issue_token(person.id, "benchmark").secret
    finally:
        library.close()
    folder = data / "audio" / str(made)
    timings = json.loads((folder / "timings.json").read_text(encoding="utf-8"))
    chapter = timings["0"]
    frames = (folder / "001.mp3").read_bytes()
    times = max(1, round(minutes * 60 / chapter["seconds"]))
    (folder / "001.mp3").write_bytes(frames * times)
    chapter["seconds"] *= times
    (folder / "timings.json").write_text(json.dumps(timings), encoding="utf-8")
    return made, live, token


def first_bytes(base: str, url: str, headers: dict[str, str], times: int) -> list[float]:
    """Seconds from sending the request to the first body bytes, ``times`` times."""
    found = []
    with httpx.Client(base_url=base, timeout=300) as client:
        for _ in range(times):
            start = time.perf_counter()
            with client.stream("GET", url, headers=headers) as response:
                response.raise_for_status()
                next(response.iter_raw())
                found.append(time.perf_counter() - start)
    return found


@dataclass
class Listened:
    held: bool
    start: float  # seconds from the request until STARTUP seconds of audio had come (playing starts)
    failed: bool = False


async def listen(client: httpx.AsyncClient, url: str, rate: float, seconds: float, delay: float) -> Listened:
    """One player: plays once ``STARTUP`` s of audio came, reads at most ``AHEAD`` s ahead; ever empty?"""
    await asyncio.sleep(delay)
    loop = asyncio.get_running_loop()
    asked = loop.time()
    playing: float | None = None  # loop time when playing started
    received = 0
    held = True
    try:
        async with client.stream("GET", url, headers={"Range": "bytes=0-"}) as response:
            if response.status_code != 206:
                return Listened(False, 0.0, failed=True)
            size = int(response.headers["content-length"])
            async for chunk in response.aiter_raw():
                now = loop.time()
                if playing is not None and received / rate < now - playing:
                    held = False  # the audio ran out before this chunk came
                received += len(chunk)
                if playing is None and (received / rate >= STARTUP or received >= size):
                    playing = now
                played = now - playing if playing is not None else 0.0
                if played >= seconds or received >= size:
                    break
                ahead = received / rate - played
                if ahead > AHEAD:
                    await asyncio.sleep(ahead - AHEAD)
    except httpx.HTTPError:
        return Listened(False, loop.time() - asked, failed=True)
    return Listened(held, (playing or loop.time()) - asked)


async def crowd(base: str, url: str, rate: float, listeners: int, seconds: float, ramp: float) -> list[Listened]:
    limits = httpx.Limits(max_connections=listeners, max_keepalive_connections=0)
    bounded = httpx.AsyncHTTPTransport(
        limits=limits, socket_options=[(socket.SOL_SOCKET, socket.SO_RCVBUF, RECEIVE_BUFFER)]
    )
    async with httpx.AsyncClient(base_url=base, transport=bounded, timeout=httpx.Timeout(60.0)) as client:
        runs = asyncio.gather(*(listen(client, url, rate, seconds, ramp * i / listeners) for i in range(listeners)))
        return await asyncio.wait_for(runs, seconds + ramp + 120)  # bounded: a stuck run fails, never hangs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listeners", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=0, help="How long each listener plays (default: all).")
    parser.add_argument("--minutes", type=float, default=60.0, help="Length of the made chapter (default 60).")
    parser.add_argument("--live-mb", default="1,5", help="Sizes of the live titles in MB of text (default 1,5).")
    parser.add_argument("--ramp", type=float, default=10.0, help="Seconds over which the listeners start.")
    parser.add_argument("--source", type=Path, action="append", default=[],
                        help="Also run the service from this checkout (git archive COMMIT | tar -x -C PATH), "
                             "after this one, on the same data.")  # fmt: skip
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ar-streaming-") as folder:
        data = Path(folder) / "data"
        sizes = [float(size) for size in options.live_mb.split(",")]
        made, lives, token = prepare(data, options.minutes, sizes)
        for source in [ROOT, *options.source]:
            print(f"service from {source}:")
            measure(data, source, made, lives, token, sizes, options)


def measure(data: Path, source: Path, made: int, lives: list[int], token: str, sizes: list[float],
            options: argparse.Namespace) -> None:  # fmt: skip
    """Start the service from the checkout ``source`` over ``data``, measure, print, stop it."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    service = subprocess.Popen([sys.executable, "-m", "accessreader", "serve", "--port", str(port)], cwd=source,
                               env=env(data, PYTHONPATH=str(source)), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        wait_until(lambda: answers(f"{base}/"), timeout=60)
        auth = {"Authorization": f"Bearer {token}"}
        chapters = httpx.get(f"{base}/api/titles/{made}/audio", headers=auth).json()
        chapter = max(chapters, key=lambda c: c["seconds"])
        size = int(httpx.head(f"{base}{chapter['href']}", headers=auth).headers["content-length"])  # not audited
        rate = size / chapter["seconds"]

        made_first = first_bytes(base, chapter["href"], {**auth, "Range": "bytes=0-1"}, 20)
        live_first, listed = {}, {}
        for mb, listing, playing in zip(sizes, lives[::2], lives[1::2], strict=True):
            listed[mb] = [first_bytes(base, f"/api/titles/{listing}/audio", auth, 1)[0] for _ in range(2)]
            live_first[mb] = [
                first_bytes(base, f"/api/titles/{playing}/audio/{number}.mp3", auth, 1)[0] for number in (4, 1, 2, 6, 3)
            ]
        print(f"made chapter: {size / 1e6:.1f} MB, {chapter['seconds'] / 60:.0f} min")
        print(f"first byte, made chapter (Range: bytes=0-1): median {statistics.median(made_first) * 1000:.1f} ms, "
              f"worst {max(made_first) * 1000:.1f} ms (20 requests)")  # fmt: skip
        for mb in sizes:
            first = live_first[mb]
            print(f"live title of {mb:g} MB: chapter list {listed[mb][0] * 1000:.0f} ms the first time, "
                  f"{listed[mb][1] * 1000:.0f} ms again; first audio of a live chapter: median "
                  f"{statistics.median(first) * 1000:.1f} ms, worst {max(first) * 1000:.1f} ms "
                  f"(chapters 4, 1, 2, 6, 3 of another title, each once; aim < 300 ms)")  # fmt: skip

        url = f"{chapter['href']}?token={token}"
        seconds = min(options.seconds or chapter["seconds"], chapter["seconds"])
        alone = statistics.median(
            asyncio.run(crowd(base, url, rate, 1, min(seconds, 5.0), 0.0))[0].start for _ in range(3)
        )
        started = time.perf_counter()
        results = asyncio.run(crowd(base, url, rate, options.listeners, seconds, options.ramp))
        took = time.perf_counter() - started
        held = sum(r.held and not r.failed for r in results)
        failed = sum(r.failed for r in results)
        print(f"listeners: {options.listeners} at {rate * 8 / 1000:.0f} kbit/s for {seconds:.0f} s each "
              f"(started over {options.ramp:.0f} s: {options.listeners / options.ramp:.0f} new a second; run took {took:.1f} s)")  # fmt: skip
        starts = sorted(r.start for r in results if not r.failed)
        if starts:
            median, p95 = statistics.median(starts), starts[max(0, int(len(starts) * 0.95) - 1)]
            print(f"time to start playing: median {median * 1000:.0f} ms, 95th percentile {p95 * 1000:.0f} ms; "
                  f"one listener alone {alone * 1000:.0f} ms (ratios {median / alone:.1f}×, {p95 / alone:.1f}×)")  # fmt: skip
        print(f"held at real-time pace: {held} of {options.listeners} ({held / options.listeners:.1%}); "
              f"buffer ran dry: {options.listeners - held - failed}; failed requests: {failed}")  # fmt: skip
    finally:
        service.terminate()
        service.wait(30)


if __name__ == "__main__":
    main()
