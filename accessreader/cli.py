"""The ``accessreader`` command: thin commands over the application layer.

Each command parses its options, calls the library, and formats the result.
User-facing failures (``errors.AccessReaderError``) become one line in the
user's language (``--lang`` or the locale) and exit code 2; nothing prints a
traceback unless ``ACCESSREADER_DEBUG`` is set.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import content
from .content import images
from .errors import AccessReaderError, FileNotFound
from .inspection import summarise
from .messages import interface_language, translate
from .model import Document


class _Group(click.Group):
    """Turns user-facing errors into one translated line and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AccessReaderError as error:
            lang = interface_language(ctx.meta.get("lang"))
            click.echo(f"accessreader: {error.message(lang)}", err=True)
            ctx.exit(error.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as error:  # a bug: say so in one line, keep the details for debugging
            if os.environ.get("ACCESSREADER_DEBUG"):
                raise
            lang = interface_language(ctx.meta.get("lang"))
            detail = f"{type(error).__name__}: {error}"
            click.echo(f"accessreader: {translate('error', lang, detail=detail)}", err=True)
            ctx.exit(1)


@click.group(cls=_Group)
@click.option("--lang", type=click.Choice(["kk", "ru", "en"]), help="Interface language (default: from the locale).")
@click.pass_context
def main(ctx: click.Context, lang: str | None) -> None:
    """AccessReader: catalog e-books as braille and speech."""
    ctx.meta["lang"] = lang


def _read_book(path: str) -> Document:
    """A file as a book, or a folder of scanned page images (in name order) as one book."""
    file = Path(path)
    if file.is_dir():
        pages = sorted(p for p in file.iterdir() if p.suffix.lower() in images.IMAGE_SUFFIXES)
        if not pages:
            raise FileNotFound(name=path)
        with click.progressbar(length=len(pages), label="OCR", file=sys.stderr) as bar:
            return images.read_pages([(p.name, p.read_bytes()) for p in pages], file.name, progress=bar.update)
    if not file.is_file():
        raise FileNotFound(name=path)
    return content.read(file.read_bytes(), file.name)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per file.")
@click.pass_context
def inspect(ctx: click.Context, files: tuple[str, ...], as_json: bool) -> None:
    """Show a book's metadata, outline, languages, counts and warnings.

    FILES are books, or folders of scanned page images (PNG, JPEG, TIFF) read by OCR.
    """
    lang = interface_language(ctx.meta.get("lang"))
    for path in files:
        summary = summarise(_read_book(path), lang)
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
        f"  {t('label_languages')}: "
        + ", ".join(f"{code} {count}" for code, count in summary["languages"].items()),
        f"  {t('label_counts', blocks=summary['blocks'], sentences=summary['sentences'], words=summary['words'], pages=summary['page_markers'])}",
        f"  {t('label_outline')}:",
    ]
    lines += [f"    {'  ' * (h['level'] - 1)}{h['text']}" for h in summary["headings"]]
    if summary["warnings"]:
        lines.append(f"  {t('label_warnings')}:")
        lines += [f"    {w}" for w in summary["warnings"]]
    return "\n".join(lines)


def _library():
    from .library import Library
    from .settings import Settings

    return Library(Settings.from_env())


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
    library = _library()
    app = create_app(library.settings, library)
    worker = library.jobs.worker()
    worker.start()
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0", "::") else host
    click.echo(translate("cli_serving", lang, url=f"http://{shown}:{port}/"))
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        worker.stop()


@main.command()
@click.option("--threads", type=click.IntRange(1, 64), help="Worker threads (default ACCESSREADER_WORKERS).")
def worker(threads: int | None) -> None:
    """Run conversion steps from the queue until stopped (SIGINT or SIGTERM).

    Start any number of these, on any machines sharing the data folder, with
    ACCESSREADER_QUEUE=redis://HOST:PORT/0.
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
@click.pass_context
def import_(ctx: click.Context, folder: str) -> None:
    """Put every book file under FOLDER in the catalog and queue its conversion."""
    lang = interface_language(ctx.meta.get("lang"))
    library = _library()
    failed = False
    for item in library.import_folder(Path(folder)):
        if item.error is not None:
            failed = True
            click.echo(f"accessreader: {item.error.message(lang)}", err=True)
        elif item.job is None:
            click.echo(translate("cli_already", lang, name=item.name, title=item.title.id))
        else:
            click.echo(translate("cli_imported", lang, name=item.name, title=item.title.id, job=item.job))
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
        click.echo(line + (f"  {info.error(lang)}" if info.error_code else ""))


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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
