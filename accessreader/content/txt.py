"""The plain-text reader: bytes in an unknown encoding into a Document.

    bytes ──decode (BOM, UTF-16, UTF-8, CP1251 | KZ-1048 | KOI8-R | CP866)──▶ text
          ──plaintext.structure──▶ pieces (headings, lists, tables, poems, notes, pages)
          ──▶ DocumentBuilder (chapters, "[1]" marks linked to their notes)

The encoding is decided from the bytes: a byte-order mark, then UTF-16 without
one (most characters land in Latin, Cyrillic or punctuation), then strict
UTF-8, else the 8-bit Cyrillic encodings found in library collections — CP1251
(Windows Russian), KZ-1048 (Windows Kazakh: CP1251 with Kazakh letters in place
of Serbian and Ukrainian ones), KOI8-R and CP866 (DOS) — by Russian and Kazakh
letter frequencies and letter case (see ``benchmarks/txt_encoding.py`` for how
this compares with charset-normalizer).  Text that reads the same in CP1251 and
KZ-1048 (no Kazakh letters) is called CP1251.  Anything else, or a file whose parts disagree, is
``UnknownEncoding``.  How lines become blocks (paragraphs, underlined and
"Глава 1" headings, the title block, lists, tables, poems, footnotes) is
``content/plaintext.py``'s job.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import replace

from ..errors import EmptyFile, UnknownEncoding
from ..model import NOTE, PAGE_MARKER, PARAGRAPH, STANZA, Document
from .builder import DocumentBuilder, InlineText
from .paragraphs import MAX_PARAGRAPH
from .plaintext import Piece, structure
from .safety import Limits

#: How often each Russian letter occurs in running text, per thousand letters,
#: and the Kazakh letters Russian lacks, about as often as in Kazakh prose.
_FREQUENCY = dict(
    zip(
        "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъёіәқңғұүөһ",
        (
            110,
            85,
            80,
            74,
            67,
            63,
            55,
            47,
            45,
            44,
            35,
            32,
            30,
            28,
            26,
            20,
            19,
            17,
            17,
            16,
            16,
            14,
            12,
            10,
            9,
            7,
            6,
            5,
            4,
            3,
            3,
            0.4,
            0.4,
            30,
            20,
            20,
            10,
            10,
            8,
            8,
            6,
            0.5,
        ),
    )
)
#: The 8-bit encodings tried, in the order a tie is given to.
_EIGHT_BIT = ("cp1251", "kz1048", "koi8_r", "cp866")
_LOG = {letter: math.log(value / 1000) for letter, value in _FREQUENCY.items()}
_RARE = math.log(1e-4)  # a symbol that running text hardly ever has
_CAPITAL_INSIDE = math.log(0.01)  # "пРИВЕТ": a capital right after a small letter
_MARGIN = 0.2  # mean log-likelihood per letter the winner must lead by
_CHUNK = 40  # letters in a stretch judged on its own to find mixed files


def read(data: bytes, name: str, limits: Limits) -> Document:
    """Read plain text ``data`` into a draft Document.

    Raises ``UnknownEncoding`` when the encoding cannot be decided and
    ``EmptyFile`` when there is no text.
    """
    text, _ = decode(data, name)
    found = structure(text.replace("\r\n", "\n").replace("\r", "\n"))
    builder = DocumentBuilder("txt")
    builder.metadata.title = found.title
    builder.metadata.authors = found.authors
    starts = {}  # piece index → title of the chapter starting there (with the page it starts on)
    for index, piece in enumerate(found.pieces):
        if piece.chapter:
            opens_page = index and found.pieces[index - 1].kind == PAGE_MARKER
            starts[index - 1 if opens_page else index] = piece.text
    for index, whole in enumerate(found.pieces):
        if index in starts:
            builder.chapter(starts[index])
        for piece in _parts(whole):
            builder.add(
                piece.kind,
                _inline(piece),
                level=piece.level,
                label=piece.label,
                rows=piece.rows,
                note_kind="footnote" if piece.kind == NOTE else "",
                anchor=piece.anchor,
            )
    document = builder.build()
    if not any(block.text for _, block in document.blocks() if block.kind != PAGE_MARKER):
        raise EmptyFile(name=name)
    return document


def _parts(piece: Piece) -> list[Piece]:
    """A paragraph longer than ``MAX_PARAGRAPH`` as paragraphs of at most that, cut at a space when there is one.

    (TXT's own pieces are plain strings with note marks; see ``paragraphs.py`` for why.)
    """
    if piece.kind != PARAGRAPH or len(piece.text) <= MAX_PARAGRAPH:
        return [piece]
    parts, start, text = [], 0, piece.text
    while start < len(text):
        end = min(start + MAX_PARAGRAPH, len(text))
        if end < len(text):
            space = text.rfind(" ", start + MAX_PARAGRAPH // 2, end)
            end = space + 1 if space > 0 else end
            end = next((s for s, e, _ in piece.refs if s < end < e), end)  # never inside a note mark
        refs = [(s - start, e - start, anchor) for s, e, anchor in piece.refs if start <= s < end]
        parts.append(replace(piece, text=text[start:end], refs=refs, label=piece.label if not parts else ""))
        start = end
    return parts


def _inline(piece: Piece) -> str | InlineText:
    """The piece's text, with its "[1]" marks as note references when it has any."""
    if not piece.refs:
        return piece.text
    inline = InlineText(keep_lines=piece.kind == STANZA)
    position = 0
    for start, end, anchor in piece.refs:
        inline.add(piece.text[position:start])
        inline.noteref(anchor, piece.text[start:end])
        position = end
    inline.add(piece.text[position:])
    return inline


# ── encodings ──────────────────────────────────────────────────────────────


def decode(data: bytes, name: str = "") -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read in; raises ``UnknownEncoding``."""
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return _checked(data, encoding, name), encoding
    encoding = utf16_without_bom(data)
    if encoding and len(data) % 2 == 0:
        return _checked(data, encoding, name), encoding
    try:
        return _checked(data, "utf-8", name), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = guess_cyrillic(data)
    if encoding is None:
        raise UnknownEncoding(name=name)
    return _checked(data, encoding, name), encoding


def _checked(data: bytes, encoding: str, name: str) -> str:
    """``data`` decoded strictly; text full of control characters is refused."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if encoding == "utf-8":
            raise
        raise UnknownEncoding(name=name) from None
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
    if controls > len(text) // 100:
        raise UnknownEncoding(name=name)
    return text


def utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when the first 40 000 bytes read as kk/ru/en text in it."""
    sample = data[:40000]
    for encoding in ("utf-16-le", "utf-16-be"):
        if len(sample) >= 2 and _plausible(sample.decode(encoding, errors="replace")) >= 0.95:
            return encoding
    return None


def _plausible(text: str) -> float:
    """The share of characters that text in kk, ru or en is made of."""
    good = sum(
        1
        for c in text
        if c < "\u0250"
        and (c.isprintable() or c in "\t\n\r\f")
        or "\u0400" <= c <= "\u04ff"
        or "\u2000" <= c <= "\u206f"
    )
    return good / max(len(text), 1)


def _score(text: str) -> tuple[float, int, int]:
    """Log-likelihood of ``text`` as Russian, its non-ASCII characters, and how many are Russian letters."""
    total = 0.0
    count = letters = 0
    previous = ""
    for char in text:
        if char < "\x80":
            previous = char
            continue
        count += 1
        lower = char.lower()
        if lower in _LOG:
            letters += 1
            total += _LOG[lower]
            if char != lower and previous != previous.upper():
                total += _CAPITAL_INSIDE
        elif unicodedata.category(char)[0] not in "PZ" and char != "№":
            total += _RARE
        previous = char
    return total, count, letters


def guess_cyrillic(data: bytes) -> str | None:
    """One of ``_EIGHT_BIT`` for Russian or Kazakh 8-bit text, None when undecidable or mixed.

    The text is judged as a whole and in stretches of about ``_CHUNK`` letters;
    the whole must clearly prefer one encoding and no stretch the other.
    """
    verdict = _prefer(data)
    if verdict is None:
        return None
    for chunk in _chunks(data):
        other = _prefer(chunk)
        if other not in (verdict, None) and chunk.decode(other) != chunk.decode(verdict):
            return None
    return verdict


def _prefer(data: bytes) -> str | None:
    """The encoding whose reading is clearly more Russian, if it reads as Russian letters at all."""
    scores, readings = {}, set()
    for encoding in _EIGHT_BIT:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text not in readings:  # KZ-1048 reads like CP1251 when there is no Kazakh letter
            readings.add(text)
            scores[encoding] = _score(text)
    ranked = sorted(scores.items(), key=lambda item: item[1][0], reverse=True)
    if not ranked:
        return None
    winner, (best, count, letters) = ranked[0]
    if count == 0 or letters < 0.85 * count:
        return None
    if len(ranked) > 1 and (best - ranked[1][1][0]) / count < _MARGIN:
        return None
    return winner


def _chunks(data: bytes) -> list[bytes]:
    chunks, start, letters = [], 0, 0
    for index, byte in enumerate(data):
        letters += byte >= 0x80
        if letters >= _CHUNK and byte in b" \n":
            chunks.append(data[start:index])
            start, letters = index, 0
    return chunks
