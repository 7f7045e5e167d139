"""Failed logins counted per person, and a time until which the login is locked.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("locked_until", sa.DateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.drop_column("locked_until")
        batch.drop_column("failed_logins")
