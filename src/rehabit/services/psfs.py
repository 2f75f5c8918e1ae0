"""Patient-Specific Functional Scale ratings [E]: up to five activities the person names, each 0–10.

`rate_psfs` stores one rating day (`rehabit psfs`, setup's first rating, the web's PSFS form);
`psfs_summary` reads them back with the change that counts as real (OUTCOME-1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from rehabit.domain.outcomes import PsfsEntry, PsfsSummary, psfs_summary
from rehabit.errors import RehabitError
from rehabit.services.course import local_date, person_thresholds
from rehabit.store import Store, people, psfs

__all__ = ["MAX_PSFS_ACTIVITIES", "PsfsForm", "psfs_activities", "psfs_form", "psfs_entries", "rate_psfs", "summary"]

MAX_PSFS_ACTIVITIES = 5


def rate_psfs(
    store: Store, person_id: int, ratings: Sequence[tuple[str, int]], *, rated_at: datetime | None = None
) -> None:
    """Store one PSFS rating day: up to five named activities, each scored 0 (unable) to 10 (as before)."""
    if not ratings:
        raise RehabitError("name at least one activity and its score (0 unable … 10 as before)")
    names = [name.strip().lower() for name, _ in ratings]
    if len(set(names)) != len(names):
        raise RehabitError("each activity can be rated once per rating")
    if len(ratings) > MAX_PSFS_ACTIVITIES:
        raise RehabitError(f"rate at most {MAX_PSFS_ACTIVITIES} activities (got {len(ratings)})")
    with store.transaction():
        for name, score in ratings:
            psfs.add_psfs(store, person_id, name, score, rated_at=rated_at)


def psfs_activities(store: Store, person_id: int) -> list[str]:
    """The activities of the person's latest rating, in the order they were named."""
    records = psfs.list_psfs(store, person_id)
    if not records:
        return []
    last_day = local_date(records[-1].rated_at)
    return [r.activity for r in records if local_date(r.rated_at) == last_day]


def psfs_entries(store: Store, person_id: int) -> list[PsfsEntry]:
    """The person's PSFS ratings grouped by day (a later score for an activity that day wins)."""
    days: dict[date, dict[str, int]] = {}
    for record in psfs.list_psfs(store, person_id):
        days.setdefault(local_date(record.rated_at), {})[record.activity] = record.score
    return [PsfsEntry(day, scores) for day, scores in sorted(days.items())]


def summary(store: Store, person_id: int) -> PsfsSummary:
    """The person's ratings by day with the mean's change and when the next rating is due."""
    return psfs_summary(psfs_entries(store, person_id), person_thresholds(people.get_person(store, person_id)))


@dataclass(frozen=True)
class PsfsForm:
    """What the PSFS form shows: the activities named last time (to rate again), whether a rating is due
    (every `psfs_every_days`, the first one any time), and the date it is next due."""

    activities: list[str]
    due: bool
    next_due: date | None
    last_rated: date | None


def psfs_form(store: Store, person_id: int, today: date) -> PsfsForm:
    """The PSFS form for a person today (read-only)."""
    with store.read():
        activities = psfs_activities(store, person_id)
        found = summary(store, person_id)
    last = found.entries[-1].on if found.entries else None
    return PsfsForm(
        activities=activities,
        due=found.next_due is None or found.next_due <= today,
        next_due=found.next_due,
        last_rated=last,
    )
