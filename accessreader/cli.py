"""The ``accessreader`` command: thin commands over the application layer.

Each command parses its options, calls the library, and formats the result.
A command imports what it uses inside itself, so that one command does not pay
for the others' modules (``accessreader read`` starts without the service's
database code, the server or the converters: ``python -X importtime -m accessreader read``).
User-facing failures (``errors.AccessReaderError``) become one line in the
user's language (``--lang`` or the locale) and exit code 2; nothing prints a
traceback unless ``ACCESSREADER_DEBUG`` is set.  Settings (``settings.py``) are read once,
in ``main``, with ``--max-size`` as an option over ``ACCESSREADER_MAX_FILE_MB``.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import socket
import sys
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .errors import AccessReaderError, AlreadyRegistered, DiskFull, NotFound, PortBusy, SecretsDiffer
from .messages import interface_language, translate
from .service.roles import ADMIN, READER, ROLES
from .settings import SETTINGS, Settings
from .tts.engines import MAX_RATE, MIN_RATE

if TYPE_CHECKING:
    from .content.safety import Limits
    from .model import Document
    from .service.people import Person


class _Group(click.Group):
    """Turns user-facing errors into one translated line and exit code 2.

    A full disk is one of them; a closed output pipe (``accessreader jobs | head``)
    ends the command quietly, as other Unix tools do.
    """

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BrokenPipeError:
            _quiet_stdout()
            ctx.exit(128 + signal.SIGPIPE)
        except Exception as error:
            if isinstance(error, OSError) and error.errno == errno.ENOSPC:
                if error.filename is None:  # standard output is what filled up
                    _quiet_stdout()
                error = DiskFull(path=error.filename or "stdout")
            lang = interface_language(ctx.meta.get("lang"))
            if isinstance(error, AccessReaderError):
                click.echo(f"accessreader: {error.message(lang)}", err=True)
                ctx.exit(error.exit_code)
            if getattr(ctx.meta.get("settings"), "debug", False):  # a bug: one line, details when debugging
                raise
            detail = f"{type(error).__name__}: {error}"
            click.echo(f"accessreader: {translate('error', lang, detail=detail)}", err=True)
            ctx.exit(1)


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush meets no closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


@click.group(cls=_Group)
@click.option("--lang", type=click.Choice(["kk", "ru", "en"]), help="Interface language (default: from the locale).")
@click.option(
    "--max-size",
    type=click.FloatRange(min=0, min_open=True),
    help=f"Refuse input files larger than this many MB (default {SETTINGS['max_file_mb'].default}; "
    f"env {SETTINGS['max_file_mb'].env}).",
)
@click.pass_context
def main(ctx: click.Context, lang: str | None, max_size: float | None) -> None:
    """AccessReader: catalog e-books as braille and speech."""
    ctx.meta["lang"] = lang
    settings = Settings.from_env(max_file_mb=max_size)
    ctx.meta["settings"] = settings


def _settings() -> Settings:
    """The settings ``main`` read (environment, then the group's options)."""
    return click.get_current_context().meta["settings"]


def _limits() -> Limits:
    """What an input file may be: the readers' limits, with the settings' largest file."""
    from .content.safety import DEFAULT_LIMITS

    return replace(DEFAULT_LIMITS, max_file_bytes=_settings().max_file_bytes)


def _read_book(path: str, limits: Limits, workers: int = 1) -> Document:
    """A file as a book, or a folder of scanned page images as one book (``library.read_path``)."""
    from .service.library import read_path

    return read_path(path, limits, workers, _progress)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per file.")
@click.pass_context
def inspect(ctx: click.Context, files: tuple[str, ...], as_json: bool) -> None:
    """Show a book's metadata, outline, languages, counts and warnings.

    FILES are books, or folders of scanned page images (PNG, JPEG, TIFF) read by OCR.
    """
    from .inspection import summarise

    lang = interface_language(ctx.meta.get("lang"))
    limits = _limits()
    for path in files:
        summary = summarise(_read_book(path, limits), lang)
        if as_json:
            click.echo(json.dumps(summary, ensure_ascii=False))
        else:
            click.echo(_format_summary(summary, path, lang))


def _format_summary(summary: dict, path: str, lang: str) -> str:
    t = lambda code, **p: translate(code, lang, **p)  # noqa: E731
    lines = [
        f"{path}",
        f"  {t('label_title')}: {summary['title']}",
        f"  {t('label_authors')}: {', '.join(summary['authors']) or '—'}",
        f"  {t('label_format')}: {summary['format']}",
        f"  {t('label_languages')}: " + ", ".join(f"{code} {count}" for code, count in summary["languages"].items()),
        f"  {t('label_counts', blocks=summary['blocks'], sentences=summary['sentences'], words=summary['words'], pages=summary['page_markers'])}",
        f"  {t('label_outline')}:",
    ]
    lines += [f"    {'  ' * (h['level'] - 1)}{h['text']}" for h in summary["headings"]]
    if summary["warnings"]:
        lines.append(f"  {t('label_warnings')}:")
        lines += [f"    {w}" for w in summary["warnings"]]
    return "\n".join(lines)


@main.command()
@click.argument("text", nargs=-1)
@click.option(
    "--lang", "text_lang", type=click.Choice(["kk", "ru", "en"]), help="Language of the text (default: detected)."
)
def normalize(text: tuple[str, ...], text_lang: str | None) -> None:
    """Print what the voice will say for TEXT (or standard input), one sentence a line."""
    from . import language, sentences
    from .tts.normalize import normalize as say

    written = " ".join(text) if text else click.get_text_stream("stdin").read()
    lang = text_lang or language.detect(written, hint="ru")
    for sentence in sentences.split(written.strip(), lang, lines=True):
        click.echo(say(written.strip()[sentence.start : sentence.end], lang))


def _book_stem(name: str) -> str:
    from . import content

    lowered = name.lower()
    for suffix in sorted(content.BOOK_SUFFIXES + (".json",), key=len, reverse=True):
        if lowered.endswith(suffix):
            return name[: -len(suffix)]
    return Path(name).stem


def _braille_options(grade: str, dots: str, cells: int = 40, lines: int = 25, sheets: int = 50, duplex: bool = True):
    from .braille import Binding, Code, Layout, parse_grades
    from .convert import Options

    return Options(Code(parse_grades(grade), int(dots)), Layout(cells, lines), Binding(sheets, duplex))


def _code_flags(command):
    """--grade and --dots, shared by convert and proof."""
    command = click.option(
        "--dots",
        type=click.Choice(["6", "8"]),
        default="6",
        show_default=True,
        help="6-dot literary or 8-dot computer braille.",
    )(command)
    return click.option(
        "--grade", default="", help="Grade per language, e.g. en=2,ru=1,kk=1 (default en=2, ru=1, kk=1)."
    )(command)


def _report_problems(problems: list, lang: str) -> None:
    for problem in problems[:20]:
        click.echo(f"accessreader: {problem.message(lang)}", err=True)
    if len(problems) > 20:
        click.echo(f"accessreader: … +{len(problems) - 20}", err=True)


@main.command()
@click.argument("file", type=click.Path())
@click.option(
    "--to",
    "formats",
    default="brf",
    show_default=True,
    help="Output formats, comma-separated: brf, pef, ubrl (braille); mp3, opus, m4b, daisy, epub3 (speech).",
)
@click.option(
    "-o", "--output", "folder", type=click.Path(file_okay=False), help="Output folder (default: the book's folder)."
)
@click.option("--cells", default=40, show_default=True, help="Braille cells per line.")
@click.option("--lines", default=25, show_default=True, help="Lines per braille page.")
@_code_flags
@click.option("--sheets", default=50, show_default=True, help="Most sheets in one PEF volume.")
@click.option("--duplex/--simplex", default=True, show_default=True, help="Emboss on both sides of the paper (PEF).")
@click.option(
    "--voice",
    "voices",
    default="",
    help="Voice per language for speech, over ACCESSREADER_VOICES: LANG=ENGINE:VOICE, e.g. "
    "ru=rhvoice:anna,kk=espeak:kk (default: RHVoice for ru and en where installed, espeak-ng for the rest).",
)
@click.option(
    "--rate",
    type=click.IntRange(MIN_RATE, MAX_RATE),
    help="Speech rate in words per minute (default: the voice's own).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Processes that read, translate and speak a long book (default: one per core).",
)
@click.pass_context
def convert(
    ctx: click.Context,
    file: str,
    formats: str,
    folder: str | None,
    cells: int,
    lines: int,
    grade: str,
    dots: str,
    sheets: int,
    duplex: bool,
    voices: str,
    rate: int | None,
    workers: int | None,
) -> None:
    """Convert a book into braille files (<stem>.brf, .pef, .ubrl.txt) and talking books (<stem>/<format>/)."""
    from . import convert as conversion
    from .tts.outputs import speech_options

    lang = interface_language(ctx.meta.get("lang"))
    names = conversion.parse_formats(formats)
    options = replace(
        _braille_options(grade, dots, cells, lines, sheets, duplex),
        speech=speech_options(f"{_settings().voices},{voices}", rate),
    )
    if workers:
        options = replace(options, workers=workers, speech=replace(options.speech, workers=workers))
    from .service.library import read_draft

    document, source = read_draft(file, _limits(), options.workers, _progress)
    name = Path(file).name
    target = Path(folder) if folder else Path(file).parent
    braille = [n for n in names if n in conversion.FORMATS]
    steps = (sum(1 for _ in document.blocks()) + len(braille)) if braille else 0
    with _progress(steps, name) as bar:
        spoken = _SpeechSteps(bar, steps)
        result = conversion.convert(
            document, _book_stem(name), names, target, options, bar.update, spoken.update, source=source
        )
    for path in result.paths:
        click.echo(translate("braille_written", lang, path=path))
    _report_problems(result.problems, lang)


class _SpeechSteps:
    """Feeds ``(sentences done, total)`` into a progress bar that also counts braille steps."""

    def __init__(self, bar, before: int) -> None:
        self.bar, self.before, self.done = bar, before, 0

    def update(self, done: int, total: int) -> None:
        if hasattr(self.bar, "length"):
            self.bar.length = self.before + total  # the sentence count is known once speaking starts
        self.bar.update(done - self.done)
        self.done = done


@main.command()
@click.argument("file", type=click.Path())
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="The HTML page to write (default: <stem>.proof.html beside the book).",
)
@_code_flags
@click.pass_context
def proof(ctx: click.Context, file: str, output: str | None, grade: str, dots: str) -> None:
    """Write an HTML page with each block's print text beside its braille, for checking."""
    from . import atomic
    from .service.library import proof as proof_page

    lang = interface_language(ctx.meta.get("lang"))
    options = _braille_options(grade, dots)
    document = _read_book(file, _limits())
    name = Path(file).name
    html, problems = proof_page(document, options.code, lang, _progress, name)
    target = Path(output) if output else Path(file).parent / f"{_book_stem(name)}.proof.html"
    atomic.write_bytes(target, html.encode("utf-8"))
    click.echo(translate("braille_written", lang, path=target))
    _report_problems(problems, lang)


