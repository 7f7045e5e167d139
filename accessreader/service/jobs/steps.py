"""The work of each step of a conversion job, in the job's work folder ``data/work/<job>/``.

    prepare      read the source: its first chapters (up to the first with text), languages decided,
                 go to the ``Publisher`` at once as a preview (readable online), then the rest
                 → document.json; plan parts of N chapters (and speaking steps); a book that is a
                 title already in the catalog joins it (its preview goes) and the job ends here
    part-A-B     braille of chapters A…B-1 (cells, no position maps; on worker processes, so the
                 service's pages keep this process's interpreter) → part-A-B.pickle       (any worker)
    assemble     the parts' braille → ``convert.convert`` (the same writer as the command) writes
                 every format whole in out/ → each handed to the ``Publisher`` (the catalog)
  with ``ACCESSREADER_AUDIO=yes``, once the braille is published (stage "speaking"):
    speak-A-B    chapters A…B-1 spoken → speak-A-B/ (MP3, Opus, timings), whole or absent (any worker)
    audio        every speak-A-B folder handed to the ``Publisher`` at once

Steps run at a lower CPU priority (``STEP_NICE``, per thread, and the processes they start), so
that the service's pages, in the same process under ``accessreader serve``, come first on a
busy machine (``benchmarks/upload_first_page.py``: pages while a 5 MB book converts).

Speech formats asked for as outputs (mp3, opus, m4b, daisy, epub3) are written by
``assemble`` with the braille; a format that ``convert`` writes as a folder (mp3,
opus, daisy) is published as one ZIP of it.  Braille code and page size are the
settings' (``ACCESSREADER_GRADES``, ``_DOTS``, ``_CELLS``, ``_LINES``).
"""

from __future__ import annotations

import logging
import os
import pickle
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ... import atomic, content, convert, processes
from ...braille import Code, Layout, parse_grades
from ...braille.translate import Braille, main_language, translate_block
from ...errors import AccessReaderError, BadOption
from ...messages import translate
from ...model import Document
from ...settings import SETTINGS, Settings
from ...tts.outputs import speech_options
from ...tts.script import speech_script
from .. import audiobook
from .state import (
    ASSEMBLE,
    AUDIO,
    PART,
    PREPARE,
    READING,
    SPEAK,
    WRITING,
    Progress,
    State,
    chapters,
    kind_of,
    step_name,
)

log = logging.getLogger(__name__)

#: Speech formats that ``convert`` writes as a folder: published as one ZIP file of it.
ZIPPED = (convert.MP3, convert.OPUS, convert.DAISY)
#: The error code of a step that failed on a bug (kept on the job, and logged with its traceback).
BUG = "error"
#: The message of a step that could not read or write the data folder (vanished, read-only, full).
CANNOT_WRITE = "cannot_write"


#: The message codes of a job whose book joined a title already in the catalog, by what matched.
JOINED = {kind: f"job_joined_{kind}" for kind in ("isbn", "id", "text", "title")}


@dataclass(frozen=True)
class SameWork:
    """The book a job read is a title already in the catalog, which its source joined."""

    title: int
    name: str  # that title's name
    matched: str  # what showed it: "isbn", "id", "text" or "title" (``JOINED``)


class Publisher(Protocol):
    """Where a job's results go: the catalog (``library.CatalogPublisher``)."""

    def preview(self, title: int, document: Document) -> None:
        """The first chapters are read (``content.finish.preview``): readable while the rest is read."""

    def started(self, title: int, document: Document) -> SameWork | None:
        """The source was read: ``document`` gives the title's metadata; conversion begins; or, when
        the book is a title already in the catalog, its source joined that one (``SameWork``)."""

    def publish(self, title: int, fmt: str, file_name: str, path: Path) -> None:
        """A whole output file at ``path``: move it into place as the title's format ``fmt``."""

    def publish_audio(self, title: int, parts: list[Path]) -> None:
        """Whole spoken parts (folders made by ``audiobook.speak_chapters``): put them in place together."""

    def finished(self, title: int) -> None:
        """Every format was published."""

    def failed(self, title: int, message: str) -> None:
        """The job failed with ``message`` (English; the job keeps the code for other languages)."""


