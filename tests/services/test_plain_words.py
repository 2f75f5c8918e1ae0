"""Decisions and frequencies in plain words (no rule ids, no arrows, no 'Hold' that reads like a hold)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rehabit.domain.frequency import frequency_sentence
from rehabit.domain.records import DecisionRecord
from rehabit.model import Dose, IntRange
from rehabit.services.decision_words import decision_headline, verdict_label


def decision(kind: str, rule: str, facts: str, before: Dose | None, after: Dose | None) -> DecisionRecord:
    return DecisionRecord(1, 1, 1, "glute-bridge", kind, rule, facts, before, after, datetime(2025, 1, 6, tzinfo=UTC))


TEN, TWELVE = Dose(reps=IntRange.of(10)), Dose(reps=IntRange.of(12))


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            decision("progress", "DOSE-1", "full dose in 2 sessions in a row, pain 1/10 during", TEN, TWELVE),
            "Next time: 12 reps (up from 10 reps) — you did the full dose twice in a row with little pain.",
        ),
        (
            decision("hold", "DOSE-1", "full dose in 1 of the 2 sessions in a row needed, pain 2/10 during", TEN, TEN),
            "Next time: the same, 10 reps — one more session at the full dose with little pain and it goes up.",
        ),
        (
            decision("hold", "PAIN-2", "pain 4/10 during: acceptable, so no progression this session", TEN, TEN),
            "Next time: the same, 10 reps — the pain during it (4/10) was acceptable, so it does not go up yet.",
        ),
        (
            decision("regress", "PAIN-3", "pain 2/10 before, 5/10 next morning", TWELVE, TEN),
            "Next time: 10 reps (down from 12 reps) — your pain was worse the next morning.",
        ),
        (
            decision("stop_and_refer", "PAIN-4", "stopped for pain 2 times within 14 days (…)", TEN, TEN),
            "Paused — it stopped for pain more than once: ask a health professional before doing it again.",
        ),
    ],
)
def test_decision_headlines(record: DecisionRecord, expected: str) -> None:
    assert decision_headline(record) == expected
    assert "->" not in expected and record.rule_id not in expected


def test_verdict_labels_do_not_say_hold() -> None:
    assert [verdict_label(k) for k in ("progress", "hold", "regress", "stop_and_refer")] == [
        "Up",
        "Same",
        "Down",
        "Paused",
    ]


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (2, 3, "2–3 sessions a week, with a rest day between sessions."),
        (1, 1, "1 session a week, with a rest day between sessions."),
        (5, 6, "5–6 sessions a week."),
        (7, 7, "Every day (7 sessions a week)."),
        (14, 14, "Twice a day, every day (14 sessions a week)."),
        (14, 21, "2–3 times a day, every day (14–21 sessions a week)."),
    ],
)
def test_frequency_sentences(low: int, high: int, expected: str) -> None:
    assert frequency_sentence(IntRange.of(low, high)) == expected
