"""Lessons: short reads in rehabit's own words, one a week on Today (`rehabit.services.lessons`)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from rehabit.services import lessons
from rehabit.web._context import person_id_of, store_of, today
from rehabit.web._render import page

router = APIRouter()


class LessonItem(BaseModel):
    id: str
    title: str
    paragraphs: list[str]
    sources: list[str]


class LessonsView(BaseModel):
    """Every lesson for the person's program, and this week's."""

    lessons: list[LessonItem]
    this_week: LessonItem
    week_number: int


def lessons_view(request: Request) -> LessonsView:
    found = lessons.person_lessons(store_of(request), person_id_of(request), today())

    def item(lesson: lessons.Lesson) -> LessonItem:
        return LessonItem(
            id=lesson.id, title=lesson.title, paragraphs=list(lesson.paragraphs), sources=list(lesson.sources)
        )

    return LessonsView(
        lessons=[item(lesson) for lesson in found.lessons],
        this_week=item(found.this_week),
        week_number=found.week_number,
    )


@router.get("/api/lessons", tags=["today"])
def api_lessons(request: Request) -> LessonsView:
    """Every lesson (in the person's program's words and thresholds) and this week's."""
    return lessons_view(request)


@router.get("/lessons/this-week", response_class=HTMLResponse, include_in_schema=False)
def lesson_this_week(request: Request) -> Response:
    return page(request, "_lesson.html", lessons_view(request))


@router.get("/lessons", response_class=HTMLResponse, include_in_schema=False)
def lessons_page(request: Request) -> Response:
    return page(request, "lessons.html", lessons_view(request), active="today")
