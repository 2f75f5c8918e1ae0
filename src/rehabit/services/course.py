"""A person's course through their program, kept in the store: decisions, current doses, stage.

`update_course` is what runs when a session finishes, when a next-morning pain arrives and when a rule
setting changes: it replays the person's log on their current program through the progression engine
(domain/progression.py) with the person's own thresholds, stores the decisions afresh, and sets the
current doses and stage the planner uses. Replaying keeps it simple and exact: a late next-morning pain
changes the decisions of the session it belongs to, and the stored decisions always agree with the log.
Reads never replay: they read what `update_course` stored — including what PAIN-4 paused (`pauses`),
which session start, Today and the plan read without a replay. Sessions of a program the person
followed before keep their stored decisions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from pydantic import ValidationError

from rehabit.domain.course_changes import SETTINGS_KEY as CHANGES_KEY
from rehabit.domain.course_changes import CourseChange, outside_change, recorded_changes, written_state
from rehabit.domain.ladder import Rung
from rehabit.domain.progression import (
    Course,
    Decision,
    ExerciseOutcome,
    Progression,
    SessionOutcome,
    SetOutcome,
    outcome_from_sets,
)
from rehabit.domain.rules import Thresholds
from rehabit.errors import RehabitError
from rehabit.model import Dose, Program
from rehabit.store import (
    PersonRecord,
    SessionLogRecord,
    Store,
    decisions,
    doses,
    people,
    programs,
    sessions,
    utcnow,
)

THRESHOLDS_KEY = "thresholds"
STAGE_PREFIX = "stage:"


def local_date(moment: datetime) -> date:
    """The calendar day of a stored (UTC) time, in the machine's local time zone."""
    quarter = moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)
    return (moment + _local_offset(quarter)).date()


@lru_cache(maxsize=8192)
def _local_offset(quarter: datetime) -> timedelta:
    # asking the system for the zone's offset is slow; offsets change only on a quarter hour (daylight saving)
    offset = quarter.astimezone().utcoffset() or timedelta()
    return offset - (quarter.utcoffset() or timedelta())


# --- thresholds -------------------------------------------------------------------------------------------


def person_thresholds(person: PersonRecord) -> Thresholds:
    """The person's thresholds: CLINICAL.md's defaults with whatever was changed for them."""
    return thresholds_of(person.settings)


def thresholds_of(settings: Mapping[str, Any]) -> Thresholds:
    """The thresholds kept in a profile's settings (defaults for what is not there)."""
    stored = settings.get(THRESHOLDS_KEY) or {}
    try:
        return Thresholds(**stored)
    except ValidationError as error:
        raise RehabitError(f"the stored thresholds are not valid: {first_error(error)}") from None


def first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


# --- logs -> outcomes -> decisions ------------------------------------------------------------------------


def session_outcome(log: SessionLogRecord) -> SessionOutcome:
    """A stored session log as the progression engine reads it."""
    by_exercise: dict[str, list[SetOutcome]] = {}
    for logged in log.sets:
        by_exercise.setdefault(logged.exercise_id, []).append(
            SetOutcome(
                set_number=logged.set_number,
                reps_done=logged.reps_done,
                seconds_held=logged.seconds_held,
                pain=logged.pain_during,
                stopped_for_pain=logged.stopped_for_pain,
                side=logged.side,
            )
        )
    exercises: tuple[ExerciseOutcome, ...] = tuple(
        outcome_from_sets(exercise_id, sets) for exercise_id, sets in by_exercise.items()
    )
    return SessionOutcome(
        on=local_date(log.started_at),
        exercises=exercises,
        pain_before=log.pain_before,
        pain_after=log.pain_after,
        pain_next_morning=log.pain_next_morning,
        next_morning_asked=log.next_morning_asked,
        extra=log.extra,
    )


def closed_sessions(store: Store, person_id: int, program_slug: str | None = None) -> list[SessionLogRecord]:
    """The person's sessions that progression reads: finished or abandoned (not one still running),
    of the program `program_slug` when given (any program otherwise)."""
    logs = [log for log in sessions.list_sessions(store, person_id) if log.status != "in_progress"]
    if program_slug is None:
        return logs
    slugs: dict[int, str] = {}
    for log in logs:
        if log.program_version_id not in slugs:
            slugs[log.program_version_id] = programs.get_program_version(store, log.program_version_id).slug
    return [log for log in logs if slugs[log.program_version_id] == program_slug]


