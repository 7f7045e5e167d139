"""The EPUB reader on real EPUB 2 and 3 files made with ebooklib, and on hostile or broken ones made by hand."""

import io
import json
import random
import zipfile

import pytest
from click.testing import CliRunner
from ebooklib import epub as ebook

from accessreader import content
from accessreader.cli import main
from accessreader.content import epub
from accessreader.content.safety import DEFAULT_LIMITS
from accessreader.errors import BadInput, CorruptFile, EncryptedFile, UnsafeXml
from accessreader.model import SPAN_LANG, SPAN_NOTEREF

HEAD = '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>'
CHAPTER_ONE = (
    HEAD
    + """
<section id="s1"><h1>Бірінші тарау</h1>
<p>Учитель сказал: <span xml:lang="kk">«Білім – таусылмас қазына»</span>, и <em>все</em> запомнили.<a epub:type="noteref" href="notes.xhtml#n1">1</a></p>
<span epub:type="pagebreak" id="page2" title="2"/>
<h2 id="lists">Списки и таблицы</h2>
<ol><li>Алматы</li><li>Астана<ul><li>Есиль</li></ul></li></ol>
<table><thead><tr><th>Год</th><th>Экз.</th></tr></thead><tbody><tr><td>2024</td><td>1 372 423</td></tr></tbody></table>
<p><img src="../images/steppe.png" alt="Степь на рассвете"/></p>
<div class="poem"><div class="stanza"><p class="line">Ақ киімді, денелі, ақ сақалды,</p>
<p class="line">Соқыр, мылқау, танымайды тірі жанды.</p></div></div>
</section></body></html>"""
)
CHAPTER_TWO = (
    HEAD
    + """<h1 id="t2">Глава вторая</h1>
<p id="p5">Первая страница главы.</p><p id="p6" xml:lang="en">The second page begins here.</p></body></html>"""
)
NOTES = (
    HEAD
    + """<h1>Примечания</h1>
<aside epub:type="footnote" id="n1"><p><a href="ch1.xhtml#s1">1</a> Абай, «Қара сөздер».</p></aside></body></html>"""
)
APPENDIX = HEAD + "<h1>Қосымша</h1><p>Не в основном порядке чтения.</p></body></html>"
PAGE_LIST = """<nav epub:type="page-list" hidden=""><ol>
<li><a href="text/ch1.xhtml#page2">2</a></li><li><a href="text/ch2.xhtml#p6">6</a></li></ol></nav></body>"""


