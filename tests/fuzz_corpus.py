"""A corpus of broken and hostile books, and a runner that puts each through the real command.

    corpus(full) ──▶ Case(name, data, trick, words)   truncations, byte flips, ZIP tricks,
                                                      XML bombs (UTF-8 and UTF-16), PDF stream
                                                      bombs, deep nesting, attribute storms, NUL
                                                      bytes, 10 MB lines, decompression-bomb images
    run(case, command, folder) ──▶ Run(outcome, exit code, seconds, peak memory)
        `python -m accessreader --lang en inspect --json FILE`  or  `convert FILE --to brf`
        in a process of its own, its peak memory (with every process it started) from wait4

A run's outcome is ``ok`` (exit 0), ``refused`` (exit 2 with one ``accessreader:`` line),
or a failure: ``traceback``, ``exit N``, ``timeout``, ``memory`` (over the budget), or
``lost`` (exit 0 but fewer words than the generator wrote, where it knows them).
The small fixed subset (``full=False``) runs in ``tests/test_fuzz.py``; the whole corpus
in ``benchmarks/fuzz_corpus.py``.
"""

from __future__ import annotations

import io
import json
import os
import random
import signal
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from subprocess import PIPE

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FB2_NS = "http://www.gribuser.ru/xml/fictionbook/2.0"
#: The reading budget the runs get (``ACCESSREADER_READ_SECONDS`` / ``_MEMORY_MB``), and the
#: memory one run (the command and every process it starts) may reach before it counts as a failure.
READ_SECONDS = 60
READ_MEMORY_MB = 1536
MEMORY_BUDGET_MB = 2048
#: Wall-clock time after which a run is killed and counted as a failure.
TIMEOUT = 180

FAILURES = ("traceback", "exit", "timeout", "memory", "lost")


@dataclass(frozen=True)
class Case:
    """One file of the corpus: ``words`` is how many words it holds when read whole (0: not known)."""

    name: str
    data: bytes
    trick: str
    words: int = 0


@dataclass(frozen=True)
class Run:
    """What one command did with one case."""

    case: str
    command: str
    outcome: str
    exit_code: int
    seconds: float
    peak_mb: float
    message: str


# --- the corpus -----------------------------------------------------------------------------


def corpus(full: bool = True, seed: int = 12) -> Iterator[Case]:
    """The cases: every trick on every sample book (``full``), or a fixed small subset of each."""
    rng = random.Random(seed)
    seeds = sorted(p for p in SAMPLES.iterdir() if p.is_file())
    if not full:
        seeds = [p for p in seeds if p.name in ("dala-kk.epub", "library-report-ru.docx", "dala-kk.fb2")]
    for path in seeds:
        data = path.read_bytes()
        yield Case(path.name, data, "sample")
        for fraction in (0.1, 0.5, 0.9, 0.999) if full else (0.5,):
            yield Case(f"cut{int(fraction * 1000)}-{path.name}", data[: int(len(data) * fraction)], "truncation")
        for index in range(6 if full else 1):
            yield Case(f"flip{index}-{path.name}", _flipped(data, rng, 1 + index * 4), "byte flips")
        if data.startswith(b"PK\x03\x04"):
            yield Case(f"encrypted-{path.name}", _encrypted(data), "zip: encrypted members")
            yield Case(f"badinflate-{path.name}", _bad_inflate(data), "zip: damaged compressed member")
            if full:
                yield Case(f"traversal-{path.name}", _renamed(data, "../../../tmp/evil.xhtml"), "zip: path traversal")
                yield Case(f"sizes-{path.name}", _lying_sizes(data), "zip: sizes that lie")
                yield Case(f"nul-{path.name}", _with_nuls(data, rng), "nul bytes")
        elif full:
            yield Case(f"nul-{path.name}", _with_nuls(data, rng), "nul bytes")
    yield from _xml_bombs(full)
    yield from _pdf_bombs(full)
    yield from _nesting(full)
    yield from _storms(full)
    yield from _long_lines(full)
    yield from _images(full)


