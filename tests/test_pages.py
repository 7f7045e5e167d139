"""The minimal accessible pages: language attribute, headings, labelled search, downloads that say what they are."""

from __future__ import annotations

from fastapi.testclient import TestClient
from lxml import html

from accessreader.server import create_app

from servicekit import READER, book, make_library, wait_done


def test_title_page_lists_labelled_downloads_in_the_readers_language(tmp_path):
    library = make_library(tmp_path)
    worker = library.jobs.worker(1)
    worker.start()
    try:
        ready = library.add(book("Дала әндері"), "dala.txt")
        wait_done(library, ready.job)
        failed = library.add(b"PK\x03\x04" + bytes(64), "broken.epub")
        wait_done(library, failed.job)
    finally:
        worker.stop()
    client = TestClient(create_app(library.settings, library))

    page = html.fromstring(client.get(f"/titles/{ready.title.id}", params={"lang": "kk"}).content)
    assert page.get("lang") == "kk"
    assert page.xpath("//h1/text()") == ["Дала әндері"]
    assert page.xpath("//h2/text()") == ["Жүктеп алу"]
    links = page.xpath("//main//ul/li/a")
    assert [a.text for a in links][0].startswith("Жүктеп алу: Брайль принтеріне арналған файл (BRF), ")
    assert "PIN-кодпен кіріңіз" in page.text_content()  # a visitor is told who may download

    login_href = page.xpath("//a[starts-with(@href, '/login')]/@href")[0]
    form = html.fromstring(client.get(login_href).content)
    assert form.xpath("//label[@for='login']/text()") == ["Оқырман билетінің нөмірі (қызметкерлер: логин)"]
    assert form.xpath("//input[@id='secret']/@type") == ["password"]
    fields = {"login": READER[0], "secret": "0000", "next": form.xpath("//input[@name='next']/@value")[0]}
    wrong = client.post("/login", data=fields, params={"lang": "en"}, follow_redirects=False)
    assert wrong.status_code == 401 and "is wrong" in html.fromstring(wrong.content).xpath("//p[@role='alert']/text()")[0]
    right = client.post("/login", data={**fields, "secret": READER[1]}, follow_redirects=False)
    assert right.status_code == 303 and right.headers["location"] == f"/titles/{ready.title.id}"
    away = client.post("/login", data={**fields, "secret": READER[1], "next": "//evil.example/"}, follow_redirects=False)
    assert away.headers["location"] == "/"

    page = html.fromstring(client.get(f"/titles/{ready.title.id}", headers={"accept-language": "ru-RU,ru"}).content)
    assert page.get("lang") == "ru" and "PIN" not in page.text_content()
    assert "Вы вошли как Reader." in page.text_content()
    assert client.get(links[0].get("href")).status_code == 200

    broken = html.fromstring(client.get(f"/titles/{failed.title.id}", params={"lang": "en"}).content)
    assert broken.xpath("//p[@role='status']/text()")[0].startswith("Conversion failed: broken.epub")

    index = html.fromstring(client.get("/", params={"lang": "ru", "q": "дала"}).content)
    assert index.xpath("//label[@for='q']/text()") == ["Слова из названия, имени автора или описания"]
    assert index.xpath("//main//li/a/text()") == ["Дала әндері"]
    assert client.get("/titles/999").status_code == 404
    client.post("/logout")
    assert client.get(links[0].get("href")).status_code == 401
    library.close()
