"""History and progress: sessions as logged, the decisions they led to with reasons and sources, charts.

Everything comes from `rehabit.services.history` and `rehabit.services.progress`; the charts are drawn
by `rehabit.export.charts`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse

from rehabit.export.charts import ProgressCharts, draw_progress
from rehabit.services import history, progress
from rehabit.services.history import HistoryDocument
from rehabit.services.progress import ProgressDocument
from rehabit.web._context import require_person, store_of, today
from rehabit.web._render import page

router = APIRouter()


PAGE = 30  # sessions a history page shows; `older` asks for the next ones

Limit = Annotated[int, Query(ge=1, le=500, description="how many sessions, newest first")]
Before = Annotated[int | None, Query(ge=1, description="only sessions older than this one (a page's `older`)")]


def history_view(request: Request, limit: int = PAGE, before: int | None = None) -> HistoryDocument:
    return history.history(store_of(request), require_person(request).id, today(), limit=limit, before=before)


@router.get("/api/history", tags=["history"])
def api_history(request: Request, limit: Limit = PAGE, before: Before = None) -> HistoryDocument:
    """Logged sessions (newest first, a page at a time) with their sets and decisions, each with its rule's
    reason and source; `older` is the `before` of the next page."""
    return history_view(request, limit, before)


@router.get("/api/progress", tags=["history"])
def api_progress(request: Request) -> ProgressDocument:
    """Pain against the start (OUTCOME-1), sessions a week (FREQ-1), stage, current doses, doses over time, PSFS."""
    return progress.progress(store_of(request), require_person(request).id, today())


@router.get("/history/chart.svg", tags=["history"], response_class=Response)
def history_chart(request: Request) -> Response:
    """Pain (with OUTCOME-1 lines), sessions a week, doses over time and PSFS, as one SVG figure."""
    report = progress.progress_report(store_of(request), require_person(request).id, today())
    names = {exercise.id: exercise.name for exercise in report.update.program.exercises}
    charts = ProgressCharts(report.pain, report.weeks, report.target, report.doses, names, report.psfs, report.stages)
    with tempfile.TemporaryDirectory(prefix="rehabit-chart-") as folder:
        path = draw_progress(charts, Path(folder) / "progress.svg")
        svg = path.read_bytes()
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "no-cache"})


@router.get("/history", response_class=HTMLResponse, include_in_schema=False)
def history_page(request: Request, before: Before = None) -> Response:
    return page(request, "history.html", history_view(request, PAGE, before), active="history")
