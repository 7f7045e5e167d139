"""Parallel synthesis with timings, on real espeak-ng and real encoders."""

from __future__ import annotations

import subprocess
from dataclasses import replace

import pytest

from accessreader.errors import AudioFailed, UnknownVoice
from accessreader.tts import synthesis
from accessreader.tts.audio import Bitrates
from accessreader.tts.engines import Voice, engine, voices_for
from accessreader.tts.script import speech_script
from accessreader.tts.synthesis import SpeechOptions, parts_of, pieces_of, render, speak
from tests.speech_fixtures import long_book, two_chapter_book


@pytest.fixture(scope="module")
def book():
    return two_chapter_book()


@pytest.fixture(scope="module")
def rendered(book, tmp_path_factory):
    folder = tmp_path_factory.mktemp("render")
    calls = []
    audio = render(speech_script(book), ["mp3"], folder, SpeechOptions(workers=2), lambda d, t: calls.append((d, t)))
    return audio, calls, folder


def test_every_sentence_has_a_timing_in_its_chapter(book, rendered):
    audio, _, _ = rendered
    assert [c.chapter for c in audio] == [0, 1]
    for chapter in audio:
        expected = [u.sentence_id for u in speech_script(book) if u.last and u.locator.chapter == chapter.chapter]
        assert [t.sentence_id for t in chapter.timings] == expected
        assert chapter.timings[0].start == 0
        for before, after in zip(chapter.timings, chapter.timings[1:], strict=False):
            assert before.start < before.end == after.start  # back to back, no gaps, no overlaps
        assert chapter.timings[-1].end == chapter.seconds
        assert chapter.files["mp3"].stat().st_size > 1000


def test_a_sentence_in_two_languages_spans_all_its_pieces(book, rendered):
    audio, _, _ = rendered
    voices = voices_for()
    tts = engine("espeak")
    pieces = [u for u in speech_script(book) if u.sentence_id == "c1b1s0"]
    assert [p.voice for p in pieces] == ["ru", "kk", "ru"]  # the Kazakh title is read by the Kazakh voice
    spoken = sum(tts.synthesize(p.spoken, voices[p.voice]).seconds for p in pieces)
    timing = next(t for t in audio[1].timings if t.sentence_id == "c1b1s0")
    assert timing.end - timing.start == pytest.approx(spoken, abs=0.1)  # espeak-ng keeps some state between voices


def test_parallel_timings_equal_one_process(book, rendered, tmp_path):
    audio, _, _ = rendered
    single = render(speech_script(book), ["opus"], tmp_path, SpeechOptions(workers=1))
    for one, many in zip(single, audio, strict=True):
        assert [t.sentence_id for t in one.timings] == [t.sentence_id for t in many.timings]
        assert [t.end for t in one.timings] == pytest.approx([t.end for t in many.timings], abs=0.01)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["001.opus", "002.opus"]


def test_progress_counts_sentences_to_the_end(book, rendered):
    _, calls, _ = rendered
    total = sum(1 for u in speech_script(book) if u.last)
    assert calls[0] == (0, total) and calls[-1] == (total, total)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_speak_feeds_every_sink_the_same_sound():
    got_a, got_b = bytearray(), bytearray()

    class Collect:
        def __init__(self, into):
            self.into = into

        def write(self, pcm):
            self.into.extend(pcm)

    pieces = [("s1", "kk", "Сәлем.", True), ("s2", "ru", "Привет.", True)]
    samples, timings = speak(pieces, voices_for(), [Collect(got_a), Collect(got_b)])
    assert got_a == got_b and len(got_a) == samples * 2
    assert [t.sentence_id for t in timings] == ["s1", "s2"]


def test_a_missing_voice_reaches_the_caller_from_the_workers(book, tmp_path):
    voices = {**voices_for(), "kk": Voice("kk", "no-such-voice")}
    with pytest.raises(UnknownVoice) as caught:
        render(speech_script(book), ["mp3"], tmp_path, SpeechOptions(voices=voices, workers=2))
    assert "no-such-voice" in caught.value.message("kk")


def test_nothing_to_say_renders_nothing(tmp_path):
    assert render([], ["mp3"], tmp_path) == []
    assert pieces_of([]) == []


