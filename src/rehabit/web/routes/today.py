"""Today, setup and screening, profile: the pages a person sees first, and their JSON faces.

The rules live in the library: `rehabit.onboarding` (SCREEN-1..3 through `rehabit.safety`),
`rehabit.planning` (FREQ-1), `rehabit.player.session` (which session is next, next-morning questions).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field

from rehabit import onboarding, planning
from rehabit.errors import RehabitError
from rehabit.onboarding import SetupAnswers
from rehabit.planner import DAY_LABELS
from rehabit.player import session as runner
from rehabit.safety import WARNING_SIGNS, exercise_allowed, parse_answers
from rehabit.store import PersonRecord, PlannedSessionRecord, people, plans, screenings, sessions
from rehabit.web._context import local_person, require_person, store_of
from rehabit.web._render import page

router = APIRouter()

PLAN_WEEKS = 2
EQUIPMENT_CHOICES = ("resistance band", "weights")

Pain = Annotated[int, Field(ge=0, le=10)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class SetupIn(_Body):
    """The setup questions: every warning sign answered, equipment at hand, days, pain now."""

    warning_signs: dict[str, bool]
    equipment: list[str] = Field(default_factory=list, max_length=10)
    preferred_days: list[Annotated[int, Field(ge=0, le=6)]] = Field(min_length=1, max_length=7)
    starting_pain: Pain
    name: str | None = Field(default=None, max_length=200)


class ProfileIn(_Body):
    equipment: list[str] = Field(default_factory=list, max_length=10)
    preferred_days: list[Annotated[int, Field(ge=0, le=6)]] = Field(min_length=1, max_length=7)
    name: str | None = Field(default=None, max_length=200)


class ClearanceIn(_Body):
    cleared_by: str = Field(min_length=1, max_length=200)
    cleared_on: date = Field(strict=False)


class ProfileView(BaseModel):
    id: int
    name: str | None
    equipment: list[str]
    preferred_days: list[int]
    day_names: list[str]
    starting_pain: int | None
    stage_index: int


class ScreeningView(BaseModel):
    result: str
    screened_at: str
    cleared_by: str | None
    cleared_on: date | None
    allowed: bool
    reason: str | None


class PlannedExerciseView(BaseModel):
    id: str
    name: str
    dose: str
    illustration_url: str


class PlannedSessionView(BaseModel):
    id: int
    on_date: date
    is_today: bool
    estimated_minutes: int
    exercises: list[PlannedExerciseView]


class MorningQuestion(BaseModel):
    session_id: int
    session_date: date


class TodayView(BaseModel):
    """What the Today page shows: first-run, screening state, the next session, questions due."""

    needs_setup: bool
    profile: ProfileView | None
    screening: ScreeningView | None
    next_session: PlannedSessionView | None
    unfinished_session_id: int | None
    next_morning: list[MorningQuestion]


class SetupResult(BaseModel):
    result: str
    rule_id: str | None
    message: str
    planned: bool
    profile: ProfileView


class QuestionView(BaseModel):
    name: str
    group: str
    question: str


class SetupForm(BaseModel):
    questions: list[QuestionView]
    equipment_choices: list[str]
    days: list[str]
    profile: ProfileView | None


def profile_view(person: PersonRecord) -> ProfileView:
    return ProfileView(
        id=person.id,
        name=person.name,
        equipment=list(person.equipment),
        preferred_days=list(person.preferred_days),
        day_names=[DAY_LABELS[day] for day in person.preferred_days],
        starting_pain=person.starting_pain,
        stage_index=person.stage_index,
    )


def planned_view(request: Request, planned: PlannedSessionRecord) -> PlannedSessionView:
    program = runner.session_program(store_of(request), planned)
    return PlannedSessionView(
        id=planned.id,
        on_date=planned.on_date,
        is_today=planned.on_date == date.today(),
        estimated_minutes=max(1, round(planned.estimated_seconds / 60)),
        exercises=[
            PlannedExerciseView(
                id=item.exercise_id,
                name=program.exercise(item.exercise_id).name,
                dose=item.dose.describe(),
                illustration_url=f"/illustrations/{program.id}/{item.exercise_id}.still.svg",
            )
            for item in planned.exercises
        ],
    )


def screening_view(request: Request, person: PersonRecord) -> ScreeningView | None:
    latest = screenings.latest_screening(store_of(request), person.id)
    if latest is None:
        return None
    reason = exercise_allowed(latest.result, latest.cleared_on)
    return ScreeningView(
        result=latest.result,
        screened_at=latest.screened_at.isoformat(),
        cleared_by=latest.cleared_by,
        cleared_on=latest.cleared_on,
        allowed=reason is None,
        reason=reason,
    )


def today_view(request: Request) -> TodayView:
    """The Today page's content for the local person (a first-run view before setup)."""
    person = local_person(request)
    if person is None:
        return TodayView(
            needs_setup=True,
            profile=None,
            screening=None,
            next_session=None,
            unfinished_session_id=None,
            next_morning=[],
        )
    store = store_of(request)
    upcoming = plans.next_planned_sessions(store, person.id, date.today(), limit=1)
    unfinished = sessions.unfinished_session(store, person.id)
    return TodayView(
        needs_setup=False,
        profile=profile_view(person),
        screening=screening_view(request, person),
        next_session=planned_view(request, upcoming[0]) if upcoming else None,
        unfinished_session_id=unfinished.id if unfinished else None,
        next_morning=[
            MorningQuestion(session_id=log.id, session_date=log.started_at.date())
            for log in runner.sessions_to_ask_next_morning(store, person.id, date.today())
        ],
    )


