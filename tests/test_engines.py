"""Speech engines on the real espeak-ng: PCM per language, settings, voices, pyttsx3."""

from __future__ import annotations

import array
import json
import subprocess
import sys

import pytest

from accessreader.errors import UnknownVoice
from accessreader.tts import engines
from accessreader.tts.engines import Voice, engine, parse_voices, split_long, voice_for, voices_for

SENTENCES = {
    "kk": "Қазақстан Орталық Азиядағы мемлекет.",
    "ru": "Москва является столицей России.",
    "en": "London is the capital of England.",
}


def peak(pcm: bytes) -> int:
    return max(abs(x) for x in array.array("h", pcm))


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_each_language_is_spoken_with_its_own_voice(lang):
    tts = engine("espeak")
    audio = tts.synthesize(SENTENCES[lang], voice_for(voices_for(), lang))
    assert audio.sample_rate == tts.sample_rate == 22050
    assert 1.0 < audio.seconds < 6.0
    assert peak(audio.pcm) > 3000  # real speech, not silence
    other = "ru" if lang != "ru" else "kk"
    assert tts.synthesize(SENTENCES[lang], voice_for(voices_for(), other)).pcm != audio.pcm


def test_rate_pitch_and_volume_change_the_sound():
    tts = engine("espeak")
    text = SENTENCES["ru"]
    normal = tts.synthesize(text, Voice("ru", "ru"))
    fast = tts.synthesize(text, Voice("ru", "ru", rate=350))
    quiet = tts.synthesize(text, Voice("ru", "ru", volume=0.3))
    high = tts.synthesize(text, Voice("ru", "ru", pitch=90))
    assert fast.seconds < normal.seconds * 0.7
    assert peak(quiet.pcm) < peak(normal.pcm) * 0.6
    assert high.pcm != normal.pcm


def test_empty_text_gives_empty_audio():
    assert engine("espeak").synthesize("  ", voices_for()["kk"]).pcm == b""


def test_unknown_voice_is_a_clear_error():
    with pytest.raises(UnknownVoice) as caught:
        engine("espeak").synthesize("Сәлем", Voice("kk", "no-such-voice"))
    assert "no-such-voice" in caught.value.message("ru")


def test_unknown_engine_is_a_clear_error():
    with pytest.raises(UnknownVoice):
        engine("no-such-engine")


def test_voice_table_from_cli_options():
    voices = voices_for(parse_voices("kk=kk+f3, ru=ru"), rate=220)
    assert voices["kk"].name == "kk+f3" and voices["ru"].name == "ru" and voices["en"].name == "en-us"
    assert {v.rate for v in voices.values()} == {220}
    assert voice_for(voices, "kk-Cyrl").name == "kk+f3"
    assert voice_for(voices, "de").lang == "en"
    with pytest.raises(UnknownVoice):
        parse_voices("kazakh")
    with pytest.raises(UnknownVoice):
        voices_for(rate=1000)


def test_long_texts_are_cut_at_spaces():
    text = " ".join(["сөз"] * 2000)
    pieces = split_long(text, 500)
    assert all(0 < len(p) <= 500 for p in pieces)
    assert " ".join(pieces) == text


def test_registered_engine_is_used():
    class Silent:
        name = "silent"
        sample_rate = 16000

        def synthesize(self, text: str, voice: Voice) -> engines.Audio:
            return engines.Audio(b"\0\0" * len(text), self.sample_rate)

    engines.register_engine("silent", Silent)
    try:
        assert engine("silent").synthesize("abc", voices_for()["en"]).seconds == 3 / 16000
    finally:
        engines.ENGINES.pop("silent")
        engines._made.pop("silent", None)


PYTTSX3_RUN = """
import json, sys
from accessreader.tts.engines import engine, voices_for, voice_for
tts = engine("pyttsx3")
out = {}
for lang, text in json.loads(sys.argv[1]).items():
    out[lang] = tts.synthesize(text, voice_for(voices_for(), lang)).seconds
out["empty"] = tts.synthesize("", voices_for()["kk"]).seconds
out["long"] = tts.synthesize("Бұл ұзын мәтін. " * 300, voices_for()["kk"]).seconds
tts.close()
print(json.dumps(out))
"""


def test_pyttsx3_engine_speaks_like_the_library_engine():
    # pyttsx3 shares libespeak-ng's global state, so it runs in a process of its own.
    result = subprocess.run([sys.executable, "-c", PYTTSX3_RUN, json.dumps(SENTENCES)],
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    seconds = json.loads(result.stdout.strip().splitlines()[-1])
    tts = engine("espeak")
    for lang, text in SENTENCES.items():
        assert seconds[lang] == pytest.approx(tts.synthesize(text, voice_for(voices_for(), lang)).seconds, abs=0.05)
    assert seconds["empty"] == 0
    assert seconds["long"] > 60  # 4,800 characters spoken in pieces, none lost


def test_one_libespeak_engine_per_process():
    engine("espeak")
    with pytest.raises(RuntimeError):
        engine("pyttsx3")
