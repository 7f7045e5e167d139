"""Tokens get a scope (feed or app) and a log of their use; login attempts are counted per
card and client, per card and per client (``throttle.py``) instead of on the person.

An existing token made for a podcast feed becomes a feed token, any other an app token
(apps save the place): neither opens people, uploads or other tokens any more.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tokens") as batch:
        batch.add_column(sa.Column("scope", sa.String(16), nullable=False, server_default="feed"))
        batch.add_column(sa.Column("last_used_at", sa.DateTime(timezone=True)))
    op.execute("UPDATE tokens SET scope = 'app' WHERE label NOT LIKE 'podcast %'")
    op.create_table(
        "token_uses",
        sa.Column("id", sa.Integer, primary_key=True),
        # No foreign keys: the log outlives revoked tokens and removed people.
        sa.Column("token_id", sa.Integer, nullable=False),
        sa.Column("person_id", sa.Integer, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("allowed", sa.Boolean, nullable=False),
    )
    op.create_index("token_uses_token", "token_uses", ["token_id", "at"])
    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("login", sa.String(200), nullable=False),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("reset_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("login_throttle_login", "login_throttle", ["login"])
    op.create_index("login_throttle_reset", "login_throttle", ["reset_at"])
    with op.batch_alter_table("people") as batch:
        batch.drop_column("locked_until")
        batch.drop_column("failed_logins")


def downgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("locked_until", sa.DateTime(timezone=True)))
    op.drop_index("login_throttle_reset", "login_throttle")
    op.drop_index("login_throttle_login", "login_throttle")
    op.drop_table("login_throttle")
    op.drop_index("token_uses_token", "token_uses")
    op.drop_table("token_uses")
    with op.batch_alter_table("tokens") as batch:
        batch.drop_column("last_used_at")
        batch.drop_column("scope")
