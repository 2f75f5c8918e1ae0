"""`rehabit setup` (screening + profile) and `rehabit screen` (the warning-sign questions again, or a clearance)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.text import Text

from rehabit.cli._app import console, short_help
from rehabit.cli._dates import ISO_DATE
from rehabit.cli._ratings import ask_ratings, parse_rating
from rehabit.domain.planner import DAY_NAMES, DEFAULT_DAYS
from rehabit.domain.safety import (
    CLEARANCE_COMMAND,
    WALKING,
    WARNING_SIGNS,
    ScreenOutcome,
    ScreenResult,
    SignGroup,
    answers_from_names,
    parse_answer,
    screen,
    walking_answers,
)
from rehabit.errors import RehabitError
from rehabit.services import open_store, safety
from rehabit.services import setup as setup_service
from rehabit.services.planning import PersonPlan
from rehabit.services.setup import SetupAnswers, parse_days, parse_equipment

_GROUP_TITLES = {
    SignGroup.CAUDA_EQUINA: "Nerves at the base of the spine",
    SignGroup.CANCER: "Cancer",
    SignGroup.INFECTION: "Infection",
    SignGroup.FRACTURE: "Broken bone",
    SignGroup.OTHER: "Other signs",
}
F = TypeVar("F", bound=Callable[..., Any])
_SIGN_NAMES = ", ".join(item.name for item in WARNING_SIGNS)


def _warning_sign_options(command: F) -> F:
    command = click.option(
        "--warning-sign",
        "warning_signs",
        multiple=True,
        metavar="NAME",
        help=f"Answer yes to this warning sign, no to the others (repeatable). Names: {_SIGN_NAMES}.",
    )(command)
    return click.option(
        "--no-warning-signs", is_flag=True, help="Answer no to every warning-sign question without being asked."
    )(command)


@click.command("setup", short_help=short_help("setup"))
@click.option("--name", help="Your name or initials (optional).")
@click.option(
    "--equipment",
    metavar="LIST",
    help="What you have at home: loop-band, long-band, weights (comma-separated; band = both bands) or none.",
)
@click.option("--days", metavar="LIST", help="Days that suit you for exercise, e.g. mon,wed,fri.")
@click.option("--pain", type=int, metavar="0-10", help="Your back or glute pain right now, 0 (none) to 10 (worst).")
@click.option(
    "--psfs",
    "psfs_ratings",
    multiple=True,
    metavar="ACTIVITY=SCORE",
    help="An activity your back makes hard and how well you manage it, 0 (unable) to 10 (as before); up to 5.",
)
@_warning_sign_options
def setup(
    name: str | None,
    equipment: str | None,
    days: str | None,
    pain: int | None,
    psfs_ratings: tuple[str, ...],
    warning_signs: tuple[str, ...],
    no_warning_signs: bool,
) -> None:
    """Get started: answer the warning-sign questions, then say what equipment you have, which days suit you
    and how much pain you have now. Asks for anything not given as an option."""
    out = console()
    answers = screen_answers(warning_signs, no_warning_signs, out)
    # After an emergency answer (SCREEN-2) nothing else matters today: ask no more questions.
    urgent = screen(answers).result is ScreenResult.EMERGENCY
    have = parse_equipment(equipment) if equipment is not None else (() if urgent else _ask_equipment())
    chosen_days = parse_days(days) if days is not None else (DEFAULT_DAYS if urgent else _ask_days())
    pain_now = _check_pain(pain) if pain is not None else (None if urgent else _ask_pain())
    ratings = [parse_rating(text) for text in psfs_ratings]
    if not ratings and not urgent and not (warning_signs or no_warning_signs):
        ratings = ask_ratings([])
    with open_store() as store:
        result = setup_service.set_up(
            store,
            SetupAnswers(
                warning_signs=answers,
                equipment=have,
                preferred_days=chosen_days,
                starting_pain=pain_now,
                name=name,
                psfs=tuple(ratings),
            ),
            date.today(),
        )
    print_outcome(result.outcome, out)
    if urgent:
        return
    day_names = ", ".join(DAY_NAMES[day] for day in result.person.preferred_days)
    pain_text = "not given" if result.person.starting_pain is None else f"{result.person.starting_pain}/10"
    out.print(
        f"Saved: equipment {', '.join(result.person.equipment) or 'none'}; days {day_names}; pain now {pain_text}."
    )
    if ratings:
        mean = sum(score for _, score in ratings) / len(ratings)
        out.print(f"Activities to track (PSFS): {len(ratings)}, mean {mean:.1f}/10; `rehabit psfs` rates them again.")
    if result.plan is not None:
        _print_first_session(result.plan, out)


def _print_first_session(made: PersonPlan, out: Console) -> None:
    sessions = made.plan.sessions
    if not sessions:
        out.print("No session could be planned yet: see `rehabit plan`.")
        return
    first = sessions[0].on_date
    out.print(
        f"Planned: {len(sessions)} sessions over {made.plan.weeks} weeks, the first on {first:%A %-d %B}. "
        "`rehabit session` guides you through it; `rehabit plan` shows them all."
    )


@click.command("screen", short_help=short_help("screen"))
@_warning_sign_options
@click.option("--cleared-by", metavar="NAME", help="Record that this health professional cleared you to exercise.")
@click.option(
    "--cleared-on",
    type=ISO_DATE,
    metavar="DATE",
    help="The date you were cleared, YYYY-MM-DD (default today).",
)
@click.option(
    "--consulted",
    metavar="NAME",
    help="Record that you saw this health professional about the pain that paused your program (PAIN-4); "
    "the program then carries on.",
)
@click.option(
    "--consulted-on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="DATE",
    help="The date you saw them, YYYY-MM-DD (default today).",
)
def screen_command(
    warning_signs: tuple[str, ...],
    no_warning_signs: bool,
    cleared_by: str | None,
    cleared_on: datetime | None,
    consulted: str | None,
    consulted_on: datetime | None,
) -> None:
    """Answer the warning-sign questions again (after new symptoms, every 4 weeks), record that a health
    professional cleared you to exercise with --cleared-by NAME [--cleared-on DATE], or that you saw one
    about the pain that paused your program with --consulted NAME [--consulted-on DATE]."""
    out = console()
    if cleared_on is not None and cleared_by is None:
        raise RehabitError("--cleared-on needs --cleared-by NAME as well")
    if consulted_on is not None and consulted is None:
        raise RehabitError("--consulted-on needs --consulted NAME as well")
    if consulted is not None:
        if warning_signs or no_warning_signs or cleared_by is not None:
            raise RehabitError("record a consultation on its own, without warning-sign answers or a clearance")
        _resume(consulted, (consulted_on or datetime.now()).date(), out)
        return
    if cleared_by is not None:
        if warning_signs or no_warning_signs:
            raise RehabitError("record a clearance on its own, without warning-sign answers")
        today = date.today()
        with open_store() as store:
            person = setup_service.current_person(store)
            day = (cleared_on or datetime.now()).date()
            record, made = setup_service.clear_to_exercise(store, person.id, cleared_by, day, today)
        assert record.cleared_on is not None
        out.print(f"Recorded: cleared by {record.cleared_by} on {record.cleared_on.isoformat()}.")
        _print_first_session(made, out)
        return
    with open_store() as store:
        person = setup_service.current_person(store)
        answers = screen_answers(warning_signs, no_warning_signs, out)
        _, outcome, replanned = setup_service.screen_again(store, person.id, answers, date.today())
    print_outcome(outcome, out)
    if outcome.result is not ScreenResult.CLEAR:
        out.print("The sessions still planned are cancelled until then.")
    elif replanned is not None:
        _print_first_session(replanned, out)


def _resume(consulted: str, consulted_on: date, out: Console) -> None:
    today = date.today()
    with open_store() as store:
        person = setup_service.current_person(store)
        resumed = safety.resume_after_referral(store, person.id, consulted, consulted_on, today)
        from rehabit.services import today as today_service

        coming = today_service.today(store, person.id, today).next_session
    what = "your program" if resumed.lifted == ["program"] else ", ".join(resumed.lifted)
    out.print(
        f"Recorded: you saw {resumed.consulted} on {resumed.consulted_on.isoformat()}; {what} carries on (PAIN-4)."
    )
    if coming is not None:
        out.print(f"Next session: {coming.on_date:%A %-d %B}.")


def screen_answers(names: tuple[str, ...], none: bool, out: Console) -> dict[str, bool]:
    """The warning-sign answers from the flags, or asked one by one (the walking question with its
    follow-up: is it weakness or pain?)."""
    if none and names:
        raise RehabitError("--no-warning-signs and --warning-sign contradict each other; use one")
    if none or names:
        return answers_from_names(names)
    out.print(Text("Warning signs", style="bold"))
    out.print("Some back pain needs a health professional before exercise. Answer yes or no to each question.")
    answers: dict[str, bool] = {}
    group: SignGroup | None = None
    for item in WARNING_SIGNS:
        if item.asked_by == WALKING.name:
            if item.name not in answers:
                answers.update(_ask_walking())
            continue
        if item.group is not group:
            group = item.group
            out.print(Text(_GROUP_TITLES[group], style="dim"))
        answers[item.name] = _ask_yes_no(item.name, item.question)
    return answers


def _ask_walking() -> dict[str, bool]:
    """SCREEN-1's walking question, and only when it is yes: is it a leg getting weak, or pain?"""
    if not _ask_yes_no(WALKING.name, WALKING.question):
        return walking_answers(False, None)
    choices = "/".join(value for value, _, _ in WALKING.choices)
    while True:
        reply = _ask(f"{WALKING.why} [{choices}]")
        try:
            return walking_answers(True, reply)
        except RehabitError:
            if not sys.stdin.isatty():
                raise
            click.echo(f"Please answer {', '.join(value for value, _, _ in WALKING.choices)}.")


