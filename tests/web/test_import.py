"""Import: the reader's result beside its source text, edits, saving as the person's program; bad uploads."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import Snapshot, app_store

from rehabit.domain.safety import WARNING_SIGNS
from rehabit.store import people, programs

SEED = Path(__file__).parents[2].parent / "shared" / "seed" / "practice-reader-lower-back-glutes.txt"
ARTICLE = """# Two exercises for a stiff back

Do these 3 times a week.

## Glute bridge

Lie on your back with knees bent. Lift your hips, hold for 2 seconds, then lower. Do 10-15 reps.

## Bird dog

On hands and knees, reach one arm and the opposite leg out. Hold 5 seconds. Repeat 8 times on each side.
"""


def setup_person(client: TestClient) -> None:
    body = {
        "warning_signs": {sign.name: False for sign in WARNING_SIGNS},
        "equipment": [],
        "preferred_days": [0, 2, 4],
        "starting_pain": 3,
    }
    assert client.post("/api/setup", json=body).status_code == 200


def test_pasted_text_is_read_with_provenance(client: TestClient) -> None:
    response = client.post("/api/import", data={"text": ARTICLE})
    assert response.status_code == 200, response.text
    body = response.json()
    assert [e["name"] for e in body["exercises"]] == ["Glute bridge", "Bird dog"]
    bridge = body["exercises"][0]
    assert (bridge["reps"], bridge["hold_s"]) == ("10–15", "2")
    source = "".join(segment["text"] for segment in body["segments"])
    marked = {s["mark"]: s["text"] for s in body["segments"] if s["mark"]}
    assert marked[bridge["evidence"]["reps"][0]] == "10-15"
    assert marked[bridge["evidence"]["hold_s"][0]] == "2"
    assert "Lift your hips" in source
    assert body["program"]["exercises"][0]["id"] == "glute-bridge"


def test_the_seed_article_gives_ten_exercises_and_saves_as_the_persons_program(client: TestClient) -> None:
    setup_person(client)
    with SEED.open("rb") as handle:
        read = client.post("/api/import", files={"file": ("seed.txt", handle, "text/plain")})
    assert read.status_code == 200
    body = read.json()
    assert len(body["exercises"]) == 10
    store = app_store(client)
    person = people.default_person(store)
    assert person is not None
    # saved as a program of its own: the person still follows the built-in one
    kept = client.post("/api/import/save", json={"program": body["program"]})
    assert kept.json() == {
        "program_id": body["program"]["id"],
        "version": 1,
        "exercises": 10,
        "followed": False,
        "planned": False,
        "requested": False,
    }
    assert programs.person_program(store, person.id).slug == "lower-back-glutes"
    saved = client.post("/api/import/save", json={"program": body["program"], "follow": True})
    assert saved.status_code == 200
    result = saved.json()
    assert result == {
        "program_id": body["program"]["id"],
        "version": 1,
        "exercises": 10,
        "followed": True,
        "planned": True,
        "requested": False,
    }
    assert programs.person_program(store, person.id).slug == body["program"]["id"]
    listed = [p["id"] for p in client.get("/api/programs").json()["programs"]]
    assert listed == ["lower-back-glutes", body["program"]["id"]]
    assert client.get(f"/programs/{body['program']['id']}").status_code == 200
    started = client.post("/api/sessions", json={"pain_before": 2})
    assert started.status_code == 201
    assert started.json()["session"]["program_id"] == body["program"]["id"]


def test_review_page_marks_the_source_and_saves_edits(client: TestClient) -> None:
    setup_person(client)
    page = client.post("/import", data={"text": ARTICLE})
    assert page.status_code == 200
    html = page.text
    assert html.count("<mark id=") >= 4
    match = re.search(r'name="program" value="([^"]*)"', html)
    assert match is not None
    document = match.group(1).replace("&#34;", '"').replace("&quot;", '"').replace("&amp;", "&").replace("&#39;", "'")
    program = json.loads(document)
    form = {
        "program": json.dumps(program),
        "name-0": "Bridge",
        "group-0": "foundational",
        "reps-0": "12-16",
        "hold_s-0": "3",
        "sets-0": "2",
        "equipment-0": "",
        "name-1": "Bird dog",
        "group-1": "stabilization",
        "reps-1": "8",
        "hold_s-1": "5",
        "sets-1": "1",
        "per_side-1": "on",
        "equipment-1": "",
    }
    saved = client.post("/import/save", data=form, follow_redirects=False)
    assert saved.status_code == 303
    stored = client.get(f"/api/programs/{program['id']}").json()["program"]
    bridge = stored["exercises"][0]
    assert bridge["name"] == "Bridge"
    assert bridge["dose"]["reps"] == {"min": 12, "max": 16}
    assert bridge["dose"]["hold_s"] == {"min": 3, "max": 3}
    assert bridge["dose"]["sets"] == {"min": 2, "max": 2}
    assert stored["exercises"][1]["dose"]["per_side"] is True


def test_a_bad_edit_is_refused_with_the_cell_named(client: TestClient, snapshot: Snapshot) -> None:
    body = client.post("/api/import", data={"text": ARTICLE}).json()
    before = snapshot()
    form = {"program": json.dumps(body["program"]), "name-0": "Glute bridge", "reps-0": "ten"}
    response = client.post("/import/save", data=form)
    assert response.status_code == 400
    assert "exercise 1 (Glute bridge): reps must be a number or a range such as 10-15, not &#39;ten&#39;" in (
        response.text
    )
    assert snapshot() == before


@pytest.mark.parametrize(
    ("files", "data", "status", "error"),
    [
        ({"file": ("big.txt", b"a" * 2_000_001, "text/plain")}, None, 413, "The file is too large: the limit is 2 MB."),
        (
            {"file": ("x.bin", bytes(range(256)) * 8, "application/octet-stream")},
            None,
            400,
            "x.bin: looks like a binary file, not an article (HTML, Markdown, text or PDF)",
        ),
        (None, {"text": "   "}, 400, "Paste an article's text or choose a file to read."),
        (None, {"text": "x" * 500_001}, 413, "The text is too long: paste at most 500000 characters."),
    ],
)
def test_bad_imports_are_refused_and_change_nothing(
    client: TestClient,
    snapshot: Snapshot,
    files: dict[str, Any] | None,
    data: dict[str, str] | None,
    status: int,
    error: str,
) -> None:
    before = snapshot()
    response = client.post("/api/import", files=files, data=data)
    assert response.status_code == status
    assert response.json() == {"error": error}
    assert snapshot() == before


def test_an_imported_program_cannot_take_a_built_in_id(client: TestClient, snapshot: Snapshot) -> None:
    program = client.post("/api/import", data={"text": ARTICLE}).json()["program"]
    before = snapshot()
    response = client.post("/api/import/save", json={"program": {**program, "id": "lower-back-glutes"}})
    assert response.status_code == 400
    assert response.json() == {
        "error": "the id 'lower-back-glutes' belongs to a built-in program; give the program its own id"
    }
    assert snapshot() == before


def test_saving_the_same_program_twice_keeps_one_version(client: TestClient) -> None:
    program = client.post("/api/import", data={"text": ARTICLE}).json()["program"]
    first = client.post("/api/import/save", json={"program": program}).json()
    again = client.post("/api/import/save", json={"program": program}).json()
    assert (first["version"], again["version"]) == (1, 1)
    edited = client.post("/api/import/save", json={"program": {**program, "title": "Two back exercises"}}).json()
    assert edited["version"] == 2
    assert client.get(f"/api/programs/{program['id']}").json()["program"]["title"] == "Two back exercises"


@pytest.mark.parametrize(
    ("payload", "status", "error"),
    [
        ({}, 422, "program: Field required"),
        ({"program": "nope"}, 422, "program: Input should be a valid dictionary"),
        ({"program": {"id": "x"}}, 400, "program.title: Field required"),
        (
            {"program": {"id": "x", "title": "X", "exercises": [{"id": "a", "name": "A", "group": "foundational"}]}},
            400,
            "program.exercises.0.dose: Field required",
        ),
    ],
)
def test_saving_a_bad_program_is_refused(
    client: TestClient, snapshot: Snapshot, payload: dict[str, Any], status: int, error: str
) -> None:
    before = snapshot()
    response = client.post("/api/import/save", json=payload)
    assert response.status_code == status
    assert response.json()["error"] == error
    assert snapshot() == before


def test_import_page_shows_the_error_beside_the_form(client: TestClient) -> None:
    response = client.post("/import", data={"text": ""})
    assert response.status_code == 400
    assert 'id="import-error"' in response.text
    assert client.get("/import").status_code == 200
