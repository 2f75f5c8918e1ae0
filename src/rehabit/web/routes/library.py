"""The exercise library: search the imported exercises, add one to a program with a dose, and program handouts.

`rehabit.services.library` does the work; this module lays out its results. Built-in programs are
read-only: adding to one stores a copy under a new id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field

from rehabit.errors import NotFoundError, NotInLibraryError, RehabitError
from rehabit.model import Group
from rehabit.programs.library import dose_from_text
from rehabit.services import exports, library, programs
from rehabit.web._context import person_id_of, program_scope, store_of
from rehabit.web._illustration import illustration_svg
from rehabit.web._render import page

router = APIRouter()

SEARCH_LIMIT = 50

Text = Annotated[str, Query(max_length=200)]


class LibraryHit(BaseModel):
    """One exercise found in the library."""

    id: str
    library: str
    name: str
    muscles: list[str]
    equipment: str | None
    level: str | None
    category: str | None
    steps: int
    figure_url: str


class LibraryImported(BaseModel):
    """What loading a library did: its name, exercises added and updated, records skipped (first few)."""

    library: str
    added: int
    updated: int
    skipped: int
    problems: list[str]


class ProgramChoice(BaseModel):
    """A program an exercise can be added to; a built-in one is copied first."""

    id: str
    title: str
    builtin: bool


class LibraryView(BaseModel):
    """A library search: what was asked, what matched, and where a match can be added."""

    query: str
    muscle: str
    equipment: str
    library_size: int
    results: list[LibraryHit]
    more: bool
    programs: list[ProgramChoice]
    groups: list[Group]


class AddExercise(BaseModel):
    """Add one library exercise to a program with this dose (reps, hold and sets as "10" or "10-15")."""

    model_config = ConfigDict(extra="forbid")

    exercise_id: str = Field(min_length=1, max_length=120)
    library: str | None = Field(default=None, max_length=80)
    program_id: str = Field(min_length=1, max_length=120)
    group: Group | None = None
    reps: int | str | None = None
    hold_s: int | str | None = None
    sets: int | str = 1
    per_side: bool = False


class AddedExercise(BaseModel):
    """The program version the exercise was added to."""

    program_id: str
    version: int
    exercise_id: str
    exercise_name: str
    dose: str
    copied_from: str | None


def library_view(request: Request, query: str = "", muscle: str = "", equipment: str = "") -> LibraryView:
    """The exercises matching every word of `query` (and the muscle and equipment, when given), by name."""
    store = store_of(request)
    found = library.search(store, query, muscle=muscle or None, equipment=equipment or None, limit=SEARCH_LIMIT + 1)
    return LibraryView(
        query=query,
        muscle=muscle,
        equipment=equipment,
        library_size=library.library_size(store),
        results=[
            LibraryHit(
                id=item.exercise.id,
                library=item.library,
                name=item.exercise.name,
                muscles=item.exercise.primary_muscles,
                equipment=item.exercise.equipment,
                level=item.exercise.level,
                category=item.exercise.category,
                steps=len(item.exercise.instructions),
                figure_url=f"/library/figures/{item.library}/{item.exercise.id}.svg",
            )
            for item in found[:SEARCH_LIMIT]
        ],
        more=len(found) > SEARCH_LIMIT,
        programs=[
            ProgramChoice(id=p.id, title=p.title, builtin=b)
            for p, b in programs.known_programs(store, program_scope(request))
        ],
        groups=list(Group),
    )


def add_exercise(request: Request, body: AddExercise) -> AddedExercise:
    """Add the library exercise to the program and store the result as a new version.

    Everything is checked (dose, exercise, program, the whole new program) before anything is stored.
    """
    dose = dose_from_text(
        None if body.reps is None else str(body.reps),
        None if body.hold_s is None else str(body.hold_s),
        str(body.sets),
        body.per_side,
    )
    try:
        added = library.add_to_stored_program(
            store_of(request), body.exercise_id, body.library, body.program_id, dose, body.group, program_scope(request)
        )
    except NotInLibraryError:
        gettext: Callable[[str], str] = request.app.state.gettext
        raise NotFoundError(gettext("That exercise is not in the library: search for it again.")) from None
    return AddedExercise(
        program_id=added.program.id,
        version=added.version.version,
        exercise_id=added.exercise.id,
        exercise_name=added.exercise.name,
        dose=added.exercise.dose.describe(),
        copied_from=added.copied_from,
    )


@router.get("/api/library", tags=["library"])
def api_library(request: Request, q: Text = "", muscle: Text = "", equipment: Text = "") -> LibraryView:
    """Search the imported exercise library by words of the name, a muscle and equipment."""
    return library_view(request, q, muscle, equipment)


@router.post("/api/library/add", tags=["library"])
def api_library_add(request: Request, body: AddExercise) -> AddedExercise:
    """Add a library exercise to a program with a dose; a built-in program is copied under a new id first."""
    return add_exercise(request, body)


@router.get("/library", response_class=HTMLResponse, include_in_schema=False)
def library_page(request: Request, q: Text = "", muscle: Text = "", equipment: Text = "") -> Response:
    view = library_view(request, q, muscle, equipment)
    headers = request.headers
    if headers.get("HX-Target") == "library-results" and headers.get("HX-History-Restore-Request") != "true":
        return page(request, "_library_results.html", view)
    return page(request, "library.html", view, active="library")


@router.post("/library/add", response_class=HTMLResponse, include_in_schema=False)
def library_add_submit(request: Request, body: Annotated[AddExercise, Form()]) -> Response:
    added = add_exercise(request, body)
    return RedirectResponse(f"/programs/{added.program_id}", status_code=303)


def _imported(loaded: library.LibraryImport) -> LibraryImported:
    return LibraryImported(
        library=loaded.library,
        added=loaded.counts.added,
        updated=loaded.counts.updated,
        skipped=len(loaded.problems),
        problems=[
            f"record {p.index + 1}{f' ({p.record_id})' if p.record_id else ''}: {p.message}" for p in loaded.problems
        ][:5],
    )


def upload_library(request: Request, file: UploadFile | None) -> LibraryImported:
    """Import an uploaded library file (free-exercise-db JSON), at most the request limit in size."""
    gettext: Callable[[str], str] = request.app.state.gettext
    if file is None or not file.filename:
        raise RehabitError(gettext("Choose the library file (JSON) to upload."))
    limit: int = request.app.state.settings.max_request_bytes
    document = file.file.read(limit + 1)
    if len(document) > limit:
        raise RehabitError(gettext("The file is too large: the limit is %(mb)s MB.") % {"mb": limit // 1_000_000})
    return _imported(library.import_bytes(store_of(request), document, file.filename))


def fetch_free_exercise_db(request: Request) -> LibraryImported:
    """Download the free-exercise-db list from its public address and import it (not in clinic mode: a
    clinic's server fetches nothing from outside on a visitor's request; its admin loads the library)."""
    settings = request.app.state.settings
    return _imported(library.fetch_library(store_of(request), library.FREE_EXERCISE_DB_URL, clinic=settings.accounts))


@router.post("/api/library/import", tags=["library"])
def api_library_import(request: Request, file: Annotated[UploadFile | None, File()] = None) -> LibraryImported:
    """Load an exercise library from an uploaded free-exercise-db JSON file (bad records are skipped)."""
    return upload_library(request, file)


@router.post("/api/library/fetch", tags=["library"])
def api_library_fetch(request: Request) -> LibraryImported:
    """Load the free-exercise-db library from its public address (needs a connection)."""
    return fetch_free_exercise_db(request)


@router.post("/library/import", response_class=HTMLResponse, include_in_schema=False)
def library_import_submit(request: Request, file: Annotated[UploadFile | None, File()] = None) -> Response:
    return _loaded_page(request, lambda: upload_library(request, file))


@router.post("/library/fetch", response_class=HTMLResponse, include_in_schema=False)
def library_fetch_submit(request: Request) -> Response:
    return _loaded_page(request, lambda: fetch_free_exercise_db(request))


def _loaded_page(request: Request, load: Callable[[], LibraryImported]) -> Response:
    """The library page after loading, with what was loaded or why it could not be."""
    try:
        loaded = load()
    except RehabitError as error:
        view = library_view(request)
        status = getattr(error, "http_status", 400)
        return page(request, "library.html", view, status_code=status, active="library", error=str(error))
    return page(request, "library.html", library_view(request), active="library", loaded=loaded)


@router.get("/library/figures/{library_name}/{exercise_id}.svg", tags=["library"])
def library_figure(request: Request, library_name: str, exercise_id: str) -> Response:
    """A library exercise drawn by rehabit, as a still SVG."""
    exercise = library.figure_exercise(store_of(request), exercise_id, library_name)
    svg = illustration_svg(exercise, animated=False)
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=3600"})


@router.get("/programs/{program_id}/handout.pdf", include_in_schema=False)
def program_handout(request: Request, program_id: str, paper: Annotated[str, Query(max_length=10)] = "a4") -> Response:
    """The program as a printable PDF handout; narrowed to the person's stage when they follow this program."""
    found, pdf = exports.handout(store_of(request), person_id_of(request), program_id, paper, program_scope(request))
    headers = {"Content-Disposition": f'inline; filename="{found}-handout.pdf"'}
    return Response(pdf, media_type="application/pdf", headers=headers)
