"""Pages → PEF 2008-1 (Portable Embosser Format): XML an embosser or reader can use as it is.

    <pef version="2008-1"><head><meta>dc:…</meta></head>
      <body><volume cols rows rowgap duplex><section><page><row>⠁⠃…</row>…

Same pages as BRF (``layout.py``), split into volumes of at most
``max_sheets`` sheets; in duplex two pages share a sheet and each section
(front matter, body) starts on a new sheet.  Rows hold only U+2800–U+28FF: a
blank cell is U+2800.  The file validates against the PEF 2008-1 RELAX NG
schema (checked in the tests).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from lxml import etree

from ..errors import BadOption
from ..model import Metadata
from .layout import Page, Pages
from .translate import BLANK

PEF_NS = "http://www.daisy.org/ns/2008/pef"
DC_NS = "http://purl.org/dc/elements/1.1/"
MEDIA_TYPE = "application/x-pef+xml"


@dataclass(frozen=True)
class Binding:
    """How pages go on paper: the most sheets one volume holds, and printing on both sides."""

    max_sheets: int = 50
    duplex: bool = True

    def __post_init__(self) -> None:
        if self.max_sheets < 1:
            raise BadOption(option="--sheets", value=str(self.max_sheets), choices=">= 1")


def split_volumes(sections: list[list[Page]], binding: Binding) -> list[list[list[Page]]]:
    """Sections of pages → volumes of sections, none over ``binding.max_sheets`` sheets."""
    sides = 2 if binding.duplex else 1
    volumes: list[list[list[Page]]] = [[]]
    sheets = 0
    for section in sections:
        current: list[Page] = []
        for page in section:
            used = sheets + -(-(len(current) + 1) // sides)
            if used > binding.max_sheets and (current or volumes[-1]):
                if current:
                    volumes[-1].append(current)
                volumes.append([])
                sheets, current = 0, []
            current.append(page)
        if current:
            volumes[-1].append(current)
            sheets += -(-len(current) // sides)
    return [volume for volume in volumes if volume]


def write(pages: Pages, metadata: Metadata, binding: Binding = Binding(), date: datetime.date | None = None) -> bytes:
    """The PEF document for ``pages`` with ``metadata`` (dc:date is ``date``, today by default)."""
    root = etree.Element(f"{{{PEF_NS}}}pef", nsmap={None: PEF_NS, "dc": DC_NS}, version="2008-1")
    meta = etree.SubElement(etree.SubElement(root, f"{{{PEF_NS}}}head"), f"{{{PEF_NS}}}meta")
    _dc(meta, "format", MEDIA_TYPE)
    _dc(meta, "identifier", metadata.identifier or metadata.source_checksum or metadata.title or "accessreader")
    if metadata.title:
        _dc(meta, "title", metadata.title)
    for author in metadata.authors:
        _dc(meta, "creator", author)
    for language in metadata.languages:
        _dc(meta, "language", language)
    _dc(meta, "date", (date or datetime.date.today()).isoformat())
    body = etree.SubElement(root, f"{{{PEF_NS}}}body")
    for volume_pages in split_volumes([s for s in (pages.front, pages.body) if s], binding):
        volume = etree.SubElement(
            body,
            f"{{{PEF_NS}}}volume",
            cols=str(pages.layout.cells),
            rows=str(pages.layout.lines),
            rowgap="0",
            duplex="true" if binding.duplex else "false",
        )
        for section_pages in volume_pages:
            section = etree.SubElement(volume, f"{{{PEF_NS}}}section")
            for page in section_pages:
                page_element = etree.SubElement(section, f"{{{PEF_NS}}}page")
                for line in page.lines:
                    etree.SubElement(page_element, f"{{{PEF_NS}}}row").text = line.cells.replace(" ", BLANK)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _dc(parent: etree._Element, name: str, value: str) -> None:
    etree.SubElement(parent, f"{{{DC_NS}}}{name}").text = value
