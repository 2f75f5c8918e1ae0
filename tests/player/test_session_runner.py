"""The library side of `rehabit session`: pacing from a profile, set keys, timelines of planned sessions."""

from __future__ import annotations

from datetime import date

import pytest

from rehabit.domain.timeline import Pacing
from rehabit.errors import RehabitError
from rehabit.model import Dose, IntRange
from rehabit.programs import get_program
from rehabit.services.player import pacing_from_settings, planned_timeline, set_key
from rehabit.store import PlannedExerciseRecord, PlannedSessionRecord


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({}, Pacing()),
        ({"pacing": {"rest_between_exercises_s": 60, "tempo_s": 3}}, Pacing(rest_between_exercises_s=60, tempo_s=3)),
        ({"pacing": {"unknown": 1, "switch_side_s": 2}}, Pacing(switch_side_s=2)),
        ({"pacing": "fast"}, Pacing()),
    ],
)
def test_pacing_from_settings(settings: dict[str, object], expected: Pacing) -> None:
    assert pacing_from_settings(settings) == expected


def test_set_keys_are_stable_and_distinct() -> None:
    assert set_key(7, "bird-dog", 1, "left") == "session-7:bird-dog:left:1"
    assert set_key(7, "plank", 2, None) == "session-7:plank:both:2"
    assert set_key(7, "bird-dog", 1, "left") != set_key(7, "bird-dog", 1, "right")


def _planned(*items: tuple[str, Dose]) -> PlannedSessionRecord:
    exercises = tuple(PlannedExerciseRecord(exercise_id=i, dose=d) for i, d in items)
    return PlannedSessionRecord(1, 1, 1, date(2026, 3, 2), 0, exercises, 0, "planned")


def test_planned_timeline_uses_the_low_end_of_each_planned_dose() -> None:
    planned = _planned(("plank", Dose(reps=IntRange.of(3), hold_s=IntRange.of(20, 30))))
    timeline = planned_timeline(get_program(), planned, Pacing(position_s=0))
    assert timeline.seconds == 3 * (2 + 20 + 2)


def test_planned_timeline_refuses_exercises_the_program_lacks() -> None:
    planned = _planned(("cartwheel", Dose(reps=IntRange.of(3))))
    with pytest.raises(RehabitError, match="the planned session names exercises its program lacks: cartwheel"):
        planned_timeline(get_program(), planned)
