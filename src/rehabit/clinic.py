"""What a clinician does for their patients: the patient list with adherence, pain and flags; assigning
a program and a starting stage; adjusting doses. The web app's clinic pages are a thin face on this.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from rehabit.errors import NotFoundError, RehabitError
from rehabit.model import Dose, IntRange, Program
from rehabit.programs import builtin_programs, parse_program
from rehabit.safety import exercise_allowed
from rehabit.store import Store, doses, people, programs, screenings
from rehabit.store.clinic import patient_counts

WINDOW_DAYS = 28  # adherence and pain are measured over the last four weeks
PLAN_WEEKS = 2  # how far ahead a new plan reaches after a program is assigned


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


def resolve_program(store: Store, key: str, written: str = "") -> tuple[int, Program]:
    """The stored version id and program for a choice key, or for a written program file (YAML)."""
    if written.strip():
        program = parse_program(written, "written program")
        return programs.save_program_version(store, program, "file").id, program
    kind, _, value = key.partition(":")
    if kind == "builtin" and value in builtin_programs():
        program = builtin_programs()[value]
        return programs.save_program_version(store, program, "builtin").id, program
    if kind == "version" and value.isdigit():
        record = programs.get_program_version(store, int(value))
        return record.id, record.program
    raise NotFoundError(f"no program {key!r}")


def assign_program(
    store: Store, person_id: int, key: str, stage_index: int, today: date, written: str = ""
) -> tuple[Program, bool]:
    """Put the patient on a program at a starting stage and plan again when their screen allows it.
    Returns the program and whether a new plan was made.
    """
    from rehabit import planning  # planning pulls in the planner; only needed here

    with store.transaction():
        version_id, program = resolve_program(store, key, written)
        if not 0 <= stage_index < max(1, len(program.stages)):
            raise RehabitError(f"the program {program.id!r} has no stage {stage_index + 1}")
        people.update_person(store, person_id, program_version_id=version_id, stage_index=stage_index)
        latest = screenings.latest_screening(store, person_id)
        planned = latest is not None and exercise_allowed(latest.result, latest.cleared_on) is None
        if planned:
            planning.plan_for_person(store, person_id, today, PLAN_WEEKS)
    return program, planned


def adjust_dose(
    store: Store,
    person_id: int,
    exercise_id: str,
    *,
    reps: tuple[int, int] | None,
    hold_s: tuple[int, int] | None,
    sets: tuple[int, int],
) -> Dose:
    """Set the patient's current dose of one exercise (their program's other dose settings kept)."""
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
    current = doses.get_current_dose(store, person_id, exercise_id)
    doses.set_current_dose(store, person_id, exercise_id, dose, current.ladder_step if current else 0)
    return dose
