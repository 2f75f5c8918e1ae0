"""Clinic mode's pages for clinicians (their patients) and admins (accounts and the audit trail).

The sign-in gate (`web.auth`) has already checked the role, and that a `{person_id}` is the clinician's
own patient, before any of these run.
"""

from __future__ import annotations

import importlib.util
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field

from rehabit import accounts, clinic, course
from rehabit.store import accounts as account_rows
from rehabit.store import decisions, doses, people, programs, sessions
from rehabit.store.accounts import AccountRecord
from rehabit.web._context import store_of
from rehabit.web._render import page
from rehabit.web.auth import set_viewing

router = APIRouter()


def _me(request: Request) -> AccountRecord:
    account: AccountRecord = request.state.account
    return account


# --- views -----------------------------------------------------------------------------------------------


class PatientLine(BaseModel):
    """One patient in the list: adherence over 4 weeks, pain before sessions first vs last, flags."""

    person_id: int
    name: str
    sessions_done: int
    sessions_planned: int
    adherence_percent: int | None
    pain_first: int | None
    pain_last: int | None
    pain_change: int | None
    pain_trend: str
    flags: list[str]


class DoseLine(BaseModel):
    exercise_id: str
    name: str
    dose: str
    adjusted: bool


class SessionLine(BaseModel):
    id: int
    started: str
    status: str
    pain_before: int | None
    pain_after: int | None
    pain_next_morning: int | None
    sets: int


class DecisionLine(BaseModel):
    on: str
    exercise_id: str
    kind: str
    rule_id: str
    facts: str


class ChoiceLine(BaseModel):
    key: str
    title: str
    stages: list[str]


class PatientView(BaseModel):
    """Everything the clinician's page about one patient shows."""

    summary: PatientLine
    program_id: str
    program_title: str
    stage_index: int
    stages: list[str]
    doses: list[DoseLine]
    thresholds: dict[str, Any]
    sessions: list[SessionLine]
    decisions: list[DecisionLine]
    program_choices: list[ChoiceLine]
    handout_url: str | None


class AssignIn(BaseModel):
    program: str = Field(
        default="builtin:lower-back-glutes", max_length=200, description="builtin:<id> or version:<id>"
    )
    stage_index: int = Field(default=0, ge=0, le=50)
    written: str = Field(default="", max_length=200_000, description="a program file (YAML) instead of a choice")


class DoseIn(BaseModel):
    exercise_id: str = Field(max_length=80)
    reps_min: int | None = Field(default=None, ge=0, le=1000)
    reps_max: int | None = Field(default=None, ge=0, le=1000)
    hold_min: int | None = Field(default=None, ge=0, le=3600)
    hold_max: int | None = Field(default=None, ge=0, le=3600)
    sets_min: int = Field(default=1, ge=1, le=50)
    sets_max: int = Field(default=1, ge=1, le=50)


class InviteIn(BaseModel):
    patient_name: str = Field(min_length=1, max_length=200)


class InviteOut(BaseModel):
    url: str
    patient_name: str


class AccountIn(BaseModel):
    username: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=1, max_length=1000)
    role: str = Field(pattern="^(patient|clinician|admin)$")
    display_name: str = Field(default="", max_length=200)


class AccountLine(BaseModel):
    id: int
    username: str
    display_name: str
    role: str
    person_id: int | None
    disabled: bool


class AuditLine(BaseModel):
    at: str
    username: str
    action: str
    person_id: int | None
    detail: str


HAS_HANDOUT = importlib.util.find_spec("rehabit.export.handout") is not None


def _line(summary: clinic.PatientSummary) -> PatientLine:
    return PatientLine(**{**summary.__dict__, "flags": list(summary.flags)})


def patient_lines(request: Request) -> list[PatientLine]:
    store = store_of(request)
    ids = accounts.patients_of(store, _me(request))
    return [_line(s) for s in clinic.patient_summaries(store, ids, date.today())]