def setup_form(request: Request) -> SetupForm:
    person = local_person(request)
    return SetupForm(
        questions=[QuestionView(name=s.name, group=s.group.value, question=s.question) for s in WARNING_SIGNS],
        equipment_choices=list(EQUIPMENT_CHOICES),
        days=list(DAY_LABELS),
        profile=profile_view(person) if person else None,
    )


def run_setup(request: Request, body: SetupIn) -> SetupResult:
    """Screen and store the person (one transaction), then plan the coming weeks when the screen allows."""
    store = store_of(request)
    answers = SetupAnswers(
        warning_signs=parse_answers(body.warning_signs),
        equipment=onboarding.parse_equipment(body.equipment or ["none"]),
        preferred_days=tuple(sorted(set(body.preferred_days))),
        starting_pain=body.starting_pain,
        name=body.name.strip() if body.name and body.name.strip() else None,
    )
    with store.transaction():
        current = local_person(request)  # clinic mode: the signed-in patient, never another profile
        outcome = onboarding.set_up(store, answers, person_id=current.id if current else None)
        planned = outcome.screening.result == "clear"
        if planned:
            planning.plan_for_person(store, outcome.person.id, date.today(), PLAN_WEEKS)
    return SetupResult(
        result=outcome.outcome.result.value,
        rule_id=outcome.outcome.rule_id,
        message=outcome.outcome.message,
        planned=planned,
        profile=profile_view(people.get_person(store, outcome.person.id)),
    )


def record_clearance(request: Request, body: ClearanceIn) -> ScreeningView:
    """SCREEN-3: record who cleared the person and when, then plan the coming weeks."""
    store = store_of(request)
    person = require_person(request)
    with store.transaction():
        onboarding.clear_to_exercise(store, person.id, body.cleared_by.strip(), body.cleared_on, date.today())
        planning.plan_for_person(store, person.id, date.today(), PLAN_WEEKS)
    view = screening_view(request, person)
    assert view is not None
    return view


def update_profile(request: Request, body: ProfileIn) -> ProfileView:
    """Change equipment, days or name, and re-plan the sessions still to do when the screen allows."""
    store = store_of(request)
    person = require_person(request)
    equipment = onboarding.parse_equipment(body.equipment or ["none"])
    with store.transaction():
        people.update_person(store, person.id, equipment=equipment, preferred_days=sorted(set(body.preferred_days)))
        if body.name is not None:
            people.update_person(store, person.id, name=body.name.strip() or None)
        if exercise_allowed(*_latest_result(request, person.id)) is None:
            planning.plan_for_person(store, person.id, date.today(), PLAN_WEEKS)
    return profile_view(people.get_person(store, person.id))


def _latest_result(request: Request, person_id: int) -> tuple[str | None, date | None]:
    latest = screenings.latest_screening(store_of(request), person_id)
    return (None, None) if latest is None else (latest.result, latest.cleared_on)


# --- API ---------------------------------------------------------------------------------------------


