"""Every main page: no serious or critical axe-core violations, and screenshots at phone and desktop widths
(written to screenshots/ for a person to look at)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from tests.browser._sessions import rate_each_exercise_until_the_end, run_session_through_the_api
from tests.browser.conftest import LiveApp, axe_violations, screenshot, set_up_person

pytestmark = pytest.mark.browser

SEED = Path(__file__).parents[2].parent / "shared" / "seed" / "practice-reader-lower-back-glutes.txt"


def check(page: Page, name: str) -> None:
    screenshot(page, name)
    assert axe_violations(page) == [], name


def test_first_run_pages(page: Page, live_app: LiveApp) -> None:
    for name, path in [
        ("welcome", "/"),
        ("setup", "/setup"),
        ("programs", "/programs"),
        ("program", "/programs/lower-back-glutes"),
        ("exercise", "/programs/lower-back-glutes/exercises/glute-bridge"),
        ("import", "/import"),
    ]:
        page.goto(live_app.url + path)
        check(page, name)


def test_pages_of_a_person_with_a_plan_and_a_session(page: Page, live_app: LiveApp) -> None:
    set_up_person(live_app)
    page.goto(live_app.url + "/")
    check(page, "today")
    page.goto(live_app.url + "/plan")
    check(page, "plan")
    plan_id = live_app.get("/api/plan")["sessions"][0]["id"]
    with page.expect_response(lambda response: response.url.endswith("/plan") and response.request.method == "GET"):
        page.get_by_role("button", name="Plan again from today").click()  # htmx swaps <main> in place
    expect(page.get_by_role("heading", name="Your plan")).to_be_visible()
    assert live_app.get("/api/plan")["sessions"][0]["id"] != plan_id
    page.goto(live_app.url + "/profile")
    check(page, "profile")

    planned = live_app.get("/api/today")["next_session"]["id"]
    page.goto(f"{live_app.url}/session?planned={planned}&speed=1")
    check(page, "player-before")
    page.locator("#pain_before-scale").get_by_role("button", name="2", exact=True).click()
    page.get_by_role("button", name="Start session").click()
    expect(page.locator("#running")).to_be_visible()
    page.keyboard.press("Space")  # paused, so the screenshot shows a steady screen
    check(page, "player")
    page.get_by_role("button", name="It hurts").click()
    check(page, "player-hurts")
    page.locator("#pain_during-scale").get_by_role("button", name="5", exact=True).click()
    page.get_by_role("button", name="Save and go on").click()
    expect(page.locator("#hurt-advice")).to_be_visible()
    check(page, "player-advice")

    session_id = int(page.url.split("/session/")[1].split("?")[0])
    page.goto(f"{live_app.url}/session/{session_id}?speed=200")
    check(page, "player-resume")
    page.get_by_role("button", name="Continue session").click()
    rate_each_exercise_until_the_end(page)
    check(page, "player-after")
    page.locator("#pain_after-scale").get_by_role("button", name="3", exact=True).click()
    page.get_by_role("button", name="Finish").click()
    expect(page.locator("#decisions .rule").first).to_be_visible()
    check(page, "player-done")
    page.goto(live_app.url + "/history")
    expect(page.get_by_role("heading", name="History", exact=True)).to_be_visible()
    check(page, "history")
    page.goto(live_app.url + "/progress")
    expect(page.locator("svg.chart-svg").first).to_be_visible()  # inline SVG: drawn with the page
    check(page, "progress")

    page.goto(live_app.url + "/import")
    page.get_by_label("Or a file").set_input_files(str(SEED))
    page.get_by_role("button", name="Read it").click()
    expect(page.get_by_role("heading", name="Check what was read")).to_be_visible()
    check(page, "import-review")


def test_dark_mode_pages(page: Page, live_app: LiveApp) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(live_app.url + "/programs/lower-back-glutes")
    check(page, "dark-program")
    set_up_person(live_app)
    page.goto(live_app.url + "/")
    check(page, "dark-today")
    planned = live_app.get("/api/today")["next_session"]["id"]
    page.goto(f"{live_app.url}/session?planned={planned}&speed=1")
    page.locator("#pain_before-scale").get_by_role("button", name="4", exact=True).click()
    page.get_by_role("button", name="Start session").click()
    expect(page.locator("#running")).to_be_visible()
    page.keyboard.press("Space")
    check(page, "dark-player")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_new_pages_light_and_dark(page: Page, live_app: LiveApp, scheme: str) -> None:
    """Progress, PSFS, lessons, follow, library, profile downloads and the import review: no serious or
    critical axe violations in either colour scheme."""
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    set_up_person(live_app)
    run_session_through_the_api(live_app)
    live_app.api.post("/api/psfs", json={"ratings": [{"activity": "Putting on socks", "score": 4}]}).raise_for_status()
    for name, path in [
        ("progress", "/progress"),
        ("psfs", "/psfs"),
        ("lessons", "/lessons"),
        ("follow", "/programs/lower-back-glutes/follow"),
        ("programs-following", "/programs"),
        ("library-empty", "/library"),
        ("profile-data", "/profile"),
        ("history-plain-words", "/history"),
    ]:
        page.goto(live_app.url + path)
        check(page, f"{scheme}-{name}")
    page.goto(live_app.url + "/")
    expect(page.locator("#lesson-of-the-week")).to_be_visible()
    check(page, f"{scheme}-today-lesson")
    page.goto(live_app.url + "/import")
    page.get_by_label("Or a file").set_input_files(str(SEED))
    page.get_by_role("button", name="Read it").click()
    expect(page.get_by_role("heading", name="Check what was read")).to_be_visible()
    page.locator("#reps-0").focus()
    expect(page.locator("#source-peek")).to_be_visible()
    check(page, f"{scheme}-import-review-cards")
