"""OPDS 1.2 feeds read back as XML: navigation, acquisition links per format, tokens carried along."""

from __future__ import annotations

from fastapi.testclient import TestClient
from lxml import etree

from accessreader.server import create_app
from tests.servicekit import READER, book, make_library, wait_done

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

    download = client.get(links[0].get("href"))  # an app with only the feed's links can fetch the book
    assert download.status_code == 200 and download.content.startswith(b"\r\n")
    assert [e.login for e in library.audit.entries()] == [READER[0]]

    found = etree.fromstring(client.get("/opds/search", params={"q": "kitap"}).content)
    assert found.xpath("a:entry/a:title/text()", namespaces=NS) == ["Kitaphana"]
    assert "token=" not in client.get("/opds/new").text  # no token asked, none handed out
    library.close()
