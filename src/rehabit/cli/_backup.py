"""`rehabit export FILE.json` and `rehabit import FILE.json`: a complete backup of one person and its restore."""

from __future__ import annotations

from pathlib import Path

import click

from rehabit.cli._app import short_help
from rehabit.cli._export_formats import BACKUP, export_format_options, export_in_format
from rehabit.errors import RehabitError
from rehabit.export.backup import FORMAT_VERSION, read_backup, write_backup
from rehabit.services import exports, open_store


@click.command("export", short_help=short_help("export"))
@click.argument("file", type=click.Path(path_type=Path))
@export_format_options
@click.option(
    "--person",
    metavar="ID|USERNAME",
    help="Whose backup to write, by profile id or patient user name (needed on a clinic's database).",
)
def export_command(file: Path, output_format: str, name: str | None, person: str | None) -> None:
    """Write a complete backup of your data (profile, screenings, programs, plans, logs) to a JSON file.

    On a clinic's database (accounts, or several profiles) a backup holds one person: name them with
    --person. With --fhir, write a FHIR R4 Bundle for a clinic's records system instead; with --csv, your
    logs as CSV, one row per set.
    """
    if output_format != BACKUP:
        if person is not None:
            raise RehabitError("--person goes with a backup only")
        export_in_format(output_format, file, name)
        return
    with open_store() as store:
        backup = exports.backup_of(store, person)
    write_backup(file, backup)
    sets = sum(len(log.sets) for log in backup.session_logs)
    click.echo(
        f"Wrote {file}: backup format {FORMAT_VERSION}, {len(backup.session_logs)} sessions, {sets} sets, "
        f"{len(backup.plans)} plans, {len(backup.screenings)} screenings."
    )


@click.command("import", short_help=short_help("import"))
@click.argument("file", type=click.Path(path_type=Path))
def import_command(file: Path) -> None:
    """Restore a backup made with `rehabit export` into this database (all of it, or nothing)."""
    backup = read_backup(file)
    with open_store() as store:
        person_id = exports.restore(store, backup, str(file))
    click.echo(
        f"Imported {file} as profile {person_id}: {len(backup.session_logs)} sessions, {len(backup.plans)} plans, "
        f"{len(backup.screenings)} screenings."
    )
