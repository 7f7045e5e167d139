"""People: readers, staff and administrators; their secrets, sessions and tokens.

    reader  library card number + PIN; ``print_disabled`` once the library has
            registered them as a print-disabled person (Marrakesh Treaty)
    staff   login + password; converts and manages titles
    admin   login + password; also manages people

PINs and passwords are hashed with Argon2id (argon2-cffi).  A session (web login)
and a token (for feeds and streams that apps fetch without a login) are random
secrets of which only the SHA-256 is stored; sessions expire, tokens last until revoked.
What each role may do is decided in ``rights.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .store import Store

READER = "reader"
STAFF = "staff"
ADMIN = "admin"
ROLES = (READER, STAFF, ADMIN)

SESSION_LIFETIME = timedelta(days=14)


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


class People:
    """Accounts, sessions and tokens in one ``Store``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def register(self, role: str, login: str, secret: str, name: str = "", *, print_disabled: bool = False) -> Person:
        """Add a person.  Readers log in with card number + PIN (at least 4 digits),
        staff and admins with login + password (at least 8 characters).

        Raises ``AlreadyRegistered`` when the login is taken and ``WeakSecret``
        when the PIN or password is too short.
        """
        raise NotImplementedError

    def authenticate(self, login: str, secret: str) -> Person:
        """The active person with this login and PIN/password; ``BadCredentials`` otherwise
        (the same error whether the login or the secret was wrong)."""
        raise NotImplementedError

    def get(self, person_id: int) -> Person:
        """One person; ``NotFound`` when there is none."""
        raise NotImplementedError

    def by_login(self, login: str) -> Person | None:
        """The person with this login (card number), if any."""
        raise NotImplementedError

    def people(self, role: str | None = None) -> list[Person]:
        """Everyone (with that role), by login."""
        raise NotImplementedError

    def update(self, person_id: int, *, name: str | None = None, print_disabled: bool | None = None,
               active: bool | None = None, secret: str | None = None) -> Person:
        """Change a person's name, print-disabled registration, active flag or PIN/password.

        Deactivating someone ends their sessions and revokes their tokens.
        """
        raise NotImplementedError

    def start_session(self, person_id: int, lifetime: timedelta = SESSION_LIFETIME) -> str:
        """A new session secret (for a cookie)."""
        raise NotImplementedError

    def session_person(self, secret: str) -> Person | None:
        """Who this session belongs to; ``None`` if unknown, expired, ended or the person is inactive."""
        raise NotImplementedError

    def end_session(self, secret: str) -> None:
        """Log out: the session no longer works."""
        raise NotImplementedError

    def issue_token(self, person_id: int, label: str = "") -> Token:
        """A new token for feeds and streams; its ``secret`` is returned this once."""
        raise NotImplementedError

    def token_person(self, secret: str) -> Person | None:
        """Who this token belongs to; ``None`` if unknown, revoked or the person is inactive."""
        raise NotImplementedError

    def tokens(self, person_id: int) -> list[Token]:
        """A person's tokens (without secrets), revoked ones included."""
        raise NotImplementedError

    def revoke_token(self, token_id: int) -> None:
        """The token stops working at once."""
        raise NotImplementedError
