"""Postures read from instructions nobody here wrote: a hand-labelled sample of the free-exercise-db dataset."""

from __future__ import annotations

import json
from pathlib import Path

from rehabit.illustrate.reading import read_text

HERE = Path(__file__).parent
DATASET = HERE.parents[1].parent / "shared" / "data" / "free-exercise-db" / "exercises.json"


def _labels() -> list[tuple[str, set[str]]]:
    rows = []
    for line in (HERE / "free_exercise_db_postures.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            ident, postures = line.split("\t")
            rows.append((ident, set(postures.split(","))))
    return rows


def test_postures_of_a_sample_of_free_exercise_db() -> None:
    records = {record["id"]: record for record in json.loads(DATASET.read_text(encoding="utf-8"))}
    labels = _labels()
    assert len(labels) >= 100
    wrong = [
        (ident, read_text(records[ident]["name"], records[ident]["instructions"]).posture.posture.value)
        for ident, allowed in labels
        if read_text(records[ident]["name"], records[ident]["instructions"]).posture.posture.value not in allowed
    ]
    assert len(wrong) / len(labels) <= 0.05, wrong
