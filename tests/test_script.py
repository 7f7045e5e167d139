"""The speech script: who says what, in which voice, for every sentence of a book."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from accessreader import language, sentences
from accessreader.content.builder import DocumentBuilder, InlineText
from accessreader.model import HEADING, IMAGE, LIST_ITEM, NOTE, PAGE_MARKER, PARAGRAPH, TABLE, Cell, Document
from accessreader.tts.script import ScriptSettings, Utterance, by_chapter, speech_script

ESPEAK = shutil.which("espeak-ng")
needs_espeak = pytest.mark.skipif(ESPEAK is None, reason="espeak-ng is not installed")


def phonemes(text: str, voice: str) -> str:
    result = subprocess.run(
        [ESPEAK, "-v", voice, "-x", "-q", text], capture_output=True, text=True, check=True, timeout=30
    )
    return " ".join(result.stdout.split())


def book() -> Document:
    """A small bilingual book as a reader gives it, with languages marked as in EPUB's lang attributes.

    Languages are taken as marked (not re-detected) so these tests check the script alone.
    """
    builder = DocumentBuilder("test")
    builder.metadata.languages = ["ru"]
    builder.chapter("Глава I")
    builder.add(HEADING, "Глава I", level=1, lang="ru")
    text = InlineText()
    text.add("Роман «")
    text.add("Қан мен тер", lang="kk")
    text.add("» вышел тиражом 1 372 423 экземпляра.")
    text.noteref("n1", "1")
    text.add(" Это т.е. важно.")
    builder.add(PARAGRAPH, text, lang="ru")
    builder.page("12")
    builder.add(LIST_ITEM, "Первый пункт.", label="1.", lang="ru")
    rows = [[Cell("Год", True), Cell("Тираж", True)], [Cell("2024"), Cell("5 тыс.")]]
    builder.add(TABLE, rows=rows, lang="ru")
    builder.add(PARAGRAPH, "* * *")
    builder.add(NOTE, "Примечание автора.", note_kind="footnote", anchor="n1", lang="ru")
    builder.chapter("Екінші тарау")
    builder.add(HEADING, "Екінші тарау", level=1, lang="kk")
    text = InlineText()
    text.add("2025 жылы кітап шықты. Оны «")
    text.add("Известия", lang="ru")
    text.add("» газеті жазды.")
    builder.add(PARAGRAPH, text, lang="kk")
    builder.page("13")
    builder.add(IMAGE, "Абай портреті", label="abai.png", lang="kk")
    document = builder.build()
    for _, block in document.blocks():
        block.lang = "zxx" if block.kind == PAGE_MARKER else block.lang
        block.sentences = sentences.split(block.text, block.lang, lines=block.kind == TABLE)
    return document


def utterances_of(script: list[Utterance], block_id: str) -> list[Utterance]:
    return [u for u in script if u.locator.block == block_id]


def test_a_kazakh_title_in_a_russian_sentence_is_read_by_the_kazakh_voice():
    script = speech_script(book())
    first = [u for u in utterances_of(script, "c0b1") if u.sentence_id == "c0b1s0"]
    assert [u.voice for u in first] == ["ru", "kk", "ru"]
    assert [u.piece for u in first] == [0, 1, 2] and [u.last for u in first] == [False, False, True]
    assert first[1].text == "Қан мен тер"
    assert first[2].spoken.startswith("» вышел тиражом один миллион")


def test_no_kazakh_text_reaches_the_russian_voice_nor_the_reverse():
    for utterance in speech_script(book()):
        assert utterance.voice in ("kk", "ru", "en")
        if utterance.lang in ("kk", "ru", "en"):
            assert utterance.voice == utterance.lang
        if any(c.isalpha() for c in utterance.text):
            assert language.detect(utterance.text, hint=utterance.voice) == utterance.voice


def test_kazakh_chapter_quoting_a_russian_title_switches_to_russian_and_back():
    script = speech_script(book())
    sentence = [u for u in script if u.sentence_id == "c1b1s1"]
    assert [(u.voice, u.text) for u in sentence] == [("kk", "Оны «"), ("ru", "Известия"), ("kk", "» газеті жазды.")]


@needs_espeak
def test_each_piece_sounds_right_only_in_its_own_voice():
    script = speech_script(book())
    year = next(u for u in script if u.sentence_id == "c1b1s0")
    assert year.spoken == "екі мың жиырма бесінші жылы кітап шықты."
    heard = phonemes(year.spoken, year.voice)
    assert heard == phonemes("екі мың жиырма бесінші жылы кітап шықты.", "kk")
    assert heard != phonemes(year.spoken, "ru")  # the Russian voice would mispronounce it
    assert phonemes(year.text, "kk") != heard  # and raw digits would be a cardinal


def test_chapters_are_kept_apart():
    chapters = by_chapter(speech_script(book()))
    assert len(chapters) == 2
    assert {u.locator.chapter for u in chapters[0]} == {0} and {u.locator.chapter for u in chapters[1]} == {1}
    assert chapters[1][0].spoken == "Екінші тарау"
    # a job speaking some chapters gets the same utterances as the whole script has for them
    assert speech_script(book(), chapters=range(1, 2)) == chapters[1]
    assert speech_script(book(), chapters=range(0, 1)) == chapters[0]


def test_page_numbers_are_announced_in_the_voice_around_them_unless_turned_off():
    script = speech_script(book())
    pages = [u for u in script if u.kind == "page_marker"]
    assert [(u.voice, u.spoken) for u in pages] == [("ru", "страница двенадцать"), ("kk", "он үшінші бет")]
    assert not [u for u in speech_script(book(), ScriptSettings(pages=False)) if u.kind == "page_marker"]


def test_notes_labels_tables_and_images_are_worded_for_listening():
    document = book()
    script = speech_script(document)
    spoken = {u.locator.block: u.spoken for u in script if u.piece == 0 and u.locator.sentence == 0}
    reference = [u for u in utterances_of(script, "c0b1") if u.last and u.locator.sentence == 0][0]
    assert "экземпляра. (сноска один)" in reference.spoken
    note = document.chapters[0].blocks[-1]
    assert spoken[note.id] == "Сноска один. Примечание автора."
    assert spoken["c0b3"] == "один. Первый пункт."
    assert spoken["c0b4"] == "Год: две тысячи двадцать четыре; Тираж: пять тысяч."
    assert spoken["c0b0"] == "Глава первая"
    assert spoken["c1b3"] == "Сурет. Абай портреті"
    plain = speech_script(document, ScriptSettings(noterefs=False, labels=False))
    assert "сноска" not in " ".join(u.spoken for u in plain)
    assert next(u for u in plain if u.locator.block == "c0b3").spoken == "Первый пункт."


def test_sentences_with_nothing_to_say_give_no_utterance():
    assert utterances_of(speech_script(book()), "c0b5") == []


def test_every_sentence_id_and_locator_belongs_to_the_document():
    document = book()
    for utterance in speech_script(document):
        block = document.block(utterance.locator.block)
        assert utterance.sentence_id == block.sentence_id(utterance.locator.sentence)
        assert block.text[utterance.start : utterance.end] == utterance.text
        assert utterance.locator.offset == utterance.start
        if utterance.kind != "page_marker":
            sentence = block.sentences[utterance.locator.sentence]
            assert sentence.start <= utterance.start < utterance.end <= sentence.end


def test_spoken_words_map_back_to_the_written_number():
    document = book()
    block = document.block("c0b1")
    piece = [u for u in utterances_of(speech_script(document), "c0b1") if u.piece == 2][0]
    offset = piece.source_offset(piece.spoken.index("миллион"))
    assert block.text[offset:].startswith("1 372 423")
    copied = piece.source_offset(piece.spoken.index("вышел"))
    assert block.text[copied:].startswith("вышел")


def test_a_stored_document_gives_the_same_script():
    document = book()
    assert speech_script(Document.from_json(document.to_json())) == speech_script(document)


def test_punctuation_before_a_quoted_title_goes_with_the_title():
    builder = DocumentBuilder("test")
    builder.metadata.languages = ["ru"]
    text = InlineText()
    text.add("«")
    text.add("Қан мен тер", lang="kk")
    text.add("» — роман 1 тома.")
    builder.add(PARAGRAPH, text, lang="ru")
    document = builder.build()
    block = document.chapters[0].blocks[0]
    block.sentences = sentences.split(block.text, block.lang)
    script = speech_script(document)
    assert [(u.voice, u.text, u.spoken) for u in script] == [
        ("kk", "«Қан мен тер", "«Қан мен тер"),
        ("ru", "» — роман 1 тома.", "» — роман одного тома."),
    ]
