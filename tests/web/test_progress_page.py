"""The progress page (server-drawn SVG charts with their numbers as tables) and the PSFS form."""

from __future__ import annotations

from datetime import date
from html import unescape
from xml.etree import ElementTree

from fastapi.testclient import TestClient
from tests.web.test_import import setup_person

SVG = "{http://www.w3.org/2000/svg}"


def finished_session(client: TestClient) -> int:
    started = client.post("/api/sessions", json={"pain_before": 5}).json()
    session_id: int = started["session"]["id"]
    for number, step in enumerate(s for s in started["steps"] if s["ends_unit"]):
        client.post(
            f"/api/sessions/{session_id}/sets",
            json={
                "idempotency_key": f"k{number}",
                "exercise_id": step["exercise_id"],
                "set_number": step["set_number"],
                "side": step["side"],
                "reps_done": max(1, step["reps"]),
                "seconds_held": 600,
                "pain_during": 2,
            },
        ).raise_for_status()
    client.post(f"/api/sessions/{session_id}/finish", json={"pain_after": 3}).raise_for_status()
    return session_id


def svgs(html: str) -> dict[str, ElementTree.Element]:
    found = {}
    for chunk in html.split("<svg ")[1:]:
        markup = "<svg " + chunk[: chunk.index("</svg>") + len("</svg>")]
        element = ElementTree.fromstring(markup.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
        found[element.attrib["id"]] = element
    return found


def test_progress_page_draws_pain_before_during_after_and_the_week_in_progress(client: TestClient) -> None:
    setup_person(client)
    finished_session(client)
    response = client.get("/progress")
    assert response.status_code == 200
    charts = svgs(response.text)
    assert set(charts) == {"pain-chart", "weeks-chart"}  # PSFS is drawn once rated
    pain = charts["pain-chart"]
    assert pain.attrib["role"] == "img" and pain.attrib["viewBox"] == "0 0 360 210"
    assert "style" not in response.text.split("<main")[1].split("</main>")[0].replace("stylesheet", "")
    kinds = [e.attrib["class"] for e in pain.iter() if "dot" in e.attrib.get("class", "")]
    assert kinds == ["dot before", "dot during", "dot after"]
    weeks = charts["weeks-chart"]
    bars = [e.attrib["class"] for e in weeks.iter(f"{SVG}rect") if "bar" in e.attrib["class"]]
    assert bars == ["bar in-progress"]
    text = unescape(response.text)
    assert "Before sessions: 3/10 at the start, 5/10 now." in text
    document = client.get("/api/progress").json()
    assert document["pain"]["sessions"][0]["during"] == 2
    assert document["sessions_per_week"]["weeks"][-1]["in_progress"] is True
    # the numbers are also a table
    assert "<td>2</td>" in response.text


def test_psfs_form_stores_ratings_and_the_page_marks_the_important_change(client: TestClient) -> None:
    setup_person(client)
    form_page = client.get("/psfs")
    assert form_page.status_code == 200
    assert form_page.text.count('type="radio" name="score-0"') == 11
    saved = client.post(
        "/psfs",
        data={"activity-0": "Putting on socks", "score-0": "3", "activity-1": "Sitting an hour", "score-1": "4"},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == "/progress#psfs"
    state = client.get("/api/psfs").json()
    assert state["activities"] == ["Putting on socks", "Sitting an hour"]
    assert state["due"] is False
    assert state["last_rated"] == date.today().isoformat()
    progress = client.get("/api/progress").json()["psfs"]
    assert progress["ratings"][0]["mean"] == 3.5
    assert progress["important_change_at"] == 5.5
    page = client.get("/progress").text
    assert "Rate again (next due" in page
    line = [e for e in svgs(page)["psfs-chart"].iter(f"{SVG}line") if e.attrib.get("class") == "reference"]
    assert len(line) == 1  # the clinically important change is marked


def test_a_psfs_form_with_a_score_but_no_activity_is_refused(client: TestClient) -> None:
    setup_person(client)
    response = client.post("/psfs", data={"activity-0": "", "score-0": "5", "activity-1": "Walking"})
    assert response.status_code == 400
    assert "Give each activity a name and a score" in response.text
    assert client.get("/api/progress").json()["psfs"]["ratings"] == []
    api = client.post("/api/psfs", json={"ratings": [{"activity": "Walking", "score": 11}]})
    assert api.status_code == 422
