"""What a reader's token opens: the one place a token becomes a person.

    token_holder(request, people, secret) ──▶ Person | None   (``TokenScope`` when its scope does not open it)

A token is for programs that fetch without a login: podcast apps, OPDS readers,
players.  Its scope opens only what those need, and never people, uploads, jobs,
other tokens or the web pages (a session does those):

    FEED  GET/HEAD  /feeds/…  /opds…  /opds/titles/{id}/download/{fmt}  /api/titles[/{id}]  /api/titles/{id}/download/{fmt}
                    /api/titles/{id}/audio[/{n}.{codec}]  /api/me
    APP   the same, and GET/PUT /api/titles/{id}/position (the place, saved and read back)

Every use is logged by ``People.use_token`` (token, time, method, path, address, allowed).
"""

from __future__ import annotations

import re

from fastapi import Request

from ..service.people import APP, FEED, People, Person

_READ = ("GET", "HEAD")
#: (methods, path, scopes that open it)
RULES = (
    (_READ, re.compile(r"/feeds/titles/\d+\.rss"), (FEED, APP)),
    (_READ, re.compile(r"/opds(/[a-z.]*)?"), (FEED, APP)),
    (_READ, re.compile(r"/opds/titles/\d+/download/[A-Za-z0-9_.-]+"), (FEED, APP)),
    (_READ, re.compile(r"/api/titles(/\d+)?/?"), (FEED, APP)),
    (_READ, re.compile(r"/api/titles/\d+/download/[A-Za-z0-9_.-]+"), (FEED, APP)),
    (_READ, re.compile(r"/api/titles/\d+/audio(/\d+\.[A-Za-z0-9]+)?"), (FEED, APP)),
    (_READ, re.compile(r"/api/me"), (FEED, APP)),
    (("GET", "PUT"), re.compile(r"/api/titles/\d+/position"), (APP,)),
)

_HOLDER = "accessreader.token_holder"


def opens(scope: str, method: str, path: str) -> bool:
    """Whether a token of ``scope`` opens ``method`` ``path``."""
    return any(method in methods and scope in scopes and pattern.fullmatch(path) for methods, pattern, scopes in RULES)


def token_holder(request: Request, people: People, secret: str) -> Person | None:
    """The person behind the token ``secret`` if its scope opens this request (``None`` for no such token);
    asked again for the same request (an error page), the first answer, logged once."""
    if _HOLDER in request.scope:
        return request.scope[_HOLDER]
    method, path = request.method, request.url.path
    address = request.client.host if request.client else ""
    person = people.use_token(
        secret, lambda scope: opens(scope, method, path), method=method, path=path, address=address
    )
    request.scope[_HOLDER] = person
    return person
