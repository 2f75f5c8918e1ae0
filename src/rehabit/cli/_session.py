"""`rehabit session`: the guided session for today, in the terminal, with every set logged as it is done.

It goes through the same doors as the web player: `sessions.start_session` (start or carry on, refused
by SCREEN-2, SCREEN-3, PAIN-4 and FREQ-1 with the reason and what to do), `sessions.log_set` for every
set, `sessions.rate_exercise_pain` after every exercise, `sessions.finish_session` (progression, next
plan).
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
from rehabit.player.terminal import KEY_HELP, KeyReader, PlayerOutcome, TerminalPlayer, Voice
from rehabit.services import Store, open_store, safety, sessions, setup, terminal
from rehabit.services.sessions import SessionStart

SCORE = click.IntRange(0, 10)


@click.command("session", short_help=short_help("session"))
@click.option(
    "--date",
    "on_date",
    type=ISO_DATE,
    help="Log the session on this date (YYYY-MM-DD, today or earlier): the session planned that day, or the "
    "next one. Refused on the day of, before or after a session already logged (FREQ-1).",
)
@click.option(
    "--auto",
    is_flag=True,
    help="Ask nothing: take the next planned session, resume an unfinished one, answer from the flags.",
)
@click.option(
    "--extra",
    is_flag=True,
    help="Do an extra session on a rest day (FREQ-1 refuses it otherwise): it is logged as extra and never "
    "counts towards a harder dose.",
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
    "--pain-during",
    type=SCORE,
    help="With --auto: the pain during every exercise (0–10), given as each one ends. Without it the "
    "exercises are logged 'not rated'.",
)
@click.option("--pain-after", type=SCORE, help="Pain right after the session (0–10).")
@click.option("--effort", type=SCORE, help="How hard the session felt, 0 (nothing) to 10 (the hardest possible).")
@click.option("--voice", is_flag=True, help="Speak the cues aloud through espeak-ng.")
def app(
    on_date: datetime | None,
    auto: bool,
    extra: bool,
    speed: float,
    pain_before: int | None,
    pain_during: int | None,
    pain_after: int | None,
    effort: int | None,
    voice: bool,
) -> None:
    """Guide you through today's planned session with timers, counts and side switches, logging each set.

    Keys while it runs: space pause/resume, n skip the exercise, b back one step, h it hurts, q quit,
    0–9 note the pain now. When an exercise ends it asks how much it hurt: a key 0–9 (t for 10), Enter for
    the last number given, - for "not rated". If the session is interrupted, running `rehabit session`
    again carries on from the first set not logged.
    """
    out = console()
    speaker = Voice.find() if voice else None
    today = date.today()
    day = on_date.date() if on_date is not None else today
    with open_store() as store:
        person = setup.current_person(store)
        if not auto:
            ask_next_morning_pain(store, person.id, today, out)
        _offer_rescreen(store, person.id, today, auto, out)
        started = _start(store, person.id, day, today, auto, extra, pain_before, out)
        engine, logger = terminal.open_engine(store, started.log, started.planned, speed=speed)
        _introduce(out, engine.timeline, started, engine.current, auto)
        with KeyReader(enabled=not auto) as keys:
            player = TerminalPlayer(
                engine,
                out,
                keys=keys,
                voice=speaker,
                pain_answer=pain_during if auto else None,
                auto=auto,
                rating_answer=pain_during,
                advisor=logger.advice,
            )
            try:
                outcome = player.run()
            except KeyboardInterrupt:
                outcome = player.outcome
                outcome.quit = True
        for advice in outcome.advice:
            out.print(advice, markup=False)
        if not outcome.finished and not outcome.ended:
            out.print(
                f"Stopped. The {len(logger.logged)} set(s) logged this time are saved; "
                "`rehabit session` carries on from where you stopped."
            )
            return
        _finish(store, started, outcome, pain_after, effort, today, auto, out)
        _offer_rescreen(store, person.id, today, auto, out)


def _finish(
    store: Store,
    started: SessionStart,
    outcome: PlayerOutcome,
    pain_after: int | None,
    effort: int | None,
    today: date,
    auto: bool,
    out: Console,
) -> None:
    after = _score(pain_after, "Pain now, after the session (0–10)", auto)
    felt = _score(effort, "How hard did it feel, 0 (nothing) to 10 (the hardest possible)", auto)
    notes = None
    if outcome.ended:
        notes = f"ended early for pain ({outcome.ended_pain}/10)" if outcome.ended_pain is not None else "ended early"
    finished = sessions.finish_session(store, started.log.id, today, pain_after=after, effort=felt, notes=notes)
    for message in finished.messages:  # progression
        out.print(message, markup=False)
    for command in finished.commands:  # the terminal's way to do what a message asks
        out.print(f"In the terminal: `{command}`.", markup=False)
    count = len(finished.session.sets)
    if outcome.ended:
        out.print(f"Session ended early: {count} set(s) logged. Rest now, and go easy for the rest of the day.")
    else:
        out.print(f"Session finished: {count} set(s) logged. Well done.")


def _offer_rescreen(store: Store, person_id: int, today: date, auto: bool, out: Console) -> None:
    """SCREEN-1: every 4 weeks, and after a session that ended too sore, offer the questions again."""
    reason = safety.rescreen_offer(store, setup.person(store, person_id), today)
    if reason is None:
        return
    if auto:
        out.print(f"{reason} Run `rehabit screen` to answer them. (SCREEN-1)", markup=False)
        return
    if not click.confirm(f"{reason} Answer them now?", default=True):
        out.print("You can answer them any time with `rehabit screen`.")
        return
    from rehabit.cli._setup import print_outcome, screen_answers

    answers = screen_answers((), False, out)
    _, screened, _plan = setup.screen_again(store, person_id, answers, today)
    print_outcome(screened, out)


def _score(given: int | None, question: str, auto: bool) -> int | None:
    if given is not None or auto:
        return given
    value: int = click.prompt(question, type=SCORE)
    return value


def _start(
    store: Store,
    person_id: int,
    day: date,
    today: date,
    auto: bool,
    extra: bool,
    pain_before: int | None,
    out: Console,
) -> SessionStart:
    """Carry on the session in progress (asked first), or start the one planned on `day` or next, when the
    rules allow it (or an extra session, on a rest day, when the person chooses one)."""
    unfinished = sessions.unfinished(store, person_id)
    carry_on = True
    if unfinished is not None:
        when = unfinished.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        question = f"Your session of {when} was not finished ({len(unfinished.sets)} set(s) logged). Carry on?"
        if unfinished.planned_session_id is not None and (auto or click.confirm(question, default=True)):
            started = sessions.start_session(store, person_id, today)
            out.print(f"Carrying on the session of {when} from the first set not logged.")
            return started
        carry_on = False  # starting another ends this one; its sets are kept
    refusal = safety.start_refusal(
        store, person_id, day, leaving_out=None if carry_on or unfinished is None else unfinished.id
    )
    if refusal is not None:
        question = f"{refusal.reason} Do an extra session anyway? It never counts towards a harder dose"
        wants = extra or (not auto and refusal.extra_allowed and click.confirm(question, default=False))
        if not (refusal.extra_allowed and wants):
            raise safety.SessionRefused(refusal)
        extra = True
        out.print("An extra session: it is logged, and never counts towards a harder dose (FREQ-1).")
    planned = sessions.next_session(store, person_id, day)
    if planned.on_date != day:
        question = f"No session is planned on {day.isoformat()}. Do the next one, planned for {planned.on_date}?"
        if not auto and not click.confirm(question, default=True):
            raise click.exceptions.Exit(0)
        out.print(f"Doing the session planned for {planned.on_date.isoformat()}.")
    before = _score(pain_before, "Pain now, before you start (0–10)", auto)
    return sessions.start_session(
        store,
        person_id,
        today,
        on=day,
        planned_session_id=planned.id,
        pain_before=before,
        carry_on=carry_on,
        extra=extra,
    )


def _introduce(out: Console, timeline: Timeline, started: SessionStart, start: int, auto: bool) -> None:
    planned: PlannedSessionRecord = started.planned
    left_ms = timeline.duration_ms - (
        timeline.steps[start].start_ms if start < len(timeline.steps) else timeline.duration_ms
    )
    minutes = left_ms / 60000
    names = ", ".join(exercise.name for exercise in timeline.exercises)
    logged_on = started.log.started_at.astimezone().date()
    on = planned.on_date.isoformat()
    if logged_on != planned.on_date:
        on += f", logged on {logged_on.isoformat()}"
    out.print(f"Session of {on}: {names} (about {minutes:.0f} min).", markup=False)
    for item in started.left_out:  # paused by PAIN-4 since the session was planned
        out.print(f"Left out, paused: {item.name} — {item.reason}", markup=False)
    if not auto:
        out.print(KEY_HELP)
