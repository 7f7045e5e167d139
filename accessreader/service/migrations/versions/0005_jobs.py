"""Conversion jobs and their steps, moved here from ``data/jobs.sqlite3`` so that workers
on several machines share them (``jobs.py`` copies an older file's rows in once).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("stem", sa.Text, nullable=False),
        sa.Column("formats", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("total", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created", sa.Float, nullable=False),
        sa.Column("started", sa.Float),
        sa.Column("finished", sa.Float),
        sa.Column("error_code", sa.String(64)),
        sa.Column("error_params", sa.Text),
        sa.Column("speech", sa.Integer, nullable=False, server_default="0"),
        sa.Column("speaking", sa.Float),
    )
    op.create_index("jobs_title", "jobs", ["title", "created"])
    op.create_index("jobs_created", "jobs", ["created"])
    op.create_table(
        "steps",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("job", sa.String(32), sa.ForeignKey("jobs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("done", sa.Integer, nullable=False, server_default="0"),
        sa.Column("lease", sa.Float, nullable=False, server_default="0"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("worker", sa.String(255), nullable=False, server_default=""),
        sa.UniqueConstraint("job", "name"),
    )
    op.create_index("steps_status", "steps", ["status", "lease"])


def downgrade() -> None:
    op.drop_index("steps_status", "steps")
    op.drop_table("steps")
    op.drop_index("jobs_created", "jobs")
    op.drop_index("jobs_title", "jobs")
    op.drop_table("jobs")
