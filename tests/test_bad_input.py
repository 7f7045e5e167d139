"""Bad input end to end through the CLI: one clear line in the user's language, exit code 2, no traceback.

These are the format-independent cases (refused before any reader runs); each
reader's own broken files are tested with that reader.
"""

from __future__ import annotations

import io
import json
import os
import re
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from accessreader import content
from accessreader.cli import main
from accessreader.content.bounded import Budget
from accessreader.content.safety import Limits, parse_xml
from accessreader.errors import FileTooLarge, UnsafeXml
from accessreader.messages import MESSAGES
from tests.fuzz_corpus import corpus

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_EPUB = ROOT / "samples" / "dala-kk.epub"
FB2_NS = "http://www.gribuser.ru/xml/fictionbook/2.0"


def _png() -> bytes:
    """A real 32×32 RGB PNG."""
    raw = b"".join(b"\x00" + bytes((x * 7 + y * 3) % 256 for x in range(32 * 3)) for y in range(32))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 32, 32, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _epub_shell(extra: dict[str, bytes]) -> bytes:
    """A ZIP that sniffs as EPUB (mimetype and container) with ``extra`` members."""
    return _zip({"mimetype": b"application/epub+zip", "META-INF/container.xml": b"<container/>", **extra})


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE FictionBook [\n<!ENTITY lol0 "lol">\n'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))
    + f']>\n<FictionBook xmlns="{FB2_NS}"><body><section><p>&lol9;</p></section></body></FictionBook>\n'
).encode()

EXTERNAL_ENTITY = (
    '<?xml version="1.0"?>\n<!DOCTYPE FictionBook [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
    f'<FictionBook xmlns="{FB2_NS}"><body><section><p>&secret;</p></section></body></FictionBook>\n'
).encode()


