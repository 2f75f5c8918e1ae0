"""Timeline expansion: step kinds, counts and exact total seconds for every built-in exercise."""

from __future__ import annotations

from collections import Counter

import pytest

from rehabit.domain.timeline import DoseChoice, Pacing, StepKind, build_timeline, choose_dose, session_seconds
from rehabit.model import Dose, IntRange
from rehabit.programs import get_program

PROGRAM = get_program()

# exercise id -> (position, up, hold, down, switch_side, rest_set, total seconds) at the low end of the dose,
# default pacing: 5 s position, 2 s each way, 5 s to switch side.
EXPECTED = {
    "glute-bridge": (1, 10, 10, 10, 0, 0, 5 + 10 * 6),
    "seated-glute-stretch": (1, 2, 2, 2, 1, 0, 5 + 2 * 34 + 5),
    "banded-glute-bridge": (1, 10, 10, 10, 0, 0, 5 + 10 * 6),  # the plain bridge's 2 s hold, with a band
    "single-leg-glute-bridge": (1, 20, 20, 20, 1, 0, 5 + 2 * 10 * 6 + 5),
    "romanian-deadlift": (1, 8, 0, 8, 0, 0, 5 + 8 * 4),
    "banded-hip-hinge": (1, 10, 0, 10, 0, 0, 5 + 10 * 4),
    "bird-dog": (1, 10, 10, 10, 9, 0, 5 + 2 * 5 * 19 + 9 * 5),  # the sides take turns: 9 switches
    "plank": (1, 5, 5, 5, 0, 0, 5 + 5 * 14),
    "piriformis-stretch": (1, 2, 2, 2, 1, 0, 5 + 2 * 34 + 5),
    "knee-to-chest-stretch": (1, 2, 2, 2, 1, 0, 5 + 2 * 34 + 5),
}


def test_every_builtin_exercise_has_a_case() -> None:
    assert sorted(EXPECTED) == sorted(exercise.id for exercise in PROGRAM.exercises)


@pytest.mark.parametrize("exercise_id", sorted(EXPECTED))
def test_builtin_exercise_expands(exercise_id: str) -> None:
    timeline = build_timeline([PROGRAM.exercise(exercise_id)])
    kinds = Counter(step.kind for step in timeline.steps)
    position, up, hold, down, switch, rest_set, total = EXPECTED[exercise_id]
    assert (
        kinds[StepKind.POSITION],
        kinds[StepKind.UP],
        kinds[StepKind.HOLD],
        kinds[StepKind.DOWN],
        kinds[StepKind.SWITCH_SIDE],
        kinds[StepKind.REST_SET],
        kinds[StepKind.REST_EXERCISE],
    ) == (position, up, hold, down, switch, rest_set, 0)
    assert timeline.seconds == total
    assert timeline.duration_ms == sum(step.duration_ms for step in timeline.steps)
    # steps follow each other without gaps
    for before, after in zip(timeline.steps, timeline.steps[1:], strict=False):
        assert after.start_ms == before.end_ms
    assert all(step.cue for step in timeline.steps)
    assert [step.index for step in timeline.steps] == list(range(len(timeline.steps)))
    assert [step.ends_exercise for step in timeline.steps].count(True) == 1


def test_single_leg_glute_bridge_is_ten_reps_each_side_with_two_second_holds() -> None:
    steps = build_timeline([PROGRAM.exercise("single-leg-glute-bridge")]).steps
    holds = [step for step in steps if step.kind is StepKind.HOLD]
    assert [(step.side, step.rep, step.seconds) for step in holds] == [
        (side, rep, 2.0) for side in ("left", "right") for rep in range(1, 11)
    ]
    assert [step.rep for step in steps if step.ends_rep] == list(range(1, 11)) * 2
    switch = next(step for step in steps if step.kind is StepKind.SWITCH_SIDE)
    assert (switch.index, switch.cue, switch.side) == (31, "Switch to the right side", "right")
    assert steps[-1].ends_set and steps[-1].ends_exercise and steps[-1].side == "right"


def test_stage_one_session_adds_rest_between_exercises_and_matches_the_estimate() -> None:
    exercises = PROGRAM.stage_exercises(0)
    timeline = build_timeline(exercises)
    rests = [step for step in timeline.steps if step.kind is StepKind.REST_EXERCISE]
    assert len(rests) == len(exercises) - 1
    assert rests[0].cue == "Rest. Next: Seated glute stretch"
    single = sum(build_timeline([exercise]).seconds for exercise in exercises)
    assert timeline.seconds == single + 30 * (len(exercises) - 1) == 764.0
    assert session_seconds(exercises) == timeline.seconds


def test_sets_tempo_and_rest_come_from_the_dose_and_pacing() -> None:
    exercise = PROGRAM.exercise("glute-bridge").model_copy(
        update={
            "dose": Dose(reps=IntRange.of(3, 5), hold_s=IntRange.of(1), sets=IntRange.of(2, 3), tempo_s=1.5, rest_s=20)
        }
    )
    timeline = build_timeline([exercise])
    assert Counter(step.kind for step in timeline.steps)[StepKind.REST_SET] == 1
    assert timeline.duration_ms == 5000 + 2 * 3 * (1500 + 1000 + 1500) + 20000
    assert [step.set_number for step in timeline.steps if step.ends_set] == [1, 2]
    paced = build_timeline([exercise], pacing=Pacing(position_s=0, rest_between_sets_s=60, tempo_s=1))
    assert paced.duration_ms == 0 + 2 * 3 * 3000 + 60000
    assert paced.steps[0].kind is StepKind.POSITION and paced.steps[0].duration_ms == 0


@pytest.mark.parametrize(
    ("dose", "current", "expected"),
    [
        (Dose(reps=IntRange.of(10, 15), hold_s=IntRange.of(2)), None, (10, 2, 1)),
        (Dose(reps=IntRange.of(5), hold_s=IntRange.of(10, 30)), None, (5, 10, 1)),
        (Dose(hold_s=IntRange.of(30), sets=IntRange.of(2, 3)), None, (1, 30, 2)),
        (Dose(reps=IntRange.of(8, 10)), None, (8, 0, 1)),
        (
            Dose(reps=IntRange.of(10, 15)),
            DoseChoice(reps=12, hold_s=0, sets=2, per_side=False, tempo_s=2, rest_s=30),
            (12, 0, 2),
        ),
    ],
)
def test_choose_dose(dose: Dose, current: DoseChoice | None, expected: tuple[int, int, int]) -> None:
    choice = choose_dose(dose, current)
    assert (choice.reps, choice.hold_s, choice.sets) == expected


def test_doses_by_id_override_the_low_end() -> None:
    bridge = PROGRAM.exercise("glute-bridge")
    choice = DoseChoice(reps=15, hold_s=2, sets=1, per_side=False, tempo_s=2, rest_s=30)
    assert session_seconds([bridge], {"glute-bridge": choice}) == 5 + 15 * 6
    assert choice.describe() == "15 reps · hold 2 s"


def test_bird_dog_takes_turns_side_by_side_with_fifteen_second_holds() -> None:
    steps = build_timeline([PROGRAM.exercise("bird-dog")]).steps
    holds = [(step.side, step.rep, step.seconds) for step in steps if step.kind is StepKind.HOLD]
    assert holds == [(side, rep, 15.0) for rep in range(1, 6) for side in ("left", "right")]
    logged = [(step.side, step.set_number) for step in steps if step.ends_rep and step.rep == step.reps]
    assert logged == [("left", 1), ("right", 1)]  # one set per side, each logged when its last rep ends
    assert [step.ends_set for step in steps].count(True) == 1
