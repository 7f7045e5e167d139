"""How fast the EPUB and HTML readers are, against the bare parsing they are built on.

Run: ``python benchmarks/read_epub_html.py [chapters]`` from the project root.

Builds a synthetic book in memory (chapters of paragraphs with Kazakh spans,
emphasis, footnotes, page breaks, a list and a table), then times, best of 3:

- baseline: ebooklib opening the EPUB plus lxml parsing every chapter and
  joining its text (what any reader pays before making a model);
- accessreader.content.epub.read (the draft Document) and accessreader.content.read
  (with languages, sentences and TOC);
- the same book as one HTML file: lxml.html parse + text_content against
  accessreader.content.html.read.

Prints seconds and the ratio to the baseline measured in the same run.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import lxml.html  # noqa: E402
from ebooklib import epub as ebook  # noqa: E402
from lxml import etree  # noqa: E402

from accessreader import content  # noqa: E402
from accessreader.content import epub, html  # noqa: E402
from accessreader.content.safety import DEFAULT_LIMITS  # noqa: E402

PARAGRAPH = (
    '<p>Абзац {n}: учитель сказал <span xml:lang="kk">«Білім – таусылмас қазына»</span>, и <em>все</em> '
    'запомнили эти слова надолго.<a epub:type="noteref" href="#fn{c}-{n}">{n}</a></p>'
)


def chapter_body(c: int, paragraphs: int) -> str:
    parts = [f"<h1>Глава {c}</h1>"]
    for n in range(paragraphs):
        if n % 40 == 0:
            parts.append(f'<span epub:type="pagebreak" title="{c * 10 + n // 40}"/>')
        parts.append(PARAGRAPH.format(n=n, c=c))
    parts.append("<ul>" + "".join(f"<li>пункт {i}</li>" for i in range(10)) + "</ul>")
    parts.append("<table><tr><th>Год</th><th>Экз.</th></tr>" + "<tr><td>2024</td><td>1 372</td></tr>" * 10 + "</table>")
    parts += [
        f'<aside epub:type="footnote" id="fn{c}-{n}"><p>{n}. Примечание {n}.</p></aside>' for n in range(paragraphs)
    ]
    return "".join(parts)


def make_epub(chapters: int, paragraphs: int) -> bytes:
    book = ebook.EpubBook()
    book.set_identifier("bench")
    book.set_title("Benchmark")
    book.set_language("ru")
    items = []
    for c in range(chapters):
        item = ebook.EpubHtml(title=f"Глава {c}", file_name=f"c{c}.xhtml", lang="ru")
        item.content = (
            '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>'
            + chapter_body(c, paragraphs)
            + "</body></html>"
        )
        book.add_item(item)
        items.append(item)
    book.toc = [ebook.Link(i.file_name, i.title, f"t{n}") for n, i in enumerate(items)]
    book.add_item(ebook.EpubNcx())
    book.add_item(ebook.EpubNav())
    book.spine = items
    out = io.BytesIO()
    ebook.write_epub(out, book, {"epub3_pages": False})
    return out.getvalue()


def make_html(chapters: int, paragraphs: int) -> bytes:
    body = "".join(chapter_body(c, paragraphs) for c in range(chapters))
    return f'<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>B</title></head><body>{body}</body></html>'.encode()


def epub_baseline(data: bytes) -> int:
    book = ebook.read_epub(io.BytesIO(data), {"ignore_ncx": True})
    size = 0
    for item in book.get_items_of_type(9):  # ebooklib.ITEM_DOCUMENT
        size += len("".join(etree.fromstring(item.get_content()).itertext()))
    return size


def html_baseline(data: bytes) -> int:
    return len(lxml.html.document_fromstring(data).text_content())


def best(function, *args) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    chapters = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    paragraphs = 100
    book = make_epub(chapters, paragraphs)
    page = make_html(chapters, paragraphs)
    print(
        f"book: {chapters} chapters x {paragraphs} paragraphs + notes; EPUB {len(book) // 1024} KB, HTML {len(page) // 1024} KB"
    )
    rows = [
        ("EPUB baseline (ebooklib + lxml text)", best(epub_baseline, book), None),
        ("epub.read (draft Document)", best(epub.read, book, "b.epub", DEFAULT_LIMITS), "EPUB"),
        ("content.read EPUB (finished)", best(content.read, book, "b.epub"), "EPUB"),
        ("HTML baseline (lxml.html text)", best(html_baseline, page), None),
        ("html.read (draft Document)", best(html.read, page, "b.html", DEFAULT_LIMITS), "HTML"),
        ("content.read HTML (finished)", best(content.read, page, "b.html"), "HTML"),
    ]
    baselines = {"EPUB": rows[0][1], "HTML": rows[3][1]}
    for label, seconds, kind in rows:
        ratio = f"  x{seconds / baselines[kind]:.1f} baseline" if kind else ""
        print(f"{label:40s} {seconds:8.3f} s{ratio}")


if __name__ == "__main__":
    main()
