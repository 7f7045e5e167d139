import pytest

from accessreader import atomic


def test_write_bytes_replaces_whole_file(tmp_path):
    target = tmp_path / "sub" / "book.brf"
    atomic.write_bytes(target, b"old")
    atomic.write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in target.parent.iterdir()] == ["book.brf"]


def test_failure_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "book.pef"
    target.write_bytes(b"whole")
    with pytest.raises(RuntimeError):
        with atomic.replacing(target) as temp:
            temp.write_bytes(b"half")
            raise RuntimeError("disk full")
    assert target.read_bytes() == b"whole"
    assert [p.name for p in tmp_path.iterdir()] == ["book.pef"]


def test_folder_outputs_replace_whole_folders(tmp_path):
    target = tmp_path / "book_daisy"
    with atomic.replacing(target, folder=True) as temp:
        (temp / "ncc.html").write_text("one")
    with atomic.replacing(target, folder=True) as temp:
        (temp / "ncc.html").write_text("two")
    assert (target / "ncc.html").read_text() == "two"
    assert [p.name for p in tmp_path.iterdir()] == ["book_daisy"]
