"""Readers: each input format into the one Document model.

    read(data, name) ──sniff──▶ epub | pdf | fb2 | docx | html | txt reader ──▶ draft Document
                                                              ──finish──▶ Document
                                         (languages, spans, sentences, contents, checksum)

The format is decided from the bytes (``sniff``), the file name only breaks ties.
Each reader module has ``read(data: bytes, name: str, limits: Limits) -> Document``
and raises ``errors.BadInput`` subclasses for files it cannot read.
"""

from __future__ import annotations

import importlib

from ..errors import EmptyFile, UnknownFormat, UnsafeXml
from ..model import Document
from .finish import finish
from .safety import DEFAULT_LIMITS, Limits, SafeZip, check_size

FORMATS = ("epub", "pdf", "fb2", "docx", "html", "txt")

#: File name endings that may hold a book, for folder imports.
BOOK_SUFFIXES = (".epub", ".pdf", ".fb2", ".fb2.zip", ".docx", ".html", ".htm", ".xhtml", ".txt")


def sniff(data: bytes, name: str = "", limits: Limits = DEFAULT_LIMITS) -> str:
    """The format of ``data`` from its content: one of ``FORMATS``.

    Raises ``EmptyFile`` for no bytes (or only white space), ``UnknownFormat``
    for anything else that is not a book (an image, an executable, an unrelated
    ZIP), and, before any reader runs, ``CorruptFile`` for a broken ZIP,
    ``ArchiveBomb`` for a ZIP over ``limits`` and ``UnsafeXml`` for markup
    that declares entities (billion laughs, external entities).
    """
    if _blank(data):
        raise EmptyFile(name=name)
    head = data[:4096]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(data, name, limits)
    text = _head_text(head).lstrip("\ufeff \t\r\n").lower()
    if text.startswith("<") and "<!entity" in text:
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
    return head.decode("utf-8", errors="ignore")


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return not _looks_utf16(head)
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) // 50 + 1


#: The high bytes of UTF-16 code units in kk/ru/en text: Latin, Cyrillic, general punctuation.
_UTF16_HIGH_BYTES = frozenset((0x00, 0x04, 0x20))


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 without a byte-order mark: one byte of each pair is nearly always a
    script's high byte (0x00, 0x04, 0x20) and the other nearly never zero; an
    executable or image has zeros in both."""
    head = head[: len(head) // 2 * 2]
    for high, low, codec in ((head[1::2], head[0::2], "utf-16-le"), (head[0::2], head[1::2], "utf-16-be")):
        if not high or low.count(0) > len(low) // 20:
            continue
        if sum(1 for b in high if b in _UTF16_HIGH_BYTES) < len(high) * 9 // 10:
            continue
        text = head.decode(codec, errors="replace")
        odd = sum(1 for c in text if c == "\ufffd" or (c < " " and c not in "\t\n\r\f"))
        if odd <= len(text) // 50 + 1:
            return True
    return False


def read(data: bytes, name: str = "", limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a book from its bytes into a finished Document.

    ``name`` is used in messages and to break ties; raises ``errors.BadInput``.
    """
    check_size(data, name, limits)
    fmt = sniff(data, name, limits)
    reader = importlib.import_module(f"{__name__}.{fmt}")
    document = reader.read(data, name, limits)
    return finish(document, data, name)


__all__ = ["BOOK_SUFFIXES", "FORMATS", "Limits", "read", "sniff"]
