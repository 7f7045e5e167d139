"""Minimal accessible HTML: the catalog with a search form, and one page per title with its downloads.

Plain semantic HTML (a ``lang`` attribute, one ``h1``, headings for sections,
labelled form fields and links that say what they fetch and how big it is), in
Kazakh, Russian or English from ``messages.py`` (``?lang=`` or Accept-Language).
"""

from __future__ import annotations

from html import escape
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..catalog import Title
from ..errors import BadCredentials
from ..content.safety import human_size
from ..library import Library
from ..messages import MESSAGES, translate
from ..people import Person
from ..rights import may_read
from .app import SESSION_COOKIE, language_of, library_of, person_of

router = APIRouter(tags=["pages"])

LangDep = Annotated[str, Depends(language_of)]
LibraryDep = Annotated[Library, Depends(library_of)]


@router.get("/", response_class=HTMLResponse, summary="The catalog page: search and newest titles")
def index(library: LibraryDep, lang: LangDep, q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    t = _t(lang)
    found = library.catalog.search(q, limit=100) if q.strip() else library.catalog.titles(limit=100)
    items = "".join(
        f'<li><a href="/titles/{title.id}?lang={lang}">{escape(title.title)}</a>'
        + (f" — {escape(', '.join(title.authors))}" if title.authors else "")
        + "</li>"
        for title in found
    )
    body = (
        f"<h1>{t('page_catalog')}</h1>"
        f'<form role="search" method="get" action="/"><input type="hidden" name="lang" value="{lang}">'
        f'<label for="q">{t("page_search_label")}</label> '
        f'<input id="q" name="q" type="search" value="{escape(q)}"> <button type="submit">{t("page_search")}</button></form>'
        f"<h2>{t('page_results') if q.strip() else t('opds_new')}</h2>"
        + (f"<ul>{items}</ul>" if items else f"<p>{t('page_no_results')}</p>")
        + f'<p><a href="/opds?lang={lang}" type="application/atom+xml">{t("page_opds")}</a></p>'
    )
    return _page(lang, t("page_catalog"), body)


@router.get("/titles/{title_id}", response_class=HTMLResponse, summary="One title's page with its downloads")
def title_page(
    title_id: int, library: LibraryDep, lang: LangDep, person: Annotated[Person | None, Depends(person_of)]
) -> HTMLResponse:
    t = _t(lang)
    title = library.catalog.get(title_id)
    facts = [(t("label_authors"), ", ".join(title.authors)), (t("label_languages"), ", ".join(title.languages))]
    body = f"<h1>{escape(title.title)}</h1><dl>" + "".join(
        f"<dt>{label}</dt><dd>{escape(value) or '—'}</dd>" for label, value in facts
    ) + "</dl>"
    if title.description:
        body += f"<p>{escape(title.description)}</p>"
    body += f"<h2>{t('page_downloads')}</h2>" + _downloads(title, person, lang)
    body += _account(person, lang, f"/titles/{title.id}")
    jobs = library.jobs.list(title=str(title.id), limit=1)
    if jobs and jobs[0].status != "done":
        info = jobs[0]
        status = t("page_failed", error=info.error(lang)) if info.status == "failed" else t(
            "page_converting", stage=t(f"stage_{info.stage}"), percent=info.percent
        )
        if info.eta_seconds:
            status += " " + t("page_eta", minutes=max(1, round(info.eta_seconds / 60)))
        body += f"<h2>{t('page_conversion')}</h2><p role=\"status\">{status}</p>"
    body += f'<p><a href="/?lang={lang}">{t("page_back")}</a></p>'
    return _page(lang, title.title, body)


def _downloads(title: Title, person: Person | None, lang: str) -> str:
    t = _t(lang)
    if not title.renditions:
        return f"<p>{t('page_no_formats')}</p>"
    links = "".join(
        f'<li><a href="/api/titles/{title.id}/download/{r.fmt}" type="{escape(r.media_type)}" download>'
        f"{t('page_download', format=_format_name(r.fmt, lang), size=human_size(r.size))}</a></li>"
        for r in title.renditions
    )
    note = "" if may_read(person) else f"<p>{t('page_login_needed')}</p>"
    return f"{note}<ul>{links}</ul>"


@router.get("/login", response_class=HTMLResponse, summary="The login form")
def login_form(lang: LangDep, next: Annotated[str, Query(max_length=500)] = "/") -> HTMLResponse:
    return _login_page(lang, next, "")


@router.post("/login", response_class=HTMLResponse, response_model=None, summary="Log in from the form; back to the page it came from")
def login(
    library: LibraryDep,
    lang: LangDep,
    login: Annotated[str, Form(max_length=200)],
    secret: Annotated[str, Form(max_length=200)],
    next: Annotated[str, Form(max_length=500)] = "/",
) -> HTMLResponse | RedirectResponse:
    try:
        person = library.people.authenticate(login, secret)
    except BadCredentials as error:
        return _login_page(lang, next, error.message(lang), status=401)
    response = RedirectResponse(_local(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, library.people.start_session(person.id), httponly=True, samesite="lax")
    return response


@router.post("/logout", response_class=RedirectResponse, summary="Log out from the page; back to the catalog")
def logout(request: Request, library: LibraryDep, lang: LangDep) -> RedirectResponse:
    session = request.cookies.get(SESSION_COOKIE)
    if session:
        library.people.end_session(session)
    response = RedirectResponse(f"/?lang={lang}", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


def _login_page(lang: str, next: str, error: str, status: int = 200) -> HTMLResponse:
    t = _t(lang)
    alert = f'<p role="alert">{escape(error)}</p>' if error else ""
    body = (
        f"<h1>{t('page_login')}</h1>{alert}"
        f'<form method="post" action="/login?lang={lang}">'
        f'<input type="hidden" name="next" value="{escape(_local(next))}">'
        f'<p><label for="login">{t("page_login_field")}</label> '
        f'<input id="login" name="login" autocomplete="username" required></p>'
        f'<p><label for="secret">{t("page_secret_field")}</label> '
        f'<input id="secret" name="secret" type="password" autocomplete="current-password" required></p>'
        f'<p><button type="submit">{t("page_login")}</button></p></form>'
    )
    return _page(lang, t("page_login"), body, status)


def _account(person: Person | None, lang: str, here: str) -> str:
    t = _t(lang)
    if person is None:
        return f'<p><a href="/login?lang={lang}&amp;next={escape(here)}">{t("page_login")}</a></p>'
    return (
        f'<form method="post" action="/logout?lang={lang}"><p>{t("page_logged_in", name=person.name or person.login)} '
        f'<button type="submit">{t("page_logout")}</button></p></form>'
    )


def _local(path: str) -> str:
    """``path`` if it stays on this site ("/…" but not "//…"), else the catalog page."""
    return path if path.startswith("/") and not path.startswith("//") and "\\" not in path else "/"


def _format_name(fmt: str, lang: str) -> str:
    return translate(f"format_{fmt}", lang) if f"format_{fmt}" in MESSAGES else fmt.upper()


def _t(lang: str):
    return lambda code, **params: escape(translate(code, lang, **params), quote=False)


def _page(lang: str, title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(status_code=status, content=
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} — AccessReader</title></head><body><main>{body}</main></body></html>",
    )
