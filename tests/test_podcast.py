"""The private podcast feed: RSS 2.0 with iTunes tags, enclosures carrying the token, live chapters of unknown length,
artwork, and episodes dated in chapter order, read back by a real feed client (feedparser)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import httpx
import pytest
from lxml import etree
from PIL import Image

from accessreader.server.podcast import ITUNES, Episode, render
from accessreader.service.catalog import Title
from tests.servicekit import READER
from tests.webkit import serve, stop


def test_feed_is_rss_2_with_itunes_tags_and_one_episode_per_chapter():
    stamp = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    title = Title(7, "Абай жолы", ["Мұхтар Әуезов"], ["kk"], "Роман.", "", "", "", "abai.epub", "sources/x.epub",
                  "epub", 10, "sha256:abc", "ready", "", stamp, stamp)  # fmt: skip
    episodes = [Episode(1, "Бірінші тарау", 61.4, 4096), Episode(2, "Екінші тарау", None, 0)]
    rss = etree.fromstring(render(title, episodes, "http://lib.example", "t&k"))
    ns = {"itunes": ITUNES}
    channel = rss.find("channel")
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    assert [channel.findtext(t) for t in ("title", "link", "language")] == [
        "Абай жолы",
        "http://lib.example/titles/7",
        "kk",
    ]
    assert channel.findtext("itunes:author", namespaces=ns) == "Мұхтар Әуезов"
    assert channel.findtext("itunes:block", namespaces=ns) == "Yes"  # never listed in a directory
    assert channel.find("itunes:category", ns).get("text") == "Arts"
    first, second = channel.findall("item")
    assert first.find("enclosure").attrib == {
        "url": "http://lib.example/api/titles/7/audio/1.mp3?token=t%26k",
        "length": "4096",
        "type": "audio/mpeg",
    }
    assert first.findtext("itunes:duration", namespaces=ns) == "61"
    assert second.find("enclosure").get("length") == "0" and second.find("itunes:duration", ns) is None
    assert first.findtext("guid") != second.findtext("guid") and first.find("guid").get("isPermaLink") == "false"
    assert first.findtext("pubDate") == "Fri, 01 May 2026 11:59:00 +0000"  # a minute before the last chapter
    assert second.findtext("pubDate") == "Fri, 01 May 2026 12:00:00 +0000"  # the last: when the title was added
    assert channel.find("itunes:image", ns).get("href") == "http://lib.example/titles/7/cover.jpg"
    assert channel.findtext("image/url") == "http://lib.example/titles/7/cover.jpg"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    service, server, thread = serve(tmp_path_factory.mktemp("podcast"))
    yield service
    stop(server, thread, service.library)


def test_a_podcast_client_sees_the_artwork_and_the_chapters_in_order(served):
    feedparser = pytest.importorskip("feedparser")
    reader = httpx.Client(base_url=served.base, timeout=30)
    assert reader.post("/api/login", json={"login": READER[0], "secret": READER[1]}).status_code == 200
    token = reader.post("/api/tokens").json()["secret"]
    address = f"{served.base}/feeds/titles/{served.title}.rss?token={token}"
    feed = feedparser.parse(httpx.get(address, timeout=30).content)
    assert not feed.bozo, feed.get("bozo_exception")
    artwork = feed.feed.image.href
    assert artwork == f"{served.base}/titles/{served.title}/cover.jpg"
    picture = httpx.get(artwork, timeout=30)  # an app fetches the artwork without the feed's token
    assert picture.status_code == 200 and picture.headers["content-type"] == "image/jpeg"
    assert Image.open(io.BytesIO(picture.content)).size == (1400, 1400)  # the least podcast apps ask for

    entries = feed.entries
    assert [int(entry.itunes_episode) for entry in entries] == [1, 2, 3, 4]
    assert {entry.itunes_episodetype for entry in entries} == {"full"}
    dates = [entry.published_parsed for entry in entries]
    assert all(earlier < later for earlier, later in zip(dates, dates[1:], strict=False))  # strictly in order
    newest_first = sorted(entries, key=lambda entry: entry.published_parsed, reverse=True)
    assert [entry.title for entry in newest_first][-1] == entries[0].title  # an app sorting by date ends at chapter 1
