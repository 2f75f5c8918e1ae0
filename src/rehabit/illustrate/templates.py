"""Pose templates by family, for exercises that bring no key poses (an imported article, a reader's file).

The family is chosen from the exercise's name first, then from its steps, by the first rule whose
words appear; an exercise no rule matches gets the neutral standing figure, labelled with its name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

import yaml

from rehabit.illustrate.poses import (
    Family,
    IllustrationSpec,
    KeyPose,
    Prop,
    builtin_illustrations,
    key_poses_of,
    parse_illustration,
)
from rehabit.model import Exercise

# Ordered: the first family whose words appear wins ("side plank" is side-lying, not a plank).
RULES: tuple[tuple[Family, tuple[str, ...]], ...] = (
    (Family.SIDE_LYING, ("side plank", "side-lying", "side lying", "on your side", "clam", "side leg")),
    (Family.PLANK, ("plank", "forearms and toes", "press-up position", "push-up position")),
    (Family.QUADRUPED, ("bird-dog", "bird dog", "all fours", "hands and knees", "quadruped", "cat-cow", "cat cow")),
    (Family.SUPINE_BRIDGE, ("bridge", "hip raise", "hip thrust", "raise your hips", "lift your hips")),
    (Family.STANDING_HINGE, ("deadlift", "hinge", "good morning", "push your hips back", "bend forward from the hip")),
    (Family.SEATED_STRETCH, ("seated", "sit on", "sitting")),
    (
        Family.SUPINE_STRETCH,
        ("knee-to-chest", "knee to chest", "lie on your back", "lying on your back", "face up", "supine"),
    ),
    (Family.STANDING, ("standing", "stand ", "stand,", "squat", "lunge", "calf raise")),
)

# Families drawn with a built-in exercise's key poses (without its props).
BORROWED: dict[Family, str] = {
    Family.SUPINE_BRIDGE: "glute-bridge",
    Family.SUPINE_STRETCH: "knee-to-chest-stretch",
    Family.SEATED_STRETCH: "seated-glute-stretch",
    Family.QUADRUPED: "bird-dog",
    Family.PLANK: "plank",
    Family.STANDING_HINGE: "banded-hip-hinge",
}


def choose_family(exercise: Exercise) -> Family | None:
    """The template family for this exercise from its name, then its steps; None when nothing fits."""
    for text in (exercise.name, " ".join(exercise.steps)):
        family = family_of_text(text)
        if family is not None:
            return family
    return None


def family_of_text(text: str) -> Family | None:
    """The first family whose words start a word in `text` (case does not matter)."""
    lowered = f"{text.lower()} "
    for family, words in RULES:
        if any(re.search(r"\b" + re.escape(word), lowered) for word in words):
            return family
    return None


@cache
def template(family: Family) -> IllustrationSpec:
    """The key poses a family template draws."""
    if family in BORROWED:
        borrowed = builtin_illustrations()[BORROWED[family]]
        return IllustrationSpec(poses=borrowed.poses)
    return _own_templates()[family.value]


def neutral_poses() -> list[KeyPose]:
    """A person standing at ease: the figure for an exercise rehabit cannot place in a family."""
    return key_poses_of(_own_templates()["neutral"], has_hold=False)


def props_for_equipment(equipment: Iterable[str], family: Family) -> tuple[Prop, ...]:
    """Props to draw for an exercise's equipment list in a family template."""
    standing = family in {Family.STANDING, Family.STANDING_HINGE}
    props: list[Prop] = []
    for item in equipment:
        if "band" in item:
            props.append(Prop.BAND_FEET if standing else Prop.BAND_THIGHS)
        elif standing and any(word in item for word in ("weight", "dumbbell", "kettlebell")):
            props.append(Prop.WEIGHTS)
    return tuple(dict.fromkeys(props))


@cache
def _own_templates() -> dict[str, IllustrationSpec]:
    text = resources.files(__package__).joinpath("templates.yaml").read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    return {name: parse_illustration(block, f"template {name}") for name, block in document.items()}
