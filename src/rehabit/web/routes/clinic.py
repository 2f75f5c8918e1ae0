"""Clinic mode's pages for clinicians (their patients) and admins (accounts and the audit trail).

The sign-in gate (`web.auth`) has already checked the role, and that a `{person_id}` is the clinician's
own patient, before any of these run.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field

from rehabit.services import accounts, clinic, exports, thresholds
from rehabit.services.accounts import AccountRecord
from rehabit.services.clinic import AccountLine, AuditLine, DoseLine, PatientLine, PatientView, account_line
from rehabit.web._context import store_of, today
from rehabit.web._render import page
from rehabit.web.auth import set_viewing

router = APIRouter()


def _me(request: Request) -> AccountRecord:
    account: AccountRecord = request.state.account
    return account


# --- views -----------------------------------------------------------------------------------------------


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


def patient_lines(request: Request) -> list[PatientLine]:
    return clinic.patient_lines(store_of(request), _me(request), today())


def patient_view(request: Request, person_id: int) -> PatientView:
    return clinic.patient_view(store_of(request), person_id, today())


def _pair(low: int | None, high: int | None) -> tuple[int, int] | None:
    if low is None and high is None:
        return None
    low = low if low is not None else high
    assert low is not None
    return low, high if high is not None else low


def _adjust(request: Request, person_id: int, body: DoseIn) -> DoseLine:
    return clinic.adjust_dose(
        store_of(request),
        person_id,
        body.exercise_id,
        reps=_pair(body.reps_min, body.reps_max),
        hold_s=_pair(body.hold_min, body.hold_max),
        sets=(body.sets_min, max(body.sets_min, body.sets_max)),
        today=today(),
    )


def _invite(request: Request, body: InviteIn) -> InviteOut:
    token = accounts.create_invite(store_of(request), _me(request), body.patient_name)
    return InviteOut(url=str(request.base_url).rstrip("/") + f"/invite/{token}", patient_name=body.patient_name.strip())


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
    clinic.assign_program(store_of(request), person_id, body.program, body.stage_index, today(), body.written)
    return patient_view(request, person_id)


@router.post("/api/clinic/patients/{person_id}/dose", tags=["clinic"])
def api_dose(request: Request, person_id: int, body: DoseIn) -> DoseLine:
    """Set one exercise's current dose for the patient."""
    return _adjust(request, person_id, body)


@router.post("/api/clinic/patients/{person_id}/thresholds", tags=["clinic"])
def api_thresholds(request: Request, person_id: int, body: dict[str, float]) -> dict[str, Any]:
    """Change some of the patient's CLINICAL.md thresholds (names as in `rehabit.domain.rules.Thresholds`)."""
    changes = {name: int(value) if float(value).is_integer() else value for name, value in body.items()}
    return thresholds.set_thresholds(store_of(request), person_id, changes, today()).model_dump()


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
    program_id, pdf = exports.handout(store_of(request), person_id, None)
    headers = {"Content-Disposition": f'inline; filename="{program_id}-handout.pdf"'}
    return Response(pdf, media_type="application/pdf", headers=headers)


# --- admin -------------------------------------------------------------------------------------------------


@router.get("/api/admin/accounts", tags=["admin"])
def api_accounts(request: Request) -> list[AccountLine]:
    """Every account."""
    return [account_line(a) for a in accounts.list_accounts(store_of(request))]


@router.post("/api/admin/accounts", tags=["admin"], status_code=201)
def api_add_account(request: Request, body: AccountIn) -> AccountLine:
    """Create an account (a patient gets a profile of their own)."""
    account = accounts.add_account(
        store_of(request), _me(request), body.username, body.password, body.role, display_name=body.display_name
    )
    return account_line(account)


@router.get("/api/admin/audit", tags=["admin"])
def api_audit(request: Request) -> list[AuditLine]:
    """The newest 200 audit entries: who viewed or changed which patient's data, and when."""
    return clinic.audit_lines(store_of(request))


@router.get("/admin", response_class=HTMLResponse, include_in_schema=False)
def admin_page(request: Request) -> Response:
    return page(
        request,
        "clinic/admin.html",
        None,
        active="admin",
        accounts=api_accounts(request),
        audit=clinic.audit_lines(store_of(request)),
        error=None,
    )


@router.post("/admin/accounts/{username}/disable", include_in_schema=False)
def disable_submit(request: Request, username: str) -> Response:
    accounts.set_disabled(store_of(request), _me(request), username, True)
    return RedirectResponse("/admin", status_code=303)
