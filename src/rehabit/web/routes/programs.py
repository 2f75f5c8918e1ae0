"""Programs: the list, one program, one exercise (pages and their JSON faces), and illustrations."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from rehabit.errors import NotFoundError
from rehabit.model import Exercise, Group, Program, Source
from rehabit.web._illustration import illustration_svg
from rehabit.web._programs import known_programs, program_by_id
from rehabit.web._render import page

router = APIRouter()


class ProgramSummary(BaseModel):
    """One line of the programs list."""

    id: str
    title: str
    summary: str
    exercises: int
    stages: int
    frequency_per_week: str
    builtin: bool


class ProgramsView(BaseModel):
    programs: list[ProgramSummary]


class ExerciseGroup(BaseModel):
    group: Group
    exercises: list[Exercise]


class ProgramView(BaseModel):
    program: Program
    groups: list[ExerciseGroup]
    doses: dict[str, str]
    names: dict[str, str]


class ExerciseView(BaseModel):
    program_id: str
    program_title: str
    exercise: Exercise
    dose: str
    illustration_url: str
    still_url: str
    sources: list[Source]
    progresses_to: Exercise | None
    regresses_to: Exercise | None


def programs_view(request: Request) -> ProgramsView:
    """Every program the person can follow: the built-in ones and those they imported."""
    return ProgramsView(
        programs=[
            ProgramSummary(
                id=program.id,
                title=program.title,
                summary=program.summary,
                exercises=len(program.exercises),
                stages=len(program.stages),
                frequency_per_week=str(program.frequency_per_week),
                builtin=builtin,
            )
            for program, builtin in known_programs(request)
        ]
    )


def program_view(request: Request, program_id: str) -> ProgramView:
    """One program with its exercises grouped the article's way."""
    program = program_by_id(request, program_id)
    groups = [
        ExerciseGroup(group=group, exercises=[e for e in program.exercises if e.group is group])
        for group in Group
        if any(e.group is group for e in program.exercises)
    ]
    return ProgramView(
        program=program,
        groups=groups,
        doses={e.id: e.dose.describe() for e in program.exercises},
        names={e.id: e.name for e in program.exercises},
    )


def exercise_view(request: Request, program_id: str, exercise_id: str) -> ExerciseView:
    """One exercise of a program, with its sources resolved and its easier/harder variations."""
    program = program_by_id(request, program_id)
    exercise = _exercise(program, exercise_id)
    by_id = {source.id: source for source in program.sources}
    base = f"/illustrations/{program.id}/{exercise.id}"
    return ExerciseView(
        program_id=program.id,
        program_title=program.title,
        exercise=exercise,
        dose=exercise.dose.describe(),
        illustration_url=f"{base}.svg",
        still_url=f"{base}.still.svg",
        sources=[by_id[s] if s in by_id else Source(id=s, citation=s) for s in exercise.sources],
        progresses_to=_exercise(program, exercise.progresses_to) if exercise.progresses_to else None,
        regresses_to=_exercise(program, exercise.regresses_to) if exercise.regresses_to else None,
    )


def _exercise(program: Program, exercise_id: str) -> Exercise:
    try:
        return program.exercise(exercise_id)
    except KeyError:
        raise NotFoundError(f"no exercise {exercise_id!r} in the program {program.id!r}") from None


@router.get("/api/programs", tags=["programs"])
def api_programs(request: Request) -> ProgramsView:
    """The programs the person can follow."""
    return programs_view(request)


@router.get("/api/programs/{program_id}", tags=["programs"])
def api_program(request: Request, program_id: str) -> ProgramView:
    """One program: exercises grouped, doses in words."""
    return program_view(request, program_id)


@router.get("/api/programs/{program_id}/exercises/{exercise_id}", tags=["programs"])
def api_exercise(request: Request, program_id: str, exercise_id: str) -> ExerciseView:
    """One exercise: steps, dose, cautions, sources, illustration address."""
    return exercise_view(request, program_id, exercise_id)


@router.get("/programs", response_class=HTMLResponse, include_in_schema=False)
def programs_page(request: Request) -> Response:
    return page(request, "programs.html", programs_view(request), active="programs")


@router.get("/programs/{program_id}", response_class=HTMLResponse, include_in_schema=False)
def program_page(request: Request, program_id: str) -> Response:
    return page(request, "program.html", program_view(request, program_id), active="programs")


@router.get("/programs/{program_id}/exercises/{exercise_id}", response_class=HTMLResponse, include_in_schema=False)
def exercise_page(request: Request, program_id: str, exercise_id: str) -> Response:
    return page(request, "exercise.html", exercise_view(request, program_id, exercise_id), active="programs")


# the still route first: `{exercise_id}.svg` would also match `glute-bridge.still.svg`
@router.get("/illustrations/{program_id}/{exercise_id}.still.svg", tags=["programs"])
def still_illustration(request: Request, program_id: str, exercise_id: str) -> Response:
    """The exercise's figure as a still SVG (for lists and print)."""
    exercise = _exercise(program_by_id(request, program_id), exercise_id)
    return _svg(illustration_svg(exercise, animated=False))


@router.get("/illustrations/{program_id}/{exercise_id}.svg", tags=["programs"])
def illustration(request: Request, program_id: str, exercise_id: str) -> Response:
    """The exercise's animated figure as SVG."""
    exercise = _exercise(program_by_id(request, program_id), exercise_id)
    return _svg(illustration_svg(exercise, animated=True))


def _svg(svg: str) -> Response:
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=3600"})
