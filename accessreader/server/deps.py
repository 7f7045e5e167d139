"""What every router depends on: the library, who is asking, path types, errors as JSON, uploads, rights.

    library_of(request) ──▶ Library         person_of(request) ──▶ Person | None
                                            (HTTP Basic on OPDS and downloads, a token, or the session)
    LibraryDep PersonDep AppPersonDep LangDep   FastAPI dependencies for the routes (the ways of
                                            saying who one is are declared as OpenAPI security schemes)
    AUTH_ERRORS ErrorOut operation_id with_auth_errors   401/403 bodies and stable operation ids for the schema
    TitleId joined_redirect                 a title's number in paths; where a number that joined another leads
    status_of(error) error_json(request, error)   a user-facing error as its HTTP status and JSON body
    retry_headers(error)                    ``Retry-After`` of an error that passes by itself (a chapter being read)
    read_upload(item, limit)                an uploaded file's bytes, refused (413) over the upload limit
    Reader Staff Admin                      rights guards: the person, or NotLoggedIn / NotAllowed

Routers (api, web, opds, streams) and ``errorpages`` import this, never ``app``;
``app`` only assembles them.
"""

from __future__ import annotations

import base64
import hashlib
import re
import threading
import time
from typing import Annotated

from fastapi import Depends, Path, Request, Security, UploadFile
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.routing import APIRoute
from fastapi.security import APIKeyCookie, APIKeyQuery, HTTPBearer
from fastapi.security.http import HTTPBase
from pydantic import BaseModel, Field

from .. import errors
from ..content.safety import human_size
from ..service.library import Library
from ..service.people import People, Person
from ..service.rights import MANAGE_PEOPLE, MANAGE_TITLES, READ
from .i18n import interface_language
from .tokens import token_holder

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
    (errors.ChapterNotReady, 503),
)

#: Paths whose 401s challenge with HTTP Basic and which take it (with the downloads, ``basic_allowed``).
BASIC_PATHS = ("/opds",)
_DOWNLOAD = re.compile(r"/api/titles/\d+/download/[^/]+")

#: Upload files are read in pieces of this size, so an oversized one is refused early.
_CHUNK = 1024 * 1024


def library_of(request: Request) -> Library:
    return request.app.state.library


def person_of(request: Request) -> Person | None:
    """The person behind HTTP Basic (``basic_allowed`` requests only), a token (header or query)
    or a session cookie, if any; ``BadCredentials`` for a wrong card number and PIN."""
    people = library_of(request).people
    header = request.headers.get("authorization", "")
    if header[:6].lower() == "basic " and basic_allowed(request):
        return _RECENT.person(people, *_basic(header[6:]), request.client.host if request.client else "")
    token = request.query_params.get("token") or (header[7:].strip() if header.lower().startswith("bearer ") else "")
    if token:
        return token_holder(request, people, token)  # only what the token's scope opens (``tokens.py``)
    session = request.cookies.get(SESSION_COOKIE)
    return people.session_person(session) if session else None


def basic_allowed(request: Request) -> bool:
    """Reading apps send HTTP Basic (card number and PIN; staff login and password): it is taken
    on reads of the OPDS feeds and downloads only, never on a form or a change (a browser
    would send it along to any request of this site)."""
    path = request.url.path
    return request.method in ("GET", "HEAD") and (path.startswith(BASIC_PATHS) or _DOWNLOAD.fullmatch(path) is not None)


