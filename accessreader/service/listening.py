"""Each reader's listening choice: a voice per language, a speech rate, read-along on or off.

    offered()                          {lang: [Offer]}: the voices of this machine, per language
    checked(voices, rate, read_along)  a Choice, or VoiceNotOffered / RateNotOffered
    Listening(store)
      .get(person_id)                  the reader's Choice (the defaults before they chose)
      .save(person_id, choice)         remember it (checked again: nothing unknown is stored)
    Choice.speech_voices()             the voice table live speech uses for this reader
    LiveSentences                      each reader's live stream: its sentences' times as they are spoken

A voice is named ``ENGINE:NAME`` as ``--voice`` takes it (``rhvoice:anna``,
``espeak:ru``); a language the reader left alone keeps the library's live voice
(espeak-ng, whose first sound comes at once).  Only the voices installed here are
offered (RHVoice's licensed ones, Piper voices in the voices folder when its
runtime is installed), and a rate only within ``engines.MIN_RATE``…``MAX_RATE``.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import RateNotOffered, VoiceNotOffered
from ..messages import LANGUAGES
from ..tts.engines import MAX_RATE, MIN_RATE, RHVOICE_LICENCES, Voice, installed_voices, voices_for
from ..tts.synthesis import ENGINE_NAMES
from . import schema
from .store import Store


@dataclass(frozen=True)
class Offer:
    """One voice a listener may choose: its key (``engine:name``), how it is named to them, its licence."""

    key: str
    label: str
    licence: str


@dataclass(frozen=True)
class Choice:
    """What a reader chose; an empty ``voices`` and ``rate=None`` are the library's defaults."""

    voices: dict[str, str] = field(default_factory=dict)  # language → "engine:name"
    rate: int | None = None
    read_along: bool = True

    @property
    def own(self) -> bool:
        """Whether the reader chose a voice or a rate of their own (then their audio is spoken live)."""
        return bool(self.voices) or self.rate is not None

    def speech_voices(self) -> dict[str, Voice]:
        """The voice of each language for this reader's live speech."""
        return voices_for(self.voices, self.rate)

    def named(self) -> str:
        """The voices as listeners are told them: ``kk=espeak-ng kk; ru=RHVoice Anna; en=espeak-ng en-us``."""
        voices = self.speech_voices()
        return "; ".join(f"{lang}={_label(voices[lang].engine or 'espeak', voices[lang].name)}" for lang in LANGUAGES)


def offered() -> dict[str, list[Offer]]:
    """The voices installed here for each interface language (kk, ru, en), espeak-ng's first."""
    piper = importlib.util.find_spec("piper") is not None
    result: dict[str, list[Offer]] = {lang: [] for lang in LANGUAGES}
    for row in installed_voices():
        if row["lang"] in result and (row["engine"] != "piper" or piper):
            key = f"{row['engine']}:{row['name']}"
            result[row["lang"]].append(Offer(key, _label(row["engine"], row["name"]), row["licence"]))
    return result


def checked(voices: dict[str, str], rate: int | str | None, read_along: bool = True) -> Choice:
    """A ``Choice`` from what a reader sent: each voice ``""`` (the default) or one offered for its
    language, ``rate`` empty or a whole number of words per minute within the bounds.

    Raises ``VoiceNotOffered`` or ``RateNotOffered`` (both say what is offered).
    """
    offers = offered()
    chosen: dict[str, str] = {}
    for lang, value in voices.items():
        value = value.strip()
        keys = [offer.key for offer in offers.get(lang, [])]
        if value and value not in keys:
            raise VoiceNotOffered(voice=value[:60], language=lang[:8], choices=", ".join(keys) or "-")
        if value:
            chosen[lang] = value
    return Choice(chosen, _rate(rate), bool(read_along))


def _rate(rate: int | str | None) -> int | None:
    if rate is None or (isinstance(rate, str) and not rate.strip()):
        return None
    try:
        value = int(str(rate).strip())
    except ValueError:
        value = None
    if value is None or not MIN_RATE <= value <= MAX_RATE:
        raise RateNotOffered(value=str(rate)[:20], low=MIN_RATE, high=MAX_RATE)
    return value


class Listening:
    """The readers' choices in the service's database (``listening`` table)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.live = LiveSentences()

    def get(self, person_id: int) -> Choice:
        """The reader's choice; the defaults when they made none (or a voice stored is no longer installed)."""
        table = schema.listening
        with self.store.begin() as connection:
            row = connection.execute(table.select().where(table.c.person_id == person_id)).first()
        if row is None:
            return Choice()
        offers = offered()
        voices = {
            lang: key for lang, key in dict(row.voices).items() if key in {o.key for o in offers.get(lang, [])}
        }  # a voice uninstalled since is the default again, never a failure mid-chapter
        return Choice(voices, row.rate, bool(row.read_along))

    def save(self, person_id: int, choice: Choice) -> Choice:
        """Remember ``choice`` (checked again) as the reader's; returns it."""
        choice = checked(choice.voices, choice.rate, choice.read_along)
        values = {"voices": choice.voices, "rate": choice.rate, "read_along": choice.read_along,
                  "updated_at": schema.now()}  # fmt: skip
        statement = self.store.insert(schema.listening).values(person_id=person_id, **values)
        with self.store.begin() as connection:
            connection.execute(statement.on_conflict_do_update(index_elements=["person_id"], set_=values))
        return choice


def _label(engine: str, name: str) -> str:
    known = RHVOICE_LICENCES.get(name.lower()) if engine == "rhvoice" else None
    return f"{ENGINE_NAMES.get(engine, engine)} {known[0] if known else name}"


#: Live streams whose sentence times are kept (the most recent; one per reader and chapter).
_STREAMS_KEPT = 1000


class LiveSentences:
    """Where each sentence of a reader's live stream of a chapter sits in it, as the stream is spoken.

    A live chapter has no timings made beforehand: the stream tells them here as it
    speaks (``Audiobooks.live(heard=…)``), ahead of what the player has received, and
    the page asks for them to follow along.  Kept in memory for the newest stream of
    each reader and chapter (a player that asks again replaces it).
    """

    def __init__(self) -> None:
        self._streams: dict[tuple[int, int, int], list[tuple[str, float, float]]] = {}
        self._lock = threading.Lock()

    def begin(self, person_id: int, title_id: int, index: int) -> Callable[[str, float, float], None]:
        """A new stream of chapter ``index``: the ``heard`` callback that records its sentences."""
        found: list[tuple[str, float, float]] = []
        with self._lock:
            key = (person_id, title_id, index)
            self._streams.pop(key, None)
            if len(self._streams) >= _STREAMS_KEPT:
                self._streams.pop(next(iter(self._streams)))  # the oldest kept
            self._streams[key] = found
        return lambda sentence, start, end: found.append((sentence, round(start, 3), round(end, 3)))

    def sentences(self, person_id: int, title_id: int, index: int) -> list[tuple[str, float, float]]:
        """The sentences spoken so far in the reader's newest live stream of the chapter (none without one)."""
        with self._lock:
            return list(self._streams.get((person_id, title_id, index), []))
