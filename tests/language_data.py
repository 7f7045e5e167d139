"""The labelled language data (tests/data/language), read for the tests and the accuracy benchmark."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).parent / "data" / "language"


def load_blocks() -> list[tuple[str, str]]:
    """(language, paragraph) pairs from blocks.tsv."""
    lines = (DATA / "blocks.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [tuple(line.split("\t", 1)) for line in lines]


def load_mixed(name: str = "mixed.jsonl") -> list[dict]:
    """Mixed paragraphs with spans as (start, end, lang), found from the labelled substrings in order.

    ``reports.jsonl`` holds sentences in the style of the libraries' reports (Kazakh titles
    quoted in Russian, Roman numerals typed with Cyrillic letters, Latin names), each with
    a ``category``.
    """
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        spans, position = [], 0
        for substring, lang in row["spans"]:
            start = row["text"].index(substring, position)
            spans.append((start, start + len(substring), lang))
            position = start + len(substring)
        rows.append({**row, "spans": spans})
    return rows
