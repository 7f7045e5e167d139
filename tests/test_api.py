"""The JSON API through FastAPI's TestClient on a real catalog and embedded queue, and a schemathesis run."""

from __future__ import annotations

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from accessreader.server import create_app
from accessreader.server.deps import SESSION_COOKIE
from tests.servicekit import (
    ADMIN,
    READER,
    STAFF,
    VISITOR,
    book,
    epub_without_package,
    make_library,
    wait_done,
)


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
        "created": False,
        "message": "tool.exe: not a supported book format (EPUB, PDF, FB2, DOCX, HTML or TXT)",
    }
    title_id, job = answers[0]["title"], answers[0]["job"]
    assert wait_done(library, job).status == "done"
    assert client.get(f"/api/jobs/{job}").json()["percent"] == 100
    stored = library.catalog.get(title_id)
    assert (
        stored.source_name == "Дала.txt"
        and stored.source_path.startswith("sources/")
        and ".." not in stored.source_path
    )

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
    too_long = client.post("/api/login", json={"login": READER[0], "secret": "9" * 201})
    assert too_long.status_code == 422 and too_long.json()["detail"][0]["loc"] == ["body", "secret"]
    assert "9" * 201 not in too_long.text  # a secret sent is never echoed back


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
    job = upload(client, ("broken.epub", epub_without_package()))[0]["job"]
    wait_done(library, job)
    failed = client.get(f"/api/jobs/{job}", headers={"accept-language": "kk"}).json()
    assert failed["status"] == "failed" and "broken.epub" in failed["error"] and "бүлінген" in failed["error"]
    first = library.jobs.get(job)
    assert client.post(f"/api/jobs/{job}/retry").status_code == 200
    again = wait_done(library, job)  # it ran again from the start, and failed again the same way
    assert again.status == "failed" and again.finished > first.finished and again.started >= first.finished
    assert [s["attempts"] for s in library.jobs.steps(job)] == [1] and again.error("en") == first.error("en")
    assert client.post("/api/jobs/nosuch/retry").status_code == 404

    done = upload(client, ("good.txt", book("Good")))[0]["job"]
    assert wait_done(library, done).status == "done"
    refused = client.post(f"/api/jobs/{done}/retry", headers={"accept-language": "ru"})
    assert refused.status_code == 409 and refused.json()["error"] == "job_not_failed"
    assert "повторить можно только задание" in refused.json()["message"]


def test_a_damaged_upload_is_refused_at_once(service):
    client, _ = service
    login(client, STAFF)
    response = client.post("/api/titles", files=[("files", ("broken.epub", b"PK\x03\x04" + bytes(64)))])
    [result] = response.json()  # one answer per file of a batch upload
    assert result["job"] is None and "damaged" in result["error"]


def test_admins_manage_people_and_the_audit_log_says_who_changed_whom(service):
    client, library = service
    login(client, ADMIN)
    created = client.post("/api/people", json={"role": "reader", "login": "3003", "secret": "2468", "name": "Айгүл"})
    assert created.status_code == 201
    reader = created.json()
    assert (reader["login"], reader["print_disabled"], reader["active"]) == ("3003", False, True)
    assert "secret" not in reader and "2468" not in created.text
    assert (
        client.post("/api/people", json={"role": "staff", "login": STAFF[0], "secret": "long enough"}).status_code
        == 409
    )
    short = client.post(
        "/api/people", json={"role": "reader", "login": "3004", "secret": "12"}, headers={"accept-language": "kk"}
    )
    assert short.status_code == 422 and short.json()["message"] == "PIN: кемінде 4 таңба болуы керек"

    changed = client.patch(f"/api/people/{reader['id']}", json={"print_disabled": True})
    assert changed.status_code == 200 and changed.json()["print_disabled"] is True
    assert [p["login"] for p in client.get("/api/people").json()] == sorted(
        [ADMIN[0], STAFF[0], READER[0], VISITOR[0], "3003"]
    )
    assert client.get(f"/api/people/{reader['id']}").json()["name"] == "Айгүл"

    with TestClient(client.app) as phone:  # the reader on their phone, with a token
        login(phone, ("3003", "2468"))
        token = phone.post("/api/tokens", params={"label": "phone"}).json()["secret"]
    assert client.put(f"/api/people/{reader['id']}/secret", json={"secret": "1357"}).status_code == 204
    assert client.post("/api/login", json={"login": "3003", "secret": "2468"}).status_code == 401
    assert client.get("/api/me", params={"token": token}).json() is None  # a new PIN revokes the tokens too
    with TestClient(client.app) as phone:
        login(phone, ("3003", "1357"))
        token = phone.post("/api/tokens", params={"label": "phone"}).json()["secret"]
    assert client.get("/api/me", params={"token": token}).json()["login"] == "3003"
    assert client.delete(f"/api/people/{reader['id']}/tokens").json()["revoked"] != []
    assert client.get("/api/me", params={"token": token}).json() is None

    admin_id = library.people.by_login(ADMIN[0]).id
    last = client.patch(f"/api/people/{admin_id}", json={"active": False})
    assert last.status_code == 403 and last.json()["error"] == "last_admin"
    assert client.patch("/api/people/999", json={"active": False}).status_code == 404
    log = [(c.actor_login, c.login, c.action, c.detail) for c in reversed(library.audit.changes())]
    assert log == [
        (ADMIN[0], "3003", "added", "reader"),
        (ADMIN[0], "3003", "changed", "print_disabled=yes"),
        (ADMIN[0], "3003", "secret_reset", ""),
        (ADMIN[0], "3003", "tokens_revoked", "all"),
    ]


