"""The admin's accounts: create, link, disable, enable and reset in the web and the API; the guards on
disabling; invite sign-ups that give nothing away (issue 19 item 1, issue 17 item 10)."""

from __future__ import annotations

import re

import pytest
from tests.clinic.conftest import PASSWORD, Clinic, sign_in

from rehabit.errors import RehabitError
from rehabit.services import accounts
from rehabit.store import accounts as account_rows
from rehabit.web.auth import SESSION_COOKIE


def _account(clinic: Clinic, username: str) -> accounts.AccountRecord:
    found = account_rows.find_account(clinic.store, username)
    assert found is not None
    return found[0]


def test_the_admin_makes_a_clinician_and_a_patient_in_the_web_and_links_them(clinic: Clinic) -> None:
    admin = clinic.client("admin")
    page = admin.get("/admin").text
    assert (
        'action="/admin/accounts"' in page and 'action="/admin/links"' in page and 'action="/admin/passwords"' in page
    )
    made = admin.post(
        "/admin/accounts",
        data={"username": "Dr.Lee", "display_name": "Dr Lee", "role": "clinician", "password": "lee's long password"},
    )
    assert (made.status_code, made.headers["location"]) == (303, "/admin")
    admin.post(
        "/admin/accounts",
        data={"username": "jordan", "display_name": "Jordan", "role": "patient", "password": "jordan's password"},
    )
    linked = admin.post("/admin/links", data={"patient": "jordan", "clinician": "dr.lee"})
    assert linked.status_code == 303
    lee = clinic.client("anonymous")
    sign_in(lee, "dr.lee", "lee's long password")
    assert [p["name"] for p in lee.get("/api/clinic/patients").json()] == ["Jordan"]
    listed = {a["username"]: a for a in admin.get("/api/admin/accounts").json()}
    assert (listed["jordan"]["role"], listed["jordan"]["clinicians"]) == ("patient", ["dr.lee"])
    assert "Unlink jordan from dr.lee" in admin.get("/admin").text
    assert admin.post("/admin/links/remove", data={"patient": "jordan", "clinician": "dr.lee"}).status_code == 303
    assert lee.get("/api/clinic/patients").json() == []
    actions = [e.action for e in account_rows.list_audit(clinic.store)][:4]
    assert actions == ["unlinked a patient", "signed in", "linked a patient", "added an account"]


def test_a_patient_made_through_the_api_is_linked_to_several_clinicians(clinic: Clinic) -> None:
    admin = clinic.client("admin")
    made = admin.post(
        "/api/admin/accounts",
        json={
            "username": "sam",
            "password": PASSWORD,
            "role": "patient",
            "clinicians": ["clinician_a", "clinician_none"],
        },
    )
    assert made.status_code == 201
    assert made.json()["clinicians"] == ["clinician_a", "clinician_none"]
    for caller in ("clinician_a", "clinician_none"):
        names = [p["name"] for p in clinic.client(caller).get("/api/clinic/patients").json()]
        assert "sam" in names
    gone = admin.delete("/api/admin/links/clinician_none/sam")
    assert (gone.status_code, gone.json()["clinicians"]) == (200, ["clinician_a"])
    refused = admin.post(
        "/api/admin/accounts",
        json={"username": "nurse", "password": PASSWORD, "role": "clinician", "clinicians": ["clinician_a"]},
    )
    assert (refused.status_code, refused.json()) == (400, {"error": "only a patient is linked to clinicians"})
    assert account_rows.find_account(clinic.store, "nurse") is None


def test_a_refused_form_shows_the_admin_page_again_with_the_reason(clinic: Clinic) -> None:
    admin = clinic.client("admin")
    response = admin.post("/admin/accounts", data={"username": "x", "role": "patient", "password": PASSWORD})
    assert response.status_code == 400
    assert 'id="admin-error"' in response.text and "a user name is 2 to 80 characters" in response.text
    missing = admin.post("/admin/links", data={"patient": "patient_b", "clinician": "nobody"})
    assert missing.status_code == 400 and "no account &#39;nobody&#39;" in missing.text


def test_an_admin_cannot_disable_their_own_account(clinic: Clinic) -> None:
    admin = clinic.client("admin")
    assert 'action="/admin/accounts/admin/disable"' not in admin.get("/admin").text  # no button for oneself
    refused = admin.post("/api/admin/accounts/admin/disable")
    assert (refused.status_code, refused.json()) == (
        400,
        {"error": "you cannot disable your own account; another admin can"},
    )
    page = admin.post("/admin/accounts/admin/disable")
    assert page.status_code == 400 and "you cannot disable your own account" in page.text
    assert not _account(clinic, "admin").disabled
    assert admin.get("/api/admin/accounts").status_code == 200  # still signed in