@main.command()
@click.argument("book", metavar="TITLE-OR-FILE")
@click.option(
    "--host", default=None, help="BrlAPI host of brltty, e.g. 127.0.0.1:1 (default: brltty's own, or $BRLAPI_HOST)."
)
@click.option("--speech/--no-speech", default=True, show_default=True, help="Speak beside the braille.")
@click.option(
    "--speech-file",
    type=click.Path(dir_okay=False),
    help="Write the speech as a transcript file instead of the sound card.",
)
@click.option(
    "--reader",
    "reader_id",
    default=lambda: os.environ.get("USER", "reader"),
    help="Whose position and bookmarks (default: $USER).",
)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    help="The library's data folder: catalog, positions (default: $ACCESSREADER_DATA or ~/.local/share/accessreader).",
)
@click.option(
    "--voice",
    "voices",
    default="",
    help="Voices per language, e.g. ru=rhvoice:anna,kk=kk (default: espeak-ng, the quickest to speak after a key).",
)
@_code_flags
@click.pass_context
def read(
    ctx: click.Context,
    book: str,
    host: str | None,
    speech: bool,
    speech_file: str | None,
    reader_id: str,
    data_dir: str | None,
    voices: str,
    grade: str,
    dots: str,
) -> None:
    """Read a book (a file, or a title found in the catalog) on a braille display through brltty, with speech.

    The first screen comes as soon as it is brailled, the rest follows; a file read
    whole is kept finished in the data folder (books/) for its next opening.
    q quits, ? lists the keys."""
    from .braille.tables import Code, parse_grades
    from .tts.engines import parse_voices, voices_for

    lang = interface_language(ctx.meta.get("lang"))
    code = Code(parse_grades(grade), int(dots))
    spoken_by = voices_for(parse_voices(voices)) if voices else None
    folder = Path(data_dir) if data_dir else _settings().data
    find_title = _catalog_finder(folder)
    session = None

    def prepare() -> None:  # while a new book file is read, in a process of its own
        from .terminal.reader import open_session

        nonlocal session
        session = open_session(reader_id, lang, code, folder)

    if Path(book).exists() or find_title is None:
        from .service.documents import Documents, Folder
        from .terminal.files import open_file

        source = open_file(Path(book), _limits(), Documents(Folder(folder / "books")), prepare)
    else:
        source = find_title(book)
        if source is None:
            raise NotFound(what=book)
    if session is None:
        prepare()
    from .terminal.reader import read_on_display

    read_on_display(
        source, session, host, speech, Path(speech_file) if speech_file else None, find_title, spoken_by
    )  # fmt: skip


