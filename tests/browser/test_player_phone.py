"""The player on a 390x844 phone: in every kind of step the exercise's name, its figure, the countdown, the
count, the cue and "It hurts" are inside the screen without scrolling; the site's navigation is hidden
while a session runs; the focus is on the timer. "End session" asks before it ends anything."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect
from tests.browser.conftest import PHONE, LiveApp, set_up_person

from rehabit.model import IntRange
from rehabit.programs import get_program

pytestmark = pytest.mark.browser

MUST_SHOW = ["#exercise-name", "#figure", "#countdown", "#rep-count", "#cue", "#hurts"]


def start_session(app: LiveApp) -> dict[str, Any]:
    """Start today's session through the API (pain before 2); the player view it returns."""
    planned = app.get("/api/today")["next_session"]["id"]
    started = app.api.post("/api/sessions", json={"planned_session_id": planned, "pain_before": 2})
    started.raise_for_status()
    view: dict[str, Any] = started.json()
    return view


def follow_a_program_with_two_sets(app: LiveApp) -> None:
    """The starter program with two sets of its first exercise (a rest between sets), saved and followed."""
    program = get_program("lower-back-glutes")
    first = program.exercises[0]
    exercises = [first.model_copy(update={"dose": first.dose.model_copy(update={"sets": IntRange.of(2)})})]
    changed = program.model_copy(update={"id": "two-sets", "exercises": exercises + program.exercises[1:]})
    saved = app.api.post("/api/import/save", json={"program": changed.model_dump(mode="json"), "follow": True})
    saved.raise_for_status()
    assert saved.json()["followed"] is True


def outside_the_screen(page: Page) -> dict[str, Any]:
    """Each element that must show, with its box when it is not wholly inside the 390x844 viewport."""
    misses: dict[str, Any] = {}
    for selector in MUST_SHOW:
        box = page.locator(selector).bounding_box()
        if box is None or box["height"] == 0:
            misses[selector] = "not shown"
        elif (
            box["y"] < 0
            or box["x"] < 0
            or box["y"] + box["height"] > PHONE["height"]
            or box["x"] + box["width"] > PHONE["width"]
        ):
            misses[selector] = box
    return misses


def wait_for_a_logged_set(page: Page, app: LiveApp, session_id: int) -> None:
    """Let the player run until the server has at least one set of the session; when the exercise's pain is
    asked, answer it (one tap) so the session runs on."""
    for _ in range(200):
        if page.locator("#rate").is_visible():
            page.locator("#pain_rating-scale").get_by_role("button", name="1", exact=True).click()
            expect(page.locator("#running")).to_be_visible()
        if app.get(f"/api/sessions/{session_id}")["session"]["sets"] and page.locator("#running").is_visible():
            return
        page.wait_for_timeout(100)
    pytest.fail("no set was logged in 20 seconds")


def test_every_kind_of_step_fits_a_phone_screen(page: Page, live_app: LiveApp) -> None:
    set_up_person(live_app)
    follow_a_program_with_two_sets(live_app)
    view = start_session(live_app)
    session_id = view["session"]["id"]
    first_of_kind: dict[str, int] = {}
    for step in view["steps"]:
        first_of_kind.setdefault(step["kind"], step["index"])
    # the starter program has reps, holds, sides, sets and rests: every kind is looked at
    assert set(first_of_kind) >= {"position", "up", "hold", "down", "switch_side", "rest_set", "rest_exercise"}

    page.goto(f"{live_app.url}/session/{session_id}?speed=0.1")
    expect(page.locator("#running")).to_be_visible()
    assert page.evaluate("document.activeElement.id") == "timer"
    assert page.evaluate("window.scrollY") == 0
    expect(page.locator(".topbar")).to_be_hidden()
    assert outside_the_screen(page) == {}, "position"

    for kind, index in sorted(first_of_kind.items(), key=lambda item: item[1]):
        if index == 0:
            continue
        # the player carries on where this device says it was: put it at the first step of this kind
        page.evaluate(f"localStorage.setItem('rehabit-position-{session_id}', '{index}')")
        page.reload()
        page.get_by_role("button", name="Continue session").click()
        expect(page.locator("#running")).to_be_visible()
        page.keyboard.press("Space")  # pause, so the step stays while it is measured
        expect(page.locator("#pause")).to_have_text("Resume")
        assert page.evaluate("document.activeElement.id") == "timer", kind
        assert page.evaluate("window.scrollY") == 0, kind
        expect(page.locator(".topbar")).to_be_hidden()
        assert outside_the_screen(page) == {}, kind
        assert page.locator("#cue").inner_text() == view["steps"][index]["cue"], kind


def test_end_session_asks_first_then_saves_what_was_done(page: Page, live_app: LiveApp) -> None:
    set_up_person(live_app)
    view = start_session(live_app)
    session_id = view["session"]["id"]
    page.goto(f"{live_app.url}/session/{session_id}?speed=60")
    expect(page.locator("#running")).to_be_visible()
    wait_for_a_logged_set(page, live_app, session_id)

    # asking changes nothing; "Keep going" carries on
    page.get_by_role("button", name="End session").click()
    expect(page.locator("#end")).to_be_visible()
    expect(page.locator("#end-done")).not_to_have_text("Sets done so far: 0.")
    expect(page.get_by_role("button", name="Keep going")).to_be_focused()
    assert live_app.get(f"/api/sessions/{session_id}")["session"]["status"] == "in_progress"
    page.get_by_role("button", name="Keep going").click()
    expect(page.locator("#running")).to_be_visible()
    expect(page.locator(".topbar")).to_be_hidden()

    # "Save what I did": the pain after, then the session is finished with the sets done so far
    page.get_by_role("button", name="End session").click()
    page.get_by_role("button", name="Save what I did").click()
    expect(page.locator("#after")).to_be_visible()
    expect(page.locator(".topbar")).to_be_visible()
    page.locator("#pain_after-scale").get_by_role("button", name="3", exact=True).click()
    page.get_by_role("button", name="Finish").click()
    expect(page.locator("#done")).to_be_visible()
    expect(page.locator("#decisions li").first).to_be_visible()  # the finish has been answered
    session = live_app.get(f"/api/sessions/{session_id}")["session"]
    assert session["status"] == "finished"
    assert session["pain_after"] == 3
    assert 1 <= len(session["sets"]) < sum(1 for step in view["steps"] if step["ends_unit"])


def test_end_session_without_finishing_keeps_the_sets(page: Page, live_app: LiveApp) -> None:
    set_up_person(live_app)
    view = start_session(live_app)
    session_id = view["session"]["id"]
    page.goto(f"{live_app.url}/session/{session_id}?speed=60")
    wait_for_a_logged_set(page, live_app, session_id)
    page.get_by_role("button", name="End session").click()
    page.get_by_role("button", name="End without finishing").click()
    expect(page.locator("#ended")).to_be_visible()
    expect(page.get_by_role("link", name="Back to today")).to_be_visible()
    page.wait_for_function("() => !JSON.parse(localStorage.getItem('rehabit-outbox') || '[]').length")
    session = live_app.get(f"/api/sessions/{session_id}")["session"]
    assert session["status"] == "abandoned"
    assert len(session["sets"]) >= 1
