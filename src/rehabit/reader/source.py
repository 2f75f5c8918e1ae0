"""Getting an article's bytes (file, standard input or URL) and choosing how to extract it.

Limits keep time and memory bounded: at most `MAX_BYTES` are read from anywhere, and a URL must
answer within `URL_TIMEOUT_S` seconds.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from rehabit.reader.extract import Document, UnreadableInput, from_html, from_markdown, from_pdf, from_text

MAX_BYTES = 5_000_000
URL_TIMEOUT_S = 15.0
FORMATS = ("html", "md", "txt", "pdf")
_SUFFIXES = {".html": "html", ".htm": "html", ".xhtml": "html", ".md": "md", ".markdown": "md", ".txt": "txt",
             ".text": "txt", ".pdf": "pdf"}  # fmt: skip


def fetch(source: str) -> tuple[bytes, str | None]:
    """The bytes of a file, of standard input (`-`) or of an http(s) URL, and the format it names."""
    if source == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        _check_size(len(data), "standard input")
        return data, None
    if re.match(r"^https?://", source, re.I):
        return _fetch_url(source)
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


def _check_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise UnreadableInput(f"{name}: too large ({size:,} bytes or more; the limit is {MAX_BYTES // 1_000_000} MB)")


def _fetch_url(url: str) -> tuple[bytes, str | None]:
    import httpx

    chunks: list[bytes] = []
    total = 0
    try:
        with httpx.stream("GET", url, timeout=URL_TIMEOUT_S, follow_redirects=True,
                          headers={"User-Agent": "rehabit-reader"}) as response:  # fmt: skip
            if response.status_code >= 400:
                raise UnreadableInput(f"{url}: the server answered {response.status_code}")
            kind = response.headers.get("content-type", "")
            for chunk in response.iter_bytes():
                total += len(chunk)
                _check_size(total, url)
                chunks.append(chunk)
    except httpx.TimeoutException:
        raise UnreadableInput(f"{url}: timed out after {URL_TIMEOUT_S:.0f} seconds") from None
    except httpx.HTTPError as error:
        raise UnreadableInput(f"{url}: could not be fetched ({type(error).__name__})") from None
    fmt = "pdf" if "pdf" in kind else "html" if "html" in kind else "md" if "markdown" in kind else None
    return b"".join(chunks), fmt or _SUFFIXES.get(Path(url.split("?")[0]).suffix.lower())


def sniff(data: bytes) -> str:
    """The format of bytes by their content: PDF, HTML, Markdown or plain text."""
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


def to_document(data: bytes, fmt: str | None, name: str) -> Document:
    """Extract a document from bytes in the given format (sniffed from the content when None)."""
    fmt = fmt or sniff(data)
    if fmt == "pdf":
        if not data.strip():
            raise UnreadableInput(f"{name}: is empty; there is no article to read")
        return from_pdf(data, name)
    text = decode(data, name)
    if fmt == "html":
        return from_html(text, name)
    if fmt == "md":
        return from_markdown(text, name)
    return from_text(text, name)
