"""A long book read and translated on several processes (processes.py): the same bytes as one process,
errors and Ctrl+C stay clean."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from accessreader import content, convert, processes
from accessreader.braille.translate import translate_document
from accessreader.cli import main
from tests.braille_samples import corpus_document, long_document

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ["brf", "pef", "ubrl"]


def _outputs(document, folder: Path, workers: int) -> dict[str, bytes]:
    paths = convert.convert(document, "book", FORMATS, folder, convert.Options(workers=workers)).paths
    return {path.name: path.read_bytes() for path in paths}


def test_a_long_book_on_two_workers_is_byte_for_byte_one_process(tmp_path):
    document = long_document(2500)  # three chapters, past processes.SMALL
    assert sum(len(b.text) for _, b in document.blocks()) > processes.SMALL
    steps = []
    two = convert.convert(document, "book", FORMATS, tmp_path / "two", convert.Options(workers=2), steps.append)
    assert sum(steps) == sum(1 for _ in document.blocks()) + len(FORMATS)  # the progress bar reaches its end
    one = _outputs(document, tmp_path / "one", 1)
    assert {path.name: path.read_bytes() for path in two.paths} == one
    assert one["book.brf"].count(b"\f") > 100


def test_convert_workers_option_writes_the_same_files(tmp_path):
    book = tmp_path / "long.json"
    book.write_text(long_document(2500).to_json(), encoding="utf-8")
    written = {}
    for workers in ("1", "2"):
        out = tmp_path / workers
        result = CliRunner().invoke(
            main, ["convert", str(book), "--to", "brf,pef", "-o", str(out), "--workers", workers]
        )
        assert result.exit_code == 0, result.output
        written[workers] = [(out / name).read_bytes() for name in ("long.brf", "long.pef")]
    assert written["1"] == written["2"]
    refused = CliRunner().invoke(main, ["convert", str(book), "--workers", "0"])
    assert refused.exit_code == 2 and "--workers" in refused.output


@pytest.fixture
def every_book_shared(monkeypatch):
    """Small books would stay in-process: here every book is shared among the workers."""
    monkeypatch.setattr(processes, "SMALL", 0)


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "samples").iterdir() if p.is_file()))
def test_every_sample_is_the_same_on_two_workers(name, tmp_path, every_book_shared):
    data = (ROOT / "samples" / name).read_bytes()
    two, one = content.read(data, name, workers=2), content.read(data, name)
    assert two.to_json() == one.to_json()
    assert _outputs(two, tmp_path / "two", 2) == _outputs(one, tmp_path / "one", 1)


def test_the_braille_corpus_is_the_same_on_three_workers(tmp_path, every_book_shared):
    document = corpus_document()
    assert _outputs(document, tmp_path / "three", 3) == _outputs(document, tmp_path / "one", 1)
    code = convert.Options().code
    assert translate_document(document, code, workers=3).problems == translate_document(document, code).problems


def test_a_process_with_threads_gets_workers_from_a_forkserver(tmp_path, every_book_shared):
    data = (ROOT / "samples" / "kitaphana-kk-ru.epub").read_bytes()
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert processes.start_method() == "forkserver"
        document = content.read(data, "kitaphana-kk-ru.epub", workers=2)
        two = _outputs(document, tmp_path / "two", 2)
    finally:
        stop.set()
        thread.join()
    one = content.read(data, "kitaphana-kk-ru.epub")
    assert document.to_json() == one.to_json()
    assert two == _outputs(one, tmp_path / "one", 1)


#: Run in a fresh single-threaded process, whose forked workers see its broken table registry.
FAILING_TABLE = """
import multiprocessing, sys
from tests.braille_samples import corpus_document
from accessreader import processes
from accessreader.braille import tables
from accessreader.braille.translate import translate_document
from accessreader.errors import MissingDependency

processes.SMALL = 0
tables.REGISTRY[("kk", 1, 6)] = ("ru-unicode.dis", "no-such-table.utb")
document = corpus_document()
for workers in (1, 2):
    method = processes.start_method()
    try:
        translate_document(document, tables.Code(), workers=workers)
    except MissingDependency as error:
        print(method, workers, error.message("kk"))
