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
from dataclasses import replace
from pathlib import Path

import click

from . import content
from .content.safety import DEFAULT_LIMITS, Limits, human_size
from .errors import AccessReaderError, FileNotFound, FileTooLarge
from .inspection import summarise
from .messages import interface_language, translate

MB = 1024 * 1024


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
@click.option(
    "--max-size",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_LIMITS.max_file_bytes / MB,
    show_default=True,
    envvar="ACCESSREADER_MAX_FILE_MB",
    help="Refuse input files larger than this many MB (env ACCESSREADER_MAX_FILE_MB).",
)
@click.pass_context
def main(ctx: click.Context, lang: str | None, max_size: float) -> None:
    """AccessReader: catalog e-books as braille and speech."""
    ctx.meta["lang"] = lang
    ctx.meta["limits"] = replace(DEFAULT_LIMITS, max_file_bytes=int(max_size * MB))


def _read_file(path: str, limits: Limits) -> tuple[bytes, str]:
    """The file's bytes and name; its size is checked before anything is read."""
    file = Path(path)
    if not file.is_file():
        raise FileNotFound(name=path)
    size = file.stat().st_size
    if size > limits.max_file_bytes:
        raise FileTooLarge(name=file.name, size=human_size(size), limit=human_size(limits.max_file_bytes))
    return file.read_bytes(), file.name


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per file.")
@click.pass_context
def inspect(ctx: click.Context, files: tuple[str, ...], as_json: bool) -> None:
    """Show a book's metadata, outline, languages, counts and warnings."""
    lang = interface_language(ctx.meta.get("lang"))
    limits = ctx.meta["limits"]
    for path in files:
        data, name = _read_file(path, limits)
        summary = summarise(content.read(data, name, limits), lang)
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
