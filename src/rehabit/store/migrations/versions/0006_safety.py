"""Safety at every door: a set's pain asked or not, extra sessions, cancelled planned sessions and why.

`set_logs.pain_asked`: the person was asked the pain of this set (a NULL pain then means "not rated").
`session_logs.extra`: a session done on a rest day by choice (FREQ-1), never counted towards DOSE-1.
`planned_sessions.status` may be 'cancelled' (new warning signs, a paused program), `status_reason` says why.
Profiles that had "resistance band" (one band for both banded exercises of the built-in program) get
the two bands the program now tells apart.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_STATUSES = "status IN ('planned', 'done', 'skipped', 'replaced')"
NEW_STATUSES = "status IN ('planned', 'done', 'skipped', 'replaced', 'cancelled')"
OLD_BAND = "resistance band"
NEW_BANDS = ("loop band", "long band")


def upgrade() -> None:
    with op.batch_alter_table("set_logs") as batch:
        batch.add_column(sa.Column("pain_asked", sa.Boolean(), nullable=False, server_default=sa.false()))
    # a pain already stored was given by the person: it was asked
    op.execute(sa.text("UPDATE set_logs SET pain_asked = :yes WHERE pain_during IS NOT NULL").bindparams(yes=True))
    with op.batch_alter_table("session_logs") as batch:
        batch.add_column(sa.Column("extra", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("planned_sessions") as batch:
        batch.add_column(sa.Column("status_reason", sa.Text(), nullable=False, server_default=""))
        batch.drop_constraint(op.f("ck_planned_sessions_status"), type_="check")
        batch.create_check_constraint(op.f("ck_planned_sessions_status"), sa.text(NEW_STATUSES))
    _split_bands(OLD_BAND, NEW_BANDS)


def downgrade() -> None:
    op.execute(sa.text("UPDATE planned_sessions SET status = 'replaced' WHERE status = 'cancelled'"))
    with op.batch_alter_table("planned_sessions") as batch:
        batch.drop_constraint(op.f("ck_planned_sessions_status"), type_="check")
        batch.create_check_constraint(op.f("ck_planned_sessions_status"), sa.text(OLD_STATUSES))
        batch.drop_column("status_reason")
    with op.batch_alter_table("session_logs") as batch:
        batch.drop_column("extra")
    with op.batch_alter_table("set_logs") as batch:
        batch.drop_column("pain_asked")


def _split_bands(old: str, new: tuple[str, ...]) -> None:
    people = sa.table("people", sa.column("id", sa.Integer()), sa.column("equipment", sa.JSON()))
    connection = op.get_bind()
    for person_id, equipment in connection.execute(sa.select(people.c.id, people.c.equipment)).all():
        items = list(equipment or [])
        if old in items:
            kept = sorted({item for item in items if item != old} | set(new))
            connection.execute(people.update().where(people.c.id == person_id).values(equipment=kept))
