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

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import atomic, processes
from .braille import brf, pef, unicode_text
from .braille.layout import Layout, Pages, Paginator, front_matter, paginate
from .braille.pef import Binding
from .braille.tables import LANGUAGES, Code, check
from .braille.translate import Braille, BrailleBlock, Problem, main_language, translate_block
from .content.finish import Finished, apply, checksum, declared_languages, fallback_of, finish, finish_block, settle
from .errors import BadOption, SixDotsOnly
from .language import KAZAKH_LATIN, load_lingua
from .model import PAGE_MARKER, Block, Document
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
    """One conversion of one Document; its braille and pages are made once, when a writer first asks.

    ``source`` (the bytes and name the Document was read from) makes ``document`` a draft
    (``content.draft``) that the job finishes for braille itself: each block's languages, spans
    and repaired text are found in the same worker task that translates it (one pool, no second
    round of the blocks between processes); its sentences are not split (no braille file needs
    them; ``content.finish`` finishes a draft whole).  ``streamed``:
    the BRF is the only braille asked for, so ``write_brf`` writes it page by page as the blocks
    are translated and the braille book is never held whole.
    """

    def __init__(
        self,
        document: Document,
        options: Options,
        progress: Progress | None = None,
        braille: Braille | None = None,
        *,
        source: tuple[bytes, str] | None = None,
        streamed: bool = False,
    ) -> None:
        self.document = document
        self.options = options
        self.progress = progress
        self._given = braille
        self._source = source
        self.streamed = streamed
        self._problems: list[Problem] | None = None

    @cached_property
    def braille(self) -> Braille:
        """``braille`` as given (translated elsewhere, e.g. by a job's parts), else the whole book translated now,
        without positions: the files need only the cells."""
        if self._given is not None:
            return self._given
        blocks: list[BrailleBlock] = []
        lang = self.each_block(blocks.append, blocks.clear)
        return Braille(blocks, lang, self.options.code)

    @cached_property
    def pages(self) -> Pages:
        return paginate(self.document, self.braille, self.options.layout)

    @property
    def problems(self) -> list[Problem]:
        """The characters braille had to write with a fallback."""
        return self._problems if self._problems is not None else self.braille.problems

    def each_block(self, each: Callable[[BrailleBlock], None], restart: Callable[[], None]) -> str:
        """``each(block)`` for every block in braille (no positions), in reading order as the workers
        translate; returns the book's main language.  A draft is finished on the way; when its main
        language, known only at the end, is not the one guessed (the first declared), the blocks
        translated with the guess (page markers, blocks in a language without tables: few) are
        translated again, and only if one comes out otherwise is ``restart()`` called and the
        blocks come again."""
        code, workers, document = self.options.code, self.options.workers, self.document
        blocks = [block for _, block in document.blocks()]
        weight = lambda block: len(block.text)  # noqa: E731
        if self._source is None:
            lang = main_language(document)
            args = (code, lang, False)
            processes.for_each_in_order(translate_block, blocks, each, args, workers, weight, self.progress)
            return lang
        data, name = self._source
        declared = declared_languages(document)
        guess = next((lang for lang in declared if lang in LANGUAGES), "en")
        order = iter(blocks)
        guessed: list[tuple[Block, BrailleBlock]] = []

        def done(result: tuple[tuple, BrailleBlock, bool]) -> None:
            finished, braille, by_guess = result
            block = next(order)
            apply(document, block, _unpacked(finished, block))
            if by_guess:
                guessed.append((block, braille))
            each(braille)

        args = (fallback_of(declared), code, guess)
        processes.for_each_in_order(
            finish_and_translate, blocks, done, args, workers, weight, self.progress, prepare=load_lingua
        )
        settle(document, checksum(data), name, declared)
        self._source = None
        lang = main_language(document)
        if lang == guess or all(
            _same_pages(translate_block(block, code, lang, False), made) for block, made in guessed
        ):
            return lang
        restart()
        return self.each_block(each, restart)

    def steps(self) -> int:
        """How many progress steps translation takes (one per block)."""
        return sum(1 for _ in self.document.blocks())

    def write_brf(self, target: Path) -> bytes | None:
        """The BRF file's bytes; or, ``streamed``, None once it is written to ``target`` (atomically) page
        by page as the blocks are translated, a page held at a time."""
        if not self.streamed or self._given is not None or "braille" in self.__dict__:
            return brf.write(self.pages)
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=Path(target).parent) as body:
            layout = self.options.layout
            problems: list[Problem] = []
            paginator = Paginator(self.document, layout, lambda page: body.write(brf.page_bytes(page)))

            def each(block: BrailleBlock) -> None:
                problems.extend(block.problems)
                paginator.add(block)

            def restart() -> None:
                nonlocal paginator
                body.seek(0)
                body.truncate()
                problems.clear()
                paginator = Paginator(self.document, layout, lambda page: body.write(brf.page_bytes(page)))

            lang = self.each_block(each, restart)
            paginator.finish()
            front = front_matter(self.document, self.options.code, lang, layout, paginator.starts, paginator.cells)
            self._problems = problems
            body.seek(0)
            with atomic.replacing(target) as temp:
                with temp.open("wb") as out:
                    out.writelines(brf.page_bytes(page) for page in front)
                    shutil.copyfileobj(body, out, 1 << 20)
                    out.flush()
                    os.fsync(out.fileno())
                temp.chmod(0o644)
        return None


