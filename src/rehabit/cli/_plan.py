"""`rehabit plan [--weeks N] [--ics FILE]`."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from rehabit.cli._app import console, short_help
from rehabit.cli._dates import ISO_DATE
from rehabit.domain.rules import rule
from rehabit.errors import RehabitError
from rehabit.export.ics import write_calendar
from rehabit.services import exports, open_store, planning, setup
from rehabit.services.planning import MAX_WEEKS, PLAN_WEEKS, PersonPlan


@click.command("plan", short_help=short_help("plan"))
@click.option(
    "--weeks", type=int, default=PLAN_WEEKS, show_default=True, help=f"How many weeks to plan (1–{MAX_WEEKS})."
)
@click.option("--ics", type=click.Path(path_type=Path), metavar="FILE", help="Also write the plan as a calendar file.")
@click.option(
    "start",
    "--from",
    type=ISO_DATE,
    metavar="DATE",
    help="Plan from this date, YYYY-MM-DD (default today).",
)
def plan(weeks: int, ics: Path | None, start: datetime | None) -> None:
    """Plan your sessions for the coming weeks (2–3 a week on your days, never two days in a row) and show
    them as a table; --ics FILE writes them as an iCalendar file a calendar program can import."""
    if ics is not None:
        _check_writable(ics)
    today = start.date() if start is not None else date.today()
    with open_store() as store:
        person = setup.current_person(store)
        made = planning.plan(store, person.id, today, weeks)
        if ics is not None:
            document, _count = exports.calendar(store, person.id, today)
            write_calendar(ics, document)
    _print_plan(made)
    if ics is not None:
        click.echo(f"Wrote {len(made.stored.sessions)} sessions to {ics}.")


def _check_writable(path: Path) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise RehabitError(f"cannot write {path}: the folder {folder} does not exist")
    if path.is_dir():
        raise RehabitError(f"cannot write {path}: it is a folder")


def _print_plan(made: PersonPlan) -> None:
    out = console()
    program, planned = made.program, made.plan
    stage = program.stages[made.person.stage_index].name if program.stages else None
    title = f"Your plan: {program.title}" + (f" — {stage} stage" if stage else "")
    out.print(Text(title, style="bold"))
    table = Table(box=None, header_style="bold")
    for column in ("date", "exercises", "about"):
        table.add_column(column)
    for session in planned.sessions:
        minutes = max(1, round(session.estimated_seconds / 60))
        table.add_row(
            f"{session.on_date:%a} {session.on_date.day} {session.on_date:%b}",
            str(len(session.exercises)),
            f"{minutes} min",
        )
    out.print(table)
    if planned.sessions:
        exercises = Table(title="Each session", title_justify="left", box=None, header_style="dim")
        exercises.add_column("exercise", style="bold", min_width=24)
        exercises.add_column("dose")
        for item in planned.sessions[0].exercises:
            exercises.add_row(item.exercise.name, item.dose.describe())
        out.print(exercises)
    for note in planned.notes:
        out.print(f"• {note}")
    out.print(Text(f"FREQ-1: {rule('FREQ-1').reason()}", style="dim"))