def _catalog_finder(folder: Path):
    """A function from a search to the best-matching readable title (its stored Document read a
    chapter at a time), when the folder holds a catalog; the catalog is opened at the first search."""
    settings = _settings().with_options(data=folder)
    if not settings.has_service:
        return None
    opened = []

    def find(query: str):
        from .service.catalog import Catalog
        from .service.store import open_settings_store
        from .terminal.loading import StoredTitle

        if not opened:
            opened.append(Catalog(open_settings_store(settings)))
        catalog = opened[0]
        found = next((title for title in catalog.search(query) if title.has_document), None)
        if found is None:
            return None
        return StoredTitle(lambda: catalog.outline(found.id), lambda index: catalog.chapter(found.id, index))

    return find


class _NoBar:
    """Stands in for a progress bar when stderr is not a terminal."""

    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, steps: int) -> None:
        return None


def _progress(steps: int, label: str):
    """A progress bar on stderr when it is a terminal (with the time left), else nothing."""
    if sys.stderr.isatty():
        return click.progressbar(length=max(steps, 1), file=sys.stderr, label=label, show_eta=True, show_pos=True)
    return _NoBar()


def _library():
    from .service.library import Library

    return Library(_settings())


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the settings as one JSON list.")
@click.option("--markdown", is_flag=True, help="Print the table of every setting and its default (the README's).")
def settings(as_json: bool, markdown: bool) -> None:
    """Every setting: name, environment variable, value, where it came from (default, environment, option), help."""
    from .settings import markdown_table

    if markdown:
        click.echo(markdown_table(), nl=False)
        return
    rows = _settings().rows()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        value = row["value"] or SETTINGS[row["name"]].shown  # an empty value says what stands in for it
        click.echo(f"{row['name']} = {value}  ({row['origin']}, {row['env']})")
        click.echo(f"    {row['help']}")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the voices as one JSON list.")