def _same_pages(one: BrailleBlock, other: BrailleBlock) -> bool:
    """Whether the two translations of a block make the same pages and report the same problems."""
    return (one.cells, one.label, one.problems) == (other.cells, other.label, other.problems)


def finish_and_translate(block: Block, fallback: str, code: Code, lang: str) -> tuple[tuple, BrailleBlock, bool]:
    """A draft's block finished (``content.finish.finish_block``) and then translated without positions,
    with ``lang`` as the book's main language; and whether that language was used (a page marker,
    a block or run in a language with no tables)."""
    before = block.text
    lang_found, spans, _, text, repairs = finish_block(block, fallback, split=False)
    block.lang, block.spans, block.text = lang_found, spans, text
    by_guess = (
        block.kind == PAGE_MARKER
        or block.lang not in LANGUAGES
        or any(run not in LANGUAGES and run != KAZAKH_LATIN for _, _, run in block.lang_runs())
    )
    finished = (lang_found, spans, None if text == before else text, repairs)  # the text only when it changed
    return finished, translate_block(block, code, lang, False), by_guess


def _unpacked(finished: tuple, block: Block) -> Finished:
    """What ``finish_and_translate`` sent back as ``finish_block`` gives it."""
    lang, spans, text, repairs = finished
    return lang, spans, block.sentences, block.text if text is None else text, repairs


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
    BRF: Format(".brf", lambda job, target: job.write_brf(target), six_dots_only=True),
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
    source: tuple[bytes, str] | None = None,
) -> Converted:
    """Write each format asked for; the paths come back in the order asked.

    Braille formats go to ``folder/<stem><suffix>``; speech formats to
    ``folder/<stem>/<format>/`` (the path returned is the main file or folder).
    ``braille``, when given, is the book already translated with ``options.code``
    (by a job's parts) and is used as it is.  ``source`` (the bytes and name it was read
    from) says ``document`` is a draft (``content.draft``): a BRF alone is made from it in one
    pool of workers that find each block's languages and translate it, and the draft comes back
    finished for braille (languages, spans, repaired text; sentences not split, as no braille
    file needs them); for anything else it is finished first (``content.finish``), in place.
    ``progress(n)`` hears of each block translated and each braille file written,
    ``speech_progress(done, total)`` of the sentences spoken.  Raises ``BadOption``
    / ``MissingDependency`` before writing anything when the request cannot be
    met; a file or folder is either whole or not there.
    """
    from .tts.outputs import write_all

    braille_formats = [name for name in formats if name in FORMATS]
    streamed = braille is None and braille_formats == [BRF] and formats == [BRF]
    if source is not None and not streamed:
        finish(document, *source, options.workers)
        source = None
    if source is None:
        prepare(document, formats, options)
    else:  # its languages are found as it is translated: a language without tables is refused then
        check_formats(formats, options)
    job = Job(document, options, progress, braille, source=source, streamed=streamed)
    written: dict[str, Path] = {}
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
    problems = job.problems if braille_formats else []
    return Converted([written[name] for name in formats], problems)
