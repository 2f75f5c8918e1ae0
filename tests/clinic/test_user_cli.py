"""`rehabit user add|list|link|unlink|disable|enable|reset-password`."""

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
        ["user", "name", "name", "role", "clinicians", "state"],
        ["dr.who", "Doctor", "Who", "clinician", "active"],
        ["pat", "pat", "patient", "-", "active"],
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


def _patients_of(clinician: str) -> list[str]:
    with Store.open() as store:
        found = account_rows.find_account(store, clinician)
        assert found is not None
        names = {a.person_id: a.username for a in account_rows.list_accounts(store, "patient")}
        return [names[person_id] for person_id in accounts.patients_of(store, found[0])]


def test_a_patient_made_on_the_command_line_reaches_their_clinicians(cli: Invoke) -> None:
    for name in ("drlee", "drkim"):
        assert cli("user", "add", name, "--password", "a long password").exit_code == 0
    added = cli("user", "add", "Jordan", "--role", "patient", "--clinician", "drlee", "--password", "a long password")
    assert (added.exit_code, added.output) == (0, "Added patient jordan, linked to drlee.\n")
    assert _patients_of("drlee") == ["jordan"]
    linked = cli("user", "link", "jordan", "DrKim")
    assert (linked.exit_code, linked.output) == (0, "Linked jordan to drkim.\n")
    assert cli("user", "link", "jordan", "drkim").exit_code == 0  # again: no change
    assert _patients_of("drkim") == ["jordan"]
    rows = [line.split() for line in cli("user", "list").output.splitlines()]
    assert ["jordan", "jordan", "patient", "drlee,", "drkim", "active"] in rows
    unlinked = cli("user", "unlink", "jordan", "drlee")
    assert (unlinked.exit_code, unlinked.output) == (0, "Unlinked jordan from drlee.\n")
    assert _patients_of("drlee") == []
    again = cli("user", "unlink", "jordan", "drlee")
    assert (again.exit_code, again.stderr) == (2, "Error: 'drlee' does not look after 'jordan'\n")
    wrong = cli("user", "link", "drkim", "drlee")
    assert (wrong.exit_code, wrong.stderr) == (2, "Error: 'drkim' is not a patient account\n")
    nobody = cli("user", "add", "sam", "--role", "patient", "--clinician", "nobody", "--password", "a long password")
    assert (nobody.exit_code, nobody.stderr) == (2, "Error: no account 'nobody'\n")
    with Store.open() as store:
        assert account_rows.find_account(store, "sam") is None  # all of it, or nothing
        actions = [e.action for e in account_rows.list_audit(store)][:3]
    assert actions == [
        "unlinked a patient (command line)",
        "linked a patient (command line)",
        "linked a patient (command line)",
    ]


def test_enable_and_reset_password(cli: Invoke) -> None:
    cli("user", "add", "pat", "--role", "patient", "--password", "first password")
    cli("user", "disable", "pat")
    enabled = cli("user", "enable", "pat")
    assert (enabled.exit_code, enabled.output) == (0, "Enabled pat.\n")
    with Store.open() as store:
        signin = accounts.sign_in(store, "pat", "first password")
    reset = cli("user", "reset-password", "pat", input="second password\nsecond password\n")
    assert reset.exit_code == 0 and reset.output.endswith("New password set for pat; its sessions ended.\n")
    with Store.open() as store:
        assert accounts.signed_in(store, signin.token) is None  # signed out everywhere
        with pytest.raises(accounts.SignInRefused):
            accounts.sign_in(store, "pat", "first password")
        assert accounts.sign_in(store, "pat", "second password").account.username == "pat"
    short = cli("user", "reset-password", "pat", "--password", "short")
    assert (short.exit_code, short.stderr) == (2, "Error: a password needs at least 10 characters\n")
    missing = cli("user", "enable", "nobody")
    assert (missing.exit_code, missing.stderr) == (2, "Error: no account 'nobody'\n")


def test_the_last_admin_cannot_be_disabled(cli: Invoke) -> None:
    cli("user", "add", "boss", "--role", "admin", "--password", "a long password")
    refused = cli("user", "disable", "boss")
    assert refused.exit_code == 2
    assert refused.stderr == (
        "Error: this is the last admin who can sign in; add another admin before disabling it\n"
    )
    cli("user", "add", "deputy", "--role", "admin", "--password", "a long password")
    assert cli("user", "disable", "boss").exit_code == 0
    assert cli("user", "disable", "deputy").exit_code == 2  # now deputy is the last one


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
