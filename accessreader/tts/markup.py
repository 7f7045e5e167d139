"""The text side of talking books: blocks as XHTML whose sentences carry their ids.

    Document chapter --chapter_body--> "<h1 id="c0b0"><span id="c0b0s0">…</span></h1><p …>…"

DAISY 2.02 (``daisy.py``) and EPUB 3 (``epub3.py``) both pair each sentence's
text, found by its id (``c1b4s2``, :meth:`Block.sentence_id`), with its audio
clip; this module writes that text once for both.  Output is well-formed XML
(XHTML 1.0 and the XHTML of EPUB 3 alike); plain data in, a string out.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..model import (
    BLOCKQUOTE,
    HEADING,
    IMAGE,
    LIST_ITEM,
    NOTE,
    PAGE_MARKER,
    Block,
    Chapter,
    Sentence,
)

#: Languages that are not languages (unknown, no linguistic content).
_NO_LANG = ("", "und", "zxx")


def timestamp(seconds: float) -> str:
    """``h:mm:ss.mmm``, the full clock value SMIL 3.0 and EPUB metadata use."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def lang_attributes(lang: str) -> str:
    """`` lang="kk" xml:lang="kk"`` for a real language, else nothing."""
    if lang in _NO_LANG:
        return ""
    return f' lang="{escape(lang)}" xml:lang="{escape(lang)}"'


def block_html(block: Block) -> str:
    """One block as an XHTML element, each sentence in ``<span id="<sentence id>">``."""
    sentences = block.sentences or [Sentence(0, len(block.text))]
    parts: list[str] = []
    position = 0
    for index, sentence in enumerate(sentences):
        parts.append(_text(block.text[position : sentence.start]))
        parts.append(f'<span id="{block.sentence_id(index)}">{_text(block.text[sentence.start : sentence.end])}</span>')
        position = sentence.end
    parts.append(_text(block.text[position:]))
    inner = "".join(parts)
    attributes = f'id="{block.id}"{lang_attributes(block.lang)}'
    if block.kind == HEADING:
        level = min(max(block.level, 1), 6)
        return f"<h{level} {attributes}>{inner}</h{level}>"
    if block.kind == LIST_ITEM and block.label:
        inner = f"{escape(block.label)} {inner}"
    if block.kind == NOTE and block.label:
        inner = f"{escape(block.label)} {inner}"
    if block.kind == BLOCKQUOTE:
        return f"<blockquote {attributes}><p>{inner}</p></blockquote>"
    if block.kind in (PAGE_MARKER, IMAGE, NOTE):
        return f"<p {attributes} class={quoteattr(block.kind.replace('_', '-'))}>{inner}</p>"
    return f"<p {attributes}>{inner}</p>"


def chapter_body(chapter: Chapter) -> str:
    """All blocks of a chapter, one element a line."""
    return "\n".join(block_html(block) for block in chapter.blocks)


def _text(text: str) -> str:
    return escape(text).replace("\n", "<br/>")
