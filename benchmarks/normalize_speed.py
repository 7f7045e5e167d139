"""How much text normalisation and the speech script cost next to the speech itself.

Run from the repository root:

    python benchmarks/normalize_speed.py [--sentences N]

For each language it builds N sentences full of numbers, dates and
abbreviations, then measures in the same run: ``normalize`` (characters per
second), ``speech_script`` over a Document of those sentences (sentences per
second), and, as the baseline, espeak-ng synthesising the normalised text to
WAV on one core.  It prints the share of the speech time that normalisation
adds: the text layer should be a small fraction of the audio layer.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from accessreader import sentences  # noqa: E402
from accessreader.content.builder import DocumentBuilder  # noqa: E402
from accessreader.model import PARAGRAPH, Document  # noqa: E402
from accessreader.tts.normalize import normalize  # noqa: E402
from accessreader.tts.script import speech_script  # noqa: E402

TEMPLATES = {
    "ru": [
        "В {year} г. библиотека выдала {big} экземпляра, т.е. на {pct}% больше, чем в {year2} году.",
        "Бюджет составил {dec} тыс. тенге, в т.ч. {num} млн на книги для {num} читателей.",
        "Договор от {date} подписан в г. Алматы, ул. Абая, д. {num}.",
        "В {roman} веке жил {num}-й правитель, см. стр. {num} и др.",
    ],
    "kk": [
        "{year} жылы кітапхана {big} дана кітап берді, т.б. оқырмандар {pct}% көбейді.",
        "Бюджет {dec} мың теңге болды, мыс. {num} млн кітапқа жұмсалды.",
        "Шарт {date} ж. Алматы қ. жасалды, {num}-ші бөлім.",
        "{roman} ғасырда {num} ақын өмір сүрді, т.с.с.",
    ],
    "en": [
        "In {year} the library lent {bigc} copies, i.e. {pct}% more than in {year2}.",
        "Dr. Smith spent ${num} on {num} books on June {day}, {year}.",
        "See Chapter {roman}, No. {num}, e.g. the {num}th item.",
        "The {roman} century saw {num} editions, etc.",
    ],
}
ROMANS = ["XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI"]


def make_sentences(lang: str, count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    result = []
    for index in range(count):
        template = TEMPLATES[lang][index % len(TEMPLATES[lang])]
        big = rng.randint(1000, 9_999_999)
        result.append(
            template.format(
                year=rng.randint(1900, 2030),
                year2=rng.randint(1900, 2030),
                big=f"{big:,}".replace(",", " "),
                bigc=f"{big:,}",
                pct=rng.randint(2, 99),
                num=rng.randint(1, 999),
                dec=f"{rng.randint(100, 9999)},{rng.randint(1, 9)}",
                day=rng.randint(1, 28),
                date=f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(1990, 2030)}",
                roman=rng.choice(ROMANS),
            )
        )
    return result


def build_document(lang: str, texts: list[str]) -> Document:
    builder = DocumentBuilder("benchmark")
    builder.metadata.languages = [lang]
    builder.chapter("Benchmark")
    for start in range(0, len(texts), 4):
        builder.add(PARAGRAPH, " ".join(texts[start : start + 4]), lang=lang)
    document = builder.build()
    for _, block in document.blocks():
        block.sentences = sentences.split(block.text, block.lang)
    return document


def espeak_seconds(text: str, voice: str) -> float:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "text.txt"
        source.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        subprocess.run(
            ["espeak-ng", "-v", voice, "-w", str(Path(folder) / "out.wav"), "-f", str(source)],
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=400, help="sentences per language (default 400)")
    args = parser.parse_args()
    if shutil.which("espeak-ng") is None:
        sys.exit("espeak-ng is not installed")
    print(f"{'lang':4} {'chars':>7} {'normalise':>12} {'script':>14} {'espeak-ng':>10} {'text/speech':>12}")
    for lang, voice in (("ru", "ru"), ("kk", "kk"), ("en", "en-us")):
        texts = make_sentences(lang, args.sentences)
        chars = sum(len(t) for t in texts)
        normalize(texts[0], lang)  # load dictionaries and compile rules outside the timing
        started = time.perf_counter()
        spoken = [normalize(t, lang) for t in texts]
        normalise_time = time.perf_counter() - started
        document = build_document(lang, texts)
        started = time.perf_counter()
        script = speech_script(document)
        script_time = time.perf_counter() - started
        speech_time = espeak_seconds("\n".join(spoken), voice)
        print(
            f"{lang:4} {chars:7d} {chars / normalise_time:9.0f} c/s {len(script) / script_time:9.0f} utt/s"
            f" {speech_time:9.2f}s {script_time / speech_time:11.1%}"
        )
    print("text/speech: speech_script time as a share of espeak-ng's synthesis time for the same text")


if __name__ == "__main__":
    main()
