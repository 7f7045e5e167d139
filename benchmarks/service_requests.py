"""Requests per second of the running service on loopback: catalog search and downloads.

    python benchmarks/service_requests.py [--titles 30] [--requests 400] [--concurrency 8]

Starts ``accessreader serve`` over a fresh data folder holding converted synthetic
titles, then drives it with an async httpx client.  The baseline, measured in the
same run, is ``GET /api/me`` for the logged-in reader: the framework plus one
session lookup, so the ratios say what search and downloads cost above that floor.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service_common import accessreader, answers, book, free_port, wait_until  # noqa: E402

from accessreader.service.library import Library  # noqa: E402
from accessreader.settings import Settings  # noqa: E402

WORDS = ["kitap", "дала", "city", "library", "тіл", "ән", "книга", "report"]
NAMES = ["Kitaphana", "Дала әндері", "City Library", "Library report", "Тіл байлығы", "Книга песен"]


async def rate(client: httpx.AsyncClient, paths: list[str], concurrency: int) -> float:
    queue = list(paths)

    async def one_lane() -> None:
        while queue:
            response = await client.get(queue.pop())
            response.raise_for_status()
            await response.aread()

    start = time.perf_counter()
    await asyncio.gather(*(one_lane() for _ in range(concurrency)))
    return len(paths) / (time.perf_counter() - start)


async def drive(base: str, titles: list[int], count: int, concurrency: int) -> dict[str, float]:
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        login = await client.post("/api/login", json={"login": "1001", "secret": "4321"})
        login.raise_for_status()
        floor = await rate(client, ["/api/me"] * count, concurrency)
        search = await rate(client, [f"/api/titles?q={WORDS[i % len(WORDS)]}" for i in range(count)], concurrency)
        downloads = await rate(
            client, [f"/api/titles/{titles[i % len(titles)]}/download/brf" for i in range(count // 2)], concurrency
        )
    return {"floor": floor, "search": search, "download": downloads}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--titles", type=int, default=30)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    options = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="accessreader-bench-"))
    library = Library(Settings(data=data))
    library.people.register("reader", "1001", "4321", print_disabled=True)
    worker = library.jobs.worker(1)
    worker.start()
    added = [library.add(book(f"{NAMES[n % len(NAMES)]} {n}", 2, 5), f"title{n}.txt") for n in range(options.titles)]
    wait_until(lambda: all(library.jobs.get(a.job).status == "done" for a in added))
    worker.stop()
    library.close()

    port = free_port()
    server = accessreader(data, "serve", "--port", str(port))
    try:
        server.stdout.readline()
        base = f"http://127.0.0.1:{port}"
        wait_until(lambda: answers(f"{base}/api/me"), timeout=30)
        figures = asyncio.run(drive(base, [a.title.id for a in added], options.requests, options.concurrency))
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    print(
        f"service on loopback, {options.titles} titles, {options.requests} requests, concurrency {options.concurrency}"
    )
    print(f"  baseline GET /api/me      {figures['floor']:8.1f} requests/s")
    print(
        f"  catalog search            {figures['search']:8.1f} requests/s  ({figures['search'] / figures['floor']:.2f}× baseline)"
    )
    print(
        f"  BRF downloads (audited)   {figures['download']:8.1f} requests/s  ({figures['download'] / figures['floor']:.2f}× baseline)"
    )


if __name__ == "__main__":
    main()
