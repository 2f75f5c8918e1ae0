"""`rehabit session`: the guided session for today, in the terminal, with every set logged as it is done.

It goes through the same doors as the web player: `sessions.start_session` (start or carry on),
`sessions.log_set` for every set, `sessions.finish_session` (progression, next plan).
"""

from __future__ import annotations

from datetime import date, datetime

import click
from rich.console import Console

from rehabit.cli._app import console, short_help
from rehabit.cli._dates import ISO_DATE
from rehabit.cli._morning import ask_next_morning_pain
from rehabit.domain.records import PlannedSessionRecord
from rehabit.domain.timeline import Timeline
from rehabit.player.terminal import KEY_HELP, KeyReader, TerminalPlayer, Voice
from rehabit.services import Store, open_store, sessions, setup
from rehabit.services.sessions import SessionStart

SCORE = click.IntRange(0, 10)


@click.command("session", short_help=short_help("session"))
@click.option(
    "--date",
    "on_date",
    type=ISO_DATE,
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
    with open_store() as store:
        person = setup.current_person(store)
        if not auto:
            ask_next_morning_pain(store, person.id, date.today(), out)
        started = _start(store, person.id, day, auto, pain_before, out)
        engine, logger = sessions.open_engine(store, started.log, started.planned, speed=speed, pain_during=pain_during)
        _introduce(out, engine.timeline, started.planned, engine.current, auto)
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
        finished = sessions.finish_session(store, started.log.id, date.today(), pain_after=after, effort=felt)
        for message in finished.messages:  # progression
            out.print(message, markup=False)
        out.print(f"Session finished: {len(finished.session.sets)} set(s) logged. Well done.")


def _score(given: int | None, question: str, auto: bool) -> int | None:
    if given is not None or auto:
        return given
    value: int = click.prompt(question, type=SCORE)
    return value


def _start(store: Store, person_id: int, day: date, auto: bool, pain_before: int | None, out: Console) -> SessionStart:
    """Carry on the session in progress (asked first), or start the one planned on `day` or next."""
    unfinished = sessions.unfinished(store, person_id)
    carry_on = True
    if unfinished is not None:
        when = unfinished.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        question = f"Your session of {when} was not finished ({len(unfinished.sets)} set(s) logged). Carry on?"
        if unfinished.planned_session_id is not None and (auto or click.confirm(question, default=True)):
            started = sessions.start_session(store, person_id, day)
            out.print(f"Carrying on the session of {when} from the first set not logged.")
            return started
        carry_on = False  # starting another ends this one; its sets are kept
    planned = sessions.next_session(store, person_id, day)
    if planned.on_date != day:
        question = f"No session is planned on {day.isoformat()}. Do the next one, planned for {planned.on_date}?"
        if not auto and not click.confirm(question, default=True):
            raise click.exceptions.Exit(0)
        out.print(f"Doing the session planned for {planned.on_date.isoformat()}.")
    before = _score(pain_before, "Pain now, before you start (0–10)", auto)
    return sessions.start_session(
        store, person_id, day, planned_session_id=planned.id, pain_before=before, carry_on=carry_on
    )


def _introduce(out: Console, timeline: Timeline, planned: PlannedSessionRecord, start: int, auto: bool) -> None:
    left_ms = timeline.duration_ms - (
        timeline.steps[start].start_ms if start < len(timeline.steps) else timeline.duration_ms
    )
    minutes = left_ms / 60000
    names = ", ".join(exercise.name for exercise in timeline.exercises)
    out.print(f"Session of {planned.on_date.isoformat()}: {names} (about {minutes:.0f} min).", markup=False)
    if not auto:
        out.print(KEY_HELP)