def voices(as_json: bool) -> None:
    """The voices installed here for --voice: engine, language, ENGINE:NAME and licence."""
    from .tts.engines import installed_voices

    rows = installed_voices()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        click.echo(f"{row['lang']}\t{row['engine']}:{row['name']}\t{row['licence']}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Run the library service, with its conversion worker inside (embedded queue).

    Settings come from the environment (ACCESSREADER_DATA, ACCESSREADER_QUEUE…);
    see the README.
    """
    import uvicorn

    from .server import create_app

    lang = interface_language(ctx.meta.get("lang"))
    listening = _listen(host, port, lang)  # a busy port is said before anything claims to run
    library = _library()
    app = create_app(library.settings, library)
    worker = library.jobs.worker()
    worker.start()
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0", "::") else host
    click.echo(translate("cli_serving", lang, url=f"http://{shown}:{listening.getsockname()[1]}/"))
    if not library.people.count(ADMIN):
        click.echo(translate("cli_first_admin", lang, command=_program()))
    try:
        uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[listening])
    finally:
        worker.stop()
        listening.close()


#: The kernel's send buffer of each connection the service accepts (Linux doubles it).  Left to grow
#: (up to 4 MB), a listener's connection took megabytes of a chapter at once, and with 1,000 listeners
#: starting the service spent its time filling buffers instead of answering the next ones
#: (``benchmarks/streaming.py``); 256 kB is half a minute of speech, and a download still runs at
#: 256 kB a round trip.
SEND_BUFFER = 128 * 1024


def _listen(host: str, port: int, lang: str) -> socket.socket:
    """A socket bound to ``host:port`` for the service; ``PortBusy`` when it cannot be (in ``lang``)."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        # IPPROTO_TCP named, not left 0: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on sockets
        # that say they are TCP, and without it every answer's body waited ~40 ms for the headers' ACK
        listening = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    except OSError as error:
        raise PortBusy(host=host, port=port, reason=error.strerror or str(error)) from None
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)
    try:
        listening.bind((host, port))
    except OSError as error:
        listening.close()
        busy = error.errno == errno.EADDRINUSE
        reason = translate("port_in_use", lang) if busy else error.strerror or str(error)
        raise PortBusy(host=host, port=port, reason=reason) from None
    return listening


