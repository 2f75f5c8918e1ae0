"""The app's routers: each module holds one area's pages and the JSON API they share their data with."""

from __future__ import annotations

from fastapi import APIRouter

from rehabit.web.routes.data import router as data_router
from rehabit.web.routes.history import router as history_router
from rehabit.web.routes.importer import router as import_router
from rehabit.web.routes.lessons import router as lessons_router
from rehabit.web.routes.library import router as library_router
from rehabit.web.routes.plan import router as plan_router
from rehabit.web.routes.programs import router as programs_router
from rehabit.web.routes.progress import router as progress_router
from rehabit.web.routes.pwa import router as pwa_router
from rehabit.web.routes.sessions import router as sessions_router
from rehabit.web.routes.today import router as today_router

# Routes are matched in this order, one pattern after another: the player's (a set is posted every few
# seconds of a session) and Today's come first.
ROUTERS: list[APIRouter] = [
    sessions_router,
    today_router,
    plan_router,
    history_router,
    progress_router,
    library_router,
    programs_router,
    import_router,
    data_router,
    lessons_router,
    pwa_router,
]

__all__ = ["ROUTERS"]
