"""JSON routes: parse the request, call the library, shape the answer.

    POST /api/login /api/logout /api/tokens      sessions and per-reader tokens (feed or app scope)
    GET  /api/titles?q=  /api/titles/{id}        the catalog (anyone)
    GET  /api/text?q=                            places in the books' text (anyone; reading them needs rights)
    GET  /api/titles/{id}/download/{fmt}         readers with rights; audit-logged
    POST /api/titles                             uploads, several files (staff)
    GET  /api/jobs  /api/jobs/{id}  POST …/retry conversion jobs (staff)
    GET POST /api/people  GET PATCH /api/people/{id}   people (admins; changes audit-logged)
    PUT /api/people/{id}/secret  DELETE /api/people/{id}/tokens   a new PIN or password, revoke tokens

Secrets go in request bodies only and never come back.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Path, Query, Request, Response, UploadFile
from fastapi.responses import FileResponse, RedirectResponse
from pydantic import BaseModel, Field

from ..errors import BadInput, NotFound, NotLoggedIn
from ..service.catalog import Title
from ..service.jobs import JobInfo
from ..service.library import Imported, Library
from ..service.people import Person
from .deps import (
    AUTH_ERRORS,
    SESSION_COOKIE,
    AppPersonDep,
    ErrorOut,
    LangDep,
    LibraryDep,
    PersonDep,
    Staff,
    TitleId,
    joined_redirect,
    read_upload,
)
from .reading import text_link

router = APIRouter(prefix="/api")


class Login(BaseModel):
    login: str = Field(max_length=200, description="Library card number (readers) or login (staff).")
    secret: str = Field(max_length=200, description="PIN (readers) or password (staff).")


class PersonOut(BaseModel):
    id: int
    role: str
    login: str
    name: str
    print_disabled: bool


class PersonAdminOut(PersonOut):
    active: bool = Field(description="An inactive person cannot log in; their sessions and tokens stopped working.")
    created_at: datetime


class NewPerson(BaseModel):
    role: Literal["reader", "staff", "admin"] = Field(
        description="reader: card number and PIN; staff and admin: login and password."
    )
    login: str = Field(
        min_length=1, max_length=128, pattern=r"\S", description="Library card number (readers) or login."
    )
    secret: str = Field(
        max_length=200, description="PIN (at least 4 characters) or password (at least 8); never shown again."
    )
    name: str = Field("", max_length=200)
    print_disabled: bool = Field(False, description="Registered as a print-disabled reader (Marrakesh Treaty).")


class PersonChange(BaseModel):
    name: str | None = Field(None, max_length=200)
    print_disabled: bool | None = None
    active: bool | None = Field(None, description="false: cannot log in; sessions end and tokens are revoked.")


class NewSecret(BaseModel):
    secret: str = Field(max_length=200, description="The new PIN or password; the person's sessions end.")


class RevokedOut(BaseModel):
    revoked: list[int] = Field(description="The tokens revoked now.")


#: A person's number in paths.
PersonId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The person's number")]


class TokenOut(BaseModel):
    id: int
    label: str
    scope: str = Field(description="feed or app: what the token opens (never people, uploads or other tokens)")
    secret: str = Field(description="Shown this once; send as `Authorization: Bearer …` or `?token=…`.")


class FormatOut(BaseModel):
    format: str
    media_type: str
    size: int
    href: str


class ConversionOut(BaseModel):
    job: str
    status: str
    stage: str
    percent: int
    eta_seconds: float | None
    error: str
    note: str = Field(
        "", description="A job that ended early says why: its book joined a title already in the catalog."
    )


class TitleOut(BaseModel):
    id: int
    title: str
    authors: list[str]
    languages: list[str]
    description: str
    status: str
    added_at: datetime
    formats: list[FormatOut]
    conversion: ConversionOut | None = None


class TextHitOut(BaseModel):
    title: int = Field(description="The title's number.")
    title_name: str = Field(description="The title as the catalog shows it.")
    languages: list[str] = Field(description="The title's languages, main one first.")
    chapter: int = Field(description="The chapter, counted from 1.")
    block: str = Field(description="The block's id: the anchor of its element on the chapter page.")
    excerpt: str = Field(description="The words around the first match (… where cut).")
    href: str = Field(description="The chapter page opened at the block (`/titles/{id}/read/{chapter}#{block}`).")


class UploadOut(BaseModel):
    name: str
    title: int | None = Field(description="The title the file is in; none when it was refused.")
    job: str | None = Field(description="Its conversion job; none when nothing is converted.")
    error: str = Field(description="Why the file was refused, or empty.")
    created: bool = Field(
        description="A new title (true), or the same file was already a source of `title` and nothing was added "
        "(false). A new title whose book is one already in the catalog joins it when its job reads it: the job "
        "then ends `done` with a `note` naming that title, and this title's address redirects (301) there."
    )
    message: str = Field(description="What happened to the file, in the reader's language.")


def title_out(library: Library, title: Title, lang: str = "en", with_job: bool = False) -> TitleOut:
    job = library.jobs.list(title=title.id, limit=1) if with_job else []
    return TitleOut(
        id=title.id,
        title=title.title,
        authors=title.authors,
        languages=title.languages,
        description=title.description,
        status=title.status,
        added_at=title.added_at,
        formats=[
            FormatOut(
                format=r.fmt, media_type=r.media_type, size=r.size, href=f"/api/titles/{title.id}/download/{r.fmt}"
            )
            for r in title.renditions
        ],
        conversion=_conversion(job[0], lang) if job else None,
    )


def _conversion(info: JobInfo, lang: str) -> ConversionOut:
    data = info.to_dict(lang)
    keys = ("status", "stage", "percent", "eta_seconds", "error", "note")
    return ConversionOut(job=info.id, **{k: data[k] for k in keys})


@router.post(
    "/login",
    response_model=PersonOut,
    summary="Log in with card number and PIN (or staff login and password)",
    responses={
        401: {"model": ErrorOut, "description": "Wrong login or PIN."},
        429: {"model": ErrorOut, "description": "Too many wrong attempts: wait and try again."},
    },  # fmt: skip
)
def login(body: Login, request: Request, response: Response, library: LibraryDep) -> PersonOut:
    person = library.people.authenticate(body.login, body.secret, request.client.host if request.client else "")
    response.set_cookie(SESSION_COOKIE, library.people.start_session(person.id), httponly=True, samesite="lax")
    return _person_out(person)


@router.post("/logout", status_code=204, summary="End this session")
def logout(request: Request, library: LibraryDep) -> Response:
    session = request.cookies.get(SESSION_COOKIE)
    if session:
        library.people.end_session(session)
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/me", response_model=PersonOut | None, summary="Who is asking (null for a visitor)")
def me(person: PersonDep) -> PersonOut | None:
    return _person_out(person) if person else None


@router.post(
    "/tokens",
    response_model=TokenOut,
    summary="A new token for reading apps and feeds (with a login)",
    responses={401: AUTH_ERRORS[401]},
)
def new_token(
    person: PersonDep,
    library: LibraryDep,
    label: Annotated[str, Query(max_length=100)] = "",
    scope: Annotated[
        Literal["feed", "app"],
        Query(description="feed: feeds, OPDS, downloads and listening; app: also saving the place"),
    ] = "feed",
) -> TokenOut:
    if person is None:
        raise NotLoggedIn()
    token = library.people.issue_token(person.id, label, scope)
    return TokenOut(id=token.id, label=token.label, scope=token.scope, secret=token.secret)


@router.get("/titles", response_model=list[TitleOut], summary="Search the catalog, or list the newest titles")
def titles(
    library: LibraryDep,
    q: Annotated[str, Query(max_length=200, description="Words of the title, authors or description")] = "",
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[TitleOut]:
    found = (
        library.catalog.search(q, offset=offset, limit=limit)
        if q.strip()
        else library.catalog.titles(offset=offset, limit=limit)
    )
    return [title_out(library, t) for t in found]


@router.get(
    "/text",
    response_model=list[TextHitOut],
    summary="Search the books' text: the places that hold every word, best first (at most 3 per title)",
)
def text_search(
    library: LibraryDep,
    q: Annotated[str, Query(max_length=200, description="Words to find in the books' text")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[TextHitOut]:
    return [
        TextHitOut(
            title=title.id,
            title_name=title.title,
            languages=title.languages,
            chapter=hit.chapter + 1,
            block=hit.block,
            excerpt=hit.excerpt,
            href=text_link(hit),
        )  # fmt: skip
        for title, hit in library.catalog.search_text(q, limit=limit)
    ]


@router.get(
    "/titles/{title_id}",
    response_model=TitleOut,
    summary="One title with its formats and conversion",
    responses={
        301: {"description": "The title's book joined another title (the same work): `Location` is that title."},
        404: {"model": ErrorOut},
    },
)
def title(title_id: TitleId, library: LibraryDep, lang: LangDep) -> TitleOut | RedirectResponse:
    try:
        found = library.catalog.get(title_id)
    except NotFound as missing:
        return joined_redirect(library, title_id, "/api/titles", missing)
    return title_out(library, found, lang, with_job=True)


@router.get(
    "/titles/{title_id}/download/{fmt}",
    response_class=FileResponse,
    summary="Download one format (registered print-disabled readers and staff; logged)",
    responses={200: {"content": {"application/octet-stream": {}}}, **AUTH_ERRORS, 404: {"model": ErrorOut}},
)
def download(title_id: TitleId, fmt: str, person: AppPersonDep, library: LibraryDep) -> FileResponse:
    rendition, path = library.audit.deliver(person, title_id, fmt)
    return FileResponse(path, media_type=rendition.media_type, filename=path.name)


@router.post(
    "/titles",
    response_model=list[UploadOut],
    status_code=201,
    summary="Upload books (staff); each is queued, a file already in the catalog adds nothing, a refused file says why",
    responses={
        **AUTH_ERRORS,
        200: {
            "model": list[UploadOut],
            "description": "Nothing new: every file was already in the catalog (`created` false; `title` is the "
            "title that has it).",
        },
        201: {"description": "The files were taken (or refused, each saying why): see each one's `created`."},
    },
)
async def upload(
    files: Annotated[list[UploadFile], File(description="One or more EPUB, PDF, FB2, DOCX, HTML or TXT files")],
    person: Staff,
    library: LibraryDep,
    lang: LangDep,
    response: Response,
    separate: Annotated[
        bool,
        Form(
            description="Give each book a title of its own even when it is one already in the catalog "
            "(another edition); a file that had joined another title is taken out into its own."
        ),
    ] = False,  # fmt: skip
) -> list[UploadOut]:
    results = []
    for item in files:
        name = item.filename or "upload"
        try:
            added = library.add(await read_upload(item, library.settings.max_upload_bytes), name, separate=separate)
        except BadInput as error:  # this file is refused; the others of the request go on
            added = Imported(_display(name), error=error)
        results.append(
            UploadOut(
                name=added.name,
                title=added.title.id if added.title else None,
                job=added.job,
                error=added.error.message(lang) if added.error else "",
                created=added.created and added.error is None,
                message=added.message(lang),
            )
        )
    if all(result.title is not None and not result.created for result in results):
        response.status_code = 200  # nothing new: every file was already in the catalog
    return results


def _display(name: str) -> str:
    """The uploader's file name without any folders, for messages only."""
    return name.replace("\\", "/").rsplit("/", 1)[-1][:200]


