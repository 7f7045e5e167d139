"""The FastAPI application: thin routes over ``library.Library``.

    create_app(settings) ──▶ FastAPI
        /api/...    JSON: login, tokens, catalog search, titles, downloads, uploads, jobs
        /opds/...   OPDS 1.2 navigation and acquisition feeds (Atom)
        /api/titles/{id}/audio…, /feeds/…   listening: ranges, live speech, positions, podcasts
        /, /titles/…, /staff/…   the web reader (Jinja2 pages, kk / ru / en)

Who is asking comes from a session cookie (``/api/login``), or a reader's token
(``Authorization: Bearer …`` or ``?token=…``, for reading apps and feeds), which opens
only feeds, OPDS, downloads and listening (``tokens.py``).  A
user-facing error (``errors.AccessReaderError``) becomes JSON ``{"error", "message"}``
in the caller's language with 401 (no login), 403 (no right), 404, 409, 413, 422 or
429, or, for a person's browser on a page, an accessible page (``errorpages.py``).
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import FastAPI, Path, Request
from fastapi.responses import JSONResponse

from .. import errors
from ..service.library import Library
from ..service.people import Person
from ..settings import Settings
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
    (errors.AlreadyRegistered, 409),
    (errors.FileTooLarge, 413),
    (errors.MissingDependency, 503),
)


def create_app(settings: Settings, library: Library | None = None) -> FastAPI:
    """The service over ``library`` (made from ``settings`` when not given); the caller runs the worker."""
    from . import api, errorpages, opds, streams, web
    from .bodies import BodyLimit
    from .security import SecurityHeaders

    library = library or Library(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        library.close()

    app = FastAPI(
        title="AccessReader",
        summary="A library's catalog of accessible books: braille and speech for print-disabled readers.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.library = library
    app.include_router(api.router)
    app.include_router(opds.router)
    app.include_router(streams.router)
    app.include_router(web.router)
    errorpages.install(app)
    app.add_middleware(BodyLimit, upload_bytes=library.settings.max_upload_bytes)
    app.add_middleware(SecurityHeaders, https=library.settings.https)
    return app


def library_of(request: Request) -> Library:
    return request.app.state.library


def person_of(request: Request) -> Person | None:
    """The person behind a token (header or query) or a session cookie, if any."""
    people = library_of(request).people
    header = request.headers.get("authorization", "")
    token = request.query_params.get("token") or (header[7:].strip() if header.lower().startswith("bearer ") else "")
    if token:
        return token_holder(request, people, token)  # only what the token's scope opens (``tokens.py``)
    session = request.cookies.get(SESSION_COOKIE)
    return people.session_person(session) if session else None


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
