"""Progress: the page of charts (pain, sessions a week, dose steps, PSFS) and the PSFS form.

The numbers are the progress document (`rehabit.services.progress`, the same as `GET /api/progress`);
the charts are drawn on the server as SVG by `rehabit.export.svg_charts`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from rehabit.errors import RehabitError
from rehabit.export import svg_charts
from rehabit.services import progress, psfs
from rehabit.services.progress import ProgressDocument
from rehabit.web._context import require_person, store_of, today
from rehabit.web._render import page

router = APIRouter()

Score = Annotated[int, Field(ge=0, le=10)]


class PsfsRatingIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    activity: str = Field(min_length=1, max_length=200)
    score: Score


class PsfsIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    ratings: list[PsfsRatingIn] = Field(min_length=1, max_length=psfs.MAX_PSFS_ACTIVITIES)


class PsfsFormView(BaseModel):
    """The PSFS form: the activities named last time, whether a rating is due, and when next."""

    activities: list[str]
    due: bool
    next_due: date | None
    last_rated: date | None


def psfs_form_view(request: Request) -> PsfsFormView:
    form = psfs.psfs_form(store_of(request), require_person(request).id, today())
    return PsfsFormView(activities=form.activities, due=form.due, next_due=form.next_due, last_rated=form.last_rated)


def rate(request: Request, body: PsfsIn) -> PsfsFormView:
    """Store one PSFS rating day for the person."""
    person = require_person(request)
    psfs.rate_psfs(store_of(request), person.id, [(r.activity, r.score) for r in body.ratings])
    return psfs_form_view(request)


def charts(document: ProgressDocument, gettext: Callable[[str], str]) -> dict[str, Markup]:
    """The page's charts as SVG markup (our own drawing: every value in it is escaped)."""
    pain = [svg_charts.PainPoint(p.date, p.before, p.during, p.after) for p in document.pain.sessions]
    weeks = [svg_charts.WeekBar(w.week_start, w.sessions, w.in_progress) for w in document.sessions_per_week.weeks]
    low, high = document.sessions_per_week.target
    drawn = {
        "pain": svg_charts.pain_chart(pain, document.pain.important_improvement_at, gettext),
        "weeks": svg_charts.weeks_chart(weeks, (low, high), gettext),
        "psfs": svg_charts.psfs_chart(
            [(r.date, r.mean) for r in document.psfs.ratings], document.psfs.important_change_at, gettext
        ),
    }
    steps = {d.exercise: d.steps for d in document.doses}
    names = {d.exercise: d.variation for d in document.doses}
    for slot, points in document.dose_history.items():
        if len({p.step for p in points}) > 1:
            drawn[f"dose-{slot}"] = svg_charts.dose_steps_chart(
                f"dose-{slot}",
                names.get(slot, slot.replace("-", " ")),
                [svg_charts.DoseStep(p.date, p.step) for p in points],
                steps.get(slot, max(p.step for p in points)),
                gettext,
            )
    return {key: Markup(svg) for key, svg in drawn.items()}  # noqa: S704 - drawn by us, values escaped


@router.post("/api/psfs", tags=["history"])
def api_rate_psfs(request: Request, body: PsfsIn) -> PsfsFormView:
    """Rate up to five activities the person names, each 0 (unable) to 10 (as before) [E]."""
    return rate(request, body)


@router.get("/api/psfs", tags=["history"])
def api_psfs_form(request: Request) -> PsfsFormView:
    """The activities rated last time, whether a rating is due (every two weeks) and when next."""
    return psfs_form_view(request)


@router.get("/progress", response_class=HTMLResponse, include_in_schema=False)
def progress_page(request: Request) -> Response:
    document = progress.progress(store_of(request), require_person(request).id, today())
    return page(
        request,
        "progress.html",
        document,
        active="progress",
        charts=charts(document, request.app.state.gettext),
        psfs_form=psfs_form_view(request),
    )


@router.get("/psfs", response_class=HTMLResponse, include_in_schema=False)
def psfs_page(request: Request) -> Response:
    return page(request, "psfs.html", psfs_form_view(request), active="progress")


@router.post("/psfs", response_class=HTMLResponse, include_in_schema=False)
async def psfs_submit(request: Request) -> Response:
    form = await request.form()
    return await run_in_threadpool(_psfs_submit, request, form)  # the event loop never waits for the database


def _psfs_submit(request: Request, form: Any) -> Response:
    gettext: Callable[[str], str] = request.app.state.gettext
    ratings = []
    for number in range(psfs.MAX_PSFS_ACTIVITIES):
        activity = str(form.get(f"activity-{number}", "")).strip()
        score = str(form.get(f"score-{number}", "")).strip()
        if not activity and not score:
            continue
        if not activity or not score.isdigit():
            message = gettext("Give each activity a name and a score from 0 (unable) to 10 (as before).")
            return _form_again(request, message)
        ratings.append({"activity": activity, "score": int(score)})
    try:
        body = PsfsIn.model_validate({"ratings": ratings})
    except ValidationError:
        return _form_again(request, gettext("Name at least one activity and score each from 0 to 10."))
    try:
        rate(request, body)
    except RehabitError as error:
        return _form_again(request, str(error))
    return RedirectResponse("/progress#psfs", status_code=303)


def _form_again(request: Request, message: str) -> Response:
    return page(request, "psfs.html", psfs_form_view(request), status_code=400, active="progress", error=message)
