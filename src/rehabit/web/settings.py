"""Settings of one web app instance (tests build their own with a temporary database)."""

from __future__ import annotations

from dataclasses import dataclass
from ipaddress import ip_address

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


@dataclass(frozen=True)
class WebSettings:
    """What `create_app` needs to know.

    `database_url` None means the default store location (`REHABIT_DATABASE_URL`, else a SQLite file in
    the data directory). `locale` picks the translation catalogue; English needs none. `accounts` turns
    on clinic mode (`rehabit serve --accounts`). `host` is the address the server listens on: single-user
    mode answers only requests addressed to it or to localhost. `max_request_bytes` caps every request's
    body (an upload of `max_upload_bytes` and its form fit in it); a photo or a scanned PDF to import may
    be as large as `max_scan_bytes` (phone cameras make big files).
    """

    database_url: str | None = None
    locale: str = "en"
    host: str = "127.0.0.1"
    max_request_bytes: int = 8_000_000
    max_upload_bytes: int = 2_000_000
    max_scan_bytes: int = 5_000_000
    max_paste_chars: int = 500_000
    # clinic mode: people sign in (patients, clinicians, an admin) and every route checks who asks
    accounts: bool = False


def is_loopback(host: str) -> bool:
    """True when `host` only accepts connections from this machine."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
