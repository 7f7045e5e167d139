"""The FastAPI application: thin routes over ``library.Library``.

    create_app(settings) ──▶ FastAPI
        /api/...    JSON: login, tokens, catalog search, titles, downloads, uploads, jobs
        /opds/...   OPDS 1.2 navigation and acquisition feeds (Atom)
        /api/titles/{id}/audio…, /feeds/…   listening: ranges, live speech, positions, podcasts
        /, /titles/…, /staff/…   the web reader (Jinja2 pages, kk / ru / en)

Who is asking comes from a session cookie (``/api/login``), or a reader's token
(``Authorization: Bearer …`` or ``?token=…``, for reading apps and feeds).  A
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
from . import api, errorpages, opds, streams, web


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
    )
    app.state.library = library
    app.include_router(api.router)
    app.include_router(opds.router)
    app.include_router(streams.router)
    app.include_router(web.router)
    errorpages.install(app)
    return app
