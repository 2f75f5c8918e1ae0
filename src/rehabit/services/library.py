"""The exercise library: import a library file, search it, add an exercise to a program with a dose.

`rehabit library import|search|add` and the web's library page come through here. Reading the file
format and building the program exercise are pure (`rehabit.programs.library`); this keeps the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rehabit.errors import NotFoundError, RehabitError
from rehabit.model import Dose, Exercise, Group, IntRange, Program, Source
from rehabit.programs.library import (
    LibraryReport,
    RecordProblem,
    add_to_program,
    library_name,
    own_copy,
    program_exercise,
    read_library,
    read_library_bytes,
    with_exercise,
)
from rehabit.services.programs import LOCAL, ProgramScope, find_program, find_version, known_programs, save_program
from rehabit.store import ProgramVersionRecord, Store
from rehabit.store.library import (
    ImportCounts,
    StoredExercise,
    count_library,
    find_library_exercise,
    import_library,
    search_library,
)

__all__ = [
    "FREE_EXERCISE_DB_URL",
    "Added",
    "LibraryImport",
    "add_to_file",
    "add_to_stored_program",
    "correct_figure",
    "FetchRefused",
    "fetch_library",
    "figure_exercise",
    "import_bytes",
    "import_file",
    "library_size",
    "search",
]


@dataclass(frozen=True)
class LibraryImport:
    """What an import did: the library's name, exercises added and updated, records skipped and why."""

    library: str
    counts: ImportCounts
    problems: list[RecordProblem]


def import_file(store: Store, path: Path | str, name: str | None = None) -> LibraryImport:
    """Import a library file (free-exercise-db JSON); bad records are skipped and listed, the rest stored."""
    return _store_report(store, read_library(path), library_name(path, name))


def _store_report(store: Store, report: LibraryReport, library: str) -> LibraryImport:
    counts = import_library(store, library, report.exercises)
    return LibraryImport(library, counts, list(report.problems))


# the free-exercise-db project's published list (public domain), fetched when a person asks for it
FREE_EXERCISE_DB_URL = "https://raw.githubusercontent.com/yuhonas/free-exercise-db/main/dist/exercises.json"
FETCH_LIMIT_BYTES = 20_000_000
FETCH_TIMEOUT_S = 30.0


def import_bytes(store: Store, document: bytes, filename: str, name: str | None = None) -> LibraryImport:
    """Import a library file's contents (an upload, a download); errors name the file as the person named it."""
    stem = Path(filename).name or "library.json"
    return _store_report(store, read_library_bytes(document, stem), library_name(stem, name))


class FetchRefused(RehabitError):
    """A clinic's server fetches nothing from outside on a visitor's request: its admin loads the library."""

    http_status = 403


def fetch_library(
    store: Store,
    url: str = FREE_EXERCISE_DB_URL,
    *,
    name: str = "free-exercise-db",
    limit: int = FETCH_LIMIT_BYTES,
    clinic: bool = False,
) -> LibraryImport:
    """Download a library list from its public address and import it; RehabitError (one line) when there
    is no connection, the address answers with an error, or the file is too large. On a clinic's server
    (`clinic`) nothing is fetched: FetchRefused, since a visitor's request must not make the server reach out."""
    if clinic:
        raise FetchRefused("In clinic mode the clinic loads the library; upload a file instead.")
    import httpx  # only this use case talks to the network

    received = bytearray()
    try:
        with httpx.stream("GET", url, timeout=FETCH_TIMEOUT_S, follow_redirects=True) as response:
            if response.status_code != 200:
                raise RehabitError(f"the library's address answered {response.status_code}; try again later")
            for chunk in response.iter_bytes():
                received.extend(chunk)
                if len(received) > limit:
                    raise RehabitError(f"the library is larger than {limit // 1_000_000} MB; not imported")
    except httpx.HTTPError:
        raise RehabitError("the library could not be fetched: check the connection, or upload the file") from None
    return import_bytes(store, bytes(received), "exercises.json", name)


