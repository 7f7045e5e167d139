"""The web interface's catalogs: every text of the templates translated into Kazakh and Russian; the reader's choice."""

from __future__ import annotations

from babel.messages.pofile import read_po
from starlette.requests import Request

from accessreader.server import i18n


def request(query: str = "", cookie: str = "", accept: str = "") -> Request:
    headers = [(b"cookie", f"{i18n.LANGUAGE_COOKIE}={cookie}".encode())] if cookie else []
    if accept:
        headers.append((b"accept-language", accept.encode()))
    return Request({"type": "http", "query_string": query.encode(), "headers": headers})


def test_every_interface_text_is_translated_in_kazakh_and_russian():
    with (i18n.LOCALE / "web.pot").open("rb") as handle:
        wanted = {m.id for m in read_po(handle) if m.id}
    assert len(wanted) > 50
    for lang in ("kk", "ru"):
        table = i18n.translations(lang)
        assert set(table) == wanted, lang
        for msgid, text in table.items():  # the same {fields} in the translation
            assert sorted(part.split("}")[0] for part in msgid.split("{")[1:]) == sorted(
                part.split("}")[0] for part in text.split("{")[1:]
            ), (lang, msgid)
    assert i18n.gettext("kk")("Chapter {n}", n=3) == "3-тарау"
    assert i18n.gettext("ru")("Search") == "Найти" and i18n.gettext("en")("Search") == "Search"


def test_the_language_comes_from_the_choice_then_the_cookie_then_the_browser():
    assert i18n.interface_language(request("lang=kk", cookie="ru", accept="en")) == "kk"
    assert i18n.interface_language(request("lang=xx", cookie="ru", accept="kk")) == "ru"
    assert i18n.interface_language(request(accept="de-DE,kk;q=0.8")) == "kk"
    assert i18n.interface_language(request()) == "en"
