"""Search: folding for Kazakh, Russian and English, prefixes, ranking, FTS syntax kept out."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accessreader.model import Document, Metadata
from accessreader.service.catalog import Catalog
from accessreader.service.search import fold, words
from tests.stores import KINDS, open_test_store

BOOKS = {
    "abai": Metadata(
        title="Абай жолы",
        authors=["Мұхтар Әуезов"],
        languages=["kk"],
        description="Қазақ даласындағы ақын Абай Құнанбайұлының өмірі туралы роман-эпопея.",
    ),
    "kazak": Metadata(
        title="Казаки",
        authors=["Лев Толстой"],
        languages=["ru"],
        description="Повесть о жизни на Кавказе, о казаках и о любви. Ёмкая проза.",
    ),
    "alice": Metadata(
        title="Alice's Adventures in Wonderland",
        authors=["Lewis Carroll"],
        languages=["en"],
        description="A girl falls down a rabbit hole into a fantasy world.",
    ),
    "ulytau": Metadata(
        title="Ұлытау аңыздары",
        authors=["Ғабит Мүсірепов"],
        languages=["kk"],
        description="Ел аузындағы аңыздар мен әңгімелер. Оқиғалар Іле өңірінде өтеді.",
    ),
}


@pytest.fixture(scope="module")
def catalog(module_store):
    catalog = Catalog(module_store)
    for key, metadata in BOOKS.items():
        title = catalog.add_source(f"{metadata.title}\n\n{metadata.description}".encode(), f"{key}.txt").title
        catalog.attach_document(title.id, Document(metadata=metadata))
    return catalog


def found(catalog, query):
    return [t.source_name.removesuffix(".txt") for t in catalog.search(query)]


def test_folding_keeps_kazakh_letters_apart_from_russian_ones():
    assert fold("ҚАЗАҚ ӘДЕБИЕТІ") == "қазақ әдебиеті"
    assert fold("ҒҚҢӘӨҰҮҺІ") == "ғқңәөұүһі"
    assert fold("қазақ") != fold("казак")
    assert fold("Ёлка за́мок") == "елка замок"
    assert fold("Iле (Latin I) h") == "іле latin i h"
    assert words("Абай абай АБАЙ жолы") == ["абай", "жолы"]


KAZAKH_LETTERS = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
ENGLISH_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def word_in(alphabet):
    return st.text(alphabet, min_size=1, max_size=12)


@given(st.lists(st.one_of(word_in(KAZAKH_LETTERS), word_in(ENGLISH_LETTERS)), min_size=1, max_size=6))
def test_folding_ignores_case_and_is_stable(parts):
    phrase = " ".join(parts)
    assert fold(phrase.upper()) == fold(phrase) == fold(fold(phrase))
    assert fold(phrase.title()) == fold(phrase)
    kazakh_only = set("әғқңөұүһі")
    assert set(fold(phrase)) & kazakh_only == set(phrase.replace("ё", "е")) & kazakh_only


@settings(max_examples=40, deadline=None)
@given(title=st.lists(word_in(KAZAKH_LETTERS), min_size=1, max_size=5), pick=st.integers(0, 4), cut=st.integers(1, 12))
def test_any_word_of_a_title_finds_it_in_capitals_and_by_its_start(catalog, title, pick, cut):
    text = " ".join(title)
    added = catalog.add_source(f"{text}\n\nbody".encode(), "generated.txt").title
    try:
        catalog.attach_document(added.id, Document(metadata=Metadata(title=text)))
        word = title[pick % len(title)]
        assert added.id in [t.id for t in catalog.search(word.upper(), limit=1000)]
        assert added.id in [t.id for t in catalog.search(word[:cut], limit=1000)]
    finally:
        catalog.remove(added.id)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("ҚАЗАҚ", ["abai"]),  # Kazakh capitals find the lower-case word in the description
        ("қазақ", ["abai"]),
        ("казак", ["kazak", "abai"]),  # the Russian word first, then Kazakh "қазақ" typed without Қ
        ("КАЗАКИ", ["kazak", "abai"]),  # its stem "казак" is "қазақ" typed without Қ, ranked below
        ("ӘУЕЗОВ", ["abai"]),  # authors
        ("мұх", ["abai"]),  # prefix of a Kazakh word
        ("ұлытау", ["ulytau"]),
        ("улытау", ["ulytau"]),  # Ұ typed as У on a Russian keyboard
        ("іле", ["ulytau"]),
        ("Iле", ["ulytau"]),  # Latin I typed for Kazakh І
        ("емкая", ["kazak"]),  # ё/е
        ("ЁМКАЯ", ["kazak"]),
        ("толст", ["kazak"]),
        ("WONDERLAND", ["alice"]),
        ("rabbit hole", ["alice"]),
        ("carr alic", ["alice"]),  # every word a prefix, in any field
        ("rabbit kazak", []),  # every word must match
        ("", []),
        ("   ...   ", []),
    ],
)
def test_search_in_three_languages(catalog, query, expected):
    assert found(catalog, query) == expected


def test_a_title_word_ranks_above_a_description_word(catalog):
    abai = catalog.search("абай")[0]
    extra = catalog.add_source("Ақын\n\nАбай туралы".encode(), "poet.txt").title
    catalog.attach_document(
        extra.id, Document(metadata=Metadata(title="Ақын өлеңдері", description="Абай туралы естеліктер."))
    )
    try:
        assert [t.id for t in catalog.search("абай")] == [abai.id, extra.id]
    finally:
        catalog.remove(extra.id)


@pytest.mark.parametrize(
    "query", ['"', "abai OR", "NEAR(a b)", "title:alice", "*", "a AND NOT b", "x'; DROP TABLE titles; --"]
)
def test_query_syntax_never_reaches_the_engine(catalog, query):
    catalog.search(query)  # no error
    assert catalog.count() == len(BOOKS)


def test_paging(catalog):
    everything = [t.id for t in catalog.search("а")]
    assert len(everything) >= 2
    assert [t.id for t in catalog.search("а", limit=1)] == everything[:1]
    assert [t.id for t in catalog.search("а", offset=1, limit=10)] == everything[1:]


LIBRARY = {
    "balqash": Metadata(title="Балқаш кітапханасы", authors=["Айгүл Серікқызы"], languages=["kk"]),
    "almaty": Metadata(title="Библиотеки Алматы", authors=["Иван Петров"], languages=["ru"]),
    "almaata": Metadata(title="Старая Алма-Ата", authors=["Вера Осипова"], languages=["ru"]),
    "culture": Metadata(title="Culture of the Steppe", authors=["John Smith"], languages=["en"]),
}


@pytest.fixture(scope="module")
def library(module_store, tmp_path_factory):
    # A catalog of its own, on the same kind of database as ``catalog``'s.
    catalog = Catalog(open_test_store(module_store.dialect, tmp_path_factory.mktemp("forgiving")))
    for key, metadata in LIBRARY.items():
        title = catalog.add_source(metadata.title.encode(), f"{key}.txt").title
        catalog.attach_document(title.id, Document(metadata=metadata))
    return catalog


@pytest.mark.parametrize(
    "query, expected",
    [
        ("китапхана", ["balqash"]),  # Kazakh І typed as И
        ("балкаш", ["balqash"]),  # Қ typed as К
        ("Балқаш", ["balqash"]),
        ("Балхаш", ["balqash"]),  # the Russian name of the same lake and town
        ("Серикк", ["balqash"]),  # a prefix typed without Kazakh letters
        ("библиотека", ["almaty", "balqash"]),  # another form of the Russian word; the Kazakh word for it
        ("библиотеками", ["almaty"]),
        ("кітапханалар", ["balqash"]),  # a Kazakh plural finds the singular's other form
        ("Алматы", ["almaty", "almaata"]),  # its own name first, then its old name
        ("Алма-Ата", ["almaata", "almaty"]),
        ("cultural", ["culture"]),  # English word forms
        ("культура", ["culture"]),  # the same word in Russian
        ("балхаш библиотека", ["balqash"]),  # other names of both words
        ("балкаш петров", []),  # every word must still match
    ],
)
def test_search_forgives_layout_word_forms_and_other_names(library, query, expected):
    assert [t.source_name.removesuffix(".txt") for t in library.search(query)] == expected


def test_exact_spelling_ranks_above_a_folded_match(library):
    extra = library.add_source(b"kazak", "kitap.txt").title
    library.attach_document(extra.id, Document(metadata=Metadata(title="Китапхана туралы")))  # typed without І
    try:
        assert [t.id for t in library.search("кітапхана")][0] != extra.id
        assert [t.id for t in library.search("китапхана")][0] == extra.id
    finally:
        library.remove(extra.id)


def test_a_book_without_a_description_is_described_by_its_first_paragraphs(tmp_path):
    from accessreader.content import read

    catalog = Catalog(open_test_store("sqlite", tmp_path))
    text = "Оқу залы\n\nКітапхананың оқу залы күн сайын ашық. " + "Оқырмандар кітап оқиды. " * 30
    added = catalog.add_source(text.encode(), "zal.txt").title
    title = catalog.attach_document(added.id, read(text.encode(), "zal.txt"))
    assert title.description.startswith("Кітапхананың оқу залы күн сайын ашық.")
    assert 150 <= len(title.description) <= 301 and title.description.endswith("…")
    assert [t.id for t in catalog.search("оқырмандар")] == [added.id]


@pytest.mark.parametrize("kind", KINDS)
def test_the_text_of_books_is_searched_with_the_place_found(kind, tmp_path):
    from accessreader.content import read

    catalog = Catalog(open_test_store(kind, tmp_path))
    text = (
        "# Бірінші тарау\n\nДала кең еді.\n\n# Екінші тарау\n\n"
        "Ауылда үлкен кітапхана ашылды. Оның директоры Сәуле апай еді.\n\nКеш батты."
    )
    added = catalog.add_source(text.encode(), "auyl.md.txt").title
    document = read(text.encode(), "auyl.txt")
    catalog.attach_document(added.id, document)
    hits = catalog.search_text("китапхана директор")
    assert len(hits) == 1
    title, hit = hits[0]
    assert title.id == added.id
    block = document.block(hit.block)
    assert "директоры Сәуле" in block.text and document.chapters[hit.chapter].blocks.count(block) == 1
    assert "кітапхана ашылды" in hit.excerpt
    assert catalog.search_text("трактор") == []
    catalog.remove(added.id)
    assert catalog.search_text("китапхана") == []
