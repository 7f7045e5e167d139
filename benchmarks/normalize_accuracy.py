"""Accuracy of the speech text (``normalize``) on the labelled sentences of tests/data/normalize.

    python benchmarks/normalize_accuracy.py [--misses]

Prints, for the tuned part, the held-out part (every third sentence, which
the rules were not tuned on) and each unseen set (unseen.tsv, unseen2.tsv…,
written after tuning) separately, correct/total per language, per language and category,
and overall, then the time normalising all of them takes (five rounds).  A sentence counts as right when the
normalised text says the same words as the expected text (letter case and
punctuation aside).  ``--misses`` lists the wrong sentences of the tuned part
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
from tests.normalize_data import LANGUAGES, UNSEEN_SETS, is_right, load, load_unseen  # noqa: E402


def score(sentences: list) -> list[tuple[object, str, bool]]:
    """(sentence, what normalize said, right?) for each sentence."""
    results = []
    for sentence in sentences:
        said = normalize(sentence.text, sentence.lang)
        results.append((sentence, said, is_right(said, sentence.expected)))
    return results


def report(part: list, title: str) -> None:
    counts: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for sentence, _said, right in part:
        for key in ((sentence.lang,), (sentence.lang, sentence.category), ()):
            counts[key][0] += right
            counts[key][1] += 1
    print(f"== {title} ({len(part)} sentences)")
    for lang in LANGUAGES:
        if not counts[(lang,)][1]:
            continue
        right, total = counts[(lang,)]
        print(f"{lang}: {right}/{total} ({100 * right / total:.1f}%)")
        for key in sorted(k for k in counts if len(k) == 2 and k[0] == lang):
            right, total = counts[key]
            print(f"   {key[1]:<16} {right}/{total}")
    right, total = counts[()]
    print(f"overall: {right}/{total} ({100 * right / total:.1f}%)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the wrong sentences of the tuned part")
    args = parser.parse_args()
    results = score([s for lang in LANGUAGES for s in load(lang)])
    report([r for r in results if not r[0].held_out], "tuned")
    report([r for r in results if r[0].held_out], "held-out (every third row)")
    right = sum(r[2] for r in results)
    print(f"== labelled set: {right}/{len(results)} ({100 * right / len(results):.1f}%)")
    for name in UNSEEN_SETS:
        part = score(load_unseen(name))
        report(part, f"{name} (written after tuning)")
        right = sum(r[2] for r in part)
        print(f"== {name}.tsv: {right}/{len(part)} ({100 * right / len(part):.1f}%)")
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
