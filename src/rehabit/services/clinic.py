"""What a clinician does for their patients: the patient list (`rehabit.services.attention`), one patient's
page, assigning a program and a starting stage (a prescription that holds), answering a patient's request
to follow another program, adjusting doses. The web app's clinic pages are a thin face on this.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from rehabit.errors import NotFoundError, RehabitError
from rehabit.model import Dose, IntRange, Program
from rehabit.programs import builtin_programs, parse_program
from rehabit.services import attention, course, planning
from rehabit.services.accounts import AccountRecord, list_audit, patients_of
from rehabit.services.attention import PatientLine
from rehabit.services.course import person_thresholds
from rehabit.services.notes import NoteLine, RequestLine, note_lines, request_line
from rehabit.services.programs import ProgramScope, follow_version, is_prescribed, save_program
from rehabit.store import ProgramVersionRecord, Store, decisions, doses, people, prescriptions, programs, sessions
from rehabit.store import accounts as account_rows

__all__ = [
    "AccountLine",
    "AuditLine",
    "DoseLine",
    "PatientLine",
    "PatientView",
    "account_lines",
    "adjust_dose",
    "answer_request",
    "assign_program",
    "audit_lines",
    "patient_lines",
    "patient_view",
    "program_choices",
]


@dataclass(frozen=True)
class ProgramChoice:
    """A program a clinician can assign: `key` is "builtin:<id>" or "version:<stored version id>"."""

    key: str
    title: str
    stages: tuple[str, ...]


def program_choices(store: Store, person_id: int | None = None) -> list[ProgramChoice]:
    """The built-in programs, the newest version of every shared stored one and, for a patient, of each
    of their own."""
    choices = [
        ProgramChoice(f"builtin:{pid}", f"{p.title} (built in)", tuple(s.name for s in p.stages))
        for pid, p in sorted(builtin_programs().items())
    ]
    owners: list[tuple[int | None, str]] = [(None, "")] + ([(person_id, ", their own")] if person_id else [])
    for owner, label in owners:
        newest: dict[str, ProgramVersionRecord] = {}
        for version in programs.list_program_versions(store, owner):
            if version.source_kind != "builtin":
                newest[version.slug] = version  # oldest first: the newest wins
        for record in sorted(newest.values(), key=lambda r: r.id):
            program = record.program
            choices.append(
                ProgramChoice(
                    f"version:{record.id}",
                    f"{program.title} (v{record.version}, {record.source_kind}{label})",
                    tuple(s.name for s in program.stages),
                )
            )
    return choices


def resolve_program(store: Store, person_id: int, key: str, written: str = "") -> ProgramVersionRecord:
    """The stored version for a choice key (shared, or the patient's own), or for a written program file
    (YAML), stored now among the shared programs."""
    if written.strip():
        return save_program(store, parse_program(written, "written program"), "file")
    kind, _, value = key.partition(":")
    if kind == "builtin" and value in builtin_programs():
        return programs.save_program_version(store, builtin_programs()[value], "builtin")
    if kind == "version" and value.isdigit() and 0 < int(value) < 2**63:
        try:
            version = programs.get_program_version(store, int(value))
        except NotFoundError:
            version = None
        if version is not None and version.owner_person_id in (None, person_id):
            return version
    raise NotFoundError(f"no program {key!r}")


def assign_program(
    store: Store, clinician: AccountRecord, person_id: int, key: str, stage_index: int, today: date, written: str = ""
) -> tuple[Program, bool]:
    """Put the patient on a program at a starting stage (it holds: the patient asks to follow another)
    and plan again when their screen allows it. Returns the program and whether a new plan was made."""
    with store.transaction():
        version = resolve_program(store, person_id, key, written)
        followed = follow_version(
            store, person_id, version, today, stage_index=stage_index, scope=ProgramScope(clinician, person_id)
        )
        prescriptions.prescribe(store, person_id, version.id, clinician.id)
        account_rows.add_audit(
            store, clinician.id, clinician.username, "assigned a program", person_id, f"version {version.id}"
        )
    return followed.program, followed.plan is not None


def answer_request(
    store: Store, clinician: AccountRecord, person_id: int, request_id: int, *, approve: bool, today: date
) -> RequestLine:
    """Approve (the patient follows the program asked for, and it is now the prescribed one) or decline a
    patient's open request; noted in the audit trail. NotFoundError for another patient's request."""
    with store.transaction():
        request = prescriptions.get_request(store, request_id)
        if request.person_id != person_id:
            raise NotFoundError(f"no request with id {request_id}")
        decided = prescriptions.decide_request(store, request_id, "approved" if approve else "declined", clinician.id)
        if decided is None:
            raise RehabitError("this request was answered already")
        if approve:
            version = programs.get_program_version(store, request.program_version_id)
            scope = ProgramScope(clinician, person_id)
            follow_version(store, person_id, version, today, stage_index=request.stage_index, scope=scope)
            prescriptions.prescribe(store, person_id, version.id, clinician.id)
        action = "approved a program request" if approve else "declined a program request"
        account_rows.add_audit(store, clinician.id, clinician.username, action, person_id, f"request {request_id}")
        return request_line(store, decided)


def adjust_dose(
    store: Store,
    person_id: int,
    exercise_id: str,
    *,
    reps: tuple[int, int] | None,
    hold_s: tuple[int, int] | None,
    sets: tuple[int, int],
    today: date,
) -> DoseLine:
    """Set the patient's current dose of one exercise (their program's other dose settings kept); the
    course takes it as a change from now on, and the coming sessions are planned again with it."""
    version = programs.person_program(store, person_id)
    try:
        exercise = version.program.exercise(exercise_id)
    except KeyError:
        raise NotFoundError(f"no exercise {exercise_id!r} in the patient's program") from None
    try:
        dose = exercise.dose.model_copy(
            update={
                "reps": IntRange.of(*reps) if reps else None,
                "hold_s": IntRange.of(*hold_s) if hold_s else None,
                "sets": IntRange.of(*sets),
            }
        )
        dose = Dose.model_validate(dose.model_dump())
    except ValueError as error:
        raise RehabitError(f"that dose is not possible: {error}") from None
    with store.transaction():
        current = doses.get_current_dose(store, person_id, exercise_id)
        doses.set_current_dose(store, person_id, exercise_id, dose, current.ladder_step if current else 0)
        planning.replan_coming(store, person_id, today, course.update_course(store, person_id))
    return DoseLine(exercise_id=exercise_id, name=exercise.name, dose=dose.describe(), adjusted=True)


# --- documents of the clinic pages ---------------------------------------------------------------------------


class DoseLine(BaseModel):
    exercise_id: str
    name: str
    dose: str
    adjusted: bool


class SessionLine(BaseModel):
    id: int
    started: str
    status: str
    pain_before: int | None
    pain_after: int | None
    pain_next_morning: int | None
    sets: int


class DecisionLine(BaseModel):
    on: str
    exercise_id: str
    kind: str
    rule_id: str
    facts: str


class ChoiceLine(BaseModel):
    key: str
    title: str
    stages: list[str]


class PatientView(BaseModel):
    """Everything the clinician's page about one patient shows."""

    summary: PatientLine
    program_id: str
    program_title: str
    prescribed: bool
    stage_index: int
    stages: list[str]
    doses: list[DoseLine]
    thresholds: dict[str, Any]
    sessions: list[SessionLine]
    decisions: list[DecisionLine]
    program_choices: list[ChoiceLine]
    requests: list[RequestLine]
    notes: list[NoteLine]
    handout_url: str


