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
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.routing import iter_route_contexts
from starlette.concurrency import run_in_threadpool
from starlette.convertors import Convertor
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.routing import Mount, compile_path

from rehabit.services import Store, accounts
from rehabit.services.accounts import SignInRecord
from rehabit.web._render import page

SESSION_COOKIE = "rehabit_session"
CSRF_COOKIE = "rehabit_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

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


class Access(StrEnum):
    """What a route asks of the one calling it."""

    PUBLIC = "public"  # anyone: sign-in pages, static files, the OpenAPI document
    SIGNED_IN = "signed_in"  # any account: the shared program library and illustrations
    PERSON = "person"  # a patient's own data (clinicians may read the patient they have open)
    AUTHOR = "author"  # importing programs: patients for themselves, clinicians for the patient open
    CLINICIAN = "clinician"  # the clinic pages
    ADMIN = "admin"  # accounts and the audit trail


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
    if path.startswith(LIBRARY_PREFIXES) and not path.endswith("/follow"):  # following changes one's own plan
        return Access.SIGNED_IN
    if path.startswith(AUTHOR_PREFIXES):
        return Access.AUTHOR
    return Access.PERSON


@dataclass(frozen=True)
class Verdict:
    """What the gate decided: the person the route acts on, or a refusal (status and message)."""

    person_id: int | None = None
    status: int = 200
    message: str = ""


def install(app: FastAPI) -> None:
    """Put the gate in front of every route of `app` (clinic mode)."""
    app.middleware("http")(_gate)


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


def decide(
    store: Store, signin: SignInRecord | None, access: Access, method: str, path_params: dict[str, Any]
) -> Verdict:
    """Whether this account may call a route of this access with these path parameters."""
    if access is Access.PUBLIC:
        return Verdict()
    if signin is None:
        return Verdict(status=401, message="sign in first")
    account = signin.account
    if access is Access.SIGNED_IN:
        return Verdict()
    if access is Access.ADMIN:
        return Verdict() if account.role == "admin" else Verdict(status=403, message="only an admin can do this")
    if access is Access.CLINICIAN:
        if account.role != "clinician":
            return Verdict(status=403, message="only a clinician can do this")
        person_id = path_params.get("person_id")
        if person_id is None:
            return Verdict()
        wanted = _as_id(person_id)
        if not 0 < wanted < 2**63 or not accounts.can_see(store, account, wanted):
            return Verdict(status=404, message=f"no patient {person_id} of yours")
        return Verdict(person_id=wanted)
    # PERSON and AUTHOR: who is the person?
    if account.role == "patient":
        person_id = account.person_id
    elif account.role == "clinician":
        person_id = signin.viewing_person_id
        if access is Access.PERSON and method not in SAFE_METHODS:
            return Verdict(status=403, message="only the patient can change this; use the clinic pages")
        if person_id is not None and not accounts.can_see(store, account, person_id):
            person_id = None
        if person_id is None and access is Access.PERSON:
            return Verdict(status=403, message="open one of your patients first (/clinic)")
    else:
        return Verdict(status=403, message="an admin account has no patient data; use /admin")
    if person_id is None:
        return Verdict()
    for name, owner_of in OWNED_BY_PERSON.items():
        value = path_params.get(name)
        if value is not None and owner_of(store, _as_id(value)) != person_id:
            return Verdict(status=404, message=f"no {name.removesuffix('_id').replace('_', ' ')} with id {value}")
    return Verdict(person_id=person_id)


def _as_id(value: object) -> int:
    """A path parameter as a record id; -1 (which no record has) when it is not a whole number."""
    try:
        return int(str(value))
    except ValueError:
        return -1


# path parameters naming a person's records: the route runs only when the record is the acting person's
OWNED_BY_PERSON: dict[str, Callable[[Store, int], int | None]] = {
    "session_id": accounts.session_owner,
    "planned_session_id": accounts.planned_owner,
}


async def _gate(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    store: Store = request.app.state.store
    token = request.cookies.get(SESSION_COOKIE, "")
    signin = await run_in_threadpool(accounts.signed_in, store, token) if token else None
    request.state.signin = signin
    request.state.account = signin.account if signin else None
    csrf_token = signin.csrf_token if signin else (request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32))
    request.state.csrf_token = csrf_token

    path, params = _route_of(request)
    access = access_of(path) if path is not None else Access.PUBLIC
    verdict = await run_in_threadpool(decide, store, signin, access, request.method, params)
    if verdict.status == 200 and request.method not in SAFE_METHODS and not await _csrf_ok(request, signin):
        verdict = Verdict(
            status=403, message="the request did not carry this site's form token; reload the page and try again"
        )
    if verdict.status != 200:
        response = _refusal(request, verdict)
    else:
        request.state.acting_person_id = verdict.person_id
        response = await call_next(request)
        if signin is not None and verdict.person_id is not None and response.status_code < 400:
            await _audit_access(store, signin, request, path or "", verdict.person_id)
    _finish(request, response, signin, csrf_token)
    return response


async def _csrf_ok(request: Request, signin: SignInRecord | None) -> bool:
    expected = signin.csrf_token if signin else request.cookies.get(CSRF_COOKIE, "")
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent:
        kind = request.headers.get("content-type", "")
        if kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            # read the body through `request.body()`, which the route gets replayed, then parse a copy
            body = await request.body()

            async def replay() -> dict[str, Any]:
                return {"type": "http.request", "body": body, "more_body": False}

            try:
                async with Request(request.scope, replay).form() as form:
                    value = form.get(CSRF_FIELD)
            except (HTTPException, MultiPartException):  # a body that is not the form it claims to be
                value = None
            sent = value if isinstance(value, str) else ""
    return bool(expected) and bool(sent) and secrets.compare_digest(sent.encode(), expected.encode())


async def _audit_access(store: Store, signin: SignInRecord, request: Request, path: str, person_id: int) -> None:
    account = signin.account
    if account.role == "patient" and account.person_id == person_id:
        return  # a patient's own use of their data is in their logs already
    action = ("viewed " if request.method in SAFE_METHODS else "changed ") + path
    await run_in_threadpool(accounts.audit, store, account, action, person_id, f"{request.method} {request.url.path}")


def _refusal(request: Request, verdict: Verdict) -> Response:
    path = request.url.path
    if verdict.status == 401 and not _is_api(path) and request.method in SAFE_METHODS:
        target = path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    if _is_api(path) or request.method not in SAFE_METHODS and request.headers.get(CSRF_HEADER):
        return JSONResponse({"error": verdict.message}, status_code=verdict.status)
    return page(request, "error.html", None, status_code=verdict.status, message=verdict.message)


def _finish(request: Request, response: Response, signin: SignInRecord | None, csrf_token: str) -> None:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    if signin is not None or request.url.path.startswith(("/api/", "/clinic", "/admin")):
        response.headers.setdefault("Cache-Control", "no-store")
    already_set = any(
        header.decode().startswith(f"{CSRF_COOKIE}=")
        for key, header in response.raw_headers
        if key.decode().lower() == "set-cookie"
    )
    if not already_set and request.cookies.get(CSRF_COOKIE) != csrf_token:
        set_csrf_cookie(request, response, csrf_token)
    if request.cookies.get(SESSION_COOKIE) and signin is None and not _sets_cookie(response, SESSION_COOKIE):
        response.delete_cookie(SESSION_COOKIE, path="/")  # an unknown or expired session: forget it


def _sets_cookie(response: Response, name: str) -> bool:
    return any(
        value.decode().startswith(f"{name}=") for key, value in response.raw_headers if key.decode() == "set-cookie"
    )


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
