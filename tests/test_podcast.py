"""The private podcast feed: RSS 2.0 with iTunes tags, enclosures carrying the token, live chapters of unknown length."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import etree

from accessreader.server.podcast import ITUNES, Episode, render
from accessreader.service.catalog import Title


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
    assert first.findtext("pubDate") == "Fri, 01 May 2026 12:00:00 +0000"
