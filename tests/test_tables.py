import pytest

from accessreader.braille import louis
from accessreader.braille.tables import DEFAULT_GRADES, REGISTRY, Code, check, find_table, parse_grades
from accessreader.errors import BadOption, MissingDependency

KAZAKH_ONLY = "ӘҒҚҢӨҰҮҺІәғқңөұүһі"


@pytest.mark.parametrize("key", sorted(REGISTRY))
def test_every_registered_table_loads(key):
    louis.check(REGISTRY[key])
    assert find_table(REGISTRY[key][1]).is_file()


def test_display_table_matters_for_kazakh():
    wrong = louis.translate(("unicode.dis", "kk.utb"), KAZAKH_ONLY).cells
    right = louis.translate(REGISTRY[("kk", 1, 6)], KAZAKH_ONLY).cells
    assert any(char in wrong for char in KAZAKH_ONLY)
    assert right and all("\u2800" <= cell <= "\u283f" for cell in right)


def test_defaults_are_contracted_english_and_uncontracted_kazakh_russian():
    code = Code()
    assert DEFAULT_GRADES == {"kk": 1, "ru": 1, "en": 2}
    assert code.tables("en")[-1] == "en-ueb-g2.ctb"
    assert code.tables("ru")[-1] == "ru-litbrl.ctb"
    assert code.tables("kk")[-1] == "kk.utb"
    assert Code(parse_grades("en=1")).tables("en")[-1] == "en-ueb-g1.ctb"
    assert Code(dots=8).tables("ru")[-1] == "ru.ctb"
    assert Code(dots=8).tables("en")[-1] == "en-us-comp8.ctb"


@pytest.mark.parametrize("text", ["kk=2", "ru=3", "de=1", "en", "en=x"])
def test_grades_without_a_table_are_refused(text):
    with pytest.raises(BadOption):
        parse_grades(text)


def test_kazakh_eight_dot_is_plainly_not_offered():
    with pytest.raises(BadOption) as caught:
        check(Code(dots=8), ["kk"])
    assert "kk, 8 dots" in caught.value.message("en")


def test_missing_table_file_is_reported():
    with pytest.raises(MissingDependency):
        find_table("no-such-table.ctb")
