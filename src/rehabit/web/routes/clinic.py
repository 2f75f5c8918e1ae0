"""Clinic mode's pages for clinicians: their patient list (who needs attention first), one patient's page
(program and stage, doses, thresholds, notes, requests to follow another program), invites.

The sign-in gate (`web.auth`) has already checked the role, and that a `{person_id}` is the clinician's
own patient, before any of these run. The admin's pages (`routes.admin`) and the patient's notes
(`routes.notes`) join this router, which only a clinic-mode app includes.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field

from rehabit.services import accounts, clinic, exports, notes, thresholds
from rehabit.services.accounts import AccountRecord
from rehabit.services.clinic import DoseLine, PatientLine, PatientView
from rehabit.services.notes import MAX_NOTE, NoteLine, RequestLine
from rehabit.web._context import store_of, today
from rehabit.web._render import page
from rehabit.web.auth import set_viewing
from rehabit.web.routes.admin import router as admin_router
from rehabit.web.routes.notes import router as notes_router

router = APIRouter()


def _me(request: Request) -> AccountRecord:
    account: AccountRecord = request.state.account
    return account


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


class NoteIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_NOTE)


class NotesRead(BaseModel):
    read: int


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


def _answer(request: Request, person_id: int, request_id: int, approve: bool) -> RequestLine:
    return clinic.answer_request(store_of(request), _me(request), person_id, request_id, approve=approve, today=today())


# --- clinician API -----------------------------------------------------------------------------------------


@router.get("/api/clinic/patients", tags=["clinic"])
def api_patients(request: Request) -> list[PatientLine]:
    """The clinician's patients, those who need attention first (with the reasons in words): sessions a
    week for the last 8 weeks against the program's aim, the last session, pain trend, open flags."""
    return patient_lines(request)


@router.get("/api/clinic/patients/{person_id}", tags=["clinic"])
def api_patient(request: Request, person_id: int) -> PatientView:
    """One patient: adherence, program, stage, doses, thresholds, sessions, decisions, notes, requests."""
    return patient_view(request, person_id)


@router.post("/api/clinic/patients/{person_id}/program", tags=["clinic"])
def api_assign(request: Request, person_id: int, body: AssignIn) -> PatientView:
    """Assign a program (built-in, stored or written) and a starting stage; it holds until you change it."""
    clinic.assign_program(
        store_of(request), _me(request), person_id, body.program, body.stage_index, today(), body.written
    )
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


@router.post("/api/clinic/patients/{person_id}/notes", tags=["clinic"], status_code=201)
def api_leave_note(request: Request, person_id: int, body: NoteIn) -> NoteLine:
    """Leave the patient a short note: it shows on their Today page until they mark it read."""
    return notes.leave_note(store_of(request), _me(request), person_id, body.text)


@router.post("/api/clinic/patients/{person_id}/notes/read", tags=["clinic"])
def api_read_notes(request: Request, person_id: int) -> NotesRead:
    """Mark the patient's notes to you read."""
    return NotesRead(read=notes.read_patient_notes(store_of(request), _me(request), person_id))


@router.post("/api/clinic/patients/{person_id}/requests/{request_id}/approve", tags=["clinic"])
def api_approve(request: Request, person_id: int, request_id: int) -> RequestLine:
    """Approve the patient's request: they follow the program they asked for, now the prescribed one."""
    return _answer(request, person_id, request_id, True)


@router.post("/api/clinic/patients/{person_id}/requests/{request_id}/decline", tags=["clinic"])
def api_decline(request: Request, person_id: int, request_id: int) -> RequestLine:
    """Decline the patient's request: they keep the program you assigned."""
    return _answer(request, person_id, request_id, False)


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


def _back(person_id: int) -> Response:
    return RedirectResponse(f"/clinic/patients/{person_id}", status_code=303)


@router.post("/clinic/patients/{person_id}/program", include_in_schema=False)
def assign_submit(
    request: Request,
    person_id: int,
    choice: Annotated[str, Form(max_length=220, description="<program key>@<stage index>")] = "",
    written: Annotated[str, Form(max_length=200_000)] = "",
) -> Response:
    key, _, stage = choice.rpartition("@")
    stage_index = int(stage) if stage.isdigit() and int(stage) <= 50 else 0
    api_assign(request, person_id, AssignIn(program=key or choice, stage_index=stage_index, written=written))
    return _back(person_id)


@router.post("/clinic/patients/{person_id}/dose", include_in_schema=False)
def dose_submit(request: Request, person_id: int, body: Annotated[DoseIn, Form()]) -> Response:
    _adjust(request, person_id, body)
    return _back(person_id)


@router.post("/clinic/patients/{person_id}/thresholds", include_in_schema=False)
def thresholds_submit(
    request: Request, person_id: int, name: Annotated[str, Form(max_length=80)], value: Annotated[float, Form()]
) -> Response:
    api_thresholds(request, person_id, {name: value})
    return _back(person_id)


@router.post("/clinic/patients/{person_id}/notes", include_in_schema=False)
def note_submit(request: Request, person_id: int, text: Annotated[str, Form(max_length=MAX_NOTE)] = "") -> Response:
    notes.leave_note(store_of(request), _me(request), person_id, text)
    return _back(person_id)


@router.post("/clinic/patients/{person_id}/notes/read", include_in_schema=False)
def read_submit(request: Request, person_id: int) -> Response:
    api_read_notes(request, person_id)
    return _back(person_id)


@router.post("/clinic/patients/{person_id}/requests/{request_id}/approve", include_in_schema=False)
def approve_submit(request: Request, person_id: int, request_id: int) -> Response:
    _answer(request, person_id, request_id, True)
    return _back(person_id)


@router.post("/clinic/patients/{person_id}/requests/{request_id}/decline", include_in_schema=False)
def decline_submit(request: Request, person_id: int, request_id: int) -> Response:
    _answer(request, person_id, request_id, False)
    return _back(person_id)


@router.get("/clinic/patients/{person_id}/handout.pdf", include_in_schema=False)
def handout(request: Request, person_id: int) -> Response:
    program_id, pdf = exports.handout(store_of(request), person_id, None)
    headers = {"Content-Disposition": f'inline; filename="{program_id}-handout.pdf"'}
    return Response(pdf, media_type="application/pdf", headers=headers)


router.include_router(admin_router)
router.include_router(notes_router)
