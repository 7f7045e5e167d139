"""The web reader: server-rendered, accessible pages over the library (Jinja2 templates).

    /                         catalog and search: title matches, then places in the books' text
    /titles/{id}              a title: facts, chapters to read, listen, downloads, podcast, conversion
                              (while its job reads the book: the first chapters, the rest "being prepared")
    /titles/{id}/read/{n}     chapter n as HTML (lang on every block); the place is saved as you read,
                              to the sentence, and the page opens at it
    /titles/{id}/listen       audio player with chapters, resuming from the saved place; the text being
                              read, its spoken sentence highlighted and followed (read-along); the
                              reader's voice per language, rate and read-along (POST: remembered)
    /titles/{id}/podcast      (POST) a new personal token → the private feed's address
    /titles/{id}/cover.jpg    the title's cover (the title in large type): players' and podcast apps' artwork
    /tokens                   reading apps: the OPDS address, the reader's tokens; make (POST) and
                              revoke (POST /tokens/{id}/revoke) one
    /login /logout            card number and PIN (staff: login and password)
    /staff/upload             upload books (staff)
    /staff/jobs               conversion jobs with live progress (staff)
    /staff/titles/{id}/proof/{n}   print beside braille for chapter n (staff)
    /people /people/{id}      people: list, add, change, new PIN or password, revoke tokens (admins)

Pages read the application layer and render templates in ``templates/`` with the
reader's interface language (``i18n.py``); the scripts in ``static/`` only add to
pages that work without them (saving the place, the player's chapters, job progress).
A page that needs rights sends a visitor to the login form and back (``LoginNeeded``,
answered in ``errorpages.py`` with every other failure).  Every form that changes
something for a logged-in person (people, upload, podcast address, logout) carries a
token made from the session (``csrf_token``) that another site cannot know, besides
the SameSite session cookie.
"""

from __future__ import annotations

import hmac
import secrets
from functools import lru_cache
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request, UploadFile
from fastapi import Path as InPath
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from ..content.safety import human_size
from ..errors import AccessReaderError, BadCredentials, NotFound, SecretsDiffer, TooManyAttempts
from ..messages import MESSAGES, translate
from ..model import Document, Locator, Outline
from ..service.catalog import Title
from ..service.jobs import STAGES
from ..service.library import MEDIA_TYPES, Library
from ..service.listening import Choice, checked, offered
from ..service.people import ADMIN, READER, ROLES, STAFF, Person
from ..service.rights import MANAGE_TITLES, READ
from ..tts.cover import cover_image
from ..tts.engines import DEFAULT_RATE, MAX_RATE, MIN_RATE
from . import i18n
from .deps import SESSION_COOKIE, LangDep, LibraryDep, PersonDep, TitleId, joined_redirect, read_upload, status_of
from .errorpages import error_page
from .pages import HERE, LOGIN_FORM_COOKIE, Admin, OurPage, Reader, Staff, form_token, from_our_page, page
from .reading import anchor, html_lang, render_chapter, text_link

router = APIRouter(include_in_schema=False)

STATIC = {name: HERE / "static" / name for name in ("site.css", "reader.js", "player.js", "jobs.js")}


def _admin_form(request: Request, admin: Admin, csrf: Annotated[str, Form(max_length=100)]) -> Person:
    """The admin sending a people form from this site's own page; else refused."""
    from_our_page(request, csrf)
    return admin


AdminFormDep = Annotated[Person, Depends(_admin_form)]


def _typed_twice(secret: str, again: str) -> str:
    if secret != again:
        raise SecretsDiffer()
    return secret


@router.get("/static/{name}")
def static(name: str) -> FileResponse:
    if name not in STATIC:
        raise NotFound(what=name)
    kind = "text/css" if name.endswith(".css") else "text/javascript"
    return FileResponse(STATIC[name], media_type=kind, headers={"Cache-Control": "max-age=3600"})