@main.command()
@click.option("--threads", type=click.IntRange(1, 64), help="Worker threads (default ACCESSREADER_WORKERS).")
def worker(threads: int | None) -> None:
    """Run conversion steps from the queue until stopped (SIGINT or SIGTERM).

    Start any number of these, on any machines sharing the data folder (for files),
    with ACCESSREADER_QUEUE=redis://HOST:PORT/0 and the same PostgreSQL
    ACCESSREADER_DATABASE.
    """
    import signal
    import threading

    library = _library()
    stopping = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())
    running = library.jobs.worker(threads)
    running.start()
    while not stopping.wait(0.5):
        pass
    running.stop()
    library.close()


@main.command(name="import")
@click.argument("folder", type=click.Path())
@click.option(
    "--separate",
    is_flag=True,
    help="Give each book an entry of its own even when it is a title already in the catalog (another edition).",
)
@click.pass_context
def import_(ctx: click.Context, folder: str, separate: bool) -> None:
    """Put every book file under FOLDER in the catalog and queue its conversion.

    A file already in the catalog adds nothing; a book found to be a title already
    in the catalog (same identifier, text, or title, authors and language) joins it
    as another source when its job reads it, and is not converted again.
    """
    lang = interface_language(ctx.meta.get("lang"))
    library = _library()
    failed = False
    for item in library.import_folder(Path(folder), separate=separate):
        if item.error is not None:
            failed = True
            click.echo(f"accessreader: {item.message(lang)}", err=True)
        else:
            click.echo(item.message(lang))
    library.close()
    ctx.exit(2 if failed else 0)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per job.")
@click.pass_context
def jobs(ctx: click.Context, as_json: bool) -> None:
    """Conversion jobs, newest first: stage, percent done, time left, error."""
    lang = interface_language(ctx.meta.get("lang"))
    library = _library()
    infos = library.jobs.list()
    library.close()
    if as_json:
        for info in infos:
            click.echo(json.dumps(info.to_dict(lang), ensure_ascii=False))
        return
    if not infos:
        click.echo(translate("cli_no_jobs", lang))
        return
    click.echo(translate("cli_jobs_header", lang))
    for info in infos:
        left = "—" if info.eta_seconds is None else f"{info.eta_seconds:.0f}s"
        line = f"{info.id}  {info.status}  {translate('stage_' + info.stage, lang)}  {info.percent}%  {left}  #{info.title}  {info.source}"
        said = info.error(lang) or info.note(lang)
        click.echo(line + (f"  {said}" if said else ""))


