"""Building a figure's key poses: the registry of movement builders and the tools they use.

A builder (in `_moves_floor`, `_moves_upright`) is registered with `@builds(posture, movement)`; it
gets the posture's stance and the exercise's `Setup` and returns a `Plan`: the key poses, made with
`derive` from the stance (new angles, supports let go of or added, settled on the rest).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from rehabit.illustrate.body import axis_rotation, compose, limb_angles, sub
from rehabit.illustrate.camera import Camera
from rehabit.illustrate.movement import Movement
from rehabit.illustrate.posture import Posture
from rehabit.illustrate.props import Placed, Prop
from rehabit.illustrate.solve import SLIDE, Contact, placed, settle, skeleton_at, touch_points
from rehabit.illustrate.stances import Stance, Variant
from rehabit.illustrate.timing import KeyPose


@dataclass(frozen=True)
class Setup:
    """What the text says about how the exercise is set up: a variant, props, both sides, a detail."""

    variant: Variant = Variant.PLAIN
    props: tuple[Prop, ...] = ()
    both_sides: bool = False
    detail: str = ""  # a movement's own variant: "sphinx", "superman", "hug", "quad-stretch", ...


@dataclass(frozen=True)
class Plan:
    """What a movement builder returns."""

    keys: tuple[KeyPose, ...]
    camera: Camera | None = None
    props: tuple[Placed, ...] = ()
    alternating: bool = False
    static_pair: tuple[int, int] = (0, -1)


Builder = Callable[[Stance, Setup], Plan]
BUILDERS: dict[tuple[Posture, Movement], Builder] = {}
VARIANTS: dict[tuple[Posture, Movement], Variant] = {}


def builds(posture: Posture, movement: Movement, variant: Variant | None = None) -> Callable[[Builder], Builder]:
    """Register a movement builder for a posture (and the stance variant it starts from)."""

    def register(builder: Builder) -> Builder:
        BUILDERS[(posture, movement)] = builder
        if variant is not None:
            VARIANTS[(posture, movement)] = variant
        return builder

    return register


def derive(
    base: KeyPose,
    name: str,
    angles: dict[str, float] | None = None,
    *,
    drop: Sequence[str] = (),
    add: Sequence[Contact] = (),
    contacts: Sequence[Contact] | None = None,
    free: Sequence[str] = (),
    hold: bool = False,
    trunk: float | None = None,
    roll: float | None = None,
    yaw: float | None = None,
    lower: float = 0.0,
    replant: bool = False,
    iterations: int = 150,
) -> KeyPose:
    """A key pose made from `base`: new angles and placement, contacts dropped or added, then settled.

    Planted contacts it shares with `base` stay exactly where they were in `base` (unless `replant`). The
    solver may move the placement, the joints `base` let it move (except those set here), and `free`.
    """
    target_angles = {**base.pose.angles, **(angles or {})}
    start_pose = placed(base.pose)
    trunk_to = start_pose.trunk if trunk is None else trunk
    roll_to = start_pose.roll if roll is None else roll
    yaw_to = start_pose.yaw if yaw is None else yaw
    if contacts is None:
        contacts = [contact for contact in base.contacts if contact.volume not in drop] + list(add)
    # Only a support that was already planted in `base` keeps its place; a new one lands where it falls.
    # With `replant` every support lands where the new pose puts it (a new stance of the feet).
    kept = [] if replant else [c for c in contacts if any(_same(c, b) and b.planted for b in base.contacts)]
    targets = touch_points(base.pose, kept)
    if any(contact.surface is None and not contact.to for contact in contacts):
        targets.update(touch_points(base.pose, [c for c in contacts if c.surface is None and not c.to]))
    # The angles this pose sets are its targets: the solver moves them only when `free` names them.
    free = tuple(dict.fromkeys((*(name for name in base.free if name not in (angles or {})), *free)))
    names = tuple(dict.fromkeys((*SLIDE, *free)))
    # A big change is reached in small steps, each settled from the last, so the solver never has to
    # find its way from far off.
    change = max(
        [abs(target_angles[name] - start_pose.angle(name)) for name in target_angles]
        + [abs(trunk_to - start_pose.trunk), abs(roll_to - start_pose.roll), abs(yaw_to - start_pose.yaw)]
    )
    steps = max(1, math.ceil(change / 20.0))
    pose = start_pose
    for step in range(1, steps + 1):
        fraction = step / steps
        between = {
            name: start_pose.angle(name) + (value - start_pose.angle(name)) * fraction
            for name, value in target_angles.items()
        }
        pose = replace(
            pose,
            angles={**pose.angles, **between},
            trunk=start_pose.trunk + (trunk_to - start_pose.trunk) * fraction if trunk is not None else pose.trunk,
            roll=start_pose.roll + (roll_to - start_pose.roll) * fraction if roll is not None else pose.roll,
            yaw=start_pose.yaw + (yaw_to - start_pose.yaw) * fraction if yaw is not None else pose.yaw,
        )
        if lower and step == 1:
            assert pose.root is not None
            pose = replace(pose, root=(pose.root[0], pose.root[1] - lower, pose.root[2]))
        pose = settle(pose, tuple(contacts), names, targets, iterations=iterations)
    return KeyPose(name, pose, hold, tuple(contacts), free)


def _same(a: Contact, b: Contact) -> bool:
    return (a.volume, a.surface, a.to) == (b.volume, b.surface, b.to)


def swing_leg(key: KeyPose, side: str, degrees: float) -> dict[str, float]:
    """Hip angles that swing a bent leg about the line from its hip to its ankle, the knee rising.

    This is a clam: the foot stays where it is while the knee opens (abduction with rotation).
    """
    skeleton = skeleton_at(key.pose)
    hip, ankle = skeleton.points[f"{side}_hip"], skeleton.points[f"{side}_ankle"]
    axis = sub(ankle, hip)
    best: dict[str, float] = {}
    best_height = -1e9
    for turn in (degrees, -degrees):
        thigh = compose(axis_rotation(axis, turn), skeleton.limbs[f"{side}_thigh"])
        flex, abduction, rotation = limb_angles(skeleton.pelvis, thigh, side)
        angles = {f"{side}_hip": flex, f"{side}_hip_abduction": abduction, f"{side}_hip_rotation": rotation}
        knee_height = skeleton_at(replace(key.pose, angles={**key.pose.angles, **angles})).points[f"{side}_knee"][1]
        if knee_height > best_height:
            best, best_height = angles, knee_height
    return best


def sides(joint: str, value: float, both_sides: bool) -> dict[str, float]:
    """The near side's angle, and the far side's too when the exercise moves both."""
    found = {f"near_{joint}": value}
    if both_sides:
        found[f"far_{joint}"] = value
    return found
