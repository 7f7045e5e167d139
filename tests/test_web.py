"""The web reader in headless Chromium (Debian's, driven by Playwright): keyboard only, axe-core audits, kk/ru/en,
error pages, resume."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest

from accessreader.model import Locator
from accessreader.service.positions import open_positions
from tests.servicekit import ADMIN, READER, STAFF, VISITOR, wait_done
from tests.webkit import serve, stop, tab

AXE = (Path(__file__).parent / "data" / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    service, server, thread = serve(tmp_path_factory.mktemp("web"), max_upload_mb=0.25)
    yield service
    stop(server, thread, service.library)


@pytest.fixture
def page(browser, served):
    with tab(browser, served.base, accept_downloads=True) as page:
        yield page


def log_in(page, who) -> None:
    page.goto("/login")
    page.fill("#login", who[0])
    page.fill("#secret", who[1])
    page.press("#secret", "Enter")
    page.wait_for_load_state()


def violations(page) -> list[str]:
    """axe-core's WCAG 2.x A/AA and best-practice findings on the page as it is now."""
    page.evaluate(AXE)  # not a <script> tag: the pages' Content-Security-Policy allows no inline script
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    return found


def tab_to(page, text: str, limit: int = 40) -> None:
    """Press Tab until the focused element's text (or label) holds ``text``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement; return (e.innerText || e.value || e.getAttribute('aria-label') || '') }"
        )
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


def navigate(page, action) -> int:
    """Run ``action`` (a click, a key) and return the status of the page it loads."""
    with page.expect_navigation() as loaded:  # the new page committed and loaded, not only its response
        action()
    return loaded.value.status


def explained(page, status: int, found: dict, where: str) -> tuple[int, str, str]:
    """(status, h1, html lang) of the error page shown, after checking what every error page has."""
    found[where] = violations(page)
    assert page.locator("nav[aria-label] a[href='/']").count() == 1  # the site's navigation
    assert page.locator("main h2 + ul a[href='/']").count() == 1  # what to do: the catalog at least
    text = page.content()
    assert "Traceback" not in text and "File &#34;" not in text and 'File "' not in text
    return status, page.inner_text("h1"), page.get_attribute("html", "lang")


def test_missing_pages_and_pages_without_rights_are_explained_in_the_readers_language(page, served):
    found = {}
    assert explained(page, page.goto("/titles/999999").status, found, "no title") == (404, "Page not found", "en")
    assert page.get_attribute("form[role='search'] input", "type") == "search"
    assert explained(page, page.goto("/titles/abc").status, found, "bad address") == (404, "Page not found", "en")
    assert explained(page, page.goto("/no/such/page?lang=kk").status, found, "kk") == (404, "Бет табылмады", "kk")
    status = navigate(page, lambda: page.click("a[hreflang='ru']"))  # the switcher on the error page itself
    assert explained(page, status, found, "ru") == (404, "Страница не найдена", "ru")
    page.context.clear_cookies()

    # A visitor following a download link is asked to log in, and comes back to the file.
    page.goto(f"/titles/{served.title}")
    tab_to(page, "Download")
    link = page.evaluate("() => document.activeElement.getAttribute('href')")
    status = navigate(page, lambda: page.keyboard.press("Enter"))
    assert explained(page, status, found, "download, no login") == (401, "Please log in", "en")
    assert page.get_attribute("main li a", "href") == f"/login?next={link}"
    # Logged in without the right: told so, on a page and a download alike.
    log_in(page, VISITOR)
    assert explained(page, page.goto(f"/titles/{served.title}/read/1").status, found, "page") == (
        403,
        "Not available",
        "en",
    )
    assert explained(page, page.goto(link).status, found, "download") == (403, "Not available", "en")
    page.context.clear_cookies()
    log_in(page, READER)
    assert explained(page, page.goto("/staff/upload").status, found, "staff page") == (403, "Not available", "en")
    assert "for the library's staff" in page.inner_text("main")
    assert explained(page, page.goto(f"/titles/{served.title}/read/99").status, found, "chapter") == (
        404,
        "Page not found",
        "en",
    )
    assert {where: v for where, v in found.items() if v} == {}


def test_refused_forms_say_why_with_their_status(page, served):
    found = {}
    page.goto("/")
    page.fill("#q", "дала " * 50)  # longer than a search may be
    status = navigate(page, lambda: page.press("#q", "Enter"))
    assert explained(page, status, found, "search") == (422, "This could not be used", "en")

    page.goto("/login")
    page.fill("#login", READER[0])
    page.fill("#secret", "0000")
    assert navigate(page, lambda: page.press("#secret", "Enter")) == 401
    assert page.inner_text("h1") == "Log in" and page.inner_text("[role='alert']")
    found["wrong PIN"] = violations(page)
    served.library.people.register("reader", "3003", "7777", "Locked")
    for _ in range(5):
        page.request.post("/api/login", data={"login": "3003", "secret": "0000"})
    page.fill("#login", "3003")
    page.fill("#secret", "7777")
    assert navigate(page, lambda: page.press("#secret", "Enter")) == 429
    assert "Too many wrong attempts" in page.inner_text("[role='alert']")

    log_in(page, STAFF)
    for name, data, status_heading in (
        ("big.txt", "слово ".encode() * 30_000, (413, "The file is too large")),
        ("tool.exe", b"MZ" + bytes(range(256)) * 4, (422, "This could not be used")),
    ):
        page.goto("/staff/upload")
        page.set_input_files("#files", files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}])
        status = navigate(page, lambda: page.click("main button[type='submit']"))
        assert explained(page, status, found, name) == (*status_heading, "en")
        assert name in page.inner_text("ul.details")
        assert page.get_attribute("main li a", "href") == "/staff/upload"  # try again
    assert served.library.catalog.search("big", limit=5) == []
    assert {where: v for where, v in found.items() if v} == {}


def test_a_server_error_is_logged_with_its_traceback_and_shown_as_a_short_page(page, served, caplog):
    store = served.library.catalog.store
    damaged = [
        store.path(f"documents/{served.live_title}.json"),
        store.path(f"documents/{served.live_title}/outline.json"),
    ]
    kept = [stored.read_bytes() for stored in damaged]
    for stored in damaged:  # the whole Document and its outline stored apart
        stored.write_bytes(b'{"schema": 1, "metadata": ')  # a damaged store: a bug to fix, not the reader's fault
    try:
        log_in(page, READER)
        with caplog.at_level(logging.ERROR, logger="accessreader.server"):
            response = page.goto(f"/titles/{served.live_title}/read/1?lang=kk")
            found = {"500": violations(page)}
            assert explained(page, response.status, found, "500") == (500, "Біз жақта ақау шықты", "kk")
            assert "JSONDecodeError" not in page.content() and "schema" not in page.content()
            api = page.request.get(f"/api/titles/{served.live_title}/audio")
            assert api.status == 500 and api.json()["error"] == "internal" and "Traceback" not in api.text()
        failures = [r for r in caplog.records if r.name == "accessreader.server" and r.exc_info]
        assert [r.getMessage() for r in failures] == [
            f"GET /titles/{served.live_title}/read/1 failed",
            f"GET /api/titles/{served.live_title}/audio failed",
        ]
        assert all(r.exc_info[0].__name__ == "JSONDecodeError" for r in failures)
        assert found == {"500": []}
    finally:
        for stored, data in zip(damaged, kept, strict=True):
            stored.write_bytes(data)


def test_the_api_feeds_and_streams_keep_their_own_error_format(page, served):
    log_in(page, READER)
    cases = {
        "/api/titles/999999": (404, "error"),
        "/api/titles/abc": (422, "detail"),
        "/api/no/such": (404, "detail"),
        f"/api/titles/{served.title}/audio/9.mp3": (404, "error"),
        f"/feeds/titles/{served.title}.rss": (401, "error"),
        "/opds/search?q=" + "x" * 300: (422, "detail"),
    }
    for path, (status, key) in cases.items():
        answer = page.request.get(path)
        assert (answer.status, answer.headers["content-type"], key in answer.json()) == (
            status,
            "application/json",
            True,
        ), path
    asked = page.request.get(
        "/titles/999999", headers={"Accept": "application/json"}
    )  # a program asking a page for JSON
    assert asked.status == 404 and asked.json()["error"] == "not_found"


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
    blocks = page.eval_on_selector_all(
        "#text [id^='c']:not(.s)", "els => els.map(e => [e.tagName, e.getAttribute('lang')])"
    )
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
    # Wait for the state asserted (chapter 2's source in the player), not for "playing",
    # which chapter 1's source can still be when the click lands.
    page.wait_for_function(
        "(end) => document.getElementById('audio').currentSrc.endsWith(end)",
        arg=f"/api/titles/{served.title}/audio/3.mp3",
    )
    page.wait_for_function("() => !document.getElementById('audio').paused || document.getElementById('audio').ended")
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
    start = served.library.catalog.document(served.live_title).block("c1b1").sentences[2].start  # kept to the sentence
    assert page.eval_on_selector("#audio", "a => a.getAttribute('src')").endswith(
        f"/audio/2.mp3?from=1%3Ac1b1%3A2%3A{start}"
    )
    # Chromium plays the live stream (chunked, no ranges, no length) as far as it goes, to its end.
    page.eval_on_selector("#audio", "a => { a.playbackRate = 4; return a.play(); }")
    page.wait_for_function("() => document.getElementById('audio').currentTime > 0.5")
    page.wait_for_function("() => document.getElementById('audio').ended", timeout=20_000)
    assert page.eval_on_selector("#audio", "a => a.error") is None


def saving(page, body: dict):
    """Expect the page to PUT ``body`` as the reader's position; the value is the request."""
    return page.expect_request(lambda r: r.method == "PUT" and r.url.endswith("/position") and r.post_data_json == body)


