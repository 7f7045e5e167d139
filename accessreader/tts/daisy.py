"""DAISY 2.02 talking book with full text and audio, from a Document and its chapter audio.

    Document + [ChapterAudio] --write_daisy--> folder/
        ncc.html        navigation: headings and print pages, the required dc:/ncc: meta,
                        ncc:totalTime = the sum of the chapters' audio
        content.html    the full text (by ``accessreader.xhtml``: emphasis, language spans with
                        lang and xml:lang, lists, tables, notes), every spoken sentence in
                        <span class="s" id="c1b4s2"> (a table's on its row)
        001.smil …      one per chapter: <par> = <text src="content.html#c1b4s2"/> + <audio clip>
        001.mp3 …       the chapter audio (copied from synthesis)

Built from timings alone; nothing is synthesised here.  The folder given must exist
and be empty (``outputs.py`` makes it a temporary folder and renames it when whole).
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..model import HEADING, PAGE_MARKER, Document
from ..xhtml import Style, lang_attributes, render
from .synthesis import ChapterAudio

GENERATOR = "AccessReader"
_XHTML_DOCTYPE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
)
_SMIL_DOCTYPE = '<!DOCTYPE smil PUBLIC "-//W3C//DTD SMIL 1.0//EN" "http://www.w3.org/TR/REC-smil/SMIL10.dtd">'


def hms(seconds: float) -> str:
    """``hh:mm:ss`` (rounded to the second) as ``ncc:totalTime`` wants it."""
    whole = round(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def npt(seconds: float) -> str:
    """A SMIL 1.0 clip time: ``npt=12.345s``."""
    return f"npt={seconds:.3f}s"


def identifier(document: Document) -> str:
    """The book's identifier: its own, else one derived from its source checksum."""
    meta = document.metadata
    return meta.identifier or "accessreader-" + meta.source_checksum.split(":")[-1][:16]


def write_daisy(document: Document, audio: list[ChapterAudio], folder: Path) -> Path:
    """Write the DAISY 2.02 book into ``folder``; return the path of ``ncc.html``."""
    meta = document.metadata
    language = (meta.languages or ["und"])[0]
    timed = {c.chapter: c for c in audio}
    smil_names = {c.chapter: f"{c.chapter + 1:03d}.smil" for c in audio}
    files: list[Path] = []
    elapsed = 0.0
    for chapter in audio:
        mp3 = folder / f"{chapter.chapter + 1:03d}.mp3"
        shutil.copyfile(chapter.files["mp3"], mp3)
        smil = folder / smil_names[chapter.chapter]
        smil.write_text(_smil(document, chapter, mp3.name, elapsed), encoding="utf-8")
        files += [mp3, smil]
        elapsed += chapter.seconds
    content = folder / "content.html"
    content.write_text(_content(document, language, timed), encoding="utf-8")
    files.append(content)
    entries, depth, pages, max_page, special = _navigation(document, timed, smil_names)
    size = sum(path.stat().st_size for path in files)
    head = {
        "dc:title": meta.title,
        "dc:creator": ", ".join(meta.authors) or meta.publisher or GENERATOR,
        "dc:date": datetime.date.today().isoformat(),
        "dc:format": "Daisy 2.02",
        "dc:identifier": identifier(document),
        "dc:language": language,
        "dc:publisher": meta.publisher or GENERATOR,
        "ncc:charset": "utf-8",
        "ncc:depth": str(depth),
        "ncc:files": str(len(files) + 1),
        "ncc:footnotes": "0",
        "ncc:generator": GENERATOR,
        "ncc:kByteSize": "",
        "ncc:maxPageNormal": str(max_page),
        "ncc:multimediaType": "audioFullText",
        "ncc:narrator": ", ".join(dict.fromkeys(v for c in audio for v in c.voices) or ["espeak-ng"])
        + " (synthetic speech)",
        "ncc:pageFront": "0",
        "ncc:pageNormal": str(pages),
        "ncc:pageSpecial": str(special),
        "ncc:prodNotes": "0",
        "ncc:setInfo": "1 of 1",
        "ncc:sidebars": "0",
        "ncc:tocItems": str(sum(1 for e in entries if e.startswith("<h"))),
        "ncc:totalTime": hms(elapsed),
    }
    ncc = folder / "ncc.html"
    draft = _ncc(head, entries, language, meta.title)
    head["ncc:kByteSize"] = str(round((size + len(draft.encode()) + 8) / 1024))
    ncc.write_text(_ncc(head, entries, language, meta.title), encoding="utf-8")
    return ncc


