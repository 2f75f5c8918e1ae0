"""The session engine driven by a fake clock: timing, pause/resume, skip, back, it hurts, quit."""

from __future__ import annotations

import pytest

from rehabit.domain.timeline import StepKind, Timeline, build_timeline
from rehabit.player import EngineState, EventKind, FakeClock, SessionEngine, SetRecord, resume_step
from rehabit.programs import get_program

PROGRAM = get_program()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(start=100.0)


def _timeline(*exercise_ids: str) -> Timeline:
    return build_timeline([PROGRAM.exercise(exercise_id) for exercise_id in exercise_ids])


RATED: list[tuple[str, int | None]] = []  # what the last engine handed to on_rating


def _engine(timeline: Timeline, clock: FakeClock, **options: object) -> tuple[SessionEngine, list[SetRecord]]:
    logged: list[SetRecord] = []
    RATED.clear()
    rate = lambda exercise_id, pain: RATED.append((exercise_id, pain))  # noqa: E731
    engine = SessionEngine(timeline, clock, on_set=logged.append, on_rating=rate, **options)  # type: ignore[arg-type]
    engine.start()
    return engine, logged


def test_steps_start_on_schedule_and_the_session_finishes(clock: FakeClock) -> None:
    engine, logged = _engine(_timeline("glute-bridge"), clock)
    assert engine.next_due() == 105.0  # 5 s to get into position
    clock.advance(5.0)
    events = engine.tick()
    assert [event.kind for event in events] == [EventKind.STEP_STARTED]
    assert (events[0].step and events[0].step.kind, events[0].due, events[0].late_s) == (StepKind.UP, 105.0, 0.0)
    clock.advance(6.0)  # up, hold, down of rep 1
    kinds = [event.kind for event in engine.tick()]
    assert kinds == [
        EventKind.STEP_STARTED,
        EventKind.HOLD_FINISHED,
        EventKind.STEP_STARTED,
        EventKind.REP_COUNTED,
        EventKind.STEP_STARTED,
    ]
    assert engine.reps_counted() == 1
    clock.advance(54.0)
    events = engine.tick()
    assert [event.kind for event in events][-3:] == [
        EventKind.SET_LOGGED,
        EventKind.EXERCISE_FINISHED,
        EventKind.PAIN_ASKED,
    ]
    assert (engine.state, engine.rating_exercise) == (EngineState.AWAITING_RATING, 0)
    assert logged == [SetRecord(0, "glute-bridge", 1, None, reps_done=10, reps_target=10, seconds_held=2)]
    clock.advance(30.0)  # nothing runs, nothing is assumed, while the question waits
    assert engine.tick() == [] and RATED == []
    events = engine.rate(2)
    assert [(event.kind, event.pain) for event in events] == [
        (EventKind.PAIN_RATED, 2),
        (EventKind.SESSION_FINISHED, None),
    ]
    assert engine.state is EngineState.FINISHED
    assert RATED == [("glute-bridge", 2)]


def test_not_rated_is_an_answer_of_its_own(clock: FakeClock) -> None:
    engine, _ = _engine(_timeline("glute-bridge", "plank"), clock)
    clock.advance(65.0)
    engine.tick()
    assert engine.state is EngineState.AWAITING_RATING
    events = engine.rate(None)
    assert [(event.kind, event.pain) for event in events] == [
        (EventKind.PAIN_RATED, None),
        (EventKind.STEP_STARTED, None),
    ]
    assert RATED == [("glute-bridge", None)]
    assert engine.step is not None and engine.step.kind is StepKind.REST_EXERCISE
    assert engine.next_due() == clock.now() + 30.0


def test_a_skipped_exercise_with_nothing_logged_asks_no_pain(clock: FakeClock) -> None:
    engine, _ = _engine(_timeline("glute-bridge", "plank"), clock)
    clock.advance(3.0)
    assert EventKind.PAIN_ASKED not in [event.kind for event in engine.skip()]
    assert engine.state is EngineState.RUNNING