@main.command()
@click.argument("job")
@click.pass_context
def retry(ctx: click.Context, job: str) -> None:
    """Start the failed job JOB again."""
    lang = interface_language(ctx.meta.get("lang"))
    library = _library()
    info = library.jobs.retry(job)
    library.close()
    click.echo(f"{info.id}  {info.status}  {translate('stage_' + info.stage, lang)}")


@main.command()
@click.argument("title", type=int)
@click.pass_context
def audio(ctx: click.Context, title: int) -> None:
    """Speak catalog title TITLE into MP3 and Opus chapters for listening online (the service streams them).

    Until this is done, the service speaks each chapter live as it is played.
    """
    lang = interface_language(ctx.meta.get("lang"))
    library = _library()
    try:
        name = library.catalog.get(title).title
        with _progress(1, name) as bar:
            last = [0]

            def progress(done: int, total: int) -> None:
                if total and hasattr(bar, "length"):
                    bar.length = total
                bar.update(done - last[0])
                last[0] = done

            chapters = library.audiobooks.make(title, progress)
    finally:
        library.close()
    minutes = sum(c.seconds or 0 for c in chapters) / 60
    click.echo(translate("cli_audio_made", lang, title=name, chapters=len(chapters), minutes=f"{minutes:.1f}"))


def _program() -> str:
    """How the person started this command, to repeat in advice (``.venv/bin/accessreader``)."""
    started = Path(sys.argv[0])
    if started.name == "accessreader":
        return str(started)
    return f"{sys.executable} -m accessreader" if started.name == "__main__.py" else "accessreader"


@main.group()
def people() -> None:
    """Readers, staff and administrators of the catalog in the data folder (ACCESSREADER_DATA).

    PINs and passwords are typed at the terminal (twice), or given on standard
    input with --secret-stdin; never on the command line.
    """


@contextmanager
def _accounts():
    """The data folder's ``Accounts`` and the console's administrator acting on them."""
    import getpass

    from .service.accounts import console

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    library = _library()
    try:
        yield library, console(user)
    finally:
        library.close()


def _secret_flag(command):
    return click.option(
        "--secret-stdin",
        is_flag=True,
        help="Read the PIN or password from the first line of standard input (for scripts).",
    )(command)


def _new_secret(lang: str, role: str, login: str, from_stdin: bool) -> str:
    """The new PIN (readers) or password: one line of stdin, or typed twice at the terminal without echo."""
    import getpass

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    prompt = translate("cli_new_pin" if role == READER else "cli_new_password", lang, login=login)
    try:
        first = getpass.getpass(prompt)
        second = getpass.getpass(translate("cli_repeat_secret", lang))
    except (EOFError, KeyboardInterrupt):
        raise click.Abort() from None
    if first != second:
        raise SecretsDiffer()
    return first


def _person_line(person: Person, lang: str) -> str:
    notes = [translate("cli_print_disabled", lang)] if person.print_disabled else []
    notes += [] if person.active else [translate("cli_inactive", lang)]
    return "  ".join((person.login, person.role, person.name or "—", ", ".join(notes))).rstrip()


def _person_dict(person: Person) -> dict:
    return {"id": person.id, "role": person.role, "login": person.login, "name": person.name,
            "print_disabled": person.print_disabled, "active": person.active,
            "created_at": person.created_at.isoformat()}  # fmt: skip


@people.command(name="add")
@click.argument("login")
@click.option(
    "--role",
    type=click.Choice(ROLES),
    required=True,
    help="reader: card number and PIN; staff, admin: login and password.",
)
@click.option("--name", default="", help="The person's name as staff should see it.")
@click.option(
    "--print-disabled",
    is_flag=True,
    help="Registered as a print-disabled reader (Marrakesh Treaty): may receive accessible copies.",
)
@_secret_flag
@click.pass_context
def people_add(ctx: click.Context, login: str, role: str, name: str, print_disabled: bool, secret_stdin: bool) -> None:
    """Register LOGIN (a reader's library card number, or a staff login)."""
    lang = interface_language(ctx.meta.get("lang"))
    with _accounts() as (library, actor):
        if library.people.by_login(login) is not None:  # said before the secret is asked for
            raise AlreadyRegistered(login=login.strip())
        secret = _new_secret(lang, role, login.strip(), secret_stdin)
        person = library.accounts.add(actor, role, login, secret, name, print_disabled=print_disabled)
    click.echo(translate("cli_person_added", lang, login=person.login, role=person.role))


