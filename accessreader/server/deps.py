"""What every router depends on: the library, who is asking, path types, errors as JSON, uploads, rights.

    library_of(request) ──▶ Library         person_of(request) ──▶ Person | None
    LibraryDep PersonDep LangDep            FastAPI dependencies for the routes
    TitleId                                 a title's number in paths
    status_of(error) error_json(request, error)   a user-facing error as its HTTP status and JSON body
    read_upload(item, limit)                an uploaded file's bytes, refused (413) over the upload limit
    Reader Staff Admin                      rights guards: the person, or NotLoggedIn / NotAllowed

Routers (api, web, opds, streams) and ``errorpages`` import this, never ``app``;
``app`` only assembles them.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Request, UploadFile
from fastapi.responses import JSONResponse

from .. import errors
from ..content.safety import human_size
from ..service.library import Library
from ..service.people import Person
from ..service.rights import MANAGE_PEOPLE, MANAGE_TITLES, READ
from .i18n import interface_language

SESSION_COOKIE = "accessreader_session"

#: HTTP status for each kind of user-facing error; the first match in this order wins.
STATUS = (
    (errors.NotLoggedIn, 401),
    (errors.BadCredentials, 401),
    (errors.TooManyAttempts, 429),
    (errors.NotAllowed, 403),
    (errors.NotFound, 404),
    (errors.Conflict, 409),
    (errors.FileTooLarge, 413),
    (errors.MissingDependency, 503),
)

#: Upload files are read in pieces of this size, so an oversized one is refused early.
_CHUNK = 1024 * 1024


def library_of(request: Request) -> Library:
    return request.app.state.library


def person_of(request: Request) -> Person | None:
    """The person behind a token (header or query) or a session cookie, if any."""
    people = library_of(request).people
    header = request.headers.get("authorization", "")
    token = request.query_params.get("token") or (header[7:].strip() if header.lower().startswith("bearer ") else "")
    if token:
        return people.token_person(token)
    session = request.cookies.get(SESSION_COOKIE)
    return people.session_person(session) if session else None


LibraryDep = Annotated[Library, Depends(library_of)]
PersonDep = Annotated[Person | None, Depends(person_of)]
LangDep = Annotated[str, Depends(interface_language)]

#: A title's number in paths: a positive integer the database can hold.
TitleId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The title's number in the catalog")]


def status_of(error: errors.AccessReaderError) -> int:
    """The HTTP status of a user-facing error (422 for any not in ``STATUS``)."""
    return next((code for kind, code in STATUS if isinstance(error, kind)), 422)


def error_json(request: Request, error: errors.AccessReaderError) -> JSONResponse:
    """``{"error": code, "message": text in the caller's language}`` with the error's status."""
    status = status_of(error)
    headers = {"WWW-Authenticate": 'Bearer realm="accessreader"'} if status == 401 else None
    body = {"error": error.code, "message": error.message(interface_language(request))}
    return JSONResponse(body, status_code=status, headers=headers)


async def read_upload(item: UploadFile, limit: int) -> bytes:
    """The bytes of one uploaded file, read in pieces; ``FileTooLarge`` as soon as they pass ``limit``."""
    parts, size = [], 0
    while chunk := await item.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            name = item.filename or "upload"
            raise errors.FileTooLarge(name=name, size=f"> {human_size(limit)}", limit=human_size(limit))
        parts.append(chunk)
    return b"".join(parts)


def _guard(right: str):
    def guard(person: PersonDep, library: LibraryDep) -> Person:
        return library.require(person, right)

    return guard


#: The person asking, if they may read accessible copies / manage titles / manage people; else
#: ``NotLoggedIn`` (nobody logged in) or ``NotAllowed`` (no such right).
Reader = Annotated[Person, Depends(_guard(READ))]
Staff = Annotated[Person, Depends(_guard(MANAGE_TITLES))]
Admin = Annotated[Person, Depends(_guard(MANAGE_PEOPLE))]
