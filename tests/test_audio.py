"""Encoders on the real LAME, opusenc and ffmpeg: exact MP3 length, tags, M4B chapters."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import mutagen
import pytest

from accessreader.errors import AudioFailed, DiskFull
from accessreader.tts.audio import Encoder, Mark, Tags, aac_seconds, make_m4b, probe_seconds, tag_file
from accessreader.tts.engines import engine, voices_for


@pytest.fixture(scope="module")
def speech() -> bytes:
    tts = engine("espeak")
    return tts.synthesize("Алматы қаласы тауларға жақын орналасқан. " * 3, voices_for()["kk"]).pcm


def encode(codec: str, pcm: bytes, path, rate: int = 22050):
    encoder = Encoder(codec, path, rate)
    for start in range(0, len(pcm), 4096):  # streamed in blocks, as synthesis does
        encoder.write(pcm[start : start + 4096])
    encoder.close()
    return path


def decoded_samples(path, rate: int = 22050) -> int:
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-ac", "1", "-ar", str(rate), "-f", "s16le", "-"],
                         capture_output=True, check=True).stdout  # fmt: skip
    return len(raw) // 2


@pytest.mark.parametrize("rate", [22050, 24000])  # espeak-ng's rate, RHVoice's (and a chapter mixing both)
def test_mp3_decodes_to_exactly_the_samples_given(speech, tmp_path, rate):
    mp3 = encode("mp3", speech, tmp_path / "001.mp3", rate)
    info = mutagen.File(mp3).info
    bitrate = {22050: 56000, 24000: 64000}[rate]  # the lowest whose frames hold LAME's gapless tag
    assert info.channels == 1 and abs(info.bitrate - bitrate) < 100 and info.sample_rate == rate
    assert decoded_samples(mp3, rate) == len(speech) // 2  # gapless: timings from PCM hold in the file


def test_match_resamples_and_sets_the_loudness(speech):
    from accessreader.tts.audio import gain_db, loudness, match

    louder = match(speech, 22050, 24000, 6.0)
    assert len(louder) // 2 == pytest.approx(len(speech) // 2 * 24000 / 22050, abs=2)  # the same length in time
    assert loudness(louder, 24000) - loudness(speech, 22050) == pytest.approx(6.0, abs=0.5)
    assert match(speech, 22050, 22050) == speech
    assert gain_db("espeak", "no-such-voice") == 0.0


def test_opus_and_aac_keep_the_length(speech, tmp_path):
    seconds = len(speech) / 2 / 22050
    opus = encode("opus", speech, tmp_path / "001.opus")
    assert mutagen.File(opus).info.length == pytest.approx(seconds, abs=0.03)
    aac = encode("aac", speech, tmp_path / "001.aac")
    assert aac_seconds(aac, 22050) == pytest.approx(seconds, abs=0.1)
    assert probe_seconds(opus) == pytest.approx(seconds, abs=0.03)


def test_tags_are_written_and_read_back(speech, tmp_path):
    tags = Tags("Бірінші тарау", "Абай жолы", "Мұхтар Әуезов", 1, 12, "kk")
    mp3 = encode("mp3", speech[:44100], tmp_path / "001.mp3")
    opus = encode("opus", speech[:44100], tmp_path / "001.opus")
    tag_file(mp3, tags)
    tag_file(opus, tags)
    id3 = mutagen.File(mp3).tags
    assert str(id3["TIT2"]) == "Бірінші тарау" and str(id3["TALB"]) == "Абай жолы"
    assert str(id3["TPE1"]) == "Мұхтар Әуезов" and str(id3["TRCK"]) == "1/12" and str(id3["TLAN"]) == "kaz"
    comments = mutagen.File(opus)
    assert comments["title"] == ["Бірінші тарау"] and comments["tracknumber"] == ["1"]
    assert comments["language"] == ["kk"] and comments["artist"] == ["Мұхтар Әуезов"]


def test_the_cover_is_every_files_front_cover(speech, tmp_path):
    import base64
    import io

    from mutagen.flac import Picture
    from PIL import Image

    from accessreader.tts.cover import cover_image

    cover = cover_image("Абай жолы", "Мұхтар Әуезов")
    assert Image.open(io.BytesIO(cover)).size == (600, 600)
    tags = Tags("Бірінші тарау", "Абай жолы", "Мұхтар Әуезов", 1, 12, "kk", cover)
    mp3 = encode("mp3", speech[:44100], tmp_path / "001.mp3")
    opus = encode("opus", speech[:44100], tmp_path / "001.opus")
    tag_file(mp3, tags)
    tag_file(opus, tags)
    (apic,) = mutagen.File(mp3).tags.getall("APIC")
    assert (apic.type, apic.mime, apic.data) == (3, "image/jpeg", cover)
    (block,) = mutagen.File(opus)["metadata_block_picture"]
    picture = Picture(base64.b64decode(block))
    assert (picture.type, picture.mime, picture.data) == (3, "image/jpeg", cover)
    # ffprobe (as players do) sees the picture as the MP3's attached picture
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_streams", "-of", "json", str(mp3)],
                           capture_output=True, text=True, check=True)  # fmt: skip
    assert any(s.get("disposition", {}).get("attached_pic") for s in json.loads(probe.stdout)["streams"])


def test_m4b_lists_its_chapters(speech, tmp_path):
    first = encode("aac", speech, tmp_path / "001.aac")
    second = encode("aac", speech[:22050], tmp_path / "002.aac")
    one, two = aac_seconds(first, 22050), aac_seconds(second, 22050)
    out = tmp_path / "book.m4b"
    marks = [Mark("Бірінші; тарау = 1", 0, one), Mark("Вторая глава", one, one + two)]
    make_m4b([first, second], marks, "Абай жолы", "Мұхтар Әуезов", "kk", out)
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-show_format", "-of", "json", str(out)],
                           capture_output=True, text=True, check=True)  # fmt: skip
    data = json.loads(probe.stdout)
    assert [c["tags"]["title"] for c in data["chapters"]] == ["Бірінші; тарау = 1", "Вторая глава"]
    assert float(data["chapters"][1]["start_time"]) == pytest.approx(one, abs=0.002)
    assert float(data["format"]["duration"]) == pytest.approx(one + two, abs=0.1)
    assert data["format"]["tags"]["title"] == "Абай жолы"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["001.aac", "002.aac", "book.m4b"]


def test_encoder_failure_is_a_clear_error(tmp_path):
    encoder = Encoder("opus", tmp_path / "no-such-folder" / "001.opus", 22050)
    with pytest.raises(AudioFailed) as caught:
        encoder.write(b"\0\0" * 22050)
        encoder.close()
    assert "opusenc" in caught.value.message("kk")


@pytest.mark.parametrize("codec", ["mp3", "opus"])
def test_a_full_disk_is_said_as_such(codec):
    """LAME says only "Error writing mp3 output" after an unrelated warning; the error names the full disk."""
    encoder = Encoder(codec, Path("/dev/full"), 22050)
    with pytest.raises(DiskFull) as caught:
        for _ in range(50):
            encoder.write(bytes(44100))
        encoder.close()
    assert "disk is full" in caught.value.message("en")
