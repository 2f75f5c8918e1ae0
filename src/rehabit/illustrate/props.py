"""Things drawn with the figure: the floor, a chair, a step, a wall, a ball, a band, weights, a strap.

Furniture (chair, step, wall) stands where the generator put it and never moves; a band, a ball
held between the knees, weights and a strap follow the body parts that hold them, frame by frame.
`prop_volumes` turns each prop into volumes (so the camera draws them like body parts) and
`prop_lines` into lines (band ends, a strap).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rehabit.illustrate.body import Skeleton, Vec, add, apply, column, scale, sub
from rehabit.illustrate.volumes import THIGH_RADII, Volume

SEAT_HEIGHT = 46.0
STEP_HEIGHT = 18.0


class Prop(StrEnum):
    """Props an exercise can show (the program format's `props`)."""

    BAND_THIGHS = "band-thighs"  # a loop band round both thighs above the knees
    BAND_ANKLES = "band-ankles"  # a loop band round both ankles
    BAND_FEET = "band-feet"  # a band under the feet, an end in each hand
    WEIGHTS = "weights"  # a weight in each hand
    CHAIR = "chair"
    STEP = "step"
    WALL = "wall"
    BALL = "ball"  # a small ball squeezed between the knees, or held in both hands
    STRAP = "strap"  # a strap or towel from the hands round one foot


FURNITURE = {Prop.CHAIR, Prop.STEP, Prop.WALL}


@dataclass(frozen=True)
class Placed:
    """A prop and where it stands: `x` is the furniture's reference edge, `facing` +1 or -1 along x."""

    prop: Prop
    x: float = 0.0
    facing: float = 1.0
    held: str = ""  # for a ball: "knees" or "hands"


def _box(low: Vec, high: Vec) -> Volume:
    corners = tuple(((x, y, z), 0.0) for x in (low[0], high[0]) for y in (low[1], high[1]) for z in (low[2], high[2]))
    return Volume("box", "prop", spheres=corners)


def furniture(placed: Placed) -> list[Volume]:
    """The boxes of a chair, step or wall (in world coordinates)."""
    x, f = placed.x, placed.facing
    if placed.prop is Prop.CHAIR:
        # x is the back edge of the seat; the seat reaches `facing`-wards from it.
        front = x + f * 42
        low_x, high_x = min(x, front), max(x, front)
        seat = _box((low_x, SEAT_HEIGHT - 4, -22.0), (high_x, SEAT_HEIGHT, 22.0))
        back = _box((min(x, x - f * 4), SEAT_HEIGHT, -22.0), (max(x, x - f * 4), SEAT_HEIGHT + 44, 22.0))
        legs = [
            _box((min(lx, lx + f * 3), 0.0, z - 1.5), (max(lx, lx + f * 3), SEAT_HEIGHT - 4, z + 1.5))
            for lx in (x, front - f * 3)
            for z in (-20.0, 20.0)
        ]
        return [*legs, seat, back]
    if placed.prop is Prop.STEP:
        far = x + f * 32
        return [_box((min(x, far), 0.0, -32.0), (max(x, far), STEP_HEIGHT, 32.0))]
    if placed.prop is Prop.WALL:
        thick = x - f * 6
        return [_box((min(x, thick), 0.0, -45.0), (max(x, thick), 205.0, 45.0))]
    return []


def carried(placed: Placed, skeleton: Skeleton) -> list[Volume]:
    """Props that move with the body, as volumes in this frame."""
    p = skeleton.points
    if placed.prop is Prop.WEIGHTS:
        found = []
        for side in ("near", "far"):
            lateral = column(skeleton.limbs[f"{side}_forearm"], 2)
            hand = p[f"{side}_hand"]
            ends = (add(hand, scale(lateral, 7.0)), add(hand, scale(lateral, -7.0)))
            found.append(Volume(f"{side}_weight", "prop", spheres=((ends[0], 5.0), (ends[1], 5.0))))
        return found
    if placed.prop is Prop.BALL:
        if placed.held == "hands":
            centre = scale(add(p["near_hand"], p["far_hand"]), 0.5)
            forward = column(skeleton.chest, 0)
            return [Volume("ball", "prop", spheres=((add(centre, scale(forward, 9.0)), 11.0),))]
        centre = scale(add(p["near_knee"], p["far_knee"]), 0.5)
        return [Volume("ball", "prop", spheres=((centre, 8.0),))]
    return []


def band_loop(placed: Placed, skeleton: Skeleton) -> Volume | None:
    """A loop band round both thighs or both ankles, as a thin hull drawn as an outline."""
    p = skeleton.points
    if placed.prop is Prop.BAND_THIGHS:
        ends = [
            add(p[f"{side}_hip"], scale(sub(p[f"{side}_knee"], p[f"{side}_hip"]), 0.82)) for side in ("near", "far")
        ]
        radius = THIGH_RADII[1] + 1.2
        return Volume("band", "prop", spheres=tuple((end, radius) for end in ends))
    if placed.prop is Prop.BAND_ANKLES:
        ends = [
            add(p[f"{side}_ankle"], apply(skeleton.limbs[f"{side}_shin"], (0.0, 5.0, 0.0))) for side in ("near", "far")
        ]
        return Volume("band", "prop", spheres=tuple((end, 5.0) for end in ends))
    return None


def prop_lines(placed: Placed, skeleton: Skeleton) -> list[tuple[Vec, Vec]]:
    """Straight lines drawn for a prop in this frame: band ends from feet to hands, a strap."""
    p = skeleton.points
    if placed.prop is Prop.BAND_FEET:
        return [(_sole(skeleton, side), p[f"{side}_hand"]) for side in ("near", "far")]
    if placed.prop is Prop.STRAP:
        sole = _sole(skeleton, "near")
        return [(p["near_hand"], sole), (p["far_hand"], sole)]
    return []


def _sole(skeleton: Skeleton, side: str) -> Vec:
    p = skeleton.points
    return scale(add(add(p[f"{side}_heel"], p[f"{side}_toe"]), p[f"{side}_ankle"]), 1 / 3)
