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
import zipfile
import io

from ..errors import EmptyFile, UnknownFormat
from ..model import Document
from .finish import finish
from .safety import DEFAULT_LIMITS, Limits, check_size
from .txt import utf16_without_bom

FORMATS = ("epub", "pdf", "fb2", "docx", "html", "txt", "json", "image")

#: The module under ``content/`` that reads each format.
_READER_MODULES = {fmt: fmt for fmt in FORMATS} | {"json": "stored", "image": "images"}

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")

#: File name endings that may hold a book, for folder imports.
BOOK_SUFFIXES = (".epub", ".pdf", ".fb2", ".fb2.zip", ".docx", ".html", ".htm", ".xhtml", ".txt", ".tif", ".tiff")


def sniff(data: bytes, name: str = "") -> str:
    """The format of ``data`` from its content: one of ``FORMATS``.

    Raises ``EmptyFile`` for no bytes and ``UnknownFormat`` for anything else
    that is not a book (an executable, an unrelated ZIP).
    """
    if not data.strip():
        raise EmptyFile(name=name)
    head = data[:4096]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(data, name)
    text = _head_text(head).lstrip("\ufeff \t\r\n").lower()
    if text.startswith("{") and '"schema"' in text and '"chapters"' in text:
        return "json"
    if "<fictionbook" in text:
        return "fb2"
    if text.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text or "<body" in text:
        return "html"
    if _looks_binary(head):
        raise UnknownFormat(name=name)
    return "txt"


def _sniff_zip(data: bytes, name: str) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        # A truncated archive: let the reader the name suggests report the damage.
        lowered = name.lower()
        for fmt, suffix in (("epub", ".epub"), ("docx", ".docx"), ("fb2", ".fb2.zip")):
            if lowered.endswith(suffix):
                return fmt
        raise UnknownFormat(name=name) from None
    if "META-INF/container.xml" in names or "mimetype" in names and data[38:58] == b"application/epub+zip":
        return "epub"
    if "word/document.xml" in names:
        return "docx"
    if any(n.lower().endswith(".fb2") for n in names):
        return "fb2"
    raise UnknownFormat(name=name)


def _head_text(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore")
    return head.decode("utf-8", errors="ignore")


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(head):
        return False
    if b"\x00" in head:
        # UTF-16 without a byte-order mark has a zero in every other byte.
        return not (head[1::2].count(0) > len(head) // 3 or head[0::2].count(0) > len(head) // 3)
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) // 50 + 1


def read(data: bytes, name: str = "", limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a book from its bytes into a finished Document.

    ``name`` is used in messages and to break ties; raises ``errors.BadInput``.
    """
    check_size(data, name, limits)
    fmt = sniff(data, name)
    reader = importlib.import_module(f"{__name__}.{_READER_MODULES[fmt]}")
    document = reader.read(data, name, limits)
    return document if fmt == "json" else finish(document, data, name)


__all__ = ["BOOK_SUFFIXES", "FORMATS", "Limits", "read", "sniff"]
