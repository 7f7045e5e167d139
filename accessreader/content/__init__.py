"""Readers: each input format into the one Document model.

    read(data, name) ──sniff──▶ epub | pdf | fb2 | docx | html | txt reader ──▶ draft Document
                                                              ──finish──▶ Document
                                         (languages, spans, sentences, contents, checksum)

A Document stored as JSON (``Document.to_json``) reads back as it was, without finishing.

The format is decided from the bytes (``sniff``), the file name only breaks ties.
Each reader module has ``read(data: bytes, name: str, limits: Limits) -> Document``
and raises ``errors.BadInput`` subclasses for files it cannot read.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ..errors import EmptyFile, TooDeeplyNested, UnknownFormat, UnsafeXml
from ..model import Document
from .finish import finish
from .safety import DEFAULT_LIMITS, MAX_DEPTH, Limits, SafeZip, check_size, declares_entities
from .txt import utf16_without_bom

FORMATS = ("epub", "pdf", "fb2", "docx", "html", "txt", "json", "image")

#: The module under ``content/`` that reads each format.
_READER_MODULES = {fmt: fmt for fmt in FORMATS} | {"json": "stored", "image": "images"}

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")

#: File name endings that may hold a book, for folder imports.
BOOK_SUFFIXES = (".epub", ".pdf", ".fb2", ".fb2.zip", ".docx", ".html", ".htm", ".xhtml", ".txt", ".tif", ".tiff")


def sniff(data: bytes, name: str = "", limits: Limits = DEFAULT_LIMITS) -> str:
    """The format of ``data`` from its content: one of ``FORMATS``.

    Raises ``EmptyFile`` for no bytes (or only white space), ``UnknownFormat``
    for anything else that is not a book (an executable, an unrelated ZIP), and, before any reader runs, ``CorruptFile`` for a broken ZIP,
    ``ArchiveBomb`` for a ZIP over ``limits`` and ``UnsafeXml`` for markup
    that declares entities (billion laughs, external entities).
    """
    if _blank(data):
        raise EmptyFile(name=name)
    head = data[:4096]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(data, name, limits)
    text = _head_text(head).lstrip("\ufeff \t\r\n").lower()
    if text.startswith("{") and '"schema"' in text and '"chapters"' in text:
        return "json"
    if text.startswith("<") and (declares_entities(head) or "<!entity" in text):
        raise UnsafeXml(name=name)
    if "<fictionbook" in text:
        return "fb2"
    if text.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text or "<body" in text:
        return "html"
    if _looks_binary(head):
        raise UnknownFormat(name=name)
    return "txt"


def _sniff_zip(data: bytes, name: str, limits: Limits) -> str:
    lowered = name.lower()
    claimed = next((fmt for fmt, suffix in _ZIP_SUFFIXES if lowered.endswith(suffix)), "ZIP")
    names = SafeZip(data, name, claimed, limits).names
    if "META-INF/container.xml" in names or "mimetype" in names and data[38:58] == b"application/epub+zip":
        return "epub"
    if "word/document.xml" in names:
        return "docx"
    if any(n.lower().endswith(".fb2") for n in names):
        return "fb2"
    raise UnknownFormat(name=name)


#: What a ZIP-based file claims to be by its name, for messages about a broken archive.
_ZIP_SUFFIXES = (("EPUB", ".epub"), ("DOCX", ".docx"), ("FB2", ".fb2.zip"))


def _blank(data: bytes) -> bool:
    """No bytes, or only white space after an optional byte-order mark (Notepad's "empty" file)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return not data[2:].strip(b" \t\r\n\x00")
    return not data.strip()


def _head_text(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore")
    return head.decode(utf16_without_bom(head) or "utf-8", errors="ignore")


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(head):
        return False
    if b"\x00" in head:  # text in any single-byte encoding or UTF-8 has no zero bytes
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) // 50 + 1


def read(
    data: bytes,
    name: str = "",
    limits: Limits = DEFAULT_LIMITS,
    workers: int = 1,
    first: Callable[[Document], None] | None = None,
) -> Document:
    """Read a book from its bytes into a finished Document (a long one finished on ``workers`` processes).

    ``name`` is used in messages and to break ties; raises ``errors.BadInput``.  ``first``, when
    given, hears of the first chapters before the rest is finished (``finish.preview``; not for a
    stored Document, which comes finished).
    """
    document, finished = draft(data, name, limits)
    return document if finished else finish(document, data, name, workers, first)


def draft(data: bytes, name: str = "", limits: Limits = DEFAULT_LIMITS) -> tuple[Document, bool]:
    """The format's reader alone: (Document, finished).  A stored Document comes finished; any
    other is a draft for ``finish`` (or ``finish.finish_blocks`` a part at a time, as the terminal does)."""
    check_size(data, name, limits)
    fmt = sniff(data, name, limits)
    reader = importlib.import_module(f"{__name__}.{_READER_MODULES[fmt]}")
    try:
        return reader.read(data, name, limits), fmt == "json"
    except RecursionError as exc:  # structure nested past what the readers walk (JSON, XML)
        raise TooDeeplyNested(name=name, limit=MAX_DEPTH) from exc


from .bounded import Budget, read_bounded  # noqa: E402  (it reads through read above, in a child process)

__all__ = ["BOOK_SUFFIXES", "FORMATS", "Budget", "Limits", "draft", "read", "read_bounded", "sniff"]
