"""The session player: the clock-driven engine over a timeline, and the terminal face on it."""

from rehabit.player.clock import Clock, FakeClock, MonotonicClock
from rehabit.player.engine import EngineState, Event, EventKind, SessionEngine, SetRecord, resume_step

__all__ = [
    "Clock",
    "EngineState",
    "Event",
    "EventKind",
    "FakeClock",
    "MonotonicClock",
    "SessionEngine",
    "SetRecord",
    "resume_step",
]
