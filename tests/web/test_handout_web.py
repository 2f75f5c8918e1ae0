"""The handout the web gives a person who follows the program: their stage and current doses."""

from __future__ import annotations

import io

from fastapi.testclient import TestClient
from pypdf import PdfReader
from tests.web.conftest import app_store
from tests.web.test_import import setup_person

from rehabit.model import Dose, IntRange
from rehabit.store import doses, people


def test_the_web_handout_uses_the_persons_dose(client: TestClient) -> None:
    setup_person(client)
    store = app_store(client)
    person = people.default_person(store)
    assert person is not None
    doses.set_current_dose(store, person.id, "glute-bridge", Dose(reps=IntRange.of(17), hold_s=IntRange.of(2)), 3)
    response = client.get("/programs/lower-back-glutes/handout.pdf")
    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "17 repetitions" in text
    assert "Romanian deadlift" not in text and "Single-leg" not in text  # the foundational stage only
