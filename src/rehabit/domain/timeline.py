"""Timelines: a session's exercises and doses expanded into steps a person can follow.

A step is one timed moment with a cue: get into position, lift, hold, lower, switch side, rest.
Durations are whole milliseconds, so a timeline's length is the exact sum of its steps and the
session estimate the planner shows (`session_seconds`) is that same sum. No I/O lives here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from rehabit.model import Dose, Exercise, Group

__all__ = [
    "DoseChoice",
    "Pacing",
    "Step",
    "StepKind",
    "Timeline",
    "build_timeline",
    "choose_dose",
    "session_seconds",
]

SIDES = ("left", "right")


class StepKind(StrEnum):
    """What a step asks of the person."""

    POSITION = "position"  # get into the starting position of an exercise
    UP = "up"  # the lifting (or easing-in) half of a rep, at the dose's tempo
    HOLD = "hold"  # hold still at the top of a rep or in a stretch
    DOWN = "down"  # the lowering (or releasing) half of a rep; the rep counts when it ends
    SWITCH_SIDE = "switch_side"  # change to the other side of a per-side exercise
    REST_SET = "rest_set"  # rest between two sets of one exercise
    REST_EXERCISE = "rest_exercise"  # rest before the next exercise


REST_KINDS = frozenset({StepKind.REST_SET, StepKind.REST_EXERCISE})


@dataclass(frozen=True)
class Pacing:
    """The timings a dose does not say; a program or a profile may change any of them.

    `rest_between_sets_s` of None means each dose's own `rest_s`; `tempo_s` of None means each
    dose's own tempo (2 s each way unless the program says otherwise).
    """

    position_s: float = 5.0
    switch_side_s: float = 5.0
    rest_between_exercises_s: float = 30.0
    rest_between_sets_s: float | None = None
    tempo_s: float | None = None


@dataclass(frozen=True)
class DoseChoice:
    """The single dose to do in one session, picked from an exercise's ranges."""

    reps: int
    hold_s: int
    sets: int
    per_side: bool
    tempo_s: float
    rest_s: int
    alternate_sides: bool = False

    def describe(self) -> str:
        """Say the chosen dose briefly: "10 reps · hold 2 s", "30 s each side", "2 sets of 10 reps"."""
        side = (" each side, sides in turn" if self.alternate_sides else " each side") if self.per_side else ""
        if self.reps == 1 and self.hold_s:
            text = f"{self.hold_s} s{side}"
        elif self.hold_s:
            text = f"{self.reps} reps{side} · hold {self.hold_s} s"
        else:
            text = f"{self.reps} reps{side}"
        return f"{self.sets} sets · {text}" if self.sets > 1 else text


def choose_dose(dose: Dose, current: DoseChoice | None = None) -> DoseChoice:
    """The dose to do: `current` when a progression step has set one, else the low end of each range."""
    if current is not None:
        return current
    reps = dose.reps.min if dose.reps is not None else 1
    hold = dose.hold_s.min if dose.hold_s is not None else 0
    return DoseChoice(
        reps=max(1, reps),
        hold_s=hold,
        sets=dose.sets.min,
        per_side=dose.per_side,
        tempo_s=dose.tempo_s,
        rest_s=dose.rest_s,
        alternate_sides=dose.alternate_sides and dose.per_side,
    )


@dataclass(frozen=True)
class Step:
    """One timed moment of a timeline.

    `start_ms` is the offset from the start of the timeline; `set_number`, `side` and `rep` say where
    in the dose the step sits (1-based; 0 / None where they do not apply, e.g. rest between exercises).
    """

    index: int
    kind: StepKind
    cue: str
    duration_ms: int
    start_ms: int
    exercise_index: int
    exercise_id: str
    set_number: int = 0
    side: str | None = None
    rep: int = 0
    reps: int = 0
    ends_rep: bool = False
    ends_set: bool = False
    ends_exercise: bool = False

    @property
    def seconds(self) -> float:
        """The step's length in seconds."""
        return self.duration_ms / 1000

    @property
    def end_ms(self) -> int:
        """Offset from the timeline's start at which the step ends."""
        return self.start_ms + self.duration_ms


@dataclass(frozen=True)
class Timeline:
    """A session's steps in order, with the exercises and doses they came from."""

    exercises: tuple[Exercise, ...]
    doses: tuple[DoseChoice, ...]
    steps: tuple[Step, ...] = field(default=())

    @property
    def duration_ms(self) -> int:
        """Exact length of the timeline: the sum of its steps."""
        return sum(step.duration_ms for step in self.steps)

    @property
    def seconds(self) -> float:
        """Length of the timeline in seconds."""
        return self.duration_ms / 1000

    def exercise_steps(self, exercise_index: int) -> list[Step]:
        """The steps of one exercise: its position, reps and side switches (not the rests)."""
        return [s for s in self.steps if s.exercise_index == exercise_index and s.kind not in REST_KINDS]


def _ms(seconds: float) -> int:
    return int(round(seconds * 1000))


def _rep_cues(exercise: Exercise, choice: DoseChoice) -> tuple[str, str, str]:
    """Cue words for the up, hold and down of one rep, in the exercise's own terms."""
    if exercise.group is Group.STRETCHING:
        return "Ease into the stretch", "Hold the stretch and breathe", "Release slowly"
    if exercise.group is Group.STABILIZATION:
        return "Move into position", "Hold steady, keep breathing", "Come down with control"
    if choice.reps == 1 and choice.hold_s >= 10:
        return "Ease into the stretch", "Hold the stretch and breathe", "Release slowly"
    if exercise.group is Group.COMPOUND:
        return "Hinge down", "Pause", "Drive your hips forward"
    return "Up", "Hold, squeeze", "Down, slowly"


