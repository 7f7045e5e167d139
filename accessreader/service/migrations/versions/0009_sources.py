"""One title, several sources: a book imported in two formats is one catalog entry.

``sources`` holds every file a title was imported from (the first is its primary, the one
it was converted from; the title's own ``source_*`` and ``checksum`` columns stay the
primary's).  ``title_keys`` holds what tells works apart (``identity.py``: identifier, text
checksum, title with authors and languages), for matching a new book against the catalog.
Every existing title gets its file as its primary source and its keys from its metadata
and stored Document; titles already in the catalog twice are left as they are.

Revision ID: 0009
Revises: 0008
"""

import json
from pathlib import Path

import sqlalchemy as sa
from alembic import context, op

from accessreader.model import Document
from accessreader.service import identity

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title_id", sa.Integer, sa.ForeignKey("titles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("checksum", sa.String(80), nullable=False, unique=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("is_primary", sa.Boolean, nullable=False),
        sa.Column("separate", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("matched", sa.String(16), nullable=False, server_default=""),
        sa.Column("joined_from", sa.Integer),
    )
    op.create_index("sources_title", "sources", ["title_id"])
    op.create_index("sources_joined_from", "sources", ["joined_from"])
    op.create_table(
        "title_keys",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("key", sa.String(identity.LONGEST), primary_key=True),
        sa.Column("title_id", sa.Integer, sa.ForeignKey("titles.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("title_keys_title", "title_keys", ["title_id"])
    connection = op.get_bind()
    data_dir = context.config.attributes.get("data_dir")
    rows = connection.execute(
        sa.text(
            "SELECT id, title, authors, languages, identifier, source_name, source_path, source_format, "
            "source_size, checksum, added_at, has_document FROM titles"
        )
    ).all()
    sources = sa.table(
        "sources",
        *(sa.column(name) for name in ("title_id", "name", "path", "format", "size", "checksum", "added_at")),
        sa.column("is_primary"),
        sa.column("separate"),
        sa.column("matched"),
    )
    keys_table = sa.table("title_keys", sa.column("kind"), sa.column("key"), sa.column("title_id"))
    for row in rows:
        connection.execute(
            sources.insert().values(
                title_id=row.id, name=row.source_name, path=row.source_path, format=row.source_format,
                size=row.source_size, checksum=row.checksum, added_at=row.added_at, is_primary=True,
                separate=False, matched="",
            )
        )  # fmt: skip
        stored = Path(data_dir) / "documents" / f"{row.id}.json" if data_dir else None
        if row.has_document and stored and stored.exists():
            found = identity.keys(Document.from_json(stored.read_text(encoding="utf-8")))
        else:
            names = [_list(row.authors), _list(row.languages)]
            found = [k for k in (identity.identifier_key(row.identifier), identity.title_key(row.title, *names)) if k]
        if found:
            connection.execute(
                keys_table.insert(), [{"kind": k.kind, "key": k.value, "title_id": row.id} for k in found]
            )


def downgrade() -> None:
    op.drop_index("title_keys_title", "title_keys")
    op.drop_table("title_keys")
    # A source that joined another title goes with this table: its file stays in sources/.
    op.drop_index("sources_joined_from", "sources")
    op.drop_index("sources_title", "sources")
    op.drop_table("sources")


def _list(value: object) -> list[str]:
    return value if isinstance(value, list) else json.loads(value or "[]")
