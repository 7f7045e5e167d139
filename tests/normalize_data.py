"""The labelled speech-text sentences (tests/data/normalize), read for the tests and the accuracy benchmark.

Each language has a TSV file with columns ``category``, ``input`` and
``expected`` (the one right spoken text).  Every third row of a file (data rows
counted from 0, rows 2, 5, 8…) is held out: the rules were not tuned on them,
and the benchmark reports them apart.  ``unseen.tsv`` (columns ``lang``,
``category``, ``input``, ``expected``) was written after the rules were tuned,
in four rounds, each run once before the rules were changed for it: rows 1–52
were right 51 times, rows 53–88 32 times, rows 89–116 27 times, rows 117–146 29
times at their first run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data" / "normalize"
LANGUAGES = ("ru", "kk", "en")


@dataclass(frozen=True)
class Sentence:
    lang: str
    category: str
    text: str
    expected: str
    held_out: bool


def load(lang: str) -> list[Sentence]:
    """The labelled sentences of ``lang``, in file order."""
    lines = (DATA / f"{lang}.tsv").read_text(encoding="utf-8").splitlines()[1:]
    rows = [line.split("\t") for line in lines if line.strip()]
    return [
        Sentence(lang, category, text, expected, index % 3 == 2)
        for index, (category, text, expected) in enumerate(rows)
    ]


def load_unseen() -> list[Sentence]:
    """The sentences of unseen.tsv (all of them count as held out)."""
    lines = (DATA / "unseen.tsv").read_text(encoding="utf-8").splitlines()[1:]
    rows = [line.split("\t") for line in lines if line.strip()]
    return [Sentence(lang, category, text, expected, True) for lang, category, text, expected in rows]


def spoken_key(text: str) -> str:
    """What a listener hears of ``text``: words in lower case, punctuation and hyphens as breaks."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def is_right(said: str, expected: str) -> bool:
    """Whether the normaliser's ``said`` is the expected spoken text (case and punctuation aside)."""
    return spoken_key(said) == spoken_key(expected)
