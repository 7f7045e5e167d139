"""The only door to liblouis: translate, back-translate and check tables.

    text ──translate(tables, text)──▶ Translation(cells, cell → char, char → cell)
    cells ──back_translate(tables, cells)──▶ text
    (tables, char) ──defined──▶ does the table give the character dots of its own?

Everything else in ``braille/`` speaks plain ``str`` and ``int`` lists.  The
Debian package ``python3-louis`` provides the binding; when it is missing, or a
table does not compile, ``errors.MissingDependency`` says what to install.
liblouis keeps its working buffers in globals and the binding (ctypes) lets go
of the GIL during a call, so two threads translating at once garble each
other's cells: every call here holds one process-wide lock.
A failure inside liblouis for a table that compiled is a bug and raises
``RuntimeError`` naming the tables and the text.

Translations of short texts (headings, labels, running heads, table cells: up to
``CACHED_LENGTH`` characters) are kept per process (``CACHED``, the most recently
used), so a string that comes again costs no call; ``counts()`` tells how many
calls were made and how many were answered from the cache.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, TypeVar

from ..errors import MissingDependency

try:
    import louis as _louis
except ImportError:  # reported by require() when braille is asked for
    _louis = None

#: Where Debian installs the tables and the binding.
TABLES_PACKAGE = "apt-get install liblouis-data"
BINDING_PACKAGE = "apt-get install python3-louis"

#: liblouis is not thread-safe (shared translation buffers); one call at a time.
_calls = threading.Lock()
#: Texts up to this long are cached, this many of them (longer ones rarely come twice).
CACHED_LENGTH = 200
CACHED = 8192
_cache: OrderedDict[tuple[tuple[str, ...], str], Translation] = OrderedDict()
_cells_cache: OrderedDict[tuple[tuple[str, ...], str], str] = OrderedDict()  # what ``cells`` was told
_counts: Counter[str] = Counter()
T = TypeVar("T")


@dataclass
class Translation:
    """Braille for a text, with positions both ways.

    ``cells[i]`` came from print character ``to_print[i]``; print character ``j``
    starts at cell ``to_cells[j]`` (a contraction maps several characters to one
    cell, an escape one character to several cells).  Shared with the cache: read it, do not change it.
    """

    cells: str
    to_print: list[int]
    to_cells: list[int]


def require() -> None:
    """Raise ``MissingDependency`` when the liblouis binding is not importable."""
    if _louis is None:
        raise MissingDependency(what="liblouis (Python module louis)", install=BINDING_PACKAGE)


@cache
def check(tables: tuple[str, ...]) -> None:
    """Compile ``tables`` once; raise ``MissingDependency`` naming them when they do not load."""
    require()
    try:
        with _calls:
            _louis.setLogLevel(_louis.LOG_OFF)
            _louis.checkTable(list(tables))
    except RuntimeError:
        raise MissingDependency(what=f"liblouis table {', '.join(tables)}", install=TABLES_PACKAGE) from None


def translate(tables: tuple[str, ...], text: str) -> Translation:
    """``text`` in braille with ``tables`` (wraps ``lou_translate``), Unicode cells out.

    Characters the tables do not define produce no cells (liblouis's
    ``noUndefined`` mode); callers replace them first, see ``defined``.
    """
    if not text:
        return Translation("", [], [])
    key = (tables, text)
    with _calling(tables, text):
        if key in _cache:
            return _remembered(_cache, key)
        cells, to_print, to_cells, _ = _louis.translate(list(tables), text, mode=_louis.noUndefined)
        return _keep(_cache, key, Translation(cells, to_print, to_cells))


def cells(tables: tuple[str, ...], text: str) -> str:
    """``translate(tables, text).cells`` without the positions (wraps ``lou_translateString``)."""
    if not text:
        return ""
    key = (tables, text)
    with _calling(tables, text):
        if key in _cells_cache:
            return _remembered(_cells_cache, key)
        if key in _cache:
            return _remembered(_cache, key).cells
        return _keep(_cells_cache, key, _louis.translateString(list(tables), text, mode=_louis.noUndefined))


@contextmanager
def _calling(tables: tuple[str, ...], text: str) -> Iterator[None]:
    """One call into liblouis at a time; its failure named with the tables and the text."""
    try:
        with _calls:
            yield
    except RuntimeError as exc:
        raise RuntimeError(f"liblouis could not translate {text[:60]!r} with {tables}: {exc}") from exc


def _remembered(store: OrderedDict, key: tuple) -> Any:
    """A cached translation (the most recently used now), counted."""
    store.move_to_end(key)
    _counts["cached"] += 1
    return store[key]


def _keep(store: OrderedDict, key: tuple, found: T) -> T:
    """A new translation, counted, and cached when its text is short (the oldest dropped past ``CACHED``)."""
    _counts["translate"] += 1
    if len(key[1]) <= CACHED_LENGTH:
        store[key] = found
        if len(store) > CACHED:
            store.popitem(last=False)
    return found


def counts() -> dict[str, int]:
    """Translations in this process so far: ``translate`` (calls into liblouis), ``cached`` (answered from the cache)."""
    return {"translate": _counts["translate"], "cached": _counts["cached"]}


def back_translate(tables: tuple[str, ...], cells: str) -> str:
    """Print text for Unicode braille ``cells`` (wraps ``lou_backTranslateString``)."""
    if not cells:
        return ""
    try:
        with _calls:
            return _louis.backTranslateString(list(tables), cells)
    except RuntimeError as exc:
        raise RuntimeError(f"liblouis could not back-translate {cells[:60]!r} with {tables}: {exc}") from exc


@lru_cache(maxsize=65536)
def defined(tables: tuple[str, ...], char: str) -> bool:
    """Whether the tables give ``char`` dots of its own (a space always counts)."""
    if char.isspace():
        return True
    with _calls:
        return bool(_louis.translate(list(tables), char, mode=_louis.noUndefined)[0])
