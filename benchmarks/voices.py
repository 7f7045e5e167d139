"""Voices side by side: real-time factor per engine and language, time to first audio, a whole
book in MP3 with RHVoice on two cores against the library driven serially and then ``lame``,
and each voice's loudness (the table ``tts/audio.py`` keeps as ``LOUDNESS``).

    .venv/bin/python -m benchmarks.voices [--chars 12000] [--skip-book]

- real-time factor: seconds of speech per second of synthesis, one process, warm engine,
  over the paragraphs of ``speech_book.PROSE`` (higher is faster);
- time to first audio: a fresh process that makes the engine and speaks one short
  sentence (cold), and the same sentence again in a warm engine;
- whole book: a Russian book of about ``--chars`` characters (chapters of
  ``PROSE["ru"]``) made into MP3 chapters by ``synthesis.render`` on two worker
  processes (synthesis streamed into LAME), against the baseline: the same sentences
  spoken one after another in one process, then each chapter's PCM given to ``lame``
  (one core, one program after the other).  The issue asks for a ratio of at least 1.8;
- loudness: the EBU R128 integrated loudness of everything the sample titles
  (``samples/``) say in each voice's language, the figures ``audio.LOUDNESS`` holds.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from accessreader.content import read
from accessreader.content.builder import DocumentBuilder
from accessreader.content.finish import finish
from accessreader.model import HEADING, PARAGRAPH, Document
from accessreader.tts.audio import encoder_command, loudness
from accessreader.tts.engines import DEFAULT_VOICES, RHVOICE_LICENCES, Voice, engine, piper_voices, rhvoice_installed
from accessreader.tts.script import by_chapter, speech_script
from accessreader.tts.synthesis import SpeechOptions, render
from benchmarks.speech_book import PROSE

ROOT = Path(__file__).resolve().parent.parent
SHORT = {"kk": "Сәлеметсіз бе, оқырман.", "ru": "Здравствуйте, читатель.", "en": "Hello, reader."}


def engines_and_voices() -> list[tuple[str, Voice]]:
    """(engine, voice) pairs to measure: espeak-ng per language, every allowed RHVoice voice,
    every Piper voice of the voices folder (``ACCESSREADER_PIPER_VOICES``) in kk, ru or en."""
    pairs = [("espeak", voice) for voice in DEFAULT_VOICES.values()]
    if rhvoice_installed():
        pairs += [("rhvoice", Voice(lang, name, engine="rhvoice")) for name, lang, _ in RHVOICE_LICENCES.values()]
    pairs += [("piper", Voice(v.lang, v.name, engine="piper")) for v in piper_voices().values() if v.lang in SHORT]
    return pairs


def real_time_factors() -> None:
    print("real-time factor (seconds of speech per second of synthesis, one core, warm engine)")
    for name, voice in engines_and_voices():
        tts = engine(name)
        tts.synthesize(SHORT[voice.lang], voice)  # warm: voice data loaded
        sentences = [s.strip() + "." for s in PROSE[voice.lang].split(".") if s.strip()]
        started = time.perf_counter()
        seconds = sum(tts.synthesize(sentence, voice).seconds for sentence in sentences * 2)
        spent = time.perf_counter() - started
        print(f"  {name:8} {voice.lang} {voice.name:17} {seconds / spent:7.1f}x  ({seconds:.1f} s of speech)")


_FIRST_AUDIO = """
import sys, time
started = time.perf_counter()
from accessreader.tts.engines import Voice, engine
name, lang, voice = sys.argv[1:4]
tts = engine(name)
audio = tts.synthesize(sys.argv[4], Voice(lang, voice, engine='' if name == 'espeak' else name))
cold = time.perf_counter() - started
started = time.perf_counter()
tts.synthesize(sys.argv[4], Voice(lang, voice, engine='' if name == 'espeak' else name))
print(cold, time.perf_counter() - started)
"""


def time_to_first_audio() -> None:
    print("time to first audio (a short sentence; cold: new process, import, engine, voice; warm: again)")
    for name, voice in engines_and_voices():
        if name == "rhvoice" and voice.name not in ("Aleksandr", "Aleksandr-hq", "Slt"):
            continue
        result = subprocess.run(
            [sys.executable, "-c", _FIRST_AUDIO, name, voice.lang, voice.name, SHORT[voice.lang]],
            capture_output=True, text=True, check=True, cwd=ROOT,
        )  # fmt: skip
        cold, warm = (float(x) for x in result.stdout.split())
        print(f"  {name:8} {voice.lang} {voice.name:17} cold {cold * 1000:6.0f} ms   warm {warm * 1000:6.1f} ms")


def russian_book(chars: int, chapters: int = 4) -> Document:
    builder = DocumentBuilder("txt")
    builder.metadata.title = "Книга для замера"
    for index in range(chapters):
        builder.chapter(f"Глава {index + 1}")
        builder.add(HEADING, f"Глава {index + 1}", lang="ru", level=1)
        for _ in range(max(chars // chapters // len(PROSE["ru"]), 1)):
            builder.add(PARAGRAPH, PROSE["ru"], lang="ru")
    return finish(builder.build(), str(chars).encode(), "voices.txt")


def whole_book(chars: int) -> None:
    voice = Voice("ru", "Aleksandr", engine="rhvoice")
    utterances = speech_script(russian_book(chars))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        started = time.perf_counter()
        tts = engine("rhvoice")
        for index, chapter in enumerate(by_chapter(utterances)):
            pcm = b"".join(tts.synthesize(u.spoken, voice).pcm for u in chapter)
            command = encoder_command("mp3", work / f"serial-{index}.mp3", tts.sample_rate)
            subprocess.run(command, input=pcm, check=True, stderr=subprocess.DEVNULL)
        serial = time.perf_counter() - started
        started = time.perf_counter()
        audio = render(utterances, ["mp3"], work, SpeechOptions(voices={"ru": voice, "en": voice}, workers=2))
        parallel = time.perf_counter() - started
    seconds = sum(chapter.seconds for chapter in audio)
    print(f"whole book in MP3 with RHVoice Aleksandr: {len(utterances)} sentences, {seconds / 60:.1f} min of speech")
    print(f"  serial library then lame, one core: {serial:6.1f} s ({seconds / serial:5.1f}x real time)")
    print(f"  render on two worker processes:     {parallel:6.1f} s ({seconds / parallel:5.1f}x real time)")
    print(f"  ratio: {serial / parallel:.2f} (aim: at least 1.8 on two cores; cores here: {os.cpu_count()})")


def loudness_table() -> None:
    texts: dict[str, list[str]] = {"kk": [], "ru": [], "en": []}
    for path in sorted((ROOT / "samples").glob("*")):
        if path.suffix in (".txt", ".fb2", ".epub") and path.is_file():
            for utterance in speech_script(read(path.read_bytes(), path.name)):
                texts[utterance.voice].append(utterance.spoken)
    print("loudness of the sample titles' speech, per voice (audio.LOUDNESS)")
    for name, voice in engines_and_voices():
        tts = engine(name)
        pcm = b"".join(tts.synthesize(text, voice).pcm for text in texts[voice.lang])
        print(f'    ("{name}", "{voice.name.lower()}"): {loudness(pcm, tts.sample_rate)},')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=12000, help="characters of the whole-book test")
    parser.add_argument("--skip-book", action="store_true", help="leave out the whole-book comparison")
    args = parser.parse_args()
    real_time_factors()
    time_to_first_audio()
    if not args.skip_book and rhvoice_installed():
        whole_book(args.chars)
    loudness_table()


if __name__ == "__main__":
    main()
