"""Security headers on every answer: what a page may load and run, and who may frame it.

    SecurityHeaders(app, https=False)   ASGI middleware (``app.create_app`` adds it)

* ``Content-Security-Policy``: scripts, styles, audio and requests from this site only,
  no inline script at all (the pages' scripts are files in ``static/``), no plugins,
  no ``<base>``, forms sent only here, and no framing (``frame-ancestors 'none'``).
  The one inline style allowed is the proofreading page's, by its hash.  So even a
  book's text that got into a page as markup could not run.
* ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY`` (older browsers),
  ``Referrer-Policy: no-referrer`` (feed and audio addresses carry a reader's token),
  ``Cross-Origin-Opener-Policy: same-origin``.
* Over HTTPS (the ``https`` setting, or a request that came as https, e.g. through a
  proxy whose ``X-Forwarded-Proto`` uvicorn trusts) every cookie set is marked
  ``Secure`` and ``Strict-Transport-Security`` is sent.
"""

from __future__ import annotations

import base64
import hashlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..braille.proof import STYLE as PROOF_STYLE


def _style_hash(style: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(style.encode()).digest()).decode() + "'"


POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        f"style-src 'self' {_style_hash(PROOF_STYLE)}",
        "img-src 'self' data:",
        "media-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

HEADERS = (
    (b"content-security-policy", POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
HSTS = (b"strict-transport-security", b"max-age=31536000")


class SecurityHeaders:
    """Adds ``HEADERS`` to every HTTP answer; over HTTPS also HSTS and ``Secure`` on each cookie."""

    def __init__(self, app: ASGIApp, https: bool = False) -> None:
        self.app = app
        self.https = https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        secure = self.https or scope.get("scheme") == "https"

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(name, value) for name, value in message.get("headers", []) if name.lower() not in _OURS]
                if secure:
                    headers = [_secure_cookie(name, value) for name, value in headers]
                    headers.append(HSTS)
                message["headers"] = headers + list(HEADERS)
            await send(message)

        await self.app(scope, receive, with_headers)


_OURS = {name for name, _ in HEADERS}


def _secure_cookie(name: bytes, value: bytes) -> tuple[bytes, bytes]:
    if name.lower() == b"set-cookie" and b"; secure" not in value.lower():
        value += b"; Secure"
    return name, value
