"""Rights (Marrakesh Treaty): who gets accessible copies; every delivery in the audit log."""

import pytest

from accessreader.errors import NotAllowed, NotFound, NotLoggedIn
from accessreader.service.catalog import Catalog
from accessreader.service.people import ADMIN, READER, STAFF, People
from accessreader.service.rights import (
    DOWNLOAD,
    MANAGE_PEOPLE,
    MANAGE_TITLES,
    READ,
    STREAM,
    Audit,
    may_manage_people,
    may_manage_titles,
    may_read,
    require,
)
from tests.stores import LIGHT_HASHER


@pytest.fixture(scope="module")
def world(module_store):
    store = module_store
    people = People(store, LIGHT_HASHER)
    catalog = Catalog(store)
    title = catalog.add_source("Абай жолы\n\nҚалың қар жауды.".encode(), "abai.txt").title
    catalog.publish_rendition(title.id, "brf", "abai.brf", b",abai jolu", "text/plain")
    catalog.publish_rendition(title.id, "mp3", "abai.mp3", b"ID3" + bytes(64), "audio/mpeg")
    who = {
        "anonymous": None,
        "reader": people.register(READER, "000001", "1111"),
        "print-disabled reader": people.register(READER, "000002", "2222", print_disabled=True),
        "staff": people.register(STAFF, "librarian", "librarian1"),
        "admin": people.register(ADMIN, "admin", "administrator"),
        "former staff": people.update(people.register(STAFF, "former", "former-staff").id, active=False),
    }
    return store, title, who


@pytest.mark.parametrize(
    "who, read, manage_titles, manage_people",
    [
        ("anonymous", False, False, False),
        ("reader", False, False, False),  # not registered as print-disabled: the catalog only
        ("print-disabled reader", True, False, False),
        ("staff", True, True, False),
        ("admin", True, True, True),
        ("former staff", False, False, False),
    ],
)
def test_decisions(world, who, read, manage_titles, manage_people):
    person = world[2][who]
    assert (may_read(person), may_manage_titles(person), may_manage_people(person)) == (
        read,
        manage_titles,
        manage_people,
    )


def test_requirements_say_whether_to_log_in_or_that_it_is_not_allowed(world):
    who = world[2]
    for right in (READ, MANAGE_TITLES, MANAGE_PEOPLE):
        with pytest.raises(NotLoggedIn):
            require(None, right)
    with pytest.raises(NotAllowed) as refused:
        require(who["reader"], READ)
    assert not isinstance(refused.value, NotLoggedIn)
    with pytest.raises(NotAllowed):
        require(who["print-disabled reader"], MANAGE_TITLES)
    with pytest.raises(NotAllowed):
        require(who["staff"], MANAGE_PEOPLE)
    assert require(who["admin"], MANAGE_PEOPLE) is who["admin"]


def test_a_delivery_is_logged_with_who_what_and_how(world):
    store, title, who = world
    audit = Audit(store)
    reader = who["print-disabled reader"]
    rendition, path = audit.deliver(reader, title.id, "brf")
    assert path.read_bytes() == b",abai jolu"
    assert rendition.media_type == "text/plain"
    audit.deliver(who["staff"], title.id, "mp3", STREAM, detail="bytes=0-1")
    newest, previous = audit.entries(title_id=title.id, limit=2)
    assert (newest.login, newest.fmt, newest.action, newest.detail) == ("librarian", "mp3", STREAM, "bytes=0-1")
    assert (previous.person_id, previous.login, previous.fmt, previous.action) == (reader.id, "000002", "brf", DOWNLOAD)
    assert [e.id for e in audit.entries(person_id=reader.id)] == [previous.id]


@pytest.mark.parametrize("who", ["anonymous", "reader", "former staff"])
def test_a_refused_delivery_hands_out_nothing_and_logs_nothing(world, who):
    store, title, people = world
    audit = Audit(store)
    before = audit.entries(limit=1000)
    with pytest.raises(NotAllowed):
        audit.deliver(people[who], title.id, "brf")
    if people[who] is not None:
        with pytest.raises(NotAllowed):
            audit.record(people[who], title.id, "mp3", STREAM)
    assert audit.entries(limit=1000) == before


def test_a_missing_format_is_not_found_and_not_logged(world):
    store, title, who = world
    audit = Audit(store)
    before = len(audit.entries(limit=1000))
    with pytest.raises(NotFound):
        audit.deliver(who["staff"], title.id, "pef")
    with pytest.raises(NotFound):
        audit.deliver(who["staff"], title.id + 100, "brf")
    assert len(audit.entries(limit=1000)) == before


def test_a_live_stream_start_is_recorded(world):
    store, title, who = world
    entry = Audit(store).record(who["print-disabled reader"], title.id, "opus", STREAM, "chapter 3, live")
    assert (entry.action, entry.detail, entry.title_id) == (STREAM, "chapter 3, live", title.id)
    with pytest.raises(ValueError):
        Audit(store).record(who["staff"], title.id, "mp3", "print")
