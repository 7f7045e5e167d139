"""Conversion: one Document into the output formats a reader asked for.

    convert(document, stem, ["brf", "pef", "ubrl"], folder, Options)
        ──Job (translation and pages made once, shared)──▶ FORMATS[name].write(job, target)
        ──atomic──▶ folder/<stem>.brf, <stem>.pef, <stem>.ubrl.txt

``FORMATS`` is the registry: a name → ``Format(suffix, write, describe)``.  A
writer returns the file's bytes (written atomically here) or ``None`` when it
wrote ``target`` itself through ``atomic.replacing`` (a folder of audio, say).
Speech formats are added as entries the same way.

Everything that can be refused (an unknown format, a grade with no table, a
missing table, 8-dot braille in BRF) is checked before the first file is
written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable

from . import atomic
from .braille import brf, pef, unicode_text
from .braille.layout import Layout, Pages, paginate
from .braille.pef import Binding
from .braille.tables import LANGUAGES, Code, check
from .braille.translate import Braille, Problem, main_language, translate_document
from .errors import BadOption, SixDotsOnly
from .model import PAGE_MARKER, Document

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Options:
    """What the reader chose: braille code, page size, binding."""

    code: Code = field(default_factory=Code)
    layout: Layout = field(default_factory=Layout)
    binding: Binding = field(default_factory=Binding)


class Job:
    """One conversion of one Document; its braille and pages are made once, when a writer first asks."""

    def __init__(self, document: Document, options: Options, progress: Progress | None = None) -> None:
        self.document = document
        self.options = options
        self.progress = progress

    @cached_property
    def braille(self) -> Braille:
        return translate_document(self.document, self.options.code, self.progress)

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
    "brf": Format(".brf", lambda job, target: brf.write(job.pages), six_dots_only=True),
    "pef": Format(".pef", lambda job, target: pef.write(job.pages, job.document.metadata, job.options.binding)),
    "ubrl": Format(".ubrl.txt", lambda job, target: unicode_text.write(job.braille)),
}


def parse_formats(text: str) -> list[str]:
    """``"brf,pef"`` → ``["brf", "pef"]``; raises ``BadOption`` for a name not in ``FORMATS``."""
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in FORMATS]
    if unknown or not names:
        raise BadOption(option="--to", value=",".join(unknown) or "''", choices=", ".join(FORMATS))
    return list(dict.fromkeys(names))


def prepare(document: Document, formats: list[str], options: Options) -> None:
    """Refuse now what would fail later: 8-dot BRF, a language without tables, a missing table."""
    if options.code.dots == 8 and any(FORMATS[name].six_dots_only for name in formats):
        raise SixDotsOnly()
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
) -> Converted:
    """Write ``folder/<stem><suffix>`` for each format; the paths come back in the order asked.

    ``progress(n)`` hears of each block translated and each file written.
    Raises ``BadOption`` / ``MissingDependency`` before writing anything when
    the request cannot be met; a file is either whole or not there.
    """
    prepare(document, formats, options)
    job = Job(document, options, progress)
    written = []
    for name in formats:
        target = Path(folder) / f"{stem}{FORMATS[name].suffix}"
        data = FORMATS[name].write(job, target)
        if data is not None:
            atomic.write_bytes(target, data)
        written.append(target)
        if progress:
            progress(1)
    problems = job.braille.problems if "braille" in job.__dict__ else []
    return Converted(written, problems)
