"""Figures generated from a posture and a movement, for exercises without key poses of their own.

`generate(posture, movement, setup)` starts from the posture's stance and derives the movement's key
poses from it (the knee opening in a clam, the hips lifting in a bridge), each settled on its
supports. The movement builders live in `_moves_floor` and `_moves_upright`; every pair the reader
can answer with (`movement.DRAWABLE`) has one. Figures are cached: many exercises share one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache

from rehabit.illustrate import _moves_floor, _moves_upright
from rehabit.illustrate._derive import BUILDERS, VARIANTS, Setup
from rehabit.illustrate.camera import Camera
from rehabit.illustrate.movement import Movement
from rehabit.illustrate.posture import Posture
from rehabit.illustrate.props import Placed, Prop
from rehabit.illustrate.stances import Variant, camera_for, stance
from rehabit.illustrate.timing import KeyPose

__all__ = ["BUILDERS", "Figure", "Setup", "generate", "variant_for"]
MOVE_MODULES = (_moves_floor, _moves_upright)  # imported for the builders they register


@dataclass(frozen=True)
class Figure:
    """A generated drawing: key poses, props, camera, and how the still picture pairs the poses."""

    posture: Posture
    movement: Movement | None
    keys: tuple[KeyPose, ...]
    props: tuple[Placed, ...] = ()
    camera: Camera = field(default_factory=Camera)
    alternating: bool = False
    static_pair: tuple[int, int] = (0, -1)


def variant_for(posture: Posture, movement: Movement | None, setup: Setup) -> Variant:
    """The stance a figure starts from: the movement's own, else what the text said."""
    if movement is not None and (posture, movement) in VARIANTS:
        return VARIANTS[(posture, movement)]
    return setup.variant


@cache
def generate(posture: Posture, movement: Movement | None, setup: Setup = Setup()) -> Figure:
    """The figure for a posture and a movement (the posture alone when `movement` is None or a hold)."""
    start = stance(posture, variant_for(posture, movement, setup))
    camera = camera_for(posture)
    furniture = tuple(placed for placed in start.props)
    if movement is None or movement is Movement.HOLD or (posture, movement) not in BUILDERS:
        held = movement is Movement.HOLD
        key = replace(start.key, name="hold" if held else "start", hold=held)
        return Figure(posture, movement, (key,), furniture + _carried(setup), camera)
    plan = BUILDERS[(posture, movement)](start, setup)
    props = furniture + plan.props + _carried(setup, {placed.prop for placed in plan.props})
    return Figure(posture, movement, plan.keys, props, plan.camera or camera, plan.alternating, plan.static_pair)


def _carried(setup: Setup, already: set[Prop] | None = None) -> tuple[Placed, ...]:
    """Props that need no placing by the builder: bands, weights, a strap, a ball between the knees."""
    movable = {Prop.BAND_THIGHS, Prop.BAND_ANKLES, Prop.BAND_FEET, Prop.WEIGHTS, Prop.STRAP, Prop.BALL}
    return tuple(
        Placed(prop, held="knees" if prop is Prop.BALL else "")
        for prop in setup.props
        if prop in movable and prop not in (already or set())
    )
