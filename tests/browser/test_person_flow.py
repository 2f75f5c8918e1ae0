"""A new person in the browser: setup, a whole guided session (accelerated clock) with one "It hurts" and a
reload in the middle, then the session and its decisions in history."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from tests.browser._sessions import rate_each_exercise_until, rate_each_exercise_until_the_end
from tests.browser.conftest import LiveApp

pytestmark = pytest.mark.browser

SPEED = 60


def logged_sets(app: LiveApp, session_id: int) -> list[dict[str, object]]:
    sets: list[dict[str, object]] = app.get(f"/api/sessions/{session_id}")["session"]["sets"]
    return sets


def test_new_person_sets_up_runs_a_session_and_sees_history(page: Page, live_app: LiveApp) -> None:
    page.goto(live_app.url + "/")
    page.get_by_role("link", name="Get started").click()
    expect(page.get_by_role("heading", name="Setup")).to_be_visible()
    page.get_by_label("Your first name (optional)").fill("Alex")
    for group in page.locator("fieldset.question").all():
        group.get_by_label("No").check()
    for day in ("Monday", "Wednesday", "Friday"):
        page.get_by_label(day).check()
    page.locator("label.pain-radio").filter(has_text="4").first.click()
    page.get_by_role("button", name="Save and make my plan").click()

    expect(page.get_by_role("heading", name="Hello, Alex")).to_be_visible()
    start = page.locator("#start-session")
    expect(start).to_be_visible()
    page.goto(live_app.url + (start.get_attribute("href") or "") + f"&speed={SPEED}")

    page.locator("#pain_before-scale").get_by_role("button", name="3", exact=True).click()
    page.get_by_role("button", name="Start session").click()
    expect(page.locator("#running")).to_be_visible()
    session_id = int(page.url.split("/session/")[1].split("?")[0])
    first_exercise = page.locator("#exercise-name").inner_text()

    # It hurts, once: the exercise stops, the pain is asked, the advice shown, the next exercise follows
    page.get_by_role("button", name="It hurts").click()
    expect(page.locator("#hurt")).to_be_visible()
    page.locator("#pain_during-scale").get_by_role("button", name="6", exact=True).click()
    page.get_by_role("button", name="Save and go on").click()
    advice = page.locator("#hurt-advice-text")
    expect(advice).to_contain_text("Pain of 6/10 is more than is safe to exercise with (above 5/10)")
    expect(advice).to_contain_text("(PAIN-1, PAIN-2)")
    expect(page.get_by_role("button", name="End the session here")).to_be_visible()  # the advice's default
    page.get_by_role("button", name="Continue with the next exercise").click()
    expect(page.locator("#exercise-name")).not_to_have_text(first_exercise)

    # let a set or two be logged, then reload mid-session: it resumes at the first set not logged
    rate_each_exercise_until(page, lambda: len(live_app.get(f"/api/sessions/{session_id}")["session"]["sets"]) >= 3)
    page.reload()
    expect(page.get_by_role("button", name="Continue session")).to_be_visible()
    resumed_at = live_app.get(f"/api/sessions/{session_id}")["resume_at"]
    assert resumed_at > 0
    page.get_by_role("button", name="Continue session").click()

    rate_each_exercise_until_the_end(page)
    page.locator("#pain_after-scale").get_by_role("button", name="2", exact=True).click()
    page.get_by_role("button", name="Finish").click()
    expect(page.locator("#done")).to_be_visible()
    expect(page.locator("#decisions .rule").first).to_be_visible()

    session = live_app.get(f"/api/sessions/{session_id}")
    sets = session["session"]["sets"]
    assert session["session"]["status"] == "finished"
    assert session["session"]["pain_before"] == 3
    assert session["session"]["pain_after"] == 2
    stopped = [s for s in sets if s["stopped_for_pain"]]
    assert [(s["pain_during"], s["exercise_id"]) for s in stopped] == [(6, session["exercises"][0]["id"])]
    units = {(s["exercise_id"], s["set_number"], s["side"]) for s in sets}
    assert len(units) == len(sets)  # no set stored twice
    expected = {
        (step["exercise_id"], step["set_number"], step["side"])
        for step in session["steps"]
        if step["ends_unit"] and step["exercise_index"] > 0
    }
    assert expected <= units

    page.get_by_role("link", name="See your history").click()
    expect(page.get_by_role("heading", name="History", exact=True)).to_be_visible()
    history = live_app.get("/api/history")
    [entry] = history["sessions"]
    assert entry["id"] == session_id
    rules = {d["rule_id"] for d in entry["decisions"]}
    assert "PAIN-1" in rules
    # each decision in plain words; its rule and source one tap away
    card = page.locator(f"#session-{session_id}")
    hurt = next(d for d in entry["decisions"] if d["rule_id"] == "PAIN-1")
    expect(card).to_contain_text(hurt["headline"])
    assert hurt["headline"].startswith("Next time:") and "PAIN-1" not in hurt["headline"]
    decision = card.locator("li.decision").filter(has_text=hurt["headline"]).first
    expect(decision.locator(".rule")).to_be_hidden()
    decision.get_by_text("Why, and the source").click()
    expect(decision.locator(".rule")).to_have_text("PAIN-1")
