"""The app's routers: each module holds one area's pages and the JSON API they share their data with."""

from __future__ import annotations

from fastapi import APIRouter

from rehabit.web.routes.programs import router as programs_router
from rehabit.web.routes.pwa import router as pwa_router
from rehabit.web.routes.sessions import router as sessions_router

ROUTERS: list[APIRouter] = [programs_router, sessions_router, pwa_router]

__all__ = ["ROUTERS"]
