"""The root `rehabit` command and what every subcommand shares: error handling, output, lazy loading.

Commands live in one `_*.py` module each and are imported only when they run (`rehabit --help` lists
them from `COMMANDS` without importing any), so a command pays only for the libraries it uses.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click
from rich.console import Console

from rehabit.errors import RehabitError

EXIT_USAGE = 2

# name -> (module, attribute, the one line `rehabit --help` shows; each command takes it as its short help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "setup": ("rehabit.cli._setup", "setup", "Get started: warning signs, equipment, days, pain; then a plan."),
    "screen": (
        "rehabit.cli._setup",
        "screen_command",
        "Answer the warning-sign questions again, or record a clearance.",
    ),
    "plan": ("rehabit.cli._plan", "plan", "Plan the coming weeks (2–3 sessions, never two days in a row)."),
    "session": ("rehabit.cli._session", "app", "Today's guided session: timers, counts, side switches, logging."),
    "history": ("rehabit.cli._history", "history", "Your sessions, pain, and why each dose changed."),
    "progress": ("rehabit.cli._history", "progress", "Pain against your start, sessions a week, doses, PSFS."),
    "psfs": ("rehabit.cli._history", "psfs", "Rate up to five activities your back makes hard (every 2 weeks)."),
    "thresholds": (
        "rehabit.cli._history",
        "thresholds",
        "Show or change the numbers the progression rules use for you.",
    ),
    "program": ("rehabit.cli._program", "app", "List, show, check and follow exercise programs."),
    "read": ("rehabit.cli._read", "app", "Read an exercise article or handout into a program."),
    "illustrate": ("rehabit.cli._illustrate", "app", "Draw an exercise as SVG (still or animated)."),
    "handout": ("rehabit.cli._handout", "app", "Print a program as an illustrated PDF handout."),
    "library": ("rehabit.cli._library", "app", "Import, search and use an exercise library."),
    "export": ("rehabit.cli._backup", "export_command", "Back up the database (JSON), or export as FHIR or CSV."),
    "import": ("rehabit.cli._backup", "import_command", "Restore a backup made with `rehabit export`."),
    "serve": ("rehabit.cli._serve", "app", "Run the web app."),
    "user": ("rehabit.cli._user", "app", "Manage clinic-mode accounts."),
}


def short_help(name: str) -> str:
    """The one-line help of a command, as `rehabit --help` lists it."""
    return COMMANDS[name][2]


class RehabitGroup(click.Group):
    """Loads each command when it runs; turns a library error into one line on stderr and exit status 2."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = COMMANDS.get(cmd_name)
        if found is None:
            return None
        module, attribute, _help = found
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RehabitError as error:
            hint = getattr(error, "terminal_hint", "")  # the command a page would not name
            click.echo(f"Error: {error}" + (f" In the terminal: `{hint}`." if hint else ""), err=True)
            ctx.exit(EXIT_USAGE)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if _asks_next_morning(name, rest):
            from rehabit.cli._morning import ask_next_morning_pain_when_due

            ask_next_morning_pain_when_due(console())
        return name, command, rest


# Commands that run unattended or serve others never stop to ask the person a question.
_NO_QUESTIONS = frozenset({"serve", "session", "export", "import", "read", "illustrate", "handout", "library", "user"})


def _asks_next_morning(name: str | None, args: list[str]) -> bool:
    """The next-morning pain question comes first when a person types a command at a terminal."""
    wants_help = any(arg in ("-h", "--help") for arg in args)
    return (
        name is not None and name not in _NO_QUESTIONS and not wants_help and sys.stdin.isatty() and sys.stdout.isatty()
    )


def console() -> Console:
    """The console commands print to (built per call so test runners capture it)."""
    return Console(highlight=False, soft_wrap=False)


@click.group(cls=RehabitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(None, "--version", package_name="rehabit", prog_name="rehabit", message="%(prog)s %(version)s")
def app() -> None:
    """Follow an exercise program for lower back and glute pain: screen, plan, guide, log, progress."""
