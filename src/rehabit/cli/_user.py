"""`rehabit user add|list|link|unlink|disable|enable|reset-password`: the accounts of clinic mode
(`rehabit serve --accounts`)."""

from __future__ import annotations

import click
from rich.table import Table

from rehabit.cli._app import console, short_help
from rehabit.services import accounts, open_store


@click.group("user", short_help=short_help("user"))
def app() -> None:
    """Manage the accounts people sign in with in clinic mode, and which clinicians look after which patients."""


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
@click.option(
    "--clinician",
    "clinicians",
    multiple=True,
    metavar="USERNAME",
    help="A patient's clinician (repeat for several); the patient appears in their list.",
)
@click.password_option(
    "--password", prompt="Password", help="The password (asked for, hidden, when not given; at least 10 characters)."
)
def add(username: str, role: str, display_name: str, clinicians: tuple[str, ...], password: str) -> None:
    """Add an account; a patient account gets a profile of its own, linked to the clinicians given."""
    with open_store() as store:
        account = accounts.add_account(
            store, None, username, password, role, display_name=display_name, clinicians=clinicians
        )
    linked = f", linked to {', '.join(c.strip().lower() for c in clinicians)}" if clinicians else ""
    click.echo(f"Added {account.role} {account.username}{linked}.")


@app.command("list")
def list_users() -> None:
    """List every account: user name, name, role, a patient's clinicians, and whether it is disabled."""
    with open_store() as store:
        found = accounts.list_accounts(store)
        care = accounts.clinicians_of(store, [a.person_id for a in found if a.person_id is not None])
    table = Table(box=None, header_style="bold")
    for column in ("user name", "name", "role", "clinicians", "state"):
        table.add_column(column)
    for account in found:
        clinicians = care.get(account.person_id, []) if account.person_id is not None else []
        table.add_row(
            account.username,
            account.display_name,
            account.role,
            ", ".join(c.username for c in clinicians) or ("-" if account.role == "patient" else ""),
            "disabled" if account.disabled else "active",
        )
    console().print(table)


@app.command("link")
@click.argument("patient")
@click.argument("clinician")
def link(patient: str, clinician: str) -> None:
    """Link a patient to a clinician: the patient appears in the clinician's list (a patient may have several)."""
    with open_store() as store:
        patient_account, clinician_account = accounts.link(store, None, patient, clinician)
    click.echo(f"Linked {patient_account.username} to {clinician_account.username}.")


@app.command("unlink")
@click.argument("patient")
@click.argument("clinician")
def unlink(patient: str, clinician: str) -> None:
    """Unlink a patient from a clinician: the clinician no longer sees them."""
    with open_store() as store:
        patient_account, clinician_account = accounts.unlink(store, None, patient, clinician)
    click.echo(f"Unlinked {patient_account.username} from {clinician_account.username}.")


@app.command("disable")
@click.argument("username")
def disable(username: str) -> None:
    """Disable an account: it can no longer sign in and its open sessions end (never the last admin)."""
    with open_store() as store:
        account = accounts.set_disabled(store, None, username, True)
    click.echo(f"Disabled {account.username}.")


@app.command("enable")
@click.argument("username")
def enable(username: str) -> None:
    """Enable a disabled account again: it can sign in with its password."""
    with open_store() as store:
        account = accounts.set_disabled(store, None, username, False)
    click.echo(f"Enabled {account.username}.")


@app.command("reset-password")
@click.argument("username")
@click.password_option(
    "--password",
    prompt="New password",
    help="The new password (asked for, hidden, when not given; at least 10 characters).",
)
def reset_password(username: str, password: str) -> None:
    """Give an account a new password; it is signed out everywhere."""
    with open_store() as store:
        account = accounts.reset_password(store, None, username, password)
    click.echo(f"New password set for {account.username}; its sessions ended.")
