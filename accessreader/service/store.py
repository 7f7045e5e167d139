"""The service's storage: one database (SQLite file by default) and a data folder.

    ACCESSREADER_DATA (or ~/.local/share/accessreader)/
        accessreader.db        the SQLite database, unless ACCESSREADER_DATABASE names another
        sources/<sha256>.<ext> source files, under names the server chooses
        documents/<id>.json    each title's Document as JSON
        outputs/<id>/...       renditions (BRF, PEF, audio…), published by atomic rename
        positions.json         the terminal's local position file (no service configured)

``open_store`` makes the folders, connects and brings the schema up to date with
Alembic (``accessreader/service/migrations``); a database already at the newest
revision is opened without loading Alembic (a third of a second in a new process).  The same code runs on a PostgreSQL URL
(``postgresql+psycopg://…``); only full-text search differs (see ``search.py``).
Everything above this module (catalog, people, rights, positions, jobs) takes a ``Store``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, Table, create_engine, event, text
from sqlalchemy.exc import DBAPIError

from ..atomic import write_bytes
from ..settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.dialects import postgresql, sqlite

MIGRATIONS = Path(__file__).with_name("migrations")


@dataclass
class Store:
    """An open database plus the data folder that holds the files it names."""

    engine: Engine
    data_dir: Path

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self.engine.dialect.name

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A connection inside one transaction: committed on success, rolled back on any error."""
        with self.engine.begin() as connection:
            yield connection

    def insert(self, table: Table) -> sqlite.Insert | postgresql.Insert:
        """An INSERT into ``table`` in this database's dialect, which has ``on_conflict_do_nothing``/``_update``."""
        from sqlalchemy.dialects import postgresql, sqlite  # when writing: a reader's process needs neither

        return (postgresql.insert if self.dialect == "postgresql" else sqlite.insert)(table)

    def path(self, relative: str) -> Path:
        """The absolute path of a file the database names relative to the data folder."""
        return self.data_dir / relative

    def write_atomic(self, relative: str, data: bytes) -> Path:
        """Write ``data`` to ``relative`` under the data folder via a temporary name and a rename."""
        target = self.path(relative)
        write_bytes(target, data)
        return target

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()


def open_store(url: str | None = None, data_dir: Path | str | None = None, *, migrate: bool = True) -> Store:
    """Open (and create, and migrate to the newest schema) the store.

    ``data_dir`` and ``url`` default to the settings' (``ACCESSREADER_DATA``, ``ACCESSREADER_DATABASE``,
    else SQLite in the data folder).  With ``migrate=False`` the schema is left as it is (for tests
    of old databases).
    """
    settings = Settings.from_env(data=None if data_dir is None else Path(data_dir))
    folder = settings.data
    folder.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url or settings.database_url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    store = Store(engine=engine, data_dir=folder)
    if migrate:
        upgrade(store)
    return store


def open_settings_store(settings: Settings) -> Store:
    """The store of the service and its workers: the settings' database, else SQLite in the data folder."""
    return open_store(settings.database_url, settings.data)


def upgrade(store: Store, revision: str = "head") -> None:
    """Run the Alembic migrations up to ``revision`` (default: the newest, and nothing to run
    when the database is there already)."""
    if revision == "head" and _at_head(store):
        return
    _migrate(store, "upgrade", revision)


def _at_head(store: Store) -> bool:
    """Whether the database is at the newest revision of ``migrations/versions``."""
    try:
        with store.engine.connect() as connection:
            current = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except DBAPIError:  # no version table: a new database
        return False
    return current == [_head()]


@cache
def _head() -> str:
    """The newest revision: the one no other revises (read from the migration files, as Alembic does)."""
    revisions, revised = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revisions.update(re.findall(r'^revision = "([^"]+)"', source, re.M))
        revised.update(re.findall(r'^down_revision = "([^"]+)"', source, re.M))
    heads = revisions - revised
    return heads.pop() if len(heads) == 1 else ""


def downgrade(store: Store, revision: str) -> None:
    """Undo migrations down to ``revision`` ("base": an empty database), for rolling back a release."""
    _migrate(store, "downgrade", revision)


def _migrate(store: Store, direction: str, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        config.attributes["data_dir"] = store.data_dir
        getattr(command, direction)(config, revision)


def revision(store: Store) -> str | None:
    """The schema revision the database is at (``None`` for an empty database)."""
    from alembic.migration import MigrationContext

    with store.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets the web server read while a worker writes; foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; commits no longer wait for fsync
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    # Never map the database file into memory: a mapped file that vanishes or cannot grow (a folder removed,
    # read-only or full) is a SIGBUS that kills the worker, where a read or write is an error a job can report.
    cursor.execute("PRAGMA mmap_size=0")
    cursor.close()