def rewrite(data: bytes, member: str, change) -> bytes:
    """The archive with one member's text passed through ``change``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == member:
                body = change(body.decode()).encode()
            target.writestr(info, body, zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED)
    return out.getvalue()


def make_book(version: int) -> bytes:
    book = ebook.EpubBook()
    book.set_identifier("urn:isbn:9786010000001")
    book.set_title("Дала әуендері")
    book.set_language("ru")
    book.add_metadata("DC", "language", "kk")
    book.add_author("Абай Құнанбайұлы")
    book.add_author("Ахмет Байтұрсынұлы", uid="creator2")
    book.add_metadata("DC", "publisher", "Фолиант")
    book.add_metadata("DC", "date", "2024-05-01")
    book.add_metadata("DC", "description", "Сборник")
    pages = []
    for uid, file, title, body in (
        ("ch1", "text/ch1.xhtml", "Бірінші тарау", CHAPTER_ONE),
        ("ch2", "text/ch2.xhtml", "Глава вторая", CHAPTER_TWO),
        ("notes", "text/notes.xhtml", "Примечания", NOTES),
        ("appendix", "text/appendix.xhtml", "Қосымша", APPENDIX),
    ):
        page = ebook.EpubHtml(uid=uid, title=title, file_name=file, lang="ru")
        page.content = body
        book.add_item(page)
        pages.append(page)
    book.add_item(
        ebook.EpubImage(uid="steppe", file_name="images/steppe.png", media_type="image/png", content=b"\x89PNG")
    )
    book.toc = [
        ebook.Link("text/ch1.xhtml#s1", "Бірінші тарау", "t1"),
        (ebook.Section("Бөлімдер"), [ebook.Link("text/ch1.xhtml#lists", "Списки и таблицы", "t2")]),
        ebook.Link("text/ch2.xhtml", "Глава вторая", "t3"),
        ebook.Link("text/notes.xhtml", "Примечания", "t4"),
    ]
    book.add_item(ebook.EpubNcx())
    if version == 3:
        book.add_item(ebook.EpubNav())
    book.spine = [(pages[3], "no"), *pages[:3]]
    out = io.BytesIO()
    ebook.write_epub(out, book, {"epub3_pages": False, "epub2_guide": False})
    data = out.getvalue()
    if version == 3:
        return rewrite(data, "EPUB/nav.xhtml", lambda text: text.replace("</body>", PAGE_LIST))
    data = rewrite(data, "EPUB/content.opf", lambda text: text.replace('version="3.0"', 'version="2.0"'))
    page_list = (
        '<pageList><navLabel><text>Pages</text></navLabel><pageTarget id="pg6" type="normal" value="6">'
        '<navLabel><text>6</text></navLabel><content src="text/ch2.xhtml#p6"/></pageTarget></pageList></ncx>'
    )
    return rewrite(data, "EPUB/toc.ncx", lambda text: text.replace("</ncx>", page_list))


@pytest.fixture(scope="module")
def epub3() -> bytes:
    return make_book(3)


@pytest.fixture(scope="module")
def epub2() -> bytes:
    return make_book(2)


def read(data: bytes, name: str = "book.epub"):
    return epub.read(data, name, DEFAULT_LIMITS)


@pytest.mark.parametrize("version", [3, 2])
def test_reading_order_follows_the_spine_with_non_linear_items_last(version, epub3, epub2):
    doc = read(epub3 if version == 3 else epub2)
    assert [c.title for c in doc.chapters] == ["Бірінші тарау", "Глава вторая", "Примечания", "Қосымша"]
    kinds = [(b.kind, b.level) for b in doc.chapters[0].blocks]
    assert kinds == [
        ("heading", 1), ("paragraph", 0), ("page_marker", 0), ("heading", 2), ("list_item", 1), ("list_item", 1),
        ("list_item", 2), ("table", 0), ("image", 0), ("stanza", 0),
    ]  # fmt: skip
    first = doc.chapters[0].blocks
    assert [b.label for b in first[4:7]] == ["1.", "2.", "•"]
    assert first[7].text == "Год: 2024; Экз.: 1 372 423" and first[7].rows[0][0].header
    assert (first[8].text, first[8].label) == ("Степь на рассвете", "steppe.png")
    assert first[9].text == "Ақ киімді, денелі, ақ сақалды,\nСоқыр, мылқау, танымайды тірі жанды."


@pytest.mark.parametrize("version", [3, 2])
def test_metadata_from_the_package(version, epub3, epub2):
    meta = read(epub3 if version == 3 else epub2).metadata
    assert meta.title == "Дала әуендері"
    assert meta.authors == ["Абай Құнанбайұлы", "Ахмет Байтұрсынұлы"]
    assert meta.languages == ["ru", "kk"]
    assert (meta.identifier, meta.publisher, meta.date, meta.description) == (
        "urn:isbn:9786010000001", "Фолиант", "2024-05-01", "Сборник"
    )  # fmt: skip
    assert meta.source_format == "epub"


@pytest.mark.parametrize("version", [3, 2])
def test_toc_from_nav_or_ncx_points_at_the_right_blocks(version, epub3, epub2):
    doc = read(epub3 if version == 3 else epub2)
    toc = [(e.title, e.level, doc.block(e.block).text) for e in doc.toc]
    assert toc == [
        ("Бірінші тарау", 1, "Бірінші тарау"),
        ("Бөлімдер", 1, "Списки и таблицы"),
        ("Списки и таблицы", 2, "Списки и таблицы"),
        ("Глава вторая", 1, "Глава вторая"),
        ("Примечания", 1, "Примечания"),
    ]


def test_footnote_is_linked_to_its_reference_both_ways(epub3):
    doc = read(epub3)
    para = doc.chapters[0].blocks[1]
    ref = next(s for s in para.spans if s.kind == SPAN_NOTEREF)
    note = doc.block(ref.value)
    assert (note.kind, note.note_kind, note.label, note.note_ref) == ("note", "footnote", "1", para.id)
    assert note.text == "1 Абай, «Қара сөздер»."
    assert para.text[ref.start : ref.end] == "1"


@pytest.mark.parametrize("version", [3, 2])
def test_page_list_gives_markers_only_where_the_body_has_none(version, epub3, epub2):
    doc = read(epub3 if version == 3 else epub2)
    markers = [(c, b.text) for c, b in doc.blocks() if b.kind == "page_marker"]
    assert markers == [(0, "2"), (1, "6")]  # page 2 once (from the body), page 6 from the list
    second = [(b.kind, b.text) for b in doc.chapters[1].blocks]
    assert second[2:4] == [("page_marker", "6"), ("paragraph", "The second page begins here.")]


def test_kazakh_quote_in_a_russian_paragraph_is_a_kk_span(epub3):
    doc = read(epub3)
    para = doc.chapters[0].blocks[1]
    assert para.lang == "ru"
    spans = [(para.text[s.start : s.end], s.value) for s in para.spans if s.kind == SPAN_LANG]
    assert spans == [("«Білім – таусылмас қазына»", "kk")]
    english = doc.chapters[1].blocks[3]
    assert english.lang == "en"


def test_read_sniffs_epub_and_cli_inspect_reports_it(epub3, tmp_path):
    doc = content.read(epub3, "dala.epub")
    assert doc.metadata.source_format == "epub" and doc.metadata.source_checksum.startswith("sha256:")
    assert doc.toc[1].block == doc.chapters[0].blocks[3].id
    path = tmp_path / "dala.epub"
    path.write_bytes(epub3)
    result = CliRunner().invoke(main, ["inspect", "--json", str(path)])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["title"] == "Дала әуендері" and summary["chapters"] == 4
    assert summary["page_markers"] == 2
    assert summary["headings"][0] == {"level": 1, "text": "Бірінші тарау"}


# --- hostile and broken files, made by hand -------------------------------------------------

CONTAINER = (
    '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
    '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
    "</rootfiles></container>"
)
OPF = """<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Hand made</dc:title>
<dc:identifier id="id">x</dc:identifier><dc:language>en</dc:language></metadata>
<manifest><item id="c" href="c.xhtml" media-type="application/xhtml+xml"/>
<item id="f" href="font.otf" media-type="font/otf"/></manifest><spine><itemref idref="c"/></spine></package>"""
PAGE = '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Hello.</p></body></html>'


def hand_made(**members: str) -> bytes:
    files = {
        "META-INF/container.xml": CONTAINER,
        "OEBPS/content.opf": OPF,
        "OEBPS/c.xhtml": PAGE,
        "OEBPS/font.otf": "x",
    }
    files.update({k.replace("__", "/").replace("_dot_", "."): v for k, v in members.items()})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip", zipfile.ZIP_STORED)
        for member, text in files.items():
            archive.writestr(member, text, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def encryption(algorithm: str, uri: str) -> str:
    return (
        '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
        'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
        f'<enc:EncryptionMethod Algorithm="{algorithm}"/><enc:CipherData>'
        f'<enc:CipherReference URI="{uri}"/></enc:CipherData></enc:EncryptedData></encryption>'
    )


def test_hand_made_epub_reads():
    doc = read(hand_made())
    assert [b.text for _, b in doc.blocks()] == ["Hello."]


def test_drm_is_refused_with_a_message_in_each_language():
    data = hand_made(
        **{"META-INF__encryption_dot_xml": encryption("http://www.w3.org/2001/04/xmlenc#aes128-cbc", "OEBPS/c.xhtml")}
    )
    with pytest.raises(EncryptedFile) as caught:
        read(data, "locked.epub")
    assert "DRM" in caught.value.message("en") and "locked.epub" in caught.value.message("en")
    assert "DRM" in caught.value.message("kk") and "DRM" in caught.value.message("ru")


@pytest.mark.parametrize(
    "algorithm",
    [
        "http://www.idpf.org/2008/embedding",
        "http://ns.adobe.com/pdf/enc#RC",
        "http://www.w3.org/2001/04/xmlenc#aes128-cbc",
    ],
)
def test_font_obfuscation_or_encrypted_fonts_are_not_drm(algorithm):
    data = hand_made(**{"META-INF__encryption_dot_xml": encryption(algorithm, "OEBPS/font.otf")})
    assert [b.text for _, b in read(data).blocks()] == ["Hello."]


def test_truncated_archive_is_reported_as_damaged(epub3):
    with pytest.raises(CorruptFile) as caught:
        read(epub3[: len(epub3) // 2], "cut.epub")
    assert "cut.epub" in caught.value.message("en")
    with pytest.raises(CorruptFile):
        content.read(epub3[: len(epub3) // 2], "cut.epub")


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + ']><html xmlns="http://www.w3.org/1999/xhtml"><body><p>&lol9;</p></body></html>'
)
EXTERNAL = (
    '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&xxe;</p></body></html>'
)


@pytest.mark.parametrize(
    "member, text",
    [
        ("OEBPS__c_dot_xhtml", BILLION_LAUGHS),
        ("OEBPS__c_dot_xhtml", EXTERNAL),
        (
            "OEBPS__content_dot_opf",
            OPF.replace('<?xml version="1.0"?>', '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY e "x">]>'),
        ),
        (
            "META-INF__container_dot_xml",
            CONTAINER.replace("?>", '?><!DOCTYPE c [<!ENTITY e SYSTEM "http://example.com/">]>', 1),
        ),
    ],
    ids=["billion-laughs-xhtml", "external-entity-xhtml", "entity-in-opf", "entity-in-container"],
)
def test_entity_declarations_are_refused_before_ebooklib(member, text):
    with pytest.raises(UnsafeXml):
        read(hand_made(**{member: text}), "evil.epub")


def test_cli_reports_unsafe_epub_with_exit_code_2(tmp_path):
    path = tmp_path / "evil.epub"
    path.write_bytes(hand_made(OEBPS__c_dot_xhtml=BILLION_LAUGHS))
    result = CliRunner().invoke(main, ["--lang", "kk", "inspect", str(path)])
    assert result.exit_code == 2
    assert "қауіпсіздік үшін қабылданбады" in result.output


@pytest.mark.parametrize(
    "members",
    [
        {"OEBPS__content_dot_opf": OPF.replace('href="c.xhtml"', 'href="missing.xhtml"')},
        {"META-INF__container_dot_xml": CONTAINER.replace("OEBPS/content.opf", "nowhere.opf")},
        {"OEBPS__content_dot_opf": "<package/>"},
    ],
    ids=["missing-chapter", "missing-package", "empty-package"],
)
def test_broken_packages_are_corrupt_files_not_tracebacks(members):
    with pytest.raises(CorruptFile):
        read(hand_made(**members), "broken.epub")


def test_tag_soup_chapter_is_still_read():
    doc = read(hand_made(OEBPS__c_dot_xhtml="<html><body><p>One &nbsp; two<p>Three</body></html>"))
    assert [b.text for _, b in doc.blocks()] == ["One two", "Three"]


def test_damaged_members_give_a_book_or_a_clear_refusal_never_a_traceback(epub3):
    """Random damage inside the members (not the ZIP structure): ebooklib and lxml errors are mapped."""
    rnd = random.Random(7)
    source = zipfile.ZipFile(io.BytesIO(epub3))
    members = {n: source.read(n) for n in source.namelist()}
    outcomes = set()
    for _ in range(40):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for member, data in members.items():
                body = bytearray(data)
                if member != "mimetype" and rnd.random() < 0.4:
                    for _ in range(rnd.randint(1, 5)):
                        body[rnd.randrange(len(body))] = rnd.choice(b'<>&"/x\x00 ')
                    if rnd.random() < 0.2:
                        body = body[: rnd.randrange(len(body))]
                archive.writestr(member, bytes(body))
        try:
            read(out.getvalue(), "damaged.epub")
            outcomes.add("read")
        except BadInput:
            outcomes.add("refused")
    assert outcomes == {"read", "refused"}
