"""Programs a person can hold and follow: the built-in ones, imported and written ones, stored versions.

`follow_program` / `follow_version` are the one door for "follow this program" (`rehabit program use`,
the web's Follow button, saving an import and following it, a clinician's assignment): they store the
program version, put the person on it at a stage, keep their history (sessions and decisions of the
program they leave stay as they were, labelled by program) and plan again when the screen allows.

Who acts decides what one sees and where a saved program goes (a `ProgramScope`): on a local install and
the command line, the shared programs; in clinic mode a patient sees the built-in programs, the ones they
made and the ones they were given, and saves into their own (ids are per owner), while clinicians share
the clinic's. A program a clinician prescribed holds: a patient who follows another one makes a request
their clinician approves or declines (`rehabit.services.clinic`).
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
from rehabit.store import PersonRecord, ProgramVersionRecord, Store, doses, people, prescriptions, programs, sessions
from rehabit.store import accounts as account_rows
from rehabit.store.accounts import AccountRecord
from rehabit.store.prescriptions import ProgramRequestRecord

__all__ = [
    "LOCAL",
    "FollowPreview",
    "Followed",
    "Imported",
    "ProgramScope",
    "check_program_file",
    "find_program",
    "find_version",
    "follow_preview",
    "followed_program",
    "follow_program",
    "follow_version",
    "import_program",
    "is_prescribed",
    "known_programs",
    "save_program",
    "scope_of",
]


@dataclass(frozen=True)
class ProgramScope:
    """Who chooses among programs, and for which patient.

    `account` None is a local install or the command line: the shared programs. A patient sees the
    built-in programs, their own and the ones they follow or followed; what they save is theirs. A
    clinician (or admin) sees the shared programs and, with `person_id`, that patient's own; what they
    save is shared.
    """

    account: AccountRecord | None = None
    person_id: int | None = None

    @property
    def is_patient(self) -> bool:
        return self.account is not None and self.account.role == "patient"

    @property
    def owner(self) -> int | None:
        """Whose programs a saved one joins: the patient's own, or the shared ones (None)."""
        return self.person_id if self.is_patient else None


LOCAL = ProgramScope()


def scope_of(store: Store, account: AccountRecord | None, viewing_person_id: int | None = None) -> ProgramScope:
    """The scope of a signed-in account: a patient's own profile; the patient a clinician has open (when
    still theirs); nobody's for an admin. None (no account): a local install."""
    if account is None:
        return LOCAL
    if account.role == "patient":
        return ProgramScope(account, account.person_id)
    viewing = viewing_person_id
    if account.role == "clinician" and viewing is not None and account_rows.is_linked(store, account.id, viewing):
        return ProgramScope(account, viewing)
    return ProgramScope(account, None)


@dataclass(frozen=True)
class Followed:
    """The program the person now follows, the stored version, and the plan made (None: not allowed yet).

    `request` is set when the person's program was prescribed: nothing changed, their clinician was asked.
    """

    program: Program
    version: ProgramVersionRecord
    switched: bool
    plan: PersonPlan | None
    request: ProgramRequestRecord | None = None


def _visible_versions(store: Store, scope: ProgramScope) -> dict[str, ProgramVersionRecord]:
    """The newest visible stored version of each stored program (built-in ones left out), by id."""
    builtin = builtin_programs()
    found: dict[str, ProgramVersionRecord] = {}

    def offer(records: list[ProgramVersionRecord], *, newer_wins: bool) -> None:
        taken = set(found)
        for record in records:  # oldest first
            if record.slug in builtin or record.slug in taken:
                continue
            if newer_wins or record.slug not in found:
                found[record.slug] = record

    if scope.is_patient:
        assert scope.person_id is not None
        offer(programs.list_program_versions(store, scope.person_id), newer_wins=True)
        followed = [r for r in programs.versions_followed(store, scope.person_id) if r.owner_person_id is None]
        offer(followed, newer_wins=True)
        return found
    offer(programs.list_program_versions(store), newer_wins=True)
    if scope.person_id is not None:
        offer(programs.list_program_versions(store, scope.person_id), newer_wins=True)
    return found


