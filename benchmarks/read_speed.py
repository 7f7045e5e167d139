"""Reading speed per input format: MB/s, pages/s and blocks/s of ``accessreader.content.read``.

    python benchmarks/read_speed.py [--mb 2] [--formats epub,pdf,...] [--repeat 1]

For each format it writes (in a temporary folder, with samples/source/make_samples.py)
one book holding about ``--mb`` MB of plain text (all the sample titles
repeated; the same text in every format, the file sizes differ), reads it
with ``content.read`` and prints the figures.  As a baseline measured in the
same run it also times the bare parse of the same bytes with the library the
reader builds on (lxml, zipfile + lxml, python-docx, pdfminer, a decode), and
prints the reader's time as a multiple of it.  A format whose reader is not in
this checkout is reported as "not available".  Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import copy
import io
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "samples" / "source"))

import make_samples  # noqa: E402
from titles import TITLES, Note, Part, Title  # noqa: E402

from accessreader import content  # noqa: E402
from accessreader.content.safety import Limits  # noqa: E402
from accessreader.model import PAGE_MARKER  # noqa: E402

MB = 1024 * 1024


def big_title(copies: int) -> Title:
    """All sample titles, ``copies`` times over, as one book: pages renumbered, notes kept apart."""
    chapters: list[list[Part]] = []
    notes: dict[str, Note] = {}
    page = 0
    for round_ in range(copies):
        for title in TITLES:
            prefix = f"{title.slug}_{round_}_".replace("-", "_")
            for chapter in title.chapters:
                parts = []
                for part in chapter:
                    part = copy.copy(part)
                    if part.kind == "page":
                        page += 1
                        part.content = str(page)
                    elif part.kind in ("p", "list"):
                        part.content = _renote(part.content, prefix)
                    parts.append(part)
                chapters.append(parts)
            for note_id, note in title.notes.items():
                notes[prefix + note_id] = note
    return Title("benchmark", "ru", "AccessReader benchmark", "AccessReader", "2024", "", (), chapters, notes)


def _renote(text, prefix: str):
    if isinstance(text, list):
        return [_renote(t, prefix) for t in text]
    return text.replace("[^", "[^" + prefix)


def copies_for(text_bytes: int) -> int:
    """How many rounds of the sample titles make about ``text_bytes`` of plain text."""
    return max(1, round(text_bytes / len(make_samples.to_txt(big_title(1)))))


def _bare_parse(fmt: str, data: bytes) -> None:
    """What the reader builds on, alone: the baseline."""
    from lxml import etree

    if fmt in ("fb2",):
        etree.fromstring(data)
    elif fmt == "html":
        etree.fromstring(data, etree.HTMLParser())
    elif fmt == "epub":
        archive = zipfile.ZipFile(io.BytesIO(data))
        for name in archive.namelist():
            if name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
                etree.fromstring(archive.read(name))
    elif fmt == "docx":
        import docx

        document = docx.Document(io.BytesIO(data))
        "".join(p.text for p in document.paragraphs)
    elif fmt == "pdf":
        from pdfminer.high_level import extract_text

        extract_text(io.BytesIO(data))
    elif fmt == "txt":
        data.decode("utf-8").splitlines()


def _timed(action, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="plain text in each generated book, in MB (default 1)")
    parser.add_argument("--formats", default=",".join(make_samples.WRITERS), help="comma-separated formats")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the best is kept")
    args = parser.parse_args()
    print(
        f"{'format':6} {'size MB':>8} {'read s':>8} {'MB/s':>7} {'pages/s':>9} {'blocks/s':>10} {'baseline s':>11} {'x baseline':>11}"
    )
    title = big_title(copies_for(int(args.mb * MB)))
    with tempfile.TemporaryDirectory() as folder:
        for fmt in args.formats.split(","):
            data = make_samples.WRITERS[fmt](title)
            path = Path(folder) / f"benchmark.{make_samples.EXTENSIONS[fmt]}"
            path.write_bytes(data)
            size = len(data) / MB
            base, _ = _timed(lambda: _bare_parse(fmt, data), args.repeat)
            limits = Limits(max_file_bytes=len(data) + 1)
            seconds, document = _timed(lambda: content.read(data, path.name, limits), args.repeat)
            blocks = [b for _, b in document.blocks()]
            pages = sum(1 for b in blocks if b.kind == PAGE_MARKER)
            print(
                f"{fmt:6} {size:8.2f} {seconds:8.2f} {size / seconds:7.2f} {pages / seconds:9.1f} "
                f"{len(blocks) / seconds:10.1f} {base:11.2f} {seconds / base:11.2f}"
            )


if __name__ == "__main__":
    main()