@router.get(
    "/jobs", response_model=list[ConversionOut], summary="Conversion jobs, newest first (staff)", responses=AUTH_ERRORS
)
def jobs(person: Staff, library: LibraryDep, lang: LangDep) -> list[ConversionOut]:
    return [_conversion(info, lang) for info in library.jobs.list()]


@router.get("/jobs/{job}", response_model=ConversionOut, summary="One conversion job (staff)", responses=AUTH_ERRORS)
def job(job: str, person: Staff, library: LibraryDep, lang: LangDep) -> ConversionOut:
    return _conversion(library.jobs.get(job), lang)


@router.post(
    "/jobs/{job}/retry", response_model=ConversionOut, summary="Start a failed job again (staff)", responses=AUTH_ERRORS
)
def retry(job: str, person: Staff, library: LibraryDep, lang: LangDep) -> ConversionOut:
    return _conversion(library.jobs.retry(job), lang)


@router.get(
    "/people",
    response_model=list[PersonAdminOut],
    summary="Everyone registered, by login (admins)",
    responses=AUTH_ERRORS,
)
def people(person: PersonDep, library: LibraryDep) -> list[PersonAdminOut]:
    return [_admin_out(p) for p in library.accounts.list(person)]


@router.post(
    "/people",
    response_model=PersonAdminOut,
    status_code=201,
    summary="Register a reader, staff member or admin (admins; logged)",
    responses=AUTH_ERRORS,
)
def add_person(body: NewPerson, person: PersonDep, library: LibraryDep) -> PersonAdminOut:
    added = library.accounts.add(
        person, body.role, body.login, body.secret, body.name, print_disabled=body.print_disabled
    )
    return _admin_out(added)


