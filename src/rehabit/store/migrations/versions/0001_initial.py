"""The first schema: programs, people, screenings, plans, session and set logs, decisions, doses, PSFS.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-24 15:38:38.182567
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "programs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("source_kind", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("source_kind IN ('builtin', 'file', 'reader')", name=op.f("ck_programs_source_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programs")),
        sa.UniqueConstraint("slug", "content_hash", name=op.f("uq_programs_slug_content_hash")),
        sa.UniqueConstraint("slug", "version", name=op.f("uq_programs_slug_version")),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("program_version_id", sa.Integer(), nullable=True),
        sa.Column("stage_index", sa.Integer(), nullable=False),
        sa.Column("equipment", sa.JSON(), nullable=False),
        sa.Column("preferred_days", sa.JSON(), nullable=False),
        sa.Column("starting_pain", sa.Integer(), nullable=True),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["program_version_id"], ["programs.id"], name=op.f("fk_people_program_version_id_programs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("uid", name=op.f("uq_people_uid")),
    )
    op.create_table(
        "current_doses",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=80), nullable=False),
        sa.Column("dose", sa.JSON(), nullable=False),
        sa.Column("ladder_step", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_current_doses_person_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("person_id", "exercise_id", name=op.f("pk_current_doses")),
    )
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("program_version_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("weeks", sa.Integer(), nullable=False),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_plans_person_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["program_version_id"], ["programs.id"], name=op.f("fk_plans_program_version_id_programs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
    )
    op.create_index(op.f("ix_plans_person_id"), "plans", ["person_id"], unique=False)

    op.create_table(
        "psfs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("activity", sa.String(length=200), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("rated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("score >= 0 AND score <= 10", name=op.f("ck_psfs_score")),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_psfs_person_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_psfs")),
    )
    op.create_index(op.f("ix_psfs_person_id"), "psfs", ["person_id"], unique=False)

    op.create_table(
        "screenings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("result", sa.String(length=20), nullable=False),
        sa.Column("screened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cleared_by", sa.String(length=200), nullable=True),
        sa.Column("cleared_on", sa.Date(), nullable=True),
        sa.CheckConstraint("result IN ('clear', 'emergency', 'needs_clearance')", name=op.f("ck_screenings_result")),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_screenings_person_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screenings")),
    )
    op.create_index(op.f("ix_screenings_person_id"), "screenings", ["person_id"], unique=False)

    op.create_table(
        "planned_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("stage_index", sa.Integer(), nullable=False),
        sa.Column("exercises", sa.JSON(), nullable=False),
        sa.Column("estimated_seconds", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.CheckConstraint(
            "status IN ('planned', 'done', 'skipped', 'replaced')", name=op.f("ck_planned_sessions_status")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_planned_sessions_person_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_planned_sessions_plan_id_plans"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planned_sessions")),
    )
    op.create_index(op.f("ix_planned_sessions_person_id"), "planned_sessions", ["person_id"], unique=False)
    op.create_index(op.f("ix_planned_sessions_plan_id"), "planned_sessions", ["plan_id"], unique=False)

    op.create_table(
        "session_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("planned_session_id", sa.Integer(), nullable=True),
        sa.Column("program_version_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("pain_before", sa.Integer(), nullable=True),
        sa.Column("pain_after", sa.Integer(), nullable=True),
        sa.Column("pain_next_morning", sa.Integer(), nullable=True),
        sa.Column("next_morning_asked", sa.Boolean(), nullable=False),
        sa.Column("effort", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint("status IN ('in_progress', 'finished', 'abandoned')", name=op.f("ck_session_logs_status")),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_session_logs_person_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["planned_session_id"],
            ["planned_sessions.id"],
            name=op.f("fk_session_logs_planned_session_id_planned_sessions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["program_version_id"], ["programs.id"], name=op.f("fk_session_logs_program_version_id_programs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_logs")),
    )
    op.create_index(op.f("ix_session_logs_person_id"), "session_logs", ["person_id"], unique=False)

    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("session_log_id", sa.Integer(), nullable=True),
        sa.Column("exercise_id", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("rule_id", sa.String(length=20), nullable=False),
        sa.Column("facts", sa.Text(), nullable=False),
        sa.Column("old_dose", sa.JSON(), nullable=True),
        sa.Column("new_dose", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('progress', 'hold', 'regress', 'stop_and_refer')", name=op.f("ck_decisions_kind")),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_decisions_person_id_people"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["session_log_id"],
            ["session_logs.id"],
            name=op.f("fk_decisions_session_log_id_session_logs"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
    )
    op.create_index(op.f("ix_decisions_person_id"), "decisions", ["person_id"], unique=False)

    op.create_table(
        "set_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_log_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=80), nullable=False),
        sa.Column("side", sa.String(length=8), nullable=False),
        sa.Column("set_number", sa.Integer(), nullable=False),
        sa.Column("reps_done", sa.Integer(), nullable=True),
        sa.Column("seconds_held", sa.Integer(), nullable=True),
        sa.Column("pain_during", sa.Integer(), nullable=True),
        sa.Column("stopped_for_pain", sa.Boolean(), nullable=False),
        sa.Column("logged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("idempotency_key", sa.String(length=100), nullable=False),
        sa.CheckConstraint("side IN ('left', 'right', '')", name=op.f("ck_set_logs_side")),
        sa.ForeignKeyConstraint(
            ["session_log_id"],
            ["session_logs.id"],
            name=op.f("fk_set_logs_session_log_id_session_logs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_set_logs")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_set_logs_idempotency_key")),
        sa.UniqueConstraint(
            "session_log_id",
            "exercise_id",
            "side",
            "set_number",
            name=op.f("uq_set_logs_session_log_id_exercise_id_side_set_number"),
        ),
    )
    op.create_index(op.f("ix_set_logs_session_log_id"), "set_logs", ["session_log_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_set_logs_session_log_id"), table_name="set_logs")

    op.drop_table("set_logs")
    op.drop_index(op.f("ix_decisions_person_id"), table_name="decisions")

    op.drop_table("decisions")
    op.drop_index(op.f("ix_session_logs_person_id"), table_name="session_logs")

    op.drop_table("session_logs")
    op.drop_index(op.f("ix_planned_sessions_plan_id"), table_name="planned_sessions")
    op.drop_index(op.f("ix_planned_sessions_person_id"), table_name="planned_sessions")

    op.drop_table("planned_sessions")
    op.drop_index(op.f("ix_screenings_person_id"), table_name="screenings")

    op.drop_table("screenings")
    op.drop_index(op.f("ix_psfs_person_id"), table_name="psfs")

    op.drop_table("psfs")
    op.drop_index(op.f("ix_plans_person_id"), table_name="plans")

    op.drop_table("plans")
    op.drop_table("current_doses")
    op.drop_table("people")
    op.drop_table("programs")
