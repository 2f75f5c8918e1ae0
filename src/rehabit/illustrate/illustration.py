"""Which drawing an exercise gets: its own key poses, the built-in ones, a family template, or a neutral figure."""

from __future__ import annotations

from dataclasses import dataclass

from rehabit.errors import NotFoundError
from rehabit.illustrate.poses import (
    IllustrationSpec,
    KeyPose,
    Prop,
    builtin_illustration,
    key_poses_of,
    parse_illustration,
)
from rehabit.illustrate.templates import choose_family, neutral_poses, props_for_equipment, template
from rehabit.model import Exercise, Program, slugify


@dataclass(frozen=True)
class Illustration:
    """Everything needed to draw one exercise.

    `origin` says where the poses came from: "exercise" (its illustration block), "built-in",
    "template:<family>" or "neutral"; `label` is text drawn under the figure (the neutral figure's name).
    """

    title: str
    poses: list[KeyPose]
    props: tuple[Prop, ...]
    origin: str
    label: str | None = None


def illustration_for(exercise: Exercise) -> Illustration:
    """The drawing for any exercise; a bad illustration block is a RehabitError naming the exercise."""
    has_hold = exercise.dose.hold_s is not None and exercise.dose.hold_s.min > 0
    if exercise.illustration is not None:
        spec = parse_illustration(exercise.illustration, exercise.id)
        return _from_spec(exercise, spec, "exercise", has_hold)
    shipped = builtin_illustration(exercise)
    if shipped is not None:
        return _from_spec(exercise, shipped, "built-in", has_hold)
    family = choose_family(exercise)
    if family is not None:
        return _from_spec(exercise, IllustrationSpec(template=family), "template", has_hold)
    return Illustration(exercise.name, neutral_poses(), (), "neutral", label=exercise.name)


def _from_spec(exercise: Exercise, spec: IllustrationSpec, origin: str, has_hold: bool) -> Illustration:
    if spec.poses:
        props = tuple(spec.props)
        return Illustration(exercise.name, key_poses_of(spec, has_hold), props, origin)
    family = spec.template
    assert family is not None, "the block validator requires poses or a template"
    base = template(family)
    props = tuple(spec.props) or props_for_equipment(exercise.equipment, family)
    return Illustration(exercise.name, key_poses_of(base, has_hold), props, f"{origin}:{family.value}")


def exercise_named(program: Program, name: str) -> Exercise:
    """The program's exercise with this id, name or alias (case and punctuation do not matter)."""
    wanted = slugify(name)
    for exercise in program.exercises:
        if wanted in {exercise.id, slugify(exercise.name), *(slugify(alias) for alias in exercise.aliases)}:
            return exercise
    ids = ", ".join(exercise.id for exercise in program.exercises)
    raise NotFoundError(f"no exercise {name!r} in {program.id} (exercises: {ids})")
