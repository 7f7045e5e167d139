"""Accuracy and speed of block languages and language spans, against baselines in the same run.

    python benchmarks/language_accuracy.py [--repeat N] [--misses] [--reports-only]

Reads tests/data/language/blocks.tsv (labelled paragraphs), mixed.jsonl
(paragraphs with labelled spans) and every reports*.jsonl (report-style mixed
sentences with labelled spans, by category: reports.jsonl, on which the rules were
tuned, and the sets written blind after them, reports2.jsonl …) and prints, for our
combined detector, for our rules alone, for our pipeline with only the lingua voice,
and for plain lingua (all labelled languages, no rules), the block accuracy per
language, span precision/recall, and blocks per CPU second; then, for our combined
detector on each reports set, per category: sentences whose block language and
spans are both exactly right, and span precision/recall.  ``--misses`` lists each
sentence that is not wholly right with what was found and what was wanted;
``--reports-only`` prints only the reports sets.  It first prints what loading
lingua's Kazakh/Russian models costs (seconds and resident memory).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from accessreader import language  # noqa: E402
from tests.language_data import DATA, load_blocks, load_mixed  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def plain_lingua():
    """Lingua alone over every language labelled in the data, high accuracy, models preloaded."""
    from lingua import Language, LanguageDetectorBuilder

    languages = [
        Language.KAZAKH,
        Language.RUSSIAN,
        Language.ENGLISH,
        Language.GERMAN,
        Language.FRENCH,
        Language.SPANISH,
        Language.UKRAINIAN,
    ]
    detector = LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()

    def code(language_) -> str:
        return language_.iso_code_639_1.name.lower() if language_ else "und"

    def detect(text: str) -> str:
        return code(detector.detect_language_of(text))

    def spans(text: str, block_lang: str) -> set[tuple[int, int, str]]:
        found = set()
        for part in detector.detect_multiple_languages_of(text):
            lang = code(part.language)
            if lang != block_lang:
                start, end = part.start_index, part.end_index
                while start < end and not text[start].isalnum():
                    start += 1
                while end > start and not text[end - 1].isalnum():
                    end -= 1
                found.add((start, end, lang))
        return found

    return detect, spans


def measure(name, detect, spans, blocks, mixed, repeat) -> None:
    right, total = Counter(), Counter()
    for lang, text in blocks:
        group = lang if lang in ("kk", "ru", "en") else "other"
        total[group] += 1
        right[group] += detect(text) == lang
    plain = [text for lang, text in blocks if lang == "kk" and not language.KAZAKH_LETTERS.intersection(text)]
    plain_right = sum(detect(text) == "kk" for text in plain)
    started = time.process_time()  # CPU time: the machine may be shared
    for _ in range(repeat):
        for _, text in blocks:
            detect(text)
    speed = repeat * len(blocks) / (time.process_time() - started)
    hits = found = expected = 0
    for row in mixed:
        got = spans(row["text"], row["lang"])
        hits, found, expected = hits + len(got & set(row["spans"])), found + len(got), expected + len(row["spans"])
    per_lang = "  ".join(f"{g} {right[g] / total[g]:6.1%}" for g in ("kk", "ru", "en", "other") if total[g])
    print(
        f"{name:<18} blocks {sum(right.values()) / sum(total.values()):6.1%}  {per_lang}  "
        f"kk-plain {plain_right / len(plain):6.1%}  spans P {hits / max(found, 1):6.1%} R {hits / expected:6.1%}  "
        f"{speed:8.0f} blocks/CPU-s"
    )


def per_category(detect, spans, rows) -> None:
    """Per category of ``rows``: sentences wholly right (block language and every span), span P/R."""
    tally: dict[str, Counter] = {}
    for row in rows:
        counts = tally.setdefault(row["category"], Counter())
        got, want = spans(row["text"], row["lang"]), set(row["spans"])
        block_right = detect(row["text"]) == row["lang"]
        counts["rows"] += 1
        counts["right"] += block_right and got == want
        counts["block"] += block_right
        counts["hits"] += len(got & want)
        counts["found"] += len(got)
        counts["expected"] += len(want)
    total = sum(tally.values(), Counter())
    ratio = lambda part, whole: f"{part / whole:6.1%}" if whole else "     —"  # noqa: E731
    for name, counts in [*sorted(tally.items()), ("all", total)]:
        print(
            f"  {name:<10} {counts['right']:3d}/{counts['rows']:<3d} wholly right  "
            f"block {counts['block'] / counts['rows']:6.1%}  "
            f"spans P {ratio(counts['hits'], counts['found'])} R {ratio(counts['hits'], counts['expected'])}"
        )


def misses(detect, spans, rows) -> None:
    """Each row of ``rows`` not wholly right: its category, text, block and spans found and wanted."""
    for row in rows:
        text, block = row["text"], detect(row["text"])
        got = spans(text, row["lang"])
        if block == row["lang"] and got == set(row["spans"]):
            continue
        found = sorted((text[a:b], lang) for a, b, lang in got)
        wanted = sorted((text[a:b], lang) for a, b, lang in row["spans"])
        print(f"    {row['category']} | {text} | block {block}, want {row['lang']} | spans {found}, want {wanted}")


def report_sets() -> list[str]:
    """The reports sets: reports.jsonl first, then the blind ones in the order they were written."""
    names = [path.name for path in DATA.glob("reports*.jsonl")]
    return sorted(names, key=lambda name: (len(name), name))


def ours(method: str):
    def detect(text: str) -> str:
        return language.detect(text, method=method)

    def spans(text: str, block_lang: str) -> set[tuple[int, int, str]]:
        return {(s.start, s.end, s.value) for s in language.find_spans(text, block_lang, method=method)}

    return detect, spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the blocks when timing")
    parser.add_argument("--misses", action="store_true", help="list the report sentences not wholly right")
    parser.add_argument("--reports-only", action="store_true", help="print only the reports sets")
    args = parser.parse_args()

    if not args.reports_only:
        before, started = rss_mb(), time.perf_counter()
        language.detect("Балалар мектепке барды, библиотека открыта.")
        print(f"lingua kk/ru load: {time.perf_counter() - started:.2f} s, +{rss_mb() - before:.0f} MB resident")
        before, started = rss_mb(), time.perf_counter()
        language.detect("Die Bibliothek ist heute geschlossen.")
        print(
            f"lingua Latin (low accuracy) load: {time.perf_counter() - started:.2f} s, "
            f"+{rss_mb() - before:.0f} MB resident"
        )

        blocks, mixed = load_blocks(), load_mixed()
        print(
            f"{len(blocks)} blocks ({len([1 for l, _ in blocks if l == 'kk'])} kk), {len(mixed)} mixed paragraphs, "
            f"{sum(len(r['spans']) for r in mixed)} spans"
        )
        measure("combined (ours)", *ours(language.COMBINED), blocks, mixed, args.repeat)
        measure("rules alone", *ours(language.RULES), blocks, mixed, args.repeat)
        measure("lingua voice only", *ours(language.LINGUA), blocks, mixed, args.repeat)
        before, started = rss_mb(), time.perf_counter()
        baseline = plain_lingua()
        print(
            f"plain lingua (7 languages, preloaded) load: {time.perf_counter() - started:.2f} s, "
            f"+{rss_mb() - before:.0f} MB resident"
        )
        measure("plain lingua", *baseline, blocks, mixed, args.repeat)
    for name in report_sets():
        reports = load_mixed(name)
        print(f"{name}: {len(reports)} report-style sentences, combined (ours), spans asked in the labelled language")
        per_category(*ours(language.COMBINED), reports)
        if args.misses:
            misses(*ours(language.COMBINED), reports)


if __name__ == "__main__":
    main()
