"""Every command has help text and a section in the docs (STYLE.md rule 11)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from rehabit.cli import app

ROOT = Path(__file__).parents[1]


def _commands() -> list[tuple[str, click.Command]]:
    root: click.Command = app
    found: list[tuple[str, click.Command]] = []

    def walk(prefix: str, command: click.Command) -> None:
        if isinstance(command, click.Group):
            context = click.Context(command)
            for name in command.list_commands(context):
                sub = command.get_command(context, name)
                assert sub is not None
                walk(f"{prefix} {name}", sub)
        else:
            found.append((prefix, command))

    walk("rehabit", root)
    return found


COMMANDS = _commands()


def test_there_are_commands() -> None:
    assert "rehabit program show" in [name for name, _ in COMMANDS]


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_command_has_help_and_docs(name: str, command: click.Command) -> None:
    assert command.help and len(command.help.strip()) > 20, f"{name} has no help text"
    docs = (ROOT / "README.md").read_text(encoding="utf-8") + "".join(
        path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs").glob("*.md"))
    )
    assert f"## {name}" in docs, f"{name} has no section in README.md or docs/"


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_help_option_works(cli, name: str, command: click.Command) -> None:  # type: ignore[no-untyped-def]
    result = cli(*name.split()[1:], "--help")
    assert result.exit_code == 0
    assert "Usage" in result.output
