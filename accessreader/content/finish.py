"""The last step of every reader: languages, sentences, contents and checksums.

Readers give blocks with the language their source declares (a hint, often
wrong or missing); here each block's language is decided from its own text,
embedded stretches in another language become spans, text is split into
sentences per language, and metadata gaps are filled (title, languages,
table of contents) so that every format arrives at outputs the same way.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import PurePath

from .. import language, sentences
from ..model import HEADING, PAGE_MARKER, SPAN_LANG, STANZA, TABLE, Document, TocEntry


def finish(document: Document, data: bytes, name: str) -> Document:
    """Complete ``document`` read from ``data`` in place and return it."""
    meta = document.metadata
    meta.source_checksum = "sha256:" + hashlib.sha256(data).hexdigest()
    declared = [language.normalise(code) for code in meta.languages if code]
    fallback = declared[0] if declared else ""
    for _, block in document.blocks():
        if block.kind == PAGE_MARKER:
            block.lang = "zxx"
            continue
        hint = language.normalise(block.lang) if block.lang != "und" else fallback
        block.lang = language.detect(block.text, hint=hint)
        marked = [s for s in block.spans if s.kind == SPAN_LANG]
        for span in marked:
            span.value = language.normalise(span.value)
        found = language.find_spans(block.text, block.lang, taken=[(s.start, s.end) for s in marked])
        block.spans = sorted(
            [s for s in block.spans if not (s.kind == SPAN_LANG and s.value == block.lang)] + found,
            key=lambda s: (s.start, s.kind),
        )
        block.sentences = sentences.split(block.text, block.lang, lines=block.kind in (TABLE, STANZA))
    counts = Counter(block.lang for _, block in document.blocks() if block.kind != PAGE_MARKER and block.text)
    meta.languages = [code for code, _ in counts.most_common() if code != "und"] or declared
    if not document.toc:
        document.toc = [
            TocEntry(block.text, block.level, block.id) for _, block in document.blocks() if block.kind == HEADING
        ]
    if not meta.title:
        meta.title = next((e.title for e in document.toc), "") or PurePath(name).stem.split(".")[0]
    return document

