"""`rehabit user add|list|disable`."""

from __future__ import annotations

import pytest

from conftest import Invoke
from rehabit.services import accounts
from rehabit.store import Store
from rehabit.store import accounts as account_rows


def test_add_list_disable(cli: Invoke) -> None:
    added = cli("user", "add", "Dr.Who", "--name", "Doctor Who", input="a long password\na long password\n")
    assert (added.exit_code, added.output.splitlines()[-1]) == (0, "Added clinician dr.who.")
    patient = cli("user", "add", "pat", "--role", "patient", "--password", "patients password")
    assert (patient.exit_code, patient.output) == (0, "Added patient pat.\n")
    listed = cli("user", "list")
    rows = [line.split() for line in listed.output.splitlines()]
    assert rows == [
        ["user", "name", "name", "role", "state"],
        ["dr.who", "Doctor", "Who", "clinician", "active"],
        ["pat", "pat", "patient", "active"],
    ]
    disabled = cli("user", "disable", "pat")
    assert (disabled.exit_code, disabled.output) == (0, "Disabled pat.\n")
    with Store.open() as store:
        found = account_rows.find_account(store, "pat")
        assert found is not None and found[0].disabled and found[0].person_id is not None
        actions = [e.action for e in account_rows.list_audit(store)]
    assert actions == [
        "disabled an account (command line)",
        "added an account (command line)",
        "added an account (command line)",
    ]
    with Store.open() as store:
        try:
            accounts.sign_in(store, "pat", "patients password")
        except accounts.SignInRefused:
            pass
        else:
            raise AssertionError("a disabled account signed in")


def test_errors_are_one_line(cli: Invoke) -> None:
    short = cli("user", "add", "someone", "--password", "short")
    assert (short.exit_code, short.stderr) == (2, "Error: a password needs at least 10 characters\n")
    cli("user", "add", "someone", "--password", "long enough one")
    taken = cli("user", "add", "SOMEONE", "--password", "long enough one")
    assert (taken.exit_code, taken.stderr) == (2, "Error: the user name 'someone' is already taken\n")
    missing = cli("user", "disable", "nobody")
    assert (missing.exit_code, missing.stderr) == (2, "Error: no account 'nobody'\n")


def test_serve_with_accounts_may_listen_beyond_this_machine(cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[tuple[object, dict[str, object]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda target, **options: calls.append((target, options)))
    refused = cli("serve", "--host", "0.0.0.0")
    assert refused.exit_code == 2 and "use --accounts so people sign in" in refused.stderr
    assert cli("serve", "--host", "0.0.0.0", "--accounts").exit_code == 0
    app, options = calls[-1]
    assert app.state.settings.accounts is True  # type: ignore[attr-defined]
    assert options["host"] == "0.0.0.0"
    assert cli("serve", "--accounts", "--workers", "3").exit_code == 0
    assert calls[-1] == (
        "rehabit.web.app:accounts_app",
        {"factory": True, "host": "127.0.0.1", "port": 8000, "workers": 3, "log_level": "warning"},
    )
    alone = cli("serve", "--workers", "2")
    assert (alone.exit_code, alone.stderr) == (
        2,
        "Error: several workers serve a clinic: use --workers with --accounts\n",
    )
    assert len(calls) == 2