def test_the_place_is_one_sentence_for_the_page_the_player_the_terminal_and_the_api(page, served):
    log_in(page, READER)
    title, position = served.title, f"/api/titles/{served.title}/position"
    paragraph = served.library.catalog.document(title).chapters[2].blocks[1]  # three sentences: kk, ru, en
    timings = {
        sid: (start, end) for sid, start, end in page.request.get(f"/api/titles/{title}/audio").json()[2]["sentences"]
    }
    checksum = served.library.catalog.get(title).checksum

    # The page → the API, the player and the terminal: the reader clicks the third sentence.
    page.goto(f"/titles/{title}/read/3")
    page.wait_for_load_state("networkidle")
    third = paragraph.sentence_id(2)
    with saving(page, {"locator": f"2:{paragraph.id}:2:0"}) as put:
        page.click(f"#{third}")
    put.value.response()
    start = paragraph.sentences[2].start
    assert page.request.get(position).json() == {
        "locator": f"2:{paragraph.id}:2:{start}",
        "chapter": 3,
        "seconds": timings[third][0],
    }
    assert open_positions(served.library.settings.data).load(READER[0], checksum).locator == Locator(
        2, paragraph.id, 2, start
    )
    page.goto(f"/titles/{title}/listen")
    page.wait_for_selector("#player[data-ready='true']")
    page.eval_on_selector("#audio", "a => a.load()")
    page.wait_for_function(f"() => Math.abs(document.getElementById('audio').currentTime - {timings[third][0]}) < 0.05")

    # The player → the page: paused in the middle of the second sentence.
    second = paragraph.sentence_id(1)
    middle = sum(timings[second]) / 2
    with page.expect_request(lambda r: r.method == "PUT" and r.url.endswith("/position")) as put:
        page.evaluate(
            f"async () => {{ const a = document.getElementById('audio'); a.currentTime = {middle}; await a.play(); a.pause(); }}"
        )
    put.value.response()
    page.wait_for_load_state("networkidle")
    assert page.request.get(position).json()["locator"] == f"2:{paragraph.id}:1:{paragraph.sentences[1].start}"
    page.goto(f"/titles/{title}/read/3")
    page.wait_for_function(f"() => document.activeElement.id === {second!r}")  # the page opens at the sentence
    assert page.get_attribute("#resume", "href") == f"#{second}"
    assert violations(page) == []
    page.wait_for_timeout(1000)  # opening the page at the saved place saves nothing new
    assert page.request.get(position).json()["locator"] == f"2:{paragraph.id}:1:{paragraph.sentences[1].start}"


