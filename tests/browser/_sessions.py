"""Arranging logged sessions through the JSON API, for browser tests that need a history to look at."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from tests.browser.conftest import LiveApp


def run_session_through_the_api(app: LiveApp, *, pain_before: int = 3, pain_after: int = 2) -> int:
    """Start today's session, log every set at the full dose with little pain, finish; the session id."""
    planned = app.get("/api/today")["next_session"]["id"]
    started = app.api.post("/api/sessions", json={"planned_session_id": planned, "pain_before": pain_before})
    started.raise_for_status()
    view: dict[str, Any] = started.json()
    session_id: int = view["session"]["id"]
    for number, step in enumerate(s for s in view["steps"] if s["ends_unit"]):
        logged = app.api.post(
            f"/api/sessions/{session_id}/sets",
            json={
                "idempotency_key": f"arranged-{session_id}-{number}",
                "exercise_id": step["exercise_id"],
                "set_number": step["set_number"],
                "side": step["side"],
                "reps_done": max(1, step["reps"]),
                "seconds_held": 600,
                "pain_during": 1,
            },
        )
        logged.raise_for_status()
    finished = app.api.post(f"/api/sessions/{session_id}/finish", json={"pain_after": pain_after})
    finished.raise_for_status()
    return session_id



def rate_each_exercise_until(
    page: Any, done: Callable[[], bool], pain: str = "1", timeout_s: float = 120.0
) -> list[str]:
    """Answer the player's "how much did it hurt?" after each exercise (one tap on `pain`) until `done()`;
    the questions it answered, in order."""
    asked: list[str] = []
    deadline = time.monotonic() + timeout_s
    while not done():
        assert time.monotonic() < deadline, f"still waiting after {timeout_s} s; pain asked: {asked}"
        if page.locator("#rate").is_visible():
            asked.append(page.locator("#rate-title").inner_text())
            page.locator("#pain_rating-scale").get_by_role("button", name=pain, exact=True).click()
        page.wait_for_timeout(50)
    return asked


def rate_each_exercise_until_the_end(page: Any, pain: str = "1", timeout_s: float = 120.0) -> list[str]:
    """`rate_each_exercise_until` the session's closing questions show."""
    return rate_each_exercise_until(page, lambda: bool(page.locator("#after").is_visible()), pain, timeout_s)
