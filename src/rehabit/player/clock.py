"""Clocks the session engine is given: the monotonic real clock in use, a fake one in tests."""

from __future__ import annotations

import time
from typing import Protocol

__all__ = ["Clock", "FakeClock", "MonotonicClock"]


class Clock(Protocol):
    """Anything that says the time in seconds, never going backwards."""

    def now(self) -> float:
        """Seconds since an arbitrary fixed point."""
        ...


class MonotonicClock:
    """The real clock: `time.monotonic`, unaffected by changes to the wall clock."""

    def now(self) -> float:
        """Seconds on the monotonic clock."""
        return time.monotonic()


class FakeClock:
    """A clock that only moves when told to; tests drive the engine with it."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start

    def now(self) -> float:
        """The current fake time."""
        return self._now

    def advance(self, seconds: float) -> None:
        """Move time forward; moving it backwards is a bug in the test."""
        if seconds < 0:
            raise ValueError("a clock does not go backwards")
        self._now += seconds
