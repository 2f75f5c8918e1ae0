"""A 100 MB request is refused with 413 before it is read whole: the served app's memory stays put, no 5xx.

The app runs as `rehabit serve` in a process of its own, so its resident memory can be read from /proc
before and after; the client sends the body in pieces and stops as soon as an answer comes.
"""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

MB = 1_000_000
BODY = 100 * MB
PIECE = b"x" * 65_536
BOUNDARY = "rehabit-test-boundary"


@dataclass(frozen=True)
class Served:
    port: int
    pid: int

    def rss(self) -> int:
        """The server's resident memory in bytes."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        raise AssertionError("no VmRSS")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _serve(tmp_path: Path, *options: str) -> Iterator[Served]:
    port = _free_port()
    environment = {**os.environ, "REHABIT_DATA_DIR": str(tmp_path)}
    environment.pop("REHABIT_DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "rehabit", "serve", "--port", str(port), *options],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"rehabit serve did not start: {process.stderr.read() if process.stderr else ''!r}")
                time.sleep(0.1)
        yield Served(port, process.pid)
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=30)
        # an error inside the app would be logged here (uvicorn logs at warning level and above)
        assert b"Traceback" not in errors, errors.decode(errors="replace")[-2000:]


@pytest.fixture
def single_user(tmp_path: Path) -> Iterator[Served]:
    yield from _serve(tmp_path)


@pytest.fixture
def clinic(tmp_path: Path) -> Iterator[Served]:
    yield from _serve(tmp_path, "--accounts")


def _post(served: Served, path: str, chunked: bool = False) -> tuple[int, bytes, int]:
    """POST a 100 MB multipart body to `path`; returns the status, the answer's body and the bytes sent
    before the answer came (the client stops sending as soon as it can read one)."""
    opening = f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n\r\n".encode()
    length = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {BODY}"
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n{length}\r\n\r\n"
    ).encode()
    sent = 0
    with socket.create_connection(("127.0.0.1", served.port), timeout=30) as connection:
        connection.sendall(head)
        connection.setblocking(False)
        pending = opening
        while sent < BODY:
            readable, writable, _ = select.select([connection], [connection], [], 30)
            if readable:
                break
            if not writable:
                pytest.fail(f"the server neither read nor answered after {sent:,} bytes")
            piece = pending or PIECE
            pending = b""
            data = f"{len(piece):x}\r\n".encode() + piece + b"\r\n" if chunked else piece
            try:
                connection.send(data)  # a piece may go in part; the count only needs to be close
            except BlockingIOError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                break  # the server answered and closed: read what it said
            sent += len(piece)
        connection.setblocking(True)
        answer = b""
        while b"\r\n\r\n" not in answer:
            received = connection.recv(65_536)
            if not received:
                break
            answer += received
        status = int(answer.split(b" ", 2)[1])
        head_part, _, body = answer.partition(b"\r\n\r\n")
        return status, body, sent


@pytest.mark.parametrize("path", ["/no/such/page", "/setup", "/api/import", "/import"])
def test_a_declared_100_mb_body_is_refused_before_it_is_read(single_user: Served, path: str) -> None:
    before = single_user.rss()
    status, body, sent = _post(single_user, path)
    grown = single_user.rss() - before
    assert status == 413, body[:300]
    assert sent < 30 * MB  # what the socket buffers hold; the server read none of it into the app
    assert grown < 30 * MB, f"the server grew by {grown:,} bytes"


@pytest.mark.parametrize(("path", "status"), [("/api/import", 413), ("/setup", 413), ("/no/such/page", 404)])
def test_a_streamed_100_mb_body_is_cut_off_at_the_limit(single_user: Served, path: str, status: int) -> None:
    before = single_user.rss()
    results = [_post(single_user, path, chunked=True) for _ in range(4)]
    grown = single_user.rss() - before
    assert [answer for answer, _, _ in results] == [status] * 4  # a page that is not there reads no body
    assert all(sent < 40 * MB for _, _, sent in results), [sent for _, _, sent in results]
    assert grown < 60 * MB, f"the server grew by {grown:,} bytes"


@pytest.mark.parametrize("path", ["/login", "/no/such/page", "/api/import"])
def test_clinic_mode_refuses_it_before_the_form_token_is_looked_for(clinic: Served, path: str) -> None:
    before = clinic.rss()
    status, body, sent = _post(clinic, path)
    grown = clinic.rss() - before
    assert status == 413, body[:300]
    assert (sent < 30 * MB, grown < 30 * MB) == (True, True), (sent, grown)
    chunked_status, _, chunked_sent = _post(clinic, path, chunked=True)
    # the import asks who is signed in first (401), which needs no body; the others read up to the limit
    assert (chunked_status, chunked_sent < 40 * MB) == (401 if path == "/api/import" else 413, True)
