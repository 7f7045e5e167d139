"""Accounts: only admins manage people, and every change says who changed whom in the audit log."""

import pytest

from accessreader.errors import LastAdmin, NotAllowed, NotFound, NotLoggedIn
from accessreader.service.accounts import Accounts, console
from accessreader.service.people import ADMIN, READER, STAFF, People
from accessreader.service.rights import ADDED, CHANGED, SECRET_RESET, TOKENS_REVOKED, Audit
from tests.stores import LIGHT_HASHER


@pytest.fixture
def world(store):
    people = People(store, LIGHT_HASHER)
    return Accounts(people), Audit(store), people


def test_the_console_adds_the_first_admin_who_then_manages_readers(world):
    accounts, audit, people = world
    admin = accounts.add(console("root"), ADMIN, "chief", "long enough", "Chief Librarian")
    reader = accounts.add(admin, READER, "000123", "4711", "Айгүл", print_disabled=False)
    accounts.change(admin, reader.id, print_disabled=True, name=" Айгүл Серікқызы ")
    accounts.change(admin, reader.id, print_disabled=True)  # nothing differs: nothing logged
    accounts.reset(admin, reader.id, "9876")
    assert people.authenticate("000123", "9876").print_disabled
    token = people.issue_token(reader.id, "phone")
    assert accounts.revoke_tokens(admin, reader.id) == [token.id]
    log = [(c.actor_login, c.login, c.action, c.detail) for c in reversed(audit.changes())]
    assert log == [
        ("console:root", "chief", ADDED, "admin"),
        ("chief", "000123", ADDED, "reader"),
        ("chief", "000123", CHANGED, "name, print_disabled=yes"),
        ("chief", "000123", SECRET_RESET, ""),
        ("chief", "000123", TOKENS_REVOKED, "all"),
    ]
    assert [c.action for c in audit.changes(person_id=admin.id)] == [ADDED]
    recorded = repr(
        [{k: v for k, v in vars(c).items() if k != "at"} for c in audit.changes()]
    )  # a time's digits may match
    assert "9876" not in recorded and "4711" not in recorded


def test_only_admins_manage_people_and_others_learn_nothing(world):
    accounts, audit, people = world
    staff = people.register(STAFF, "librarian", "librarian1")
    reader = people.register(READER, "000123", "4711", print_disabled=True)
    for actor, refusal in ((None, NotLoggedIn), (staff, NotAllowed), (reader, NotAllowed)):
        with pytest.raises(refusal):
            accounts.list(actor)
        with pytest.raises(refusal):
            accounts.add(actor, ADMIN, "usurper", "long enough")
        with pytest.raises(refusal):
            accounts.change(actor, 999, active=False)  # refused before the person is looked up
        with pytest.raises(refusal):
            accounts.reset(actor, reader.id, "0000")
    assert people.by_login("usurper") is None and audit.changes() == []
    assert people.authenticate("000123", "4711") == reader


def test_deactivation_is_logged_and_the_last_admin_stays(world):
    accounts, audit, people = world
    admin = accounts.add(console("root"), ADMIN, "chief", "long enough")
    with pytest.raises(LastAdmin):
        accounts.change(admin, admin.id, active=False)
    staff = accounts.add(admin, STAFF, "librarian", "librarian1")
    session = people.start_session(staff.id)
    assert not accounts.change(admin, staff.id, active=False).active
    assert people.session_person(session) is None
    assert audit.changes(limit=1)[0].detail == "active=no"
    with pytest.raises(NotFound):
        accounts.find(admin, "nobody")
    assert accounts.find(admin, " librarian ").id == staff.id