def _ask(question: str, default: str = "") -> str:
    try:
        reply: str = click.prompt(question, default=default, show_default=bool(default))
    except click.Abort:
        raise RehabitError(f"no answer to {question!r}; nothing was saved") from None
    return reply


def _ask_yes_no(name: str, question: str) -> bool:
    while True:
        reply = _ask(f"{question} [yes/no]")
        try:
            return parse_answer(name, reply)
        except RehabitError:
            if not sys.stdin.isatty():
                raise
            click.echo("Please answer yes or no.")


def _ask_equipment() -> tuple[str, ...]:
    have = []
    if _ask_yes_no("loop-band", "Do you have a loop band (a short band that goes round both legs)?"):
        have.append("loop-band")
    if _ask_yes_no("long-band", "Do you have a long resistance band (long enough to stand on and hold the ends)?"):
        have.append("long-band")
    if _ask_yes_no("weights", "Do you have weights, such as dumbbells?"):
        have.append("weights")
    return parse_equipment(have or ["none"])


def _ask_days() -> tuple[int, ...]:
    default = ",".join(DAY_NAMES[day] for day in DEFAULT_DAYS)
    while True:
        try:
            return parse_days(_ask("Which days suit you for exercise? (e.g. mon,wed,fri)", default))
        except RehabitError as error:
            if not sys.stdin.isatty():
                raise
            click.echo(str(error))


def _ask_pain() -> int:
    while True:
        reply = _ask("How much pain do you have right now, from 0 (none) to 10 (worst)?").strip()
        try:
            return _check_pain(int(reply))
        except (ValueError, RehabitError):
            if not sys.stdin.isatty():
                raise RehabitError(f"pain must be a whole number from 0 to 10, not {reply!r}") from None
            click.echo("Please type a whole number from 0 to 10.")


def _check_pain(pain: int) -> int:
    if not 0 <= pain <= 10:
        raise RehabitError(f"pain must be a whole number from 0 to 10, not {pain}")
    return pain


def print_outcome(outcome: ScreenOutcome, out: Console) -> None:
    """What the screen decided, and the source it rests on ([B]) when a rule decided."""
    style = {ScreenResult.EMERGENCY: "bold red", ScreenResult.NEEDS_CLEARANCE: "bold yellow"}.get(outcome.result, "")
    out.print(Text(outcome.message, style=style))
    if outcome.result is ScreenResult.NEEDS_CLEARANCE:
        out.print(Text(f"Record it with `{CLEARANCE_COMMAND}`."))
    if outcome.source is not None:
        out.print(Text(f"Source: {outcome.source}", style="dim"))
