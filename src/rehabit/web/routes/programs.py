"""Programs: the list, one program, one exercise (pages and their JSON faces), and illustrations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field

from rehabit import illustrate
from rehabit.errors import NotFoundError
from rehabit.model import Exercise, Group, IntRange, Program, Source
from rehabit.services import library, programs
from rehabit.web._context import local_person, person_id_of, program_scope, require_person, store_of, today
from rehabit.web._illustration import illustration_svg
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
    frequency: IntRange
    builtin: bool


class ProgramsView(BaseModel):
    programs: list[ProgramSummary]
    following: str | None = Field(description="the id of the program the person follows")


class FollowIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    stage_index: int = Field(default=0, ge=0, le=50)


class Following(BaseModel):
    """The program the person now follows, and whether coming sessions were planned with it."""

    program_id: str
    title: str
    stage_index: int
    switched: bool
    planned: bool
    requested: bool = Field(default=False, description="the program is prescribed: the clinician was asked instead")


class FollowPreviewView(BaseModel):
    """What following this program changes: the program left (and its stage), where the new one starts,
    the sessions that stay in the history."""

    program_id: str
    title: str
    builtin: bool
    exercises: int
    frequency: IntRange
    first_stage: str | None
    current_program_id: str | None
    current_title: str | None
    current_stage: str | None
    already_following: bool
    sessions_kept: int
    needs_approval: bool = Field(default=False, description="following asks the clinician who assigned a program")


class ExerciseGroup(BaseModel):
    group: Group
    exercises: list[Exercise]


class ProgramView(BaseModel):
    program: Program
    groups: list[ExerciseGroup]
    doses: dict[str, str]
    names: dict[str, str]
    following: bool = Field(description="whether the person follows this program now")


class FigureWords(BaseModel):
    """What the exercise's figure shows, in words, and what decided it (for a person to check)."""

    posture: str
    posture_words: str
    posture_evidence: str
    posture_from: str  # "steps", "name", "default", "correction"
    movement: str  # in words; "no movement drawn" when none is
    moves: bool  # a movement is drawn
    drawn_from: str  # "key poses", "generated", "posture only"


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
    figure: FigureWords | None = None
    postures: list[tuple[str, str]] = []  # the starting positions a figure can have, to correct it


def figure_words(exercise: Exercise) -> FigureWords:
    """The figure's posture and movement in words, as the illustration reads them from the exercise."""
    reading = illustrate.read_exercise(exercise).as_json()
    return FigureWords(
        posture=reading["posture"],
        posture_words=reading["posture_words"],
        posture_evidence=reading["posture_evidence"],
        posture_from=reading["posture_from"],
        movement=reading["movement"],
        moves=reading["movement_id"] is not None,
        drawn_from=reading["drawn_from"],
    )


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
                frequency=program.frequency_per_week,
                builtin=builtin,
            )
            for program, builtin in programs.known_programs(store_of(request), program_scope(request))
        ],
        following=_following(request),
    )


def _following(request: Request) -> str | None:
    person = local_person(request)
    return None if person is None else programs.followed_program(store_of(request), person.id).id


def follow_preview_view(request: Request, program_id: str) -> FollowPreviewView:
    """The confirmation before following a program: what changes and what stays."""
    preview = programs.follow_preview(store_of(request), person_id_of(request), program_id, program_scope(request))
    return FollowPreviewView(
        program_id=preview.program.id,
        title=preview.program.title,
        builtin=preview.builtin,
        exercises=len(preview.program.exercises),
        frequency=preview.program.frequency_per_week,
        first_stage=preview.first_stage,
        current_program_id=None if preview.current is None else preview.current.id,
        current_title=None if preview.current is None else preview.current.title,
        current_stage=preview.current_stage,
        already_following=preview.already,
        sessions_kept=preview.sessions_kept,
        needs_approval=preview.needs_approval,
    )


def program_view(request: Request, program_id: str) -> ProgramView:
    """One program with its exercises grouped the article's way."""
    program = programs.find_program(store_of(request), program_id, program_scope(request))[0]
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
        following=_following(request) == program.id,
    )


