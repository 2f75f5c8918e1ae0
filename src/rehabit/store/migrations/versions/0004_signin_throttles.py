"""Sign-in throttling per user name and per client address, and trusted devices.

`login_failures` (per user name only) becomes `signin_failures`, keyed by kind ('account' or 'address')
and key; the counts in it are short-lived, so they are not carried over. `trusted_devices` holds the
digests of the device cookies of browsers that signed in with the right password.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_table("login_failures")
    op.create_table(
        "signin_failures",
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("kind IN ('account', 'address')", name=op.f("ck_signin_failures_kind")),
        sa.PrimaryKeyConstraint("kind", "key", name=op.f("pk_signin_failures")),
    )
    op.create_table(
        "trusted_devices",
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_trusted_devices_account_id_accounts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("token_digest", name=op.f("pk_trusted_devices")),
    )
    op.create_index(op.f("ix_trusted_devices_account_id"), "trusted_devices", ["account_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_trusted_devices_account_id"), table_name="trusted_devices")
    op.drop_table("trusted_devices")
    op.drop_table("signin_failures")
    op.create_table(
        "login_failures",
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_login_failures")),
    )