def test_without_javascript_the_chapter_reads_and_the_skip_link_leads_to_the_saved_sentence(browser, served):
    context = browser.new_context(base_url=served.base, java_script_enabled=False, locale="en-US")
    page = context.new_page()
    try:
        log_in(page, READER)
        paragraph = served.library.catalog.document(served.title).chapters[1].blocks[1]
        page.request.put(f"/api/titles/{served.title}/position", data={"locator": f"1:{paragraph.id}:2:0"})
        page.goto(f"/titles/{served.title}")
        continued = page.get_by_role("link", name="Continue reading where you stopped (chapter 2)")
        assert continued.get_attribute("href") == f"/titles/{served.title}/read/2#{paragraph.sentence_id(2)}"
        page.goto(f"/titles/{served.title}/read/2")
        assert page.inner_text(f"#{paragraph.id}") == paragraph.text
        tab_to(page, "Skip to content")
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.id") == "resume"
        page.keyboard.press("Enter")
        page.wait_for_url(f"**#{paragraph.sentence_id(2)}")
        assert page.eval_on_selector(":target", "e => e.textContent") == "English is here too."
    finally:
        context.close()


def test_scrolling_on_saves_the_first_sentence_on_the_screen(page, served):
    log_in(page, READER)
    page.request.put(f"/api/titles/{served.title}/position", data={"locator": "0:c0b0:0:0"})
    page.set_viewport_size({"width": 600, "height": 300})
    with saving(page, {"locator": "1:c1b0:0:0"}):  # opened with no place in this chapter: its start
        page.goto(f"/titles/{served.title}/read/2")
    page.evaluate("() => { document.body.style.paddingBottom = '2000px'; }")  # a long chapter
    with saving(page, {"locator": "1:c1b1:0:0"}) as put:
        page.evaluate("() => window.scrollTo(0, document.getElementById('c1b1').getBoundingClientRect().top + scrollY)")
    put.value.response()
    assert page.request.get(f"/api/titles/{served.title}/position").json()["locator"] == "1:c1b1:0:0"


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
    page.wait_for_selector("[role='status'] ul.uploaded li")
    assert "queued for conversion" in page.inner_text("[role='status'] ul.uploaded")
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
        (ADMIN[0], "changed", "print_disabled=no"),
        (ADMIN[0], "added", "reader, print_disabled"),
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


