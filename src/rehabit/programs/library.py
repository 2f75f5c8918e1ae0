"""Exercise libraries: read a library file, and turn one of its exercises into a program exercise.

A library is a JSON list of exercises in the free-exercise-db format (`id`, `name`, `level`,
`equipment`, `primaryMuscles`, `secondaryMuscles`, `instructions`, `category`, `force`, `mechanic`; other
fields are ignored). `read_library` never stops at a bad record: it keeps the good ones and says, per
bad record, what is wrong. Storing and searching live in `rehabit.store.library`.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from rehabit.errors import RehabitError
from rehabit.model import Dose, Exercise, Group, IntRange, Program, Source, slugify
from rehabit.programs import dump_program, load_program, parse_program

MAX_LIBRARY_BYTES = 50_000_000
BODY_ONLY = "body only"
# File names that say nothing about the library: its folder names it instead.
GENERIC_STEMS = {"exercises", "library", "index", "data"}

__all__ = [
    "LibraryExercise",
    "LibraryReport",
    "RecordProblem",
    "add_to_program",
    "library_name",
    "parse_range",
    "program_exercise",
    "read_library",
    "read_library_bytes",
]


class LibraryExercise(BaseModel):
    """One exercise of an imported library, in rehabit's field names."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True, populate_by_name=True, extra="ignore")

    id: str = Field(pattern=r"^[0-9A-Za-z_-]+$", max_length=120)
    name: str = Field(min_length=1, max_length=200)
    level: str | None = Field(default=None, max_length=40)
    category: str | None = Field(default=None, max_length=40)
    equipment: str | None = Field(default=None, max_length=60)
    force: str | None = Field(default=None, max_length=40)
    mechanic: str | None = Field(default=None, max_length=40)
    primary_muscles: list[str] = Field(default_factory=list, alias="primaryMuscles")
    secondary_muscles: list[str] = Field(default_factory=list, alias="secondaryMuscles")
    instructions: list[str] = Field(default_factory=list)

    @property
    def muscles(self) -> list[str]:
        """Primary then secondary muscles, each once."""
        return list(dict.fromkeys(self.primary_muscles + self.secondary_muscles))


@dataclass(frozen=True)
class RecordProblem:
    """Why one record of a library file was left out."""

    index: int
    record_id: str | None
    message: str

    def __str__(self) -> str:
        who = f"record {self.index}" + (f" ({self.record_id})" if self.record_id else "")
        return f"{who}: {self.message}"


@dataclass
class LibraryReport:
    """What reading a library file gave: the usable exercises and the records left out."""

    exercises: list[LibraryExercise] = field(default_factory=list)
    problems: list[RecordProblem] = field(default_factory=list)


