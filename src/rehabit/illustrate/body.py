"""The drawn person in 3-D: a skeleton of fixed segment lengths posed by joint angles.

World coordinates are centimetres with y up, the floor at y = 0, x to the right and z towards the
viewer of the default side view. The body's own frame has x forward (the way the chest faces), y up
along the trunk and z towards its *near* side, the working side drawn darker. A `Pose` gives joint
angles in degrees (0 in the anatomical standing position) and where the body is: `trunk` tips the
pelvis in the side plane (90 upright, 180 lying on the back head to the left, 0 lying face down head
to the right), `roll` turns it about its own long axis (lying on a side), `yaw` about the vertical.
The root is the hip centre; without an explicit `root` the body is placed with its `anchor` point at
floor position `x`, lowered or raised until its lowest surface rests on the floor.

Angles, as in the program format: `hip`, `shoulder` flexion (positive brings the limb forward),
`hip_abduction`, `shoulder_abduction` (positive moves it out to its own side), `hip_rotation`,
`shoulder_rotation` (positive turns it inwards), `knee` flexion, `elbow` flexion, `ankle` dorsiflexion
(negative points the toes); `spine` bends the waist forward, `spine_bend` sideways towards the near
side, `spine_rotation` turns the front of the chest towards the far side; `neck` nods the chin down.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]  # rows

SIDES = ("near", "far")
SIDE_SIGN = {"near": 1.0, "far": -1.0}
SIDED_JOINTS = (
    "hip", "hip_abduction", "hip_rotation", "knee", "ankle", "shoulder", "shoulder_abduction", "shoulder_rotation",
    "elbow",
)  # fmt: skip
SINGLE_JOINTS = ("spine", "spine_bend", "spine_rotation", "neck")
JOINT_ANGLES = SINGLE_JOINTS + tuple(f"{side}_{joint}" for side in SIDES for joint in SIDED_JOINTS)

# Ranges of motion (degrees) the figure keeps to; the geometry tests hold every frame to them.
RANGES: dict[str, tuple[float, float]] = {
    "spine": (-45.0, 75.0),
    "spine_bend": (-40.0, 40.0),
    "spine_rotation": (-55.0, 55.0),
    "neck": (-55.0, 65.0),
    "hip": (-30.0, 135.0),
    "hip_abduction": (-30.0, 60.0),
    "hip_rotation": (-60.0, 50.0),
    "knee": (-8.0, 155.0),
    "ankle": (-65.0, 40.0),
    "shoulder": (-60.0, 185.0),
    "shoulder_abduction": (-30.0, 180.0),
    "shoulder_rotation": (-90.0, 90.0),
    "elbow": (-10.0, 150.0),
}

# Segment lengths (a standing figure is about 178 tall).
PELVIS = 14.0  # hip centre -> waist
TORSO = 38.0  # waist -> shoulder centre
NECK = 9.0  # shoulder centre -> base of the head
HEAD_RADIUS = 11.0
HIP_HALF_WIDTH = 9.0  # hip centre -> each hip joint
SHOULDER_HALF_WIDTH = 17.0  # shoulder centre -> each shoulder joint
UPPER_ARM = 30.0
FOREARM = 27.0  # elbow -> middle of the hand
THIGH = 44.0
SHIN = 43.0
ANKLE_HEIGHT = 6.0  # ankle joint above the sole
HEEL_BACK = 4.0
TOE_FORWARD = 17.0

SEGMENTS: tuple[tuple[str, str], ...] = (
    ("hip", "waist"),
    ("waist", "midback"),
    ("midback", "shoulder"),
    ("shoulder", "neck"),
    ("neck", "head"),
    *(("hip", f"{side}_hip") for side in SIDES),
    *(("shoulder", f"{side}_shoulder") for side in SIDES),
    *((f"{side}_{a}", f"{side}_{b}") for side in SIDES for a, b in (("hip", "knee"), ("knee", "ankle"))),
    *((f"{side}_{a}", f"{side}_{b}") for side in SIDES for a, b in (("shoulder", "elbow"), ("elbow", "hand"))),
    *((f"{side}_ankle", f"{side}_{end}") for side in SIDES for end in ("heel", "toe")),
)
"""Pairs of points joined by a rigid segment; their distance never changes between poses."""


@dataclass(frozen=True)
class Pose:
    """Joint angles plus placement (see the module docstring); missing angles are 0."""

    angles: Mapping[str, float] = field(default_factory=dict)
    trunk: float = 90.0
    roll: float = 0.0
    yaw: float = 0.0
    root: Vec | None = None
    anchor: str = "hip"
    x: float = 0.0

    def angle(self, name: str) -> float:
        """One joint's angle (`near_hip`, `spine`, ...), 0 when the pose does not set it."""
        return float(self.angles.get(name, 0.0))


