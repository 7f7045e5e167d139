"""The FB2 reader, on FictionBook files written here by hand (UTF-8, windows-1251, zipped, hostile)."""

import io
import zipfile

import pytest
from click.testing import CliRunner

from accessreader import content
from accessreader.cli import main
from accessreader.errors import CorruptFile, UnsafeXml
from accessreader.model import (
    BLOCKQUOTE,
    HEADING,
    IMAGE,
    NOTE,
    PARAGRAPH,
    SPAN_EMPHASIS,
    SPAN_NOTEREF,
    STANZA,
    TABLE,
)

BOOK = """<?xml version="1.0" encoding="{encoding}"?>
<FictionBook xmlns="http://www.gribuser.ru/xml/fictionbook/2.0" xmlns:l="http://www.w3.org/1999/xlink">
 <description>
  <title-info>
   <genre>prose_classic</genre>
   <author><first-name>Абай</first-name><last-name>Құнанбайұлы</last-name></author>
   <author><nickname>Аударушы</nickname></author>
   <book-title>Қара сөздер</book-title>
   <annotation><p>Ойшылдың қара сөздері.</p><p>Второй абзац.</p></annotation>
   <date value="1890-01-01">1890</date>
   <lang>kk</lang>
  </title-info>
  <publish-info><publisher>Жазушы</publisher><year>2005</year><isbn>9965-00-000-0</isbn></publish-info>
 </description>
 <body>
  <title><p>Абай</p><p>Қара сөздер</p></title>
  <epigraph><p>Ғылым таппай мақтанба.</p><text-author>Абай</text-author></epigraph>
  <section id="s1">
   <title><p>Бірінші сөз</p></title>
   <p>Бұл жасқа келгенше <emphasis>жақсы</emphasis> өмір сүрдік.<a l:href="#n1" type="note">[1]</a></p>
   <p>Цитата <strong>по-русски</strong>: <style xml:lang="ru">«Жизнь прожить — не поле перейти»</style>.</p>
   <section id="s1-1">
    <title><p>Бөлімше</p></title>
    <subtitle>* * *</subtitle>
    <p>Ішкі мәтін.<a l:href="#n2">2</a></p>
    <poem>
     <title><p>Өлең</p></title>
     <stanza><v>Жаз болса, жайлауда</v><v>Көк шалғын, көк майса.</v></stanza>
     <stanza><v>Екінші шумақ</v><v>Соңғы жол</v></stanza>
     <text-author>Абай</text-author>
    </poem>
   </section>
  </section>
  <section id="s2">
   <title><p>Екінші сөз</p></title>
   <cite><p>Дәйексөз мәтіні.</p><text-author>Автор</text-author></cite>
   <table><tr><th>Жыл</th><th>Таралым</th></tr><tr><td>2024</td><td>1000</td></tr></table>
   <image l:href="#cover.jpg" alt="Абайдың портреті"/>
   <image l:href="#blank.png"/>
   <p>Соңы.</p>
  </section>
 </body>
 <body name="notes">
  <title><p>Ескертпелер</p></title>
  <section id="n1"><title><p>1</p></title><p>Бірінші ескертпе.</p></section>
  <section id="n2"><title><p>2</p></title><p>Екінші ескертпе.</p><p>Тағы бір жол.</p></section>
 </body>
 <binary id="cover.jpg" content-type="image/jpeg">AAAA</binary>
</FictionBook>
"""

RUSSIAN = """<?xml version="1.0" encoding="windows-1251"?>
<FictionBook xmlns="http://www.gribuser.ru/xml/fictionbook/2.0" xmlns:l="http://www.w3.org/1999/xlink">
 <description><title-info><author><first-name>Лев</first-name><middle-name>Николаевич</middle-name>
  <last-name>Толстой</last-name></author><book-title>Война и мир</book-title><lang>ru</lang></title-info>
  <document-info><id>doc-42</id></document-info>
  <publish-info><isbn>978-5-00-000000-0</isbn></publish-info></description>
 <body><section><title><p>Часть первая</p></title><p>— Eh bien, mon prince. Генуя и Лукка — поместья.</p></section></body>
</FictionBook>
"""


def fb2(encoding: str = "utf-8") -> bytes:
    return BOOK.format(encoding=encoding).encode(encoding)


def read(data: bytes, name: str = "book.fb2"):
    return content.read(data, name)


def blocks(doc):
    return [block for _, block in doc.blocks()]


def test_metadata_from_title_info_and_publish_info():
    meta = read(fb2()).metadata
    assert meta.title == "Қара сөздер"
    assert meta.authors == ["Абай Құнанбайұлы", "Аударушы"]
    assert meta.description == "Ойшылдың қара сөздері.\nВторой абзац."
    assert meta.date == "1890-01-01"
    assert meta.publisher == "Жазушы"
    assert meta.identifier == "urn:isbn:9965-00-000-0"
    assert meta.source_format == "fb2"
    assert "kk" in meta.languages


def test_sections_become_chapters_and_headings_have_nesting_levels():
    doc = read(fb2())
    assert [c.title for c in doc.chapters] == ["Абай Қара сөздер", "Бірінші сөз", "Екінші сөз", "Ескертпелер"]
    headings = [(b.text, b.level) for b in blocks(doc) if b.kind == HEADING]
    assert headings == [
        ("Абай Қара сөздер", 1),
        ("Бірінші сөз", 1),
        ("Бөлімше", 2),
        ("* * *", 3),
        ("Өлең", 3),
        ("Екінші сөз", 1),
        ("Ескертпелер", 1),
    ]
    assert [e.title for e in doc.toc][:3] == ["Абай Қара сөздер", "Бірінші сөз", "Бөлімше"]


