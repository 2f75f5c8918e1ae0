"""What a person sees of their course: history of sessions and decisions, progress, PSFS ratings.

Read-side companions of course.py (which keeps decisions, doses and stage up to date): `rehabit history`,
`rehabit progress`, `rehabit psfs` and the web's history page call these.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from rehabit.course import (
    CourseUpdate,
    decision_name,
    local_date,
    person_thresholds,
    session_outcome,
    update_course,
)
from rehabit.errors import NotFoundError, RehabitError
from rehabit.model import Program
from rehabit.outcomes import (
    DosePoint,
    PainTrend,
    PsfsEntry,
    PsfsSummary,
    WeekCount,
    adherence,
    dose_history,
    pain_trend,
    psfs_summary,
    sessions_per_week,
)
from rehabit.progression import Decision
from rehabit.rules import Thresholds, rule
from rehabit.store import SessionLogRecord, Store, people, plans, psfs

__all__ = [
    "HistoryEntry",
    "ProgressReport",
    "decision_document",
    "decision_name",
    "history_document",
    "progress_report",
    "psfs_activities",
    "psfs_entries",
    "rate_psfs",
    "session_history",
]

MAX_PSFS_ACTIVITIES = 5


# --- PSFS -------------------------------------------------------------------------------------------------


def rate_psfs(
    store: Store, person_id: int, ratings: Sequence[tuple[str, int]], *, rated_at: datetime | None = None
) -> None:
    """Store one PSFS rating day: up to five named activities, each scored 0 (unable) to 10 (as before)."""
    if not ratings:
        raise RehabitError("name at least one activity and its score (0 unable … 10 as before)")
    names = [name.strip().lower() for name, _ in ratings]
    if len(set(names)) != len(names):
        raise RehabitError("each activity can be rated once per rating")
    if len(ratings) > MAX_PSFS_ACTIVITIES:
        raise RehabitError(f"rate at most {MAX_PSFS_ACTIVITIES} activities (got {len(ratings)})")
    with store.transaction():
        for name, score in ratings:
            psfs.add_psfs(store, person_id, name, score, rated_at=rated_at)


def psfs_activities(store: Store, person_id: int) -> list[str]:
    """The activities of the person's latest rating, in the order they were named."""
    records = psfs.list_psfs(store, person_id)
    if not records:
        return []
    last_day = local_date(records[-1].rated_at)
    return [r.activity for r in records if local_date(r.rated_at) == last_day]


def psfs_entries(store: Store, person_id: int) -> list[PsfsEntry]:
    """The person's PSFS ratings grouped by day (a later score for an activity that day wins)."""
    days: dict[date, dict[str, int]] = {}
    for record in psfs.list_psfs(store, person_id):
        days.setdefault(local_date(record.rated_at), {})[record.activity] = record.score
    return [PsfsEntry(day, scores) for day, scores in sorted(days.items())]


# --- progress -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressReport:
    """What `rehabit progress` shows: pain, sessions a week, stage, doses over time and now, PSFS."""

    update: CourseUpdate
    thresholds: Thresholds
    pain: PainTrend
    weeks: list[WeekCount]
    target: tuple[int, int]
    weeks_on_target: int
    weeks_counted: int
    doses: dict[str, list[DosePoint]]
    psfs: PsfsSummary
    stage_name: str | None
    stages: list[tuple[date, str]]
    lane_ends: dict[str, date]


