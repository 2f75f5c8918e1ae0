"""FREQ-1 and the exercise choice, as a table of cases, plus a property over any days and start."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rehabit.domain.planner import choose_exercises, make_plan, session_dates
from rehabit.domain.timeline import choose_dose, session_seconds
from rehabit.model import Dose, IntRange
from rehabit.programs import get_program

PROGRAM = get_program()
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def _d(text: str) -> date:
    return date.fromisoformat(text)


@pytest.mark.parametrize(
    ("start", "weeks", "days", "last", "expected", "noted"),
    [
        # preferred days, full weeks
        ("2026-03-02", 2, [MON, WED, FRI], None, ["03-02", "03-04", "03-06", "03-09", "03-11", "03-13"], False),
        ("2026-03-02", 1, [TUE, THU], None, ["03-03", "03-05"], False),
        # more than three days chosen: at most three, never two in a row
        ("2026-03-02", 1, [MON, TUE, WED, THU, FRI, SAT, SUN], None, ["03-02", "03-04", "03-06"], False),
        # consecutive preferred days: the second is skipped
        ("2026-03-02", 1, [MON, TUE, WED], None, ["03-02", "03-04"], False),
        # Sunday then Monday across the week's end: Monday is skipped
        ("2026-03-08", 1, [SUN, MON, WED], None, ["03-08", "03-11"], False),
        ("2026-03-07", 1, [SAT, SUN, MON], None, ["03-07", "03-09"], False),
        # a week crossing into April
        ("2026-03-30", 1, [MON, WED, FRI], None, ["03-30", "04-01", "04-03"], False),
        # fewer preferred days than sessions: another well-spread day is added, and said
        ("2026-03-02", 2, [MON], None, ["03-02", "03-04", "03-09", "03-11"], True),
        ("2026-03-02", 1, [FRI], None, ["03-02", "03-06"], True),
        # starting mid-week: the short first and last weeks only use preferred days
        ("2026-03-05", 1, [MON, WED, FRI], None, ["03-06", "03-09", "03-11"], False),
        # a session done yesterday: not today
        ("2026-03-03", 1, [TUE, THU, SAT], _d("2026-03-02"), ["03-05", "03-07"], False),
        # no days given: Monday, Wednesday, Friday
        ("2026-03-02", 1, [], None, ["03-02", "03-04", "03-06"], False),
    ],
)
def test_session_dates(
    start: str, weeks: int, days: list[int], last: date | None, expected: list[str], noted: bool
) -> None:
    dates, notes = session_dates(_d(start), weeks, days, last_session=last)
    assert [day.strftime("%m-%d") for day in dates] == expected
    assert bool(notes) is noted


def test_added_days_are_named() -> None:
    _, notes = session_dates(_d("2026-03-02"), 1, [FRI])
    assert notes == [
        "Your chosen days cannot give 2 sessions a week with a rest day between them, "
        "so some weeks also have a session on Monday (FREQ-1)."
    ]


@pytest.mark.parametrize(
    ("stage", "equipment", "expected_ids", "notes"),
    [
        (
            0,
            [],
            [
                "glute-bridge",
                "seated-glute-stretch",
                "bird-dog",
                "plank",
                "piriformis-stretch",
                "knee-to-chest-stretch",
            ],
            [],
        ),
        (
            1,
            [],
            [
                "glute-bridge",
                "single-leg-glute-bridge",
                "seated-glute-stretch",
                "bird-dog",
                "plank",
                "piriformis-stretch",
                "knee-to-chest-stretch",
            ],
            ["Banded glute bridge needs a loop band, so your plan has Glute bridge instead."],
        ),
        (
            1,
            ["loop band"],
            [
                "banded-glute-bridge",
                "single-leg-glute-bridge",
                "seated-glute-stretch",
                "bird-dog",
                "plank",
                "piriformis-stretch",
                "knee-to-chest-stretch",
            ],
            [],
        ),
        (
            1,
            ["long band"],  # the long band under the feet is not the loop above the knees
            [
                "glute-bridge",
                "single-leg-glute-bridge",
                "seated-glute-stretch",
                "bird-dog",
                "plank",
                "piriformis-stretch",
                "knee-to-chest-stretch",
            ],
            ["Banded glute bridge needs a loop band, so your plan has Glute bridge instead."],
        ),
        (
            2,
            ["long band"],
            [
                "banded-hip-hinge",
                "single-leg-glute-bridge",
                "seated-glute-stretch",
                "bird-dog",
                "plank",
                "piriformis-stretch",
                "knee-to-chest-stretch",
            ],
            ["Left out Romanian deadlift: it needs weights, and this program has no variant without it."],
        ),
        (
            2,
            [],  # no equipment: the single-leg bridge still strengthens the glutes
            [
                "single-leg-glute-bridge",
                "seated-glute-stretch",
                "bird-dog",
                "plank",
                "piriformis-stretch",
                "knee-to-chest-stretch",
            ],
            [
                "Left out Romanian deadlift: it needs weights, and this program has no variant without it.",
                "Left out Banded hip hinge: it needs a long band, and this program has no variant without it.",
            ],
        ),
        (
            2,
            ["loop band", "long band", "weights"],
            [
                "romanian-deadlift",
                "banded-hip-hinge",
                "single-leg-glute-bridge",
                "seated-glute-stretch",
                "bird-dog",
                "plank",
                "piriformis-stretch",
                "knee-to-chest-stretch",
            ],
            [],
        ),
    ],
)
def test_equipment_missing(stage: int, equipment: list[str], expected_ids: list[str], notes: list[str]) -> None:
    chosen, said = choose_exercises(PROGRAM, stage, equipment)
    assert [exercise.id for exercise in chosen] == expected_ids
    assert said == notes


def test_plan_uses_override_doses_and_times_each_session() -> None:
    stronger = Dose(reps=IntRange.of(15), hold_s=IntRange.of(3))
    plan = make_plan(PROGRAM, _d("2026-03-02"), 1, preferred_days=[MON, THU], doses={"glute-bridge": stronger})
    assert [s.on_date for s in plan.sessions] == [_d("2026-03-02"), _d("2026-03-05")]
    first = plan.sessions[0]
    assert first.exercises[0].exercise.id == "glute-bridge"
    assert first.exercises[0].dose == stronger
    assert first.exercises[1].dose == PROGRAM.exercise("seated-glute-stretch").dose
    exercises = [item.exercise for item in first.exercises]
    expected = session_seconds(exercises, {item.exercise.id: choose_dose(item.dose) for item in first.exercises})
    assert first.estimated_seconds == round(expected)
    assert first.estimated_seconds > 0
    assert plan.notes == ()


def test_stage_index_beyond_the_last_stage_uses_the_last() -> None:
    plan = make_plan(
        PROGRAM, _d("2026-03-02"), 1, preferred_days=[MON], stage_index=9, equipment=["weights", "resistance band"]
    )
    assert plan.sessions[0].stage_index == 2
    assert plan.sessions[0].exercises[0].exercise.id == "romanian-deadlift"


@settings(max_examples=150, deadline=None)
@given(
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    weeks=st.integers(min_value=1, max_value=8),
    days=st.sets(st.integers(min_value=0, max_value=6)),
    last_gap=st.none() | st.integers(min_value=0, max_value=5),
    per_week_min=st.integers(min_value=1, max_value=3),
    per_week_max=st.integers(min_value=1, max_value=14),
)
def test_never_consecutive_never_more_than_three_a_week(
    start: date, weeks: int, days: set[int], last_gap: int | None, per_week_min: int, per_week_max: int
) -> None:
    last = None if last_gap is None else start - timedelta(days=last_gap)
    dates, _ = session_dates(
        start, weeks, days, per_week_min=per_week_min, per_week_max=per_week_max, last_session=last
    )
    assert dates == sorted(set(dates))
    assert all(start <= day < start + timedelta(days=7 * weeks) for day in dates)
    assert all((later - earlier).days >= 2 for earlier, later in zip(dates, dates[1:], strict=False))
    if last is not None and dates:
        assert (dates[0] - last).days >= 2
    weeks_seen: dict[tuple[int, int], int] = {}
    for day in dates:
        key = day.isocalendar()[:2]
        weeks_seen[key] = weeks_seen.get(key, 0) + 1
    assert all(count <= 3 for count in weeks_seen.values())
    # every full Monday–Sunday week inside the plan gets at least the minimum
    monday = start + timedelta(days=(7 - start.weekday()) % 7)
    while monday + timedelta(days=6) < start + timedelta(days=7 * weeks):
        assert weeks_seen.get(monday.isocalendar()[:2], 0) >= min(per_week_min, per_week_max, 3)
        monday += timedelta(days=7)