def test_upload_podcast_and_logout_forms_from_another_site_are_refused(page, served):
    log_in(page, STAFF)
    titles = served.library.catalog.count()
    book = {"name": "forged.txt", "mimeType": "text/plain", "buffer": b"Forged book.\n\nOne sentence."}
    assert page.request.post("/staff/upload", multipart={"files": book}).status == 403
    assert page.request.post(f"/titles/{served.title}/podcast").status == 403
    assert page.request.post("/logout").status == 403
    assert served.library.catalog.count() == titles
    assert page.goto("/staff/upload").status == 200  # still logged in
    token = page.get_attribute("input[name='csrf']", "value")
    assert page.request.post("/staff/upload", multipart={"files": book, "csrf": token}).status == 200
    assert served.library.catalog.count() == titles + 1


HOSTILE_BOOK = """<html lang='en"><script>alert("html lang")</script>'><head>
<title>Title<script>alert("title")</script><img src="https://evil.example/t.png" onerror="alert('title img')"></title>
<meta name="author" content="<img src=https://evil.example/a.png onerror=alert('author')>">
<meta name="description" content="<script>alert('description')</script>"></head><body>
<h1 id='"><script>alert("id")</script>'>Heading <span lang='en" onmouseover="alert(1)'>one</span></h1>
<p lang='kk" autofocus onfocus="alert(2)" x="' id='x" onclick="alert(3)'>Бірінші абзац.
<span lang='en"><script>alert(4)</script>'>English words here.</span>
<a href="javascript:alert(5)">a link</a> <a href="data:text/html,<script>alert(6)</script>" epub:type="noteref">1</a>
<img src="https://evil.example/i.png" alt="<script>alert(7)</script>"></p>
<p>Екінші абзац <a href="https://evil.example/page" epub:type="noteref">2</a>.</p>
</body></html>""".encode()


def test_a_book_with_script_in_every_field_runs_nothing_and_fetches_nothing_foreign(page, served):
    library = served.library
    worker = library.jobs.worker(1)
    worker.start()
    try:
        added = library.add(HOSTILE_BOOK, "hostile.html")
        assert wait_done(library, added.job).status == "done"
    finally:
        worker.stop()
    dialogs, foreign = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: None if request.url.startswith(served.base) else foreign.append(request.url))
    log_in(page, ADMIN)
    title = added.title.id
    for path in ("/", "/?q=Title", f"/titles/{title}", f"/titles/{title}/read/1", f"/staff/titles/{title}/proof/1",
                 "/staff/jobs", "/opds/new", f"/api/titles/{title}"):  # fmt: skip
        assert page.goto(path).status == 200, path
        for element in page.locator("main a, main [tabindex], main h1, main h2, main p").all()[:30]:
            element.hover()
            element.focus()
        page.wait_for_timeout(50)
    assert dialogs == [] and foreign == []
    page.goto(f"/titles/{title}/read/1")
    html = page.content()
    assert "javascript:" not in html and "data:text" not in html and 'lang="en&quot;' not in html
    assert page.locator("[onfocus], [onclick], [onmouseover], [autofocus], script:not([src])").count() == 0