def test_only_admins_manage_people_and_others_learn_nothing(service):
    client, library = service
    staff_id = library.people.by_login(STAFF[0]).id
    attempts = [
        ("get", "/api/people", None),
        ("post", "/api/people", {"role": "admin", "login": "usurper", "secret": "long enough"}),
        ("get", f"/api/people/{staff_id}", None),
        ("get", "/api/people/999", None),  # the same answer whether the person exists or not
        ("patch", f"/api/people/{staff_id}", {"active": False}),
        ("put", f"/api/people/{staff_id}/secret", {"secret": "long enough"}),
        ("delete", f"/api/people/{staff_id}/tokens", None),
    ]
    for who, status in ((None, 401), (READER, 403), (STAFF, 403)):
        client.cookies.clear()
        if who:
            login(client, who)
        for method, path, body in attempts:
            answer = client.request(method, path, json=body)
            assert (answer.status_code, set(answer.json())) == (status, {"error", "message"}), (who, method, path)
    assert library.people.by_login("usurper") is None and library.audit.changes() == []
    assert library.people.authenticate(*STAFF).active


@pytest.fixture(scope="module")
def schema_world(tmp_path_factory):
    """A served app and an administrator's session: an admin may do everything the API offers
    (with a session, as a token opens only feeds, downloads and listening)."""
    library = make_library(tmp_path_factory.mktemp("schema"))
    session = library.people.start_session(library.people.by_login(ADMIN[0]).id)
    yield create_app(library.settings, library), session
    library.close()


def test_the_api_from_its_own_schema_never_fails_with_a_server_error(schema_world):
    # The schema is loaded from the app a fixture builds (schemathesis' own pytest fixture
    # loader does not run under pytest 9): each operation gets its own Hypothesis run.
    app, session = schema_world
    operations = [result.ok() for result in schemathesis.openapi.from_asgi("/openapi.json", app).get_all_operations()]
    assert len(operations) > 20

    for operation in operations:

        @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def never_a_server_error(case):
            response = case.call(headers={"cookie": f"{SESSION_COOKIE}={session}"})
            assert response.status_code < 500, (operation.label, response.text)

        never_a_server_error()


def test_the_text_search_gives_places_that_open_the_chapter_at_the_block(service):
    client, library = service
    added = library.add(book("Дала әндері"), "dala.txt")
    wait_done(library, added.job)
    hits = client.get("/api/text", params={"q": "богатый"}).json()
    assert hits and {hit["title"] for hit in hits} == {added.title.id}
    first = hits[0]
    assert (
        "богат" in first["excerpt"]
        and first["href"] == f"/titles/{added.title.id}/read/{first['chapter']}#{first['block']}"
    )
    block = library.catalog.document(added.title.id).chapters[first["chapter"] - 1]
    assert any(b.id == first["block"] and "богат" in b.text for b in block.blocks)
    login(client, READER)
    chapter = client.get(first["href"].split("#")[0])
    assert f'id="{first["block"]}"' in chapter.text
    assert client.get("/api/text", params={"q": "нигдеэтогослованет"}).json() == []


def test_the_openapi_schema_declares_how_to_log_in_stable_operation_ids_and_error_bodies(service):
    client, library = service
    schema = client.get("/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["session"] == {
        **schemes["session"],
        "type": "apiKey",
        "in": "cookie",
        "name": "accessreader_session",
    }
    assert schemes["token"]["scheme"] == "bearer" and schemes["basic"]["scheme"] == "basic"
    assert schemes["tokenQuery"] == {**schemes["tokenQuery"], "in": "query", "name": "token"}
    operations = {(method, path): op for path, ops in schema["paths"].items() for method, op in ops.items()}
    ids = [op["operationId"] for op in operations.values()]
    assert len(ids) == len(set(ids))  # generated clients name a method after each
    named = {"titles": ("get", "/api/titles"), "download": ("get", "/api/titles/{title_id}/download/{fmt}"),
             "opds_download": ("get", "/opds/titles/{title_id}/download/{fmt}"), "text_search": ("get", "/api/text"),
             "listening_chapters": ("get", "/api/titles/{title_id}/audio")}  # fmt: skip
    assert {name: operations[key]["operationId"] for name, key in named.items()} == {name: name for name in named}
    assert "security" not in operations[("get", "/api/titles")]  # anyone browses the catalog
    download = operations[("get", "/api/titles/{title_id}/download/{fmt}")]
    assert {"session", "token", "basic"} <= {name for need in download["security"] for name in need}
    error = {"$ref": "#/components/schemas/ErrorOut"}
    for key, op in operations.items():
        if op.get("security"):
            for status in ("401", "403"):
                assert op["responses"][status]["content"]["application/json"]["schema"] == error, (key, status)
    assert set(schema["components"]["schemas"]["ErrorOut"]["required"]) == {"error", "message"}

    refused = client.get("/api/jobs")  # the body answered is the one documented
    assert refused.status_code == 401 and set(refused.json()) == {"error", "message"}
    login(client, READER)
    assert client.get("/api/jobs").status_code == 403 and set(client.get("/api/jobs").json()) == {"error", "message"}
