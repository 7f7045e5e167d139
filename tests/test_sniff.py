"""content.sniff: the format comes from the bytes, never from the file name."""

from __future__ import annotations

import gzip
import io
import random
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from accessreader.content import sniff
from accessreader.errors import ArchiveBomb, CorruptFile, EmptyFile, UnknownFormat, UnsafeXml

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_FILES = sorted(p for p in SAMPLES.glob("*.*") if p.is_file())
TEXT = "Дала әуені. Кітапхана «Абай жолы» романын сұрады. Отчёт за 2021 г. The City Library at night.\n" * 20


def test_every_sample_is_sniffed_as_its_format() -> None:
    assert SAMPLE_FILES, "samples/ holds no books"
    for path in SAMPLE_FILES:
        assert sniff(path.read_bytes(), path.name) == path.suffix[1:], path.name


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_a_misleading_name_does_not_matter(path: Path) -> None:
    assert sniff(path.read_bytes(), "download.dat") == path.suffix[1:]


def test_fb2_named_txt() -> None:
    assert sniff((SAMPLES / "dala-kk.fb2").read_bytes(), "dala.txt") == "fb2"


def test_html_named_dat() -> None:
    page = b"<!DOCTYPE html>\n<html lang='en'><head><title>t</title></head><body><p>Hello.</p></body></html>"
    assert sniff(page, "page.dat") == "html"
    xhtml = b'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Hi</p></body></html>'
    assert sniff(xhtml, "page.bin") == "html"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-16", "utf-8", "utf-8-sig"])
def test_unicode_text_with_or_without_bom_is_txt(codec: str) -> None:
    assert sniff(TEXT.encode(codec), "book.dat") == "txt"


@pytest.mark.parametrize("codec", ["cp1251", "koi8-r"])
def test_russian_single_byte_encodings_are_txt(codec: str) -> None:
    text = "Фонд библиотеки составил 1 372 423 экземпляра, т. е. больше, чем в 2020 г.\n" * 30
    assert sniff(text.encode(codec), "report") == "txt"


def _png() -> bytes:
    raw = b"".join(b"\x00" + bytes((x + y) % 256 for x in range(48)) for y in range(16))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def test_a_page_image_is_a_scan_whatever_its_name() -> None:
    assert sniff(_png(), "book.txt") == "image"


@pytest.mark.parametrize(
    "data",
    [
        Path("/bin/true").read_bytes(),
        random.Random(7).randbytes(8192),
        gzip.compress(TEXT.encode("utf-8"), mtime=0),
    ],
    ids=["elf", "random", "gzip"],
)
def test_binary_is_unknown_format(data: bytes) -> None:
    with pytest.raises(UnknownFormat):
        sniff(data, "book.txt")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", "\ufeff  \n".encode("utf-8"), " \r\n".encode("utf-16")])
def test_nothing_but_space_is_empty(data: bytes) -> None:
    with pytest.raises(EmptyFile):
        sniff(data, "blank.txt")


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_zip_based_formats_by_their_members() -> None:
    assert sniff((SAMPLES / "dala-kk.epub").read_bytes(), "book.zip") == "epub"
    assert sniff((SAMPLES / "library-report-ru.docx").read_bytes(), "report.epub") == "docx"
    zipped_fb2 = _zip({"dala.fb2": (SAMPLES / "dala-kk.fb2").read_bytes()})
    assert sniff(zipped_fb2, "dala.fb2.zip") == "fb2"
    with pytest.raises(UnknownFormat):
        sniff(_zip({"photo.jpg": b"\xff\xd8\xff\xe0", "readme.txt": b"hi"}), "book.epub")


def test_broken_zip_is_corrupt_in_the_format_its_name_claims() -> None:
    data = (SAMPLES / "dala-kk.epub").read_bytes()
    with pytest.raises(CorruptFile) as claimed:
        sniff(data[: len(data) // 2], "dala.epub")
    assert "EPUB" in claimed.value.message("en")
    with pytest.raises(CorruptFile) as unnamed:
        sniff(data[: len(data) // 2], "download")
    assert "ZIP" in unnamed.value.message("en")


def test_zip_bomb_is_refused_while_sniffing() -> None:
    with pytest.raises(ArchiveBomb):
        sniff(_zip({"META-INF/container.xml": b"<c/>", "a.xhtml": bytes(4 * 1024 * 1024)}), "bomb.epub")


def test_markup_declaring_entities_is_refused_while_sniffing() -> None:
    xml = b'<?xml version="1.0"?>\n<!DOCTYPE FictionBook [<!ENTITY x SYSTEM "file:///etc/passwd">]><FictionBook>&x;</FictionBook>'
    with pytest.raises(UnsafeXml):
        sniff(xml, "book.fb2")
    # Plain text that merely mentions an entity declaration is still text.
    assert sniff(b"XML lets a DTD say <!ENTITY name 'value'> to define an entity.\n", "notes.txt") == "txt"


def test_pdf_by_its_header() -> None:
    assert sniff((SAMPLES / "city-library-en.pdf").read_bytes(), "scan.jpg") == "pdf"
