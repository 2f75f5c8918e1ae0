"""The `illustration` block of the program format, and the built-in pose files.

An exercise's `illustration` block (docs/program-format.md, "Illustration") either corrects what
rehabit read from the text — `posture` (one of the eleven) and `movement` (a movement id, or `none`
for the posture alone) — or gives key poses in order (start, end, the held position) and props.
The built-in program's poses live in `rehabit/programs/poses/<program id>.yaml`, a mapping of
exercise id to the same block.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from rehabit.errors import RehabitError
from rehabit.illustrate.body import SIDED_JOINTS, SIDES, SINGLE_JOINTS, Pose
from rehabit.illustrate.movement import Movement
from rehabit.illustrate.posture import Posture
from rehabit.illustrate.props import Prop
from rehabit.illustrate.timing import KeyPose
from rehabit.model import Exercise, slugify

MAX_POSES = 8
LIMB_POINTS = ("hip", "knee", "ankle", "heel", "toe", "shoulder", "elbow", "hand")
POINTS = ("hip", "waist", "shoulder", "head", *(f"{side}_{joint}" for side in SIDES for joint in LIMB_POINTS))


class Family(StrEnum):
    """Pose templates of earlier program files; each now names a posture and a movement."""

    SUPINE_BRIDGE = "supine-bridge"
    SUPINE_STRETCH = "supine-stretch"
    SEATED_STRETCH = "seated-stretch"
    QUADRUPED = "quadruped"
    PLANK = "plank"
    STANDING_HINGE = "standing-hinge"
    SIDE_LYING = "side-lying"
    STANDING = "standing"


FAMILIES: dict[Family, tuple[Posture, Movement | None]] = {
    Family.SUPINE_BRIDGE: (Posture.SUPINE, Movement.BRIDGE),
    Family.SUPINE_STRETCH: (Posture.SUPINE, Movement.KNEE_RAISE),
    Family.SEATED_STRETCH: (Posture.SEATED_FLOOR, Movement.FIGURE_FOUR),
    Family.QUADRUPED: (Posture.QUADRUPED, Movement.OPPOSITE_ARM_LEG),
    Family.PLANK: (Posture.PLANK, Movement.HOLD),
    Family.STANDING_HINGE: (Posture.STANDING, Movement.HIP_HINGE),
    Family.SIDE_LYING: (Posture.SIDE_LYING, Movement.HIP_ABDUCTION),
    Family.STANDING: (Posture.STANDING, None),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SidedAngle(_Strict):
    near: float = Field(default=0.0, ge=-180, le=180)
    far: float = Field(default=0.0, ge=-180, le=180)


AngleValue = float | SidedAngle
ANGLE_NAMES = SINGLE_JOINTS + SIDED_JOINTS


class PoseSpec(_Strict):
    """One key pose as written in a program file."""

    name: str = Field(min_length=1, max_length=40)
    hold: bool = False
    trunk: float = Field(default=90.0, ge=-360, le=360)
    roll: float = Field(default=0.0, ge=-180, le=180)
    anchor: str = "hip"
    x: float = Field(default=0.0, ge=-1000, le=1000)
    angles: dict[str, AngleValue] = Field(default_factory=dict)

    @field_validator("angles")
    @classmethod
    def _known_joints(cls, value: dict[str, AngleValue]) -> dict[str, AngleValue]:
        for name, angle in value.items():
            if name not in ANGLE_NAMES:
                raise ValueError(f"unknown joint {name!r} (joints: {', '.join(ANGLE_NAMES)})")
            if name in SINGLE_JOINTS and isinstance(angle, SidedAngle):
                raise ValueError(f"{name} has no sides; give one angle")
            if isinstance(angle, float) and not -180 <= angle <= 180:
                raise ValueError(f"{name}: angle {angle:g} is outside -180..180 degrees")
        return value

    @field_validator("anchor")
    @classmethod
    def _known_anchor(cls, value: str) -> str:
        if value not in POINTS:
            raise ValueError(f"unknown anchor {value!r} (a joint such as hip, near_heel, near_toe)")
        return value

    def to_pose(self) -> Pose:
        """The figure pose this key pose describes."""
        angles: dict[str, float] = {}
        for name, angle in self.angles.items():
            if isinstance(angle, SidedAngle):
                angles[f"near_{name}"] = angle.near
                angles[f"far_{name}"] = angle.far
            elif name in SIDED_JOINTS:
                for side in SIDES:
                    angles[f"{side}_{name}"] = angle
            else:
                angles[name] = angle
        return Pose(angles, trunk=self.trunk, roll=self.roll, anchor=self.anchor, x=self.x)


class IllustrationSpec(_Strict):
    """The `illustration` block of an exercise: a posture and movement correction, key poses, or both."""

    posture: Posture | None = None
    movement: Movement | Literal["none"] | None = None
    template: Family | None = None
    props: list[Prop] = Field(default_factory=list)
    poses: list[PoseSpec] = Field(default_factory=list, max_length=MAX_POSES)

    @model_validator(mode="after")
    def _usable(self) -> IllustrationSpec:
        if not self.poses and self.template is None and self.posture is None and self.movement is None:
            raise ValueError("give a posture, a movement, key poses or a template family")
        names = [pose.name for pose in self.poses]
        for name in names:
            if names.count(name) > 1:
                raise ValueError(f"pose name {name!r} is used twice")
        if sum(pose.hold for pose in self.poses) > 1:
            raise ValueError("only one pose can be the held position")
        return self


def parse_illustration(block: Any, exercise_name: str) -> IllustrationSpec:
    """Validate an illustration block; a bad block is a RehabitError naming the exercise and field."""
    try:
        return IllustrationSpec.model_validate(block)
    except ValidationError as error:
        first = error.errors()[0]
        parts = [str(part) for part in first["loc"]]
        where = ".".join(
            part for part in parts if not part.startswith(("float", "SidedAngle", "literal", "str-enum", "function"))
        )
        message = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
        field_name = f"illustration.{where}" if where else "illustration"
        raise RehabitError(f"exercise {exercise_name!r}: {field_name}: {message}") from None


def key_poses_of(spec: IllustrationSpec, has_hold: bool) -> list[KeyPose]:
    """The key poses of a validated block; without a marked pose, the last one is held if the dose holds."""
    marked = any(pose.hold for pose in spec.poses)
    last = len(spec.poses) - 1
    return [
        KeyPose(
            name=pose.name,
            pose=pose.to_pose(),
            hold=pose.hold if marked else (has_hold and index == last and last > 0),
        )
        for index, pose in enumerate(spec.poses)
    ]


@cache
def builtin_illustrations() -> dict[str, IllustrationSpec]:
    """The key poses shipped with rehabit, by exercise id (every file in programs/poses/)."""
    folder = resources.files("rehabit.programs").joinpath("poses")
    found: dict[str, IllustrationSpec] = {}
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if not entry.name.endswith(".yaml"):
            continue
        document = yaml.safe_load(entry.read_text(encoding="utf-8"))
        for exercise_id, block in document.items():
            found[exercise_id] = parse_illustration(block, exercise_id)
    return found


def builtin_illustration(exercise: Exercise) -> IllustrationSpec | None:
    """The built-in key poses for this exercise, matched by id, then by name or alias."""
    shipped = builtin_illustrations()
    for candidate in (exercise.id, slugify(exercise.name), *(slugify(alias) for alias in exercise.aliases)):
        if candidate in shipped:
            return shipped[candidate]
    return None
