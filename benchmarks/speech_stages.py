"""Real-time factors per language and per stage, and the measurements behind the defaults.

    python -m benchmarks.speech_stages [--seconds 120]

Real-time factor = seconds of audio made per second of work on one core (higher is
faster).  Stages: synthesis with each engine (libespeak-ng through ctypes, the
default, and pyttsx3 in its own process, as it shares libespeak-ng's state) per
language, sentence by sentence; then encoding the same PCM with each encoder
setting considered (LAME default and -q 7, opusenc --comp 10 and 5, ffmpeg
libopus, ffmpeg AAC).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from accessreader.tts.audio import Encoder, encoder_command
from accessreader.tts.engines import engine, voices_for
from benchmarks.speech_book import PROSE

PYTTSX3 = """
import json, sys, time
from accessreader.tts.engines import engine, voices_for
sentences, rounds = json.loads(sys.argv[1]), int(sys.argv[2])
tts, voices, result = engine("pyttsx3"), voices_for(), {}
for lang, texts in sentences.items():
    start, audio = time.perf_counter(), 0.0
    for _ in range(rounds):
        audio += sum(tts.synthesize(t, voices[lang]).seconds for t in texts)
    result[lang] = audio / (time.perf_counter() - start)
tts.close()
print(json.dumps(result))
"""


def sentences() -> dict[str, list[str]]:
    return {lang: [s.strip() + "." for s in text.split(".") if s.strip()] for lang, text in PROSE.items()}


def encode_rtf(command: list[str], pcm: bytes, seconds: float) -> float:
    start = time.perf_counter()
    subprocess.run(command, input=pcm, check=True, capture_output=True)
    return seconds / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=120, help="audio per language to synthesise")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    tts, voices = engine("espeak"), voices_for()
    texts = sentences()
    rounds, pcm = {}, {}
    print("synthesis, real-time factor per language (sentence by sentence):")
    for lang, items in texts.items():
        once = sum(tts.synthesize(t, voices[lang]).seconds for t in items)
        rounds[lang] = max(1, round(args.seconds / once))
        start, chunks = time.perf_counter(), []
        for _ in range(rounds[lang]):
            chunks += [tts.synthesize(t, voices[lang]).pcm for t in items]
        took = time.perf_counter() - start
        pcm[lang] = b"".join(chunks)
        print(f"  espeak (libespeak-ng) {lang}: {len(pcm[lang]) / 2 / tts.sample_rate / took:7.0f}x")
    result = subprocess.run([sys.executable, "-c", PYTTSX3, json.dumps(texts), str(min(rounds.values()))],
                            capture_output=True, text=True, check=True)  # fmt: skip
    for lang, rtf in json.loads(result.stdout.strip().splitlines()[-1]).items():
        print(f"  pyttsx3               {lang}: {rtf:7.0f}x")
    sample = b"".join(pcm.values())
    seconds = len(sample) / 2 / tts.sample_rate
    rate = str(tts.sample_rate)
    lame_raw = ["lame", "--quiet", "-r", "-s", f"{tts.sample_rate / 1000:g}", "--bitwidth", "16", "--signed",
                "--little-endian", "-m", "m", "--cbr", "-b", "56"]  # fmt: skip
    opus_raw = ["opusenc", "--quiet", "--raw", "--raw-rate", rate, "--raw-chan", "1", "--bitrate", "24", "--speech"]
    ffmpeg_in = ["ffmpeg", "-nostdin", "-v", "error", "-f", "s16le", "-ar", rate, "-ac", "1", "-i", "-"]
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        candidates = {
            "LAME default quality (-q 3)": lame_raw + ["-", str(out / "a.mp3")],
            "LAME -q 7 (AccessReader)": encoder_command("mp3", out / "b.mp3", tts.sample_rate),
            "opusenc --comp 10 (default)": opus_raw + ["--comp", "10", "-", str(out / "a.opus")],
            "opusenc --comp 5 (AccessReader)": encoder_command("opus", out / "b.opus", tts.sample_rate),
            "ffmpeg libopus": ffmpeg_in + ["-c:a", "libopus", "-b:a", "24k", "-y", str(out / "c.opus")],
            "ffmpeg AAC, fast coder (M4B)": encoder_command("aac", out / "a.aac", tts.sample_rate),
        }
        print(f"encoding {seconds:.0f} s of speech, real-time factor:")
        for name, command in candidates.items():
            print(f"  {name:34s} {encode_rtf(command, sample, seconds):7.0f}x")
        start = time.perf_counter()
        encoder = Encoder("mp3", out / "s.mp3", tts.sample_rate)
        for index in range(0, len(sample), 8192):
            encoder.write(sample[index : index + 8192])
        encoder.close()
        print(f"  {'streamed through Encoder (mp3)':34s} {seconds / (time.perf_counter() - start):7.0f}x")


if __name__ == "__main__":
    main()
