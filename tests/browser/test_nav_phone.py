"""On a phone the nav scrolls sideways; the current page's link is always in sight, not cut at the edge."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from tests.browser.conftest import LiveApp

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/programs", "/library", "/import"])
def test_the_current_page_is_in_sight_in_the_nav(page: Page, live_app: LiveApp, path: str) -> None:
    page.goto(live_app.url + path)
    page.wait_for_load_state("load")
    link = page.locator('.topbar nav [aria-current="page"]').bounding_box()
    assert link is not None
    assert link["x"] >= 0 and link["x"] + link["width"] <= 390
