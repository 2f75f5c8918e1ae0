"""The guard in front of every route: request size, and in single-user mode the Host and the origin of changes.

`RequestGuard` is a plain ASGI middleware that `web.app.RehabitApp` puts outside every other one, so it
decides before anything reads the body:

1. a request whose declared length is over `WebSettings.max_request_bytes` gets 413 without its body being
   read; a body that streams in without a declared length is counted as it comes (FastAPI's
   `max_body_size`, set to the same limit) and refused with 413 as soon as it passes the limit;
2. single-user mode has no sign-in, so a page on another site must not be able to drive it: a `Host` other
   than the address the app is bound to or `localhost` (what DNS rebinding needs) gets 400 (starlette's
   `TrustedHostMiddleware`), and a change (POST, PUT, PATCH, DELETE) that a browser says comes from
   another origin (`Sec-Fetch-Site`, else `Origin`) gets 403. Requests from programs that send neither
   header (curl, scripts) are served: only a browser can be tricked into sending a request.

Clinic mode checks every change's CSRF token instead (`web.auth`).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from rehabit.web._render import page
from rehabit.web.settings import WebSettings

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# what a browser says of a request it sends on its own (typed, bookmarked) or from one of our pages
OWN_FETCH_SITES = frozenset({"same-origin", "none"})
DEFAULT_PORTS = {"http": 80, "https": 443}


def install(app: FastAPI, settings: WebSettings) -> None:
    """Single-user mode: answer only requests addressed to the bound address or localhost (call it after
    adding the other middleware, so the check comes first)."""
    if not settings.accounts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(settings.host), www_redirect=False)


def allowed_hosts(bound: str) -> list[str]:
    """The `Host` names single-user mode answers to: the address it is bound to, and localhost."""
    name = bound.strip().lower()
    if ":" in name and not name.startswith("["):
        name = f"[{name}]"  # an IPv6 address, as a Host header writes it
    return sorted({name, "localhost"})


class RequestGuard:
    """Refuses an oversized declared body (413) and, in single-user mode, a change from another site (403)."""

    def __init__(self, app: ASGIApp, settings: WebSettings) -> None:
        self.app = app
        self.limit = settings.max_request_bytes
        self.check_origin = not settings.accounts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        refusal: Callable[[Request], Response] | None = None
        if _declared_length(headers) > self.limit:
            refusal = _too_large
        elif self.check_origin and scope["method"] not in SAFE_METHODS and not _from_this_site(scope, headers):
            refusal = _cross_site
        if refusal is None:
            await self.app(scope, receive, send)
            return
        response = refusal(Request(scope))
        if refusal is _too_large:
            response.headers["Connection"] = "close"  # the body is never read: end the connection after
        await response(scope, receive, send)


def _declared_length(headers: Headers) -> int:
    try:
        return int(headers.get("content-length", "0"))
    except ValueError:
        return 0  # the server refuses a malformed length before the app sees the request


def _from_this_site(scope: Scope, headers: Headers) -> bool:
    """False when the browser says the request comes from another origin (even another port here)."""
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site.lower() in OWN_FETCH_SITES
    origin = headers.get("origin")
    if origin is None:
        return True  # not sent by a browser's page (curl, a script); Sec-Fetch-Site would say otherwise
    return _origin_key(origin) == _origin_key(f"{scope.get('scheme', 'http')}://{headers.get('host', '')}")


def _origin_key(origin: str) -> tuple[str, str, int] | None:
    try:
        parts = urlsplit(origin.strip().lower())
        port = parts.port or DEFAULT_PORTS.get(parts.scheme, 0)
    except ValueError:
        return None
    if not parts.scheme or not parts.hostname:
        return None  # "null" (a sandboxed frame or a file) and anything unreadable is another site
    return parts.scheme, parts.hostname, port


def _problem(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status)
    return page(request, "error.html", None, status_code=status, message=message)


def _too_large(request: Request) -> Response:
    gettext = request.app.state.gettext
    limit = request.app.state.settings.max_request_bytes
    message = gettext("The request is too large: the limit is %(mb)s MB.") % {"mb": limit // 1_000_000}
    return _problem(request, 413, message)


def _cross_site(request: Request) -> Response:
    gettext = request.app.state.gettext
    message = gettext("This change was sent from another site, so nothing was changed. Make it on this page.")
    return _problem(request, 403, message)
