"""Search: folding for Kazakh, Russian and English, prefixes, ranking, FTS syntax kept out."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stores import KINDS, open_test_store

from accessreader.model import Document, Metadata
from accessreader.service.catalog import Catalog
from accessreader.service.search import fold, words

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


@pytest.fixture(scope="module", params=KINDS)
def catalog(request, tmp_path_factory):
    catalog = Catalog(open_test_store(request.param, tmp_path_factory.mktemp("search")))
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
        ("казак", ["kazak"]),  # the Russian word does not find Kazakh "қазақ"
        ("КАЗАКИ", ["kazak"]),
        ("ӘУЕЗОВ", ["abai"]),  # authors
        ("мұх", ["abai"]),  # prefix of a Kazakh word
        ("ұлытау", ["ulytau"]),
        ("улытау", []),  # Ұ is not У
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
