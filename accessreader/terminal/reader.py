"""The braille terminal reader: keys in, the book's braille out, speech alongside, position kept.

    Display (BrlAPI), PC keyboard ──key──▶ keys.action ──▶ Reader.handle ──▶ View move / search / help / message
          ▲                                           │
          └──────────── show(cells) ◀─────────────────┤──▶ Speaker.follow(locator)   (own thread)
                                                      └──▶ positions.save          (every move)

A book is shown as soon as the blocks around the reader's place are brailled;
the rest is read in a thread (``loading.py``) and taken between keys, so no key
waits for the whole book.  Braille is written before anything else is done for a
key, and speech runs in its own thread, so the display never waits for speech.  When brltty goes away
the reader says so (by speech), tries again every half second, and shows the
same place once it is back; the size may change (another display).
"""

from __future__ import annotations

import select
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..braille.tables import Code
from ..braille.translate import translate_document, translate_phrase
from ..errors import AccessReaderError
from ..messages import translate
from ..model import Block, Chapter, Document, Locator, Metadata
from ..tts.engines import Voice
from .bookmarks import BookmarkFile
from .buffer import BrailleBook, View
from .display import Display, DisplayLost
from .keys import Action, action
from .loading import Loader, Snapshot, Source, WholeDocument
from .pc_keyboard import PcKeyboard
from .speech import FileSink, SoundSink, Speaker

if TYPE_CHECKING:
    from ..service.positions import PositionStore

RECONNECT_SECONDS = 0.5
#: At most this long a jump to a chapter not read yet (a bookmark) waits for it.
REACH_SECONDS = 10.0
HELP_KEYS = (
    "help_pan", "help_line", "help_paragraph", "help_heading", "help_chapter", "help_page", "help_ends",
    "help_route", "help_speech", "help_rate", "help_bookmarks", "help_search", "help_open", "help_where", "help_leave",
)  # fmt: skip


@dataclass
class Session:
    """Who reads what: the reader's id, the interface language, the braille code, where positions and bookmarks are kept."""

    reader: str
    lang: str
    code: Code = field(default_factory=Code)
    positions: PositionStore | None = None
    bookmarks: BookmarkFile | None = None


