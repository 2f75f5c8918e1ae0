"""The plan: dated sessions for the coming weeks (`rehabit.services.planning`), and its calendar file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field

from rehabit.errors import NotFoundError, RehabitError
from rehabit.services import exports, planning
from rehabit.services import today as today_service
from rehabit.services.today import PlanView
from rehabit.web._context import require_person, store_of, today
from rehabit.web._render import page

router = APIRouter()


class PlanIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    weeks: int = Field(default=planning.PLAN_WEEKS, ge=1, le=planning.MAX_WEEKS)


def plan_view(request: Request) -> PlanView:
    return today_service.plan_view(store_of(request), require_person(request).id, today())


def make_plan(request: Request, weeks: int) -> PlanView:
    """Plan the coming weeks again from today (the screen must allow it)."""
    person = require_person(request)
    planning.plan(store_of(request), person.id, today(), weeks)
    return plan_view(request)


@router.get("/api/plan", tags=["plan"])
def api_plan(request: Request) -> PlanView:
    """The latest plan with its sessions and the planner's notes."""
    return plan_view(request)


@router.post("/api/plan", tags=["plan"])
def api_make_plan(request: Request, body: PlanIn) -> PlanView:
    """Make a new plan from today for `weeks` weeks (sessions still to do are replaced)."""
    return make_plan(request, body.weeks)


@router.get("/plan.ics", tags=["plan"], response_class=Response)
def plan_ics(
    request: Request,
    start: Annotated[str, Query(description="start time HH:MM (local); all-day when empty")] = "",
    remind: Annotated[str, Query(max_length=4, description="reminder, minutes before (0–1440)")] = "",
) -> Response:
    """The latest plan as an iCalendar file to import into a calendar; with `start`, each session starts
    then, with a reminder `remind` minutes before."""
    person = require_person(request)
    gettext: Callable[[str], str] = request.app.state.gettext
    try:
        start_time = time.fromisoformat(start) if start else None
    except ValueError:
        raise RehabitError(gettext("Give the start time as hours and minutes, such as 18:30.")) from None
    if remind and (not remind.isdigit() or int(remind) > 24 * 60):
        raise RehabitError(gettext("Give the reminder as a number of minutes before the session (at most a day)."))
    try:
        document, _count = exports.calendar(
            store_of(request),
            person.id,
            today(),
            start_time=start_time,
            reminder_minutes=int(remind) if remind and start_time is not None else None,
        )
    except RehabitError:
        raise NotFoundError(request.app.state.gettext("There is no plan yet.")) from None
    return Response(
        document,
        media_type="text/calendar",
        headers={"Content-Disposition": 'attachment; filename="rehabit-plan.ics"'},
    )


@router.get("/plan", response_class=HTMLResponse, include_in_schema=False)
def plan_page(request: Request) -> Response:
    return page(request, "plan.html", plan_view(request), active="plan")


@router.post("/plan", response_class=HTMLResponse, include_in_schema=False)
def plan_submit(request: Request) -> Response:
    make_plan(request, planning.PLAN_WEEKS)
    return RedirectResponse("/plan", status_code=303)
