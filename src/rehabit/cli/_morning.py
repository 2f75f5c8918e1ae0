"""The next-morning pain question: asked once for each finished session, before the command typed runs."""

from __future__ import annotations

from datetime import date

import click
from rich.console import Console

from rehabit.services import Store, open_store, sessions, setup

__all__ = ["ask_next_morning_pain", "ask_next_morning_pain_when_due"]


def ask_next_morning_pain_when_due(out: Console) -> None:
    """Ask, once, for the next-morning pain of sessions finished before today (any command runs this).

    Only when a local database already exists and has a profile: a first run creates nothing here.
    """
    if not setup.local_database_exists():
        return
    with open_store() as store:
        person = setup.local_person(store)
        if person is not None:
            ask_next_morning_pain(store, person.id, date.today(), out)


def ask_next_morning_pain(store: Store, person_id: int, today: date, out: Console) -> None:
    """Ask once, for each finished session before today, how the pain was the next morning."""
    for log in sessions.next_morning_due(store, person_id, today):
        when = log.started_at.astimezone().date().isoformat()
        answer: str = click.prompt(
            f"How was your pain the morning after your session of {when}? (0–10, Enter to skip)",
            default="",
            show_default=False,
        )
        value = int(answer) if answer.strip().isdigit() and int(answer) <= 10 else None
        recorded = sessions.record_next_morning_pain(store, log.id, value, today)
        if value is None:
            out.print("Skipped; it will not be asked again.")
        for message in recorded.messages:
            out.print(message, markup=False)
        for command in recorded.commands:
            out.print(f"In the terminal: `{command}`.", markup=False)
