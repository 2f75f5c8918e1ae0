"""`rehabit library import|search|add`: a local exercise library to build programs from."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from rehabit.cli._app import console, short_help
from rehabit.errors import NotInLibraryError
from rehabit.model import Group
from rehabit.programs.library import dose_from_text
from rehabit.services import library as library_service
from rehabit.services import open_store

SEARCH_LIMIT = 40


@click.group("library", short_help=short_help("library"))
def app() -> None:
    """Import exercise libraries, search them, and add their exercises to a program."""


@app.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--name", metavar="NAME", help="Library name (default: taken from the file name).")
def import_command(file: Path, name: str | None) -> None:
    """Import a library file in the free-exercise-db JSON format; bad records are listed and skipped."""
    with open_store() as store:
        imported = library_service.import_file(store, file, name)
    for problem in imported.problems:
        click.echo(f"skipped {problem}", err=True)
    skipped = f", {len(imported.problems)} skipped" if imported.problems else ""
    click.echo(f"{imported.library}: {imported.counts.added} added, {imported.counts.updated} updated{skipped}")


@app.command("search")
@click.argument("query", required=False)
@click.option("--muscle", "-m", metavar="MUSCLE", help="Only exercises working this muscle (e.g. glutes).")
@click.option("--equipment", "-e", metavar="EQUIPMENT", help="Only exercises using this equipment (e.g. bands).")
@click.option("--limit", type=click.IntRange(min=1), default=SEARCH_LIMIT, show_default=True)
def search(query: str | None, muscle: str | None, equipment: str | None, limit: int) -> None:
    """Search the imported exercises by name, muscle and equipment; prints id, name, muscles, equipment."""
    with open_store() as store:
        found = library_service.search(store, query, muscle=muscle, equipment=equipment, limit=limit + 1)
        empty = not found and not library_service.library_size(store)
    if empty:
        click.echo("The library is empty: import one with `rehabit library import FILE`.")
        return
    if not found:
        click.echo("No exercises match.")
        return
    table = Table(box=None, header_style="bold")
    table.add_column("id", no_wrap=True)
    for column in ("name", "muscles", "equipment", "level"):
        table.add_column(column)
    for item in found[:limit]:
        exercise = item.exercise
        table.add_row(
            exercise.id,
            exercise.name,
            ", ".join(exercise.primary_muscles),
            exercise.equipment or "—",
            exercise.level or "",
        )
    console().print(table)
    if len(found) > limit:
        click.echo(f"(first {limit} shown; narrow the search or raise --limit)")


@app.command("add")
@click.argument("exercise_id")
@click.option(
    "--to",
    "program_file",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Program YAML file to add to (made when it does not exist).",
)
@click.option("--reps", metavar="N[-M]", help="Repetitions per set, e.g. 10-15.")
@click.option("--hold", metavar="S[-T]", help="Seconds to hold each rep, e.g. 30.")
@click.option("--sets", metavar="N[-M]", default="1", show_default=True, help="Sets, e.g. 2-3.")
@click.option("--per-side", is_flag=True, help="The dose is done on each side.")
@click.option("--group", type=click.Choice([group.value for group in Group]), help="Group (default: guessed).")
@click.option("--stage", metavar="STAGE", help="Also list the exercise in this stage of the program.")
@click.option("--library", "library", metavar="NAME", help="Library to take the exercise from.")
def add(
    exercise_id: str,
    program_file: Path,
    reps: str | None,
    hold: str | None,
    sets: str,
    per_side: bool,
    group: str | None,
    stage: str | None,
    library: str | None,
) -> None:
    """Add a library exercise to a program file with a dose; the program is validated before saving."""
    dose = dose_from_text(reps, hold, sets, per_side, labels=("--reps", "--hold", "--sets"))
    with open_store() as store:
        try:
            program, exercise = library_service.add_to_file(
                store, exercise_id, library, program_file, dose, group=Group(group) if group else None, stage=stage
            )
        except NotInLibraryError as error:
            raise NotInLibraryError(f"{error} (try `rehabit library search`)") from None
    click.echo(
        f"{program_file}: added {exercise.name!r} as {exercise.id} ({exercise.group.value}, "
        f"{exercise.dose.describe()}); the program now has {_count(len(program.exercises), 'exercise')}"
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
