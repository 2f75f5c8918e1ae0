"""Clinic care: programs owned by the patient who made them, prescriptions and program requests, notes,
and refused sign-ups counted per invite.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 18:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("programs") as batch_op:
        batch_op.add_column(sa.Column("owner_person_id", sa.Integer(), server_default="0", nullable=False))
        batch_op.drop_constraint(op.f("uq_programs_slug_content_hash"), type_="unique")
        batch_op.drop_constraint(op.f("uq_programs_slug_version"), type_="unique")
        batch_op.create_unique_constraint(
            op.f("uq_programs_owner_person_id_slug_content_hash"), ["owner_person_id", "slug", "content_hash"]
        )
        batch_op.create_unique_constraint(
            op.f("uq_programs_owner_person_id_slug_version"), ["owner_person_id", "slug", "version"]
        )
    with op.batch_alter_table("invites") as batch_op:
        batch_op.add_column(sa.Column("refused_signups", sa.Integer(), server_default="0", nullable=False))
    op.create_table(
        "prescriptions",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("program_version_id", sa.Integer(), nullable=False),
        sa.Column("clinician_id", sa.Integer(), nullable=True),
        sa.Column("prescribed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["clinician_id"], ["accounts.id"], name=op.f("fk_prescriptions_clinician_id_accounts"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_prescriptions_person_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["program_version_id"], ["programs.id"], name=op.f("fk_prescriptions_program_version_id_programs")
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_prescriptions")),
    )
    op.create_table(
        "program_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("program_version_id", sa.Integer(), nullable=False),
        sa.Column("stage_index", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "status IN ('open', 'approved', 'declined', 'replaced')", name=op.f("ck_program_requests_status")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["accounts.id"], name=op.f("fk_program_requests_decided_by_accounts"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_program_requests_person_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["program_version_id"], ["programs.id"], name=op.f("fk_program_requests_program_version_id_programs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_program_requests")),
    )
    op.create_index(op.f("ix_program_requests_person_id"), "program_requests", ["person_id"], unique=False)
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column("from_patient", sa.Boolean(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"], ["accounts.id"], name=op.f("fk_notes_author_id_accounts"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_notes_person_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notes")),
    )
    op.create_index(op.f("ix_notes_person_id"), "notes", ["person_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_notes_person_id"), table_name="notes")
    op.drop_table("notes")
    op.drop_index(op.f("ix_program_requests_person_id"), table_name="program_requests")
    op.drop_table("program_requests")
    op.drop_table("prescriptions")
    with op.batch_alter_table("invites") as batch_op:
        batch_op.drop_column("refused_signups")
    with op.batch_alter_table("programs") as batch_op:
        batch_op.drop_constraint(op.f("uq_programs_owner_person_id_slug_version"), type_="unique")
        batch_op.drop_constraint(op.f("uq_programs_owner_person_id_slug_content_hash"), type_="unique")
        batch_op.create_unique_constraint(op.f("uq_programs_slug_version"), ["slug", "version"])
        batch_op.create_unique_constraint(op.f("uq_programs_slug_content_hash"), ["slug", "content_hash"])
        batch_op.drop_column("owner_person_id")