def _flipped(data: bytes, rng: random.Random, count: int) -> bytes:
    out = bytearray(data)
    for _ in range(count):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def _with_nuls(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(20):
        out.insert(rng.randrange(len(out)), 0)
    return bytes(out)


def _central_headers(data: bytes) -> Iterator[int]:
    """Offsets of the ZIP's central directory headers."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        offset = archive.start_dir  # type: ignore[attr-defined]
        for _ in archive.infolist():
            yield offset
            names, extra, comment = struct.unpack_from("<HHH", data, offset + 28)
            offset += 46 + names + extra + comment


def _encrypted(data: bytes) -> bytes:
    """Every member marked as encrypted (general purpose flag bit 0), as a password-protected ZIP is."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            out[info.header_offset + 6] |= 1
    for offset in _central_headers(data):
        out[offset + 8] |= 1
    return bytes(out)


def _bad_inflate(data: bytes) -> bytes:
    """The largest deflated member's compressed bytes garbled in the middle; headers and CRC untouched."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        deflated = [i for i in archive.infolist() if i.compress_type == zipfile.ZIP_DEFLATED and i.compress_size > 64]
        info = max(deflated, key=lambda i: i.compress_size)
    names, extra = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + names + extra + info.compress_size // 3
    out[start : start + 16] = bytes(range(0xF0, 0x100))
    return bytes(out)


def _renamed(data: bytes, new_name: str) -> bytes:
    """The ZIP rebuilt with its first content member renamed (a path climbing out of the folder)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        infos = source.infolist()
        victim = next((i for i in infos if i.filename.endswith((".xhtml", ".html", ".xml"))), infos[-1])
        for info in infos:
            target.writestr(new_name if info is victim else info.filename, source.read(info))
    return out.getvalue()


def _lying_sizes(data: bytes) -> bytes:
    """Each member's declared unpacked size in the central directory set to 10 bytes."""
    out = bytearray(data)
    for offset in _central_headers(data):
        struct.pack_into("<I", out, offset + 24, 10)
    return bytes(out)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _replaced(data: bytes, member: str, content: bytes) -> bytes:
    """The ZIP with ``member``'s bytes replaced."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    members[member] = content
    return _zip(members)


def _laughs(root: str, levels: int = 9) -> str:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels + 1)
    )
    return f'<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE {root} [{entities}]>\n'


def _xml_bombs(full: bool) -> Iterator[Case]:
    body = f'<FictionBook xmlns="{FB2_NS}"><body><section><p>&lol9;</p></section></body></FictionBook>'
    laughs = _laughs("FictionBook") + body
    yield Case("laughs-utf16.fb2", laughs.encode("utf-16"), "xml bomb: UTF-16 with BOM")
    yield Case("laughs-utf16le.fb2", laughs.encode("utf-16-le"), "xml bomb: UTF-16 without BOM")
    yield Case("laughs.fb2", laughs.replace('encoding="UTF-16"', 'encoding="UTF-8"').encode(), "xml bomb: UTF-8")
    secret = (
        '<?xml version="1.0"?><!DOCTYPE FictionBook [<!ENTITY s SYSTEM "file:///etc/passwd">]>'
        f'<FictionBook xmlns="{FB2_NS}"><body><section><p>&s;</p></section></body></FictionBook>'
    )
    yield Case("external.fb2", secret.encode(), "xml: external entity")
    html = "<!DOCTYPE html [<!ENTITY a 'aaaaaaaaaa'>]><html><body><p>&a;</p></body></html>"
    yield Case("laughs-utf16.html", html.encode("utf-16"), "xml bomb: HTML in UTF-16")
    if full:
        yield Case("external-utf16.fb2", secret.encode("utf-16"), "xml: external entity in UTF-16")
        epub = (SAMPLES / "dala-kk.epub").read_bytes()
        with zipfile.ZipFile(io.BytesIO(epub)) as archive:
            chapter = next(n for n in archive.namelist() if n.endswith(".xhtml"))
        page = _laughs("html") + '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&lol9;</p></body></html>'
        yield Case("laughs.epub", _replaced(epub, chapter, page.encode("utf-16")), "xml bomb: EPUB chapter in UTF-16")
        docx = (SAMPLES / "library-report-ru.docx").read_bytes()
        with zipfile.ZipFile(io.BytesIO(docx)) as archive:
            document = archive.read("word/document.xml").decode("utf-8")
        bombed = _laughs("w:document") + document.split("?>", 1)[1]
        yield Case("laughs.docx", _replaced(docx, "word/document.xml", bombed.encode("utf-16")), "xml bomb: DOCX")


def pdf(streams: list[bytes], compress: bool = True) -> bytes:
    """A one-page-per-stream PDF whose pages' content streams are ``streams``, Flate-compressed here
    (or already, with ``compress=False``)."""
    count = len(streams)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode()]
    font = 3 + 2 * count
    for index, stream in enumerate(streams):
        body = zlib.compress(stream, 9) if compress else stream
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * index} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def _pdf_text(*lines: str) -> bytes:
    shown = "".join(f"({line}) Tj 0 -16 Td " for line in lines)
    return f"BT /F1 12 Tf 72 720 Td {shown}ET\n".encode()


def _pdf_bombs(full: bool) -> Iterator[Case]:
    text = _pdf_text("The library reads every book aloud.")
    yield Case("plain.pdf", pdf([text]), "pdf: control", words=6)
    yield Case("stream-bomb.pdf", pdf([_packed(text, 500)], compress=False), "pdf: compressed-stream bomb")
    if full:
        many = [_packed(text, 8)] * 60  # 8 MB each, 480 MB together
        yield Case("stream-bombs.pdf", pdf(many, compress=False), "pdf: many compressed streams")
        yield Case("shared-stream.pdf", _shared_stream_pdf(text), "pdf: one stream on two pages")


def _packed(text: bytes, megabytes: int) -> bytes:
    """``text`` and then ``megabytes`` MB of spaces, Flate-compressed a megabyte at a time."""
    packer = zlib.compressobj(9)
    out = [packer.compress(text)]
    out += [packer.compress(b" " * (1024 * 1024)) for _ in range(megabytes)]
    return b"".join(out) + packer.flush()


def _shared_stream_pdf(text: bytes) -> bytes:
    """Two pages with the same content stream object (pdfminer once failed with AssertionError: (None, None))."""
    single = pdf([text, text])
    return single.replace(b"/Contents 6 0 R", b"/Contents 4 0 R")


def _paragraphs(middle: str) -> str:
    return f"<html><body><p>First paragraph here.</p>{middle}<p>Last paragraph here.</p></body></html>"


def _nesting(full: bool) -> Iterator[Case]:
    for depth in (250, 300, 3000) if full else (250, 300):
        inner = "<div>" * depth + "<p>Middle paragraph deep.</p>" + "</div>" * depth
        yield Case(f"divs{depth}.html", _paragraphs(inner).encode(), "nesting: divs", words=9)
    if full:
        spans = "<p>" + "<span>" * 3000 + "Middle paragraph deep." + "</span>" * 3000 + "</p>"
        yield Case("spans3000.html", _paragraphs(spans).encode(), "nesting: spans", words=9)
        sections = "<section>" * 300 + "<p>Deep.</p>" + "</section>" * 300
        fb2 = f'<?xml version="1.0"?><FictionBook xmlns="{FB2_NS}"><body>{sections}</body></FictionBook>'
        yield Case("sections300.fb2", fb2.encode(), "nesting: FB2 sections")
    deep = '{"schema": 1, "chapters": ' + "[" * 100_000 + "]" * 100_000 + "}"
    yield Case("deep.json", deep.encode(), "nesting: JSON")


def _storms(full: bool) -> Iterator[Case]:
    for count in (20_000, 200_000) if full else (20_000,):
        attributes = " ".join(f'a{i}="x"' for i in range(count))
        page = f"<html><body><p {attributes}>Hello storm text.</p></body></html>"
        yield Case(f"attributes{count}.html", page.encode(), "attribute storm", words=3 if count <= 20_000 else 0)


def _long_lines(full: bool) -> Iterator[Case]:
    size = 10 * 1024 * 1024 if full else 2 * 1024 * 1024
    yield Case(f"line{size >> 20}mb.txt", b"a" * size, "long line: TXT without a space", words=1)
    if full:
        yield Case("line10mb.html", _paragraphs(f"<p>{'a' * size}</p>").encode(), "long line: HTML", words=7)
        yield Case("nul-lines.txt", b"Text with a NUL.\x00\n" * 1000, "nul bytes: TXT")


def png(width: int, height: int, rows: bytes | None = None) -> bytes:
    """A greyscale PNG of ``width`` × ``height`` pixels (the pixel data only as long as ``rows``)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(rows if rows is not None else bytes((width + 1) * height), 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def _images(full: bool) -> Iterator[Case]:
    yield Case("bomb-50000.png", png(50_000, 50_000, b""), "image: decompression bomb (declared size)")
    if full:
        yield Case("bomb-10000.png", png(10_000, 10_000), "image: decompression bomb (100 million zero pixels)")


# --- the runner -----------------------------------------------------------------------------


COMMANDS = ("inspect", "convert")


def run(case: Case, command: str, folder: Path) -> Run:
    """``case`` through ``accessreader COMMAND`` in its own process, watched for time and memory."""
    path = folder / case.name
    path.write_bytes(case.data)
    if command == "convert":
        args = ["convert", str(path), "--to", "brf", "-o", str(folder / "out")]
    else:
        args = ["inspect", "--json", str(path)]
    env = {k: v for k, v in os.environ.items() if k != "ACCESSREADER_DEBUG"}
    env |= {"ACCESSREADER_READ_SECONDS": str(READ_SECONDS), "ACCESSREADER_READ_MEMORY_MB": str(READ_MEMORY_MB)}
    usage = folder / "usage"
    usage.unlink(missing_ok=True)
    launcher = [sys.executable, "-c", _LAUNCHER, str(usage), sys.executable, "-m", "accessreader", "--lang", "en"]
    started = time.monotonic()
    # a session of its own: a timeout kills the command and everything it started
    process = subprocess.Popen([*launcher, *args], cwd=ROOT, env=env, stdout=PIPE, stderr=PIPE, start_new_session=True)
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        out, err = b"", b""
    seconds = time.monotonic() - started
    path.unlink()
    stdout, stderr = out.decode(errors="replace"), err.decode(errors="replace")
    timed_out = not usage.exists()
    peak = 0.0 if timed_out else int(usage.read_text()) / 1024
    outcome = "timeout" if timed_out else _outcome(case, command, process.returncode, stdout, stderr, peak)
    message = stderr.strip().splitlines()[-1] if stderr.strip() else ""
    return Run(case.name, command, outcome, process.returncode, seconds, peak, message[:300])


#: Runs the command as its child and writes the child's peak RSS (KB, with every process it
#: waited for) to a file: measured from a fresh small process, so the runner's own size does
#: not count (a forked child starts with its parent's peak).
_LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
open(sys.argv[1], "w").write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status) % 256)
"""


def _outcome(case: Case, command: str, code: int, stdout: str, stderr: str, peak: float) -> str:
    if "Traceback" in stderr or "Traceback" in stdout:
        return "traceback"
    if peak > MEMORY_BUDGET_MB:
        return "memory"
    if code == 2:
        lines = stderr.strip().splitlines()
        return "refused" if len(lines) == 1 and lines[0].startswith("accessreader: ") else "exit"
    if code != 0:
        return "exit"
    if command == "inspect" and case.words:
        words = json.loads(stdout.splitlines()[0])["words"]
        if words < case.words:
            return "lost"
    return "ok"


__all__ = ["COMMANDS", "FAILURES", "Case", "Run", "corpus", "pdf", "png", "run"]
