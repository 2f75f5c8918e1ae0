"""A refusal on a page says what to do in the page's words: no terminal command (the CLI adds its own)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from tests.web.test_import import setup_person
from tests.web.test_progress_page import finished_session

from conftest import Invoke
from rehabit.domain.safety import WARNING_SIGNS


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
    assert "rehabit session" not in refused["error"] and "`" not in refused["error"]


def test_a_sign_to_check_first_names_no_terminal_command_on_the_page(client: TestClient, cli: Invoke) -> None:
    answers = {sign.name: sign.name == "fever" for sign in WARNING_SIGNS}
    body = {"warning_signs": answers, "equipment": [], "preferred_days": [0, 2, 4], "starting_pain": 3}
    result = client.post("/api/setup", json=body).json()
    message = result["message"]
    assert result["rule_id"] == "SCREEN-3" and "rehabit screen" not in message and "`" not in message
    said = cli("setup", "--warning-sign", "fever", "--equipment", "none", "--days", "mon", "--pain", "3")
    assert "Record it with `rehabit screen --cleared-by NAME --cleared-on DATE`." in said.output