@dataclass(frozen=True)
class CourseUpdate:
    """What `update_course` found: the engine, where the person starts and is now, decisions per session."""

    program: Program
    engine: Progression
    start: Course
    course: Course
    logs: list[SessionLogRecord]
    decisions: dict[int, list[Decision]]
    changes: list[CourseChange] = field(default_factory=list)

    def all_decisions(self) -> list[Decision]:
        """Every decision in session order."""
        return [decision for log in self.logs for decision in self.decisions.get(log.id, [])]


def replay_course(store: Store, person_id: int) -> CourseUpdate:
    """Replay the person's log through the engine with their thresholds and course changes; store nothing.

    A stage or dose set by hand since progression last wrote them counts as a course change from now.
    """
    person = people.get_person(store, person_id)
    program = programs.person_program(store, person.id).program
    engine = Progression(program, person_thresholds(person), person.equipment)
    pending = outside_change(engine, person, doses.current_doses(store, person_id), utcnow())
    changes = recorded_changes(person) + ([pending] if pending is not None else [])
    logs = sorted(closed_sessions(store, person_id, program.id), key=lambda log: log.started_at)
    course = engine.start(0)
    waiting = list(changes)
    start: Course | None = None
    found: dict[int, list[Decision]] = {}
    for log in logs:
        while waiting and waiting[0].at <= log.started_at:
            change = waiting.pop(0)
            course = engine.reset(course, change.stage_index, change.rungs)
        start = start or course
        course, found[log.id] = engine.apply(course, session_outcome(log))
    for change in waiting:
        course = engine.reset(course, change.stage_index, change.rungs)
    return CourseUpdate(engine.program, engine, start or course, course, logs, found, changes)


def update_course(store: Store, person_id: int) -> CourseUpdate:
    """After a session is logged or its next-morning pain arrives: store decisions, doses and stage.

    All in one transaction: the person's decisions are replaced by the replay's, each exercise of the
    current stage gets its current dose (the planner's dose overrides) and the profile its stage. A
    stage or dose someone set by hand since the last run is kept as a course change (course_changes.py).
    """
    with store.transaction():
        person = people.get_person(store, person_id)
        update = replay_course(store, person_id)
        _store_decisions(store, person_id, update)
        # Before the first session the program's own ranges stand; progression sets doses from then on.
        written = _current_doses(update) if update.logs else {}
        for slot, (dose, step) in written.items():
            doses.set_current_dose(store, person_id, slot, dose, step)
        state = written_state(update.course.stage_index, {s: d for s, (d, _) in written.items()}, update.changes)
        state.update(_pause_document(update, person))
        people.update_person(
            store,
            person_id,
            stage_index=update.course.stage_index,
            settings={**person.settings, CHANGES_KEY: state},
        )
    return update


@dataclass(frozen=True)
class Pauses:
    """What PAIN-4 paused, as `update_course` last stored it: the whole program (since `referred_on`,
    with the facts), and single exercises (slot -> facts); `resumes` logs each resume after a referral."""

    referred_on: date | None
    referral_facts: str
    exercises: dict[str, str]
    resumes: tuple[dict[str, str], ...]


def pauses(person: PersonRecord) -> Pauses:
    """What is paused for the person now (read from the profile: no replay)."""
    return pauses_of(person.settings)


def pauses_of(settings: Mapping[str, Any]) -> Pauses:
    """What is paused, as a profile's settings keep it."""
    state = settings.get(CHANGES_KEY) or {}
    referred = state.get("referred") or {}
    on = referred.get("on")
    return Pauses(
        referred_on=None if not on else date.fromisoformat(str(on)),
        referral_facts=str(referred.get("facts") or ""),
        exercises={str(k): str(v) for k, v in dict(state.get("paused") or {}).items()},
        resumes=tuple(dict(item) for item in state.get("resumes") or []),
    )


def _pause_document(update: CourseUpdate, person: PersonRecord) -> dict[str, Any]:
    course = update.course
    referred: dict[str, str] | None = None
    if course.referred_on is not None:
        found = [
            d.facts
            for d in update.all_decisions()
            if d.rule_id == "PAIN-4" and d.on == course.referred_on and d.facts.startswith("weekly")
        ]
        facts = found[0] if found else "weekly average pain rose over two weeks"
        referred = {"on": course.referred_on.isoformat(), "facts": facts}
    exercises = {} if referred else update.engine.paused(course)
    before = person.settings.get(CHANGES_KEY) or {}
    return {"referred": referred, "paused": exercises, "resumes": list(before.get("resumes") or [])}


