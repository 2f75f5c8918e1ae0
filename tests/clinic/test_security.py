"""Clinic mode's security behaviour: CSRF, sign-in throttling, session fixation, cookies, headers, invites."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from tests.clinic.conftest import PASSWORD, Clinic

from rehabit.errors import RehabitError
from rehabit.services import accounts
from rehabit.store import Store, people
from rehabit.store import accounts as account_rows
from rehabit.web.auth import CSRF_COOKIE, SESSION_COOKIE

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


# --- CSRF ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("caller", "method", "url", "body"),
    [
        ("patient_a", "POST", "/api/plan", {"json": {"weeks": 2}}),
        ("patient_a", "PUT", "/api/profile", {"json": {"preferred_days": [1]}}),
        ("patient_a", "POST", "/plan", {"data": {"weeks": "2"}}),
        ("clinician_a", "POST", "/api/clinic/invites", {"json": {"patient_name": "C"}}),
        ("admin", "POST", "/admin/accounts/patient_b/disable", {}),
        ("anonymous", "POST", "/login", {"data": {"username": "patient_a", "password": PASSWORD}}),
    ],
)
def test_a_change_without_the_token_is_refused_and_changes_nothing(
    clinic: Clinic, caller: str, method: str, url: str, body: dict[str, object]
) -> None:
    client = clinic.client(caller)
    del client.headers["X-CSRF-Token"]
    audit_before = len(account_rows.list_audit(clinic.store))
    response = client.request(method, url, **body)  # type: ignore[arg-type]
    assert response.status_code == 403
    assert "form token" in response.text
    assert len(account_rows.list_audit(clinic.store)) == audit_before
    assert not account_rows.find_account(clinic.store, "patient_b")[0].disabled  # type: ignore[index]


@pytest.mark.parametrize("token", ["", "wrong-token", "x" * 43])
def test_a_wrong_token_is_refused(clinic: Clinic, token: str) -> None:
    client = clinic.client("patient_a")
    client.headers["X-CSRF-Token"] = token
    assert client.post("/api/plan", json={"weeks": 2}).status_code == 403


def test_another_sessions_token_is_refused(clinic: Clinic) -> None:
    a = clinic.client("patient_a")
    a.headers["X-CSRF-Token"] = clinic.client("patient_b").headers["X-CSRF-Token"]
    assert a.post("/api/plan", json={"weeks": 2}).status_code == 403


def test_the_token_as_a_form_field_is_accepted_and_the_form_still_reaches_the_route(clinic: Clinic) -> None:
    client = clinic.client("clinician_a")
    token = client.headers.pop("X-CSRF-Token")
    response = client.post("/clinic/invites", data={"patient_name": "Cy", "csrf_token": token})
    assert response.status_code == 200
    assert "/invite/" in response.text and "Cy" in response.text


def test_a_signed_out_form_needs_the_cookie_token(clinic: Clinic) -> None:
    client = clinic.client("anonymous")
    token = client.headers.pop("X-CSRF-Token")
    other = "a" * 43
    form = {"username": "patient_a", "password": PASSWORD}
    assert client.post("/login", data={**form, "csrf_token": other}).status_code == 403
    response = client.post("/login", data={**form, "csrf_token": token})
    assert (response.status_code, response.headers["location"]) == (303, "/")


# --- sign-in, throttling, fixation --------------------------------------------------------------------------


def test_locks_grow_with_each_failure_and_are_capped() -> None:
    # a user name's lock only slows guessing (a minute at most); an address's lock stops it (15 minutes)
    assert [accounts.lock_seconds(n) for n in range(1, 9)] == [0, 0, 5, 10, 20, 40, 60, 60]
    assert accounts.lock_seconds(10_000) == accounts.ACCOUNT_MAX_LOCK_SECONDS == 60
    assert [accounts.address_lock_seconds(n) for n in (9, 10, 11, 12)] == [0, 5, 10, 20]
    assert accounts.address_lock_seconds(10_000) == accounts.MAX_LOCK_SECONDS == 900


def _sign_in_at(store: Store, password: str, at: datetime) -> str:
    try:
        accounts.sign_in(store, "patient_a", password, now=at)
    except accounts.SignInThrottled as error:
        return f"locked {error.retry_after}"
    except accounts.SignInRefused:
        return "refused"
    return "ok"


def test_failed_sign_ins_lock_the_user_name_even_for_the_right_password(clinic: Clinic) -> None:
    store = clinic.store
    results = [_sign_in_at(store, "wrong password", NOW + timedelta(seconds=i)) for i in range(3)]
    assert results == ["refused", "refused", "refused"]  # the third failure locks for 5 s
    assert _sign_in_at(store, PASSWORD, NOW + timedelta(seconds=3)) == "locked 4"
    assert _sign_in_at(store, "wrong password", NOW + timedelta(seconds=8)) == "refused"  # now 10 s
    assert _sign_in_at(store, PASSWORD, NOW + timedelta(seconds=17)) == "locked 1"
    assert _sign_in_at(store, PASSWORD, NOW + timedelta(seconds=18)) == "ok"
    assert account_rows.get_failures(store, "account", "patient_a") == (0, None)  # success forgets them


def test_an_unknown_user_name_is_throttled_like_a_known_one(clinic: Clinic) -> None:
    for second in range(3):
        with pytest.raises(accounts.SignInRefused):
            accounts.sign_in(clinic.store, "nobody", "whatever", now=NOW + timedelta(seconds=second))
    with pytest.raises(accounts.SignInThrottled):
        accounts.sign_in(clinic.store, "nobody", "whatever", now=NOW + timedelta(seconds=3))


def test_throttling_over_http_answers_429_with_retry_after(clinic: Clinic) -> None:
    client = clinic.client("anonymous")
    statuses = [
        client.post("/api/login", json={"username": "patient_b", "password": "nope"}).status_code for _ in range(3)
    ]
    locked = client.post("/api/login", json={"username": "patient_b", "password": PASSWORD})
    assert statuses == [401, 401, 401]
    assert locked.status_code == 429
    assert 1 <= int(locked.headers["retry-after"]) <= 5


def _counting_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the password checks; each takes 50 ms, as argon2 does on a server, so racers overlap."""
    checked: list[str] = []
    verify = accounts._verify

    def slow_verify(password_hash: str, password: str) -> bool:
        checked.append(password)
        time.sleep(0.05)
        return verify(password_hash, password)

    monkeypatch.setattr(accounts, "_verify", slow_verify)
    return checked


