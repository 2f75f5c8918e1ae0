"""Properties over random log sequences (hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from rehabit.domain.progression import (
    Course,
    Decision,
    DecisionKind,
    ExerciseOutcome,
    Progression,
    SessionOutcome,
    SlotState,
)
from rehabit.domain.rules import Thresholds
from rehabit.model import Program
from rehabit.programs import get_program

from ._logs import did

PROGRAM = get_program()
THRESHOLDS = Thresholds()


@st.composite
def exercise_logs(draw: st.DrawFn) -> tuple[int, int, bool]:
    """(pain during, reps short in the last set, stopped for pain)."""
    pain = draw(st.one_of(st.integers(0, 3), st.integers(0, 10)))
    return pain, draw(st.sampled_from([0, 0, 0, 1])), draw(st.booleans()) and pain > 7


@st.composite
def session_specs(draw: st.DrawFn) -> tuple[int, int | None, int | None, list[tuple[int, int, bool]]]:
    gap = draw(st.integers(1, 5))
    before = draw(st.one_of(st.none(), st.integers(0, 10)))
    morning = draw(st.one_of(st.none(), st.integers(0, 10)))
    return gap, before, morning, draw(st.lists(exercise_logs(), min_size=6, max_size=6))


def _play(
    specs: list[tuple[int, int | None, int | None, list[tuple[int, int, bool]]]],
) -> list[tuple[Course, SessionOutcome, list[Decision], Course]]:
    engine = Progression(PROGRAM, THRESHOLDS)
    course = engine.start()
    on = date(2026, 1, 5)
    played = []
    for gap, before, morning, logs in specs:
        on += timedelta(days=gap)
        exercises: list[ExerciseOutcome] = []
        for slot, (pain, short, stopped) in zip(engine.doses(course), logs, strict=False):
            exercises.append(did(engine, course, slot, pain, short, stopped))
        session = SessionOutcome(on, tuple(exercises), before, None, morning)
        after, decisions = engine.apply(course, session)
        played.append((course, session, decisions, after))
        course = after
    return played


SEQUENCES = st.lists(session_specs(), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(SEQUENCES)
def test_never_progress_with_pain_above_5_or_after_a_flare(specs: list) -> None:  # type: ignore[type-arg]
    for _, session, decisions, _ in _play(specs):
        pain_of = {e.exercise_id: e.max_pain for e in session.exercises}
        for decision in decisions:
            if decision.kind is not DecisionKind.PROGRESS:
                continue
            assert not session.flare(THRESHOLDS)
            if decision.exercise_id is None:
                assert all(p <= THRESHOLDS.pain_acceptable_max for p in pain_of.values())
            else:
                assert decision.dose_before is not None
                assert pain_of[decision.dose_before.exercise_id] <= THRESHOLDS.pain_safe_max


@settings(max_examples=60, deadline=None)
@given(SEQUENCES)
def test_never_skip_a_stage(specs: list) -> None:  # type: ignore[type-arg]
    for before, _, decisions, after in _play(specs):
        stage_moves = [d for d in decisions if d.rule_id == "STAGE-1"]
        assert after.stage_index - before.stage_index == len(stage_moves)
        assert len(stage_moves) <= 1


def _linked(program: Program, slot: str, exercise_id: str) -> bool:
    """Whether exercise_id is the slot or reachable from it through regresses_to / progresses_to links."""
    for link in ("regresses_to", "progresses_to"):
        current: str | None = slot
        while current is not None:
            if current == exercise_id:
                return True
            current = getattr(program.exercise(current), link)
    return False


@settings(max_examples=60, deadline=None)
@given(SEQUENCES)
def test_doses_stay_in_range_or_move_to_a_linked_variation(specs: list) -> None:  # type: ignore[type-arg]
    for _, _, decisions, _ in _play(specs):
        for decision in decisions:
            rung = decision.dose_after
            if decision.exercise_id is None or rung is None:
                continue
            assert _linked(PROGRAM, decision.exercise_id, rung.exercise_id)
            dose = PROGRAM.exercise(rung.exercise_id).dose
            for value, allowed in ((rung.reps, dose.reps), (rung.hold_s, dose.hold_s)):
                assert (value is None) == (allowed is None)
                if value is not None and allowed is not None:
                    assert allowed.min <= value <= allowed.max


SLOTS = ["glute-bridge", "plank", "banded-glute-bridge", "banded-hip-hinge", "romanian-deadlift"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SLOTS), st.data())
def test_a_regress_then_good_sessions_climb_back(slot: str, data: st.DataObject) -> None:
    engine = Progression(PROGRAM, THRESHOLDS)
    ladder = engine.ladder(slot)
    start_rung = data.draw(st.integers(1, ladder.top), label="start rung")
    bad_sessions = data.draw(st.integers(1, start_rung), label="bad sessions")
    stage = next(i for i, s in enumerate(PROGRAM.stages) if slot in s.exercises)
    course = engine.start(stage)
    course = replace(course, slots={**course.slots, slot: SlotState(rung=start_rung)})
    on = date(2026, 1, 5)
    for number in range(bad_sessions):
        pain = data.draw(st.integers(6, 10), label="pain")
        outcome = did(engine, course, slot, pain)
        course, decisions = engine.apply(course, SessionOutcome(on + timedelta(days=2 * number), (outcome,), 2, 2, 2))
        assert [d.kind for d in decisions] == [DecisionKind.REGRESS]
    assert course.slots[slot].rung == start_rung - bad_sessions
    on += timedelta(days=2 * bad_sessions)
    for number in range(THRESHOLDS.progress_sessions * bad_sessions):
        outcome = did(engine, course, slot, data.draw(st.integers(0, 3), label="good pain"))
        course, _ = engine.apply(course, SessionOutcome(on + timedelta(days=2 * number), (outcome,), 2, 2, 2))
    assert course.slots[slot].rung == start_rung
