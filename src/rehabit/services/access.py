"""Clinic mode: who may call what. The gate in front of every route asks `admit` once per request.

`admit` looks the sign-in cookie up and decides, in one read transaction, whether the account may call a
route of a given access with its path parameters: its role, whether the patient is theirs, whether the
session or planned session named in the path belongs to the person acted on. Refusals carry the HTTP
status the web answers with: 401 not signed in, 403 the wrong role, 404 a record that is not theirs (so
ids of other people's records reveal nothing).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from rehabit.services import accounts
from rehabit.services.accounts import SignInRecord
from rehabit.store import Store, owners

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Access(StrEnum):
    """What a route asks of the one calling it."""

    PUBLIC = "public"  # anyone: sign-in pages, static files, the OpenAPI document
    SIGNED_IN = "signed_in"  # any account: the shared program library and illustrations
    PERSON = "person"  # a patient's own data (clinicians may read the patient they have open)
    AUTHOR = "author"  # importing programs: patients for themselves, clinicians for the patient open
    CLINICIAN = "clinician"  # the clinic pages
    ADMIN = "admin"  # accounts and the audit trail


@dataclass(frozen=True)
class Verdict:
    """What the gate decided: the person the route acts on, or a refusal (status and message)."""

    person_id: int | None = None
    status: int = 200
    message: str = ""
    home: str | None = None  # where a refused page view goes instead (a clinician's list, the admin page)


# path parameters naming a person's records: the route runs only when the record is the acting person's
OWNED_BY_PERSON: dict[str, Callable[[Store, int], int | None]] = {
    "session_id": owners.session_owner,
    "planned_session_id": owners.planned_owner,
    "note_id": owners.note_owner,
}


def admit(
    store: Store,
    token: str,
    access: Access,
    method: str,
    path_params: Mapping[str, Any],
    now: datetime | None = None,
) -> tuple[SignInRecord | None, Verdict]:
    """The live sign-in for a cookie token (or None) and the verdict for this route, read in one
    transaction; a stale sign-in is forgotten (or a live one's last use noted) afterwards, in its own."""
    with store.read():
        signin, stale = accounts.look_up_signin(store, token, now) if token else (None, False)
        verdict = decide(store, signin if not stale else None, access, method, path_params)
    if token and (signin is not None or stale):
        signin = accounts.note_signin_use(store, token, signin, stale, now)
    return signin, verdict


def decide(
    store: Store, signin: SignInRecord | None, access: Access, method: str, path_params: Mapping[str, Any]
) -> Verdict:
    """Whether this account may call a route of this access with these path parameters."""
    if access is Access.PUBLIC:
        return Verdict()
    if signin is None:
        return Verdict(status=401, message="sign in first")
    account = signin.account
    if access is Access.SIGNED_IN:
        return Verdict()
    if access is Access.ADMIN:
        return Verdict() if account.role == "admin" else Verdict(status=403, message="only an admin can do this")
    if access is Access.CLINICIAN:
        if account.role != "clinician":
            return Verdict(status=403, message="only a clinician can do this")
        person_id = path_params.get("person_id")
        if person_id is None:
            return Verdict()
        wanted = _as_id(person_id)
        if not 0 < wanted < 2**63 or not accounts.can_see(store, account, wanted):
            return Verdict(status=404, message=f"no patient {person_id} of yours")
        return Verdict(person_id=wanted)
    # PERSON and AUTHOR: who is the person?
    if account.role == "patient":
        person_id = account.person_id
    elif account.role == "clinician":
        person_id = signin.viewing_person_id
        if access is Access.PERSON and method not in SAFE_METHODS:
            return Verdict(status=403, message="only the patient can change this; use the clinic pages")
        if person_id is not None and not accounts.can_see(store, account, person_id):
            person_id = None
        if person_id is None and access is Access.PERSON:
            return Verdict(status=403, message="open one of your patients first (/clinic)", home="/clinic")
    else:
        return Verdict(status=403, message="an admin account has no patient data; use /admin", home="/admin")
    if person_id is None:
        return Verdict()
    for name, owner_of in OWNED_BY_PERSON.items():
        value = path_params.get(name)
        if value is not None and owner_of(store, _as_id(value)) != person_id:
            return Verdict(status=404, message=f"no {name.removesuffix('_id').replace('_', ' ')} with id {value}")
    return Verdict(person_id=person_id)


def _as_id(value: object) -> int:
    """A path parameter as a record id; -1 (which no record has) when it is not a whole number."""
    try:
        return int(str(value))
    except ValueError:
        return -1
