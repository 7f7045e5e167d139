import pytest

from accessreader import convert
from accessreader.braille import Code
from accessreader.braille.translate import translate_document
from accessreader.errors import BadOption, SixDotsOnly
from tests.braille_samples import corpus_document


def test_writes_every_format_asked(tmp_path):
    result = convert.convert(corpus_document(), "corpus", ["brf", "pef", "ubrl"], tmp_path)
    assert [p.name for p in result.paths] == ["corpus.brf", "corpus.pef", "corpus.ubrl.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.brf", "corpus.pef", "corpus.ubrl.txt"]
    assert result.problems == []
    assert tmp_path.joinpath("corpus.brf").read_bytes().count(b"\f") >= 3


def test_progress_counts_blocks_and_files(tmp_path):
    steps = []
    document = corpus_document()
    convert.convert(document, "c", ["brf", "ubrl"], tmp_path, progress=steps.append)
    assert sum(steps) == sum(1 for _ in document.blocks()) + 2


def test_refusals_come_before_any_file(tmp_path):
    document = corpus_document()
    options = convert.Options(code=Code(dots=8))
    with pytest.raises(SixDotsOnly):
        convert.convert(document, "c", ["pef", "brf"], tmp_path, options)
    with pytest.raises(BadOption):  # the corpus is Kazakh: no 8-dot Kazakh table
        convert.convert(document, "c", ["pef"], tmp_path, options)
    assert list(tmp_path.iterdir()) == []


def test_braille_made_elsewhere_is_written_as_it_is(tmp_path):
    """A job's parts translate the book; the writer takes their braille and translates nothing again."""
    document = corpus_document()
    whole = convert.convert(document, "whole", ["brf", "ubrl"], tmp_path / "whole")
    braille = translate_document(document, Code())
    steps = []
    given = convert.convert(
        document, "given", ["brf", "ubrl"], tmp_path / "given", progress=steps.append, braille=braille
    )
    assert steps == [1, 1]  # the two files; no block translated
    assert [p.read_bytes() for p in given.paths] == [p.read_bytes() for p in whole.paths]
    braille.blocks = braille.blocks[:1]
    short = convert.convert(document, "short", ["ubrl"], tmp_path / "short", braille=braille)
    assert len(short.paths[0].read_bytes()) < len(whole.paths[1].read_bytes())


def test_problems_come_back(tmp_path):
    document = corpus_document()
    next(b for _, b in document.blocks() if b.kind == "paragraph").text += " ₸"
    result = convert.convert(document, "c", ["ubrl"], tmp_path)
    assert [p.char for p in result.problems] == ["₸"]


def test_format_names_are_checked():
    assert convert.parse_formats("BRF, pef,brf") == ["brf", "pef"]
    with pytest.raises(BadOption):
        convert.parse_formats("brf,docx")
    with pytest.raises(BadOption):
        convert.parse_formats(" , ")
