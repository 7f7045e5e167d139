"""Search: folding for Kazakh, Russian and English, prefixes, ranking, FTS syntax kept out."""

import pytest

from accessreader.catalog import Catalog
from accessreader.model import Document, Metadata
from accessreader.search import fold, words

from .stores import KINDS, open_test_store

BOOKS = {
    "abai": Metadata(
        title="Абай жолы", authors=["Мұхтар Әуезов"], languages=["kk"],
        description="Қазақ даласындағы ақын Абай Құнанбайұлының өмірі туралы роман-эпопея.",
    ),
    "kazak": Metadata(
        title="Казаки", authors=["Лев Толстой"], languages=["ru"],
        description="Повесть о жизни на Кавказе, о казаках и о любви. Ёмкая проза.",
    ),
    "alice": Metadata(
        title="Alice's Adventures in Wonderland", authors=["Lewis Carroll"], languages=["en"],
        description="A girl falls down a rabbit hole into a fantasy world.",
    ),
    "ulytau": Metadata(
        title="Ұлытау аңыздары", authors=["Ғабит Мүсірепов"], languages=["kk"],
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


@pytest.mark.parametrize("query", ['"', "abai OR", "NEAR(a b)", "title:alice", "*", "a AND NOT b", "x'; DROP TABLE titles; --"])
def test_query_syntax_never_reaches_the_engine(catalog, query):
    catalog.search(query)  # no error
    assert catalog.count() == len(BOOKS)


def test_paging(catalog):
    everything = [t.id for t in catalog.search("а")]
    assert len(everything) >= 2
    assert [t.id for t in catalog.search("а", limit=1)] == everything[:1]
    assert [t.id for t in catalog.search("а", offset=1, limit=10)] == everything[1:]
