"""The database tables, as SQLAlchemy Core objects for queries.

The migrations in ``accessreader/service/migrations/versions`` create these tables; a
change here needs a new migration there.  The full-text table ``title_search``
is not listed: it differs between SQLite (FTS5) and PostgreSQL (see ``search.py``).
Times are stored in UTC; the conversion jobs' times (``jobs``, ``steps``) are Unix
seconds, as ``time.time()`` gives them, for their leases and estimates.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

titles = Table(
    "titles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("authors", JSON, nullable=False),
    Column("languages", JSON, nullable=False),
    Column("description", Text, nullable=False),
    Column("publisher", Text, nullable=False),
    Column("date", String(64), nullable=False),
    Column("identifier", Text, nullable=False),
    Column("source_name", Text, nullable=False),
    Column("source_path", Text, nullable=False),
    Column("source_format", String(16), nullable=False),
    Column("source_size", Integer, nullable=False),
    Column("checksum", String(80), nullable=False, unique=True),
    Column("status", String(16), nullable=False),
    Column("status_detail", Text, nullable=False),
    Column("has_document", Boolean, nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

#: Every file a title was imported from; the primary is the one it was converted from (the
#: title's own ``source_*`` columns), the others joined it as the same work (``identity.py``).
sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title_id", Integer, ForeignKey("titles.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),  # the uploader's file name, shown only
    Column("path", Text, nullable=False),  # relative to the data folder, chosen by the server
    Column("format", String(16), nullable=False),
    Column("size", Integer, nullable=False),
    Column("checksum", String(80), nullable=False, unique=True),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("is_primary", Boolean, nullable=False),
    Column("separate", Boolean, nullable=False, default=False),  # staff asked for an entry of its own
    Column("matched", String(16), nullable=False, default=""),  # the key it joined by: isbn, id, text, title
    Column("joined_from", Integer),  # the title number it had before it joined (its old address)
)

#: What tells works apart, for matching a new book against the catalog (``identity.py``).
title_keys = Table(
    "title_keys",
    metadata,
    Column("kind", String(16), primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("title_id", Integer, ForeignKey("titles.id", ondelete="CASCADE"), primary_key=True),
)

renditions = Table(
    "renditions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title_id", Integer, ForeignKey("titles.id", ondelete="CASCADE"), nullable=False),
    Column("fmt", String(32), nullable=False),
    Column("path", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Column("media_type", String(128), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("title_id", "fmt"),
)

people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("role", String(16), nullable=False),
    Column("login", String(128), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("secret_hash", Text, nullable=False),
    Column("print_disabled", Boolean, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("secret_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("ended_at", DateTime(timezone=True)),
)

tokens = Table(
    "tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("secret_hash", String(64), nullable=False, unique=True),
    Column("label", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("scope", String(16), nullable=False),
    Column("last_used_at", DateTime(timezone=True)),
)

token_uses = Table(
    "token_uses",
    metadata,
    Column("id", Integer, primary_key=True),
    # No foreign keys: the log outlives revoked tokens and removed people.
    Column("token_id", Integer, nullable=False),
    Column("person_id", Integer, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("method", String(16), nullable=False),
    Column("path", Text, nullable=False),
    Column("address", String(64), nullable=False),
    Column("allowed", Boolean, nullable=False),
)

login_throttle = Table(
    "login_throttle",
    metadata,
    Column("key", String(64), primary_key=True),  # SHA-256 of what is counted: card+client, card, client
    Column("login", String(200), nullable=False),  # the card the row counts ("" for a client's row)
    Column("failures", Integer, nullable=False),
    Column("reset_at", DateTime(timezone=True), nullable=False),
)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True),
    # No foreign keys: the log outlives removed titles and people.
    Column("person_id", Integer, nullable=False),
    Column("login", String(128), nullable=False),
    Column("title_id", Integer, nullable=False),
    Column("fmt", String(32), nullable=False),
    Column("action", String(16), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("detail", Text, nullable=False),
)

people_changes = Table(
    "people_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    # No foreign keys: the log outlives removed people; the console has no person id (0).
    Column("actor_id", Integer, nullable=False),
    Column("actor_login", String(128), nullable=False),
    Column("person_id", Integer, nullable=False),
    Column("login", String(128), nullable=False),
    Column("action", String(16), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("detail", Text, nullable=False),
)

positions = Table(
    "positions",
    metadata,
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("title_id", Integer, ForeignKey("titles.id", ondelete="CASCADE"), primary_key=True),
    Column("locator", String(200), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

listening = Table(
    "listening",
    metadata,
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("voices", JSON, nullable=False),  # language → "engine:voice", only the languages the reader chose
    Column("rate", Integer),  # words per minute; null: the default
    Column("read_along", Boolean, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

jobs = Table(
    "jobs",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("stem", Text, nullable=False),
    Column("formats", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("stage", String(16), nullable=False),
    Column("total", Integer, nullable=False, default=0),
    Column("created", Float, nullable=False),
    Column("started", Float),
    Column("finished", Float),
    Column("error_code", String(64)),
    Column("error_params", Text),
    Column("speech", Integer, nullable=False, default=0),
    Column("speaking", Float),
)

steps = Table(
    "steps",
    metadata,
    Column("id", Integer, primary_key=True),  # the order the steps were planned in
    Column("job", String(32), ForeignKey("jobs.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(64), nullable=False),
    Column("status", String(16), nullable=False),
    Column("done", Integer, nullable=False, default=0),
    Column("lease", Float, nullable=False, default=0.0),
    Column("attempts", Integer, nullable=False, default=0),
    Column("worker", String(255), nullable=False, default=""),
    UniqueConstraint("job", "name"),
)


def now() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


def utc(value: datetime | None) -> datetime | None:
    """A stored time as an aware UTC datetime (SQLite hands them back naive)."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)
