"""A real brltty with no hardware, for the terminal tests and benchmark.

    VirtualDisplay ──unix socket, vr line protocol──▶ brltty -b vr -d server:SOCKET
                                                          │ BrlAPI, auth=none, 127.0.0.1:N
                                                  reader ─┘

brltty 6.5's Virtual driver takes the display's side of a line protocol: we
send ``cells 20`` (the size), key commands (``FWINRT``, ``LnDn``, ``Route 5``,
``PassDots 27``, ``PassChar 65``, ``Return``) and read ``Braille "1|12|…"``
lines, the dots shown.  brltty runs in the foreground with no screen or speech
driver, its pid file, settings and writable files in a private folder, and the
text table from ``keys.dots_text_table`` so typed chords reach BrlAPI as
Unicode braille.  Facts found by running it: ``Route N`` routes cell N counted
from 0 (the README says from 1); a key sent before brltty's start message
is gone only dismisses it (``-M 1`` keeps it short); a brltty waiting for its
display ignores SIGTERM, so stopping falls back to SIGKILL; lines sent together
are lost but the first, so keys are sent ``KEY_GAP`` apart.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

from accessreader.terminal.keys import dots_text_table

BRLTTY = shutil.which("brltty") or "/usr/bin/brltty"
#: brltty's vr driver takes one command per read and drops the rest of what arrived with it
KEY_GAP = 0.05
_BRAILLE_LINE = re.compile(rb'^Braille "(.*)"\r?$')


def _free_api_number() -> int:
    """A BrlAPI host number N whose TCP port 4101+N is free."""
    for number in range(1000 + os.getpid() % 5000, 20000):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", 4101 + number))
            except OSError:
                continue
            return number
    raise RuntimeError("no free port for BrlAPI")


class Brltty:
    """One brltty daemon with the Virtual driver; ``host`` is what BrlAPI clients pass."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.socket = folder / "vr.sock"
        self.table = folder / "dots.ttb"
        self.table.write_text(dots_text_table(), encoding="utf-8")
        self.host = f"127.0.0.1:{_free_api_number()}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        if self.socket.exists():
            self.socket.unlink()
        command = [
            BRLTTY, "-n", "-q", "-e", "-l", "warning", "-M", "1",
            "-f", "/dev/null", "-F", "/dev/null", "-t", str(self.table),
            "-b", "vr", "-d", f"server:{self.socket}", "-x", "no", "-s", "no",
            "-A", f"auth=none,host={self.host}",
            "-P", str(self.folder / "brltty.pid"), "-W", str(self.folder), "-U", str(self.folder), "-Z",
        ]  # fmt: skip
        log = open(self.folder / "brltty.log", "ab")
        self.process = subprocess.Popen(command, stdout=log, stderr=log, stdin=subprocess.DEVNULL, cwd=self.folder)
        log.close()
        deadline = time.monotonic() + 10
        while not self.socket.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"brltty did not start: {(self.folder / 'brltty.log').read_text()[-2000:]}")
            time.sleep(0.02)

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(2)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        self.process = None
        pid = self.folder / "brltty.pid"
        if pid.exists():
            pid.unlink()


class VirtualDisplay:
    """The display's end of the vr protocol: size it, press keys, read the cells shown."""

    def __init__(self, brltty: Brltty, cells: int) -> None:
        self.brltty = brltty
        self.size = cells
        self._lock = threading.Condition()
        self._shown = ""
        self._updates = 0
        self._socket: socket.socket | None = None
        self._last_press = 0.0

    def connect(self) -> None:
        connection = socket.socket(socket.AF_UNIX)
        connection.connect(str(self.brltty.socket))
        connection.sendall(f"cells {self.size}\n".encode())
        self._socket = connection
        threading.Thread(target=self._listen, args=(connection,), daemon=True).start()

    def _listen(self, connection: socket.socket) -> None:
        stream = connection.makefile("rb")
        for line in stream:
            match = _BRAILLE_LINE.match(line.rstrip(b"\n"))
            if match:
                cells = "".join(_cell(dots) for dots in match.group(1).decode().split("|"))
                with self._lock:
                    self._shown = cells
                    self._updates += 1
                    self._lock.notify_all()

    def shown(self) -> str:
        """The cells on the display now, Unicode braille, trailing blanks dropped."""
        with self._lock:
            return self._shown.rstrip("\u2800")

    def press(self, command: str) -> None:
        """Send one key line (``FWINRT``, ``Route 3``, ``PassDots 27``…), at least ``KEY_GAP`` after the last."""
        assert self._socket is not None
        time.sleep(max(0.0, self._last_press + KEY_GAP - time.monotonic()))
        self._socket.sendall(command.encode() + b"\n")
        self._last_press = time.monotonic()

    def wait_for(self, wanted, timeout: float = 5.0) -> str:
        """Wait until ``wanted(shown)`` holds (a string means: the display shows exactly that); the cells."""
        test = wanted if callable(wanted) else (lambda shown: shown == wanted)
        deadline = time.monotonic() + timeout
        with self._lock:
            while not test(self._shown.rstrip("\u2800")):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"display shows {self._shown.rstrip(chr(0x2800))!r}, not what was awaited")
                self._lock.wait(left)
            return self._shown.rstrip("\u2800")

    def key(self, command: str, wanted=None, timeout: float = 5.0) -> str:
        """Press ``command`` and wait for the display to change (or to show ``wanted``)."""
        before = self.shown()
        self.press(command)
        return self.wait_for(wanted if wanted is not None else (lambda shown: shown != before), timeout)

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None


def _cell(dots: str) -> str:
    bits = 0
    for dot in dots.strip():
        bits |= 1 << (int(dot) - 1)
    return chr(0x2800 + bits)
