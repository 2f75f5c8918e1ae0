"""Shared helpers for the illustration tests: the built-in exercises and their posed joints."""

from __future__ import annotations

from rehabit.illustrate import key_poses
from rehabit.illustrate.figure import Point, joint_positions, radius
from rehabit.model import Exercise
from rehabit.programs import get_program

BUILTIN = get_program().exercises
BUILTIN_IDS = [exercise.id for exercise in BUILTIN]


def exercise(exercise_id: str) -> Exercise:
    return get_program().exercise(exercise_id)


def joints(exercise_id: str, pose_name: str) -> dict[str, Point]:
    """Joint positions of one named key pose of a built-in exercise."""
    for key in key_poses(exercise(exercise_id)):
        if key.name == pose_name:
            return joint_positions(key.pose)
    raise AssertionError(f"{exercise_id} has no pose {pose_name!r}")


def clearance(points: dict[str, Point], name: str) -> float:
    """How far the drawn body around a joint is above the floor (0 when it rests on it)."""
    return points[name].y - radius(name)
