"""OPDS downloads with HTTP Basic against the same with a token: what logging in on every request costs.

Run: .venv/bin/python benchmarks/opds_auth.py [REQUESTS]
A fresh library (temporary folder) with one converted title; REQUESTS (default 100)
downloads of its BRF through ``/opds/titles/{id}/download/brf`` in-process (FastAPI's
TestClient), first with a reader's token (the baseline: one hash lookup), then with
HTTP Basic (card number and PIN with every request, as reading apps send them; the
server checks them against the Argon2id hash once a minute, ``server.deps._RecentLogins``).
Prints requests per second of each and the ratio.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastapi.testclient import TestClient  # noqa: E402

from accessreader.server import create_app  # noqa: E402
from tests.servicekit import READER, book, make_library, wait_done  # noqa: E402


def rate(client: TestClient, href: str, count: int, **options) -> float:
    started = time.perf_counter()
    for _ in range(count):
        answer = client.get(href, **options)
        assert answer.status_code == 200, answer.text
    return count / (time.perf_counter() - started)


def main(count: int) -> None:
    with tempfile.TemporaryDirectory(prefix="accessreader-opds-") as folder:
        library = make_library(Path(folder))
        worker = library.jobs.worker(1)
        worker.start()
        try:
            added = library.add(book("Дала әндері"), "dala.txt")
            wait_done(library, added.job)
        finally:
            worker.stop()
        token = library.people.issue_token(library.people.by_login(READER[0]).id).secret
        href = f"/opds/titles/{added.title.id}/download/brf"
        with TestClient(create_app(library.settings, library)) as client:
            with_token = rate(client, href, count, params={"token": token})
            with_basic = rate(client, href, count, auth=READER)
        library.close()
    print(f"token: {with_token:.0f} downloads/s (baseline)")
    print(f"HTTP Basic: {with_basic:.0f} downloads/s ({with_basic / with_token:.2f}x the token's rate)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
