"""Import: an article (pasted or uploaded) or a photo of a handout, read by the practice reader, checked and
edited, saved as a program.

The reader (`rehabit.reader`) does all the reading and says where in the text each value came from (and, for
a photo or a scan, where on the page image); this module only lays that out as cards beside the source text
and the page images, and stores the edited program.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, ValidationError
from starlette.concurrency import run_in_threadpool

from rehabit import illustrate, reader
from rehabit.errors import RehabitError
from rehabit.model import Dose, Exercise, Group, IntRange, Program
from rehabit.programs.library import parse_range
from rehabit.reader import Evidence, ReaderResult, read_bytes, to_program
from rehabit.services import import_review, programs
from rehabit.web._context import person_id_of, program_scope, store_of, today
from rehabit.web._render import page

router = APIRouter()

FIELDS = ("name", "reps", "hold_s", "sets", "per_side", "equipment", "steps")


class Segment(BaseModel):
    """A run of the source text; `mark` is set when a value in the table came from it."""

    text: str
    mark: str | None = None
    field: str | None = None
    exercise: int | None = None


class ImportedExercise(BaseModel):
    index: int
    id: str
    name: str
    group: Group
    reps: str
    hold_s: str
    sets: str
    per_side: bool
    equipment: str
    optional_equipment: str
    steps: list[str]
    evidence: dict[str, list[str]]
    assumed: list[str]
    unclear: list[str] = []  # fields read from print the OCR was unsure of: to check on the photo
    posture: str = ""  # where the figure starts, as read from the steps or the name (an illustrate.Posture)
    posture_evidence: str = ""  # the words that decided it ("" when nothing did and standing is drawn)


class PageBox(BaseModel):
    """Where on a page image the words behind one marked value are (a polygon in the image's pixels)."""

    mark: str
    points: str


class PhotoPage(BaseModel):
    """One page image a photo or scan was read from, with the boxes of the values read from it."""

    width: int
    height: int
    preview: str = ""  # a data: URL of a small JPEG of the page (pages only, not the JSON API)
    boxes: list[PageBox]


class ImportView(BaseModel):
    """The reader's result laid out for checking: the table, the source text in marked segments."""

    title: str
    source: str
    frequency_per_week: str | None
    frequency: IntRange
    warnings: list[str]
    exercises: list[ImportedExercise]
    segments: list[Segment]
    program: dict[str, Any]
    pages: list[PhotoPage] = []  # a photo or scan: its pages, to highlight each value's words on
    postures: list[tuple[str, str]] = []  # the starting positions a figure can have: (id, words)


class SaveProgram(BaseModel):
    model_config = ConfigDict(extra="forbid")

    program: dict[str, Any]
    follow: bool = False


class SavedProgram(BaseModel):
    program_id: str
    version: int
    exercises: int
    followed: bool
    planned: bool
    requested: bool = False  # the person's program is prescribed: their clinician was asked instead


def _range_text(value: IntRange | None) -> str:
    return "" if value is None else str(value)


def _marks(result: ReaderResult) -> tuple[list[Segment], dict[int, dict[str, list[str]]], list[tuple[Evidence, str]]]:
    """Cut the source text into segments, marking each value's evidence (overlaps: the first kept wins)."""
    found: list[tuple[Evidence, int]] = [
        (evidence, index) for index, reading in enumerate(result.exercises) for evidence in reading.evidence
    ]
    if result.frequency_evidence is not None:
        found.append((result.frequency_evidence, -1))
    text = result.document.text
    kept: list[tuple[Evidence, int, str]] = []
    evidence_ids: dict[int, dict[str, list[str]]] = {}
    # short values first, so a whole step's span never hides the number inside it
    for number, (evidence, index) in enumerate(sorted(found, key=lambda item: item[0].end - item[0].start)):
        if not 0 <= evidence.start < evidence.end <= len(text):
            continue
        if any(evidence.start < other.end and other.start < evidence.end for other, _, _ in kept):
            continue
        mark = f"ev-{number}"
        kept.append((evidence, index, mark))
        evidence_ids.setdefault(index, {}).setdefault(evidence.field, []).append(mark)
    segments: list[Segment] = []
    position = 0
    for evidence, index, mark in sorted(kept, key=lambda item: item[0].start):
        if evidence.start > position:
            segments.append(Segment(text=text[position : evidence.start]))
        segments.append(
            Segment(text=text[evidence.start : evidence.end], mark=mark, field=evidence.field, exercise=index)
        )
        position = evidence.end
    if position < len(text):
        segments.append(Segment(text=text[position:]))
    return segments, evidence_ids, [(evidence, mark) for evidence, _, mark in kept]


def _photo_pages(result: ReaderResult, kept: list[tuple[Evidence, str]]) -> list[PhotoPage]:
    """The page images of a photo or scan, each with the boxes of the marked values read from it."""
    sizes = getattr(result.document, "pages", [])
    pages = [PhotoPage(width=size.width, height=size.height, boxes=[]) for size in sizes]
    for evidence, mark in kept:
        for box in reader.evidence_boxes(result, evidence):
            if 0 <= box.page < len(pages):
                points = " ".join(f"{x:.0f},{y:.0f}" for x, y in box.polygon)
                pages[box.page].boxes.append(PageBox(mark=mark, points=points))
    return pages


def _unclear_fields(result: ReaderResult, index: int) -> list[str]:
    """The fields of exercise `index` read from words the OCR was unsure of (marked for review)."""
    if index >= len(result.exercises):
        return []
    return sorted({e.field for e in result.exercises[index].evidence if reader.needs_review(result, e)})


def import_view(result: ReaderResult) -> ImportView:
    """The reader's result as the Import page and its JSON face show it."""
    program = to_program(result)
    segments, evidence_ids, kept = _marks(result)
    exercises = [
        ImportedExercise(
            index=index,
            id=exercise.id,
            name=exercise.name,
            group=exercise.group,
            reps=_range_text(exercise.dose.reps),
            hold_s=_range_text(exercise.dose.hold_s),
            sets=_range_text(exercise.dose.sets),
            per_side=exercise.dose.per_side,
            equipment=", ".join(exercise.equipment),
            optional_equipment=", ".join(exercise.optional_equipment),
            steps=list(exercise.steps),
            evidence=evidence_ids.get(index, {}),
            assumed=import_review.assumed_fields(exercise),
            unclear=_unclear_fields(result, index),
            posture=reading.posture.value,
            posture_evidence=reading.posture_evidence if reading.posture_from in ("steps", "name") else "",
        )
        for index, exercise in enumerate(program.exercises)
        for reading in [illustrate.read_exercise(exercise)]
    ]
    return ImportView(
        title=program.title,
        source=result.source,
        frequency_per_week=str(program.frequency_per_week),
        frequency=program.frequency_per_week,
        warnings=list(result.warnings),
        exercises=exercises,
        segments=segments,
        program=program.model_dump(mode="json"),
        pages=_photo_pages(result, kept),
        postures=illustrate.posture_choices(),
    )


class UploadTooLarge(RehabitError):
    """An upload or a pasted text over the import's limits (answered with 413)."""

    http_status = 413


class ReaderBusy(RehabitError):
    """Every reader slot is taken by other imports (answered with 503 and Retry-After)."""

    http_status = 503


# Imports read at the same time: each holds a worker thread for as long as the reader runs, so a few
# hostile uploads at once can never take every thread the other requests need.
READERS_AT_ONCE = 2
# what the reader raises for input over its limits (pages, characters, time, memory), once it has them
READER_LIMITS: type[Exception] | tuple[()] = getattr(reader, "InputTooLarge", ())
READER_WAIT_SECONDS = 10
_readers = threading.BoundedSemaphore(READERS_AT_ONCE)


def read_upload(request: Request, text: str, upload: bytes | None, name: str) -> ReaderResult:
    """Read pasted text or an uploaded file with the practice reader, in the worker thread the route runs
    in (never on the event loop); UploadTooLarge over the limits, RehabitError for unusable input."""
    settings = request.app.state.settings
    gettext: Callable[[str], str] = request.app.state.gettext
    if upload:
        limit = _upload_limit(request, upload)
        if len(upload) > limit:
            raise UploadTooLarge(gettext("The file is too large: the limit is %(mb)s MB.") % {"mb": limit // 1_000_000})
        return _read(request, upload, name or "upload")
    if not text.strip():
        raise RehabitError(gettext("Paste an article's text or choose a file to read."))
    if len(text) > settings.max_paste_chars:
        raise UploadTooLarge(
            gettext("The text is too long: paste at most %(n)s characters.") % {"n": settings.max_paste_chars}
        )
    return _read(request, text.encode("utf-8"), "pasted text")


def _upload_limit(request: Request, upload: bytes) -> int:
    """A photo or a PDF (which may be a scan) may be larger than an article's text."""
    settings = request.app.state.settings
    scan = reader.sniff(upload) in ("image", "pdf")
    return int(settings.max_scan_bytes if scan else settings.max_upload_bytes)


def add_page_previews(view: ImportView, result: ReaderResult) -> None:
    """Fill in the view's page images for a photo or a scan (a small JPEG each, as a data: URL), from the
    previews the reader made when it decoded the pages: the photo is not decoded a second time."""
    for page_view, preview in zip(view.pages, reader.page_previews(result.document), strict=False):
        if preview:
            page_view.preview = "data:image/jpeg;base64," + base64.b64encode(preview).decode("ascii")


def _read(request: Request, data: bytes, name: str) -> ReaderResult:
    if not _readers.acquire(timeout=READER_WAIT_SECONDS):
        gettext: Callable[[str], str] = request.app.state.gettext
        raise ReaderBusy(gettext("Other articles are being read just now; try again in a minute."))
    try:
        return read_bytes(data, None, name)
    except READER_LIMITS as error:
        raise UploadTooLarge(str(error)) from None
    finally:
        _readers.release()


def save_program(request: Request, program: Program, *, follow: bool) -> SavedProgram:
    """Store the program as a program of its own; only when asked (and the person is set up), switch them
    to it and plan again (screen allowing)."""
    person_id = person_id_of(request)
    imported = programs.import_program(
        store_of(request), program, person_id, today(), follow=follow, scope=program_scope(request)
    )
    followed = imported.followed
    requested = followed is not None and followed.request is not None
    return SavedProgram(
        program_id=imported.version.slug,
        version=imported.version.version,
        exercises=len(program.exercises),
        followed=followed is not None and not requested,
        planned=followed is not None and followed.plan is not None,
        requested=requested,
    )


def _edited_program(form: Any, document: str) -> Program:
    """The reader's program with the review's edits applied; RehabitError naming the first bad field."""
    try:
        program = Program.model_validate_json(document)
    except ValidationError:
        raise RehabitError("the program to save is missing or damaged; read the article again") from None
    edits = [_exercise_edit(form, index, exercise) for index, exercise in enumerate(program.exercises)]
    return import_review.apply_edits(program, edits)


def _exercise_edit(form: Any, index: int, exercise: Exercise) -> import_review.ExerciseEdit:
    """One exercise's card of the review form as an edit (fields missing from the form stay as read)."""
    name = str(form.get(f"name-{index}", exercise.name)).strip() or exercise.name
    in_form = f"name-{index}" in form
    try:
        dose = Dose(
            reps=_parse_range(form.get(f"reps-{index}"), exercise.dose.reps, "reps"),
            hold_s=_parse_range(form.get(f"hold_s-{index}"), exercise.dose.hold_s, "hold"),
            sets=_parse_range(form.get(f"sets-{index}"), exercise.dose.sets, "sets") or IntRange.of(1),
            per_side=form.get(f"per_side-{index}") is not None if in_form else exercise.dose.per_side,
            tempo_s=exercise.dose.tempo_s,
            rest_s=exercise.dose.rest_s,
        )
        group = Group(str(form.get(f"group-{index}", exercise.group.value)))
        split = str(form.get(f"split-{index}", "0")).strip() or "0"
        split_after = int(split) if split.isdigit() else -1
        if split_after < 0:
            raise RehabitError(f"the step to split after must be a number, not {split!r}")
    except (ValidationError, ValueError, RehabitError) as error:
        message = error.errors()[0]["msg"] if isinstance(error, ValidationError) else str(error)
        raise RehabitError(f"exercise {index + 1} ({name}): {message.removeprefix('Value error, ')}") from None
    steps_text = form.get(f"steps-{index}")
    return import_review.ExerciseEdit(
        name=name,
        group=group,
        dose=dose,
        equipment=_items(form.get(f"equipment-{index}"), exercise.equipment),
        optional_equipment=_items(form.get(f"optional_equipment-{index}"), exercise.optional_equipment),
        steps=list(exercise.steps) if steps_text is None else str(steps_text).splitlines(),
        delete=form.get(f"delete-{index}") is not None,
        merge_into_previous=form.get(f"merge-{index}") is not None,
        split_after_step=split_after,
        posture=str(form.get(f"posture-{index}", "")).strip() or None,
    )


def _items(raw: object, current: list[str]) -> list[str]:
    """A comma-separated field as a list (unchanged when the form lacks it)."""
    if raw is None:
        return list(current)
    return [item.strip().lower() for item in str(raw).split(",") if item.strip()]


def _parse_range(raw: object, current: IntRange | None, what: str) -> IntRange | None:
    """A table cell as a range: unchanged when the form lacks it, none when it is left empty."""
    if raw is None:
        return current
    text = str(raw).strip()
    return parse_range(text, what) if text else None


# --- API ---------------------------------------------------------------------------------------------


@router.post("/api/import", tags=["import"])
def api_import(
    request: Request,
    text: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
    photo: Annotated[UploadFile | None, File()] = None,
) -> ImportView:
    """Read an article (pasted `text` or an uploaded `file`: HTML, Markdown, text, PDF, or a `photo` or scan
    of a paper handout) into a program. For a photo or scan, `pages` gives each page image's size and the
    boxes (in its pixels) of the words behind each marked value; `unclear` names the values to check."""
    upload, name = _upload(request, file, photo)
    return import_view(read_upload(request, text, upload, name))


@router.post("/api/import/save", tags=["import"])
def api_import_save(request: Request, body: SaveProgram) -> SavedProgram:
    """Save a program (as read, or edited) as a program of its own; with `follow`, also switch the person
    to it and plan again (otherwise they choose later, with `POST /api/programs/{id}/follow`)."""
    try:
        program = Program.model_validate(body.program)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise RehabitError(f"program.{field}: {first['msg']}" if field else str(first["msg"])) from None
    return save_program(request, program, follow=body.follow)


def _upload(request: Request, *files: UploadFile | None) -> tuple[bytes | None, str]:
    """The first of the uploaded files that holds something (a file chosen, or a photo taken), and its name."""
    for file in files:
        data = _read_file(request, file)
        if data and file is not None:
            return data, file.filename or ""
    return None, ""


def _read_file(request: Request, file: UploadFile | None) -> bytes | None:
    """The uploaded file's bytes (at most the limit), read in the worker thread the route runs in."""
    if file is None:
        return None
    settings = request.app.state.settings
    limit: int = max(settings.max_upload_bytes, settings.max_scan_bytes)
    data = file.file.read(limit + 1)
    if len(data) > limit:
        gettext: Callable[[str], str] = request.app.state.gettext
        raise UploadTooLarge(gettext("The file is too large: the limit is %(mb)s MB.") % {"mb": limit // 1_000_000})
    return data or None


# --- pages -------------------------------------------------------------------------------------------


@router.get("/import", response_class=HTMLResponse, include_in_schema=False)
def import_page(request: Request) -> Response:
    return page(request, "import.html", None, active="import")


@router.post("/import", response_class=HTMLResponse, include_in_schema=False)
def import_submit(
    request: Request,
    text: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
    photo: Annotated[UploadFile | None, File()] = None,
) -> Response:
    try:
        upload, name = _upload(request, file, photo)
        result = read_upload(request, text, upload, name)
    except RehabitError as error:
        status = getattr(error, "http_status", 400)
        return page(request, "import.html", None, status_code=status, active="import", error=str(error), text=text)
    view = import_view(result)
    add_page_previews(view, result)
    return page(request, "import_review.html", view, active="import", body_class="wide")


@router.post("/import/save", response_class=HTMLResponse, include_in_schema=False)
async def import_save_submit(request: Request) -> Response:
    form = await request.form()
    return await run_in_threadpool(_import_save, request, form)  # the event loop never waits for the database


def _import_save(request: Request, form: Any) -> Response:
    program = _edited_program(form, str(form.get("program", "")))
    saved = save_program(request, program, follow=False)
    scope = program_scope(request)
    if person_id_of(request) is None or (scope.account is not None and not scope.is_patient):
        return RedirectResponse(f"/programs/{saved.program_id}", status_code=303)  # nobody here follows it
    return RedirectResponse(f"/programs/{saved.program_id}/follow?imported=1", status_code=303)
