from lxml import html

from accessreader.braille import proof
from accessreader.braille.tables import Code
from accessreader.model import PARAGRAPH
from tests.braille_samples import corpus_document


def render(document, lang="en"):
    page, _ = proof.build(document, Code(), lang)  # what the CLI writes and the staff page shows
    return html.fromstring(page)


def test_each_block_shows_print_beside_braille_with_language_and_table():
    document = corpus_document()
    page = render(document, "kk")
    assert page.get("lang") == "kk"
    rows = page.findall(".//tbody/tr")
    assert len(rows) == sum(1 for _ in document.blocks())
    assert [th.text for th in page.findall(".//thead/tr/th")] == [
        "Мәтін блогы",
        "Тіл және кесте",
        "Баспа мәтіні",
        "Брайль қарпі",
    ]
    mixed = page.get_element_by_id("c3b3")
    cells = mixed.findall("td")
    assert "kk: kk.utb" in cells[0].text and "ru: ru-litbrl.ctb" in cells[0].text and "en: kk.utb" in cells[0].text
    assert {s.get("lang") for s in cells[1].findall("span")} == {"kk", "ru", "en"}
    assert cells[2].get("lang") == "kk-Brai" and cells[2].text.startswith("⠕⠹")
    assert page.find(".//mark") is None
    assert "Аударылмаған таңбалар жоқ" in page.text_content()


def test_warnings_are_listed_and_marked():
    document = corpus_document()
    block = next(b for _, b in document.blocks() if b.kind == PARAGRAPH)
    block.text = block.text.replace("Қазақ", "Қазақ 中", 1)
    page = render(document)
    marks = page.findall(".//mark")
    assert [m.text for m in marks] == ["中"]
    warning = page.find(".//main/ul/li/a")
    assert warning.get("href") == f"#{block.id}" and "U+4E2D" in warning.text
    _, braille = proof.build(document, Code())
    assert [(p.block, p.char) for p in braille.problems] == [(block.id, "中")]
