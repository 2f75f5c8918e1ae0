"""History: sessions as logged, the decisions they led to with reasons and sources, and progress charts.

Everything comes from `rehabit.course_report` (session_history, progress_report) and `rehabit.charts`.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from rehabit.charts import ProgressCharts, draw_progress
from rehabit.course_report import decision_name, progress_report, session_history
from rehabit.model import Program
from rehabit.progression import Decision
from rehabit.rules import Thresholds, rule
from rehabit.web._context import require_person, store_of
from rehabit.web._render import page

router = APIRouter()


class DecisionItem(BaseModel):
    about: str
    exercise_id: str | None
    kind: str
    rule_id: str
    facts: str
    dose_before: str | None
    dose_after: str | None
    reason: str
    source: str


class SetItem(BaseModel):
    exercise_id: str
    side: str | None
    set_number: int
    reps_done: int | None
    seconds_held: int | None
    pain_during: int | None
    stopped_for_pain: bool


class HistorySession(BaseModel):
    id: int
    on_date: date
    status: str
    exercises_done: int
    exercises_planned: int
    pain_before: int | None
    pain_after: int | None
    pain_next_morning: int | None
    sets: list[SetItem]
    decisions: list[DecisionItem]


class ProgressSummary(BaseModel):
    pain: str
    pain_change: int | None
    pain_important: bool
    weeks_on_target: int
    weeks: int
    target: str
    stage: str | None


class HistoryView(BaseModel):
    """Sessions newest first, each with its decisions; a progress summary and the chart's address."""

    sessions: list[HistorySession]
    progress: ProgressSummary
    chart_url: str


def decision_item(program: Program, decision: Decision, thresholds: Thresholds) -> DecisionItem:
    found = rule(decision.rule_id)
    return DecisionItem(
        about=decision_name(program, decision),
        exercise_id=decision.exercise_id,
        kind=decision.kind.value,
        rule_id=decision.rule_id,
        facts=decision.facts,
        dose_before=None if decision.dose_before is None else decision.dose_before.describe(program),
        dose_after=None if decision.dose_after is None else decision.dose_after.describe(program),
        reason=found.reason(thresholds),
        source=found.source_text(),
    )


def history_view(request: Request) -> HistoryView:
    store = store_of(request)
    person = require_person(request)
    update, entries = session_history(store, person.id)
    report = progress_report(store, person.id, date.today())
    thresholds = update.engine.thresholds
    return HistoryView(
        sessions=[
            HistorySession(
                id=entry.log.id,
                on_date=entry.on,
                status=entry.log.status,
                exercises_done=entry.exercises_done,
                exercises_planned=entry.exercises_planned,
                pain_before=entry.log.pain_before,
                pain_after=entry.log.pain_after,
                pain_next_morning=entry.log.pain_next_morning,
                sets=[
                    SetItem(
                        exercise_id=s.exercise_id,
                        side=s.side,
                        set_number=s.set_number,
                        reps_done=s.reps_done,
                        seconds_held=s.seconds_held,
                        pain_during=s.pain_during,
                        stopped_for_pain=s.stopped_for_pain,
                    )
                    for s in entry.log.sets
                ],
                decisions=[decision_item(update.program, d, thresholds) for d in entry.decisions],
            )
            for entry in reversed(entries)
        ],
        progress=ProgressSummary(
            pain=report.pain.summary(),
            pain_change=report.pain.change,
            pain_important=report.pain.important,
            weeks_on_target=report.weeks_on_target,
            weeks=len(report.weeks),
            target=f"{report.target[0]}–{report.target[1]}",
            stage=report.stage_name,
        ),
        chart_url="/history/chart.svg",
    )


@router.get("/api/history", tags=["history"])
def api_history(request: Request) -> HistoryView:
    """Logged sessions (newest first) with their sets and decisions, each with its rule's reason and source."""
    return history_view(request)


@router.get("/history/chart.svg", tags=["history"], response_class=Response)
def history_chart(request: Request) -> Response:
    """Pain (with OUTCOME-1 lines), sessions a week, doses over time and PSFS, as one SVG figure."""
    store = store_of(request)
    person = require_person(request)
    report = progress_report(store, person.id, date.today())
    names = {exercise.id: exercise.name for exercise in report.update.program.exercises}
    charts = ProgressCharts(report.pain, report.weeks, report.target, report.doses, names, report.psfs, report.stages)
    with tempfile.TemporaryDirectory(prefix="rehabit-chart-") as folder:
        path = draw_progress(charts, Path(folder) / "progress.svg")
        svg = path.read_bytes()
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "no-cache"})


@router.get("/history", response_class=HTMLResponse, include_in_schema=False)
def history_page(request: Request) -> Response:
    return page(request, "history.html", history_view(request), active="history")
