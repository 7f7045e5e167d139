"""The shared (X)HTML walker: what a reader hears, in which order, with which marks."""

from accessreader.content.builder import DocumentBuilder
from accessreader.content.markup import Walk, index_notes, text_content
from accessreader.content.safety import parse_xml
from accessreader.model import SPAN_EMPHASIS, SPAN_LANG, SPAN_NOTEREF, Document

XHTML = (
    '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="ru">'
    "<head><title>t</title></head><body>{}</body></html>"
)


def walk(body: str, **options) -> tuple[Document, dict]:
    root = parse_xml(XHTML.format(body).encode(), "t.xhtml", "HTML")
    builder = DocumentBuilder("test")
    anchors: dict = {}
    run = Walk(builder, "t.xhtml", index_notes({"t.xhtml": root}), anchors=anchors, **options)
    run.run(root[1], lang="ru")
    return builder.build(), anchors


def blocks(document: Document) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for _, b in document.blocks()]


def test_reading_order_headings_and_skipped_content():
    doc, _ = walk(
        "<nav><ol><li>Contents</li></ol></nav><script>alert(1)</script><style>p{}</style>"
        "<h1>Бірінші тарау</h1><div>Вступление <b>жирным</b><p>Абзац</p>хвост</div>"
        '<p hidden="">скрыто</p><p style="display: none">скрыто</p><p aria-hidden="true">скрыто</p>'
        "<h3>Подраздел</h3><hr/><p>Конец</p>"
    )
    assert blocks(doc) == [
        ("heading", "Бірінші тарау"),
        ("paragraph", "Вступление жирным"),
        ("paragraph", "Абзац"),
        ("paragraph", "хвост"),
        ("heading", "Подраздел"),
        ("paragraph", "Конец"),
    ]
    assert [b.level for _, b in doc.blocks() if b.kind == "heading"] == [1, 3]


def test_lists_have_depth_and_labels():
    doc, _ = walk(
        "<ul><li>один<ul><li>два</li></ul></li><li>три</li></ul>"
        '<ol start="3" type="a"><li>c-item</li><li>d-item</li></ol>'
        '<ol><li>first</li><li value="7">seventh</li><li>eighth</li></ol>'
        '<ol type="I" reversed=""><li>three</li><li>two</li><li>one</li></ol>'
    )
    items = [(b.text, b.level, b.label) for _, b in doc.blocks()]
    assert items == [
        ("один", 1, "•"),
        ("два", 2, "•"),
        ("три", 1, "•"),
        ("c-item", 1, "c."),
        ("d-item", 1, "d."),
        ("first", 1, "1."),
        ("seventh", 1, "7."),
        ("eighth", 1, "8."),
        ("three", 1, "III."),
        ("two", 1, "II."),
        ("one", 1, "I."),
    ]
    assert {b.kind for _, b in doc.blocks()} == {"list_item"}


def test_table_marks_header_cells_and_keeps_caption_before_it():
    doc, _ = walk(
        "<table><caption>Тиражи</caption><thead><tr><th>Год</th><th>Экз.</th></tr></thead>"
        '<tbody><tr><td>2024</td><td>1 372 423</td></tr><tr><td colspan="2">итого</td></tr></tbody></table>'
    )
    caption, table = [b for _, b in doc.blocks()]
    assert (caption.kind, caption.text) == ("paragraph", "Тиражи")
    assert table.kind == "table"
    assert [[c.header for c in row] for row in table.rows] == [[True, True], [False, False], [False, False]]
    assert table.text.split("\n")[0] == "Год: 2024; Экз.: 1 372 423"


def test_images_keep_alt_text_or_caption_and_flag_missing_alt():
    doc, _ = walk(
        '<p>До <img src="img/map.png" alt="Карта Казахстана"/> после</p>'
        '<figure><img src="fig.png"/><figcaption>Рисунок 1. Степь</figcaption></figure>'
        '<figure><img src="both.png" alt="Юрта"/><figcaption>Подпись</figcaption></figure>'
        '<img src="bare.jpg"/><img src="spacer.gif" role="presentation"/>'
    )
    assert blocks(doc) == [
        ("paragraph", "До"),
        ("image", "Карта Казахстана"),
        ("paragraph", "после"),
        ("image", "Рисунок 1. Степь"),
        ("image", "Юрта"),
        ("paragraph", "Подпись"),
    ]
    assert doc.block("c0b1").label == "map.png"
    assert [(n.code, n.detail) for n in doc.notices] == [("image_without_alt", "bare.jpg")]


def test_poems_become_stanzas_with_one_line_each():
    doc, _ = walk(
        '<div class="poem"><h3>Қыс</h3>'
        '<div class="stanza"><span class="line">Ақ киімді,</span><span class="line">денелі, ақ сақалды,</span></div>'
        "<p>Соқыр, мылқау<br/>танымайды\n тірі жанды</p></div>"
        '<div epub:type="z3998:poem"><p class="line">one</p><p class="line">two</p><p> </p><p class="line">three</p></div>'
        '<p class="poem">Раз<br/>два<br/>\n<br/>три<br/>четыре</p>'
    )
    assert blocks(doc) == [
        ("heading", "Қыс"),
        ("stanza", "Ақ киімді,\nденелі, ақ сақалды,"),
        ("stanza", "Соқыр, мылқау\nтанымайды тірі жанды"),
        ("stanza", "one\ntwo"),
        ("stanza", "three"),
        ("stanza", "Раз\nдва"),
        ("stanza", "три\nчетыре"),
    ]


