"""Sessions: start one, its timeline for the player, each set the moment it completes, finish, pain.

The player in the browser runs the timeline the library built (`rehabit.services.player`) and posts
every set with an idempotency key, so a set sent twice (a retry, an offline queue) is stored once.
Every route calls one service of `rehabit.services.sessions`, the same the terminal player uses.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field

from rehabit.services import player, sessions
from rehabit.services.player import PlayerView, SessionView
from rehabit.services.sessions import SessionFinished, SetInput, SetLogged
from rehabit.web._context import require_person, store_of, today
from rehabit.web._render import page

router = APIRouter()

Pain = Annotated[int, Field(ge=0, le=10, description="0 no pain … 10 worst imaginable")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class StartSession(_Body):
    planned_session_id: int | None = None
    pain_before: Pain | None = None
    abandon_unfinished: bool = Field(
        default=False, description="end the session still in progress (its sets are kept) and start this one"
    )


class FinishSession(_Body):
    pain_after: Pain | None = None
    effort: Annotated[int, Field(ge=0, le=10)] | None = None
    notes: str = Field(default="", max_length=5000)


class PainIn(_Body):
    pain: Pain


# --- API ---------------------------------------------------------------------------------------------


@router.post("/api/sessions", status_code=201, tags=["sessions"])
def api_start_session(request: Request, body: StartSession, response: Response) -> PlayerView:
    """Start a planned session (the next one when none is named) with the pain before it.

    Starting the session that is already in progress returns it (200), so a start sent twice, or
    queued offline, opens one session. A person has one session in progress at a time.
    """
    person = require_person(request)
    store = store_of(request)
    started = sessions.start_session(
        store,
        person.id,
        today(),
        planned_session_id=body.planned_session_id,
        pain_before=body.pain_before,
        carry_on=not body.abandon_unfinished,
    )
    if started.resumed:
        response.status_code = 200
    return player.player_view(store, started.log.id)


@router.get("/api/planned-sessions/{planned_session_id}/player", tags=["sessions"])
def api_planned_player(request: Request, planned_session_id: int) -> PlayerView:
    """A planned session's timeline before it starts (the service worker keeps it for offline starts)."""
    return player.planned_player_view(store_of(request), require_person(request).id, planned_session_id)


@router.get("/api/sessions/{session_id}", tags=["sessions"])
def api_session(request: Request, session_id: int) -> PlayerView:
    """A session with its timeline, the sets logged so far and the step to resume at."""
    return player.player_view(store_of(request), session_id)


@router.post("/api/sessions/{session_id}/sets", tags=["sessions"], status_code=201)
def api_log_set(request: Request, session_id: int, body: SetInput, response: Response) -> SetLogged:
    """Log one set the moment it completes; the same idempotency key again returns the stored set (200)."""
    logged = sessions.log_set(store_of(request), session_id, body)
    if not logged.created:
        response.status_code = 200
    return logged


@router.post("/api/sessions/{session_id}/finish", tags=["sessions"])
def api_finish_session(request: Request, session_id: int, body: FinishSession) -> SessionFinished:
    """Finish a session with the pain after it; returns the progression decisions it led to."""
    return sessions.finish_session(
        store_of(request),
        session_id,
        today(),
        pain_after=body.pain_after,
        effort=body.effort,
        notes=body.notes or None,
    )


@router.post("/api/sessions/{session_id}/end", tags=["sessions"])
def api_end_session(request: Request, session_id: int) -> SessionView:
    """End a session early on purpose: the sets done so far are kept."""
    return sessions.end_session(store_of(request), session_id)


@router.post("/api/sessions/{session_id}/next-morning", tags=["sessions"])
def api_next_morning(request: Request, session_id: int, body: PainIn) -> SessionView:
    """Record the pain the morning after a session (PAIN-3 compares it with the pain before)."""
    store = store_of(request)
    log, _news = sessions.record_next_morning_pain(store, session_id, body.pain, today())
    return player.session_view(store, log)


# --- pages -------------------------------------------------------------------------------------------


@router.post("/sessions/{session_id}/next-morning", response_class=HTMLResponse, include_in_schema=False)
def next_morning_submit(request: Request, session_id: int, pain: Annotated[int, Form(ge=0, le=10)]) -> Response:
    saved = api_next_morning(request, session_id, PainIn(pain=pain))
    if request.headers.get("HX-Request") == "true":  # htmx swaps the question for the answer in place
        return page(request, "_morning_saved.html", saved)
    return RedirectResponse("/", status_code=303)


@router.get("/session", response_class=HTMLResponse, include_in_schema=False)
def player_start_page(request: Request) -> Response:
    """The player before a session exists: asks the pain before, then starts it."""
    return page(request, "player.html", None, active="today", session_id=None)


@router.get("/session/{session_id}", response_class=HTMLResponse, include_in_schema=False)
def player_page(request: Request, session_id: int) -> Response:
    player.player_view(store_of(request), session_id)  # 404 for an unknown session
    return page(request, "player.html", None, active="today", session_id=session_id)
