"""The planner: profile + program + today's date -> dated sessions for the coming weeks (FREQ-1).

Rules, in order: sessions fall on the person's preferred days; never two on consecutive days (also
across a week's end, and not the day after the last session done); never more than 3 in a Monday–Sunday
week; each full week gets at least the program's minimum (2), on other days when the preferred ones
cannot give it, and the plan says so. Each session holds the current stage's exercises; an exercise
needing equipment the person lacks is swapped for a variant that needs none of it (following
`regresses_to`, then `progresses_to`) or left out, and the plan says which. No I/O lives here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations

from rehabit.domain.rules import Refusal
from rehabit.domain.timeline import choose_dose, session_seconds
from rehabit.model import Dose, Exercise, Program

MAX_PER_WEEK = 3
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_LABELS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DEFAULT_DAYS = (0, 2, 4)
# Days tried, in this order, when the preferred days give a full week too few sessions: well spread.
_FILL_ORDER = (0, 2, 4, 6, 1, 3, 5)

__all__ = [
    "DAY_LABELS",
    "DAY_NAMES",
    "DEFAULT_DAYS",
    "MAX_PER_WEEK",
    "Plan",
    "PlannedExercise",
    "PlannedSession",
    "choose_exercises",
    "make_plan",
    "rest_day_refusal",
    "session_dates",
]


@dataclass(frozen=True)
class PlannedExercise:
    """One exercise of a planned session and the dose to do."""

    exercise: Exercise
    dose: Dose


@dataclass(frozen=True)
class PlannedSession:
    """One dated session: the stage it belongs to, its exercises and its estimated length in seconds."""

    on_date: date
    stage_index: int
    exercises: tuple[PlannedExercise, ...]
    estimated_seconds: int


@dataclass(frozen=True)
class Plan:
    """Sessions for `weeks` weeks from `start`, with what the planner changed and why (`notes`)."""

    start: date
    weeks: int
    sessions: tuple[PlannedSession, ...]
    notes: tuple[str, ...]


def session_dates(
    start: date,
    weeks: int,
    preferred_days: Iterable[int],
    *,
    per_week_min: int = 2,
    per_week_max: int = MAX_PER_WEEK,
    last_session: date | None = None,
) -> tuple[list[date], list[str]]:
    """The session dates in the `weeks` × 7 days from `start` (FREQ-1), and notes on any day added.

    The number a week is the count of preferred days, kept between the minimum and the maximum (never
    above 3). Weeks cut short by the plan's start or end only use preferred days.
    """
    days = sorted(set(preferred_days)) or list(DEFAULT_DAYS)
    per_week_max = max(1, min(per_week_max, MAX_PER_WEEK))
    per_week_min = max(0, min(per_week_min, per_week_max))
    target = max(per_week_min, min(len(days), per_week_max))
    end = start + timedelta(days=7 * weeks)
    chosen: list[date] = []
    added: list[date] = []
    previous = last_session
    monday = start - timedelta(days=start.weekday())
    while monday < end:
        week = [monday + timedelta(days=offset) for offset in range(7)]
        inside = [day for day in week if start <= day < end]
        picked: list[date] = []
        for day in inside:
            if day.weekday() in days and len(picked) < target and _apart(day, previous, picked):
                picked.append(day)
        if len(inside) == 7 and len(picked) < per_week_min:
            picked = _fill_week(week, days, previous, per_week_min) or picked
            added.extend(day for day in picked if day.weekday() not in days)
        picked.sort()
        chosen.extend(picked)
        if picked:
            previous = picked[-1]
        monday += timedelta(days=7)
    notes: list[str] = []
    if added:
        names = sorted({DAY_LABELS[day.weekday()] for day in added}, key=DAY_LABELS.index)
        notes.append(
            f"Your chosen days cannot give {per_week_min} sessions a week with a rest day between them, "
            f"so some weeks also have a session on {_join(names)} (FREQ-1)."
        )
    return chosen, notes


def choose_exercises(program: Program, stage_index: int, equipment: Iterable[str]) -> tuple[list[Exercise], list[str]]:
    """The stage's exercises the person can do with their equipment, and a note for each change.

    Only an exercise's required `equipment` counts; its `optional_equipment` never leaves it out."""
    have = {item.strip().lower() for item in equipment}
    stage = program.stage_exercises(stage_index)
    wanted_ids = {exercise.id for exercise in stage}
    chosen: list[Exercise] = []
    notes: list[str] = []
    for exercise in stage:
        missing = [item for item in exercise.equipment if item not in have]
        if not missing:
            if exercise not in chosen:
                chosen.append(exercise)
            continue
        variant = _variant_without(program, exercise, have, wanted_ids | {e.id for e in chosen})
        needs = _join([_with_article(item) for item in missing])
        if variant is None:
            notes.append(f"Left out {exercise.name}: it needs {needs}, and this program has no variant without it.")
        else:
            chosen.append(variant)
            notes.append(f"{exercise.name} needs {needs}, so your plan has {variant.name} instead.")
    return chosen, notes


