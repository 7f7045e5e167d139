"""Catalog: titles, renditions and the full-text search table.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "titles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("authors", sa.JSON, nullable=False),
        sa.Column("languages", sa.JSON, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("publisher", sa.Text, nullable=False),
        sa.Column("date", sa.String(64), nullable=False),
        sa.Column("identifier", sa.Text, nullable=False),
        sa.Column("source_name", sa.Text, nullable=False),
        sa.Column("source_path", sa.Text, nullable=False),
        sa.Column("source_format", sa.String(16), nullable=False),
        sa.Column("source_size", sa.Integer, nullable=False),
        sa.Column("checksum", sa.String(80), nullable=False, unique=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("status_detail", sa.Text, nullable=False),
        sa.Column("has_document", sa.Boolean, nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("titles_status", "titles", ["status", "added_at"])
    op.create_table(
        "renditions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title_id", sa.Integer, sa.ForeignKey("titles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("fmt", sa.String(32), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("media_type", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("title_id", "fmt"),
    )
    if op.get_bind().dialect.name == "sqlite":
        # Text is folded (search.fold) before it is indexed, so the tokenizer only splits.
        op.execute(
            "CREATE VIRTUAL TABLE title_search USING fts5("
            "title, authors, description, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4')"
        )
    else:
        op.create_table(
            "title_search",
            sa.Column("title_id", sa.Integer, sa.ForeignKey("titles.id", ondelete="CASCADE"), primary_key=True),
            sa.Column("title", sa.Text, nullable=False),
            sa.Column("authors", sa.Text, nullable=False),
            sa.Column("description", sa.Text, nullable=False),
        )
        op.execute(
            "CREATE INDEX title_search_words ON title_search USING GIN "
            "(to_tsvector('simple', title || ' ' || authors || ' ' || description))"
        )


def downgrade() -> None:
    op.drop_table("title_search")
    op.drop_table("renditions")
    op.drop_index("titles_status", "titles")
    op.drop_table("titles")
