"""Program pages and their JSON faces."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from rehabit.programs import get_program

PROGRAM = get_program()


def test_programs_list_json(client: TestClient) -> None:
    response = client.get("/api/programs")
    assert response.status_code == 200
    programs = response.json()["programs"]
    assert [p["id"] for p in programs] == ["lower-back-glutes"]
    assert programs[0]["exercises"] == 10
    assert programs[0]["frequency_per_week"] == "2–3"
    assert programs[0]["builtin"] is True


def test_program_json_groups_the_exercises(client: TestClient) -> None:
    body = client.get("/api/programs/lower-back-glutes").json()
    assert [g["group"] for g in body["groups"]] == [
        "foundational",
        "progression",
        "compound",
        "stabilization",
        "stretching",
    ]
    assert sum(len(g["exercises"]) for g in body["groups"]) == 10
    assert body["doses"] == {e.id: e.dose.describe() for e in PROGRAM.exercises}


@pytest.mark.parametrize("exercise", PROGRAM.exercises, ids=[e.id for e in PROGRAM.exercises])
def test_exercise_page_shows_steps_dose_and_cautions(client: TestClient, exercise: object) -> None:
    from rehabit.model import Exercise

    assert isinstance(exercise, Exercise)
    response = client.get(f"/programs/lower-back-glutes/exercises/{exercise.id}")
    assert response.status_code == 200
    html = response.text
    assert f"<h1>{exercise.name}</h1>" in html.replace("&#39;", "'")
    assert exercise.dose.describe() in html
    assert f'src="/illustrations/lower-back-glutes/{exercise.id}.svg"' in html
    still = f"/illustrations/lower-back-glutes/{exercise.id}.still.svg"
    assert f'<source media="(prefers-reduced-motion: reduce)" srcset="{still}">' in html
    for caution in exercise.cautions:
        assert caution.replace("'", "&#39;").replace('"', "&#34;") in html


def test_exercise_json_resolves_sources_and_variations(client: TestClient) -> None:
    exercise = next(e for e in PROGRAM.exercises if e.progresses_to)
    body = client.get(f"/api/programs/lower-back-glutes/exercises/{exercise.id}").json()
    assert body["progresses_to"]["id"] == exercise.progresses_to
    assert body["dose"] == exercise.dose.describe()
    assert [s["id"] for s in body["sources"]] == exercise.sources
    assert body["illustration_url"] == f"/illustrations/lower-back-glutes/{exercise.id}.svg"


def test_program_page_links_every_exercise(client: TestClient) -> None:
    html = client.get("/programs/lower-back-glutes").text
    for exercise in PROGRAM.exercises:
        assert f'href="/programs/lower-back-glutes/exercises/{exercise.id}"' in html


@pytest.mark.parametrize("suffix", [".svg", ".still.svg"])
def test_illustrations_are_svg(client: TestClient, suffix: str) -> None:
    response = client.get(f"/illustrations/lower-back-glutes/glute-bridge{suffix}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    assert response.text.lstrip().startswith("<svg") or response.text.lstrip().startswith("<?xml")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/programs/nope", "no program called 'nope'"),
        ("/api/programs/lower-back-glutes/exercises/nope", "no exercise 'nope' in the program 'lower-back-glutes'"),
        ("/illustrations/lower-back-glutes/nope.svg", "no exercise 'nope' in the program 'lower-back-glutes'"),
    ],
)
def test_unknown_program_or_exercise_is_404_with_a_reason(client: TestClient, url: str, message: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    if url.startswith("/api/"):
        assert response.json() == {"error": message}


def test_unknown_exercise_page_is_a_404_page(client: TestClient) -> None:
    response = client.get("/programs/lower-back-glutes/exercises/nope")
    assert response.status_code == 404
    assert "no exercise &#39;nope&#39; in the program &#39;lower-back-glutes&#39;" in response.text
