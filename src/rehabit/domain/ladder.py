"""Dose ladders: the exact doses an exercise climbs through, derived from the program's ranges.

A program gives ranges ("10–15 reps", "hold 10–30 s"); the progression engine needs steps. A rung is
one concrete dose of one exercise. An exercise's own rungs go up its range in small steps (reps +2,
holds +5 s; a leftover smaller than one step is folded into the top rung, so 10–15 reps gives
10 → 12 → 15). A slot's ladder is the exercise of a stage with its easier variations below it
(following `regresses_to`, up to one that shares a stage with it), so regressing goes down the
ladder and then to the easier variation, and climbing back up returns to the exercise itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from rehabit.model import Dose, Exercise, IntRange, Program

REPS_STEP = 2
HOLD_STEP_S = 5


@dataclass(frozen=True)
class Rung:
    """One concrete dose of one exercise: reps per set and seconds per hold (None when not used)."""

    exercise_id: str
    reps: int | None
    hold_s: int | None

    def to_dose(self, exercise: Exercise) -> Dose:
        """The exercise's dose narrowed to this rung (sets, sides, tempo and rest unchanged)."""
        return exercise.dose.model_copy(
            update={
                "reps": None if self.reps is None else IntRange.of(self.reps),
                "hold_s": None if self.hold_s is None else IntRange.of(self.hold_s),
            }
        )

    def describe(self, program: Program) -> str:
        """Say the rung the way people say it, e.g. "12 reps · hold 2 s"."""
        return self.to_dose(program.exercise(self.exercise_id)).describe()

    def counts_reps(self, program: Program) -> bool:
        """Whether this rung's climbing number is reps (else seconds held)."""
        dose = program.exercise(self.exercise_id).dose
        if self.reps is None:
            return False
        if self.hold_s is None or (dose.reps is not None and dose.reps.min < dose.reps.max):
            return True
        if dose.hold_s is not None and dose.hold_s.min < dose.hold_s.max:
            return False
        return self.reps > 1  # a fixed dose: reps, unless it is one single hold

    def amount(self, program: Program) -> int:
        """The number the ladder climbs: reps, or seconds held for a hold exercise."""
        if self.counts_reps(program) and self.reps is not None:
            return self.reps
        return self.hold_s or 0


def range_steps(values: IntRange, step: int) -> list[int]:
    """The values a range is climbed through: min, then +step each time, folding a short last gap into max."""
    steps = [values.min]
    while steps[-1] < values.max:
        following = min(steps[-1] + step, values.max)
        if 0 < values.max - following < step:
            following = values.max
        steps.append(following)
    return steps


def exercise_rungs(exercise: Exercise, reps_step: int = REPS_STEP, hold_step_s: int = HOLD_STEP_S) -> list[Rung]:
    """An exercise's own rungs, easiest first: reps climb first (at the shortest hold), then the hold."""
    dose = exercise.dose
    reps = range_steps(dose.reps, reps_step) if dose.reps is not None else [None]
    holds = range_steps(dose.hold_s, hold_step_s) if dose.hold_s is not None else [None]
    rungs = [Rung(exercise.id, count, holds[0]) for count in reps]
    rungs += [Rung(exercise.id, reps[-1], seconds) for seconds in holds[1:]]
    return rungs


@dataclass(frozen=True)
class Ladder:
    """The rungs of one slot (an exercise of a stage), easier variations first.

    `start` is the index of the slot exercise's own first rung: where a person begins.
    """

    slot: str
    rungs: tuple[Rung, ...]
    start: int

    @property
    def top(self) -> int:
        """Index of the highest rung."""
        return len(self.rungs) - 1

    def index_of(self, rung: Rung) -> int:
        """The position of a rung on this ladder; ValueError when it is not on it."""
        return self.rungs.index(rung)

    def variations(self) -> list[str]:
        """The exercise ids on this ladder, easiest first."""
        seen: list[str] = []
        for rung in self.rungs:
            if rung.exercise_id not in seen:
                seen.append(rung.exercise_id)
        return seen


def build_ladder(program: Program, slot: str, reps_step: int = REPS_STEP, hold_step_s: int = HOLD_STEP_S) -> Ladder:
    """The ladder of one slot: its `regresses_to` chain (easiest first), then the exercise itself.

    The chain stops at a variation that shares a stage with the slot (it is in the session already).

    Past the top, a `progresses_to` variation joins the ladder only when no stage lists it (a
    variation a stage lists arrives with that stage, by STAGE-1).
    """
    in_stages = {exercise_id for stage in program.stages for exercise_id in stage.exercises}
    siblings = {exercise_id for stage in program.stages if slot in stage.exercises for exercise_id in stage.exercises}
    chain = [slot]
    current = program.exercise(slot).regresses_to
    while current is not None and current not in chain and current not in siblings:
        chain.insert(0, current)
        current = program.exercise(current).regresses_to
    start_variation = len(chain) - 1
    forward = program.exercise(slot).progresses_to
    while program.stages and forward is not None and forward not in in_stages and forward not in chain:
        chain.append(forward)
        forward = program.exercise(forward).progresses_to
    rungs: list[Rung] = []
    start = 0
    for position, exercise_id in enumerate(chain):
        if position == start_variation:
            start = len(rungs)
        rungs += exercise_rungs(program.exercise(exercise_id), reps_step, hold_step_s)
    return Ladder(slot=slot, rungs=tuple(rungs), start=start)
