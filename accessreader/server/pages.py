"""Page helpers for the web reader and the error pages: templates, rights on pages, form tokens.

page(request, lang, person, template, status, **context) ──▶ HTMLResponse in ``lang``
LoginNeeded(path, text)       rights are needed: a visitor logs in first, anyone else is told ``text``
Reader Staff Admin            page rights guards over ``Library.require`` (FastAPI dependencies)
csrf_token(request)  OurPage  the form token of this browser's session, and the check of a form's
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Form, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..errors import NotAllowed
from ..messages import LANGUAGES
from ..service.people import Person
from ..service.rights import MANAGE_PEOPLE, MANAGE_TITLES, READ, may
from . import i18n
from .deps import SESSION_COOKIE, LangDep, LibraryDep, PersonDep

HERE = Path(__file__).resolve().parent
_ENVIRONMENT = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


class LoginNeeded(Exception):
    """Rights are needed: send the visitor to the login form, then back to ``path``;
    ``text`` tells someone logged in without the right what the page is for."""

    def __init__(self, path: str, text: str = "") -> None:
        self.path = path
        self.text = text


def page(
    request: Request, lang: str, person: Person | None, template: str, status: int = 200, **context
) -> HTMLResponse:
    """Render ``template`` in ``lang``; remembers a language chosen with ``?lang=`` in a cookie."""
    _ = i18n.gettext(lang)
    here = request.url.path
    html = _ENVIRONMENT.get_template(template).render(
        _=_, lang=lang, person=person, here=here, languages=i18n.NAMES, staff=may(person, MANAGE_TITLES),
        reader=may(person, READ), admin=may(person, MANAGE_PEOPLE), csrf=csrf_token(request), **context,
    )  # fmt: skip
    response = HTMLResponse(html, status_code=status)
    chosen = request.query_params.get("lang", "")
    if chosen in LANGUAGES and chosen != request.cookies.get(i18n.LANGUAGE_COOKIE):
        response.set_cookie(i18n.LANGUAGE_COOKIE, chosen, max_age=365 * 24 * 3600, samesite="lax")
    return response


def _guard(right: str, text: Callable[[Callable[..., str]], str] | None = None):
    """A dependency: the person if ``Library.require`` lets them have ``right``; else ``LoginNeeded``
    (to the login form, or ``text(_)`` for someone logged in without the right)."""

    def guard(request: Request, person: PersonDep, library: LibraryDep, lang: LangDep) -> Person:
        try:
            return library.require(person, right)
        except NotAllowed:  # NotLoggedIn too: the error handler sends a visitor to the login form
            raise LoginNeeded(request.url.path, text(i18n.gettext(lang)) if text else "") from None

    return guard


Reader = Annotated[Person, Depends(_guard(READ))]
Staff = Annotated[Person, Depends(_guard(MANAGE_TITLES, lambda _: _("This page is for the library's staff.")))]
Admin = Annotated[Person, Depends(_guard(MANAGE_PEOPLE, lambda _: _("This page is for the library's administrators.")))]


def csrf_token(request: Request) -> str:
    """The form token of this browser's session ("" without one): only pages of this site show it."""
    session = request.cookies.get(SESSION_COOKIE, "")
    return hashlib.sha256(f"accessreader-form:{session}".encode()).hexdigest() if session else ""


def from_our_page(request: Request, csrf: Annotated[str, Form(max_length=100)] = "") -> None:
    """A form that changes something must come from this site's own page (its ``csrf`` token); else refused."""
    expected = csrf_token(request)
    if not (expected and hmac.compare_digest(expected, csrf)):
        _ = i18n.gettext(i18n.interface_language(request))
        raise LoginNeeded(
            request.url.path,
            _("The form was not sent from this site's own page; open the page again and send it from there."),
        )


OurPage = Depends(from_our_page)
