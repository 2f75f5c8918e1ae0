"""The key poses of every built-in exercise, checked from joint positions (issue 6's geometry table)."""

from __future__ import annotations

import pytest

from illustrate._helpers import BUILTIN_IDS, clearance, exercise, joints
from rehabit.illustrate import hold_seconds, key_poses
from rehabit.illustrate.figure import SEGMENTS, angle_at, direction, distance, joint_positions
from rehabit.illustrate.svg import frames

ON_FLOOR = 1.0  # units (about a centimetre): a joint this close to the floor rests on it


def _elevation(degrees: float) -> float:
    """How far a direction is from horizontal, in degrees (0–90)."""
    folded = abs(degrees) % 180
    return min(folded, 180 - folded)


@pytest.mark.parametrize("exercise_id", ["glute-bridge", "banded-glute-bridge", "single-leg-glute-bridge"])
def test_bridge_top_is_a_straight_line_with_feet_on_the_floor(exercise_id: str) -> None:
    top = joints(exercise_id, "top")
    assert angle_at(top["shoulder"], top["hip"], top["near_knee"]) >= 170
    assert clearance(top, "near_heel") < ON_FLOOR
    assert clearance(top, "near_toe") < ON_FLOOR
    assert clearance(top, "shoulder") < ON_FLOOR + 1
    assert top["hip"].y > 30  # the hips are lifted well off the floor


def test_bridge_start_lies_on_the_back_with_feet_planted() -> None:
    start = joints("glute-bridge", "start")
    for name in ("hip", "shoulder", "near_heel", "near_toe", "far_heel", "far_toe"):
        assert clearance(start, name) < ON_FLOOR, name


def test_single_leg_bridge_free_leg_is_straight_and_off_the_floor() -> None:
    top = joints("single-leg-glute-bridge", "top")
    assert angle_at(top["hip"], top["far_knee"], top["far_ankle"]) >= 175
    assert angle_at(top["near_knee"], top["hip"], top["far_knee"]) <= 5  # in line with the other thigh
    assert clearance(top, "far_heel") > 40


def test_plank_is_straight_on_forearms_and_toes() -> None:
    plank = joints("plank", "plank")
    assert angle_at(plank["shoulder"], plank["hip"], plank["near_ankle"]) >= 170
    for name in ("near_elbow", "near_hand", "far_elbow", "far_hand", "near_toe"):
        assert clearance(plank, name) < ON_FLOOR, name
    assert abs(plank["near_elbow"].x - plank["shoulder"].x) < 5  # elbows under the shoulders
    assert clearance(plank, "hip") > 15


def test_bird_dog_reach_raises_opposite_arm_and_leg_level() -> None:
    reach = joints("bird-dog", "reach")
    assert _elevation(direction(reach["shoulder"], reach["far_hand"])) <= 15
    assert _elevation(direction(reach["hip"], reach["near_ankle"])) <= 15
    assert reach["far_hand"].x > reach["shoulder"].x  # the arm reaches forward
    assert reach["near_ankle"].x < reach["hip"].x  # the leg reaches back
    assert clearance(reach, "near_hand") < ON_FLOOR
    assert clearance(reach, "far_knee") < ON_FLOOR


def test_bird_dog_start_is_on_all_fours() -> None:
    start = joints("bird-dog", "start")
    for name in ("near_hand", "far_hand", "near_knee", "far_knee"):
        assert clearance(start, name) < ON_FLOOR, name
    assert abs(start["near_hand"].x - start["shoulder"].x) < 5
    assert abs(start["near_knee"].x - start["hip"].x) < 5


def test_romanian_deadlift_end_hinges_at_the_hip_with_a_flat_back_and_soft_knees() -> None:
    end = joints("romanian-deadlift", "end")
    assert 180 - angle_at(end["shoulder"], end["hip"], end["near_knee"]) >= 45
    assert angle_at(end["hip"], end["waist"], end["shoulder"]) >= 170
    assert 150 <= angle_at(end["hip"], end["near_knee"], end["near_ankle"]) <= 175
    assert end["hip"].x < end["near_heel"].x  # hips pushed back behind the heels
    assert end["near_hand"].y < end["near_knee"].y + 15  # the weights reach the knees


def test_romanian_deadlift_starts_standing_tall() -> None:
    start = joints("romanian-deadlift", "start")
    assert angle_at(start["shoulder"], start["hip"], start["near_ankle"]) >= 175
    assert start["head"].y > 160