@people.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per person.")
@click.pass_context
def people_list(ctx: click.Context, as_json: bool) -> None:
    """Everyone registered, by login: role, name, print-disabled, inactive."""
    lang = interface_language(ctx.meta.get("lang"))
    with _accounts() as (library, actor):
        everyone = library.accounts.list(actor)
    if as_json:
        for person in everyone:
            click.echo(json.dumps(_person_dict(person), ensure_ascii=False))
        return
    if not everyone:
        click.echo(translate("cli_no_people", lang))
        return
    click.echo(translate("cli_people_header", lang))
    for person in everyone:
        click.echo(_person_line(person, lang))


@people.command(name="set")
@click.argument("login")
@click.option("--print-disabled/--no-print-disabled", default=None, help="Registered as print-disabled, or no longer.")
@click.option("--active/--inactive", default=None, help="Inactive: cannot log in; sessions and tokens stop working.")
@click.option("--name", default=None, help="A new name.")
@click.pass_context
def people_set(
    ctx: click.Context, login: str, print_disabled: bool | None, active: bool | None, name: str | None
) -> None:
    """Change LOGIN's print-disabled registration, active flag or name."""
    lang = interface_language(ctx.meta.get("lang"))
    with _accounts() as (library, actor):
        person = library.accounts.find(actor, login)
        person = library.accounts.change(actor, person.id, name=name, print_disabled=print_disabled, active=active)
    click.echo(_person_line(person, lang))


@people.command(name="reset")
@click.argument("login")
@_secret_flag
@click.pass_context
def people_reset(ctx: click.Context, login: str, secret_stdin: bool) -> None:
    """Give LOGIN a new PIN or password; their sessions end and a lockout is lifted."""
    lang = interface_language(ctx.meta.get("lang"))
    with _accounts() as (library, actor):
        person = library.accounts.find(actor, login)
        secret = _new_secret(lang, person.role, person.login, secret_stdin)
        library.accounts.reset(actor, person.id, secret)
    click.echo(translate("cli_secret_reset", lang, login=person.login))


@people.command(name="tokens")
@click.argument("login")
@click.pass_context
def people_tokens(ctx: click.Context, login: str) -> None:
    """LOGIN's tokens for reading apps and feeds: number, label, made, working or revoked."""
    lang = interface_language(ctx.meta.get("lang"))
    with _accounts() as (library, actor):
        person = library.accounts.find(actor, login)
        tokens = library.accounts.tokens(actor, person.id)
    if not tokens:
        click.echo(translate("cli_no_tokens", lang, login=person.login))
    for token in tokens:
        state = translate("cli_token_revoked" if token.revoked_at else "cli_token_working", lang)
        click.echo(f"#{token.id}  {token.label or '—'}  {token.created_at:%Y-%m-%d %H:%M}  {state}")


@people.command(name="revoke")
@click.argument("login")
@click.argument("token_ids", metavar="[TOKEN]...", nargs=-1, type=click.IntRange(min=1))
@click.pass_context
def people_revoke(ctx: click.Context, login: str, token_ids: tuple[int, ...]) -> None:
    """Revoke LOGIN's tokens numbered TOKEN (see `people tokens`), or all of them when none is named."""
    lang = interface_language(ctx.meta.get("lang"))
    with _accounts() as (library, actor):
        person = library.accounts.find(actor, login)
        revoked = library.accounts.revoke_tokens(actor, person.id, list(token_ids) or None)
    click.echo(translate("cli_tokens_revoked", lang, login=person.login, count=len(revoked)))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
