"""Getting an article's bytes (file, standard input or URL) and choosing how to extract it.

Limits keep time and memory bounded: at most `MAX_BYTES` are read from anywhere, and a URL must
be read whole within `URL_TIMEOUT_S` seconds. URLs that lead to this machine or a private network
(loopback, private, link-local addresses, after DNS and after each redirect) are refused unless the
caller allows local addresses.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx

from rehabit.reader.extract import Document, UnreadableInput, from_html, from_markdown, from_text
from rehabit.reader.images import IMAGE_SUFFIXES, is_image
from rehabit.reader.limits import DEFAULT_LIMITS, InputTooLarge, Limits, run_limited

MAX_BYTES = 5_000_000
URL_TIMEOUT_S = 15.0  # in all: connecting, redirects and reading the body
MAX_REDIRECTS = 5
FORMATS = ("html", "md", "txt", "pdf", "image")
_SUFFIXES = {".html": "html", ".htm": "html", ".xhtml": "html", ".md": "md", ".markdown": "md", ".txt": "txt",
             ".text": "txt", ".pdf": "pdf", **dict.fromkeys(IMAGE_SUFFIXES, "image")}  # fmt: skip


def fetch(source: str, allow_local: bool = False) -> tuple[bytes, str | None]:
    """The bytes of a file, of standard input (`-`) or of an http(s) URL, and the format it names.

    A URL must name a public host (checked after DNS and after each redirect) unless `allow_local`.
    """
    if source == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        _check_size(len(data), "standard input")
        return data, None
    if re.match(r"^https?://", source, re.I):
        return _fetch_url(source, allow_local)
    path = Path(source)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise UnreadableInput(f"{source}: is a directory, not an article")
        _check_size(size, source)
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise UnreadableInput(f"{source}: no such file") from None
    except OSError as error:
        raise UnreadableInput(f"{source}: cannot be read ({error.strerror})") from None
    _check_size(len(data), source)
    return data, _SUFFIXES.get(path.suffix.lower())


def warm_up(fmt: str | None) -> None:
    """Load the libraries that extracting this format needs and fill their first-use caches."""
    if fmt == "html":
        from rehabit.reader.extract import warm_up_html

        warm_up_html()
        from_html("<html><head><title>Warm up</title></head><body><h1>Warm up</h1><p>Lie down.</p></body></html>")
    elif fmt == "md":
        from_markdown("# Warm up\n\n- Lie on your back.\n")
    elif fmt == "pdf":
        import pypdf  # noqa: F401


def _check_size(size: int, name: str, limit: int | None = None) -> None:
    limit = MAX_BYTES if limit is None else limit
    if size > limit:
        raise InputTooLarge(f"{name}: too large ({size:,} bytes or more; the limit is {limit / 1_000_000:g} MB)")


def _fetch_url(url: str, allow_local: bool = False) -> tuple[bytes, str | None]:
    """The body of a URL, within `URL_TIMEOUT_S` seconds in all (redirects and slow servers included)."""
    outcome: list[tuple[bytes, str | None] | BaseException] = []
    deadline = time.monotonic() + URL_TIMEOUT_S

    def work() -> None:
        try:
            outcome.append(_download(url, allow_local, deadline))
        except BaseException as error:  # handed to the caller's thread below
            outcome.append(error)

    worker = threading.Thread(target=work, name="rehabit-url-reader", daemon=True)
    worker.start()
    worker.join(URL_TIMEOUT_S + 0.5)
    if not outcome:
        raise UnreadableInput(f"{url}: timed out after {URL_TIMEOUT_S:.0f} seconds")
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


def _download(url: str, allow_local: bool, deadline: float) -> tuple[bytes, str | None]:
    import httpx

    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        parts = httpx.URL(current)
        if parts.scheme not in ("http", "https") or not parts.host:
            raise UnreadableInput(f"{url}: redirected to {current[:200]}, which is not an http(s) address")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = _address_for(parts.host, port, allow_local, url)
        target = parts.copy_with(host=address)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise UnreadableInput(f"{url}: timed out after {URL_TIMEOUT_S:.0f} seconds")
        headers = {"User-Agent": "rehabit-reader", "Host": parts.netloc.decode("ascii")}
        extensions = {"sni_hostname": parts.host} if parts.scheme == "https" else {}
        try:
            with httpx.Client(timeout=remaining, follow_redirects=False) as client:
                request = client.build_request("GET", target, headers=headers, extensions=extensions)
                response = client.send(request, stream=True)
                try:
                    if response.is_redirect and "location" in response.headers:
                        current = str(parts.join(response.headers["location"]))
                        continue
                    if response.status_code >= 400:
                        raise UnreadableInput(f"{url}: the server answered {response.status_code}")
                    kind = response.headers.get("content-type", "")
                    body = _read_body(response, url, deadline)
                finally:
                    response.close()
        except httpx.TimeoutException:
            raise UnreadableInput(f"{url}: timed out after {URL_TIMEOUT_S:.0f} seconds") from None
        except httpx.HTTPError as error:
            raise UnreadableInput(f"{url}: could not be fetched ({type(error).__name__})") from None
        fmt = "pdf" if "pdf" in kind else "html" if "html" in kind else "md" if "markdown" in kind else None
        return body, fmt or _SUFFIXES.get(Path(parts.path).suffix.lower())
    raise UnreadableInput(f"{url}: more than {MAX_REDIRECTS} redirects")


def _read_body(response: httpx.Response, url: str, deadline: float) -> bytes:
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        _check_size(total, url)
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise UnreadableInput(f"{url}: timed out after {URL_TIMEOUT_S:.0f} seconds")
    return b"".join(chunks)


def _address_for(host: str, port: int, allow_local: bool, url: str) -> str:
    """The address to connect to for `host`: every address it resolves to must be public, unless
    `allow_local`. Connecting to the checked address (not resolving again) keeps DNS from changing it."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise UnreadableInput(f"{url}: the host {host} was not found") from None
    addresses = [str(info[4][0]) for info in infos]
    if not addresses:
        raise UnreadableInput(f"{url}: the host {host} was not found")
    if not allow_local:
        local = next((a for a in addresses if is_local_address(a)), None)
        if local is not None:
            raise UnreadableInput(
                f"{url}: {host} is a local or private address ({local}); "
                "rehabit reads only public web pages unless given --allow-local"
            )
    return addresses[0]


