"""Clinic mode's gate in front of every route: who is signed in, what each route allows, CSRF, headers.

One middleware does it all, so no route can forget a check:

1. the session cookie (HttpOnly, SameSite=Lax, Secure over https) is looked up in the database;
2. the route is classified (`access_of`) and the request refused unless the account's role allows it:
   401 for someone not signed in (pages redirect to /login), 403 for the wrong role, 404 for a patient
   or a session that is not theirs to see;
3. every state-changing request must carry the CSRF token, as an `X-CSRF-Token` header or a `csrf_token`
   form field: the session's own token once signed in, the `rehabit_csrf` cookie's value before;
4. security headers go on every response, and views or changes of a patient's data by someone else are
   written to the audit trail.

The person a route acts on is put on `request.state.acting_person_id` for `_context.local_person`.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.routing import iter_route_contexts
from starlette.concurrency import run_in_threadpool
from starlette.convertors import Convertor
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.routing import Mount, compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rehabit.services import Store, accounts
from rehabit.services.access import SAFE_METHODS, Access, Verdict, admit, decide
from rehabit.services.accounts import SignInRecord
from rehabit.web._render import page

SESSION_COOKIE = "rehabit_session"
CSRF_COOKIE = "rehabit_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


PUBLIC_PATHS = frozenset(
    {"/login", "/api/login", "/logout", "/invite/{token}", "/manifest.webmanifest", "/sw.js", "/openapi.json"}
)
LIBRARY_PREFIXES = ("/programs", "/api/programs", "/illustrations/")
AUTHOR_PREFIXES = ("/import", "/api/import", "/library", "/api/library")


def access_of(path: str) -> Access:
    """The access a route (by its path template) asks for; a route nobody classified is a patient's data."""
    if path in PUBLIC_PATHS or path == "/static" or path.startswith("/static/"):
        return Access.PUBLIC
    if path.startswith(("/clinic", "/api/clinic")):
        return Access.CLINICIAN
    if path.startswith(("/admin", "/api/admin")):
        return Access.ADMIN
    if path.endswith("/figure"):  # correcting a program's figure is authoring a program
        return Access.AUTHOR
    if path.startswith(LIBRARY_PREFIXES) and not path.endswith("/follow"):  # following changes one's own plan
        return Access.SIGNED_IN
    if path.startswith(AUTHOR_PREFIXES):
        return Access.AUTHOR
    return Access.PERSON


def install(app: FastAPI) -> None:
    """Put the gate in front of every route of `app` (clinic mode)."""
    app.add_middleware(Gate)


@dataclass(frozen=True)
class RouteEntry:
    """One route of the app, flattened out of its routers: path template, methods, compiled pattern."""

    path: str
    methods: frozenset[str]
    pattern: re.Pattern[str]
    convertors: dict[str, Convertor[Any]]
    is_mount: bool


def app_routes(app: FastAPI) -> list[RouteEntry]:
    """Every route of the app with its full path template (computed once per app)."""
    cached: list[RouteEntry] | None = getattr(app.state, "flat_routes", None)
    if cached is not None:
        return cached
    entries = []
    for context in iter_route_contexts(app.routes):
        path = context.path
        if not isinstance(path, str):
            continue
        is_mount = isinstance(context.original_route, Mount)
        pattern, _format, convertors = compile_path(path + "/{rest:path}" if is_mount else path)
        methods = frozenset(context.methods or ())
        entries.append(RouteEntry(path, methods, pattern, convertors, is_mount))
    app.state.flat_routes = entries
    return entries


def _route_of(request: Request) -> tuple[str | None, dict[str, Any]]:
    url_path = request.url.path
    partial: tuple[str | None, dict[str, Any]] = (None, {})
    for entry in app_routes(request.app):
        found = entry.pattern.match(url_path)
        if found is None:
            continue
        try:
            params = {k: entry.convertors[k].convert(v) for k, v in found.groupdict().items() if k in entry.convertors}
        except (ValueError, KeyError):
            continue
        if entry.is_mount or not entry.methods or request.method in entry.methods:
            return entry.path, params
        if partial[0] is None:
            partial = (entry.path, params)
    return partial


def _is_api(path: str) -> bool:
    return path.startswith("/api/") or path == "/openapi.json"


