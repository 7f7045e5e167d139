"""EPUB 3 with media overlays: the book's text read aloud, sentence by sentence.

    Document + [ChapterAudio] --write_epub3--> book.epub
        mimetype, META-INF/container.xml
        EPUB/package.opf      manifest (each chapter's XHTML names its overlay), spine,
                              media:duration per overlay and in total, media:active-class,
                              media:narrator per voice, accessibility metadata (schema:accessMode,
                              accessModeSufficient, accessibilityFeature, accessibilityHazard,
                              accessibilitySummary; dcterms:conformsTo EPUB Accessibility 1.1)
        EPUB/nav.xhtml        table of contents
        EPUB/text/001.xhtml   chapter text (by ``accessreader.xhtml``: emphasis, language spans with
                              lang and xml:lang, lists, tables, notes), every spoken sentence
                              in <span class="s" id="c1b4s2"> (a table's on its row)
        EPUB/smil/001.smil    SMIL 3.0: <par><text src="…#c1b4s2"/><audio clipBegin clipEnd/></par>
        EPUB/audio/001.mp3    chapter audio (from synthesis)

Only chapters that have audio are included.  Durations are rounded to the
millisecond once and the total is their sum, so epubcheck finds them consistent.
"""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from ..model import HEADING, Document
from ..xhtml import Style, lang_attributes, render
from .daisy import identifier
from .synthesis import ChapterAudio

_CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"""
_CSS = ".-epub-media-overlay-active { background-color: #ffff00; color: #000000; }\n"
ACTIVE_CLASS = "-epub-media-overlay-active"


def timestamp(seconds: float) -> str:
    """``h:mm:ss.mmm``, the full clock value SMIL 3.0 and EPUB metadata use."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def write_epub3(document: Document, audio: list[ChapterAudio], out: Path) -> Path:
    """Write the EPUB 3 at ``out`` (its parent must exist); return ``out``."""
    meta = document.metadata
    language = (meta.languages or ["und"])[0]
    durations = {c.chapter: round(c.seconds, 3) for c in audio}
    files = {
        block.id: f"{chapter.chapter + 1:03d}.xhtml"
        for chapter in audio
        for block in document.chapters[chapter.chapter].blocks
    }
    style = Style(xml=True, every_sentence=True, note_href=lambda t: f"{files[t]}#{t}" if t in files else None)
    with zipfile.ZipFile(out, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        deflate = {"compress_type": zipfile.ZIP_DEFLATED}
        book.writestr("META-INF/container.xml", _CONTAINER, **deflate)
        book.writestr("EPUB/style.css", _CSS, **deflate)
        book.writestr("EPUB/nav.xhtml", _nav(document, audio, language), **deflate)
        for chapter in audio:
            name = f"{chapter.chapter + 1:03d}"
            title = document.chapters[chapter.chapter].title or meta.title
            body = render(document.chapters[chapter.chapter], style)
            book.writestr(f"EPUB/text/{name}.xhtml", _xhtml(title, body, language), **deflate)
            book.writestr(f"EPUB/smil/{name}.smil", _smil(name, chapter), **deflate)
            book.write(chapter.files["mp3"], f"EPUB/audio/{name}.mp3", compress_type=zipfile.ZIP_STORED)
        book.writestr("EPUB/package.opf", _package(document, audio, durations, language), **deflate)
    return out


def _xhtml(title: str, body: str, language: str, css: str = "../style.css") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"{lang_attributes(language, xml=True)}>\n'
        f'<head>\n<meta charset="utf-8"/>\n<title>{escape(title)}</title>\n'
        f'<link rel="stylesheet" type="text/css" href="{css}"/>\n</head>\n'
        f'<body>\n<section id="text">\n{body}\n</section>\n</body>\n</html>\n'
    )


def _smil(name: str, chapter: ChapterAudio) -> str:
    pars = "\n".join(
        f'<par id="p_{t.sentence_id}"><text src="../text/{name}.xhtml#{t.sentence_id}"/>'
        f'<audio src="../audio/{name}.mp3" clipBegin="{timestamp(t.start)}" clipEnd="{timestamp(t.end)}"/></par>'
        for t in chapter.timings
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops" version="3.0">\n'
        f'<body>\n<seq id="s_{name}" epub:textref="../text/{name}.xhtml#text">\n{pars}\n</seq>\n</body>\n</smil>\n'
    )


