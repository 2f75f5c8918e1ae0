"""Clinic mode in Chromium, as a clinic runs it: the admin makes a clinician and a patient and links them;
the clinician lands on their list with the patient flagged by a rising-pain course, assigns a program and
leaves a note; the patient is screened first, sees the note and the program, tries to follow an imported
article and the clinician sees the request. Also: an invite, and another patient kept out by URL."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect
from tests.browser.conftest import _free_port, screenshot
from tests.clinic.conftest import PASSWORD

from rehabit.reader import read_article
from rehabit.reader.output import to_program
from rehabit.services import accounts
from rehabit.store import Store, programs, sessions
from rehabit.store import accounts as account_rows
from rehabit.web import WebSettings, create_app

pytestmark = pytest.mark.browser

SEED = Path("/work/shared/seed/practice-reader-lower-back-glutes.txt")


@pytest.fixture
def clinic_url(tmp_path: Path) -> Iterator[tuple[str, Store, str]]:
    """A clinic-mode server with an admin, a clinician, another patient, and the seed article's program
    imported by the clinic."""
    url = f"sqlite:///{tmp_path / 'clinic.sqlite3'}"
    imported = to_program(read_article(SEED))
    with Store.open(url) as store:
        accounts.create_account(store, "boss", PASSWORD, "admin", display_name="The admin")
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
    page.goto(base + "/")  # as a person would: the front page sends them to sign in
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def answer_setup(page: Page) -> None:
    for group in page.locator("fieldset.question").all():
        group.get_by_label("No").check()
    for day in ("Monday", "Wednesday", "Friday"):
        page.get_by_label(day).check()
    page.locator("label.pain-radio").filter(has_text="3").first.click()
    page.get_by_role("button", name="Save and make my plan").click()


def rising_pain(store: Store, username: str) -> None:
    """Four finished sessions over the last three weeks, the pain before them rising 2 → 5."""
    found = account_rows.find_account(store, username)
    assert found is not None and found[0].person_id is not None
    person_id = found[0].person_id
    version = programs.person_program(store, person_id).id
    now = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
    for days, pain in ((20, 2), (15, 3), (10, 4), (5, 5)):
        started = now - timedelta(days=days)
        log = sessions.start_session(store, person_id, version, pain_before=pain, started_at=started)
        sessions.finish_session(store, log.id, pain_after=pain, finished_at=started + timedelta(minutes=30))
        sessions.record_next_morning_pain(store, log.id, pain)


def test_a_clinic_from_the_admin_to_the_patients_request(browser: Browser, clinic_url: tuple[str, Store, str]) -> None:
    base, store, title = clinic_url
    # no bypass_csp: the pages must work under the app's own Content-Security-Policy
    admin = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    sign_in(admin, base, "boss")
    expect(admin.get_by_role("heading", name="Accounts", exact=True)).to_be_visible()
    assert admin.url == base + "/admin"
    for username, name, role in (("dr.kim", "Dr Kim", "clinician"), ("jordan", "Jordan", "patient")):
        admin.get_by_label("User name").fill(username)
        admin.get_by_label("Name shown").fill(name)
        admin.get_by_label("Role").select_option(role)
        admin.get_by_label("Password (at least 10 characters)", exact=True).fill(f"{username}'s password")
        admin.get_by_role("button", name="Add the account").click()
        expect(admin.locator(f'[id="account-{username}"]')).to_be_visible()
    admin.get_by_label("Patient", exact=True).select_option("jordan")
    admin.get_by_label("Clinician", exact=True).select_option("dr.kim")
    admin.get_by_role("button", name="Link", exact=True).click()
    expect(admin.locator("#account-jordan")).to_contain_text("dr.kim")
    screenshot(admin, "clinic-admin")
    admin.context.close()

    rising_pain(store, "jordan")
    kim = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    sign_in(kim, base, "dr.kim", "dr.kim's password")
    expect(kim.get_by_role("heading", name="Your patients")).to_be_visible()
    assert kim.url == base + "/clinic"
    row = kim.locator("#patients tbody tr").first
    expect(row).to_contain_text("Jordan")
    expect(row).to_contain_text("Pain before sessions is rising: 2 → 5 out of 10 in 4 weeks.")
    expect(row).to_have_class("attention")
    screenshot(kim, "clinic-patients")
    kim.set_viewport_size({"width": 390, "height": 844})  # on a phone every figure of the row is on the screen
    for cell in row.locator("td").all():
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, cell.inner_text()
    expect(row.locator("td").nth(2)).to_have_attribute("data-label", "Sessions a week")  # shown above the figure
    kim.set_viewport_size({"width": 1366, "height": 900})
    row.get_by_role("link", name="Jordan").click()
    kim.get_by_label("Program and starting stage").select_option(label=f"{title} (v1, reader) · 1. the whole program")
    kim.get_by_role("button", name="Assign").click()
    expect(kim.locator("#current-program")).to_contain_text(title)
    expect(kim.locator("#current-program")).to_contain_text("they ask you before following another")
    kim.get_by_label("A note for Jordan").fill("Go gently this week: stop the bridge if it pinches.")
    kim.get_by_role("button", name="Leave the note").click()
    expect(kim.locator("#notes")).to_contain_text("stop the bridge if it pinches")
    patient_page = kim.url

    jordan = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    sign_in(jordan, base, "jordan", "jordan's password")
    expect(jordan.locator("fieldset.question").first).to_be_visible()  # screened first
    assert jordan.url == base + "/setup"
    answer_setup(jordan)
    expect(jordan.get_by_role("heading", name="Hello, Jordan")).to_be_visible()
    expect(jordan.get_by_role("heading", name="A note from Dr Kim")).to_be_visible()
    expect(jordan.locator("main")).to_contain_text("stop the bridge if it pinches")
    first = programs.person_program(store, int(jordan.request.get(base + "/api/profile").json()["id"]))
    assert first.program.title == title
    expect(jordan.locator("#next-session")).to_be_visible()
    expect(jordan.locator("main")).to_contain_text(first.program.stage_exercises(0)[0].name)
    screenshot(jordan, "clinic-patient-today")
    jordan.get_by_role("button", name="I have read it").click()
    expect(jordan.get_by_role("heading", name="A note from Dr Kim")).to_have_count(0)

    jordan.goto(base + "/import")
    jordan.get_by_label("Article text").fill(
        "Clamshell\n\nLie on your side with your knees bent. Lift the top knee, then lower it. Do 12 reps, 3 sets."
    )
    jordan.get_by_role("button", name="Read it").click()
    jordan.get_by_role("button", name="Save as a new program").click()
    expect(jordan.locator("#needs-approval")).to_contain_text("this asks them first")
    jordan.get_by_role("button", name="Ask my clinician to switch").click()
    expect(jordan.locator("#program-request")).to_contain_text("Your clinician keeps you on the program they chose")
    assert programs.person_program(store, first_person(store, "jordan")).id == first.id  # unchanged
    screenshot(jordan, "clinic-patient-request")

    kim.goto(patient_page)
    expect(kim.locator("#open-request")).to_contain_text("Jordan asks to follow another program")
    expect(kim.locator("#open-request")).to_contain_text("Clamshell")
    screenshot(kim, "clinic-patient")
    kim.get_by_role("button", name="Approve: they follow it").click()
    expect(kim.locator("#current-program")).not_to_contain_text(title)
    actions = [e.action for e in account_rows.list_audit(store) if e.username in ("jordan", "dr.kim")]
    assert "asked to follow another program" in actions and "approved a program request" in actions
    jordan.reload()
    expect(jordan.locator("#program-request")).to_contain_text("approved")


def first_person(store: Store, username: str) -> int:
    found = account_rows.find_account(store, username)
    assert found is not None and found[0].person_id is not None
    return found[0].person_id


def test_invite_assign_sign_in_and_keep_others_out(browser: Browser, clinic_url: tuple[str, Store, str]) -> None:
    base, store, title = clinic_url
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
    expect(patient.locator("fieldset.question").first).to_be_visible()  # the warning signs first
    patient.context.close()

    clinician.goto(base + "/clinic")
    clinician.get_by_role("link", name="Sam").click()
    sam_url = clinician.url
    clinician.get_by_label("Program and starting stage").select_option(
        label=f"{title} (v1, reader) · 1. the whole program"
    )
    clinician.get_by_role("button", name="Assign").click()
    expect(clinician.locator("#current-program")).to_contain_text(title)

    sam = browser.new_context().new_page()
    sign_in(sam, base, "sam", "sam's own password")
    assert sam.url == base + "/setup"  # still not screened: the questions again
    answer_setup(sam)
    expect(sam.get_by_role("heading", name="Hello, Sam")).to_be_visible()
    person_id = int(sam.request.get(base + "/api/profile").json()["id"])
    version = programs.person_program(store, person_id)
    assert (version.source_kind, version.program.title) == ("reader", title)
    sam.goto(base + "/plan")
    expect(sam.locator("main")).to_contain_text(version.program.exercises[0].name)

    other = browser.new_context().new_page()
    sign_in(other, base, "other")
    for path in (sam_url.removeprefix(base), f"/api/clinic/patients/{person_id}"):
        response = other.goto(base + path)
        assert response is not None and response.status == 403
    assert other.request.get(base + "/api/profile").json()["id"] != person_id
