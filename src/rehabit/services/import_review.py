"""The import review's edits applied to a program the practice reader read: each exercise's fields
changed, exercises deleted, merged into the one before, or split in two at a step.

Pure: no store. `services.programs.import_program` stores the result. The reader's "Not in source"
notes go with the values they explain: a note stays only while its value is the default it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import ValidationError

from rehabit import illustrate
from rehabit.errors import RehabitError
from rehabit.model import Dose, Exercise, Group, Program, slugify

__all__ = ["ASSUMED_PREFIX", "ExerciseEdit", "apply_edits", "assumed_fields", "patient_cautions"]

ASSUMED_PREFIX = "Not in source:"
# the reader's wording of each default (`reader.output._dose`) and the dose field it fills
_ASSUMED = {"repetitions": "reps", "hold time": "hold_s", "sets": "sets"}
_ASSUMED_NOTE = re.compile(r"^Not in source: ([a-z ]+);")


@dataclass(frozen=True)
class ExerciseEdit:
    """What the person set for one exercise of the review (None: the field was not in the form)."""

    name: str
    group: Group
    dose: Dose
    equipment: list[str]
    optional_equipment: list[str]
    steps: list[str]
    delete: bool = False
    merge_into_previous: bool = False
    split_after_step: int = 0
    posture: str | None = None  # the figure's starting posture, when the person changed it


def assumed_fields(exercise: Exercise) -> list[str]:
    """The dose fields the reader filled with a default, from its "Not in source" notes."""
    found = []
    for caution in exercise.cautions:
        match = _ASSUMED_NOTE.match(caution)
        if match and match.group(1) in _ASSUMED:
            found.append(_ASSUMED[match.group(1)])
    return found


def patient_cautions(exercise: Exercise) -> list[str]:
    """The cautions meant for the person doing the exercise: the reader's notes about defaults are not."""
    return [caution for caution in exercise.cautions if not caution.startswith(ASSUMED_PREFIX)]


def _kept_notes(exercise: Exercise, dose: Dose) -> list[str]:
    """The exercise's cautions, less the notes on defaults the person has changed."""
    kept = []
    for caution in exercise.cautions:
        match = _ASSUMED_NOTE.match(caution)
        field = _ASSUMED.get(match.group(1)) if match else None
        if field is not None and getattr(dose, field) != getattr(exercise.dose, field):
            continue
        kept.append(caution)
    return kept


def _unique_id(name: str, used: set[str]) -> str:
    base = slugify(name) or "exercise"
    candidate, number = base, 2
    while candidate in used:
        suffix = f"-{number}"
        candidate = base[: 80 - len(suffix)].rstrip("-") + suffix
        number += 1
    used.add(candidate)
    return candidate


def apply_edits(program: Program, edits: list[ExerciseEdit]) -> Program:
    """The program with one edit per exercise (in order) applied; RehabitError naming the exercise when
    the result is not a program one can follow (no exercise left, a merge with nothing before it)."""
    if len(edits) != len(program.exercises):
        raise RehabitError("the review does not match the program read; read the article again")
    result: list[Exercise] = []
    used: set[str] = set()
    for number, (exercise, edit) in enumerate(zip(program.exercises, edits, strict=True), start=1):
        if edit.delete:
            continue
        steps = [step.strip() for step in edit.steps if step.strip()]
        if edit.merge_into_previous:
            if not result:
                raise RehabitError(f"exercise {number} ({edit.name}): there is no exercise before it to merge into")
            previous = result[-1]
            aliases = [*previous.aliases, edit.name] if edit.name != previous.name else previous.aliases
            result[-1] = previous.model_copy(update={"steps": [*previous.steps, *steps], "aliases": aliases[:10]})
            continue
        parts = [steps]
        if 0 < edit.split_after_step < len(steps):
            parts = [steps[: edit.split_after_step], steps[edit.split_after_step :]]
        for part_number, part in enumerate(parts, start=1):
            name = edit.name if part_number == 1 else f"{edit.name} ({part_number})"
            try:
                updated = Exercise.model_validate(
                    {
                        **exercise.model_dump(),
                        "id": exercise.id if part_number == 1 and exercise.id not in used else _unique_id(name, used),
                        "name": name,
                        "group": edit.group,
                        "dose": edit.dose.model_dump(),
                        "equipment": edit.equipment,
                        "optional_equipment": [e for e in edit.optional_equipment if e not in edit.equipment],
                        "steps": part,
                        "cautions": _kept_notes(exercise, edit.dose),
                        "progresses_to": None,
                        "regresses_to": None,
                    }
                )
            except ValidationError as error:
                message = str(error.errors()[0]["msg"]).removeprefix("Value error, ")
                raise RehabitError(f"exercise {number} ({edit.name}): {message}") from None
            if edit.posture and edit.posture != illustrate.read_exercise(exercise).posture.value:
                updated = illustrate.corrected(updated, edit.posture)  # the figure starts where they said
            used.add(updated.id)
            result.append(updated)
    if not result:
        raise RehabitError("keep at least one exercise: a program needs something to do")
    kept = {e.id for e in result}
    linked = [
        e.model_copy(
            update={
                "progresses_to": original.progresses_to if original.progresses_to in kept else None,
                "regresses_to": original.regresses_to if original.regresses_to in kept else None,
            }
        )
        for e in result
        for original in [next((o for o in program.exercises if o.id == e.id), e)]
    ]
    stages = [
        stage.model_copy(update={"exercises": [x for x in stage.exercises if x in kept]})
        for stage in program.stages
        if any(x in kept for x in stage.exercises)
    ]
    try:
        return Program.model_validate(
            {
                **program.model_dump(),
                "exercises": [e.model_dump() for e in linked],
                "stages": [s.model_dump() for s in stages],
            }
        )
    except ValidationError as error:
        raise RehabitError(str(error.errors()[0]["msg"]).removeprefix("Value error, ")) from None
