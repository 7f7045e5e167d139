"""One chapter of a Document as accessible HTML, for the web reader.

    (Chapter, interface language) ──render_chapter──▶ Markup (HTML of its blocks, by ``accessreader.xhtml``)
    (Chapter, Locator) ──anchor──▶ the element id the locator points at

The blocks are written by the one renderer the talking books use too
(:mod:`accessreader.xhtml`, web style): their elements, block ids, ``lang`` on
every block and embedded run, each sentence a ``<span class="s">`` with its
sentence id (``c1b4s2``, as in the audio timings), the anchor a locator points
at.  An unknown language is ``lang=""`` (unknown, in HTML's own words), never
the page's language by mistake.
"""

from __future__ import annotations

from markupsafe import Markup

from ..model import Chapter, Locator
from ..xhtml import WEB, html_lang, marked_sentences, render

__all__ = ["anchor", "html_lang", "render_chapter"]


def render_chapter(chapter: Chapter, page_lang: str) -> Markup:
    """The chapter's blocks as HTML; ``page_lang`` is the interface language around them."""
    return Markup(render(chapter, WEB))


def anchor(chapter: Chapter, locator: Locator) -> str:
    """The id of the element showing ``locator``: its sentence's span, else its block ("" when not in ``chapter``)."""
    block = next((b for b in chapter.blocks if b.id == locator.block), None)
    if block is None:
        return ""
    if marked_sentences(block, WEB) and 0 <= locator.sentence < len(block.sentences):
        return block.sentence_id(locator.sentence)
    return block.id
