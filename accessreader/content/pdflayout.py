"""Page geometry for the PDF reader: text lines in, reading order and paragraphs out.

    content/pdf.py ──pdfminer──▶ Line per text line ──here──▶ running heads removed,
                                                             columns ordered, paragraph
                                                             breaks, hyphens decided

Plain data only (no pdfminer objects): a ``Line`` is one printed line with its box in
PDF points (y grows upwards), its font size and its text as runs of one font each.
The rules are the ones a sighted reader applies without noticing: a line repeated at
the top or bottom of many pages is a running head; a column is read to its end before
the next; a paragraph starts after a gap, at an indent, or after a short line that
ends a sentence; a word split by a hyphen at a line end is joined unless the hyphen is
part of the word ("Алматы-2025", "мастер-класс").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_ITALIC = re.compile(r"italic|oblique", re.I)
_SENTENCE_END = re.compile(r"[.!?…:][»\"”’)\]]*$")
_NUMBER_KEY = re.compile(r"\d+")
_BARE_NUMBER = re.compile(r"^[\s\-–—•·.|]*(\d{1,4}|[ivxlcdm]{1,8})[\s\-–—•·.|]*$", re.I)
_EDGE_NUMBER = re.compile(r"^(\d{1,4})\b|\b(\d{1,4})$")
_WORD = re.compile(r"\w+(?:-\w+)*")
_TRAILING_PART = re.compile(r"(\w+)[-\u00ad\u2010]$")
_LEADING_PART = re.compile(r"^(\w+)")
#: A list item's mark: a bullet, "1." / "1)" or "а)"; never a dash, which opens dialogue.
_LIST_MARK = re.compile(r"^([•◦▪▫‣∙*]|\d{1,3}[.)]|[a-zа-яәғқңөұүһі]\))\s+", re.I)
#: Second halves that make a hyphenated word in Russian ("кто-то", "всё-таки").
_PARTICLES = {"то", "либо", "нибудь", "ка", "таки", "де", "тко"}
_PREFIXES = {"кое", "кой"}


def font_style(fontname: str) -> str:
    """``"b"``, ``"i"``, ``"bi"`` or ``""`` from a PDF font name ("ABCDEF+DejaVuSerif-Bold")."""
    return ("b" if _BOLD.search(fontname) else "") + ("i" if _ITALIC.search(fontname) else "")


@dataclass(slots=True)
class Line:
    """One printed line: its box (points, y up), font size, and runs of (text, font name).

    ``confidence`` is the mean OCR word confidence (0–100) of a line read from a scan.
    """

    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    runs: list[tuple[str, str]]
    col_left: float = 0.0
    col_right: float = 0.0
    confidence: float | None = None
    text: str = field(init=False)

    def __post_init__(self) -> None:
        self.text = "".join(text for text, _ in self.runs).strip()

    @property
    def bold(self) -> bool:
        """Every visible character is set in a bold face."""
        return all("b" in font_style(font) for text, font in self.runs if text.strip())


def body_size(pages: list[list[Line]]) -> float:
    """The font size most characters are set in (the body text), rounded to 0.5 pt."""
    counts: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            counts[round(line.size * 2) / 2] += len(line.text)
    return counts.most_common(1)[0][0] if counts else 10.0


def body_font(pages: list[list[Line]]) -> str:
    """The font name most characters are set in."""
    counts: Counter[str] = Counter()
    for lines in pages:
        for line in lines:
            for text, font in line.runs:
                counts[font] += len(text)
    return counts.most_common(1)[0][0] if counts else ""


# Running heads and page numbers ------------------------------------------------------


def _edges(lines: list[Line], bottom: float, height: float, body: float) -> list[tuple[str, Line]]:
    """The lines at the very top and bottom of a page that sit in its margins."""
    ordered = sorted(lines, key=lambda l: -l.top)
    found: list[tuple[str, Line]] = []
    for line in ordered[:2]:
        if line.bottom >= bottom + 0.88 * height and line.size <= body * 1.1:
            found.append(("top", line))
    for line in ordered[-2:][::-1]:
        if line.top <= bottom + 0.12 * height and line.size <= body * 1.1 and all(l is not line for _, l in found):
            found.append(("bottom", line))
    return found


def _key(text: str) -> str:
    return _NUMBER_KEY.sub("#", " ".join(text.casefold().split()))


def running_heads(pages: list[tuple[list[Line], float, float]], body: float) -> set[tuple[str, str]]:
    """The (zone, text with numbers as #) pairs repeated at a page edge on many pages.

    ``pages`` holds each page's lines with its bottom and height.  A line counts as a
    running head when it recurs on at least 2 pages of a short document, 3 of a long one.
    """
    counts: Counter[tuple[str, str]] = Counter()
    for lines, bottom, height in pages:
        counts.update({(zone, _key(line.text)) for zone, line in _edges(lines, bottom, height, body)})
    threshold = 2 if len(pages) < 6 else 3
    return {key for key, count in counts.items() if count >= threshold}


def strip_running(
    lines: list[Line], bottom: float, height: float, body: float, heads: set[tuple[str, str]]
) -> tuple[list[Line], str]:
    """The page's lines without running heads and bare page numbers, and the printed number.

    The printed number is a bare number at a page edge ("17", "— 17 —", "xii"), else a
    number at either end of a running head ("Глава 2 · 17"), else "".
    """
    removed: list[Line] = []
    number = ""
    for zone, line in _edges(lines, bottom, height, body):
        bare = _BARE_NUMBER.match(line.text)
        if bare:
            removed.append(line)
            number = number or bare.group(1)
        elif (zone, _key(line.text)) in heads:
            removed.append(line)
    if not number:
        for line in removed:
            edge = _EDGE_NUMBER.search(line.text)
            if edge:
                number = edge.group(1) or edge.group(2)
                break
    kept = [line for line in lines if all(line is not r for r in removed)]
    return kept, number


def fill_numbers(printed: list[str]) -> list[str]:
    """Page labels for pages whose printed Arabic number was not found.

    A missing number follows the previous page's (+1) or precedes the next page's
    (−1); with no printed numbers at all, pages are numbered 1, 2, 3….
    """
    labels = list(printed)
    for index, label in enumerate(labels):
        if not label and index and labels[index - 1].isdigit():
            labels[index] = str(int(labels[index - 1]) + 1)
    for index in range(len(labels) - 2, -1, -1):
        if not labels[index] and labels[index + 1].isdigit() and int(labels[index + 1]) > 1:
            labels[index] = str(int(labels[index + 1]) - 1)
    return [label or str(index + 1) for index, label in enumerate(labels)]


# Reading order ------------------------------------------------------------------------


def order(lines: list[Line], depth: int = 0) -> list[Line]:
    """The page's lines in reading order, columns read one after the other.

    A gutter is a left edge where several lines start while the lines to its left
    all end before it; lines crossing it (a full-width title) cut the page into bands,
    and each band is read left column first.  Sets each line's ``col_left``/``col_right``.
    """
    split = _gutter(lines) if depth < 3 and len(lines) >= 4 else None
    if split is None:
        return _single_column(lines)
    lefts, rights, spans = split
    spans.sort(key=lambda l: -l.top)
    result: list[Line] = []
    left_area, right_area = min(l.x0 for l in lines), max(l.x1 for l in lines)
    for cut in [*spans, None]:
        limit = cut.top if cut is not None else float("-inf")
        band_left = [l for l in lefts if l.top > limit]
        band_right = [l for l in rights if l.top > limit]
        lefts = [l for l in lefts if l.top <= limit]
        rights = [l for l in rights if l.top <= limit]
        result += order(band_left, depth + 1) + order(band_right, depth + 1)
        if cut is not None:
            cut.col_left, cut.col_right = left_area, right_area
            result.append(cut)
    return result


def _gutter(lines: list[Line]) -> tuple[list[Line], list[Line], list[Line]] | None:
    left, right = min(l.x0 for l in lines), max(l.x1 for l in lines)
    width = right - left
    size = median(l.size for l in lines)
    best: tuple[list[Line], list[Line], list[Line]] | None = None
    for edge in sorted({round(l.x0) for l in lines if left + 0.25 * width < l.x0 < left + 0.75 * width}):
        lefts = [l for l in lines if l.x1 <= edge - 0.3 * size]
        rights = [l for l in lines if l.x0 >= edge - 1]
        spans = [l for l in lines if l.x1 > edge - 0.3 * size and l.x0 < edge - 1]
        if len(lefts) < 2 or len(rights) < 2 or len(spans) * 4 > len(lefts) + len(rights):
            continue
        overlap = min(max(l.top for l in lefts), max(l.top for l in rights)) - max(
            min(l.bottom for l in lefts), min(l.bottom for l in rights)
        )
        if overlap <= 0:
            continue
        if best is None or len(lefts) + len(rights) > len(best[0]) + len(best[1]):
            best = (lefts, rights, spans)
    return best


def _single_column(lines: list[Line]) -> list[Line]:
    """Lines top to bottom; pieces of one printed line (split at wide justified spaces) joined."""
    ordered = sorted(lines, key=lambda l: -l.top)
    result: list[Line] = []
    row: list[Line] = []
    for line in ordered:
        if row and row[0].top - line.top > 0.5 * min(row[0].size, line.size):
            result.append(_merge_row(row))
            row = []
        row.append(line)
    if row:
        result.append(_merge_row(row))
    if result:
        left, right = min(l.x0 for l in result), max(l.x1 for l in result)
        for line in result:
            line.col_left, line.col_right = left, right
    return result


def _merge_row(row: list[Line]) -> Line:
    if len(row) == 1:
        return row[0]
    row.sort(key=lambda l: l.x0)
    runs: list[tuple[str, str]] = []
    for piece in row:
        if runs:
            runs.append((" ", runs[-1][1]))
        runs += piece.runs
    widest = max(row, key=lambda l: len(l.text))
    scores = [l.confidence for l in row if l.confidence is not None]
    return Line(
        row[0].x0,
        max(l.x1 for l in row),
        max(l.top for l in row),
        min(l.bottom for l in row),
        widest.size,
        runs,
        confidence=sum(scores) / len(scores) if scores else None,
    )


# Paragraphs ---------------------------------------------------------------------------


def line_pitch(lines: list[Line]) -> float:
    """The usual distance between baselines of consecutive lines in one column (0 if unknown)."""
    pitches = [
        a.top - b.top
        for a, b in zip(lines, lines[1:])
        if (a.col_left, a.col_right) == (b.col_left, b.col_right) and 0 < a.top - b.top < 3 * a.size
    ]
    return median(pitches) if pitches else 0.0


def ends_sentence(line: Line) -> bool:
    return bool(_SENTENCE_END.search(line.text))


def list_mark(text: str) -> str:
    """The list item mark that ``text`` starts with ("•", "2.", "б)"), or ""."""
    found = _LIST_MARK.match(text)
    return found.group(1) if found else ""


def starts_paragraph(
    previous: Line | None, line: Line, following: Line | None, pitch: float, same_page: bool, continuing: bool
) -> bool:
    """Whether ``line`` begins a new paragraph.

    ``previous`` is the line read before it (None after a heading), ``following`` the
    one after it on the page, ``pitch`` the page's usual line distance, ``continuing``
    whether ``previous`` is not the first line of its paragraph.  A paragraph starts at
    a change of font size, at a line set in from its neighbours (a first-line indent, a
    quotation), where a quotation ends, at a list item's mark, after a short line ending
    a sentence, or after a wider gap than the page's line distance.  The lines of a list
    item after its first may hang in under the mark.
    """
    if previous is None or list_mark(line.text):
        return True
    if abs(line.size - previous.size) > 0.15 * max(line.size, previous.size):
        return True
    step, width = 0.8 * line.size, line.col_right - line.col_left
    column = (line.col_left, line.col_right)
    below = same_page and column == (previous.col_left, previous.col_right) and previous.top > line.top
    after = following if following is not None and (following.col_left, following.col_right) == column else None
    if below:
        hanging = not continuing and list_mark(previous.text)
        if step < line.x0 - previous.x0 < 0.4 * width and not hanging:
            return True
        if continuing and previous.x0 - line.x0 > step:
            return True
    elif step < line.x0 - (after.x0 if after is not None else line.col_left) < 0.4 * width:
        return True
    if ends_sentence(previous) and previous.x1 < previous.col_right - 2.5 * previous.size:
        return True
    return below and pitch > 0 and previous.top - line.top > 1.3 * pitch + 1


# Hyphenation across line ends ---------------------------------------------------------


def vocabulary(lines: list[Line]) -> Counter[str]:
    """Words of the text (casefolded), leaving out the halves of words split at line ends."""
    words: Counter[str] = Counter()
    split_before = False
    for line in lines:
        tokens = _WORD.findall(line.text.casefold())
        split_after = bool(_TRAILING_PART.search(line.text))
        words.update(tokens[int(split_before) : len(tokens) - int(split_after)])
        split_before = split_after
    return words


def hyphen_join(end: str, start: str, words: Counter[str]) -> str:
    """How a line ending in ``end`` continues with a line starting ``start``.

    Returns ``"join"`` (drop the hyphen: "библио-" + "тека"), ``"keep"`` (keep it, no
    space: "Алматы-" + "2025", "мастер-" + "класс") or ``"space"`` (not a split word).
    A hyphen stays when the next line does not go on in lower case, when the document
    spells the word with a hyphen elsewhere (and not without), when the second half is a
    particle ("кто-то"), or when both halves are words of 4+ letters found on their own
    in the document; otherwise it was a hyphenation point and the halves are joined.
    """
    left = _TRAILING_PART.search(end)
    if left is None:
        return "space"
    if end.endswith("\u00ad"):
        return "join"
    right = _LEADING_PART.match(start)
    if right is None or not start[0].islower():
        return "keep"
    a, b = left.group(1).casefold(), right.group(1).casefold()
    joined, hyphenated = words[a + b], words[f"{a}-{b}"]
    if joined or hyphenated:
        return "join" if joined > hyphenated else "keep"
    if b in _PARTICLES or a in _PREFIXES:
        return "keep"
    if len(a) >= 4 and len(b) >= 4 and words[a] and words[b]:
        return "keep"
    return "join"


def join_lines(lines: list[Line], words: Counter[str]) -> list[tuple[str, str]]:
    """The runs (text, font name) of a paragraph's lines, with line ends joined."""
    runs: list[tuple[str, str]] = []
    for index, line in enumerate(lines):
        line_runs = [(text, font) for text, font in line.runs]
        text, font = line_runs[-1]
        if index + 1 < len(lines):
            how = hyphen_join(line.text, lines[index + 1].text, words)
            text = text.rstrip()[:-1] if how == "join" else text.rstrip() + (" " if how == "space" else "")
        line_runs[-1] = (text.removesuffix("\u00ad"), font)
        runs += line_runs
    return runs


# Titles -------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def find_title(lines: list[Line], title: str, start: int, body: float) -> tuple[int, int] | None:
    """Where an outline title is printed: lines ``[i, j)`` from ``start`` on, or None.

    The printed text may carry a number before the title ("Глава 2. Степь" for
    "Степь") and may run over up to four lines.
    """
    want = _norm(title)
    if not want:
        return None
    for i in range(start, len(lines)):
        got = ""
        for j in range(i, min(i + 4, len(lines))):
            got += _norm(lines[j].text)
            skip = next((k for k in range(min(len(got), 11)) if want.startswith(got[k:])), None)
            if skip is not None and got[skip:] == want:
                return i, j + 1
            prominent = lines[j].size > body * 1.1 or lines[j].bold
            if prominent and got.startswith(want) and len(got) - len(want) <= 40:
                return i, j + 1
            if skip is None:
                break
    return None


def heading_sizes(pages: list[list[Line]], body: float) -> dict[float, int]:
    """Heading level by font size (rounded to 0.5 pt) for sizes clearly above the body's."""
    sizes = sorted(
        {
            round(line.size * 2) / 2
            for lines in pages
            for line in lines
            if line.size >= body * 1.15 and sum(c.isalpha() for c in line.text) >= 2
        },
        reverse=True,
    )
    return {size: min(index + 1, 5) for index, size in enumerate(sizes)}


def heading_level(previous: Line | None, line: Line, following: Line | None, levels: dict[float, int]) -> int:
    """A heading level for a line set clearly larger or bold on its own (0 for body text)."""
    if len(line.text) > 200 or sum(c.isalpha() for c in line.text) < 2:
        return 0
    level = levels.get(round(line.size * 2) / 2, 0)
    if level:
        return level
    if (
        line.bold
        and len(line.text) <= 100
        and not line.text.endswith((".", ",", ";", ":"))
        and (previous is None or ends_sentence(previous) or previous.bold or previous.size != line.size)
        and (following is None or not following.bold)
    ):
        return min(len(levels) + 1, 6)
    return 0
