"""Fixtures shared by the test files: the store on each database kind, and a browser.

``store`` is a fresh store per test, ``module_store`` one per test module; both run
every test once on SQLite and once on a real PostgreSQL server (``tests/stores.py``).
``browser`` is Debian's chromium through Playwright, one per test module.
"""

import pytest

from tests.stores import KINDS, open_test_store
from tests.webkit import chromium


@pytest.fixture(params=KINDS)
def store(request, tmp_path):
    return open_test_store(request.param, tmp_path)


@pytest.fixture(scope="module", params=KINDS)
def module_store(request, tmp_path_factory):
    return open_test_store(request.param, tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1]))


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched
