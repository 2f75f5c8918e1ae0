"""Clinic mode's sign-in pages: sign in (page and JSON), sign out, accept an invite."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel, Field

from rehabit.errors import RehabitError
from rehabit.services import accounts
from rehabit.web._context import store_of
from rehabit.web._render import page
from rehabit.web.auth import SESSION_COOKIE, clear_session_cookies, set_session_cookies

router = APIRouter()

# kept by a browser that signed in with the right password: the user name's lock never slows it down
DEVICE_COOKIE = "rehabit_device"
DEVICE_COOKIE_AGE = 180 * 24 * 3600


class LoginIn(BaseModel):
    """A user name and password."""

    username: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=1, max_length=1000)


class SignedIn(BaseModel):
    """Who signed in, and the CSRF token to send as `X-CSRF-Token` with every change."""

    username: str
    role: str
    display_name: str
    csrf_token: str


def _safe_next(target: str, home: str) -> str:
    # only paths on this site: never "//elsewhere" or "https://…"; the site's root is the account's home
    if target.startswith("/") and not target.startswith("//") and "\\" not in target and target != "/":
        return target
    return home


def _sign_in(request: Request, username: str, password: str) -> accounts.SignIn:
    store = store_of(request)
    address = request.client.host if request.client else "unknown"
    device = request.cookies.get(DEVICE_COOKIE, "")[:100]
    signin = accounts.sign_in(store, username, password, address=address, device_token=device)
    old = request.cookies.get(SESSION_COOKIE)
    if old:
        accounts.sign_out(store, old)  # the session id always changes at sign-in
    return signin


def _signed_in_cookies(request: Request, response: Response, signin: accounts.SignIn) -> None:
    set_session_cookies(request, response, signin)
    response.set_cookie(
        DEVICE_COOKIE,
        signin.device_token,
        max_age=DEVICE_COOKIE_AGE,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


@router.post("/api/login", tags=["accounts"], responses={401: {}, 429: {}})
def api_login(request: Request, body: LoginIn) -> Response:
    """Sign in; sets the session cookie and returns the CSRF token for later changes."""
    try:
        signin = _sign_in(request, body.username, body.password)
    except accounts.SignInThrottled as error:
        return JSONResponse({"error": str(error)}, 429, headers={"Retry-After": str(error.retry_after)})
    except accounts.SignInRefused as error:
        return JSONResponse({"error": str(error)}, 401)
    account = signin.account
    response = JSONResponse(
        SignedIn(
            username=account.username,
            role=account.role,
            display_name=account.display_name,
            csrf_token=signin.csrf_token,
        ).model_dump()
    )
    _signed_in_cookies(request, response, signin)
    return response


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_page(request: Request, next: str = "") -> Response:
    return page(request, "clinic/login.html", None, next=next, username="", error=None)


@router.post("/login", response_class=HTMLResponse, include_in_schema=False)
def login_submit(
    request: Request,
    username: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=1000)],
    next: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    gettext = request.app.state.gettext
    try:
        signin = _sign_in(request, username, password)
    except accounts.SignInThrottled as error:
        message = gettext("Too many failed sign-ins: try again in %(n)s seconds.") % {"n": error.retry_after}
        refused = page(request, "clinic/login.html", None, 429, next=next, username=username, error=message)
        refused.headers["Retry-After"] = str(error.retry_after)
        return refused
    except accounts.SignInRefused:
        message = gettext("The user name or the password is wrong.")
        return page(request, "clinic/login.html", None, 401, next=next, username=username, error=message)
    home = accounts.home_of(store_of(request), signin.account)
    response = RedirectResponse(_safe_next(next, home), status_code=303)
    _signed_in_cookies(request, response, signin)
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        accounts.sign_out(store_of(request), token)
    response = RedirectResponse("/login", status_code=303)
    clear_session_cookies(response)
    return response


@router.get("/invite/{token}", response_class=HTMLResponse, include_in_schema=False)
def invite_page(request: Request, token: str) -> Response:
    try:
        name = accounts.invite_details(store_of(request), token)
    except RehabitError as error:
        return page(request, "error.html", None, 404, message=str(error))
    return page(request, "clinic/invite.html", None, token=token, patient_name=name, username="", error=None)


@router.post("/invite/{token}", response_class=HTMLResponse, include_in_schema=False)
def invite_submit(
    request: Request,
    token: str,
    username: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=1000)],
) -> Response:
    store = store_of(request)
    try:
        name = accounts.invite_details(store, token)
    except RehabitError as error:
        return page(request, "error.html", None, 404, message=str(error))
    try:
        accounts.accept_invite(store, token, username, password)
    except RehabitError as error:
        return page(
            request,
            "clinic/invite.html",
            None,
            400,
            token=token,
            patient_name=name,
            username=username,
            error=str(error),
        )
    return login_submit(request, username, password, "/")