def test_thirty_parallel_wrong_passwords_get_no_more_checks_than_in_a_row(
    clinic: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = _counting_checks(monkeypatch)
    client = clinic.client("anonymous")
    start = threading.Barrier(30)

    def guess(number: int) -> int:
        start.wait()
        body = {"username": "admin", "password": f"guess number {number}"}
        return client.post("/api/login", json=body).status_code

    with ThreadPoolExecutor(30) as pool:
        statuses = list(pool.map(guess, range(30)))
    assert len(checked) == accounts.FREE_FAILURES == 3
    assert sorted(statuses) == [401] * 3 + [429] * 27
    assert account_rows.get_failures(clinic.store, "account", "admin")[0] == 3


def test_the_race_is_counted_in_the_database_on_every_engine(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    accounts.create_account(store, "admin", PASSWORD, "admin")
    checked = _counting_checks(monkeypatch)
    start = threading.Barrier(30)

    def guess(number: int) -> str:
        start.wait()
        try:
            accounts.sign_in(store, "admin", f"guess {number}", NOW, address=f"203.0.113.{number}")
        except accounts.SignInThrottled:
            return "throttled"
        except accounts.SignInRefused:
            return "refused"
        return "in"

    with ThreadPoolExecutor(30) as pool:
        results = list(pool.map(guess, range(30)))
    assert (len(checked), sorted(results)) == (3, ["refused"] * 3 + ["throttled"] * 27)


def _from(clinic: Clinic, address: str) -> TestClient:
    """A browser at this address, holding the form token of the sign-in page."""
    app = clinic.client("anonymous").app
    browser = TestClient(app, follow_redirects=False, client=(address, 50000))
    browser.__enter__()
    browser.get("/login")
    browser.headers["X-CSRF-Token"] = browser.cookies.get(CSRF_COOKIE, "")
    return browser


def test_the_admin_is_not_locked_out_by_someone_elses_wrong_passwords_from_another_address(
    clinic: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rehabit.web.routes.signin import DEVICE_COOKIE

    admins_laptop = _from(clinic, "198.51.100.7")
    first = admins_laptop.post("/api/login", json={"username": "admin", "password": PASSWORD})
    assert first.status_code == 200 and first.cookies.get(DEVICE_COOKIE)
    admins_laptop.headers["X-CSRF-Token"] = first.json()["csrf_token"]
    attacker = _from(clinic, "203.0.113.66")
    guesses = [attacker.post("/api/login", json={"username": "admin", "password": f"guess {n}"}) for n in range(30)]
    assert [g.status_code for g in guesses] == [401] * 3 + [429] * 27
    # a browser the admin never used is only slowed (the user name's lock is a minute at most) ...
    new_phone = _from(clinic, "198.51.100.8")
    slowed = new_phone.post("/api/login", json={"username": "admin", "password": PASSWORD})
    assert slowed.status_code == 429 and 1 <= int(slowed.headers["retry-after"]) <= 60
    # ... and the browser the admin signed in with before passes the lock at once
    again = admins_laptop.post("/api/login", json={"username": "admin", "password": PASSWORD})
    assert again.status_code == 200, again.text
    # ... while the attacker's address is locked for everyone behind it once it has guessed too often
    for number in range(20):
        later = NOW + timedelta(minutes=2 * number)
        with pytest.raises((accounts.SignInRefused, accounts.SignInThrottled)):
            accounts.sign_in(clinic.store, "admin", f"guess {number}", later, address="203.0.113.66")
    end = NOW + timedelta(minutes=40)
    with pytest.raises(accounts.SignInThrottled) as locked:
        accounts.sign_in(clinic.store, "patient_a", PASSWORD, end, address="203.0.113.66")
    assert locked.value.retry_after > 60
    assert accounts.sign_in(clinic.store, "admin", PASSWORD, end + timedelta(seconds=61), address="198.51.100.8")


def test_the_session_id_changes_at_sign_in_and_a_planted_one_is_worthless(clinic: Clinic) -> None:
    client = clinic.client("anonymous")
    planted = "planted-session-id-from-an-attacker"
    client.cookies.set(SESSION_COOKIE, planted)
    response = client.post("/api/login", json={"username": "patient_a", "password": PASSWORD})
    assert response.status_code == 200
    issued = response.cookies[SESSION_COOKIE]
    assert issued != planted
    assert accounts.signed_in(clinic.store, planted) is None
    assert accounts.signed_in(clinic.store, issued) is not None


def test_signing_in_again_ends_the_previous_session(clinic: Clinic) -> None:
    client = clinic.client("patient_a")
    old = client.cookies[SESSION_COOKIE]
    response = client.post("/api/login", json={"username": "patient_a", "password": PASSWORD})
    assert response.cookies[SESSION_COOKIE] != old
    assert accounts.signed_in(clinic.store, old) is None


def test_the_session_cookie_is_httponly_and_lax_and_the_database_keeps_only_a_digest(clinic: Clinic) -> None:
    client = clinic.client("anonymous")
    response = client.post("/api/login", json={"username": "patient_a", "password": PASSWORD})
    cookies = response.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith(f"{SESSION_COOKIE}="))
    csrf = next(c for c in cookies if c.startswith(f"{CSRF_COOKIE}="))
    assert "HttpOnly" in session and "SameSite=lax" in session and "Path=/" in session
    assert "Secure" not in session  # plain http on loopback
    assert "HttpOnly" not in csrf  # the page's script reads it to send it back
    token = response.cookies[SESSION_COOKIE]
    assert account_rows.get_signin(clinic.store, token) is None
    assert account_rows.get_signin(clinic.store, accounts.digest(token)) is not None


def test_over_https_the_cookies_are_secure(clinic: Clinic) -> None:
    client = clinic.client("anonymous")
    client.base_url = client.base_url.copy_with(scheme="https")  # type: ignore[misc]
    client.get("/login")
    response = client.post(
        "/api/login",
        json={"username": "patient_a", "password": PASSWORD},
        headers={"X-CSRF-Token": client.cookies.get(CSRF_COOKIE, "")},
    )
    assert all("Secure" in c for c in response.headers.get_list("set-cookie"))


def test_sign_out_ends_the_session(clinic: Clinic) -> None:
    client = clinic.client("patient_a")
    token = client.cookies[SESSION_COOKIE]
    assert client.post("/logout").headers["location"] == "/login"
    assert accounts.signed_in(clinic.store, token) is None


def test_an_idle_session_expires(clinic: Clinic) -> None:
    signin = accounts.sign_in(clinic.store, "patient_a", PASSWORD, now=NOW)
    assert accounts.signed_in(clinic.store, signin.token, NOW + timedelta(hours=11)) is not None
    assert accounts.signed_in(clinic.store, signin.token, NOW + timedelta(hours=23, minutes=1)) is None


@pytest.mark.parametrize(
    ("target", "role", "where"),
    [
        ("/history", "patient", "/history"),
        ("//evil.example/", "patient", "/"),
        ("https://evil.example", "clinician", "/clinic"),
    ],
)
def test_after_sign_in_only_paths_on_this_site_are_followed(clinic: Clinic, target: str, role: str, where: str) -> None:
    client = clinic.client("anonymous")
    username = "patient_a" if role == "patient" else "clinician_a"
    response = client.post("/login", data={"username": username, "password": PASSWORD, "next": target})
    assert response.headers["location"] == where


# --- headers ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/login", "/api/today", "/static/rehabit.css"])
def test_security_headers_are_on_every_response(clinic: Clinic, url: str) -> None:
    headers = clinic.client("patient_a").get(url).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "same-origin"
    policy = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_pages_in_clinic_mode_carry_no_inline_script(clinic: Clinic) -> None:
    for caller, url in [("anonymous", "/login"), ("clinician_a", "/clinic"), ("admin", "/admin")]:
        page = clinic.client(caller).get(url).text
        assert "<script>" not in page and "onclick" not in page
        assert '<script src="/static/auth.js' in page


# --- invites ------------------------------------------------------------------------------------------------


def test_an_invite_makes_a_linked_patient_once(clinic: Clinic) -> None:
    clinician = clinic.client("clinician_a")
    url = clinician.post("/api/clinic/invites", json={"patient_name": "Cy"}).json()["url"]
    path = url.removeprefix("http://testserver")
    newcomer = clinic.client("anonymous")
    assert "Welcome, Cy" in newcomer.get(path).text
    response = newcomer.post(path, data={"username": "cy", "password": "cy's long password"})
    assert (response.status_code, response.headers["location"]) == (303, "/setup")  # the warning signs first
    account = account_rows.find_account(clinic.store, "cy")
    assert account is not None and account[0].role == "patient" and account[0].person_id is not None
    assert people.get_person(clinic.store, account[0].person_id).name == "Cy"
    listed = clinician.get("/api/clinic/patients").json()
    assert [p["name"] for p in listed] == ["Cy", "Ada"]  # Cy has not answered the warning signs yet: first
    again = clinic.client("anonymous").post(path, data={"username": "cy2", "password": "another long one"})
    assert again.status_code == 404
    assert account_rows.find_account(clinic.store, "cy2") is None


def test_an_expired_invite_is_refused(clinic: Clinic) -> None:
    clinician = account_rows.find_account(clinic.store, "clinician_a")
    assert clinician is not None
    token = accounts.create_invite(clinic.store, clinician[0], "Di", now=NOW)
    with pytest.raises(RehabitError, match="expired"):
        accounts.accept_invite(clinic.store, token, "di", "a long password", now=NOW + timedelta(days=8))


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("x", "long enough password", "user name"),
        ("Good.Name", "short", "at least 10"),
        ("patient_a", "long enough pw", "taken"),
    ],
)
def test_bad_account_details_are_refused(clinic: Clinic, username: str, password: str, message: str) -> None:
    with pytest.raises(RehabitError, match=message):
        accounts.create_account(clinic.store, username, password, "clinician")


def test_a_patient_can_sign_out_from_their_own_pages(clinic: Clinic) -> None:
    client = clinic.client("patient_a")
    page = client.get("/").text
    assert 'action="/logout"' in page and client.headers["X-CSRF-Token"] in page
    token = client.cookies[SESSION_COOKIE]
    assert client.post("/logout", data={"csrf_token": client.headers.pop("X-CSRF-Token")}).status_code == 303
    assert accounts.signed_in(clinic.store, token) is None
