"""The plain-text reader: bytes in an unknown encoding into a Document.

    bytes ──decode (BOM, UTF-16, UTF-8, CP1251 | KOI8-R)──▶ text
          ──form feeds──▶ print pages ──blank lines / indents──▶ paragraphs
          ──"Глава 1", "1-тарау", "Chapter I"…──▶ headings and chapters ──▶ DocumentBuilder

The encoding is decided from the bytes: a byte-order mark, then UTF-16 without
one (most characters land in Latin, Cyrillic or punctuation), then strict
UTF-8, else CP1251 against KOI8-R by Russian letter frequencies and letter case
(see ``benchmarks/txt_encoding.py`` for how this compares with
charset-normalizer).  Anything else, or a file whose parts disagree, is
``UnknownEncoding``.  Paragraphs are separated by blank lines; in files with
none, by indented first lines, else by line breaks.  A short line at the very
top that is not a chapter heading is the book's title.
"""

from __future__ import annotations

import math
import re
import unicodedata

from ..errors import EmptyFile, UnknownEncoding
from ..model import HEADING, PAGE_MARKER, PARAGRAPH, Document
from .builder import DocumentBuilder
from .safety import Limits

#: How often each Russian letter occurs in running text, per thousand letters.
_FREQUENCY = dict(
    zip(
        "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё",
        (110, 85, 80, 74, 67, 63, 55, 47, 45, 44, 35, 32, 30, 28, 26, 20, 19, 17, 17,
         16, 16, 14, 12, 10, 9, 7, 6, 5, 4, 3, 3, 0.4, 0.4),
    )
)
_LOG = {letter: math.log(value / 1000) for letter, value in _FREQUENCY.items()}
_RARE = math.log(1e-4)  # a symbol that running text hardly ever has
_CAPITAL_INSIDE = math.log(0.01)  # "пРИВЕТ": a capital right after a small letter
_MARGIN = 0.2  # mean log-likelihood per letter the winner must lead by
_CHUNK = 40  # letters in a stretch judged on its own to find mixed files

_NUMBER = r"(?:\d{1,3}|(?-i:[IVXLCDM]{1,7}))"
_RU_ORDINAL = (
    r"(?:(?:двадцать|тридцать|сорок)\s+)?(?:первая|вторая|третья|четв[её]ртая|пятая|шестая|седьмая|восьмая"
    r"|девятая|десятая|одиннадцатая|двенадцатая|тринадцатая|четырнадцатая|пятнадцатая|шестнадцатая"
    r"|семнадцатая|восемнадцатая|девятнадцатая|двадцатая|тридцатая|сороковая)"
)
_KK_ORDINAL = (
    r"(?:(?:он|жиырма|отыз|қырық)\s+)?(?:бірінші|екінші|үшінші|төртінші|бесінші|алтыншы|жетінші|сегізінші"
    r"|тоғызыншы|оныншы|жиырмасыншы|отызыншы|қырқыншы)"
)
_EN_NUMBER = (
    r"(?:(?:twenty|thirty|forty)-?)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty)"
)
_REST = r"(?:\s*[.:—–-]?\s*(?:[.:—–-]\s*.+)?)$"
_PART = re.compile(
    rf"^(?:(?:часть|книга|том)\s+(?:{_NUMBER}|{_RU_ORDINAL})"
    rf"|(?:part|book)\s+(?:{_NUMBER}|{_EN_NUMBER})"
    rf"|(?:{_NUMBER}\s*-?\s*(?:ші|шы|інші|ыншы)?|{_KK_ORDINAL}\s)\s*(?:бөлім|бөлік|кітап))\b{_REST}",
    re.IGNORECASE,
)
_CHAPTER = re.compile(
    rf"^(?:глава\s+(?:{_NUMBER}|{_RU_ORDINAL})"
    rf"|chapter\s+(?:{_NUMBER}|{_EN_NUMBER})"
    rf"|(?:{_NUMBER}\s*-?\s*(?:ші|шы|інші|ыншы)?|{_KK_ORDINAL})\s*тарау|тарау\s+{_NUMBER}"
    r"|пролог|эпилог|предисловие|послесловие|введение|заключение|prologue|epilogue|preface|foreword"
    rf"|afterword|introduction|кіріспе|алғысөз|соңғы\s+сөз)\b{_REST}",
    re.IGNORECASE,
)
_SENTENCE_END = tuple(".,;:!?…")


