"""Whole-book MP3 and Opus production against plain espeak-ng then encoder, same text, same run.

    python -m benchmarks.speech_pipeline [--chars 40000] [--workers N]

Baseline: for each chapter, ``espeak-ng -w`` writes a WAV from the chapter's spoken
text, then ``lame`` (same settings as AccessReader: 56 kbit/s CBR mono, -q 7) or
``ffmpeg -c:a libopus`` (24 kbit/s) encodes it, one after the other on one core.
AccessReader: ``outputs.write_all`` (speech script, sentence synthesis in a process
pool, streaming encoders, tags, atomic folders).  Prints seconds and the ratio
baseline / AccessReader (higher is better), then the time to first audio.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from accessreader.tts.engines import DEFAULT_VOICES
from accessreader.tts.outputs import speech_options, write_all
from accessreader.tts.playback import Player
from accessreader.tts.script import by_chapter, speech_script
from benchmarks.speech_book import sample_book


def baseline(chapter_texts: list[tuple[str, str]], folder: Path, codec: str) -> float:
    start = time.perf_counter()
    for index, (lang, text) in enumerate(chapter_texts):
        source = folder / f"{index}.txt"
        source.write_text(text, encoding="utf-8")
        wav = folder / f"{index}.wav"
        subprocess.run(["espeak-ng", "-v", DEFAULT_VOICES[lang].name, "-f", str(source), "-w", str(wav)], check=True)
        if codec == "mp3":
            mp3 = str(folder / f"{index}.mp3")
            command = ["lame", "--quiet", "-m", "m", "--cbr", "-b", "56", "-q", "7", str(wav), mp3]
        else:
            command = ["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(wav), "-c:a", "libopus", "-b:a", "24k",
                       str(folder / f"{index}.opus")]  # fmt: skip
        subprocess.run(command, check=True)
    return time.perf_counter() - start


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
    parser.add_argument("--chars", type=int, default=40000)
    parser.add_argument("--workers", type=int, default=0)
    args = parser.parse_args()
    document = sample_book(args.chars)
    utterances = speech_script(document)
    chapter_texts = [(group[0].voice, "\n".join(u.spoken for u in group)) for group in by_chapter(utterances)]
    options = speech_options(workers=args.workers or None)
    print(f"load average before: {os.getloadavg()[0]:.2f} (2 cores are shared; other work slows both sides)")
    print(f"book: {args.chars} characters, {len(document.chapters)} chapters, {len(utterances)} utterances, "
          f"{options.workers} workers")  # fmt: skip
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for codec in ("mp3", "opus"):
            (root / "baseline").mkdir()
            plain = baseline(chapter_texts, root / "baseline", codec)
            shutil.rmtree(root / "baseline")
            start = time.perf_counter()
            write_all(document, {codec: root / "book" / codec}, options)
            ours = time.perf_counter() - start
            shutil.rmtree(root / "book")
            print(f"{codec}: espeak-ng then encoder, one core {plain:.2f} s; AccessReader {ours:.2f} s; "
                  f"ratio {plain / ours:.2f}")  # fmt: skip
        one_chapter = sample_book(args.chars // 8, chapters=1)
        start = time.perf_counter()
        write_all(one_chapter, {"mp3": root / "one" / "mp3"}, options)
        whole = time.perf_counter() - start
    print(f"time to first audio (playback, one chapter): {first_audio_seconds(one_chapter) * 1000:.0f} ms")
    print(f"time to a finished MP3 of one chapter ({args.chars // 8} characters): {whole:.2f} s")


if __name__ == "__main__":
    main()
