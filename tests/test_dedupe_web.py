"""Staff upload a book the catalog has in another format, in headless Chromium with axe-core: one title, its
sources listed on its page, the upload page saying what happened, and a separate entry when staff ask for one."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.servicekit import STAFF, wait_done
from tests.test_web import log_in, navigate, tab_into, violations
from tests.webkit import serve, stop, tab

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    service, server, thread = serve(tmp_path_factory.mktemp("dedupe-web"))
    worker = service.library.jobs.worker(1)  # uploads are converted (or joined) while the tests look on
    worker.start()
    yield service
    worker.stop()
    stop(server, thread, service.library)


@pytest.fixture
def page(browser, served):
    with tab(browser, served.base) as page:
        yield page


def upload(page, *names: str, lang: str = "en") -> None:
    page.goto(f"/staff/upload?lang={lang}")
    page.set_input_files("#files", files=[{"name": n, "mimeType": "application/octet-stream",
                                           "buffer": (SAMPLES / n).read_bytes()} for n in names])  # fmt: skip
    navigate(page, lambda: page.click("main button[type='submit']"))


def finish_jobs(served) -> None:
    for info in served.library.jobs.list():
        wait_done(served.library, info.id)


def test_a_second_format_joins_the_title_and_staff_see_both_sources(page, served):
    library = served.library
    log_in(page, STAFF)
    upload(page, "dala-kk.epub")
    assert page.inner_text("ul.uploaded") == "dala-kk.epub: queued for conversion"
    finish_jobs(served)
    titles = library.catalog.count()
    title = library.catalog.by_checksum("sha256:" + hashlib.sha256((SAMPLES / "dala-kk.epub").read_bytes()).hexdigest())
    assert title.title == "Дала әуені"

    upload(page, "dala-kk.epub", "dala-kk.fb2")
    items = page.locator("ul.uploaded li").all_inner_texts()
    assert items[0] == (
        f"dala-kk.epub: this file is already in the catalog, as a source of title #{title.id} «Дала әуені»; "
        "nothing new was added"
    )
    assert items[1] == "dala-kk.fb2: queued for conversion"
    assert violations(page) == []
    fb2_page = page.get_attribute("ul.uploaded li:nth-child(2) a", "href")
    finish_jobs(served)
    assert library.catalog.count() == titles  # no second entry
    page.goto("/staff/jobs")
    joined = f"dala-kk.fb2: dala-kk.fb2 has the identifier of title #{title.id} «Дала әуені»: added to it as another"
    page.wait_for_function(f"() => document.getElementById('jobs').innerText.includes({joined!r})")
    assert violations(page) == []

    assert page.goto(fb2_page).status == 200  # the FB2's own address now leads to the title it joined
    assert page.url.endswith(f"/titles/{title.id}") and page.inner_text("h1") == "Дала әуені"
    assert page.inner_text("h2:text('Sources') + ul.sources").splitlines() == [
        f"dala-kk.epub (EPUB, {title.added_at:%Y-%m-%d}): converted from this file",
        f"dala-kk.fb2 (FB2, {title.added_at:%Y-%m-%d}): joined this title: the same identifier; not converted again",
    ]
    assert violations(page) == []
    page.goto(f"/titles/{title.id}?lang=kk")
    assert "dala-kk.fb2 (FB2" in page.inner_text("ul.sources")
    assert "осы кітапқа қосылды: идентификаторы бірдей; қайта түрлендірілмейді" in page.inner_text("ul.sources")

    page.context.clear_cookies()  # readers and visitors see one title, not its files
    page.goto(f"/titles/{title.id}")
    assert page.locator("ul.sources").count() == 0


def test_staff_keep_another_edition_apart_with_the_keyboard(page, served):
    library = served.library
    log_in(page, STAFF)
    upload(page, "kitaphana-kk-ru.epub")
    finish_jobs(served)
    before = library.catalog.count()

    page.goto("/staff/upload?lang=ru")
    page.set_input_files("#files", files=[{"name": "kitaphana-kk-ru.html", "mimeType": "text/html",
                                           "buffer": (SAMPLES / "kitaphana-kk-ru.html").read_bytes()}])  # fmt: skip
    tab_into(page, "#separate")
    assert page.evaluate("() => document.activeElement.labels[0].textContent").startswith("Отдельная запись")
    page.keyboard.press("Space")
    assert page.is_checked("#separate")
    assert violations(page) == []
    tab_into(page, "main button[type='submit']")
    navigate(page, lambda: page.keyboard.press("Enter"))
    assert page.inner_text("ul.uploaded") == "kitaphana-kk-ru.html: поставлено в очередь на преобразование"
    finish_jobs(served)
    assert library.catalog.count() == before + 1  # its own entry: another edition