@router.get("/api/today", tags=["today"])
def api_today(request: Request) -> TodayView:
    """The next planned session, questions due (next-morning pain) and the screening state."""
    return today_view(request)


@router.get("/api/setup", tags=["setup"])
def api_setup_form(request: Request) -> SetupForm:
    """The warning-sign questions (SCREEN-1), equipment choices and weekdays the setup asks about."""
    return setup_form(request)


@router.post("/api/setup", tags=["setup"])
def api_setup(request: Request, body: SetupIn) -> SetupResult:
    """Screen (SCREEN-1..3), store the profile, and plan when the screen is clear."""
    return run_setup(request, body)


@router.post("/api/screening/clearance", tags=["setup"])
def api_clearance(request: Request, body: ClearanceIn) -> ScreeningView:
    """Record that a health professional cleared the person (SCREEN-3)."""
    return record_clearance(request, body)


@router.get("/api/profile", tags=["setup"])
def api_profile(request: Request) -> ProfileView:
    """The local person's profile."""
    return profile_view(require_person(request))


@router.put("/api/profile", tags=["setup"])
def api_update_profile(request: Request, body: ProfileIn) -> ProfileView:
    """Change equipment, preferred days or name (the plan is made again)."""
    return update_profile(request, body)


# --- pages -------------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def today_page(request: Request) -> Response:
    return page(request, "today.html", today_view(request), active="today")


@router.get("/setup", response_class=HTMLResponse, include_in_schema=False)
def setup_page(request: Request) -> Response:
    return page(request, "setup.html", setup_form(request), active="today")


@router.post("/setup", response_class=HTMLResponse, include_in_schema=False)
async def setup_submit(request: Request) -> Response:
    form = await request.form()
    answers = {s.name: str(form.get(f"sign-{s.name}", "")) for s in WARNING_SIGNS}
    try:
        body = SetupIn(
            warning_signs=parse_answers(answers),
            equipment=[str(v) for v in form.getlist("equipment")],
            preferred_days=[int(str(v)) for v in form.getlist("day")],
            starting_pain=int(str(form.get("starting_pain", ""))),
            name=str(form.get("name", "")) or None,
        )
    except (ValueError, RehabitError) as error:
        message = str(error) if isinstance(error, RehabitError) else _form_problem(request, form)
        return page(request, "setup.html", setup_form(request), status_code=400, active="today", error=message)
    result = run_setup(request, body)
    if result.planned:
        return RedirectResponse("/", status_code=303)
    return page(request, "screening.html", result, active="today")


@router.post("/screening/clearance", response_class=HTMLResponse, include_in_schema=False)
def clearance_submit(
    request: Request, cleared_by: Annotated[str, Form()] = "", cleared_on: Annotated[str, Form()] = ""
) -> Response:
    try:
        body = ClearanceIn(cleared_by=cleared_by, cleared_on=date.fromisoformat(cleared_on))
    except ValueError:
        gettext: Callable[[str], str] = request.app.state.gettext
        message = gettext("Give the name of who cleared you and the date (YYYY-MM-DD).")
        return page(request, "today.html", today_view(request), status_code=400, active="today", error=message)
    record_clearance(request, body)
    return RedirectResponse("/", status_code=303)


@router.get("/profile", response_class=HTMLResponse, include_in_schema=False)
def profile_page(request: Request) -> Response:
    require_person(request)
    return page(request, "profile.html", setup_form(request), active="today")


@router.post("/profile", response_class=HTMLResponse, include_in_schema=False)
async def profile_submit(request: Request) -> Response:
    form = await request.form()
    try:
        body = ProfileIn(
            equipment=[str(v) for v in form.getlist("equipment")],
            preferred_days=[int(str(v)) for v in form.getlist("day")],
            name=str(form.get("name", "")),
        )
    except ValueError:
        gettext: Callable[[str], str] = request.app.state.gettext
        message = gettext("Choose at least one day of the week.")
        return page(request, "profile.html", setup_form(request), status_code=400, active="today", error=message)
    update_profile(request, body)
    return RedirectResponse("/plan", status_code=303)


def _form_problem(request: Request, form: object) -> str:
    gettext: Callable[[str], str] = request.app.state.gettext
    return gettext("Answer every question, choose at least one day and your pain now (0 to 10).")
