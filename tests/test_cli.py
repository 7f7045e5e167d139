from braille_samples import corpus_document
from click.testing import CliRunner
from lxml import html

from accessreader.cli import main


def book(tmp_path, name="book.json"):
    path = tmp_path / name
    path.write_text(corpus_document().to_json(), encoding="utf-8")
    return path


def test_convert_writes_brf_pef_and_unicode(tmp_path):
    source = book(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["convert", str(source), "--to", "brf,pef,ubrl", "-o", str(out), "--cells", "32", "--lines", "20", "--grade", "en=1"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["book.brf", "book.pef", "book.ubrl.txt"]
    brf = (out / "book.brf").read_bytes().decode("ascii")
    assert [line for line in brf.replace("\f", "").split("\r\n") if len(line) > 32] == []
    assert all(page.count("\r\n") <= 20 for page in brf.split("\f"))
    assert "book.pef" in result.output


def test_convert_defaults_to_brf_beside_the_book(tmp_path):
    source = book(tmp_path)
    result = CliRunner().invoke(main, ["convert", str(source)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "book.brf").is_file()


def test_bad_input_exits_2_with_a_message_and_no_file(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(main, ["convert", str(tmp_path / "nope.epub")])
    assert missing.exit_code == 2 and "nope.epub" in missing.output
    garbage = tmp_path / "bad.json"
    garbage.write_bytes(b'{"schema": 1, "chapters": [')
    broken = runner.invoke(main, ["--lang", "ru", "convert", str(garbage), "--to", "brf"])
    assert broken.exit_code == 2 and "повреждён" in broken.output
    source = book(tmp_path)
    for args in (["--grade", "kk=2"], ["--to", "mp9"], ["--cells", "5"], ["--dots", "8", "--to", "brf"]):
        result = runner.invoke(main, ["convert", str(source), "-o", str(tmp_path / "x"), *args])
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
    assert not (tmp_path / "x").exists() or list((tmp_path / "x").iterdir()) == []


def test_untranslated_characters_are_reported_with_their_place(tmp_path):
    document = corpus_document()
    document.chapters[0].blocks[2].text += " 中"
    source = tmp_path / "odd.json"
    source.write_text(document.to_json(), encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", str(source), "--to", "ubrl"])
    assert result.exit_code == 0
    assert "c0b2:" in result.output and "U+4E2D" in result.output


def test_proof_writes_an_html_page(tmp_path):
    source = book(tmp_path)
    result = CliRunner().invoke(main, ["--lang", "en", "proof", str(source), "-o", str(tmp_path / "p.html")])
    assert result.exit_code == 0, result.output
    page = html.fromstring((tmp_path / "p.html").read_text("utf-8"))
    assert page.find(".//table/caption").text == "Корпус"
    assert CliRunner().invoke(main, ["proof", str(source)]).exit_code == 0
    assert (tmp_path / "book.proof.html").is_file()
