"""The `rehabit` command line: thin commands over the services (one `_*.py` module per command group).

Each module defines its click command or group; `_app.COMMANDS` names them, and the root group loads
one only when it runs.
"""

from __future__ import annotations

from rehabit.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the `rehabit` console script."""
    app(prog_name="rehabit")
