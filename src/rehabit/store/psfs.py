"""Patient-Specific Functional Scale ratings: activities the person names, each scored 0–10."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from rehabit.domain.records import PsfsRecord
from rehabit.errors import RehabitError
from rehabit.store import _convert, tables
from rehabit.store.database import Store, utcnow

__all__ = ["add_psfs", "list_psfs"]


def add_psfs(
    store: Store, person_id: int, activity: str, score: int, *, rated_at: datetime | None = None
) -> PsfsRecord:
    """Store one rating of an activity (0 unable … 10 as before the problem); committed at once."""
    activity = activity.strip()
    if not activity or len(activity) > 200:
        raise RehabitError("name the activity in 1 to 200 characters")
    checked = _convert.check_score(score, "a PSFS score")
    assert checked is not None
    row = tables.PsfsRating(person_id=person_id, activity=activity, score=checked, rated_at=rated_at or utcnow())
    with store.transaction() as db:
        db.add(row)
        db.flush()
        return _convert.psfs(row)


def list_psfs(store: Store, person_id: int, *, activity: str | None = None) -> list[PsfsRecord]:
    """A person's PSFS ratings, oldest first, optionally for one activity."""
    query = select(tables.PsfsRating).where(tables.PsfsRating.person_id == person_id)
    if activity is not None:
        query = query.where(tables.PsfsRating.activity == activity)
    with store.read() as db:
        rows = db.scalars(query.order_by(tables.PsfsRating.rated_at, tables.PsfsRating.id))
        return [_convert.psfs(row) for row in rows]
