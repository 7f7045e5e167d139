"""The chapter plan of a talking book: chapters of a length listeners can find their way in.

    Document --plan--> Document (long chapters split) --speech_script--> ... --> 001.mp3, 002.mp3 …
    track_title(lang, number, title) --> "Глава 3: Степь" | "Chapter 3: The steppe" | "3-тарау: Дала"

A chapter expected to last more than :data:`LONGEST` seconds (a book whose EPUB holds
all its text in one 48-minute chapter) is split at its headings (the highest level
found after its first block; short neighbouring sections joined up to :data:`TARGET`); a part still too long is split at paragraph boundaries
near :data:`TARGET` seconds.  Lengths are estimated from the characters to say at the
voice's rate (:data:`CHARS_PER_SECOND` at espeak-ng's default 175 words a minute:
measured with RHVoice Aleksandr, ~16; espeak-ng says ~22, so its parts come out shorter).
Blocks, their ids and sentences are kept as they are: only the chapters change.

Track titles (MP3/Opus tags, playlists, M4B marks) say which chapter it is, in the
chapter's language: never a bare number, nor the book's title again.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import HEADING, PARAGRAPH, Block, Chapter, Document

#: A chapter longer than this (seconds) is split; paragraph splits aim at TARGET.
LONGEST = 15 * 60
TARGET = 12 * 60
#: Characters spoken per second at 175 words a minute (see the module docstring).
CHARS_PER_SECOND = 15.0
DEFAULT_RATE = 175

_CHAPTER = {"ru": "Глава {n}", "en": "Chapter {n}", "kk": "{n}-тарау"}
_PART = {"ru": "{title}, часть {n}", "en": "{title}, part {n}", "kk": "{title}, {n}-бөлім"}
#: Words that show a title already names itself as a chapter or part.
_NAMED = re.compile(r"\b(глава|тарау|chapter|prologue|epilogue|пролог|эпилог)\b", re.I)


def seconds(blocks: list[Block], rate: int = DEFAULT_RATE) -> float:
    """The estimated speaking time of ``blocks`` at ``rate`` words per minute."""
    return sum(len(block.text) for block in blocks) / CHARS_PER_SECOND * DEFAULT_RATE / rate


def plan(document: Document, rate: int = DEFAULT_RATE, lang: str = "") -> Document:
    """``document`` with every chapter longer than :data:`LONGEST` split (see the module docstring).

    ``lang`` is the language of part titles (the book's first language by default).
    """
    lang = lang or next((code for code in document.metadata.languages if code in _PART), "en")
    chapters: list[Chapter] = []
    for chapter in document.chapters:
        if seconds(chapter.blocks, rate) <= LONGEST:
            chapters.append(chapter)
            continue
        for part in _merged(_at_headings(chapter), rate):
            if seconds(part.blocks, rate) <= LONGEST:
                chapters.append(part)
            else:
                chapters.extend(_at_paragraphs(part, rate, lang))
    if len(chapters) == len(document.chapters):
        return document
    return replace(document, chapters=chapters)


def _at_headings(chapter: Chapter) -> list[Chapter]:
    """The chapter cut before each heading of the highest level found after its first block."""
    levels = [b.level for b in chapter.blocks[1:] if b.kind == HEADING]
    if not levels:
        return [chapter]
    top = min(levels)
    parts: list[Chapter] = [Chapter(chapter.title, [])]
    for block in chapter.blocks:
        if block.kind == HEADING and block.level == top and not parts[-1].blocks:
            parts[-1].title = block.text.strip() or chapter.title  # a first section named by its heading
        elif block.kind == HEADING and block.level == top:
            parts.append(Chapter(block.text.strip() or chapter.title, []))
        parts[-1].blocks.append(block)
    return parts


def _merged(parts: list[Chapter], rate: int) -> list[Chapter]:
    """Neighbouring short sections joined while together they last at most :data:`TARGET`."""
    joined: list[Chapter] = []
    for part in parts:
        if joined and seconds(joined[-1].blocks + part.blocks, rate) <= TARGET:
            joined[-1] = Chapter(joined[-1].title, joined[-1].blocks + part.blocks)
        else:
            joined.append(part)
    return joined


def _at_paragraphs(chapter: Chapter, rate: int, lang: str) -> list[Chapter]:
    """The chapter cut before a paragraph or heading once a part has reached :data:`TARGET`."""
    groups: list[list[Block]] = [[]]
    for block in chapter.blocks:
        at_boundary = block.kind in (PARAGRAPH, HEADING)
        if at_boundary and groups[-1] and seconds(groups[-1], rate) >= TARGET:
            groups.append([])
        groups[-1].append(block)
    if len(groups) > 1 and seconds(groups[-1], rate) < TARGET / 3:  # no short tail: join it to the part before
        groups[-2].extend(groups.pop())
    if len(groups) == 1:
        return [chapter]
    pattern = _PART.get(lang, _PART["en"])
    title = chapter.title or ""
    return [Chapter(pattern.format(title=title, n=n) if title else "", blocks) for n, blocks in enumerate(groups, 1)]


def track_title(lang: str, number: int, title: str, book_title: str = "") -> str:
    """What a player shows for chapter ``number``: "Глава 3: Степь", or the title when it names itself."""
    title = " ".join(title.split())
    label = _CHAPTER.get(lang, _CHAPTER["en"]).format(n=number)
    if not title or title == book_title or title.strip(" .") == str(number):
        return label
    if _NAMED.search(title):
        return title
    return f"{label}: {title}"