class Reader:
    """One book (a ``loading.Source``, or a Document read whole) on one display; ``run`` until ``stop``
    (or the quit key).  ``find_title`` gives the catalog's best match for a search, for the open key."""

    def __init__(
        self,
        book: Source | Document,
        display: Display,
        session: Session,
        speaker: Speaker | None = None,
        keyboard: PcKeyboard | None = None,
        find_title: Callable[[str], Source | None] | None = None,
    ) -> None:
        self.display = display
        self.session = session
        self.speaker = speaker
        self.keyboard = keyboard
        self.find_title = find_title
        self.view: View | None = None
        self.help: View | None = None
        self.message: str | None = None
        self.query: str | None = None
        self.query_for = "search"  # what the typed text is for: "search" in the book, "open" a title
        self.last_query = ""
        self._stopping = threading.Event()
        self.loader: Loader | None = None
        self._load(book)

    def _load(self, source: Source | Document) -> None:
        """Make ``source`` the book read, at the reader's saved place in it: shown once the
        first part is brailled, the rest read behind it (``loading.Loader``)."""
        if isinstance(source, Document):
            source = WholeDocument(source)
        if self.loader is not None:
            self.loader.stop(wait=False)
        self.book_key = source.key
        session = self.session
        saved = session.positions.load(session.reader, self.book_key) if session.positions else None
        self.position: Locator | None = saved.locator if saved else None
        self.bookmarks = session.bookmarks.load(session.reader, self.book_key) if session.bookmarks else []
        self.loader = Loader(source, session.code, self.position, speech=self.speaker is not None, after_show=True)
        self._take(self.loader.first())
        if self.view is not None:
            self.view = View(self.book, self.view.width)
            if self.position is not None:
                self.view.go(self.position)
        self._told_error = False
        self.loader.start()

    def _reach(self, place: Locator) -> bool:
        """Whether ``place`` is in the book, its chapter read first (and waited for) when it is not in yet."""
        if place.block in self.book.block_index:
            return True
        if 0 <= place.chapter < len(self.document.chapters) and self.loader.reach(place.chapter, REACH_SECONDS):
            self._catch_up()
        return place.block in self.book.block_index

    def _take(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.document = snapshot.document
        self.book = snapshot.book
        if self.speaker:
            self.speaker.load(snapshot.document, snapshot.utterances)

    def _catch_up(self) -> None:
        """Take the loader's newest snapshot, the window staying where it is; tell a failure once."""
        newest = self.loader.newest()
        if newest is not None and newest is not self.snapshot:
            place = self.view.locator() if self.view else None
            before = self.view.cells() if self.view else None
            self._take(newest)
            if self.view is not None:
                self.view = View(self.book, self.view.width)
                if place is not None:
                    self.view.go(place)
                if self.view.cells() != before and self.help is None and self.query is None and self.message is None:
                    self.show()
        if self.loader.error is not None and not self._told_error:
            self._told_error = True
            error = self.loader.error
            text = error.message(self.session.lang) if isinstance(error, AccessReaderError) else str(error)
            self.message = self._braille(text)
            self.show()

    # the loop ------------------------------------------------------------------
    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                if not self.display.connected:
                    self._connect()
                self._wait_for_keys()
            except DisplayLost:
                self._lost()

    def _wait_for_keys(self) -> None:
        """Handle the keys that come within a tenth of a second, from the display and the PC keyboard;
        then show what speech has to tell (off for want of a sound device, back on) and
        take in more of the book when more is read."""
        self._catch_up()
        self._tell_speech_news()
        sources = [self.display.fileno()] + ([self.keyboard.fileno()] if self.keyboard else [])
        ready, _, _ = select.select(sources, [], [], 0.1)
        if self.keyboard and self.keyboard.fileno() in ready:
            codes = self.keyboard.read()
            if not codes:  # the keyboard's input ended
                self.keyboard = None
            for code in codes:
                self.press(code)
        if sources[0] in ready:
            code = self.display.key(0)
            while code is not None:
                self.press(code)
                code = self.display.key(0)

    def stop(self) -> None:
        self._stopping.set()
        if self.loader is not None:
            self.loader.stop(wait=False)

    def _tell_speech_news(self) -> None:
        news = self.speaker.news() if self.speaker else None
        if news:
            self.message = self._braille(translate(news, self.session.lang))
            self.show()

    def press(self, code: int) -> None:
        """Handle one BrlAPI key code (on the most of the book read so far): show the result first,
        then speech and saving."""
        self._catch_up()
        found = action(code, self._typing_language() if self.query is not None else None)
        if found is not None:
            self.handle(found)

    def handle(self, act: Action) -> None:
        self.message = None
        before = self.view.locator() if self.view else None
        spoken = self._do(act)
        self.show()
        if self.view and self.help is None and self.query is None:
            after = self.view.locator()
            if after != before:
                self._save(after)
                if self.speaker and spoken is None:
                    self.speaker.follow(after)
        if self.speaker and spoken:
            self.speaker.say(*spoken)

    def show(self) -> None:
        if self.message is not None:
            text = self.message
        elif self.query is not None:
            prompt = "terminal_search_prompt" if self.query_for == "search" else "terminal_open_prompt"
            text = self._braille(translate(prompt, self.session.lang) + " " + self.query)
        else:
            text = (self.help or self.view).cells()
        self.display.show(text)
        self.loader.shown()

    # connection --------------------------------------------------------------
    def _connect(self) -> None:
        width = self.display.connect()
        if self.view is None or self.view.width != width:
            place = self.view.locator() if self.view else self.position
            self.view = View(self.book, width)
            if place is not None:
                self.view.go(place)
            if self.help is not None:
                self.help = self._help_view()
        self.show()
        if self.speaker:
            self.speaker.follow(self.view.locator())

    def _lost(self) -> None:
        if self.speaker:
            self.speaker.say(translate("terminal_lost", self.session.lang), self.session.lang)
        while not self._stopping.is_set():
            try:
                self._connect()
                return
            except DisplayLost:
                self._stopping.wait(RECONNECT_SECONDS)

    # actions -----------------------------------------------------------------
    def _do(self, act: Action) -> tuple[str, str] | None:
        """Carry out ``act``; what to say instead of reading on, if anything."""
        lang = self.session.lang
        if self.query is not None:
            return self._typing(act)
        if self.help is not None:
            if act.name in ("help", "escape", "enter", "quit"):
                self.help = None
                return None
            self._move(self.help, act)
            return None
        view = self.view
        name = act.name
        if self._move(view, act):
            return None
        if name == "route":
            where = view.route(int(act.arg))
            if where is None:
                return None
            word, voice = self._word_at(where)
            view.go(where)
            return (word, voice) if word else None
        if name == "where":
            text = self._where()
            self.message = self._braille(text)
            return text, lang
        if name == "help":
            self.help = self._help_view()
            return "\n".join(translate(key, lang) for key in HELP_KEYS), lang
        if name == "speech" and self.speaker:
            on = self.speaker.toggle()
            self.message = self._braille(translate("terminal_speech_on" if on else "terminal_speech_off", lang))
            return (translate("terminal_speech_on", lang), lang) if on else None
        if name in ("faster", "slower") and self.speaker:
            rate = self.speaker.change_rate(1 if name == "faster" else -1)
            return translate("terminal_rate", lang, rate=rate), lang
        if name == "bookmark_set":
            self.bookmarks = [view.locator()] + [b for b in self.bookmarks if b != view.locator()]
            if self.session.bookmarks:
                self.session.bookmarks.save(self.session.reader, self.book_key, self.bookmarks)
            self.message = self._braille(translate("terminal_bookmark_set", lang))
            return translate("terminal_bookmark_set", lang), lang
        if name == "bookmark_go":
            if self.bookmarks and self._reach(self.bookmarks[0]) and self.view.go(self.bookmarks[0]):
                return None
            self.message = self._braille(translate("terminal_no_bookmark", lang))
            return translate("terminal_no_bookmark", lang), lang
        if name in ("search", "open") and (name == "search" or self.find_title):
            self.query, self.query_for = "", name
            prompt = translate("terminal_search_prompt" if name == "search" else "terminal_open_prompt", lang)
            return prompt, lang
        if name == "search_next":
            return self._search(self.last_query) if self.last_query else None
        if name == "quit":
            self.stop()
        return None

    def _move(self, view: View, act: Action) -> bool:
        """Carry out a move; False when ``act`` is not a move."""
        name = act.name
        simple = {
            "pan_right": view.pan_right, "pan_left": view.pan_left, "line_down": view.line_down,
            "line_up": view.line_up, "top": view.top, "bottom": view.bottom,
        }  # fmt: skip
        if name in simple:
            simple[name]()
            return True
        kind, _, direction = name.rpartition("_")
        if kind in ("paragraph", "heading", "chapter", "page") and direction in ("next", "previous"):
            getattr(view, kind)(1 if direction == "next" else -1)
            return True
        return False

    def _typing(self, act: Action) -> tuple[str, str] | None:
        if act.name == "type":
            self.query += str(act.arg)
            return str(act.arg), self._typing_language()
        if act.name == "backspace":
            self.query = self.query[:-1]
            return None
        if act.name == "escape":
            self.query = None
            return None
        if act.name == "enter":
            query, self.query = self.query.strip(), None
            if not query:
                return None
            if self.query_for == "open":
                return self._open(query)
            self.last_query = query
            return self._search(query)
        return None

    def _search(self, query: str) -> tuple[str, str] | None:
        """Move to the next place (after the window's start, wrapping round) whose text holds ``query``."""
        lang = self.session.lang
        here = self.view.locator()
        blocks = self.book.blocks
        start = self.book.block_index[here.block]
        needle = query.casefold()
        for step in range(len(blocks) + 1):
            index = (start + step) % len(blocks)
            text = blocks[index].text.casefold()
            found = text.find(needle, here.offset + 1 if step == 0 else 0)
            if found >= 0:
                self.view.go(self.book.locator(index, found))
                return None
        self.message = self._braille(translate("terminal_not_found", lang, query=query))
        return translate("terminal_not_found", lang, query=query), lang

    def _open(self, query: str) -> tuple[str, str] | None:
        """Open the catalog's best match for ``query`` at the reader's place in it."""
        lang = self.session.lang
        source = self.find_title(query)
        if source is None:
            self.message = self._braille(translate("terminal_not_found", lang, query=query))
            return translate("terminal_not_found", lang, query=query), lang
        self._load(source)
        return None

    # helpers -----------------------------------------------------------------
    def _typing_language(self) -> str:
        """Searches are typed in the language of the block being read (kk, ru or en)."""
        lang = self.book.blocks[self.view.block()].lang
        return lang if lang in ("kk", "ru", "en") else self.session.lang

    def _word_at(self, where: Locator) -> tuple[str, str]:
        block = self.book.blocks[self.book.block_index[where.block]]
        text = block.text
        start = where.offset
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = where.offset
        while end < len(text) and not text[end].isspace():
            end += 1
        voice = block.lang_at(where.offset)
        return text[start:end].strip(), voice if voice in ("kk", "ru", "en") else self.session.lang

    def _where(self) -> str:
        block = self.view.block()
        chapter = self.document.chapters[self.book.chapter_of[block]].title
        return translate(
            "terminal_where",
            self.session.lang,
            title=self.document.metadata.title,
            chapter=chapter,
            page=self.book.page_at(block) or "-",
            percent=self.view.percent(),
        )

    def _braille(self, text: str) -> str:
        return translate_phrase(text, self.session.lang, self.session.code)

    def _help_view(self) -> View:
        lang = self.session.lang
        blocks = [
            Block(id=f"c0b{index}", kind="paragraph", text=translate(key, lang), lang=lang)
            for index, key in enumerate(HELP_KEYS)
        ]
        document = Document(Metadata(title="help", languages=[lang]), [Chapter("help", blocks)])
        return View(BrailleBook(document, translate_document(document, self.session.code)), self.view.width)

    def _save(self, position: Locator) -> None:
        self.position = position
        if self.session.positions:
            self.session.positions.save(self.session.reader, self.book_key, position)


def run_until_stopped(reader: Reader) -> threading.Thread:
    """Start ``reader.run`` in a thread (for tests and benchmarks); stop it with ``reader.stop()``."""
    thread = threading.Thread(target=reader.run, name="reader", daemon=True)
    thread.start()
    return thread


def open_session(reader_id: str, lang: str, code: Code, data_dir: Path) -> Session:
    """``reader_id``'s session: positions the service's when one is configured in ``data_dir``
    (else a file there), bookmarks a file there."""
    from ..service.positions import open_positions  # the service's database code, when it is configured

    return Session(reader_id, lang, code, open_positions(data_dir), BookmarkFile(data_dir / "bookmarks.json"))


def read_on_display(
    book: Source | Document,
    session: Session,
    host: str | None = None,
    speech: bool = True,
    speech_file: Path | None = None,
    find_title: Callable[[str], Source | None] | None = None,
    voices: dict[str, Voice] | None = None,
) -> None:
    """Read ``book`` in ``session`` on the brltty display at ``host`` until the quit key or Ctrl-C.

    Speech goes to the sound card in ``voices`` (espeak-ng's by default: the quickest first
    sound), or to ``speech_file`` as a transcript.  Display, keyboard and speech are closed at the end.
    """
    speaker = None
    if speech or speech_file:
        sink = FileSink(speech_file) if speech_file else SoundSink(voices=voices)
        speaker = Speaker(Document(), [], sink)  # the reader gives it the book as it is read
    keyboard = PcKeyboard(sys.stdin.fileno()) if sys.stdin.isatty() else None
    reader = Reader(book, Display(host), session, speaker, keyboard, find_title)
    try:
        reader.run()
    except KeyboardInterrupt:
        pass
    finally:
        reader.stop()
        if keyboard:
            keyboard.close()
        reader.display.close()
        if speaker:
            speaker.close()