class _RecentLogins:
    """Basic credentials checked in the last ``seconds``, so an app sending them with every request
    costs one Argon2id check a minute, not one a request (``benchmarks/opds_auth.py``).  Only
    right ones are kept (a wrong PIN is counted each time); a person made inactive is refused at
    once, a changed PIN takes up to ``seconds`` to shut out the old one."""

    def __init__(self, seconds: float = 60.0, size: int = 4096) -> None:
        self.seconds = seconds
        self.size = size
        self._seen: dict[bytes, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def person(self, people: People, login: str, secret: str, client: str = "") -> Person:
        key = hashlib.sha256(f"{id(people)}\0{login}\0{secret}".encode()).digest()
        now = time.monotonic()
        with self._lock:
            seen = self._seen.get(key)
        if seen is not None and seen[1] > now:
            person = people.get(seen[0])
            if person.active:
                return person
        person = people.authenticate(login, secret, client)
        with self._lock:
            self._seen[key] = (person.id, now + self.seconds)
            while len(self._seen) > self.size:
                del self._seen[next(iter(self._seen))]
        return person


_RECENT = _RecentLogins()


def _basic(value: str) -> tuple[str, str]:
    """(login, secret) of a Basic credential; ``BadCredentials`` when it is not one."""
    try:
        login, colon, secret = base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(":")
    except (ValueError, UnicodeDecodeError):
        raise errors.BadCredentials() from None
    if not colon:
        raise errors.BadCredentials()
    return login, secret


def challenge(request: Request) -> str:
    """The ``WWW-Authenticate`` of a 401: Basic for the OPDS routes (what reading apps answer), else Bearer."""
    if request.url.path.startswith(BASIC_PATHS):
        return 'Basic realm="AccessReader", charset="UTF-8"'
    return 'Bearer realm="accessreader"'


#: How a caller says who they are, declared in the OpenAPI schema (read by ``person_of``, never failing here).
_SESSION = APIKeyCookie(name=SESSION_COOKIE, scheme_name="session", auto_error=False,
                        description="The session cookie `POST /api/login` sets (card number and PIN; staff login and password).")  # fmt: skip
_TOKEN = HTTPBearer(scheme_name="token", auto_error=False,
                    description="A reader's token (`POST /api/tokens`, or the web page `/tokens`) as `Authorization: Bearer …`.")  # fmt: skip
_TOKEN_QUERY = APIKeyQuery(name="token", scheme_name="tokenQuery", auto_error=False,
                           description="The same token as `?token=…`, for feed and stream addresses.")  # fmt: skip
_BASIC = HTTPBase(scheme="basic", scheme_name="basic", auto_error=False,
                  description="Card number and PIN (staff: login and password), on OPDS feeds and downloads only.")  # fmt: skip


def _asking(request: Request, session: Annotated[str | None, Security(_SESSION)],
            token: Annotated[object, Security(_TOKEN)], token_query: Annotated[str | None, Security(_TOKEN_QUERY)]) -> Person | None:  # fmt: skip
    return person_of(request)


def _asking_app(request: Request, session: Annotated[str | None, Security(_SESSION)],
                token: Annotated[object, Security(_TOKEN)], token_query: Annotated[str | None, Security(_TOKEN_QUERY)],
                basic: Annotated[object, Security(_BASIC)]) -> Person | None:  # fmt: skip
    return person_of(request)


class ErrorOut(BaseModel):
    """A user-facing error: its code and what to do, in the caller's language."""

    error: str = Field(description="A stable code, e.g. `not_logged_in`, `not_allowed`, `bad_credentials`.")
    message: str = Field(description="What happened and what to do, in the caller's language (kk, ru, en).")


#: The 401 and 403 answers of an operation that needs a login or a right, for the OpenAPI schema.
AUTH_ERRORS: dict[int | str, dict] = {
    401: {
        "model": ErrorOut,
        "description": "Not logged in, or a wrong login, PIN or token (`WWW-Authenticate` says how).",
    },
    403: {
        "model": ErrorOut,
        "description": "Logged in without the right (e.g. not a registered print-disabled reader).",
    },
}

LibraryDep = Annotated[Library, Depends(library_of)]
#: Who is asking: the session or a token (``AppPersonDep``: HTTP Basic too, for reading apps).
PersonDep = Annotated[Person | None, Depends(_asking)]
AppPersonDep = Annotated[Person | None, Depends(_asking_app)]
LangDep = Annotated[str, Depends(interface_language)]

#: A title's number in paths: a positive integer the database can hold.
TitleId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The title's number in the catalog")]


def joined_redirect(library: Library, title_id: int, prefix: str, missing: errors.NotFound) -> RedirectResponse:
    """For a title number not found: a permanent redirect to ``{prefix}/{other}`` when its book joined
    title ``other`` (the same work, ``Catalog.file_document``); else raises ``missing``."""
    other = library.catalog.joined_into(title_id)
    if other is None:
        raise missing
    return RedirectResponse(f"{prefix}/{other}", status_code=301)


def operation_id(route: APIRoute) -> str:
    """A stable OpenAPI ``operationId``: the route function's name, after its tag when it has one
    (``titles``, ``download``, ``opds_download``, ``listening_chapters``)."""
    return f"{route.tags[0]}_{route.name}" if route.tags else route.name


def with_auth_errors(schema: dict) -> dict:
    """``schema`` (OpenAPI) with every operation that declares security documenting ``AUTH_ERRORS``'s
    401 and 403 bodies (``ErrorOut``), the routes that do not list them too."""
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            if operation.get("security"):
                for status in (401, 403):
                    described = AUTH_ERRORS[status]["description"]
                    response = operation["responses"].setdefault(str(status), {"description": described})
                    response.setdefault("content", body)
    return schema


def status_of(error: errors.AccessReaderError) -> int:
    """The HTTP status of a user-facing error (422 for any not in ``STATUS``)."""
    return next((code for kind, code in STATUS if isinstance(error, kind)), 422)


def error_json(request: Request, error: errors.AccessReaderError) -> JSONResponse:
    """``{"error": code, "message": text in the caller's language}`` with the error's status
    (and ``Retry-After`` for one that passes by itself, ``retry_headers``)."""
    status = status_of(error)
    headers = {"WWW-Authenticate": challenge(request)} if status == 401 else retry_headers(error)
    body = {"error": error.code, "message": error.message(interface_language(request))}
    return JSONResponse(body, status_code=status, headers=headers)


def retry_headers(error: errors.AccessReaderError) -> dict[str, str]:
    """``Retry-After`` (seconds) for an error that passes by itself (``ChapterNotReady``), else none."""
    seconds = getattr(error, "retry_after", None)
    return {"Retry-After": str(seconds)} if seconds else {}


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
