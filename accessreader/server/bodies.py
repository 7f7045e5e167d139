"""Request bodies refused before they are read: too large, or an upload from someone who may not upload.

    BodyLimit(app, upload_bytes)   ASGI middleware (``app.create_app`` adds it)

An upload (``POST /api/titles``, ``POST /staff/upload``) may carry ``UPLOAD_FILES``
files of the upload limit each; any other request ``SMALL_BODY`` (logins, forms,
positions).  A body whose ``Content-Length`` is over its limit is answered 413 before
one byte of it is read; one sent without a length (chunked) is counted as it comes
and answered 413 as soon as it passes the limit, the route getting no more of it.
An upload is read only once the asker is known to be staff (``person_of``, which
also applies a token's scope): a visitor's 1 GB file is refused unread, never
written to a temporary file first.  Answers are the service's usual ones
(JSON ``{"error", "message"}``, or a page for a browser), in the asker's language.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import errors
from ..content.safety import human_size
from ..service.rights import MANAGE_TITLES, require
from .deps import error_json, person_of, status_of
from .errorpages import error_page, wants_page
from .i18n import interface_language

#: Largest body of a request that is not an upload: a login, a form, a position.
SMALL_BODY = 256 * 1024
#: Files of the upload limit one upload request may carry.
UPLOAD_FILES = 20
UPLOAD_PATHS = ("/api/titles", "/staff/upload")


class BodyLimit:
    """Refuses oversized bodies (413) and uploads by non-staff (401/403) before reading them."""

    def __init__(self, app: ASGIApp, upload_bytes: int) -> None:
        self.app = app
        self.upload_limit = upload_bytes * UPLOAD_FILES + SMALL_BODY

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        upload = scope["method"] == "POST" and scope["path"].rstrip("/") in UPLOAD_PATHS
        limit = self.upload_limit if upload else SMALL_BODY
        request = Request(scope)
        length = request.headers.get("content-length", "")
        try:
            if upload:
                require(await run_in_threadpool(person_of, request), MANAGE_TITLES)
            if length.isdigit() and int(length) > limit:
                raise _too_large(int(length), limit)
        except errors.AccessReaderError as error:
            await _answer(request, error)(scope, receive, send)
            return
        await self._counted(scope, receive, send, limit)

    async def _counted(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        """Run the app, counting the body; past ``limit`` the app gets a disconnect and the asker a 413."""
        received, over, started = 0, False, False

        async def counting() -> Message:
            nonlocal received, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    over = True
                    return {"type": "http.disconnect"}
            return message

        async def answering(message: Message) -> None:
            nonlocal started
            if over and not started:
                return  # the app's answer to the cut body is dropped; the 413 goes instead
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting, answering)
        except Exception:
            if not over or started:
                raise
        if over and not started:
            await _answer(Request(scope), _too_large(received, limit))(scope, receive, send)


def _too_large(size: int, limit: int) -> errors.FileTooLarge:
    return errors.FileTooLarge(name="request", size=human_size(size), limit=human_size(limit))


def _answer(request: Request, error: errors.AccessReaderError) -> Response:
    if wants_page(request):
        return error_page(request, status_of(error), [error.message(interface_language(request))])
    return error_json(request, error)