def test_footnote_and_reference_are_linked_both_ways():
    doc, _ = walk(
        '<p>Текст<a epub:type="noteref" href="#fn1">1</a> и ещё<a href="#en2">[2]</a>.</p>'
        '<aside epub:type="footnote" id="fn1"><p><a href="#r1">1</a> Сноска.</p></aside>'
        '<section epub:type="endnotes"><ol><li id="en1">Первая.</li><li id="en2"><p>Вторая.</p></li></ol></section>'
    )
    para = doc.block("c0b0")
    refs = [s for s in para.spans if s.kind == SPAN_NOTEREF]
    assert [para.text[s.start : s.end] for s in refs] == ["1", "[2]"]
    footnote, endnote = doc.block(refs[0].value), doc.block(refs[1].value)
    assert (footnote.kind, footnote.note_kind, footnote.label, footnote.note_ref) == ("note", "footnote", "1", para.id)
    assert (endnote.text, endnote.note_kind, endnote.label, endnote.note_ref) == ("Вторая.", "endnote", "2", para.id)
    assert doc.notices == []


def test_dangling_note_reference_becomes_a_notice():
    doc, _ = walk('<p>Текст<a epub:type="noteref" href="#nowhere">1</a></p>')
    assert not [s for s in doc.block("c0b0").spans if s.kind == SPAN_NOTEREF]
    assert [n.code for n in doc.notices] == ["note_missing"]


def test_page_breaks_come_before_the_text_they_open():
    doc, _ = walk(
        '<p>Конец страницы<span epub:type="pagebreak" title="17"/> начало следующей.</p>'
        '<div role="doc-pagebreak" id="page18"/><p>Дальше</p><span epub:type="pagebreak">xii</span>'
    )
    assert blocks(doc) == [
        ("page_marker", "17"),
        ("paragraph", "Конец страницы начало следующей."),
        ("page_marker", "18"),
        ("paragraph", "Дальше"),
        ("page_marker", "xii"),
    ]


def test_page_list_anchors_give_markers_in_place():
    doc, _ = walk('<p id="a">Первая</p><p id="b">Вторая</p>', pages={"": "1", "b": "2"})
    assert blocks(doc) == [("page_marker", "1"), ("paragraph", "Первая"), ("page_marker", "2"), ("paragraph", "Вторая")]


def test_languages_become_hints_and_spans_emphasis_is_kept():
    doc, _ = walk(
        '<p>Он сказал <span xml:lang="kk">«Сәлем»</span> и <em>ушёл</em>.</p>'
        '<p lang="en">An English <i>paragraph</i>.</p>'
    )
    ru, en = [b for _, b in doc.blocks()]
    assert ru.lang == "ru" and en.lang == "en"
    assert [(ru.text[s.start : s.end], s.value) for s in ru.spans if s.kind == SPAN_LANG] == [("«Сәлем»", "kk")]
    assert [ru.text[s.start : s.end] for s in ru.spans if s.kind == SPAN_EMPHASIS] == ["ушёл"]
    assert [en.text[s.start : s.end] for s in en.spans if s.kind == SPAN_EMPHASIS] == ["paragraph"]
    assert not [s for s in en.spans if s.kind == SPAN_LANG]


def test_block_quotes_and_anchors_point_at_the_first_block_there():
    doc, anchors = walk(
        '<section id="ch"><span epub:type="pagebreak" title="3"/><h2 id="h">Заголовок</h2>'
        '<blockquote><p id="q">Цитата <span id="inner">внутри</span></p></blockquote></section>'
    )
    assert blocks(doc)[2] == ("blockquote", "Цитата внутри")
    assert {k: v.id for k, v in anchors.items()} == {
        "t.xhtml": "c0b1",
        "t.xhtml#ch": "c0b1",
        "t.xhtml#h": "c0b1",
        "t.xhtml#q": "c0b2",
        "t.xhtml#inner": "c0b2",
    }


def test_chapter_level_starts_a_chapter_at_each_heading_of_that_level():
    doc, _ = walk("<p>Предисловие</p><h2>Один</h2><p>a</p><h3>Часть</h3><h2>Два</h2><p>b</p>", chapter_level=2)
    assert [c.title for c in doc.chapters] == ["", "Один", "Два"]
    assert [len(c.blocks) for c in doc.chapters] == [1, 3, 2]


def test_text_content_skips_page_numbers_and_notes():
    root = parse_xml(
        XHTML.format(
            '<h1 id="x">Глава<span epub:type="pagebreak">5</span> первая<sup><a epub:type="noteref">1</a></sup></h1>'
        ).encode(),
        "t",
        "HTML",
    )
    assert text_content(root[1][0]) == "Глава первая"