def test_without_asking_the_sets_are_logged_unrated_and_it_runs_on(clock: FakeClock) -> None:
    engine, logged = _engine(_timeline("glute-bridge"), clock, ask_pain=False)
    clock.advance(65.0)
    assert engine.tick()[-1].kind is EventKind.SESSION_FINISHED
    assert [record.pain_during for record in logged] == [None] and RATED == []


def test_a_late_tick_reports_how_late_each_step_started(clock: FakeClock) -> None:
    engine, _ = _engine(_timeline("glute-bridge"), clock)
    clock.advance(7.5)
    starts = [event for event in engine.tick() if event.kind is EventKind.STEP_STARTED]
    assert [(event.due, event.late_s) for event in starts] == [(105.0, 2.5), (107.0, 0.5)]


def test_pause_and_resume_keep_the_remaining_time(clock: FakeClock) -> None:
    engine, _ = _engine(_timeline("plank"), clock)
    clock.advance(5.0 + 2.0 + 4.0)  # 4 s into the first 10 s hold
    engine.tick()
    assert engine.step is not None and engine.step.kind is StepKind.HOLD
    assert [event.kind for event in engine.pause()] == [EventKind.PAUSED]
    clock.advance(300.0)
    assert engine.tick() == []
    assert engine.remaining_s() == 6.0
    assert [event.kind for event in engine.resume()] == [EventKind.RESUMED]
    assert engine.next_due() == clock.now() + 6.0
    clock.advance(5.999)
    assert engine.tick() == []
    clock.advance(0.001)
    assert [event.kind for event in engine.tick()] == [EventKind.HOLD_FINISHED, EventKind.STEP_STARTED]
    assert engine.toggle_pause()[0].kind is EventKind.PAUSED
    assert engine.toggle_pause()[0].kind is EventKind.RESUMED


def test_skip_moves_to_the_next_exercise_without_logging(clock: FakeClock) -> None:
    engine, logged = _engine(_timeline("glute-bridge", "plank"), clock)
    clock.advance(12.0)
    events = engine.skip()
    assert [event.kind for event in events][-2:] == [EventKind.SKIPPED, EventKind.STEP_STARTED]
    assert engine.step is not None and (engine.step.exercise_id, engine.step.kind) == ("plank", StepKind.POSITION)
    assert engine.next_due() == clock.now() + 5.0
    assert logged == []


def test_skip_while_paused_stays_paused(clock: FakeClock) -> None:
    engine, _ = _engine(_timeline("glute-bridge", "plank"), clock)
    engine.pause()
    engine.skip()
    assert engine.state is EngineState.PAUSED
    assert engine.step is not None and engine.step.exercise_id == "plank"
    assert engine.remaining_s() == 5.0


def test_back_restarts_the_previous_step_and_takes_the_rep_off_the_count(clock: FakeClock) -> None:
    engine, _ = _engine(_timeline("glute-bridge"), clock)
    clock.advance(5.0 + 6.0 + 1.0)  # rep 1 counted, 1 s into rep 2's up
    engine.tick()
    assert (engine.current, engine.reps_counted()) == (4, 1)
    events = engine.back()
    assert [event.kind for event in events] == [EventKind.WENT_BACK, EventKind.STEP_STARTED]
    assert engine.step is not None and (engine.step.kind, engine.step.rep) == (StepKind.DOWN, 1)
    assert engine.reps_counted() == 0
    assert engine.remaining_s() == 2.0
    clock.advance(2.0)
    engine.tick()
    assert engine.reps_counted() == 1


