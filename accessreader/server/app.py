"""The FastAPI application: thin routes over ``library.Library``.

    create_app(settings) ──▶ FastAPI
        /api/...    JSON: login, tokens, catalog search, titles, downloads, uploads, jobs
        /opds/...   OPDS 1.2 navigation and acquisition feeds (Atom)
        /api/titles/{id}/audio…, /feeds/…   listening: ranges, live speech, positions, podcasts
        /api/me/listening, …/sentences     the reader's voices, rate, read-along; sentence times
        /, /titles/…, /staff/…   the web reader (Jinja2 pages, kk / ru / en)

Who is asking comes from a session cookie (``/api/login``), or a reader's token
(``Authorization: Bearer …`` or ``?token=…``, for reading apps and feeds), which opens
only feeds, OPDS, downloads and listening (``tokens.py``).  A
user-facing error (``errors.AccessReaderError``) becomes JSON ``{"error", "message"}``
in the caller's language with 401 (no login), 403 (no right), 404, 409, 413, 422 or
429, or, for a person's browser on a page, an accessible page (``errorpages.py``).

Shared dependencies (the library, who is asking, rights guards, uploads) are in
``deps.py``, page helpers in ``pages.py``; this module only assembles the app.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from ..service.library import Library
from ..settings import Settings
from . import api, errorpages, listening, opds, streams, web
from .bodies import BodyLimit
from .deps import operation_id, with_auth_errors
from .security import SecurityHeaders


def create_app(settings: Settings, library: Library | None = None) -> FastAPI:
    """The service over ``library`` (made from ``settings`` when not given); the caller runs the worker."""
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
        generate_unique_id_function=operation_id,
    )
    app.state.library = library
    made = app.openapi
    app.openapi = lambda: with_auth_errors(made())  # type: ignore[method-assign]
    app.include_router(api.router)
    app.include_router(opds.router)
    app.include_router(streams.router)
    app.include_router(listening.router)
    app.include_router(web.router)
    errorpages.install(app)
    app.add_middleware(BodyLimit, upload_bytes=library.settings.max_upload_bytes)
    app.add_middleware(SecurityHeaders, https=library.settings.https)
    return app
