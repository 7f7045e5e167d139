"""Audio of catalog titles: made chapters whose timings match the files, time ↔ locator, atomic replacement, live MP3."""

from __future__ import annotations

import subprocess

import pytest

from accessreader.content import read
from accessreader.errors import NotFound, OtherChapter, UnknownVoice
from accessreader.model import Locator
from accessreader.service.audiobook import Audiobooks, sentence_locator
from accessreader.tts.synthesis import SpeechOptions
from tests.servicekit import book, make_library


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    library = make_library(tmp_path_factory.mktemp("audiobook"))
    data = book("Күй кітабы")
    title = library.catalog.add_source(data, "kui.txt").title
    library.catalog.attach_document(title.id, read(data, "kui.txt"))
    library.audiobooks.make(title.id)
    yield library, title.id
    library.close()


def duration(path) -> float:
    probe = ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)]
    return float(subprocess.run(probe, capture_output=True, text=True, check=True).stdout)


def test_made_chapters_have_timings_that_fit_their_files(made):
    library, title = made
    chapters = library.audiobooks.chapters(title)
    assert [c.index for c in chapters] == [0, 1, 2] and all(c.made for c in chapters)
    second = chapters[1]
    assert [s.id for s in second.sentences] == ["c1b0s0", "c1b1s0", "c1b1s1", "c1b1s2"]
    assert all(a.end <= b.start + 1e-3 for a, b in zip(second.sentences, second.sentences[1:]))
    path = library.audiobooks.file(title, 1, "mp3")
    # LAME's gapless tag: the file decodes to exactly the samples the timings count (ffprobe's duration
    # counts whole frames, delay and padding included, so it is up to 0.1 s longer)
    decode = ["ffmpeg", "-v", "error", "-i", str(path), "-f", "s16le", "-"]
    samples = len(subprocess.run(decode, capture_output=True, check=True).stdout) // 2
    assert samples == round(second.seconds * 22050)
    assert library.audiobooks.file(title, 1, "opus").read_bytes()[:4] == b"OggS"
    with pytest.raises(NotFound):
        library.audiobooks.file(title, 1, "wav")


def test_times_and_locators_map_both_ways(made):
    library, title = made
    audiobooks = library.audiobooks
    for sentence in audiobooks.chapter(title, 1).sentences:
        locator = audiobooks.locate(title, 1, (sentence.start + sentence.end) / 2)
        assert locator == sentence_locator(1, sentence.id)
        assert audiobooks.time_of(title, locator) == sentence.start
    assert audiobooks.locate(title, 1, 0.0) == Locator(1, "c1b0", 0, 0)
    assert sentence_locator(2, "c2b14s3") == Locator(2, "c2b14", 3, 0)
    with pytest.raises(ValueError):
        sentence_locator(0, "c2b14")
    with pytest.raises(NotFound):
        audiobooks.chapter(title, 7)


def test_a_failed_remake_keeps_the_old_audio_and_leaves_nothing_behind(made):
    library, title = made
    before = library.audiobooks.file(title, 2, "mp3").read_bytes()
    broken = Audiobooks(library.catalog, library.store, SpeechOptions(engine="no-such-engine", workers=1))
    with pytest.raises(UnknownVoice):
        broken.make(title)
    assert library.audiobooks.file(title, 2, "mp3").read_bytes() == before
    assert [p.name for p in library.audiobooks.folder(title).parent.iterdir()] == [str(title)]


def test_live_speech_yields_mp3_frames_sentence_by_sentence_from_any_sentence(made, tmp_path):
    library, title = made
    audiobooks = library.audiobooks
    pieces = list(audiobooks.live(title, 1))
    assert len(pieces) == 5  # four sentences, then LAME's last frames
    assert pieces[0][:2] in (b"\xff\xfb", b"\xff\xf3")
    (tmp_path / "live.mp3").write_bytes(b"".join(pieces))
    # Live MP3 has no gapless tag (LAME's delay and padding, ~0.05 s) and espeak-ng's
    # output shifts by up to ~0.06 s with what it spoke before: 0.15 s covers both.
    assert duration(tmp_path / "live.mp3") == pytest.approx(audiobooks.chapter(title, 1).seconds, abs=0.15)
    later = b"".join(audiobooks.live(title, 1, "c1b1s2"))
    assert 0 < len(later) < len(b"".join(pieces)) / 2
    assert audiobooks.start_sentence(title, 1, Locator(1, "c1b1", 1, 9)) == "c1b1s1"
    with pytest.raises(OtherChapter):  # a place in chapter 3 is not a place to start chapter 2 from
        audiobooks.start_sentence(title, 1, Locator(2, "c2b1", 0, 0))
    with pytest.raises(NotFound):
        audiobooks.start_sentence(title, 1, Locator(1, "c2b1", 0, 0))
    with pytest.raises(NotFound):
        audiobooks.live(title, 1, "c9b9s9")


def test_a_live_chapter_is_worded_as_in_the_whole_book_from_any_block():
    # Long chapters in three languages, a block with no voice of its own (it inherits the one
    # before it) at a batch boundary, and a note whose mark is in the chapter.
    from accessreader.content.builder import DocumentBuilder
    from accessreader.content.finish import finish
    from accessreader.model import NOTE, PARAGRAPH, SPAN_NOTEREF, Span, outline_of
    from accessreader.service.livescript import BATCH, ChapterScript
    from accessreader.tts.script import speech_script
    from tests.speech_fixtures import marked_up_book

    builder = DocumentBuilder("txt")
    builder.metadata.title = "Ұзын тарау"
    for chapter in ("Бірінші", "Второй"):
        builder.chapter(chapter)
        for n in range(3 * BATCH + 3):
            builder.add(PARAGRAPH, f"Абзац {n} 1995 жылы, 3 кг. Сөйлем {n + 2}-ші.", lang="kk")
    long = finish(builder.build(), b"long", "long.txt")
    for _, block in long.blocks():  # languages as a reader may leave them, after the detectors
        n = int(block.id.split("b")[1])
        block.lang = "und" if n in (BATCH, BATCH + 1) else ("en", "ru", "kk", "und")[n % 4]
        block.lang = "en" if n == BATCH - 1 else block.lang  # the voice the two blocks after it inherit
    first = long.chapters[0].blocks
    first[-1].kind, first[-1].label = NOTE, ""  # a note read with the mark of its reference
    first[2].spans.append(Span(SPAN_NOTEREF, 6, 8, first[-1].id))
    for document in (long, marked_up_book()):
        whole = speech_script(document)
        for index, chapter in enumerate(document.chapters):
            script = ChapterScript(outline_of(document), index, chapter)
            expected = [u for u in whole if u.locator.chapter == index]
            assert list(script.utterances()) == expected
            middle = chapter.blocks[len(chapter.blocks) // 2].id
            from_middle = [u for u in expected if int(u.locator.block.split("b")[1]) >= int(middle.split("b")[1])]
            assert list(ChapterScript(outline_of(document), index, chapter).utterances(middle)) == from_middle
