"""Hardening against a hostile client and a hostile book, on the running service (SQLite and PostgreSQL):
parallel PIN guessing, token scopes, bodies refused unread, security headers, the login form's token,
and values from a book that would otherwise reach a page as markup."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import sqlalchemy as sa
import uvicorn
from fastapi.testclient import TestClient

from accessreader.content import read
from accessreader.errors import BadInput
from accessreader.model import Block, Document, Span
from accessreader.server import create_app
from accessreader.server.bodies import SMALL_BODY
from accessreader.server.reading import render_chapter
from accessreader.service.people import APP
from accessreader.service.throttle import CARD_CLIENT, CLIENT
from tests.servicekit import ADMIN, READER, STAFF, book, make_library, wait_done
from tests.stores import KINDS, open_test_store
from tests.webkit import free_port


@pytest.fixture(params=KINDS)
def running(request, tmp_path):
    """(base URL, library) of the service on a loopback port, its catalog on SQLite or PostgreSQL."""
    database = {}
    if request.param == "postgresql":
        store = open_test_store("postgresql", tmp_path / "probe", migrate=False)
        database["database"] = store.engine.url.render_as_string(hide_password=False)
        store.close()
    library = make_library(tmp_path, max_upload_mb=1, **database)
    assert library.store.dialect == request.param
    port = free_port()
    config = uvicorn.Config(create_app(library.settings, library), host="127.0.0.1", port=port, log_level="warning",
                            lifespan="off")  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}", library
    server.should_exit = True
    thread.join(10)
    library.close()


def login_all_at_once(base: str, attempts: list[tuple[str, str, str]]) -> Counter:
    """POST every (card, PIN, client address) to /api/login at the same moment; the statuses counted."""
    start = threading.Barrier(len(attempts))

    def attempt(item: tuple[str, str, str]) -> int:
        card, pin, address = item
        with httpx.Client(base_url=base, timeout=60) as session:
            start.wait()
            return session.post(
                "/api/login", json={"login": card, "secret": pin}, headers={"x-forwarded-for": address}
            ).status_code

    with ThreadPoolExecutor(len(attempts)) as pool:
        return Counter(pool.map(attempt, attempts))


def test_parallel_wrong_pins_are_checked_no_more_than_the_limit(running):
    base, _ = running
    statuses = login_all_at_once(base, [(READER[0], f"{n:04d}", "203.0.113.9") for n in range(40)])
    assert statuses == {401: CARD_CLIENT.attempts, 429: 40 - CARD_CLIENT.attempts}
    guesser = httpx.post(f"{base}/api/login", json=dict(zip(("login", "secret"), READER, strict=True)),
                         headers={"x-forwarded-for": "203.0.113.9"})  # fmt: skip
    assert guesser.status_code == 429  # even the right PIN, from the guesser's address
    reader = httpx.post(f"{base}/api/login", json=dict(zip(("login", "secret"), READER, strict=True)),
                        headers={"x-forwarded-for": "192.0.2.1"})  # fmt: skip
    assert reader.status_code == 200  # the reader at home is not locked out by someone else's guessing

    cards = login_all_at_once(base, [(f"7{n:05d}", "0000", "203.0.113.77") for n in range(30)])
    assert cards == {401: CLIENT.attempts, 429: 30 - CLIENT.attempts}  # one address, many cards


def test_a_feed_token_opens_feeds_and_downloads_and_nothing_else(running):
    base, library = running
    admin = library.people.by_login(ADMIN[0])
    feed = library.people.issue_token(admin.id, "podcast 1").secret
    app = library.people.issue_token(admin.id, "phone", scope=APP).secret
    with httpx.Client(base_url=base, timeout=30) as anyone:
        for token in (feed, app):
            made = anyone.post("/api/people", params={"token": token}, json={"role": "admin", "login": "usurper",
                                                                               "secret": "long enough"})  # fmt: skip
            assert made.status_code == 403 and made.json()["error"] == "token_scope"
            bearer = {"authorization": f"Bearer {token}"}
            assert anyone.post("/api/tokens", headers=bearer).status_code == 403  # no token makes another
            assert anyone.get("/api/jobs", headers=bearer).status_code == 403
            assert anyone.get("/api/people", headers=bearer).status_code == 403
            assert anyone.get("/opds/new", headers=bearer).status_code == 200
            assert anyone.get("/api/me", headers=bearer).json()["login"] == ADMIN[0]
            page = anyone.get("/people", params={"token": token}, headers={"accept": "text/html"})
            assert page.status_code == 403 and "usurper" not in page.text  # nor the web pages
        assert library.people.by_login("usurper") is None
        assert anyone.get("/api/me", params={"token": "forged"}).json() is None
    uses = library.people.token_uses(admin.id)
    assert ("POST", "/api/people", False) in [(u.method, u.path, u.allowed) for u in uses]
    assert ("GET", "/api/me", True) in [(u.method, u.path, u.allowed) for u in uses]
    assert {u.address for u in uses} == {"127.0.0.1"}


def test_an_app_token_saves_the_place_and_a_feed_token_does_not(tmp_path):
    library = make_library(tmp_path)
    worker = library.jobs.worker(1)
    worker.start()
    try:
        added = library.add(book("Орын"), "place.txt")
        wait_done(library, added.job)
    finally:
        worker.stop()
    reader = library.people.by_login(READER[0])
    feed = library.people.issue_token(reader.id, "podcast").secret
    app = library.people.issue_token(reader.id, "phone", scope=APP).secret
    place = {"chapter": 1, "seconds": 0}
    url = f"/api/titles/{added.title.id}/position"
    with TestClient(create_app(library.settings, library)) as anyone:
        refused = anyone.put(url, params={"token": feed}, json=place)
        assert refused.status_code == 403 and refused.json()["error"] == "token_scope"
        assert anyone.put(url, params={"token": app}, json=place).status_code == 200
        assert anyone.get(url, params={"token": app}).json()["chapter"] == 1
        assert anyone.get(f"/api/titles/{added.title.id}/download/brf", params={"token": feed}).status_code == 200
    library.close()


def raw_request(base: str, head: str, body: bytes = b"") -> int:
    """Send ``head`` and the start of a body the headers promise more of; the status answered meanwhile."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=20) as connection:
        connection.sendall(head.encode() + b"\r\n" + body)
        return int(connection.recv(65536).split(b" ", 2)[1])


