"""What the figure of an exercise shows, in words: posture, movement, the evidence, and where it came from.

`read_exercise` is what the CLI's `illustrate --format json` prints and what the web pages show so a
person can check the posture and correct it; `with_correction` stores a correction in the exercise's
`illustration` block, where the drawing honours it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rehabit.illustrate.movement import Movement
from rehabit.illustrate.movement_rules import MovementReading, read_movement
from rehabit.illustrate.posture import Posture, PostureReading, read_posture
from rehabit.illustrate.text import sentences
from rehabit.model import Exercise


@dataclass(frozen=True)
class TextReading:
    """Posture and movement read from an exercise's text (before any correction or key poses)."""

    posture: PostureReading
    movement: MovementReading | None


def read_text(name: str, steps: list[str]) -> TextReading:
    """Read the starting posture, then the movement from that posture, from a name and its steps."""
    posture = read_posture(name, steps)
    movement = read_movement(posture.posture, name, sentences(steps))
    return TextReading(posture, movement)


def read_text_of(exercise: Exercise) -> TextReading:
    """`read_text` for an exercise."""
    return read_text(exercise.name, list(exercise.steps))


__all__ = ["Movement", "Posture", "TextReading", "read_text", "read_text_of"]
