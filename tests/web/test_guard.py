"""Single-user mode refuses what another site or a rebound DNS name sends it; the guard's limits and hosts."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import Snapshot, app_store, sign_fields

from rehabit.store import PersonRecord, people
from rehabit.web import WebSettings, create_app
from rehabit.web._guard import allowed_hosts


def _setup_form(name: str, emergency: bool) -> dict[str, object]:
    """The setup page's form, with every warning sign answered (the first one yes when `emergency`)."""
    form: dict[str, object] = dict(sign_fields("bladder-bowel") if emergency else sign_fields())
    return {**form, "starting_pain": "3", "day": ["0", "3"], "name": name}


ELSEWHERE = "http://evil.example"


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": ELSEWHERE, "Sec-Fetch-Site": "cross-site"},  # a page elsewhere auto-submitting a form
        {"Origin": ELSEWHERE},  # a browser that sends no Sec-Fetch-Site
        {"Origin": "http://127.0.0.1:9999", "Sec-Fetch-Site": "same-site"},  # another app on this machine
        {"Origin": "http://127.0.0.1:9999"},
        {"Origin": "null"},  # a sandboxed frame or a local file
        {"Sec-Fetch-Site": "cross-site"},
    ],
)
def test_a_cross_site_form_post_is_refused_and_changes_nothing(
    client: TestClient, person: PersonRecord, snapshot: Snapshot, headers: dict[str, str]
) -> None:
    before = snapshot()
    response = client.post("/setup", data=_setup_form("Renamed by evil", emergency=True), headers=headers)
    assert response.status_code == 403
    assert "another site" in response.text and "nothing was changed" in response.text
    api = client.put("/api/profile", json={"name": "Renamed by evil"}, headers=headers)
    assert (api.status_code, api.json()) == (
        403,
        {"error": "This change was sent from another site, so nothing was changed. Make it on this page."},
    )
    assert snapshot() == before


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://127.0.0.1", "Sec-Fetch-Site": "same-origin"},  # a form on one of our pages
        {"Origin": "http://127.0.0.1:80"},
        {"Sec-Fetch-Site": "none"},  # typed or bookmarked by the person
        {},  # not a browser: curl, a script
    ],
)
def test_a_change_from_this_site_or_from_a_program_is_served(
    client: TestClient, person: PersonRecord, headers: dict[str, str]
) -> None:
    response = client.post("/setup", data=_setup_form("Sam B", emergency=False), headers=headers)
    assert response.status_code in (200, 303), response.text
    assert people.get_person(app_store(client), person.id).name == "Sam B"


def test_reads_from_another_site_are_served(client: TestClient, person: PersonRecord) -> None:
    # a cross-site page can make the browser fetch, but not read the answer (no CORS headers)
    response = client.get("/api/today", headers={"Origin": ELSEWHERE, "Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.nip.io", "192.168.1.20"])
def test_a_host_other_than_the_bound_address_or_localhost_is_refused(
    client: TestClient, person: PersonRecord, snapshot: Snapshot, host: str
) -> None:
    before = snapshot()
    assert client.get("/api/today", headers={"Host": host}).status_code == 400
    response = client.post("/setup", data=_setup_form("Rebound", emergency=True), headers={"Host": host})
    assert (response.status_code, response.text) == (400, "Invalid host header")
    assert snapshot() == before


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost", "LOCALHOST:8000"])
def test_the_bound_address_and_localhost_are_served(client: TestClient, person: PersonRecord, host: str) -> None:
    assert client.get("/api/today", headers={"Host": host}).status_code == 200


def test_the_hosts_follow_the_bound_address() -> None:
    assert allowed_hosts("127.0.0.1") == ["127.0.0.1", "localhost"]
    assert allowed_hosts("::1") == ["[::1]", "localhost"]
    assert allowed_hosts("localhost") == ["localhost"]


def test_an_ipv6_bound_app_answers_its_bracketed_address(tmp_path: Path) -> None:
    app = create_app(WebSettings(database_url=f"sqlite:///{tmp_path / 'r.sqlite3'}", host="::1"))
    with TestClient(app, base_url="http://[::1]:8000") as ipv6:
        assert ipv6.get("/api/programs").status_code == 200
        assert ipv6.get("/api/programs", headers={"Host": "127.0.0.1"}).status_code == 400


def test_a_declared_body_over_the_limit_is_refused_before_it_is_read(client: TestClient, snapshot: Snapshot) -> None:
    before = snapshot()
    # the length is declared, the body never sent: the answer comes before anything waits for it
    for path in ("/api/import", "/setup", "/no/such/page"):
        response = client.post(path, content=b"", headers={"Content-Length": str(100_000_000)})
        assert response.status_code == 413, path
        assert "The request is too large: the limit is 8 MB." in response.text
    assert snapshot() == before
