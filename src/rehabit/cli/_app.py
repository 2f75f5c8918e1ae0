"""The root `rehabit` command and what every subcommand shares: error handling, output, options."""

from __future__ import annotations

import sys
from typing import Any

import click
from rich.console import Console

from rehabit import __version__
from rehabit.errors import RehabitError

EXIT_USAGE = 2


class RehabitGroup(click.Group):
    """Turns a library error into one line on stderr and exit status 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RehabitError as error:
            click.echo(f"Error: {error}", err=True)
            ctx.exit(EXIT_USAGE)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if _asks_next_morning(name, rest):
            from rehabit.cli._session import ask_next_morning_pain_when_due

            ask_next_morning_pain_when_due(console())
        return name, command, rest


# Commands that run unattended or serve others never stop to ask the person a question.
_NO_QUESTIONS = frozenset({"serve", "session", "export", "import", "read", "illustrate", "handout", "library"})


def _asks_next_morning(name: str | None, args: list[str]) -> bool:
    """The next-morning pain question comes first when a person types a command at a terminal."""
    wants_help = any(arg in ("-h", "--help") for arg in args)
    return (
        name is not None
        and name not in _NO_QUESTIONS
        and not wants_help
        and sys.stdin.isatty()
        and sys.stdout.isatty()
    )


def console() -> Console:
    """The console commands print to (built per call so test runners capture it)."""
    return Console(highlight=False, soft_wrap=False)


@click.group(cls=RehabitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="rehabit", message="%(prog)s %(version)s")
def app() -> None:
    """Follow an exercise program for lower back and glute pain: screen, plan, guide, log, progress."""
