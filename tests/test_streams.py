"""Listening over HTTP against the running service: ranges as players send them, live speech, positions, podcast feeds."""

from __future__ import annotations

import subprocess
import time

import httpx
import pytest
from lxml import etree

from accessreader.model import Locator
from accessreader.service.positions import open_positions
from accessreader.service.rights import STREAM
from tests.servicekit import READER, VISITOR, seconds_of
from tests.webkit import serve, stop


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    service, server, thread = serve(tmp_path_factory.mktemp("streams"))
    yield service
    stop(server, thread, service.library)


def client(served, who=READER) -> httpx.Client:
    session = httpx.Client(base_url=served.base, timeout=30)
    if who is not None:
        assert session.post("/api/login", json={"login": who[0], "secret": who[1]}).status_code == 200
    return session


def audio_file(served, number: int, codec: str) -> bytes:
    return (served.library.audiobooks.folder(served.title) / f"{number:03d}.{codec}").read_bytes()


def test_made_chapters_answer_range_requests_the_way_players_send_them(served):
    reader = client(served)
    whole = audio_file(served, 2, "mp3")
    url = f"/api/titles/{served.title}/audio/2.mp3"

    safari = reader.get(url, headers={"Range": "bytes=0-1"})  # Safari's first request
    assert safari.status_code == 206
    assert safari.headers["content-range"] == f"bytes 0-1/{len(whole)}"
    assert safari.headers["accept-ranges"] == "bytes" and safari.content == whole[:2]

    mpv = reader.get(url, headers={"Range": "bytes=0-"})  # mpv's first request
    assert mpv.status_code == 206 and mpv.content == whole

    seek = reader.get(url, headers={"Range": "bytes=1000-1999"})  # a seek into the middle
    assert seek.status_code == 206 and seek.content == whole[1000:2000]
    tail = reader.get(url, headers={"Range": "bytes=-500"})
    assert tail.content == whole[-500:]

    beyond = reader.get(url, headers={"Range": f"bytes={len(whole)}-"})
    assert beyond.status_code == 416 and beyond.headers["content-range"] == f"bytes */{len(whole)}"

    head = reader.head(url)  # players and podcast apps ask for the length first
    assert head.status_code == 200 and int(head.headers["content-length"]) == len(whole) and head.content == b""

    plain = reader.get(url)
    assert plain.status_code == 200 and plain.headers["content-type"] == "audio/mpeg" and plain.content == whole

    opus = audio_file(served, 2, "opus")
    part = reader.get(f"/api/titles/{served.title}/audio/2.opus", headers={"Range": "bytes=0-3"})
    assert part.status_code == 206 and part.content == b"OggS" == opus[:4]
    assert part.headers["content-type"] == "audio/ogg"


def test_streams_need_rights_and_every_stream_start_is_audited(served):
    url = f"/api/titles/{served.title}/audio/1.mp3"
    assert client(served, None).get(url).status_code == 401
    assert client(served, VISITOR).get(url).status_code == 403  # a reader not registered as print-disabled
    reader = client(served)
    audit = served.library.audit
    before = len(audit.entries(title_id=served.title, limit=1000))
    reader.get(url, headers={"Range": "bytes=0-"})
    reader.get(url, headers={"Range": "bytes=500-"})  # the same listener seeking: not a new stream
    entries = audit.entries(title_id=served.title, limit=1000)
    assert len(entries) == before + 1
    assert (entries[0].login, entries[0].action, entries[0].fmt) == (READER[0], STREAM, "mp3")

    token = reader.post("/api/tokens", params={"label": "phone"}).json()["secret"]
    assert client(served, None).get(url, params={"token": token}).status_code == 200
    assert client(served, None).get(url, params={"token": "not-a-token"}).status_code == 401


