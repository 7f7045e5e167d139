"""Conversion: one Document into the output formats a reader asked for.

    convert(document, stem, ["brf", "pef", "ubrl", "mp3", "daisy"], folder, Options, braille=None)
        braille ──Job (translation and pages made once, shared)──▶ FORMATS[name].write(job, target)
                ──atomic──▶ folder/<stem>.brf, <stem>.pef, <stem>.ubrl.txt
        speech  ──tts.outputs.write_all (the book spoken once for all of them)──▶
                folder/<stem>/mp3/, opus/, <stem>.m4b, daisy/ncc.html, <stem>.epub

``FORMATS`` is the braille registry: a name → ``Format(suffix, write, describe)``;
``SPEECH_FORMATS`` are written by ``tts.outputs``, each folder atomically.
The command (``accessreader convert``) and the service's jobs both write through
``convert``; a job passes in the braille its parts translated (``braille=``).

Everything that can be refused (an unknown format, a grade with no table, a
missing table, 8-dot braille in BRF) is checked before the first file is
written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import atomic, processes
from .braille import brf, pef, unicode_text
from .braille.layout import Layout, Pages, paginate
from .braille.pef import Binding
from .braille.tables import LANGUAGES, Code, check
from .braille.translate import Braille, Problem, main_language, translate_document
from .errors import BadOption, SixDotsOnly
from .model import PAGE_MARKER, Document
from .tts.outputs import FORMATS as SPEECH_FORMATS
from .tts.synthesis import SpeechOptions

#: Names of the formats (``FORMATS`` and ``SPEECH_FORMATS``).
BRF, PEF, UBRL = "brf", "pef", "ubrl"
MP3, OPUS, M4B, DAISY, EPUB3 = SPEECH_FORMATS

Progress = Callable[[int], None]
#: ``speech_progress(sentences_done, sentences_total)`` while a book is spoken.
SpeechProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class Options:
    """What the reader chose: braille code, page size, binding; voices and rate; processes for braille."""

    code: Code = field(default_factory=Code)
    layout: Layout = field(default_factory=Layout)
    binding: Binding = field(default_factory=Binding)
    speech: SpeechOptions = field(default_factory=SpeechOptions)
    workers: int = field(default_factory=processes.default_workers)


class Job:
    """One conversion of one Document; its braille and pages are made once, when a writer first asks."""

    def __init__(
        self, document: Document, options: Options, progress: Progress | None = None, braille: Braille | None = None
    ) -> None:
        self.document = document
        self.options = options
        self.progress = progress
        self._given = braille

    @cached_property
    def braille(self) -> Braille:
        """``braille`` as given (translated elsewhere, e.g. by a job's parts), else the whole book translated now,
        without positions: the files need only the cells."""
        if self._given is not None:
            return self._given
        options = self.options
        return translate_document(self.document, options.code, self.progress, options.workers, positions=False)

    @cached_property
    def pages(self) -> Pages:
        return paginate(self.document, self.braille, self.options.layout)

    def steps(self) -> int:
        """How many progress steps translation takes (one per block)."""
        return sum(1 for _ in self.document.blocks())


@dataclass
class Converted:
    """What a conversion wrote, and the characters braille had to write with a fallback."""

    paths: list[Path]
    problems: list[Problem]


@dataclass(frozen=True)
class Format:
    """An output format: the file name ending, the writer, and whether it needs six dots."""

    suffix: str
    write: Callable[[Job, Path], bytes | None]
    six_dots_only: bool = False


FORMATS: dict[str, Format] = {
    BRF: Format(".brf", lambda job, target: brf.write(job.pages), six_dots_only=True),
    PEF: Format(".pef", lambda job, target: pef.write(job.pages, job.document.metadata, job.options.binding)),
    UBRL: Format(".ubrl.txt", lambda job, target: unicode_text.write(job.braille)),
}


def parse_formats(text: str, option: str = "--to") -> list[str]:
    """``"brf,mp3"`` → ``["brf", "mp3"]``; raises ``BadOption`` (naming ``option``) for a name that is no
    braille or speech format."""
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    known = [*FORMATS, *SPEECH_FORMATS]
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        raise BadOption(option=option, value=",".join(unknown) or "''", choices=", ".join(known))
    return list(dict.fromkeys(names))


def check_formats(formats: list[str], options: Options) -> None:
    """Refuse 8-dot braille in a six-dot format (BRF): ``SixDotsOnly``."""
    if options.code.dots == 8 and any(name in FORMATS and FORMATS[name].six_dots_only for name in formats):
        raise SixDotsOnly()


def prepare(document: Document, formats: list[str], options: Options) -> None:
    """Refuse now what would fail later: 8-dot BRF, a language without tables, a missing table."""
    check_formats(formats, options)
    if not any(name in FORMATS for name in formats) and formats:
        return  # speech only: no braille tables needed
    fallback = main_language(document)
    used = {
        block.lang if block.lang in LANGUAGES else fallback
        for _, block in document.blocks()
        if block.kind != PAGE_MARKER
    }
    used |= {span.value for _, block in document.blocks() for span in block.spans if span.value in LANGUAGES}
    check(options.code, sorted(used | {fallback}))


def convert(
    document: Document,
    stem: str,
    formats: list[str],
    folder: Path,
    options: Options = Options(),
    progress: Progress | None = None,
    speech_progress: SpeechProgress | None = None,
    *,
    braille: Braille | None = None,
) -> Converted:
    """Write each format asked for; the paths come back in the order asked.

    Braille formats go to ``folder/<stem><suffix>``; speech formats to
    ``folder/<stem>/<format>/`` (the path returned is the main file or folder).
    ``braille``, when given, is the book already translated with ``options.code``
    (by a job's parts) and is used as it is.
    ``progress(n)`` hears of each block translated and each braille file written,
    ``speech_progress(done, total)`` of the sentences spoken.  Raises ``BadOption``
    / ``MissingDependency`` before writing anything when the request cannot be
    met; a file or folder is either whole or not there.
    """
    from .tts.outputs import write_all

    prepare(document, formats, options)
    job = Job(document, options, progress, braille)
    written: dict[str, Path] = {}
    braille_formats = [name for name in formats if name in FORMATS]
    for name in braille_formats:
        target = Path(folder) / f"{stem}{FORMATS[name].suffix}"
        data = FORMATS[name].write(job, target)
        if data is not None:
            atomic.write_bytes(target, data)
        written[name] = target
        if progress:
            progress(1)
    speech = {name: Path(folder) / stem / name for name in formats if name in SPEECH_FORMATS}
    if speech:
        written |= write_all(document, speech, options.speech, speech_progress or (lambda done, total: None))
    problems = job.braille.problems if braille_formats else []
    return Converted([written[name] for name in formats], problems)
