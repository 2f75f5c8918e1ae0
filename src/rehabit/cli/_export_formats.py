"""The other formats of `rehabit export`: `--fhir` (FHIR R4 Bundle) and `--csv` (one row per set).

`rehabit export` (cli/_backup.py) takes these options with `@export_format_options` and hands any
format other than the JSON backup to `export_in_format`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from rehabit.errors import RehabitError
from rehabit.export.logs_csv import write_csv
from rehabit.services import exports, open_store, setup

BACKUP = "backup"
F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["BACKUP", "export_format_options", "export_in_format"]


def export_format_options(command: F) -> F:
    """Add `--fhir`, `--csv` and `--name` to a command (its parameters `output_format` and `name`)."""
    command = click.option(
        "--name", metavar="NAME", help="With --fhir: the patient's name to put in the Patient (none by default)."
    )(command)
    command = click.option(
        "--csv", "output_format", flag_value="csv", help="Write the logs as CSV, one row per set, instead."
    )(command)
    command = click.option(
        "--fhir", "output_format", flag_value="fhir", help="Write a FHIR R4 Bundle (JSON) instead of a backup."
    )(command)
    return click.option("--backup", "output_format", flag_value=BACKUP, default=True, hidden=True)(command)


def export_in_format(output_format: str, file: Path, name: str | None = None) -> None:
    """Write the current profile's data to `file` as FHIR R4 JSON or CSV, and say what was written."""
    if name is not None and output_format != "fhir":
        raise RehabitError("--name goes with --fhir only")
    with open_store() as store:
        person = setup.current_person(store)
        if output_format == "csv":
            rows = write_csv(exports.csv_text(store, person.id), file)
            click.echo(f"Wrote {file}: {rows} sets, one row each.")
            return
        bundle = exports.fhir(store, person.id, name)
    try:
        file.write_text(json.dumps(bundle, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as error:
        raise RehabitError(f"cannot write {file} ({error.strerror})") from None
    kinds: dict[str, int] = {}
    for entry in bundle["entry"]:
        kind = entry["resource"]["resourceType"]
        kinds[kind] = kinds.get(kind, 0) + 1
    counts = ", ".join(f"{count} {kind}" for kind, count in kinds.items())
    click.echo(f"Wrote {file}: FHIR R4 Bundle with {counts}.")
