"""Speech beside braille: a thread that reads from the reading position on, never holding braille up.

    reader ──follow(locator)──▶ Speaker thread ──utterance by utterance──▶ sink
                                   (each in its own language's voice)     ├─ SoundSink: the speech engine through sounddevice
                                                                          └─ FileSink: a transcript file, paced like speech

Without a sound device (or PortAudio) the ``SoundSink`` stays quiet instead of
failing: the reader goes on in braille alone, ``Speaker.news()`` gives once the
message key saying speech is off and why (``terminal_speech_no_device``), and
the speech thread waits at the current utterance, looking again every
``RETRY_SECONDS``; when a device appears it speaks from there and the news is
``terminal_speech_device_found``.

``follow`` and ``say`` return at once; the thread drops what it was saying
and starts on the new text.  The utterances come from ``tts.script`` (one per
language run of a sentence), so a Kazakh title in a Russian paragraph is read
by the Kazakh voice.  The file sink writes one line per utterance
(``locator<TAB>voice<TAB>rate<TAB>spoken``) and waits as long as saying it
would take, so it follows the reader the way a voice does.
"""

from __future__ import annotations

import queue
import threading
from bisect import bisect_right
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import MissingDependency
from ..model import Document, Locator
from ..tts.engines import DEFAULT_RATE, Voice

if TYPE_CHECKING:
    from ..tts.playback import Sink as PlaybackSink
    from ..tts.playback import Speech
    from ..tts.script import Utterance

#: Words per minute a faster/slower key moves the rate by (within the engine's bounds).
STEP = 25
#: Seconds between looks for a sound device while there is none.
RETRY_SECONDS = 2.0


