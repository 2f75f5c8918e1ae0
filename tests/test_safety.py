"""SCREEN-1..3: every rule on both sides, and the answers' bad input."""

from __future__ import annotations

from datetime import date

import pytest

from rehabit.domain.rules import Thresholds
from rehabit.domain.safety import (
    WARNING_SIGNS,
    ScreenResult,
    SignGroup,
    answers_from_names,
    check_clearance,
    exercise_allowed,
    parse_answers,
    screen,
    thresholds_for,
)
from rehabit.errors import RehabitError

NAMES = [item.name for item in WARNING_SIGNS]
CAUDA = [item.name for item in WARNING_SIGNS if item.group is SignGroup.CAUDA_EQUINA]
OTHER = [item.name for item in WARNING_SIGNS if item.group is not SignGroup.CAUDA_EQUINA]


def test_the_questions_cover_screen_1() -> None:
    assert NAMES == [
        "bladder-bowel",
        "saddle-numbness",
        "sexual-function",
        "both-legs",
        "leg-weakness",
        "walking-pain",
        "cancer-history",
        "weight-loss",
        "night-pain",
        "age-at-onset",
        "fever",
        "weak-immunity",
        "infection-or-injecting",
        "fall-or-accident",
        "osteoporosis-steroids",
        "constant-worsening-pain",
        "spinal-surgery",
    ]
    assert {item.group for item in WARNING_SIGNS} == set(SignGroup)
    assert all(item.question.endswith("?") for item in WARNING_SIGNS)


def test_all_no_is_clear() -> None:
    outcome = screen(answers_from_names([]))
    assert (outcome.result, outcome.rule_id, outcome.positive) == (ScreenResult.CLEAR, None, ())


@pytest.mark.parametrize("name", CAUDA)
def test_screen_2_any_cauda_equina_yes_is_an_emergency(name: str) -> None:
    outcome = screen(answers_from_names([name]))
    assert (outcome.result, outcome.rule_id, outcome.positive) == (ScreenResult.EMERGENCY, "SCREEN-2", (name,))
    assert "emergency" in outcome.message


@pytest.mark.parametrize("name", OTHER)
def test_screen_3_any_other_yes_needs_clearance_not_emergency(name: str) -> None:
    outcome = screen(answers_from_names([name]))
    assert (outcome.result, outcome.rule_id, outcome.positive) == (ScreenResult.NEEDS_CLEARANCE, "SCREEN-3", (name,))


def test_screen_2_wins_over_screen_3() -> None:
    outcome = screen(answers_from_names(["fever", "leg-weakness"]))
    assert (outcome.result, outcome.positive) == (ScreenResult.EMERGENCY, ("leg-weakness", "fever"))


@pytest.mark.parametrize(
    ("result", "cleared_on", "allowed"),
    [
        (None, None, False),
        ("clear", None, True),
        ("emergency", None, False),
        ("emergency", date(2026, 3, 1), False),
        ("needs_clearance", None, False),
        ("needs_clearance", date(2026, 3, 1), True),
    ],
)
def test_who_may_have_a_program(result: str | None, cleared_on: date | None, allowed: bool) -> None:
    assert (exercise_allowed(result, cleared_on) is None) is allowed


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({}, "no answer to the warning-sign question 'bladder-bowel'; answer yes or no"),
        (
            dict.fromkeys(NAMES, "no") | {"fever": "maybe"},
            "answer yes or no to the warning-sign question 'fever', not 'maybe'",
        ),
        (
            dict.fromkeys(NAMES, "no") | {"night-pain": " "},
            "no answer to the warning-sign question 'night-pain'; answer yes or no",
        ),
        (
            dict.fromkeys(NAMES, "no") | {"headache": "no"},
            "unknown warning sign 'headache' (known: " + ", ".join(NAMES) + ")",
        ),
    ],
)
def test_bad_answers(answers: dict[str, str], message: str) -> None:
    with pytest.raises(RehabitError) as caught:
        parse_answers(answers)
    assert str(caught.value) == message


def test_answers_in_words() -> None:
    answers = parse_answers(dict.fromkeys(NAMES, "No") | {"fever": "YES", "weight-loss": "y"})
    assert [name for name, answer in answers.items() if answer] == ["weight-loss", "fever"]


@pytest.mark.parametrize(
    ("result", "by", "on", "message"),
    [
        ("emergency", "Dr A", date(2026, 3, 1), "your last screen found a sign that needs emergency care"),
        ("clear", "Dr A", date(2026, 3, 1), "your last screen found no warning signs"),
        ("needs_clearance", " ", date(2026, 3, 1), "say who cleared you"),
        ("needs_clearance", "Dr A", date(2026, 3, 3), "the clearance date 2026-03-03 is in the future"),
    ],
)
def test_clearance_refused(result: str, by: str, on: date, message: str) -> None:
    with pytest.raises(RehabitError, match=message):
        check_clearance(result, by, on, today=date(2026, 3, 2))


def test_clearance_on_the_day_itself_is_fine() -> None:
    check_clearance("needs_clearance", "Dr A", date(2026, 3, 2), today=date(2026, 3, 2))


def test_thresholds_default_and_per_person() -> None:
    assert thresholds_for({}) == Thresholds()
    assert thresholds_for({"thresholds": {"pain_acceptable_max": 4}}).pain_acceptable_max == 4
    with pytest.raises(RehabitError, match="the profile's thresholds are not valid"):
        thresholds_for({"thresholds": {"pain_safe_max": 6}})
