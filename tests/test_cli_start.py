"""The CLI starts at once: each command is imported only when it runs, and heavy libraries only by the
commands that use them."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from rehabit.cli import app
from rehabit.cli._app import COMMANDS

HEAVY = ("matplotlib", "weasyprint", "fhir", "pypdf", "trafilatura", "sqlalchemy", "fastapi", "argon2")

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


def _heavy_imported(*args: str) -> tuple[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, ",".join(HEAVY), *args], capture_output=True, text=True, timeout=120
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
