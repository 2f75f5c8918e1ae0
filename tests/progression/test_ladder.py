"""Dose ladders derived from the program's ranges."""

from __future__ import annotations

import pytest

from rehabit.domain.ladder import build_ladder, range_steps
from rehabit.model import IntRange
from rehabit.programs import get_program

PROGRAM = get_program()


@pytest.mark.parametrize(
    ("low", "high", "step", "steps"),
    [
        (10, 15, 2, [10, 12, 15]),
        (10, 30, 5, [10, 15, 20, 25, 30]),
        (8, 10, 2, [8, 10]),
        (10, 11, 2, [10, 11]),
        (10, 13, 2, [10, 13]),
        (10, 14, 2, [10, 12, 14]),
        (10, 10, 2, [10]),
        (30, 45, 5, [30, 35, 40, 45]),
    ],
)
def test_range_steps(low: int, high: int, step: int, steps: list[int]) -> None:
    assert range_steps(IntRange.of(low, high), step) == steps


@pytest.mark.parametrize(
    ("slot", "rungs", "start"),
    [
        (
            "glute-bridge",
            ["glute-bridge 10 reps · hold 2 s", "glute-bridge 12 reps · hold 2 s", "glute-bridge 15 reps · hold 2 s"],
            0,
        ),
        ("plank", [f"plank hold {s} s · 5 times" for s in (10, 15, 20, 25, 30)], 0),
        (
            "banded-glute-bridge",
            [
                "glute-bridge 10 reps · hold 2 s",
                "glute-bridge 12 reps · hold 2 s",
                "glute-bridge 15 reps · hold 2 s",
                "banded-glute-bridge 10 reps · hold 2 s",
                "banded-glute-bridge 12 reps · hold 2 s",
                "banded-glute-bridge 15 reps · hold 2 s",
            ],
            3,
        ),
        ("romanian-deadlift", ["romanian-deadlift 8 reps", "romanian-deadlift 10 reps"], 0),
        ("single-leg-glute-bridge", ["single-leg-glute-bridge 10 reps each side · hold 2 s"], 0),
        ("piriformis-stretch", ["piriformis-stretch 30 s each side"], 0),
    ],
)
def test_ladders_of_the_builtin_program(slot: str, rungs: list[str], start: int) -> None:
    ladder = build_ladder(PROGRAM, slot)
    assert [f"{r.exercise_id} {r.describe(PROGRAM)}" for r in ladder.rungs] == rungs
    assert ladder.start == start
    assert ladder.top == len(rungs) - 1


def test_a_variation_no_stage_lists_extends_the_ladder() -> None:
    document = PROGRAM.model_dump()
    for stage in document["stages"]:
        stage["exercises"] = [e for e in stage["exercises"] if e != "banded-glute-bridge"]
    program = type(PROGRAM).model_validate(document)
    ladder = build_ladder(program, "glute-bridge")
    assert ladder.variations() == ["glute-bridge", "banded-glute-bridge"]
    assert [r.reps for r in ladder.rungs] == [10, 12, 15, 10, 12, 15]
