"""The held-out real pages: gold files in the shared schema, a fixed split, and no page text committed."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HELDOUT = Path(__file__).parent / "heldout"
GOLDS = sorted(HELDOUT.glob("h*.json"))
RANGE_FIELDS = ("reps", "hold_s", "sets")


def _load(path: Path) -> dict[str, object]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_every_gold_file_follows_the_schema_and_carries_its_rebuild_recipe() -> None:
    assert len(GOLDS) >= 20
    for path in GOLDS:
        gold = _load(path)
        assert str(gold["source"]).startswith("http"), path.name
        assert gold["query"] and gold["title"], path.name
        assert len(str(gold["text_sha256"])) == 64 and int(str(gold["text_chars"])) > 0, path.name
        assert gold["half"] in ("A", "B"), path.name
        exercises = gold["exercises"]
        assert isinstance(exercises, list) and exercises, path.name
        for exercise in exercises:
            assert exercise["name"] == exercise["name"].lower(), (path.name, exercise["name"])
            for field in RANGE_FIELDS:
                value = exercise[field]
                assert value is None or 0 < value["min"] <= value["max"], (path.name, exercise["name"], field)
            assert isinstance(exercise["per_side"], bool) and isinstance(exercise["steps"], int)


def test_the_split_puts_one_page_of_each_query_in_each_half_and_half_the_set_is_off_the_back() -> None:
    by_query: dict[str, list[str]] = defaultdict(list)
    other = 0
    for path in GOLDS:
        gold = _load(path)
        if gold.get("tuning_only"):  # added to the tuning half only, both pages of its query (README.md)
            assert gold["half"] == "A", path.name
            continue
        by_query[str(gold["query"])].append(str(gold["half"]))
        other += gold["body_part"] in ("neck", "shoulder", "knee", "ankle", "hip", "wrist", "elbow", "foot")
    for query, halves in by_query.items():
        if len(halves) == 2:
            assert sorted(halves) == ["A", "B"], query
    assert other >= len(GOLDS) // 2


def test_no_page_text_is_kept_beside_the_gold() -> None:
    kept = {path.suffix for path in HELDOUT.iterdir()}
    assert kept <= {".json", ".md", ".py"}


def test_staging_refuses_a_missing_or_altered_text(tmp_path: Path) -> None:
    first = GOLDS[0]
    (tmp_path / (first.stem + ".txt")).write_text("source: somewhere else\n\naltered", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(HELDOUT / "stage.py"), "--texts", str(tmp_path), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert f"MISMATCH  {first.stem}" in result.stdout
    assert f"MISSING   {GOLDS[1].stem}" in result.stdout
    assert not (tmp_path / "out").exists()
