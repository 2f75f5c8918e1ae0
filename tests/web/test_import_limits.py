"""An import bomb (a small PDF holding 66 M characters, a 2 MB Markdown file) is refused with 413/422 and a
message, and other requests are answered while it is read.

The app is served by uvicorn from a thread, as `rehabit serve` does. The reader is wrapped to say when it
starts, and to hand back its (real) result only once the other request has been answered, or after two
minutes: if anything held the event loop while an import is read, the other request could not be
answered first and the test fails.
"""

from __future__ import annotations

import socket
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from rehabit.domain.safety import answers_from_names
from rehabit.web import WebSettings, create_app
from rehabit.web.routes import importer

HOLD_AT_MOST = 120.0


def pdf_bomb(characters: int = 66_000_000) -> bytes:
    """A one-page PDF whose single content stream draws `characters` characters (it compresses to ~100 KB)."""
    text = b"BT /F1 12 Tf 72 720 Td (" + b"bridge. " * (characters // 8) + b") Tj ET"
    stream = zlib.compress(text, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    document = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(document))
        document += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(document)
    document += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    document += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    document += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return document


def markdown_bomb(size: int = 1_990_000) -> bytes:
    """An article of exercise sections just under the upload limit (2 MB)."""
    section = b"## Glute bridge\n\nLie on your back with knees bent. Lift your hips. Do 10 reps, 3 sets.\n\n"
    return (b"# Exercises for the lower back\n\n" + section * (size // len(section)))[:size]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(WebSettings(database_url=f"sqlite:///{tmp_path / 'rehabit.sqlite3'}"))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the app did not start"
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}"
    setup = {"warning_signs": answers_from_names([]), "equipment": [], "preferred_days": [0, 3], "starting_pain": 3}
    assert httpx.post(f"{url}/api/setup", json=setup, timeout=30).status_code == 200
    yield url
    server.should_exit = True
    thread.join(timeout=30)


@pytest.fixture
def reading(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """(the reader started, the other request was answered): the reader returns only after the second."""
    started, answered = threading.Event(), threading.Event()
    real = importer.read_bytes

    def read_bytes(data: bytes, fmt: str | None = None, name: str = "input") -> Any:
        started.set()
        try:
            return real(data, fmt, name)
        finally:
            answered.wait(HOLD_AT_MOST)

    monkeypatch.setattr(importer, "read_bytes", read_bytes)
    return started, answered


def _import_meanwhile(
    served: str, reading: tuple[threading.Event, threading.Event], name: str, upload: bytes, kind: str
) -> httpx.Response:
    """Post the upload; ask for Today while the reader runs. Returns the import's response once it is
    shown that Today was answered first."""
    started, answered = reading
    assert len(upload) < 2_000_000
    finished: dict[str, Any] = {}

    def import_it() -> None:
        response = httpx.post(f"{served}/api/import", files={"file": (name, upload, kind)}, timeout=600)
        finished["import"] = (time.monotonic(), response)

    importing = threading.Thread(target=import_it)
    importing.start()
    assert started.wait(60), "the import never reached the reader"
    today = httpx.get(f"{served}/api/today", timeout=600)
    finished["today"] = time.monotonic()
    answered.set()
    importing.join(600)
    done_at, response = finished["import"]
    assert today.status_code == 200
    assert finished["today"] < done_at  # answered while the import was still being read
    result: httpx.Response = response
    return result


def test_a_2_mb_markdown_file_is_read_within_limits_while_other_requests_are_answered(
    served: str, reading: tuple[threading.Event, threading.Event]
) -> None:
    response = _import_meanwhile(served, reading, "huge.md", markdown_bomb(), "text/markdown")
    if response.status_code == 200:  # read as far as the reader's limit on characters, and said so
        assert any("only its first 400,000 characters were read" in w for w in response.json()["warnings"])
    else:
        assert response.status_code in (413, 422) and response.json()["error"], response.text[:300]


def test_an_upload_over_the_limit_is_refused_before_it_is_read(served: str) -> None:
    response = httpx.post(
        f"{served}/api/import", files={"file": ("big.md", b"# Big\n\n" + b"x" * 2_100_000, "text/markdown")}
    )
    assert (response.status_code, response.json()) == (413, {"error": "The file is too large: the limit is 2 MB."})
    page = httpx.post(f"{served}/import", files={"file": ("big.md", b"x" * 2_100_000, "text/markdown")})
    assert page.status_code == 413 and "The file is too large: the limit is 2 MB." in page.text


def test_a_pdf_bomb_is_refused_while_other_requests_are_answered(
    served: str, reading: tuple[threading.Event, threading.Event]
) -> None:
    # needs the reader's limits during extraction (the ocr branch): before them it is read for ~35 s, 200
    response = _import_meanwhile(served, reading, "bomb.pdf", pdf_bomb(), "application/pdf")
    assert response.status_code in (413, 422), response.text[:300]
    assert response.json()["error"]
