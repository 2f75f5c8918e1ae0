"""Clinic mode: a patient's notes with their clinicians (read, mark read, write back), page forms and JSON.

The notes show on the patient's Today page (`_care.html`); these routes are a patient's own data for the
sign-in gate (a clinician with the patient open may read them, not write as the patient).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

from rehabit.services import notes
from rehabit.services.accounts import AccountRecord
from rehabit.services.notes import MAX_NOTE, NoteLine
from rehabit.web._context import require_person, store_of

router = APIRouter()


class NoteIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_NOTE)


def _me(request: Request) -> AccountRecord:
    account: AccountRecord = request.state.account
    return account


@router.get("/api/notes", tags=["notes"])
def api_notes(request: Request) -> list[NoteLine]:
    """The newest notes between the patient and their clinicians, oldest first."""
    return notes.note_lines(store_of(request), require_person(request).id)


@router.post("/api/notes", tags=["notes"], status_code=201)
def api_send(request: Request, body: NoteIn) -> NoteLine:
    """Write a short note to the clinicians who look after you."""
    return notes.send_note(store_of(request), _me(request), body.text)


@router.post("/api/notes/{note_id}/read", tags=["notes"])
def api_read(request: Request, note_id: int) -> NoteLine:
    """Mark a note from your clinician read: it leaves your Today page."""
    return notes.mark_read(store_of(request), _me(request), note_id)


@router.post("/notes", include_in_schema=False)
def send_submit(request: Request, text: Annotated[str, Form(max_length=MAX_NOTE)] = "") -> Response:
    notes.send_note(store_of(request), _me(request), text)
    return RedirectResponse("/", status_code=303)


@router.post("/notes/{note_id}/read", include_in_schema=False)
def read_submit(request: Request, note_id: int) -> Response:
    notes.mark_read(store_of(request), _me(request), note_id)
    return RedirectResponse("/", status_code=303)
