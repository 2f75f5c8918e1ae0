"""Geometry stays honest in every frame of every figure: the built-in ones, every generated one, and
every exercise of both description tables.

Fixed segment lengths, joint angles within human ranges, nothing below the floor, and the supports
(hands, knees, feet, forearms, the pelvis on a seat) on their surface with planted ones kept in place.
"""

from __future__ import annotations

import pytest

from illustrate._helpers import BUILTIN, GENERATED, exercise_frames, frames_of
from illustrate._tables import HELD_OUT, OURS, exercise_of
from rehabit.illustrate.body import SEGMENTS, distance
from rehabit.illustrate.solve import contact_gap, joint_range, skeleton_at, touch_points
from rehabit.illustrate.timing import Frame, KeyPose
from rehabit.illustrate.volumes import volumes

ON_SURFACE = 1.0  # cm: a support this close to its surface is on it
BELOW = 0.5  # cm: how far a volume may dip below the floor (the width of a drawn line)
DRIFT = 1.5  # cm: how far a planted support may slide during a move


def _check(frames: list[Frame]) -> None:
    assert frames, "no frames"
    first = skeleton_at(frames[0].pose).points
    lengths = {(a, b): distance(first[a], first[b]) for a, b in SEGMENTS}
    for frame in frames:
        skeleton = skeleton_at(frame.pose)
        for (a, b), length in lengths.items():
            assert abs(distance(skeleton.points[a], skeleton.points[b]) - length) < 1e-6, (a, b, frame.at)
        for name, value in frame.pose.angles.items():
            limits = joint_range(name)
            assert limits is not None, name
            assert limits[0] - 0.5 <= value <= limits[1] + 0.5, (name, round(value, 1), limits, frame.at)
        lowest = min(volume.lowest() for volume in volumes(skeleton))
        assert lowest > -BELOW, (round(lowest, 2), frame.at)
        on_a_prop = any(c.surface is not None and c.surface.name != "floor" for c in frame.contacts)
        assert lowest < 2.5 or on_a_prop, f"nothing rests on the floor at {frame.at}"
        for contact in frame.contacts:
            gap = contact_gap(skeleton, contact)
            assert abs(gap) < ON_SURFACE, (
                contact.volume,
                contact.surface.name if contact.surface else "",
                round(gap, 2),
            )


def _check_planted(keys: tuple[KeyPose, ...]) -> None:
    """Planted supports shared by two key poses stay put through the move between them."""
    for index, start in enumerate(keys):
        end = keys[(index + 1) % len(keys)]
        moves = frames_of((start, end))
        shared = [c for c in start.contacts if c.planted and c in end.contacts]
        origin = touch_points(start.pose, shared)
        for frame in moves:
            now = touch_points(frame.pose, shared)
            for name, point in origin.items():
                assert distance(point, now[name]) < DRIFT, (name, round(distance(point, now[name]), 2), frame.at)


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_every_generated_figure(name: str) -> None:
    keys = GENERATED[name]
    _check(frames_of(keys, hold_s=3.0))
    if len(keys) > 1:
        _check_planted(keys)


@pytest.mark.parametrize("chosen", BUILTIN, ids=[e.id for e in BUILTIN])
def test_every_builtin_figure(chosen) -> None:  # type: ignore[no-untyped-def]
    _check(exercise_frames(chosen))


@pytest.mark.parametrize("row", OURS + HELD_OUT, ids=[row["name"] for row in OURS + HELD_OUT])
def test_every_table_exercise(row) -> None:  # type: ignore[no-untyped-def]
    _check(exercise_frames(exercise_of(row)))
