"""Search that forgives how people type, and the books' text searched too.

``title_search`` gains a ``loose`` column (Kazakh letters folded to Russian, stems, other
names: see ``search.py``) and ``block_search`` holds every block of every stored
Document.  Both are filled again from the titles and their stored Documents.

Revision ID: 0007
Revises: 0005
"""

import json
from pathlib import Path

import sqlalchemy as sa
from alembic import context, op

from accessreader.model import Document
from accessreader.service import search

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table("title_search")
    if op.get_bind().dialect.name == "sqlite":
        # Text is folded (search.fold) before it is indexed, so the tokenizer only splits.
        op.execute(
            "CREATE VIRTUAL TABLE title_search USING fts5(title, authors, description, loose, "
            "tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4')"
        )
        op.execute(
            "CREATE VIRTUAL TABLE block_search USING fts5(title_id UNINDEXED, chapter UNINDEXED, "
            "block UNINDEXED, original UNINDEXED, text, loose, "
            "tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4')"
        )
    else:
        op.create_table(
            "title_search",
            sa.Column("title_id", sa.Integer, sa.ForeignKey("titles.id", ondelete="CASCADE"), primary_key=True),
            sa.Column("title", sa.Text, nullable=False),
            sa.Column("authors", sa.Text, nullable=False),
            sa.Column("description", sa.Text, nullable=False),
            sa.Column("loose", sa.Text, nullable=False),
        )
        op.execute(
            "CREATE INDEX title_search_words ON title_search USING GIN "
            "(to_tsvector('simple', title || ' ' || authors || ' ' || description || ' ' || loose))"
        )
        op.execute(
            "CREATE INDEX title_search_exact ON title_search USING GIN "
            "(to_tsvector('simple', title || ' ' || authors || ' ' || description))"
        )
        op.create_table(
            "block_search",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("title_id", sa.Integer, sa.ForeignKey("titles.id", ondelete="CASCADE"), nullable=False),
            sa.Column("chapter", sa.Integer, nullable=False),
            sa.Column("block", sa.Text, nullable=False),
            sa.Column("original", sa.Text, nullable=False),
            sa.Column("text", sa.Text, nullable=False),
            sa.Column("loose", sa.Text, nullable=False),
        )
        op.create_index("block_search_title", "block_search", ["title_id"])
        op.execute(
            "CREATE INDEX block_search_words ON block_search USING GIN (to_tsvector('simple', text || ' ' || loose))"
        )
    connection = op.get_bind()
    data_dir = context.config.attributes.get("data_dir")
    rows = connection.execute(sa.text("SELECT id, title, authors, description, has_document FROM titles")).all()
    for title_id, title, authors, description, has_document in rows:
        names = authors if isinstance(authors, list) else json.loads(authors or "[]")
        search.index(connection, title_id, title, names, description)
        stored = Path(data_dir) / "documents" / f"{title_id}.json" if data_dir else None
        if has_document and stored and stored.exists():
            document = Document.from_json(stored.read_text(encoding="utf-8"))
            search.index_text(connection, title_id, search.blocks_of(document))


def downgrade() -> None:
    op.drop_table("block_search")
    op.drop_table("title_search")
    if op.get_bind().dialect.name == "sqlite":
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
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, title, authors, description FROM titles")).all()
    for title_id, title, authors, description in rows:
        names = authors if isinstance(authors, list) else json.loads(authors or "[]")
        values = {
            "id": title_id,
            "t": search.fold(title),
            "a": search.fold(" ".join(names)),
            "d": search.fold(description),
        }
        key = "rowid" if connection.dialect.name == "sqlite" else "title_id"
        connection.execute(
            sa.text(f"INSERT INTO title_search ({key}, title, authors, description) VALUES (:id, :t, :a, :d)"), values
        )
