"""The warning-sign screen for a person: screen again, record a clearance, and what the screen allows.

The rules themselves (SCREEN-1..3) are in `rehabit.domain.safety`; these functions store what they
decide and make every door obey it: `require_screen_passed` is what planning and session start call.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from pydantic import BaseModel

from rehabit.domain.dates import date_problem
from rehabit.domain.safety import ScreeningRefusal, ScreenOutcome, check_clearance, exercise_allowed, screen
from rehabit.errors import RehabitError
from rehabit.store import ScreeningRecord, Store, screenings

__all__ = [
    "ScreeningView",
    "latest_screening",
    "record_clearance_only",
    "require_screen_passed",
    "rescreen",
    "screen_allows",
    "screening_view",
]


class ScreeningView(BaseModel):
    """The person's latest screening and whether it allows a program (and why not)."""

    result: str
    screened_at: str
    cleared_by: str | None
    cleared_on: date | None
    allowed: bool
    reason: str | None


def latest_screening(store: Store, person_id: int) -> ScreeningRecord | None:
    """The person's latest screening, or None before the first."""
    return screenings.latest_screening(store, person_id)


def screening_view(store: Store, person_id: int) -> ScreeningView | None:
    """The latest screening as pages and the API show it; None before the first."""
    latest = screenings.latest_screening(store, person_id)
    if latest is None:
        return None
    reason = exercise_allowed(latest.result, latest.cleared_on)
    return ScreeningView(
        result=latest.result,
        screened_at=latest.screened_at.isoformat(),
        cleared_by=latest.cleared_by,
        cleared_on=latest.cleared_on,
        allowed=reason is None,
        reason=reason,
    )


def require_screen_passed(store: Store, person_id: int) -> ScreeningRecord:
    """The latest screening when it allows a program; ScreeningRefusal saying why otherwise."""
    latest = screenings.latest_screening(store, person_id)
    reason = exercise_allowed(None if latest is None else latest.result, None if latest is None else latest.cleared_on)
    if reason is not None or latest is None:
        raise ScreeningRefusal(reason or "answer the warning-sign questions first")
    return latest


def screen_allows(store: Store, person_id: int) -> bool:
    """Whether the latest screening allows a program (SCREEN-2/3)."""
    latest = screenings.latest_screening(store, person_id)
    return latest is not None and exercise_allowed(latest.result, latest.cleared_on) is None


def rescreen(
    store: Store, person_id: int, warning_signs: Mapping[str, bool], *, now: datetime | None = None
) -> tuple[ScreeningRecord, ScreenOutcome]:
    """Run the warning-sign screen again for a person and store it."""
    outcome = screen(warning_signs)
    stored = screenings.record_screening(store, person_id, warning_signs, outcome.result.value, screened_at=now)
    return stored, outcome


def record_clearance_only(
    store: Store, person_id: int, cleared_by: str, cleared_on: date, today: date
) -> ScreeningRecord:
    """Record on the latest screening that a health professional cleared the person (SCREEN-3)."""
    latest = screenings.latest_screening(store, person_id)
    if latest is None:
        raise RehabitError("answer the warning-sign questions first")
    check_clearance(latest.result, cleared_by.strip(), cleared_on, today)
    problem = date_problem(cleared_on)
    if problem is not None:
        raise RehabitError(f"the clearance date: {problem}")
    return screenings.record_clearance(store, latest.id, cleared_by.strip(), cleared_on)