@router.get("/", response_class=HTMLResponse)
def index(request: Request, library: LibraryDep, lang: LangDep, person: PersonDep,
          q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:  # fmt: skip
    found = library.catalog.search(q, limit=100) if q.strip() else library.catalog.titles(limit=100)
    hits = [(title, hit, text_link(hit)) for title, hit in library.catalog.search_text(q)] if q.strip() else []
    return page(request, lang, person, "catalog.html", q=q, titles=found, hits=hits)


@router.get("/titles/{title_id}", response_class=HTMLResponse)
def title_page(request: Request, title_id: TitleId, library: LibraryDep, lang: LangDep, person: PersonDep) -> Response:
    try:
        title = library.catalog.get(title_id)
    except NotFound as missing:  # its book joined another title: go there
        return joined_redirect(library, title_id, "/titles", missing)
    try:  # the chapters' titles alone (no chapter read); a preview's while the job reads the rest
        outline, prepared = library.catalog.outline(title_id), library.catalog.prepared(title_id)
    except NotFound:  # not read yet
        outline, prepared = None, None
    resume = _saved_place(library, person, title, outline) if outline is not None else None
    if resume is not None and prepared is not None and resume.chapter >= prepared:
        resume = None  # that chapter is still being read
    jobs = library.jobs.list(title=title.id, limit=1)
    job = jobs[0] if jobs and jobs[0].status != "done" else None
    return page(
        request, lang, person, "title.html", title=title, outline=outline, prepared=prepared, resume=resume, job=job,
        resume_anchor=anchor(library.catalog.chapter(title_id, resume.chapter), resume) if resume else "",
        job_stage=translate(f"stage_{job.stage}", lang) if job else "", job_error=job.error(lang) if job else "",
        preparing=translate("title_preparing", lang) if prepared is not None else "",
        being_prepared=translate("chapter_preparing", lang), downloads=_downloads(title, lang),
        sources=library.catalog.sources(title.id) if library.may(person, MANAGE_TITLES) else [],
    )  # fmt: skip


@router.get("/titles/{title_id}/read/{number}", response_class=HTMLResponse)
def read_chapter(request: Request, title_id: TitleId, number: int, library: LibraryDep, lang: LangDep,
                 person: Reader) -> HTMLResponse:  # fmt: skip
    title, document, chapter = library.read_chapter(person, title_id, number)
    saved = _saved_place(library, person, title, document)
    return page(
        request, lang, person, "chapter.html", title=title, number=number, count=len(document.chapters),
        chapter_title=_chapter_title(document, number - 1), content=render_chapter(chapter, lang),
        resume=anchor(chapter, saved) if saved and saved.chapter == number - 1 else "", html_lang=html_lang,
    )  # fmt: skip


def _listen_page(request: Request, library: Library, lang: str, reader: Person, title_id: int, status: int = 200,
                 error: str = "", done: str = "", choice: Choice | None = None, rate: str | None = None
                 ) -> HTMLResponse:  # fmt: skip
    """The player, the voice form (``choice``: what was sent, else the saved one) and the text being read."""
    title = library.catalog.get(title_id)
    chapters = library.audiobooks.chapters(title_id)
    remembered = library.listening.get(reader.id)  # what the player speaks with, whatever the form shows
    choice = choice or remembered
    saved = library.position(reader, title_id)
    shown = next((c for c in chapters if saved and c.index == saved.chapter), chapters[0] if chapters else None)
    text = render_chapter(library.read_chapter(reader, title_id, shown.index + 1)[2], lang) if shown else ""
    _ = i18n.gettext(lang)
    languages = {"kk": _("Kazakh voice"), "ru": _("Russian voice"), "en": _("English voice")}
    return page(request, lang, reader, "listen.html", status=status, title=title, chapters=chapters, shown=shown,
                text=text, choice=choice, own=remembered.own, offered=offered(), voice_labels=languages, min_rate=MIN_RATE,
                max_rate=MAX_RATE, default_rate=DEFAULT_RATE, error=error, done=done,
                rate=choice.rate or "" if rate is None else rate)  # fmt: skip


@router.get("/titles/{title_id}/listen", response_class=HTMLResponse)
def listen(request: Request, title_id: TitleId, library: LibraryDep, lang: LangDep, person: Reader,
           saved: Annotated[str, Query(max_length=10)] = "") -> HTMLResponse:  # fmt: skip
    _ = i18n.gettext(lang)
    done = _("Your voice and speed are saved.") if saved == "voice" else ""
    return _listen_page(request, library, lang, person, title_id, done=done)


@router.post("/titles/{title_id}/listen", response_class=HTMLResponse, response_model=None,
             dependencies=[OurPage])  # fmt: skip
def choose_voice(
    request: Request,
    title_id: TitleId,
    library: LibraryDep,
    lang: LangDep,
    reader: Reader,
    voice_kk: Annotated[str, Form(max_length=100)] = "",
    voice_ru: Annotated[str, Form(max_length=100)] = "",
    voice_en: Annotated[str, Form(max_length=100)] = "",
    rate: Annotated[str, Form(max_length=20)] = "",
    read_along: Annotated[bool, Form()] = False,
) -> Response:
    """Remember the reader's voices, rate and read-along; a value not offered is refused (422) at the form."""
    sent = {"kk": voice_kk, "ru": voice_ru, "en": voice_en}
    try:
        library.listening.save(reader.id, checked(sent, rate, read_along))
    except AccessReaderError as error:
        kept = Choice({lang: key for lang, key in sent.items() if key}, None, read_along)
        return _listen_page(request, library, lang, reader, title_id, status=status_of(error),
                            error=error.message(lang), choice=kept, rate=rate)  # fmt: skip
    return RedirectResponse(f"/titles/{title_id}/listen?saved=voice", status_code=303)


@router.get("/titles/{title_id}/cover.jpg")
def cover(title_id: TitleId, library: LibraryDep) -> Response:
    """The title's cover, public like its page: podcast apps fetch the feed's artwork without the token."""
    title = library.catalog.get(title_id)
    image = _cover(title.title, ", ".join(title.authors))
    return Response(image, media_type="image/jpeg", headers={"Cache-Control": "max-age=86400"})


#: The cover's size in pixels: podcast apps want artwork of 1400×1400 at least (Apple's rule).
ARTWORK = 1400


@lru_cache(maxsize=64)
def _cover(title: str, author: str) -> bytes:
    return cover_image(title, author, size=ARTWORK)


@router.post("/titles/{title_id}/podcast", response_class=HTMLResponse, dependencies=[OurPage])
def podcast(request: Request, title_id: TitleId, library: LibraryDep, lang: LangDep, reader: Reader) -> HTMLResponse:
    title = library.catalog.get(title_id)
    token = library.people.issue_token(reader.id, f"podcast {title_id}")
    url = f"{str(request.base_url).rstrip('/')}/feeds/titles/{title_id}.rss?token={token.secret}"
    return page(request, lang, reader, "podcast.html", title=title, url=url)


def _tokens_page(request: Request, library: Library, lang: str, reader: Person, done: str = "",
                 address: str = "") -> HTMLResponse:  # fmt: skip
    working = [token for token in library.people.tokens(reader.id) if token.revoked_at is None]
    return page(request, lang, reader, "tokens.html", tokens=working, done=done, address=address,
                opds=f"{str(request.base_url).rstrip('/')}/opds")  # fmt: skip


@router.get("/tokens", response_class=HTMLResponse)
def tokens_page(request: Request, library: LibraryDep, lang: LangDep, reader: Reader,
                saved: Annotated[str, Query(max_length=10)] = "") -> HTMLResponse:  # fmt: skip
    _ = i18n.gettext(lang)
    return _tokens_page(request, library, lang, reader, done=_("The token is revoked.") if saved == "revoked" else "")


@router.post("/tokens", response_class=HTMLResponse, dependencies=[OurPage])
def new_app_token(request: Request, library: LibraryDep, lang: LangDep, reader: Reader,
                  label: Annotated[str, Form(max_length=100)] = "") -> HTMLResponse:  # fmt: skip
    _ = i18n.gettext(lang)
    token = library.people.issue_token(reader.id, label.strip() or _("Reading app"))
    address = f"{str(request.base_url).rstrip('/')}/opds?token={token.secret}"
    return _tokens_page(request, library, lang, reader, address=address)


@router.post("/tokens/{token_id}/revoke", response_class=RedirectResponse, dependencies=[OurPage])
def revoke_app_token(token_id: Annotated[int, InPath(ge=1, le=2**63 - 1)], library: LibraryDep,
                     reader: Reader) -> RedirectResponse:  # fmt: skip
    library.people.revoke_tokens(reader.id, [token_id])
    return RedirectResponse("/tokens?saved=revoked", status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, lang: LangDep, person: PersonDep,
               next: Annotated[str, Query(max_length=500)] = "/") -> HTMLResponse:  # fmt: skip
    form = request.cookies.get(LOGIN_FORM_COOKIE) or secrets.token_urlsafe(32)
    response = page(request, lang, person, "login.html", next=_local(next), error="", login_csrf=form_token(form))
    response.set_cookie(LOGIN_FORM_COOKIE, form, httponly=True, samesite="strict")
    return response


@router.post("/login", response_class=HTMLResponse, response_model=None)
def login(
    request: Request,
    library: LibraryDep,
    lang: LangDep,
    login: Annotated[str, Form(max_length=200)],
    secret: Annotated[str, Form(max_length=200)],
    next: Annotated[str, Form(max_length=500)] = "/",
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    token = form_token(request.cookies.get(LOGIN_FORM_COOKIE, ""))
    if not (token and hmac.compare_digest(token, csrf)):  # a login sent from another site's page
        return RedirectResponse(f"/login?next={quote(_local(next))}", status_code=303)
    try:
        person = library.people.authenticate(login, secret, request.client.host if request.client else "")
    except (BadCredentials, TooManyAttempts) as error:
        status = status_of(error)
        return page(request, lang, None, "login.html", status=status, next=_local(next), error=error.message(lang),
                    login_csrf=token)  # fmt: skip
    response = RedirectResponse(_local(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, library.people.start_session(person.id), httponly=True, samesite="lax")
    return response


@router.post("/logout", response_class=RedirectResponse, dependencies=[OurPage])
def logout(request: Request, library: LibraryDep) -> RedirectResponse:
    session = request.cookies.get(SESSION_COOKIE)
    if session:
        library.people.end_session(session)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/staff/upload", response_class=HTMLResponse)
def upload_form(request: Request, lang: LangDep, person: Staff) -> HTMLResponse:
    return page(request, lang, person, "upload.html", results=[])


@router.post("/staff/upload", response_class=HTMLResponse)
async def upload(request: Request, library: LibraryDep, lang: LangDep, person: Staff,
                 files: list[UploadFile], csrf: Annotated[str, Form(max_length=100)] = "",
                 separate: Annotated[bool, Form()] = False) -> HTMLResponse:  # fmt: skip
    from_our_page(request, csrf)
    results, refusals = [], []
    for item in files:
        name = item.filename or "upload"
        try:
            added = library.add(await read_upload(item, library.settings.max_upload_bytes), name, separate=separate)
            # (name, title, error, what happened when it is not a new title queued for conversion)
            results.append((name, added.title, "", "" if added.created else added.message(lang, named=False)))
        except AccessReaderError as error:
            results.append((name, None, error.message(lang), ""))
            refusals.append(error)
    if refusals and len(refusals) == len(
        results
    ):  # nothing taken: an error page with the first refusal's status (413, 422…)
        return error_page(request, status_of(refusals[0]), [message for _, _, message, _ in results])
    return page(request, lang, person, "upload.html", results=results)


@router.get("/staff/jobs", response_class=HTMLResponse)
def jobs_page(request: Request, library: LibraryDep, lang: LangDep, person: Staff) -> HTMLResponse:
    _ = i18n.gettext(lang)
    labels = {
        "status": {"queued": _("queued"), "running": _("running"), "done": _("done"), "failed": _("failed")},
        "stage": {stage: translate(f"stage_{stage}", lang) for stage in (*STAGES, "failed")},
    }
    jobs = [info.to_dict(lang) for info in library.jobs.list(limit=100)]
    return page(request, lang, person, "jobs.html", jobs=jobs, labels=labels)


@router.get("/staff/titles/{title_id}/proof/{number}", response_class=HTMLResponse)
def proof(request: Request, title_id: TitleId, number: int, library: LibraryDep, lang: LangDep,
          person: Staff) -> HTMLResponse:  # fmt: skip
    return HTMLResponse(library.proof(person, title_id, number, lang))


PersonIdPath = Annotated[int, InPath(ge=1, le=2**63 - 1)]


def _role_names(lang: str) -> dict[str, str]:
    _ = i18n.gettext(lang)
    return {READER: _("Reader"), STAFF: _("Staff"), ADMIN: _("Administrator")}


def _people_page(request: Request, library: Library, lang: str, admin: Person, status: int = 200,
                 error: str = "", done: str = "", entered: dict | None = None) -> HTMLResponse:  # fmt: skip
    return page(
        request, lang, admin, "people.html", status=status, people=library.accounts.list(admin), roles=_role_names(lang),
        error=error, done=done, entered=entered or {"role": READER, "login": "", "name": "", "print_disabled": False},
    )  # fmt: skip


@router.get("/people", response_class=HTMLResponse)
def people_page(request: Request, library: LibraryDep, lang: LangDep, admin: Admin,
                added: Annotated[int, Query(ge=0, le=2**63 - 1)] = 0) -> HTMLResponse:  # fmt: skip
    done = ""
    if added:
        _ = i18n.gettext(lang)
        try:
            done = _("{login} is registered.", login=library.accounts.get(admin, added).login)
        except NotFound:  # removed since, or a made-up number in the address
            pass
    return _people_page(request, library, lang, admin, done=done)


@router.post("/people", response_class=HTMLResponse, response_model=None)
def add_person(
    request: Request,
    library: LibraryDep,
    lang: LangDep,
    admin: AdminFormDep,
    role: Annotated[str, Form(max_length=16)],
    login: Annotated[str, Form(max_length=128)],
    secret: Annotated[str, Form(max_length=200)],
    again: Annotated[str, Form(max_length=200)],
    name: Annotated[str, Form(max_length=200)] = "",
    print_disabled: Annotated[bool, Form()] = False,
) -> Response:
    entered = {
        "role": role if role in ROLES else READER,
        "login": login,
        "name": name,
        "print_disabled": print_disabled,
    }
    try:
        added = library.accounts.add(
            admin, entered["role"], login, _typed_twice(secret, again), name, print_disabled=print_disabled
        )
    except AccessReaderError as error:
        return _people_page(request, library, lang, admin, status=422, error=error.message(lang), entered=entered)
    return RedirectResponse(f"/people?added={added.id}", status_code=303)


#: What the person page says after each of its forms.
_SAVED = ("changed", "secret", "tokens")


def _person_page(request: Request, library: Library, lang: str, admin: Person, person_id: int, status: int = 200,
                 error: str = "", saved: str = "") -> HTMLResponse:  # fmt: skip
    _ = i18n.gettext(lang)
    shown = library.accounts.get(admin, person_id)
    working = sum(1 for token in library.accounts.tokens(admin, person_id) if token.revoked_at is None)
    done = {
        "changed": _("The changes are saved."),
        "secret": _("The new PIN or password is set; the person's sessions have ended."),
        "tokens": _("The tokens are revoked."),
    }.get(saved, "")
    return page(request, lang, admin, "person.html", status=status, shown=shown, roles=_role_names(lang),
                tokens=working, error=error, done=done)  # fmt: skip


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, person_id: PersonIdPath, library: LibraryDep, lang: LangDep, admin: Admin,
                saved: Annotated[str, Query(max_length=10)] = "") -> HTMLResponse:  # fmt: skip
    return _person_page(request, library, lang, admin, person_id, saved=saved if saved in _SAVED else "")


@router.post("/people/{person_id}", response_class=HTMLResponse, response_model=None)
def change_person(
    request: Request,
    person_id: PersonIdPath,
    library: LibraryDep,
    lang: LangDep,
    admin: AdminFormDep,
    name: Annotated[str, Form(max_length=200)] = "",
    print_disabled: Annotated[bool, Form()] = False,
    active: Annotated[bool, Form()] = False,
) -> Response:
    try:
        library.accounts.change(admin, person_id, name=name, print_disabled=print_disabled, active=active)
    except AccessReaderError as error:
        return _person_page(request, library, lang, admin, person_id, status=409, error=error.message(lang))
    return RedirectResponse(f"/people/{person_id}?saved=changed", status_code=303)


@router.post("/people/{person_id}/secret", response_class=HTMLResponse, response_model=None)
def reset_secret(
    request: Request,
    person_id: PersonIdPath,
    library: LibraryDep,
    lang: LangDep,
    admin: AdminFormDep,
    secret: Annotated[str, Form(max_length=200)],
    again: Annotated[str, Form(max_length=200)],
) -> Response:
    try:
        library.accounts.reset(admin, person_id, _typed_twice(secret, again))
    except AccessReaderError as error:
        return _person_page(request, library, lang, admin, person_id, status=422, error=error.message(lang))
    return RedirectResponse(f"/people/{person_id}?saved=secret", status_code=303)


@router.post("/people/{person_id}/tokens", response_class=HTMLResponse, response_model=None)
def revoke_tokens(person_id: PersonIdPath, library: LibraryDep, admin: AdminFormDep) -> Response:
    library.accounts.revoke_tokens(admin, person_id)
    return RedirectResponse(f"/people/{person_id}?saved=tokens", status_code=303)


def _downloads(title: Title, lang: str) -> list[tuple[str, str, str]]:
    """(href, media type, label) of each format."""
    _ = i18n.gettext(lang)
    result = []
    for r in title.renditions:
        name = translate(f"format_{r.fmt}", lang) if f"format_{r.fmt}" in MESSAGES else r.fmt.upper()
        href = f"/api/titles/{title.id}/download/{r.fmt}"
        result.append(
            (
                href,
                MEDIA_TYPES.get(r.fmt, r.media_type),
                _("Download {name}, {size}", name=name, size=human_size(r.size)),
            )
        )
    return result


def _saved_place(library: Library, person: Person | None, title: Title, book: Document | Outline) -> Locator | None:
    """The reader's saved place in ``title`` (from any medium), if it is in one of the book's chapters."""
    if not library.may(person, READ):
        return None
    saved = library.position(person, title.id)
    return saved if saved is not None and 0 <= saved.chapter < len(book.chapters) else None


def _chapter_title(document: Document, index: int) -> str:
    chapter = document.chapters[index]
    if chapter.title:
        return chapter.title
    heading = next((b.text for b in chapter.blocks if b.kind == "heading"), "")
    return heading or str(index + 1)


def _local(path: str) -> str:
    """``path`` if it stays on this site ("/…" but not "//…"), else the catalog page."""
    return path if path.startswith("/") and not path.startswith("//") and "\\" not in path else "/"
