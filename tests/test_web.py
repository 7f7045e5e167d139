"""The web reader in headless Chromium (Debian's, driven by Playwright): keyboard only, axe-core audits, kk/ru/en, resume."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from servicekit import ADMIN, READER, STAFF, VISITOR
from webkit import serve, stop

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = (Path(__file__).parent / "data" / "axe.min.js").read_text(encoding="utf-8")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required", "--mute-audio"]  # fmt: skip


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    service, server, thread = serve(tmp_path_factory.mktemp("web"))
    yield service
    stop(server, thread, service.library)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (scripts/setup installs it)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, served):
    context = browser.new_context(base_url=served.base, accept_downloads=True, locale="en-US")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


def log_in(page, who) -> None:
    page.goto("/login")
    page.fill("#login", who[0])
    page.fill("#secret", who[1])
    page.press("#secret", "Enter")
    page.wait_for_load_state()


def violations(page) -> list[str]:
    """axe-core's WCAG 2.x A/AA and best-practice findings on the page as it is now."""
    page.add_script_tag(content=AXE)
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    return found


def tab_to(page, text: str, limit: int = 40) -> None:
    """Press Tab until the focused element's text (or label) holds ``text``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => { const e = document.activeElement; return (e.innerText || e.value || e.getAttribute('aria-label') || '') }")
        if text in focused:
            return
    raise AssertionError(f"Tab never reached {text!r}")


def tab_into(page, selector: str, limit: int = 40) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_every_page_passes_the_axe_core_audit(page, served):
    title, live = served.title, served.live_title
    visitor_pages = ["/", "/?q=дала", f"/titles/{title}", "/login", "/?lang=kk", "/?lang=ru"]
    reader_pages = [f"/titles/{title}", f"/titles/{title}/read/2", f"/titles/{title}/listen", f"/titles/{live}/listen"]
    staff_pages = ["/staff/upload", "/staff/jobs", f"/titles/{title}", f"/staff/titles/{title}/proof/2", "/people"]
    reader_id = served.library.people.by_login(READER[0]).id
    admin_pages = ["/people", f"/people/{reader_id}", f"/people/{reader_id}?saved=secret", "/people?lang=kk"]
    found = {}
    for who, paths in ((None, visitor_pages), (READER, reader_pages), (STAFF, staff_pages), (ADMIN, admin_pages)):
        page.context.clear_cookies()
        if who:
            log_in(page, who)
        for path in paths:
            page.goto(path)
            found[f"{who and who[0]} {path}"] = violations(page)
    page.context.clear_cookies()
    log_in(page, READER)
    page.goto(f"/titles/{title}")
    page.get_by_role("button", name="Make my private podcast feed").click()
    found["podcast"] = violations(page)
    page.context.clear_cookies()
    log_in(page, VISITOR)
    page.goto(f"/titles/{title}/read/1")  # logged in without the right: told so
    found["not allowed"] = violations(page)
    page.context.clear_cookies()
    log_in(page, ADMIN)
    page.goto("/people")
    page.fill("#login", STAFF[0])
    page.fill("#secret", "short")
    page.fill("#again", "short")
    page.click("button:text('Add')")
    page.wait_for_selector("#add-error")  # refused: said at the form
    found["people form error"] = violations(page)
    assert {where: v for where, v in found.items() if v} == {}


def test_a_reader_logs_in_searches_reads_listens_and_downloads_with_the_keyboard_alone(page, served):
    page.goto("/")
    tab_to(page, "Log in")
    page.keyboard.press("Enter")
    page.wait_for_url("**/login**")
    tab_into(page, "#login")
    page.keyboard.type(READER[0])
    page.keyboard.press("Tab")
    page.keyboard.type(READER[1])
    page.keyboard.press("Enter")
    page.wait_for_url(f"{served.base}/")
    assert "Logged in as Reader." in page.inner_text("header")

    tab_into(page, "#q")
    page.keyboard.type("дала")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=**")
    tab_to(page, "Дала әндері")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/titles/{served.title}")

    tab_to(page, "Chapter 1")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/titles/{served.title}/read/2")
    blocks = page.eval_on_selector_all("#text [id^='c']", "els => els.map(e => [e.tagName, e.getAttribute('lang')])")
    assert blocks[0] == ["H2", "en"] and ["P", "kk"] in blocks and all(lang is not None for _, lang in blocks)
    assert page.eval_on_selector("#text span[lang='en']", "e => e.textContent") == "English is here too"
    page.wait_for_timeout(400)  # the reader saves the place after opening a chapter
    saved = page.request.get(f"/api/titles/{served.title}/position").json()
    assert saved["locator"].startswith("1:c1b0:")

    page.go_back()
    tab_to(page, "Listen to the book")
    page.keyboard.press("Enter")
    page.wait_for_selector("#player[data-ready='true']")
    tab_to(page, "Chapter 2")
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.getElementById('audio').paused || document.getElementById('audio').ended")
    assert page.eval_on_selector("#audio", "a => a.currentSrc").endswith(f"/api/titles/{served.title}/audio/3.mp3")
    assert page.eval_on_selector("a.chapter[aria-current='true']", "a => a.textContent") == "Chapter 2"

    page.go_back()
    page.wait_for_url(f"**/titles/{served.title}")
    tab_to(page, "Download")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert Path(download.value.path()).stat().st_size > 0


def test_the_player_resumes_from_the_saved_place(page, served):
    log_in(page, READER)
    chapters = page.request.get(f"/api/titles/{served.title}/audio").json()
    _, start, _ = chapters[2]["sentences"][2]
    page.request.put(f"/api/titles/{served.title}/position", data={"chapter": 3, "seconds": start + 0.1})
    page.goto(f"/titles/{served.title}/listen")
    page.wait_for_selector("#player[data-ready='true']")
    assert page.eval_on_selector("#audio", "a => a.getAttribute('src')").endswith("/audio/3.mp3")
    page.eval_on_selector("#audio", "a => a.load()")
    page.wait_for_function(f"() => Math.abs(document.getElementById('audio').currentTime - {start}) < 0.05")

    # A live chapter resumes at the saved sentence: the stream starts from it.
    block = page.request.get(f"/api/titles/{served.live_title}/audio").json()[1]["sentences"]
    assert block == []  # not made: no timings, so the place is a sentence, not a time
    page.request.put(f"/api/titles/{served.live_title}/position", data={"locator": "1:c1b1:2:0"})
    page.goto(f"/titles/{served.live_title}/listen")
    page.wait_for_selector("#player[data-ready='true']")
    assert page.eval_on_selector("#audio", "a => a.getAttribute('src')").endswith("/audio/2.mp3?from=1%3Ac1b1%3A2%3A0")


def test_the_interface_language_is_chosen_and_remembered(page, served):
    page.goto("/")
    assert page.get_attribute("html", "lang") == "en"
    page.click("a[hreflang='kk']")
    assert page.get_attribute("html", "lang") == "kk" and page.inner_text("h1") == "Каталог"
    page.goto(f"/titles/{served.title}")  # no ?lang=: the cookie remembers
    assert page.get_attribute("html", "lang") == "kk"
    assert "PIN-кодпен кіріңіз" in page.inner_text("main")
    page.click("a[hreflang='ru']")
    page.goto("/login")
    assert page.inner_text("label[for='login']") == "Номер читательского билета (сотрудники: логин)"


def test_staff_upload_a_book_and_follow_its_job_live(page, served):
    log_in(page, STAFF)
    page.goto("/staff/upload")
    page.set_input_files("#files", files=[{"name": "new.txt", "mimeType": "text/plain",
                                            "buffer": "Жаңа кітап\n\nБірінші сөйлем. Екінші сөйлем.".encode()}])  # fmt: skip
    page.focus("#files")
    tab_to(page, "Upload")
    page.keyboard.press("Enter")
    page.wait_for_selector("ul[role='status'] li")
    assert "queued for conversion" in page.inner_text("ul[role='status']")
    page.goto("/staff/jobs")
    assert page.get_attribute("#summary", "aria-live") == "polite"
    page.wait_for_function("() => document.getElementById('summary').textContent.includes('queued')")
    page.goto("/staff/jobs?lang=ru")
    page.wait_for_function("() => document.getElementById('summary').textContent.includes('в очереди')")
    assert "В очереди" in page.inner_text("#jobs tbody")
    assert page.locator("#jobs tbody tr").count() >= 3


def test_an_admin_registers_a_reader_and_changes_their_flags_with_the_keyboard_alone(page, served):
    log_in(page, STAFF)
    assert page.locator("nav a[href='/people']").count() == 0  # staff do not see the people page
    page.context.clear_cookies()
    log_in(page, ADMIN)
    page.goto("/")
    tab_to(page, "People")
    page.keyboard.press("Enter")
    page.wait_for_url("**/people")
    tab_into(page, "#role")  # a reader is chosen already
    page.keyboard.press("Tab")
    page.keyboard.type("4004")
    page.keyboard.press("Tab")
    page.keyboard.type("Сәуле Омарова")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # registered as print-disabled
    page.keyboard.press("Tab")
    page.keyboard.type("1470")
    page.keyboard.press("Tab")
    page.keyboard.type("1470")
    page.keyboard.press("Enter")
    page.wait_for_url("**/people?added=*")
    assert page.inner_text("[role='status']") == "4004 is registered."
    people = served.library.people
    added = people.by_login("4004")
    assert (added.role, added.name, added.print_disabled, added.active) == ("reader", "Сәуле Омарова", True, True)

    tab_to(page, "4004")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/people/{added.id}")
    tab_into(page, "#print_disabled")
    page.keyboard.press("Space")  # no longer registered
    tab_to(page, "Save")
    page.keyboard.press("Enter")
    page.wait_for_url("**saved=changed")
    assert page.inner_text("[role='status']") == "The changes are saved."
    assert people.get(added.id).print_disabled is False
    changes = served.library.audit.changes(person_id=added.id)
    assert [(c.actor_login, c.action, c.detail) for c in changes] == [
        (ADMIN[0], "changed", "print_disabled=no"), (ADMIN[0], "added", "reader, print_disabled")
    ]


def test_people_forms_are_refused_without_the_pages_own_token(page, served):
    log_in(page, ADMIN)
    page.goto("/people")
    token = page.get_attribute("input[name='csrf']", "value")
    reader_id = served.library.people.by_login(READER[0]).id
    forged = {"role": "admin", "login": "intruder", "secret": "long enough", "again": "long enough"}
    for csrf in ("", "0" * 64):
        answer = page.request.post("/people", form={**forged, "csrf": csrf})
        assert answer.status == (422 if csrf == "" else 403)
        assert page.request.post(f"/people/{reader_id}", form={"csrf": csrf}).status in (403, 422)
    assert served.library.people.by_login("intruder") is None
    assert served.library.people.get(reader_id).active and served.library.people.get(reader_id).print_disabled
    page.context.clear_cookies()
    log_in(page, ADMIN)  # a new session: the old page's token no longer counts
    assert page.request.post("/people", form={**forged, "csrf": token}).status == 403
