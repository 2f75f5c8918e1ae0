"""A simulated eight-week course from scripted logs, with the date of every decision."""

from __future__ import annotations

from datetime import date

from rehabit.domain.progression import Decision, DecisionKind, Progression
from rehabit.programs import get_program

from ._logs import full_session, session_days

PROGRAM = get_program()
START = date(2026, 3, 2)  # a Monday; sessions on Monday, Wednesday and Friday


def _course(pain_before_by_week: list[int]) -> tuple[Progression, list[list[Decision]], list[int]]:
    engine = Progression(PROGRAM)
    course = engine.start()
    decisions: list[list[Decision]] = []
    stages: list[int] = []
    for number, on in enumerate(session_days(START, 8)):
        pain = pain_before_by_week[number // 3]
        session = full_session(engine, course, on, pain_during=2, before=pain, after=pain, morning=pain)
        course, latest = engine.apply(course, session)
        decisions.append(latest)
        stages.append(course.stage_index)
    return engine, decisions, stages


def _changes(decisions: list[list[Decision]]) -> list[tuple[str, str, str]]:
    return [
        (d.on.isoformat(), d.exercise_id or "stage", d.kind.value)
        for session in decisions
        for d in session
        if d.kind is not DecisionKind.HOLD
    ]


def test_good_logs_reach_the_compound_stage() -> None:
    engine, decisions, stages = _course([2, 2, 2, 2, 2, 2, 2, 2])
    assert _changes(decisions) == [
        ("2026-03-04", "glute-bridge", "progress"),
        ("2026-03-04", "plank", "progress"),
        ("2026-03-09", "glute-bridge", "progress"),
        ("2026-03-09", "plank", "progress"),
        ("2026-03-13", "plank", "progress"),
        ("2026-03-18", "plank", "progress"),
        ("2026-03-23", "stage", "progress"),
        ("2026-03-27", "banded-glute-bridge", "progress"),
        ("2026-04-01", "banded-glute-bridge", "progress"),
        ("2026-04-06", "stage", "progress"),
        ("2026-04-10", "romanian-deadlift", "progress"),
        ("2026-04-10", "banded-hip-hinge", "progress"),
    ]
    assert stages[8:10] == [0, 1] and stages[14:16] == [1, 2] and stages[-1] == 2
    stage_moves = [d for session in decisions for d in session if d.rule_id == "STAGE-1"]
    assert [d.stage_index for d in stage_moves] == [1, 2]
    final = engine.replay([])  # a new course starts at the foundational stage
    assert final.course.stage_index == 0


def test_rising_pain_stops_with_stop_and_refer_advice() -> None:
    engine, decisions, stages = _course([2, 3, 4, 5, 6, 7, 8, 8])
    changes = _changes(decisions)
    first_refer = next(c for c in changes if c[2] == "stop_and_refer")
    assert first_refer[0] == "2026-03-20"
    refer_session = next(s for s in decisions if s and s[0].on == date(2026, 3, 20))
    assert {(d.kind, d.rule_id) for d in refer_session} == {(DecisionKind.STOP_AND_REFER, "PAIN-4")}
    assert refer_session[0].facts == "weekly average pain rose 2.0 points over two weeks"
    assert [c for c in changes if c[0] < "2026-03-20"] == [
        ("2026-03-04", "glute-bridge", "progress"),
        ("2026-03-04", "plank", "progress"),
        ("2026-03-09", "glute-bridge", "progress"),
        ("2026-03-09", "plank", "progress"),
        ("2026-03-13", "plank", "progress"),
        ("2026-03-18", "plank", "progress"),
    ]
    assert all(not session for session in decisions[9:])  # nothing is planned once paused
    assert set(stages) == {0}
