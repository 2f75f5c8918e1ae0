"""The exercise library: exercises imported from library files such as free-exercise-db.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 16:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "library_exercises",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("library", sa.String(length=80), nullable=False),
        sa.Column("source_id", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=40), nullable=True),
        sa.Column("category", sa.String(length=40), nullable=True),
        sa.Column("equipment", sa.String(length=60), nullable=True),
        sa.Column("force", sa.String(length=40), nullable=True),
        sa.Column("mechanic", sa.String(length=40), nullable=True),
        sa.Column("primary_muscles", sa.JSON(), nullable=False),
        sa.Column("secondary_muscles", sa.JSON(), nullable=False),
        sa.Column("instructions", sa.JSON(), nullable=False),
        sa.Column("muscles_text", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_library_exercises")),
        sa.UniqueConstraint("library", "source_id", name=op.f("uq_library_exercises_library_source_id")),
    )
    op.create_index(op.f("ix_library_exercises_library"), "library_exercises", ["library"], unique=False)
    op.create_index(op.f("ix_library_exercises_source_id"), "library_exercises", ["source_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_library_exercises_source_id"), table_name="library_exercises")
    op.drop_index(op.f("ix_library_exercises_library"), table_name="library_exercises")
    op.drop_table("library_exercises")
