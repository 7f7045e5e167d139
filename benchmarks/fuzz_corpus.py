"""The whole fuzz corpus through the real command: outcome counts and the peak memory of the worst file.

Run from the project root: python -m benchmarks.fuzz_corpus [--subset] [--commands inspect,convert]
Every case of ``tests/fuzz_corpus.py`` (truncations, byte flips, ZIP tricks, XML bombs,
PDF stream bombs, deep nesting, attribute storms, NUL bytes, 10 MB lines,
decompression-bomb images, on every sample book) goes through
``accessreader inspect --json`` and ``accessreader convert --to brf``, each run in a
process of its own under the reading budget the corpus sets.  Prints the corpus size,
the outcome of every run counted per command (ok, refused with one line; and the
failures: traceback, another exit code, timeout, over the memory budget, text lost),
each failure, the slowest runs, and the peak memory (RSS of the command and every
process it started) of the worst file, against the largest unmodified sample's (the
baseline, measured in the same run).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

from tests.fuzz_corpus import COMMANDS, FAILURES, MEMORY_BUDGET_MB, READ_MEMORY_MB, READ_SECONDS, Run, corpus, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subset", action="store_true", help="only the small subset the test suite runs")
    parser.add_argument("--commands", default=",".join(COMMANDS), help="inspect, convert or both")
    options = parser.parse_args()
    commands = [name for name in options.commands.split(",") if name]
    runs: list[Run] = []
    tricks: dict[str, str] = {}
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        for case in corpus(full=not options.subset):
            tricks[case.name] = case.trick
            for command in commands:
                done = run(case, command, Path(folder))
                runs.append(done)
                print(
                    f"  {done.outcome:8} {done.seconds:6.1f} s {done.peak_mb:6.0f} MB  {command:7} {case.name}",
                    flush=True,
                )
    elapsed = time.monotonic() - started
    print()
    print(f"corpus: {len(tricks)} files, {len(runs)} runs ({', '.join(commands)}) in {elapsed:.0f} s")
    print(f"budget: reading {READ_SECONDS} s and {READ_MEMORY_MB} MB; a run over {MEMORY_BUDGET_MB} MB fails")
    for command in commands:
        counts = Counter(r.outcome for r in runs if r.command == command)
        shown = ", ".join(f"{name} {counts.get(name, 0)}" for name in ("ok", "refused", *FAILURES))
        print(f"  {command:8} {shown}")
    failed = [r for r in runs if r.outcome in FAILURES or r.outcome == "exit"]
    print(f"failures: {len(failed)}")
    for r in failed:
        print(f"  {r.outcome} ({r.exit_code}) {r.command} {r.case} [{tricks[r.case]}]: {r.message}")
    worst = max(runs, key=lambda r: r.peak_mb)
    samples = [r for r in runs if tricks[r.case] == "sample"]
    baseline = max(samples, key=lambda r: r.peak_mb) if samples else worst
    print(
        f"worst peak memory: {worst.peak_mb:.0f} MB, {worst.command} {worst.case} [{tricks[worst.case]}] ({worst.outcome}); "
        f"{worst.peak_mb / baseline.peak_mb:.1f}× the largest sample's {baseline.peak_mb:.0f} MB ({baseline.case})"
    )
    for r in sorted(runs, key=lambda r: -r.seconds)[:3]:
        print(f"slow: {r.seconds:.1f} s {r.command} {r.case} [{tricks[r.case]}] ({r.outcome})")


if __name__ == "__main__":
    main()
