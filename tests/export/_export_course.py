"""A small logged course shared by the FHIR and CSV export tests: three sessions, sets with pain, PSFS."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rehabit.model import Dose, IntRange
from rehabit.programs import get_program
from rehabit.store import Store, doses, people, programs, psfs, sessions

DAY = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Course:
    person_id: int
    pain_scores: int
    sets: int
    psfs_ratings: int


def seed_course(store: Store) -> Course:
    """One person on the built-in program: 3 sessions (one abandoned), 9 sets, 10 pain scores, 3 PSFS ratings."""
    version = programs.save_program_version(store, get_program())
    person = people.create_person(store, name="Stored Name", program_version_id=version.id, created_at=DAY)
    doses.set_current_dose(store, person.id, "glute-bridge", Dose(reps=IntRange.of(12, 15), hold_s=IntRange.of(2)))
    pain_scores = 0
    sets = 0
    for number in range(3):
        start = DAY + dt.timedelta(days=2 * number)
        log = sessions.start_session(store, person.id, version.id, pain_before=3 - number, started_at=start)
        pain_scores += 1
        for set_number in (1, 2):
            sessions.log_set(
                store, log.id, "glute-bridge", set_number, idempotency_key=f"{number}-gb-{set_number}", reps_done=12,
                pain_during=2 if set_number == 1 else None, logged_at=start + dt.timedelta(minutes=set_number),
            )  # fmt: skip
            sets += 1
            pain_scores += set_number == 1
        sessions.log_set(
            store, log.id, "bird-dog", 1, side="left", idempotency_key=f"{number}-bd", reps_done=5, seconds_held=15,
            logged_at=start + dt.timedelta(minutes=4),
        )  # fmt: skip
        sets += 1
        if number == 2:
            sessions.abandon_session(store, log.id, abandoned_at=start + dt.timedelta(minutes=5))
            continue
        finished = sessions.finish_session(
            store,
            log.id,
            pain_after=2,
            effort=6,
            notes="fine, a bit stiff",
            finished_at=start + dt.timedelta(minutes=20),
        )
        sessions.record_next_morning_pain(store, finished.id, 1)
        pain_scores += 2
    for week, score in enumerate((3, 5, 6)):
        psfs.add_psfs(store, person.id, "Climbing stairs", score, rated_at=DAY + dt.timedelta(weeks=week))
    return Course(person_id=person.id, pain_scores=pain_scores, sets=sets, psfs_ratings=3)