def read(data: bytes, name: str, limits: Limits) -> Document:
    """Read plain text ``data`` into a draft Document.

    Raises ``UnknownEncoding`` when the encoding cannot be decided and
    ``EmptyFile`` when there is no text.
    """
    text, encoding = decode(data, name)
    builder = DocumentBuilder("txt")
    pages = text.replace("\r\n", "\n").replace("\r", "\n").split("\f")
    while len(pages) > 1 and not pages[-1].strip():
        pages.pop()
    blank_lines = re.search(r"\S[^\S\n]*\n[^\S\n]*\n\s*\S", text.replace("\r", "")) is not None
    paragraphs = [paragraphs_of(page, blank_lines) for page in pages]
    has_parts = any(_PART.match(p) for page in paragraphs for p in page)
    first = next((p for page in paragraphs for p in page), "")
    titled = sum(len(page) for page in paragraphs) > 1 and _is_title(first)
    if titled:
        builder.metadata.title = first
    for number, page in enumerate(paragraphs, start=1):
        if len(pages) > 1:
            builder.page(str(number))
        for paragraph in page:
            level = 1 if titled else heading_level(paragraph, has_parts)
            titled = False
            if level:
                builder.chapter(paragraph)
                builder.add(HEADING, paragraph, level=level)
            else:
                builder.add(PARAGRAPH, paragraph)
    document = builder.build()
    if not any(block.text for _, block in document.blocks() if block.kind != PAGE_MARKER):
        raise EmptyFile(name=name)
    return document


def heading_level(line: str, has_parts: bool) -> int:
    """1 for a part heading, 1 or 2 (under parts) for a chapter heading, 0 for anything else."""
    if len(line) > 80:
        return 0
    if _PART.match(line):
        return 1
    if _CHAPTER.match(line):
        return 2 if has_parts else 1
    return 0


def _is_title(line: str) -> bool:
    return len(line) <= 100 and "\n" not in line and not line.endswith(_SENTENCE_END) and not heading_level(line, False)


def paragraphs_of(page: str, blank_lines: bool) -> list[str]:
    """The paragraphs of one page's text, each with its lines joined by a space.

    With ``blank_lines`` a blank line ends a paragraph; otherwise an indented
    line starts one when some lines are indented and others not, else every
    line is a paragraph.  A heading line is always a paragraph of its own.
    """
    lines = page.split("\n")
    non_blank = [line for line in lines if line.strip()]
    indented = sum(1 for line in non_blank if line[:1] in (" ", "\t", "\u3000"))
    by_indent = not blank_lines and 0 < indented < len(non_blank) and indented * 10 >= len(non_blank)
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        stripped = " ".join(line.split())
        if not stripped:
            if current:
                paragraphs.append(current)
            current = []
            continue
        starts = (
            not current
            or not (blank_lines or by_indent)
            or (by_indent and line[:1] in (" ", "\t", "\u3000"))
            or heading_level(stripped, False)
            or heading_level(" ".join(current), False)
        )
        if starts and current:
            paragraphs.append(current)
            current = []
        current.append(stripped)
    if current:
        paragraphs.append(current)
    return [" ".join(lines) for lines in paragraphs]


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
        if c < "\u0250" and (c.isprintable() or c in "\t\n\r\f")
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
    """``"cp1251"`` or ``"koi8_r"`` for Russian 8-bit text, None when undecidable or mixed.

    The text is judged as a whole and in stretches of about ``_CHUNK`` letters;
    the whole must clearly prefer one encoding and no stretch the other.
    """
    verdict = _prefer(data)
    if verdict is None:
        return None
    for chunk in _chunks(data):
        if _prefer(chunk) not in (verdict, None):
            return None
    return verdict


def _prefer(data: bytes) -> str | None:
    """The encoding whose reading is clearly more Russian, if it reads as Russian letters at all."""
    scores = {}
    for encoding in ("cp1251", "koi8_r"):
        try:
            scores[encoding] = _score(data.decode(encoding))
        except UnicodeDecodeError:
            continue
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
        letters += byte >= 0xC0
        if letters >= _CHUNK and byte in b" \n":
            chunks.append(data[start:index])
            start, letters = index, 0
    return chunks
