"""What a visitor's oversized request costs the service: memory grown and seconds taken, with the body limit and without.

    python benchmarks/request_bodies.py [--megabytes 200]

Two services run side by side in their own processes on fresh data folders: the real
one (``server/bodies.py`` refuses a body over its limit before reading it) and a
baseline with that middleware taken out.  Each gets the same anonymous requests: a
JSON login body of ``--megabytes`` MB, and an upload of the same size.  Printed per
request: the status, the seconds to the answer, and how much the server process's
peak memory (VmHWM) grew; then the baseline's growth over the real one's.
"""

from __future__ import annotations

import argparse
import multiprocessing
import select
import socket
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from accessreader.server import create_app  # noqa: E402
from accessreader.server.bodies import BodyLimit  # noqa: E402
from accessreader.service.library import Library  # noqa: E402
from accessreader.settings import Settings  # noqa: E402


def serve(folder: str, port: int, limited: bool) -> None:
    import uvicorn

    library = Library(Settings(data=Path(folder)))
    app = create_app(library.settings, library)
    if not limited:
        app.user_middleware = [m for m in app.user_middleware if m.cls is not BodyLimit]
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="error", lifespan="off")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM")


def send(port: int, head: str, size: int, first: bytes) -> tuple[int, float]:
    """Send the headers and the body (``size`` bytes, stopping once the server answers); the status and seconds."""
    piece = b"9" * (1024 * 1024)
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=120) as connection:
        connection.sendall(head.encode() + b"\r\n" + first)
        sent = len(first)
        while sent < size and not select.select([connection], [], [], 0)[0]:
            try:
                connection.sendall(piece[: size - sent])
            except OSError:  # the server answered and closed
                break
            sent += min(len(piece), size - sent)
        answer = connection.recv(4096)
        return int(answer.split(b" ", 2)[1]), time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", type=int, default=200)
    args = parser.parse_args()
    size = args.megabytes * 1024 * 1024
    requests = {
        "login (JSON)": (
            f"POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {size}\r\n",
            b'{"login": "',
        ),
        "upload (visitor)": (
            "POST /api/titles HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            f"Content-Length: {size}\r\n",
            b'--b\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n\r\n',
        ),
    }
    context = multiprocessing.get_context("spawn")
    grown: dict[str, dict[str, int]] = {}
    for limited in (True, False):
        name = "with the body limit" if limited else "baseline, no limit"
        with tempfile.TemporaryDirectory(prefix="accessreader-bodies-") as folder:
            port = free_port()
            server = context.Process(target=serve, args=(folder, port, limited), daemon=True)
            server.start()
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.2)
            for label, (head, first) in requests.items():
                before = peak_kib(server.pid)
                status, seconds = send(port, head, size, first)
                time.sleep(0.5)
                growth = peak_kib(server.pid) - before
                grown.setdefault(label, {})[name] = growth
                print(f"{name:22} {label:18} status {status}  {seconds:6.2f} s  peak memory +{growth / 1024:7.1f} MB")
            server.terminate()
            server.join(10)
    for label, by in grown.items():
        limited, baseline = by["with the body limit"], by["baseline, no limit"]
        print(f"{label}: the baseline grew {baseline / 1024:.1f} MB, with the limit {limited / 1024:.1f} MB")


if __name__ == "__main__":
    main()
