"""What the player says when a person reports pain (CLINICAL.md PAIN-1 and PAIN-2).

The bands follow the pain-monitoring model (Silbernagel et al. 2007) adapted to exercise dosing:
0–3 safe, 4–5 acceptable, above 5 too much. The thresholds are settings a clinician may change.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rehabit.errors import RehabitError

__all__ = ["PainBand", "PainThresholds", "pain_advice", "pain_band", "check_pain"]


class PainBand(StrEnum):
    """Where a 0–10 pain rating falls (PAIN-2)."""

    SAFE = "safe"
    ACCEPTABLE = "acceptable"
    TOO_MUCH = "too much"


@dataclass(frozen=True)
class PainThresholds:
    """Highest rating still counted as safe, and as acceptable (defaults 3 and 5)."""

    safe_max: int = 3
    acceptable_max: int = 5


def check_pain(value: int, what: str = "pain") -> int:
    """Return `value` when it is a whole number from 0 to 10; RehabitError otherwise."""
    if not 0 <= value <= 10:
        raise RehabitError(f"{what} must be a whole number from 0 (none) to 10 (worst imaginable), not {value}")
    return value


def pain_band(pain: int, thresholds: PainThresholds | None = None) -> PainBand:
    """The PAIN-2 band of a 0–10 rating."""
    limits = thresholds or PainThresholds()
    check_pain(pain)
    if pain <= limits.safe_max:
        return PainBand.SAFE
    if pain <= limits.acceptable_max:
        return PainBand.ACCEPTABLE
    return PainBand.TOO_MUCH


_ADVICE = {
    PainBand.SAFE: (
        "Pain of {pain}/10 is in the safe range. The exercise has stopped for today; "
        "if the same movement keeps hurting, stop doing it and ask a health professional."
    ),
    PainBand.ACCEPTABLE: (
        "Pain of {pain}/10 is acceptable, but this exercise will not be made harder after this session. "
        "If the pain persists or returns each time, stop the exercise and ask a health professional."
    ),
    PainBand.TOO_MUCH: (
        "Pain of {pain}/10 is too much. Next session this exercise will be made easier. "
        "Rest it for today; if the pain stays or keeps coming back, see a health professional before going on."
    ),
}


def pain_advice(pain: int, thresholds: PainThresholds | None = None) -> str:
    """Plain-language advice after "it hurts" (PAIN-1), according to the pain's PAIN-2 band."""
    band = pain_band(pain, thresholds)
    return f"[PAIN-1, PAIN-2] {_ADVICE[band].format(pain=pain)}"
