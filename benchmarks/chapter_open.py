"""Opening one chapter of a large stored title: first audio of a live chapter and the chapter page.

    .venv/bin/python benchmarks/chapter_open.py [--mb 5] [--baseline main] [--chapters 3]

Stores a title of about ``--mb`` MB of varied text (``books.py``, six uneven chapters)
in a fresh data folder, then in a fresh process per code version does what the service
does for one request, on ``--chapters`` different chapters:

- *first audio*: ``Audiobooks.chapter`` (the chapter's first sentence), ``live`` and its
  first MP3 frames, as ``GET /api/titles/{id}/audio/{n}.mp3`` for a chapter not yet made;
- *chapter page*: ``Library.read_chapter`` and ``render_chapter``, as
  ``GET /titles/{id}/read/{n}`` (without the page template).

Each request is timed cold (the first touch of that chapter: nothing of it kept) and
warm (the same again).  Two code versions run side by side on the same data folder:
this checkout and ``--baseline`` (a git revision: once this is merged, one before it, extracted with ``git archive``; each on
its own copy of the folder), and
the figures are printed as ratios baseline time / ours (above 1: ours is faster).
The process has first spoken and paged a tiny title (espeak-ng, LAME and the
templates loaded), as a running service has.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READER = ("1001", "4321")


def prepare(data: Path, megabytes: float) -> tuple[int, int]:
    """A reader and two titles (a tiny one to warm up, the large one) in ``data``; their ids."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from books import book

    from accessreader.service.library import Library
    from accessreader.settings import Settings

    library = Library(Settings(data=data))
    try:
        library.people.register("reader", *READER, "Listener", print_disabled=True)
        ids = []
        for document in (book(0.01, chapters=2, seed=1), book(megabytes)):
            source = document.to_json().encode("utf-8")
            title = library.catalog.add_source(source, "book.json").title
            library.catalog.attach_document(title.id, document)
            ids.append(title.id)
    finally:
        library.close()
    return ids[0], ids[1]


def measure(data: Path, tiny: int, large: int, chapters: list[int]) -> dict[str, list[float]]:
    """In this process (whichever ``accessreader`` is on the path): seconds per request, cold and warm."""
    from accessreader.server.reading import render_chapter
    from accessreader.service.library import Library
    from accessreader.settings import Settings

    library = Library(Settings(data=data))
    person = library.people.by_login(READER[0])

    def first_audio(title_id: int, index: int) -> float:
        start = time.perf_counter()
        audiobooks = library.audiobooks
        first = audiobooks.chapter(title_id, index).first
        next(iter(audiobooks.live(title_id, index, first)))
        return time.perf_counter() - start

    def page(title_id: int, index: int) -> float:
        start = time.perf_counter()
        _, _, chapter = library.read_chapter(person, title_id, index + 1)
        render_chapter(chapter, "kk")
        return time.perf_counter() - start

    first_audio(tiny, 0), page(tiny, 0)
    figures: dict[str, list[float]] = {"audio cold": [], "audio warm": [], "page cold": [], "page warm": []}
    for index in chapters:
        figures["audio cold"].append(first_audio(large, index))
        figures["audio warm"].append(first_audio(large, index))
    for index in chapters:  # the page of a chapter not yet listened to (its own cold read)
        figures["page cold"].append(page(large, (index + 1) % 6))
        figures["page warm"].append(page(large, (index + 1) % 6))
    library.close()
    return figures


def run(tree: Path, data: Path, tiny: int, large: int, chapters: list[int]) -> dict[str, list[float]]:
    """``measure`` in a fresh process importing ``accessreader`` from ``tree``."""
    out = subprocess.run(
        [sys.executable, __file__, "--measure", str(data), str(tiny), str(large), ",".join(map(str, chapters))],
        env={**os.environ, "PYTHONPATH": str(tree)},
        cwd=tree,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise SystemExit(f"measuring {tree} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def extract(revision: str, folder: Path) -> Path:
    """The ``accessreader`` package of ``revision`` under ``folder``."""
    target = folder / "baseline"
    target.mkdir()
    archive = subprocess.run(["git", "archive", revision, "accessreader"], cwd=ROOT, check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target


def main() -> None:
    if sys.argv[1:2] == ["--measure"]:
        data, tiny, large, chapters = sys.argv[2:6]
        print(json.dumps(measure(Path(data), int(tiny), int(large), [int(c) for c in chapters.split(",")])))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="title size in MB of text (default 5)")
    parser.add_argument("--baseline", default="main", help="git revision to compare with (default main)")
    parser.add_argument("--chapters", type=int, default=3, help="chapters opened (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        tiny, large = prepare(data, args.mb)
        whole = data / "documents" / f"{large}.json"
        print(f"title: {args.mb:g} MB of text, stored Document {whole.stat().st_size / 1e6:.1f} MB")
        chapters = [3, 1, 5, 0, 2, 4][: args.chapters]  # the largest, a large, a small chapter…
        copy = Path(folder) / "baseline-data"  # its own copy: a newer baseline may migrate the database
        shutil.copytree(data, copy)
        baseline = run(extract(args.baseline, Path(folder)), copy, tiny, large, chapters)
        ours = run(ROOT, data, tiny, large, chapters)
    print(f"{'request':<12} {args.baseline + ' (median)':>16} {'ours (median)':>14} {'ratio':>7}")
    for what in baseline:
        old, new = statistics.median(baseline[what]), statistics.median(ours[what])
        print(f"{what:<12} {old * 1000:>13.0f} ms {new * 1000:>11.0f} ms {old / new:>6.1f}×")


if __name__ == "__main__":
    main()
