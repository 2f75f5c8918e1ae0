"""The use cases, one function each, that every face calls: the CLI, the web pages and the JSON API.

Each function applies every rule that guards its action and owns its transaction; reads never write.
The faces parse input, call one of these, and render what it returns; they never touch the store.

    setup       set up a person (screen, profile, first PSFS, plan), update the profile, clearance
    screening   what the warning-sign screen allows; screen again
    programs    the programs one can open; follow a program (built-in, stored or a file)
    planning    plan the coming weeks (FREQ-1), plan again after the course moved
    sessions    start or carry on, log a set, finish, end early, next-morning pain; the terminal engine
    player      a session's timeline as the player runs it
    today       the Today and plan documents
    history     the history document (sessions, sets, decisions with reasons and sources)
    progress    the progress document (pain, sessions a week, doses, PSFS)
    psfs        Patient-Specific Functional Scale ratings
    thresholds  a person's rule thresholds
    exports     backup and restore, FHIR, CSV, calendar, PDF handout
    library     the exercise library: import, search, add to a program
    clinic      a clinician's patients, assigning programs, answering requests, adjusting doses
    attention   a clinician's patient list: adherence, and who needs attention first and why
    notes       notes between a clinician and their patient
    accounts    clinic mode's accounts, links, homes, sign-in, invites, audit trail
    course      (internal) the course kept in the store: replayed when a session finishes

The modules are imported by name (`from rehabit.services import sessions`), so a command loads only
what it uses; `open_store` opens the database a face works on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rehabit.store import Store

__all__ = ["Store", "open_store"]


def open_store(url: str | None = None) -> Store:
    """The database at `url` (default: `REHABIT_DATABASE_URL`, else the SQLite file in the data folder),
    migrated to the newest schema."""
    from rehabit.store import Store

    return Store.open(url)


def __getattr__(name: str) -> object:
    if name == "Store":  # the type faces annotate with, loaded only when asked for
        from rehabit.store import Store

        return Store
    raise AttributeError(name)
