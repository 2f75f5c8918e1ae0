"""Lessons: one a week on the Today page, every one on the lessons page (`rehabit.domain.lessons`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rehabit.domain.lessons import Lesson, lesson_for_week, lessons
from rehabit.programs import get_program
from rehabit.services.course import local_date, person_thresholds
from rehabit.store import Store, people, programs

__all__ = ["Lesson", "Lessons", "person_lessons"]


@dataclass(frozen=True)
class Lessons:
    """Every lesson for the person's program, and this week's (its number, from 1)."""

    lessons: list[Lesson]
    this_week: Lesson
    week_number: int


def person_lessons(store: Store, person_id: int | None, today: date) -> Lessons:
    """The lessons for the person's program and thresholds; before setup, the built-in program's, the first
    lesson this week. Read-only."""
    if person_id is None:
        program = get_program()
        return Lessons(lessons(program), lessons(program)[0], 1)
    with store.read():
        person = people.get_person(store, person_id)
        program = programs.person_program(store, person_id).program
    thresholds = person_thresholds(person)
    number, lesson = lesson_for_week(program, thresholds, local_date(person.created_at), today)
    return Lessons(lessons(program, thresholds), lesson, number)
