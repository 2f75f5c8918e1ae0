"""The database tables (SQLAlchemy 2 declarative models). Alembic migrations create them; never ad hoc.

Times are stored in UTC. JSON columns hold documents in rehabit's own shapes: a `Dose` as
`Dose.model_dump(mode="json")`, a program as `Program.model_dump(mode="json")`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp kept in UTC on every engine: aware datetimes in, aware UTC datetimes out.

    A naive datetime is taken to be UTC already. SQLite has no time zones, so it stores UTC wall time.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return moment.replace(tzinfo=None) if dialect.name == "sqlite" else moment

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON, datetime: UtcDateTime}


class ProgramVersion(Base):
    """One stored version of a program document; logs and plans point at the exact version they used."""

    __tablename__ = "programs"
    __table_args__ = (
        UniqueConstraint("owner_person_id", "slug", "version"),
        UniqueConstraint("owner_person_id", "slug", "content_hash"),
        CheckConstraint("source_kind IN ('builtin', 'file', 'reader')", name="source_kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # whose program it is: 0 for the shared ones (built in, a local install's, a clinic's clinicians'),
    # else the profile of the patient who made it (ids are per owner: two patients may both have "x")
    owner_person_id: Mapped[int] = mapped_column(Integer, server_default="0")
    slug: Mapped[str] = mapped_column(String(80))
    version: Mapped[int] = mapped_column(Integer)
    document: Mapped[dict[str, Any]]
    content_hash: Mapped[str] = mapped_column(String(64))
    source_kind: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]


class Person(Base):
    """A profile: one person following a program."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]
    program_version_id: Mapped[int | None] = mapped_column(ForeignKey("programs.id"))
    stage_index: Mapped[int] = mapped_column(Integer)
    equipment: Mapped[list[Any]]
    preferred_days: Mapped[list[Any]]
    starting_pain: Mapped[int | None] = mapped_column(Integer)
    settings: Mapped[dict[str, Any]]


class Screening(Base):
    """One run of the warning-sign screen (SCREEN-1) with its result and any clearance."""

    __tablename__ = "screenings"
    __table_args__ = (CheckConstraint("result IN ('clear', 'emergency', 'needs_clearance')", name="result"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    answers: Mapped[dict[str, Any]]
    result: Mapped[str] = mapped_column(String(20))
    screened_at: Mapped[datetime]
    cleared_by: Mapped[str | None] = mapped_column(String(200))
    cleared_on: Mapped[date | None] = mapped_column(Date)


class Plan(Base):
    """A plan made on one day for the coming weeks."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    program_version_id: Mapped[int] = mapped_column(ForeignKey("programs.id"))
    created_at: Mapped[datetime]
    start_date: Mapped[date] = mapped_column(Date)
    weeks: Mapped[int] = mapped_column(Integer)
    notes: Mapped[list[Any]]


class PlannedSession(Base):
    """One dated session of a plan: the exercises with their doses and an estimated duration."""

    __tablename__ = "planned_sessions"
    __table_args__ = (
        CheckConstraint("status IN ('planned', 'done', 'skipped', 'replaced', 'cancelled')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    on_date: Mapped[date] = mapped_column(Date)
    stage_index: Mapped[int] = mapped_column(Integer)
    exercises: Mapped[list[Any]]
    estimated_seconds: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    status_reason: Mapped[str] = mapped_column(Text, default="", server_default="")  # why it was cancelled


class SessionLog(Base):
    """What happened in one session: times, pain before/after/next morning, effort, notes."""

    __tablename__ = "session_logs"
    __table_args__ = (CheckConstraint("status IN ('in_progress', 'finished', 'abandoned')", name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    planned_session_id: Mapped[int | None] = mapped_column(ForeignKey("planned_sessions.id", ondelete="SET NULL"))
    program_version_id: Mapped[int] = mapped_column(ForeignKey("programs.id"))
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16))
    pain_before: Mapped[int | None] = mapped_column(Integer)
    pain_after: Mapped[int | None] = mapped_column(Integer)
    pain_next_morning: Mapped[int | None] = mapped_column(Integer)
    next_morning_asked: Mapped[bool] = mapped_column(Boolean)
    effort: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text)
    extra: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # an extra session (FREQ-1)


class SetLog(Base):
    """One set of one exercise (on one side). `side` is '' when the exercise has no sides."""

    __tablename__ = "set_logs"
    __table_args__ = (
        UniqueConstraint("session_log_id", "exercise_id", "side", "set_number"),
        CheckConstraint("side IN ('left', 'right', '')", name="side"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_log_id: Mapped[int] = mapped_column(ForeignKey("session_logs.id", ondelete="CASCADE"), index=True)
    exercise_id: Mapped[str] = mapped_column(String(80))
    side: Mapped[str] = mapped_column(String(8))
    set_number: Mapped[int] = mapped_column(Integer)
    reps_done: Mapped[int | None] = mapped_column(Integer)
    seconds_held: Mapped[int | None] = mapped_column(Integer)
    pain_during: Mapped[int | None] = mapped_column(Integer)
    pain_asked: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )  # NULL pain then = not rated
    stopped_for_pain: Mapped[bool] = mapped_column(Boolean)
    logged_at: Mapped[datetime]
    idempotency_key: Mapped[str] = mapped_column(String(100), unique=True)


class Decision(Base):
    """The progression engine's verdict on one exercise, with the rule that fired."""

    __tablename__ = "decisions"
    __table_args__ = (CheckConstraint("kind IN ('progress', 'hold', 'regress', 'stop_and_refer')", name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    session_log_id: Mapped[int | None] = mapped_column(ForeignKey("session_logs.id", ondelete="SET NULL"))
    exercise_id: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))
    rule_id: Mapped[str] = mapped_column(String(20))
    facts: Mapped[str] = mapped_column(Text)
    old_dose: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    new_dose: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime]


class CurrentDose(Base):
    """The dose a person is on now for one exercise, and its step on the progression ladder."""

    __tablename__ = "current_doses"

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    exercise_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    dose: Mapped[dict[str, Any]]
    ladder_step: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime]


class PsfsRating(Base):
    """One Patient-Specific Functional Scale rating: an activity the person named, scored 0–10."""

    __tablename__ = "psfs"
    __table_args__ = (CheckConstraint("score >= 0 AND score <= 10", name="score"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    activity: Mapped[str] = mapped_column(String(200))
    score: Mapped[int] = mapped_column(Integer)
    rated_at: Mapped[datetime]
