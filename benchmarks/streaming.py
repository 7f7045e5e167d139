"""Listening benchmark: the service on loopback, many listeners at real-time pace, first-byte latency.

    .venv/bin/python -m benchmarks.streaming [--listeners 1000] [--seconds 20]

Prepares a data folder with two titles (one with its audio made, one to be spoken
live) and a reader's token, starts ``accessreader serve`` as its own process, then:

1. first-byte latency of a made chapter (Safari's ``Range: bytes=0-1``) and of a
   live chapter (time to the first MP3 bytes of a chapter spoken as it plays),
   the median and the worst of several requests;
2. N listeners (one async httpx client, one connection each, started over a few
   seconds) each playing a made chapter the way a player does: ``Range: bytes=0-``,
   starting to play once 1 s of audio came, reading ahead at most 10 s and then
   only as fast as the audio plays.  A listener is *held* when its buffer never ran
   dry (audio received always covers the time played) for the whole run; the time
   each took to start playing is printed too.

Prints the figures; the machine is shared, so the figures vary from run to run.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from benchmarks.service_common import accessreader, answers, book, free_port, wait_until

STARTUP = 1.0  # seconds of audio a player waits for before it starts
AHEAD = 10.0  # seconds a player reads ahead of what it plays
READER = ("1001", "4321")


def prepare(data: Path) -> tuple[int, int, str]:
    """Two titles in ``data`` (audio made for the first) and a token of a print-disabled reader."""
    from accessreader.content import read
    from accessreader.service.library import Library
    from accessreader.settings import Settings

    library = Library(Settings(data=data))
    try:
        person = library.people.register("reader", *READER, "Listener", print_disabled=True)
        ids = []
        for name, paragraphs in (("made.txt", 10), ("live.txt", 3)):
            source = book(name, chapters=2, paragraphs=paragraphs)
            title = library.catalog.add_source(source, name).title
            library.catalog.attach_document(title.id, read(source, name))
            ids.append(title.id)
        library.audiobooks.make(ids[0])
        token = library.people.issue_token(person.id, "benchmark").secret
    finally:
        library.close()
    return ids[0], ids[1], token


def first_bytes(base: str, url: str, headers: dict[str, str], times: int) -> list[float]:
    """Seconds from sending the request to the first body bytes, ``times`` times."""
    found = []
    with httpx.Client(base_url=base, timeout=30) as client:
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
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=httpx.Timeout(60.0)) as client:
        runs = asyncio.gather(*(listen(client, url, rate, seconds, ramp * i / listeners) for i in range(listeners)))
        return await asyncio.wait_for(runs, seconds + ramp + 120)  # bounded: a stuck run fails, never hangs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listeners", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=20.0, help="How long each listener plays.")
    parser.add_argument("--ramp", type=float, default=10.0, help="Seconds over which the listeners start.")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ar-streaming-") as folder:
        data = Path(folder) / "data"
        made, live, token = prepare(data)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        service = accessreader(data, "serve", "--port", str(port))
        try:
            wait_until(lambda: answers(f"{base}/"), timeout=60)
            auth = {"Authorization": f"Bearer {token}"}
            chapters = httpx.get(f"{base}/api/titles/{made}/audio", headers=auth).json()
            chapter = max(chapters, key=lambda c: c["seconds"])
            size = int(httpx.head(f"{base}{chapter['href']}", headers=auth).headers["content-length"])  # not audited
            rate = size / chapter["seconds"]

            made_first = first_bytes(base, chapter["href"], {**auth, "Range": "bytes=0-1"}, 20)
            live_urls = [c["href"] for c in httpx.get(f"{base}/api/titles/{live}/audio", headers=auth).json()]
            live_first = first_bytes(base, live_urls[-1], auth, 10)
            print(f"first byte, made chapter (Range: bytes=0-1): median {statistics.median(made_first) * 1000:.1f} ms, "
                  f"worst {max(made_first) * 1000:.1f} ms (20 requests)")  # fmt: skip
            print(f"first audio, live chapter (spoken as it plays): median {statistics.median(live_first) * 1000:.1f} ms, "
                  f"worst {max(live_first) * 1000:.1f} ms (10 requests; aim < 300 ms)")  # fmt: skip

            url = f"{chapter['href']}?token={token}"
            seconds = min(options.seconds, chapter["seconds"] - AHEAD)
            started = time.perf_counter()
            results = asyncio.run(crowd(base, url, rate, options.listeners, seconds, options.ramp))
            took = time.perf_counter() - started
            held = sum(r.held and not r.failed for r in results)
            failed = sum(r.failed for r in results)
            print(f"listeners: {options.listeners} at {rate * 8 / 1000:.0f} kbit/s for {seconds:.0f} s each "
                  f"(started over {options.ramp:.0f} s: {options.listeners / options.ramp:.0f} new a second; run took {took:.1f} s)")  # fmt: skip
            starts = sorted(r.start for r in results if not r.failed)
            if starts:
                print(f"time to start playing: median {statistics.median(starts) * 1000:.0f} ms, "
                      f"95th percentile {starts[int(len(starts) * 0.95) - 1] * 1000:.0f} ms")  # fmt: skip
            print(f"held at real-time pace: {held} of {options.listeners} ({held / options.listeners:.1%}); "
                  f"buffer ran dry: {options.listeners - held - failed}; failed requests: {failed}")  # fmt: skip
        finally:
            service.terminate()
            service.wait(30)


if __name__ == "__main__":
    main()