def conversion_options(settings: Settings) -> convert.Options:
    """The braille code, page size and voices of the settings; raises ``BadOption`` naming the setting."""
    try:
        code = Code(parse_grades(settings.grades), settings.dots)
    except BadOption as error:
        raise BadOption(**{**error.params, "option": SETTINGS["grades"].env}) from None
    try:
        layout = Layout(settings.cells, settings.lines)
    except BadOption as error:
        name = "cells" if error.params.get("option") == "--cells" else "lines"
        raise BadOption(**{**error.params, "option": SETTINGS[name].env}) from None
    return convert.Options(code=code, layout=layout, speech=speech_options(settings.voices))


class Steps:
    """Runs one step of one job: ``run(job, step)``; ``queue(job, step)`` puts the steps that follow on the queue."""

    def __init__(
        self,
        state: State,
        publisher: Publisher,
        settings: Settings,
        queue: Callable[[str, str], None],
    ) -> None:
        self.state = state
        self.publisher = publisher
        self.settings = settings
        self.data = Path(settings.data)
        self.queue = queue
        self.options = conversion_options(settings)

    def run(self, job: str, step: str) -> None:
        """One step of one job, as a queue task; a step already taken by another worker is skipped."""
        if not self.state.claim(job, step):
            return
        _yield_to_pages()
        progress = Progress(self.state, job, step)
        kinds = {PREPARE: self._prepare, PART: self._part, ASSEMBLE: self._assemble, SPEAK: self._speak,
                 AUDIO: self._audio}  # fmt: skip
        try:
            kinds[kind_of(step)](job, step, progress)
        except AccessReaderError as error:
            self.fail(job, error.code, {k: str(v) for k, v in error.params.items()})
            return
        except OSError as error:  # the data folder vanished, went read-only or is full: say where; go on
            log.warning("job %s step %s: %s", job, step, error)
            self.fail(job, CANNOT_WRITE, {"path": str(error.filename or self.data), "reason": error.strerror or ""})
            return
        except Exception as error:  # a bug: keep it on the job, and in the log with its context
            log.exception("job %s step %s failed", job, step)
            self.fail(job, BUG, {"detail": f"{type(error).__name__}: {error}"})
            return
        for name in self.state.step_done(job, step, progress.done):
            self.queue(job, name)

    def fail(self, job: str, code: str, params: dict[str, str]) -> None:
        """Give the job up with the message ``code``: tell the publisher, drop the work folder."""
        self.publisher.failed(self.state.row(job).title, translate(code, "en", **params))
        self.state.fail(job, code, params)
        shutil.rmtree(self.work(job), ignore_errors=True)

    def work(self, job: str) -> Path:
        return self.data / "work" / job

    # ── the steps ───────────────────────────────────────────────────────────

    def _prepare(self, job: str, step: str, progress: Progress) -> None:
        row = self.state.row(job)
        self.state.set_stage(job, READING)
        preview = lambda first: self.publisher.preview(row.title, first)  # noqa: E731
        budget = content.Budget.from_settings(self.settings)
        document = content.read_bounded((self.data / row.source).read_bytes(), row.name, budget=budget, first=preview)
        convert.prepare(document, row.formats, self.options)
        same = self.publisher.started(row.title, document)
        if same is not None:  # not converted again: the title it joined has its formats
            params = {"name": row.name, "title": str(same.title), "title_name": same.name}
            self.state.end_early(job, same.title, JOINED[same.matched], params)
            shutil.rmtree(self.work(job), ignore_errors=True)
            return
        atomic.write_bytes(self.work(job) / "document.json", document.to_json().encode())
        size = max(1, self.settings.chapters_per_part)
        count = len(document.chapters)
        ranges = [(first, min(first + size, count)) for first in range(0, count, size)]
        braille = any(name in convert.FORMATS for name in row.formats)
        parts = [step_name(PART, first, last) for first, last in ranges] if braille else []
        blocks = sum(1 for _ in document.blocks()) if braille else 0
        spoken = [name for name in row.formats if name in convert.SPEECH_FORMATS]
        speech, sentences, said = [], 0, 0
        if self.settings.audio or spoken:
            script = speech_script(document)
            said = sum(1 for u in script if u.last)
        if self.settings.audio:  # planned now, queued once the braille is published
            spoken_chapters = {u.locator.chapter for u in script}
            speech = [step_name(SPEAK, a, b) for a, b in ranges if spoken_chapters.intersection(range(a, b))]
            sentences = said
        total = blocks + len(row.formats) + (said if spoken else 0) + sentences
        self.state.plan(job, parts, speech, total, sentences)
        for part in parts:
            self.queue(job, part)

    def _part(self, job: str, step: str, progress: Progress) -> None:
        document = self.document(job)
        first, last = chapters(step)
        lang = main_language(document)
        mine = [block for chapter in document.chapters[first:last] for block in chapter.blocks]
        # Cells only (the pages need no position maps), on worker processes: this process (the service's,
        # with its pages) keeps its interpreter for them; a short part is done here (``processes.SMALL``).
        weight = lambda block: len(block.text)  # noqa: E731
        args = (self.options.code, lang, False)
        blocks = processes.map_in_order(translate_block, mine, args, processes.default_workers(), weight, progress)
        atomic.write_bytes(self.work(job) / f"{step}.pickle", pickle.dumps(blocks))

    def _assemble(self, job: str, step: str, progress: Progress) -> None:
        row = self.state.row(job)
        self.state.set_stage(job, WRITING)
        document = self.document(job)
        parts = sorted(self.state.named(job, PART), key=lambda name: chapters(name)[0])
        blocks = []
        for part in parts:
            blocks += pickle.loads((self.work(job) / f"{part}.pickle").read_bytes())
        braille = Braille(blocks, main_language(document), self.options.code) if parts else None
        spoken = 0

        def speaking(done: int, total: int) -> None:
            nonlocal spoken
            progress(done - spoken)
            spoken = done

        folder = self.work(job) / "out"
        written = convert.convert(
            document, row.stem, row.formats, folder, self.options, progress, speaking, braille=braille
        )
        for name, path in zip(row.formats, written.paths, strict=True):
            file_name, file = _deliverable(name, row.stem, path, folder)
            self.publisher.publish(row.title, name, file_name, file)
            if name in convert.SPEECH_FORMATS:
                progress(1)  # a braille file was counted when written
        if not self.state.named(job, SPEAK):
            self._end(job)

    def _speak(self, job: str, step: str, progress: Progress) -> None:
        first, last = chapters(step)
        audiobook.speak_chapters(
            self.document(job), self.work(job) / step, self.options.speech,
            lambda done, total: progress(done - progress.done), range(first, last),
        )  # fmt: skip

    def _audio(self, job: str, step: str, progress: Progress) -> None:
        parts = [self.work(job) / name for name in self.state.named(job, SPEAK)]
        self.publisher.publish_audio(self.state.row(job).title, parts)
        self._end(job)

    def _end(self, job: str) -> None:
        """Everything is published: tell the publisher, drop the work folder."""
        self.publisher.finished(self.state.row(job).title)
        shutil.rmtree(self.work(job), ignore_errors=True)

    def document(self, job: str) -> Document:
        return Document.from_json((self.work(job) / "document.json").read_text(encoding="utf-8"))


#: The nice value of the threads that run steps (and the processes they start): on a busy machine, the
#: service's pages in the same process come first, and the job takes what they leave.
STEP_NICE = 10


def _yield_to_pages() -> None:
    """Lower this thread's CPU priority to ``STEP_NICE`` (Linux: per thread; inherited by the reading and
    translating processes it starts), once; where the system does not let us, nothing changes."""
    thread = threading.get_native_id()
    try:
        if os.getpriority(os.PRIO_PROCESS, thread) < STEP_NICE:
            os.setpriority(os.PRIO_PROCESS, thread, STEP_NICE)
    except OSError:
        pass


def _deliverable(name: str, stem: str, path: Path, folder: Path) -> tuple[str, Path]:
    """The file to publish for format ``name`` that ``convert`` wrote at ``path``, and its file name:
    the file itself, or a ZIP of a speech format's folder (``folder/<stem>/<name>/``)."""
    if name not in ZIPPED:
        return path.name, path
    archive = Path(shutil.make_archive(str(folder / f"{stem}.{name}"), "zip", root_dir=folder / stem / name))
    return archive.name, archive