def test_a_chapter_not_made_yet_is_spoken_live_sentence_by_sentence(served, tmp_path):
    reader = client(served)
    chapters = reader.get(f"/api/titles/{served.live_title}/audio").json()
    assert [c["seconds"] for c in chapters] == [None, None, None] and chapters[1]["opus_href"] is None
    url = f"/api/titles/{served.live_title}/audio/2.mp3"
    started = time.perf_counter()
    with reader.stream("GET", url) as response:
        pieces = response.iter_bytes()
        first = next(pieces)
        waited = time.perf_counter() - started
        rest = b"".join(pieces)
    assert response.status_code == 200 and response.headers["content-type"] == "audio/mpeg"
    assert response.headers.get("transfer-encoding") == "chunked" and response.headers["accept-ranges"] == "none"
    assert first[:2] in (b"\xff\xfb", b"\xff\xf3")  # an MPEG audio frame, not a container header
    assert waited < 2.0  # the first sentence, not the chapter (the benchmark measures it closely)
    whole = seconds_of(first + rest, tmp_path)
    assert whole > 4.0  # the heading and three sentences

    later = reader.get(url, params={"from": "1:c1b1:2:0"})  # resume at the chapter's third sentence
    assert 0.5 < seconds_of(later.content, tmp_path) < whole - 2.0
    assert reader.get(url, params={"from": "nonsense"}).status_code == 422
    assert reader.get(f"/api/titles/{served.live_title}/audio/2.opus").status_code == 404
    head = reader.head(url)
    assert head.status_code == 200 and head.headers["content-type"] == "audio/mpeg" and head.content == b""
    assert served.library.audit.entries(title_id=served.live_title, limit=1)[0].detail.startswith("chapter 2 live")


def test_positions_are_saved_restored_and_map_to_times_in_the_audio(served):
    reader = client(served)
    url = f"/api/titles/{served.title}/position"
    assert reader.get(url).json() == {"locator": None, "chapter": None, "seconds": None}

    chapters = reader.get(f"/api/titles/{served.title}/audio").json()
    sentences = chapters[1]["sentences"]
    assert chapters[1]["seconds"] >= sentences[-1][2] > sentences[1][1] > 0
    third_id, third_start, third_end = sentences[2]
    saved = reader.put(url, json={"chapter": 2, "seconds": (third_start + third_end) / 2}).json()
    block, sentence = third_id.rsplit("s", 1)
    start = served.library.catalog.document(served.title).block(block).sentences[int(sentence)].start
    assert saved["locator"] == f"1:{block}:{sentence}:{start}"  # the offset where the sentence starts
    assert saved["seconds"] == pytest.approx(third_start)
    # A locator's offset is kept inside its sentence: one outside becomes the sentence's start.
    assert (
        reader.put(url, json={"locator": f"1:{block}:{sentence}:{start + 1}"}).json()["locator"]
        == f"1:{block}:{sentence}:{start + 1}"
    )
    assert reader.put(url, json={"locator": f"1:{block}:{sentence}:0"}).json()["locator"] == saved["locator"]

    # The braille terminal reads the same store: a position saved there is where the player resumes.
    title = served.library.catalog.get(served.title)
    terminal = open_positions(served.library.settings.data)
    assert str(terminal.load(READER[0], title.checksum).locator) == saved["locator"]
    block, sentence = sentences[1][0].rsplit("s", 1)
    terminal.save(READER[0], title.checksum, Locator(1, block, int(sentence), 4))
    assert reader.get(url).json() == {"locator": f"1:{block}:{sentence}:4", "chapter": 2, "seconds": sentences[1][1]}

    assert reader.put(url, json={"locator": "1:c9b9:0:0"}).status_code == 404
    assert reader.put(url, json={"locator": "1-c1b1"}).status_code == 422
    assert reader.put(url, json={}).status_code == 422
    assert client(served, None).get(url).status_code == 401


def test_the_private_podcast_feed_lists_chapters_with_enclosures_that_carry_the_token(served):
    reader = client(served)
    token = reader.post("/api/tokens").json()["secret"]
    stranger = client(served, None)
    assert stranger.get(f"/feeds/titles/{served.title}.rss").status_code == 401
    response = stranger.get(f"/feeds/titles/{served.title}.rss", params={"token": token})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/rss+xml")
    rss = etree.fromstring(response.content)
    itunes = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd"}
    assert rss.get("version") == "2.0" and rss.findtext("channel/title") == "Дала әндері"
    items = rss.findall("channel/item")
    assert len(items) == 4  # the title page and three chapters
    enclosure = items[2].find("enclosure")
    assert enclosure.get("type") == "audio/mpeg" and f"token={token}" in enclosure.get("url")
    assert int(enclosure.get("length")) == len(audio_file(served, 3, "mp3"))
    assert items[2].findtext("itunes:duration", namespaces=itunes).isdigit()
    assert len({item.findtext("guid") for item in items}) == 4
    episode = httpx.get(enclosure.get("url"), timeout=30)  # a podcast app: no cookie, only the feed's URL
    assert episode.status_code == 200 and episode.content == audio_file(served, 3, "mp3")


