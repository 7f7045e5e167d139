"""The HTML reader: one standalone (X)HTML file into a draft Document.

    bytes ──charset (BOM, <meta>, content)──▶ text ──safety.parse_html──▶ tree
          ──<head>──▶ metadata        ──markup.Walk──▶ chapters at each top-level heading

The character set comes from a byte-order mark, then a ``<meta charset>`` or
``http-equiv`` declaration, then the content itself (UTF-8 when it decodes,
else a guess).  Raises ``errors.BadInput`` subclasses for what cannot be read.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from lxml import etree

from ..errors import EmptyFile, UnknownEncoding, UnsafeXml
from ..model import Document
from .builder import DocumentBuilder
from .markup import Walk, element_lang, index_notes, local_name, text_content
from .safety import Limits, parse_html

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def decode(data: bytes, name: str) -> str:
    """The text of an HTML file, its character set decided as the module says."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    head = data[:4096]
    declared = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass  # an unknown charset name: decide from the content
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(data, cp_isolation=["cp1251", "koi8_r", "cp1252", "utf_16"]).best()
        if best is None:
            raise UnknownEncoding(name=name) from None
        return str(best)


def read(data: bytes, name: str, limits: Limits) -> Document:
    """Read a standalone HTML file: metadata from ``<head>``, a chapter at each top heading.

    Raises ``UnknownEncoding``, ``UnsafeXml``, ``CorruptFile`` or ``EmptyFile``.
    """
    text = _XML_DECLARATION.sub("", decode(data, name), count=1)
    if "<!ENTITY" in text[:65536].upper():
        raise UnsafeXml(name=name)
    root = parse_html(text, name)
    builder = DocumentBuilder("html")
    _metadata(root, builder)
    body = next((e for e in root.iter() if local_name(e) == "body"), root)
    levels = [int(n[1]) for n in map(local_name, body.iter()) if n in _HEADINGS]
    file = name or "document.html"
    walk = Walk(builder, file, index_notes({file: root}), chapter_level=min(levels, default=0))
    walk.run(body, lang=element_lang(root))
    document = builder.build()
    if not document.chapters:
        raise EmptyFile(name=name)
    return document


def _metadata(root: etree._Element, builder: DocumentBuilder) -> None:
    meta = builder.metadata
    lang = element_lang(root)
    if lang:
        meta.languages = [lang]
    for element in root.iter():
        tag = local_name(element)
        if tag == "title" and not meta.title:
            meta.title = text_content(element)
        elif tag == "meta":
            key = (element.get("name") or element.get("property") or "").lower()
            value = (element.get("content") or "").strip()
            if not value:
                continue
            if key in ("author", "dc.creator", "dcterms.creator") and value not in meta.authors:
                meta.authors.append(value)
            elif key in ("description", "dc.description", "dcterms.description") and not meta.description:
                meta.description = value
            elif key in ("dc.language", "dcterms.language") and not meta.languages:
                meta.languages = [value]
        elif tag == "body":
            break
