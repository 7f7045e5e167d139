"""Listening routes: chapter audio with HTTP ranges, live speech, positions, podcast feeds.

    GET /api/titles/{id}/audio                   chapters with their times and sentence timings
    GET /api/titles/{id}/audio/{n}.mp3|.opus     chapter n (1-based): the made file with ranges
                                                 (206/416), else (mp3) spoken live, chunked, without
                                                 ranges; ?from=LOCATOR starts it there (422 when the
                                                 locator is in another chapter)
    GET /api/titles/{id}/position                the reader's saved place (locator, chapter, seconds)
    PUT /api/titles/{id}/position                save it: a locator, or a chapter and seconds (→ its sentence)
    GET /feeds/titles/{id}.rss?token=…           a private podcast feed, episodes = chapters

Everything here is for readers with rights (the ``deps.Reader`` guard), by session or
token; each stream start is written to the audit log: a request for the whole file
or for a range holding byte 0 (ranges read strictly, ``ranges.py``), and any other
range unless it continues the reader's stream of that chapter (``STREAM_WINDOW``).  Positions are the same store the braille terminal uses
(``Library.position``): reader = login, book = the title's checksum.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from ..errors import BadOption, NotFound, NotLoggedIn
from ..model import Locator
from ..service.audiobook import MEDIA_TYPES, Audiobooks, ChapterInfo
from ..service.catalog import Catalog
from ..service.library import Library
from ..service.people import Person
from ..service.rights import STREAM
from . import podcast, ranges
from .deps import LibraryDep, Reader, TitleId, library_of

router = APIRouter(tags=["listening"])

#: A live chapter is made as it is heard: its length is unknown, so no byte ranges are offered and a
#: ``Range`` header is ignored (RFC 9110 §14.2): every answer is the chapter from its start (or from
#: ``from=``), 200 and chunked, which browsers' ``<audio>``, ffmpeg and mpv play as a stream.
LIVE_HEADERS = {"Accept-Ranges": "none", "Cache-Control": "no-store"}
#: A range request within this time of the reader's last audited start of a chapter continues that stream.
STREAM_WINDOW = timedelta(hours=1)


class ChapterOut(BaseModel):
    number: int = Field(description="1-based, as in the audio URLs")
    title: str
    seconds: float | None = Field(description="Length of the made audio; null while it is spoken live")
    href: str = Field(description="MP3: the made file (ranges) or a live stream")
    opus_href: str | None
    sentences: list[tuple[str, float, float]] = Field(description="Sentence id, start and end in seconds")


class PositionOut(BaseModel):
    locator: str | None = Field(description="chapter:block:sentence:offset, or null before any reading")
    chapter: int | None = Field(description="1-based chapter number of the locator")
    seconds: float | None = Field(description="Where the locator's sentence starts in the chapter's made audio")


class PositionIn(BaseModel):
    locator: str | None = Field(
        default=None,
        max_length=200,
        description="A locator string (an offset outside its sentence becomes the sentence's start), or …",
    )
    chapter: int | None = Field(default=None, ge=1, le=100_000, description="… a 1-based chapter and …")
    seconds: float | None = Field(default=None, ge=0, le=1_000_000, description="… seconds into its audio")


def audiobooks_of(request: Request) -> Audiobooks:
    return library_of(request).audiobooks


AudioDep = Annotated[Audiobooks, Depends(audiobooks_of)]


def chapter_out(title_id: int, info: ChapterInfo, token: str = "") -> ChapterOut:
    suffix = f"?token={token}" if token else ""
    base = f"/api/titles/{title_id}/audio/{info.index + 1}"
    return ChapterOut(
        number=info.index + 1,
        title=info.title,
        seconds=info.seconds,
        href=f"{base}.mp3{suffix}",
        opus_href=f"{base}.opus{suffix}" if info.made else None,
        sentences=[(s.id, s.start, s.end) for s in info.sentences],
    )


@router.get("/api/titles/{title_id}/audio", response_model=list[ChapterOut], summary="Chapters with times (readers)")
def chapters(title_id: TitleId, reader: Reader, audiobooks: AudioDep) -> list[ChapterOut]:
    return [chapter_out(title_id, info) for info in audiobooks.chapters(title_id)]


@router.head("/api/titles/{title_id}/audio/{number}.{codec}", include_in_schema=False)
@router.get(
    "/api/titles/{title_id}/audio/{number}.{codec}",
    response_model=None,
    summary="One chapter's audio: ranges on made files (206, 416), live MP3 otherwise (readers; logged)",
    responses={200: {"content": {"audio/mpeg": {}, "audio/ogg": {}}}, 206: {}, 401: {}, 403: {}, 404: {}, 416: {}},
)
def chapter_audio(
    request: Request,
    title_id: TitleId,
    number: Annotated[int, Field(ge=1, le=100_000)],
    codec: str,
    reader: Reader,
    library: LibraryDep,
    start: Annotated[
        str, Query(alias="from", max_length=200, description="Live only: a locator in this chapter to start at")
    ] = "",
    live: Annotated[bool, Query(description="Spoken now in the reader's own voice and rate, even when made")] = False,
) -> Response:
    audiobooks = library.audiobooks
    if codec not in MEDIA_TYPES:
        raise NotFound(what=f"{codec} audio")
    path = None if live else audiobooks.file(title_id, number - 1, codec)
    span = request.headers.get("range", "")
    head = request.method == "HEAD"  # players and podcast apps asking for the type and length
    if path is not None:
        served = ranges.requested(span, path.stat().st_size) if span else []
        detail = f"chapter {number}"
        if (
            served is not None
            and not head
            and (ranges.starts(served) or not _heard(library, reader, title_id, codec, detail))
        ):
            library.audit.record(reader, title_id, codec, STREAM, detail=detail)
        return ranges.RangedFile(path, media_type=MEDIA_TYPES[codec], headers={"Cache-Control": "private"})
    if codec != "mp3":
        raise NotFound(what=f"{codec} audio of chapter {number}")
    first = audiobooks.start_sentence(title_id, number - 1, _locator(start)) if start else ""
    first = first or audiobooks.chapter(title_id, number - 1).first
    if head:
        return Response(media_type=MEDIA_TYPES[codec], headers=LIVE_HEADERS)
    choice = library.listening.get(reader.id)  # the reader's voices and rate (``service/listening.py``)
    heard = library.listening.live.begin(reader.id, title_id, number - 1)  # sentence times, for read-along
    frames = audiobooks.live(title_id, number - 1, first, choice.speech_voices() if choice.own else None, heard)
    library.audit.record(reader, title_id, codec, STREAM, detail=f"chapter {number} live from {first}")
    return StreamingResponse(
        frames, media_type=MEDIA_TYPES[codec], headers={**LIVE_HEADERS, "X-Voices": choice.named()}
    )


@router.get("/api/titles/{title_id}/position", response_model=PositionOut, summary="The reader's saved place")
def get_position(title_id: TitleId, reader: Reader, library: LibraryDep) -> PositionOut:
    return _position_out(library.audiobooks, title_id, library.position(reader, title_id))


@router.put("/api/titles/{title_id}/position", response_model=PositionOut, summary="Save the reader's place")
def put_position(title_id: TitleId, body: PositionIn, reader: Reader, library: LibraryDep) -> PositionOut:
    audiobooks = library.audiobooks
    if body.locator:
        locator = _locator(body.locator)
    elif body.chapter is not None:
        locator = audiobooks.locate(title_id, body.chapter - 1, body.seconds or 0.0)
    else:
        raise BadOption(option="position", value="{}", choices="locator, chapter + seconds")
    locator = _in_sentence(library.catalog, title_id, locator)
    library.save_position(reader, title_id, locator)
    return _position_out(audiobooks, title_id, locator)


@router.get(
    "/feeds/titles/{title_id}.rss",
    response_class=Response,
    summary="A private podcast feed of one title (needs ?token=)",
    responses={200: {"content": {"application/rss+xml": {}}}, 401: {}, 403: {}, 404: {}},
)
def feed(
    request: Request,
    title_id: TitleId,
    reader: Reader,
    library: LibraryDep,
    token: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    if not token:
        raise NotLoggedIn()
    title = library.catalog.get(title_id)
    episodes = [
        podcast.Episode(info.index + 1, info.title, info.seconds, _size(library.audiobooks, title_id, info))
        for info in library.audiobooks.chapters(title_id)
    ]
    base = str(request.base_url).rstrip("/")
    body = podcast.render(title, episodes, base, token)
    return Response(body, media_type="application/rss+xml; charset=utf-8", headers={"Cache-Control": "private"})


def _size(audiobooks: Audiobooks, title_id: int, info: ChapterInfo) -> int:
    path = audiobooks.file(title_id, info.index, "mp3")
    return path.stat().st_size if path else 0


def _heard(library: Library, reader: Person, title_id: int, codec: str, detail: str) -> bool:
    """Whether the reader's stream of this chapter was audited within ``STREAM_WINDOW``: a range from
    the middle (a seek) goes on with it; with none, it is a stream of its own (``bytes=1-``)."""
    since = datetime.now(UTC) - STREAM_WINDOW
    return any(
        entry.action == STREAM and entry.fmt == codec and entry.detail == detail and entry.at >= since
        for entry in library.audit.entries(person_id=reader.id, title_id=title_id, limit=50)
    )


def _locator(text: str) -> Locator:
    try:
        return Locator.parse(text)
    except ValueError:
        raise BadOption(option="locator", value=text[:60], choices="chapter:block:sentence:offset") from None


def _in_sentence(catalog: Catalog, title_id: int, locator: Locator) -> Locator:
    """``locator`` with its offset inside its sentence (the sentence's start when it was not; a sentence
    the block does not have is the one at the offset), so the terminal, which goes by offset,
    resumes at the sentence the web page or the player saved.  Reads the locator's chapter alone.

    Raises ``NotFound`` unless the locator's block is in the chapter it names.
    """
    blocks = catalog.chapter(title_id, locator.chapter).blocks if locator.chapter >= 0 else []
    block = next((b for b in blocks if b.id == locator.block), None)
    if block is None:
        raise NotFound(what=f"{locator.block} in chapter {locator.chapter + 1}")
    if not block.sentences:
        return locator
    within = 0 <= locator.sentence < len(block.sentences)
    index = locator.sentence if within else block.sentence_at(max(locator.offset, 0))
    sentence = block.sentences[index]
    offset = locator.offset if sentence.start <= locator.offset < sentence.end else sentence.start
    return Locator(locator.chapter, block.id, index, offset)


def _position_out(audiobooks: Audiobooks, title_id: int, locator: Locator | None) -> PositionOut:
    if locator is None:
        return PositionOut(locator=None, chapter=None, seconds=None)
    try:
        seconds = audiobooks.time_of(title_id, locator)
    except NotFound:  # a chapter with nothing to say (only images, say)
        seconds = None
    return PositionOut(locator=str(locator), chapter=locator.chapter + 1, seconds=seconds)
