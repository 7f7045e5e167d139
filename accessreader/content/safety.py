"""Guards every reader uses on untrusted bytes: size limits, ZIP bombs, hostile XML.

Readers never call ``zipfile`` or an XML parser directly: ``open_zip`` /
``read_member`` check declared and real sizes and compression ratios, and
``parse_xml`` refuses entity declarations (billion laughs) and never fetches
anything (external entities, DTDs).  Each refusal is an ``errors.BadInput``.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lxml import etree

from ..errors import ArchiveBomb, CorruptFile, FileTooLarge, UnsafeXml
from ..settings import MB, default_value


@dataclass(frozen=True)
class Limits:
    """How much untrusted input may cost; the defaults suit a library's catalog."""

    max_file_bytes: int = int(default_value("max_file_mb") * MB)  # type: ignore[operator]
    max_unpacked_bytes: int = 1024 * 1024 * 1024
    max_ratio: int = 200
    max_members: int = 20_000


DEFAULT_LIMITS = Limits()


def human_size(size: int) -> str:
    """``1536`` → ``"1.5 KB"``."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def check_size(data: bytes, name: str, limits: Limits) -> None:
    """Raise ``FileTooLarge`` when ``data`` is over ``limits.max_file_bytes``."""
    if len(data) > limits.max_file_bytes:
        raise FileTooLarge(name=name, size=human_size(len(data)), limit=human_size(limits.max_file_bytes))


class SafeZip:
    """A ZIP archive opened from bytes whose members are read under the limits."""

    def __init__(self, data: bytes, name: str, format_name: str, limits: Limits = DEFAULT_LIMITS) -> None:
        self.name = name
        self.format_name = format_name
        self.limits = limits
        self._unpacked = 0
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise CorruptFile(name=name, format=format_name, detail=str(exc) or "bad ZIP") from exc
        if len(infos) > limits.max_members:
            raise ArchiveBomb(name=name, limit=f"{limits.max_members} files")
        declared = sum(i.file_size for i in infos)
        packed = sum(i.compress_size for i in infos)
        if declared > limits.max_unpacked_bytes:
            raise ArchiveBomb(name=name, limit=human_size(limits.max_unpacked_bytes))
        if declared > 1024 * 1024 and declared > limits.max_ratio * max(packed, 1):
            raise ArchiveBomb(name=name, limit=human_size(limits.max_unpacked_bytes))
        self.names = [i.filename for i in infos]

    def has(self, member: str) -> bool:
        return member in self.names

    def read(self, member: str) -> bytes:
        """The member's bytes, counted against the limits whatever its header claims."""
        budget = self.limits.max_unpacked_bytes - self._unpacked
        try:
            with self.zip.open(member) as stream:
                data = stream.read(budget + 1)
        except KeyError as exc:
            raise CorruptFile(name=self.name, format=self.format_name, detail=f"{member} is missing") from exc
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise CorruptFile(name=self.name, format=self.format_name, detail=f"{member}: {exc}") from exc
        self._unpacked += len(data)
        if len(data) > budget:
            raise ArchiveBomb(name=self.name, limit=human_size(self.limits.max_unpacked_bytes))
        return data


_XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, recover=False
)
_HTML_PARSER = etree.HTMLParser(no_network=True, remove_comments=True, default_doctype=False)


def parse_xml(data: bytes, name: str, format_name: str) -> etree._Element:
    """Parse untrusted XML; refuse entity declarations, never load anything external."""
    try:
        root = etree.fromstring(data, _XML_PARSER)
    except etree.XMLSyntaxError as exc:
        if b"<!ENTITY" in data[:65536]:
            raise UnsafeXml(name=name) from exc
        raise CorruptFile(name=name, format=format_name, detail=str(exc)) from exc
    if root is None:
        raise CorruptFile(name=name, format=format_name, detail="no XML root")
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and list(dtd.iterentities()):
        raise UnsafeXml(name=name)
    return root


def parse_html(data: bytes | str, name: str) -> etree._Element:
    """Parse HTML leniently (tag soup allowed) without loading anything external."""
    if isinstance(data, bytes) and b"<!ENTITY" in data[:65536]:
        raise UnsafeXml(name=name)
    try:
        root = etree.fromstring(data, _HTML_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise CorruptFile(name=name, format="HTML", detail=str(exc)) from exc
    if root is None:
        raise CorruptFile(name=name, format="HTML", detail="no HTML content")
    return root
