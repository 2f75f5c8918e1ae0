"""Bad program files: one line naming the file, the line and the field; exit status 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Invoke

GOOD = """\
id: mini
title: Mini
exercises:
  - id: bridge
    name: Bridge
    group: foundational
    dose:
      reps: {min: 10, max: 15}
    progresses_to: hard-bridge
  - id: hard-bridge
    name: Hard bridge
    group: progression
    dose:
      reps: {min: 10, max: 10}
"""

CASES = [
    # (name, content, expected line, expected fragment)
    ("malformed", "id: mini\ntitle: [unclosed\nexercises: []\n", 3, "malformed YAML"),
    ("bad-indent", "id: mini\n title: x\n  - y\n", 2, "malformed YAML"),
    (
        "unknown-field",
        GOOD.replace("    group: foundational\n", "    group: foundational\n    colour: red\n"),
        7,
        "exercises[0].colour: unknown field",
    ),
    ("negative", GOOD.replace("{min: 10, max: 15}", "{min: -1, max: 15}"), 8, "exercises[0].dose.reps.min"),
    (
        "inverted",
        GOOD.replace("{min: 10, max: 15}", "{min: 15, max: 10}"),
        8,
        "exercises[0].dose.reps: min (15) is greater than max (10)",
    ),
    (
        "dangling",
        GOOD.replace("progresses_to: hard-bridge", "progresses_to: side-plank"),
        9,
        "exercises[0].progresses_to: 'side-plank' is not an exercise in this program",
    ),
    (
        "cycle",
        GOOD + "    progresses_to: bridge\n",
        9,
        "progresses_to links form a cycle: bridge → hard-bridge → bridge",
    ),
    ("wrong-type", GOOD.replace("{min: 10, max: 10}", "{min: ten, max: 10}"), 14, "exercises[1].dose.reps.min"),
    ("bad-group", GOOD.replace("group: progression", "group: cardio"), 12, "exercises[1].group"),
    ("missing-title", GOOD.replace("title: Mini\n", ""), None, "title: required field is missing"),
    ("not-a-mapping", "- just\n- a list\n", 1, "a program must be a mapping of fields, not a list"),
]


@pytest.mark.parametrize(("name", "content", "line", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_one_line_with_location(
    cli: Invoke, tmp_path: Path, name: str, content: str, line: int | None, fragment: str
) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(content, encoding="utf-8")
    result = cli("program", "validate", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    message = result.stderr
    assert message.count("\n") == 1, message
    assert "Traceback" not in message
    where = f"{path}:{line}:" if line is not None else f"{path}"
    assert message.startswith(f"Error: {where}"), message
    assert fragment in message, message


def test_good_file_passes(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "good.yaml"
    path.write_text(GOOD, encoding="utf-8")
    result = cli("program", "validate", str(path))
    assert result.exit_code == 0


def test_empty_file(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("", encoding="utf-8")
    result = cli("program", "validate", str(path))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}: file is empty; a program needs at least an id, a title and exercises\n"


def test_binary_file(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "photo.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = cli("program", "validate", str(path))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}: looks like a binary file, not a YAML program\n"


def test_non_utf8_file_names_the_line(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: mini\ntitle: caf\xe9\n".encode("latin-1"))
    result = cli("program", "validate", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}:2: is not UTF-8 text")


def test_missing_file_and_directory(cli: Invoke, tmp_path: Path) -> None:
    missing = cli("program", "validate", str(tmp_path / "nope.yaml"))
    assert missing.exit_code == 2
    assert missing.stderr == f"Error: {tmp_path / 'nope.yaml'}: no such file\n"
    directory = cli("program", "validate", str(tmp_path))
    assert directory.exit_code == 2
    assert "is a directory" in directory.stderr


def test_huge_file_is_refused_without_reading(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(6_000_000)
    result = cli("program", "validate", str(path))
    assert result.exit_code == 2
    assert "too large" in result.stderr
