"""`rehabit export FILE.json` and `rehabit import FILE.json`: a complete backup of one person and its restore."""

from __future__ import annotations

from pathlib import Path

import click

from rehabit.export.backup import FORMAT_VERSION, export_person, import_backup, read_backup, write_backup
from rehabit.store import Store, people


@click.command("export")
@click.argument("file", type=click.Path(path_type=Path))
def export_command(file: Path) -> None:
    """Write a complete backup of your data (profile, screenings, programs, plans, logs) to a JSON file."""
    with Store.open() as store:
        person = people.current_person(store)
        backup = export_person(store, person.id)
    write_backup(file, backup)
    sets = sum(len(log.sets) for log in backup.session_logs)
    click.echo(
        f"Wrote {file}: backup format {FORMAT_VERSION}, {len(backup.session_logs)} sessions, {sets} sets, "
        f"{len(backup.plans)} plans, {len(backup.screenings)} screenings."
    )


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
def import_command(file: Path) -> None:
    """Restore a backup made with `rehabit export` into this database (all of it, or nothing)."""
    backup = read_backup(file)
    with Store.open() as store:
        person_id = import_backup(store, backup, str(file))
    click.echo(
        f"Imported {file} as profile {person_id}: {len(backup.session_logs)} sessions, {len(backup.plans)} plans, "
        f"{len(backup.screenings)} screenings."
    )
