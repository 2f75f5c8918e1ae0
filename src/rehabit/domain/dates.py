"""The dates rehabit accepts from anyone: 1900-01-01 to 2200-12-31.

Dates outside that range are typing slips or hostile input; stored, they break the arithmetic of plans,
history and progress (a week after 9999-12-31 does not exist). Every entrance (backup import, API
bodies, command-line options) refuses them with `check_date` or `check_moment`.
"""

from __future__ import annotations

from datetime import date, datetime

EARLIEST = date(1900, 1, 1)
LATEST = date(2200, 12, 31)

__all__ = ["EARLIEST", "LATEST", "check_date", "check_moment", "date_problem"]


def date_problem(value: date) -> str | None:
    """Why rehabit refuses this date, or None when it is in range."""
    day = value.date() if isinstance(value, datetime) else value
    if EARLIEST <= day <= LATEST:
        return None
    return f"{day.isoformat()} is not a date rehabit accepts (from {EARLIEST.isoformat()} to {LATEST.isoformat()})"


def check_date(value: date) -> date:
    """`value` when it is in range; ValueError (a pydantic validator's error) otherwise."""
    problem = date_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def check_moment(value: datetime) -> datetime:
    """A timestamp whose day is in range; ValueError otherwise."""
    problem = date_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value
