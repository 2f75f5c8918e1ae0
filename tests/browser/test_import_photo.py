"""A photo of a paper handout through the web import on a phone: the camera input, the review with the
photo, the words behind a value outlined on it and shown in the strip at the foot; axe, light and dark."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from tests.browser.conftest import LiveApp, axe_violations, screenshot
from tests.reader.test_ocr import HANDOUT, _encoded, _page, _photo

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_photo_is_checked_against_the_photo(page: Page, live_app: LiveApp, tmp_path: Path, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    drawn, _lines = _page(HANDOUT)
    photo = tmp_path / "handout.jpg"
    photo.write_bytes(_encoded(_photo(drawn, 3.0, 0.8), quality=70))
    page.goto(live_app.url + "/import")
    page.get_by_label("Or take a photo of a paper handout").set_input_files(str(photo))
    page.get_by_role("button", name="Read it").click()
    expect(page.get_by_role("heading", name="Check what was read")).to_be_visible(timeout=90_000)
    expect(page.locator("svg.page-photo image")).to_have_count(1)
    assert page.locator("#reps-1").input_value() == "15"
    page.locator("#reps-1").focus()
    outlined = page.locator("svg.page-photo polygon.box.current")
    expect(outlined).to_have_count(1)
    peek = page.locator("#source-peek")
    expect(peek.locator("svg.peek-photo")).to_be_visible()
    expect(peek.locator("#source-peek-text mark")).to_have_text("15")
    box = peek.bounding_box()
    field = page.locator("#reps-1").bounding_box()
    assert box is not None and field is not None
    assert box["y"] + box["height"] <= 844 and 0 <= field["y"] < box["y"]  # the field stays in view above it
    screenshot(page, f"{scheme}-import-photo")
    assert axe_violations(page) == []
