"""Whole-book MP3 and Opus production against plain espeak-ng then encoder, same text, same run.

    python -m benchmarks.speech_pipeline [--kb 60] [--workers N] [--shapes one,uneven,8] [--codecs mp3,opus] [--repeat 3]

The books (``books.py``) are varied Kazakh/Russian/English text of about ``--kb``
kilobytes: one in a single chapter (which only speech parallel within a chapter
can share among the cores), one in six uneven chapters, one in eight equal chapters.
Both sides speak every language with espeak-ng (AccessReader's talking books use
RHVoice for Russian and English where it is installed; that is another engine,
measured by ``benchmarks/voices.py``).  Baseline: for each chapter, ``espeak-ng -w``
writes a WAV from the chapter's spoken text, then the encoder AccessReader runs,
with AccessReader's own command line (``tts.audio.encoder_command``: ``lame`` at
56 kbit/s CBR mono -q 7, ``opusenc`` at 24 kbit/s --comp 5 --speech), encodes its
samples, one after the other on one core.  AccessReader: ``outputs.write_all``
(speech script, sentence synthesis in a process pool, streaming encoders, tags,
atomic folders).  The two sides run in turn ``--repeat`` times and the best time of
each is kept (the machine is shared: other work only ever adds time).  Prints seconds
and the ratio baseline / AccessReader (higher is better) with the CPU seconds each
side used (AccessReader's include its workers and encoders), then the time to first audio.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import tempfile
import time
import wave
from pathlib import Path

from accessreader.tts.audio import encoder_command
from accessreader.tts.engines import DEFAULT_VOICES, voices_for
from accessreader.tts.outputs import write_all
from accessreader.tts.playback import Player
from accessreader.tts.script import by_chapter, speech_script
from accessreader.tts.synthesis import SpeechOptions
from benchmarks.books import book


def baseline(chapter_texts: list[tuple[str, str]], folder: Path, codec: str) -> float:
    start = time.perf_counter()
    for index, (lang, text) in enumerate(chapter_texts):
        source = folder / f"{index}.txt"
        source.write_text(text, encoding="utf-8")
        wav = folder / f"{index}.wav"
        subprocess.run(["espeak-ng", "-v", DEFAULT_VOICES[lang].name, "-f", str(source), "-w", str(wav)], check=True)
        with wave.open(str(wav)) as speech:
            rate, samples = speech.getframerate(), speech.readframes(speech.getnframes())
        command = encoder_command(codec, folder / f"{index}.{codec}", rate)
        subprocess.run(command, input=samples, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def cpu_seconds() -> float:
    """CPU time used so far by this process and its finished children (workers, encoders)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def first_audio_seconds(document) -> float:
    """From play() to the first PCM block reaching the sink."""
    reached = []

    class Clock:
        def write(self, pcm: bytes) -> None:
            if not reached:
                reached.append(time.perf_counter())

        def close(self) -> None:
            pass

    player = Player(document, lambda rate: Clock())
    start = time.perf_counter()
    player.play()
    while not reached:
        time.sleep(0.001)
    player.stop()
    return reached[0] - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kb", type=float, default=60, help="book size in kB of text (default 60)")
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--shapes", default="one,uneven,8", help="chapters: one, uneven, or a number of equal ones")
    parser.add_argument("--codecs", default="mp3,opus")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side, alternated; the best is kept")
    args = parser.parse_args()
    options = SpeechOptions(voices=voices_for())  # espeak-ng for every language, as the baseline
    if args.workers:
        options.workers = args.workers
    print(f"load average before: {os.getloadavg()[0]:.2f} (2 cores are shared; other work slows both sides)")
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for shape in args.shapes.split(","):
            document = book(args.kb / 1000, chapters=int(shape) if shape.isdigit() else shape)
            utterances = speech_script(document)
            chapter_texts = [(group[0].voice, "\n".join(u.spoken for u in group)) for group in by_chapter(utterances)]
            print(f"book: {args.kb:g} kB of text, {len(document.chapters)} chapters ({shape}), "
                  f"{len(utterances)} utterances, {options.workers} workers")  # fmt: skip
            for codec in args.codecs.split(","):
                plain, ours = [], []
                for _ in range(args.repeat):  # alternated, best of each: other work on the machine adds, never takes
                    (root / "baseline").mkdir()
                    cpu, start = cpu_seconds(), time.perf_counter()
                    baseline(chapter_texts, root / "baseline", codec)
                    plain.append((time.perf_counter() - start, cpu_seconds() - cpu))
                    shutil.rmtree(root / "baseline")
                    start, cpu = time.perf_counter(), cpu_seconds()
                    write_all(document, {codec: root / "book" / codec}, options)
                    ours.append((time.perf_counter() - start, cpu_seconds() - cpu))
                    shutil.rmtree(root / "book")
                (plain_s, plain_cpu), (ours_s, ours_cpu) = min(plain), min(ours)
                print(f"  {codec}: espeak-ng then encoder, one core {plain_s:.2f} s ({plain_cpu:.2f} CPU s); "
                      f"AccessReader {ours_s:.2f} s ({ours_cpu:.2f} CPU s); ratio {plain_s / ours_s:.2f} "
                      f"(best of {args.repeat} each)")  # fmt: skip
        print(f"time to first audio (playback, one chapter): {first_audio_seconds(document) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
