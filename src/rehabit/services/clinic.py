"""What a clinician does for their patients: the patient list with adherence, pain and flags; assigning
a program and a starting stage; adjusting doses. The web app's clinic pages are a thin face on this.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from pydantic import BaseModel

from rehabit.errors import NotFoundError, RehabitError
from rehabit.model import Dose, IntRange, Program
from rehabit.programs import builtin_programs, parse_program
from rehabit.services import course, planning
from rehabit.services.accounts import AccountRecord, list_audit, patients_of
from rehabit.services.course import person_thresholds
from rehabit.services.programs import follow_version, save_program
from rehabit.store import ProgramVersionRecord, Store, decisions, doses, people, programs, sessions
from rehabit.store.clinic import patient_counts

WINDOW_DAYS = 28  # adherence and pain are measured over the last four weeks


@dataclass(frozen=True)
class PatientSummary:
    """One line of the patient list."""

    person_id: int
    name: str
    sessions_done: int
    sessions_planned: int
    adherence_percent: int | None  # None when nothing was planned
    pain_first: int | None
    pain_last: int | None
    pain_change: int | None
    pain_trend: str  # "better", "worse", "steady" or "not logged"
    flags: tuple[str, ...]


def _trend(change: int | None) -> str:
    if change is None:
        return "not logged"
    if change <= -2:
        return "better"
    if change >= 2:
        return "worse"
    return "steady"


def patient_summaries(store: Store, person_ids: list[int], today: date) -> list[PatientSummary]:
    """For each profile: sessions done vs planned over the last four weeks (planned up to yesterday and
    anything done today), the pain before sessions first vs last, and flags (PAIN-4, screening).
    """
    first_day = today - timedelta(days=WINDOW_DAYS)
    since = datetime.combine(first_day, time(), tzinfo=UTC)
    until = datetime.combine(today + timedelta(days=1), time(), tzinfo=UTC)
    summaries = []
    for counts in patient_counts(store, person_ids, first_day, today, since, until):
        first = counts.pain_before[0] if counts.pain_before else None
        last = counts.pain_before[-1] if counts.pain_before else None
        change = None if first is None or last is None else last - first
        flags: list[str] = []
        if counts.refer_decisions:
            flags.append(f"PAIN-4: stop and refer ({counts.refer_decisions} in 4 weeks)")
        if counts.screening is None:
            flags.append("not screened yet")
        elif counts.screening == "emergency":
            flags.append("SCREEN-2: urgent referral")
        elif counts.screening == "needs_clearance":
            flags.append("SCREEN-3: needs clearance")
        planned = max(counts.planned, counts.done)
        summaries.append(
            PatientSummary(
                person_id=counts.person_id,
                name=counts.name or f"patient {counts.person_id}",
                sessions_done=counts.done,
                sessions_planned=planned,
                adherence_percent=round(100 * counts.done / planned) if planned else None,
                pain_first=first,
                pain_last=last,
                pain_change=change,
                pain_trend=_trend(change),
                flags=tuple(flags),
            )
        )
    return summaries


@dataclass(frozen=True)
class ProgramChoice:
    """A program a clinician can assign: `key` is "builtin:<id>" or "version:<stored version id>"."""

    key: str
    title: str
    stages: tuple[str, ...]


def program_choices(store: Store) -> list[ProgramChoice]:
    """The built-in programs and the newest stored version of every imported or written one."""
    choices = [
        ProgramChoice(f"builtin:{pid}", f"{p.title} (built in)", tuple(s.name for s in p.stages))
        for pid, p in sorted(builtin_programs().items())
    ]
    newest: dict[str, int] = {}
    for version in programs.list_program_versions(store):
        if version.source_kind != "builtin":
            newest[version.slug] = max(newest.get(version.slug, 0), version.id)
    for version_id in sorted(newest.values()):
        record = programs.get_program_version(store, version_id)
        program = record.program
        choices.append(
            ProgramChoice(
                f"version:{record.id}",
                f"{program.title} (v{record.version}, {record.source_kind})",
                tuple(s.name for s in program.stages),
            )
        )
    return choices


def resolve_program(store: Store, key: str, written: str = "") -> ProgramVersionRecord:
    """The stored version for a choice key, or for a written program file (YAML), stored now."""
    if written.strip():
        return save_program(store, parse_program(written, "written program"), "file")
    kind, _, value = key.partition(":")
    if kind == "builtin" and value in builtin_programs():
        return programs.save_program_version(store, builtin_programs()[value], "builtin")
    if kind == "version" and value.isdigit():
        return programs.get_program_version(store, int(value))
    raise NotFoundError(f"no program {key!r}")


def assign_program(
    store: Store, person_id: int, key: str, stage_index: int, today: date, written: str = ""
) -> tuple[Program, bool]:
    """Put the patient on a program at a starting stage and plan again when their screen allows it.
    Returns the program and whether a new plan was made.
    """
    with store.transaction():
        version = resolve_program(store, key, written)
        followed = follow_version(store, person_id, version, today, stage_index=stage_index)
    return followed.program, followed.plan is not None


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


class PatientLine(BaseModel):
    """One patient in the list: adherence over 4 weeks, pain before sessions first vs last, flags."""

    person_id: int
    name: str
    sessions_done: int
    sessions_planned: int
    adherence_percent: int | None
    pain_first: int | None
    pain_last: int | None
    pain_change: int | None
    pain_trend: str
    flags: list[str]


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
    stage_index: int
    stages: list[str]
    doses: list[DoseLine]
    thresholds: dict[str, Any]
    sessions: list[SessionLine]
    decisions: list[DecisionLine]
    program_choices: list[ChoiceLine]
    handout_url: str


class AccountLine(BaseModel):
    id: int
    username: str
    display_name: str
    role: str
    person_id: int | None
    disabled: bool


class AuditLine(BaseModel):
    at: str
    username: str
    action: str
    person_id: int | None
    detail: str


def _line(summary: PatientSummary) -> PatientLine:
    return PatientLine(**{**summary.__dict__, "flags": list(summary.flags)})


def patient_lines(store: Store, clinician: AccountRecord, today: date) -> list[PatientLine]:
    """The clinician's patients, one line each."""
    return [_line(s) for s in patient_summaries(store, patients_of(store, clinician), today)]


def patient_view(store: Store, person_id: int, today: date) -> PatientView:
    """Everything the clinician's page about one patient shows (read-only)."""
    person = people.get_person(store, person_id)
    version = programs.person_program(store, person_id)
    program = version.program
    current = doses.current_doses(store, person_id)
    names = {e.id: e.name for e in program.exercises}
    logs = sessions.list_sessions(store, person_id, limit=20)
    return PatientView(
        summary=_line(patient_summaries(store, [person_id], today)[0]),
        program_id=program.id,
        program_title=program.title,
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
        program_choices=[ChoiceLine(key=c.key, title=c.title, stages=list(c.stages)) for c in program_choices(store)],
        handout_url=f"/clinic/patients/{person_id}/handout.pdf",
    )


def account_line(account: AccountRecord) -> AccountLine:
    return AccountLine(
        id=account.id,
        username=account.username,
        display_name=account.display_name,
        role=account.role,
        person_id=account.person_id,
        disabled=account.disabled,
    )


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
