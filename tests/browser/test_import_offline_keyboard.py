"""Import in the browser, a session that runs offline and catches up, and the player by keyboard alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from tests.browser._sessions import rate_each_exercise_until_the_end, run_session_through_the_api
from tests.browser.conftest import LiveApp, set_up_person

from rehabit import __version__

pytestmark = pytest.mark.browser

SEED = Path(__file__).parents[2].parent / "shared" / "seed" / "practice-reader-lower-back-glutes.txt"


def open_player(page: Page, app: LiveApp, speed: int) -> int:
    """Open the next planned session in the player, answer the pain before and start it; its id."""
    planned = app.get("/api/today")["next_session"]["id"]
    page.goto(f"{app.url}/session?planned={planned}&speed={speed}")
    page.locator("#pain_before-scale").get_by_role("button", name="2", exact=True).click()
    page.get_by_role("button", name="Start session").click()
    expect(page.locator("#running")).to_be_visible()
    return int(page.url.split("/session/")[1].split("?")[0])


def test_import_review_edit_save_confirm_follow_keeps_the_old_decisions(page: Page, live_app: LiveApp) -> None:
    set_up_person(live_app)
    old_session = run_session_through_the_api(live_app)
    old_decisions = [d["headline"] for d in live_app.get("/api/history")["sessions"][0]["decisions"]]
    assert old_decisions

    page.goto(live_app.url + "/import")
    page.get_by_label("Or a file").set_input_files(str(SEED))
    page.get_by_role("button", name="Read it").click()
    expect(page.get_by_role("heading", name="Check what was read")).to_be_visible()
    cards = page.locator("#import-save .import-card")
    expect(cards).to_have_count(10)
    # the source of a value is highlighted when its field is selected, and shown at the foot on a phone
    bridge = page.locator("#exercise-0")
    reps = bridge.get_by_label("Reps", exact=True)
    reps.focus()
    expect(page.locator("#source-text mark.current")).to_have_text("10-15")
    expect(page.locator("#source-peek mark")).to_have_text("10-15")
    # edit: a new dose, a new step, and the last exercise deleted
    reps.fill("12-16")
    steps = bridge.get_by_label("Steps, one a line")
    steps.fill(steps.input_value() + "\nBreathe out as you lift.")
    last = page.locator("#exercise-9")
    last.locator("summary").click()
    last.get_by_label("Delete this exercise").check()
    page.get_by_role("button", name="Save as a new program").click()

    # saved, not followed yet: the confirmation says what changes
    expect(page.get_by_role("heading", name="Follow this program?")).to_be_visible()
    expect(page.locator("main")).to_contain_text("is saved as a program of its own")
    expect(page.locator("main")).to_contain_text("1 logged session stays in your history")
    program_id = live_app.get("/api/programs")["programs"][1]["id"]
    assert live_app.get("/api/programs")["following"] == "lower-back-glutes"
    page.get_by_role("button", name="Yes, follow this program").click()
    page.wait_for_url(live_app.url + "/")
    assert live_app.get("/api/programs")["following"] == program_id

    stored = live_app.get(f"/api/programs/{program_id}")["program"]["exercises"]
    assert len(stored) == 9
    assert stored[0]["dose"]["reps"] == {"min": 12, "max": 16}
    assert stored[0]["steps"][-1] == "Breathe out as you lift."

    # history still shows the old session's decisions, labelled with the program they belonged to
    page.goto(live_app.url + "/history")
    old = page.locator(f"#session-{old_session}")
    expect(old).to_contain_text("Program: Lower back")
    for headline in old_decisions:
        expect(old).to_contain_text(headline)
    assert [d["headline"] for d in live_app.get("/api/history")["sessions"][0]["decisions"]] == old_decisions
    assert live_app.get("/api/today")["next_session"]["exercises"][0]["illustration_url"].startswith(
        f"/illustrations/{program_id}/"
    )


def test_a_session_runs_offline_and_its_sets_arrive_once_back(
    page: Page, context: BrowserContext, live_app: LiveApp
) -> None:
    set_up_person(live_app)
    page.goto(live_app.url + "/")  # the service worker installs and caches the app shell
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
    page.goto(live_app.url + "/")  # Today hands the coming session's figures to the service worker
    figure = live_app.get("/api/today")["next_session"]["exercises"][-1]["illustration_url"].replace(".still", "")
    cached = "([name, url]) => caches.open(name).then(cache => cache.match(url)).then(Boolean)"
    page.wait_for_function(cached, arg=[f"rehabit-{__version__}", figure])
    planned = live_app.get("/api/today")["next_session"]["id"]
    page.goto(f"{live_app.url}/session?planned={planned}&speed=100")
    page.locator("#pain_before-scale").get_by_role("button", name="2", exact=True).click()
    page.get_by_role("button", name="Start session").click()
    expect(page.locator("#running")).to_be_visible()
    session_id = int(page.url.split("/session/")[1].split("?")[0])
    context.set_offline(True)
    assert page.evaluate("url => fetch(url).then(r => r.ok)", figure)  # served from the cache
    rate_each_exercise_until_the_end(page)
    page.locator("#pain_after-scale").get_by_role("button", name="1", exact=True).click()
    page.locator("#effort-scale").get_by_role("button", name="6", exact=True).click()
    page.get_by_role("button", name="Finish").click()
    expect(page.locator("#status")).to_contain_text("it will be sent when the connection returns")
    queued = page.evaluate("JSON.parse(localStorage.getItem('rehabit-outbox') || '[]').length")
    assert queued > 1
    assert live_app.get(f"/api/sessions/{session_id}")["session"]["status"] == "in_progress"

    context.set_offline(False)
    page.wait_for_function("JSON.parse(localStorage.getItem('rehabit-outbox') || '[]').length === 0")
    session = live_app.get(f"/api/sessions/{session_id}")
    assert session["session"]["status"] == "finished"
    assert session["session"]["pain_after"] == 1
    assert session["session"]["effort"] == 6
    units = [(step["exercise_id"], step["set_number"], step["side"]) for step in session["steps"] if step["ends_unit"]]
    logged = [(s["exercise_id"], s["set_number"], s["side"]) for s in session["session"]["sets"]]
    assert sorted(logged, key=repr) == sorted(units, key=repr)  # every set, each exactly once


def test_the_player_works_by_keyboard_alone(page: Page, live_app: LiveApp) -> None:
    set_up_person(live_app)
    planned = live_app.get("/api/today")["next_session"]["id"]
    page.goto(f"{live_app.url}/session?planned={planned}&speed=1")
    # pain before: Tab to the scale, choose with Enter, Tab to Start, Enter
    focused: list[str] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        label = page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()")
        focused.append(label)
        if label == "3":
            break
    page.keyboard.press("Enter")
    expect(page.locator("#pain_before-scale [data-pain-value='3']")).to_have_attribute("aria-pressed", "true")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "start":
            break
    page.keyboard.press("Enter")
    expect(page.locator("#running")).to_be_visible()

    # every control of the running player is reachable with Tab
    reached: set[str] = set()
    for _ in range(20):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.id"))
    assert {"back", "pause", "skip", "hurts", "speak"} <= reached

    # Space pauses and resumes, → skips, h stops for pain; all without a mouse, from the timer, where the
    # player rests the focus (the body is not focusable: focusing it would leave the last tabbed button)
    page.locator("#timer").focus()
    page.keyboard.press("Space")
    expect(page.locator("#pause")).to_have_text("Resume")
    page.keyboard.press("Space")
    expect(page.locator("#pause")).to_have_text("Pause")
    first = page.locator("#exercise-name").inner_text()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#exercise-name")).not_to_have_text(first)
    page.locator("#speak").focus()
    page.keyboard.press("Space")
    expect(page.locator("#speak")).to_be_checked()
    page.locator("#pause").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#pause")).to_have_text("Resume")
    page.keyboard.press("h")
    expect(page.locator("#hurt")).to_be_visible()
    expect(page.locator("#pain_during-scale [data-pain-value='0']")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # pain 2
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "hurt-save":
            break
    page.keyboard.press("Enter")
    expect(page.locator("#hurt-continue")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#running")).to_be_visible()
    session_id = int(page.url.split("/session/")[1].split("?")[0])
    sets = live_app.get(f"/api/sessions/{session_id}")["session"]["sets"]
    assert [(s["stopped_for_pain"], s["pain_during"]) for s in sets] == [(True, 2)]


def test_a_session_started_offline_reaches_the_server_when_back(
    page: Page, context: BrowserContext, live_app: LiveApp
) -> None:
    set_up_person(live_app)
    page.goto(live_app.url + "/")
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
    page.goto(live_app.url + "/")  # Today hands the next session's player and timeline to the service worker
    planned = live_app.get("/api/today")["next_session"]["id"]
    cached = "([name, url]) => caches.open(name).then(cache => cache.match(url)).then(Boolean)"
    page.wait_for_function(cached, arg=[f"rehabit-{__version__}", f"/api/planned-sessions/{planned}/player"])
    page.goto(f"{live_app.url}/session?planned={planned}&speed=100")
    context.set_offline(True)
    page.locator("#pain_before-scale").get_by_role("button", name="5", exact=True).click()
    page.get_by_role("button", name="Start session").click()
    expect(page.locator("#running")).to_be_visible()
    assert "local=local-" in page.url
    rate_each_exercise_until_the_end(page)
    page.locator("#pain_after-scale").get_by_role("button", name="4", exact=True).click()
    page.get_by_role("button", name="Finish").click()
    expect(page.locator("#done")).to_be_visible()
    assert live_app.get("/api/history")["sessions"] == []  # nothing has reached the server yet

    context.set_offline(False)
    page.wait_for_function("JSON.parse(localStorage.getItem('rehabit-outbox') || '[]').length === 0")
    [entry] = live_app.get("/api/history")["sessions"]
    session = live_app.get(f"/api/sessions/{entry['id']}")
    assert (session["session"]["status"], session["session"]["pain_before"], session["session"]["pain_after"]) == (
        "finished",
        5,
        4,
    )
    assert session["session"]["planned_session_id"] == planned
    units = [(step["exercise_id"], step["set_number"], step["side"]) for step in session["steps"] if step["ends_unit"]]
    logged = [(s["exercise_id"], s["set_number"], s["side"]) for s in session["session"]["sets"]]
    assert sorted(logged, key=repr) == sorted(units, key=repr)
