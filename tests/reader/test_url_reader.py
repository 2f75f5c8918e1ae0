"""`rehabit read URL`: only public hosts unless --allow-local, redirects checked, one total deadline.

Every server here listens on this machine's loopback range (127.0.0.1 and 127.0.0.2).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from rehabit.reader import UnreadableInput, read_article, source

ARTICLE = b"""Bridge basics

Glute bridge
- Lie on your back with your knees bent.
- Lift your hips and hold for 2 seconds.
- Do 10-15 repetitions.
"""


class _Handler(BaseHTTPRequestHandler):
    hits: list[str]
    redirect_to: str = ""
    trickle: bool = False

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.hits.append(self.path)
        if self.redirect_to:
            self.send_response(302)
            self.send_header("Location", self.redirect_to)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        if self.trickle:
            self.send_header("Content-Length", "100000")
            self.end_headers()
            for _ in range(300):  # one byte every 0.1 s: 30 s unless the reader gives up
                try:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.1)
            return
        self.send_header("Content-Length", str(len(ARTICLE)))
        self.end_headers()
        self.wfile.write(ARTICLE)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server:
    def __init__(self, host: str, **behaviour: object) -> None:
        handler = type("Handler", (_Handler,), {"hits": [], **behaviour})
        self.hits: list[str] = handler.hits  # type: ignore[attr-defined]
        self.httpd = ThreadingHTTPServer((host, 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://{host}:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def servers() -> Iterator[list[_Server]]:
    started: list[_Server] = []
    yield started
    for server in started:
        server.close()


def test_a_url_on_this_machine_is_refused_without_allow_local(servers: list[_Server], cli) -> None:  # type: ignore[no-untyped-def]
    server = _Server("127.0.0.1")
    servers.append(server)
    result = cli("read", f"{server.url}/handout.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "local or private address (127.0.0.1)" in result.stderr and "--allow-local" in result.stderr
    assert server.hits == []  # refused before connecting


def test_allow_local_reads_a_url_on_this_machine(servers: list[_Server], cli) -> None:  # type: ignore[no-untyped-def]
    server = _Server("127.0.0.1")
    servers.append(server)
    result = cli("read", "--format", "json", "--allow-local", f"{server.url}/handout.txt")
    assert result.exit_code == 0, result.output
    assert '"name": "glute bridge"' in result.output
    assert server.hits == ["/handout.txt"]


def test_a_redirect_to_loopback_is_refused(servers: list[_Server], monkeypatch: pytest.MonkeyPatch) -> None:
    inside = _Server("127.0.0.1")
    outside = _Server("127.0.0.2", redirect_to=f"{inside.url}/secret")
    servers.extend([inside, outside])
    judged = source.is_local_address
    # 127.0.0.2 plays a public web server here; every other address is judged as usual.
    monkeypatch.setattr(source, "is_local_address", lambda address: address != "127.0.0.2" and judged(address))
    with pytest.raises(UnreadableInput, match=r"local or private address \(127\.0\.0\.1\)"):
        read_article(f"{outside.url}/article")
    assert outside.hits == ["/article"]
    assert inside.hits == []


def test_redirects_are_followed_to_an_allowed_host(servers: list[_Server]) -> None:
    inside = _Server("127.0.0.1")
    outside = _Server("127.0.0.2", redirect_to=f"{inside.url}/moved.txt")
    servers.extend([inside, outside])
    result = read_article(f"{outside.url}/article", allow_local=True)
    assert [e.name for e in result.exercises] == ["glute bridge"]
    assert inside.hits == ["/moved.txt"]


def test_a_trickling_server_meets_the_total_deadline(servers: list[_Server], monkeypatch: pytest.MonkeyPatch) -> None:
    server = _Server("127.0.0.1", trickle=True)
    servers.append(server)
    monkeypatch.setattr(source, "URL_TIMEOUT_S", 2.0)
    started = time.monotonic()
    with pytest.raises(UnreadableInput, match="timed out after 2 seconds"):
        read_article(f"{server.url}/slow.txt", allow_local=True)
    assert time.monotonic() - started < 4.0  # the server would go on for 30 s


@pytest.mark.parametrize(
    ("address", "local"),
    [
        ("127.0.0.1", True), ("127.8.9.10", True), ("10.1.2.3", True), ("172.16.0.1", True),
        ("192.168.1.20", True), ("169.254.169.254", True), ("0.0.0.0", True), ("100.64.0.1", True),
        ("::1", True), ("fe80::1%2", True), ("fd12:3456::1", True), ("::ffff:127.0.0.1", True),
        ("224.0.0.1", True), ("93.184.216.34", False), ("2606:4700:4700::1111", False),
        ("::ffff:93.184.216.34", False),
    ],
)  # fmt: skip
def test_local_and_private_addresses(address: str, local: bool) -> None:
    assert source.is_local_address(address) is local