def stop_decision(store: Store, person_id: int, exercise_id: str, pain: int | None, on: date) -> Decision | None:
    """What a stop for pain in the session going on will decide for the exercise when it is finished (the
    engine's own rules on the course as logged so far); stores nothing."""
    update = replay_course(store, person_id)
    return update.engine.stop_decision(update.course, exercise_id, pain, on)


def _store_decisions(store: Store, person_id: int, update: CourseUpdate) -> None:
    """Replace the stored decisions of the sessions whose decisions changed (usually only the latest).

    Only the replayed sessions are looked at: decisions of sessions on another program stay as they are.
    """
    replayed = {log.id for log in update.logs}
    stored: dict[int, list[tuple[Any, ...]]] = {}
    for record in decisions.list_decisions(store, person_id):
        if record.session_log_id not in replayed:
            continue
        stored.setdefault(record.session_log_id, []).append(
            (record.exercise_id, record.kind, record.rule_id, record.facts, record.old_dose, record.new_dose)
        )
    wanted: dict[int, list[tuple[Any, ...]]] = {}
    for log in update.logs:
        wanted[log.id] = [
            (
                _stored_exercise_id(update.program, d),
                d.kind.value,
                d.rule_id,
                d.facts,
                _dose_of(update.program, d.dose_before),
                _dose_of(update.program, d.dose_after),
            )
            for d in update.decisions.get(log.id, [])
        ]
    stale = [key for key in stored if wanted.get(key) != stored[key]]
    if stale:
        decisions.delete_decisions(store, person_id, session_log_ids=stale)
    for log in update.logs:
        if log.id in stored and log.id not in stale:
            continue
        when = log.finished_at or log.started_at
        for exercise_id, kind, rule_id, facts, old_dose, new_dose in wanted[log.id]:
            decisions.add_decision(
                store,
                person_id,
                exercise_id,
                kind,
                rule_id,
                facts,
                old_dose=old_dose,
                new_dose=new_dose,
                session_log_id=log.id,
                created_at=when,
            )


def _current_doses(update: CourseUpdate) -> dict[str, tuple[Dose, int]]:
    """Each exercise of the current stage: its rung's dose, or a dose set by hand that still stands."""
    engine, course = update.engine, update.course
    latest = update.changes[-1] if update.changes else None
    written: dict[str, tuple[Dose, int]] = {}
    for slot in engine.stage_slots(course.stage_index):
        rung = engine.rung(course, slot)
        step = engine.ladder(slot).index_of(rung)
        dose = rung.to_dose(update.program.exercise(rung.exercise_id))
        if latest is not None and slot in latest.custom and latest.rungs.get(slot) == step:
            moved = any(
                d.exercise_id == slot and d.dose_after != d.dose_before
                for log in update.logs
                if log.started_at > latest.at
                for d in update.decisions.get(log.id, [])
            )
            if not moved:
                dose = Dose.model_validate(latest.custom[slot])
        written[slot] = (dose, step)
    return written


def _stored_exercise_id(program: Program, decision: Decision) -> str:
    if decision.exercise_id is not None:
        return decision.exercise_id
    return STAGE_PREFIX + program.stages[decision.stage_index].id if program.stages else STAGE_PREFIX


def _dose_of(program: Program, rung: Rung | None) -> Dose | None:
    return None if rung is None else rung.to_dose(program.exercise(rung.exercise_id))


def decision_name(program: Program, decision: Decision) -> str:
    """What a decision is about, in words: the exercise's name, or "Stage" for STAGE-1."""
    if decision.exercise_id is None:
        return "Stage"
    return program.exercise(decision.exercise_id).name


# --- planning -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanAdjustments:
    """What progression tells the planner beyond doses: variations to do instead, exercises left out."""

    instead: dict[str, str]
    leave_out: dict[str, str]


def plan_adjustments(update: CourseUpdate) -> PlanAdjustments:
    """What the planner must change beyond doses and stage, from a course brought up to date: easier
    variations in use, exercises paused (PAIN-4).

    Raises RehabitError when rising pain paused the whole program: the person should see a professional.
    """
    engine, course = update.engine, update.course
    if course.referred_on is not None:
        raise RehabitError(
            f"your pain has been rising since {course.referred_on.isoformat()}, so rehabit has paused your "
            "program (PAIN-4): please see a health professional before planning more sessions"
        )
    planned = engine.doses(course)
    instead = {slot: variation for slot, (variation, _) in planned.items() if variation != slot}
    leave_out = {
        slot: "it was stopped for pain twice within two weeks; see a health professional first (PAIN-4)"
        for slot in engine.stage_slots(course.stage_index)
        if slot not in planned
    }
    return PlanAdjustments(instead, leave_out)