def read_library(path: Path | str) -> LibraryReport:
    """Read a library file; a file that is not a JSON list of records raises RehabitError."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_LIBRARY_BYTES:
            raise RehabitError(f"{path}: file is too large ({size:,} bytes; the limit is 50 MB)")
        raw = path.read_bytes()
    except IsADirectoryError:
        raise RehabitError(f"{path}: is a directory, not a library file") from None
    except FileNotFoundError:
        raise RehabitError(f"{path}: no such file") from None
    except OSError as error:
        raise RehabitError(f"{path}: cannot be read ({error.strerror})") from None
    return read_library_bytes(raw, str(path))


def read_library_bytes(raw: bytes, label: str) -> LibraryReport:
    """Read a library file's contents (an upload, a download); errors name it by `label`, raise RehabitError."""
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise RehabitError(f"{label}: is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise RehabitError(f"{label}:{error.lineno}: malformed JSON: {error.msg}") from None
    if isinstance(document, dict) and isinstance(document.get("exercises"), list):
        document = document["exercises"]
    if not isinstance(document, list):
        raise RehabitError(f"{label}: a library must be a JSON list of exercises, not a {type(document).__name__}")
    return parse_records(document)


def library_name(path: Path | str, name: str | None = None) -> str:
    """The name a library is stored under: `name`, else the file name (its folder's for a generic one)."""
    path = Path(path)
    if name is None:
        name = path.parent.name if path.stem.lower() in GENERIC_STEMS and path.parent.name else path.stem
    return slugify(name)[:40]


def parse_records(records: list[Any]) -> LibraryReport:
    """Validate each record on its own; duplicates of an id already seen are reported, not kept."""
    report = LibraryReport()
    seen: set[str] = set()
    for index, record in enumerate(records):
        record_id = record.get("id") if isinstance(record, dict) else None
        shown_id = record_id if isinstance(record_id, str) and record_id else None
        if not isinstance(record, dict):
            report.problems.append(RecordProblem(index, None, f"is a {type(record).__name__}, not an object"))
            continue
        try:
            exercise = LibraryExercise.model_validate(record)
        except ValidationError as error:
            report.problems.append(RecordProblem(index, shown_id, _first_error(error)))
            continue
        if exercise.id in seen:
            report.problems.append(RecordProblem(index, shown_id, "the same id appears earlier in the file"))
            continue
        seen.add(exercise.id)
        report.exercises.append(exercise)
    return report


def parse_range(text: str, what: str) -> IntRange:
    """ "10", "10-15" or "10–15" as an IntRange; RehabitError naming `what` otherwise."""
    match = re.fullmatch(r"\s*(\d{1,5})\s*(?:[-–]\s*(\d{1,5})\s*)?", text)
    if match is None:
        raise RehabitError(f"{what} must be a number or a range such as 10-15, not {text!r}")
    low, high = int(match[1]), int(match[2] or match[1])
    if low > high:
        raise RehabitError(f"{what}: {low} is greater than {high}")
    return IntRange.of(low, high)


def program_exercise(
    library_exercise: LibraryExercise, dose: Dose, *, source_id: str, group: Group | None = None
) -> Exercise:
    """The library exercise as a program exercise with this dose (its group guessed when not given)."""
    equipment = library_exercise.equipment
    return Exercise(
        id=slugify(library_exercise.name),
        name=library_exercise.name,
        group=group or _guess_group(library_exercise),
        purpose=_purpose(library_exercise),
        targets=library_exercise.muscles,
        equipment=[equipment] if equipment and equipment != BODY_ONLY else [],
        steps=list(library_exercise.instructions),
        dose=dose,
        sources=[source_id],
    )


def dose_from_text(
    reps: str | None,
    hold: str | None,
    sets: str | None,
    per_side: bool,
    *,
    labels: tuple[str, str, str] = ("reps", "hold seconds", "sets"),
) -> Dose:
    """A dose from what a person typed ("10-15", "30", "2"); RehabitError naming the field otherwise.

    `labels` names the fields in messages the way the caller asked for them (e.g. "--reps").
    """
    reps, hold, sets = (value.strip() if value else None for value in (reps, hold, sets))
    if not reps and not hold:
        raise RehabitError(f"give the dose: {labels[0]}, {labels[1]} or both")
    try:
        return Dose(
            reps=parse_range(reps, labels[0]) if reps else None,
            hold_s=parse_range(hold, labels[1]) if hold else None,
            sets=parse_range(sets, labels[2]) if sets else IntRange.of(1),
            per_side=per_side,
        )
    except ValidationError as error:
        message = str(error.errors()[0].get("msg", "invalid dose")).removeprefix("Value error, ")
        raise RehabitError(f"invalid dose: {message}") from None


def with_exercise(program: Program, exercise: Exercise, source: Source, *, stage: str | None = None) -> Program:
    """The program with `exercise` appended (and listed in `stage`), validated; the program itself is unchanged."""
    if any(existing.id == exercise.id for existing in program.exercises):
        raise RehabitError(f"{program.id}: already has an exercise {exercise.id!r}")
    document = program.model_dump(mode="json", exclude_defaults=True)
    document.setdefault("exercises", []).append(exercise.model_dump(mode="json", exclude_defaults=True))
    if not any(existing.id == source.id for existing in program.sources):
        document.setdefault("sources", []).append(source.model_dump(mode="json", exclude_defaults=True))
    if stage is not None:
        stages = document.get("stages", [])
        chosen = [entry for entry in stages if entry["id"] == stage]
        if not chosen:
            known = ", ".join(entry["id"] for entry in stages) or "none"
            raise RehabitError(f"{program.id}: no stage {stage!r} (stages: {known})")
        chosen[0]["exercises"].append(exercise.id)
    return parse_program(json.dumps(document), program.id)


def own_copy(program: Program, taken: set[str]) -> Program:
    """A copy of a read-only (built-in) program under a new id not in `taken`, to be changed and saved."""
    base = slugify(f"{program.id}-own")
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return program.model_copy(update={"id": candidate, "title": f"{program.title} (own)"})


def add_to_program(path: Path | str, exercise: Exercise, source: Source, *, stage: str | None = None) -> Program:
    """Append `exercise` to the program file at `path` (made when missing) and save it, validated.

    The file is rewritten in the documented format, so YAML comments in it are not kept.
    """
    path = Path(path)
    if path.exists():
        program = load_program(path)
    else:
        program = Program(id=slugify(path.stem), title=path.stem.replace("-", " ").replace("_", " ").capitalize())
    try:
        updated = with_exercise(program, exercise, source, stage=stage)
    except RehabitError as error:
        raise RehabitError(f"{path}: {str(error).split(': ', 1)[-1]}") from None
    _write_atomically(path, dump_program(updated))
    return updated


def _guess_group(library_exercise: LibraryExercise) -> Group:
    if library_exercise.category == "stretching":
        return Group.STRETCHING
    if library_exercise.force == "static":
        return Group.STABILIZATION
    if library_exercise.mechanic == "compound":
        return Group.COMPOUND
    return Group.FOUNDATIONAL


def _purpose(library_exercise: LibraryExercise) -> str:
    kind = " ".join(part for part in (library_exercise.level, library_exercise.category) if part)
    muscles = ", ".join(library_exercise.primary_muscles)
    article = "An" if kind[:1] in {"a", "e", "i", "o", "u"} else "A"
    if kind and muscles:
        return f"{article} {kind} exercise for the {muscles}."
    return f"{article} {kind} exercise." if kind else ""


def _write_atomically(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError as error:
        raise RehabitError(f"cannot write {path} ({error.strerror})") from None


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    kind = first.get("type", "")
    if kind == "missing":
        message = "required field is missing"
    elif kind == "string_pattern_mismatch":
        message = "may hold only letters, digits, '_' and '-'"
    else:
        message = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message
