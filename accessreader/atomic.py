"""Whole files or none: every output is written to a temporary name beside it, then renamed.

    write_bytes(path, data)          bytes in hand
    move(source, path)               a finished file, across filesystems too
    with replacing(path) as temp:    a writer that makes the file (or folder) itself
        ...write temp...

A failure (an exception, a full disk) removes the temporary file and leaves
any earlier ``path`` untouched; readers never see half a book.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(path: Path | str, folder: bool = False) -> Iterator[Path]:
    """A temporary path in ``path``'s folder that replaces ``path`` when the block ends without error.

    ``folder=True`` gives an empty temporary folder instead of a file name.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if folder:
        temp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    else:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(handle)
        temp = Path(name)
    try:
        yield temp
        if folder and path.is_dir():
            shutil.rmtree(path)
        os.replace(temp, path)
    except BaseException:
        if temp.is_dir():
            shutil.rmtree(temp, ignore_errors=True)
        else:
            temp.unlink(missing_ok=True)
        raise


def write_bytes(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and durably (flushed to disk, mode 0644); return the path."""
    with replacing(path) as temp:
        with temp.open("wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        temp.chmod(0o644)
    return Path(path)


def move(source: Path | str, target: Path | str) -> Path:
    """Move a finished file into place: a rename, or across filesystems a copy under a
    temporary name in the target's folder and then a rename, so the name appears whole."""
    source, target = Path(source), Path(target)
    try:
        os.replace(source, target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        with replacing(target) as temp:
            with source.open("rb") as inp, temp.open("wb") as out:
                shutil.copyfileobj(inp, out, 1 << 20)
                out.flush()
                os.fsync(out.fileno())
        source.unlink()
    return target
