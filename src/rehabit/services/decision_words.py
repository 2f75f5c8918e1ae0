"""A stored decision said in plain words: what happens next time, and why, in one sentence.

"Next time: 12 reps (up from 10) — you did the full dose twice in a row with little pain." The rule id,
its reason and its source stay beside it in the history document, one tap away on the page.
"""

from __future__ import annotations

import re

from rehabit.domain.records import DecisionRecord

__all__ = ["decision_headline", "verdict_label"]

_TIMES = {1: "once", 2: "twice", 3: "three times", 4: "four times"}
_STREAK = re.compile(r"full dose in (\d+) (?:of the (\d+) )?sessions")
_PAIN = re.compile(r"pain (\d+)/10 during")
_NEXT = re.compile(r"; next: (.+?) instead")
_STAGE_NEXT = re.compile(r"; next: ([^(;]+)")

_LABELS = {"progress": "Up", "hold": "Same", "regress": "Down", "stop_and_refer": "Paused"}


def verdict_label(kind: str) -> str:
    """A one-word label for a verdict that cannot be mistaken for an exercise's hold: Up, Same, Down, Paused."""
    return _LABELS.get(kind, kind.replace("_", " ").capitalize())


def _times(count: int) -> str:
    return _TIMES.get(count, f"{count} times")


def _dose_change(decision: DecisionRecord, direction: str) -> str:
    after = None if decision.new_dose is None else decision.new_dose.describe()
    before = None if decision.old_dose is None else decision.old_dose.describe()
    variation = _NEXT.search(decision.facts)
    if variation:
        return f"{variation.group(1)}, {after}" if after else variation.group(1)
    if after and before and after != before:
        return f"{after} ({direction} from {before})"
    return after or "the same dose"


def decision_headline(decision: DecisionRecord) -> str:
    """What the decision means for the next session, and the reason in a few words."""
    kind, rule, facts = decision.kind, decision.rule_id, decision.facts
    same = "the same" if decision.new_dose is None else f"the same, {decision.new_dose.describe()}"
    pain = _PAIN.search(facts)
    pain_text = f" ({pain.group(1)}/10)" if pain else ""
    if rule == "STAGE-1":
        stage = _STAGE_NEXT.search(facts)
        where = f"the next stage, {stage.group(1).strip()}" if stage else "the next stage"
        return f"Next time: {where} — you did every exercise of this stage at its top dose."
    if kind == "stop_and_refer":
        if "rose" in facts or "rising" in facts:
            return "Paused — your pain has been rising over two weeks: ask a health professional before going on."
        return "Paused — it stopped for pain more than once: ask a health professional before doing it again."
    if kind == "progress":
        streak = _STREAK.search(facts)
        done = f"the full dose {_times(int(streak.group(1)))} in a row" if streak else "the full dose"
        return f"Next time: {_dose_change(decision, 'up')} — you did {done} with little pain."
    if kind == "regress":
        why = {
            "PAIN-1": "you stopped it because it hurt",
            "PAIN-2": f"the pain during it{pain_text} was more than it should be",
            "PAIN-3": "your pain was worse the next morning",
        }.get(rule, "it was too much last time")
        return f"Next time: {_dose_change(decision, 'down')} — {why}."
    # the same dose
    if "already at the easiest dose" in facts:
        return f"Next time: {same} — it hurt, but this is already its easiest dose; stop if it hurts again."
    if rule == "PAIN-2":
        return f"Next time: {same} — the pain during it{pain_text} was acceptable, so it does not go up yet."
    if facts.startswith("top of the range reached"):
        return f"Next time: {same} — you are at the top of this exercise's range."
    if "not reached" in facts:
        return f"Next time: {same} — the full dose was not done this time."
    streak = _STREAK.search(facts)
    if streak and streak.group(2):
        left = int(streak.group(2)) - int(streak.group(1))
        more = "one more session" if left == 1 else f"{left} more sessions"
        return f"Next time: {same} — {more} at the full dose with little pain and it goes up."
    return f"Next time: {same}."
