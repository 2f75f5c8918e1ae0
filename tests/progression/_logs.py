"""Helpers that script logged sessions for the progression tests."""

from __future__ import annotations

from datetime import date, timedelta

from rehabit.domain.progression import Course, ExerciseOutcome, Progression, SessionOutcome, SetOutcome


def did(
    engine: Progression,
    course: Course,
    slot: str,
    pain: int = 1,
    short: int = 0,
    stopped: bool = False,
) -> ExerciseOutcome:
    """The exercise done at its current dose in every set (`short` reps or seconds fewer in the last set)."""
    rung = engine.rung(course, slot)
    dose = engine.program.exercise(rung.exercise_id).dose
    sets = []
    for number in range(1, dose.sets.min + 1):
        last = number == dose.sets.min
        reps, hold = rung.reps, rung.hold_s
        if last and short:
            if reps is not None and reps > 1:
                reps -= short
            elif hold is not None:
                hold -= short
        sets.append(SetOutcome(number, reps, hold, pain, stopped and last))
    return ExerciseOutcome(rung.exercise_id, tuple(sets))


def full_session(
    engine: Progression,
    course: Course,
    on: date,
    pain_during: int = 1,
    before: int | None = 2,
    after: int | None = 2,
    morning: int | None = 2,
) -> SessionOutcome:
    """Every planned exercise done fully with the same pain during."""
    exercises = tuple(did(engine, course, slot, pain_during) for slot in engine.doses(course))
    return SessionOutcome(on, exercises, before, after, morning)


def session_days(start: date, weeks: int) -> list[date]:
    """Monday, Wednesday and Friday of each week from `start` (a Monday)."""
    return [start + timedelta(weeks=w, days=d) for w in range(weeks) for d in (0, 2, 4)]
