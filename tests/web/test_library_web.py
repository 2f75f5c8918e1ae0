"""The web exercise library (search, add to a program) and the program handout PDF."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import Snapshot, app_store

from rehabit.model import IntRange
from rehabit.programs import get_program
from rehabit.programs.library import read_library
from rehabit.store import programs
from rehabit.store.library import import_library

# a small library in the free-exercise-db format, written for these tests
RECORDS: list[dict[str, Any]] = [
    {
        "id": "Band_Clamshell",
        "name": "Band Clamshell",
        "level": "beginner",
        "category": "strength",
        "equipment": "bands",
        "force": "pull",
        "mechanic": "isolation",
        "primaryMuscles": ["abductors"],
        "secondaryMuscles": ["glutes"],
        "instructions": ["Lie on one side with a band above the knees.", "Open the top knee, then close it."],
    },
    {
        "id": "Hip_Thrust",
        "name": "Hip Thrust",
        "level": "intermediate",
        "category": "strength",
        "equipment": "barbell",
        "force": "push",
        "mechanic": "compound",
        "primaryMuscles": ["glutes"],
        "secondaryMuscles": ["hamstrings"],
        "instructions": ["Shoulders on a bench, drive the hips up."],
    },
    {
        "id": "Kneeling_Hip_Flexor",
        "name": "Kneeling Hip Flexor",
        "level": "beginner",
        "category": "stretching",
        "equipment": "body only",
        "force": "static",
        "mechanic": None,
        "primaryMuscles": ["quadriceps"],
        "secondaryMuscles": [],
        "instructions": ["Kneel on one knee and shift the hips forward."],
    },
]


@pytest.fixture
def library(client: TestClient, tmp_path: Path) -> None:
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    import_library(app_store(client), "tiny", read_library(path).exercises)


@pytest.fixture
def own_program(client: TestClient) -> str:
    """An imported (stored, not built-in) program: the built-in one saved under another id."""
    program = get_program().model_copy(update={"id": "my-back", "title": "My back"})
    programs.save_program_version(app_store(client), program, "file")
    return "my-back"


@pytest.mark.parametrize("query", ["", "?paper=letter"])
def test_program_handout_is_a_pdf(client: TestClient, query: str) -> None:
    response = client.get(f"/programs/lower-back-glutes/handout.pdf{query}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("url", "status"), [("/programs/nope/handout.pdf", 404), ("/programs/lower-back-glutes/handout.pdf?paper=a5", 400)]
)
def test_program_handout_refusals(client: TestClient, url: str, status: int) -> None:
    assert client.get(url).status_code == status


def test_program_page_links_the_handout(client: TestClient) -> None:
    assert 'href="/programs/lower-back-glutes/handout.pdf"' in client.get("/programs/lower-back-glutes").text


def test_empty_library_offers_to_load_one_without_a_terminal(client: TestClient) -> None:
    html = client.get("/library").text
    assert "rehabit library" not in html
    assert 'action="/library/fetch"' in html and 'action="/library/import"' in html
    assert client.get("/api/library").json()["library_size"] == 0


@pytest.mark.parametrize(
    ("params", "ids"),
    [
        ({}, ["Band_Clamshell", "Hip_Thrust", "Kneeling_Hip_Flexor"]),
        ({"q": "hip"}, ["Hip_Thrust", "Kneeling_Hip_Flexor"]),
        ({"muscle": "glutes"}, ["Hip_Thrust"]),
        ({"equipment": "band"}, ["Band_Clamshell"]),
        ({"q": "hip", "equipment": "barbell"}, ["Hip_Thrust"]),
        ({"q": "deadlift"}, []),
    ],
)
def test_library_search(client: TestClient, library: None, params: dict[str, str], ids: list[str]) -> None:
    body = client.get("/api/library", params=params).json()
    assert [hit["id"] for hit in body["results"]] == ids
    assert body["library_size"] == 3
    page = client.get("/library", params=params).text
    assert all(record["name"] in page for record in RECORDS if record["id"] in ids)


def test_library_search_partial_for_htmx(client: TestClient, library: None) -> None:
    headers = {"HX-Request": "true", "HX-Target": "library-results"}
    text = client.get("/library", params={"q": "clam"}, headers=headers).text
    assert text.lstrip().startswith('<section id="library-results"')
    assert "Band Clamshell" in text and "Hip Thrust" not in text


def test_add_to_own_program_makes_a_new_version(client: TestClient, library: None, own_program: str) -> None:
    body = {"exercise_id": "Band_Clamshell", "program_id": own_program, "reps": "10-15", "sets": 2, "per_side": True}
    response = client.post("/api/library/add", json=body)
    assert response.status_code == 200
    assert response.json() == {
        "program_id": "my-back",
        "version": 2,
        "exercise_id": "band-clamshell",
        "exercise_name": "Band Clamshell",
        "dose": "10–15 reps each side · 2 sets",
        "copied_from": None,
    }
    stored = programs.latest_program_version(app_store(client), "my-back")
    assert stored is not None and stored.version == 2
    added = stored.program.exercise("band-clamshell")
    assert (added.dose.reps, added.dose.sets, added.dose.per_side) == (IntRange.of(10, 15), IntRange.of(2), True)
    assert added.sources == ["library-tiny"]
    assert client.get("/api/programs/my-back").json()["doses"]["band-clamshell"] == "10–15 reps each side · 2 sets"


def test_add_to_builtin_program_makes_a_copy(client: TestClient, library: None) -> None:
    form = {
        "exercise_id": "Kneeling_Hip_Flexor",
        "program_id": "lower-back-glutes",
        "hold_s": "30",
        "group": "stretching",
    }
    response = client.post("/library/add", data=form, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/programs/lower-back-glutes-own"
    copy = client.get("/api/programs/lower-back-glutes-own").json()
    assert copy["doses"]["kneeling-hip-flexor"] == "30 s"
    builtin = client.get("/api/programs/lower-back-glutes").json()
    assert "kneeling-hip-flexor" not in builtin["doses"]


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"reps": "-3"}, 400),
        ({"reps": "999999"}, 400),
        ({"reps": "15-10"}, 400),
        ({"sets": "0"}, 400),
        ({"reps": None}, 400),
        ({"reps": [10]}, 422),
        ({"per_side": "sometimes"}, 422),
        ({"exercise_id": "Nope"}, 404),
        ({"program_id": "nope"}, 404),
        ({"group": "cardio"}, 422),
        ({"exercise_id": None}, 422),
        ({"surprise": 1}, 422),
        ({"exercise_id": "Hip_Thrust", "program_id": "my-back", "reps": "8"}, None),
    ],
)
def test_bad_additions_change_nothing(
    client: TestClient, library: None, own_program: str, snapshot: Snapshot, change: dict[str, Any], status: int | None
) -> None:
    body = {"exercise_id": "Band_Clamshell", "program_id": own_program, "reps": "10"}
    body.update(change)
    body = {key: value for key, value in body.items() if value is not None}
    if status is None:  # the same exercise twice: the second is refused
        assert client.post("/api/library/add", json=body).status_code == 200
        status = 400
    before = snapshot()
    response = client.post("/api/library/add", json=body)
    assert response.status_code == status
    assert response.json()["error"]
    assert snapshot() == before
