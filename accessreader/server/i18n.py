"""The web interface's language: gettext catalogs (``accessreader/locale/<lang>/LC_MESSAGES/web.po``).

    interface_language(request) ──▶ "kk" | "ru" | "en"
    gettext(lang) ──▶ _(msgid) -> translated text

The ``.po`` files are the committed source and are read with Babel when first
needed (no compiled ``.mo`` to forget on a clean clone).  English is the msgid
itself.  The reader's choice comes from ``?lang=`` (and is then remembered in a
cookie), else the cookie, else Accept-Language, else English.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po
from fastapi import Request

from ..messages import LANGUAGES

LANGUAGE_COOKIE = "accessreader_lang"
LOCALE = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "web"
#: Each interface language named in itself, for the language switcher.
NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


def interface_language(request: Request) -> str:
    """``?lang=`` if it is kk, ru or en, else the remembered cookie, else Accept-Language, else en."""
    for value in (request.query_params.get("lang", ""), request.cookies.get(LANGUAGE_COOKIE, "")):
        if value in LANGUAGES:
            return value
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


@cache
def translations(lang: str) -> dict[str, str]:
    """msgid → translation for ``lang`` (empty for English and for untranslated entries)."""
    path = LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == "en" or not path.exists():
        return {}
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy and isinstance(m.id, str)}


def gettext(lang: str) -> Callable[..., str]:
    """``_(msgid, **params)``: the text in ``lang`` with ``{name}`` fields filled in."""
    table = translations(lang)

    def _(msgid: str, **params: object) -> str:
        text = table.get(msgid, msgid)
        return text.format(**params) if params else text

    return _