def progress_report(store: Store, person_id: int, today: date | None = None) -> ProgressReport:
    """Gather a person's progress from the store (decisions brought up to date first)."""
    person = people.get_person(store, person_id)
    thresholds = person_thresholds(person)
    update = update_course(store, person_id)
    outcomes = [session_outcome(log) for log in update.logs]
    frequency = update.program.frequency_per_week
    weeks = sessions_per_week([o.on for o in outcomes], until=today)
    on_target, weeks_counted = adherence(weeks, frequency.min, frequency.max, today)
    first_day = outcomes[0].on if outcomes else (today or date.today())
    history = dose_history(update.engine, update.start, first_day, update.all_decisions()) if outcomes else {}
    program = update.program
    stages = [
        (d.on, program.stages[d.stage_index].name)
        for d in update.all_decisions()
        if d.rule_id == "STAGE-1" and program.stages
    ]
    return ProgressReport(
        update=update,
        thresholds=thresholds,
        pain=pain_trend(outcomes, thresholds, person.starting_pain),
        weeks=weeks,
        target=(frequency.min, frequency.max),
        weeks_on_target=on_target,
        weeks_counted=weeks_counted,
        doses=history,
        psfs=psfs_summary(psfs_entries(store, person_id), thresholds),
        stage_name=program.stages[update.course.stage_index].name if program.stages else None,
        stages=stages,
        lane_ends=_lane_ends(update),
    )


def _lane_ends(update: CourseUpdate) -> dict[str, date]:
    """For each exercise a stage change left behind, the day it left."""
    ends: dict[str, date] = {}
    engine = update.engine
    for decision in update.all_decisions():
        if decision.rule_id != "STAGE-1":
            continue
        staying = set(engine.stage_slots(decision.stage_index))
        for slot in engine.stage_slots(decision.stage_index - 1):
            if slot not in staying:
                ends.setdefault(slot, decision.on)
    return ends


# --- history ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    """One logged session with its completion and the decisions it led to."""

    log: SessionLogRecord
    on: date
    exercises_done: int
    exercises_planned: int
    decisions: list[Decision]


def session_history(store: Store, person_id: int) -> tuple[CourseUpdate, list[HistoryEntry]]:
    """Every closed session, oldest first, with completion and decisions (brought up to date first)."""
    update = update_course(store, person_id)
    entries: list[HistoryEntry] = []
    for log in update.logs:
        done = {s.exercise_id for s in log.sets}
        planned = len(done)
        if log.planned_session_id is not None:
            with contextlib.suppress(NotFoundError):
                planned = max(len(plans.get_planned_session(store, log.planned_session_id).exercises), planned)
        entries.append(HistoryEntry(log, local_date(log.started_at), len(done), planned, update.decisions[log.id]))
    return update, entries


def decision_document(program: Program, decision: Decision, thresholds: Thresholds, explain: bool) -> dict[str, Any]:
    """A decision as JSON: exercise, kind, rule, facts, doses before and after (and why, with `explain`)."""
    document: dict[str, Any] = {
        "exercise": decision.exercise_id,
        "kind": decision.kind.value,
        "rule": decision.rule_id,
        "facts": decision.facts,
        "dose_before": None if decision.dose_before is None else decision.dose_before.describe(program),
        "dose_after": None if decision.dose_after is None else decision.dose_after.describe(program),
    }
    if decision.exercise_id is None:
        document["stage"] = program.stages[decision.stage_index].id if program.stages else None
    if explain:
        found = rule(decision.rule_id)
        document["reason"] = found.reason(thresholds)
        document["source"] = found.source_text()
    return document


def history_document(update: CourseUpdate, entries: Sequence[HistoryEntry], explain: bool) -> list[dict[str, Any]]:
    """The history as JSON: each session with all its logged sets and its decisions."""
    thresholds = update.engine.thresholds
    return [
        {
            "id": entry.log.id,
            "date": entry.on.isoformat(),
            "status": entry.log.status,
            "exercises_done": entry.exercises_done,
            "exercises_planned": entry.exercises_planned,
            "pain_before": entry.log.pain_before,
            "pain_after": entry.log.pain_after,
            "pain_next_morning": entry.log.pain_next_morning,
            "effort": entry.log.effort,
            "sets": [
                {
                    "exercise": s.exercise_id,
                    "side": s.side,
                    "set_number": s.set_number,
                    "reps_done": s.reps_done,
                    "seconds_held": s.seconds_held,
                    "pain": s.pain_during,
                    "stopped_for_pain": s.stopped_for_pain,
                }
                for s in entry.log.sets
            ],
            "decisions": [decision_document(update.program, d, thresholds, explain) for d in entry.decisions],
        }
        for entry in entries
    ]
