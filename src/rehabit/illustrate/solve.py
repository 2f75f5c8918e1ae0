"""Keeping a pose honest: supporting contacts on their surfaces, nothing through the floor, joints in range.

`settle` adjusts the free variables of a pose (its placement and the joints a caller names) as little
as possible so that every contact touches its surface, planted contacts stay where they were, no
body volume goes below the floor and every joint stays within `RANGES`. It is a damped least-squares
solve (Levenberg–Marquardt with a numeric Jacobian) over a handful of variables.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from rehabit.illustrate.body import RANGES, Pose, Skeleton, Vec, distance, dot, scale, sub, unplaced
from rehabit.illustrate.volumes import Volume, contact_volume, volumes

PLACEMENT = ("x", "y", "z", "trunk", "roll", "yaw")
SLIDE = ("x", "y", "z", "trunk")
"""What a solver moves by default: where the body is and how it tips in the side plane (a roll or a
turn about the vertical only when a pose asks for it)."""
CONTACT_WEIGHT = 10.0
PLANTED_WEIGHT = 4.0
FLOOR_WEIGHT = 30.0
LIMIT_WEIGHT = 40.0
STAY_WEIGHT = 0.12  # per degree or centimetre moved away from the wanted value
TOLERANCE = 0.25  # cm: a contact this close to its surface touches it


@dataclass(frozen=True)
class Surface:
    """A flat surface the body rests on or against: dot(p, normal) == offset, the body on the normal's side."""

    name: str
    normal: Vec
    offset: float

    def gap(self, volume: Volume) -> float:
        """How far the volume is from the surface (negative when it goes through)."""
        return -volume.support(scale(self.normal, -1.0)) - self.offset

    def touch_point(self, volume: Volume) -> Vec:
        """The point of the volume nearest the surface."""
        return volume.support_point(scale(self.normal, -1.0))


FLOOR = Surface("floor", (0.0, 1.0, 0.0), 0.0)


@dataclass(frozen=True)
class Contact:
    """A body part resting on a surface; a `planted` one also keeps its place (a hand, a foot, a knee).

    With `to` set instead, it is a link between two body points held `apart` centimetres apart (a hand
    holding an ankle, an ankle resting across the other knee); with `surface` None and no `to`, the
    point `volume` stays where it was (feet kept together while a knee opens).
    """

    volume: str
    surface: Surface | None = FLOOR
    planted: bool = True
    to: str = ""
    apart: float = 0.0


def keep(point: str) -> Contact:
    """A body point that stays where it is in the first pose (3-D), such as an ankle during a clam."""
    return Contact(point, None, planted=True)


def link(point: str, other: str, apart: float) -> Contact:
    """Two body points held `apart` centimetres apart (a hand on a knee, an ankle on a thigh)."""
    return Contact(point, None, planted=False, to=other, apart=apart)


def skeleton_at(pose: Pose) -> Skeleton:
    """The posed skeleton: at `root` when the pose has one, else with its anchor at `x` resting on the floor."""
    if pose.root is not None:
        return unplaced(pose, pose.root)
    first = unplaced(pose)
    lowest = min(volume.lowest() for volume in volumes(first))
    anchor = first.points[pose.anchor]
    return unplaced(pose, (pose.x - anchor[0], -lowest, 0.0))


def placed(pose: Pose) -> Pose:
    """The same pose with its root made explicit (where `skeleton_at` puts it)."""
    return replace(pose, root=skeleton_at(pose).points["hip"])


def _value(pose: Pose, name: str) -> float:
    if name in PLACEMENT[:3]:
        assert pose.root is not None
        return pose.root[PLACEMENT.index(name)]
    if name in PLACEMENT:
        return float(getattr(pose, name))
    return pose.angle(name)


def _with(pose: Pose, names: Sequence[str], values: Sequence[float]) -> Pose:
    angles = dict(pose.angles)
    root = list(pose.root or (0.0, 0.0, 0.0))
    trunk, roll, yaw = pose.trunk, pose.roll, pose.yaw
    for name, value in zip(names, values, strict=True):
        if name in PLACEMENT[:3]:
            root[PLACEMENT.index(name)] = float(value)
        elif name == "trunk":
            trunk = float(value)
        elif name == "roll":
            roll = float(value)
        elif name == "yaw":
            yaw = float(value)
        else:
            angles[name] = float(value)
    return replace(pose, angles=angles, root=(root[0], root[1], root[2]), trunk=trunk, roll=roll, yaw=yaw)


def joint_range(name: str) -> tuple[float, float] | None:
    """The range of motion of an angle name (`near_knee` → the knee's), None for placement variables."""
    base = name.split("_", 1)[1] if name.startswith(("near_", "far_")) else name
    return RANGES.get(base)


