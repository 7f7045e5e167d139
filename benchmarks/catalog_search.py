"""Catalog benchmark: searches per second, and the cost of saving a reading position.

Run: .venv/bin/python benchmarks/catalog_search.py [TITLES]
Fills a fresh SQLite store (temporary folder) with TITLES (default 20,000)
generated titles in Kazakh, Russian and English, then prints:
* searches per second for the ranked ids (``search.find``: FTS5 over folded
  text), and the baseline measured in the same run: the same folded words
  matched as word prefixes with ``LIKE`` over a plain table, title matches
  first (what a catalog without full text does); then whole ``Catalog.search``
  results (titles with their renditions);
* megabytes of a book's text indexed per second (``search.index_text``: every block
  folded, its word forms and other names made, into the text table);
* milliseconds per position save (the terminal saves on every move) in the
  database and in the local JSON file.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, text  # noqa: E402

from accessreader.model import Locator  # noqa: E402
from accessreader.service import schema, search  # noqa: E402
from accessreader.service.catalog import Catalog  # noqa: E402
from accessreader.service.people import READER, People  # noqa: E402
from accessreader.service.positions import DatabasePositions, FilePositions  # noqa: E402
from accessreader.service.search import fold, words  # noqa: E402
from accessreader.service.store import open_store  # noqa: E402

WORDS = {
    "kk": "қазақ дала ақын өмір жол тарау әңгіме ертегі тарих ұлы бала ана жер су күн ай ел халық өлең кітап".split(),
    "ru": "жизнь война мир любовь город река история поэт степь книга ёлка сказка дорога память время народ".split(),
    "en": "life war peace love city river history poet steppe book tale road memory time people garden".split(),
}
SYLLABLES = {
    "kk": "қа зақ да ла ақ ын өм ір жол та рау әң гі ме ұл ық ең бек ші ғы ны ңыз".split(),
    "ru": "жи знь во йна ми ро лю бо вь го род ре ка ис то ри я по эт сте пь".split(),
    "en": "li fe wa r pe ace lo ve ci ty ri ver his to ry po et ste ppe bo ok".split(),
}
NAMES = "Абай Мұхтар Ғабит Сәкен Лев Фёдор Анна Charles Jane Lewis Әуезов Толстой Austen Dickens".split()
QUERIES = ["қазақ", "ҚАЗАҚ ДАЛА", "әуез", "елка", "война мир", "толст", "history", "dick", "poet river", "ұлы"]


def vocabulary(lang: str, rng: random.Random) -> list[str]:
    """The language's real words first, then 3,000 made-up ones; drawn with Zipf-like weights."""
    made_up = {"".join(rng.choices(SYLLABLES[lang], k=rng.randint(2, 4))) for _ in range(3000)}
    return WORDS[lang] + sorted(made_up - set(WORDS[lang]))


def fill(store, count: int, rng: random.Random) -> None:
    """Titles written straight to the tables in one transaction, indexed by ``search.index``."""
    pools = {lang: vocabulary(lang, rng) for lang in WORDS}
    weights = {lang: [1 / (rank + 5) for rank in range(len(pool))] for lang, pool in pools.items()}
    stamp = schema.now()
    with store.begin() as connection:
        for number in range(count):
            lang = rng.choice(list(WORDS))
            title = " ".join(rng.choices(pools[lang], weights[lang], k=3)).capitalize()
            authors = [" ".join(rng.sample(NAMES, 2))]
            description = " ".join(rng.choices(pools[lang], weights[lang], k=40))
            title_id = connection.execute(
                insert(schema.titles).values(
                    title=title,
                    authors=authors,
                    languages=[lang],
                    description=description,
                    publisher="",
                    date="",
                    identifier="",
                    source_name=f"{number}.txt",
                    source_path=f"sources/{number}.txt",
                    source_format="txt",
                    source_size=0,
                    checksum=f"sha256:{number:064x}",
                    status="ready",
                    status_detail="",
                    has_document=True,
                    added_at=stamp,
                    updated_at=stamp,
                )
            ).inserted_primary_key[0]
            search.index(connection, title_id, title, authors, description)
            connection.execute(
                text("INSERT INTO plain VALUES (:id, :title, :words)"),
                {"id": title_id, "title": fold(title), "words": fold(" ".join([title, *authors, description]))},
            )


