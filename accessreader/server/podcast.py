"""A private podcast feed of one title: RSS 2.0 with the iTunes tags podcast apps expect.

    (Title, [Episode], base URL, token) ──render──▶ RSS bytes

Each chapter is an episode whose enclosure is the chapter's MP3 URL carrying the
reader's token (the feed is private: whoever has its address listens as that
reader, so every enclosure request is checked and audited like any stream).  A
chapter whose audio is not made yet is still an episode: its enclosure is the
live stream, of unknown length (``length="0"``, as RSS allows for streams).

Apps show the channel's artwork (``itunes:image`` and RSS ``<image>``: the title's
cover, the title in large type, ``/titles/{id}/cover.jpg``, public like the title
page) and sort episodes by date: chapter N is published one minute after chapter
N-1, the last one at the time the title was added, so every app lists them in
order, none in the future; ``itunes:episode`` numbers them as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from email.utils import format_datetime
from urllib.parse import quote

from lxml import etree

from ..service.catalog import Title

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
ATOM = "http://www.w3.org/2005/Atom"
#: Time between two episodes' ``pubDate``: chapters come out in order, a minute apart.
EPISODE_STEP = timedelta(minutes=1)


@dataclass
class Episode:
    """One chapter as an episode: its 1-based number, title, length in seconds and bytes (0: live)."""

    number: int
    title: str
    seconds: float | None
    size: int


def render(title: Title, episodes: list[Episode], base: str, token: str) -> bytes:
    """The feed as UTF-8 XML; ``base`` is the service's address ("http://host:port")."""
    rss = etree.Element("rss", version="2.0", nsmap={"itunes": ITUNES, "atom": ATOM})
    channel = etree.SubElement(rss, "channel")
    page = f"{base}/titles/{title.id}"
    author = ", ".join(title.authors) or "AccessReader"
    language = (title.languages or ["ru"])[0]
    _text(channel, "title", title.title)
    _text(channel, "link", page)
    _text(channel, "description", title.description or title.title)
    _text(channel, "language", language)
    _text(channel, "lastBuildDate", format_datetime(title.updated_at))
    artwork = cover_url(base, title.id)
    image = etree.SubElement(channel, "image")
    for tag, text in (("url", artwork), ("title", title.title), ("link", page)):
        _text(image, tag, text)
    etree.SubElement(
        channel, f"{{{ATOM}}}link", href=f"{base}/feeds/titles/{title.id}.rss?token={quote(token)}",
        rel="self", type="application/rss+xml",
    )  # fmt: skip
    _text(channel, f"{{{ITUNES}}}author", author)
    _text(channel, f"{{{ITUNES}}}summary", title.description or title.title)
    etree.SubElement(channel, f"{{{ITUNES}}}image", href=artwork)
    _text(channel, f"{{{ITUNES}}}explicit", "false")
    _text(channel, f"{{{ITUNES}}}type", "serial")
    _text(channel, f"{{{ITUNES}}}block", "Yes")  # never list this private feed in a directory
    etree.SubElement(channel, f"{{{ITUNES}}}category", text="Arts").append(
        etree.Element(f"{{{ITUNES}}}category", text="Books")
    )
    last = max((episode.number for episode in episodes), default=0)
    for episode in episodes:
        item = etree.SubElement(channel, "item")
        _text(item, "title", episode.title)
        _text(item, "description", f"{title.title}: {episode.title}")
        url = f"{base}/api/titles/{title.id}/audio/{episode.number}.mp3?token={quote(token)}"
        etree.SubElement(item, "enclosure", url=url, length=str(episode.size), type="audio/mpeg")
        _text(item, "guid", f"{title.checksum}#{episode.number}", isPermaLink="false")
        _text(item, "pubDate", format_datetime(title.added_at - (last - episode.number) * EPISODE_STEP))
        _text(item, f"{{{ITUNES}}}episode", str(episode.number))
        _text(item, f"{{{ITUNES}}}episodeType", "full")
        if episode.seconds is not None:
            _text(item, f"{{{ITUNES}}}duration", str(round(episode.seconds)))
    return etree.tostring(rss, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def cover_url(base: str, title_id: int) -> str:
    """The address of a title's cover image (``web.cover``)."""
    return f"{base}/titles/{title_id}/cover.jpg"


def _text(parent: etree._Element, tag: str, text: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, **attributes)
    element.text = text
    return element
