"""OPDS 1.2 feeds, so reading apps can browse the library and fetch accessible copies.

    GET /opds              navigation feed: newest titles, search
    GET /opds/new          acquisition feed, newest first, paged (rel next)
    GET /opds/search?q=    acquisition feed of a catalog search
    GET /opds/search.xml   OpenSearch description of that search

Each entry links every accessible format of its title (rel
``http://opds-spec.org/acquisition``).  A reader's ``?token=`` is carried into
every link, so an app given one feed address can follow and download with it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated
from urllib.parse import urlencode
from xml.etree import ElementTree as ET

from fastapi import APIRouter, Depends, Query, Request, Response

from ..messages import translate
from ..service.catalog import Title
from ..service.library import Library
from .deps import library_of
from .i18n import interface_language

router = APIRouter(prefix="/opds", tags=["opds"])

ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/terms/"
OPDS = "http://opds-spec.org/2010/catalog"
NAVIGATION = "application/atom+xml;profile=opds-catalog;kind=navigation"
ACQUISITION = "application/atom+xml;profile=opds-catalog;kind=acquisition"
PAGE = 50

ET.register_namespace("", ATOM)
ET.register_namespace("dc", DC)
ET.register_namespace("opds", OPDS)


@router.get("", summary="OPDS navigation feed", response_class=Response, responses={200: {"content": {NAVIGATION: {}}}})
def navigation(request: Request, lang: Annotated[str, Depends(interface_language)]) -> Response:
    feed = _feed(request, "urn:accessreader:root", translate("opds_library", lang), _link(request, "/opds"), NAVIGATION)
    _search_link(feed, request)
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    _text(entry, "title", translate("opds_new", lang))
    _text(entry, "id", "urn:accessreader:new")
    _text(entry, "updated", _now())
    _text(entry, "content", translate("opds_new_about", lang))
    ET.SubElement(
        entry,
        f"{{{ATOM}}}link",
        rel="http://opds-spec.org/sort/new",
        href=_link(request, "/opds/new"),
        type=ACQUISITION,
    )
    return _response(feed, NAVIGATION)


@router.get(
    "/new",
    summary="OPDS acquisition feed: newest titles",
    response_class=Response,
    responses={200: {"content": {ACQUISITION: {}}}},
)
def newest(
    request: Request,
    library: Annotated[Library, Depends(library_of)],
    lang: Annotated[str, Depends(interface_language)],
    page: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> Response:
    titles = library.catalog.titles(offset=page * PAGE, limit=PAGE + 1)
    feed = _feed(
        request,
        f"urn:accessreader:new:{page}",
        translate("opds_new", lang),
        _link(request, "/opds/new", page=page),
        ACQUISITION,
    )
    _search_link(feed, request)
    if len(titles) > PAGE:
        ET.SubElement(
            feed, f"{{{ATOM}}}link", rel="next", href=_link(request, "/opds/new", page=page + 1), type=ACQUISITION
        )
    for title in titles[:PAGE]:
        _entry(feed, request, title)
    return _response(feed, ACQUISITION)


@router.get(
    "/search",
    summary="OPDS acquisition feed: catalog search",
    response_class=Response,
    responses={200: {"content": {ACQUISITION: {}}}},
)
def search(
    request: Request,
    library: Annotated[Library, Depends(library_of)],
    lang: Annotated[str, Depends(interface_language)],
    q: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    feed = _feed(
        request,
        "urn:accessreader:search",
        translate("opds_search", lang, query=q),
        _link(request, "/opds/search", q=q),
        ACQUISITION,
    )
    for title in library.catalog.search(q, limit=PAGE) if q.strip() else []:
        _entry(feed, request, title)
    return _response(feed, ACQUISITION)


@router.get("/search.xml", summary="OpenSearch description of the catalog search", response_class=Response)
def opensearch(request: Request, lang: Annotated[str, Depends(interface_language)]) -> Response:
    namespace = "http://a9.com/-/spec/opensearch/1.1/"
    root = ET.Element(f"{{{namespace}}}OpenSearchDescription")
    ET.SubElement(root, f"{{{namespace}}}ShortName").text = "AccessReader"
    ET.SubElement(root, f"{{{namespace}}}Description").text = translate("opds_library", lang)
    template = (
        _link(request, "/opds/search") + ("&" if "?" in _link(request, "/opds/search") else "?") + "q={searchTerms}"
    )
    ET.SubElement(root, f"{{{namespace}}}Url", type=ACQUISITION, template=template)
    return Response(
        ET.tostring(root, encoding="utf-8", xml_declaration=True), media_type="application/opensearchdescription+xml"
    )


def _feed(request: Request, feed_id: str, title: str, self_href: str, kind: str) -> ET.Element:
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", feed_id)
    _text(feed, "title", title)
    _text(feed, "updated", _now())
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "AccessReader")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_href, type=kind)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="start", href=_link(request, "/opds"), type=NAVIGATION)
    return feed


def _entry(feed: ET.Element, request: Request, title: Title) -> None:
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    _text(entry, "title", title.title)
    _text(entry, "id", f"urn:accessreader:title:{title.id}")
    _text(entry, "updated", title.updated_at.astimezone(UTC).isoformat())
    for name in title.authors:
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        _text(author, "name", name)
    for code in title.languages:
        ET.SubElement(entry, f"{{{DC}}}language").text = code
    if title.description:
        _text(entry, "summary", title.description)
    ET.SubElement(
        entry, f"{{{ATOM}}}link", rel="alternate", href=_link(request, f"/titles/{title.id}"), type="text/html"
    )
    for rendition in title.renditions:
        ET.SubElement(
            entry,
            f"{{{ATOM}}}link",
            rel="http://opds-spec.org/acquisition",
            href=_link(request, f"/api/titles/{title.id}/download/{rendition.fmt}"),
            type=rendition.media_type,
            title=rendition.fmt.upper(),
        )


def _search_link(feed: ET.Element, request: Request) -> None:
    ET.SubElement(
        feed,
        f"{{{ATOM}}}link",
        rel="search",
        href=_link(request, "/opds/search.xml"),
        type="application/opensearchdescription+xml",
    )


def _link(request: Request, path: str, **params: object) -> str:
    """An absolute link to ``path`` carrying the caller's token and language."""
    carried = {k: request.query_params[k] for k in ("token", "lang") if request.query_params.get(k)}
    query = urlencode({**{k: v for k, v in params.items() if v not in ("", None)}, **carried})
    return f"{str(request.base_url).rstrip('/')}{path}" + (f"?{query}" if query else "")


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _response(feed: ET.Element, media_type: str) -> Response:
    return Response(ET.tostring(feed, encoding="utf-8", xml_declaration=True), media_type=media_type)
