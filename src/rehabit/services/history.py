"""History: every logged session with its sets and the decisions it led to, and a short progress line.

One document for every face (`GET /api/history`, the history page, `rehabit history --format json`).
It reads what is stored — session logs, and the decisions `course.update_course` stored when each
session finished — and never replays the log or writes. Sessions of a program the person followed
before keep their decisions, labelled with that program.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from rehabit.domain.outcomes import adherence, pain_trend, sessions_per_week
from rehabit.domain.progression import SessionOutcome
from rehabit.domain.records import DecisionRecord, SessionLogRecord, SetLogRecord
from rehabit.domain.rules import Thresholds, rule
from rehabit.model import Program
from rehabit.services.course import STAGE_PREFIX, local_date, person_thresholds
from rehabit.services.decision_words import decision_headline, verdict_label
from rehabit.store import Store, decisions, people, plans, programs, sessions
from rehabit.store.sessions import SessionPains

__all__ = ["DecisionItem", "HistoryDocument", "HistorySession", "ProgressSummary", "decision_item", "history"]


class DecisionItem(BaseModel):
    """One decision: what it is about, the verdict and the rule, the facts, the doses, why and the source."""

    about: str
    exercise_id: str | None
    kind: str
    label: str
    headline: str
    rule_id: str
    facts: str
    dose_before: str | None
    dose_after: str | None
    reason: str
    source: str


class HistorySession(BaseModel):
    """One logged session: when, how it went, its sets as logged and its decisions."""

    id: int
    on_date: date
    status: str
    program_id: str
    program_title: str
    exercises_done: int
    exercises_planned: int
    pain_before: int | None
    pain_after: int | None
    pain_next_morning: int | None
    effort: int | None
    notes: str
    sets: list[SetLogRecord]
    decisions: list[DecisionItem]


class ProgressSummary(BaseModel):
    """Pain against the start (OUTCOME-1), weeks on the 2–3 sessions target (FREQ-1), the stage."""

    pain: str
    pain_start: int | None
    pain_latest: int | None
    pain_change: int | None
    pain_important: bool
    weeks_on_target: int
    weeks: int
    target: str
    stage: str | None


class HistoryDocument(BaseModel):
    """Sessions newest first (a page of them), each with its sets and decisions, and the progress summary.

    `older` is the session id to ask for the next page with (`before=`), or None when this is the last.
    """

    sessions: list[HistorySession]
    progress: ProgressSummary
    older: int | None = None


def decision_item(program: Program, decision: DecisionRecord, thresholds: Thresholds) -> DecisionItem:
    """A stored decision in words, with its rule's reason (at the person's thresholds) and source."""
    found = rule(decision.rule_id)
    if decision.exercise_id.startswith(STAGE_PREFIX):
        about, exercise_id = "Stage", None
    else:
        exercise_id = decision.exercise_id
        about = next((e.name for e in program.exercises if e.id == exercise_id), exercise_id)
    return DecisionItem(
        about=about,
        exercise_id=exercise_id,
        kind=decision.kind,
        label=verdict_label(decision.kind),
        headline=decision_headline(decision),
        rule_id=decision.rule_id,
        facts=decision.facts,
        dose_before=None if decision.old_dose is None else decision.old_dose.describe(),
        dose_after=None if decision.new_dose is None else decision.new_dose.describe(),
        reason=found.reason(thresholds),
        source=found.source_text(),
    )


def history(
    store: Store, person_id: int, today: date, *, limit: int | None = None, before: int | None = None
) -> HistoryDocument:
    """The person's closed sessions (finished or ended early), newest first, as stored: all of them, or
    the `limit` newest that started before the session `before`. The summary covers every session."""
    closed = ["finished", "abandoned"]
    with store.read():
        person = people.get_person(store, person_id)
        thresholds = person_thresholds(person)
        every = sessions.session_pains(store, person_id, closed)
        wanted = None if limit is None else limit + 1
        logs = sessions.list_sessions(store, person_id, statuses=closed, limit=wanted, before=before)
        more = limit is not None and len(logs) > limit
        if more:
            logs = logs[1:]
        versions = {vid: programs.get_program_version(store, vid) for vid in {log.program_version_id for log in logs}}
        by_session: dict[int | None, list[DecisionRecord]] = {}
        for record in decisions.list_decisions(store, person_id, session_log_ids=[log.id for log in logs]):
            by_session.setdefault(record.session_log_id, []).append(record)
        planned_ids = [log.planned_session_id for log in logs if log.planned_session_id is not None]
        planned_counts = plans.planned_exercise_counts(store, planned_ids)
        current = programs.person_program(store, person_id).program
    entries = [
        _session(log, versions[log.program_version_id].program, by_session.get(log.id, []), planned_counts, thresholds)
        for log in reversed(logs)
    ]
    summary = progress_summary(every, current, person.starting_pain, thresholds, person.stage_index, today)
    return HistoryDocument(sessions=entries, progress=summary, older=logs[0].id if more and logs else None)


def _session(
    log: SessionLogRecord,
    program: Program,
    found: list[DecisionRecord],
    planned_counts: dict[int, int],
    thresholds: Thresholds,
) -> HistorySession:
    done = {s.exercise_id for s in log.sets}
    planned = planned_counts.get(log.planned_session_id, 0) if log.planned_session_id is not None else 0
    return HistorySession(
        id=log.id,
        on_date=local_date(log.started_at),
        status=log.status,
        program_id=program.id,
        program_title=program.title,
        exercises_done=len(done),
        exercises_planned=max(planned, len(done)),
        pain_before=log.pain_before,
        pain_after=log.pain_after,
        pain_next_morning=log.pain_next_morning,
        effort=log.effort,
        notes=log.notes,
        sets=list(log.sets),
        decisions=[decision_item(program, d, thresholds) for d in found],
    )


def progress_summary(
    logs: list[SessionPains],
    program: Program,
    starting_pain: int | None,
    thresholds: Thresholds,
    stage_index: int,
    today: date,
) -> ProgressSummary:
    """Pain trend, weeks on target and stage from the sessions' pains and dates (no replay, no sets)."""
    outcomes = [
        SessionOutcome(local_date(log.started_at), (), log.pain_before, log.pain_after, log.pain_next_morning)
        for log in logs
    ]
    frequency = program.frequency_per_week
    weeks = sessions_per_week([o.on for o in outcomes], until=today)
    on_target, counted = adherence(weeks, frequency.min, frequency.max, today)
    pain = pain_trend(outcomes, thresholds, starting_pain)
    stage = program.stages[stage_index].name if stage_index < len(program.stages) else None
    return ProgressSummary(
        pain=pain.summary(),
        pain_start=pain.start,
        pain_latest=pain.latest,
        pain_change=pain.change,
        pain_important=pain.important,
        weeks_on_target=on_target,
        weeks=counted,
        target=f"{frequency.min}–{frequency.max}",
        stage=stage,
    )
