"""What ``accessreader inspect`` reports about a Document, as plain data.

``summarise`` is shared by the CLI (text or ``--json``) and, later, the catalog.
"""

from __future__ import annotations

from collections import Counter

from .messages import translate
from .model import HEADING, PAGE_MARKER, Document


def summarise(document: Document, lang: str = "en") -> dict:
    """Metadata, outline, languages with block counts, counts and warnings of ``document``."""
    blocks = [block for _, block in document.blocks()]
    text_blocks = [b for b in blocks if b.kind != PAGE_MARKER]
    meta = document.metadata
    return {
        "title": meta.title,
        "authors": meta.authors,
        "format": meta.source_format,
        "identifier": meta.identifier,
        "languages": dict(Counter(b.lang for b in text_blocks).most_common()),
        "headings": [{"level": b.level, "text": b.text} for b in blocks if b.kind == HEADING],
        "chapters": len(document.chapters),
        "blocks": len(text_blocks),
        "sentences": sum(len(b.sentences) for b in text_blocks),
        "words": sum(len(b.text.split()) for b in text_blocks),
        "page_markers": sum(1 for b in blocks if b.kind == PAGE_MARKER),
        "warnings": [translate(n.code, lang, detail=n.detail) for n in document.notices],
    }
