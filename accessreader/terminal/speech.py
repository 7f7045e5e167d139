"""Speech beside braille: a thread that reads from the reading position on, never holding braille up.

    reader ──follow(locator)──▶ Speaker thread ──utterance by utterance──▶ sink
                                   (each in its own language's voice)     ├─ SoundSink: the speech engine through sounddevice
                                                                          └─ FileSink: a transcript file, paced like speech

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

from ..model import Document, Locator
from ..tts.engines import DEFAULT_RATE
from ..tts.playback import Sink as PlaybackSink
from ..tts.playback import SoundDeviceSink, Speech, clamp_rate
from ..tts.script import Utterance

#: Words per minute a faster/slower key moves the rate by (within the engine's bounds).
STEP = 25


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

    ``make_sink(sample_rate)`` gives the output (``tts.playback.SoundDeviceSink`` by
    default; a ``WaveSink`` records what would be heard).
    """

    def __init__(self, make_sink: Callable[[int], PlaybackSink] = SoundDeviceSink) -> None:
        self.speech = Speech()
        self.output = make_sink(self.speech.sample_rate)

    def speak(self, text: str, voice: str, rate: int, where: str, stop: threading.Event) -> None:
        self.speech.say(text, voice, self.output, lambda: not stop.is_set(), rate)

    def close(self) -> None:
        self.output.close()


class Speaker:
    """Reads ``utterances`` aloud through ``sink`` from wherever ``follow`` puts it."""

    def __init__(self, document: Document, utterances: list[Utterance], sink) -> None:
        self.sink = sink
        self.enabled = True
        self.rate = DEFAULT_RATE
        self.load(document, utterances)
        self._orders: queue.Queue = queue.Queue()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="speech", daemon=True)
        self._thread.start()

    def load(self, document: Document, utterances: list[Utterance]) -> None:
        """Read another book from now on (the reader opened another title)."""
        order = {block.id: index for index, (_, block) in enumerate(document.blocks())}
        self._keys = [(order[u.locator.block], u.start) for u in utterances]
        self._order = order
        self._utterances = utterances

    def follow(self, locator: Locator) -> None:
        """Read on from ``locator`` (from the start of the utterance holding it)."""
        if self.enabled and locator.block in self._order:
            key = (self._order[locator.block], locator.offset)
            self._send(("read", max(bisect_right(self._keys, key) - 1, 0), self._utterances))

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

    def change_rate(self, step: int) -> int:
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
                for utterance in order[2][order[1] :]:
                    if self._stop.is_set():
                        break
                    where = str(
                        Locator(
                            utterance.locator.chapter,
                            utterance.locator.block,
                            utterance.locator.sentence,
                            utterance.start,
                        )
                    )
                    self.sink.speak(utterance.spoken, utterance.voice, self.rate, where, self._stop)
            order = self._orders.get()
