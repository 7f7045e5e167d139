"""The braille terminal reader against a real brltty (Virtual driver): what the display shows after each key.

Speech goes to a transcript file (``--speech-file``), positions to a file in the test's folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from accessreader import content, language
from accessreader.braille.keyboard import kazakh_keyboard
from accessreader.content.safety import DEFAULT_LIMITS
from accessreader.messages import translate
from accessreader.service.catalog import Catalog
from accessreader.service.positions import FilePositions
from accessreader.service.store import open_store
from accessreader.terminal.bookmarks import BookmarkFile
from accessreader.terminal.display import Display
from accessreader.terminal.files import BookFile
from accessreader.terminal.pc_keyboard import PcKeyboard
from accessreader.terminal.reader import Reader, Session, run_until_stopped
from accessreader.terminal.speech import FileSink, Speaker
from accessreader.tts.script import speech_script
from tests.brltty_harness import Brltty, VirtualDisplay
from tests.terminal_book import HTML, book, braille

CELLS = 20
SAMPLES = Path(__file__).parent.parent / "samples"
TITLE = braille("Бірінші тарау")


@pytest.fixture(scope="module")
def daemon(tmp_path_factory):
    brltty = Brltty(tmp_path_factory.mktemp("brltty"))
    brltty.start()
    display = VirtualDisplay(brltty, CELLS)
    display.connect()
    yield brltty, display
    display.close()
    brltty.stop()


class Running:
    """A reader on the test display, in a thread, speaking into a file."""

    def __init__(self, daemon, folder: Path, reader_id: str = "r1", keyboard: PcKeyboard | None = None) -> None:
        self.brltty, self.display = daemon
        self.speech = folder / "speech.txt"
        document = book()
        self.speaker = Speaker(document, speech_script(document), FileSink(self.speech))
        session = Session(
            reader_id,
            "kk",
            positions=FilePositions(folder / "positions.json"),
            bookmarks=BookmarkFile(folder / "bookmarks.json"),
        )
        self.reader = Reader(document, Display(self.brltty.host), session, self.speaker, keyboard)
        self.thread = run_until_stopped(self.reader)

    def key(self, command: str, wanted=None) -> str:
        return self.display.key(command, wanted)

    def spoken(self) -> list[list[str]]:
        return [line.split("\t") for line in self.speech.read_text(encoding="utf-8").splitlines()]

    def stop(self) -> None:
        self.reader.stop()
        self.thread.join(5)
        self.reader.display.close()
        self.speaker.close()


@pytest.fixture
def running(daemon, tmp_path):
    started = Running(daemon, tmp_path)
    # The display may still show the title from the test before: wait for this reader's own
    # connection first, or a key pressed at once goes to nobody.
    wait_until(lambda: started.reader.display.connected)
    started.display.wait_for(TITLE)
    yield started
    started.stop()


def chord(bits: str) -> str:
    return f"PassDots {sum(1 << (int(d) - 1) for d in bits)}"


def wait_until(test, timeout: float = 5.0):
    deadline = time.monotonic() + timeout
    while not test():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_panning_and_line_moves(running):
    assert running.key("FWINRT") == braille("5")
    first = running.key("FWINRT")
    assert braille("Қарашаның суық күні. Абай").startswith(first) and len(first) <= CELLS
    second = running.key("FWINRT")
    assert braille("Қарашаның суық күні. Абай үйге қайтып").startswith(first + "\u2800" + second)
    assert running.key("FWINLT") == first
    assert running.key("LnDn") == braille("Ол ауылға жақындады.")
    assert running.key("LnUp") == first
    assert running.key("TOP") == TITLE
    assert running.key("BOT") == braille("Соңғы абзац.")


def test_heading_chapter_and_page_keys(running):
    assert running.key("NxPrompt") == braille("Екінші бөлім")  # brltty's next-prompt key
    assert running.key(chord("125")) == braille("Екінші тарау")  # h on the braille keyboard
    assert running.key(chord("1257")) == braille("Екінші бөлім")  # dot 7: previous heading
    assert running.key(chord("14")) == braille("Екінші тарау")  # c: next chapter
    assert running.key("PassChar 67") == TITLE  # C on the PC keyboard: previous chapter
    assert running.key("PassChar 112") == braille("5")  # p: next print page
    assert running.key("PassChar 112") == braille("6")


def test_routing_key_speaks_the_word_and_reading_goes_on_from_it(running):
    running.key("FWINRT")
    running.key("FWINRT")
    cell = len(braille("Қарашаның суық")) + 1  # the first cell of «күні.»
    running.display.press(f"Route {cell}")  # the vr driver counts routing keys from 0
    wait_until(lambda: any(line[3] == "күні." for line in running.spoken()))
    said = next(line for line in running.spoken() if line[3] == "күні.")
    assert said[1] == "kk"


def test_search_typed_in_kazakh_on_the_braille_keyboard(running):
    prompt = running.key(chord("124"))  # f: search
    assert prompt == braille(translate("terminal_search_prompt", "kk"))
    type_search(running, "жақын")
    assert running.key("Return") == braille("Ол ауылға жақындады.")
    running.key(chord("124"))
    type_search(running, "домой")  # Russian letters are typed with the same Kazakh chords
    assert running.key("Return") == braille("дороге домой.", "ru")  # the window holding the word found


def type_search(running: Running, word: str) -> None:
    """Type ``word`` on the braille keyboard, checking the display echoes each letter."""
    prompt = translate("terminal_search_prompt", "kk")
    for end in range(1, len(word) + 1):
        cell = kazakh_keyboard().chord(word[end - 1])
        running.key(f"PassDots {ord(cell) - 0x2800}", braille(f"{prompt} {word[:end]}"))


def test_speech_follows_the_position_in_each_language_voice(running):
    wait_until(lambda: running.speech.exists() and running.speech.stat().st_size > 0)
    assert running.spoken()[0][:2] == ["0:c0b0:0:0", "kk"]
    size = running.speech.stat().st_size
    running.key(chord("125"))  # next heading
    running.key("LnDn")  # page 6
    running.key("LnDn")  # the Russian paragraph
    wait_until(lambda: running.spoken()[-1][0].startswith("0:c0b6"))
    assert running.speech.stat().st_size > size
    assert running.spoken()[-1][1] == "ru" and running.spoken()[-1][3].startswith("Русский абзац")


def test_where_am_i_and_help_in_the_interface_language(running):
    running.key("LnDn")
    shown = running.key("PassChar 119")  # w
    where = translate("terminal_where", "kk", title="Абай жолы", chapter="Бірінші тарау", page="5", percent=12)
    assert shown == braille(where)[:CELLS].rstrip("\u2800")
    assert running.key("LnDn") == braille("Қарашаның суық күні.")  # any key puts the book back, and moves
    help_first = running.key("Help")
    assert braille(translate("help_pan", "kk")).startswith(help_first)
    assert running.key("LnDn") == braille(translate("help_line", "kk"))[: len(running.display.shown())]
    assert running.key("Help") == braille("Қарашаның суық күні.")


def test_position_and_bookmark_are_kept_for_the_next_session(daemon, tmp_path):
    first = Running(daemon, tmp_path)
    first.display.wait_for(TITLE)
    first.key(chord("125"))
    first.key(chord("134"))  # m: bookmark on «Екінші бөлім»
    first.display.wait_for(braille(translate("terminal_bookmark_set", "kk")))
    first.key("BOT")
    first.stop()
    second = Running(daemon, tmp_path)
    try:
        second.display.wait_for(braille("Соңғы абзац."))
        assert second.key(chord("12")) == braille("Екінші бөлім")  # b: go to the bookmark
    finally:
        second.stop()
    other = Running(daemon, tmp_path, reader_id="r2")  # another reader starts at the beginning
    try:
        other.display.wait_for(TITLE)
    finally:
        other.stop()


def test_reconnects_after_brltty_restarts_without_losing_the_place(daemon, running):
    brltty, display = daemon
    running.key("NxPrompt")
    shown = running.key("LnDn")
    brltty.stop()
    display.close()
    brltty.start()
    display.connect()
    display.wait_for(shown, timeout=10)
    lost = translate("terminal_lost", "kk")  # said by the speech thread, which may come a moment later
    wait_until(lambda: any(line[3:4] == [lost] for line in running.spoken()))
    assert running.key("LnDn") == braille("Русский абзац о", "ru")


def test_pc_keyboard_moves_and_types_a_search(daemon, tmp_path):
    read_end, write_end = os.pipe()
    started = Running(daemon, tmp_path, keyboard=PcKeyboard(read_end))
    display = started.display
    try:
        display.wait_for(TITLE)
        os.write(write_end, b"h")
        display.wait_for(braille("Екінші бөлім"))
        os.write(write_end, b"\x1b[A")  # arrow up: the line before, print page 5's paragraph
        display.wait_for(braille("Ол ауылға жақындады."))
        os.write(write_end, "fсоңғы\r".encode())  # a search typed on the PC keyboard
        display.wait_for(braille("Соңғы абзац."))
    finally:
        started.stop()
        os.close(write_end)
        os.close(read_end)


def test_the_read_command_runs_until_q(daemon, tmp_path):
    brltty, display = daemon
    source = tmp_path / "abai.html"
    source.write_text(HTML, encoding="utf-8")
    speech = tmp_path / "speech.txt"
    command = [sys.executable, "-m", "accessreader", "--lang", "kk", "read", str(source), "--host", brltty.host,
               "--speech-file", str(speech), "--data-dir", str(tmp_path / "data"), "--reader", "cli"]  # fmt: skip
    process = subprocess.Popen(command, cwd=Path(__file__).parent.parent, stderr=subprocess.PIPE)
    try:
        display.wait_for(TITLE, timeout=20)
        wait_until(lambda: speech.exists() and speech.stat().st_size > 0)  # speech comes just after the braille
        assert display.key("LnDn") == braille("5")
        display.press("PassChar 113")  # q
        assert process.wait(10) == 0
    finally:
        process.kill()
    assert speech.read_text(encoding="utf-8").startswith("0:c0b0:0:0\tkk\t")
    assert "cli" in (tmp_path / "data" / "positions.json").read_text(encoding="utf-8")


ENGLISH = """<html lang="en"><head><title>Moby Dick</title></head><body>
<h1>Loomings</h1><p>Call me Ishmael. Some years ago I went to sea.</p></body></html>"""


def test_titles_are_found_in_the_catalog_and_another_opened_by_search(daemon, tmp_path):
    brltty, display = daemon
    data = tmp_path / "data"
    catalog = Catalog(open_store(data_dir=data))
    for html, name in ((HTML, "abai.html"), (ENGLISH, "moby.html")):
        added = catalog.add_source(html.encode(), name)
        catalog.attach_document(added.title.id, content.read(html.encode(), name))
        # read "TITLE" reads the stored Document a chapter at a time: the whole file is never needed
        catalog.documents.whole_path(added.title.id).unlink()
    catalog.store.engine.dispose()
    command = [sys.executable, "-m", "accessreader", "--lang", "en", "read", "абай", "--host", brltty.host,
               "--no-speech", "--data-dir", str(data), "--reader", "cli"]  # fmt: skip
    process = subprocess.Popen(command, cwd=Path(__file__).parent.parent, stderr=subprocess.PIPE)
    try:
        display.wait_for(TITLE, timeout=20)
        assert display.key("PassChar 111") == braille(translate("terminal_open_prompt", "en"), "en")  # o
        for letter in "moby":
            display.press(f"PassChar {ord(letter)}")
        display.wait_for(braille(translate("terminal_open_prompt", "en") + " moby", "en"))
        assert display.key("Return") == braille("Loomings", "en")
        display.press("PassChar 113")  # q
        assert process.wait(10) == 0
    finally:
        process.kill()


def test_the_read_command_refuses_a_missing_file_in_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "accessreader", "--lang", "en", "read", str(tmp_path / "none.epub"), "--no-speech"],
        cwd=Path(__file__).parent.parent, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "none.epub" in result.stderr


def test_without_a_sound_device_the_read_command_reads_in_braille_and_speech_starts_when_one_appears(daemon, tmp_path):
    """PortAudio itself finds no device (ALSA's own configuration, plus a file of ours that is empty at first);
    then the file defines a (null) default device, as if one were plugged in."""
    brltty, display = daemon
    extra = tmp_path / "alsa-extra.conf"
    extra.write_text("", encoding="utf-8")
    environment = {**os.environ, "ALSA_CONFIG_PATH": f"/usr/share/alsa/alsa.conf:{extra}"}
    probe = "import sounddevice; sounddevice.RawOutputStream(samplerate=22050, channels=1, dtype='int16')"
    if subprocess.run([sys.executable, "-c", probe], env=environment, capture_output=True).returncode == 0:
        pytest.skip("this machine has a sound device: PortAudio cannot be shown one missing here")
    source = tmp_path / "abai.html"
    source.write_text(HTML, encoding="utf-8")
    command = [sys.executable, "-m", "accessreader", "--lang", "kk", "read", str(source), "--host", brltty.host,
               "--data-dir", str(tmp_path / "data"), "--reader", "nosound"]  # fmt: skip
    process = subprocess.Popen(command, cwd=Path(__file__).parent.parent, env=environment, stderr=subprocess.PIPE)
    off = braille(translate("terminal_speech_no_device", "kk"))[:CELLS].rstrip("\u2800")
    try:
        display.wait_for(off, timeout=20)  # said once, on the display
        assert display.key("LnDn") == braille("5")  # and the book reads in braille
        assert display.key("LnUp") == TITLE
        extra.write_text("pcm.!default { type null }\n", encoding="utf-8")  # a device appears
        found = braille(translate("terminal_speech_device_found", "kk"))[:CELLS].rstrip("\u2800")
        display.wait_for(found, timeout=15)
        assert display.key("LnDn") == braille("5")
        display.press("PassChar 113")  # q
        assert process.wait(10) == 0
    finally:
        process.kill()
    errors = process.stderr.read().decode()
    assert "Traceback" not in errors and "not installed" not in errors


class HeldBack(BookFile):
    """A book file read as ``accessreader read FILE`` reads it, every chapter after the first held
    back until ``gate`` is set: the rest of the book is still loading for as long as the test likes."""

    def __init__(self, path: Path) -> None:
        super().__init__(path.read_bytes(), path.name, DEFAULT_LIMITS)
        self.gate = threading.Event()

    def chapter(self, index: int):
        if index > 0:
            self.gate.wait(30)
        return super().chapter(index)


def test_the_first_chapter_shows_and_moves_while_the_rest_is_still_loading(daemon, tmp_path):
    brltty, display = daemon
    source = HeldBack(SAMPLES / "dala-kk.epub")
    session = Session("r1", "kk", positions=FilePositions(tmp_path / "positions.json"))
    reader = Reader(source, Display(brltty.host), session)
    thread = run_until_stopped(reader)
    try:
        display.wait_for(braille("1"), timeout=10)  # the first print page number, in the first chapter
        heading = display.key("LnDn")
        assert braille("Бірінші тарау. Көктемгі дала").startswith(heading)
        assert display.key("LnDn").startswith(braille("Көктем келгенде")[:CELLS])
        assert display.key("LnUp") == heading
        assert not reader.loader.newest().complete  # all that while the second chapter was not read
        display.press(chord("14"))  # c: no next chapter yet, and nothing waits for it
        assert display.key("TOP") == braille("1")
        source.gate.set()
        assert reader.loader.wait(30)
        assert display.key(chord("14")) == braille("3")  # the second chapter, once read: its print page 3
        assert braille("Екінші тарау. Дала мен өлең").startswith(display.key(chord("125")))  # h: its heading
    finally:
        source.gate.set()
        reader.stop()
        thread.join(5)
        reader.display.close()


MIXED = """<html lang="kk"><head><title>Екі тіл</title></head><body>
<h1>Бірінші тарау</h1>
<p>Ол (1845) ұлы ақын болды.</p>
<p>Пушкин писал стихи (много)</p>
<h1>Екінші тарау</h1><p>Соңғы абзац.</p>
</body></html>"""


class LinguaHeldBack(BookFile):
    """A book file whose languages, past the first screen's, are decided only once ``gate`` is set: what
    the reader shows until then is what the script and word votes decided without lingua."""

    def __init__(self, path: Path) -> None:
        super().__init__(path.read_bytes(), path.name, DEFAULT_LIMITS)
        self.gate = threading.Event()

    def finish(self, blocks, workers):
        self.gate.wait(30)
        super().finish(blocks, workers)


def test_the_first_window_is_kazakh_braille_before_lingua_and_its_correction_keeps_the_place(
    daemon, tmp_path, monkeypatch
):
    brltty, display = daemon
    monkeypatch.setattr(language, "_loaded", set())  # as in a new process: lingua's models not loaded yet
    path = tmp_path / "mixed.html"
    path.write_text(MIXED, encoding="utf-8")
    source = LinguaHeldBack(path)
    session = Session("r1", "kk", positions=FilePositions(tmp_path / "positions.json"))
    asked = lambda: sum(language._lingua_log_odds.cache_info()[:2])  # noqa: E731  (texts lingua was asked about)
    before = asked()
    reader = Reader(source, Display(brltty.host), session)  # the first window: read, languages, braille
    assert asked() == before  # without lingua
    thread = run_until_stopped(reader)
    try:
        display.wait_for(TITLE, timeout=10)
        kazakh = braille("Ол (1845) ұлы ақын болды.")  # Kazakh braille: its brackets ⠶ … ⠶, its letters ұ, қ
        line = display.key("LnDn")
        assert kazakh.startswith(line) and "\u2836\u283c\u2801\u2813\u2819\u2811\u2836" in line
        assert not reader.loader.newest().complete
        source.gate.set()  # lingua decides the Russian paragraph the votes left open
        assert reader.loader.wait(60)
        wait_until(lambda: reader.snapshot is reader.loader.newest())
        assert display.shown() == line  # the reader is where it was
        while not display.shown().startswith(braille("Пушкин")):
            display.key("LnDn")
        assert display.key("FWINRT").endswith(braille("(много)", "ru"))  # Russian braille's brackets ⠣ … ⠜
        read_whole = content.read(MIXED.encode(), path.name)  # languages, spans, sentences: as the book read whole
        assert reader.document.to_dict()["chapters"] == read_whole.to_dict()["chapters"]
    finally:
        source.gate.set()
        reader.stop()
        thread.join(5)
        reader.display.close()
