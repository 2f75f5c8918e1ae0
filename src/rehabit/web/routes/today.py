"""Today, setup and screening, profile: the pages a person sees first, and their JSON faces.

Each route parses, calls one service (`rehabit.services.today`, `.setup`) and renders what it returns.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from rehabit.domain.planner import DAY_LABELS
from rehabit.domain.safety import WALKING, WARNING_SIGNS, parse_answer, parse_answers, walking_answers
from rehabit.errors import RehabitError
from rehabit.services import safety, setup
from rehabit.services import today as today_service
from rehabit.services.safety import Resumed
from rehabit.services.screening import ScreeningView, screening_view
from rehabit.services.setup import ProfileView, SetupAnswers, profile_view
from rehabit.services.today import TodayView
from rehabit.web._context import local_person, person_id_of, require_person, store_of, today
from rehabit.web._render import page

router = APIRouter()

EQUIPMENT_CHOICES = (setup.LOOP_BAND, setup.LONG_BAND, "weights")

Pain = Annotated[int, Field(ge=0, le=10)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class PsfsRating(_Body):
    """An activity the person's back makes hard, and how well they manage it: 0 unable … 10 as before."""

    activity: str = Field(min_length=1, max_length=200)
    score: Annotated[int, Field(ge=0, le=10)]


class SetupIn(_Body):
    """The setup questions: every warning sign answered, equipment at hand, days, pain now."""

    warning_signs: dict[str, bool]
    equipment: list[str] = Field(default_factory=list, max_length=10)
    preferred_days: list[Annotated[int, Field(ge=0, le=6)]] = Field(min_length=1, max_length=7)
    starting_pain: Pain
    name: str | None = Field(default=None, max_length=200)
    psfs: list[PsfsRating] = Field(default_factory=list, max_length=5, description="first PSFS ratings")


class ProfileIn(_Body):
    equipment: list[str] = Field(default_factory=list, max_length=10)
    preferred_days: list[Annotated[int, Field(ge=0, le=6)]] = Field(min_length=1, max_length=7)
    name: str | None = Field(default=None, max_length=200)


class ClearanceIn(_Body):
    cleared_by: str = Field(min_length=1, max_length=200)
    cleared_on: date = Field(strict=False)


class ConsultedIn(_Body):
    """PAIN-4: the health professional the person saw about the pain that paused their program, and when."""

    consulted: str = Field(min_length=1, max_length=200)
    consulted_on: date = Field(strict=False)


class ScreenIn(_Body):
    """The warning-sign questions answered again: every sign yes or no."""

    warning_signs: dict[str, bool]


class SetupResult(BaseModel):
    result: str
    rule_id: str | None
    message: str
    source: str | None = None
    planned: bool
    profile: ProfileView


class ScreenAgainResult(BaseModel):
    """A screen answered again: what it decided, its source, and whether the coming weeks are planned."""

    result: str
    rule_id: str | None
    message: str
    source: str | None
    planned: bool


class QuestionView(BaseModel):
    name: str
    group: str
    question: str
    asked_by: str | None = None


class FollowUpChoice(BaseModel):
    value: str
    label: str
    signs: list[str]


class FollowUpView(BaseModel):
    """A question whose yes needs a second answer (why walking is getting harder) before it decides."""

    name: str
    question: str
    why: str
    choices: list[FollowUpChoice]


class SetupForm(BaseModel):
    questions: list[QuestionView]
    follow_ups: list[FollowUpView] = []
    equipment_choices: list[str]
    days: list[str]
    profile: ProfileView | None


def today_view(request: Request) -> TodayView:
    """The Today page's content for the person (a first-run view before setup)."""
    return today_service.today(store_of(request), person_id_of(request), today())


def setup_form(request: Request) -> SetupForm:
    person = local_person(request)
    return SetupForm(
        questions=[
            QuestionView(name=s.name, group=s.group.value, question=s.question, asked_by=s.asked_by)
            for s in WARNING_SIGNS
        ],
        follow_ups=[
            FollowUpView(
                name=WALKING.name,
                question=WALKING.question,
                why=WALKING.why,
                choices=[
                    FollowUpChoice(value=v, label=label, signs=list(signs)) for v, label, signs in WALKING.choices
                ],
            )
        ],
        equipment_choices=list(EQUIPMENT_CHOICES),
        days=list(DAY_LABELS),
        profile=profile_view(person) if person else None,
    )


def run_setup(request: Request, body: SetupIn) -> SetupResult:
    """Screen and store the person, and plan the coming weeks when the screen allows (one service)."""
    answers = SetupAnswers(
        warning_signs=parse_answers(body.warning_signs),
        equipment=setup.parse_equipment(body.equipment or ["none"]),
        preferred_days=tuple(sorted(set(body.preferred_days))),
        starting_pain=body.starting_pain,
        name=body.name.strip() if body.name and body.name.strip() else None,
        psfs=tuple((rating.activity, rating.score) for rating in body.psfs),
    )
    outcome = setup.set_up(store_of(request), answers, today(), person_id=person_id_of(request))
    return SetupResult(
        result=outcome.outcome.result.value,
        rule_id=outcome.outcome.rule_id,
        message=outcome.outcome.message,
        source=outcome.outcome.source,
        planned=outcome.plan is not None,
        profile=profile_view(outcome.person),
    )


