"""Body volumes: the rounded solids drawn around a skeleton, and how far they reach in any direction.

Every volume is the convex hull of spheres and flat ellipses (the trunk's cross-sections), so its
reach in a direction — its *support* — has a closed form. That answers both questions the figure
asks: how low a body part goes (is it on the floor, is anything below it?) and what outline it
projects on screen (the support points in evenly spaced screen directions, a fixed number per
shape, so an animation can morph one outline into the next).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rehabit.illustrate.body import SIDES, Mat, Skeleton, Vec, add, apply, column, dot, scale, sub

Sphere = tuple[Vec, float]
Ellipse = tuple[Vec, Vec, Vec]  # centre, first semi-axis, second semi-axis (vectors)

# Radii (cm) at the joints; limbs taper from the first to the second.
THIGH_RADII = (8.6, 5.8)
SHIN_RADII = (5.6, 3.6)
UPPER_ARM_RADII = (5.2, 4.1)
FOREARM_RADII = (3.9, 3.0)
HAND_RADIUS = 3.0
HAND_HALF_LENGTH = 5.0
FOOT_RADII = {"ankle": 4.0, "heel": 3.3, "toe": 2.4}
NECK_RADIUS = 5.2
HEAD = 11.0


@dataclass(frozen=True)
class Volume:
    """One drawn solid: a named hull of spheres and ellipses, on a side ("near", "far") or the body ("body")."""

    name: str
    side: str
    spheres: tuple[Sphere, ...] = ()
    ellipses: tuple[Ellipse, ...] = ()

    def support(self, direction: Vec) -> float:
        """How far the volume reaches along a unit `direction` (the largest dot product of its points)."""
        best = -math.inf
        for centre, radius in self.spheres:
            best = max(best, dot(centre, direction) + radius)
        for centre, first, second in self.ellipses:
            reach = math.hypot(dot(first, direction), dot(second, direction))
            best = max(best, dot(centre, direction) + reach)
        return best

    def lowest(self) -> float:
        """The height of the volume's lowest point (0 when it rests on the floor)."""
        return -self.support((0.0, -1.0, 0.0))

    def support_point(self, direction: Vec) -> Vec:
        """The point of the volume furthest along `direction`."""
        best, found = -math.inf, (0.0, 0.0, 0.0)
        for centre, radius in self.spheres:
            reach = dot(centre, direction) + radius
            if reach > best:
                best, found = reach, add(centre, scale(direction, radius))
        for centre, first, second in self.ellipses:
            a, b = dot(first, direction), dot(second, direction)
            length = math.hypot(a, b)
            reach = dot(centre, direction) + length
            if reach > best:
                best = reach
                found = centre if length == 0 else add(centre, add(scale(first, a / length), scale(second, b / length)))
        return found


def _section(frame: Mat, centre: Vec, half_width: float, half_depth: float) -> Ellipse:
    """A horizontal (to the trunk) cross-section: `half_width` side to side, `half_depth` front to back."""
    return (centre, scale(column(frame, 2), half_width), scale(column(frame, 0), half_depth))


def _along(a: Vec, b: Vec, fraction: float) -> Vec:
    return add(a, scale(sub(b, a), fraction))


def volumes(skeleton: Skeleton) -> list[Volume]:
    """The solids of a posed body, far side first, then the trunk, then the near side."""
    p = skeleton.points
    pelvis, chest, lumbar = skeleton.pelvis, skeleton.chest, skeleton.lumbar
    up_pelvis = column(pelvis, 1)
    forward_pelvis = column(pelvis, 0)
    hip_section = _section(pelvis, add(p["hip"], scale(forward_pelvis, -1.5)), 17.0, 12.0)
    waist_section = _section(lumbar, add(p["waist"], scale(column(lumbar, 0), 0.5)), 14.0, 10.5)
    low_pelvis = _section(pelvis, add(add(p["hip"], scale(up_pelvis, -5.0)), scale(forward_pelvis, -2.0)), 13.5, 9.5)
    trunk_parts: list[Volume] = [
        Volume(
            "pelvis",
            "body",
            spheres=tuple((p[f"{side}_hip"], 8.0) for side in SIDES),
            ellipses=(hip_section, waist_section, low_pelvis),
        ),
        Volume(
            "belly",
            "body",
            ellipses=(
                waist_section,
                _section(lumbar, add(p["midback"], scale(column(lumbar, 0), 1.0)), 15.0, 11.5),
            ),
        ),
        Volume(
            "torso",
            "body",
            spheres=tuple((_along(p["shoulder"], p[f"{side}_shoulder"], 0.82), 6.2) for side in SIDES),
            ellipses=(
                _section(chest, add(p["midback"], scale(column(chest, 0), 1.0)), 15.0, 11.5),
                _section(
                    chest, add(_along(p["midback"], p["shoulder"], 0.55), scale(column(chest, 0), 1.0)), 16.5, 12.0
                ),
                _section(chest, add(p["shoulder"], apply(chest, (0.0, 1.5, 0.0))), 14.0, 8.0),
            ),
        ),
        Volume("neck", "body", spheres=((p["shoulder"], NECK_RADIUS + 1), (p["neck"], NECK_RADIUS))),
        Volume("head", "body", spheres=((p["head"], HEAD),)),
    ]
    sided: dict[str, list[Volume]] = {}
    for side in SIDES:
        wrist = _along(p[f"{side}_hand"], p[f"{side}_elbow"], HAND_HALF_LENGTH / 27.0)
        fingers = _along(p[f"{side}_hand"], p[f"{side}_elbow"], -HAND_HALF_LENGTH / 27.0)
        sided[side] = [
            Volume(
                f"{side}_thigh", side, spheres=((p[f"{side}_hip"], THIGH_RADII[0]), (p[f"{side}_knee"], THIGH_RADII[1]))
            ),
            Volume(
                f"{side}_shin", side, spheres=((p[f"{side}_knee"], SHIN_RADII[0]), (p[f"{side}_ankle"], SHIN_RADII[1]))
            ),
            Volume(
                f"{side}_foot",
                side,
                spheres=tuple((p[f"{side}_{point}"], radius) for point, radius in FOOT_RADII.items()),
            ),
            Volume(
                f"{side}_upper_arm",
                side,
                spheres=((p[f"{side}_shoulder"], UPPER_ARM_RADII[0]), (p[f"{side}_elbow"], UPPER_ARM_RADII[1])),
            ),
            Volume(
                f"{side}_forearm", side, spheres=((p[f"{side}_elbow"], FOREARM_RADII[0]), (wrist, FOREARM_RADII[1]))
            ),
            Volume(f"{side}_hand", side, spheres=((wrist, HAND_RADIUS), (fingers, HAND_RADIUS * 0.9))),
        ]
    return sided["far"] + trunk_parts + sided["near"]


def contact_volume(skeleton: Skeleton, name: str, drawn: list[Volume] | None = None) -> Volume:
    """A volume that can touch a surface: a drawn one (`pelvis`, `near_forearm`) or a joint (`near_knee`).

    `drawn` is the skeleton's volumes when the caller has them already.
    """
    p = skeleton.points
    joints = {
        "knee": SHIN_RADII[0],
        "elbow": FOREARM_RADII[0],
        "heel": FOOT_RADII["heel"],
        "toe": FOOT_RADII["toe"],
        "ankle": FOOT_RADII["ankle"],
    }
    side, _, joint = name.partition("_")
    if side in SIDES and joint in joints:
        return Volume(name, side, spheres=((p[name], joints[joint]),))
    for volume in drawn if drawn is not None else volumes(skeleton):
        if volume.name == name:
            return volume
    raise KeyError(name)
