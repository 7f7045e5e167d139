"""Which work a book is: the keys that tell one title in the catalog from another.

    keys(document) ──▶ [Key("isbn", "9786010000000"), Key("text", "…sha256…"), Key("title", "…")]

Three kinds, strongest first (``KINDS``):

- ``isbn`` / ``id``: the book's own identifier (EPUB ``dc:identifier``, FB2 ``id``, DOCX
  core identifier), normalised: an ISBN-10 or -13 (with or without ``urn:isbn:``, hyphens
  or spaces) becomes its ISBN-13 digits; a UUID (``urn:uuid:…`` or bare) its lower-case hex;
  anything else of at least 8 letters or digits lower-cased without ``urn:``.
- ``text``: SHA-256 of the body text folded to its letters and digits (NFKC, case-folded, ё→е): the
  paragraphs, lists, tables and verse, without headings, notes, page numbers and images,
  which formats place differently.  An EPUB, FB2, DOCX and HTML of one text share it.
- ``title``: title, authors and languages folded the same way.  The weakest: only with at
  least one author, and never between two books whose ISBNs are all different (two
  editions of one work).

Only plain data in, plain data out: ``catalog.py`` stores and compares the keys.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from stdnum import isbn

from ..model import HEADING, IMAGE, NOTE, PAGE_MARKER, Document

ISBN, ID, TEXT, TITLE = "isbn", "id", "text", "title"
#: The kinds of key, strongest first.
KINDS = (ISBN, ID, TEXT, TITLE)

_UUID = re.compile(r"^(?:urn:uuid:|uuid:)?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})$")
_WORDS = re.compile(r"[^\W_]+")  # letters and digits: no spaces, punctuation or marks
_SKIPPED = (HEADING, NOTE, PAGE_MARKER, IMAGE)
#: Identifiers shorter than this (letters and digits) say too little to match on ("1", "book").
_SHORTEST_ID = 8
#: Keys are stored in a column of this many characters.
LONGEST = 200


@dataclass(frozen=True)
class Key:
    """One key of a work: its ``kind`` (``KINDS``) and value."""

    kind: str
    value: str


def keys(document: Document) -> list[Key]:
    """The keys of ``document``'s work, strongest first (none for a book with no text and no metadata)."""
    meta = document.metadata
    found = []
    identifier = identifier_key(meta.identifier)
    if identifier is not None:
        found.append(identifier)
    text = text_key(document)
    if text is not None:
        found.append(text)
    title = title_key(meta.title, meta.authors, meta.languages)
    if title is not None:
        found.append(title)
    return found


def identifier_key(identifier: str) -> Key | None:
    """An identifier as a key: ``isbn`` (ISBN-13 digits), else ``id``; ``None`` when it says too little."""
    raw = unicodedata.normalize("NFKC", identifier).strip().lower()
    if not raw:
        return None
    bare = re.sub(r"^(?:urn:)?isbn[:\s]*", "", raw)
    if isbn.is_valid(bare):
        return Key(ISBN, isbn.to_isbn13(isbn.compact(bare)))
    uuid = _UUID.match(re.sub(r"\s+", "", raw))
    if uuid:
        return Key(ID, "uuid:" + "".join(uuid.groups()))
    raw = re.sub(r"^urn:", "", raw)
    if sum(ch.isalnum() for ch in raw) < _SHORTEST_ID:
        return None
    return Key(ID, raw[:LONGEST])


def text_key(document: Document) -> Key | None:
    """SHA-256 of the body text as letters and digits alone; ``None`` for a book without any."""
    digest = hashlib.sha256()
    characters = 0
    for _, block in document.blocks():
        if block.kind in _SKIPPED:
            continue
        folded = "".join(_WORDS.findall(fold(block.text)))
        characters += len(folded)
        digest.update(folded.encode())
    return Key(TEXT, digest.hexdigest()) if characters else None


def title_key(title: str, authors: list[str], languages: list[str]) -> Key | None:
    """Title, authors (in any order) and main languages folded; ``None`` without a title or an author."""
    name = " ".join(_WORDS.findall(fold(title)))
    people = sorted(" ".join(_WORDS.findall(fold(author))) for author in authors)
    people = [person for person in people if person]
    if not name or not people:
        return None
    tongues = sorted({tag.split("-")[0].lower() for tag in languages if tag})
    return Key(TITLE, f"{name}|{';'.join(people)}|{','.join(tongues)}"[:LONGEST])


def fold(text: str) -> str:
    """Text as keys compare it: NFKC, case-folded, ё as е."""
    return unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
