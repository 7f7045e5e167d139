"""Speech beside braille: the thread reads on from where it is told, in each language's voice, into a transcript."""

from __future__ import annotations

import time

from accessreader.model import Locator
from accessreader.terminal.speech import FileSink, Speaker
from accessreader.tts.engines import DEFAULT_RATE, MAX_RATE, MIN_RATE
from accessreader.tts.script import speech_script
from tests.terminal_book import book


def lines(path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


def wait_until(test, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not test():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_reads_on_from_the_position_and_moves_with_it(tmp_path):
    document = book()
    path = tmp_path / "speech.txt"
    speaker = Speaker(document, speech_script(document), FileSink(path))
    try:
        speaker.follow(Locator(0, "c0b2", 1, 21))  # «Абай үйге…», the second sentence
        wait_until(lambda: len(lines(path)) >= 1)
        first = lines(path)[0]
        assert first[0] == "0:c0b2:1:21" and first[1] == "kk" and first[3].startswith("Абай үйге")
        speaker.follow(Locator(0, "c0b6", 0, 0))
        wait_until(lambda: lines(path)[-1][0].startswith("0:c0b6"))
        assert lines(path)[-1][1] == "ru"
        size = path.stat().st_size
        wait_until(lambda: path.stat().st_size > size)  # it reads on by itself
        assert lines(path)[-1][0].startswith("1:c1b0")
    finally:
        speaker.close()


def test_a_word_said_stops_the_reading_and_off_means_silent(tmp_path):
    document = book()
    path = tmp_path / "speech.txt"
    speaker = Speaker(document, speech_script(document), FileSink(path))
    try:
        speaker.say("күні.", "kk")
        wait_until(lambda: len(lines(path)) == 1)
        assert lines(path)[0] == ["", "kk", str(DEFAULT_RATE), "күні."]
        assert speaker.toggle() is False
        speaker.follow(Locator(0, "c0b0", 0, 0))
        speaker.say("ештеңе", "kk")
        time.sleep(0.2)
        assert len(lines(path)) == 1
        assert speaker.toggle() is True
    finally:
        speaker.close()


def test_rate_stays_in_bounds(tmp_path):
    document = book()
    speaker = Speaker(document, [], FileSink(tmp_path / "speech.txt"))
    try:
        assert speaker.change_rate(1) == DEFAULT_RATE + 25
        for _ in range(40):
            speaker.change_rate(1)
        assert speaker.rate == MAX_RATE
        for _ in range(40):
            speaker.change_rate(-1)
        assert speaker.rate == MIN_RATE
    finally:
        speaker.close()


def test_sound_sink_plays_the_engine_voice_and_stops_when_told(tmp_path):
    import threading
    import wave

    from accessreader.terminal.speech import SoundSink
    from accessreader.tts.playback import WaveSink

    path = tmp_path / "heard.wav"
    sink = SoundSink(lambda rate: WaveSink(path, rate))
    sink.speak("Кітапхана оқырмандары Абайдың өлеңдерін оқыды.", "kk", DEFAULT_RATE, "", threading.Event())
    stopped = threading.Event()
    stopped.set()
    sink.speak("Этот текст не должен прозвучать, читатель уже ушёл дальше.", "ru", DEFAULT_RATE, "", stopped)
    sink.close()
    with wave.open(str(path)) as heard:
        seconds = heard.getnframes() / heard.getframerate()
    assert 1.0 < seconds < 6.0  # the Kazakh sentence, and nothing of the one cut off
