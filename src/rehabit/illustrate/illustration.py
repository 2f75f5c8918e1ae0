"""Which drawing an exercise gets, and what it shows in words.

In order: the exercise's own key poses (its `illustration` block), the built-in key poses of an
exercise rehabit ships, else a figure generated from the posture and movement — read from the
steps and name, or as corrected in the `illustration` block. An exercise whose movement the figure
cannot show gets its starting posture alone, captioned "no movement drawn".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from typing import Any

from rehabit.errors import NotFoundError, RehabitError
from rehabit.illustrate.camera import Camera
from rehabit.illustrate.generate import generate
from rehabit.illustrate.movement import NO_MOVEMENT, Movement, drawable
from rehabit.illustrate.movement_rules import read_movement
from rehabit.illustrate.poses import FAMILIES, IllustrationSpec, builtin_illustration, key_poses_of, parse_illustration
from rehabit.illustrate.posture import Posture, read_posture
from rehabit.illustrate.props import Placed
from rehabit.illustrate.setup import setup_of
from rehabit.illustrate.solve import FLOOR, SLIDE, Contact, settle, skeleton_at
from rehabit.illustrate.stances import SIDE_VIEW
from rehabit.illustrate.text import sentences
from rehabit.illustrate.timing import KeyPose
from rehabit.illustrate.volumes import contact_volume
from rehabit.model import Exercise, Program, slugify


class DrawnFrom(StrEnum):
    KEY_POSES = "key poses"
    GENERATED = "generated"
    POSTURE_ONLY = "posture only"


@dataclass(frozen=True)
class Reading:
    """What an exercise's figure shows, in words, and why: the posture and movement and their evidence.

    `posture_from` is "steps", "name", "default" (nothing said; standing) or "correction" (the
    program's `illustration` block); `movement` is None when no movement is drawn.
    """

    exercise: str
    posture: Posture
    posture_evidence: str
    posture_from: str
    movement: Movement | None
    movement_evidence: str
    drawn_from: DrawnFrom

    def as_json(self) -> dict[str, Any]:
        """The reading as `rehabit illustrate --format json` prints it."""
        return {
            "exercise": self.exercise,
            "posture": self.posture.value,
            "posture_words": self.posture.words,
            "posture_evidence": self.posture_evidence,
            "posture_from": self.posture_from,
            "movement": self.movement.words if self.movement else NO_MOVEMENT,
            "movement_id": self.movement.value if self.movement else None,
            "movement_evidence": self.movement_evidence,
            "drawn_from": self.drawn_from.value,
        }


@dataclass(frozen=True)
class Illustration:
    """Everything needed to draw one exercise."""

    title: str
    reading: Reading
    keys: tuple[KeyPose, ...]
    props: tuple[Placed, ...]
    camera: Camera
    caption: str | None = None
    alternating: bool = False
    static_pair: tuple[int, int] = (0, -1)


def read_exercise(exercise: Exercise) -> Reading:
    """The posture and movement an exercise's figure shows, with the sentences that decided them."""
    return illustration_for(exercise).reading


def check_illustration(exercise: Exercise) -> None:
    """Refuse a bad `illustration` block with a RehabitError naming the exercise and the field; draws nothing.

    Bad are: an unknown field, posture, movement, template or prop, key poses out of range, and a movement
    the posture cannot show. What a program loader or a form that saves a correction calls before storing.
    """
    if exercise.illustration is not None:
        _reading(exercise, parse_illustration(exercise.illustration, exercise.id))


def illustration_for(exercise: Exercise) -> Illustration:
    """The drawing for any exercise; a bad illustration block is a RehabitError naming the exercise."""
    return _cached(exercise.model_dump_json())


@lru_cache(maxsize=512)
def _cached(serialised: str) -> Illustration:
    return _illustrate(Exercise.model_validate_json(serialised))


def _illustrate(exercise: Exercise) -> Illustration:
    spec = parse_illustration(exercise.illustration, exercise.id) if exercise.illustration is not None else None
    reading = _reading(exercise, spec)
    has_hold = exercise.dose.hold_s is not None and exercise.dose.hold_s.min > 0
    posed = _key_poses(exercise, spec)
    if posed is not None:
        keys = tuple(_supported(key) for key in key_poses_of(posed, has_hold))
        props = tuple(Placed(prop) for prop in posed.props)
        return Illustration(exercise.name, replace(reading, drawn_from=DrawnFrom.KEY_POSES), keys, props, SIDE_VIEW)
    steps = list(exercise.steps)
    setup = setup_of(reading.posture, reading.movement, exercise.name, steps, exercise.equipment)
    if spec is not None and spec.props:
        setup = replace(setup, props=tuple(spec.props))
    figure = generate(reading.posture, reading.movement, setup)
    keys = figure.keys
    if has_hold and len(keys) > 1 and not any(key.hold for key in keys):
        keys = (*keys[:-1], replace(keys[-1], hold=True))
    if not has_hold:
        keys = tuple(replace(key, hold=False) for key in keys)
    caption = None if reading.movement else f"{reading.posture.words.capitalize()} · {NO_MOVEMENT}"
    return Illustration(
        exercise.name, reading, keys, figure.props, figure.camera, caption, figure.alternating, figure.static_pair
    )


def _key_poses(exercise: Exercise, spec: IllustrationSpec | None) -> IllustrationSpec | None:
    """The key poses to draw: the block's own, else the built-in ones unless the block corrects the figure."""
    if spec is not None and spec.poses:
        return spec
    if spec is not None and (spec.posture is not None or spec.movement is not None or spec.template is not None):
        return None
    shipped = builtin_illustration(exercise)
    return shipped if shipped is not None and shipped.poses else None


def _reading(exercise: Exercise, spec: IllustrationSpec | None) -> Reading:
    steps = list(exercise.steps)
    text_posture = read_posture(exercise.name, steps)
    posture, evidence, source = text_posture.posture, text_posture.evidence, text_posture.source.value
    if spec is not None and spec.template is not None:
        posture, template_movement = FAMILIES[spec.template]
        evidence, source = f"illustration template {spec.template.value}", "correction"
        return Reading(exercise.name, posture, evidence, source, template_movement, evidence, _drawn(template_movement))
    if spec is not None and spec.posture is not None:
        posture, evidence, source = spec.posture, "set in the program's illustration", "correction"
    movement: Movement | None
    movement_evidence = ""
    if spec is not None and spec.movement is not None:
        movement = None if spec.movement == "none" else Movement(spec.movement)
        movement_evidence = "set in the program's illustration"
        if movement is not None and not drawable(movement, posture):
            raise RehabitError(
                f"exercise {exercise.id!r}: illustration.movement: {movement.value} "
                f"cannot be drawn from {posture.value}"
            )
    else:
        found = read_movement(posture, exercise.name, sentences(steps))
        movement = found.movement if found else None
        movement_evidence = found.evidence if found else ""
    return Reading(exercise.name, posture, evidence, source, movement, movement_evidence, _drawn(movement))


def _drawn(movement: Movement | None) -> DrawnFrom:
    return DrawnFrom.GENERATED if movement is not None else DrawnFrom.POSTURE_ONLY


SUPPORT_CANDIDATES = (
    "near_heel", "near_toe", "far_heel", "far_toe", "near_knee", "far_knee", "near_hand", "far_hand",
    "near_forearm", "far_forearm",
)  # fmt: skip
TRUNK_CANDIDATES = ("pelvis", "torso", "head")
TOUCHING = 3.0  # cm: a part this close to the floor in a key pose is resting on it


def _supported(key: KeyPose) -> KeyPose:
    """A written key pose with the parts that rest on the floor put exactly on it (and so kept there)."""
    skeleton = skeleton_at(key.pose)
    contacts = [
        Contact(name, FLOOR, planted=name in SUPPORT_CANDIDATES)
        for name in (*SUPPORT_CANDIDATES, *TRUNK_CANDIDATES)
        if contact_volume(skeleton, name).lowest() < TOUCHING
    ]
    free = tuple(name for name in key.pose.angles)
    settled = settle(key.pose, contacts, (*SLIDE, *free))
    return replace(key, pose=settled, contacts=tuple(contacts), free=free)


def exercise_named(program: Program, name: str) -> Exercise:
    """The program's exercise with this id, name or alias (case and punctuation do not matter)."""
    wanted = slugify(name)
    for exercise in program.exercises:
        if wanted in {exercise.id, slugify(exercise.name), *(slugify(alias) for alias in exercise.aliases)}:
            return exercise
    ids = ", ".join(exercise.id for exercise in program.exercises)
    raise NotFoundError(f"no exercise {name!r} in {program.id} (exercises: {ids})")


def corrected(exercise: Exercise, posture: Posture | str | None, movement: Movement | str | None = None) -> Exercise:
    """The exercise with its figure's posture (and movement, or "none") corrected in its `illustration` block.

    `posture` None keeps the posture as read; a movement not drawable from the posture is a RehabitError.
    The correction replaces any key poses or template, so the figure is generated from it.
    """
    block: dict[str, Any] = {
        key: value for key, value in (exercise.illustration or {}).items() if key not in {"poses", "template"}
    }
    if posture is not None:
        block["posture"] = Posture(posture).value if _known(Posture, posture) else _bad("posture", posture, Posture)
    if movement is not None:
        block["movement"] = (
            "none"
            if movement == "none"
            else (Movement(movement).value if _known(Movement, movement) else _bad("movement", movement, Movement))
        )
    if "posture" not in block and "movement" not in block:
        block = {}
    updated = exercise.model_copy(update={"illustration": block or None})
    _illustrate(updated)  # validates: a bad block or an undrawable movement raises here, not when drawn later
    return updated


def _known(kind: type[StrEnum], value: object) -> bool:
    return str(value) in {member.value for member in kind}


def _bad(field: str, value: object, kind: type[StrEnum]) -> str:
    choices = ", ".join(member.value for member in kind)
    raise RehabitError(f"unknown {field} {value!r} (choose from: {choices})")


def corrected_program(
    program: Program, name: str, posture: Posture | str | None, movement: Movement | str | None = None
) -> Program:
    """The program with one exercise's figure corrected (see `corrected`); the program itself is unchanged."""
    target = exercise_named(program, name)
    exercises = [corrected(e, posture, movement) if e.id == target.id else e for e in program.exercises]
    document = program.model_dump(mode="json", exclude_defaults=True)
    document["exercises"] = [e.model_dump(mode="json", exclude_defaults=True) for e in exercises]
    return Program.model_validate_json(json.dumps(document))
