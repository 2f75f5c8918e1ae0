"""The import review: every field editable, delete / merge / split, defaults marked, and saving as a new
program that the person then chooses to follow (a confirmation that says what changes)."""

from __future__ import annotations

import json
import re
from html import unescape
from typing import Any

from fastapi.testclient import TestClient
from tests.web.conftest import app_store
from tests.web.test_import import setup_person

from rehabit.store import people, programs

ARTICLE = """# Three exercises for a stiff back
Do these 3 times a week.
## Glute bridge
Lie on your back with knees bent. Lift your hips, hold for 2 seconds, then lower. Do 10-15 reps, 2 sets.
## Bird dog
On hands and knees, reach one arm and the opposite leg out. Hold 5 seconds. Repeat 8 times on each side.
## Clamshell
Lie on your side with your knees bent. Open the top knee like a shell. Close it slowly. Do 12 reps.
"""


def review(client: TestClient, text: str = ARTICLE) -> tuple[str, dict[str, Any]]:
    page = client.post("/import", data={"text": text})
    assert page.status_code == 200
    match = re.search(r'name="program" value="([^"]*)"', page.text)
    assert match is not None
    return page.text, json.loads(unescape(match.group(1)))


def form_of(program: dict[str, Any], **changes: str) -> dict[str, str]:
    form = {"program": json.dumps(program)}
    for index, exercise in enumerate(program["exercises"]):
        form[f"name-{index}"] = exercise["name"]
        form[f"steps-{index}"] = "\n".join(exercise["steps"])
    form.update(changes)
    return form


def test_each_exercise_is_a_card_with_every_field_and_the_defaults_marked(client: TestClient) -> None:
    html, program = review(client)
    assert html.count('class="card import-card"') == 3
    for field in ("name", "group", "reps", "hold_s", "sets", "equipment", "optional_equipment", "steps"):
        assert f'name="{field}-0"' in html
    assert 'name="delete-1"' in html and 'name="merge-1"' in html and 'name="merge-0"' not in html
    # the clamshell gives no sets: its sets field says it holds a default; the bridge's does not
    clamshell = html[html.index('id="exercise-2"') :]
    bridge = html[html.index('id="exercise-0"') : html.index('id="exercise-1"')]
    assert "default</span>" in clamshell[: clamshell.index("</fieldset>")]
    assert "Not in source: sets" in " ".join(program["exercises"][2]["cautions"])
    assert "is-assumed" not in bridge.split('for="sets-0"')[0][-200:]


def test_edits_deletes_merges_and_splits_are_saved(client: TestClient) -> None:
    setup_person(client)
    _html, program = review(client)
    bridge_steps = program["exercises"][0]["steps"]
    assert len(bridge_steps) >= 2
    form = form_of(
        program,
        **{
            "name-0": "Bridge",
            "steps-0": "Lie on your back.\nLift your hips.\nLower slowly.",
            "split-0": "2",
            "equipment-0": "mat",
            "optional_equipment-0": "band",
            "sets-2": "3",
            "merge-1": "on",
            "delete-2": "",
        },
    )
    del form["delete-2"]
    saved = client.post("/import/save", data=form, follow_redirects=False)
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/programs/{program['id']}/follow?imported=1"
    stored = client.get(f"/api/programs/{program['id']}").json()["program"]
    names = [e["name"] for e in stored["exercises"]]
    assert names == ["Bridge", "Bridge (2)", "Clamshell"]
    first, second, clamshell = stored["exercises"]
    assert first["steps"] == ["Lie on your back.", "Lift your hips."]
    # the bird dog was merged into the part above it: its steps follow there, its name is an alias
    assert second["steps"][0] == "Lower slowly." and len(second["steps"]) > 1
    assert "Bird dog" in second["aliases"]
    assert first["equipment"] == ["mat"] and first["optional_equipment"] == ["band"]
    assert clamshell["dose"]["sets"] == {"min": 3, "max": 3}
    # the default the person changed loses its note; the others keep theirs
    assert not any(c.startswith("Not in source: sets") for c in clamshell["cautions"])


def test_deleting_every_exercise_is_refused(client: TestClient) -> None:
    _html, program = review(client)
    form = form_of(program, **{"delete-0": "on", "delete-1": "on", "delete-2": "on"})
    response = client.post("/import/save", data=form)
    assert response.status_code == 400
    assert "keep at least one exercise" in response.text


def test_saving_an_import_asks_before_following_and_following_keeps_the_history(client: TestClient) -> None:
    setup_person(client)
    store = app_store(client)
    person = people.default_person(store)
    assert person is not None
    _html, program = review(client)
    client.post("/import/save", data=form_of(program), follow_redirects=False)
    assert programs.person_program(store, person.id).slug == "lower-back-glutes"  # nothing changed yet

    confirm = client.get(f"/programs/{program['id']}/follow?imported=1")
    assert confirm.status_code == 200
    text = unescape(confirm.text)
    assert "is saved as a program of its own" in text
    assert "You stop following “Lower back and glute exercises”" in text or "You stop following “" in text
    assert "Your coming sessions are planned again from today with this program." in text
    preview = client.get(f"/api/programs/{program['id']}/follow").json()
    assert preview["current_program_id"] == "lower-back-glutes"
    assert preview["already_following"] is False
    assert preview["exercises"] == 3

    followed = client.post(f"/programs/{program['id']}/follow", data={}, follow_redirects=False)
    assert followed.status_code == 303
    assert programs.person_program(store, person.id).slug == program["id"]
    assert client.get(f"/api/programs/{program['id']}/follow").json()["already_following"] is True
    listed = client.get("/programs").text
    assert listed.count("You follow this program") == 1
    assert 'href="/programs/lower-back-glutes/follow"' in listed  # the way back


def test_a_twice_daily_program_says_so(client: TestClient) -> None:
    text = ARTICLE.replace("Do these 3 times a week.", "Do these exercises twice daily.")
    _html, program = review(client, text)
    assert program["frequency_per_week"] == {"min": 14, "max": 14}
    client.post("/import/save", data=form_of(program), follow_redirects=False)
    page = unescape(client.get(f"/programs/{program['id']}").text)
    assert "Twice a day, every day (14 sessions a week)." in page
    assert "with a rest day between sessions" not in page
    builtin = unescape(client.get("/programs/lower-back-glutes").text)
    assert "2–3 sessions a week, with a rest day between sessions." in builtin
