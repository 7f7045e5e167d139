"""Words typed in two scripts are rewritten in one when a book is read, kept for proofreading,
reported by ``inspect``, and found by search the same way."""

import json

from lxml import html

from accessreader import content
from accessreader.braille import proof
from accessreader.braille.tables import Code
from accessreader.braille.translate import translate_document
from accessreader.inspection import summarise
from accessreader.lookalikes import one_script, repair
from accessreader.model import Document
from accessreader.service.search import fold

REPORT = (
    "В рамках акции «Читающий Казахстан» прошёл Сoncert в читальном зале.\n\n"
    "Оқырмандар кітаптың үлгiсiн талқылады.\n\n"
    "The Вook club met on Friday."
)


def read(text: str):
    return content.read(text.encode(), "report.txt")


def test_the_majority_script_wins_and_plain_words_are_left_alone():
    assert one_script("Сoncert") == "Concert"  # Cyrillic С in a Latin word
    assert one_script("үлгiсiн") == "үлгісін"  # Latin i in a Kazakh word
    assert one_script("Aбай") == "Абай"
    assert one_script("iPhoneда") == "iPhoneда"  # no look-alike for the minority letters
    assert one_script("Абай") == "Абай" and one_script("Concert") == "Concert"


def test_a_tie_follows_the_neighbouring_words():
    # "Ao" + "ос": two Latin, two Cyrillic letters
    assert repair("Абай Aoос жолы")[0] == "Абай Аоос жолы"
    assert repair("the Aoос club")[0] == "the Aooc club"


def test_a_book_is_repaired_once_with_the_original_kept_and_reported():
    document = read(REPORT)
    blocks = [block for _, block in document.blocks()]
    assert "прошёл Concert в" in blocks[0].text
    assert "үлгісін" in blocks[1].text and blocks[1].lang == "kk"
    assert blocks[2].text == "The Book club met on Friday."
    typed = [(b.text[r.start : r.end], r.original) for b in blocks for r in b.repairs]
    assert typed == [("Concert", "Сoncert"), ("үлгісін", "үлгiсiн"), ("Book", "Вook")]
    # the stored document keeps the originals, and one written without them still reads
    again = Document.from_json(document.to_json())
    assert again == document
    old = json.loads(document.to_json())
    for chapter in old["chapters"]:
        for block in chapter["blocks"]:
            del block["repairs"]
    assert all(not b.repairs for _, b in Document.from_dict(old).blocks())
    warnings = summarise(document, "ru")["warnings"]
    assert len(warnings) == 3 and "Сoncert → Concert" in warnings[0] and "переписано" in warnings[0]


def test_the_proof_page_shows_what_was_typed():
    document = read(REPORT)
    page = html.fromstring(proof.render(document, translate_document(document, Code()), "en"))
    typed = [ins.text_content() for ins in page.findall(".//ins")]
    assert typed == ["[typed as: Сoncert]", "[typed as: үлгiсiн]", "[typed as: Вook]"]
    row = page.get_element_by_id("c0b0").findall("td")[1].text_content()
    assert "Concert [typed as: Сoncert] в" in row


def test_braille_of_a_repaired_word_has_no_script_switches():
    document = read("Сoncert\n\nConcert")
    braille = translate_document(document, Code())
    assert braille.blocks[0].cells == braille.blocks[1].cells


def test_search_folds_mixed_words_like_the_book():
    assert fold("Сoncert") == fold("Concert") == "concert"
    assert fold("үлгiсiн") == fold("үлгісін")
    assert fold("Iле") == "іле"


def test_a_note_mark_glued_to_a_word_is_not_part_of_it():
    text = "Соңғы ескертуi"
    assert repair(text, cuts=[13, 14]) == (text, [])
    assert repair(text)[0] == "Соңғы ескертуі"
