"""The CLI starts at once: each command is imported only when it runs, and heavy libraries only by the
commands that use them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest

from rehabit.cli import app
from rehabit.cli._app import COMMANDS

HEAVY = ("matplotlib", "weasyprint", "fhir", "pypdf", "trafilatura", "sqlalchemy", "fastapi", "argon2")
EXTRACTION = ("trafilatura", "lxml", "markdown_it", "pypdf", "justext", "courlan", "htmldate")

PROBE = """
import sys
wanted = set(sys.argv.pop(1).split(","))
from rehabit.cli import app
try:
    app(sys.argv[1:], prog_name="rehabit")
except SystemExit:
    pass
heavy = sorted({name.split(".")[0] for name in sys.modules} & wanted)
print("HEAVY", ",".join(heavy), file=sys.stderr)
"""


def _heavy_imported(*args: str, wanted: tuple[str, ...] = HEAVY) -> tuple[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, ",".join(wanted), *args], capture_output=True, text=True, timeout=120
    )
    line = [row for row in done.stderr.splitlines() if row.startswith("HEAVY")][-1]
    names = line.removeprefix("HEAVY").strip()
    return done.stdout, names.split(",") if names else []


@pytest.mark.parametrize("args", [["--help"], ["program", "show"], ["program", "list"], ["read", "--help"]])
def test_light_commands_load_no_heavy_library(args: list[str]) -> None:
    out, heavy = _heavy_imported(*args)
    assert out.strip()
    assert heavy == []


def test_drawing_an_exercise_opens_no_database() -> None:
    _out, heavy = _heavy_imported("illustrate", "glute-bridge")
    assert "sqlalchemy" not in heavy  # drawing needs no database


def test_help_lists_every_command_with_its_own_short_help() -> None:
    listed = click.testing.CliRunner().invoke(app, ["--help"]).output
    for name, (module, attribute, text) in COMMANDS.items():
        command = __import__(module, fromlist=[attribute]).__dict__[attribute]
        assert command.name == name
        assert command.get_short_help_str(200) == text
        assert f"{name} " in listed and text[:40] in " ".join(listed.split())


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("wall-sit.html", "<html><head><title>Wall sit</title></head><body><h1>Wall sit</h1><p>Lean on a wall and "
         "bend your knees. Hold for 30 seconds.</p></body></html>"),
        ("wall-sit.md", "# Wall sit\n\n- Lean on a wall and bend your knees.\n- Hold for 30 seconds.\n"),
        ("wall-sit.txt", "Wall sit\n\nLean on a wall and bend your knees. Hold for 30 seconds.\n"),
    ],
)  # fmt: skip
def test_reading_a_page_loads_its_extraction_libraries_in_the_worker_only(tmp_path: Path, name: str, page: str) -> None:
    article = tmp_path / name
    article.write_text(page, encoding="utf-8")
    out, heavy = _heavy_imported("read", str(article), wanted=EXTRACTION)
    assert "  name: Wall sit\n" in out
    assert "hold_s:\n      min: 30\n      max: 30\n" in out
    assert heavy == []  # trafilatura, lxml, markdown-it, pypdf: in the worker, never here too
