"""Printed pages into blocks: the layout step shared by the PDF reader and OCR.

    pdf.py (text layer) ─┐
    ocr.py (scans) ──────┴─▶ PrintedPage: Lines with boxes ──PageLayout──▶ DocumentBuilder
                              (pdflayout's rules: running heads, columns, paragraphs,
                               hyphens, headings by size or from the outline)

A page's lines are plain ``pdflayout.Line``s whatever their origin, so a book mixing
text pages and scanned pages is laid out by one set of rules.  Lines recognised by OCR
carry a confidence, and each block made from them records the mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from ..model import HEADING, LIST_ITEM, PARAGRAPH, Block
from .builder import DocumentBuilder, InlineText
from .pdflayout import (
    Line,
    body_font,
    body_size,
    fill_numbers,
    find_title,
    font_style,
    heading_level,
    heading_sizes,
    join_lines,
    line_pitch,
    list_mark,
    order,
    running_heads,
    starts_paragraph,
    strip_running,
    vocabulary,
)


@dataclass
class PrintedPage:
    """One page: its lines, bottom edge and height (points), label, and whether it
    holds a picture; ``confidence`` is the OCR mean for a scanned page, else ``None``."""

    lines: list[Line]
    bottom: float
    height: float
    label: str
    pictured: bool
    confidence: float | None = None


@dataclass
class OutlineEntry:
    """A bookmark: its level, title, and the height on its page it points at (if known)."""

    level: int
    title: str
    top: float | None


def _confidence(block: Block | None, lines: list[Line]) -> None:
    scores = [line.confidence for line in lines if line.confidence is not None]
    if block is not None and scores:
        block.confidence = round(fmean(scores), 1)


class PageLayout:
    """Walks the pages in reading order and hands blocks to the builder."""

    def __init__(
        self, pages: list[PrintedPage], outline: dict[int, list[OutlineEntry]], builder: DocumentBuilder
    ) -> None:
        self.builder = builder
        self.outline = outline
        self.body = body_size([p.lines for p in pages])
        self.font = body_font([p.lines for p in pages])
        heads = running_heads([(p.lines, p.bottom, p.height) for p in pages], self.body)
        printed = []
        for page in pages:
            page.lines, number = strip_running(page.lines, page.bottom, page.height, self.body, heads)
            page.lines = order(page.lines)
            printed.append(number)
        numbers = fill_numbers(printed)
        self.labels = [page.label or number for page, number in zip(pages, numbers)]
        self.pages = pages
        self.words = vocabulary([line for page in pages for line in page.lines])
        self.levels = {} if outline else heading_sizes([p.lines for p in pages], self.body)
        self.top_level = min((e.level for es in outline.values() for e in es), default=1)
        self.paragraph: list[Line] = []
        self.markers: list[str] = []

    def cover_title(self) -> str:
        """The largest print on the first page with text, when clearly larger than the body."""
        lines = next((page.lines for page in self.pages if page.lines), [])
        largest = max((line.size for line in lines), default=0.0)
        if largest < self.body * 1.3:
            return ""
        return self._text([line for line in lines if line.size > largest * 0.95][:3])

    def build(self) -> None:
        previous: Line | None = None
        for index, page in enumerate(self.pages):
            self.markers.append(self.labels[index])
            lines = page.lines
            pitch = line_pitch(lines)
            headings, inserted = self._outline_headings(index, lines)
            first = True
            i = 0
            while i <= len(lines):
                for entry in inserted.get(i, []):
                    self._heading(entry.level, entry.title)
                    previous = None
                if i == len(lines):
                    break
                if i in headings:
                    level, end = headings[i]
                    self._heading(level, self._text(lines[i:end]), lines[i:end])
                    previous, i, first = None, end, False
                    continue
                line = lines[i]
                following = lines[i + 1] if i + 1 < len(lines) else None
                level = heading_level(previous, line, following, self.levels) if not self.outline else 0
                if level:
                    end = i + 1
                    while (
                        end < len(lines)
                        and end - i < 4
                        and heading_level(lines[end - 1], lines[end], None, self.levels) == level
                        and abs(lines[end].size - line.size) < 0.5
                    ):
                        end += 1
                    self._heading(level, self._text(lines[i:end]), lines[i:end])
                    previous, i, first = None, end, False
                    continue
                if starts_paragraph(previous, line, following, pitch, not first, len(self.paragraph) > 1):
                    self._flush()
                if not self.paragraph:
                    self._markers()
                self.paragraph.append(line)
                previous, i, first = line, i + 1, False
        self._flush()
        self._markers()

    def _outline_headings(
        self, index: int, lines: list[Line]
    ) -> tuple[dict[int, tuple[int, int]], dict[int, list[OutlineEntry]]]:
        """Outline entries of this page: matched at line ranges, or inserted before a line."""
        found: dict[int, tuple[int, int]] = {}
        inserted: dict[int, list[OutlineEntry]] = {}
        start = 0
        for entry in self.outline.get(index, []):
            below = start
            if entry.top is not None:
                below = next((k for k in range(start, len(lines)) if lines[k].top <= entry.top + 2), len(lines))
            match = find_title(lines, entry.title, below, self.body) or find_title(lines, entry.title, start, self.body)
            if match is None or any(i < match[1] and match[0] < end for i, (_, end) in found.items()):
                inserted.setdefault(below, []).append(entry)
                start = below
                continue
            found[match[0]] = (entry.level, match[1])
            start = match[1]
        return found, inserted

    def _heading(self, level: int, text: str, lines: list[Line] | None = None) -> None:
        self._flush()
        if level <= self.top_level:
            self.builder.chapter(text)
        self._markers()
        _confidence(self.builder.add(HEADING, text, level=min(level - self.top_level + 1, 6)), lines or [])

    def _text(self, lines: list[Line]) -> str:
        return "".join(text for text, _ in join_lines(lines, self.words))

    def _flush(self) -> None:
        """Add the paragraph being collected; page markers met inside it stay pending."""
        if self.paragraph:
            inline = InlineText()
            body_style = font_style(self.font)
            runs = join_lines(self.paragraph, self.words)
            mark = list_mark(self.paragraph[0].text)
            if mark:
                first = runs[0][0].lstrip()
                runs[0] = (first[len(mark) :].lstrip(), runs[0][1])
            for text, font in runs:
                style = font_style(font)
                inline.add(text, emphasis=bool(style) and style != body_style)
            if mark:
                block = self.builder.add(LIST_ITEM, inline, level=1, label=mark)
            else:
                block = self.builder.add(PARAGRAPH, inline)
            _confidence(block, self.paragraph)
            self.paragraph = []

    def _markers(self) -> None:
        for label in self.markers:
            self.builder.page(label)
        self.markers = []
