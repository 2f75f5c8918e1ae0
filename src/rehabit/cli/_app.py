"""The root `rehabit` command and what every subcommand shares: error handling, output, options."""

from __future__ import annotations

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


def console() -> Console:
    """The console commands print to (built per call so test runners capture it)."""
    return Console(highlight=False, soft_wrap=False)


@click.group(cls=RehabitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="rehabit", message="%(prog)s %(version)s")
def app() -> None:
    """Follow an exercise program for lower back and glute pain: screen, plan, guide, log, progress."""