class FileSink:
    """Speech as a transcript file, each line held for the time it would take to say."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text("", encoding="utf-8")

    def speak(self, text: str, voice: str, rate: int, where: str, stop: threading.Event) -> None:
        line = " ".join(text.split())
        with self.path.open("a", encoding="utf-8") as out:
            out.write(f"{where}\t{voice}\t{rate}\t{line}\n")
        stop.wait(len(line) / (rate * 6 / 60))  # about six characters a word


class SoundSink:
    """Speech on the sound card: ``tts.playback.Speech`` (the local player's own) into
    ``sounddevice``, in tenth-of-a-second blocks so a move of the reader cuts it off at once.
    The speech engines and the output are made at the first ``speak`` (in the speech thread,
    after the first braille: their modules take a while to import).

    ``make_sink(sample_rate)`` gives the output (``tts.playback.SoundDeviceSink`` by
    default; a ``WaveSink`` records what would be heard).  When it raises
    ``MissingDependency`` (no sound device, no PortAudio) speech is off: ``missing`` holds
    why, ``news()`` says so once, and ``speak`` waits, looking for a device again every
    ``retry_seconds`` (PortAudio re-scanned), until one appears or it is stopped.
    """

    def __init__(self, make_sink: Callable[[int], PlaybackSink] | None = None,
                 retry_seconds: float = RETRY_SECONDS, voices: dict[str, Voice] | None = None) -> None:  # fmt: skip
        self.speech: Speech | None = None
        self._voices = voices
        self.output: PlaybackSink | None = None
        self.missing: MissingDependency | None = None
        self._make_sink = make_sink
        self._retry = retry_seconds
        self._news: queue.Queue[str] = queue.Queue()
        self._lock = threading.Lock()

    def speak(self, text: str, voice: str, rate: int, where: str, stop: threading.Event) -> None:
        while not self._open():
            if stop.wait(self._retry):
                return
        self.speech.say(text, voice, self.output, lambda: not stop.is_set(), rate)

    def news(self) -> str | None:
        """The message key of a change not told yet: speech off for want of a device, or a device found."""
        try:
            return self._news.get_nowait()
        except queue.Empty:
            return None

    def close(self) -> None:
        with self._lock:
            if self.output is not None:
                self.output.close()
                self.output = None

    def _open(self) -> bool:
        """Is there an output (opened now if not)?  The first failure, and the recovery, are news."""
        from ..tts.playback import SoundDeviceSink, Speech, rescan_sound_devices

        with self._lock:
            if self.output is not None:
                return True
            if self.speech is None:
                self.speech = Speech(voices=self._voices)
            if self.missing is not None:
                rescan_sound_devices()
            try:
                self.output = (self._make_sink or SoundDeviceSink)(self.speech.sample_rate)
            except MissingDependency as error:
                if self.missing is None:
                    self._news.put("terminal_speech_no_device")
                self.missing = error
                return False
            if self.missing is not None:
                self.missing = None
                self._news.put("terminal_speech_device_found")
            return True


class Speaker:
    """Reads ``utterances`` aloud through ``sink`` from wherever ``follow`` puts it."""

    def __init__(self, document: Document, utterances: list[Utterance], sink) -> None:
        self.sink = sink
        self.enabled = True
        self.rate = DEFAULT_RATE
        self._lock = threading.Lock()
        self._waiting: Locator | None = None
        self.load(document, utterances)
        self._orders: queue.Queue = queue.Queue()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="speech", daemon=True)
        self._thread.start()

    def load(self, document: Document, utterances: list[Utterance]) -> None:
        """Read these utterances from now on: more of the same book as it is read (reading goes on
        into them where it was), or another title."""
        order = {block.id: index for index, (_, block) in enumerate(document.blocks())}
        keys = [(order[u.locator.block], u.start) for u in utterances]
        with self._lock:
            self._order, self._keys, self._utterances = order, keys, utterances
            waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self.follow(waiting)

    def follow(self, locator: Locator) -> None:
        """Read on from ``locator`` (from the start of the utterance holding it); when its
        speech is not in yet, from the moment ``load`` brings it."""
        if not self.enabled:
            return
        with self._lock:
            utterance = None
            if locator.block in self._order:
                key = (self._order[locator.block], locator.offset)
                index = max(bisect_right(self._keys, key) - 1, 0)
                utterance = self._utterances[index] if index < len(self._utterances) else None
            self._waiting = locator if utterance is None else None
        if utterance is not None:
            self._send(("read", utterance))

    def say(self, text: str, voice: str) -> None:
        """Say ``text`` now (a word, a message) instead of reading on."""
        if self.enabled and text.strip():
            self._send(("say", text, voice))

    def toggle(self) -> bool:
        """Speech on or off; off stops it at once.  The new state."""
        self.enabled = not self.enabled
        if not self.enabled:
            self._send(("quiet",))
        return self.enabled

    def news(self) -> str | None:
        """What the sink has to tell once (a message key), e.g. that speech is off for want of a device."""
        return self.sink.news() if hasattr(self.sink, "news") else None

    def change_rate(self, step: int) -> int:
        from ..tts.playback import clamp_rate

        self.rate = clamp_rate(self.rate + step * STEP)
        return self.rate

    def close(self) -> None:
        self._send(None)
        self._thread.join(5)
        if hasattr(self.sink, "close"):
            self.sink.close()

    def _send(self, order) -> None:
        self._stop.set()
        self._orders.put(order)

    def _run(self) -> None:
        order = self._orders.get()
        while order is not None:
            while not self._orders.empty():  # only the newest order counts
                order = self._orders.get()
                if order is None:
                    return
            self._stop.clear()
            if order[0] == "say":
                self.sink.speak(order[1], order[2], self.rate, "", self._stop)
            elif order[0] == "read":
                utterance = order[1]
                while utterance is not None and not self._stop.is_set():
                    where = str(
                        Locator(
                            utterance.locator.chapter,
                            utterance.locator.block,
                            utterance.locator.sentence,
                            utterance.start,
                        )
                    )
                    self.sink.speak(utterance.spoken, utterance.voice, self.rate, where, self._stop)
                    utterance = self._after(utterance)
            order = self._orders.get()

    def _after(self, utterance: Utterance) -> Utterance | None:
        """The utterance after ``utterance`` in the newest list (more of the book may have come in), None at its end."""
        with self._lock:
            if utterance.locator.block not in self._order:
                return None
            index = bisect_right(self._keys, (self._order[utterance.locator.block], utterance.start))
            return self._utterances[index] if index < len(self._utterances) else None