def _bad_files() -> dict[str, tuple[str, bytes, str]]:
    """case → (file name, bytes, expected message code)."""
    sample = SAMPLE_EPUB.read_bytes()
    return {
        "empty": ("empty.txt", b"", "empty_file"),
        "whitespace": ("blank.txt", b" \n\t\r\n  \n", "empty_file"),
        "png_without_text": ("cover.epub", _png(), "no_text_found"),  # a picture is read as a scan
        "elf": ("program.epub", Path("/bin/true").read_bytes(), "unknown_format"),
        "random_zip": (
            "photos.epub",
            _zip({"a.jpg": b"\xff\xd8\xff" + bytes(200), "notes.txt": b"hello"}),
            "unknown_format",
        ),
        "truncated_zip": ("cut.epub", sample[: len(sample) // 2], "corrupt_file"),
        # 10 MB of zeros packs into ~10 KB: a ratio of about 1000 to 1
        "zip_bomb": ("bomb.epub", _epub_shell({"chapter.xhtml": bytes(10 * 1024 * 1024)}), "archive_bomb"),
        "zip_many_members": ("many.epub", _epub_shell({f"x/{i}.xhtml": b"" for i in range(20_001)}), "archive_bomb"),
        "billion_laughs": ("laughs.fb2", BILLION_LAUGHS, "unsafe_xml"),
        "external_entity": ("secret.fb2", EXTERNAL_ENTITY, "unsafe_xml"),
        "billion_laughs_html": (
            "laughs.html",
            b"<!DOCTYPE html [<!ENTITY a 'aaaa'>]><html><body>&a;</body></html>",
            "unsafe_xml",
        ),
        # Hardening (issue 12): each of these once gave exit 1, a raw error, or silently lost text.
        "billion_laughs_utf16": ("laughs.fb2", BILLION_LAUGHS.decode().encode("utf-16"), "unsafe_xml"),
        "billion_laughs_utf16_no_bom": ("laughs16.fb2", BILLION_LAUGHS.decode().encode("utf-16-le"), "unsafe_xml"),
        "encrypted_epub": ("locked.epub", FUZZ["encrypted-dala-kk.epub"], "encrypted_file"),
        "encrypted_docx": ("locked.docx", FUZZ["encrypted-library-report-ru.docx"], "encrypted_file"),
        "damaged_inflate_epub": ("garbled.epub", FUZZ["badinflate-dala-kk.epub"], "corrupt_file"),
        "damaged_inflate_docx": ("garbled.docx", FUZZ["badinflate-library-report-ru.docx"], "corrupt_file"),
        "pdf_stream_bomb": ("bomb.pdf", FUZZ["stream-bomb.pdf"], "archive_bomb"),
        "nested_300_divs": ("deep.html", FUZZ["divs300.html"], "too_deeply_nested"),
        "nested_json": ("deep.json", FUZZ["deep.json"], "too_deeply_nested"),
        "nul_in_fb2": ("nul.fb2", _with_nul(ROOT / "samples" / "dala-kk.fb2"), "corrupt_file"),  # libxml2: two lines
    }


def _with_nul(path: Path) -> bytes:
    data = path.read_bytes()
    return data[: len(data) // 2] + b"\x00" + data[len(data) // 2 :]


#: The fuzz corpus's small subset by file name (``tests/fuzz_corpus.py``).
FUZZ = {case.name: case.data for case in corpus(full=False)}


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    folder = tmp_path_factory.mktemp("bad")
    files = {}
    for case, (name, data, code) in _bad_files().items():
        path = folder / name
        path.write_bytes(data)
        files[case] = (path, code)
    return files


def _pattern(code: str, lang: str) -> re.Pattern[str]:
    """The message ``code`` in ``lang`` as a regular expression, placeholders matching anything."""
    pieces = re.split(r"\{\w+\}", MESSAGES[code][lang])
    return re.compile("accessreader: " + ".+?".join(re.escape(p) for p in pieces))


def _run(*args: str, env: dict[str, str] | None = None):
    return CliRunner(env=env).invoke(main, list(args))


def _assert_one_line(result, code: str, lang: str, name: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert _pattern(code, lang).fullmatch(lines[0]), lines[0]
    assert name in lines[0]
    assert "Traceback" not in result.output


CASES = list(_bad_files())


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("case", CASES)
def test_bad_file_gets_one_clear_line(bad_files, case: str, lang: str) -> None:
    path, code = bad_files[case]
    result = _run("--lang", lang, "inspect", str(path))
    _assert_one_line(result, code, lang, path.name)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_missing_path(tmp_path: Path, lang: str) -> None:
    missing = tmp_path / "no-such-book.epub"
    _assert_one_line(_run("--lang", lang, "inspect", str(missing)), "file_not_found", lang, "no-such-book.epub")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_file_over_the_limit(tmp_path: Path, lang: str) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b" " * (3 * 1024 * 1024 // 2))
    result = _run("--lang", lang, "--max-size", "1", "inspect", str(big))
    _assert_one_line(result, "file_too_large", lang, "big.txt")
    assert "1.5 MB" in result.stderr and "1.0 MB" in result.stderr


def test_limit_from_environment_and_default(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b" " * (3 * 1024 * 1024 // 2))
    by_env = _run("--lang", "en", "inspect", str(big), env={"ACCESSREADER_MAX_FILE_MB": "1"})
    _assert_one_line(by_env, "file_too_large", "en", "big.txt")
    # Under the default 200 MB the same file gets past the size check and is judged on its content.
    by_default = _run("--lang", "en", "inspect", str(big), env={"ACCESSREADER_MAX_FILE_MB": None})
    _assert_one_line(by_default, "empty_file", "en", "big.txt")
    # The option wins over the environment.
    by_option = _run("--lang", "en", "--max-size", "2", "inspect", str(big), env={"ACCESSREADER_MAX_FILE_MB": "1"})
    _assert_one_line(by_option, "empty_file", "en", "big.txt")


@pytest.mark.parametrize("value", ["0", "-5", "lots"])
def test_bad_size_limit_is_a_usage_error(tmp_path: Path, value: str) -> None:
    book = tmp_path / "blank.txt"
    book.write_bytes(b" ")
    result = _run("--max-size", value, "inspect", str(book))
    assert result.exit_code == 2
    assert "--max-size" in result.stderr
    assert "Traceback" not in result.output


def test_read_applies_the_limits_it_is_given() -> None:
    data = b"A short book. " * 100
    with pytest.raises(FileTooLarge):
        content.read(data, "short.txt", Limits(max_file_bytes=1000))


def test_subprocess_prints_no_traceback(bad_files) -> None:
    path, _ = bad_files["zip_bomb"]
    env = {k: v for k, v in os.environ.items() if k != "ACCESSREADER_DEBUG"}
    done = subprocess.run(
        [sys.executable, "-m", "accessreader", "--lang", "kk", "inspect", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert _pattern("archive_bomb", "kk").fullmatch(done.stderr.strip())


def test_parse_xml_refuses_entity_declarations() -> None:
    for data in (BILLION_LAUGHS, EXTERNAL_ENTITY):
        with pytest.raises(UnsafeXml):
            parse_xml(data, "book.fb2", "FB2")
    parameter_entity = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><r>x</r>'
    with pytest.raises(UnsafeXml):
        parse_xml(parameter_entity, "book.fb2", "FB2")


def test_parse_xml_never_loads_external_files() -> None:
    from lxml import etree

    passwd_line = Path("/etc/passwd").read_text().splitlines()[0]
    for data in (
        b'<?xml version="1.0"?><!DOCTYPE r SYSTEM "file:///etc/passwd"><r>kept</r>',
        b'<r xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file:///etc/passwd" parse="text"/></r>',
    ):
        root = parse_xml(data, "book.xml", "XML")
        assert passwd_line not in etree.tostring(root, encoding="unicode")


def test_utf16_entity_declarations_are_refused_like_utf8() -> None:
    for encoding in ("utf-16", "utf-16-le", "utf-16-be"):
        with pytest.raises(UnsafeXml):
            parse_xml(
                BILLION_LAUGHS.decode().replace("<?xml version", "<?xml  version").encode(encoding), "b.fb2", "FB2"
            )


def _html(tmp_path: Path, name: str, depth: int) -> Path:
    middle = "<div>" * depth + "<p>Middle paragraph deep.</p>" + "</div>" * depth
    path = tmp_path / name
    path.write_text(f"<html><body><p>First paragraph here.</p>{middle}<p>Last paragraph here.</p></body></html>")
    return path


def test_nesting_up_to_the_limit_keeps_every_paragraph(tmp_path: Path) -> None:
    result = _run("inspect", "--json", str(_html(tmp_path, "deep.html", 250)))
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["blocks"], summary["words"]) == (3, 9)


@pytest.mark.parametrize("depth", [300, 3000])
def test_deeper_nesting_is_refused_not_cut(tmp_path: Path, depth: int) -> None:
    result = _run("--lang", "ru", "inspect", str(_html(tmp_path, "deep.html", depth)))
    _assert_one_line(result, "too_deeply_nested", "ru", "deep.html")


def test_a_book_over_the_time_budget_is_refused(tmp_path: Path) -> None:
    storm = tmp_path / "storm.html"
    # libxml2's duplicate-attribute check is quadratic: this tag takes about 35 s on a quiet
    # machine, while the budget is 2 s plus 10 s per MB of the file (1.5 MB: about 17 s).
    # (100,000 attributes took about 17 s, inside their own 15 s budget on a quiet machine.)
    attributes = " ".join(f'a{i}="x"' for i in range(140_000))
    storm.write_text(f"<html><body><p {attributes}>Hello.</p></body></html>")
    budget = Budget(seconds=2).time_for(storm.stat().st_size)
    started = time.monotonic()
    result = _run("--lang", "kk", "inspect", str(storm), env={"ACCESSREADER_READ_SECONDS": "2"})
    _assert_one_line(result, "reading_too_long", "kk", "storm.html")
    assert time.monotonic() - started < budget + 10


def test_a_book_over_the_memory_budget_is_refused(tmp_path) -> None:
    # 24 MB of text cannot be read in 40 MB of address space, whether the reading process is
    # forked from this one (already far above it) or from the small forkserver.
    book = tmp_path / "long.txt"
    book.write_text("Бір сөйлем, тағы бір сөйлем.\n\n" * 480_000, encoding="utf-8")
    result = _run("--lang", "en", "inspect", str(book), env={"ACCESSREADER_READ_MEMORY_MB": "40"})
    _assert_one_line(result, "reading_too_big", "en", book.name)
    assert "40.0 MB" in result.stderr


def _command(*args: str, **popen) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "ACCESSREADER_DEBUG"}
    return subprocess.Popen([sys.executable, "-m", "accessreader", *args], cwd=ROOT, env=env, **popen)


def test_a_closed_output_pipe_ends_quietly() -> None:
    """`accessreader inspect … | head -c 1`: no "Something went wrong: BrokenPipeError", no traceback."""
    reader, writer = os.pipe()
    process = _command("inspect", "--json", *[str(SAMPLE_EPUB)] * 3, stdout=writer, stderr=subprocess.PIPE)
    os.close(writer)
    assert os.read(reader, 1) == b"{"
    os.close(reader)
    _, stderr = process.communicate(timeout=120)
    assert stderr == b""
    assert process.returncode == 141  # 128 + SIGPIPE, as a shell reports for other tools


def test_a_full_disk_has_its_own_message() -> None:
    with open("/dev/full", "wb") as full:
        process = _command("--lang", "kk", "inspect", "--json", str(SAMPLE_EPUB), stdout=full, stderr=subprocess.PIPE)
        _, stderr = process.communicate(timeout=120)
    assert process.returncode == 2
    lines = stderr.decode().splitlines()
    assert len(lines) == 1 and _pattern("disk_full", "kk").fullmatch(lines[0]), lines


@pytest.mark.parametrize("suffix", ["txt", "html", "fb2"])
def test_an_endless_paragraph_is_kept_whole_in_parts(suffix: str) -> None:
    """2 MB without a line break or a space: every character kept, in blocks of a bounded length."""
    endless = "а" * (2 * 1024 * 1024)
    data = {
        "txt": endless,
        "html": f"<html><body><p>Алғы сөз.</p><p>{endless}</p></body></html>",
        "fb2": f'<FictionBook xmlns="{FB2_NS}"><body><section><p>Алғы сөз.</p><p>{endless}</p></section></body></FictionBook>',
    }[suffix].encode()
    document = content.read(data, f"endless.{suffix}")
    texts = [block.text for _, block in document.blocks()]
    assert "".join(texts).count("а") == len(endless)
    assert max(len(text) for text in texts) <= 20_000


def test_messages_name_the_file_not_its_copy_in_memory(tmp_path: Path) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not a picture" * 10)
    result = _run("--lang", "en", "inspect", str(broken))
    _assert_one_line(result, "corrupt_file", "en", "broken.png")
    assert "BytesIO" not in result.stderr and "0x" not in result.stderr