def test_every_range_that_hands_out_the_start_or_the_whole_file_is_audited(served):
    people, audit = served.library.people, served.library.audit
    listener = people.register("reader", "5005", "5555", "Listener", print_disabled=True)
    session = client(served, ("5005", "5555"))
    whole = audio_file(served, 3, "mp3")
    url = f"/api/titles/{served.title}/audio/3.mp3"

    def rows(person) -> int:
        return len(audit.entries(person_id=person.id, limit=1000))

    # Zeros written longer, a suffix longer than the file, ranges out of order, an invalid header (ignored:
    # the whole file), another unit: each hands out the whole chapter, and each is a stream in the log.
    for header in (
        "bytes=00-",
        "bytes=0000-",
        "bytes=-99999999",
        "bytes=100-,0-99",
        "bytes=5-1",
        "bytes=0-x",
        "items=0-",
    ):
        before = rows(listener)
        answer = session.get(url, headers={"Range": header})
        assert answer.status_code in (200, 206) and answer.content == whole, header
        assert rows(listener) == before + 1, header
    before = rows(listener)
    seek = session.get(url, headers={"Range": "bytes=1000-"})  # the same listener seeking on
    assert seek.status_code == 206 and seek.content == whole[1000:] and rows(listener) == before
    assert session.get(url, headers={"Range": f"bytes={len(whole)}-"}).status_code == 416

    # Someone who never started the chapter and asks from byte 1 gets all but one byte: a stream of its own.
    other = people.register("reader", "6006", "6666", "Other", print_disabled=True)
    answer = client(served, ("6006", "6666")).get(url, headers={"Range": "bytes=1-"})
    assert answer.status_code == 206 and answer.content == whole[1:]
    assert [(e.action, e.detail) for e in audit.entries(person_id=other.id)] == [(STREAM, "chapter 3")]


def test_a_live_chapter_plays_over_http_in_ffmpeg_and_answers_a_range_with_the_whole_stream(served, tmp_path):
    reader = client(served)
    path = f"/api/titles/{served.live_title}/audio/2.mp3"
    whole = reader.get(path).content
    token = reader.post("/api/tokens", params={"label": "ffmpeg"}).json()["secret"]
    url = f"{served.base}{path}?token={token}"

    probe = ["ffprobe", "-v", "error", "-show_entries", "stream=codec_name,sample_rate", "-of", "csv=p=0", url]
    assert subprocess.run(probe, capture_output=True, text=True, check=True).stdout.strip() == "mp3,22050"
    decode = ["ffmpeg", "-nostdin", "-v", "error", "-i", url, "-f", "s16le", "-ac", "1", "-ar", "22050", "-"]
    pcm = subprocess.run(decode, capture_output=True, check=True).stdout
    assert len(pcm) / 2 / 22050 == pytest.approx(seconds_of(whole, tmp_path), abs=0.15)  # to its very end

    # A seek sent as a byte range cannot be served before the audio exists: the Range header is
    # ignored (RFC 9110 §14.2), so the answer is the whole stream, 200 and no Content-Range,
    # which tells a player it got the start, not byte 5000.
    for asked in ("bytes=0-", "bytes=5000-", "bytes=0-1"):
        answer = reader.get(path, headers={"Range": asked})
        assert answer.status_code == 200 and "content-range" not in answer.headers
        assert answer.headers["accept-ranges"] == "none" and answer.content[:2] == whole[:2]
        assert seconds_of(answer.content, tmp_path) == pytest.approx(seconds_of(whole, tmp_path), abs=0.15)


def test_a_live_start_from_another_chapter_is_refused_in_the_readers_language(served):
    reader = client(served)
    path = f"/api/titles/{served.live_title}/audio/2.mp3"
    audit = served.library.audit
    before = len(audit.entries(title_id=served.live_title, limit=1000))

    other = reader.get(path, params={"from": "2:c2b1:0:0"}, headers={"Accept-Language": "ru"})
    assert other.status_code == 422 and other.json()["error"] == "other_chapter"
    assert other.json()["message"] == ("from=2:c2b1:0:0: это место в главе 3, а не в главе 2; включите главу 3 с него")
    kazakh = reader.get(path, params={"from": "2:c2b1:0:0", "lang": "kk"})
    assert kazakh.status_code == 422 and "3-тарауда" in kazakh.json()["message"]
    english = reader.head(path, params={"from": "0:c0b0:0:0"})  # a player's HEAD is refused alike
    assert english.status_code == 422

    missing = reader.get(path, params={"from": "1:c1b99:0:0"})  # this chapter, a block it does not have
    assert missing.status_code == 404 and "c1b99" in missing.json()["message"]
    assert len(audit.entries(title_id=served.live_title, limit=1000)) == before  # nothing was streamed