def make_plan(
    program: Program,
    start: date,
    weeks: int,
    *,
    preferred_days: Sequence[int] = (),
    equipment: Iterable[str] = (),
    stage_index: int = 0,
    doses: Mapping[str, Dose] | None = None,
    last_session: date | None = None,
    instead: Mapping[str, str] | None = None,
    leave_out: Mapping[str, str] | None = None,
) -> Plan:
    """Plan `weeks` weeks from `start`: dates by FREQ-1, the stage's exercises, doses and durations.

    `doses` (exercise id -> Dose) overrides the program's doses, e.g. the current doses progression set.
    Progression may also name a variation to do `instead` of an exercise (its dose is still keyed by the
    exercise), and exercises to `leave_out` with the reason, which goes into the plan's notes.
    """
    if weeks < 1:
        raise ValueError("a plan covers at least one week")
    dates, date_notes = session_dates(
        start,
        weeks,
        preferred_days,
        per_week_min=program.frequency_per_week.min,
        per_week_max=program.frequency_per_week.max,
        last_session=last_session,
    )
    exercises, exercise_notes = choose_exercises(program, stage_index, equipment)
    overrides, swaps, paused = doses or {}, instead or {}, leave_out or {}
    exercise_notes += [f"Left out {program.exercise(e).name}: {why}" for e, why in paused.items()]
    kept: list[PlannedExercise] = []
    for exercise in exercises:
        if exercise.id not in paused:
            doing = program.exercise(swaps.get(exercise.id, exercise.id))
            kept.append(PlannedExercise(doing, overrides.get(exercise.id, doing.dose)))
    planned = tuple(kept)
    exercises = [item.exercise for item in planned]
    seconds = round(session_seconds(exercises, {item.exercise.id: choose_dose(item.dose) for item in planned}))
    stage = max(0, min(stage_index, len(program.stages) - 1)) if program.stages else 0
    sessions = tuple(PlannedSession(day, stage, planned, seconds) for day in dates)
    return Plan(start=start, weeks=weeks, sessions=sessions, notes=tuple(exercise_notes + date_notes))


def rest_day_refusal(on: date, logged: Iterable[date]) -> Refusal | None:
    """FREQ-1 at the start of a session on `on`: refused on the day of a session already logged, and on
    the day before or after one (never two days in a row). `logged` are the days sessions were done.

    The person may still choose an extra session: it is logged, and never counts towards a harder dose.
    """
    near = sorted(day for day in set(logged) if abs((day - on).days) <= 1)
    if not near:
        return None
    done = near[-1]
    when = {0: "today", -1: "yesterday", 1: "tomorrow"}.get((done - on).days, "")
    day = f"{DAY_LABELS[done.weekday()]} {done.day} {done:%B}"
    after = max(near) + timedelta(days=2)
    return Refusal(
        "FREQ-1",
        f"You already did a session on {day}" + (f" ({when})" if when else "") + ": muscles need a rest day "
        "between sessions.",
        f"Rest on {DAY_LABELS[on.weekday()]}; your next session can be on {DAY_LABELS[after.weekday()]} "
        f"{after.day} {after:%B}. If you still want to exercise, choose an extra session: it is logged, but it "
        "never counts towards a harder dose.",
        extra_allowed=True,
        command="rehabit session --extra",
    )


def _fill_week(week: Sequence[date], days: Sequence[int], previous: date | None, count: int) -> list[date]:
    """The `count` days of a full week that keep FREQ-1 and use the most preferred days, spread well."""
    best: tuple[int, int] | None = None
    chosen: list[date] = []
    for combination in combinations(week, count):
        if not all(_apart(day, previous, [other for other in combination if other != day]) for day in combination):
            continue
        score = (
            sum(day.weekday() in days for day in combination),
            -sum(_FILL_ORDER.index(day.weekday()) for day in combination),
        )
        if best is None or score > best:
            best, chosen = score, list(combination)
    return chosen


def _apart(day: date, previous: date | None, picked: Sequence[date]) -> bool:
    """True when `day` is at least two days from every other session (FREQ-1: never two days in a row)."""
    others = list(picked) + ([previous] if previous is not None else [])
    return all(abs((day - other).days) >= 2 for other in others)


def _variant_without(program: Program, exercise: Exercise, have: set[str], taken: set[str]) -> Exercise | None:
    for link in ("regresses_to", "progresses_to"):
        current: Exercise | None = exercise
        seen = {exercise.id}
        while current is not None:
            target = getattr(current, link)
            if target is None or target in seen:
                break
            seen.add(target)
            current = program.exercise(target)
            if current.id not in taken and all(item in have for item in current.equipment):
                return current
    return None


def _with_article(equipment: str) -> str:
    return equipment if equipment.endswith("s") else f"a {equipment}"


def _join(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
