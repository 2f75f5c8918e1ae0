"""`rehabit export FILE.json` and `rehabit import FILE.json`: a complete backup of one person and its restore."""

from __future__ import annotations

from pathlib import Path

import click

from rehabit.cli._app import short_help
from rehabit.cli._export_formats import BACKUP, export_format_options, export_in_format
from rehabit.export.backup import FORMAT_VERSION, read_backup, write_backup
from rehabit.services import exports, open_store, setup


@click.command("export", short_help=short_help("export"))
@click.argument("file", type=click.Path(path_type=Path))
@export_format_options
def export_command(file: Path, output_format: str, name: str | None) -> None:
    """Write a complete backup of your data (profile, screenings, programs, plans, logs) to a JSON file.

    With --fhir, write a FHIR R4 Bundle for a clinic's records system instead; with --csv, your logs as
    CSV, one row per set.
    """
    if output_format != BACKUP:
        export_in_format(output_format, file, name)
        return
    with open_store() as store:
        backup = exports.backup(store, setup.current_person(store).id)
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