def patient_view(request: Request, person_id: int) -> PatientView:
    store = store_of(request)
    person = people.get_person(store, person_id)
    version = programs.person_program(store, person_id)
    program = version.program
    current = doses.current_doses(store, person_id)
    names = {e.id: e.name for e in program.exercises}
    logs = sessions.list_sessions(store, person_id, limit=20)
    return PatientView(
        summary=_line(clinic.patient_summaries(store, [person_id], date.today())[0]),
        program_id=program.id,
        program_title=program.title,
        stage_index=person.stage_index,
        stages=[s.name for s in program.stages],
        doses=[
            DoseLine(
                exercise_id=e.id,
                name=e.name,
                dose=(current[e.id].dose if e.id in current else e.dose).describe(),
                adjusted=e.id in current,
            )
            for e in program.exercises
        ],
        thresholds=course.person_thresholds(person).model_dump(),
        sessions=[
            SessionLine(
                id=log.id,
                started=log.started_at.isoformat(timespec="minutes"),
                status=log.status,
                pain_before=log.pain_before,
                pain_after=log.pain_after,
                pain_next_morning=log.pain_next_morning,
                sets=len(log.sets),
            )
            for log in reversed(logs)
        ],
        decisions=[
            DecisionLine(
                on=d.created_at.date().isoformat(),
                exercise_id=names.get(d.exercise_id, d.exercise_id),
                kind=d.kind,
                rule_id=d.rule_id,
                facts=d.facts,
            )
            for d in reversed(decisions.list_decisions(store, person_id)[-30:])
        ],
        program_choices=[
            ChoiceLine(key=c.key, title=c.title, stages=list(c.stages)) for c in clinic.program_choices(store)
        ],
        handout_url=f"/clinic/patients/{person_id}/handout.pdf" if HAS_HANDOUT else None,
    )


def _pair(low: int | None, high: int | None) -> tuple[int, int] | None:
    if low is None and high is None:
        return None
    low = low if low is not None else high
    assert low is not None
    return low, high if high is not None else low


def _adjust(request: Request, person_id: int, body: DoseIn) -> DoseLine:
    store = store_of(request)
    dose = clinic.adjust_dose(
        store,
        person_id,
        body.exercise_id,
        reps=_pair(body.reps_min, body.reps_max),
        hold_s=_pair(body.hold_min, body.hold_max),
        sets=(body.sets_min, max(body.sets_min, body.sets_max)),
    )
    name = programs.person_program(store, person_id).program.exercise(body.exercise_id).name
    return DoseLine(exercise_id=body.exercise_id, name=name, dose=dose.describe(), adjusted=True)


def _invite(request: Request, body: InviteIn) -> InviteOut:
    token = accounts.create_invite(store_of(request), _me(request), body.patient_name)
    return InviteOut(url=str(request.base_url).rstrip("/") + f"/invite/{token}", patient_name=body.patient_name.strip())


def _account_line(account: AccountRecord) -> AccountLine:
    return AccountLine(
        id=account.id,
        username=account.username,
        display_name=account.display_name,
        role=account.role,
        person_id=account.person_id,
        disabled=account.disabled,
    )


def _audit_lines(request: Request) -> list[AuditLine]:
    return [
        AuditLine(
            at=e.at.isoformat(timespec="seconds"),
            username=e.username,
            action=e.action,
            person_id=e.person_id,
            detail=e.detail,
        )
        for e in account_rows.list_audit(store_of(request))
    ]


# --- clinician API -----------------------------------------------------------------------------------------


@router.get("/api/clinic/patients", tags=["clinic"])
def api_patients(request: Request) -> list[PatientLine]:
    """The clinician's patients with adherence (4 weeks), pain trend and flags."""
    return patient_lines(request)


@router.get("/api/clinic/patients/{person_id}", tags=["clinic"])
def api_patient(request: Request, person_id: int) -> PatientView:
    """One patient: program, stage, doses, thresholds, recent sessions and decisions."""
    return patient_view(request, person_id)


@router.post("/api/clinic/patients/{person_id}/program", tags=["clinic"])
def api_assign(request: Request, person_id: int, body: AssignIn) -> PatientView:
    """Assign a program (built-in, imported or written) and a starting stage."""
    clinic.assign_program(store_of(request), person_id, body.program, body.stage_index, date.today(), body.written)
    return patient_view(request, person_id)


@router.post("/api/clinic/patients/{person_id}/dose", tags=["clinic"])
def api_dose(request: Request, person_id: int, body: DoseIn) -> DoseLine:
    """Set one exercise's current dose for the patient."""
    return _adjust(request, person_id, body)


@router.post("/api/clinic/patients/{person_id}/thresholds", tags=["clinic"])
def api_thresholds(request: Request, person_id: int, body: dict[str, float]) -> dict[str, Any]:
    """Change some of the patient's CLINICAL.md thresholds (names as in `rehabit.rules.Thresholds`)."""
    changes = {name: int(value) if float(value).is_integer() else value for name, value in body.items()}
    return course.set_thresholds(store_of(request), person_id, changes).model_dump()


