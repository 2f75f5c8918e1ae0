"""Domain types for rehabit, in the words of DESIGN.md. No I/O lives here.

A `Program` is the unit everything else works from: the built-in program, a YAML file a clinician
wrote, or what the practice reader made of an article all validate through these models.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]

# Unicode's text-direction controls (embeddings, overrides, isolates, marks): in a title or a name they make
# text show in another order than it is stored; no real title or name needs them.
DIRECTION_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def refuse_direction_controls(text: str) -> str:
    """`text` unchanged; ValueError when it holds a right-to-left override or another direction control."""
    if not DIRECTION_CONTROLS.isdisjoint(text):
        raise ValueError("a title or name may not hold right-to-left override or other text-direction controls")
    return text


# a title or a name people read: no direction controls
Label = Annotated[str, AfterValidator(refuse_direction_controls)]


def slugify(name: str) -> str:
    """Return the id rehabit uses for a name: lower case ASCII words joined by hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())
    return "-".join(words)[:80].strip("-") or "exercise"


class LocatedError(ValueError):
    """A validation error that knows which field of the document it is about."""

    def __init__(self, loc: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.loc = loc


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Group(StrEnum):
    """The five kinds of exercise in the source article, in its order."""

    FOUNDATIONAL = "foundational"
    PROGRESSION = "progression"
    COMPOUND = "compound"
    STABILIZATION = "stabilization"
    STRETCHING = "stretching"


class IntRange(_Strict):
    """An inclusive range of whole numbers, such as 10–15 reps."""

    min: int = Field(ge=0, le=100_000)
    max: int = Field(ge=0, le=100_000)

    @model_validator(mode="after")
    def _ordered(self) -> IntRange:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        return self

    @classmethod
    def of(cls, low: int, high: int | None = None) -> IntRange:
        """Build a range; a single number gives the range low–low."""
        return cls(min=low, max=low if high is None else high)

    def __str__(self) -> str:
        return str(self.min) if self.min == self.max else f"{self.min}–{self.max}"


class Dose(_Strict):
    """How much of one exercise a session holds.

    `reps` counts repetitions per set (for a hold exercise, how many times the hold is repeated);
    `hold_s` is the seconds each rep or stretch is held; `per_side` means the whole dose is done on
    each side, and `alternate_sides` that the sides take turns rep by rep (left, right, left, ...)
    instead of all reps on one side first. `tempo_s` is the seconds each way of one movement, `rest_s`
    the rest between sets.
    """

    reps: IntRange | None = None
    hold_s: IntRange | None = None
    sets: IntRange = Field(default_factory=lambda: IntRange.of(1))
    per_side: bool = False
    alternate_sides: bool = False
    tempo_s: float = Field(default=2.0, gt=0, le=30)
    rest_s: int = Field(default=30, ge=0, le=600)

    @model_validator(mode="after")
    def _something_to_do(self) -> Dose:
        if self.reps is None and self.hold_s is None:
            raise ValueError("a dose needs reps, hold_s or both")
        if self.sets.min < 1:
            raise ValueError("sets must be at least 1")
        if self.alternate_sides and not self.per_side:
            raise ValueError("alternate_sides needs per_side: true")
        return self

    def describe(self) -> str:
        """Say the dose the way people say it: "10–15 reps · hold 2 s", "30 s each side"."""
        side = " each side" if self.per_side else ""
        if self.alternate_sides:
            side += ", sides in turn"
        reps, hold = self.reps, self.hold_s
        if reps is not None and hold is not None and reps.max == 1:
            text = f"{hold} s{side}"
        elif reps is not None and hold is not None and hold.max > 5:
            text = f"hold {hold} s · {reps} times{side}"
        elif reps is not None and hold is not None:
            text = f"{reps} reps{side} · hold {hold} s"
        elif reps is not None:
            text = f"{reps} reps{side}"
        else:
            text = f"{hold} s{side}"
        if self.sets.max > 1:
            text += f" · {self.sets} sets"
        return text


class Source(_Strict):
    """A reference a program or rule cites."""

    id: str = Field(min_length=1, max_length=40)
    citation: str = Field(min_length=1, max_length=1000)
    url: str | None = None


class FaqEntry(_Strict):
    question: str = Field(min_length=1)
    answer: str = Field(min_length=1)


class Exercise(_Strict):
    """One movement, with its dose and where it sits in the progression."""

    id: Slug
    name: Label = Field(min_length=1, max_length=120)
    aliases: list[str] = Field(default_factory=list)
    group: Group
    purpose: str = ""
    targets: list[str] = Field(default_factory=list)
    equipment: list[str] = Field(default_factory=list)  # required: without it the exercise is left out
    optional_equipment: list[str] = Field(default_factory=list)  # only for a harder variation or progression
    steps: list[str] = Field(default_factory=list)
    dose: Dose
    cautions: list[str] = Field(default_factory=list)
    progresses_to: Slug | None = None
    regresses_to: Slug | None = None
    illustration: dict[str, Any] | None = None
    sources: list[str] = Field(default_factory=list)

    @field_validator("equipment", "optional_equipment")
    @classmethod
    def _lower_equipment(cls, value: list[str]) -> list[str]:
        return [item.strip().lower() for item in value if item.strip()]


class Stage(_Strict):
    """An ordered level of a program: the exercises a person does while at this stage."""

    id: Slug
    name: Label = Field(min_length=1)
    exercises: list[Slug] = Field(min_length=1)


class Program(_Strict):
    """A whole exercise program: what to do, how often, in which order, and why."""

    id: Slug
    title: Label = Field(min_length=1, max_length=300)
    summary: str = ""
    frequency_per_week: IntRange = Field(default_factory=lambda: IntRange.of(2, 3))
    exercises: list[Exercise] = Field(default_factory=list)
    stages: list[Stage] = Field(default_factory=list)
    safety_notes: list[str] = Field(default_factory=list)
    faq: list[FaqEntry] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)

    @field_validator("frequency_per_week")
    @classmethod
    def _weekly(cls, value: IntRange) -> IntRange:
        if value.min < 1 or value.max > 14:
            raise ValueError("frequency per week must lie between 1 and 14")
        return value

    @model_validator(mode="after")
    def _links_resolve(self) -> Program:
        index: dict[str, int] = {}
        for position, exercise in enumerate(self.exercises):
            if exercise.id in index:
                raise LocatedError(("exercises", position, "id"), f"exercise id {exercise.id!r} is used twice")
            index[exercise.id] = position
        for position, exercise in enumerate(self.exercises):
            for link in ("progresses_to", "regresses_to"):
                target = getattr(exercise, link)
                where = ("exercises", position, link)
                if target is not None and target not in index:
                    raise LocatedError(where, f"{target!r} is not an exercise in this program")
                if target == exercise.id:
                    raise LocatedError(where, f"exercise {exercise.id!r} points at itself")
        seen_stages: set[str] = set()
        for stage_position, stage in enumerate(self.stages):
            if stage.id in seen_stages:
                raise LocatedError(("stages", stage_position, "id"), f"stage id {stage.id!r} is used twice")
            seen_stages.add(stage.id)
            for item, exercise_id in enumerate(stage.exercises):
                if exercise_id not in index:
                    raise LocatedError(
                        ("stages", stage_position, "exercises", item),
                        f"{exercise_id!r} is not an exercise in this program",
                    )
        for link in ("progresses_to", "regresses_to"):
            cycle = _find_cycle({e.id: getattr(e, link) for e in self.exercises})
            if cycle:
                raise LocatedError(
                    ("exercises", index[cycle[0]], link), f"{link} links form a cycle: {' → '.join(cycle)}"
                )
        return self

    def exercise(self, exercise_id: str) -> Exercise:
        """Return the exercise with this id; KeyError when there is none."""
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        raise KeyError(exercise_id)

    def stage_exercises(self, stage_index: int) -> list[Exercise]:
        """The exercises of the stage at this 0-based index (all exercises when there are no stages)."""
        if not self.stages:
            return list(self.exercises)
        stage = self.stages[max(0, min(stage_index, len(self.stages) - 1))]
        return [self.exercise(exercise_id) for exercise_id in stage.exercises]


def _find_cycle(links: dict[str, str | None]) -> list[str]:
    for start in links:
        path = [start]
        current = links.get(start)
        while current is not None:
            if current in path:
                return path[path.index(current) :] + [current]
            path.append(current)
            current = links.get(current)
    return []
