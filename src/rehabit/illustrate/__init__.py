"""Illustrations of exercises: the posture and movement read from the words, and a figure drawn from them.

What the web pages, the CLI and the PDF handout call:

- `read_exercise(exercise)`: the posture, the movement, the sentences that decided them and where the
  drawing comes from ("key poses", "generated", "posture only") — what a person checks and corrects.
- `corrected(exercise, posture, movement)` / `corrected_program(program, name, posture, movement)`: the
  exercise (or program) with a correction stored in its `illustration` block; the drawing honours it.
- `check_illustration(exercise)`: a RehabitError for a bad `illustration` block (before storing one).
- `posture_choices()`, `movement_choices(posture)`: what a correction form offers, in plain words.
- `render_static_svg(exercise)`, `render_animated_svg(exercise)`: the still picture and the animation.
"""

from __future__ import annotations

from functools import lru_cache

from rehabit.illustrate.illustration import (
    DrawnFrom,
    Illustration,
    Reading,
    check_illustration,
    corrected,
    corrected_program,
    exercise_named,
    illustration_for,
    read_exercise,
)
from rehabit.illustrate.movement import DRAWABLE, NO_MOVEMENT, Movement
from rehabit.illustrate.posture import Posture
from rehabit.illustrate.svg import Scene, animated_svg, static_svg
from rehabit.illustrate.timing import KeyPose, cycle_frames, cycle_seconds, timeline
from rehabit.model import Exercise

__all__ = [
    "DrawnFrom",
    "Illustration",
    "KeyPose",
    "Movement",
    "Posture",
    "Reading",
    "animation_seconds",
    "check_illustration",
    "corrected",
    "corrected_program",
    "exercise_named",
    "hold_seconds",
    "illustration_for",
    "key_poses",
    "movement_choices",
    "posture_choices",
    "read_exercise",
    "render_animated_svg",
    "render_static_svg",
]


def posture_choices() -> list[tuple[str, str]]:
    """Every posture as (id, words), for a form that corrects the posture."""
    return [(posture.value, posture.words) for posture in Posture]


def movement_choices(posture: Posture | str) -> list[tuple[str, str]]:
    """The movements drawable from a posture as (id, words), and ("none", "no movement drawn") last."""
    chosen = Posture(posture)
    found = [(movement.value, movement.words) for movement in Movement if chosen in DRAWABLE[movement]]
    return [*found, ("none", NO_MOVEMENT)]


def key_poses(exercise: Exercise) -> list[KeyPose]:
    """The exercise's key poses in order (start, …, end); the held one has `hold` set."""
    return list(illustration_for(exercise).keys)


def hold_seconds(exercise: Exercise) -> float:
    """How long the animation pauses on the held pose: the low end of the dose's hold range (0 if none)."""
    hold = exercise.dose.hold_s
    return float(hold.min) if hold is not None else 0.0


def animation_seconds(exercise: Exercise) -> float:
    """One cycle of the animated SVG: the dose's tempo for each move (out and back) plus the hold."""
    return cycle_seconds(key_poses(exercise), exercise.dose.tempo_s, hold_seconds(exercise))


def _scene(drawing: Illustration) -> Scene:
    return Scene(
        drawing.title, drawing.keys, drawing.props, drawing.camera, drawing.caption, drawing.alternating,
        drawing.static_pair,
    )  # fmt: skip


def render_static_svg(exercise: Exercise) -> str:
    """The still picture: the end (or held) pose, the start ghosted behind it, an arrow for the movement."""
    return _static(exercise.model_dump_json())


def render_animated_svg(exercise: Exercise) -> str:
    """The figure moving between its key poses at the dose's tempo, pausing for the hold (SMIL)."""
    return _animated(exercise.model_dump_json())


@lru_cache(maxsize=256)
def _static(serialised: str) -> str:
    return static_svg(_scene(illustration_for(Exercise.model_validate_json(serialised))))


@lru_cache(maxsize=256)
def _animated(serialised: str) -> str:
    exercise = Exercise.model_validate_json(serialised)
    drawing = illustration_for(exercise)
    frames = timeline(drawing.keys, cycle_frames(drawing.keys), exercise.dose.tempo_s, hold_seconds(exercise))
    total = cycle_seconds(drawing.keys, exercise.dose.tempo_s, hold_seconds(exercise))
    return animated_svg(_scene(drawing), frames, total)
