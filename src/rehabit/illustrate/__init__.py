"""Illustrations drawn from data: a 2-D figure posed by joint angles, as static or animated SVG.

The web app and the PDF handout call `render_static_svg` and `render_animated_svg`; both work for any
exercise. Key poses come from the exercise's `illustration` block, else the built-in pose file, else a
pose template chosen by family from the exercise's name and steps, else a neutral standing figure
labelled with the exercise's name.
"""

from __future__ import annotations

from rehabit.illustrate.illustration import Illustration, illustration_for
from rehabit.illustrate.poses import KeyPose
from rehabit.illustrate.svg import animated_svg, cycle_seconds, static_svg
from rehabit.model import Exercise

__all__ = [
    "Illustration",
    "KeyPose",
    "animation_seconds",
    "hold_seconds",
    "illustration_for",
    "key_poses",
    "render_animated_svg",
    "render_static_svg",
]


def key_poses(exercise: Exercise) -> list[KeyPose]:
    """The exercise's key poses in order (start, …, end); the held one has `hold` set."""
    return illustration_for(exercise).poses


def render_static_svg(exercise: Exercise) -> str:
    """An SVG document showing the start and end pose side by side with an arrow between them."""
    return static_svg(illustration_for(exercise))


def hold_seconds(exercise: Exercise) -> float:
    """How long the animation pauses on the held pose: the low end of the dose's hold range (0 if none)."""
    hold = exercise.dose.hold_s
    return float(hold.min) if hold is not None else 0.0


def animation_seconds(exercise: Exercise) -> float:
    """One cycle of the animated SVG: the dose's tempo for each move (out and back) plus the hold."""
    return cycle_seconds(key_poses(exercise), exercise.dose.tempo_s, hold_seconds(exercise))


def render_animated_svg(exercise: Exercise) -> str:
    """An SVG document whose figure moves between the key poses at the dose's tempo, pausing for the hold."""
    return animated_svg(illustration_for(exercise), exercise.dose.tempo_s, hold_seconds(exercise))
