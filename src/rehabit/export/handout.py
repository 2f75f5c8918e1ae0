"""The printable handout: a program as the PDF a physiotherapist gives a patient.

`handout_html` builds the page from the template in `templates/handout.html` (no I/O beyond reading
the template); `write_handout` turns it into a PDF with WeasyPrint. One section per exercise with its
illustration, steps, dose in plain words, what to feel and what to avoid; the weekly frequency and a
tick-box table for the next four weeks; the safety rules (SCREEN-1, PAIN-1, PAIN-2, PAIN-3 of
CLINICAL.md, in our own words); the sources.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from rehabit.domain.frequency import frequency_sentence, rest_days_between
from rehabit.domain.planner import choose_exercises
from rehabit.errors import NotFoundError, RehabitError
from rehabit.illustrate import render_static_svg
from rehabit.model import Dose, Exercise, Group, IntRange, Program

Paper = Literal["a4", "letter"]
PAPER_SIZES: dict[str, str] = {"a4": "A4", "letter": "letter"}
WEEKS = 4
READER_NOTE = "Not in source:"  # how the practice reader starts its notes on values it assumed
# More than five tick columns a week would not fit a portrait page; people who train more often
# tick the table like a checklist rather than one column per session.
MAX_TICK_COLUMNS = 5

__all__ = ["PAPER_SIZES", "Paper", "dose_sentence", "handout_html", "handout_pdf", "write_handout"]


@dataclass(frozen=True)
class _Section:
    exercise: Exercise
    number: int
    dose_short: str
    dose_sentence: str
    illustration_uri: str
    source_numbers: list[int]
    easier: str | None
    harder: str | None


@dataclass(frozen=True)
class _Week:
    number: int
    starts: dt.date
    sessions: int


def dose_sentence(dose: Dose) -> str:
    """The dose as whole sentences for someone reading a handout at home.

    "10–15 reps · hold 2 s" becomes "Do 10 to 15 repetitions, pausing for 2 seconds at the top of each."
    """
    side = " on each side" if dose.per_side else ""
    reps, hold = dose.reps, dose.hold_s
    if reps is not None and hold is not None and reps.max == 1:
        text = f"Hold the position for {_count(hold, 'second')}{side}."
    elif reps is not None and hold is not None and hold.max > 5:
        text = f"Hold the position for {_count(hold, 'second')}, then rest briefly; do this {_times(reps)}{side}."
    elif reps is not None and hold is not None:
        text = f"Do {_count(reps, 'repetition')}{side}, pausing for {_count(hold, 'second')} at the top of each."
    elif reps is not None:
        text = f"Do {_count(reps, 'repetition')}{side}."
    else:
        assert hold is not None  # the Dose model requires reps or a hold
        text = f"Hold the position for {_count(hold, 'second')}{side}."
    if reps is not None and (hold is None or reps.max > 1) and (hold is None or hold.max <= 5):
        tempo = f"{dose.tempo_s:g}"
        text += f" Move slowly and smoothly, about {tempo} seconds each way."
    if dose.sets.max > 1:
        text += f" That makes one set; do {_words(dose.sets)} sets, resting {dose.rest_s} seconds between them."
    return text


def handout_html(
    program: Program,
    *,
    person: str | None = None,
    paper: Paper = "a4",
    stage: str | None = None,
    start: dt.date | None = None,
    equipment: Iterable[str] | None = None,
    doses: Mapping[str, Dose] | None = None,
) -> str:
    """The handout as one HTML document (illustrations inlined), ready for WeasyPrint.

    `stage` narrows the handout to one stage's exercises (by stage id); `start` is the first day of the
    four-week tick-box table (today when not given). For a person, `equipment` (what they have) leaves
    out or swaps the exercises that need something else, as the planner does, and `doses` (exercise id ->
    their current dose) replaces the program's starting doses. The reader's notes on values it assumed
    are for whoever checks an import, never printed for the patient.
    """
    if paper not in PAPER_SIZES:
        raise RehabitError(f"unknown paper size {paper!r} (choose a4 or letter)")
    # Sections are printed group by group, so they are numbered in that order too.
    group_order = list(Group)
    chosen = _chosen_exercises(program, stage)
    if equipment is not None:
        index = _stage_index(program, stage) if stage is not None else None
        if index is not None:
            chosen = choose_exercises(program, index, equipment)[0] or chosen
        else:
            have = {item.strip().lower() for item in equipment}
            chosen = [e for e in chosen if all(item in have for item in e.equipment)] or chosen
    chosen = [_for_patient(exercise, (doses or {}).get(exercise.id)) for exercise in chosen]
    exercises = sorted(chosen, key=lambda exercise: group_order.index(exercise.group))
    start = start or dt.date.today()
    source_numbers = {source.id: number for number, source in enumerate(program.sources, start=1)}
    names = {exercise.id: exercise.name for exercise in program.exercises}
    sections = [
        _Section(
            exercise=exercise,
            number=number,
            dose_short=exercise.dose.describe(),
            dose_sentence=dose_sentence(exercise.dose),
            illustration_uri=_data_uri(render_static_svg(exercise)),
            source_numbers=[source_numbers[s] for s in exercise.sources if s in source_numbers],
            easier=names.get(exercise.regresses_to or ""),
            harder=names.get(exercise.progresses_to or ""),
        )
        for number, exercise in enumerate(exercises, start=1)
    ]
    groups = [(group, [s for s in sections if s.exercise.group is group]) for group in Group]
    weeks = [
        _Week(
            number=n + 1,
            starts=start + dt.timedelta(weeks=n),
            sessions=min(program.frequency_per_week.max, MAX_TICK_COLUMNS),
        )
        for n in range(WEEKS)
    ]
    stage_name = program.stages[_stage_index(program, stage)].name if stage is not None else None
    template = _environment().get_template("handout.html")
    return template.render(
        program=program,
        person=person,
        page_size=PAPER_SIZES[paper],
        stage_name=stage_name,
        start=start,
        groups=[(group, members) for group, members in groups if members],
        sections=sections,
        weeks=weeks,
        frequency=_frequency_words(program.frequency_per_week),
        rest_days=rest_days_between(program.frequency_per_week),
        names=names,
    )


def handout_pdf(
    program: Program,
    *,
    person: str | None = None,
    paper: Paper = "a4",
    stage: str | None = None,
    start: dt.date | None = None,
    equipment: Iterable[str] | None = None,
    doses: Mapping[str, Dose] | None = None,
) -> bytes:
    """The handout as PDF bytes (see `handout_html`)."""
    from weasyprint import HTML  # imported here: WeasyPrint takes a moment to load

    html = handout_html(
        program, person=person, paper=paper, stage=stage, start=start, equipment=equipment, doses=doses
    )
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def write_handout(
    program: Program,
    path: Path | str,
    *,
    person: str | None = None,
    paper: Paper = "a4",
    stage: str | None = None,
    start: dt.date | None = None,
) -> int:
    """Write the handout PDF to `path`; returns its number of pages."""
    from weasyprint import HTML  # imported here: WeasyPrint takes a moment to load

    html = handout_html(program, person=person, paper=paper, stage=stage, start=start)
    document = HTML(string=html).render()
    target = Path(path)
    try:
        document.write_pdf(target)
    except OSError as error:
        raise RehabitError(f"cannot write {target} ({error.strerror})") from None
    return len(document.pages)


def _for_patient(exercise: Exercise, dose: Dose | None) -> Exercise:
    """The exercise as printed for a patient: their dose, and no reader's notes among the cautions."""
    cautions = [c for c in exercise.cautions if not c.startswith(READER_NOTE)]
    return exercise.model_copy(update={"cautions": cautions, "dose": dose or exercise.dose})


