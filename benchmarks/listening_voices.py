"""A reader's own voice in live listening: first audio and speed of a live chapter per chosen voice.

    .venv/bin/python benchmarks/listening_voices.py [--kb 20] [--rounds 3]

Stores a kk/ru/en title of about ``--kb`` KB in one chapter (``books.py``) in a fresh data
folder and speaks that chapter live as ``GET /api/titles/{id}/audio/1.mp3`` does for a
reader (``Audiobooks.live`` with the reader's ``Choice``), from its first Russian sentence: the library's voices (espeak-ng
for every language, the baseline), then each RHVoice Russian voice chosen for Russian (the
other languages keep espeak-ng).  For each it prints the time to the first MP3 frames
(median of ``--rounds``, the engines already loaded, as in a running service), the
real-time factor of the whole chapter (seconds of speech per second of work) and both as
ratios against the baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from books import book  # noqa: E402

from accessreader.service.library import Library  # noqa: E402
from accessreader.service.listening import Choice, offered  # noqa: E402
from accessreader.settings import Settings  # noqa: E402
from accessreader.tts.script import speech_script  # noqa: E402


def measure(library: Library, title_id: int, start: str, choice: Choice, rounds: int) -> tuple[float, float]:
    """(median seconds to the first frames, real-time factor of the chapter from ``start``) for ``choice``."""
    voices = choice.speech_voices() if choice.own else None
    firsts, factor = [], 0.0
    for _ in range(rounds):
        heard: list[float] = []
        began = time.perf_counter()
        frames = library.audiobooks.live(title_id, 0, start, voices, heard=lambda s, a, b: heard.append(b))
        next(frames)
        firsts.append(time.perf_counter() - began)
        for _ in frames:
            pass
        factor = heard[-1] / (time.perf_counter() - began)
    return statistics.median(firsts), factor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=float, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        library = Library(Settings(data=Path(folder)))
        try:
            document = book(args.kb / 1024, chapters="one")
            title = library.catalog.add_source(document.to_json().encode("utf-8"), "book.json").title
            library.catalog.attach_document(title.id, document)
            choices = [("library's voices (espeak-ng)", Choice())]
            choices += [
                (offer.label, Choice({"ru": offer.key})) for offer in offered()["ru"] if offer.key != "espeak:ru"
            ]
            start = next(u.sentence_id for u in speech_script(document) if u.voice == "ru")  # Russian speaks first
            for _, choice in choices:
                measure(library, title.id, start, choice, 1)  # engines, LAME and the script loaded once
            results = [(label, *measure(library, title.id, start, choice, args.rounds)) for label, choice in choices]
            _, base_first, base_factor = results[0]
            print(f"{'voice for Russian':<32} {'first audio':>12} {'× base':>8} {'real time':>10} {'÷ base':>8}")
            for label, first, factor in results:
                print(f"{label:<32} {first * 1000:>9.1f} ms {first / base_first:>8.2f} {factor:>9.0f}× "
                      f"{base_factor / factor:>8.1f}")  # fmt: skip
        finally:
            library.close()


if __name__ == "__main__":
    main()