def record_clearance(request: Request, body: ClearanceIn) -> ScreeningView:
    """SCREEN-3: record who cleared the person and when, then plan the coming weeks."""
    person = require_person(request)
    setup.clear_to_exercise(store_of(request), person.id, body.cleared_by, body.cleared_on, today())
    view = screening_view(store_of(request), person.id)
    assert view is not None
    return view


def resume(request: Request, body: ConsultedIn) -> Resumed:
    """PAIN-4: the person saw a health professional about the pain that paused the program; it carries on."""
    person = require_person(request)
    return safety.resume_after_referral(store_of(request), person.id, body.consulted, body.consulted_on, today())


def screen_again(request: Request, body: ScreenIn) -> ScreenAgainResult:
    """The warning-sign questions answered again: new signs cancel the sessions they block."""
    person = require_person(request)
    _, outcome, made = setup.screen_again(store_of(request), person.id, parse_answers(body.warning_signs), today())
    return ScreenAgainResult(
        result=outcome.result.value,
        rule_id=outcome.rule_id,
        message=outcome.message,
        source=outcome.source,
        planned=made is not None,
    )


def update_profile(request: Request, body: ProfileIn) -> ProfileView:
    """Change equipment, days or name, and re-plan the sessions still to do when the screen allows."""
    person = require_person(request)
    updated, _plan = setup.update_profile(
        store_of(request),
        person.id,
        today(),
        equipment=setup.parse_equipment(body.equipment or ["none"]),
        preferred_days=tuple(body.preferred_days),
        name=body.name,
    )
    return profile_view(updated)


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


@router.post("/api/screening", tags=["setup"])
def api_screen_again(request: Request, body: ScreenIn) -> ScreenAgainResult:
    """Answer the warning-sign questions again (SCREEN-1: after new symptoms, every 4 weeks, after a session
    that ended with too much pain); new warning signs (SCREEN-2, SCREEN-3) cancel the planned sessions."""
    return screen_again(request, body)


@router.post("/api/resume-after-referral", tags=["setup"])
def api_resume_after_referral(request: Request, body: ConsultedIn) -> Resumed:
    """PAIN-4, single-user mode: record that a health professional was consulted about the pain that paused
    the program (or an exercise); the pause is lifted and logged, the coming weeks planned again."""
    return resume(request, body)


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
    answers: dict[str, str | bool | None] = {
        s.name: str(form.get(f"sign-{s.name}", "")) for s in WARNING_SIGNS if s.asked_by is None
    }
    try:
        harder = parse_answer(WALKING.name, str(form.get(f"sign-{WALKING.name}", "")))
        answers.update(walking_answers(harder, str(form.get(f"{WALKING.name}-why", "")) or None))
        body = SetupIn(
            warning_signs=parse_answers(answers),
            equipment=[str(v) for v in form.getlist("equipment")],
            preferred_days=[int(str(v)) for v in form.getlist("day")],
            starting_pain=int(str(form.get("starting_pain", ""))),
            name=str(form.get("name", "")) or None,
        )
    except (ValueError, RehabitError) as error:
        message = str(error) if isinstance(error, RehabitError) else _form_problem(request, form)
        form_view = await run_in_threadpool(setup_form, request)
        return page(request, "setup.html", form_view, status_code=400, active="today", error=message)
    result = await run_in_threadpool(run_setup, request, body)
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


@router.post("/resume-after-referral", response_class=HTMLResponse, include_in_schema=False)
def resume_submit(
    request: Request, consulted: Annotated[str, Form()] = "", consulted_on: Annotated[str, Form()] = ""
) -> Response:
    try:
        body = ConsultedIn(consulted=consulted, consulted_on=date.fromisoformat(consulted_on))
    except ValueError:
        gettext: Callable[[str], str] = request.app.state.gettext
        message = gettext("Give the name of who you saw and the date (YYYY-MM-DD).")
        return page(request, "today.html", today_view(request), status_code=400, active="today", error=message)
    resume(request, body)
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
        form_view = await run_in_threadpool(setup_form, request)
        return page(request, "profile.html", form_view, status_code=400, active="today", error=message)
    await run_in_threadpool(update_profile, request, body)
    return RedirectResponse("/plan", status_code=303)


def _form_problem(request: Request, form: object) -> str:
    gettext: Callable[[str], str] = request.app.state.gettext
    return gettext("Answer every question, choose at least one day and your pain now (0 to 10).")
