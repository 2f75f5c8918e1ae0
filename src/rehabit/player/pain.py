"""What the player says when a person reports pain (CLINICAL.md PAIN-1, PAIN-2, PAIN-4).

The bands follow the pain-monitoring model (Silbernagel et al. 2007) adapted to exercise dosing: 0–3
safe, 4–5 acceptable, above 5 too much — at the person's own thresholds (`rules.Thresholds`). What the
advice says will happen next comes from the progression engine's own verdict for the stop
(`Progression.stop_decision`), so the player cannot promise "easier next session" when the decision
will be "already at the easiest dose", or miss that this stop pauses the exercise (PAIN-4).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rehabit.domain.progression import Decision, DecisionKind
from rehabit.domain.rules import Thresholds
from rehabit.errors import RehabitError
from rehabit.model import Program

__all__ = ["PainBand", "StopAdvice", "check_pain", "pain_band", "stop_advice"]


class PainBand(StrEnum):
    """Where a 0–10 pain rating falls (PAIN-2)."""

    SAFE = "safe"
    ACCEPTABLE = "acceptable"
    TOO_MUCH = "too much"


def check_pain(value: int, what: str = "pain") -> int:
    """Return `value` when it is a whole number from 0 to 10; RehabitError otherwise."""
    if not 0 <= value <= 10:
        raise RehabitError(f"{what} must be a whole number from 0 (none) to 10 (worst imaginable), not {value}")
    return value


def pain_band(pain: int, thresholds: Thresholds | None = None) -> PainBand:
    """The PAIN-2 band of a 0–10 rating at these thresholds (CLINICAL.md's defaults when none)."""
    limits = thresholds or Thresholds()
    check_pain(pain)
    if pain <= limits.pain_safe_max:
        return PainBand.SAFE
    if pain <= limits.pain_acceptable_max:
        return PainBand.ACCEPTABLE
    return PainBand.TOO_MUCH


@dataclass(frozen=True)
class StopAdvice:
    """What the person is told after "it hurts": the words, the band, and whether to end the session."""

    text: str
    band: PainBand | None
    end_session: bool


def stop_advice(
    pain: int | None,
    thresholds: Thresholds | None = None,
    decision: Decision | None = None,
    program: Program | None = None,
) -> StopAdvice:
    """Plain-language advice after "it hurts" (PAIN-1): the pain's PAIN-2 band at the person's thresholds,
    what `decision` (the engine's verdict for this stop) does next session, and — above the 'too much'
    threshold — to end the session here. The rule ids stand at the end, beside the words."""
    limits = thresholds or Thresholds()
    band = None if pain is None else pain_band(pain, limits)
    words = [_band_words(pain, band, limits), "This exercise has stopped for today."]
    rules = ["PAIN-1", "PAIN-2"] if band is not None else ["PAIN-1"]
    next_time = _next_time(decision, program)
    if next_time:
        words.append(next_time)
    if decision is not None and decision.kind is DecisionKind.STOP_AND_REFER:
        rules.append("PAIN-4")
    else:
        words.append("If the pain does not settle, or it comes back each time, see a health professional.")
    return StopAdvice(
        text=" ".join(words) + f" ({', '.join(rules)})",
        band=band,
        end_session=band is PainBand.TOO_MUCH,
    )


def _band_words(pain: int | None, band: PainBand | None, limits: Thresholds) -> str:
    if pain is None or band is None:
        return "You did not rate the pain."
    if band is PainBand.SAFE:
        return f"Pain of {pain}/10 is in the safe range (up to {limits.pain_safe_max}/10)."
    if band is PainBand.ACCEPTABLE:
        return f"Pain of {pain}/10 is acceptable (up to {limits.pain_acceptable_max}/10), but no reason to push on."
    return (
        f"Pain of {pain}/10 is more than is safe to exercise with (above {limits.pain_acceptable_max}/10): "
        "end the session here and rest."
    )


def _next_time(decision: Decision | None, program: Program | None) -> str:
    if decision is None:
        return ""
    if decision.kind is DecisionKind.STOP_AND_REFER:
        return (
            f"It is now paused ({decision.facts}): please see a health professional before doing it again, "
            "and record it when you have."
        )
    if decision.kind is DecisionKind.REGRESS:
        after = decision.dose_after
        dose = "" if after is None or program is None else f": {after.describe(program)}"
        if (
            after is not None
            and decision.dose_before is not None
            and after.exercise_id != decision.dose_before.exercise_id
        ):
            name = after.exercise_id if program is None else program.exercise(after.exercise_id).name
            return f"Next session you do the easier {name} instead{dose}."
        return f"Next session it is one step easier{dose}."
    if "already at the easiest dose" in decision.facts:
        return "It is already at its easiest dose, so next session it stays as it is."
    return ""
