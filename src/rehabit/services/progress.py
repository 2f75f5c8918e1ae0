"""Progress: pain against the start (OUTCOME-1), sessions a week (FREQ-1), stage, doses over time, PSFS.

One document for every face (`GET /api/progress`, the progress page, `rehabit progress --format json`);
`progress_report` also feeds the charts. It replays the person's log once to follow each dose over
time, and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pydantic import BaseModel

from rehabit.domain.outcomes import (
    DosePoint,
    PainTrend,
    PsfsSummary,
    WeekCount,
    adherence,
    dose_history,
    pain_trend,
    psfs_summary,
    sessions_per_week,
)
from rehabit.domain.progression import SessionOutcome
from rehabit.domain.rules import Thresholds
from rehabit.services.course import CourseUpdate, person_thresholds, replay_course, session_outcome
from rehabit.services.psfs import psfs_entries
from rehabit.store import Store, people

__all__ = ["ProgressDocument", "ProgressReport", "current_doses", "progress", "progress_document", "progress_report"]


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
    pain_during: list[int | None]


def progress_report(store: Store, person_id: int, today: date) -> ProgressReport:
    """Gather a person's progress from the store: one replay of their log, read-only (nothing is written)."""
    with store.read():
        person = people.get_person(store, person_id)
        update = replay_course(store, person_id)
        ratings = psfs_entries(store, person_id)
    thresholds = person_thresholds(person)
    outcomes = [session_outcome(log) for log in update.logs]
    frequency = update.program.frequency_per_week
    weeks = sessions_per_week([o.on for o in outcomes], until=today)
    on_target, weeks_counted = adherence(weeks, frequency.min, frequency.max, today)
    first_day = outcomes[0].on if outcomes else today
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
        psfs=psfs_summary(ratings, thresholds),
        stage_name=program.stages[update.course.stage_index].name if program.stages else None,
        stages=stages,
        lane_ends=_lane_ends(update),
        pain_during=[_pain_during(o) for o in sorted(outcomes, key=lambda o: o.on)],
    )


def _pain_during(outcome: SessionOutcome) -> int | None:
    """The highest pain rated during any set of the session (None when no set had a rating)."""
    rated = [s.pain for e in outcome.exercises for s in e.sets if s.pain is not None]
    return max(rated) if rated else None


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


class PainPointItem(BaseModel):
    date: date
    before: int | None
    during: int | None = None
    after: int | None
    next_morning: int | None


class PainItem(BaseModel):
    start: int | None
    latest: int | None
    change: int | None
    clinically_important: bool
    important_improvement_at: float | None
    sessions: list[PainPointItem]


class WeekItem(BaseModel):
    week_start: date
    sessions: int
    in_progress: bool


class SessionsPerWeek(BaseModel):
    target: list[int]
    weeks_on_target: int
    weeks: list[WeekItem]


class CurrentDose(BaseModel):
    exercise: str
    variation: str
    dose: str
    step: int
    steps: int
    paused: bool


class DosePointItem(BaseModel):
    date: date
    exercise: str
    amount: float
    step: int


class PsfsRatingItem(BaseModel):
    date: date
    scores: dict[str, int]
    mean: float


class PsfsItem(BaseModel):
    ratings: list[PsfsRatingItem]
    change: float | None
    clinically_important: bool
    important_change_at: float | None
    next_due: date | None


class ProgressDocument(BaseModel):
    """How the person is doing: stage, pain against the start (OUTCOME-1), sessions a week against the
    target (FREQ-1; the current week is in progress), current doses, doses over time, PSFS."""

    stage: str | None
    stage_index: int
    pain: PainItem
    sessions_per_week: SessionsPerWeek
    doses: list[CurrentDose]
    dose_history: dict[str, list[DosePointItem]]
    psfs: PsfsItem


def current_doses(report: ProgressReport) -> list[CurrentDose]:
    """Each exercise of the current stage: the variation done, its dose, its step on the ladder, paused."""
    engine, course = report.update.engine, report.update.course
    found = []
    for slot in engine.stage_slots(course.stage_index):
        rung = engine.rung(course, slot)
        ladder = engine.ladder(slot)
        state = course.slots.get(slot)
        found.append(
            CurrentDose(
                exercise=slot,
                variation=engine.program.exercise(rung.exercise_id).name,
                dose=rung.describe(engine.program),
                step=ladder.index_of(rung) + 1,
                steps=len(ladder.rungs),
                paused=course.referred_on is not None or (state is not None and state.paused),
            )
        )
    return found


def progress_document(report: ProgressReport, today: date) -> ProgressDocument:
    """The report as the one JSON shape both faces give."""
    pain = report.pain
    return ProgressDocument(
        stage=report.stage_name,
        stage_index=report.update.course.stage_index,
        pain=PainItem(
            start=pain.start,
            latest=pain.latest,
            change=pain.change,
            clinically_important=pain.important,
            important_improvement_at=pain.better_line,
            sessions=[
                PainPointItem(date=p.on, before=p.before, during=during, after=p.after, next_morning=p.next_morning)
                for p, during in zip(pain.points, report.pain_during, strict=False)
            ],
        ),
        sessions_per_week=SessionsPerWeek(
            target=list(report.target),
            weeks_on_target=report.weeks_on_target,
            weeks=[
                WeekItem(
                    week_start=w.week_start,
                    sessions=w.sessions,
                    in_progress=w.week_start <= today < w.week_start + timedelta(days=7),
                )
                for w in report.weeks
            ],
        ),
        doses=current_doses(report),
        dose_history={
            slot: [DosePointItem(date=p.on, exercise=p.exercise_id, amount=p.amount, step=p.step) for p in points]
            for slot, points in report.doses.items()
        },
        psfs=PsfsItem(
            ratings=[PsfsRatingItem(date=e.on, scores=dict(e.scores), mean=e.mean) for e in report.psfs.entries],
            change=report.psfs.change,
            clinically_important=report.psfs.important,
            important_change_at=report.psfs.better_line,
            next_due=report.psfs.next_due,
        ),
    )


def progress(store: Store, person_id: int, today: date) -> ProgressDocument:
    """The person's progress document (read-only)."""
    return progress_document(progress_report(store, person_id, today), today)
