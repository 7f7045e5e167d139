"""Stored Documents, readable whole or one chapter at a time.

    documents/<id>.json              the whole Document (``Document.to_json``)
    documents/<id>/outline.json      {"version", "outline": Outline}: metadata, contents, chapter titles
    documents/<id>/<n>.json          {"version", "chapter": Chapter}: chapter n (0-based) alone

While a job still reads a new title's book, its first chapters are stored as a preview
(``write_preview``): the parts alone, the outline saying how many chapters are there
(``"preview": n``), no whole file.  A later chapter is then ``ChapterNotReady`` (not
``NotFound``), and so is a preview's chapter whose part the whole book's write has
just replaced; the whole Document's write (``write``) replaces the preview, and
``remove_preview`` drops one that no whole Document followed (a failed or joined job).

A live chapter, a chapter page or a reader's first screen needs the outline and one
chapter; parsing a 5 MB book's whole JSON for that costs most of a second.  The parts
are written beside the whole file (chapters, then the outline, then the whole file,
each atomically), all stamped with the same version (a digest of the whole JSON), so a
part that does not match its outline (a write cut short, an older copy) is never used:
the whole file is read instead and the parts are written again.  Data folders made
before the parts existed hold only ``documents/<id>.json``; their parts are written
the first time a chapter is asked for.

The same files serve the terminal's books read from files (``Folder``: a data
folder without a database, keyed by the source's checksum): a book read whole once,
languages decided, opens again from its parts.

Parsed outlines and chapters are kept in a small cache (``CHAPTERS_KEPT``), checked
against the outline file on every call so a title stored again is never served stale.
The objects returned are shared with the cache: read them, do not change them.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import write_bytes
from ..errors import ChapterNotReady, NotFound
from ..model import SCHEMA_VERSION, Chapter, Document, Outline, chapter_from_dict, chapter_to_dict, outline_of

if TYPE_CHECKING:
    from .store import Store

#: A stored Document's key: a title's id, or a source checksum (``Folder``).
Key = int | str

#: Parsed chapters kept in memory, across titles (the most recently read).
CHAPTERS_KEPT = 64
#: Parsed outlines kept in memory.
OUTLINES_KEPT = 256


class Folder:
    """A data folder without a database, for ``Documents``: its files only."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)

    def path(self, relative: str) -> Path:
        return self.data_dir / relative

    def write_atomic(self, relative: str, data: bytes) -> Path:
        return write_bytes(self.path(relative), data)