def known_programs(store: Store, scope: ProgramScope = LOCAL) -> list[tuple[Program, bool]]:
    """(program, is built-in) for every program one can open in this scope: built-in ones, then the
    newest visible version of each stored one."""
    with store.read():
        stored = _visible_versions(store, scope)
    builtin = [(program, True) for program in builtin_programs().values()]
    return builtin + [(record.program, False) for record in sorted(stored.values(), key=lambda r: r.id)]


def find_version(store: Store, program_id: str, scope: ProgramScope = LOCAL) -> ProgramVersionRecord | None:
    """The newest version of a stored program visible in this scope, or None (built-in ones: None)."""
    with store.read():
        return _visible_versions(store, scope).get(program_id)


def check_program_file(path: Path) -> Program:
    """A program file, checked whole: its fields (`load_program`) and every exercise's `illustration` block,
    which the figure is drawn from; RehabitError naming the file and the first problem."""
    from rehabit import illustrate  # the drawing code: only checking a file needs it

    program = load_program(path)
    for exercise in program.exercises:
        try:
            illustrate.check_illustration(exercise)
        except RehabitError as error:
            raise RehabitError(f"{path}: {error}") from None
    return program


def find_program(store: Store, program_id: str, scope: ProgramScope = LOCAL) -> tuple[Program, bool]:
    """The program with this id in this scope and whether it is built in; NotFoundError (a 404) otherwise."""
    builtin = builtin_programs()
    if program_id in builtin:
        return builtin[program_id], True
    version = find_version(store, program_id, scope)
    if version is None:
        raise NotFoundError(f"no program called {program_id!r}")
    return version.program, False


def save_program(store: Store, program: Program, source_kind: str, scope: ProgramScope = LOCAL) -> ProgramVersionRecord:
    """Store a program (imported by the reader, or written) as a new version of its id among the scope's
    programs: a patient's own, or the shared ones.

    A built-in program's id is refused: an imported program gets an id of its own. A patient's program
    whose id is one they were given gets a fresh id, so it never stands in for the given one.
    """
    if source_kind != "builtin" and program.id in builtin_programs():
        raise RehabitError(f"the id {program.id!r} belongs to a built-in program; give the program its own id")
    with store.transaction():
        if scope.is_patient:
            given = {slug for slug, r in _visible_versions(store, scope).items() if r.owner_person_id is None}
            if program.id in given:
                program = program.model_copy(update={"id": _free_id(program.id, set(_visible_versions(store, scope)))})
        return programs.save_program_version(store, program, source_kind, owner_person_id=scope.owner)


def _free_id(base: str, taken: set[str]) -> str:
    number = 2
    while f"{base[:75]}-{number}" in taken:
        number += 1
    return f"{base[:75]}-{number}"


def _version_of(store: Store, source: str, scope: ProgramScope) -> ProgramVersionRecord:
    """A built-in id, a visible stored program's id or (the command line only) a program file, as a
    stored version."""
    builtin = builtin_programs()
    if source in builtin:
        return programs.save_program_version(store, builtin[source], "builtin")
    stored = find_version(store, source, scope)
    if stored is not None:
        return stored
    if scope.account is None and (Path(source).suffix.lower() in {".yaml", ".yml", ".json"} or Path(source).exists()):
        return save_program(store, load_program(source), "file")
    raise NotFoundError(f"no program called {source!r} (a built-in id, an imported program's id, or a file)")


def follow_program(
    store: Store, person_id: int, source: str, today: date, *, stage_index: int = 0, scope: ProgramScope = LOCAL
) -> Followed:
    """Put the person on a program (built-in id, stored id or program file) and plan again; when their
    program is prescribed and a patient asks, their clinician gets a request instead."""
    with store.transaction():
        version = _version_of(store, source, scope)
        return follow_version(store, person_id, version, today, stage_index=stage_index, scope=scope)


