"""The figure's starting position in words: on the exercise page (with what decided it) and in the import
review, where a person corrects it and the saved program draws the figure from the correction."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

CLAMSHELL = (
    "Home exercises\n\nClamshell\n\nLie on your side with your hips and knees bent. Keep your feet together and "
    "lift your top knee, then lower it. Do 2 sets of 12.\n\nCalf raise\n\nRise up onto your toes, then lower. "
    "Do 15 reps.\n"
)


def test_the_exercise_page_says_how_the_figure_starts_and_why(client: TestClient) -> None:
    html = client.get("/programs/lower-back-glutes/exercises/glute-bridge").text
    words = re.search(r'<figcaption class="figure-words" id="figure-words">(.*?)</figcaption>', html, re.S)
    assert words is not None
    text = " ".join(re.sub(r"<[^>]+>", " ", words.group(1)).split())
    assert text.startswith("The figure starts lying on your back, then shows: hip extension")
    assert "Poses set by hand for this exercise." in text
    api = client.get("/api/programs/lower-back-glutes/exercises/glute-bridge").json()
    assert (api["figure"]["posture"], api["figure"]["drawn_from"]) == ("supine", "key poses")


def test_the_import_review_offers_the_posture_and_a_correction_is_drawn(client: TestClient) -> None:
    html = client.post("/import", data={"text": CLAMSHELL}).text
    select = r'<select id="posture-(\d+)" name="posture-\d+"[^>]*>.*?<option value="([^"]+)" selected>'
    chosen = re.findall(select, html)
    assert chosen == [("0", "side-lying"), ("1", "standing")]
    assert "Read from: “Lie on your side with your hips and knees bent.”" in html
    program = re.search(r'name="program" value="([^"]+)"', html)
    assert program is not None
    document = program.group(1).replace("&#34;", '"').replace("&quot;", '"').replace("&amp;", "&")
    form = {"program": document, "posture-0": "side-lying", "posture-1": "seated-chair"}  # the calf raise, seated
    saved = client.post("/import/save", data=form, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    program_id = saved.headers["location"].split("/")[2]
    exercises = client.get(f"/api/programs/{program_id}").json()
    ids = [e["id"] for group in exercises["groups"] for e in group["exercises"]]
    figures = {i: client.get(f"/api/programs/{program_id}/exercises/{i}").json()["figure"] for i in ids}
    assert sorted((f["posture"], f["posture_from"]) for f in figures.values()) == [
        ("seated-chair", "correction"),
        ("side-lying", "steps"),
    ]


def test_a_figure_corrected_on_the_exercise_page_is_saved_and_drawn(client: TestClient) -> None:
    html = client.post("/import", data={"text": CLAMSHELL}).text
    program = re.search(r'name="program" value="([^"]+)"', html)
    assert program is not None
    document = program.group(1).replace("&#34;", '"').replace("&quot;", '"').replace("&amp;", "&")
    saved = client.post("/import/save", data={"program": document}, follow_redirects=False)
    program_id = saved.headers["location"].split("/")[2]
    api = client.get(f"/api/programs/{program_id}").json()
    calf = next(e["id"] for group in api["groups"] for e in group["exercises"] if e["name"].lower() == "calf raise")
    page = client.get(f"/programs/{program_id}/exercises/{calf}").text
    assert f'action="/programs/{program_id}/exercises/{calf}/figure"' in page
    corrected = client.post(f"/programs/{program_id}/exercises/{calf}/figure", data={"posture": "seated-chair"},
                            follow_redirects=False)  # fmt: skip
    assert corrected.status_code == 303
    assert corrected.headers["location"] == f"/programs/{program_id}/exercises/{calf}?corrected=1"
    figure = client.get(f"/api/programs/{program_id}/exercises/{calf}").json()["figure"]
    assert (figure["posture"], figure["posture_from"]) == ("seated-chair", "correction")
    bad = client.post(f"/programs/{program_id}/exercises/{calf}/figure", data={"posture": "upside-down"})
    assert bad.status_code == 400 and "upside-down" in bad.text
    # a built-in exercise's poses were set by hand: no correction offered
    assert "/figure\"" not in client.get("/programs/lower-back-glutes/exercises/glute-bridge").text