def text_index_rate(store, rng: random.Random, megabytes: float = 2.0) -> float:
    """A book of about ``megabytes`` of text in all three languages, in 120-word blocks, indexed once."""
    pools = {lang: vocabulary(lang, rng) for lang in WORDS}
    weights = {lang: [1 / (rank + 5) for rank in range(len(pool))] for lang, pool in pools.items()}
    blocks, size = [], 0
    while size < megabytes * 1e6:
        lang = rng.choice(list(WORDS))
        block = search.Block(0, f"c0b{len(blocks)}", " ".join(rng.choices(pools[lang], weights[lang], k=120)))
        blocks.append(block)
        size += len(block.text.encode())
    start = time.perf_counter()
    with store.begin() as connection:
        search.index_text(connection, 1, blocks)
    return size / 1e6 / (time.perf_counter() - start)


def rate(search, repeats: int) -> float:
    start = time.perf_counter()
    for _ in range(repeats):
        for query in QUERIES:
            search(query)
    return repeats * len(QUERIES) / (time.perf_counter() - start)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    folder = Path(tempfile.mkdtemp(prefix="accessreader-bench-"))
    store = open_store(data_dir=folder)
    catalog = Catalog(store)
    with store.begin() as connection:
        connection.execute(text("CREATE TABLE plain (id INTEGER PRIMARY KEY, title TEXT, words TEXT)"))
    start = time.perf_counter()
    fill(store, count, random.Random(5))
    print(f"titles: {count}, stored and indexed in {time.perf_counter() - start:.1f} s")

    def like(query: str) -> list[int]:
        """Every word as a word prefix anywhere; title matches first, as the FTS ranking does."""
        terms = words(query)
        clause = " AND ".join(f"(' ' || words) LIKE :w{i}" for i in range(len(terms)))
        in_title = " + ".join(f"((' ' || title) LIKE :w{i})" for i in range(len(terms)))
        with store.begin() as connection:
            rows = connection.execute(
                text(f"SELECT id FROM plain WHERE {clause} ORDER BY {in_title} DESC, id LIMIT 50"),
                {f"w{i}": f"% {term}%" for i, term in enumerate(terms)},
            )
            return [row[0] for row in rows]

    def ranked(query: str) -> list[int]:
        with store.begin() as connection:
            return search.find(connection, query)

    fts = rate(ranked, 10)
    baseline = rate(like, 10)
    whole = rate(catalog.search, 10)
    print(f"search ids (FTS5, ranked):   {fts:8.0f} queries/s")
    print(f"baseline ids (LIKE, ranked): {baseline:8.0f} queries/s")
    print(f"ratio FTS5 / LIKE:           {fts / baseline:8.2f}")
    print(f"Catalog.search (with titles):{whole:8.0f} queries/s")
    print(f"book text indexed:           {text_index_rate(store, random.Random(7)):8.2f} MB/s")

    People(store).register(READER, "000123", "4711", print_disabled=True)
    book = catalog.titles(limit=1)[0].checksum
    for name, positions in (
        ("database", DatabasePositions(store)),
        ("local file", FilePositions(folder / "positions.json")),
    ):
        times = []
        for move in range(300):
            begin = time.perf_counter()
            positions.save("000123", book, Locator(move // 50, f"c{move // 50}b{move}", move % 3, 0))
            times.append(1000 * (time.perf_counter() - begin))
        print(f"position save ({name}): median {statistics.median(times):.2f} ms, worst {max(times):.2f} ms")


if __name__ == "__main__":
    main()