def test_epigraph_and_cite_are_blockquotes_with_their_authors():
    quotes = [b.text for b in blocks(read(fb2())) if b.kind == BLOCKQUOTE]
    assert quotes == ["Ғылым таппай мақтанба.", "Абай", "Дәйексөз мәтіні.", "Автор"]


def test_poem_lines_are_kept_one_stanza_per_block():
    doc = read(fb2())
    stanzas = [b.text for b in blocks(doc) if b.kind == STANZA]
    assert stanzas == ["Жаз болса, жайлауда\nКөк шалғын, көк майса.", "Екінші шумақ\nСоңғы жол"]
    after = blocks(doc)[[b.kind for b in blocks(doc)].index(STANZA) + 2]
    assert (after.kind, after.text) == (PARAGRAPH, "Абай")


def test_notes_are_linked_both_ways_with_or_without_type_note():
    doc = read(fb2())
    notes = [b for b in blocks(doc) if b.kind == NOTE]
    assert [(n.label, n.text, n.note_kind) for n in notes] == [
        ("1", "Бірінші ескертпе.", "footnote"),
        ("2", "Екінші ескертпе.\nТағы бір жол.", "footnote"),
    ]
    for note in notes:
        referrer = doc.block(note.note_ref)
        ref = next(s for s in referrer.spans if s.kind == SPAN_NOTEREF)
        assert ref.value == note.id
    first = doc.block(notes[0].note_ref)
    assert first.text.endswith("сүрдік.[1]")
    assert all(n.code != "note_missing" for n in doc.notices)


def test_emphasis_and_declared_language_become_spans():
    doc = read(fb2())
    para = next(b for b in blocks(doc) if b.text.startswith("Бұл жасқа"))
    emphasis = [para.text[s.start : s.end] for s in para.spans if s.kind == SPAN_EMPHASIS]
    assert emphasis == ["жақсы"]
    quote = next(b for b in blocks(doc) if b.text.startswith("Цитата"))
    # The paragraph is Russian throughout, so it is a Russian block in a Kazakh book, not a span.
    assert quote.lang == "ru" and doc.metadata.languages[0] == "kk"


def test_table_with_header_row_and_images_with_alt_text():
    doc = read(fb2())
    table = next(b for b in blocks(doc) if b.kind == TABLE)
    assert table.text == "Жыл: 2024; Таралым: 1000"
    assert [c.header for c in table.rows[0]] == [True, True]
    images = [(b.text, b.label) for b in blocks(doc) if b.kind == IMAGE]
    assert images == [("Абайдың портреті", "cover.jpg")]
    assert [(n.code, n.detail) for n in doc.notices] == [("image_without_alt", "blank.png")]


def test_windows_1251_prolog_is_honoured():
    doc = read(RUSSIAN.encode("cp1251"))
    assert doc.metadata.title == "Война и мир"
    assert doc.metadata.authors == ["Лев Николаевич Толстой"]
    assert doc.metadata.identifier == "doc-42"  # document-info/id wins over the ISBN
    assert blocks(doc)[0].text == "Часть первая"
    assert blocks(doc)[1].text.startswith("— Eh bien, mon prince. Генуя")
    assert blocks(doc)[1].lang == "ru"


def test_zipped_fb2_reads_like_the_plain_file():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("abai.fb2", fb2())
    zipped = read(buffer.getvalue(), "abai.fb2.zip")
    plain = read(fb2())
    assert [b.text for b in blocks(zipped)] == [b.text for b in blocks(plain)]


def test_zip_without_one_fb2_is_refused_clearly():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.fb2", fb2())
        archive.writestr("b.fb2", fb2())
    with pytest.raises(CorruptFile) as caught:
        read(buffer.getvalue(), "two.fb2.zip")
    assert "2 .fb2 files" in caught.value.message("en")


XXE = """<?xml version="1.0"?>
<!DOCTYPE FictionBook [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<FictionBook xmlns="http://www.gribuser.ru/xml/fictionbook/2.0"><body><section><p>&secret;</p></section></body></FictionBook>
"""

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE FictionBook [<!ENTITY a "hahahahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<FictionBook xmlns="http://www.gribuser.ru/xml/fictionbook/2.0"><body><section><p>&d;</p></section></body></FictionBook>
"""


@pytest.mark.parametrize("text", [XXE, LAUGHS], ids=["xxe", "billion-laughs"])
def test_entity_declarations_are_refused(text):
    with pytest.raises(UnsafeXml):
        read(text.encode())


def test_cli_inspect_shows_outline_and_refuses_hostile_fb2(tmp_path):
    good = tmp_path / "abai.fb2"
    good.write_bytes(fb2())
    bad = tmp_path / "xxe.fb2"
    bad.write_bytes(XXE.encode())
    broken = tmp_path / "broken.fb2"
    broken.write_bytes(fb2()[:-200])
    runner = CliRunner()
    result = runner.invoke(main, ["--lang", "en", "inspect", str(good)])
    assert result.exit_code == 0
    assert "Қара сөздер" in result.output and "Бөлімше" in result.output
    result = runner.invoke(main, ["--lang", "ru", "inspect", str(bad)])
    assert result.exit_code == 2
    assert "XML-сущностей" in result.output and "Traceback" not in result.output
    result = runner.invoke(main, ["--lang", "kk", "inspect", str(broken)])
    assert result.exit_code == 2
    assert "FB2 файлы бүлінген" in result.output