def test_it_hurts_stops_the_exercise_logs_the_pain_and_moves_on(clock: FakeClock) -> None:
    engine, logged = _engine(_timeline("single-leg-glute-bridge", "plank"), clock)
    clock.advance(5.0 + 3 * 6.0 + 1.0)  # three reps done on the left side, into the fourth
    engine.tick()
    events = engine.hurt()
    assert [event.kind for event in events] == [EventKind.STOPPED_FOR_PAIN]
    assert engine.state is EngineState.AWAITING_PAIN
    clock.advance(20.0)  # answering the question takes time; nothing runs meanwhile
    assert engine.tick() == []
    events = engine.report_pain(6)
    assert [event.kind for event in events] == [EventKind.SET_LOGGED, EventKind.STEP_STARTED]
    assert logged == [
        SetRecord(0, "single-leg-glute-bridge", 1, "left", 3, 10, 2, stopped_for_pain=True, pain_during=6),
    ]
    assert engine.step is not None and (engine.step.exercise_id, engine.step.kind) == ("plank", StepKind.POSITION)
    assert engine.state is EngineState.PAUSED  # it waits there: carry on, or end the session as advised
    assert [event.kind for event in engine.resume()] == [EventKind.RESUMED]
    assert engine.state is EngineState.RUNNING and engine.next_due() == clock.now() + 5.0
    assert RATED == []  # the stop's pain is this exercise's pain: it is not asked again


def test_end_stops_the_session_for_good_and_keeps_the_sets(clock: FakeClock) -> None:
    engine, logged = _engine(_timeline("glute-bridge", "plank"), clock)
    clock.advance(12.0)
    engine.tick()
    engine.hurt()
    engine.report_pain(8)
    assert [event.kind for event in engine.end()] == [EventKind.SESSION_ENDED]
    assert engine.state is EngineState.ENDED and engine.next_due() is None
    clock.advance(500.0)
    assert engine.tick() == [] and engine.quit() == [] and engine.end() == []
    assert [(record.exercise_id, record.pain_during) for record in logged] == [("glute-bridge", 8)]


def test_it_hurts_during_a_hold_logs_the_seconds_held(clock: FakeClock) -> None:
    engine, logged = _engine(_timeline("seated-glute-stretch"), clock)
    clock.advance(5.0 + 2.0 + 12.5)
    engine.hurt()
    events = engine.report_pain(2)
    assert [event.kind for event in events] == [EventKind.SET_LOGGED, EventKind.SESSION_FINISHED]
    assert logged == [SetRecord(0, "seated-glute-stretch", 1, "left", 0, 1, 12, stopped_for_pain=True, pain_during=2)]


def test_it_hurts_in_the_rest_after_an_exercise_does_not_overwrite_its_set(clock: FakeClock) -> None:
    engine, logged = _engine(_timeline("banded-glute-bridge", "plank"), clock)
    clock.advance(65.0)
    engine.tick()
    engine.rate(3)
    clock.advance(10.0)
    engine.tick()
    assert engine.step is not None and engine.step.kind is StepKind.REST_EXERCISE
    engine.hurt()
    engine.report_pain(4)
    assert [(r.set_number, r.reps_done, r.stopped_for_pain, r.pain_during) for r in logged] == [
        (1, 10, False, None),
        (2, 0, True, 4),
    ]


def test_pain_must_be_zero_to_ten(clock: FakeClock) -> None:
    from rehabit.errors import RehabitError

    engine, _ = _engine(_timeline("plank"), clock)
    engine.hurt()
    with pytest.raises(RehabitError, match="from 0"):
        engine.report_pain(11)


def test_quit_stops_and_keeps_what_was_logged(clock: FakeClock) -> None:
    engine, logged = _engine(_timeline("banded-glute-bridge", "plank"), clock)
    clock.advance(70.0)  # the bridge is done and its pain is being asked
    events = engine.quit()
    assert events[-1].kind is EventKind.QUIT
    assert engine.state is EngineState.QUIT and engine.next_due() is None
    assert [record.exercise_id for record in logged] == ["banded-glute-bridge"]
    clock.advance(500.0)
    assert engine.tick() == [] and engine.quit() == []