def exercise_view(request: Request, program_id: str, exercise_id: str) -> ExerciseView:
    """One exercise of a program, with its sources resolved and its easier/harder variations."""
    program = programs.find_program(store_of(request), program_id, program_scope(request))[0]
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
        figure=figure_words(exercise),
        postures=illustrate.posture_choices(),
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


@router.get("/api/programs/{program_id}/follow", tags=["programs"])
def api_follow_preview(request: Request, program_id: str) -> FollowPreviewView:
    """What following this program would change (the program left, the stage it starts at) and what stays."""
    return follow_preview_view(request, program_id)


@router.post("/api/programs/{program_id}/follow", tags=["programs"])
def api_follow(request: Request, program_id: str, body: FollowIn) -> Following:
    """Follow this program from its first (or the given) stage; history stays, coming sessions are planned."""
    person = require_person(request)
    followed = programs.follow_program(
        store_of(request), person.id, program_id, today(), stage_index=body.stage_index, scope=program_scope(request)
    )
    return Following(
        program_id=followed.program.id,
        title=followed.program.title,
        stage_index=body.stage_index,
        switched=followed.switched,
        planned=followed.plan is not None,
        requested=followed.request is not None,
    )


@router.post("/programs/{program_id}/follow", include_in_schema=False)
def follow_submit(request: Request, program_id: str, stage_index: Annotated[int, Form(ge=0, le=50)] = 0) -> Response:
    api_follow(request, program_id, FollowIn(stage_index=stage_index))
    return RedirectResponse("/", status_code=303)


@router.get("/programs/{program_id}/follow", response_class=HTMLResponse, include_in_schema=False)
def follow_page(request: Request, program_id: str, imported: bool = False) -> Response:
    view = follow_preview_view(request, program_id)
    return page(request, "follow.html", view, active="programs", imported=imported)


@router.get("/programs", response_class=HTMLResponse, include_in_schema=False)
def programs_page(request: Request) -> Response:
    return page(request, "programs.html", programs_view(request), active="programs")


@router.get("/programs/{program_id}", response_class=HTMLResponse, include_in_schema=False)
def program_page(request: Request, program_id: str) -> Response:
    return page(request, "program.html", program_view(request, program_id), active="programs")


@router.get("/programs/{program_id}/exercises/{exercise_id}", response_class=HTMLResponse, include_in_schema=False)
def exercise_page(request: Request, program_id: str, exercise_id: str) -> Response:
    return page(request, "exercise.html", exercise_view(request, program_id, exercise_id), active="programs")


@router.post("/programs/{program_id}/exercises/{exercise_id}/figure", include_in_schema=False)
def correct_figure_submit(
    request: Request, program_id: str, exercise_id: str, posture: Annotated[str, Form(max_length=40)]
) -> Response:
    """Where the exercise's figure starts, as the person says: stored with the program, then drawn from it."""
    added = library.correct_figure(store_of(request), program_id, exercise_id, posture, program_scope(request))
    target = f"/programs/{added.program.id}/exercises/{added.exercise.id}?corrected=1"
    return RedirectResponse(target, status_code=303)


# the still route first: `{exercise_id}.svg` would also match `glute-bridge.still.svg`
@router.get("/illustrations/{program_id}/{exercise_id}.still.svg", tags=["programs"])
def still_illustration(request: Request, program_id: str, exercise_id: str) -> Response:
    """The exercise's figure as a still SVG (for lists and print)."""
    exercise = _exercise(programs.find_program(store_of(request), program_id, program_scope(request))[0], exercise_id)
    return _svg(illustration_svg(exercise, animated=False))


@router.get("/illustrations/{program_id}/{exercise_id}.svg", tags=["programs"])
def illustration(request: Request, program_id: str, exercise_id: str) -> Response:
    """The exercise's animated figure as SVG."""
    exercise = _exercise(programs.find_program(store_of(request), program_id, program_scope(request))[0], exercise_id)
    return _svg(illustration_svg(exercise, animated=True))


def _svg(svg: str) -> Response:
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=3600"})
