"""The local exercise library: imported exercises, searchable by name, muscle and equipment.

`import_library` stores what `rehabit.programs.library.read_library` read (importing the same library again
updates its exercises instead of doubling them); `search_library` and `find_library_exercise` are
what program authors use to pick an exercise to add to a program.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ColumnElement, Integer, String, Text, UniqueConstraint, func, or_, select
from sqlalchemy.orm import Mapped, mapped_column

from rehabit.errors import NotInLibraryError, RehabitError
from rehabit.programs.library import LibraryExercise
from rehabit.store.database import Store, utcnow
from rehabit.store.tables import Base

__all__ = [
    "ImportCounts",
    "LibraryExerciseRow",
    "StoredExercise",
    "count_library",
    "find_library_exercise",
    "import_library",
    "search_library",
]


class LibraryExerciseRow(Base):
    """One exercise of an imported library, with a lower-case text to search in."""

    __tablename__ = "library_exercises"
    __table_args__ = (UniqueConstraint("library", "source_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    library: Mapped[str] = mapped_column(String(80), index=True)
    source_id: Mapped[str] = mapped_column(String(120), index=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str | None] = mapped_column(String(40))
    category: Mapped[str | None] = mapped_column(String(40))
    equipment: Mapped[str | None] = mapped_column(String(60))
    force: Mapped[str | None] = mapped_column(String(40))
    mechanic: Mapped[str | None] = mapped_column(String(40))
    primary_muscles: Mapped[list[Any]] = mapped_column(JSON)
    secondary_muscles: Mapped[list[Any]] = mapped_column(JSON)
    instructions: Mapped[list[Any]] = mapped_column(JSON)
    muscles_text: Mapped[str] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime]


@dataclass(frozen=True)
class ImportCounts:
    """How many exercises an import added and how many it updated."""

    added: int
    updated: int


@dataclass(frozen=True)
class StoredExercise:
    """A library exercise and the library it came from."""

    library: str
    exercise: LibraryExercise


def import_library(store: Store, library: str, exercises: list[LibraryExercise]) -> ImportCounts:
    """Store these exercises under the library name, in one transaction; same ids are updated."""
    library = library.strip()
    if not library:
        raise RehabitError("a library needs a name")
    now = utcnow()
    with store.transaction() as session:
        existing = {
            row.source_id: row
            for row in session.scalars(select(LibraryExerciseRow).where(LibraryExerciseRow.library == library))
        }
        added = 0
        for exercise in exercises:
            fields = _row_fields(exercise)
            row = existing.get(exercise.id)
            if row is None:
                session.add(LibraryExerciseRow(library=library, source_id=exercise.id, imported_at=now, **fields))
                added += 1
            else:
                for key, value in fields.items():
                    setattr(row, key, value)
                row.imported_at = now
    return ImportCounts(added=added, updated=len(exercises) - added)


def search_library(
    store: Store,
    query: str | None = None,
    *,
    muscle: str | None = None,
    equipment: str | None = None,
    limit: int | None = None,
) -> list[StoredExercise]:
    """Exercises whose name, primary muscles, equipment or category hold every word of `query`, by name.

    `muscle` and `equipment` narrow the result to exercises mainly working that muscle or using that
    equipment; all matching ignores case and accepts part of a word.
    """
    conditions: list[ColumnElement[bool]] = [
        LibraryExerciseRow.search_text.contains(word, autoescape=True) for word in (query or "").lower().split()
    ]
    if muscle:
        conditions.append(LibraryExerciseRow.muscles_text.contains(muscle.strip().lower(), autoescape=True))
    if equipment:
        conditions.append(func.lower(LibraryExerciseRow.equipment).contains(equipment.strip().lower(), autoescape=True))
    statement = (
        select(LibraryExerciseRow)
        .where(*conditions)
        .order_by(func.lower(LibraryExerciseRow.name), LibraryExerciseRow.library)
        .limit(limit)
    )
    with store.read() as session:
        return [_stored(row) for row in session.scalars(statement)]


def find_library_exercise(store: Store, exercise_id: str, library: str | None = None) -> StoredExercise:
    """The library exercise with this id (exact, or ignoring case); NotInLibraryError when there is none."""
    wanted = exercise_id.strip()
    statement = select(LibraryExerciseRow).where(
        or_(LibraryExerciseRow.source_id == wanted, func.lower(LibraryExerciseRow.source_id) == wanted.lower())
    )
    if library is not None:
        statement = statement.where(LibraryExerciseRow.library == library)
    with store.read() as session:
        rows = list(session.scalars(statement.order_by(LibraryExerciseRow.library)))
    exact = [row for row in rows if row.source_id == wanted] or rows
    if not exact:
        raise NotInLibraryError(f"no exercise {exercise_id!r} in the library")
    if len({row.library for row in exact}) > 1:
        names = ", ".join(sorted({row.library for row in exact}))
        raise RehabitError(f"{exercise_id!r} is in several libraries ({names}); choose one with --library")
    return _stored(exact[0])


def count_library(store: Store) -> dict[str, int]:
    """How many exercises each imported library holds."""
    statement = select(LibraryExerciseRow.library, func.count()).group_by(LibraryExerciseRow.library)
    with store.read() as session:
        return {library: count for library, count in session.execute(statement)}


def _row_fields(exercise: LibraryExercise) -> dict[str, Any]:
    # Only primary muscles: a search for "glute" should find glute exercises, not every squat and jog
    # that also works the glutes a little.
    muscles = " | ".join(muscle.lower() for muscle in exercise.primary_muscles)
    searchable = [exercise.name, muscles, exercise.equipment or "", exercise.category or ""]
    return {
        "name": exercise.name,
        "level": exercise.level,
        "category": exercise.category,
        "equipment": exercise.equipment,
        "force": exercise.force,
        "mechanic": exercise.mechanic,
        "primary_muscles": list(exercise.primary_muscles),
        "secondary_muscles": list(exercise.secondary_muscles),
        "instructions": list(exercise.instructions),
        "muscles_text": muscles,
        "search_text": " | ".join(searchable).lower(),
    }


def _stored(row: LibraryExerciseRow) -> StoredExercise:
    exercise = LibraryExercise.model_validate(
        {
            "id": row.source_id,
            "name": row.name,
            "level": row.level,
            "category": row.category,
            "equipment": row.equipment,
            "force": row.force,
            "mechanic": row.mechanic,
            "primaryMuscles": row.primary_muscles,
            "secondaryMuscles": row.secondary_muscles,
            "instructions": row.instructions,
        }
    )
    return StoredExercise(library=row.library, exercise=exercise)
