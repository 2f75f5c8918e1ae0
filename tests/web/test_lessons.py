"""Lessons: one a week on Today, all of them on their page, in our words from the program's facts."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from tests.web.test_import import setup_person

from rehabit.domain.lessons import lesson_for_week, lessons
from rehabit.domain.rules import Thresholds
from rehabit.model import IntRange
from rehabit.programs import get_program

PROGRAM = get_program()


def test_the_lessons_cover_glutes_sitting_pain_and_stopping_with_sources() -> None:
    found = lessons(PROGRAM)
    assert [lesson.id for lesson in found] == [
        "glutes-and-back",
        "sitting",
        "pain-during-exercise",
        "when-to-stop",
        "slow-and-steady",
    ]
    assert all(lesson.sources for lesson in found)
    glutes = " ".join(found[0].paragraphs)
    assert "Glute bridge" in glutes  # the program's own exercises
    assert any("Smith, J. (2016)" in s for s in found[0].sources)
    assert "Piriformis stretch" in " ".join(found[1].paragraphs)


def test_the_pain_lesson_uses_the_persons_thresholds() -> None:
    text = " ".join(lessons(PROGRAM, Thresholds(pain_safe_max=2, pain_acceptable_max=4))[2].paragraphs)
    assert "0–2 is fine; 3–4 is acceptable" in text and "above 4 is too much" in text


def test_a_twice_daily_program_says_so_in_the_pacing_lesson() -> None:
    daily = PROGRAM.model_copy(update={"frequency_per_week": IntRange.of(14)})
    assert "Twice a day, every day (14 sessions a week)." in lessons(daily)[4].paragraphs[0]


@pytest.mark.parametrize(("days", "number"), [(0, 1), (6, 1), (7, 2), (28, 5), (35, 1)])
def test_one_lesson_a_week_in_turn(days: int, number: int) -> None:
    start = date(2025, 3, 3)
    found, _lesson = lesson_for_week(PROGRAM, None, start, date.fromordinal(start.toordinal() + days))
    assert found == number


def test_today_loads_this_weeks_lesson_and_the_lessons_page_lists_them(client: TestClient) -> None:
    setup_person(client)
    assert 'hx-get="/lessons/this-week"' in client.get("/").text
    partial = client.get("/lessons/this-week")
    assert partial.status_code == 200
    assert "Why your glutes matter for your back" in partial.text
    assert "Sources" in partial.text
    body = client.get("/api/lessons").json()
    assert body["week_number"] == 1 and len(body["lessons"]) == 5
    page = client.get("/lessons").text
    assert page.count('class="card lesson') == 5
