"""OPDS 1.2 feeds read back as XML and by a real OPDS client library (feedparser): navigation,
acquisition links per format with their media types, tokens carried along, HTTP Basic downloads."""

from __future__ import annotations

import io
import zipfile

import feedparser
import httpx
from fastapi.testclient import TestClient
from lxml import etree

from accessreader.server import create_app
from accessreader.service.library import MEDIA_TYPES
from tests.servicekit import READER, VISITOR, book, make_library, wait_done
from tests.webkit import serve, stop

ACQUISITION = "http://opds-spec.org/acquisition"
EVERY_FORMAT = ("brf", "pef", "ubrl", "mp3", "m4b", "daisy", "epub3")

NS = {"a": "http://www.w3.org/2005/Atom", "dc": "http://purl.org/dc/terms/"}


def test_feeds_link_each_titles_accessible_formats_with_the_readers_token(tmp_path):
    library = make_library(tmp_path)
    worker = library.jobs.worker(1)
    worker.start()
    try:
        added = library.add(book("Kitaphana"), "kitaphana.txt")
        wait_done(library, added.job)
    finally:
        worker.stop()
    token = library.people.issue_token(library.people.by_login(READER[0]).id).secret
    client = TestClient(create_app(library.settings, library))

    root = client.get("/opds", params={"token": token, "lang": "kk"})
    assert root.headers["content-type"] == "application/atom+xml;profile=opds-catalog;kind=navigation"
    nav = etree.fromstring(root.content)
    assert nav.findtext("a:title", namespaces=NS) == "AccessReader кітапханасы: қолжетімді кітаптар"
    new_href = nav.find("a:entry/a:link[@rel='http://opds-spec.org/sort/new']", NS).get("href")

    newest = client.get(new_href)
    assert newest.headers["content-type"] == "application/atom+xml;profile=opds-catalog;kind=acquisition"
    feed = etree.fromstring(newest.content)
    [entry] = feed.findall("a:entry", NS)
    assert entry.findtext("a:title", namespaces=NS) == "Kitaphana"
    assert entry.xpath("dc:language/text()", namespaces=NS) == library.catalog.get(added.title.id).languages != []
    links = entry.findall("a:link[@rel='http://opds-spec.org/acquisition']", NS)
    assert [link.get("type") for link in links] == [
        "application/x-brf",
        "application/x-pef+xml",
        "text/plain; charset=utf-8",
    ]
    assert all(f"token={token}" in link.get("href") for link in links)

    assert [link.get("title") for link in links][0] == "Брайль принтеріне арналған файл (BRF)"
    download = client.get(links[0].get("href"))  # an app with only the feed's links can fetch the book
    assert download.status_code == 200 and download.content.startswith(b"\r\n")
    assert [e.login for e in library.audit.entries()] == [READER[0]]

    found = etree.fromstring(client.get("/opds/search", params={"q": "kitap"}).content)
    assert found.xpath("a:entry/a:title/text()", namespaces=NS) == ["Kitaphana"]
    assert "token=" not in client.get("/opds/new").text  # no token asked, none handed out
    library.close()


def test_a_reading_app_reads_the_feeds_and_downloads_every_format_with_card_number_and_pin(tmp_path):
    service, server, thread = serve(tmp_path, formats=EVERY_FORMAT)
    try:
        root = feedparser.parse(f"{service.base}/opds")  # the app fetches, as it would
        assert root.status == 200 and not root.bozo
        [newest] = [link.href for e in root.entries for link in e.links if link.rel.endswith("/sort/new")]
        feed = feedparser.parse(newest)
        entry = next(e for e in feed.entries if e.title == "Дала әндері")
        assert entry.title_detail.language == "kk"
        offered = [(link.type, link.href) for link in entry.links if link.rel == ACQUISITION]
        assert sorted(kind for kind, _ in offered) == sorted(MEDIA_TYPES[fmt] for fmt in EVERY_FORMAT)

        with httpx.Client() as app:
            asked = app.get(offered[0][1])  # no credentials: the app is asked for them
            assert asked.status_code == 401 and asked.headers["www-authenticate"].startswith(
                'Basic realm="AccessReader"'
            )
            assert app.get(offered[0][1], auth=(READER[0], "0000")).status_code == 401  # a wrong PIN
            assert app.get(offered[0][1], auth=VISITOR).status_code == 403  # not registered print-disabled
            for kind, href in offered:
                got = app.get(href, auth=READER)
                assert got.status_code == 200 and got.headers["content-type"] == kind, href
                if kind in ("application/zip", "application/epub+zip"):
                    assert zipfile.ZipFile(io.BytesIO(got.content)).testzip() is None
            assert app.post(f"{service.base}/api/tokens", auth=READER).status_code == 401  # Basic is for reads only
            people = service.library.people
            people.update(people.by_login(READER[0]).id, active=False)  # a card withdrawn: refused at once
            assert app.get(offered[0][1], auth=READER).status_code in (401, 403)
        logins = [e.login for e in service.library.audit.entries()]
        assert logins.count(READER[0]) == len(EVERY_FORMAT) and VISITOR[0] not in logins
    finally:
        stop(server, thread, service.library)