def figure_exercise(store: Store, exercise_id: str, library: str | None) -> Exercise:
    """A library exercise as a program exercise (a placeholder dose), for drawing its figure."""
    found = find_library_exercise(store, exercise_id, library)
    return program_exercise(found.exercise, Dose(reps=IntRange.of(10)), source_id="library")


def search(
    store: Store, query: str | None, *, muscle: str | None = None, equipment: str | None = None, limit: int = 50
) -> list[StoredExercise]:
    """The library exercises matching every word of `query` (and the muscle and equipment), by name."""
    return search_library(store, query, muscle=muscle, equipment=equipment, limit=limit)


def library_size(store: Store) -> int:
    """How many exercises the imported libraries hold."""
    return sum(count_library(store).values())


def _program_exercise(
    store: Store, exercise_id: str, library: str | None, dose: Dose, group: Group | None
) -> tuple[Exercise, Source]:
    found = find_library_exercise(store, exercise_id, library)
    source = Source(id=f"library-{found.library}"[:40], citation=f"Exercise library {found.library!r}.")
    return program_exercise(found.exercise, dose, source_id=source.id, group=group), source


@dataclass(frozen=True)
class Added:
    """The program an exercise went into, as stored, and the built-in program it was copied from."""

    program: Program
    version: ProgramVersionRecord
    exercise: Exercise
    copied_from: str | None


def add_to_stored_program(
    store: Store,
    exercise_id: str,
    library: str | None,
    program_id: str,
    dose: Dose,
    group: Group | None = None,
    scope: ProgramScope = LOCAL,
) -> Added:
    """Add a library exercise to a stored program (one the scope sees) as a new version; a built-in
    program, or for a patient one they were given, is copied under a new id first. Everything is checked
    before anything is stored."""
    exercise, source = _program_exercise(store, exercise_id, library, dose, group)
    program, builtin = find_program(store, program_id, scope)
    copied = builtin or (scope.is_patient and _given(store, program_id, scope))
    if copied:
        program = own_copy(program, {known.id for known, _builtin in known_programs(store, scope)})
    updated = with_exercise(program, exercise, source)
    version = save_program(store, updated, "file", scope)
    return Added(updated, version, exercise, program_id if copied else None)


def correct_figure(
    store: Store, program_id: str, exercise_id: str, posture: str, scope: ProgramScope = LOCAL
) -> Added:
    """Store where an exercise's figure starts (`posture`, an illustrate.Posture) in a new version of the
    program, so the figure is drawn from it; a built-in program, or for a patient one they were given, is
    copied under a new id first. RehabitError for an unknown posture, NotFoundError for an unknown exercise."""
    from rehabit import illustrate  # drawing code: only this use case needs it

    program, builtin = find_program(store, program_id, scope)
    try:
        exercise = program.exercise(exercise_id)
    except KeyError:
        raise NotFoundError(f"no exercise {exercise_id!r} in the program {program_id!r}") from None
    copied = builtin or (scope.is_patient and _given(store, program_id, scope))
    if copied:
        program = own_copy(program, {known.id for known, _builtin in known_programs(store, scope)})
    updated = illustrate.corrected_program(program, exercise.name, posture)
    version = save_program(store, updated, "file", scope)
    return Added(updated, version, updated.exercise(exercise_id), program_id if copied else None)


def _given(store: Store, program_id: str, scope: ProgramScope) -> bool:
    """True when the stored program is not the patient's own (a clinician gave it to them)."""
    version = find_version(store, program_id, scope)
    return version is not None and version.owner_person_id is None


def add_to_file(
    store: Store,
    exercise_id: str,
    library: str | None,
    path: Path,
    dose: Dose,
    *,
    group: Group | None = None,
    stage: str | None = None,
) -> tuple[Program, Exercise]:
    """Add a library exercise to a program file (made when missing), validated before it is written."""
    exercise, source = _program_exercise(store, exercise_id, library, dose, group)
    return add_to_program(path, exercise, source, stage=stage), exercise
