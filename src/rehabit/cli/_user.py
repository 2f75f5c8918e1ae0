"""`rehabit user add|list|disable`: the accounts of clinic mode (`rehabit serve --accounts`)."""

from __future__ import annotations

import click
from rich.table import Table

from rehabit.cli._app import console, short_help
from rehabit.services import accounts, open_store


@click.group("user", short_help=short_help("user"))
def app() -> None:
    """Manage the accounts people sign in with in clinic mode."""


@app.command("add")
@click.argument("username")
@click.option(
    "--role",
    type=click.Choice(list(accounts.ROLES)),
    default="clinician",
    show_default=True,
    help="What the account may do.",
)
@click.option("--name", "display_name", default="", help="The name shown in the app (default: the user name).")
@click.password_option(
    "--password", prompt="Password", help="The password (asked for, hidden, when not given; at least 10 characters)."
)
def add(username: str, role: str, display_name: str, password: str) -> None:
    """Add an account; a patient account gets a profile of its own."""
    with open_store() as store:
        account = accounts.add_account(store, None, username, password, role, display_name=display_name)
    click.echo(f"Added {account.role} {account.username}.")


@app.command("list")
def list_users() -> None:
    """List every account: user name, name, role and whether it is disabled."""
    with open_store() as store:
        found = accounts.list_accounts(store)
    table = Table(box=None, header_style="bold")
    for column in ("user name", "name", "role", "state"):
        table.add_column(column)
    for account in found:
        table.add_row(
            account.username, account.display_name, account.role, "disabled" if account.disabled else "active"
        )
    console().print(table)


@app.command("disable")
@click.argument("username")
def disable(username: str) -> None:
    """Disable an account: it can no longer sign in and its open sessions end."""
    with open_store() as store:
        account = accounts.set_disabled(store, None, username, True)
    click.echo(f"Disabled {account.username}.")
