"""A fixed subset of the fuzz corpus through the real command: no traceback, no exit code but 0 or 2,
no run over the memory budget, no text lost silently (``tests/fuzz_corpus.py``; the whole corpus:
``benchmarks/fuzz_corpus.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz_corpus import MEMORY_BUDGET_MB, Case, corpus, run

SUBSET = [case for case in corpus(full=False) if not case.name.startswith(("cut", "flip")) or "epub" in case.name]
#: Hostile-looking cases that are books all the same: read in full, never refused.
READABLE = ("plain.pdf", "divs250.html", "attributes20000.html", "line2mb.txt")
#: Cases also converted into braille: a sample, a long line, a stream bomb and a deep nesting that is kept.
CONVERTED = ("dala-kk.epub", "line2mb.txt", "stream-bomb.pdf", "divs250.html")


def _check(case: Case, command: str, folder: Path) -> None:
    done = run(case, command, folder)
    assert done.outcome in ("ok", "refused"), done
    assert done.peak_mb < MEMORY_BUDGET_MB, done
    if case.trick == "sample" or case.name in READABLE:
        assert done.outcome == "ok", done  # what a reader can read in full must not be refused


@pytest.mark.parametrize("case", SUBSET, ids=[case.name for case in SUBSET])
def test_inspect_reads_or_refuses_with_one_line(case: Case, tmp_path: Path) -> None:
    _check(case, "inspect", tmp_path)


@pytest.mark.parametrize("name", CONVERTED)
def test_convert_reads_or_refuses_with_one_line(name: str, tmp_path: Path) -> None:
    _check(next(case for case in SUBSET if case.name == name), "convert", tmp_path)


def test_the_subset_covers_every_kind_of_trick() -> None:
    tricks = {case.trick.split(":")[0] for case in SUBSET}
    assert {"sample", "truncation", "byte flips", "zip", "xml bomb", "xml", "pdf", "nesting"} <= tricks
    assert {"attribute storm", "long line", "image"} <= tricks