def test_speed_makes_the_clock_run_faster(clock: FakeClock) -> None:
    engine, logged = _engine(_timeline("glute-bridge"), clock, speed=100.0)
    assert engine.next_due() == pytest.approx(100.05)
    clock.advance(0.65)
    assert engine.tick()[-1].kind is EventKind.PAIN_ASKED
    assert engine.rate(1)[-1].kind is EventKind.SESSION_FINISHED
    assert len(logged) == 1


def test_sets_given_as_logged_are_not_logged_again(clock: FakeClock) -> None:
    engine, logged = _engine(_timeline("glute-bridge"), clock, logged=[(0, 1, None)])
    clock.advance(65.0)
    assert EventKind.SET_LOGGED not in [event.kind for event in engine.tick()]
    assert logged == []


@pytest.mark.parametrize(
    ("logged", "expected"),
    [
        ([], ("glute-bridge", StepKind.POSITION, None)),
        ([("glute-bridge", 1, None, False)], ("bird-dog", StepKind.POSITION, "left")),
        ([("glute-bridge", 1, None, True)], ("bird-dog", StepKind.POSITION, "left")),
        # bird-dog's sides take turns rep by rep: a set half logged is taken up again from its start
        ([("glute-bridge", 1, None, False), ("bird-dog", 1, "left", False)], ("bird-dog", StepKind.POSITION, "left")),
        ([("glute-bridge", 1, None, False), ("bird-dog", 1, "left", True)], ("plank", StepKind.POSITION, None)),
        ([("glute-bridge", 1, None, False), ("bird-dog", 2, "left", True)], ("plank", StepKind.POSITION, None)),
        ([("glute-bridge", 1, None, False), ("bird-dog", 1, "right", False)], ("plank", StepKind.POSITION, None)),
        (
            [
                ("glute-bridge", 1, "", False),
                ("bird-dog", 1, "left", False),
                ("bird-dog", 1, "right", False),
                ("plank", 1, "", False),
            ],
            None,
        ),
    ],
)
def test_resume_step(
    logged: list[tuple[str, int, str | None, bool]], expected: tuple[str, StepKind, str | None] | None
) -> None:
    timeline = _timeline("glute-bridge", "bird-dog", "plank")
    index = resume_step(timeline, logged)
    if expected is None:
        assert index == len(timeline.steps)
    else:
        step = timeline.steps[index]
        assert (step.exercise_id, step.kind, step.side) == expected


def test_resume_step_within_an_exercise_of_several_sets() -> None:
    exercise = PROGRAM.exercise("banded-glute-bridge")
    dose = exercise.dose.model_copy(update={"sets": exercise.dose.sets.of(3)})
    timeline = build_timeline([exercise.model_copy(update={"dose": dose})])
    index = resume_step(timeline, [("banded-glute-bridge", 1, None, False)])
    step = timeline.steps[index]
    assert (step.set_number, step.kind, step.cue) == (1, StepKind.REST_SET, "Rest before set 2 of 3")
    assert timeline.steps[index + 1].set_number == 2
    done = [("banded-glute-bridge", 1, None, False), ("banded-glute-bridge", 2, None, True)]
    assert resume_step(timeline, done) == len(timeline.steps)


def test_a_per_side_set_is_logged_side_by_side(clock: FakeClock) -> None:
    engine, logged = _engine(_timeline("single-leg-glute-bridge"), clock)
    clock.advance(5.0 + 60.0)
    engine.tick()
    assert logged == [SetRecord(0, "single-leg-glute-bridge", 1, "left", 10, 10, 2)]
    clock.advance(5.0 + 60.0)
    engine.tick()
    assert [(record.side, record.reps_done) for record in logged] == [("left", 10), ("right", 10)]
    assert engine.state is EngineState.AWAITING_RATING  # asked once, for both sides
    engine.rate(1)
    assert engine.state is EngineState.FINISHED and RATED == [("single-leg-glute-bridge", 1)]