def test_pyttsx3_engine_renders_the_same_timeline(book, rendered, tmp_path):
    audio, _, _ = rendered
    first_chapter = [u for u in speech_script(book) if u.locator.chapter == 0]
    (via_pyttsx3,) = render(first_chapter, ["mp3"], tmp_path, SpeechOptions(engine="pyttsx3", workers=1))
    assert [t.sentence_id for t in via_pyttsx3.timings] == [t.sentence_id for t in audio[0].timings]
    assert via_pyttsx3.seconds == pytest.approx(audio[0].seconds, abs=0.05)


def test_one_failing_chapter_stops_the_others_quickly(tmp_path):
    script = speech_script(long_book(300))
    broken = [u for u in script if u.locator.chapter == 0][:3]
    utterances = [replace(u, voice="zz") for u in broken] + [u for u in script if u.locator.chapter == 1]
    voices = {**voices_for(), "zz": Voice("zz", "no-such-voice")}
    calls = []
    with pytest.raises(UnknownVoice):
        render(utterances, ["mp3"], tmp_path, SpeechOptions(voices=voices, workers=2), lambda d, t: calls.append(d))
    # 600 sentences of at least 1.5 s at 56 kbit/s would be over 6 MB; the chapter was abandoned early.
    partial = tmp_path / "002.mp3"
    assert not partial.exists() or partial.stat().st_size < 3_000_000
    assert max(calls) < sum(1 for u in utterances if u.last)


def test_a_long_chapter_is_spoken_in_parts_on_both_cores_with_exact_timings(tmp_path, monkeypatch):
    chapter = [u for u in speech_script(long_book(30)) if u.locator.chapter == 0]
    monkeypatch.setattr(synthesis, "PART_CHARS", 400)
    assert len(parts_of(pieces_of(chapter), 400)) >= 4
    (parted,) = render(chapter, ["mp3", "opus"], tmp_path / "parts", SpeechOptions(workers=2))
    monkeypatch.setattr(synthesis, "PART_CHARS", 10**9)
    (whole,) = render(chapter, ["mp3"], tmp_path / "whole", SpeechOptions(workers=1))

    assert [t.sentence_id for t in parted.timings] == [u.sentence_id for u in chapter if u.last]
    assert parted.timings[0].start == 0 and parted.timings[-1].end == parted.seconds
    for before, after in zip(parted.timings, parted.timings[1:], strict=False):
        assert before.start < before.end == after.start  # back to back across the parts' joins too
    assert [t.end for t in parted.timings] == pytest.approx([t.end for t in whole.timings], abs=0.05)
    # One stream into one encoder: the MP3 decodes to exactly the samples the timings count.
    decode = ["ffmpeg", "-v", "error", "-i", str(parted.files["mp3"]), "-f", "s16le", "-"]
    pcm = subprocess.run(decode, capture_output=True, check=True).stdout
    assert len(pcm) // 2 == parted.samples
    assert sorted(p.name for p in (tmp_path / "parts").iterdir()) == ["001.mp3", "001.opus"]  # no PCM left


def test_parts_end_where_a_sentence_ends_even_inside_a_sentence_in_two_languages(book):
    pieces = pieces_of(speech_script(book))
    parts = parts_of(pieces, 1)
    assert [p for part in parts for p in part] == pieces
    assert all(part[-1][3] for part in parts)  # each part ends with a sentence's last piece
    assert [len(part) for part in parts if part[0][0] == "c1b1s0"] == [3]  # ru, kk, ru: one part


def test_an_encoder_that_fails_stops_the_book_with_its_message_and_leaves_no_sound_behind(tmp_path, monkeypatch):
    chapter = [u for u in speech_script(long_book(30)) if u.locator.chapter == 0]
    monkeypatch.setattr(synthesis, "PART_CHARS", 400)
    options = SpeechOptions(workers=2, bitrates=Bitrates(opus=9999))  # opusenc refuses it at once
    with pytest.raises(AudioFailed) as failed:
        render(chapter, ["mp3", "opus"], tmp_path, options)
    assert "opusenc" in failed.value.message("en") and "insane" in failed.value.message("en")
    assert not list(tmp_path.glob("*.pcm")) and not list(tmp_path.glob(".*.pcm"))
