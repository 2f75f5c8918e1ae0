"""How often a program asks to be done, said in words: "2–3 sessions a week, with a rest day between
sessions", "every day", "twice a day, every day (14 sessions a week)".

The planner's FREQ-1 rest day holds only for programs of at most a few sessions a week; a program read
from a "twice daily" handout must say what it asks, not the rest-day sentence.
"""

from __future__ import annotations

from rehabit.model import IntRange

__all__ = ["frequency_sentence", "rest_days_between"]


def rest_days_between(frequency: IntRange) -> bool:
    """Whether the program leaves a rest day between sessions (at most 4 a week can)."""
    return frequency.max <= 4


def _range(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def frequency_sentence(frequency: IntRange) -> str:
    """The program's sessions a week as one sentence, ending with a full stop."""
    low, high = frequency.min, frequency.max
    if low > 7:
        per_day_low, per_day_high = low // 7, -(-high // 7)
        per_day = "twice" if (per_day_low, per_day_high) == (2, 2) else f"{_range(per_day_low, per_day_high)} times"
        return f"{per_day} a day, every day ({_range(low, high)} sessions a week).".capitalize()
    if low == 7:
        return "Every day (7 sessions a week)."
    if rest_days_between(frequency):
        unit = "session" if high == 1 else "sessions"
        return f"{_range(low, high)} {unit} a week, with a rest day between sessions."
    return f"{_range(low, high)} sessions a week."
