"""The drawn person: a 2-D side-view figure with fixed proportions, posed by joint angles.

A `Pose` is a set of joint angles plus where the figure stands: the trunk's angle, one anchor point
placed at a floor position `x`, and always resting on the floor (its lowest point touches it).
`joint_positions` is the forward kinematics: it turns a pose into the positions of every joint.

Coordinates are centimetre-like units with y pointing up and the floor at y = 0. Angles are degrees.
The limbs come in pairs: `near` (nearer the viewer, drawn darker) and `far`.

Angle conventions (all 0 in the anatomical standing position, the figure facing +x):
- `trunk` (placement): direction of the hip → shoulder line; 90 stands upright, 180 lies with the
  head to the left, 0 lies with the head to the right. The front of the body faces `trunk - 90`.
- `spine`: bend of the waist (positive bends forward), `neck`: nod (positive tucks the chin).
- `hip`: flexion (positive brings the thigh forward), `knee`: flexion (positive bends the heel back),
  `ankle`: dorsiflexion (positive lifts the toes, negative points them).
- `shoulder`: flexion (positive raises the arm forward, 180 overhead), `elbow`: flexion.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

SIDES = ("near", "far")
SIDED_JOINTS = ("hip", "knee", "ankle", "shoulder", "elbow")
SINGLE_JOINTS = ("spine", "neck")
JOINT_ANGLES = SINGLE_JOINTS + tuple(f"{side}_{joint}" for side in SIDES for joint in SIDED_JOINTS)

# Segment lengths, in the figure's units (a standing figure is about 180 tall).
PELVIS = 14.0  # hip joint -> waist
TORSO = 38.0  # waist -> shoulder
NECK = 9.0  # shoulder -> base of the head
HEAD_RADIUS = 10.5
UPPER_ARM = 30.0
FOREARM = 27.0  # elbow -> middle of the hand
THIGH = 44.0
SHIN = 43.0
ANKLE_HEIGHT = 6.0  # ankle joint above the sole line of the foot
HEEL_BACK = 4.0
TOE_FORWARD = 17.0

# Drawn thickness (stroke widths); a point rests on the floor when its centre is half a stroke above it.
TRUNK_WIDTH = 15.0
LIMB_WIDTH = 9.5
FOOT_WIDTH = 6.0

SEGMENTS: tuple[tuple[str, str], ...] = (
    ("hip", "waist"),
    ("waist", "shoulder"),
    ("shoulder", "neck"),
    ("neck", "head"),
    *((f"{side}_{a}", f"{side}_{b}") for side in SIDES for a, b in (("elbow", "hand"), ("knee", "ankle"))),
    *(("shoulder", f"{side}_elbow") for side in SIDES),
    *(("hip", f"{side}_knee") for side in SIDES),
    *((f"{side}_ankle", f"{side}_{end}") for side in SIDES for end in ("heel", "toe")),
)
"""Pairs of joints joined by a rigid segment; their distance never changes between poses."""


class Point(NamedTuple):
    x: float
    y: float


@dataclass(frozen=True)
class Pose:
    """Joint angles plus placement: `anchor` (a joint name) sits at floor position `x`.

    Missing angles are 0 (standing position). The figure is lowered or raised so that its lowest
    drawn point rests on the floor.
    """

    trunk: float = 90.0
    angles: Mapping[str, float] = field(default_factory=dict)
    anchor: str = "hip"
    x: float = 0.0

    def angle(self, name: str) -> float:
        """The angle of one joint (`near_hip`, `spine`, ...), 0 when the pose does not set it."""
        return float(self.angles.get(name, 0.0))


def radius(point_name: str) -> float:
    """How far the drawn body extends around a joint (half its stroke, or the head's radius)."""
    if point_name == "head":
        return HEAD_RADIUS
    if point_name in {"hip", "waist", "shoulder"}:
        return TRUNK_WIDTH / 2
    if point_name.endswith(("heel", "toe")):
        return FOOT_WIDTH / 2
    return LIMB_WIDTH / 2


def _step(origin: Point, direction: float, length: float) -> Point:
    rad = math.radians(direction)
    return Point(origin.x + length * math.cos(rad), origin.y + length * math.sin(rad))


def _unplaced(pose: Pose) -> dict[str, Point]:
    """Forward kinematics with the hip at the origin."""
    trunk = pose.trunk
    points: dict[str, Point] = {"hip": Point(0.0, 0.0)}
    points["waist"] = _step(points["hip"], trunk, PELVIS)
    chest = trunk - pose.angle("spine")
    points["shoulder"] = _step(points["waist"], chest, TORSO)
    head_direction = chest - pose.angle("neck")
    points["neck"] = _step(points["shoulder"], head_direction, NECK)
    points["head"] = _step(points["neck"], head_direction, HEAD_RADIUS)
    for side in SIDES:
        upper_arm = chest + 180 + pose.angle(f"{side}_shoulder")
        points[f"{side}_elbow"] = _step(points["shoulder"], upper_arm, UPPER_ARM)
        forearm = upper_arm + pose.angle(f"{side}_elbow")
        points[f"{side}_hand"] = _step(points[f"{side}_elbow"], forearm, FOREARM)
        thigh = trunk + 180 + pose.angle(f"{side}_hip")
        points[f"{side}_knee"] = _step(points["hip"], thigh, THIGH)
        shin = thigh - pose.angle(f"{side}_knee")
        ankle = _step(points[f"{side}_knee"], shin, SHIN)
        points[f"{side}_ankle"] = ankle
        foot = shin + 90 + pose.angle(f"{side}_ankle")
        sole = _step(ankle, foot - 90, ANKLE_HEIGHT)
        points[f"{side}_heel"] = _step(sole, foot + 180, HEEL_BACK)
        points[f"{side}_toe"] = _step(sole, foot, TOE_FORWARD)
    return points


def joint_positions(pose: Pose) -> dict[str, Point]:
    """Where every joint of the posed figure is, resting on the floor (y = 0) at its placement."""
    points = _unplaced(pose)
    if pose.anchor not in points:
        raise ValueError(f"unknown anchor {pose.anchor!r}")
    anchor = points[pose.anchor]
    lift = -min(point.y - radius(name) for name, point in points.items())
    shift = pose.x - anchor.x
    return {name: Point(point.x + shift, point.y + lift) for name, point in points.items()}


def blend(start: Pose, end: Pose, fraction: float) -> Pose:
    """The pose a `fraction` (0–1) of the way from `start` to `end`, interpolating joint angles.

    The start pose's anchor moves in a straight line from where it is in `start` to where it is in
    `end`, so a planted foot stays planted when both poses anchor it.
    """
    names = set(start.angles) | set(end.angles)
    angles = {name: start.angle(name) + (end.angle(name) - start.angle(name)) * fraction for name in names}
    target = end.x if end.anchor == start.anchor else joint_positions(end)[start.anchor].x
    return Pose(
        trunk=start.trunk + (end.trunk - start.trunk) * fraction,
        angles=angles,
        anchor=start.anchor,
        x=start.x + (target - start.x) * fraction,
    )


def angle_at(a: Point, vertex: Point, b: Point) -> float:
    """The angle a–vertex–b in degrees (180 when the three points lie on a straight line)."""
    first = math.atan2(a.y - vertex.y, a.x - vertex.x)
    second = math.atan2(b.y - vertex.y, b.x - vertex.x)
    turn = abs(math.degrees(first - second)) % 360
    return 360 - turn if turn > 180 else turn


def direction(a: Point, b: Point) -> float:
    """The direction from a to b in degrees (0 along +x, 90 straight up)."""
    return math.degrees(math.atan2(b.y - a.y, b.x - a.x))


def distance(a: Point, b: Point) -> float:
    """The straight-line distance between two points."""
    return math.hypot(b.x - a.x, b.y - a.y)