def _chosen_exercises(program: Program, stage: str | None) -> list[Exercise]:
    exercises = list(program.exercises) if stage is None else program.stage_exercises(_stage_index(program, stage))
    if not exercises:
        raise RehabitError(f"program {program.id} has no exercises to put in a handout")
    return exercises


def _stage_index(program: Program, stage: str | None) -> int:
    for index, candidate in enumerate(program.stages):
        if candidate.id == stage:
            return index
    known = ", ".join(s.id for s in program.stages) or "none"
    raise NotFoundError(f"no stage {stage!r} in {program.id} (stages: {known})")


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _words(value: IntRange) -> str:
    return str(value.min) if value.min == value.max else f"{value.min} to {value.max}"


def _count(value: IntRange, unit: str) -> str:
    plural = "" if value.max == 1 else "s"
    return f"{_words(value)} {unit}{plural}"


def _times(value: IntRange) -> str:
    if value.min == value.max == 1:
        return "once"
    if value.min == value.max == 2:
        return "twice"
    return f"{_words(value)} times"


def _frequency_words(frequency: IntRange) -> str:
    if frequency.min > 7:
        return frequency_sentence(frequency).removesuffix(".").lower()
    if frequency.min == 7:
        return "every day"
    times = "once" if frequency.max == 1 else f"{_words(frequency)} times"
    return f"{times} a week"


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("rehabit.export", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["day"] = lambda day: f"{day.day} {day:%b %Y}"
    environment.filters["and_list"] = _and_list
    environment.filters["sentences"] = _sentences
    return environment


def _and_list(items: list[str]) -> str:
    """ "a, b and c" """
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _sentences(items: list[str]) -> str:
    """Join short texts into running prose, adding a comma where one text lacks its full stop."""
    text = ""
    for item in items:
        if text:
            text += " " if text.endswith((".", "!", "?", ";")) else ", "
        text += item
    return text
