"""Clinic mode in Chromium: a clinician invites a patient and assigns the program imported from the seed
article; the patient signs in and sees it; another patient cannot reach it by URL."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect
from tests.browser.conftest import _free_port
from tests.clinic.conftest import PASSWORD

from rehabit.reader import read_article
from rehabit.reader.output import to_program
from rehabit.services import accounts
from rehabit.store import Store, programs
from rehabit.web import WebSettings, create_app

pytestmark = pytest.mark.browser

SEED = Path("/work/shared/seed/practice-reader-lower-back-glutes.txt")


@pytest.fixture
def clinic_url(tmp_path: Path) -> Iterator[tuple[str, Store, str]]:
    """A clinic-mode server with a clinician, another patient, and the seed article's program imported."""
    url = f"sqlite:///{tmp_path / 'clinic.sqlite3'}"
    imported = to_program(read_article(SEED))
    with Store.open(url) as store:
        accounts.create_account(store, "dr.lee", PASSWORD, "clinician", display_name="Dr Lee")
        accounts.create_account(store, "other", PASSWORD, "patient", display_name="Olive")
        programs.save_program_version(store, imported, "reader")
    port = _free_port()
    app = create_app(WebSettings(database_url=url, accounts=True))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", app.state.store, imported.title
    server.should_exit = True
    thread.join(timeout=10)


def sign_in(page: Page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(base + "/login")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_invite_assign_sign_in_and_keep_others_out(browser: Browser, clinic_url: tuple[str, Store, str]) -> None:
    base, store, title = clinic_url
    # no bypass_csp: the pages must work under the app's own Content-Security-Policy
    clinician = browser.new_context().new_page()
    sign_in(clinician, base, "dr.lee")
    expect(clinician.get_by_role("heading", name="Your patients")).to_be_visible()
    clinician.get_by_label("Patient's name").fill("Sam")
    clinician.get_by_role("button", name="Make an invite link").click()
    invite = clinician.locator("#invite-link").get_attribute("href")
    assert invite and "/invite/" in invite

    patient = browser.new_context().new_page()
    patient.goto(invite)
    expect(patient.get_by_role("heading", name="Welcome, Sam")).to_be_visible()
    patient.get_by_label("User name").fill("sam")
    patient.get_by_label("Password (at least 10 characters)").fill("sam's own password")
    patient.get_by_role("button", name="Create my account").click()
    expect(patient.get_by_role("heading", name="Hello, Sam")).to_be_visible()
    patient.context.close()

    clinician.goto(base + "/clinic")
    clinician.get_by_role("link", name="Sam").click()
    sam_url = clinician.url
    clinician.get_by_label("Program", exact=True).select_option(label=f"{title} (v1, reader)")
    clinician.get_by_role("button", name="Assign").click()
    expect(clinician.locator("#current-program")).to_contain_text(title)

    sam = browser.new_context().new_page()
    sign_in(sam, base, "sam", "sam's own password")
    expect(sam.get_by_role("heading", name="Hello, Sam")).to_be_visible()
    sam.goto(base + "/setup")  # the warning-sign screen, then a plan on the program the clinician chose
    for group in sam.locator("fieldset.question").all():
        group.get_by_label("No").check()
    for day in ("Monday", "Wednesday", "Friday"):
        sam.get_by_label(day).check()
    sam.locator("label.pain-radio").filter(has_text="3").first.click()
    sam.get_by_role("button", name="Save and make my plan").click()
    expect(sam.get_by_role("heading", name="Hello, Sam")).to_be_visible()
    person_id = int(sam.request.get(base + "/api/profile").json()["id"])
    version = programs.person_program(store, person_id)
    assert (version.source_kind, version.program.title) == ("reader", title)
    first = version.program.exercises[0].name
    sam.goto(base + "/plan")
    expect(sam.locator("main")).to_contain_text(first)

    other = browser.new_context().new_page()
    sign_in(other, base, "other")
    for path in (sam_url.removeprefix(base), f"/api/clinic/patients/{person_id}"):
        response = other.goto(base + path)
        assert response is not None and response.status == 403
    assert other.request.get(base + "/api/profile").json()["id"] != person_id