def _nav(document: Document, audio: list[ChapterAudio], language: str) -> str:
    items: list[str] = []
    for chapter in audio:
        name = f"{chapter.chapter + 1:03d}"
        blocks = document.chapters[chapter.chapter].blocks
        heading = next((b for b in blocks if b.kind == HEADING), None)
        label = heading.text if heading else document.chapters[chapter.chapter].title or document.metadata.title
        anchor = f"#{heading.id}" if heading else ""
        items.append(f'<li><a href="text/{name}.xhtml{anchor}">{escape(label or name)}</a></li>')
    body = (
        f'<nav epub:type="toc" role="doc-toc" id="toc"><h1>{escape(document.metadata.title)}</h1>\n<ol>\n'
        + "\n".join(items)
    )
    return _xhtml(document.metadata.title, body + "\n</ol>\n</nav>", language, css="style.css")


#: What an EPUB 3 made here offers, as schema.org accessibility properties (EPUB Accessibility 1.1).
ACCESSIBILITY = [
    ("schema:accessMode", "textual"),
    ("schema:accessMode", "auditory"),
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessModeSufficient", "auditory"),
    ("schema:accessModeSufficient", "textual,auditory"),
    ("schema:accessibilityFeature", "synchronizedAudioText"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityHazard", "none"),
    ("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"),
    ("a11y:certifiedBy", "AccessReader"),
]


def _accessibility(audio: list[ChapterAudio]) -> str:
    """The accessibility metadata: access modes, features, hazards, a summary and conformance."""
    lines = [f'<meta property="{name}">{escape(value)}</meta>' for name, value in ACCESSIBILITY]
    summary = (
        "The full text of the book with a synthetic-speech recording of every sentence "
        f"({', '.join(_voices(audio)) or 'synthetic speech'}), synchronised sentence by sentence "
        "through media overlays: read it, listen to it, or both, the sentence being spoken highlighted. "
        "A table of contents and headings lead to each chapter; no flashing, sound or motion hazards."
    )
    lines.append(f'<meta property="schema:accessibilitySummary">{escape(summary)}</meta>')
    return "\n".join(lines)


def _voices(audio: list[ChapterAudio]) -> list[str]:
    return list(dict.fromkeys(name for chapter in audio for name in chapter.voices))


def _narrators(audio: list[ChapterAudio]) -> str:
    names = _voices(audio) or ["espeak-ng"]
    return "\n".join(f'<meta property="media:narrator">{escape(name)}</meta>' for name in names)


def _package(document: Document, audio: list[ChapterAudio], durations: dict[int, float], language: str) -> str:
    meta = document.metadata
    modified = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    manifest = [
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
        '<item id="css" href="style.css" media-type="text/css"/>',
    ]
    spine, overlays = [], []
    for chapter in audio:
        name = f"{chapter.chapter + 1:03d}"
        manifest += [
            f'<item id="t{name}" href="text/{name}.xhtml" media-type="application/xhtml+xml" media-overlay="m{name}"/>',
            f'<item id="m{name}" href="smil/{name}.smil" media-type="application/smil+xml"/>',
            f'<item id="a{name}" href="audio/{name}.mp3" media-type="audio/mpeg"/>',
        ]
        spine.append(f'<itemref idref="t{name}"/>')
        duration = timestamp(durations[chapter.chapter])
        overlays.append(f'<meta property="media:duration" refines="#m{name}">{duration}</meta>')
    creators = "\n".join(f"<dc:creator>{escape(a)}</dc:creator>" for a in meta.authors)
    total = timestamp(sum(durations.values()))
    return f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="bookid" xml:lang="{escape(language)}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="bookid">{escape(identifier(document))}</dc:identifier>
<dc:title>{escape(meta.title)}</dc:title>
<dc:language>{escape(language)}</dc:language>
{creators}
<meta property="dcterms:modified">{modified}</meta>
<meta property="media:duration">{total}</meta>
{chr(10).join(overlays)}
{_narrators(audio)}
<meta property="media:active-class">{ACTIVE_CLASS}</meta>
{_accessibility(audio)}
</metadata>
<manifest>
{chr(10).join(manifest)}
</manifest>
<spine>
{chr(10).join(spine)}
</spine>
</package>
"""
