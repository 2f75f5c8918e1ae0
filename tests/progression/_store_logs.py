"""Helpers that log scripted sessions into a store, the way the session player does."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from rehabit.services.course import replay_course
from rehabit.store import Store, programs, sessions


def log_planned_doses(
    store: Store,
    person_id: int,
    on: date,
    *,
    pain_during: int = 1,
    before: int | None = 2,
    after: int | None = 2,
    morning: int | None = 2,
    stop: str | None = None,
) -> int:
    """Log a finished session on `on` doing every current dose fully; `stop` names an exercise stopped for pain."""
    update = replay_course(store, person_id)
    version = programs.person_program(store, person_id)
    started = datetime.combine(on, time(12, 0), tzinfo=UTC)
    log = sessions.start_session(store, person_id, version.id, pain_before=before, started_at=started)
    for slot, (exercise_id, dose) in update.engine.doses(update.course).items():
        sides = ["left", "right"] if dose.per_side else [None]
        for number in range(1, dose.sets.min + 1):
            for side in sides:
                stopped = slot == stop
                sessions.log_set(
                    store,
                    log.id,
                    exercise_id,
                    number,
                    side=side,
                    reps_done=None if dose.reps is None else dose.reps.min - (1 if stopped else 0),
                    seconds_held=None if dose.hold_s is None else dose.hold_s.min,
                    pain_during=7 if stopped else pain_during,
                    stopped_for_pain=stopped,
                    idempotency_key=f"{log.id}-{exercise_id}-{number}-{side}",
                    logged_at=started,
                )
    sessions.finish_session(store, log.id, pain_after=after, finished_at=started + timedelta(minutes=25))
    if morning is not None:
        sessions.record_next_morning_pain(store, log.id, morning)
    return log.id