def test_the_last_admin_cannot_be_disabled_but_one_of_two_can(clinic: Clinic) -> None:
    with pytest.raises(RehabitError, match="last admin"):
        accounts.set_disabled(clinic.store, None, "admin", True)
    admin = clinic.client("admin")
    admin.post("/api/admin/accounts", json={"username": "deputy", "password": PASSWORD, "role": "admin"})
    deputy = clinic.client("anonymous")
    sign_in(deputy, "deputy")
    assert deputy.post("/api/admin/accounts/admin/disable").json()["disabled"] is True
    with pytest.raises(RehabitError, match="last admin"):
        accounts.set_disabled(clinic.store, None, "deputy", True)
    assert deputy.post("/api/admin/accounts/admin/enable").json()["disabled"] is False


def test_disable_enable_and_reset_a_password_in_the_web(clinic: Clinic) -> None:
    admin = clinic.client("admin")
    patient = clinic.client("patient_b")
    assert admin.post("/admin/accounts/patient_b/disable").status_code == 303
    assert patient.get("/api/today").status_code == 401
    assert 'action="/admin/accounts/patient_b/enable"' in admin.get("/admin").text
    assert admin.post("/admin/accounts/patient_b/enable").status_code == 303
    assert not _account(clinic, "patient_b").disabled
    again = clinic.client("anonymous")
    sign_in(again, "patient_b")
    old = again.cookies[SESSION_COOKIE]
    assert (
        admin.post("/admin/passwords", data={"username": "patient_b", "password": "a brand new one"}).status_code == 303
    )
    assert accounts.signed_in(clinic.store, old) is None  # signed out everywhere
    with pytest.raises(accounts.SignInRefused):
        accounts.sign_in(clinic.store, "patient_b", PASSWORD)
    assert accounts.sign_in(clinic.store, "patient_b", "a brand new one").account.username == "patient_b"
    short = admin.post("/admin/passwords", data={"username": "patient_b", "password": "short"})
    assert short.status_code == 400 and "at least 10 characters" in short.text
    actions = [e.action for e in account_rows.list_audit(clinic.store) if e.username == "admin"][:3]
    assert actions == ["reset a password", "enabled an account", "disabled an account"]


def _invite(clinic: Clinic) -> str:
    url: str = clinic.client("clinician_a").post("/api/clinic/invites", json={"patient_name": "Cy"}).json()["url"]
    return url.removeprefix("http://testserver")


def test_an_invite_says_the_same_for_a_taken_name_and_one_not_allowed(clinic: Clinic) -> None:
    path = _invite(clinic)
    newcomer = clinic.client("anonymous")
    taken = newcomer.post(path, data={"username": "patient_a", "password": "cy's long password"})
    free_but_bad = newcomer.post(path, data={"username": "x", "password": "cy's long password"})
    assert taken.status_code == free_but_bad.status_code == 400
    message = accounts.NAME_REFUSED.replace("'", "&#39;")
    assert message in taken.text and message in free_but_bad.text
    assert "taken" not in taken.text
    short = newcomer.post(path, data={"username": "cy", "password": "short"})
    assert "at least 10 characters" in short.text  # says nothing about the name
    assert newcomer.post(path, data={"username": "cy", "password": "cy's long password"}).status_code == 303


def test_an_invite_stops_after_ten_refused_names(clinic: Clinic) -> None:
    path = _invite(clinic)
    newcomer = clinic.client("anonymous")
    for name in ("patient_a", "patient_b", "admin", "clinician_a", "clinician_none", "a", "b", "c", "d", "e"):
        assert newcomer.post(path, data={"username": name, "password": "a long password"}).status_code == 400
    refused = newcomer.post(path, data={"username": "cy", "password": "a long password"})
    assert refused.status_code == 404 and "refused too many user names" in refused.text
    assert account_rows.find_account(clinic.store, "cy") is None


def test_times_on_the_admin_and_patient_pages_read_as_a_date_and_a_time(clinic: Clinic) -> None:
    audit = clinic.client("admin").get("/admin").text
    assert re.search(r"<td>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d</td>", audit)
    assert not re.search(r"<td>\d{4}-\d\d-\d\dT", audit)
    patient = clinic.client("clinician_a").get(f"/clinic/patients/{clinic.person_a}").text
    assert re.search(r"<li>\d{4}-\d\d-\d\d \d\d:\d\d UTC · ", patient)
    assert "+00:00" not in patient
