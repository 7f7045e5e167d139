import pytest

from accessreader.braille.tables import Code
from accessreader.braille.translate import NOT_BRAILLE, main_language, translate_block, translate_document
from accessreader.model import PARAGRAPH, SPAN_LANG, Block, Span
from tests.braille_samples import CORPUS, KAZAKH_ALPHABET, corpus_document, long_document


def is_braille(cell: str) -> bool:
    return "\u2800" <= cell <= "\u283f" or cell == "\n"


def test_corpus_has_no_untranslated_characters():
    document = corpus_document()
    text = "".join(block.text for _, block in document.blocks())
    for needed in ("ё", "1 372 423", "№", "«ёлочки»", "—", "…", "https://"):
        assert needed in text
    assert set(KAZAKH_ALPHABET) | set(KAZAKH_ALPHABET.upper()) <= set(text)
    braille = translate_document(document, Code())
    assert braille.problems == []
    for block in braille.blocks:
        assert block.cells and all(is_braille(cell) for cell in block.cells), block.id
        assert all(is_braille(cell) for cell in block.label)


@pytest.mark.parametrize("lang", sorted(CORPUS))
def test_each_language_alone_translates_cleanly_in_every_grade(lang):
    for grades in ({"en": 1}, {"en": 2}):
        for text in CORPUS[lang]:
            block = Block(id="c0b0", kind=PARAGRAPH, text=text, lang=lang)
            result = translate_block(block, Code({"kk": 1, "ru": 1, **grades}), lang)
            assert result.problems == [] and all(is_braille(c) for c in result.cells)


def test_kazakh_title_inside_russian_sentence_is_kazakh_braille():
    text = "Книга «Қазақ әні» вышла (в Алматы)."
    start, end = text.index("«"), text.index("»") + 1
    block = Block(id="c0b0", kind=PARAGRAPH, text=text, lang="ru", spans=[Span(SPAN_LANG, start, end, "kk")])
    result = translate_block(block, Code(), "ru")
    assert [(r.lang, r.table) for r in result.runs] == [
        ("ru", "ru-litbrl.ctb"),
        ("kk", "kk.utb"),
        ("ru", "ru-litbrl.ctb"),
    ]
    kazakh = result.cells[result.cell_of(start) : result.cell_of(end)]
    assert "⠹⠁⠵⠁⠹" in kazakh and "⠜⠝⠽" in kazakh
    # Russian parentheses stay Russian (kk.utb writes them as dots 2-3-5-6).
    russian_paren = result.cells[result.cell_of(text.index("(")) : result.cell_of(text.index("(") + 1)]
    assert russian_paren == "⠣"
    kazakh_only = translate_block(Block(id="x", kind=PARAGRAPH, text=text, lang="kk"), Code(), "kk")
    assert kazakh_only.cells[kazakh_only.cell_of(text.index("("))] == "⠶"


def test_positions_map_both_ways():
    document = corpus_document()
    braille = translate_document(document, Code())
    for brl in braille.blocks:
        block = document.block(brl.id)
        assert len(brl.to_print) == len(brl.cells)
        assert len(brl.to_cells) == len(block.text) + 1
        assert list(brl.to_cells) == sorted(brl.to_cells)
        for cell in range(len(brl.cells)):
            offset = brl.print_offset(cell)
            assert 0 <= offset < len(block.text)
            assert brl.cell_of(offset) <= cell
    with pytest.raises(LookupError):
        braille.blocks[0].print_offset(10_000)


def test_cell_maps_to_the_right_word_and_sentence():
    text = "Бірінші сөйлем. Екінші сөйлем."
    block = Block(id="c0b0", kind=PARAGRAPH, text=text, lang="kk")
    result = translate_block(block, Code(), "kk")
    word = text.index("Екінші")
    cell = result.cell_of(word)
    assert result.cells[cell] == "⠑" and result.print_offset(cell) == word


def test_unknown_characters_are_reported_and_replaced():
    text = "Баға 500 ₸, 中文 café\u00ad\u200b."
    block = Block(id="c2b7", kind=PARAGRAPH, text=text, lang="ru")
    result = translate_block(block, Code(), "ru")
    reported = {(p.char, p.offset, p.replacement) for p in result.problems}
    assert ("₸", text.index("₸"), "?") in reported
    assert ("中", text.index("中"), "?") in reported and ("文", text.index("文"), "?") in reported
    assert len(result.problems) == 3  # soft hyphen and zero-width space are dropped, é is in the table
    assert all(is_braille(c) for c in result.cells)
    assert "c2b7:9" in result.problems[0].message("en") and "U+20B8" in result.problems[0].message("ru")
    question = translate_block(Block(id="q", kind=PARAGRAPH, text="?", lang="ru"), Code(), "ru").cells
    assert result.cells[result.cell_of(text.index("₸"))] == question


def test_accented_letter_missing_from_table_becomes_its_base_letter():
    block = Block(id="c0b0", kind=PARAGRAPH, text="naïve ŝ", lang="en")
    result = translate_block(block, Code({"en": 1}), "en")
    assert all(p.replacement in ("i", "s") for p in result.problems)
    assert all(is_braille(c) for c in result.cells)


def test_cyrillic_words_in_an_english_block_use_a_cyrillic_table():
    block = Block(id="c0b0", kind=PARAGRAPH, text="See Сайт библиотеки and Қазақ now", lang="en")
    result = translate_block(block, Code(), "en")
    assert result.problems == []
    assert [r.lang for r in result.runs] == ["en", "ru", "en", "kk", "en"]
    hidden = translate_block(Block(id="z", kind=PARAGRAPH, text="zero\u200bwidth 中", lang="en"), Code(), "en")
    assert [r.lang for r in hidden.runs] == ["en"] and [p.char for p in hidden.problems] == ["中"]


def test_stanza_lines_stay_lines_and_unknown_languages_use_the_main_one():
    document = corpus_document()
    assert main_language(document) == "kk"
    block = Block(id="s", kind="stanza", text="Бір жол\nЕкі жол", lang="und")
    result = translate_block(block, Code(), "kk")
    assert result.cells.count("\n") == 1 and result.runs[0].table == "kk.utb"
    assert result.print_offset(result.cells.index("\n")) == block.text.index("\n")


def test_eight_dot_computer_braille():
    block = Block(id="c0b0", kind=PARAGRAPH, text="Жизнь и hello", lang="ru")
    result = translate_block(block, Code(dots=8), "ru")
    assert result.problems == [] and NOT_BRAILLE not in result.cells
    assert any(c >= "\u2840" for c in result.cells)


def test_braille_without_positions_is_the_same_braille():
    for document in (corpus_document(), long_document(30)):
        kept = translate_document(document, Code())
        bare = translate_document(document, Code(), positions=False)
        assert [b.cells for b in bare.blocks] == [b.cells for b in kept.blocks]
        assert [b.label for b in bare.blocks] == [b.label for b in kept.blocks]
        assert bare.problems == kept.problems
        assert all(len(b.to_print) == len(b.to_cells) == 0 for b in bare.blocks)
        assert all(len(b.to_cells) > 0 for b in kept.blocks)
    block = Block(id="c0b0", kind=PARAGRAPH, text="Абай (1845–1904) ☃ café\nекінші жол (ашық)", lang="kk")
    kept, bare = translate_block(block, Code(), "kk"), translate_block(block, Code(), "kk", positions=False)
    assert bare.cells == kept.cells and "\u2836" in bare.cells  # ⠶ brackets beside numbers
    assert bare.problems == kept.problems and [p.char for p in kept.problems] == ["☃"]
