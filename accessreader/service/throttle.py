"""Login attempts counted before the secret is checked, so parallel guesses cannot slip past a limit.

    Throttle(store).claim(login, client)     one attempt, or ``TooManyAttempts``
                   .succeeded(login, client) the card's counts start again
                   .forget(login)            an administrator set a new PIN or password

Three counts, each one row of ``login_throttle`` (its key a SHA-256, so no card number
is kept beside an address):

    card + client   ``CARD_CLIENT`` wrong attempts, then that client is refused that card for 15 min
    card            ``CARD`` wrong attempts from anywhere, then a short pause (``CARD_PAUSE``) for all
    client          ``CLIENT`` wrong attempts at any cards, then the client is refused for 15 min

Someone guessing from one address is stopped after 5 tries at a card and 20 at all
cards; guessing from many addresses is slowed to ``CARD`` tries a minute or so; and
nobody can lock a reader out for long from elsewhere: the card's own pause is a minute.

Each attempt is claimed with one conditional UPDATE (``failures < limit``) per count, all
in one transaction, before the PIN is checked: the database lets through exactly as many
attempts as the limit, however many arrive at once (SQLite serialises the writes,
PostgreSQL re-checks the condition on the row it waited for).  A successful login gives
its claims back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, case, delete, select, update

from ..errors import TooManyAttempts
from . import schema
from .store import Store


@dataclass(frozen=True)
class Limit:
    """``attempts`` wrong attempts within ``window``, then refused for ``pause``."""

    name: str
    attempts: int
    window: timedelta
    pause: timedelta


CARD_CLIENT = Limit("card+client", 5, timedelta(minutes=15), timedelta(minutes=15))
CARD = Limit("card", 10, timedelta(minutes=15), timedelta(minutes=1))
CLIENT = Limit("client", 20, timedelta(minutes=15), timedelta(minutes=15))


class Throttle:
    """The login counts in one ``Store``."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def claim(self, login: str, client: str) -> None:
        """Count one attempt at ``login`` from ``client`` (an address; "" for the console);
        ``TooManyAttempts`` with the minutes to wait when any count is used up (nothing counted then)."""
        stamp = schema.now()
        with self.store.begin() as connection:
            for limit, key, card in self._counts(login, client):
                refused_until = _claim(connection, self.store, limit, key, card, stamp)
                if refused_until is not None:
                    raise TooManyAttempts(minutes=max(1, -(-int((refused_until - stamp).total_seconds()) // 60)))

    def succeeded(self, login: str, client: str) -> None:
        """The right secret: the card's counts start again and the client's claim is given back."""
        table = schema.login_throttle
        stamp = schema.now()
        keys = {limit.name: key for limit, key, _ in self._counts(login, client)}
        with self.store.begin() as connection:
            connection.execute(delete(table).where(table.c.key.in_([keys[CARD_CLIENT.name], keys[CARD.name]])))
            if CLIENT.name in keys:
                connection.execute(
                    update(table)
                    .where(table.c.key == keys[CLIENT.name], table.c.failures > 0)
                    .values(failures=table.c.failures - 1)
                )
        # Counts long forgotten go, in a transaction of their own that skips rows a claim holds (no deadlock).
        old = select(table.c.key).where(table.c.reset_at < stamp - CLIENT.window).with_for_update(skip_locked=True)
        with self.store.begin() as connection:
            connection.execute(delete(table).where(table.c.key.in_(old)))

    def forget(self, login: str, connection: Connection | None = None) -> None:
        """Lift every count of the card ``login`` (from every client), in ``connection``'s transaction if given."""
        query = delete(schema.login_throttle).where(schema.login_throttle.c.login == login.strip()[:200])
        if connection is not None:
            connection.execute(query)
            return
        with self.store.begin() as own:
            own.execute(query)

    @staticmethod
    def _counts(login: str, client: str) -> list[tuple[Limit, str, str]]:
        """(limit, key, card) of each count; the console ("" client) has no count of its own."""
        card = login.strip()[:200]
        counts = [(CARD_CLIENT, _key("card+client", card, client), card), (CARD, _key("card", card), card)]
        return counts + ([(CLIENT, _key("client", client), "")] if client else [])


def _claim(connection: Connection, store: Store, limit: Limit, key: str, card: str, stamp: datetime) -> datetime | None:
    """One attempt on the row ``key``; None when claimed, else when the row lets attempts through again."""
    table = schema.login_throttle
    connection.execute(
        store.insert(table)
        .values(key=key, login=card, failures=0, reset_at=stamp + limit.window)
        .on_conflict_do_nothing(index_elements=["key"])
    )
    connection.execute(
        update(table)
        .where(table.c.key == key, table.c.reset_at <= stamp)
        .values(failures=0, reset_at=stamp + limit.window)
    )
    claimed = connection.execute(
        update(table)
        .where(table.c.key == key, table.c.failures < limit.attempts)
        .values(
            failures=table.c.failures + 1,
            reset_at=case((table.c.failures + 1 >= limit.attempts, stamp + limit.pause), else_=table.c.reset_at),
        )
    ).rowcount
    if claimed:
        return None
    return schema.utc(connection.execute(select(table.c.reset_at).where(table.c.key == key)).scalar_one())


def _key(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "replace")).hexdigest()
