"""The audit log of changes to people: who added, changed or reset whom.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "people_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        # No foreign keys: the log outlives removed people; the console has no person id (0).
        sa.Column("actor_id", sa.Integer, nullable=False),
        sa.Column("actor_login", sa.String(128), nullable=False),
        sa.Column("person_id", sa.Integer, nullable=False),
        sa.Column("login", sa.String(128), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("people_changes_person", "people_changes", ["person_id"])


def downgrade() -> None:
    op.drop_index("people_changes_person", "people_changes")
    op.drop_table("people_changes")
