"""`rehabit program list|show|validate`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from rehabit.cli._app import console, short_help
from rehabit.domain.frequency import frequency_sentence
from rehabit.errors import NotFoundError
from rehabit.model import Exercise, Group, Program
from rehabit.programs import builtin_programs, get_program


@click.group("program", short_help=short_help("program"))
def app() -> None:
    """List, show, check and follow exercise programs."""


@app.command("list")
def list_programs() -> None:
    """List the programs rehabit knows: id, title, exercises and sessions a week."""
    table = Table(box=None, header_style="bold")
    for column in ("id", "title", "exercises", "stages", "per week"):
        table.add_column(column)
    for program in builtin_programs().values():
        table.add_row(
            program.id,
            program.title,
            str(len(program.exercises)),
            str(len(program.stages)),
            str(program.frequency_per_week),
        )
    console().print(table)


@app.command("show")
@click.argument("program_name", metavar="[PROGRAM]", required=False)
@click.option("--exercise", "-e", metavar="ID", help="Show only this exercise.")
@click.option("output_format", "--format", "-f", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show(program_name: str | None, exercise: str | None, output_format: str) -> None:
    """Show a program (the built-in one by default, or a YAML file): its groups, exercises and doses."""
    program = get_program(program_name)
    if exercise is not None:
        try:
            chosen = program.exercise(exercise)
        except KeyError:
            ids = ", ".join(e.id for e in program.exercises)
            raise NotFoundError(f"no exercise {exercise!r} in {program.id} (exercises: {ids})") from None
        if output_format == "json":
            click.echo(json.dumps(chosen.model_dump(mode="json"), indent=2, ensure_ascii=False))
        else:
            _print_exercise(chosen)
        return
    if output_format == "json":
        click.echo(json.dumps(program.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        _print_program(program)


@app.command("use")
@click.argument("program_name", metavar="PROGRAM")
@click.option("--stage", "stage_number", type=click.IntRange(min=1), default=1, show_default=True,
              help="Start at this stage (1 is the first).")  # fmt: skip
def use(program_name: str, stage_number: int) -> None:
    """Follow a program from now on: a built-in id, an imported program's id, or a program file (e.g. one
    `rehabit read` wrote). Your sessions so far and their decisions stay in your history; the coming
    sessions are planned with the new program when your warning-sign screen allows it."""
    from rehabit.services import open_store, programs, setup  # the database, only for this command

    with open_store() as store:
        person = setup.current_person(store)
        followed = programs.follow_program(store, person.id, program_name, date.today(), stage_index=stage_number - 1)
    program = followed.program
    stage = f", stage {stage_number} ({program.stages[stage_number - 1].name})" if program.stages else ""
    verb = "Now following" if followed.switched else "Still following"
    click.echo(f"{verb} {program.title!r} ({program.id}{stage}).")
    if followed.plan is not None:
        sessions = followed.plan.plan.sessions
        first = f", the first on {sessions[0].on_date.isoformat()}" if sessions else ""
        click.echo(f"Planned {len(sessions)} sessions{first}: `rehabit plan` shows them.")
    else:
        click.echo("Nothing is planned yet: the warning-sign screen does not allow a program (`rehabit screen`).")


@app.command("validate")
@click.argument("file", type=click.Path(path_type=Path))
def validate(file: Path) -> None:
    """Check a program file; print what is wrong and where (file:line: field), or a summary."""
    from rehabit.services.programs import check_program_file  # the drawing code checks the figures' blocks

    program = check_program_file(file)
    click.echo(f"{file}: ok — {program.title!r}, {len(program.exercises)} exercises, {len(program.stages)} stages")


def _print_program(program: Program) -> None:
    out = console()
    out.print(Text(program.title, style="bold"))
    if program.summary:
        out.print(program.summary)
    out.print(frequency_sentence(program.frequency_per_week) + "\n")
    for group in Group:
        members = [e for e in program.exercises if e.group is group]
        if not members:
            continue
        table = Table(title=group.value.capitalize(), title_justify="left", box=None, header_style="dim")
        table.add_column("exercise", style="bold", min_width=24)
        table.add_column("dose", min_width=26)
        table.add_column("equipment")
        for exercise in members:
            table.add_row(exercise.name, exercise.dose.describe(), ", ".join(exercise.equipment) or "—")
        out.print(table)
        out.print()
    if program.stages:
        out.print(Text("Stages", style="bold"))
        for number, stage in enumerate(program.stages, start=1):
            names = ", ".join(program.exercise(e).name for e in stage.exercises)
            out.print(f"  {number}. {stage.name}: {names}")
        out.print()
    if program.safety_notes:
        out.print(Text("Safety", style="bold"))
        for note in program.safety_notes:
            out.print(f"  • {note}")


def _print_exercise(exercise: Exercise) -> None:
    out = console()
    out.print(Text(f"{exercise.name}  ({exercise.group.value})", style="bold"))
    if exercise.purpose:
        out.print(exercise.purpose)
    out.print(f"Dose: {exercise.dose.describe()}")
    if exercise.equipment:
        out.print(f"Equipment: {', '.join(exercise.equipment)}")
    if exercise.targets:
        out.print(f"Works: {', '.join(exercise.targets)}")
    for number, step in enumerate(exercise.steps, start=1):
        out.print(f"  {number}. {step}")
    for caution in exercise.cautions:
        out.print(f"  ! {caution}")
    if exercise.progresses_to:
        out.print(f"Next variation: {exercise.progresses_to}")
    if exercise.regresses_to:
        out.print(f"Easier variation: {exercise.regresses_to}")
