"""AccessReader: catalog e-books into braille and speech for blind and low-vision readers.

The public API: read a book into the document model, and the model itself.
"""

from .content import read, sniff
from .errors import AccessReaderError, BadInput
from .model import Block, Chapter, Document, Locator, Metadata, Span

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
