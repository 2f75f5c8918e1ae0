"""`create_app(settings)`: the web app built from its routers, middleware and a lifespan.

The lifespan opens the store (migrating it to the newest schema) and closes it on shutdown. Library
errors become a clear 4xx: a JSON body `{"error": "..."}` under /api, a short page elsewhere.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rehabit import __version__
from rehabit.errors import NotFoundError, RehabitError
from rehabit.services import open_store
from rehabit.web import _guard
from rehabit.web._i18n import translations
from rehabit.web._render import make_templates, page
from rehabit.web.routes import ROUTERS
from rehabit.web.settings import WebSettings

STATIC_DIR = Path(__file__).with_name("static")

# Everything the app loads comes from itself: no CDN, no inline scripts.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class RehabitApp(FastAPI):
    """FastAPI with the guard (`web._guard`) in front of its whole stack, error handling included, so a
    refused request is answered before any middleware or route reads its body."""

    def build_middleware_stack(self) -> ASGIApp:
        return _guard.RequestGuard(super().build_middleware_stack(), self.state.settings)


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """Build the web app for these settings; the store opens when the app starts."""
    settings = settings or WebSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = open_store(settings.database_url)
        app.state.store = store
        try:
            yield
        finally:
            store.close()

    app = RehabitApp(
        title="rehabit",
        version=__version__,
        summary="Follow an exercise program for lower back and glute pain.",
        lifespan=lifespan,
        docs_url=None,  # the interactive docs load scripts from a CDN; the OpenAPI document is enough
        redoc_url=None,
        openapi_url="/openapi.json",
        max_body_size=settings.max_request_bytes,  # a body without a declared length, counted as it streams
    )
    app.state.settings = settings
    app.state.templates = make_templates(settings.locale)
    app.state.gettext = translations(settings.locale).gettext
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for router in ROUTERS:
        app.include_router(router)
    _add_error_handlers(app)
    app.add_middleware(SecurityHeaders)
    if settings.accounts:
        _add_accounts(app)
    _guard.install(app, settings)
    return app


def _add_accounts(app: FastAPI) -> None:
    """Clinic mode: the sign-in and clinic pages, and the gate in front of every route (`web.auth`)."""
    from rehabit.web import auth
    from rehabit.web.routes.clinic import router as clinic_router
    from rehabit.web.routes.signin import router as signin_router

    app.include_router(signin_router)
    app.include_router(clinic_router)
    auth.install(app)


class SecurityHeaders:
    """Adds the security headers to every response (a plain ASGI middleware: it never touches the body)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/html"):
                    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "same-origin")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _add_error_handlers(app: FastAPI) -> None:
    def problem(request: Request, status: int, message: str) -> Response:
        if _is_api(request):
            return JSONResponse({"error": message}, status_code=status)
        return page(request, "error.html", None, status_code=status, message=message)

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, error: NotFoundError) -> Response:
        return problem(request, 404, str(error))

    @app.exception_handler(OverflowError)
    async def too_large(request: Request, error: OverflowError) -> Response:
        # an id beyond what a database integer holds (SQLite raises before asking): nothing has it
        return problem(request, 404, request.app.state.gettext("There is nothing with such a large number."))

    @app.exception_handler(RehabitError)
    async def refused(request: Request, error: RehabitError) -> Response:
        # an error may name its own 4xx/5xx (an upload over the limits: 413); otherwise 400
        status = getattr(error, "http_status", 400)
        response = problem(request, status, str(error))
        if status == 503:
            response.headers["Retry-After"] = "60"
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        details = [
            {"field": ".".join(str(part) for part in item.get("loc", ()) if part != "body"), "message": item.get("msg")}
            for item in error.errors()
        ]
        first = details[0] if details else {"field": "", "message": "invalid request"}
        message = f"{first['field']}: {first['message']}" if first["field"] else str(first["message"])
        if _is_api(request):
            return JSONResponse({"error": message, "details": details}, status_code=422)
        return page(request, "error.html", None, status_code=422, message=message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        gettext: Callable[[str], str] = request.app.state.gettext
        message = str(error.detail) if error.status_code != 404 else gettext("There is no such page.")
        return problem(request, error.status_code, message)


def accounts_app() -> FastAPI:
    """A clinic-mode app with the default store (`REHABIT_DATABASE_URL`): the factory each worker runs."""
    return create_app(WebSettings(accounts=True))