@dataclass(frozen=True)
class Skeleton:
    """A posed body: every point in world coordinates and the frames of pelvis, chest and head."""

    points: dict[str, Vec]
    pelvis: Mat
    chest: Mat
    head: Mat
    lumbar: Mat  # the lower trunk's frame, half-way through the spine's bend
    limbs: dict[str, Mat]  # the frame of each limb segment: near_thigh, near_shin, near_foot, near_upper_arm, ...


# --- small vector algebra -------------------------------------------------------------------------


def add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def scale(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def norm(a: Vec) -> float:
    return math.sqrt(dot(a, a))


def distance(a: Vec, b: Vec) -> float:
    """The straight-line distance between two points."""
    return norm(sub(a, b))


def apply(m: Mat, v: Vec) -> Vec:
    return (dot(m[0], v), dot(m[1], v), dot(m[2], v))


def compose(a: Mat, b: Mat) -> Mat:
    columns = tuple(zip(*b, strict=True))
    return tuple(tuple(dot(row, column) for column in columns) for row in a)  # type: ignore[return-value]


def column(m: Mat, index: int) -> Vec:
    return (m[0][index], m[1][index], m[2][index])


def rot_x(degrees: float) -> Mat:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def rot_y(degrees: float) -> Mat:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def rot_z(degrees: float) -> Mat:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def angle_between(a: Vec, b: Vec) -> float:
    """The angle between two directions in degrees (0 when they point the same way)."""
    cosine = dot(a, b) / ((norm(a) * norm(b)) or 1.0)
    return math.degrees(math.acos(max(-1.0, min(1.0, cosine))))


# --- forward kinematics ---------------------------------------------------------------------------


def pelvis_frame(pose: Pose) -> Mat:
    """The pelvis orientation: yaw about the vertical, trunk tip in the side plane, roll about the body."""
    return compose(compose(rot_y(pose.yaw), rot_z(pose.trunk - 90.0)), rot_y(pose.roll))


def _limb(frame: Mat, flex: float, abduction: float, rotation: float, sign: float) -> Mat:
    return compose(compose(compose(frame, rot_z(flex)), rot_x(-sign * abduction)), rot_y(sign * rotation))


def unplaced(pose: Pose, root: Vec = (0.0, 0.0, 0.0)) -> Skeleton:
    """Forward kinematics with the hip centre at `root`."""
    pelvis = pelvis_frame(pose)
    # The spine bends in two equal parts, at the waist and mid-back, so a rounded back is a curve.
    half = compose(
        compose(rot_z(-pose.angle("spine") / 2), rot_x(pose.angle("spine_bend") / 2)),
        rot_y(pose.angle("spine_rotation") / 2),
    )
    lumbar = compose(pelvis, half)
    chest = compose(lumbar, half)
    head_frame = compose(chest, rot_z(-pose.angle("neck")))
    points: dict[str, Vec] = {"hip": root}
    points["waist"] = add(root, apply(pelvis, (0.0, PELVIS, 0.0)))
    points["midback"] = add(points["waist"], apply(lumbar, (0.0, TORSO / 2, 0.0)))
    points["shoulder"] = add(points["midback"], apply(chest, (0.0, TORSO / 2, 0.0)))
    points["neck"] = add(points["shoulder"], apply(head_frame, (0.0, NECK, 0.0)))
    points["head"] = add(points["neck"], apply(head_frame, (0.0, HEAD_RADIUS, 0.0)))
    limbs: dict[str, Mat] = {}
    for side in SIDES:
        sign = SIDE_SIGN[side]
        hip_joint = add(root, apply(pelvis, (0.0, 0.0, sign * HIP_HALF_WIDTH)))
        points[f"{side}_hip"] = hip_joint
        thigh = _limb(
            pelvis,
            pose.angle(f"{side}_hip"),
            pose.angle(f"{side}_hip_abduction"),
            pose.angle(f"{side}_hip_rotation"),
            sign,
        )
        points[f"{side}_knee"] = add(hip_joint, apply(thigh, (0.0, -THIGH, 0.0)))
        shin = compose(thigh, rot_z(-pose.angle(f"{side}_knee")))
        points[f"{side}_ankle"] = add(points[f"{side}_knee"], apply(shin, (0.0, -SHIN, 0.0)))
        foot = compose(shin, rot_z(pose.angle(f"{side}_ankle")))
        sole = add(points[f"{side}_ankle"], apply(foot, (0.0, -ANKLE_HEIGHT, 0.0)))
        points[f"{side}_heel"] = add(sole, apply(foot, (-HEEL_BACK, 0.0, 0.0)))
        points[f"{side}_toe"] = add(sole, apply(foot, (TOE_FORWARD, 0.0, 0.0)))
        shoulder_joint = add(points["shoulder"], apply(chest, (0.0, 0.0, sign * SHOULDER_HALF_WIDTH)))
        points[f"{side}_shoulder"] = shoulder_joint
        upper_arm = _limb(
            chest,
            pose.angle(f"{side}_shoulder"),
            pose.angle(f"{side}_shoulder_abduction"),
            pose.angle(f"{side}_shoulder_rotation"),
            sign,
        )
        points[f"{side}_elbow"] = add(shoulder_joint, apply(upper_arm, (0.0, -UPPER_ARM, 0.0)))
        forearm = compose(upper_arm, rot_z(pose.angle(f"{side}_elbow")))
        points[f"{side}_hand"] = add(points[f"{side}_elbow"], apply(forearm, (0.0, -FOREARM, 0.0)))
        limbs.update(
            {
                f"{side}_thigh": thigh,
                f"{side}_shin": shin,
                f"{side}_foot": foot,
                f"{side}_upper_arm": upper_arm,
                f"{side}_forearm": forearm,
            }
        )
    return Skeleton(points, pelvis, chest, head_frame, lumbar, limbs)


def moved(skeleton: Skeleton, offset: Vec) -> Skeleton:
    """The same skeleton shifted by `offset`."""
    points = {name: add(point, offset) for name, point in skeleton.points.items()}
    return Skeleton(points, skeleton.pelvis, skeleton.chest, skeleton.head, skeleton.lumbar, skeleton.limbs)


def transpose(m: Mat) -> Mat:
    return (column(m, 0), column(m, 1), column(m, 2))


def axis_rotation(axis: Vec, degrees: float) -> Mat:
    """The rotation by `degrees` about a unit `axis` (right-handed)."""
    x, y, z = scale(axis, 1.0 / (norm(axis) or 1.0))
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    t = 1 - c
    return (
        (t * x * x + c, t * x * y - s * z, t * x * z + s * y),
        (t * x * y + s * z, t * y * y + c, t * y * z - s * x),
        (t * x * z - s * y, t * y * z + s * x, t * z * z + c),
    )


def limb_angles(parent: Mat, limb: Mat, side: str) -> tuple[float, float, float]:
    """(flexion, abduction, rotation) that give a limb segment this frame under its parent's frame."""
    sign = SIDE_SIGN[side]
    local = compose(transpose(parent), limb)
    b = math.asin(max(-1.0, min(1.0, local[2][1])))
    flex = math.atan2(-local[0][1], local[1][1])
    rot = math.atan2(-local[2][0], local[2][2])
    return math.degrees(flex), -math.degrees(b) * sign, math.degrees(rot) * sign