def test_a_search_finds_places_in_the_books_text_and_opens_the_chapter_at_them(page, served):
    log_in(page, READER)
    page.goto("/?q=богатый")  # another form of the word in the text ("богат")
    hits = page.locator("ul.hits li")
    assert hits.count() >= 1 and "богат" in hits.first.inner_text()
    assert hits.first.locator("span").get_attribute("lang") == "kk"  # the title's own language, on an English page
    assert violations(page) == []
    href = hits.first.locator("a").get_attribute("href")
    assert href.startswith(f"/titles/{served.title}/read/") or href.startswith(f"/titles/{served.live_title}/read/")
    tab_to(page, "chapter")
    status = navigate(page, lambda: page.keyboard.press("Enter"))
    assert status == 200 and page.url.endswith(href)
    assert "богат" in page.eval_on_selector(":target", "e => e.textContent")
    page.goto("/?q=нигдеэтогослованет")
    assert page.locator("ul.hits").count() == 0 and "No place in the books' text" in page.inner_text("main")


def test_a_reader_makes_an_address_for_a_reading_app_and_revokes_it(page, served):
    feedparser = pytest.importorskip("feedparser")
    log_in(page, READER)
    page.goto("/")
    navigate(page, lambda: page.click("nav a[href='/tokens']"))
    assert page.input_value("#opds") == f"{served.base}/opds"
    page.fill("#label", "Phone")
    navigate(page, lambda: page.click("button:text('Make an address for an app')"))
    address = page.input_value("#address")
    assert address.startswith(f"{served.base}/opds?token=") and "Phone, made on" in page.inner_text("ul.tokens")
    assert violations(page) == []

    feed = feedparser.parse(feedparser.parse(address).entries[0].links[0].href)  # the app follows the newest titles
    href = next(link.href for e in feed.entries for link in e.links if link.rel == "http://opds-spec.org/acquisition")
    assert "token=" in href and httpx.get(href).status_code == 200  # no cookies: the address alone
    navigate(page, lambda: page.click("button[aria-label='Revoke Phone']"))
    assert "The token is revoked." in page.inner_text("[role='status']")
    assert page.locator("button[aria-label='Revoke Phone']").count() == 0
    assert httpx.get(href).status_code == 401  # the revoked address no longer downloads


def test_the_upload_result_lists_refused_files_apart_and_passes_axe(page, served):
    log_in(page, STAFF)
    page.goto("/staff/upload")
    page.set_input_files("#files", files=[
        {"name": "good.txt", "mimeType": "text/plain", "buffer": "Жақсы кітап\n\nБір сөйлем.".encode()},
        {"name": "tool.exe", "mimeType": "application/octet-stream", "buffer": b"MZ" + bytes(range(256)) * 4},
    ])  # fmt: skip
    navigate(page, lambda: page.click("button:text('Upload')"))
    assert page.inner_text("ul.uploaded") == "good.txt: queued for conversion"
    assert "tool.exe" in page.inner_text("ul.refused") and "tool.exe" not in page.inner_text("ul.uploaded")
    assert violations(page) == []


def test_a_reader_not_registered_print_disabled_is_told_how_to_register_and_sees_no_dead_links(page, served):
    log_in(page, VISITOR)
    page.goto(f"/titles/{served.title}")
    text = page.inner_text("main")
    assert "for readers registered as print-disabled" in text and "ask at the library's desk" in text
    assert "Log in" not in text and page.locator("main a[href*='/download/'], main a[href*='/read/']").count() == 0
    assert "braille ready file (BRF)" in text  # what is made is still said
    assert violations(page) == []


def test_titles_keep_their_language_controls_are_text_sized_and_the_language_in_use_shows(page, served):
    page.goto("/?lang=en")
    assert page.get_attribute(f"ul.titles a[href='/titles/{served.title}']", "lang") == "kk"
    size = "e => getComputedStyle(e).fontSize"
    assert page.eval_on_selector("#q", size) == page.eval_on_selector("body", size) == "18px"
    assert page.eval_on_selector("form[role='search'] button", size) == "18px"
    page.goto(f"/titles/{served.title}")
    assert page.get_attribute("h1", "lang") == "kk" and page.get_attribute("html", "lang") == "en"
    look = "e => [getComputedStyle(e).fontWeight, getComputedStyle(e).borderBottomStyle]"
    assert page.eval_on_selector("a[hreflang='en']", look) == ["700", "solid"]
    assert page.eval_on_selector("a[hreflang='kk']", look) != ["700", "solid"]
