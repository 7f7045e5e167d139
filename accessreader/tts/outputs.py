"""Speech output formats for ``accessreader convert``: one writer per format, written atomically.

    WRITERS[fmt](document, out_dir, options, progress) -> Path
        fmt       mp3 | opus | m4b | daisy | epub3
        out_dir   the folder for this format, ``DIR/<stem>/<fmt>``; it is built under a
                  temporary name beside it and renamed into place only when whole
                  (an older one is replaced); nothing is left behind on failure
        options   a :class:`~accessreader.tts.synthesis.SpeechOptions`
                  (:func:`speech_options` builds one from ``--voice`` and ``--rate``)
        progress  ``progress(sentences_done, sentences_total)``, called while speaking
        returns   the main thing written: the folder of chapter files (mp3, opus),
                  ``<stem>.m4b``, ``ncc.html`` (daisy) or ``<stem>.epub``

Chapters longer than about 15 minutes are split first (``chapters.plan``: at headings,
else at paragraphs), and every track is titled "Глава 3: …" / "Chapter 3: …" / "3-тарау: …".

:func:`write_all` makes several formats (``{format: out_dir}``) from ONE synthesis
(each chapter is spoken once and fed to every encoder the formats need); convert should call it when more
than one speech format is asked for.  Raises ``EmptyFile`` for a book with nothing
to speak, ``UnknownVoice``, ``MissingDependency`` and ``AudioFailed``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from ..errors import EmptyFile
from ..model import Document
from .audio import Mark, Tags, aac_seconds, make_m4b, tag_file
from .chapters import plan, track_title
from .cover import cover_image
from .daisy import write_daisy
from .engines import DEFAULT_ENGINE, book_voices, parse_voices, voice_for
from .epub3 import write_epub3
from .script import speech_script
from .synthesis import ChapterAudio, Progress, SpeechOptions, render

FORMATS = ("mp3", "opus", "m4b", "daisy", "epub3")
#: The chapter encodings each format is made from.
CODECS = {"mp3": "mp3", "opus": "opus", "m4b": "aac", "daisy": "mp3", "epub3": "mp3"}


def speech_options(voices: str = "", rate: int | None = None, engine: str = DEFAULT_ENGINE,
                   workers: int | None = None) -> SpeechOptions:  # fmt: skip
    """Options from the CLI's ``--voice kk=…,ru=rhvoice:anna`` and ``--rate N`` (words per minute).

    The voices start from a talking book's (:func:`~accessreader.tts.engines.book_voices`:
    RHVoice for Russian and English where it is installed, espeak-ng for the rest).
    """
    options = SpeechOptions(engine=engine, voices=book_voices(parse_voices(voices), rate))
    if workers:
        options.workers = workers
    return options


def write_all(document: Document, targets: dict[str, Path], options: SpeechOptions | None = None,
              progress: Progress = lambda d, t: None) -> dict[str, Path]:  # fmt: skip
    """Write each format of ``targets`` (format → its ``out_dir``) from one synthesis.

    Returns, per format, the main thing written (see the module docstring).
    """
    options = options or SpeechOptions()
    unknown = [f for f in targets if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown speech formats: {', '.join(unknown)}")
    main = next(iter(document.metadata.languages), "ru")
    document = plan(document, voice_for(options.voices, main).rate)  # no chapter longer than ~15 minutes
    utterances = speech_script(document)
    if not utterances:
        raise EmptyFile(name=document.metadata.title)
    scratch_parent = next(iter(targets.values())).parent
    scratch_parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".speech-", dir=scratch_parent))
    try:
        audio = render(utterances, sorted({CODECS[f] for f in targets}), work, options, progress)
        return {fmt: _publish(out_dir, lambda folder, f=fmt: _BUILDERS[f](document, audio, folder))
                for fmt, out_dir in targets.items()}  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _writer(fmt: str) -> Callable[[Document, Path, SpeechOptions, Progress], Path]:
    def write(document: Document, out_dir: Path, options: SpeechOptions, progress: Progress) -> Path:
        return write_all(document, {fmt: out_dir}, options, progress)[fmt]

    write.__doc__ = f"Write the book as {fmt} into ``out_dir`` (see the module docstring)."
    return write


WRITERS: dict[str, Callable[[Document, Path, SpeechOptions, Progress], Path]] = {fmt: _writer(fmt) for fmt in FORMATS}


def _publish(final: Path, build: Callable[[Path], Path]) -> Path:
    """Run ``build`` on a temporary folder beside ``final``, then rename it to ``final``."""
    temporary = final.with_name(f".{final.name}.partial-{uuid.uuid4().hex[:8]}")
    temporary.mkdir(parents=True)
    try:
        made = build(temporary)
        old = final.with_name(f".{final.name}.old-{uuid.uuid4().hex[:8]}")
        if final.exists():
            os.rename(final, old)
        os.rename(temporary, final)
        shutil.rmtree(old, ignore_errors=True)
        return final / made.relative_to(temporary)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _stem(final: Path) -> str:
    """The book's file stem: the name of ``DIR/<stem>`` above the format folder."""
    return final.parent.name or "book"


def _chapter_tags(document: Document, audio: list[ChapterAudio]) -> list[Tags]:
    meta = document.metadata
    cover = cover_image(meta.title, ", ".join(meta.authors))  # the Document keeps no cover of its own
    tags = []
    for track, chapter in enumerate(audio, start=1):
        blocks = document.chapters[chapter.chapter].blocks
        counts = Counter(b.lang for b in blocks if b.lang not in ("und", "zxx"))
        language = counts.most_common(1)[0][0] if counts else (meta.languages or ["und"])[0]
        title = track_title(language, track, document.chapters[chapter.chapter].title, meta.title)
        tags.append(Tags(title, meta.title, ", ".join(meta.authors), track, len(audio), language, cover))
    return tags


def _chapter_files(codec: str) -> Callable[[Document, list[ChapterAudio], Path], Path]:
    def build(document: Document, audio: list[ChapterAudio], folder: Path) -> Path:
        playlist = ["#EXTM3U"]
        for chapter, tags in zip(audio, _chapter_tags(document, audio), strict=True):
            target = folder / chapter.files[codec].name
            shutil.copyfile(chapter.files[codec], target)
            tag_file(target, tags)
            playlist += [f"#EXTINF:{round(chapter.seconds)},{tags.title}", target.name]
        (folder / "playlist.m3u").write_text("\n".join(playlist) + "\n", encoding="utf-8")
        return folder

    return build


def _m4b(document: Document, audio: list[ChapterAudio], folder: Path) -> Path:
    meta = document.metadata
    marks, start = [], 0.0
    for chapter, tags in zip(audio, _chapter_tags(document, audio), strict=True):
        length = aac_seconds(chapter.files["aac"], chapter.sample_rate)
        marks.append(Mark(tags.title, start, start + length))
        start += length
    out = folder / f"{_stem(folder)}.m4b"
    language = (meta.languages or ["und"])[0]
    make_m4b([c.files["aac"] for c in audio], marks, meta.title, ", ".join(meta.authors), language, out)
    return out


def _epub3(document: Document, audio: list[ChapterAudio], folder: Path) -> Path:
    return write_epub3(document, audio, folder / f"{_stem(folder)}.epub")


_BUILDERS: dict[str, Callable[[Document, list[ChapterAudio], Path], Path]] = {
    "mp3": _chapter_files("mp3"),
    "opus": _chapter_files("opus"),
    "m4b": _m4b,
    "daisy": write_daisy,
    "epub3": _epub3,
}
