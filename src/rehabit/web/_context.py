"""What routes share: the store of the running app and the person a request acts on."""

from __future__ import annotations

from datetime import date

from fastapi import Request

from rehabit.domain.records import PersonRecord
from rehabit.errors import RehabitError
from rehabit.services import Store, programs, setup
from rehabit.services.programs import ProgramScope

__all__ = ["local_person", "person_id_of", "program_scope", "require_person", "store_of", "today"]


def store_of(request: Request) -> Store:
    """The store the app opened in its lifespan."""
    store: Store = request.app.state.store
    return store


def today() -> date:
    """The person's today (the server's local date)."""
    return date.today()


def person_id_of(request: Request) -> int | None:
    """The id of the person the request acts on, or None (before setup; or nobody in clinic mode).

    In clinic mode it is the person the sign-in gate (`web.auth`) let this request act on: a patient's
    own profile, or the patient a clinician has open. On a local install it is the one local person.
    """
    if request.app.state.settings.accounts:
        person_id: int | None = getattr(request.state, "acting_person_id", None)
        return person_id
    person = setup.local_person(store_of(request))
    return None if person is None else person.id


def program_scope(request: Request) -> ProgramScope:
    """Whose programs the request sees and saves into: a local install's, or in clinic mode the signed-in
    account's (a patient's own and given ones; the clinic's and the open patient's for a clinician)."""
    signin = getattr(request.state, "signin", None) if request.app.state.settings.accounts else None
    if signin is None:
        return programs.LOCAL
    return programs.scope_of(store_of(request), signin.account, signin.viewing_person_id)


def local_person(request: Request) -> PersonRecord | None:
    """The profile the request acts on (see `person_id_of`), or None."""
    person_id = person_id_of(request)
    return None if person_id is None else setup.person(store_of(request), person_id)


def require_person(request: Request) -> PersonRecord:
    """The profile the request acts on; a 400 telling them to set up first when there is none yet."""
    person = local_person(request)
    if person is None:
        raise RehabitError(request.app.state.gettext("There is no profile yet: complete setup first (/setup)."))
    return person
