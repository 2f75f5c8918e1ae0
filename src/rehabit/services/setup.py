"""Setting a person up and keeping their profile: screen, profile, first PSFS and plan, in one door.

The CLI's `rehabit setup` / `rehabit screen` and the web app's setup, screening and profile pages call
these functions; the rules themselves live in `rehabit.domain.safety` (SCREEN-1..3) and
`rehabit.domain.planner` (FREQ-1).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pydantic import BaseModel

from rehabit.domain.planner import DAY_LABELS, DAY_NAMES
from rehabit.domain.safety import ScreenOutcome, ScreenResult, screen
from rehabit.errors import RehabitError
from rehabit.model import refuse_direction_controls
from rehabit.services import planning, screening
from rehabit.services.planning import PersonPlan
from rehabit.services.psfs import rate_psfs
from rehabit.store import PersonRecord, ScreeningRecord, Store, database_url, people, screenings, sessions

MAX_NAME_LENGTH = 200  # as the profile's column holds

LOOP_BAND = "loop band"  # a short band looped round both legs above the knees (banded glute bridge)
LONG_BAND = "long band"  # a long band to stand on with an end in each hand (banded hip hinge)
# Words people type for the equipment the built-in program uses -> the program's own names. "band" (or
# "resistance band") alone means both kinds.
EQUIPMENT_WORDS: dict[str, tuple[str, ...]] = {
    "band": (LOOP_BAND, LONG_BAND),
    "bands": (LOOP_BAND, LONG_BAND),
    "resistance-band": (LOOP_BAND, LONG_BAND),
    "resistance band": (LOOP_BAND, LONG_BAND),
    "loop": (LOOP_BAND,),
    "loop band": (LOOP_BAND,),
    "loop-band": (LOOP_BAND,),
    "mini band": (LOOP_BAND,),
    "mini-band": (LOOP_BAND,),
    "long band": (LONG_BAND,),
    "long-band": (LONG_BAND,),
    "weights": ("weights",),
    "weight": ("weights",),
    "dumbbell": ("weights",),
    "dumbbells": ("weights",),
}

__all__ = [
    "EQUIPMENT_WORDS",
    "MAX_NAME_LENGTH",
    "LONG_BAND",
    "LOOP_BAND",
    "ProfileView",
    "SetupAnswers",
    "SetupOutcome",
    "check_profile_name",
    "clear_to_exercise",
    "current_person",
    "local_database_exists",
    "local_person",
    "parse_days",
    "parse_equipment",
    "person",
    "profile_view",
    "screen_again",
    "set_up",
    "update_profile",
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
    psfs: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class SetupOutcome:
    """The stored profile and screening, what the screen decided, and the plan made when it allowed one."""

    person: PersonRecord
    screening: ScreeningRecord
    outcome: ScreenOutcome
    plan: PersonPlan | None = None


class ProfileView(BaseModel):
    """A profile as pages, the API and `--format json` show it."""

    id: int
    name: str | None
    equipment: list[str]
    preferred_days: list[int]
    day_names: list[str]
    starting_pain: int | None
    stage_index: int


def profile_view(person: PersonRecord) -> ProfileView:
    """The profile's document."""
    return ProfileView(
        id=person.id,
        name=person.name,
        equipment=list(person.equipment),
        preferred_days=list(person.preferred_days),
        day_names=[DAY_LABELS[day] for day in person.preferred_days],
        starting_pain=person.starting_pain,
        stage_index=person.stage_index,
    )


def local_person(store: Store) -> PersonRecord | None:
    """The one person of a local install (the first profile), or None before setup."""
    return people.default_person(store)


def current_person(store: Store) -> PersonRecord:
    """The local person; RehabitError telling them to set up first when there is none yet."""
    return people.current_person(store)


def person(store: Store, person_id: int) -> PersonRecord:
    """The profile with this id; NotFoundError when there is none."""
    return people.get_person(store, person_id)


