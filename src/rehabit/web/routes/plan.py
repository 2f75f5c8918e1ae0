"""The plan: dated sessions for the coming weeks (made by `rehabit.planning`), and its calendar file."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field

from rehabit import planning
from rehabit.errors import NotFoundError
from rehabit.export.ics import plan_calendar
from rehabit.store import PlanRecord, plans, programs
from rehabit.web._context import require_person, store_of
from rehabit.web._render import page
from rehabit.web.routes.today import PLAN_WEEKS, PlannedSessionView, planned_view

router = APIRouter()


class PlanIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    weeks: int = Field(default=PLAN_WEEKS, ge=1, le=planning.MAX_WEEKS)


class PlanSessionView(PlannedSessionView):
    status: str


class PlanView(BaseModel):
    """The latest plan: its sessions in date order, and what the planner changed and why."""

    exists: bool
    start_date: date | None
    weeks: int | None
    notes: list[str]
    sessions: list[PlanSessionView]
    calendar_url: str


def plan_view(request: Request) -> PlanView:
    person = require_person(request)
    latest = plans.latest_plan(store_of(request), person.id)
    if latest is None:
        return PlanView(exists=False, start_date=None, weeks=None, notes=[], sessions=[], calendar_url="/plan.ics")
    return PlanView(
        exists=True,
        start_date=latest.start_date,
        weeks=latest.weeks,
        notes=list(latest.notes),
        sessions=[
            PlanSessionView(**planned_view(request, session).model_dump(), status=session.status)
            for session in latest.sessions
        ],
        calendar_url="/plan.ics",
    )


def make_plan(request: Request, weeks: int) -> PlanView:
    """Plan the coming weeks again from today (the screen must allow it)."""
    person = require_person(request)
    planning.plan_for_person(store_of(request), person.id, date.today(), weeks)
    return plan_view(request)


def _cancelled_dates(all_plans: list[PlanRecord], latest: PlanRecord) -> list[date]:
    """Dates earlier plans had that the latest one replaced, so calendars drop them."""
    return [
        session.on_date
        for plan in all_plans
        if plan.id != latest.id
        for session in plan.sessions
        if session.status == "replaced"
    ]


@router.get("/api/plan", tags=["plan"])
def api_plan(request: Request) -> PlanView:
    """The latest plan with its sessions and the planner's notes."""
    return plan_view(request)


@router.post("/api/plan", tags=["plan"])
def api_make_plan(request: Request, body: PlanIn) -> PlanView:
    """Make a new plan from today for `weeks` weeks (sessions still to do are replaced)."""
    return make_plan(request, body.weeks)


@router.get("/plan.ics", tags=["plan"], response_class=Response)
def plan_ics(request: Request) -> Response:
    """The latest plan as an iCalendar file to import into a calendar."""
    person = require_person(request)
    store = store_of(request)
    latest = plans.latest_plan(store, person.id)
    if latest is None:
        raise NotFoundError(request.app.state.gettext("There is no plan yet."))
    program = programs.get_program_version(store, latest.program_version_id).program
    document = plan_calendar(
        latest, program, person.uid, cancelled=_cancelled_dates(plans.list_plans(store, person.id), latest)
    )
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
    make_plan(request, PLAN_WEEKS)
    return RedirectResponse("/plan", status_code=303)
