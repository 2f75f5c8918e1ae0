"""Browser fixtures: the web app served by uvicorn on a free port with a fresh database, and Debian's
Chromium driven by Playwright. The tests FAIL (never skip) when Chromium or axe-core is missing."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from rehabit.web import WebSettings, create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HERE = Path(__file__).parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
ROOT = HERE.parents[1]
SCREENSHOTS = ROOT / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@dataclass
class LiveApp:
    """A running app: its base URL and an HTTP client for arranging and checking state through the API."""

    url: str
    api: httpx.Client

    def get(self, path: str) -> Any:
        response = self.api.get(path)
        response.raise_for_status()
        return response.json()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def live_app(tmp_path: Path) -> Iterator[LiveApp]:
    """The web app on 127.0.0.1 with its own SQLite database, served from a background thread."""
    port = _free_port()
    app = create_app(WebSettings(database_url=f"sqlite:///{tmp_path / 'rehabit.sqlite3'}"))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web app did not start")
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=url, timeout=30) as api:
        yield LiveApp(url=url, api=api)
    server.should_exit = True
    thread.join(timeout=10)


# Module scope: Playwright's sync driver keeps an event loop for as long as it runs, so it must stop at
# the end of each module, before any other test (or another module's driver) wants a loop of its own.
@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (.ci/run does)")
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh phone-sized browser profile (its own storage, service workers allowed)."""
    browser_context = browser.new_context(viewport=PHONE, bypass_csp=True, locale="en-GB")
    yield browser_context
    browser_context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    new_page = context.new_page()
    new_page.set_default_timeout(20_000)
    return new_page


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is now."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci --prefix tests/browser` (.ci/run does)")
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


SCREENSHOT_TIMEOUT_MS = 30_000


def _capture(page: Page, path: Path) -> None:
    """One full-page screenshot. On a loaded 2-core machine Chromium can take longer than the page's own
    timeout to hand over a frame after a resize (a CI run once stopped there, with the page already
    checked): wait for the next painted frame, allow 30 s, and try once more before failing."""
    for attempt in (1, 2):
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        try:
            page.screenshot(path=str(path), full_page=True, animations="disabled", timeout=SCREENSHOT_TIMEOUT_MS)
            return
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise


def screenshot(page: Page, name: str) -> None:
    """Save the page at phone width and at desktop width under screenshots/."""
    SCREENSHOTS.mkdir(exist_ok=True)
    size = page.viewport_size or PHONE
    page.set_viewport_size(PHONE)
    _capture(page, SCREENSHOTS / f"{name}-phone.png")
    page.set_viewport_size(DESKTOP)
    _capture(page, SCREENSHOTS / f"{name}-desktop.png")
    page.set_viewport_size(size)


NO_SIGNS: dict[str, bool] = {}


def set_up_person(app: LiveApp, **changes: Any) -> dict[str, Any]:
    """Set a person up through the API (screen clear, Mon/Wed/Fri, no equipment) and return the result."""
    from rehabit.domain.safety import WARNING_SIGNS

    body = {
        "warning_signs": {sign.name: False for sign in WARNING_SIGNS},
        "equipment": [],
        "preferred_days": [0, 2, 4],
        "starting_pain": 4,
        "name": "Alex",
        **changes,
    }
    response = app.api.post("/api/setup", json=body)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result
