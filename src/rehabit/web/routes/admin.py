"""Clinic mode's admin page and API: create, disable, enable and reset accounts, link patients to
clinicians, read the audit trail. The sign-in gate lets only an admin in (`/admin…`, `/api/admin…`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field

from rehabit.errors import RehabitError
from rehabit.services import accounts, clinic
from rehabit.services.accounts import AccountRecord
from rehabit.services.clinic import AccountLine, AuditLine
from rehabit.web._context import store_of
from rehabit.web._render import page

router = APIRouter()

UserName = Annotated[str, Field(min_length=1, max_length=80)]


def _me(request: Request) -> AccountRecord:
    account: AccountRecord = request.state.account
    return account


class AccountIn(BaseModel):
    username: UserName
    password: str = Field(min_length=1, max_length=1000)
    role: str = Field(pattern="^(patient|clinician|admin)$")
    display_name: str = Field(default="", max_length=200)
    clinicians: list[UserName] = Field(default_factory=list, max_length=20, description="a patient's clinicians")


class PasswordIn(BaseModel):
    password: str = Field(min_length=1, max_length=1000)


class LinkIn(BaseModel):
    patient: UserName
    clinician: UserName


def _line(request: Request, username: str) -> AccountLine:
    wanted = username.strip().lower()
    return next(line for line in clinic.account_lines(store_of(request)) if line.username == wanted)


def _add(request: Request, body: AccountIn) -> AccountLine:
    account = accounts.add_account(
        store_of(request),
        _me(request),
        body.username,
        body.password,
        body.role,
        display_name=body.display_name,
        clinicians=body.clinicians,
    )
    return _line(request, account.username)


# --- API ---------------------------------------------------------------------------------------------------


@router.get("/api/admin/accounts", tags=["admin"])
def api_accounts(request: Request) -> list[AccountLine]:
    """Every account, with each patient's clinicians."""
    return clinic.account_lines(store_of(request))


@router.post("/api/admin/accounts", tags=["admin"], status_code=201)
def api_add_account(request: Request, body: AccountIn) -> AccountLine:
    """Create an account (a patient gets a profile of their own, linked to the clinicians named)."""
    return _add(request, body)


@router.post("/api/admin/accounts/{username}/disable", tags=["admin"])
def api_disable(request: Request, username: str) -> AccountLine:
    """Disable an account (not your own, nor the last admin): it is signed out and cannot sign in."""
    accounts.set_disabled(store_of(request), _me(request), username, True)
    return _line(request, username)


@router.post("/api/admin/accounts/{username}/enable", tags=["admin"])
def api_enable(request: Request, username: str) -> AccountLine:
    """Enable a disabled account again."""
    accounts.set_disabled(store_of(request), _me(request), username, False)
    return _line(request, username)


@router.post("/api/admin/accounts/{username}/password", tags=["admin"])
def api_reset_password(request: Request, username: str, body: PasswordIn) -> AccountLine:
    """Give an account a new password; it is signed out everywhere."""
    accounts.reset_password(store_of(request), _me(request), username, body.password)
    return _line(request, username)


@router.post("/api/admin/links", tags=["admin"], status_code=201)
def api_link(request: Request, body: LinkIn) -> AccountLine:
    """Link a patient to a clinician (a patient may have several)."""
    accounts.link(store_of(request), _me(request), body.patient, body.clinician)
    return _line(request, body.patient)


@router.delete("/api/admin/links/{clinician}/{patient}", tags=["admin"])
def api_unlink(request: Request, clinician: str, patient: str) -> AccountLine:
    """The clinician no longer looks after the patient."""
    accounts.unlink(store_of(request), _me(request), patient, clinician)
    return _line(request, patient)


@router.get("/api/admin/audit", tags=["admin"])
def api_audit(request: Request) -> list[AuditLine]:
    """The newest 200 audit entries: who viewed or changed which patient's data, and when."""
    return clinic.audit_lines(store_of(request))


# --- pages -------------------------------------------------------------------------------------------------


def admin_page_for(request: Request, status_code: int = 200, error: str | None = None) -> Response:
    """The admin page: the accounts (with forms to change them) and the audit trail."""
    store = store_of(request)
    return page(
        request,
        "clinic/admin.html",
        None,
        status_code,
        active="admin",
        accounts=clinic.account_lines(store),
        audit=clinic.audit_lines(store),
        error=error,
    )


@router.get("/admin", response_class=HTMLResponse, include_in_schema=False)
def admin_page(request: Request) -> Response:
    return admin_page_for(request)


def _then(request: Request, action: Callable[[], object]) -> Response:
    """Back to the admin page after a change, or the page again with the reason it was refused."""
    try:
        action()
    except RehabitError as error:
        return admin_page_for(request, 400, error=str(error))
    return RedirectResponse("/admin", status_code=303)


@router.post("/admin/accounts", response_class=HTMLResponse, include_in_schema=False)
def add_submit(
    request: Request,
    username: Annotated[str, Form(max_length=80)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    role: Annotated[str, Form(max_length=16)] = "patient",
    display_name: Annotated[str, Form(max_length=200)] = "",
    clinicians: Annotated[list[str] | None, Form(max_length=20)] = None,
) -> Response:
    named = [c for c in clinicians or [] if c]
    store, me = store_of(request), _me(request)
    return _then(
        request,
        lambda: accounts.add_account(store, me, username, password, role, display_name=display_name, clinicians=named),
    )


@router.post("/admin/accounts/{username}/disable", include_in_schema=False)
def disable_submit(request: Request, username: str) -> Response:
    return _then(request, lambda: accounts.set_disabled(store_of(request), _me(request), username, True))


@router.post("/admin/accounts/{username}/enable", include_in_schema=False)
def enable_submit(request: Request, username: str) -> Response:
    return _then(request, lambda: accounts.set_disabled(store_of(request), _me(request), username, False))


@router.post("/admin/passwords", include_in_schema=False)
def password_submit(
    request: Request,
    username: Annotated[str, Form(max_length=80)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    return _then(request, lambda: accounts.reset_password(store_of(request), _me(request), username, password))


@router.post("/admin/links", include_in_schema=False)
def link_submit(
    request: Request,
    patient: Annotated[str, Form(max_length=80)] = "",
    clinician: Annotated[str, Form(max_length=80)] = "",
) -> Response:
    return _then(request, lambda: accounts.link(store_of(request), _me(request), patient, clinician))


@router.post("/admin/links/remove", include_in_schema=False)
def unlink_submit(
    request: Request,
    patient: Annotated[str, Form(max_length=80)] = "",
    clinician: Annotated[str, Form(max_length=80)] = "",
) -> Response:
    return _then(request, lambda: accounts.unlink(store_of(request), _me(request), patient, clinician))