@router.post("/api/clinic/invites", tags=["clinic"], status_code=201)
def api_invite(request: Request, body: InviteIn) -> InviteOut:
    """A one-time link (valid a week) by which a new patient creates their account."""
    return _invite(request, body)


# --- clinician pages ---------------------------------------------------------------------------------------


@router.get("/clinic", response_class=HTMLResponse, include_in_schema=False)
def clinic_page(request: Request) -> Response:
    return page(request, "clinic/patients.html", None, active="clinic", patients=patient_lines(request), invite=None)


@router.post("/clinic/invites", response_class=HTMLResponse, include_in_schema=False)
def invite_submit(request: Request, patient_name: Annotated[str, Form(min_length=1, max_length=200)]) -> Response:
    invite = _invite(request, InviteIn(patient_name=patient_name))
    return page(request, "clinic/patients.html", None, active="clinic", patients=patient_lines(request), invite=invite)


@router.get("/clinic/patients/{person_id}", response_class=HTMLResponse, include_in_schema=False)
def patient_page(request: Request, person_id: int) -> Response:
    set_viewing(request, person_id)  # the patient's own pages (Today, Plan, History) now show this patient
    return page(request, "clinic/patient.html", patient_view(request, person_id), active="clinic")


@router.post("/clinic/patients/{person_id}/program", include_in_schema=False)
def assign_submit(
    request: Request,
    person_id: int,
    program: Annotated[str, Form(max_length=200)],
    stage_index: Annotated[int, Form(ge=0, le=50)] = 0,
    written: Annotated[str, Form(max_length=200_000)] = "",
) -> Response:
    api_assign(request, person_id, AssignIn(program=program, stage_index=stage_index, written=written))
    return RedirectResponse(f"/clinic/patients/{person_id}", status_code=303)


@router.post("/clinic/patients/{person_id}/dose", include_in_schema=False)
def dose_submit(request: Request, person_id: int, body: Annotated[DoseIn, Form()]) -> Response:
    _adjust(request, person_id, body)
    return RedirectResponse(f"/clinic/patients/{person_id}", status_code=303)


@router.post("/clinic/patients/{person_id}/thresholds", include_in_schema=False)
def thresholds_submit(
    request: Request, person_id: int, name: Annotated[str, Form(max_length=80)], value: Annotated[float, Form()]
) -> Response:
    api_thresholds(request, person_id, {name: value})
    return RedirectResponse(f"/clinic/patients/{person_id}", status_code=303)


@router.get("/clinic/patients/{person_id}/handout.pdf", include_in_schema=False)
def handout(request: Request, person_id: int) -> Response:
    from weasyprint import HTML

    from rehabit.export.handout import handout_html  # WeasyPrint loads slowly: only when asked

    store = store_of(request)
    person = people.get_person(store, person_id)
    program = programs.person_program(store, person_id).program
    stage = program.stages[person.stage_index].id if person.stage_index < len(program.stages) else None
    pdf = HTML(string=handout_html(program, person=person.name, stage=stage)).write_pdf()
    return Response(pdf, media_type="application/pdf")


# --- admin -------------------------------------------------------------------------------------------------


@router.get("/api/admin/accounts", tags=["admin"])
def api_accounts(request: Request) -> list[AccountLine]:
    """Every account."""
    return [_account_line(a) for a in account_rows.list_accounts(store_of(request))]


@router.post("/api/admin/accounts", tags=["admin"], status_code=201)
def api_add_account(request: Request, body: AccountIn) -> AccountLine:
    """Create an account (a patient gets a profile of their own)."""
    account = accounts.create_account(
        store_of(request), body.username, body.password, body.role, display_name=body.display_name
    )
    accounts.audit(store_of(request), _me(request), "added an account", account.person_id, account.username)
    return _account_line(account)


@router.get("/api/admin/audit", tags=["admin"])
def api_audit(request: Request) -> list[AuditLine]:
    """The newest 200 audit entries: who viewed or changed which patient's data, and when."""
    return _audit_lines(request)


@router.get("/admin", response_class=HTMLResponse, include_in_schema=False)
def admin_page(request: Request) -> Response:
    return page(
        request,
        "clinic/admin.html",
        None,
        active="admin",
        accounts=api_accounts(request),
        audit=_audit_lines(request),
        error=None,
    )


@router.post("/admin/accounts/{username}/disable", include_in_schema=False)
def disable_submit(request: Request, username: str) -> Response:
    account = account_rows.set_disabled(store_of(request), username, True)
    accounts.audit(store_of(request), _me(request), "disabled an account", account.person_id, account.username)
    return RedirectResponse("/admin", status_code=303)
