"""Sessions: start one, its timeline for the player, each set the moment it completes, each exercise's
pain, finish, next-morning pain.

The player in the browser runs the timeline the library built (`rehabit.services.player`) and posts
every set with an idempotency key, so a set sent twice (a retry, an offline queue) is stored once.
Every route calls one service of `rehabit.services.sessions`, the same the terminal player uses; a start
the rules refuse (SCREEN-2, SCREEN-3, PAIN-4, FREQ-1) is a 409 with the reason and what to do, and the
player page shows the same refusal instead of a Start button.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from rehabit.services import player, safety, sessions
from rehabit.services.player import PlayerView, SessionView
from rehabit.services.safety import SessionRefused, StartRefusal
from rehabit.services.sessions import PainRated, SessionFinished, SetInput, SetLogged
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
    on_date: date | None = Field(
        default=None,
        strict=False,
        description="the day the session is logged on (today or earlier; default today), like the CLI's --date",
    )
    extra: bool = Field(
        default=False,
        description="an extra session on a rest day (FREQ-1): logged as extra, never counts towards a harder dose",
    )


class ExercisePain(_Body):
    exercise_id: str = Field(min_length=1, max_length=80)
    pain: Pain | None = Field(description='the pain during the exercise, or null for "not rated" (asked, not given)')


class FinishSession(_Body):
    pain_after: Pain | None = None
    effort: Annotated[int, Field(ge=0, le=10)] | None = None
    notes: str = Field(default="", max_length=5000)


class PainIn(_Body):
    pain: Pain


class Refused(BaseModel):
    """A request a rule refused: the one-line message, and the refusal with its rule and what to do."""

    error: str
    refusal: StartRefusal


REFUSED: dict[int | str, dict[str, Any]] = {409: {"model": Refused, "description": "refused by a rule"}}


def _refused(error: SessionRefused) -> JSONResponse:
    return JSONResponse(Refused(error=str(error), refusal=error.refusal).model_dump(), status_code=409)


# --- API ---------------------------------------------------------------------------------------------


@router.post("/api/sessions", status_code=201, tags=["sessions"], response_model=PlayerView, responses=REFUSED)
def api_start_session(request: Request, body: StartSession, response: Response) -> PlayerView | JSONResponse:
    """Start a planned session (the next one when none is named) with the pain before it, logged on
    `on_date` (today by default).

    Refused (409, with the reason and what to do) after warning signs (SCREEN-2, SCREEN-3), while rising
    pain pauses the program (PAIN-4), and on the day of, before or after a session already logged
    (FREQ-1) unless `extra`. Starting the session that is already in progress returns it (200), so a start
    sent twice, or queued offline, opens one session. A person has one session in progress at a time.
    """
    person = require_person(request)
    store = store_of(request)
    try:
        started = sessions.start_session(
            store,
            person.id,
            today(),
            on=body.on_date,
            planned_session_id=body.planned_session_id,
            pain_before=body.pain_before,
            carry_on=not body.abandon_unfinished,
            extra=body.extra,
        )
    except SessionRefused as error:
        return _refused(error)
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


@router.post(
    "/api/sessions/{session_id}/sets", tags=["sessions"], status_code=201, response_model=SetLogged, responses=REFUSED
)
async def api_log_set(
    request: Request, session_id: int, body: SetInput, response: Response
) -> SetLogged | JSONResponse:
    """Log one set the moment it completes; the same idempotency key again returns the stored set (200).

    A set stopped for pain returns the advice at the person's thresholds, and `end_session` when the pain
    is above 'too much'; a set of an exercise PAIN-4 paused is refused (409)."""
    # The busiest route: the service (blocking, it writes) runs in the threadpool, and the reply is checked
    # against SetLogged on the event loop, which FastAPI does for a coroutine only (for a plain `def` route it
    # hops to the threadpool a second time for that check).
    try:
        logged = await run_in_threadpool(sessions.log_set, store_of(request), session_id, body)
    except SessionRefused as error:
        return _refused(error)
    if not logged.created:
        response.status_code = 200
    return logged


@router.post("/api/sessions/{session_id}/pain", tags=["sessions"])
def api_exercise_pain(request: Request, session_id: int, body: ExercisePain) -> PainRated:
    """The pain during one exercise, asked when it ends (null: "not rated"); given to its sets still
    waiting for a rating. Never taken as 0."""
    return sessions.rate_exercise_pain(store_of(request), session_id, body.exercise_id, body.pain)


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
    return sessions.end_session(store_of(request), session_id, today=today())


@router.post("/api/sessions/{session_id}/next-morning", tags=["sessions"])
def api_next_morning(request: Request, session_id: int, body: PainIn) -> SessionView:
    """Record the pain the morning after a session (PAIN-3 compares it with the pain before)."""
    store = store_of(request)
    recorded = sessions.record_next_morning_pain(store, session_id, body.pain, today())
    return player.session_view(store, recorded.log)


# --- pages -------------------------------------------------------------------------------------------


@router.post("/sessions/{session_id}/next-morning", response_class=HTMLResponse, include_in_schema=False)
def next_morning_submit(request: Request, session_id: int, pain: Annotated[int, Form(ge=0, le=10)]) -> Response:
    saved = api_next_morning(request, session_id, PainIn(pain=pain))
    if request.headers.get("HX-Request") == "true":  # htmx swaps the question for the answer in place
        return page(request, "_morning_saved.html", saved)
    return RedirectResponse("/", status_code=303)


@router.get("/session", response_class=HTMLResponse, include_in_schema=False)
def player_start_page(request: Request, extra: bool = False) -> Response:
    """The player before a session exists: asks the pain before, then starts it — or, when the rules
    refuse a session today, says why and what to do (409), with no Start."""
    person = require_person(request)
    refusal = safety.start_refusal(store_of(request), person.id, today(), extra=extra)
    if refusal is not None:
        return page(request, "player.html", None, status_code=409, active="today", session_id=None, refusal=refusal)
    return page(request, "player.html", None, active="today", session_id=None, extra=extra)


@router.get("/session/{session_id}", response_class=HTMLResponse, include_in_schema=False)
def player_page(request: Request, session_id: int) -> Response:
    view = player.player_view(store_of(request), session_id)  # 404 for an unknown session
    if view.session is not None and view.session.status == "in_progress":
        refusal = safety.start_refusal(store_of(request), require_person(request).id, today(), extra=True)
        if refusal is not None:  # warning signs or a paused program stop a session already going too
            return page(request, "player.html", None, status_code=409, active="today", session_id=None, refusal=refusal)
    return page(request, "player.html", None, active="today", session_id=session_id)
