"""`rehabit handout`: the program as a printable PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from rehabit.cli._app import short_help
from rehabit.cli._dates import ISO_DATE
from rehabit.export.handout import PAPER_SIZES, write_handout
from rehabit.programs import get_program


@click.command("handout", short_help=short_help("handout"))
@click.option("--program", "-p", "program_name", metavar="PROGRAM", help="Built-in program id or a YAML file.")
@click.option("--person", metavar="NAME", help="Name printed at the top (left blank to fill in by hand).")
@click.option("--paper", type=click.Choice(sorted(PAPER_SIZES)), default="a4", show_default=True)
@click.option("--stage", metavar="STAGE", help="Only the exercises of this stage (by stage id).")
@click.option(
    "--start",
    type=ISO_DATE,
    help="First day of the four-week tick-box table (YYYY-MM-DD; today by default).",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True, help="PDF file.")
def app(
    program_name: str | None,
    person: str | None,
    paper: str,
    stage: str | None,
    start: dt.datetime | None,
    output: Path,
) -> None:
    """Print a program as a PDF handout: illustrated exercises, doses, safety rules and a tick-box log."""
    program = get_program(program_name)
    pages = write_handout(
        program,
        output,
        person=person,
        paper="letter" if paper == "letter" else "a4",
        stage=stage,
        start=start.date() if start is not None else None,
    )
    click.echo(f"{output}: {pages} pages, {program.title!r}")
