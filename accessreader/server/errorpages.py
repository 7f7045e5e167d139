"""Failures answered in the asker's own terms: an accessible page for a person, JSON for a program.

    install(app)            the handlers below, on the FastAPI app (``app.create_app`` calls it)
    wants_page(request) ──▶ True for a person's browser on a page address
    error_page(request, status, details) ──▶ HTMLResponse in the interface language

A person gets a page in kk / ru / en (``i18n``) with the site's navigation, a heading
saying what happened and links saying what to do next (log in, the catalog, search),
under the right status: 401, 403, 404, 413, 422, 429, 500… (a chapter its job is still
reading: 503 with ``Retry-After``, "try again in a moment" and a link to try).  That is the
answer to a browser's navigation anywhere (its Accept header puts HTML before JSON: a download
link followed without a login is told to log in), and to any request for a page
address that does not ask for JSON.  The JSON API, OPDS, feeds, streams and static
files (``MACHINE_PATHS``) otherwise keep their own answers, as do callers asking for
JSON: ``{"error", "message"}`` for user-facing errors, FastAPI's own for validation
(less the values sent, which may be a PIN or a password) and unknown routes.  A bug
(any other exception) is logged here with its traceback and answered with a short
message only; a stack trace never reaches the asker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import errors
from ..messages import translate
from .deps import error_json, person_of, retry_headers, status_of
from .i18n import gettext, interface_language
from .pages import LoginNeeded, page

log = logging.getLogger("accessreader.server")

#: Addresses that answer programs in their own format (unless a browser navigates there).
MACHINE_PATHS = ("/api/", "/opds", "/feeds/", "/static/", "/docs", "/redoc", "/openapi.json")
#: Statuses whose error message says more than the page's own text (the message is in the reader's language).
_TELLING = (409, 413, 422, 429, 503)


def install(app: FastAPI) -> None:
    """Answer every failure of ``app`` as a page or as the program's format."""
    app.add_exception_handler(errors.AccessReaderError, _user_error)
    app.add_exception_handler(LoginNeeded, _login_needed)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_middleware(_ServerErrors)


def wants_page(request: Request) -> bool:
    """A browser's navigation (HTML preferred to JSON), or a page address asked for without JSON."""
    accept = request.headers.get("accept", "").lower()
    html, json = accept.find("text/html"), accept.find("json")
    if html >= 0 and (json < 0 or html < json):
        return True
    path = request.url.path
    return json < 0 and not (path == "/api" or path.startswith(MACHINE_PATHS))


def error_page(
    request: Request, status: int, details: Sequence[str] = (), text: str = "", heading: str = "", again: bool = False
) -> HTMLResponse:
    """The page for ``status``: what happened, ``details`` (already in the reader's language), what to do;
    ``text`` and ``heading`` (in the reader's language) say it instead of the status's own words;
    ``again``: a link to the same address first (what failed passes by itself)."""
    lang = interface_language(request)
    try:
        person = person_of(request)
    except Exception:  # the store itself may be what failed
        person = None
    _ = gettext(lang)
    usual_heading, usual = _explanation(status, _)
    heading, text = heading or usual_heading, text or usual
    actions = []
    if status == 401:
        actions.append((f"/login?next={quote(request.url.path)}", _("Log in")))
    if again or request.method == "POST" and status in (413, 422):
        actions.append((request.url.path, _("Try again")))
    actions.append(("/", _("Go to the catalog")))
    return page(
        request, lang, person, "error.html", status=status, heading=heading, text=text, details=list(details),
        actions=actions, search=status in (403, 404, 422),
    )  # fmt: skip


def _explanation(status: int, _: Callable[..., str]) -> tuple[str, str]:
    """(heading, what to do) for ``status``."""
    if status == 401:
        return _("Please log in"), _(
            "This page is for registered readers and library staff. Log in with your library card number and PIN."
        )
    if status == 403:
        return _("Not available"), _("Accessible copies are for registered print-disabled readers and library staff.")
    if status == 404:
        return _("Page not found"), _(
            "There is no title, chapter or page at this address. Search the catalog or go back to it."
        )
    if status == 413:
        return _("The file is too large"), _("Choose a smaller file and try again.")
    if status == 422:
        return _("This could not be used"), _("Check what you typed or chose and try again.")
    if status == 429:
        return _("Too many attempts"), _("Wait a few minutes and try again.")
    if status >= 500:
        return _("Something went wrong on our side"), _(
            "The library's staff can see what happened. Please try again in a few minutes."
        )
    return _("This could not be done"), _("Go back and try again, or go to the catalog.")


async def _user_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, errors.AccessReaderError)
    if not wants_page(request):
        return error_json(request, error)
    status = status_of(error)
    lang = interface_language(request)
    if isinstance(error, errors.ChapterNotReady):  # not a failure: the book is being read, there in a moment
        response = error_page(
            request, status, text=error.message(lang), heading=translate("chapter_not_ready_heading", lang), again=True
        )
    else:
        response = error_page(request, status, [error.message(lang)] if status in _TELLING else [])
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="accessreader"'
    response.headers.update(retry_headers(error))
    return response


async def _login_needed(request: Request, error: Exception) -> Response:
    """Rights are needed: a visitor goes to the login form and back; a person without the right is told so."""
    assert isinstance(error, LoginNeeded)
    if person_of(request) is None:
        return RedirectResponse(f"/login?next={error.path}", status_code=303)
    return error_page(request, 403, text=error.text)


async def _invalid(request: Request, error: Exception) -> Response:
    """A bad address (path part) is a page not found; a bad form or query value, 422."""
    assert isinstance(error, RequestValidationError)
    if not wants_page(request):  # where and why, never the value sent back (it may be a secret)
        problems = [{key: value for key, value in problem.items() if key != "input"} for problem in error.errors()]
        return JSONResponse({"detail": jsonable_encoder(problems)}, status_code=422)
    in_path = any(problem.get("loc", ("",))[0] == "path" for problem in error.errors())
    return error_page(request, 404 if in_path else 422)


async def _http_error(request: Request, error: Exception) -> Response:
    """Starlette's own failures: no such route (404), a method the route does not take (405)."""
    assert isinstance(error, HTTPException)
    if not wants_page(request):
        return await http_exception_handler(request, error)
    response = error_page(request, error.status_code)
    response.headers.update(error.headers or {})
    return response


class _ServerErrors:
    """Catch a bug: log it with its traceback, answer 500 with a short message (page or JSON).

    An answer already begun (a stream that broke) cannot be replaced: the error is
    left to the server, which logs it and drops the connection.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as error:
            if started:
                raise
            request = Request(scope)
            log.error("%s %s failed", request.method, request.url.path, exc_info=error)
            await _server_error(request, error)(scope, receive, send)


def _server_error(request: Request, error: Exception) -> Response:
    lang = interface_language(request)
    if not wants_page(request):
        body = {"error": "internal", "message": gettext(lang)("Something went wrong on our side")}
        return JSONResponse(body, status_code=500)
    try:
        return error_page(request, 500)
    except Exception:  # the page itself cannot be made: say it in one line
        log.exception("the error page failed too")
        return PlainTextResponse(gettext(lang)("Something went wrong on our side"), status_code=500)
