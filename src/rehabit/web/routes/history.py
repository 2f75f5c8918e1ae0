"""History and progress: sessions as logged, the decisions they led to with reasons and sources, charts.

Everything comes from `rehabit.services.history` and `rehabit.services.progress`; the charts are drawn
by `rehabit.export.charts`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from rehabit.export.charts import ProgressCharts, draw_progress
from rehabit.services import history, progress
from rehabit.services.history import HistoryDocument
from rehabit.services.progress import ProgressDocument
from rehabit.web._context import require_person, store_of, today
from rehabit.web._render import page

router = APIRouter()


def history_view(request: Request) -> HistoryDocument:
    return history.history(store_of(request), require_person(request).id, today())


@router.get("/api/history", tags=["history"])
def api_history(request: Request) -> HistoryDocument:
    """Logged sessions (newest first) with their sets and decisions, each with its rule's reason and source."""
    return history_view(request)


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
def history_page(request: Request) -> Response:
    return page(request, "history.html", history_view(request), active="history")
