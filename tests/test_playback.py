"""Playback into a WAV file in place of a sound device: from a locator, skip, pause, rate."""

from __future__ import annotations

import threading
import wave

import pytest

from accessreader.errors import MissingDependency
from accessreader.model import Locator
from accessreader.tts.engines import engine, voices_for
from accessreader.tts.playback import Player, SoundDeviceSink, WaveSink
from accessreader.tts.script import speech_script
from tests.speech_fixtures import two_chapter_book

#: espeak-ng's output for a sentence shifts by a few hundredths of a second with what it spoke before.
SLACK = 0.1


@pytest.fixture(scope="module")
def book():
    return two_chapter_book()


@pytest.fixture(scope="module")
def lengths(book):
    """Seconds of each sentence, spoken alone."""
    tts, voices = engine("espeak"), voices_for()
    result: dict[str, float] = {}
    for u in speech_script(book):
        result[u.sentence_id] = result.get(u.sentence_id, 0) + tts.synthesize(u.spoken, voices[u.voice]).seconds
    return result


def run(book, tmp_path, start=None, on_sentence=None, **kwargs):
    path = tmp_path / "heard.wav"
    heard: list[Locator] = []
    player: Player

    def started(locator: Locator) -> None:
        heard.append(locator)
        if on_sentence:
            on_sentence(player, locator)

    player = Player(book, lambda rate: WaveSink(path, rate), on_sentence=started, **kwargs)
    player.play(start)
    player.wait()
    with wave.open(str(path)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
    return [f"{h.block}s{h.sentence}" for h in heard], seconds, player


def test_plays_from_any_locator_to_the_end(book, lengths, tmp_path):
    heard, seconds, player = run(book, tmp_path, Locator(1, "c1b1", 0, 0))
    assert heard == ["c1b1s0", "c1b1s1"]
    assert seconds == pytest.approx(lengths["c1b1s0"] + lengths["c1b1s1"], abs=SLACK)
    assert player.position.block == "c1b1"


def test_a_locator_between_sentences_starts_at_the_next_spoken_one(book, tmp_path):
    player = Player(book, lambda rate: WaveSink(tmp_path / "x.wav", rate))
    assert speech_script(book)[player.index_of(Locator(0, "c0b2", 3, 0))].sentence_id == "c0b3s0"


def test_next_sentence_skips_the_rest_of_the_sentence(book, lengths, tmp_path):
    def skip_second(player, locator):
        if (locator.block, locator.sentence) == ("c0b1", 1):
            player.next_sentence()

    heard, seconds, _ = run(book, tmp_path, Locator(0, "c0b1", 0, 0), skip_second)
    assert heard[:3] == ["c0b1s0", "c0b1s1", "c0b2s0"]
    spoken = sum(lengths[s] for s in heard) - lengths["c0b1s1"]
    assert seconds == pytest.approx(spoken, abs=SLACK)


def test_previous_sentence_goes_back(book, lengths, tmp_path):
    back = []

    def once_back(player, locator):
        if (locator.block, locator.sentence) == ("c0b3", 0) and not back:
            back.append(True)
            player.previous_sentence()

    heard, _, _ = run(book, tmp_path, Locator(0, "c0b2", 0, 0), once_back)
    assert heard[:3] == ["c0b2s0", "c0b3s0", "c0b2s0"]


def test_pause_holds_the_sound_until_resume(book, lengths, tmp_path):
    paused = threading.Event()

    def pause_at_second(player, locator):
        if (locator.block, locator.sentence) == ("c0b1", 1):
            player.pause()
            paused.set()

    path = tmp_path / "paused.wav"
    player = Player(book, lambda rate: WaveSink(path, rate), on_sentence=lambda loc: pause_at_second(player, loc))
    player.play(Locator(0, "c0b1", 0, 0))
    assert paused.wait(30) and player.paused
    player.stop()  # stopping while paused: only the first sentence was heard
    with wave.open(str(path)) as wav:
        assert wav.getnframes() / wav.getframerate() == pytest.approx(lengths["c0b1s0"], abs=SLACK)

    resumed: list[str] = []

    def pause_then_go_on(player, locator):
        resumed.append(f"{locator.block}s{locator.sentence}")
        if len(resumed) == 1:
            player.pause()
            threading.Timer(0.05, player.resume).start()

    heard, seconds, _ = run(book, tmp_path, Locator(1, "c1b1", 0, 0), pause_then_go_on)
    assert heard == ["c1b1s0", "c1b1s1"]
    assert seconds == pytest.approx(lengths["c1b1s0"] + lengths["c1b1s1"], abs=SLACK)


def test_rate_change_applies_from_the_next_sentence(book, lengths, tmp_path):
    def faster(player, locator):
        player.set_rate(400)

    heard, seconds, _ = run(book, tmp_path, Locator(1, "c1b0", 0, 0), faster)
    assert heard == ["c1b0s0", "c1b1s0", "c1b1s1"]
    assert seconds < 0.75 * sum(lengths[s] for s in heard)


def test_no_sound_device_is_a_clear_error():
    # This machine has no sound card; the terminal would tell the user so.
    try:
        sink = SoundDeviceSink(22050)
    except MissingDependency as error:
        assert "PortAudio" in error.message("en") or "sound device" in error.message("en")
    else:
        sink.close()


def test_a_failure_in_playback_reaches_the_caller(book):
    def no_device(rate: int):
        raise MissingDependency(what="a sound device", install="apt-get install alsa-utils")

    player = Player(book, no_device)
    player.play()
    with pytest.raises(MissingDependency):
        player.wait()


def test_each_language_is_spoken_by_its_own_engine_at_one_rate(tmp_path):
    from accessreader.tts.engines import parse_voices, rhvoice_installed
    from accessreader.tts.playback import Speech

    if not rhvoice_installed():
        pytest.skip("RHVoice not installed")
    chosen = Speech(voices=voices_for(parse_voices("ru=rhvoice:anna")))
    plain = Speech()
    assert (chosen.sample_rate, plain.sample_rate) == (24000, 22050)  # RHVoice's rate: nothing resampled down

    def heard(speech: Speech, text: str, lang: str) -> float:
        path = tmp_path / "heard.wav"
        sink = WaveSink(path, speech.sample_rate)
        assert speech.say(text, lang, sink, lambda: True)
        sink.close()
        with wave.open(str(path)) as file:
            return file.getnframes() / file.getframerate()

    russian, kazakh = "Читальный зал открыт с девяти утра.", "Сәлеметсіз бе, оқырман."
    anna = engine("rhvoice").synthesize(russian, voices_for(parse_voices("ru=rhvoice:anna"))["ru"])
    assert heard(chosen, russian, "ru") == pytest.approx(anna.seconds, abs=0.01)
    assert abs(heard(plain, russian, "ru") - anna.seconds) > 0.1  # espeak-ng's Russian is another length
    # Kazakh keeps espeak-ng's voice, brought to 24 kHz (espeak-ng's length varies by a few hundredths)
    assert heard(chosen, kazakh, "kk") == pytest.approx(heard(plain, kazakh, "kk"), abs=0.15)