def _content(document: Document, language: str, timed: dict[int, ChapterAudio]) -> str:
    chapters = [c for i, c in enumerate(document.chapters) if i in timed]
    written = {block.id for chapter in chapters for block in chapter.blocks}
    style = Style(xml=True, every_sentence=True, note_href=lambda target: "#" + target if target in written else None)
    body = "\n".join(render(chapter, style) for chapter in chapters)
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{_XHTML_DOCTYPE}\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml"{lang_attributes(language, xml=True)}>\n<head>\n'
        '<meta http-equiv="Content-type" content="text/html; charset=utf-8"/>\n'
        f"<title>{escape(document.metadata.title)}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _smil(document: Document, chapter: ChapterAudio, mp3: str, elapsed: float) -> str:
    pars = "\n".join(
        f'<par endsync="last" id="p_{t.sentence_id}">'
        f'<text src="content.html#{t.sentence_id}" id="t_{t.sentence_id}"/>'
        f'<audio src="{mp3}" clip-begin="{npt(t.start)}" clip-end="{npt(t.end)}" id="a_{t.sentence_id}"/></par>'
        for t in chapter.timings
    )
    meta = {
        "dc:format": "Daisy 2.02",
        "dc:title": document.metadata.title,
        "dc:identifier": identifier(document),
        "ncc:generator": GENERATOR,
        "ncc:totalElapsedTime": hms(elapsed),
        "ncc:timeInThisSmil": hms(chapter.seconds),
    }
    metas = "\n".join(f"<meta name={quoteattr(k)} content={quoteattr(v)}/>" for k, v in meta.items())
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{_SMIL_DOCTYPE}\n<smil>\n<head>\n{metas}\n'
        '<layout><region id="txtView"/></layout>\n</head>\n'
        f'<body>\n<seq dur="{chapter.seconds:.3f}s">\n{pars}\n</seq>\n</body>\n</smil>\n'
    )


def _navigation(document: Document, timed: dict[int, ChapterAudio], smil_names: dict[int, str]):
    """The ncc body entries (headings and pages) and the counts the head reports."""
    entries: list[str] = []
    depth = pages = max_page = special = 0
    for index, chapter in enumerate(document.chapters):
        if index not in timed:
            continue
        spoken = {t.sentence_id for t in timed[index].timings}
        first = timed[index].timings[0].sentence_id
        smil = smil_names[index]
        has_heading = any(b.kind == HEADING for b in chapter.blocks)
        if not has_heading:
            entries.append(_heading(1, f"nav_{first}", smil, first, chapter.title or document.metadata.title))
            depth = max(depth, 1)
        for block in chapter.blocks:
            target = next((block.sentence_id(i) for i in range(max(len(block.sentences), 1))
                           if block.sentence_id(i) in spoken), None)  # fmt: skip
            if target is None:
                continue
            if block.kind == HEADING:
                level = min(max(block.level, 1), 6)
                depth = max(depth, level)
                entries.append(_heading(level, f"nav_{block.id}", smil, target, block.text))
            elif block.kind == PAGE_MARKER:
                number = block.text.strip()
                kind = "page-normal" if number.isdigit() else "page-special"
                if number.isdigit():
                    pages += 1
                    max_page = max(max_page, int(number))
                else:
                    special += 1
                entries.append(
                    f'<span class="{kind}" id="nav_{block.id}"><a href="{smil}#t_{target}">{escape(number)}</a></span>'
                )
    if entries and entries[0].startswith("<h1 "):
        entries[0] = entries[0].replace("<h1 ", '<h1 class="title" ', 1)
    return entries, depth, pages, max_page, special


def _heading(level: int, element_id: str, smil: str, target: str, text: str) -> str:
    return f'<h{level} id="{element_id}"><a href="{smil}#t_{target}">{escape(text)}</a></h{level}>'


def _ncc(head: dict[str, str], entries: list[str], language: str, title: str) -> str:
    metas = "\n".join(
        f"<meta name={quoteattr(k)} content={quoteattr(v)}" + (' scheme="yyyy-mm-dd"' if k == "dc:date" else "") + "/>"
        for k, v in head.items()
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{_XHTML_DOCTYPE}\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml"{lang_attributes(language, xml=True)}>\n<head>\n'
        '<meta http-equiv="Content-type" content="text/html; charset=utf-8"/>\n'
        f"<title>{escape(title)}</title>\n{metas}\n</head>\n<body>\n" + "\n".join(entries) + "\n</body>\n</html>\n"
    )
