"""People: hashed PINs and passwords, logins, sessions, revocable tokens."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from accessreader.errors import AlreadyRegistered, BadCredentials, LastAdmin, NotFound, TooManyAttempts, WeakSecret
from accessreader.service.people import ADMIN, MAX_FAILURES, READER, STAFF, People
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
    with people.store.begin() as connection:
        connection.execute(
            sa.text("UPDATE people SET locked_until = :past"), {"past": datetime.now(UTC) - timedelta(seconds=1)}
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


def test_changing_the_pin_ends_sessions(people):
    reader = people.register(READER, "000123", "4711")
    session = people.start_session(reader.id)
    people.update(reader.id, secret="9876", name="Иван")
    assert people.session_person(session) is None
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
