"""The reader's listening choice and the sentence times the page follows along with.

    GET /api/me/listening                       the reader's voices, rate and read-along, and what is offered
    PUT /api/me/listening                       change them (fields left out stay as they are; 422 for a voice
                                                or rate not offered, said in the reader's language)
    GET /api/titles/{id}/audio/{n}/sentences    each sentence's start and end in the audio the reader hears
                                                of chapter n: the made timings, or those of the reader's
                                                live stream so far (``?live=1``: spoken in their own voice)

The web page's form (``web.py``) saves through the same ``Listening.save``; the live
stream (``streams.py``) speaks with the reader's voices and records where each
sentence falls (``service.listening.LiveSentences``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from ..errors import NotFound
from ..service.listening import Choice, offered
from ..tts.engines import MAX_RATE, MIN_RATE
from .deps import LibraryDep, Reader, TitleId

router = APIRouter(tags=["listening"])


class OfferOut(BaseModel):
    key: str = Field(description="engine:name, as sent back in voices")
    label: str
    licence: str


class ListeningOut(BaseModel):
    voices: dict[str, str] = Field(description="Language → chosen voice (engine:name); a language left out: default")
    rate: int | None = Field(description="Words per minute; null: the default")
    read_along: bool = Field(description="Highlight and follow the sentence being spoken")
    offered: dict[str, list[OfferOut]] = Field(description="The voices installed here, per language")
    min_rate: int
    max_rate: int


class ListeningIn(BaseModel):
    voices: dict[Annotated[str, Field(max_length=8)], Annotated[str, Field(max_length=100)]] | None = Field(
        default=None, max_length=8, description='Language → engine:name, or "" for the default'
    )
    rate: int | None = Field(default=None, description=f"Words per minute, {MIN_RATE}…{MAX_RATE}; 0: the default")
    read_along: bool | None = None


class SentencesOut(BaseModel):
    live: bool = Field(description="Times of a live stream (grows as it is spoken) or of the made file")
    sentences: list[tuple[str, float, float]] = Field(description="Sentence id, start and end in seconds")


def _out(choice: Choice) -> ListeningOut:
    offers = {lang: [OfferOut(**vars(offer)) for offer in found] for lang, found in offered().items()}
    return ListeningOut(voices=choice.voices, rate=choice.rate, read_along=choice.read_along, offered=offers,
                        min_rate=MIN_RATE, max_rate=MAX_RATE)  # fmt: skip


@router.get("/api/me/listening", response_model=ListeningOut, summary="The reader's voices, rate and read-along")
def get_listening(reader: Reader, library: LibraryDep) -> ListeningOut:
    return _out(library.listening.get(reader.id))


@router.put("/api/me/listening", response_model=ListeningOut, summary="Choose voices, rate and read-along")
def put_listening(body: ListeningIn, reader: Reader, library: LibraryDep) -> ListeningOut:
    kept = library.listening.get(reader.id)
    voices = dict(kept.voices) if body.voices is None else {**kept.voices, **body.voices}
    rate = kept.rate if body.rate is None else (body.rate or None)
    read_along = kept.read_along if body.read_along is None else body.read_along
    return _out(library.listening.save(reader.id, Choice(voices, rate, read_along)))


@router.get("/api/titles/{title_id}/audio/{number}/sentences", response_model=SentencesOut,
            summary="Sentence times of the chapter the reader hears (read-along)")  # fmt: skip
def sentences(title_id: TitleId, number: Annotated[int, Field(ge=1, le=100_000)], reader: Reader,
              library: LibraryDep, live: Annotated[bool, Query()] = False) -> SentencesOut:  # fmt: skip
    info = library.audiobooks.chapter(title_id, number - 1)
    if info.made and not live:
        return SentencesOut(live=False, sentences=[(s.id, s.start, s.end) for s in info.sentences])
    if not info.first:
        raise NotFound(what=f"chapter {number}")
    return SentencesOut(live=True, sentences=library.listening.live.sentences(reader.id, title_id, number - 1))