class Documents:
    """The stored Documents of one ``Store`` (or ``Folder``)."""

    def __init__(self, store: Store | Folder) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._outlines: OrderedDict[Key, tuple[tuple[int, int], str, int | None, Outline]] = OrderedDict()
        self._chapters: OrderedDict[tuple[Key, int], tuple[str, Chapter]] = OrderedDict()

    def whole_path(self, title_id: Key) -> Path:
        return self.store.path(f"documents/{title_id}.json")

    def write(self, title_id: Key, document: Document | Encoded) -> None:
        """Store ``document`` whole and in parts; the whole file comes last (its presence means stored).

        Given ``encode(document)`` (made beforehand, outside a transaction), only the files are written."""
        encoded = document if isinstance(document, Encoded) else encode(document)
        version = _version(encoded.whole)
        folder = f"documents/{title_id}"
        for index, chapter in enumerate(encoded.chapters):
            self.store.write_atomic(f"{folder}/{index}.json", _part(version, chapter))
        outline = {"version": version, "outline": encoded.outline.to_dict()}
        self.store.write_atomic(f"{folder}/outline.json", _dump(outline))
        for stale in self.store.path(folder).glob("*.json"):
            if stale.stem.isdigit() and int(stale.stem) >= len(encoded.chapters):
                stale.unlink(missing_ok=True)
        self.store.write_atomic(f"documents/{title_id}.json", encoded.whole)

    def write_preview(self, title_id: Key, document: Document, count: int) -> None:
        """Store the first ``count`` chapters of ``document`` (``content.finish.preview``) for reading while
        the rest is read: their parts, then an outline saying so; never over a whole stored Document."""
        if self.whole_path(title_id).exists():
            return
        parts = _dump({"chapters": [chapter_to_dict(c) for c in document.chapters[:count]]})
        version = "preview-" + _version(parts)
        folder = f"documents/{title_id}"
        for index in range(count):
            part = {"version": version, "chapter": chapter_to_dict(document.chapters[index])}
            self.store.write_atomic(f"{folder}/{index}.json", _dump(part))
        outline = {"version": version, "outline": outline_of(document).to_dict(), "preview": count}
        self.store.write_atomic(f"{folder}/outline.json", _dump(outline))

    def prepared(self, title_id: Key) -> int | None:
        """How many chapters (from the first) a preview holds; ``None`` for a whole stored Document
        (``NotFound`` without either)."""
        return self._outline(title_id)[1]

    def remove_preview(self, title_id: Key) -> None:
        """Delete a preview that no whole Document replaced; a whole stored Document stays."""
        if not self.whole_path(title_id).exists():
            self.remove(title_id)

    def document(self, title_id: Key) -> Document:
        """The whole stored Document; ``NotFound`` when there is none."""
        try:
            return Document.from_json(self.whole_path(title_id).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise NotFound(what=f"document #{title_id}") from None

    def outline(self, title_id: Key) -> Outline:
        """Metadata, contents and chapter titles, without reading any chapter; ``NotFound`` without a Document."""
        return self._outline(title_id)[2]

    def chapter(self, title_id: Key, index: int) -> Chapter:
        """Chapter ``index`` (0-based) alone; ``NotFound`` for no Document or no such chapter."""
        version, prepared, outline = self._outline(title_id)
        if not 0 <= index < len(outline.chapters):
            raise NotFound(what=f"chapter {index + 1} of title #{title_id}")
        if prepared is not None and index >= prepared:
            raise ChapterNotReady(chapter=index + 1)
        key = (title_id, index)
        with self._lock:
            kept = self._chapters.get(key)
            if kept is not None and kept[0] == version:
                self._chapters.move_to_end(key)
                return kept[1]
        try:
            data = json.loads(self.store.path(f"documents/{title_id}/{index}.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            data = {}
        if data.get("version") == version:
            chapter = chapter_from_dict(data["chapter"])
        elif prepared is not None:  # the whole book's write is replacing the preview: there in a moment
            raise ChapterNotReady(chapter=index + 1)
        else:  # a part from an older write: the whole file decides, and the parts are made again
            document = self._split(title_id)
            if not 0 <= index < len(document.chapters):
                raise NotFound(what=f"chapter {index + 1} of title #{title_id}")
            return document.chapters[index]
        with self._lock:
            self._chapters[key] = (version, chapter)
            while len(self._chapters) > CHAPTERS_KEPT:
                self._chapters.popitem(last=False)
        return chapter

    def remove(self, title_id: Key) -> None:
        """Delete the whole file and the parts."""
        self.whole_path(title_id).unlink(missing_ok=True)
        shutil.rmtree(self.store.path(f"documents/{title_id}"), ignore_errors=True)
        with self._lock:
            self._outlines.pop(title_id, None)
            for key in [key for key in self._chapters if key[0] == title_id]:
                del self._chapters[key]

    def _outline(self, title_id: Key) -> tuple[str, int | None, Outline]:
        """(version, chapters of a preview or ``None``, outline)."""
        path = self.store.path(f"documents/{title_id}/outline.json")
        try:
            stat = path.stat()
        except FileNotFoundError:
            document = self._split(title_id)  # NotFound when the title has none
            try:
                stat = path.stat()
            except FileNotFoundError:  # a data folder this process may only read
                return "", None, outline_of(document)
        signature = (stat.st_mtime_ns, stat.st_ino)
        with self._lock:
            kept = self._outlines.get(title_id)
            if kept is not None and kept[0] == signature:
                self._outlines.move_to_end(title_id)
                return kept[1:]
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:  # a preview removed (its job failed or joined) since the stat
            raise NotFound(what=f"document #{title_id}") from None
        version, prepared, outline = data["version"], data.get("preview"), Outline.from_dict(data["outline"])
        with self._lock:
            self._outlines[title_id] = (signature, version, prepared, outline)
            while len(self._outlines) > OUTLINES_KEPT:
                self._outlines.popitem(last=False)
        return version, prepared, outline

    def _split(self, title_id: Key) -> Document:
        """The whole Document, its parts written again where the data folder lets us."""
        document = self.document(title_id)
        try:
            self.write(title_id, document)
        except OSError:
            pass  # read-only: every chapter comes from the whole file, as before parts existed
        return document


@dataclass(frozen=True)
class Encoded:
    """A Document as ``Documents.write`` stores it: the whole JSON (``Document.to_json``'s bytes), each
    chapter's JSON, the outline.  Made apart (``encode``), so a writer holding a database lock only writes."""

    whole: bytes
    chapters: list[bytes]
    outline: Outline


def encode(document: Document) -> Encoded:
    """``document`` encoded once: each chapter dumped alone, the whole file joined from them (the same
    bytes as ``Document.to_json``; no single call holds the interpreter for the whole book)."""
    chapters = [_dump(chapter_to_dict(chapter)) for chapter in document.chapters]
    head = _dump({"schema": SCHEMA_VERSION, "metadata": asdict(document.metadata)})[:-1]
    tail = _dump({"toc": [asdict(e) for e in document.toc], "notices": [asdict(n) for n in document.notices]})[1:]
    whole = head + b',"chapters":[' + b",".join(chapters) + b"]," + tail
    return Encoded(whole, chapters, outline_of(document))


def _part(version: str, chapter: bytes) -> bytes:
    """``{"version", "chapter"}`` of a chapter already dumped (what ``_dump`` makes of the dict)."""
    return b'{"version":' + _dump(version) + b',"chapter":' + chapter + b"}"


def _dump(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _version(whole: bytes) -> str:
    return hashlib.sha256(whole).hexdigest()[:16]
