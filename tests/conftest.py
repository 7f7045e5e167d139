"""Fixtures shared by the test files: the store on each database kind.

``store`` is a fresh store per test, ``module_store`` one per test module; both run
every test once on SQLite and once on a real PostgreSQL server (``tests/stores.py``).
"""

import pytest

from tests.stores import KINDS, open_test_store


@pytest.fixture(params=KINDS)
def store(request, tmp_path):
    return open_test_store(request.param, tmp_path)


@pytest.fixture(scope="module", params=KINDS)
def module_store(request, tmp_path_factory):
    return open_test_store(request.param, tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1]))
