"""The `rehabit` command line: thin commands over the library (one `_*.py` module per command group).

Each module defines its click command or group; this module only registers them.
"""

from __future__ import annotations

from rehabit.cli import (
    _backup,
    _handout,
    _illustrate,
    _library,
    _plan,
    _program,
    _read,
    _serve,
    _session,
    _setup,
    _user,
)
from rehabit.cli._app import app
from rehabit.cli._history import COMMANDS as HISTORY_COMMANDS

app.add_command(_program.app)
app.add_command(_illustrate.app)
app.add_command(_handout.app)
app.add_command(_library.app)
app.add_command(_serve.app)
app.add_command(_session.app)
app.add_command(_read.app)
app.add_command(_setup.setup)
app.add_command(_setup.screen_command)
app.add_command(_plan.plan)
app.add_command(_backup.export_command)
app.add_command(_backup.import_command)
app.add_command(_user.app)

for command in HISTORY_COMMANDS:  # history, progress, psfs, thresholds
    app.add_command(command)

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the `rehabit` console script."""
    app(prog_name="rehabit")
