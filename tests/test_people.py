"""People: hashed PINs and passwords, logins, sessions, revocable tokens."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from accessreader.errors import (
    AlreadyRegistered,
    BadCredentials,
    LastAdmin,
    NotFound,
    TokenScope,
    TooManyAttempts,
    WeakSecret,
)
from accessreader.service import schema
from accessreader.service.people import ADMIN, APP, FEED, MAX_FAILURES, READER, STAFF, TOKEN_LOG_DAYS, People
from accessreader.service.throttle import CARD, CLIENT
from tests.stores import LIGHT_HASHER


@pytest.fixture
def people(store):
    return People(store, LIGHT_HASHER)


def test_a_reader_logs_in_with_card_number_and_pin(people):
    reader = people.register(READER, " 000123 ", "4711", "Айгүл Серікқызы", print_disabled=True)
    assert (reader.role, reader.login, reader.name, reader.print_disabled) == (
        READER,
        "000123",
        "Айгүл Серікқызы",
        True,
    )
    assert people.authenticate("000123", "4711") == reader
    assert people.by_login("000123") == reader
    assert people.get(reader.id) == reader


def stored_hash(people):
    with people.store.begin() as connection:
        return connection.execute(sa.text("SELECT secret_hash FROM people")).scalar_one()


def test_secrets_are_stored_only_as_argon2_hashes(people):
    people.register(STAFF, "librarian", "correct horse")
    assert stored_hash(people).startswith("$argon2id$")
    assert "correct horse" not in stored_hash(people)


def test_a_hash_made_at_a_lower_cost_is_strengthened_at_the_next_login(people):
    people.register(READER, "000123", "4711")
    light = stored_hash(people)
    default = People(people.store)  # argon2-cffi's recommended cost
    assert default.authenticate("000123", "4711").login == "000123"
    strengthened = stored_hash(people)
    assert strengthened != light and "m=65536" in strengthened
    assert default.authenticate("000123", "4711").login == "000123"
    assert stored_hash(people) == strengthened


def test_wrong_pin_and_unknown_card_get_the_same_answer(people):
    people.register(READER, "000123", "4711")
    with pytest.raises(BadCredentials) as wrong_pin:
        people.authenticate("000123", "4712")
    with pytest.raises(BadCredentials) as unknown:
        people.authenticate("999999", "4711")
    assert wrong_pin.value.message("ru") == unknown.value.message("ru")


def test_repeated_wrong_pins_lock_the_card_for_a_while(people):
    people.register(READER, "000123", "4711")
    people.register(READER, "000124", "4711")
    for attempt in range(MAX_FAILURES - 1):
        with pytest.raises(BadCredentials):
            people.authenticate("000123", f"{attempt:04d}")
    assert people.authenticate("000123", "4711").login == "000123"  # a success starts the count again
    for attempt in range(MAX_FAILURES):
        with pytest.raises(BadCredentials):
            people.authenticate("000123", f"{attempt:04d}")
    with pytest.raises(TooManyAttempts) as locked:
        people.authenticate("000123", "4711")  # even the right PIN, until the time is up
    assert "15" in locked.value.message("kk")
    assert people.authenticate("000124", "4711").login == "000124"  # other cards are not affected
    with people.store.begin() as connection:  # the time is up
        connection.execute(
            sa.text("UPDATE login_throttle SET reset_at = :past"), {"past": datetime.now(UTC) - timedelta(seconds=1)}
        )
    assert people.authenticate("000123", "4711").login == "000123"


def test_registration_rules(people):
    people.register(ADMIN, "admin", "long enough")
    with pytest.raises(AlreadyRegistered):
        people.register(READER, "admin", "1234")
    with pytest.raises(WeakSecret) as short_pin:
        people.register(READER, "000124", "123")
    assert "4" in short_pin.value.message("kk")
    with pytest.raises(WeakSecret):
        people.register(STAFF, "staff", "1234567")
    with pytest.raises(ValueError):
        people.register("guest", "g", "12345678")
    assert [p.login for p in people.people()] == ["admin"]


def test_a_deactivated_person_cannot_log_in_and_loses_sessions_and_tokens(people):
    reader = people.register(READER, "000123", "4711", print_disabled=True)
    session = people.start_session(reader.id)
    token = people.issue_token(reader.id, "podcast app")
    people.update(reader.id, active=False)
    with pytest.raises(BadCredentials):
        people.authenticate("000123", "4711")
    assert people.session_person(session) is None
    assert people.token_person(token.secret) is None
    people.update(reader.id, active=True)
    assert people.token_person(token.secret) is None  # revoked for good, not just hidden


def test_changing_the_pin_ends_sessions_and_revokes_tokens(people):
    reader = people.register(READER, "000123", "4711")
    session = people.start_session(reader.id)
    token = people.issue_token(reader.id, "podcast 1")
    people.update(reader.id, secret="9876", name="Иван")
    assert people.session_person(session) is None
    assert people.token_person(token.secret) is None  # whoever had the old PIN may have made tokens with it
    assert people.tokens(reader.id)[0].revoked_at is not None
    assert people.authenticate("000123", "9876").name == "Иван"
    with pytest.raises(BadCredentials):
        people.authenticate("000123", "4711")


def test_sessions_end_on_logout_and_expire(people):
    staff = people.register(STAFF, "librarian", "correct horse")
    session = people.start_session(staff.id)
    assert people.session_person(session) == staff
    assert people.session_person(session + "x") is None
    people.end_session(session)
    assert people.session_person(session) is None
    expired = people.start_session(staff.id, lifetime=timedelta(seconds=-1))
    assert people.session_person(expired) is None


def test_tokens_work_until_revoked(people):
    reader = people.register(READER, "000123", "4711", print_disabled=True)
    phone = people.issue_token(reader.id, "phone")
    car = people.issue_token(reader.id, "car radio")
    assert people.token_person(phone.secret) == reader
    people.revoke_token(phone.id)
    assert people.token_person(phone.secret) is None
    assert people.token_person(car.secret) == reader
    listed = people.tokens(reader.id)
    assert [(t.label, t.revoked_at is not None, t.secret) for t in listed] == [
        ("phone", True, ""),
        ("car radio", False, ""),
    ]
    with pytest.raises(NotFound):
        people.revoke_token(999)


def test_people_by_role(people):
    people.register(READER, "2", "1234")
    people.register(READER, "1", "1234")
    people.register(STAFF, "s", "12345678")
    assert [p.login for p in people.people(READER)] == ["1", "2"]
    with pytest.raises(NotFound):
        people.get(999)


def test_a_new_pin_lifts_a_lockout(people):
    reader = people.register(READER, "000123", "4711")
    for attempt in range(MAX_FAILURES):
        with pytest.raises(BadCredentials):
            people.authenticate("000123", f"{attempt:04d}")
    with pytest.raises(TooManyAttempts):
        people.authenticate("000123", "4711")
    people.update(reader.id, secret="2580")
    assert people.authenticate("000123", "2580").login == "000123"


def test_the_last_active_admin_cannot_be_deactivated(people):
    first = people.register(ADMIN, "admin", "long enough")
    with pytest.raises(LastAdmin):
        people.update(first.id, active=False)
    assert people.get(first.id).active and people.count(ADMIN) == 1
    second = people.register(ADMIN, "deputy", "long enough")
    people.update(first.id, active=False)
    assert people.count(ADMIN) == 1 and people.count(ADMIN, active_only=False) == 2
    with pytest.raises(LastAdmin):
        people.update(second.id, active=False)


def test_revoking_a_persons_tokens(people):
    reader = people.register(READER, "000123", "4711", print_disabled=True)
    other = people.register(READER, "000124", "4711", print_disabled=True)
    phone, car, radio = (people.issue_token(reader.id, label) for label in ("phone", "car", "radio"))
    foreign = people.issue_token(other.id)
    with pytest.raises(NotFound):
        people.revoke_tokens(reader.id, [phone.id, foreign.id])  # not theirs: nothing revoked
    assert people.token_person(phone.secret) == reader
    assert people.revoke_tokens(reader.id, [phone.id]) == [phone.id]
    assert people.revoke_tokens(reader.id) == [car.id, radio.id]
    assert people.revoke_tokens(reader.id) == []
    assert [people.token_person(t.secret) for t in (phone, car, radio)] == [None, None, None]
    assert people.token_person(foreign.secret) == other


def test_every_use_of_a_token_is_logged_and_its_scope_decides(people):
    reader = people.register(READER, "000123", "4711", print_disabled=True)
    feed = people.issue_token(reader.id, "podcast 3")
    app = people.issue_token(reader.id, "phone", scope=APP)
    assert (feed.scope, app.scope) == (FEED, APP)
    feeds_only = lambda scope: scope == FEED  # noqa: E731
    assert (
        people.use_token(feed.secret, feeds_only, method="GET", path="/feeds/titles/3.rss", address="10.0.0.7")
        == reader
    )
    with pytest.raises(TokenScope):
        people.use_token(app.secret, feeds_only, method="POST", path="/api/people", address="10.0.0.8")
    assert people.use_token("forged", feeds_only, method="GET", path="/opds") is None
    uses = people.token_uses(reader.id)
    assert [(u.token_id, u.method, u.path, u.address, u.allowed) for u in uses] == [
        (app.id, "POST", "/api/people", "10.0.0.8", False),
        (feed.id, "GET", "/feeds/titles/3.rss", "10.0.0.7", True),
    ]
    assert all(t.last_used_at is not None for t in people.tokens(reader.id))


def test_a_tokens_use_log_keeps_its_last_days_only(people, store):
    reader = people.register(READER, "000124", "4711", print_disabled=True)
    feed = people.issue_token(reader.id, "podcast app")
    other = people.issue_token(reader.id, "car radio")
    old = datetime.now(UTC) - timedelta(days=TOKEN_LOG_DAYS + 1)
    recent = datetime.now(UTC) - timedelta(days=TOKEN_LOG_DAYS - 1)
    with store.begin() as connection:
        for token, at, path in ((feed, old, "/old"), (feed, recent, "/recent"), (other, old, "/other-old")):
            connection.execute(
                sa.insert(schema.token_uses).values(
                    token_id=token.id, person_id=reader.id, at=at, method="GET", path=path, address="", allowed=True
                )
            )
    people.use_token(feed.secret, lambda scope: True, method="GET", path="/now")
    paths = [u.path for u in people.token_uses(reader.id)]
    assert paths == ["/now", "/other-old", "/recent"]  # the other token's log waits for its own next use


def test_wrong_pins_are_counted_per_card_and_client_and_nobody_locks_a_card_from_elsewhere_for_long(people):
    people.register(READER, "000123", "4711")
    for attempt in range(MAX_FAILURES):
        with pytest.raises(BadCredentials):
            people.authenticate("000123", f"{attempt:04d}", client="203.0.113.9")
    with pytest.raises(TooManyAttempts) as locked:
        people.authenticate("000123", "4711", client="203.0.113.9")  # the guesser: 15 minutes
    assert "15" in locked.value.message("en")
    assert people.authenticate("000123", "4711", client="192.0.2.1").login == "000123"  # the reader at home

    # Guessing from many addresses: after CARD wrong attempts the card pauses for a minute only.
    for number in range(CARD.attempts):
        with pytest.raises(BadCredentials):
            people.authenticate("000123", "0000", client=f"198.51.100.{number}")
    with pytest.raises(TooManyAttempts) as paused:
        people.authenticate("000123", "4711", client="192.0.2.1")
    assert paused.value.params["minutes"] == 1

    # One address trying many cards is stopped after CLIENT wrong attempts, at any card.
    for number in range(CLIENT.attempts):
        with pytest.raises(BadCredentials):
            people.authenticate(f"9{number:05d}", "0000", client="203.0.113.50")
    with pytest.raises(TooManyAttempts):
        people.authenticate("777777", "0000", client="203.0.113.50")
