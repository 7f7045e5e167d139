"""Overlong paragraphs cut into paragraphs of a bounded length, no character lost.

A book whose text is one endless paragraph (10 MB without a line break, in TXT, HTML
or FB2) otherwise becomes one block, and one block's braille position maps took
gigabytes; cut at a space near the limit (or at the limit, when there is none),
each part is read, translated and spoken like any paragraph.  Readers call
``split_long`` on a paragraph's collected text before they add it.
"""

from __future__ import annotations

from dataclasses import replace

from .builder import InlineText

#: The longest paragraph one block holds, in characters.
MAX_PARAGRAPH = 20_000


def split_long(text: InlineText, limit: int = MAX_PARAGRAPH) -> list[InlineText]:
    """``text`` as one or more pieces of at most about ``limit`` characters, in order.

    A cut falls at the last space in the second half of the room left, else at
    the limit itself; note reference marks, emphasis and language stay with their
    words.
    """
    if sum(len(piece.text) for piece in text.pieces) <= limit:
        return [text]
    parts: list[InlineText] = []
    current, size = InlineText(keep_lines=text.keep_lines), 0
    for piece in text.pieces:
        while size + len(piece.text) > limit and not piece.noteref:
            room = limit - size
            space = piece.text.rfind(" ", room // 2, room)
            cut = space + 1 if space > 0 else room
            if cut:
                current.pieces.append(replace(piece, text=piece.text[:cut]))
            parts.append(current)
            current, size = InlineText(keep_lines=text.keep_lines), 0
            piece = replace(piece, text=piece.text[cut:])
        current.pieces.append(piece)
        size += len(piece.text)
    if current.pieces:
        parts.append(current)
    return parts


__all__ = ["MAX_PARAGRAPH", "split_long"]