class AccountLine(BaseModel):
    id: int
    username: str
    display_name: str
    role: str
    person_id: int | None
    disabled: bool
    clinicians: list[str]  # a patient's clinicians (user names)


class AuditLine(BaseModel):
    at: str
    username: str
    action: str
    person_id: int | None
    detail: str


def patient_lines(store: Store, clinician: AccountRecord, today: date) -> list[PatientLine]:
    """The clinician's patients, one line each, those who need attention first."""
    return attention.patient_lines(store, patients_of(store, clinician), today)


def patient_view(store: Store, person_id: int, today: date) -> PatientView:
    """Everything the clinician's page about one patient shows (read-only)."""
    summary = attention.patient_lines(store, [person_id], today)[0]
    with store.read():
        person = people.get_person(store, person_id)
        version = programs.person_program(store, person_id)
        program = version.program
        current = doses.current_doses(store, person_id)
        names = {e.id: e.name for e in program.exercises}
        logs = sessions.list_sessions(store, person_id, limit=20)
        return PatientView(
            summary=summary,
            program_id=program.id,
            program_title=program.title,
            prescribed=is_prescribed(store, person),
            stage_index=person.stage_index,
            stages=[s.name for s in program.stages],
            doses=[
                DoseLine(
                    exercise_id=e.id,
                    name=e.name,
                    dose=(current[e.id].dose if e.id in current else e.dose).describe(),
                    adjusted=e.id in current,
                )
                for e in program.exercises
            ],
            thresholds=person_thresholds(person).model_dump(),
            sessions=[
                SessionLine(
                    id=log.id,
                    started=log.started_at.isoformat(timespec="minutes"),
                    status=log.status,
                    pain_before=log.pain_before,
                    pain_after=log.pain_after,
                    pain_next_morning=log.pain_next_morning,
                    sets=len(log.sets),
                )
                for log in reversed(logs)
            ],
            decisions=[
                DecisionLine(
                    on=d.created_at.date().isoformat(),
                    exercise_id=names.get(d.exercise_id, d.exercise_id),
                    kind=d.kind,
                    rule_id=d.rule_id,
                    facts=d.facts,
                )
                for d in reversed(decisions.list_decisions(store, person_id)[-30:])
            ],
            program_choices=[
                ChoiceLine(key=c.key, title=c.title, stages=list(c.stages)) for c in program_choices(store, person_id)
            ],
            requests=[request_line(store, r) for r in prescriptions.latest_requests(store, person_id)],
            notes=note_lines(store, person_id),
            handout_url=f"/clinic/patients/{person_id}/handout.pdf",
        )


def account_lines(store: Store) -> list[AccountLine]:
    """Every account, with each patient's clinicians."""
    found = account_rows.list_accounts(store)
    person_ids = [a.person_id for a in found if a.person_id is not None]
    clinicians = account_rows.clinicians_of(store, person_ids)
    return [
        AccountLine(
            id=account.id,
            username=account.username,
            display_name=account.display_name,
            role=account.role,
            person_id=account.person_id,
            disabled=account.disabled,
            clinicians=[c.username for c in clinicians.get(account.person_id, [])] if account.person_id else [],
        )
        for account in found
    ]


def audit_lines(store: Store) -> list[AuditLine]:
    """The newest audit entries as the admin page shows them."""
    return [
        AuditLine(
            at=e.at.isoformat(timespec="seconds"),
            username=e.username,
            action=e.action,
            person_id=e.person_id,
            detail=e.detail,
        )
        for e in list_audit(store)
    ]
