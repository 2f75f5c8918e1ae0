"""`rehabit session`: the guided session for today, in the terminal, with every set logged as it is done."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click
from rich.console import Console

from rehabit import course
from rehabit.cli._app import console
from rehabit.player import session as runner
from rehabit.player.terminal import KEY_HELP, KeyReader, TerminalPlayer, Voice
from rehabit.store import PlannedSessionRecord, SessionLogRecord, Store, people, plans, sessions
from rehabit.store.engine import database_url
from rehabit.timeline import Timeline

SCORE = click.IntRange(0, 10)


@click.command("session")
@click.option(
    "--date",
    "on_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Run the session planned on this date (YYYY-MM-DD) instead of today.",
)
@click.option(
    "--auto",
    is_flag=True,
    help="Ask nothing: take the next planned session, resume an unfinished one, answer from the flags.",
)
@click.option(
    "--speed",
    type=click.FloatRange(min=0.01, max=10_000),
    default=1.0,
    show_default=True,
    help="Run the clock this many times faster (for trying it out and for scripts).",
)
@click.option("--pain-before", type=SCORE, help="Pain now, before the session (0–10).")
@click.option(
    "--pain-during", type=SCORE, help="Pain during the exercises (0–10); also the answer when a stop for pain asks."
)
@click.option("--pain-after", type=SCORE, help="Pain right after the session (0–10).")
@click.option("--effort", type=SCORE, help="How hard the session felt, 0 (nothing) to 10 (the hardest possible).")
@click.option("--voice", is_flag=True, help="Speak the cues aloud through espeak-ng.")
def app(
    on_date: datetime | None,
    auto: bool,
    speed: float,
    pain_before: int | None,
    pain_during: int | None,
    pain_after: int | None,
    effort: int | None,
    voice: bool,
) -> None:
    """Guide you through today's planned session with timers, counts and side switches, logging each set.

    Keys while it runs: space pause/resume, n skip the exercise, b back one step, h it hurts, q quit.
    If the session is interrupted, running `rehabit session` again carries on from the first set not logged.
    """
    out = console()
    speaker = Voice.find() if voice else None
    day = on_date.date() if on_date is not None else date.today()
    with Store.open() as store:
        person = people.current_person(store)
        _ask_next_morning_pain(store, person.id, date.today(), auto, out)
        log, planned = _resume_or_start(store, person.id, day, auto, pain_before, out)
        engine, logger = runner.open_engine(store, person, log, planned, speed=speed, pain_during=pain_during)
        _introduce(out, engine.timeline, planned, engine.current, auto)
        with KeyReader(enabled=not auto) as keys:
            player = TerminalPlayer(
                engine, out, keys=keys, voice=speaker, pain_answer=(pain_during or 0) if auto else None
            )
            try:
                outcome = player.run()
            except KeyboardInterrupt:
                outcome = player.outcome
                outcome.quit = True
        for advice in outcome.advice:
            out.print(advice, markup=False)
        if not outcome.finished:
            out.print(
                f"Stopped. The {len(logger.logged)} set(s) logged this time are saved; "
                "`rehabit session` carries on from where you stopped."
            )
            return
        after = _score(pain_after, "Pain now, after the session (0–10)", auto)
        felt = _score(effort, "How hard did it feel, 0 (nothing) to 10 (the hardest possible)", auto)
        done = sessions.finish_session(store, log.id, pain_after=after, effort=felt)
        for message in course.after_session(store, person.id, date.today()).messages:  # progression
            out.print(message, markup=False)
        out.print(f"Session finished: {len(done.sets)} set(s) logged. Well done.")


def _score(given: int | None, question: str, auto: bool) -> int | None:
    if given is not None or auto:
        return given
    value: int = click.prompt(question, type=SCORE)
    return value


def ask_next_morning_pain_when_due(out: Console) -> None:
    """Ask, once, for the next-morning pain of sessions finished before today (any command runs this).

    Only when a local database already exists and has a profile: a first run creates nothing here.
    """
    if not Path(database_url().removeprefix("sqlite:///")).exists() and database_url().startswith("sqlite"):
        return
    with Store.open() as store:
        person = people.default_person(store)
        if person is not None:
            _ask_next_morning_pain(store, person.id, date.today(), False, out)


def _ask_next_morning_pain(store: Store, person_id: int, today: date, auto: bool, out: Console) -> None:
    """Ask once, for each finished session before today, how the pain was the next morning."""
    if auto:
        return
    for log in runner.sessions_to_ask_next_morning(store, person_id, today):
        when = log.started_at.astimezone().date().isoformat()
        answer: str = click.prompt(
            f"How was your pain the morning after your session of {when}? (0–10, Enter to skip)",
            default="",
            show_default=False,
        )
        value = int(answer) if answer.strip().isdigit() and int(answer) <= 10 else None
        sessions.record_next_morning_pain(store, log.id, value)
        if value is None:
            out.print("Skipped; it will not be asked again.")
        elif log.pain_before is not None and value > log.pain_before:  # a flare lowers the doses (PAIN-3)
            for message in course.after_session(store, person_id, today).messages:
                out.print(message, markup=False)


def _resume_or_start(
    store: Store, person_id: int, day: date, auto: bool, pain_before: int | None, out: Console
) -> tuple[SessionLogRecord, PlannedSessionRecord]:
    unfinished = sessions.unfinished_session(store, person_id)
    if unfinished is not None and unfinished.planned_session_id is not None:
        when = unfinished.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        question = f"Your session of {when} was not finished ({len(unfinished.sets)} set(s) logged). Carry on?"
        if auto or click.confirm(question, default=True):
            out.print(f"Carrying on the session of {when} from the first set not logged.")
            return unfinished, plans.get_planned_session(store, unfinished.planned_session_id)
    if unfinished is not None:
        sessions.abandon_session(store, unfinished.id, notes="not carried on")
    choice = runner.choose_planned_session(store, person_id, day)
    planned = choice.planned
    if not choice.is_on_date:
        question = f"No session is planned on {day.isoformat()}. Do the next one, planned for {planned.on_date}?"
        if not auto and not click.confirm(question, default=True):
            raise click.exceptions.Exit(0)
        out.print(f"Doing the session planned for {planned.on_date.isoformat()}.")
    before = _score(pain_before, "Pain now, before you start (0–10)", auto)
    program_version_id = runner.session_program_version(store, planned)
    log = sessions.start_session(
        store, person_id, program_version_id, planned_session_id=planned.id, pain_before=before
    )
    return log, planned


def _introduce(out: Console, timeline: Timeline, planned: PlannedSessionRecord, start: int, auto: bool) -> None:
    left_ms = timeline.duration_ms - (
        timeline.steps[start].start_ms if start < len(timeline.steps) else timeline.duration_ms
    )
    minutes = left_ms / 60000
    names = ", ".join(exercise.name for exercise in timeline.exercises)
    out.print(f"Session of {planned.on_date.isoformat()}: {names} (about {minutes:.0f} min).", markup=False)
    if not auto:
        out.print(KEY_HELP)
