"""Reading one book under a time and memory budget, in a process of its own.

    read_bounded(data, name, limits, workers, budget, first)
        ──child process: its own process group, address space capped at budget.memory,
          killed with its parent──▶ content.read ──▶ Document (or the error it raised)
        ◀── through a pipe (with ``first``: the first chapters, finished, before the rest)
    past the budget's time: the child and everything it started killed ──▶ ReadingTooLong
    MemoryError in the child, or the child killed by the kernel ──▶ ReadingTooBig

One hostile book must not stall a worker: an HTML tag with 200,000 attributes keeps
libxml2 busy for minutes (its duplicate-attribute check is quadratic, and no parser
option turns it off), a compressed-stream bomb asks for gigabytes.  Inside the
budget the child reads exactly what ``content.read`` reads in this process; its own
workers (language detection, PDF pages, OCR) are its children and share its fate.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import resource
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn

from .. import processes
from ..errors import AccessReaderError, CorruptFile, ReadingTooBig, ReadingTooLong
from ..model import Document
from ..settings import Settings
from .safety import DEFAULT_LIMITS, Limits, human_size

MB = 1024 * 1024
#: What the child sends first, before its outcome, when asked: ``(FIRST, preview)``.
FIRST = "first"


@dataclass(frozen=True)
class Budget:
    """How long reading one book may take (wall clock) and how much memory its process may map.

    The time is ``seconds`` plus ``seconds_per_mb`` for each megabyte of the file, so that a
    long scanned book read by OCR page by page is not cut short.
    """

    seconds: float = 600.0
    memory_bytes: int = 3 * 1024 * MB
    seconds_per_mb: float = 10.0

    def time_for(self, size: int) -> float:
        """The seconds a file of ``size`` bytes may take to read."""
        return self.seconds + self.seconds_per_mb * size / MB

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Budget:
        """The budget of ``settings`` (``ACCESSREADER_READ_SECONDS``, ``ACCESSREADER_READ_MEMORY_MB``;
        by default those of the environment); ``BadOption`` naming the variable for a bad value."""
        settings = settings or Settings.from_env()
        return cls(settings.read_seconds, int(settings.read_memory_mb * MB))


def read_bounded(
    data: bytes,
    name: str = "",
    limits: Limits = DEFAULT_LIMITS,
    workers: int = 1,
    budget: Budget | None = None,
    finished: bool = True,
    first: Callable[[Document], None] | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> Document | tuple[Document, bool]:
    """``content.read(data, name, limits, workers, first)`` in a child process held to ``budget``
    (with ``finished=False``: ``content.draft(data, name, limits)``, a (Document, finished) pair);
    ``meanwhile()`` is called here while the child reads (work that does not need the book).

    ``first(preview)`` is called here, in this process, as soon as the child has the first chapters
    (``finish.preview``), while it goes on with the rest; what it raises ends the reading.

    ``budget`` defaults to ``Budget.from_settings()``.  Raises what ``content.read``
    raises, ``ReadingTooLong`` past the time budget and ``ReadingTooBig`` past the
    memory budget (or when the kernel killed the reader).
    """
    budget = budget or Budget.from_settings()
    context = multiprocessing.get_context(processes.start_method())
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(["accessreader.content"])
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child,
        args=(sender, data, name, limits, workers, budget.memory_bytes, os.getpid(), finished, first is not None),
    )
    child.start()
    sender.close()
    try:
        if meanwhile is not None:
            meanwhile()
        outcome = _wait(child, receiver, budget.time_for(len(data)), name, first)
    finally:
        _kill(child)
        receiver.close()
    if outcome is None:  # the child died without a word
        _died(child.exitcode, name, budget)
    ok, value = outcome
    if ok:
        return value
    raise value


def _wait(
    child: multiprocessing.process.BaseProcess,
    receiver,
    seconds: float,
    name: str,
    first: Callable[[Document], None] | None = None,
) -> tuple[bool, object] | None:
    """The child's (ok, value), or None when it died first; ``ReadingTooLong`` once ``seconds`` pass.
    A ``(FIRST, preview)`` on the way goes to ``first``."""
    deadline = time.monotonic() + seconds
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise ReadingTooLong(name=name, limit=f"{seconds:.0f}")
        ready = multiprocessing.connection.wait([receiver, child.sentinel], timeout=left)
        if receiver in ready or child.sentinel in ready and receiver.poll():
            try:
                message = receiver.recv()
            except EOFError:
                return None
            if message[0] == FIRST:
                if first is not None:
                    first(message[1])
                continue
            return message
        if child.sentinel in ready:
            return None


def _died(exitcode: int | None, name: str, budget: Budget) -> NoReturn:
    """The child ended without an answer: the kernel's OOM killer, or an abort when memory ran out, else a crash."""
    if exitcode in (-signal.SIGKILL, -signal.SIGABRT, -signal.SIGBUS):
        raise ReadingTooBig(name=name, limit=human_size(budget.memory_bytes))
    raise CorruptFile(name=name, format="book", detail=f"the reader stopped (exit code {exitcode})")


def _kill(child: multiprocessing.process.BaseProcess) -> None:
    """End the child and everything it started (its process group), then reap it."""
    if child.pid is not None:
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):  # not yet the leader of its group
            child.kill()
    child.join()


def _child(
    sender, data: bytes, name: str, limits: Limits, workers: int, memory: int, parent: int, finished: bool,
    first: bool,
) -> None:  # fmt: skip
    """In the child: read under the memory cap and send back ``(True, document)`` or ``(False, error)``
    (with ``first``: ``(FIRST, preview)`` before them)."""
    from . import draft, read

    processes.die_with_parent(parent)
    os.setpgid(0, 0)  # a group of our own: a timeout kills our workers and OCR programs too
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's; it kills us
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        early = (lambda preview: sender.send((FIRST, preview))) if first else None
        read_it = read(data, name, limits, workers, early) if finished else draft(data, name, limits)
        outcome: tuple[bool, object] = (True, read_it)
    except MemoryError:
        outcome = (False, ReadingTooBig(name=name, limit=human_size(memory)))
    except AccessReaderError as error:
        outcome = (False, error)
    except Exception as error:  # a bug, unless memory ran out where the library could not say so
        over = _peak_address_space() > memory * 0.9  # e.g. ImportError "failed to map segment"
        outcome = (False, ReadingTooBig(name=name, limit=human_size(memory)) if over else error)
    try:
        sender.send(outcome)
    except MemoryError:
        sender.send((False, ReadingTooBig(name=name, limit=human_size(memory))))
    except Exception as error:  # an error that does not pickle
        sender.send((False, RuntimeError(f"{type(error).__name__}: {outcome[1]!r}"[:500])))
    sender.close()


def _peak_address_space() -> int:
    """This process's peak virtual memory in bytes (``VmPeak``), 0 where Linux does not tell."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


__all__ = ["Budget", "read_bounded"]
