"""One function over a long list on several processes: contiguous runs, a few per core, results in order.
(``run_tasks`` below it is the pool itself, which speech synthesis uses too.)

    items ──split by weight──▶ runs (reading order)
        run ──worker process: function(item, *args) each──▶ [result]
    ──▶ [result] in the order of the items (what one process makes)

Braille translation (``braille/translate.py``) and a reader's last step, language
detection and sentences (``content/finish.py``), are pure functions of one block,
so a long book is shared among processes: it is cut into ``RUNS_PER_WORKER``
contiguous runs per worker, and a worker that is done takes the next run, so a
worker slowed by other load on a shared core does not hold up the end.

A process with one thread (``accessreader convert``) forks the workers: they
start at once with its tables and language models loaded.  Forking a process
with threads (the service's, lingua's) can leave a lock held in the child, so
there the workers fork from a ``forkserver`` that has imported only the
function's module.  Measured on a busy two-core machine, 1 MB of text in
braille: workers start in 0.15 s forked, 0.4 s from the forkserver, 0.9 s
spawned; the pool's extra CPU time is 0.25 s and 0.45 s.  Forked workers inherit
the items (a run is sent as its bounds, not pickled), and the parent's objects are
frozen for the garbage collector meanwhile (``gc.freeze``), so a worker's collections
do not write to, and so copy, every page of the book it inherited.

Workers report items done through a queue, so a progress bar advances.  A
failing run (a table that does not load) stops the others at their next
report and its error reaches the caller as it was raised (``AccessReaderError``
pickles by its parameters).  Ctrl+C is left to the parent (workers ignore
it), which stops them the same way; no worker outlives the call.  Nor the
caller: each worker asks Linux to kill it when its parent dies (``kill -9`` of
the command included), so no pool child, and no resource tracker waiting on
them, is left behind.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import multiprocessing.context
import multiprocessing.synchronize
import os
import queue
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from itertools import accumulate
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Total weight (characters of text) below which the items are done in the calling process:
#: starting workers costs more than it saves (braille, best of 3 on a busy two-core machine:
#: 200 000 characters 0.36 s alone, 0.42 s on two; 400 000 characters 0.84 s, 0.72 s).
SMALL = 300_000
#: Items a worker handles between two progress reports.
REPORT_EVERY = 64
#: Runs per worker: a worker that finishes early (the machine is shared, a core may be busy with
#: others) takes the next run instead of waiting for the slowest (5 MB to braille on two workers,
#: wall clock, best of 3 under load: see benchmarks/braille_throughput.py).
RUNS_PER_WORKER = 4
#: Most weight (characters) of one run when results are written as they come (``for_each_in_order``):
#: what the caller holds of the runs back early stays bounded however long the book.
RUN_WEIGHT = 100_000


def default_workers() -> int:
    """As many workers as cores."""
    return os.cpu_count() or 1


def map_in_order(
    function: Callable[..., R],
    items: Sequence[T],
    args: tuple = (),
    workers: int = 2,
    weight: Callable[[T], int] = lambda item: 1,
    progress: Callable[[int], None] | None = None,
    prepare: Callable[[], None] | None = None,
) -> list[R]:
    """``[function(item, *args) for item in items]`` on up to ``workers`` processes.

    ``function`` must be a module-level function; the runs are about equal in
    total ``weight``, and items weighing less than ``SMALL`` in all are done
    here.  ``progress(n)`` hears of items done.  ``prepare()`` is called here
    before workers are forked: what each would load (language models), loaded
    once and shared.  Raises what ``function`` raises.
    """
    out: list[R] = []
    for_each_in_order(function, items, out.append, args, workers, weight, progress, run_weight=0, prepare=prepare)
    return out


def for_each_in_order(
    function: Callable[..., R],
    items: Sequence[T],
    each: Callable[[R], None],
    args: tuple = (),
    workers: int = 2,
    weight: Callable[[T], int] = lambda item: 1,
    progress: Callable[[int], None] | None = None,
    run_weight: int = RUN_WEIGHT,
    prepare: Callable[[], None] | None = None,
) -> None:
    """``each(function(item, *args))`` for the items in order, on up to ``workers`` processes.

    As ``map_in_order``, but a result goes to ``each`` (in this process) as soon as it and all
    before it are done, and is not kept: a caller that writes as the results come holds only the
    runs that came back early.  Runs weigh at most about ``run_weight`` (0: no bound, a few runs
    per worker), so what is held stays the same however long the book.
    """
    total = sum(weight(item) for item in items)
    if workers <= 1 or total < SMALL:
        for item in items:
            each(_done(function(item, *args), progress))
        return
    parts = workers * RUNS_PER_WORKER
    if run_weight:
        parts = max(parts, -(-total // run_weight))
    runs = split(items, parts, weight)
    context = multiprocessing.get_context(start_method())
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload([function.__module__])
    told = 0

    def heard(count: int) -> None:
        nonlocal told
        told += count
        if progress:
            progress(count)

    early: dict[int, list] = {}  # runs back before one ahead of them
    following = 0

    def finished(index: int, results: list) -> None:
        nonlocal following
        early[index] = results
        while following in early:
            for result in early.pop(following):
                each(result)
            following += 1

    global _inherited
    forked = context.get_start_method() == "fork"
    if forked:  # forked workers inherit the items: a run goes as its bounds
        if prepare is not None:
            prepare()
        _inherited = (function, items, args)
        ends = list(accumulate(len(run) for run in runs))
        tasks = [(_run_inherited, (end - len(run), end)) for run, end in zip(runs, ends)]
        gc.freeze()  # the workers' garbage collector leaves what they inherit alone: its pages stay shared
    else:
        tasks = [(_run, (function, run, args)) for run in runs]
    del runs
    try:
        run_tasks(tasks, workers, context, heard, finished, keep=False)
    finally:
        _inherited = None
        if forked:
            gc.unfreeze()
    if progress and len(items) > told:  # reports still in the queue when the last run came back
        progress(len(items) - told)


def run_tasks(
    tasks: Sequence[tuple[Callable[..., R], tuple]],
    workers: int,
    context: multiprocessing.context.BaseContext,
    progress: Callable[[int], None] | None = None,
    finished: Callable[[int, R], None] | None = None,
    keep: bool = True,
) -> list[R]:
    """``function(*args)`` for each task on up to ``workers`` processes of ``context``; results in task order.

    A task tells of units done with ``report(n)``, which ``progress(n)`` hears;
    ``finished(index, result)`` hears of each task as soon as it is done, in this process
    (speech feeds the parts of a chapter to its encoders so).  When a task fails, ``finished``
    raises, or the caller is interrupted, the others stop at their next report and the
    first error is raised here.  Without ``keep`` the results go to ``finished`` alone and
    an empty list comes back.
    """
    reports: multiprocessing.Queue = context.Queue()
    abort = context.Event()
    results: dict[int, R] = {}
    with ProcessPoolExecutor(max(1, min(workers, len(tasks))), mp_context=context,
                             initializer=_start, initargs=(reports, abort, os.getpid())) as pool:  # fmt: skip
        futures = {pool.submit(function, *args): index for index, (function, args) in enumerate(tasks)}
        waiting = set(futures)
        try:
            while waiting:
                done, waiting = wait(waiting, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in sorted(done, key=futures.__getitem__):
                    index = futures.pop(future)
                    result = future.result()
                    if keep:
                        results[index] = result
                    if finished:
                        finished(index, result)
                _report(reports, progress)
        except BaseException:  # a failed task, or Ctrl+C: the others stop at their next report
            abort.set()
            for future in waiting:
                future.cancel()
            raise
    _report(reports, progress)
    return [results[index] for index in range(len(tasks))] if keep else []


def report(count: int) -> None:
    """In a task of ``run_tasks``: ``count`` more units done; raises ``Cancelled`` once the pool is stopping."""
    if _abort is not None and _abort.is_set():
        raise Cancelled
    if _reports is not None:
        _reports.put(count)


def _done(result: R, progress: Callable[[int], None] | None) -> R:
    if progress:
        progress(1)
    return result


def start_method() -> str:
    """``fork`` while this process has a single thread (Linux tells), else ``forkserver``."""
    try:
        alone = len(os.listdir("/proc/self/task")) == 1
    except OSError:
        alone = False
    return "fork" if alone else "forkserver"


def split(items: Sequence[T], parts: int, weight: Callable[[T], int] = lambda item: 1) -> list[list[T]]:
    """``items`` cut into at most ``parts`` contiguous runs of about equal weight, none empty."""
    total = sum(weight(item) for item in items) or 1
    runs: list[list[T]] = [[]]
    size = 0
    for item in items:
        if size >= total * len(runs) / parts and len(runs) < parts:
            runs.append([])
        runs[-1].append(item)
        size += weight(item)
    return [run for run in runs if run]


_reports: multiprocessing.Queue | None = None
#: ``(function, items, args)`` of the ``map_in_order`` running now, for the workers it forks.
_inherited: tuple[Callable[..., Any], Sequence, tuple] | None = None
_abort: multiprocessing.synchronize.Event | None = None


class Cancelled(Exception):
    """A worker stopped because another run failed or the caller was interrupted."""


#: ``prctl(2)``'s request to be sent a signal when the parent thread dies.
_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None = None) -> None:
    """In a child process: be killed (SIGKILL) as soon as the process that started it dies.

    ``parent`` is the pid of the process the child works for (default: the
    current parent); if it has already gone, the child exits at once.  Linux
    only (``prctl PR_SET_PDEATHSIG``); elsewhere nothing happens.
    """
    expected = os.getppid() if parent is None else parent
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        return
    if _gone(expected):  # it died before the request was made
        os._exit(1)


def _gone(pid: int) -> bool:
    """Whether process ``pid`` has ended: no longer there, or a zombie nobody has reaped yet."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            state = stat.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False
    return state in ("Z", "X")


def _start(reports: multiprocessing.Queue, abort: multiprocessing.synchronize.Event, parent: int) -> None:
    global _reports, _abort
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent hears Ctrl+C and stops us
    _reports, _abort = reports, abort


def _run_inherited(start: int, end: int) -> list:
    """One task in a forked worker: the items ``start:end`` of the ``map_in_order`` that forked it."""
    function, items, args = _inherited
    return _run(function, items[start:end], args)


def _run(function: Callable[..., Any], items: list, args: tuple) -> list:
    """One worker task: ``function`` over a run of items, in order."""
    out = []
    for index, item in enumerate(items, 1):
        out.append(function(item, *args))
        if index % REPORT_EVERY == 0:
            report(REPORT_EVERY)
    if len(items) % REPORT_EVERY:
        report(len(items) % REPORT_EVERY)
    return out


def _report(reports: multiprocessing.Queue, progress: Callable[[int], None] | None) -> int:
    """Tell ``progress`` of the items the workers have reported since the last call; return how many."""
    count = 0
    while True:
        try:
            count += reports.get_nowait()
        except queue.Empty:
            break
    if progress and count:
        progress(count)
    return count
