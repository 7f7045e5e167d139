"""People: readers, staff and administrators; their secrets, sessions and tokens.

    reader  library card number + PIN; ``print_disabled`` once the library has
            registered them as a print-disabled person (Marrakesh Treaty)
    staff   login + password; converts and manages titles
    admin   login + password; also manages people

PINs and passwords are hashed with Argon2id (argon2-cffi).  A session (web login)
and a token (for feeds and streams that apps fetch without a login) are random
secrets of which only the SHA-256 is stored; sessions expire, tokens last until revoked
or until the person's PIN or password is changed.  A token has a scope: ``FEED`` (feeds,
OPDS, downloads, listening) or ``APP`` (also saving the place); every use of one is
logged in ``token_uses`` (``use_token``), whether its scope opened the request or not,
and kept for ``TOKEN_LOG_DAYS`` (a podcast app fetches ranges all day: the log must not grow
without end).
Wrong secrets are counted before they are checked (``throttle.py``).
What each role may do is decided in ``rights.py``.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Row, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import AlreadyRegistered, BadCredentials, LastAdmin, NotFound, TokenScope, WeakSecret
from . import schema
from .roles import ADMIN, READER, ROLES, STAFF  # noqa: F401 (the roles are imported from here too)
from .store import Store
from .throttle import CARD_CLIENT, Throttle

TOKEN_LOG_DAYS = 90

#: Token scopes: a feed token reads feeds, OPDS, downloads and audio; an app token may also save the place.
FEED = "feed"
APP = "app"
SCOPES = (FEED, APP)

SESSION_LIFETIME = timedelta(days=14)
MIN_PIN = 4
MAX_FAILURES = CARD_CLIENT.attempts
MIN_PASSWORD = 8

#: Called inside a change's transaction with the person's id (``Accounts`` writes its audit row so).
Then = Callable[[Connection, int], object]


@dataclass
class Person:
    """Someone known to the library; ``login`` is the card number for readers."""

    id: int
    role: str
    login: str
    name: str
    print_disabled: bool
    active: bool
    created_at: datetime


@dataclass
class Token:
    """A per-reader token for feeds and streams; ``secret`` is only known when issued."""

    id: int
    person_id: int
    label: str
    created_at: datetime
    revoked_at: datetime | None
    secret: str = ""
    scope: str = FEED
    last_used_at: datetime | None = None


@dataclass
class TokenUse:
    """One request made with a token: which, when, what, from where, and whether its scope opened it."""

    token_id: int
    at: datetime
    method: str
    path: str
    address: str
    allowed: bool


class People:
    """Accounts, sessions and tokens in one ``Store``."""

    def __init__(self, store: Store, hasher: PasswordHasher | None = None) -> None:
        """``hasher`` sets the Argon2 cost (default: argon2-cffi's recommended parameters);
        a stored hash made with other parameters is re-made at the next successful login."""
        self.store = store
        self.hasher = hasher or PasswordHasher()
        self.throttle = Throttle(store)
        self._dummy = ""

    def register(self, role: str, login: str, secret: str, name: str = "", *, print_disabled: bool = False,
                 then: Then | None = None) -> Person:  # fmt: skip
        """Add a person.  Readers log in with card number + PIN (at least 4 characters),
        staff and admins with login + password (at least 8 characters).

        Raises ``AlreadyRegistered`` when the login is taken and ``WeakSecret``
        when the PIN or password is too short.  ``then`` runs in the same transaction.
        """
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        login = login.strip()
        if not login:
            raise BadCredentials()
        _check_secret(role, secret)
        try:
            with self.store.begin() as connection:
                person_id = connection.execute(
                    insert(schema.people).values(
                        role=role,
                        login=login,
                        name=name.strip(),
                        secret_hash=self.hasher.hash(secret),
                        print_disabled=print_disabled,
                        active=True,
                        created_at=schema.now(),
                    )
                ).inserted_primary_key[0]
                if then is not None:
                    then(connection, person_id)
        except IntegrityError:
            raise AlreadyRegistered(login=login) from None
        return self.get(person_id)

    def authenticate(self, login: str, secret: str, client: str = "") -> Person:
        """The active person with this login and PIN/password; ``BadCredentials`` otherwise
        (the same error whether the login or the secret was wrong).

        The attempt is counted before the secret is checked (``throttle.py``, by card
        and ``client`` address): past a limit ``TooManyAttempts``, even with the right
        secret, until the time is up.  A success starts the card's counts again.
        """
        people = schema.people
        self.throttle.claim(login, client)
        with self.store.begin() as connection:
            row = connection.execute(select(people).where(people.c.login == login.strip())).first()
        if not self._dummy:
            # Checked when the login is unknown, so a wrong login takes as long as a wrong PIN.
            self._dummy = self.hasher.hash(secrets.token_hex(16))
        stored = row.secret_hash if row is not None else self._dummy
        try:
            self.hasher.verify(stored, secret)
        except (VerificationError, InvalidHashError):
            raise BadCredentials() from None
        if row is None or not row.active:
            raise BadCredentials()
        self.throttle.succeeded(login, client)
        if self.hasher.check_needs_rehash(stored):
            with self.store.begin() as connection:
                connection.execute(
                    update(people).where(people.c.id == row.id).values(secret_hash=self.hasher.hash(secret))
                )
        return _person(row)

    def get(self, person_id: int) -> Person:
        """One person; ``NotFound`` when there is none."""
        with self.store.begin() as connection:
            row = connection.execute(select(schema.people).where(schema.people.c.id == person_id)).first()
        if row is None:
            raise NotFound(what=f"person #{person_id}")
        return _person(row)

    def by_login(self, login: str) -> Person | None:
        """The person with this login (card number), if any."""
        with self.store.begin() as connection:
            row = connection.execute(select(schema.people).where(schema.people.c.login == login.strip())).first()
        return _person(row) if row is not None else None

    def people(self, role: str | None = None) -> list[Person]:
        """Everyone (with that role), by login."""
        query = select(schema.people).order_by(schema.people.c.login)
        if role is not None:
            query = query.where(schema.people.c.role == role)
        with self.store.begin() as connection:
            return [_person(row) for row in connection.execute(query)]

    def count(self, role: str | None = None, *, active_only: bool = True) -> int:
        """How many people (with that role; active ones only unless ``active_only`` is false)."""
        query = select(func.count()).select_from(schema.people)
        if role is not None:
            query = query.where(schema.people.c.role == role)
        if active_only:
            query = query.where(schema.people.c.active.is_(True))
        with self.store.begin() as connection:
            return connection.execute(query).scalar_one()

    def update(
        self,
        person_id: int,
        *,
        name: str | None = None,
        print_disabled: bool | None = None,
        active: bool | None = None,
        secret: str | None = None,
        then: Then | None = None,
    ) -> Person:
        """Change a person's name, print-disabled registration, active flag or PIN/password.

        Deactivating someone or changing their secret ends their sessions and revokes
        their tokens (a new secret also lifts a lockout).  The last
        active admin cannot be deactivated (``LastAdmin``).  ``then`` runs in the same
        transaction, only when something changes.
        """
        person = self.get(person_id)
        values: dict[str, Any] = {}
        if name is not None:
            values["name"] = name.strip()
        if print_disabled is not None:
            values["print_disabled"] = print_disabled
        if active is not None:
            values["active"] = active
        if secret is not None:
            _check_secret(person.role, secret)
            values["secret_hash"] = self.hasher.hash(secret)
        if not values:
            return person
        stamp = schema.now()
        with self.store.begin() as connection:
            if active is False and person.active and person.role == ADMIN:
                _keep_an_admin(connection, person_id)
            connection.execute(update(schema.people).where(schema.people.c.id == person_id).values(**values))
            if active is False or secret is not None:  # sessions end and tokens are revoked
                connection.execute(
                    update(schema.sessions)
                    .where(schema.sessions.c.person_id == person_id, schema.sessions.c.ended_at.is_(None))
                    .values(ended_at=stamp)
                )
                connection.execute(
                    update(schema.tokens)
                    .where(schema.tokens.c.person_id == person_id, schema.tokens.c.revoked_at.is_(None))
                    .values(revoked_at=stamp)
                )
            if secret is not None:
                self.throttle.forget(person.login, connection)
            if then is not None:
                then(connection, person_id)
        return self.get(person_id)

    def start_session(self, person_id: int, lifetime: timedelta = SESSION_LIFETIME) -> str:
        """A new session secret (for a cookie)."""
        secret = secrets.token_urlsafe(32)
        stamp = schema.now()
        self.get(person_id)
        with self.store.begin() as connection:
            connection.execute(
                insert(schema.sessions).values(
                    person_id=person_id, secret_hash=_digest(secret), created_at=stamp, expires_at=stamp + lifetime
                )
            )
        return secret

    def session_person(self, secret: str) -> Person | None:
        """Who this session belongs to; ``None`` if unknown, expired, ended or the person is inactive."""
        table = schema.sessions
        query = (
            select(schema.people, table.c.expires_at)
            .join(table, table.c.person_id == schema.people.c.id)
            .where(table.c.secret_hash == _digest(secret), table.c.ended_at.is_(None), schema.people.c.active.is_(True))
        )
        with self.store.begin() as connection:
            row = connection.execute(query).first()
        if row is None or schema.utc(row.expires_at) <= schema.now():
            return None
        return _person(row)

    def end_session(self, secret: str) -> None:
        """Log out: the session no longer works."""
        with self.store.begin() as connection:
            connection.execute(
                update(schema.sessions)
                .where(schema.sessions.c.secret_hash == _digest(secret), schema.sessions.c.ended_at.is_(None))
                .values(ended_at=schema.now())
            )

    def issue_token(self, person_id: int, label: str = "", scope: str = FEED) -> Token:
        """A new token of ``scope`` (``FEED`` or ``APP``); its ``secret`` is returned this once."""
        if scope not in SCOPES:
            raise ValueError(f"unknown token scope {scope!r}")
        self.get(person_id)
        secret = secrets.token_urlsafe(32)
        stamp = schema.now()
        with self.store.begin() as connection:
            token_id = connection.execute(
                insert(schema.tokens).values(
                    person_id=person_id, secret_hash=_digest(secret), label=label, created_at=stamp, scope=scope
                )
            ).inserted_primary_key[0]
        return Token(token_id, person_id, label, stamp, None, secret, scope)

    def token_person(self, secret: str) -> Person | None:
        """Who this token belongs to; ``None`` if unknown, revoked or the person is inactive."""
        with self.store.begin() as connection:
            row = connection.execute(_token_query(secret)).first()
        return _person(row) if row is not None else None

    def use_token(self, secret: str, opens: Callable[[str], bool], *, method: str = "", path: str = "",
                  address: str = "") -> Person | None:  # fmt: skip
        """Who this token belongs to, if ``opens(scope)`` says its scope opens the request
        (``method`` ``path`` from ``address``); ``None`` if unknown, revoked or the person is
        inactive; ``TokenScope`` if its scope does not open the request.  A known token's use
        is logged either way, and its ``last_used_at`` kept; its uses older than
        ``TOKEN_LOG_DAYS`` are dropped then (through the token's own index).
        """
        stamp = schema.now()
        with self.store.begin() as connection:
            row = connection.execute(_token_query(secret)).first()
            if row is None:
                return None
            allowed = bool(opens(row.scope))
            connection.execute(
                insert(schema.token_uses).values(
                    token_id=row.token_id, person_id=row.id, at=stamp, method=method[:16], path=path[:2000],
                    address=address[:64], allowed=allowed,
                )
            )  # fmt: skip
            uses = schema.token_uses.c
            connection.execute(
                delete(schema.token_uses).where(
                    uses.token_id == row.token_id, uses.at < stamp - timedelta(days=TOKEN_LOG_DAYS)
                )
            )
            connection.execute(
                update(schema.tokens).where(schema.tokens.c.id == row.token_id).values(last_used_at=stamp)
            )
        if not allowed:
            raise TokenScope()
        return _person(row)

    def token_uses(self, person_id: int, limit: int = 100) -> list[TokenUse]:
        """The latest uses of a person's tokens, newest first."""
        table = schema.token_uses
        query = select(table).where(table.c.person_id == person_id).order_by(table.c.id.desc()).limit(limit)
        with self.store.begin() as connection:
            return [
                TokenUse(row.token_id, schema.utc(row.at), row.method, row.path, row.address, bool(row.allowed))
                for row in connection.execute(query)
            ]

    def tokens(self, person_id: int) -> list[Token]:
        """A person's tokens (without secrets), revoked ones included, oldest first."""
        table = schema.tokens
        with self.store.begin() as connection:
            rows = connection.execute(select(table).where(table.c.person_id == person_id).order_by(table.c.id))
            return [
                Token(
                    row.id,
                    row.person_id,
                    row.label,
                    schema.utc(row.created_at),
                    schema.utc(row.revoked_at),
                    scope=row.scope,
                    last_used_at=schema.utc(row.last_used_at),
                )  # fmt: skip
                for row in rows
            ]

    def revoke_token(self, token_id: int) -> None:
        """The token stops working at once; ``NotFound`` for an unknown token."""
        table = schema.tokens
        with self.store.begin() as connection:
            found = connection.execute(select(table.c.revoked_at).where(table.c.id == token_id)).first()
            if found is None:
                raise NotFound(what=f"token #{token_id}")
            if found.revoked_at is None:
                connection.execute(update(table).where(table.c.id == token_id).values(revoked_at=schema.now()))

    def revoke_tokens(self, person_id: int, token_ids: list[int] | None = None, then: Then | None = None) -> list[int]:
        """Revoke these tokens of one person (all their working ones when ``token_ids`` is None);
        the ids revoked now.  ``NotFound`` when a listed token is not theirs (nothing revoked)."""
        table = schema.tokens
        with self.store.begin() as connection:
            rows = connection.execute(
                select(table.c.id, table.c.revoked_at).where(table.c.person_id == person_id)
            ).all()
            theirs = {row.id: row.revoked_at for row in rows}
            missing = [token for token in token_ids or [] if token not in theirs]
            if missing:
                raise NotFound(what=f"token #{missing[0]}")
            chosen = sorted(theirs) if token_ids is None else sorted(set(token_ids))
            revoking = [token for token in chosen if theirs[token] is None]
            if revoking:
                connection.execute(update(table).where(table.c.id.in_(revoking)).values(revoked_at=schema.now()))
                if then is not None:
                    then(connection, person_id)
        return revoking


def _token_query(secret: str):
    table = schema.tokens
    return (
        select(schema.people, table.c.id.label("token_id"), table.c.scope)
        .join(table, table.c.person_id == schema.people.c.id)
        .where(table.c.secret_hash == _digest(secret), table.c.revoked_at.is_(None), schema.people.c.active.is_(True))
    )


def _keep_an_admin(connection: Connection, leaving: int) -> None:
    people = schema.people
    others = connection.execute(
        select(func.count())
        .select_from(people)
        .where(people.c.role == ADMIN, people.c.active.is_(True), people.c.id != leaving)
    ).scalar_one()
    if not others:
        raise LastAdmin()


def _check_secret(role: str, secret: str) -> None:
    minimum, what = (MIN_PIN, "PIN") if role == READER else (MIN_PASSWORD, "password")
    if len(secret) < minimum:
        raise WeakSecret(what=what, minimum=minimum)


def _digest(secret: str) -> str:
    # Session and token secrets are 256 random bits: a plain hash is enough, and fast per request.
    return hashlib.sha256(secret.encode("utf-8", "replace")).hexdigest()


def _person(row: Row[Any]) -> Person:
    return Person(
        id=row.id,
        role=row.role,
        login=row.login,
        name=row.name,
        print_disabled=bool(row.print_disabled),
        active=bool(row.active),
        created_at=schema.utc(row.created_at),
    )
