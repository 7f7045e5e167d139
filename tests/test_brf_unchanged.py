"""The BRF of every sample book, byte for byte as main wrote it before the braille path was made faster.

The digests were taken from main's code (one process); the files must come out the same through
convert on one process and on two workers (a book below processes.SMALL is shared too here).
"""

import hashlib
from pathlib import Path

import pytest

from accessreader import content, convert, processes
from tests.braille_samples import corpus_document

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
#: sha256 of the BRF (40 × 25) of each sample, written by main before the change.
MAIN = {
    "city-library-en.html": "7d157a4a4abd1b81f753be5295ff527a27a968ef46c0ff560d7abbff98cc2b02",
    "city-library-en.pdf": "85e74e79c4f397bd5f13ac396cf6bad4b12bf28c4733a73a6659d687cf894ce5",
    "city-library-en.txt": "a1b54a6dce947363fc2cf424178d54f96c8b7bea7692850fa77312f46363cef7",
    "dala-kk.epub": "119a2b1bbb00411f5f3b1a94ef49691e7ee8335f09972e468517e60f122ebd99",
    "dala-kk.fb2": "2dbb0985b982101d14558e7be5cd8c8aa53bd957c562c7a5e2d57e072562b7b4",
    "dala-kk.txt": "91a4638bbe8718e3c7ed32e99896cd400a34dcdd911078a073170775f41db763",
    "kitaphana-kk-ru.docx": "141eb0717faec9686ef7839a41fd713ad6438e9899af28d854a45d9500ff5385",
    "kitaphana-kk-ru.epub": "d83e0c967bcc6bd87e4b2f41df408284d1707bb974be2a09846ee57cd3c21cfb",
    "kitaphana-kk-ru.html": "d83e0c967bcc6bd87e4b2f41df408284d1707bb974be2a09846ee57cd3c21cfb",
    "library-report-ru.docx": "c219c97894bf9c441920e118d53eb4e7a1f9b78378bdbe43d0b16cde65fb77d1",
    "library-report-ru.fb2": "cf51b39ccfabb8b0357055d64181811ad0be6d835c722901e6ea0924780ecab8",
    "library-report-ru.pdf": "8b76fa708e9d8570d4a1e53f466728ea855a63f44dac3e160459210b9275ff0a",
    "corpus": "ff5ec33f37a192fa0b6031eb1b5f1198ef71c5f06e798536dd8cee5edea94dea",
}


def brf_digest(document, folder: Path, workers: int) -> str:
    options = convert.Options(workers=workers)
    (path,) = convert.convert(document, "book", ["brf"], folder, options).paths
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("name", sorted(MAIN))
def test_sample_brf_is_what_main_wrote(name, workers, tmp_path, monkeypatch):
    monkeypatch.setattr(processes, "SMALL", 0)  # two workers even for a small book
    if name == "corpus":
        document = corpus_document()
    else:
        document = content.read((SAMPLES / name).read_bytes(), name)
    assert brf_digest(document, tmp_path, workers) == MAIN[name]


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("name", sorted(set(MAIN) - {"corpus"}))
def test_sample_brf_from_the_draft_is_what_main_wrote(name, workers, tmp_path, monkeypatch):
    """Languages and braille found in one pool (``convert(..., source=)``): the same file, and the same
    Document but for the sentences, which a braille file does not need."""
    monkeypatch.setattr(processes, "SMALL", 0)
    data = (SAMPLES / name).read_bytes()
    draft, finished = content.draft(data, name)
    assert not finished
    options = convert.Options(workers=workers)
    (path,) = convert.convert(draft, "book", ["brf"], tmp_path, options, source=(data, name)).paths
    assert hashlib.sha256(path.read_bytes()).hexdigest() == MAIN[name]
    document = content.read(data, name)
    assert _for_braille(draft) == _for_braille(document)
    assert all(not block.sentences for _, block in draft.blocks())


def _for_braille(document):
    blocks = [(b.id, b.kind, b.lang, b.text, b.spans, b.repairs) for _, b in document.blocks()]
    return blocks, document.metadata, document.toc, document.notices


@pytest.mark.parametrize("workers", [1, 2])
def test_a_draft_whose_main_language_was_not_guessed_is_translated_again(workers, tmp_path, monkeypatch):
    """A text file declares no language, so the workers first take English for the book's main one; the
    book is Russian, and its German paragraph (no German tables: the main language's) came out otherwise."""
    monkeypatch.setattr(processes, "SMALL", 0)
    russian = "Библиотека открыта каждый день, кроме понедельника. Читатели берут книги домой на две недели."
    data = f"{russian}\n\nIch habe keine Zeit, sagte der Müller.\n\n{russian}\n".encode()
    draft, _ = content.draft(data, "book.txt")
    options = convert.Options(workers=workers)
    (streamed,) = convert.convert(draft, "s", ["brf"], tmp_path, options, source=(data, "book.txt")).paths
    (whole,) = convert.convert(content.read(data, "book.txt"), "w", ["brf"], tmp_path, options).paths
    assert [b.lang for _, b in draft.blocks()] == ["ru", "de", "ru"]
    assert streamed.read_bytes() == whole.read_bytes()
