"""Speech outputs written into DIR/<stem>/<format>: one synthesis, tags, chapters, atomic folders."""

from __future__ import annotations

import json
import subprocess

import mutagen
import pytest

from accessreader.errors import EmptyFile, UnknownVoice
from accessreader.model import Document
from accessreader.tts.outputs import FORMATS, WRITERS, speech_options, write_all
from tests.speech_fixtures import two_chapter_book


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    stem = tmp_path_factory.mktemp("out") / "book"
    calls = []
    made = write_all(two_chapter_book(), {f: stem / f for f in FORMATS}, speech_options(workers=2),
                     lambda done, total: calls.append((done, total)))  # fmt: skip
    return stem, made, calls


def test_every_format_lands_in_its_folder(written):
    stem, made, calls = written
    assert made == {
        "mp3": stem / "mp3", "opus": stem / "opus", "m4b": stem / "m4b" / "book.m4b",
        "daisy": stem / "daisy" / "ncc.html", "epub3": stem / "epub3" / "book.epub",
    }  # fmt: skip
    assert sorted(p.name for p in stem.iterdir()) == sorted(FORMATS)  # no temporary folders left
    assert sorted(p.name for p in (stem / "mp3").iterdir()) == ["001.mp3", "002.mp3", "playlist.m3u"]
    assert calls[-1][0] == calls[-1][1] == 8  # all eight sentences spoken, once for all five formats


def test_chapter_files_are_tagged(written):
    stem, _, _ = written
    second = mutagen.File(stem / "mp3" / "002.mp3").tags
    assert str(second["TIT2"]) == "Вторая глава" and str(second["TRCK"]) == "2/2" and str(second["TLAN"]) == "rus"
    assert str(second["TALB"]) == "Сынақ кітабы" and str(second["TPE1"]) == "Абай Құнанбайұлы"
    assert second.getall("APIC")[0].data[:2] == b"\xff\xd8"  # a JPEG cover on every track
    first = mutagen.File(stem / "opus" / "001.opus")
    assert first["title"] == ["Бірінші тарау"] and first["language"] == ["kk"]
    playlist = (stem / "opus" / "playlist.m3u").read_text(encoding="utf-8").splitlines()
    assert playlist[0] == "#EXTM3U" and playlist[2] == "001.opus" and playlist[3].endswith(",Вторая глава")


def test_m4b_has_one_chapter_per_book_chapter(written):
    _, made, _ = written
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(made["m4b"])],
                           capture_output=True, text=True, check=True)  # fmt: skip
    assert [c["tags"]["title"] for c in json.loads(probe.stdout)["chapters"]] == ["Бірінші тарау", "Вторая глава"]


def test_a_writer_replaces_an_older_output(tmp_path):
    out = tmp_path / "book" / "opus"
    out.mkdir(parents=True)
    (out / "stale.opus").write_bytes(b"old")
    made = WRITERS["opus"](two_chapter_book(), out, speech_options(workers=1), lambda d, t: None)
    assert made == out and sorted(p.name for p in out.iterdir()) == ["001.opus", "002.opus", "playlist.m3u"]
    assert sorted(p.name for p in out.parent.iterdir()) == ["opus"]


def test_failure_leaves_nothing_behind_and_keeps_the_old_output(tmp_path):
    out = tmp_path / "book" / "mp3"
    out.mkdir(parents=True)
    (out / "001.mp3").write_bytes(b"previous")
    with pytest.raises(UnknownVoice):
        WRITERS["mp3"](two_chapter_book(), out, speech_options("kk=no-such-voice"), lambda d, t: None)
    assert sorted(p.name for p in out.parent.iterdir()) == ["mp3"]
    assert (out / "001.mp3").read_bytes() == b"previous"


def test_a_book_with_nothing_to_say_is_refused(tmp_path):
    with pytest.raises(EmptyFile):
        WRITERS["daisy"](Document(), tmp_path / "empty" / "daisy", speech_options(), lambda d, t: None)
    assert not (tmp_path / "empty" / "daisy").exists()


def test_cli_options_reach_the_voices():
    options = speech_options("ru=ru+f2", rate=200, workers=3)
    assert options.voices["ru"].name == "ru+f2" and options.voices["kk"].rate == 200 and options.workers == 3


def test_convert_voices_start_from_the_talking_book_voices_and_the_option_wins():
    from accessreader.tts.engines import rhvoice_installed

    options = speech_options("en=espeak:en-gb,ru=irina")
    assert (options.voices["en"].engine, options.voices["en"].name) == ("", "en-gb")
    assert (options.voices["ru"].engine, options.voices["ru"].name) == ("rhvoice", "Irina")
    assert options.voices["kk"].name == "kk" and options.voices["kk"].engine == ""  # Kazakh stays on espeak-ng
    if rhvoice_installed():
        assert speech_options().voices["ru"].engine == "rhvoice"  # the default for Russian talking books


def test_the_convert_command_refuses_a_voice_it_may_not_publish(tmp_path):
    from click.testing import CliRunner

    from accessreader.cli import main

    book = tmp_path / "book.txt"
    book.write_text("Москва является столицей России.", encoding="utf-8")
    result = CliRunner().invoke(main, ["--lang", "en", "convert", str(book), "--to", "mp3", "--voice", "ru=tatiana"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "tatiana" in result.stderr
    assert not (tmp_path / "book").exists()
