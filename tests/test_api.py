"""The JSON API through FastAPI's TestClient on a real catalog and embedded queue, and a schemathesis run."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from accessreader.server import create_app

from servicekit import READER, STAFF, VISITOR, book, make_library, wait_done


@pytest.fixture
def service(tmp_path):
    library = make_library(tmp_path)
    worker = library.jobs.worker(2)
    worker.start()
    with TestClient(create_app(library.settings, library)) as client:
        yield client, library
    worker.stop()


def login(client: TestClient, who: tuple[str, str]) -> None:
    response = client.post("/api/login", json={"login": who[0], "secret": who[1]})
    assert response.status_code == 200, response.text


def upload(client: TestClient, *files: tuple[str, bytes]) -> list[dict]:
    response = client.post("/api/titles", files=[("files", f) for f in files])
    assert response.status_code == 201, response.text
    return response.json()


def test_staff_upload_several_files_and_readers_with_rights_download_them(service):
    client, library = service
    login(client, STAFF)
    answers = upload(client, ("../../etc/Дала.txt", book("Дала әндері")), ("tool.exe", b"MZ" + bytes(range(256)) * 4))
    assert answers[1] == {
        "name": "tool.exe",
        "title": None,
        "job": None,
        "error": "tool.exe: not a supported book format (EPUB, PDF, FB2, DOCX, HTML or TXT)",
    }
    title_id, job = answers[0]["title"], answers[0]["job"]
    assert wait_done(library, job).status == "done"
    assert client.get(f"/api/jobs/{job}").json()["percent"] == 100
    stored = library.catalog.get(title_id)
    assert stored.source_name == "Дала.txt" and stored.source_path.startswith("sources/") and ".." not in stored.source_path

    found = client.get("/api/titles", params={"q": "ДАЛА"}).json()
    assert [(t["id"], t["title"]) for t in found] == [(title_id, "Дала әндері")]
    detail = client.get(f"/api/titles/{title_id}").json()
    assert [f["format"] for f in detail["formats"]] == ["brf", "pef", "ubrl"]
    assert detail["conversion"]["status"] == "done"

    client.post("/api/logout")
    brf = f"/api/titles/{title_id}/download/brf"
    refused = client.get(brf, headers={"accept-language": "ru"})
    assert refused.status_code == 401 and refused.json()["error"] == "not_logged_in"
    assert "читательского билета" in refused.json()["message"]
    login(client, VISITOR)
    assert client.get(brf).status_code == 403
    client.post("/api/logout")
    login(client, READER)
    got = client.get(brf)
    assert got.status_code == 200 and got.headers["content-type"] == "application/x-brf"
    assert got.content == library.store.path(stored.renditions[0].path).read_bytes()
    entries = library.audit.entries(title_id=title_id)
    assert [(e.login, e.fmt, e.action) for e in entries] == [(READER[0], "brf", "download")]


def test_requests_without_rights_learn_nothing(service):
    client, library = service
    missing = "/api/titles/999/download/brf"
    assert client.get(missing).status_code == 401  # not 404: a visitor cannot probe what exists
    assert client.post("/api/titles", files=[("files", ("a.txt", b"Text."))]).status_code == 401
    assert client.get("/api/jobs").status_code == 401
    login(client, READER)
    assert client.post("/api/titles", files=[("files", ("a.txt", b"Text."))]).status_code == 403
    assert client.get("/api/jobs").status_code == 403
    assert client.get(missing).status_code == 404
    assert library.catalog.count() == 0 and library.audit.entries() == []
    bad = client.post("/api/login", json={"login": READER[0], "secret": "0000"})
    assert bad.status_code == 401 and bad.json()["error"] == "bad_credentials"


def test_a_token_downloads_without_a_session_and_uploads_have_a_size_limit(tmp_path):
    library = make_library(tmp_path, max_upload_mb=0.01)
    with TestClient(create_app(library.settings, library)) as client:
        login(client, READER)
        token = client.post("/api/tokens", params={"label": "phone"}).json()["secret"]
        client.post("/api/logout")
        assert client.get("/api/me", headers={"authorization": f"Bearer {token}"}).json()["login"] == READER[0]
        assert client.get("/api/me", params={"token": token}).json()["login"] == READER[0]
        assert client.get("/api/me", params={"token": "forged"}).json() is None
        login(client, STAFF)
        answer = upload(client, ("big.txt", b"word " * 5000))
        assert answer[0]["title"] is None and "big.txt" in answer[0]["error"]
        assert library.catalog.count() == 0


def test_failed_jobs_keep_their_error_and_can_be_retried(service):
    client, library = service
    login(client, STAFF)
    job = upload(client, ("broken.epub", b"PK\x03\x04" + bytes(64)))[0]["job"]
    wait_done(library, job)
    failed = client.get(f"/api/jobs/{job}", headers={"accept-language": "kk"}).json()
    assert failed["status"] == "failed" and "broken.epub" in failed["error"] and "бүлінген" in failed["error"]
    assert client.post(f"/api/jobs/{job}/retry").json()["status"] in ("queued", "running", "failed")
    wait_done(library, job)
    assert client.post("/api/jobs/nosuch/retry").status_code == 404


_schema_library = make_library(Path(tempfile.mkdtemp(prefix="accessreader-schema-")))
_schema_app = create_app(_schema_library.settings, _schema_library)
_schema_token = _schema_library.people.issue_token(_schema_library.people.by_login(STAFF[0]).id).secret
schema = schemathesis.openapi.from_asgi("/openapi.json", _schema_app)


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_from_its_own_schema_never_fails_with_a_server_error(case):
    response = case.call(headers={"authorization": f"Bearer {_schema_token}"})
    assert response.status_code < 500, response.text
