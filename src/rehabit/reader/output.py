"""What the reader gives back: the scoring JSON shape, a runnable `Program`, and an explanation.

The JSON follows ../shared/corpus/SCHEMA.md: values the article does not give are null. The program
is for the player, so it fills every missing value with a default and says so in the exercise's
cautions ("Not in source: ..."); its groups are guesses, which the YAML header says.
"""

from __future__ import annotations

import re
from typing import Any

from rehabit.model import Dose, Exercise, Group, IntRange, Program, Source, slugify
from rehabit.programs import dump_program
from rehabit.reader.pipeline import ExerciseReading, Range, ReaderResult

DEFAULT_FREQUENCY = (2, 3)
_MAX_STEP_CHARS = 600


def _range(value: Range | None) -> dict[str, int] | None:
    return None if value is None else {"min": value[0], "max": value[1]}


def to_schema_json(result: ReaderResult) -> dict[str, Any]:
    """The reading in the SCHEMA.md shape (steps as a list of strings) plus the full `program`."""
    return {
        "source": result.source,
        "title": result.title,
        "frequency_per_week": _range(result.frequency_per_week),
        "exercises": [
            {
                "name": exercise.name,
                "aliases": exercise.aliases,
                "reps": _range(exercise.reps),
                "hold_s": _range(exercise.hold_s),
                "sets": _range(exercise.sets),
                "per_side": exercise.per_side,
                "equipment": exercise.equipment,
                "steps": exercise.steps,
            }
            for exercise in result.exercises
        ],
        "program": to_program(result).model_dump(mode="json", exclude_defaults=True),
    }


def to_program(result: ReaderResult) -> Program:
    """A program the player can run: every exercise has an id, a group guess and a complete dose."""
    title = _one_line(result.title)[:300] or "Program read from an article"
    exercises: list[Exercise] = []
    used: set[str] = set()
    for reading in result.exercises:
        exercise_id = _unique(slugify(reading.name), used)
        dose, notes = _dose(reading)
        exercises.append(
            Exercise(
                id=exercise_id,
                name=_one_line(reading.name)[:120].capitalize() or "Exercise",
                aliases=[_one_line(a) for a in reading.aliases if _one_line(a)][:10],
                group=reading.group,
                equipment=reading.equipment,
                optional_equipment=reading.optional_equipment,
                steps=[_one_line(step)[:_MAX_STEP_CHARS] for step in reading.steps if _one_line(step)],
                dose=dose,
                cautions=notes,
                sources=["article"],
            )
        )
    low, high = result.frequency_per_week or DEFAULT_FREQUENCY
    low, high = max(1, min(low, 14)), max(1, min(high, 14))
    citation = title if not result.source else f"{title} ({result.source})"
    url = result.source if re.match(r"^https?://", result.source or "") else None
    summary = "Read from an article by rehabit's practice reader; check each exercise and dose before you use it."
    if result.frequency_per_week is None:
        summary += " Sessions a week: not in source (2–3 assumed)."
    elif result.frequency_per_week[0] > 7:
        asked_low, asked_high = result.frequency_per_week  # what the article says, before the planner's cap
        day_low, day_high = asked_low // 7, -(-asked_high // 7)
        per_day = "twice" if (day_low, day_high) == (2, 2) else f"{_span(day_low, day_high)} times"
        sessions = _span(asked_low, asked_high)
        summary += f" The article asks for the exercises {per_day} a day, every day ({sessions} sessions a week)."
        if asked_high > high:
            summary += f" rehabit plans at most {high} sessions a week."
    elif result.frequency_per_week[0] == 7:
        summary += " The article asks for the exercises every day."
    return Program(
        id=_program_id(title),
        title=title,
        summary=summary,
        frequency_per_week=IntRange.of(low, high),
        exercises=exercises,
        sources=[Source(id="article", citation=_one_line(citation)[:1000], url=url)],
    )


def _span(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def _dose(reading: ExerciseReading) -> tuple[Dose, list[str]]:
    notes: list[str] = []
    reps = IntRange.of(*reading.reps) if reading.reps else None
    hold = IntRange.of(*reading.hold_s) if reading.hold_s else None
    if reps is None and hold is None and reading.moving_s is not None:
        low, high = reading.moving_s
        span = f"{low} s" if low == high else f"{low}–{high} s"
        reps = IntRange.of(10)
        notes.append(f"The article gives a time to keep going ({span}), not repetitions; rehabit assumed 10.")
    if reps is None and hold is None:
        if reading.group is Group.STRETCHING or reading.group is Group.STABILIZATION:
            hold = IntRange.of(30)
            notes.append("Not in source: hold time; rehabit assumed 30 seconds.")
        else:
            reps = IntRange.of(10)
            notes.append("Not in source: repetitions; rehabit assumed 10.")
    if reps is None:
        reps = IntRange.of(1)
        notes.append("Not in source: repetitions; rehabit assumed 1.")
    sets = IntRange.of(*reading.sets) if reading.sets and reading.sets[0] >= 1 else IntRange.of(1)
    if reading.sets is None:
        notes.append("Not in source: sets; rehabit assumed 1.")
    return Dose(reps=reps, hold_s=hold, sets=sets, per_side=reading.per_side), notes


def _program_id(title: str) -> str:
    slug = slugify(title)
    if len(slug) > 60:
        slug = slug[:60].rsplit("-", 1)[0]
    return slug.strip("-") or "read-program"


def _unique(slug: str, used: set[str]) -> str:
    slug = slug or "exercise"
    candidate, number = slug, 2
    while candidate in used:
        suffix = f"-{number}"
        candidate = slug[: 80 - len(suffix)].rstrip("-") + suffix
        number += 1
    used.add(candidate)
    return candidate


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def dump_yaml(result: ReaderResult) -> str:
    """The program as YAML, headed by comments on where it came from and what was guessed."""
    source = _one_line(result.source) or "an article"
    header = (
        f"# Read by `rehabit read` from {source[:200]}.\n"
        "# Groups are guesses from each exercise's words. Values the article does not give are filled with\n"
        '# defaults and listed under the exercise\'s cautions as "Not in source". Check before use.\n'
    )
    return header + dump_program(to_program(result))