def is_prescribed(store: Store, person: PersonRecord) -> bool:
    """True when the person follows the program a clinician put them on and has a clinician to ask."""
    prescription = prescriptions.get_prescription(store, person.id)
    if prescription is None or prescription.program_version_id != person.program_version_id:
        return False
    return bool(account_rows.clinicians_of(store, [person.id])[person.id])


def follow_version(
    store: Store,
    person_id: int,
    version: ProgramVersionRecord,
    today: date,
    *,
    stage_index: int = 0,
    scope: ProgramScope = LOCAL,
) -> Followed:
    """Put the person on this stored program version at `stage_index`, then plan when the screen allows.

    Another program starts its own course (stage, doses and course changes start afresh; the sessions
    done on the program left keep their decisions). A newer version of the same program keeps the course.
    A patient whose program is prescribed changes nothing: the request goes to their clinician.
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
        unchanged = current is not None and current.id == version.id and stage_index == person.stage_index
        if scope.is_patient and not unchanged and current is not None and is_prescribed(store, person):
            return _request(store, scope, person, current, version, stage_index)
        switched = current is None or current.slug != version.slug or current.owner_person_id != version.owner_person_id
        settings = dict(person.settings)
        if switched:
            settings.pop(COURSE_KEY, None)
            doses.clear_current_doses(store, person_id)
        people.update_person(
            store, person_id, program_version_id=version.id, stage_index=stage_index, settings=settings
        )
        made = planning.plan_if_allowed(store, person_id, today)
    return Followed(program=program, version=version, switched=switched, plan=made)


def _request(
    store: Store,
    scope: ProgramScope,
    person: PersonRecord,
    current: ProgramVersionRecord,
    wanted: ProgramVersionRecord,
    stage_index: int,
) -> Followed:
    request = prescriptions.add_request(store, person.id, wanted.id, stage_index)
    account = scope.account
    assert account is not None
    account_rows.add_audit(
        store, account.id, account.username, "asked to follow another program", person.id, f"request {request.id}"
    )
    return Followed(program=current.program, version=current, switched=False, plan=None, request=request)


def followed_program(store: Store, person_id: int) -> Program:
    """The program the person follows now (the exact version)."""
    return programs.person_program(store, person_id).program


@dataclass(frozen=True)
class Imported:
    """An imported program as stored, and what following it did (None: not followed)."""

    version: ProgramVersionRecord
    followed: Followed | None


def import_program(
    store: Store,
    program: Program,
    person_id: int | None,
    today: date,
    *,
    follow: bool,
    scope: ProgramScope = LOCAL,
) -> Imported:
    """Store a program the practice reader read (as checked and edited), and follow it when asked.

    A clinician's import joins the clinic's programs and is followed by nobody: they assign it to a patient.
    """
    follows = follow and person_id is not None and (scope.account is None or scope.is_patient)
    with store.transaction():
        version = save_program(store, program, "reader", scope)
        followed = None
        if follows:
            assert person_id is not None
            followed = follow_version(store, person_id, version, today, scope=scope)
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
    needs_approval: bool = False  # a patient on a prescribed program: following asks their clinician


def follow_preview(
    store: Store, person_id: int | None, program_id: str, scope: ProgramScope = LOCAL
) -> FollowPreview:
    """The program (among those the scope sees), the one the person follows now (and its stage), and how
    many logged sessions stay in their history, labelled by program. Read-only."""
    program, builtin = find_program(store, program_id, scope)
    current: Program | None = None
    current_stage: str | None = None
    kept = 0
    asks = False
    if person_id is not None:
        with store.read():
            person = people.get_person(store, person_id)
            asks = scope.is_patient and is_prescribed(store, person)
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
        needs_approval=asks and not (current is not None and current.id == program.id),
    )