def _raw_steps(
    exercise: Exercise, choice: DoseChoice, pacing: Pacing | None = None
) -> list[tuple[StepKind, str, int, dict[str, object]]]:
    """The raw steps of one exercise: (kind, cue, duration_ms, where) tuples, without offsets."""
    pacing = pacing or Pacing()
    tempo = _ms(pacing.tempo_s if pacing.tempo_s is not None else choice.tempo_s)
    hold = _ms(choice.hold_s)
    rest_set = _ms(pacing.rest_between_sets_s if pacing.rest_between_sets_s is not None else choice.rest_s)
    up_cue, hold_cue, down_cue = _rep_cues(exercise, choice)
    sides: tuple[str | None, ...] = SIDES if choice.per_side else (None,)
    raw: list[tuple[StepKind, str, int, dict[str, object]]] = []
    first_side = f", {sides[0]} side first" if choice.per_side else ""
    position: dict[str, object] = {"side": sides[0]}
    raw.append(
        (StepKind.POSITION, f"Get into position for {exercise.name}{first_side}", _ms(pacing.position_s), position)
    )
    for set_number in range(1, choice.sets + 1):
        # (side, rep) in the order they are done: all of one side first, or the sides in turn rep by rep
        if choice.alternate_sides:
            order = [(side, rep) for rep in range(1, choice.reps + 1) for side in sides]
        else:
            order = [(side, rep) for side in sides for rep in range(1, choice.reps + 1)]
        previous: str | None = sides[0]
        for side, rep in order:
            if side != previous:
                switch: dict[str, object] = {"set_number": set_number, "side": side}
                raw.append((StepKind.SWITCH_SIDE, f"Switch to the {side} side", _ms(pacing.switch_side_s), switch))
                previous = side
            where: dict[str, object] = {"set_number": set_number, "side": side, "rep": rep, "reps": choice.reps}
            raw.append((StepKind.UP, up_cue, tempo, where))
            if hold:
                raw.append((StepKind.HOLD, f"{hold_cue} · {choice.hold_s} s", hold, where))
            raw.append((StepKind.DOWN, down_cue, tempo, {**where, "ends_rep": True}))
        # the last step of every set closes the set; the last of the exercise closes the exercise
        kind, cue, duration, where_last = raw[-1]
        raw[-1] = (kind, cue, duration, {**where_last, "ends_set": True, "ends_exercise": set_number == choice.sets})
        if set_number < choice.sets and rest_set > 0:
            rest_cue = f"Rest before set {set_number + 1} of {choice.sets}"
            raw.append((StepKind.REST_SET, rest_cue, rest_set, {"set_number": set_number}))
    return raw


def build_timeline(
    exercises: Sequence[Exercise],
    doses: Mapping[str, DoseChoice] | Sequence[DoseChoice] | None = None,
    pacing: Pacing | None = None,
) -> Timeline:
    """Expand a session's exercises into steps, in order, with exact start offsets.

    `doses` gives the dose to do per exercise (by id, or one per exercise in order); an exercise
    without one gets `choose_dose` of its own dose. Rest between exercises follows every exercise
    except the last.
    """
    pacing = pacing or Pacing()
    choices = _choices(exercises, doses)
    steps: list[Step] = []
    offset = 0
    rest_between = _ms(pacing.rest_between_exercises_s)
    for exercise_index, (exercise, choice) in enumerate(zip(exercises, choices, strict=True)):
        raw = _raw_steps(exercise, choice, pacing)
        if exercise_index < len(exercises) - 1 and rest_between > 0:
            following = exercises[exercise_index + 1].name
            raw.append((StepKind.REST_EXERCISE, f"Rest. Next: {following}", rest_between, {}))
        for kind, cue, duration, where in raw:
            steps.append(
                Step(
                    index=len(steps),
                    kind=kind,
                    cue=cue,
                    duration_ms=duration,
                    start_ms=offset,
                    exercise_index=exercise_index,
                    exercise_id=exercise.id,
                    **where,  # type: ignore[arg-type]
                )
            )
            offset += duration
    return Timeline(exercises=tuple(exercises), doses=tuple(choices), steps=tuple(steps))


def _choices(
    exercises: Sequence[Exercise], doses: Mapping[str, DoseChoice] | Sequence[DoseChoice] | None
) -> list[DoseChoice]:
    if doses is None:
        return [choose_dose(exercise.dose) for exercise in exercises]
    if isinstance(doses, Mapping):
        return [choose_dose(exercise.dose, doses.get(exercise.id)) for exercise in exercises]
    if len(doses) != len(exercises):
        raise ValueError(f"{len(doses)} doses given for {len(exercises)} exercises")
    return list(doses)


def session_seconds(
    exercises: Iterable[Exercise],
    doses: Mapping[str, DoseChoice] | Sequence[DoseChoice] | None = None,
    pacing: Pacing | None = None,
) -> float:
    """The length in seconds of the session these exercises make: exactly its timeline's length."""
    return build_timeline(list(exercises), doses, pacing).seconds
