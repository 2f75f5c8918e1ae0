"""The whole database as a backup document (format 2), and such a backup restored into an empty database.

Every table in the metadata is written, row by row with its ids, except those in `LEFT_OUT` (each with
its reason). A restore checks every row before writing any: each column against its SQL type (integers,
text lengths, dates from 1900 to 2200, the values a CHECK constraint allows, `COLUMN_TYPES` where the
domain says more), programs against their content hash, and every reference against the rows the backup
holds. Then it writes everything in one transaction: whole or nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Annotated, Any, Literal, cast

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt, ValidationError, create_model
from sqlalchemy import JSON, Boolean, CheckConstraint, Column, Date, Integer, String, Table, Text, func, insert, select
from sqlalchemy import text as sql_text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from rehabit.domain.dates import check_date, check_moment
from rehabit.errors import RehabitError
from rehabit.export.backup import COLUMN_TYPES, FORMAT, FULL_FORMAT, FullBackup, validation_problem
from rehabit.model import Program
from rehabit.store.database import Store
from rehabit.store.migrate import load_all_tables
from rehabit.store.programs import content_hash
from rehabit.store.tables import Base, UtcDateTime

__all__ = ["LEFT_OUT", "Restored", "backed_up_tables", "export_everything", "import_everything"]

# Tables a whole-database backup leaves out, and why. Everything else is written.
LEFT_OUT: dict[str, str] = {
    "signin_sessions": "who is signed in on this server right now (everyone signs in again after a restore)",
    "trusted_devices": "devices that skipped the sign-in delay on this server (they ask for it once more)",
    "signin_failures": "recent wrong passwords, kept only to slow down guessing",
}

_INSERT_CHUNK = 500
_TEXT_LIMIT = 100_000  # a Text column with no domain limit
_IN_LIST = re.compile(r"^\s*(\w+)\s+IN\s*\((.*)\)\s*$", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Restored:
    """What a whole-database restore wrote: rows per table."""

    rows: dict[str, int]

    def count(self, table: str) -> int:
        return self.rows.get(table, 0)


def backed_up_tables() -> list[Table]:
    """The tables a whole-database backup writes, parents before the tables that point at them."""
    load_all_tables()
    return [table for table in Base.metadata.sorted_tables if table.name not in LEFT_OUT]


def export_everything(store: Store) -> FullBackup:
    """Every row of every backed-up table, in primary-key order, as a format-2 backup document."""
    with store.read() as db:
        tables = {table.name: list(_rows_of(db, table)) for table in backed_up_tables()}
    return FullBackup(format=FORMAT, format_version=FULL_FORMAT, left_out=dict(LEFT_OUT), tables=tables)


def import_everything(store: Store, backup: FullBackup, filename: str = "<backup>") -> Restored:
    """Restore a whole-database backup into this database, which must hold no rows in the backed-up tables.

    Every row is checked first (RehabitError naming the table, row and field; nothing written); then all
    rows are written in one transaction."""
    checked = _checked_rows(backup, filename)
    try:
        with store.transaction() as db:
            _refuse_unless_empty(db, filename)
            for table in backed_up_tables():
                rows = checked.get(table.name, [])
                for start in range(0, len(rows), _INSERT_CHUNK):
                    db.execute(insert(table), rows[start : start + _INSERT_CHUNK])
            if store.dialect == "postgresql":
                _advance_sequences(db)
    except IntegrityError as error:
        detail = str(getattr(error, "orig", error)).strip().splitlines()[0]
        raise RehabitError(f"{filename} cannot be imported, nothing was changed: {detail}") from None
    return Restored({name: len(rows) for name, rows in checked.items() if rows})


# --- writing ------------------------------------------------------------------------------------------


def _rows_of(db: Session, table: Table) -> Iterator[dict[str, Any]]:
    order = list(table.primary_key.columns) or list(table.columns)
    for row in db.execute(select(table).order_by(*order)).mappings():
        yield {column.name: _json_value(row[column.name]) for column in table.columns}


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


# --- checking -----------------------------------------------------------------------------------------


def _checked_rows(backup: FullBackup, filename: str) -> dict[str, list[dict[str, Any]]]:
    known = {table.name: table for table in backed_up_tables()}
    unknown = sorted(set(backup.tables) - set(known) - set(LEFT_OUT))
    if unknown:
        raise RehabitError(f"{filename}: table {unknown[0]!r} is not one this rehabit keeps (from a newer rehabit?)")
    checked: dict[str, list[dict[str, Any]]] = {}
    for name, table in known.items():
        model = _row_model(table)
        rows: list[dict[str, Any]] = []
        for position, row in enumerate(backup.tables.get(name, [])):
            try:
                values = model.model_validate(row).model_dump(exclude_unset=True)
            except ValidationError as error:
                raise RehabitError(f"{filename}: {name}[{position}].{validation_problem(error)}") from None
            if name == "programs":
                _check_program(values, f"{filename}: programs[{position}]")
            rows.append(values)
        checked[name] = rows
    _check_unique_keys(checked, known, filename)
    _check_references(checked, known, filename)
    return checked


@cache
def _row_model(table: Table) -> type[BaseModel]:
    fields: dict[str, Any] = {}
    for column in table.columns:
        kind = _column_type(table, column)
        optional = column.nullable or column.default is not None or column.server_default is not None
        if column.nullable:
            kind = kind | None
        fields[column.name] = (kind, None) if optional else (kind, ...)
    config = ConfigDict(extra="forbid", frozen=True)
    return cast(type[BaseModel], create_model(f"Backup_{table.name}", __config__=config, **fields))


def _column_type(table: Table, column: Column[Any]) -> Any:
    allowed = _allowed_values(table, column.name)
    if allowed:
        return Literal[allowed]
    override = COLUMN_TYPES.get(f"{table.name}.{column.name}")
    if override is not None:
        return override
    kind = column.type
    if isinstance(kind, UtcDateTime):
        return Annotated[datetime, AfterValidator(check_moment)]
    if isinstance(kind, Date):
        return Annotated[date, AfterValidator(check_date)]
    if isinstance(kind, Boolean):
        return StrictBool
    if isinstance(kind, Integer):
        return Annotated[StrictInt, Field(ge=-(2**63), lt=2**63)]
    if isinstance(kind, String):  # Text is a String without a length
        limit = kind.length if kind.length is not None and not isinstance(kind, Text) else _TEXT_LIMIT
        return Annotated[str, Field(max_length=limit)]
    if isinstance(kind, JSON):
        return Any
    raise TypeError(f"no backup check for {table.name}.{column.name} ({kind!r})")


def _allowed_values(table: Table, name: str) -> tuple[str, ...]:
    for constraint in table.constraints:
        if isinstance(constraint, CheckConstraint):
            found = _IN_LIST.match(str(constraint.sqltext))
            if found and found.group(1) == name:
                return tuple(item.strip().strip("'") for item in found.group(2).split(","))
    return ()


def _check_program(values: dict[str, Any], where: str) -> None:
    document = values.get("document")
    if not isinstance(document, dict) or content_hash(document) != values.get("content_hash"):
        raise RehabitError(f"{where}: the program was changed after export (its content hash differs)")
    try:
        Program.model_validate(document)
    except ValidationError as error:
        raise RehabitError(f"{where}: not a valid program ({validation_problem(error)})") from None


def _check_unique_keys(checked: dict[str, list[dict[str, Any]]], known: dict[str, Table], filename: str) -> None:
    for name, table in known.items():
        key = [column.name for column in table.primary_key.columns]
        seen: set[tuple[Any, ...]] = set()
        for position, row in enumerate(checked[name]):
            value = tuple(row.get(column) for column in key)
            if None in value:
                raise RehabitError(f"{filename}: {name}[{position}] has no {' and '.join(key)}")
            if value in seen:
                shown = value[0] if len(value) == 1 else value
                raise RehabitError(f"{filename}: {name}[{position}] repeats {' and '.join(key)} {shown!r}")
            seen.add(value)


def _check_references(checked: dict[str, list[dict[str, Any]]], known: dict[str, Table], filename: str) -> None:
    present: dict[tuple[str, str], set[Any]] = {}
    for name, table in known.items():
        for column in table.columns:
            for foreign in column.foreign_keys:
                target = foreign.column
                if target.table.name not in known:
                    continue
                index = (target.table.name, target.name)
                if index not in present:
                    present[index] = {row.get(target.name) for row in checked[target.table.name]}
                for position, row in enumerate(checked[name]):
                    value = row.get(column.name)
                    if value is not None and value not in present[index]:
                        raise RehabitError(
                            f"{filename}: {name}[{position}].{column.name} refers to {target.table.name} "
                            f"{value!r}, which the backup does not have"
                        )


# --- restoring ----------------------------------------------------------------------------------------


def _refuse_unless_empty(db: Session, filename: str) -> None:
    for table in backed_up_tables():
        if db.execute(select(func.count()).select_from(table)).scalar_one():
            raise RehabitError(
                f"{filename} is a whole-database backup and this database is not empty (it has {table.name}): "
                "restore it into a new database (set REHABIT_DATABASE_URL or REHABIT_DATA_DIR), or import a "
                "one-person backup (`rehabit export --person`)"
            )


def _advance_sequences(db: Session) -> None:
    """PostgreSQL hands out ids from a sequence that explicit ids do not move: start it past the highest."""
    for table in backed_up_tables():
        key = list(table.primary_key.columns)
        if len(key) != 1 or not isinstance(key[0].type, Integer) or key[0].autoincrement is False:
            continue
        column = key[0].name
        db.execute(
            sql_text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), COALESCE(MAX({column}), 1), "
                f"MAX({column}) IS NOT NULL) FROM {table.name}"
            ),
            {"table": table.name, "column": column},
        )