def is_local_address(address: str) -> bool:
    """True for loopback, private, link-local, unspecified, multicast and reserved addresses
    (IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast or ip.is_reserved or ip.is_unspecified


def sniff(data: bytes) -> str:
    """The format of bytes by their content: PDF, an image, HTML, Markdown or plain text."""
    if is_image(data):
        return "image"
    head = data[:4096].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    lowered = head[:1024].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or re.search(
        rb"<(body|div|p|h1|article)\b", lowered
    ):
        return "html"
    if re.search(rb"(?m)^(#{1,6} \S|\*\*[^*]+\*\*|[-*] \S)", head) and not head.startswith(b"source:"):
        return "md"
    return "txt"


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")


def decode(data: bytes, name: str) -> str:
    """Text from bytes (UTF-8, else Windows-1252); binary data is refused with a clear message."""
    if not data.strip():
        raise UnreadableInput(f"{name}: is empty; there is no article to read")
    sample = data[:65536]
    if b"\x00" in sample:
        raise UnreadableInput(f"{name}: looks like a binary file, not an article (HTML, Markdown, text or PDF)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    controls = len(_CONTROL.findall(text, 0, 65536))
    if controls > max(8, len(text[:65536]) // 50):
        raise UnreadableInput(f"{name}: looks like a binary file, not an article (HTML, Markdown, text or PDF)")
    return text


def to_document(data: bytes, fmt: str | None, name: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Extract a document from bytes in the given format (sniffed from the content when None).

    Runs in a worker process within `limits` (time, memory, pages, characters, pixels): whatever the
    input, this returns or raises UnreadableInput (InputTooLarge when over a limit) with one line.
    """
    _check_size(len(data), name, limits.bytes)
    if not data.strip():
        raise UnreadableInput(f"{name}: is empty; there is no article to read")
    return run_limited(extract, data, fmt, name, limits, limits=limits, name=name)


def extract(data: bytes, fmt: str | None, name: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """`to_document` in this process, without the time and memory caps (limits on size still hold)."""
    fmt = fmt or sniff(data)
    if fmt == "image":
        from rehabit.reader.ocr import read_image

        return read_image(data, name, limits)
    if fmt == "pdf":
        from rehabit.reader.pdf import from_pdf

        return from_pdf(data, name, limits)
    text = decode(data, name)
    if fmt == "html":
        return from_html(text, name)
    if fmt == "md":
        return from_markdown(text, name)
    return from_text(text, name)