def parse_equipment(words: str | Iterable[str], extra_known: Iterable[str] = ()) -> tuple[str, ...]:
    """Equipment names from "loop-band,weights" (or a list); "band" means both bands, "none" means none.
    RehabitError for unknown ones."""
    items = words.split(",") if isinstance(words, str) else list(words)
    known = dict(EQUIPMENT_WORDS) | {name.lower(): (name.lower(),) for name in extra_known}
    chosen: set[str] = set()
    cleaned = [item.strip().lower() for item in items if item.strip()]
    if cleaned == ["none"]:
        return ()
    for item in cleaned:
        if item == "none":
            raise RehabitError("'none' cannot be combined with other equipment")
        if item not in known:
            names = ", ".join(sorted({"band", "loop-band", "long-band", "weights", *extra_known})) + ", none"
            raise RehabitError(f"unknown equipment {item!r} (known: {names})")
        chosen.update(known[item])
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
    store: Store,
    answers: SetupAnswers,
    today: date,
    *,
    now: datetime | None = None,
    person_id: int | None = None,
    plan_weeks: int = planning.PLAN_WEEKS,
) -> SetupOutcome:
    """Screen the person (SCREEN-1..3), store their profile, screening and first PSFS ratings, and plan
    the coming weeks when the screen is clear; all in one transaction.

    The local profile is created on first use and updated afterwards; the screening is always a new row.
    `person_id` names the profile to set up instead (clinic mode: the signed-in patient's own). After an
    emergency answer (SCREEN-2) nothing but the screening is asked for, so nothing else is changed.
    """
    check_profile_name(answers.name)
    outcome = screen(answers.warning_signs)
    urgent = outcome.result is ScreenResult.EMERGENCY
    with store.transaction():
        existing = people.default_person(store) if person_id is None else people.get_person(store, person_id)
        if existing is None:
            found = people.create_person(
                store,
                name=answers.name,
                equipment=answers.equipment,
                preferred_days=answers.preferred_days,
                starting_pain=answers.starting_pain,
                created_at=now,
            )
        elif urgent:
            found = existing
        else:
            found = people.update_person(
                store,
                existing.id,
                equipment=answers.equipment,
                preferred_days=answers.preferred_days,
                starting_pain=answers.starting_pain,
            )
            if answers.name is not None:
                found = people.update_person(store, found.id, name=answers.name)
        stored = screenings.record_screening(
            store, found.id, answers.warning_signs, outcome.result.value, screened_at=now
        )
        if answers.psfs and not urgent:
            rate_psfs(store, found.id, answers.psfs, rated_at=now)
        if outcome.result is ScreenResult.CLEAR:
            made = planning.plan(store, found.id, today, plan_weeks)
        else:
            made = None
            _stop_what_the_screen_blocks(store, found.id, outcome, today)
    return SetupOutcome(person=people.get_person(store, found.id), screening=stored, outcome=outcome, plan=made)


def screen_again(
    store: Store, person_id: int, warning_signs: Mapping[str, bool], today: date, *, now: datetime | None = None
) -> tuple[ScreeningRecord, ScreenOutcome, PersonPlan | None]:
    """Run the warning-sign screen again for a person (after new symptoms, every 4 weeks, after a session
    that ended too sore) and store it, in one transaction.

    New warning signs (SCREEN-2, SCREEN-3) cancel the sessions still planned, saying why, and end a session
    in progress; a clear screen plans the coming weeks when nothing else stops it (a PAIN-4 pause).
    """
    with store.transaction():
        stored, outcome = screening.rescreen(store, person_id, warning_signs, now=now)
        made: PersonPlan | None = None
        if outcome.result is ScreenResult.CLEAR:
            try:
                made = planning.plan(store, person_id, today)
            except RehabitError:
                made = None  # PAIN-4 still pauses the program: Today says so
        else:
            _stop_what_the_screen_blocks(store, person_id, outcome, today)
    return stored, outcome, made


def _stop_what_the_screen_blocks(store: Store, person_id: int, outcome: ScreenOutcome, today: date) -> None:
    """SCREEN-2/3 after new warning signs: the sessions still planned are cancelled, with why, and a session
    in progress is ended (its sets are kept)."""
    if outcome.result is ScreenResult.EMERGENCY:
        reason = "new warning signs need emergency care today (SCREEN-2)"
    else:
        reason = "new warning signs need a health professional's check first (SCREEN-3)"
    planning.cancel_coming(store, person_id, today, reason)
    going = sessions.unfinished_session(store, person_id)
    if going is not None:
        sessions.abandon_session(store, going.id, notes=f"ended: {reason}")


def clear_to_exercise(
    store: Store, person_id: int, cleared_by: str, cleared_on: date, today: date
) -> tuple[ScreeningRecord, PersonPlan]:
    """SCREEN-3: record who cleared the person and when, then plan the coming weeks (one transaction)."""
    with store.transaction():
        record = screening.record_clearance_only(store, person_id, cleared_by, cleared_on, today)
        made = planning.plan(store, person_id, today)
    return record, made


def update_profile(
    store: Store,
    person_id: int,
    today: date,
    *,
    equipment: tuple[str, ...],
    preferred_days: tuple[int, ...],
    name: str | None = None,
) -> tuple[PersonRecord, PersonPlan | None]:
    """Change equipment, days or name, and plan the sessions still to do again when the screen allows.

    `name` None keeps the name; an empty name removes it.
    """
    check_profile_name(name)
    with store.transaction():
        people.update_person(store, person_id, equipment=equipment, preferred_days=sorted(set(preferred_days)))
        if name is not None:
            people.update_person(store, person_id, name=name.strip() or None)
        made = planning.plan_if_allowed(store, person_id, today)
    return people.get_person(store, person_id), made


def check_profile_name(name: str | None) -> None:
    """RehabitError for a profile name longer than 200 characters or holding text-direction controls."""
    if name is None:
        return
    if len(name.strip()) > MAX_NAME_LENGTH:
        raise RehabitError(f"a name is at most {MAX_NAME_LENGTH} characters")
    try:
        refuse_direction_controls(name)
    except ValueError as error:
        raise RehabitError(str(error)) from None


def local_database_exists() -> bool:
    """Whether the default database is somewhere other than a SQLite file not made yet (nothing is created)."""
    url = database_url()
    return not url.startswith("sqlite") or Path(url.removeprefix("sqlite:///")).exists()
