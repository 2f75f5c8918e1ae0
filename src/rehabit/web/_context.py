"""What routes share: the store of the running app, the one local person, the program they follow."""

from __future__ import annotations

from fastapi import Request

from rehabit.errors import RehabitError
from rehabit.model import Program
from rehabit.store import PersonRecord, Store, people, programs


def store_of(request: Request) -> Store:
    """The store the app opened in its lifespan."""
    store: Store = request.app.state.store
    return store


def local_person(request: Request) -> PersonRecord | None:
    """The one person of a local install, or None before setup.

    In clinic mode (accounts) it is the person the sign-in gate (`web.auth`) let this request act on:
    a patient's own profile, or the patient a clinician has open; None for anyone else.
    """
    if request.app.state.settings.accounts:
        person_id: int | None = getattr(request.state, "acting_person_id", None)
        return None if person_id is None else people.get_person(store_of(request), person_id)
    return people.default_person(store_of(request))


def require_person(request: Request) -> PersonRecord:
    """The local person; a 400 telling them to set up first when there is none yet."""
    person = local_person(request)
    if person is None:
        raise RehabitError(request.app.state.gettext("There is no profile yet: complete setup first (/setup)."))
    return person


def program_of_version(request: Request, version_id: int) -> Program:
    """The exact program version a plan or a session log used."""
    record = programs.get_program_version(store_of(request), version_id)
    return Program.model_validate(record.document)
