"""Loading the exercise library from the web page: an upload, or a fetch from its public address; each
result shows rehabit's figure, and a note when the exercise has no steps."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.web.test_library_web import RECORDS

from rehabit.services import library

NO_STEPS = {**RECORDS[0], "id": "Wall_Sit", "name": "Wall Sit", "instructions": []}
DOCUMENT = json.dumps([*RECORDS, NO_STEPS, {"id": "broken"}]).encode()


def test_uploading_a_library_on_the_page_loads_it(client: TestClient) -> None:
    response = client.post("/library/import", files={"file": ("exercises.json", DOCUMENT, "application/json")})
    assert response.status_code == 200
    assert "Library loaded: 4 exercises added, 0 updated, 1 records skipped." in response.text
    found = client.get("/api/library", params={"q": "wall"}).json()
    assert found["library_size"] == 4
    [hit] = found["results"]
    assert hit["steps"] == 0
    page = client.get("/library", params={"q": "wall"}).text
    assert f'src="{hit["figure_url"]}"' in page
    assert "has no steps in the library" in page
    figure = client.get(hit["figure_url"])
    assert figure.status_code == 200 and figure.headers["content-type"] == "image/svg+xml"
    assert "<svg" in figure.text
    again = client.post("/api/library/import", files={"file": ("exercises.json", DOCUMENT, "application/json")})
    assert again.json() == {
        "library": again.json()["library"],
        "added": 0,
        "updated": 4,
        "skipped": 1,
        "problems": again.json()["problems"],
    }
    assert again.json()["problems"][0].startswith("record 5 (broken):")


def test_a_file_that_is_not_a_library_is_refused(client: TestClient) -> None:
    response = client.post("/library/import", files={"file": ("notes.json", b'{"a": 1}', "application/json")})
    assert response.status_code == 400
    assert "notes.json: a library must be a JSON list of exercises" in response.text
    broken = client.post("/api/library/import", files={"file": ("mine.json", b'[{"id": 1,', "application/json")})
    assert broken.status_code == 400
    # the error names the file as the person named it, never a temporary path on the server
    assert broken.json()["error"].startswith("mine.json:1: malformed JSON")
    assert "/tmp" not in broken.text
    assert client.post("/library/import").status_code == 400
    assert client.get("/api/library").json()["library_size"] == 0


class _Library(BaseHTTPRequestHandler):
    body = DOCUMENT
    status = 200

    def do_GET(self) -> None:  # noqa: N802 - the handler's name is http.server's
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def library_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Library)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setattr(library, "FREE_EXERCISE_DB_URL", f"http://127.0.0.1:{server.server_port}/exercises.json")
    yield server
    server.shutdown()
    server.server_close()


def test_fetching_the_library_from_its_address(client: TestClient, library_server: ThreadingHTTPServer) -> None:
    response = client.post("/api/library/fetch")
    assert response.status_code == 200, response.text
    assert response.json()["library"] == "free-exercise-db"
    assert response.json()["added"] == 4
    assert client.get("/api/library").json()["library_size"] == 4


def test_a_failed_fetch_says_so_in_one_line(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library, "FREE_EXERCISE_DB_URL", "http://127.0.0.1:9/exercises.json")  # nothing listens
    response = client.post("/library/fetch")
    assert response.status_code == 400
    assert "the library could not be fetched: check the connection, or upload the file" in response.text
    assert client.get("/api/library").json()["library_size"] == 0


def test_adding_an_exercise_that_is_not_there_names_no_terminal_command(client: TestClient) -> None:
    body = {"exercise_id": "Nothing_Here", "library": "tiny", "program_id": "lower-back-glutes", "reps": "10"}
    response = client.post("/api/library/add", json=body)
    assert response.status_code == 404
    assert response.json() == {"error": "That exercise is not in the library: search for it again."}
