"""Document → braille on several processes: one contiguous run of blocks per core.

    Document ──split by text length──▶ runs of blocks (reading order)
        run ──worker process: translate_block each──▶ [BrailleBlock]
    ──▶ Braille(blocks in reading order)  (the same as ``translate_document``)

liblouis is single-threaded and holds a lock, so a long book is translated by
a pool of processes.  A process with one thread (``accessreader convert``)
forks them: they start at once with its tables compiled.  Forking a process
with threads (the service's, lingua's) can leave a lock held in the child, so
there the workers fork from a ``forkserver`` that has imported only this
module and load their own tables.  Measured on a busy two-core machine, 1 MB
of text: workers start in 0.15 s forked, 0.4 s from the forkserver, 0.9 s
spawned; the extra CPU time of the pool is 0.25 s and 0.45 s.

A block's braille depends on the block alone and the book's main language, so
the runs can be cut anywhere between blocks (a one-chapter book is shared too)
and the result is what one process makes, byte for byte.  Books under ``SMALL``
characters stay in-process: starting workers would cost more than it saves.

Workers report blocks done through a queue, so a progress bar advances.  A
failing run (a table that does not load) stops the others at their next block
and its error reaches the caller as it was raised; Ctrl+C is left to the parent
(workers ignore it), which stops them the same way.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.synchronize
import os
import queue
import signal
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Callable

from ..model import Block, Document
from .tables import Code
from .translate import Braille, BrailleBlock, main_language, translate_block, translate_document

#: Print characters below which a book is translated in the calling process.
SMALL = 200_000
#: Blocks a worker translates between two progress reports.
REPORT_EVERY = 64


def default_workers() -> int:
    """As many workers as cores."""
    return os.cpu_count() or 1


def translate(
    document: Document, code: Code, workers: int = 1, progress: Callable[[int], None] | None = None
) -> Braille:
    """``translate_document`` on up to ``workers`` processes; ``progress(n)`` hears of blocks done.

    Raises what ``translate_document`` raises (``MissingDependency``, ``BadOption``).
    """
    blocks = [block for _, block in document.blocks()]
    if workers <= 1 or sum(len(block.text) for block in blocks) < SMALL:
        return translate_document(document, code, progress)
    lang = main_language(document)
    runs = split(blocks, workers)
    context = multiprocessing.get_context(start_method())
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload([__name__])  # workers fork from a server that has imported this module
    reports: multiprocessing.Queue = context.Queue()
    abort = context.Event()
    results: dict[int, list[BrailleBlock]] = {}
    told = 0
    with ProcessPoolExecutor(len(runs), mp_context=context, initializer=_start, initargs=(reports, abort)) as pool:
        futures = {pool.submit(_translate_run, run, code, lang): index for index, run in enumerate(runs)}
        waiting = set(futures)
        try:
            while waiting:
                finished, waiting = wait(waiting, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in finished:
                    results[futures[future]] = future.result()
                told += _report(reports, progress)
        except BaseException:  # a failed run, or Ctrl+C: the others stop at their next block
            abort.set()
            for future in waiting:
                future.cancel()
            raise
    if progress and len(blocks) > told:  # reports still in the queue when the last run came back
        progress(len(blocks) - told)
    return Braille([block for index in range(len(runs)) for block in results[index]], lang, code)


def start_method() -> str:
    """``fork`` while this process has a single thread (Linux tells), else ``forkserver``."""
    try:
        alone = len(os.listdir("/proc/self/task")) == 1
    except OSError:
        alone = False
    return "fork" if alone else "forkserver"


def split(blocks: list[Block], parts: int) -> list[list[Block]]:
    """``blocks`` cut into at most ``parts`` contiguous runs of about equal text length, none empty."""
    total = sum(len(block.text) for block in blocks) or 1
    runs: list[list[Block]] = [[]]
    size = 0
    for block in blocks:
        if size >= total * len(runs) / parts and len(runs) < parts:
            runs.append([])
        runs[-1].append(block)
        size += len(block.text)
    return [run for run in runs if run]


_reports: multiprocessing.Queue | None = None
_abort: multiprocessing.synchronize.Event | None = None


class Cancelled(Exception):
    """A worker stopped because another run failed or the caller was interrupted."""


def _start(reports: multiprocessing.Queue, abort: multiprocessing.synchronize.Event) -> None:
    global _reports, _abort
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent hears Ctrl+C and stops us
    _reports, _abort = reports, abort


def _translate_run(blocks: list[Block], code: Code, lang: str) -> list[BrailleBlock]:
    """One worker task: ``blocks`` in braille, in order."""
    out = []
    for index, block in enumerate(blocks, 1):
        out.append(translate_block(block, code, lang))
        if index % REPORT_EVERY == 0:
            if _abort is not None and _abort.is_set():
                raise Cancelled
            if _reports is not None:
                _reports.put(REPORT_EVERY)
    if _reports is not None and len(blocks) % REPORT_EVERY:
        _reports.put(len(blocks) % REPORT_EVERY)
    return out


def _report(reports: multiprocessing.Queue, progress: Callable[[int], None] | None) -> int:
    """Tell ``progress`` of the blocks the workers have reported since the last call; return how many."""
    count = 0
    while True:
        try:
            count += reports.get_nowait()
        except queue.Empty:
            break
    if progress and count:
        progress(count)
    return count
