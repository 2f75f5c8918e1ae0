"""A patient with weeks of history for bench/scale.py, built by the checkout under test (its .venv python).

    PYTHON bench/_history.py URL --weeks 156      # prints JSON: the account to sign in with, what was stored

Makes one clinic-mode patient account and lives through `--weeks` weeks of their course with the store's
and the course's own functions, the way the app would have: set up and screened (clear), preferred days
Monday, Wednesday and Friday; every two weeks a plan made for the next two (`planning.plan_for_person`,
which first brings progression up to date); each planned session done except every fifth (so 2 to 3 a
week), started from its planned session, every set of every planned exercise logged at the top of its
planned range with little pain, finished, and its next-morning pain answered. Last, a plan from today, so
the Today page has a next session.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from typing import Any

PASSWORD = "bench password 123"
USERNAME = "history"


def seed(url: str, weeks: int) -> dict[str, Any]:
    from rehabit.store import Store, decisions, sessions

    try:  # since the services layer
        from rehabit.domain.safety import answers_from_names
        from rehabit.services import accounts
        from rehabit.services.planning import plan as plan_for_person
        from rehabit.services.setup import SetupAnswers
        from rehabit.services.setup import set_up as set_up_today

        def set_up(store: Any, answers: Any, *, now: datetime, person_id: int) -> Any:
            return set_up_today(store, answers, now.date(), now=now, person_id=person_id)

    except ImportError:  # the layout before it
        from rehabit.onboarding import SetupAnswers, set_up  # type: ignore[no-redef]
        from rehabit.planning import plan_for_person  # type: ignore[no-redef]
        from rehabit.safety import answers_from_names  # type: ignore[no-redef]

        from rehabit import accounts  # type: ignore[no-redef]

    began = time.perf_counter()
    today = date.today()
    first = today - timedelta(weeks=weeks)
    first -= timedelta(days=first.weekday())  # a Monday
    done = sets = skipped = 0
    with Store.open(url) as store:
        person_id = accounts.create_account(store, USERNAME, PASSWORD, "patient", display_name="History").person_id
        assert person_id is not None
        answers = SetupAnswers(answers_from_names([]), (), (0, 2, 4), 4)
        set_up(store, answers, now=_at(first - timedelta(days=1), 9), person_id=person_id)
        window = first
        number = 0
        while window < today:
            plan = plan_for_person(store, person_id, window, 2)
            end = min(window + timedelta(weeks=2), today)
            for planned in plan.stored.sessions:
                if planned.status != "planned" or not window <= planned.on_date < end:
                    continue
                number += 1
                if number % 5 == 0:
                    skipped += 1
                    continue
                started = _at(planned.on_date, 18)
                log = sessions.start_session(
                    store,
                    person_id,
                    plan.stored.program_version_id,
                    planned_session_id=planned.id,
                    pain_before=3,
                    started_at=started,
                )
                minute = 0
                for item in planned.exercises:
                    dose = item.dose
                    reps = dose.reps.max if dose.reps is not None else None
                    held = dose.hold_s.max if dose.hold_s is not None else None
                    for set_number in range(1, dose.sets.min + 1):
                        for side in ("left", "right") if dose.per_side else (None,):
                            minute += 1
                            sessions.log_set(
                                store,
                                log.id,
                                item.exercise_id,
                                set_number,
                                idempotency_key=f"history-{log.id}-{item.exercise_id}-{side}-{set_number}",
                                side=side,
                                reps_done=reps,
                                seconds_held=held,
                                pain_during=2,
                                logged_at=started + timedelta(minutes=minute),
                            )
                            sets += 1
                sessions.finish_session(
                    store, log.id, pain_after=2, effort=5, finished_at=started + timedelta(minutes=minute + 2)
                )
                sessions.record_next_morning_pain(store, log.id, 2)
                done += 1
            window += timedelta(weeks=2)
        plan_for_person(store, person_id, today, 2)
        stored_decisions = len(decisions.list_decisions(store, person_id))
    return {
        "username": USERNAME,
        "password": PASSWORD,
        "weeks": weeks,
        "sessions": done,
        "skipped": skipped,
        "sets": sets,
        "decisions": stored_decisions,
        "seconds": time.perf_counter() - began,
    }


def _at(day: date, hour: int) -> datetime:
    """That day at that hour on this machine's clock, as the UTC time the store keeps."""
    return datetime.combine(day, clock(hour)).astimezone().astimezone(UTC)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("--weeks", type=int, required=True)
    args = parser.parse_args()
    print(json.dumps(seed(args.url, args.weeks)))


if __name__ == "__main__":
    main()
