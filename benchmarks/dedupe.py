"""What telling a book already in the catalog costs a conversion job, against what the job does anyway.

Run: .venv/bin/python benchmarks/dedupe.py [--mb 1 5] [--titles 2000]
Prints, for generated kk/ru/en books of each size (``benchmarks/books.py``):
* the time of ``identity.keys`` (identifier, SHA-256 of the text as letters alone, title key)
  against ``Document.to_json`` of the same book, which every job writes (the baseline);
then, in a fresh SQLite catalog holding TITLES read titles:
* milliseconds to file a small new book (``Catalog.file_document``: keys, the match query,
  then attaching it) against attaching it alone (``attach_document``), and to file one
  that joins a title.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from books import book  # noqa: E402

from accessreader.model import PARAGRAPH, Block, Chapter, Document, Metadata  # noqa: E402
from accessreader.service import identity  # noqa: E402
from accessreader.service.catalog import Catalog, Joined  # noqa: E402
from accessreader.service.store import open_store  # noqa: E402


def best(action, rounds: int = 5) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def small(n: int) -> Document:
    meta = Metadata(title=f"Кітап {n}", authors=[f"Автор {n % 97}"], languages=["kk"], identifier=f"urn:uuid:{n:032x}")
    text = f"Бұл {n}-кітаптың мәтіні. Дала кең, өмір ұзақ. Кітап {n} бітті."
    return Document(metadata=meta, chapters=[Chapter(meta.title, [Block("c0b0", PARAGRAPH, text, "kk")])])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[1, 5])
    parser.add_argument("--titles", type=int, default=2000)
    options = parser.parse_args()

    for megabytes in options.mb:
        document = book(megabytes)
        keys = best(lambda document=document: identity.keys(document))
        baseline = best(lambda document=document: document.to_json())
        print(
            f"{megabytes:g} MB book: keys {keys * 1000:.0f} ms ({megabytes / keys:.0f} MB/s), "
            f"Document.to_json {baseline * 1000:.0f} ms: keys take {keys / baseline:.2f}× the JSON the job writes anyway"
        )

    with tempfile.TemporaryDirectory() as folder:
        catalog = Catalog(open_store(data_dir=Path(folder)))
        for n in range(options.titles):
            title = catalog.add_source(f"book {n}".encode(), f"{n}.txt", "txt").title
            catalog.attach_document(title.id, small(n))
        filing, attaching, joining = [], [], []
        for n in range(options.titles, options.titles + 40):
            one = catalog.add_source(f"book {n}".encode(), f"{n}.txt", "txt").title
            start = time.perf_counter()
            assert not isinstance(catalog.file_document(one.id, small(n)), Joined)
            filing.append(time.perf_counter() - start)
            two = catalog.add_source(f"other {n}".encode(), f"other{n}.txt", "txt").title
            start = time.perf_counter()
            catalog.attach_document(two.id, small(n + 10_000))
            attaching.append(time.perf_counter() - start)
            three = catalog.add_source(f"again {n}".encode(), f"again{n}.txt", "txt").title
            start = time.perf_counter()
            assert isinstance(catalog.file_document(three.id, small(n % options.titles)), Joined)
            joining.append(time.perf_counter() - start)
        file_ms, attach_ms = statistics.median(filing) * 1000, statistics.median(attaching) * 1000
        print(
            f"catalog of {catalog.count()} titles: filing a new book {file_ms:.1f} ms, attaching it alone "
            f"{attach_ms:.1f} ms ({file_ms / attach_ms:.2f}×); joining a title {statistics.median(joining) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