def test_banded_hip_hinge_end_hinges_less_deeply_than_the_deadlift() -> None:
    hinge = joints("banded-hip-hinge", "end")
    deadlift = joints("romanian-deadlift", "end")
    hinge_angle = 180 - angle_at(hinge["shoulder"], hinge["hip"], hinge["near_knee"])
    assert 30 <= hinge_angle < 180 - angle_at(deadlift["shoulder"], deadlift["hip"], deadlift["near_knee"])
    assert angle_at(hinge["hip"], hinge["waist"], hinge["shoulder"]) >= 170


def test_knee_to_chest_flexes_the_pulled_hip_past_100_degrees() -> None:
    stretch = joints("knee-to-chest-stretch", "stretch")
    assert 180 - angle_at(stretch["shoulder"], stretch["hip"], stretch["near_knee"]) > 100
    assert clearance(stretch, "far_heel") < ON_FLOOR  # the other leg stays along the floor
    assert clearance(stretch, "far_knee") < 5
    assert distance(stretch["near_hand"], stretch["near_knee"]) < 20  # the hands hold the knee


@pytest.mark.parametrize(
    ("exercise_id", "pose", "crossing", "supporting"),
    [
        ("seated-glute-stretch", "stretch", "near", "far"),
        ("piriformis-stretch", "start", "far", "near"),
        ("piriformis-stretch", "stretch", "far", "near"),
    ],
)
def test_ankle_rests_over_the_opposite_knee(exercise_id: str, pose: str, crossing: str, supporting: str) -> None:
    points = joints(exercise_id, pose)
    ankle, knee = points[f"{crossing}_ankle"], points[f"{supporting}_knee"]
    assert distance(ankle, knee) < 12
    assert ankle.y > knee.y


def test_piriformis_stretch_draws_the_supporting_leg_in() -> None:
    start, stretch = joints("piriformis-stretch", "start"), joints("piriformis-stretch", "stretch")
    flexion = [180 - angle_at(p["shoulder"], p["hip"], p["near_knee"]) for p in (start, stretch)]
    assert flexion[1] >= flexion[0] + 30


@pytest.mark.parametrize("exercise_id", BUILTIN_IDS)
def test_segments_keep_their_length_in_every_frame(exercise_id: str) -> None:
    chosen = exercise(exercise_id)
    moments = frames(key_poses(chosen), chosen.dose.tempo_s, hold_seconds(chosen))
    all_points = [joint_positions(moment.pose) for moment in moments]
    assert len(all_points) > 2
    for a, b in SEGMENTS:
        lengths = [distance(points[a], points[b]) for points in all_points]
        assert max(lengths) - min(lengths) < 1e-6, (a, b)


@pytest.mark.parametrize("exercise_id", BUILTIN_IDS)
def test_no_point_goes_below_the_floor_and_something_touches_it(exercise_id: str) -> None:
    chosen = exercise(exercise_id)
    for moment in frames(key_poses(chosen), chosen.dose.tempo_s, hold_seconds(chosen)):
        points = joint_positions(moment.pose)
        lowest = min(clearance(points, name) for name in points)
        assert lowest == pytest.approx(0.0, abs=1e-9), moment.at


@pytest.mark.parametrize("exercise_id", BUILTIN_IDS)
def test_every_builtin_exercise_has_its_own_key_poses(exercise_id: str) -> None:
    poses = key_poses(exercise(exercise_id))
    assert len(poses) == 2
    held = [key.name for key in poses if key.hold]
    assert held == ([poses[1].name] if exercise(exercise_id).dose.hold_s else [])


def test_planted_feet_stay_planted_during_the_bridge() -> None:
    chosen = exercise("glute-bridge")
    heels = {
        round(joint_positions(moment.pose)["near_heel"].x, 6)
        for moment in frames(key_poses(chosen), chosen.dose.tempo_s, hold_seconds(chosen))
    }
    assert len(heels) == 1


def test_pose_file_covers_exactly_the_builtin_exercises_and_is_not_a_program() -> None:
    from rehabit.illustrate.poses import builtin_illustrations
    from rehabit.programs import builtin_programs

    assert sorted(builtin_illustrations()) == sorted(BUILTIN_IDS)
    assert "poses" not in builtin_programs()
    assert all(program_id != "glute-bridge" for program_id in builtin_programs())
