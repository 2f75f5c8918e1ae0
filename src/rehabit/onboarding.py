"""Setting a person up: the warning-sign screen, equipment, days and starting pain, stored together.

The CLI's `rehabit setup` / `rehabit screen` and the web app's setup page both call these functions;
the rules themselves live in `rehabit.safety` (SCREEN-1..3) and `rehabit.planner` (FREQ-1).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from rehabit.errors import RehabitError
from rehabit.planner import DAY_LABELS, DAY_NAMES
from rehabit.programs import get_program
from rehabit.safety import (
    ScreeningRefusal,
    ScreenOutcome,
    check_clearance,
    exercise_allowed,
    screen,
)
from rehabit.store import PersonRecord, ScreeningRecord, Store, people, programs, screenings

# Words people type for the equipment the built-in program uses, and the program's own names.
EQUIPMENT_WORDS: dict[str, str] = {
    "band": "resistance band",
    "bands": "resistance band",
    "resistance-band": "resistance band",
    "resistance band": "resistance band",
    "weights": "weights",
    "weight": "weights",
    "dumbbell": "weights",
    "dumbbells": "weights",
}

__all__ = [
    "EQUIPMENT_WORDS",
    "SetupAnswers",
    "SetupOutcome",
    "clear_to_exercise",
    "parse_days",
    "parse_equipment",
    "rescreen",
    "require_screen_passed",
    "set_up",
]


@dataclass(frozen=True)
class SetupAnswers:
    """Everything `rehabit setup` asks: warning-sign answers by name, equipment, days (Monday 0), pain
    (None when not asked: after a SCREEN-2 emergency rehabit asks nothing more)."""

    warning_signs: Mapping[str, bool]
    equipment: tuple[str, ...]
    preferred_days: tuple[int, ...]
    starting_pain: int | None
    name: str | None = None


@dataclass(frozen=True)
class SetupOutcome:
    """The stored profile and screening, and what the screen decided."""

    person: PersonRecord
    screening: ScreeningRecord
    outcome: ScreenOutcome


def parse_equipment(words: str | Iterable[str], extra_known: Iterable[str] = ()) -> tuple[str, ...]:
    """Equipment names from "band,weights" (or a list); "none" means none. RehabitError for unknown ones."""
    items = words.split(",") if isinstance(words, str) else list(words)
    known = dict(EQUIPMENT_WORDS) | {name.lower(): name.lower() for name in extra_known}
    chosen: set[str] = set()
    cleaned = [item.strip().lower() for item in items if item.strip()]
    if cleaned == ["none"]:
        return ()
    for item in cleaned:
        if item == "none":
            raise RehabitError("'none' cannot be combined with other equipment")
        if item not in known:
            names = ", ".join(sorted({"band", "weights", *extra_known})) + ", none"
            raise RehabitError(f"unknown equipment {item!r} (known: {names})")
        chosen.add(known[item])
    return tuple(sorted(chosen))


def parse_days(words: str | Iterable[str]) -> tuple[int, ...]:
    """Weekday numbers (Monday 0) from "mon,wed,fri" or full day names; RehabitError for anything else."""
    items = words.split(",") if isinstance(words, str) else list(words)
    chosen: set[int] = set()
    for item in (raw.strip().lower() for raw in items):
        if not item:
            continue
        matches = [number for number, name in enumerate(DAY_NAMES) if item in (name, DAY_LABELS[number].lower())]
        if not matches:
            raise RehabitError(f"unknown day {item!r} (use mon, tue, wed, thu, fri, sat, sun)")
        chosen.add(matches[0])
    if not chosen:
        raise RehabitError("name at least one day, for example mon,wed,fri")
    return tuple(sorted(chosen))


def set_up(
    store: Store, answers: SetupAnswers, *, now: datetime | None = None, person_id: int | None = None
) -> SetupOutcome:
    """Screen the person (SCREEN-1..3) and store their profile and screening in one transaction.

    The local profile is created on first use and updated afterwards; the screening is always a new row.
    `person_id` names the profile to set up instead (clinic mode: the signed-in patient's own).
    """
    outcome = screen(answers.warning_signs)
    with store.transaction():
        existing = people.default_person(store) if person_id is None else people.get_person(store, person_id)
        if existing is None:
            person = people.create_person(
                store,
                name=answers.name,
                equipment=answers.equipment,
                preferred_days=answers.preferred_days,
                starting_pain=answers.starting_pain,
                created_at=now,
            )
        else:
            person = people.update_person(
                store,
                existing.id,
                equipment=answers.equipment,
                preferred_days=answers.preferred_days,
                starting_pain=answers.starting_pain,
            )
            if answers.name is not None:
                person = people.update_person(store, person.id, name=answers.name)
        if person.program_version_id is None:
            version = programs.save_program_version(store, get_program(), "builtin")
            person = people.update_person(store, person.id, program_version_id=version.id)
        stored = screenings.record_screening(
            store, person.id, answers.warning_signs, outcome.result.value, screened_at=now
        )
    return SetupOutcome(person=person, screening=stored, outcome=outcome)


def rescreen(
    store: Store, person_id: int, warning_signs: Mapping[str, bool], *, now: datetime | None = None
) -> tuple[ScreeningRecord, ScreenOutcome]:
    """Run the warning-sign screen again for a person and store it."""
    outcome = screen(warning_signs)
    stored = screenings.record_screening(store, person_id, warning_signs, outcome.result.value, screened_at=now)
    return stored, outcome


def clear_to_exercise(store: Store, person_id: int, cleared_by: str, cleared_on: date, today: date) -> ScreeningRecord:
    """Record on the latest screening that a health professional cleared the person (SCREEN-3)."""
    latest = screenings.latest_screening(store, person_id)
    if latest is None:
        raise RehabitError("answer the warning-sign questions first: `rehabit screen`")
    check_clearance(latest.result, cleared_by, cleared_on, today)
    return screenings.record_clearance(store, latest.id, cleared_by, cleared_on)


def require_screen_passed(store: Store, person_id: int) -> ScreeningRecord:
    """The latest screening when it allows a program; ScreeningRefusal saying why otherwise."""
    latest = screenings.latest_screening(store, person_id)
    reason = exercise_allowed(None if latest is None else latest.result, None if latest is None else latest.cleared_on)
    if reason is not None or latest is None:
        raise ScreeningRefusal(reason or "answer the warning-sign questions first")
    return latest