@router.get("/people/{person_id}", response_model=PersonAdminOut, summary="One person (admins)", responses=AUTH_ERRORS)
def get_person(person_id: PersonId, person: PersonDep, library: LibraryDep) -> PersonAdminOut:
    return _admin_out(library.accounts.get(person, person_id))


@router.patch(
    "/people/{person_id}",
    response_model=PersonAdminOut,
    summary="Change name, print-disabled registration or active flag (admins; logged)",
    responses=AUTH_ERRORS,
)
def change_person(person_id: PersonId, body: PersonChange, person: PersonDep, library: LibraryDep) -> PersonAdminOut:
    changed = library.accounts.change(
        person, person_id, name=body.name, print_disabled=body.print_disabled, active=body.active
    )
    return _admin_out(changed)


@router.put(
    "/people/{person_id}/secret",
    status_code=204,
    summary="A new PIN or password; the person's sessions end (admins; logged)",
    responses=AUTH_ERRORS,
)
def reset_secret(person_id: PersonId, body: NewSecret, person: PersonDep, library: LibraryDep) -> Response:
    library.accounts.reset(person, person_id, body.secret)
    return Response(status_code=204)


@router.delete(
    "/people/{person_id}/tokens",
    response_model=RevokedOut,
    summary="Revoke all of a person's tokens (admins; logged)",
    responses=AUTH_ERRORS,
)
def revoke_tokens(person_id: PersonId, person: PersonDep, library: LibraryDep) -> RevokedOut:
    return RevokedOut(revoked=library.accounts.revoke_tokens(person, person_id))


def _admin_out(person: Person) -> PersonAdminOut:
    return PersonAdminOut(**_person_out(person).model_dump(), active=person.active, created_at=person.created_at)


def _person_out(person: Person) -> PersonOut:
    return PersonOut(
        id=person.id, role=person.role, login=person.login, name=person.name, print_disabled=person.print_disabled
    )
