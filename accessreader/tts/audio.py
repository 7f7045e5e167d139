"""Audio encoding: PCM streamed into MP3, Opus or AAC files, chapter tags, one M4B.

    synthesis.py --pcm blocks--> Encoder.write ... Encoder.close --> 001.mp3 / 001.opus / 001.aac
    outputs.py   --files, tags--> tag_file (mutagen) ; make_m4b (ffmpeg, ffmetadata chapters)

Every encoder is an external program reading raw 16-bit mono PCM on its standard
input, so encoding runs in its own process beside the synthesis that feeds it and
memory stays flat whatever the chapter's length:

- ``mp3``: LAME (``lame -q 7``, constant bitrate, mono) at 56 kbit/s: at
  espeak-ng's 22,050 Hz, 56 is the lowest bitrate whose frames hold LAME's gapless
  tag (measured: at 48 it is silently left out and decoders start 1,105 samples
  late), and with the tag decoders give back exactly the PCM's samples, so
  timings taken from PCM lengths stay exact (lameenc from PyPI, measured as fast
  at equal quality, writes no such tag: its files decode 1,620 samples long);
- ``opus``: opusenc (``--comp 5``: four times faster than its default 10 here, see
  ``benchmarks/speech_encoders.py``);
- ``aac``: ffmpeg's AAC encoder writing ADTS, the pieces an M4B is joined from.
"""

from __future__ import annotations

import errno
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..errors import AudioFailed, DiskFull, MissingDependency

#: Codec → file suffix of one chapter's audio.
SUFFIXES = {"mp3": ".mp3", "opus": ".opus", "aac": ".aac"}
#: Debian package holding each program.
PACKAGES = {"lame": "lame", "opusenc": "opus-tools", "ffmpeg": "ffmpeg", "ffprobe": "ffmpeg"}


@dataclass(frozen=True)
class Bitrates:
    """Speech bitrates in kbit/s (mono)."""

    mp3: int = 56
    opus: int = 24
    aac: int = 48


def encoder_command(codec: str, path: Path, sample_rate: int, bitrates: Bitrates = Bitrates()) -> list[str]:
    """The command line that reads raw PCM on stdin and writes ``path`` in ``codec``."""
    if codec == "mp3":
        return [
            "lame", "--quiet", "-r", "-s", f"{sample_rate / 1000:g}", "--bitwidth", "16", "--signed",
            "--little-endian", "-m", "m", "--cbr", "-b", str(bitrates.mp3), "-q", "7", "-", str(path),
        ]  # fmt: skip
    if codec == "opus":
        return [
            "opusenc", "--quiet", "--raw", "--raw-rate", str(sample_rate), "--raw-chan", "1",
            "--raw-bits", "16", "--bitrate", str(bitrates.opus), "--comp", "5", "--speech", "-", str(path),
        ]  # fmt: skip
    if codec == "aac":
        return [
            "ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "s16le", "-ar", str(sample_rate), "-ac", "1",
            "-i", "-", "-c:a", "aac", "-aac_coder", "fast", "-b:a", f"{bitrates.aac}k", "-f", "adts", str(path),
        ]  # fmt: skip
    raise ValueError(f"unknown codec {codec!r}")


class Encoder:
    """One encoder process: ``write`` PCM blocks, then ``close`` to finish the file."""

    def __init__(self, codec: str, path: Path, sample_rate: int, bitrates: Bitrates = Bitrates()) -> None:
        self.codec = codec
        self.path = path
        command = encoder_command(codec, path, sample_rate, bitrates)
        self._errors: IO[bytes] = tempfile.TemporaryFile()
        try:
            self._process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=self._errors
            )
        except FileNotFoundError as error:
            self._errors.close()
            raise MissingDependency(what=command[0], install=f"apt-get install {PACKAGES[command[0]]}") from error

    def write(self, pcm: bytes) -> None:
        """Feed PCM; blocks while the encoder is busy, which keeps memory flat."""
        try:
            self._process.stdin.write(pcm)
        except BrokenPipeError:
            self._fail()

    def close(self) -> None:
        """Finish the file; raises ``AudioFailed`` if the encoder did not succeed."""
        try:
            self._process.stdin.close()
        except BrokenPipeError:
            pass
        if self._process.wait() != 0:
            self._fail()
        self._errors.close()

    def abort(self) -> None:
        """Stop the encoder without finishing the file."""
        self._process.kill()
        self._process.wait()
        self._errors.close()

    def _fail(self) -> None:
        self._process.kill()
        self._process.wait()
        self._errors.seek(0)
        said = self._errors.read().decode(errors="replace").strip()
        self._errors.close()
        if _disk_full(self.path):  # lame then says only "Error writing mp3 output", after an unrelated warning
            raise DiskFull(path=self.path)
        raise AudioFailed(program=self._process.args[0], detail=said[-300:] or f"exit code {self._process.returncode}")


