"""`local_date` (the day a stored UTC time falls on, here) agrees with the system's own conversion, also
around daylight-saving changes in zones that change on the half or quarter hour."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from rehabit.services import course


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    yield
    monkeypatch.undo()
    time.tzset()
    course._local_offset.cache_clear()


@pytest.mark.parametrize("name", ["America/New_York", "Australia/Adelaide", "Pacific/Chatham", "Asia/Kathmandu"])
def test_local_date_matches_the_system_around_every_change(
    zone: None, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv("TZ", name)
    time.tzset()
    course._local_offset.cache_clear()
    moment = datetime(2025, 1, 1, tzinfo=UTC)
    checked = 0
    while moment < datetime(2026, 1, 1, tzinfo=UTC):
        assert course.local_date(moment) == moment.astimezone().date(), moment
        moment += timedelta(minutes=11)
        checked += 1
    assert checked > 40_000