def residuals(
    pose: Pose, contacts: Sequence[Contact], targets: dict[str, Vec], wanted: dict[str, float]
) -> list[float]:
    """Everything `settle` drives to zero, weighted: contact gaps, planted drift, floor, limits, staying put."""
    skeleton = unplaced(pose, pose.root or (0.0, 0.0, 0.0))
    drawn = volumes(skeleton)
    found: list[float] = []
    for contact in contacts:
        if contact.surface is None:
            here = skeleton.points[contact.volume]
            if contact.to:
                found.append(CONTACT_WEIGHT * (distance(here, skeleton.points[contact.to]) - contact.apart))
            elif contact.volume in targets:
                found += [PLANTED_WEIGHT * d for d in sub(here, targets[contact.volume])]
            continue
        volume = contact_volume(skeleton, contact.volume, drawn)
        found.append(CONTACT_WEIGHT * contact.surface.gap(volume))
        if contact.planted and contact.volume in targets:
            drift = sub(contact.surface.touch_point(volume), targets[contact.volume])
            along = dot(drift, contact.surface.normal)
            found += [PLANTED_WEIGHT * (d - along * n) for d, n in zip(drift, contact.surface.normal, strict=True)]
    for volume in drawn:
        found.append(FLOOR_WEIGHT * min(0.0, volume.lowest()))
    for name, value in wanted.items():
        limits = joint_range(name)
        current = _value(pose, name)
        if limits is not None:
            found.append(LIMIT_WEIGHT * (max(0.0, limits[0] - current) + max(0.0, current - limits[1])))
        found.append(STAY_WEIGHT * (current - value))
    return found


def within_ranges(pose: Pose) -> Pose:
    """The pose with every joint angle brought inside its range of motion."""
    angles = {}
    for name, value in pose.angles.items():
        limits = joint_range(name)
        angles[name] = value if limits is None else min(max(value, limits[0]), limits[1])
    return replace(pose, angles=angles)


def touch_points(pose: Pose, contacts: Sequence[Contact]) -> dict[str, Vec]:
    """Where each planted contact touches its surface in this pose."""
    skeleton = skeleton_at(pose)
    found: dict[str, Vec] = {}
    for contact in contacts:
        if not contact.planted:
            continue
        if contact.surface is None:
            found[contact.volume] = skeleton.points[contact.volume]
        else:
            found[contact.volume] = contact.surface.touch_point(contact_volume(skeleton, contact.volume))
    return found


def settle(
    pose: Pose,
    contacts: Sequence[Contact],
    free: Sequence[str],
    targets: dict[str, Vec] | None = None,
    iterations: int = 40,
) -> Pose:
    """The pose nearest `pose` (moving only `free` variables) that meets its contacts, floor and ranges."""
    pose = placed(pose)
    names = list(dict.fromkeys(free))
    wanted = {name: _value(pose, name) for name in names}
    targets = targets or {}
    values = np.array([wanted[name] for name in names], dtype=float)
    current = np.array(residuals(pose, contacts, targets, wanted))
    damping = 1e-2
    jacobian = _jacobian(pose, names, values, current, contacts, targets, wanted)
    for _ in range(iterations):
        cost = float(current @ current)
        if cost < 1e-6:
            break
        gradient = jacobian.T @ current
        normal = jacobian.T @ jacobian
        improved = False
        for _attempt in range(12):
            delta = np.linalg.solve(normal + damping * np.diag(np.diag(normal) + 1e-6), -gradient)
            trial = values + delta
            trial_residuals = np.array(residuals(_with(pose, names, list(trial)), contacts, targets, wanted))
            if float(trial_residuals @ trial_residuals) < cost:
                values, current, improved = trial, trial_residuals, True
                damping = max(damping / 3, 1e-7)
                break
            damping *= 4
        if not improved:
            # The Jacobian of the start no longer describes the pose here: measure it again, once.
            fresh = _jacobian(pose, names, values, current, contacts, targets, wanted)
            if np.allclose(fresh, jacobian):
                break
            jacobian, damping = fresh, 1e-2
            continue
        if float(np.max(np.abs(delta))) < 1e-4:
            break
    return _with(pose, names, list(values))


def _jacobian(
    pose: Pose,
    names: list[str],
    values: np.ndarray,
    current: np.ndarray,
    contacts: Sequence[Contact],
    targets: dict[str, Vec],
    wanted: dict[str, float],
) -> np.ndarray:
    """The residuals' derivatives with respect to each free variable (forward differences)."""
    jacobian = np.empty((len(current), len(names)))
    for index in range(len(names)):
        step = np.array(values)
        step[index] += 0.05
        shifted = residuals(_with(pose, names, list(step)), contacts, targets, wanted)
        jacobian[:, index] = (np.array(shifted) - current) / 0.05
    return jacobian


def worst_gap(pose: Pose, contacts: Sequence[Contact]) -> float:
    """The largest distance between a contact and its surface, and the deepest floor penetration (cm)."""
    skeleton = skeleton_at(pose)
    gaps = [abs(contact_gap(skeleton, contact)) for contact in contacts if contact.surface is not None or contact.to]
    below = [max(0.0, -volume.lowest()) for volume in volumes(skeleton)]
    return max(gaps + below + [0.0])


def contact_gap(skeleton: Skeleton, contact: Contact) -> float:
    """How far a contact is from being met (cm): its gap to the surface, or a link's error."""
    if contact.surface is None:
        if not contact.to:
            return 0.0
        return distance(skeleton.points[contact.volume], skeleton.points[contact.to]) - contact.apart
    return contact.surface.gap(contact_volume(skeleton, contact.volume))


def is_finite(pose: Pose) -> bool:
    """Whether every number of the pose is finite (a failed solve never produces NaNs silently)."""
    numbers = [pose.trunk, pose.roll, pose.yaw, *pose.angles.values(), *(pose.root or (0.0, 0.0, 0.0))]
    return all(math.isfinite(value) for value in numbers)
