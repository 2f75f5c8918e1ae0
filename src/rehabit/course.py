"""A person's course through their program, kept in the store: decisions, current doses, stage, PSFS.

`update_course` is what runs after a session is logged and again when the next-morning pain arrives:
it replays the person's whole log through the progression engine (progression.py) with the person's
own thresholds, stores the decisions afresh, and sets the current doses and stage the planner uses.
Replaying keeps it simple and exact: a late next-morning pain changes the decisions of the session it
belongs to, and the stored decisions always agree with the log.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from rehabit.course_changes import SETTINGS_KEY as CHANGES_KEY
from rehabit.course_changes import CourseChange, outside_change, recorded_changes, written_state
from rehabit.errors import RehabitError
from rehabit.ladder import Rung
from rehabit.model import Dose, Program
from rehabit.progression import (
    Course,
    Decision,
    ExerciseOutcome,
    Progression,
    SessionOutcome,
    SetOutcome,
    outcome_from_sets,
)
from rehabit.rules import Thresholds
from rehabit.store import (
    PersonRecord,
    SessionLogRecord,
    Store,
    decisions,
    doses,
    people,
    plans,
    programs,
    sessions,
    utcnow,
)

THRESHOLDS_KEY = "thresholds"
STAGE_PREFIX = "stage:"
MAX_PSFS_ACTIVITIES = 5


def local_date(moment: datetime) -> date:
    """The calendar day of a stored (UTC) time, in the machine's local time zone."""
    return moment.astimezone().date()


# --- thresholds -------------------------------------------------------------------------------------------


def person_thresholds(person: PersonRecord) -> Thresholds:
    """The person's thresholds: CLINICAL.md's defaults with whatever was changed for them."""
    stored = person.settings.get(THRESHOLDS_KEY) or {}
    try:
        return Thresholds(**stored)
    except ValidationError as error:
        raise RehabitError(f"the stored thresholds are not valid: {_first_error(error)}") from None


def set_thresholds(store: Store, person_id: int, changes: Mapping[str, str | int | float]) -> Thresholds:
    """Change some of a person's thresholds (validated together) and return the result."""
    person = people.get_person(store, person_id)
    known = Thresholds.model_fields
    for name in changes:
        if name not in known:
            raise RehabitError(f"no threshold {name!r} (thresholds: {', '.join(known)})")
    merged: dict[str, Any] = {**(person.settings.get(THRESHOLDS_KEY) or {}), **changes}
    try:
        thresholds = Thresholds(**merged)
    except ValidationError as error:
        raise RehabitError(f"threshold not changed: {_first_error(error)}") from None
    changed = {name: value for name, value in thresholds.model_dump().items() if name in merged}
    people.update_person(store, person_id, settings={**person.settings, THRESHOLDS_KEY: changed})
    return thresholds


def reset_thresholds(store: Store, person_id: int, names: Sequence[str] = ()) -> Thresholds:
    """Put the named thresholds (all when none are named) back to CLINICAL.md's defaults."""
    person = people.get_person(store, person_id)
    stored = dict(person.settings.get(THRESHOLDS_KEY) or {})
    for name in names:
        if name not in Thresholds.model_fields:
            raise RehabitError(f"no threshold {name!r} (thresholds: {', '.join(Thresholds.model_fields)})")
    kept = {name: value for name, value in stored.items() if names and name not in names}
    people.update_person(store, person_id, settings={**person.settings, THRESHOLDS_KEY: kept})
    return Thresholds(**kept)


def _first_error(error: ValidationError) -> str:
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
    )


def closed_sessions(store: Store, person_id: int) -> list[SessionLogRecord]:
    """The person's sessions that progression reads: finished or abandoned (not one still running)."""
    return [log for log in sessions.list_sessions(store, person_id) if log.status != "in_progress"]


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
    engine = _engine(store, person)
    pending = outside_change(engine, person, doses.current_doses(store, person_id), utcnow())
    changes = recorded_changes(person) + ([pending] if pending is not None else [])
    logs = sorted(closed_sessions(store, person_id), key=lambda log: log.started_at)
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


def _engine(store: Store, person: PersonRecord) -> Progression:
    program = programs.person_program(store, person.id).program
    return Progression(program, person_thresholds(person), person.equipment)


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
        people.update_person(
            store,
            person_id,
            stage_index=update.course.stage_index,
            settings={**person.settings, CHANGES_KEY: state},
        )
    return update


def _store_decisions(store: Store, person_id: int, update: CourseUpdate) -> None:
    """Replace the stored decisions of the sessions whose decisions changed (usually only the latest)."""
    stored: dict[int | None, list[tuple[Any, ...]]] = {}
    for record in decisions.list_decisions(store, person_id):
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
    stale = [key for key in stored if key is None or wanted.get(key) != stored[key]]
    if stale:
        if None in stale:
            decisions.delete_decisions(store, person_id)
            stale = list(stored)
        else:
            decisions.delete_decisions(store, person_id, session_log_ids=[key for key in stale if key is not None])
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


def plan_adjustments(store: Store, person_id: int) -> PlanAdjustments:
    """Bring progression up to date (`update_course`), then say what the planner must change beyond
    doses and stage: easier variations in use, exercises paused (PAIN-4).

    Raises RehabitError when rising pain paused the whole program: the person should see a professional.
    """
    update = update_course(store, person_id)
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


@dataclass(frozen=True)
class AfterSession:
    """What `after_session` did: the latest session's decisions, whether the coming sessions were planned
    again with the new doses, and advice when planning stopped (e.g. PAIN-4 paused the program)."""

    decisions: list[Decision]
    replanned: bool
    advice: str | None = None
    messages: tuple[str, ...] = ()


def after_session(store: Store, person_id: int, today: date) -> AfterSession:
    """Run after a session is logged or a next-morning pain is recorded: decide, store, and when a dose or
    the stage changed, plan the sessions still to come again so they use the new doses."""
    from rehabit import planning  # planning imports this module

    update = update_course(store, person_id)
    latest = update.logs[-1] if update.logs else None
    found = update.decisions.get(latest.id, []) if latest is not None else []
    messages = tuple(_news(update.program, d) for d in found if d.kind.value != "hold")
    if not messages:
        return AfterSession(found, False)
    coming = plans.next_planned_sessions(store, person_id, today, limit=1000)
    if not coming:
        return AfterSession(found, False, messages=messages)
    weeks = max(1, -(-((coming[-1].on_date - today).days + 1) // 7))
    try:
        planning.plan_for_person(store, person_id, today, min(weeks, planning.MAX_WEEKS))
    except RehabitError as error:
        return AfterSession(found, False, str(error), messages + (str(error),))
    return AfterSession(found, True, messages=messages + ("Your coming sessions now use these doses.",))


def _news(program: Program, decision: Decision) -> str:
    """One line for the person, e.g. "Glute bridge: up to 12 reps · hold 2 s next time (DOSE-1)"."""
    name = decision_name(program, decision)
    after = "" if decision.dose_after is None else decision.dose_after.describe(program)
    if decision.rule_id == "STAGE-1":
        return f"New stage: {decision.facts} (STAGE-1)."
    if decision.kind.value == "stop_and_refer":
        return f"{name}: paused — {decision.facts}. Please see a health professional before doing it again (PAIN-4)."
    direction = "up to" if decision.kind.value == "progress" else "down to"
    return f"{name}: {direction} {after} next time — {decision.facts} ({decision.rule_id})."
