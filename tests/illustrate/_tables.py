"""The description tables: rehabit's own (tuned on) and the held-out one (never tuned on)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from rehabit.model import Dose, Exercise, Group, IntRange, slugify

HERE = Path(__file__).parent


def table(name: str) -> list[dict[str, Any]]:
    """The rows of `descriptions.yaml` or `held_out.yaml`."""
    rows: list[dict[str, Any]] = yaml.safe_load((HERE / f"{name}.yaml").read_text(encoding="utf-8"))
    return rows


OURS = table("descriptions")
HELD_OUT = table("held_out")


def exercise_of(row: dict[str, Any], **fields: Any) -> Exercise:
    """A program exercise made from one table row (no key poses of its own)."""
    return Exercise(
        id=fields.pop("id", "table-" + slugify(row["name"])),
        name=row["name"],
        group=Group.STABILIZATION,
        equipment=row.get("equipment", []),
        steps=row.get("steps", []),
        dose=fields.pop("dose", Dose(reps=IntRange.of(10))),
        **fields,
    )