class Gate:
    """The gate as a plain ASGI middleware: one threadpool call per request decides (`access.admit`),
    and the response's headers and cookies are set as its first message goes out."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        store: Store = request.app.state.store
        token = request.cookies.get(SESSION_COOKIE, "")
        path, params = _route_of(request)
        access = access_of(path) if path is not None else Access.PUBLIC
        looked_up = bool(token) and path != "/static"  # static files need nobody's sign-in (and stay cacheable)
        if looked_up:
            signin, verdict = await run_in_threadpool(admit, store, token, access, request.method, params)
        else:  # nobody signed in: the verdict needs no database
            signin, verdict = None, decide(store, None, access, request.method, params)
        request.state.signin = signin
        request.state.account = signin.account if signin else None
        csrf_token = signin.csrf_token if signin else (request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32))
        request.state.csrf_token = csrf_token

        downstream = receive
        if verdict.status == 200 and request.method not in SAFE_METHODS:
            sent_token, body = await _sent_csrf_token(request)
            if body is not None:
                downstream = _replay(body, receive)
            if not _csrf_matches(signin, request, sent_token):
                verdict = Verdict(
                    status=403,
                    message="the request did not carry this site's form token; reload the page and try again",
                )
        audited = signin is not None and verdict.status == 200 and verdict.person_id is not None

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                if audited and message["status"] < 400:
                    assert signin is not None and verdict.person_id is not None
                    await _audit_access(store, signin, request, path or "", verdict.person_id)
                _finish(request, MutableHeaders(scope=message), signin, csrf_token, forget=looked_up and signin is None)
            await send(message)

        if verdict.status != 200:
            await _refusal(request, verdict)(scope, receive, send_with_headers)
            return
        request.state.acting_person_id = verdict.person_id
        await self.app(scope, downstream, send_with_headers)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that gives the route the body the gate has read already, then listens on."""
    pending = True

    async def replay() -> Message:
        nonlocal pending
        if pending:
            pending = False
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _sent_csrf_token(request: Request) -> tuple[str, bytes | None]:
    """The CSRF token a state-changing request carries (header, or form field), and the body when it had
    to be read to find it (the route is given it again)."""
    sent = request.headers.get(CSRF_HEADER, "")
    if sent:
        return sent, None
    kind = request.headers.get("content-type", "")
    if not kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        return "", None
    body = await request.body()

    async def once() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        async with Request(request.scope, once).form() as form:
            value = form.get(CSRF_FIELD)
    except (HTTPException, MultiPartException):  # a body that is not the form it claims to be
        value = None
    return (value if isinstance(value, str) else ""), body


def _csrf_matches(signin: SignInRecord | None, request: Request, sent: str) -> bool:
    expected = signin.csrf_token if signin else request.cookies.get(CSRF_COOKIE, "")
    return bool(expected) and bool(sent) and secrets.compare_digest(sent.encode(), expected.encode())


async def _audit_access(store: Store, signin: SignInRecord, request: Request, path: str, person_id: int) -> None:
    account = signin.account
    if account.role == "patient" and account.person_id == person_id:
        return  # a patient's own use of their data is in their logs already
    action = ("viewed " if request.method in SAFE_METHODS else "changed ") + path
    await run_in_threadpool(accounts.audit, store, account, action, person_id, f"{request.method} {request.url.path}")


def _refusal(request: Request, verdict: Verdict) -> Response:
    path = request.url.path
    if verdict.home is not None and not _is_api(path) and request.method in SAFE_METHODS:
        return RedirectResponse(verdict.home, status_code=303)  # a clinician's or admin's own home instead
    if verdict.status == 401 and not _is_api(path) and request.method in SAFE_METHODS:
        target = path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    if _is_api(path) or request.method not in SAFE_METHODS and request.headers.get(CSRF_HEADER):
        return JSONResponse({"error": verdict.message}, status_code=verdict.status)
    return page(request, "error.html", None, status_code=verdict.status, message=verdict.message)


def _finish(
    request: Request, headers: MutableHeaders, signin: SignInRecord | None, csrf_token: str, *, forget: bool
) -> None:
    """Security headers, the CSRF cookie when it changes, and (`forget`) the end of an unknown session."""
    for name, value in SECURITY_HEADERS.items():
        headers.setdefault(name, value)
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    if signin is not None or request.url.path.startswith(("/api/", "/clinic", "/admin")):
        headers.setdefault("Cache-Control", "no-store")
    cookies = headers.getlist("set-cookie")
    if request.cookies.get(CSRF_COOKIE) != csrf_token and not _sets_cookie(cookies, CSRF_COOKIE):
        _add_cookies(headers, lambda response: set_csrf_cookie(request, response, csrf_token))
    if forget and not _sets_cookie(cookies, SESSION_COOKIE):
        # an unknown or expired session: forget it
        _add_cookies(headers, lambda response: response.delete_cookie(SESSION_COOKIE, path="/"))


def _sets_cookie(cookies: list[str], name: str) -> bool:
    return any(value.startswith(f"{name}=") for value in cookies)


def _add_cookies(headers: MutableHeaders, set_on: Callable[[Response], None]) -> None:
    """Add to the outgoing headers the Set-Cookie lines `set_on` makes (Starlette formats the cookie)."""
    scratch = Response()
    set_on(scratch)
    for key, value in scratch.raw_headers:
        if key == b"set-cookie":
            headers.append("set-cookie", value.decode("latin-1"))


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def set_session_cookies(request: Request, response: Response, signin: accounts.SignIn) -> None:
    """Give the browser its new session: the HttpOnly session cookie and the CSRF token its scripts send."""
    response.set_cookie(SESSION_COOKIE, signin.token, httponly=True, samesite="lax", secure=_secure(request), path="/")
    set_csrf_cookie(request, response, signin.csrf_token)


def set_csrf_cookie(request: Request, response: Response, token: str) -> None:
    """The CSRF token as a cookie scripts can read (it is worthless without the session it belongs to)."""
    response.set_cookie(CSRF_COOKIE, token, httponly=False, samesite="lax", secure=_secure(request), path="/")


def clear_session_cookies(response: Response) -> None:
    """Forget the session in the browser."""
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")


def set_viewing(request: Request, person_id: int) -> None:
    """Remember in the (database) session that a clinician has this patient open."""
    signin: SignInRecord | None = request.state.signin
    if signin is not None:
        accounts.set_viewing(request.app.state.store, signin, person_id)