def test_oversized_and_anonymous_upload_bodies_are_refused_unread(running, tmp_path):
    base, library = running
    gigabyte = 1024**3
    upload = (
        f"POST /api/titles HTTP/1.1\r\nHost: x\r\nContent-Length: {gigabyte}\r\n"
        "Content-Type: multipart/form-data; boundary=b\r\n"
    )
    status = raw_request(base, upload, b"--b\r\n")  # a visitor: refused before the 1 GB arrives
    assert status == 401
    status = raw_request(base, upload.replace("Host: x", "Host: x\r\nAccept: application/json"), b"--b\r\n")
    assert status == 401
    staff = library.people.start_session(library.people.by_login(STAFF[0]).id)
    status = raw_request(base, upload.replace("Host: x", f"Host: x\r\nCookie: accessreader_session={staff}"))
    assert status == 413  # staff too: over the upload limit, refused before it arrives
    login = (
        f"POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: {200 * 1024**2}\r\nContent-Type: application/json\r\n"
    )
    assert raw_request(base, login, b'{"login": "') == 413

    with httpx.Client(base_url=base, timeout=30) as session:
        pieces = (b'{"login": "' + b"9" * (64 * 1024) for _ in range(100))  # chunked, no length: 6.4 MB
        answer = session.post("/api/login", content=pieces, headers={"content-type": "application/json"})
        assert answer.status_code == 413 and answer.json()["error"] == "file_too_large"
        assert session.post("/api/login", json={"login": READER[0], "secret": READER[1]}).status_code == 200
        small = session.put("/api/titles/1/position", content=b" " * (SMALL_BODY + 1),
                            headers={"content-type": "application/json"})  # fmt: skip
        assert small.status_code == 413
        session.post("/api/login", json={"login": STAFF[0], "secret": STAFF[1]})
        files = [("files", ("one.txt", book("Бір"), "text/plain"))]
        assert session.post("/api/titles", files=files).status_code == 201  # staff uploads as before
    assert library.catalog.count() == 1


def test_every_answer_carries_the_security_headers_and_https_marks_cookies_secure(tmp_path):
    library = make_library(tmp_path, https=True)
    with TestClient(create_app(library.settings, library)) as client:
        for path in ("/", "/login", "/api/titles", "/no/such/page", "/static/reader.js"):
            headers = client.get(path).headers
            policy = headers["content-security-policy"]
            assert "script-src 'self'" in policy and "unsafe-inline" not in policy, path
            assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
            assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
            assert headers["referrer-policy"] == "no-referrer"
            assert headers["strict-transport-security"].startswith("max-age=")
        answer = client.post("/api/login", json={"login": READER[0], "secret": READER[1]})
        assert "secure" in answer.headers["set-cookie"].lower() and "httponly" in answer.headers["set-cookie"].lower()
    library.close()
    plain = make_library(tmp_path / "plain")
    with TestClient(create_app(plain.settings, plain)) as client:
        answer = client.post("/api/login", json={"login": READER[0], "secret": READER[1]})
        assert "secure" not in answer.headers["set-cookie"].lower()  # plain HTTP: a Secure cookie would be lost
        assert "strict-transport-security" not in answer.headers
    plain.close()


