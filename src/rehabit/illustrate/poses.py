"""Key poses: the illustration block of the program format, and the built-in pose files.

An exercise's `illustration` block (documented in docs/program-format.md, "Illustration") lists key
poses in order — start, end, and the held position — and the props to draw. The built-in program's
poses live in `rehabit/programs/poses/<program id>.yaml`, a mapping of exercise id to the same block.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from rehabit.errors import RehabitError
from rehabit.illustrate.figure import SIDED_JOINTS, SIDES, SINGLE_JOINTS, Pose, joint_positions
from rehabit.model import Exercise, slugify

MAX_POSES = 8


class Prop(StrEnum):
    """Things drawn with the figure besides the floor line, which is always drawn."""

    BAND_THIGHS = "band-thighs"  # a resistance band looped around the thighs above the knees
    BAND_FEET = "band-feet"  # a resistance band under the feet, an end in each hand
    WEIGHTS = "weights"  # a weight in each hand


class Family(StrEnum):
    """Pose templates for exercises without key poses of their own."""

    SUPINE_BRIDGE = "supine-bridge"
    SUPINE_STRETCH = "supine-stretch"
    SEATED_STRETCH = "seated-stretch"
    QUADRUPED = "quadruped"
    PLANK = "plank"
    STANDING_HINGE = "standing-hinge"
    SIDE_LYING = "side-lying"
    STANDING = "standing"


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
        if value not in joint_positions(Pose()):
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
        return Pose(trunk=self.trunk, angles=angles, anchor=self.anchor, x=self.x)


class IllustrationSpec(_Strict):
    """The `illustration` block of an exercise: key poses and props, or a template family to use."""

    template: Family | None = None
    props: list[Prop] = Field(default_factory=list)
    poses: list[PoseSpec] = Field(default_factory=list, max_length=MAX_POSES)

    @model_validator(mode="after")
    def _usable(self) -> IllustrationSpec:
        if not self.poses and self.template is None:
            raise ValueError("give key poses or a template family")
        names = [pose.name for pose in self.poses]
        for name in names:
            if names.count(name) > 1:
                raise ValueError(f"pose name {name!r} is used twice")
        if sum(pose.hold for pose in self.poses) > 1:
            raise ValueError("only one pose can be the held position")
        return self


@dataclass(frozen=True)
class KeyPose:
    """A named key pose of an exercise; `hold` marks the position held for the dose's hold time."""

    name: str
    pose: Pose
    hold: bool = False


def parse_illustration(block: Any, exercise_name: str) -> IllustrationSpec:
    """Validate an illustration block; a bad block is a RehabitError naming the exercise and field."""
    try:
        return IllustrationSpec.model_validate(block)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"] if not str(part).startswith(("float", "SidedAngle")))
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
