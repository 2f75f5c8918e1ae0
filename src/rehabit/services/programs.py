"""Programs a person can hold and follow: the built-in ones, imported and written ones, stored versions.

`follow_program` is the one door for "follow this program" (`rehabit program use`, the web's Follow
button, saving an import and following it, a clinician's assignment): it stores the program version,
puts the person on it at a stage, keeps their history (sessions and decisions of the program they
leave stay as they were, labelled by program) and plans again when the screen allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rehabit.domain.course_changes import SETTINGS_KEY as COURSE_KEY
from rehabit.errors import NotFoundError, RehabitError
from rehabit.model import Program
from rehabit.programs import builtin_programs, load_program
from rehabit.services import planning
from rehabit.services.planning import PersonPlan
from rehabit.store import ProgramVersionRecord, Store, doses, people, programs, sessions

__all__ = [
    "FollowPreview",
    "Followed",
    "Imported",
    "find_program",
    "follow_preview",
    "followed_program",
    "follow_program",
    "follow_version",
    "import_program",
    "known_programs",
    "save_program",
]


@dataclass(frozen=True)
class Followed:
    """The program the person now follows, the stored version, and the plan made (None: not allowed yet)."""

    program: Program
    version: ProgramVersionRecord
    switched: bool
    plan: PersonPlan | None


def known_programs(store: Store) -> list[tuple[Program, bool]]:
    """(program, is built-in) for every program one can open: built-in ones, then the newest stored
    version of each imported or written one."""
    builtin = builtin_programs()
    stored: dict[str, Program] = {}
    for record in programs.list_program_versions(store):
        if record.slug not in builtin:
            stored[record.slug] = record.program  # versions come oldest first: the newest wins
    return [(program, True) for program in builtin.values()] + [(program, False) for program in stored.values()]


def find_program(store: Store, program_id: str) -> tuple[Program, bool]:
    """The program with this id and whether it is built in; NotFoundError (a 404) when there is none."""
    for program, builtin in known_programs(store):
        if program.id == program_id:
            return program, builtin
    raise NotFoundError(f"no program called {program_id!r}")


def save_program(store: Store, program: Program, source_kind: str) -> ProgramVersionRecord:
    """Store a program (imported by the reader, or written) as a new version of its id.

    A built-in program's id is refused: an imported program gets an id of its own.
    """
    if source_kind != "builtin" and program.id in builtin_programs():
        raise RehabitError(f"the id {program.id!r} belongs to a built-in program; give the program its own id")
    return programs.save_program_version(store, program, source_kind)


def _version_of(store: Store, source: str) -> ProgramVersionRecord:
    """A built-in id, a stored program's id or a program file, as a stored version."""
    builtin = builtin_programs()
    if source in builtin:
        return programs.save_program_version(store, builtin[source], "builtin")
    stored = programs.latest_program_version(store, source)
    if stored is not None:
        return stored
    if Path(source).suffix.lower() in {".yaml", ".yml", ".json"} or Path(source).exists():
        return save_program(store, load_program(source), "file")
    raise NotFoundError(f"no program called {source!r} (a built-in id, an imported program's id, or a file)")


def follow_program(store: Store, person_id: int, source: str, today: date, *, stage_index: int = 0) -> Followed:
    """Put the person on a program (built-in id, stored id or program file) and plan again."""
    with store.transaction():
        return follow_version(store, person_id, _version_of(store, source), today, stage_index=stage_index)


def follow_version(
    store: Store, person_id: int, version: ProgramVersionRecord, today: date, *, stage_index: int = 0
) -> Followed:
    """Put the person on this stored program version at `stage_index`, then plan when the screen allows.

    Another program starts its own course (stage, doses and course changes start afresh; the sessions
    done on the program left keep their decisions). A newer version of the same program keeps the course.
    """
    program = version.program
    if not 0 <= stage_index < max(1, len(program.stages)):
        raise RehabitError(f"the program {program.id!r} has no stage {stage_index + 1}")
    with store.transaction():
        person = people.get_person(store, person_id)
        current = (
            None
            if person.program_version_id is None
            else programs.get_program_version(store, person.program_version_id)
        )
        switched = current is None or current.slug != version.slug
        settings = dict(person.settings)
        if switched:
            settings.pop(COURSE_KEY, None)
            doses.clear_current_doses(store, person_id)
        people.update_person(
            store, person_id, program_version_id=version.id, stage_index=stage_index, settings=settings
        )
        made = planning.plan_if_allowed(store, person_id, today)
    return Followed(program=program, version=version, switched=switched, plan=made)


def followed_program(store: Store, person_id: int) -> Program:
    """The program the person follows now (the exact version)."""
    return programs.person_program(store, person_id).program


@dataclass(frozen=True)
class Imported:
    """An imported program as stored, and what following it did (None: not followed)."""

    version: ProgramVersionRecord
    followed: Followed | None


def import_program(store: Store, program: Program, person_id: int | None, today: date, *, follow: bool) -> Imported:
    """Store a program the practice reader read (as checked and edited), and follow it when asked."""
    with store.transaction():
        version = save_program(store, program, "reader")
        followed = follow_version(store, person_id, version, today) if follow and person_id is not None else None
    return Imported(version, followed)


@dataclass(frozen=True)
class FollowPreview:
    """What following a program would change, for the confirmation a person sees before they follow it."""

    program: Program
    builtin: bool
    current: Program | None
    current_stage: str | None
    already: bool
    first_stage: str | None
    sessions_kept: int


def follow_preview(store: Store, person_id: int | None, program_id: str) -> FollowPreview:
    """The program, the one the person follows now (and its stage), and how many logged sessions stay in
    their history, labelled by program. Read-only."""
    program, builtin = find_program(store, program_id)
    current: Program | None = None
    current_stage: str | None = None
    kept = 0
    if person_id is not None:
        with store.read():
            person = people.get_person(store, person_id)
            if person.program_version_id is not None:
                current = programs.get_program_version(store, person.program_version_id).program
                if person.stage_index < len(current.stages):
                    current_stage = current.stages[person.stage_index].name
            kept = sum(1 for log in sessions.list_sessions(store, person_id) if log.status != "in_progress")
    return FollowPreview(
        program=program,
        builtin=builtin,
        current=current,
        current_stage=current_stage,
        already=current is not None and current.id == program.id,
        first_stage=program.stages[0].name if program.stages else None,
        sessions_kept=kept,
    )
