"""Accuracy of the speech text (``normalize``) on the labelled sentences of tests/data/normalize.

    python benchmarks/normalize_accuracy.py [--misses]

Prints, for the tuned part, the held-out part (every third sentence, which
the rules were not tuned on) and each unseen set (unseen.tsv, unseen2.tsv…,
written after tuning) separately, correct/total per language, per language and category,
and overall, then the time normalising all of them takes (five rounds).  Each count is given twice:
"text", the sentences whose normalised text says the same words as the expected text (letter case
and punctuation aside), and "sound", those that do or else sound the same from espeak-ng (its
phonemes, stress marks and pauses; ``tests.normalize_data.is_right``, the tests' judge).  ``--misses`` lists the wrong sentences of the tuned part
only, so that tuning never looks at the held-out ones.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from accessreader.tts.normalize import normalize  # noqa: E402
from tests.normalize_data import LANGUAGES, UNSEEN_SETS, is_right, load, load_unseen, text_right  # noqa: E402


def score(sentences: list) -> list[tuple[object, str, bool, bool]]:
    """(sentence, what normalize said, right by its words?, right by words or sound?) for each sentence."""
    results = []
    for sentence in sentences:
        said = normalize(sentence.text, sentence.lang)
        words = text_right(said, sentence.expected)
        results.append((sentence, said, words, words or is_right(said, sentence.expected, sentence.lang)))
    return results


def _figures(counts: list[int]) -> str:
    words, sound, total = counts
    return f"text {words}/{total} ({100 * words / total:.1f}%), sound {sound}/{total} ({100 * sound / total:.1f}%)"


def report(part: list, title: str) -> None:
    counts: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0])
    for sentence, _said, words, sound in part:
        for key in ((sentence.lang,), (sentence.lang, sentence.category), ()):
            counts[key][0] += words
            counts[key][1] += sound
            counts[key][2] += 1
    print(f"== {title} ({len(part)} sentences)")
    for lang in LANGUAGES:
        if not counts[(lang,)][2]:
            continue
        print(f"{lang}: {_figures(counts[(lang,)])}")
        for key in sorted(k for k in counts if len(k) == 2 and k[0] == lang):
            words, sound, total = counts[key]
            print(f"   {key[1]:<16} text {words}/{total}, sound {sound}/{total}")
    print(f"overall: {_figures(counts[()])}")


def _total(part: list) -> list[int]:
    return [sum(r[2] for r in part), sum(r[3] for r in part), len(part)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the wrong sentences of the tuned part")
    args = parser.parse_args()
    results = score([s for lang in LANGUAGES for s in load(lang)])
    report([r for r in results if not r[0].held_out], "tuned")
    report([r for r in results if r[0].held_out], "held-out (every third row)")
    print(f"== labelled set: {_figures(_total(results))}")
    everything = list(results)
    for name in UNSEEN_SETS:
        part = score(load_unseen(name))
        report(part, f"{name} (written after tuning)")
        print(f"== {name}.tsv: {_figures(_total(part))}")
        everything += part
    print(f"== all sets: {_figures(_total(everything))}")
    sentences = [s for lang in LANGUAGES for s in load(lang)] + [s for n in UNSEEN_SETS for s in load_unseen(n)]
    started = time.perf_counter()
    for sentence in sentences * 5:
        normalize(sentence.text, sentence.lang)
    spent = time.perf_counter() - started
    print(
        f"== speed: {5 * len(sentences)} sentences in {spent:.2f} s ({1000 * spent / (5 * len(sentences)):.3f} ms each)"
    )
    if args.misses:
        for sentence, said, right in results:
            if not right and not sentence.held_out:
                print(
                    f"\n[{sentence.lang} {sentence.category}] {sentence.text}\n  said:     {said}\n  expected: {sentence.expected}"
                )


if __name__ == "__main__":
    main()
