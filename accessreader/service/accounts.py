"""Managing people: what an administrator does from the command line, the API or the web page.

    Accounts(people)
      .list(actor)                                      everyone, by login
      .add(actor, role, login, secret, name, print_disabled=…)
      .change(actor, person_id, name=…, print_disabled=…, active=…)
      .reset(actor, person_id, secret)                  a new PIN or password
      .revoke_tokens(actor, person_id, token_ids=None)  all working tokens, or the ones named

Every call first checks that ``actor`` may manage people (``rights.require(actor, MANAGE_PEOPLE)``),
so a visitor or a reader learns nothing, not even whether a person exists; then it
writes who changed whom to the audit log (``rights.log_change``) in the change's own
transaction.  Secrets never reach the log.  The command line acts as ``console(user)``:
whoever can open the data folder already holds every right.
"""

from __future__ import annotations

from sqlalchemy import Connection

from ..errors import NotFound
from . import schema
from .people import ADMIN, People, Person, Token
from .rights import ADDED, CHANGED, MANAGE_PEOPLE, SECRET_RESET, TOKENS_REVOKED, log_change, require

#: The console's id in the audit log (no person has id 0).
CONSOLE_ID = 0


def console(user: str) -> Person:
    """The administrator behind the command line, named after the system ``user``."""
    return Person(id=CONSOLE_ID, role=ADMIN, login=f"console:{user}"[:128], name=user, print_disabled=False,
                  active=True, created_at=schema.now())  # fmt: skip


class Accounts:
    """People management for administrators, over one ``People``."""

    def __init__(self, people: People) -> None:
        self.people = people

    def list(self, actor: Person | None) -> list[Person]:
        """Everyone, by login."""
        require(actor, MANAGE_PEOPLE)
        return self.people.people()

    def get(self, actor: Person | None, person_id: int) -> Person:
        """One person; ``NotFound`` when there is none (after the rights check)."""
        require(actor, MANAGE_PEOPLE)
        return self.people.get(person_id)

    def find(self, actor: Person | None, login: str) -> Person:
        """The person with this login or card number; ``NotFound`` when there is none."""
        require(actor, MANAGE_PEOPLE)
        person = self.people.by_login(login)
        if person is None:
            raise NotFound(what=login.strip())
        return person

    def add(self, actor: Person | None, role: str, login: str, secret: str, name: str = "", *,
            print_disabled: bool = False) -> Person:  # fmt: skip
        """Register someone; ``AlreadyRegistered``, ``WeakSecret`` as ``People.register``."""
        admin = require(actor, MANAGE_PEOPLE)
        detail = role + (", print_disabled" if print_disabled else "")
        return self.people.register(
            role, login, secret, name, print_disabled=print_disabled,
            then=_logger(admin, login.strip(), ADDED, detail),
        )  # fmt: skip

    def change(self, actor: Person | None, person_id: int, *, name: str | None = None,
               print_disabled: bool | None = None, active: bool | None = None) -> Person:  # fmt: skip
        """Change what differs of name, print-disabled registration and active flag; logged when anything did.

        Deactivating ends the person's sessions and tokens; ``LastAdmin`` for the only active admin.
        """
        admin = require(actor, MANAGE_PEOPLE)
        person = self.people.get(person_id)
        wanted = {"name": None if name is None else name.strip(), "print_disabled": print_disabled, "active": active}
        changed = {key: value for key, value in wanted.items() if value is not None and getattr(person, key) != value}
        if not changed:
            return person
        detail = ", ".join(
            key if key == "name" else f"{key}={'yes' if value else 'no'}" for key, value in changed.items()
        )
        return self.people.update(person_id, **changed, then=_logger(admin, person.login, CHANGED, detail))

    def reset(self, actor: Person | None, person_id: int, secret: str) -> Person:
        """A new PIN or password: the person's sessions end and a lockout is lifted."""
        admin = require(actor, MANAGE_PEOPLE)
        person = self.people.get(person_id)
        return self.people.update(person_id, secret=secret, then=_logger(admin, person.login, SECRET_RESET))

    def tokens(self, actor: Person | None, person_id: int) -> list[Token]:
        """A person's tokens (without secrets), revoked ones included."""
        require(actor, MANAGE_PEOPLE)
        self.people.get(person_id)
        return self.people.tokens(person_id)

    def revoke_tokens(self, actor: Person | None, person_id: int, token_ids: list[int] | None = None) -> list[int]:
        """Revoke the named tokens of a person (all working ones when None); the ids revoked now."""
        admin = require(actor, MANAGE_PEOPLE)
        person = self.people.get(person_id)
        detail = "all" if token_ids is None else ", ".join(f"#{token}" for token in sorted(set(token_ids)))
        return self.people.revoke_tokens(
            person_id, token_ids, then=_logger(admin, person.login, TOKENS_REVOKED, detail)
        )


def _logger(actor: Person, login: str, action: str, detail: str = ""):
    def log(connection: Connection, person_id: int) -> None:
        log_change(connection, actor, person_id, login, action, detail)

    return log
