"""messages: every message exists in Kazakh, Russian and English with the same placeholders."""

from __future__ import annotations

import inspect
import string

import pytest

from accessreader import errors
from accessreader.messages import LANGUAGES, MESSAGES, interface_language, translate

KAZAKH_ONLY = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def _placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_has_all_three_languages(code: str) -> None:
    texts = MESSAGES[code]
    assert set(texts) == set(LANGUAGES)
    assert all(texts[lang].strip() for lang in LANGUAGES)
    # Each language is a real translation, not a copy of another.
    assert len({texts[lang] for lang in LANGUAGES}) == 3


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_placeholders_are_identical_across_languages(code: str) -> None:
    found = {lang: _placeholders(MESSAGES[code][lang]) for lang in LANGUAGES}
    assert found["kk"] == found["ru"] == found["en"], found


def test_kazakh_and_russian_are_in_cyrillic_and_english_is_not() -> None:
    kazakh = " ".join(texts["kk"] for texts in MESSAGES.values())
    assert KAZAKH_ONLY & set(kazakh), "no Kazakh-only letters in any kk message"
    for code, texts in MESSAGES.items():
        assert not KAZAKH_ONLY & set(texts["ru"]), code
        assert any("\u0400" <= c <= "\u04ff" for c in texts["ru"]), code
        assert not any("\u0400" <= c <= "\u04ff" for c in texts["en"]), code


def test_every_error_class_has_its_message() -> None:
    classes = [c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, errors.AccessReaderError)]
    assert len(classes) > 10
    for cls in classes:
        assert cls.code in MESSAGES, cls.__name__


def test_translate_fills_parameters_and_falls_back() -> None:
    assert translate("file_too_large", "ru", name="a.pdf", size="3.0 MB", limit="1.0 MB") == (
        "a.pdf: размер файла 3.0 MB, больше предела 1.0 MB"
    )
    assert translate("empty_file", "de", name="x") == translate("empty_file", "en", name="x")
    assert translate("no_such_code", "kk", detail="d") == translate("error", "kk", detail="d")
    assert translate("empty_file", "kk") == "name: файл бос"


def test_interface_language(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    assert interface_language() == "en"
    monkeypatch.setenv("LANG", "kk_KZ.UTF-8")
    assert interface_language() == "kk"
    assert interface_language("ru") == "ru"
    monkeypatch.setenv("LC_ALL", "ru_RU.UTF-8")
    assert interface_language() == "ru"
