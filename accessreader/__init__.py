"""AccessReader: catalog e-books into braille and speech for blind and low-vision readers.

The public API: read a book into the document model, and the model itself.  The names
are imported when first used, so that a command that needs none of the readers
(``accessreader read "TITLE"``) does not pay for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import lazy

if TYPE_CHECKING:
    from .content import read, sniff
    from .errors import AccessReaderError, BadInput
    from .model import Block, Chapter, Document, Locator, Metadata, Span

#: Each public name and the module it comes from.
_MODULES = {
    "read": ".content",
    "sniff": ".content",
    "AccessReaderError": ".errors",
    "BadInput": ".errors",
    **dict.fromkeys(("Block", "Chapter", "Document", "Locator", "Metadata", "Span"), ".model"),
}

__all__ = [
    "AccessReaderError",
    "BadInput",
    "Block",
    "Chapter",
    "Document",
    "Locator",
    "Metadata",
    "Span",
    "read",
    "sniff",
]

__getattr__ = lazy.names(__name__, _MODULES)
