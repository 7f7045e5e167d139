"""Guards every reader uses on untrusted bytes: size limits, ZIP bombs, hostile XML.

Readers never call ``zipfile`` or an XML parser directly: ``open_zip`` /
``read_member`` check declared and real sizes and compression ratios, and
``parse_xml`` refuses entity declarations (billion laughs) and never fetches
anything (external entities, DTDs), in UTF-8 or UTF-16 alike.  Markup nested
deeper than ``MAX_DEPTH`` is refused (``TooDeeplyNested``) rather than cut
where libxml2 stops (it used to drop the rest of an HTML file without a word).
Each refusal is an ``errors.BadInput``.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from lxml import etree

from ..errors import ArchiveBomb, CorruptFile, EncryptedFile, FileTooLarge, TooDeeplyNested, UnsafeXml
from ..settings import MB, default_value

#: The deepest element nesting read (libxml2's own default limit): the readers walk
#: trees recursively, and no real book comes near it.
MAX_DEPTH = 256


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
        if any(i.flag_bits & 0x1 for i in infos):  # a password-protected member
            raise EncryptedFile(name=name, format=format_name)
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
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, zlib.error) as exc:
            raise CorruptFile(name=self.name, format=self.format_name, detail=f"{member}: {exc}") from exc
        self._unpacked += len(data)
        if len(data) > budget:
            raise ArchiveBomb(name=self.name, limit=human_size(self.limits.max_unpacked_bytes))
        return data


_XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, recover=False
)


def declares_entities(data: bytes) -> bool:
    """True when ``data`` declares an XML entity, in UTF-8 (or any ASCII superset), UTF-16 or UTF-32."""
    if _ENTITY.search(data):
        return True
    if data[:4096].count(b"\x00") > len(data[:4096]) // 4:  # UTF-16 (with or without a byte-order mark), UTF-32
        for encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
            if _ENTITY_TEXT.search(data.decode(encoding, errors="ignore")):
                return True
    return False


_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ENTITY_TEXT = re.compile(r"<!ENTITY", re.IGNORECASE)


def parse_xml(data: bytes, name: str, format_name: str) -> etree._Element:
    """Parse untrusted XML; refuse entity declarations and deep nesting, never load anything external."""
    try:
        root = etree.fromstring(data, _XML_PARSER)
    except etree.XMLSyntaxError as exc:
        if declares_entities(data):
            raise UnsafeXml(name=name) from exc
        if "Excessive depth" in str(exc):
            raise TooDeeplyNested(name=name, limit=MAX_DEPTH) from exc
        raise CorruptFile(name=name, format=format_name, detail=str(exc)) from exc
    if root is None:
        raise CorruptFile(name=name, format=format_name, detail="no XML root")
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and list(dtd.iterentities()):
        raise UnsafeXml(name=name)
    return root


def parse_html(data: bytes | str, name: str) -> etree._Element:
    """Parse HTML leniently (tag soup allowed) without loading anything external.

    Text nodes of any length are kept (libxml2 otherwise empties the file after
    one over 10 MB); nesting past ``MAX_DEPTH`` is refused with ``TooDeeplyNested``.
    """
    if isinstance(data, bytes) and declares_entities(data):
        raise UnsafeXml(name=name)
    parser = etree.HTMLParser(no_network=True, remove_comments=True, default_doctype=False, huge_tree=True)
    try:
        root = etree.fromstring(data, parser)
    except (etree.ParserError, ValueError) as exc:
        raise CorruptFile(name=name, format="HTML", detail=str(exc)) from exc
    limits = [e.message.strip() for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT"]
    if any("depth" in message for message in limits) or (root is not None and depth(root) > MAX_DEPTH):
        raise TooDeeplyNested(name=name, limit=MAX_DEPTH)
    if limits:
        raise CorruptFile(name=name, format="HTML", detail=limits[0])
    if root is None:
        raise CorruptFile(name=name, format="HTML", detail="no HTML content")
    return root


def depth(root: etree._Element) -> int:
    """How deep elements nest under ``root`` (``root`` alone: 1), found without recursion."""
    deepest = level = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        level += 1 if event == "start" else -1
        deepest = max(deepest, level)
    return deepest