def test_the_login_form_needs_its_own_token(tmp_path):
    library = make_library(tmp_path)
    with TestClient(create_app(library.settings, library), follow_redirects=False) as client:
        form = {"login": READER[0], "secret": READER[1], "next": "/"}
        forged = client.post("/login", data=form)  # another site's page posting to ours: not logged in
        assert forged.status_code == 303 and forged.headers["location"].startswith("/login")
        assert "accessreader_session" not in client.cookies
        page = client.get("/login").text
        token = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        assert len(token) == 64
        assert client.post("/login", data={**form, "csrf": "0" * 64}).status_code == 303
        assert "accessreader_session" not in client.cookies
        assert client.post("/login", data={**form, "csrf": token}).headers["location"] == "/"
        assert "accessreader_session" in client.cookies
    library.close()


HOSTILE_HTML = b"""<html lang='en"><script>alert(1)</script>'><head><title>Title</title></head><body>
<p lang='kk" onfocus="alert(2)" autofocus x="'>Paragraph <span lang='en"><script>alert(4)</script>'>inside</span>.
<a href="javascript:alert(3)">link</a> <a href=" JaVa&#x09;script:alert(5)" epub:type="noteref">1</a></p>
</body></html>"""


def test_a_books_lang_values_are_language_tags_or_dropped(caplog):
    document = read(HOSTILE_HTML, "hostile.html")
    html = "".join(render_chapter(chapter, "en") for chapter in document.chapters)
    assert "<script" not in html and "onfocus" not in html and "javascript" not in html.lower()
    assert all(block.lang in ("kk", "ru", "en", "und") for _, block in document.blocks())
    assert "not a BCP 47 language tag" in caplog.text
    assert Block("c0b0", "paragraph", "x", lang="ru-Cyrl-KZ").lang == "ru-Cyrl-KZ"  # well-formed tags stay
    assert Block("c0b0", "paragraph", "x", lang='en" onclick="x').lang == "und"
    assert Span("noteref", 0, 1, "data:text/html,<script>").value == ""
    assert Span("lang", 0, 1, "x-klingon").value == "x-klingon"


def test_a_stored_document_with_ids_or_references_of_its_own_is_refused():
    good = Document.from_json(read(HOSTILE_HTML, "hostile.html").to_json())  # our own ids read back
    stored = json.loads(good.to_json())
    hostile = [
        ("id", '"><img src=x onerror=alert(1)>'),
        ("id", "c0b0 autofocus onfocus=alert(1)"),
        ("note_ref", "javascript:alert(1)"),
    ]
    for key, value in hostile:
        changed = json.loads(json.dumps(stored))
        changed["chapters"][0]["blocks"][0][key] = value
        with pytest.raises(ValueError):
            Document.from_dict(changed)
        with pytest.raises(BadInput):  # uploaded as a .txt, it is sniffed as a stored Document and refused
            read(json.dumps(changed).encode(), "story.txt")
    sneaky = json.loads(json.dumps(stored))
    sneaky["chapters"][0]["blocks"][0]["lang"] = 'en" onfocus="alert(1)" autofocus x="'
    document = Document.from_dict(sneaky)
    assert document.chapters[0].blocks[0].lang == "und"
    assert "onfocus" not in render_chapter(document.chapters[0], "en")


def test_a_data_folder_that_cannot_be_written_fails_the_job_clearly_and_the_worker_goes_on(tmp_path):
    library = make_library(tmp_path)
    work = library.settings.data / "work"
    if work.is_dir():
        work.rmdir()
    work.write_text("not a folder")  # the job's folder cannot be made (as a vanished or read-only folder)
    worker = library.jobs.worker(1)
    worker.start()
    try:
        added = library.add(book("Жазылмайды"), "unwritable.txt")
        failed = wait_done(library, added.job)
        assert failed.status == "failed"
        message = failed.error("en")
        assert message.startswith(f"Cannot write to {work}") and "Something went wrong" not in message
        assert str(work) in failed.error("kk") and "жазу мүмкін емес" in failed.error("kk")
        work.unlink()  # writable again: the same worker converts the retried job
        library.jobs.retry(added.job)
        assert wait_done(library, added.job).status == "done"
    finally:
        worker.stop()
    library.close()


def test_a_step_whose_end_could_not_be_written_is_run_again_not_kept_running(tmp_path):
    # A step this process claimed whose end was never written (the database was full or read-only when it
    # ended): its worker is alive, but it must not keep the step's lease, or the job shows "running" for ever.
    library = make_library(tmp_path, lease_seconds=1)
    added = library.add(book("Қайта"), "again.txt")
    with library.store.begin() as connection:
        connection.execute(
            sa.text("UPDATE steps SET status = 'running', attempts = 1, worker = :me, lease = :lease WHERE job = :job"),
            {"me": f"{socket.gethostname()}:{os.getpid()}", "lease": time.time() + 1, "job": added.job},
        )
        connection.execute(sa.text("UPDATE jobs SET status = 'running' WHERE id = :job"), {"job": added.job})
    worker = library.jobs.worker(1)
    worker.start()
    try:
        assert wait_done(library, added.job, timeout=30).status == "done"
    finally:
        worker.stop()
    library.close()
