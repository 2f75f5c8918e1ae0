"""A refusal on a page says what to do in the page's words: no terminal command (the CLI adds its own)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from tests.web.test_import import setup_person
from tests.web.test_progress_page import finished_session


def test_the_rest_day_after_a_session_names_no_terminal_command(client: TestClient) -> None:
    setup_person(client)
    finished_session(client)
    page = client.get("/").text
    card = re.search(r'<div class="notice" id="rest-day">(.*?)</div>', page, re.S)
    assert card is not None and "Rest day" in card.group(1)
    assert "rehabit " not in card.group(1) and "`" not in card.group(1)
    assert 'id="extra-session"' in card.group(1)  # the page's own way to an extra session
    refused = client.post("/api/sessions", json={"pain_before": 2}).json()
    assert refused["refusal"]["command"] == "rehabit session --extra"
    assert "rehabit " not in refused["error"]