print("left:", len(multiprocessing.active_children()))
"""


def test_a_table_failing_in_a_worker_is_the_same_clean_error():
    run = subprocess.run([sys.executable, "-c", FAILING_TABLE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    alone, pooled, left = run.stdout.splitlines()
    assert pooled.startswith("fork 2 ") and "no-such-table.utb" in pooled
    assert pooled.split(" ", 2)[2] == alone.split(" ", 2)[2]  # the same message, in Kazakh
    assert left == "left: 0"
    assert "Traceback" not in run.stderr


def test_runs_are_contiguous_and_balanced():
    blocks = [b for _, b in long_document(300).blocks()]
    runs = processes.split(blocks, 2, lambda block: len(block.text))
    assert [b for run in runs for b in run] == blocks
    sizes = [sum(len(b.text) for b in run) for run in runs]
    assert len(runs) == 2 and abs(sizes[0] - sizes[1]) < max(len(b.text) for b in blocks) * 2
    assert processes.split(blocks[:1], 4) == [blocks[:1]]


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        found |= {int(child) for child in children}
    return found


def test_ctrl_c_leaves_no_worker_behind(tmp_path):
    book = tmp_path / "long.json"
    book.write_text(long_document(6000).to_json(), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "accessreader", "convert", str(book), "--to", "ubrl"],
        cwd=ROOT, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        workers: set[int] = set()
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
            workers = _children(process.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "the workers never started"
        os.killpg(process.pid, signal.SIGINT)  # what a terminal does on Ctrl+C
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode != 0
    assert b"Traceback" not in stderr
    assert not (tmp_path / "long.ubrl.txt").exists()
    assert not [pid for pid in workers if _alive(pid)]


def _alive(pid: int, wait: float = 5.0) -> bool:
    """Whether ``pid`` still runs (not gone, not a zombie waiting to be reaped) after up to ``wait`` s."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return False
        if state == "Z":
            return False
        time.sleep(0.05)
    return True


@pytest.mark.parametrize("stage", ["reading", "translating"])
def test_kill_9_leaves_no_child_behind(tmp_path, stage):
    """The command killed outright: its reading process, pool workers and resource tracker die with it."""
    if stage == "reading":  # languages and sentences found by the reading process's own workers
        book = tmp_path / "long.txt"
        paragraph = "The library reads every book aloud for readers who cannot see print. " * 12
        book.write_text("\n\n".join([paragraph] * 3000), encoding="utf-8")
    else:
        book = tmp_path / "long.json"
        book.write_text(long_document(6000).to_json(), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "accessreader", "convert", str(book), "--to", "ubrl", "--workers", "2"],
        cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        seen: set[int] = set()
        deadline = time.monotonic() + 90
        while len(seen) < 3 and time.monotonic() < deadline and process.poll() is None:
            seen |= _descendants(process.pid)
            time.sleep(0.02)
        assert len(seen) >= 3, "the workers never started"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    left = {pid: _command_line(pid) for pid in seen if _alive(pid)}
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "?"


def _descendants(pid: int) -> set[int]:
    """Every process under ``pid``: children, their children…"""
    found: set[int] = set()
    todo = [pid]
    while todo:
        try:
            children = _children(todo.pop())
        except (FileNotFoundError, ProcessLookupError):
            continue
        found |= children
        todo += children
    return found


def test_a_brf_streamed_from_a_draft_by_forkserver_workers_is_the_same(tmp_path, every_book_shared, monkeypatch):
    """Languages and braille in one pool, the pages written as the runs come back: the same BRF as one
    process, from workers of a forkserver too, and the progress bar reaches its end."""
    name = "kitaphana-kk-ru.epub"
    data = (ROOT / "samples" / name).read_bytes()
    monkeypatch.setattr(processes, "RUN_WEIGHT", 2000)  # many runs: some come back before one ahead
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert processes.start_method() == "forkserver"
        draft, _ = content.draft(data, name)
        steps = []
        options = convert.Options(workers=2)
        (two,) = convert.convert(
            draft, "book", ["brf"], tmp_path / "two", options, steps.append, source=(data, name)
        ).paths
    finally:
        stop.set()
        thread.join()
    assert sum(steps) == sum(1 for _ in draft.blocks()) + 1
    (one,) = convert.convert(
        content.read(data, name), "book", ["brf"], tmp_path / "one", convert.Options(workers=1)
    ).paths
    assert two.read_bytes() == one.read_bytes()


def _loaded_here(item: str) -> int:
    """Whether lingua's models were loaded in this worker before it had to ask for them."""
    from accessreader import language

    return language._CYRILLIC_MODELS in language._loaded


def test_forked_workers_inherit_what_prepare_loaded_in_the_parent():
    """``prepare`` (lingua's models for a book's languages) runs once in the parent before the
    workers fork, so they share its models instead of each loading ~90 MB of its own."""
    script = (
        "from accessreader import language, processes; from tests.test_processes import _loaded_here\n"
        "ITEMS = ['x' * 1000] * (processes.SMALL // 1000 + 10)\n"
        "weight = len\n"
        "plain = processes.map_in_order(_loaded_here, ITEMS, (), 2, weight)\n"
        "assert processes.start_method() == 'fork', processes.start_method()\n"
        "prepared = processes.map_in_order(_loaded_here, ITEMS, (), 2, weight, prepare=language.load_lingua)\n"
        "print(any(plain), all(prepared))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.split() == ["False", "True"]
