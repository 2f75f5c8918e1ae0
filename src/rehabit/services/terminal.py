"""The terminal player's doors: an engine over a planned session whose sets, pain ratings and stops go
through the same service functions as the web player's posts (`sessions.log_set`,
`sessions.rate_exercise_pain`), so the advice it shows is the service's, at the person's thresholds.
"""

from __future__ import annotations

from rehabit.domain.records import PlannedSessionRecord, SessionLogRecord, SetLogRecord
from rehabit.player.clock import Clock, MonotonicClock
from rehabit.player.engine import SessionEngine, SetRecord, resume_step
from rehabit.player.pain import PainBand, StopAdvice, stop_advice
from rehabit.services.player import engine_logged, logged_units, program_and_timeline, set_key
from rehabit.services.sessions import SetInput, SetLogged, log_set, rate_exercise_pain
from rehabit.store import Store

__all__ = ["SetLogger", "open_engine"]


class SetLogger:
    """Commits each set the engine finishes at once, and each exercise's pain rating, through the same
    doors as the web (`log_set`, `rate_exercise_pain`); keeps the advice the last stop for pain got."""

    def __init__(self, store: Store, session_log_id: int) -> None:
        self.store = store
        self.session_log_id = session_log_id
        self.logged: list[SetLogRecord] = []
        self.last: SetLogged | None = None

    def __call__(self, record: SetRecord) -> None:
        logged = log_set(
            self.store,
            self.session_log_id,
            SetInput(
                idempotency_key=set_key(self.session_log_id, record.exercise_id, record.set_number, record.side),
                exercise_id=record.exercise_id,
                set_number=record.set_number,
                side=record.side,
                reps_done=record.reps_done,
                seconds_held=record.seconds_held,
                pain_during=record.pain_during,
                stopped_for_pain=record.stopped_for_pain,
            ),
        )
        self.last = logged
        self.logged.append(logged.set)

    def rate(self, exercise_id: str, pain: int | None) -> None:
        """The pain during an exercise, asked when it ended (None: "not rated")."""
        rate_exercise_pain(self.store, self.session_log_id, exercise_id, pain)

    def advice(self, pain: int) -> StopAdvice:
        """The advice the service gave the stop for pain just logged (the plain bands if it gave none)."""
        last = self.last
        if last is None or not last.set.stopped_for_pain or last.advice is None:
            return stop_advice(pain)
        return StopAdvice(last.advice, None if last.pain_band is None else PainBand(last.pain_band), last.end_session)


def open_engine(
    store: Store,
    log: SessionLogRecord,
    planned: PlannedSessionRecord,
    *,
    speed: float = 1.0,
    clock: Clock | None = None,
) -> tuple[SessionEngine, SetLogger]:
    """An engine over the planned session's timeline (paused exercises left out), starting after the sets
    `log` already holds. Sets it finishes and pains rated are committed through the returned `SetLogger`
    the moment they happen."""
    _program, timeline = program_and_timeline(store, planned)
    logger = SetLogger(store, log.id)
    engine = SessionEngine(
        timeline,
        clock or MonotonicClock(),
        speed=speed,
        on_set=logger,
        on_rating=logger.rate,
        start_step=resume_step(timeline, logged_units(log)),
        logged=engine_logged(timeline, log),
    )
    return engine, logger
