from accessreader.braille import unicode_text
from accessreader.braille.tables import Code
from accessreader.braille.translate import translate_document
from tests.braille_samples import corpus_document


def test_one_paragraph_per_line_of_braille():
    document = corpus_document()
    text = unicode_text.write(translate_document(document, Code())).decode("utf-8")
    lines = text.split("\n")
    assert lines[-1] == ""
    stanza_lines = sum(block.text.count("\n") for _, block in document.blocks())
    assert len(lines) - 1 == sum(1 for _ in document.blocks()) + stanza_lines
    assert all("\u2800" <= char <= "\u28ff" for line in lines for char in line)
    assert lines[0] == "⠹⠁⠵⠁⠹⠱⠁⠀⠃⠣⠇⠽⠍"
    assert lines[1] == unicode_text.PRINT_PAGE_MARK + "⠼⠁"
