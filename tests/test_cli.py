from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from click.testing import CliRunner
from lxml import html

from accessreader.cli import main
from accessreader.service.library import Library
from accessreader.settings import Settings
from tests.braille_samples import corpus_document
from tests.servicekit import READER
from tests.servicekit import book as service_book


def book(tmp_path, name="book.json"):
    path = tmp_path / name
    path.write_text(corpus_document().to_json(), encoding="utf-8")
    return path


def test_convert_writes_brf_pef_and_unicode(tmp_path):
    source = book(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            "convert",
            str(source),
            "--to",
            "brf,pef,ubrl",
            "-o",
            str(out),
            "--cells",
            "32",
            "--lines",
            "20",
            "--grade",
            "en=1",
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["book.brf", "book.pef", "book.ubrl.txt"]
    brf = (out / "book.brf").read_bytes().decode("ascii")
    assert [line for line in brf.replace("\f", "").split("\r\n") if len(line) > 32] == []
    assert all(page.count("\r\n") <= 20 for page in brf.split("\f"))
    assert "book.pef" in result.output


def test_convert_defaults_to_brf_beside_the_book(tmp_path):
    source = book(tmp_path)
    result = CliRunner().invoke(main, ["convert", str(source)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "book.brf").is_file()


def test_bad_input_exits_2_with_a_message_and_no_file(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(main, ["convert", str(tmp_path / "nope.epub")])
    assert missing.exit_code == 2 and "nope.epub" in missing.output
    garbage = tmp_path / "bad.json"
    garbage.write_bytes(b'{"schema": 1, "chapters": [')
    broken = runner.invoke(main, ["--lang", "ru", "convert", str(garbage), "--to", "brf"])
    assert broken.exit_code == 2 and "повреждён" in broken.output
    source = book(tmp_path)
    for args in (["--grade", "kk=2"], ["--to", "mp9"], ["--cells", "5"], ["--dots", "8", "--to", "brf"]):
        result = runner.invoke(main, ["convert", str(source), "-o", str(tmp_path / "x"), *args])
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
    assert not (tmp_path / "x").exists() or list((tmp_path / "x").iterdir()) == []


def test_untranslated_characters_are_reported_with_their_place(tmp_path):
    document = corpus_document()
    document.chapters[0].blocks[2].text += " 中"
    source = tmp_path / "odd.json"
    source.write_text(document.to_json(), encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", str(source), "--to", "ubrl"])
    assert result.exit_code == 0
    assert "c0b2:" in result.output and "U+4E2D" in result.output


def test_proof_writes_an_html_page(tmp_path):
    source = book(tmp_path)
    result = CliRunner().invoke(main, ["--lang", "en", "proof", str(source), "-o", str(tmp_path / "p.html")])
    assert result.exit_code == 0, result.output
    page = html.fromstring((tmp_path / "p.html").read_text("utf-8"))
    assert page.find(".//table/caption").text == "Корпус"
    assert CliRunner().invoke(main, ["proof", str(source)]).exit_code == 0
    assert (tmp_path / "book.proof.html").is_file()


"""The service commands: import, jobs, retry through CliRunner; serve and worker as real processes."""


ROOT = Path(__file__).resolve().parent.parent


def env(data: Path) -> dict[str, str]:
    return {**os.environ, "ACCESSREADER_DATA": str(data), "PYTHONPATH": str(ROOT), "ACCESSREADER_WORKERS": "1"}


def test_import_lists_jobs_and_serve_converts_and_serves_them(tmp_path):
    data, books = tmp_path / "data", tmp_path / "books"
    books.mkdir()
    (books / "city.txt").write_bytes(service_book("City Library"))
    (books / "empty.txt").write_bytes(b"")
    runner = CliRunner()

    imported = runner.invoke(main, ["--lang", "en", "import", str(books)], env=env(data))
    assert imported.exit_code == 2  # one file could not be taken
    assert "city.txt: title #1, job " in imported.stdout and "empty.txt: the file is empty" in imported.stderr
    listed = runner.invoke(main, ["--lang", "ru", "jobs"], env=env(data))
    assert listed.exit_code == 0 and "queued  В очереди  0%" in listed.stdout and "city.txt" in listed.stdout
    refused = runner.invoke(main, ["--lang", "en", "retry", "nosuchjob"], env=env(data))
    assert refused.exit_code == 2 and "There is no conversion job nosuchjob" in refused.stderr

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "accessreader", "--lang", "en", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env(data),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout.readline().strip() == f"AccessReader is running: open http://localhost:{port}/"
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                title = httpx.get(f"{base}/api/titles/1").json()
                if title["status"] in ("ready", "failed"):
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        assert title["status"] == "ready" and [f["format"] for f in title["formats"]] == ["brf", "pef", "ubrl"]
        library = Library(Settings(data=data))
        library.people.register("reader", *READER, print_disabled=True)
        with httpx.Client(base_url=base) as client:
            client.post("/api/login", json={"login": READER[0], "secret": READER[1]})
            assert client.get("/api/titles/1/download/pef").content.startswith(b"<?xml")
        library.close()
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)
    done = runner.invoke(main, ["--lang", "en", "jobs", "--json"], env=env(data))
    assert '"status": "done"' in done.stdout and '"percent": 100' in done.stdout


def test_worker_finishes_queued_work_and_stops_on_sigterm(tmp_path):
    data, books = tmp_path / "data", tmp_path / "books"
    books.mkdir()
    (books / "a.txt").write_bytes(service_book("Alpha"))
    assert CliRunner().invoke(main, ["import", str(books)], env=env(data)).exit_code == 0
    worker = subprocess.Popen([sys.executable, "-m", "accessreader", "worker"], cwd=ROOT, env=env(data))
    library = Library(Settings(data=data))
    try:
        deadline = time.monotonic() + 60
        while library.jobs.list()[0].status != "done" and time.monotonic() < deadline:
            time.sleep(0.1)
        assert library.catalog.get(1).status == "ready"
    finally:
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=20) == 0
        library.close()


def test_convert_makes_braille_and_talking_books_in_one_run(tmp_path):
    source = book(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["convert", str(source), "--to", "brf,mp3,daisy", "-o", str(out), "--rate", "220"]
    )
    assert result.exit_code == 0, result.output
    assert (out / "book.brf").is_file()
    chapters = sorted((out / "book" / "mp3").glob("*.mp3"))
    assert chapters and all(path.stat().st_size > 1000 for path in chapters)
    assert (out / "book" / "daisy" / "ncc.html").is_file()
    assert not [p for p in out.rglob("*") if ".partial" in p.name or p.name.startswith(".speech-")]


def test_an_unknown_format_is_refused_naming_braille_and_speech_formats(tmp_path):
    source = book(tmp_path)
    result = CliRunner().invoke(main, ["convert", str(source), "--to", "brf,wav", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "wav" in result.output and "daisy" in result.output and "pef" in result.output
    assert not (tmp_path / "out").exists()


def test_audio_speaks_a_catalog_title_for_listening_online(tmp_path):
    from tests.servicekit import make_library, wait_done

    library = make_library(tmp_path)
    worker = library.jobs.worker(1)
    worker.start()
    try:
        added = library.add(service_book("Ән"), "an.txt")
        wait_done(library, added.job)
    finally:
        worker.stop()
    library.close()
    env = {"ACCESSREADER_DATA": str(tmp_path / "data")}
    result = CliRunner().invoke(main, ["--lang", "en", "audio", str(added.title.id)], env=env)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Ән: 3 chapters spoken, ") and "ready to stream" in result.output
    made = sorted(p.name for p in (tmp_path / "data" / "audio" / str(added.title.id)).iterdir())
    assert made == ["001.mp3", "001.opus", "002.mp3", "002.opus", "003.mp3", "003.opus", "timings.json"]
    missing = CliRunner().invoke(main, ["--lang", "ru", "audio", "999"], env=env)
    assert missing.exit_code == 2 and "не найдено" in missing.output


def people_cli(data: Path, *args: str, secret: str | None = None, lang: str = "en"):
    command = ["--lang", lang, "people", *args] + (["--secret-stdin"] if secret is not None else [])
    return CliRunner().invoke(main, command, input=None if secret is None else secret + "\n", env=env(data))


def test_people_are_added_listed_changed_and_reset_from_the_command_line(tmp_path):
    data = tmp_path / "data"
    assert people_cli(data, "list").stdout == "Nobody is registered yet.\n"
    added = people_cli(data, "add", "--role", "admin", "chief", "--name", "Chief Librarian", secret="long enough")
    assert added.exit_code == 0 and added.stdout == "chief: added as admin\n"
    reader = people_cli(data, "add", "--role", "reader", "000123", "--print-disabled", secret="4711", lang="kk")
    assert reader.stdout == "000123: reader рөлімен қосылды\n"
    assert people_cli(data, "list").stdout.splitlines() == [
        "LOGIN  ROLE  NAME  NOTES",
        "000123  reader  —  print-disabled",
        "chief  admin  Chief Librarian",
    ]
    changed = people_cli(data, "set", "000123", "--no-print-disabled", "--inactive", "--name", "Айгүл", lang="ru")
    assert changed.exit_code == 0 and changed.stdout == "000123  reader  Айгүл  отключён\n"
    listed = [json.loads(line) for line in people_cli(data, "list", "--json").stdout.splitlines()]
    assert [(p["login"], p["print_disabled"], p["active"]) for p in listed] == [
        ("000123", False, False),
        ("chief", False, True),
    ]

    library = Library(Settings(data=data))
    try:
        people = library.people
        people.update(people.by_login("000123").id, active=True)
        old_token = people.issue_token(people.by_login("000123").id, "old phone")
        reset = people_cli(data, "reset", "000123", secret="2580")
        assert reset.exit_code == 0 and "000123" in reset.stdout
        assert people.authenticate("000123", "2580").name == "Айгүл"
        assert people.token_person(old_token.secret) is None  # a new PIN revokes the tokens made with the old one
        token = people.issue_token(people.by_login("000123").id, "phone")
        assert f"\n#{token.id}  phone  " in people_cli(data, "tokens", "000123").stdout
        assert people_cli(data, "revoke", "000123").stdout == "000123: tokens revoked: 1\n"
        assert people.token_person(token.secret) is None
        changes = [(c.actor_login.split(":")[0], c.login, c.action) for c in reversed(library.audit.changes())]
        assert changes == [("console", "chief", "added"), ("console", "000123", "added"), ("console", "000123", "changed"),
                           ("console", "000123", "secret_reset"), ("console", "000123", "tokens_revoked")]  # fmt: skip
    finally:
        library.close()


def test_bad_people_commands_exit_2_with_one_line_and_change_nothing(tmp_path):
    data = tmp_path / "data"
    assert people_cli(data, "add", "--role", "admin", "chief", secret="long enough").exit_code == 0
    for args, secret, lang, message in (
        (("add", "--role", "reader", "000123"), "12", "ru", "PIN: нужно не меньше 4 символов"),
        (("add", "--role", "staff", "chief"), "long enough", "en", "chief is already registered"),
        (("set", "nobody", "--active"), None, "kk", "nobody: табылмады"),
        (("set", "chief", "--inactive"), None, "en", "This is the only active administrator; add another one first"),
        (("reset", "chief"), "short", "en", "password must have at least 8 characters"),
        (("revoke", "chief", "7"), None, "en", "token #7 not found"),
    ):
        result = people_cli(data, *args, secret=secret, lang=lang)
        assert (result.exit_code, result.stderr) == (2, f"accessreader: {message}\n"), args
    assert [line.split()[0] for line in people_cli(data, "list").stdout.splitlines()[1:]] == ["chief"]


def run_in_terminal(data: Path, args: list[str], answers: list[str]) -> tuple[int, str]:
    """Run the command on a pseudo-terminal (so getpass reads from it) typing ``answers`` at its prompts."""
    import pty

    pid, terminal = pty.fork()
    if pid == 0:  # the child: the command with the pseudo-terminal as its controlling terminal
        os.execve(
            sys.executable,
            [sys.executable, "-m", "accessreader", "--lang", "en", *args],
            {**env(data), "PYTHONPATH": str(ROOT)},
        )
    import select

    shown = b""
    for answer in answers:
        while not shown.rstrip().endswith(b":"):
            if not select.select([terminal], [], [], 60)[0]:
                os.kill(pid, signal.SIGKILL)
                raise AssertionError(f"no prompt, only {shown!r}")
            shown += os.read(terminal, 1024)
        os.write(terminal, answer.encode() + b"\n")
        shown = b""
    output = b""
    while True:
        try:
            chunk = os.read(terminal, 1024)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output.decode()


def test_a_password_is_typed_twice_at_the_terminal_without_echo(tmp_path):
    data = tmp_path / "data"
    code, output = run_in_terminal(
        data, ["people", "add", "--role", "staff", "librarian"], ["s3cret pass", "s3cret pass"]
    )
    assert code == 0 and "librarian: added as staff" in output and "s3cret" not in output
    code, output = run_in_terminal(data, ["people", "reset", "librarian"], ["new password", "new passwrod"])
    assert code == 2 and "The two entries differ; nothing was changed" in output
    library = Library(Settings(data=data))
    try:
        assert library.people.authenticate("librarian", "s3cret pass").role == "staff"
    finally:
        library.close()


def test_serve_says_how_to_create_the_first_admin(tmp_path):
    data = tmp_path / "data"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    def printed(lang: str) -> list[str]:
        server = subprocess.Popen([sys.executable, "-m", "accessreader", "--lang", lang, "serve", "--port", str(port)],
                                  cwd=ROOT, env=env(data), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
        try:
            first = server.stdout.readline()
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:  # answering: everything said at the start is said
                try:
                    httpx.get(f"http://127.0.0.1:{port}/api/me")
                    break
                except httpx.TransportError:
                    time.sleep(0.05)
            server.send_signal(signal.SIGINT)
            rest = server.stdout.read()  # from the same buffer as the first line (communicate would skip it)
            server.wait(timeout=20)
        finally:
            if server.poll() is None:
                server.kill()
        return (first + rest).splitlines()

    assert (
        printed("kk")[1]
        == f"Әкімші әлі жоқ: алғашқысын мына пәрменмен жасаңыз: {sys.executable} -m accessreader people add --role admin ЛОГИН"
    )
    assert people_cli(data, "add", "--role", "admin", "chief", secret="long enough").exit_code == 0
    assert printed("en") == [f"AccessReader is running: open http://localhost:{port}/"]


def test_serve_on_a_busy_port_says_so_in_the_users_language(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for lang, words in (("ru", "порт занят"), ("kk", "порт бос емес"), ("en", "the port is busy")):
            done = subprocess.run([sys.executable, "-m", "accessreader", "--lang", lang, "serve", "--port", str(port)],
                                  cwd=ROOT, env=env(tmp_path / "data"), capture_output=True, text=True, timeout=60)  # fmt: skip
            assert done.returncode == 2, done.stderr
            assert done.stdout == "" and f"127.0.0.1:{port}" in done.stderr and words in done.stderr
            assert "Traceback" not in done.stderr


def test_read_refuses_an_unknown_voice_in_the_readers_language(tmp_path):
    from click.testing import CliRunner

    from accessreader.cli import main

    book = tmp_path / "book.txt"
    book.write_text("Кітап\n\nБірінші сөйлем.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--lang", "ru", "read", str(book), "--voice", "ru=nosuch:x"])
    assert result.exit_code == 2
    assert "голос или настройка речи nosuch:x недоступны" in result.output
    assert "Traceback" not in result.output