def _disk_full(path: Path) -> bool:
    """True when writing to ``path`` fails for want of space (tried with a few bytes, then taken back)."""
    try:
        with open(path, "ab", buffering=0) as file:
            size = file.tell()
            try:
                file.write(bytes(65536))
            except OSError as error:
                return error.errno == errno.ENOSPC
            if path.is_file():
                file.truncate(size)
    except OSError:
        pass
    return False


@dataclass(frozen=True)
class Tags:
    """What a chapter file says about itself."""

    title: str
    album: str
    author: str
    track: int
    tracks: int
    language: str


def tag_file(path: Path, tags: Tags) -> None:
    """Write ``tags`` into an MP3 (ID3v2) or Opus (Vorbis comments) file."""
    if path.suffix == ".mp3":
        from mutagen.id3 import ID3, TALB, TIT2, TLAN, TPE1, TRCK

        id3 = ID3()
        id3.add(TIT2(encoding=3, text=tags.title))
        id3.add(TALB(encoding=3, text=tags.album))
        id3.add(TPE1(encoding=3, text=tags.author))
        id3.add(TRCK(encoding=3, text=f"{tags.track}/{tags.tracks}"))
        id3.add(TLAN(encoding=3, text=_iso639_2(tags.language)))
        id3.save(str(path))
    elif path.suffix == ".opus":
        from mutagen.oggopus import OggOpus

        opus = OggOpus(str(path))
        opus["title"] = tags.title
        opus["album"] = tags.album
        opus["artist"] = tags.author
        opus["tracknumber"] = str(tags.track)
        opus["tracktotal"] = str(tags.tracks)
        opus["language"] = tags.language
        opus.save()
    else:
        raise ValueError(f"cannot tag {path.name}")


def _iso639_2(code: str) -> str:
    """ID3's TLAN wants three letters."""
    return {"kk": "kaz", "ru": "rus", "en": "eng"}.get(code, code)


def aac_seconds(path: Path, sample_rate: int) -> float:
    """The length of an ADTS AAC file, from its frame count (1,024 samples a frame)."""
    data = path.read_bytes()
    frames = position = 0
    while position + 7 <= len(data) and data[position] == 0xFF and data[position + 1] & 0xF0 == 0xF0:
        size = ((data[position + 3] & 0x03) << 11) | (data[position + 4] << 3) | (data[position + 5] >> 5)
        if size < 7:
            break
        frames += 1
        position += size
    return frames * 1024 / sample_rate


@dataclass(frozen=True)
class Mark:
    """One chapter mark of an M4B."""

    title: str
    start: float
    end: float


def make_m4b(pieces: list[Path], marks: list[Mark], title: str, author: str, language: str, out: Path) -> None:
    """Join ADTS AAC ``pieces`` into one M4B at ``out`` with chapter ``marks`` and book metadata."""
    folder = out.parent
    joined = folder / "joined.aac"  # ADTS frames join byte for byte; timestamps stay continuous
    with joined.open("wb") as target:
        for piece in pieces:
            with piece.open("rb") as source:
                shutil.copyfileobj(source, target)
    metadata = folder / "metadata.txt"
    lines = [";FFMETADATA1", f"title={_ffescape(title)}", f"artist={_ffescape(author)}",
             f"album={_ffescape(title)}", "genre=Audiobook", f"language={_iso639_2(language)}"]  # fmt: skip
    for mark in marks:
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={round(mark.start * 1000)}",
                  f"END={round(mark.end * 1000)}", f"title={_ffescape(mark.title)}"]  # fmt: skip
    metadata.write_text("\n".join(lines) + "\n", encoding="utf-8")
    command = [
        "ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "aac", "-i", str(joined),
        "-i", str(metadata), "-map", "0:a", "-map_metadata", "1", "-map_chapters", "1",
        "-c", "copy", "-f", "mp4", "-movflags", "+faststart", str(out),
    ]  # fmt: skip
    try:
        result = subprocess.run(command, capture_output=True)
    except FileNotFoundError as error:
        raise MissingDependency(what="ffmpeg", install="apt-get install ffmpeg") from error
    finally:
        joined.unlink(missing_ok=True)
        metadata.unlink(missing_ok=True)
    if result.returncode != 0:
        raise AudioFailed(program="ffmpeg", detail=result.stderr.decode(errors="replace").strip()[-300:])


def _ffescape(text: str) -> str:
    """Escape ffmetadata's special characters (= ; # \\ and newlines)."""
    for char in "\\=;#":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", " ")


def probe_seconds(path: Path) -> float:
    """The decoded length of an audio file in seconds, as ffprobe reports it."""
    try:
        result = subprocess.run(
            ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)],
            capture_output=True, text=True,
        )  # fmt: skip
    except FileNotFoundError as error:
        raise MissingDependency(what="ffprobe", install="apt-get install ffmpeg") from error
    if result.returncode != 0:
        raise AudioFailed(program="ffprobe", detail=result.stderr.strip()[-300:])
    return float(result.stdout.strip())
