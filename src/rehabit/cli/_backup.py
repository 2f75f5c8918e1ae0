"""`rehabit export FILE.json` and `rehabit import FILE.json`: a backup of the whole database or of one person."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import click

from rehabit.cli._app import short_help
from rehabit.cli._export_formats import BACKUP, export_format_options, export_in_format
from rehabit.errors import RehabitError
from rehabit.export.backup import FULL_FORMAT, PERSON_FORMAT, FullBackup, read_backup, write_backup
from rehabit.services import exports, open_store


@click.command("export", short_help=short_help("export"))
@click.argument("file", type=click.Path(path_type=Path))
@export_format_options
@click.option(
    "--person",
    metavar="ID|USERNAME",
    help="Back up one person only, by profile id or patient user name (format 1: it restores as a new person).",
)
@click.option("--all", "everything", is_flag=True, help="Back up the whole database (needed on a clinic's database).")
def export_command(file: Path, output_format: str, name: str | None, person: str | None, everything: bool) -> None:
    """Write a backup to a JSON file: everything in the database, or one person with --person.

    A whole-database backup (format 2) holds every person with their profile, screenings, programs, plans,
    logs, decisions and ratings, every program version, the exercise library, and in clinic mode the
    accounts (password hashes, never passwords), care links, invites and the audit trail. It leaves out who
    is signed in right now, trusted devices and recent wrong passwords. On a clinic's database say --all or
    --person. With --fhir, write a FHIR R4 Bundle for a clinic's records system instead; with --csv, your
    logs as CSV, one row per set.
    """
    if output_format != BACKUP:
        if person is not None or everything:
            raise RehabitError("--person and --all go with a backup only")
        export_in_format(output_format, file, name)
        return
    with open_store() as store:
        backup = exports.backup_of(store, person, everything=everything)
    write_backup(file, backup)
    if isinstance(backup, FullBackup):
        rows = backup.row_counts()
        click.echo(
            f"Wrote {file}: backup format {FULL_FORMAT}, the whole database: {_count(rows, 'people', 'profile')}, "
            f"{_count(rows, 'accounts', 'account')}, {_count(rows, 'session_logs', 'session')}, "
            f"{_count(rows, 'set_logs', 'set')}, {_count(rows, 'library_exercises', 'library exercise')}."
        )
        return
    sets = sum(len(log.sets) for log in backup.session_logs)
    click.echo(
        f"Wrote {file}: backup format {PERSON_FORMAT}, {len(backup.session_logs)} sessions, {sets} sets, "
        f"{len(backup.plans)} plans, {len(backup.screenings)} screenings."
    )


@click.command("import", short_help=short_help("import"))
@click.argument("file", type=click.Path(path_type=Path))
def import_command(file: Path) -> None:
    """Restore a backup made with `rehabit export` (all of it, or nothing).

    A one-person backup becomes a new profile in this database; a whole-database backup goes into an empty
    database only (point REHABIT_DATA_DIR or REHABIT_DATABASE_URL at a new one).
    """
    backup = read_backup(file)
    with open_store() as store:
        restored = exports.restore(store, backup, str(file))
    rows = restored.rows
    if restored.whole_database:
        click.echo(
            f"Imported {file}, the whole database: {_count(rows, 'people', 'profile')}, "
            f"{_count(rows, 'accounts', 'account')}, {_count(rows, 'session_logs', 'session')}, "
            f"{_count(rows, 'set_logs', 'set')}, {_count(rows, 'library_exercises', 'library exercise')}."
        )
        return
    click.echo(
        f"Imported {file} as profile {restored.person_id}: {rows['session_logs']} sessions, {rows['plans']} plans, "
        f"{rows['screenings']} screenings."
    )


def _count(rows: Mapping[str, int], table: str, noun: str) -> str:
    number = rows.get(table, 0)
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
