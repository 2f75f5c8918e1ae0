"""How long progression takes to replay a person's whole log, the way it runs after every session.

`update_course` replays every logged session through the engine and rewrites the decisions, so its
cost grows with the log. This prints the engine-only replay time and the full store round trip
(read logs, replay, replace decisions, write doses) for a year of sessions on SQLite.

    .venv/bin/python bench/progression_replay.py              # 156 sessions (a year at 3 a week)
    .venv/bin/python bench/progression_replay.py --weeks 104
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from rehabit.domain.progression import ExerciseOutcome, Progression, SessionOutcome, SetOutcome
from rehabit.programs import get_program
from rehabit.services.course import update_course
from rehabit.store import Store, people, programs, sessions


def scripted(weeks: int) -> list[SessionOutcome]:
    """Good sessions on Monday, Wednesday and Friday, each at the dose the engine asks for."""
    engine = Progression(get_program())
    course = engine.start()
    logged: list[SessionOutcome] = []
    start = date(2025, 1, 6)
    for day in (start + timedelta(weeks=w, days=d) for w in range(weeks) for d in (0, 2, 4)):
        exercises = []
        for _, (exercise_id, dose) in engine.doses(course).items():
            reps = dose.reps.min if dose.reps else None
            hold = dose.hold_s.min if dose.hold_s else None
            exercises.append(ExerciseOutcome(exercise_id, (SetOutcome(1, reps, hold, 1),)))
        session = SessionOutcome(day, tuple(exercises), 2, 2, 2)
        course, _ = engine.apply(course, session)
        logged.append(session)
    return logged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weeks", type=int, default=52, help="weeks of sessions, 3 a week (default 52)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (default 5)")
    args = parser.parse_args()
    logged = scripted(args.weeks)

    engine_ms = []
    for _ in range(args.runs):
        began = time.perf_counter()
        Progression(get_program()).replay(logged)
        engine_ms.append((time.perf_counter() - began) * 1000)

    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        person = people.create_person(store, name="bench")
        version = programs.person_program(store, person.id)
        for number, session in enumerate(logged):
            started = datetime.combine(session.on, clock_time(12), tzinfo=UTC)
            log = sessions.start_session(store, person.id, version.id, pain_before=2, started_at=started)
            for exercise in session.exercises:
                for logged_set in exercise.sets:
                    sessions.log_set(
                        store,
                        log.id,
                        exercise.exercise_id,
                        logged_set.set_number,
                        reps_done=logged_set.reps_done,
                        seconds_held=logged_set.seconds_held,
                        pain_during=logged_set.pain,
                        idempotency_key=f"{number}-{exercise.exercise_id}",
                        logged_at=started,
                    )
            sessions.finish_session(store, log.id, pain_after=2, finished_at=started + timedelta(minutes=20))
            sessions.record_next_morning_pain(store, log.id, 2)
        store_ms = []
        for _ in range(args.runs):
            began = time.perf_counter()
            update = update_course(store, person.id)
            store_ms.append((time.perf_counter() - began) * 1000)
        store.close()

    decisions = sum(len(found) for found in update.decisions.values())
    print(f"sessions: {len(logged)}, decisions: {decisions}, final stage index: {update.course.stage_index}")
    print(f"engine replay: median {statistics.median(engine_ms):.1f} ms (min {min(engine_ms):.1f})")
    print(f"update_course on SQLite: median {statistics.median(store_ms):.0f} ms (min {min(store_ms):.0f})")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
