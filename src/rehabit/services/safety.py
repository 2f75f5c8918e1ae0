"""Safety at every door: whether a session may start now, and resuming a program after a referral.

`sessions.start_session` asks `start_refusal` in its transaction, and the faces ask it before they show
a Start button (Today, the player page), so the CLI, the web pages and the JSON API refuse the same
session for the same reason: SCREEN-2 (emergency), SCREEN-3 (until a clearance), PAIN-4 (a program
paused for rising pain, until a professional has seen the person) and FREQ-1 (a session on the day of,
before or after one already logged, unless the person chooses an extra session). Everything here reads
what is stored — the latest screening, what `course.update_course` paused, the logged sessions — and
never replays the course.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from pydantic import BaseModel

from rehabit.domain.course_changes import SETTINGS_KEY as CHANGES_KEY
from rehabit.domain.course_changes import CourseChange
from rehabit.domain.planner import rest_day_refusal
from rehabit.domain.progression import referral_refusal
from rehabit.domain.rules import Refusal
from rehabit.domain.safety import rescreen_reason, screen_refusal
from rehabit.errors import RehabitError
from rehabit.services import course, planning
from rehabit.services.course import Pauses, local_date, pauses, person_thresholds
from rehabit.store import PersonRecord, SessionLogRecord, Store, people, screenings, sessions, utcnow
from rehabit.store.accounts import has_clinician

__all__ = [
    "Resumed",
    "SessionRefused",
    "StartRefusal",
    "logged_days",
    "refusal_view",
    "require_start_allowed",
    "rescreen_offer",
    "resume_after_referral",
    "start_refusal",
]


class StartRefusal(BaseModel):
    """Why a session cannot start now, what to do about it, the rule and its source.

    `extra_allowed`: the person may still choose an extra session (only a FREQ-1 rest day).
    """

    rule_id: str
    reason: str
    what_to_do: str
    source: str
    extra_allowed: bool
    message: str
    command: str = ""  # the terminal's way to do it (the CLI adds it to the message; pages leave it out)


class SessionRefused(RehabitError):
    """A session start refused by a rule (SCREEN-2, SCREEN-3, PAIN-4, FREQ-1); the faces show `refusal`."""

    def __init__(self, refusal: StartRefusal) -> None:
        super().__init__(refusal.message)
        self.refusal = refusal
        self.terminal_hint = refusal.command


def refusal_view(refusal: Refusal) -> StartRefusal:
    """A domain refusal as every face shows it."""
    return StartRefusal(
        rule_id=refusal.rule_id,
        reason=refusal.reason,
        what_to_do=refusal.what_to_do,
        source=refusal.source,
        extra_allowed=refusal.extra_allowed,
        message=refusal.message,
        command=refusal.command,
    )


def counts_as_logged(log: SessionLogRecord) -> bool:
    """Whether a session counts as done for FREQ-1: finished, or ended early after at least one set."""
    return log.status == "finished" or (log.status == "abandoned" and bool(log.sets))


def logged_days(store: Store, person_id: int, around: date, *, leaving_out: int | None = None) -> list[date]:
    """The days of sessions done (FREQ-1's logged dates) from the day before `around` on."""
    since = datetime.combine(around - timedelta(days=2), time()).astimezone()
    return [
        local_date(log.started_at)
        for log in sessions.sessions_since(store, person_id, since)
        if log.id != leaving_out and counts_as_logged(log)
    ]


def start_refusal(
    store: Store, person_id: int, on: date, *, extra: bool = False, leaving_out: int | None = None
) -> StartRefusal | None:
    """Why a session on `on` may not start, or None when it may (a read).

    In order: the warning-sign screen (SCREEN-2, SCREEN-3), a program paused by PAIN-4, then FREQ-1
    against the logged dates — which an `extra` session is let past (never the others). `leaving_out`
    is a session about to be replaced (ended to start afresh): it does not count as done.
    """
    latest = screenings.latest_screening(store, person_id)
    found = screen_refusal(None if latest is None else latest.result, None if latest is None else latest.cleared_on)
    if found is None:
        paused = pauses(people.get_person(store, person_id))
        if paused.referred_on is not None:
            found = referral_refusal(
                paused.referred_on, paused.referral_facts, has_clinician=has_clinician(store, person_id)
            )
    if found is None and not extra:
        found = rest_day_refusal(on, logged_days(store, person_id, on, leaving_out=leaving_out))
    return None if found is None else refusal_view(found)


def require_start_allowed(
    store: Store, person_id: int, on: date, *, extra: bool = False, leaving_out: int | None = None
) -> None:
    """SessionRefused when `start_refusal` refuses."""
    refusal = start_refusal(store, person_id, on, extra=extra, leaving_out=leaving_out)
    if refusal is not None:
        raise SessionRefused(refusal)


def rescreen_offer(store: Store, person: PersonRecord, today: date) -> str | None:
    """SCREEN-1: why the warning-sign questions should be answered again today, or None (a read).

    Every 4 weeks, and after a session that ended with pain above the person's 'too much' threshold.
    """
    latest = screenings.latest_screening(store, person.id)
    if latest is None:
        return None
    closed = [log for log in sessions.recent_sessions(store, person.id) if log.status != "in_progress"]
    last = closed[-1] if closed else None
    ending: int | None = None
    if last is not None:
        stops = [s.pain_during for s in last.sets if s.stopped_for_pain and s.pain_during is not None]
        known = [p for p in [last.pain_after, *stops[-1:]] if p is not None]
        ending = max(known) if known else None
    return rescreen_reason(
        latest.screened_at,
        today,
        ending,
        None if last is None else (last.finished_at or last.started_at),
        person_thresholds(person),
    )


class Resumed(BaseModel):
    """A program carried on after a referral: who was consulted, when, and what had been paused."""

    consulted: str
    consulted_on: date
    lifted: list[str]


def resume_after_referral(store: Store, person_id: int, consulted: str, consulted_on: date, today: date) -> Resumed:
    """PAIN-4, single-user mode: the person records that a health professional has seen them about the
    pain that paused their program or an exercise; the pause is lifted, the resume logged, the coming
    weeks planned again.

    Refused when nothing is paused, when the date is still to come, and for a person a clinician looks
    after (clinic mode): their clinician carries the program on (a course change).
    """
    who = consulted.strip()
    if not who:
        raise RehabitError("say who you consulted, for example --consulted 'Dr Jones'")
    if consulted_on > today:
        raise RehabitError(f"the date you consulted {consulted_on.isoformat()} is in the future")
    with store.transaction():
        person = people.get_person(store, person_id)
        paused: Pauses = pauses(person)
        if paused.referred_on is None and not paused.exercises:
            raise RehabitError("nothing is paused: your program carries on as planned")
        if has_clinician(store, person_id):
            raise RehabitError("your clinician carries your program on after a pause: please get in touch with them")
        lifted = sorted(paused.exercises) if paused.referred_on is None else ["program"]
        _record_resume(store, person, who, consulted_on, lifted)
        update = course.update_course(store, person_id)
        planning.plan(store, person_id, today, update=update)
    return Resumed(consulted=who, consulted_on=consulted_on, lifted=lifted)


def _record_resume(store: Store, person: PersonRecord, who: str, consulted_on: date, lifted: list[str]) -> None:
    """A course change from now on (same stage, same rungs): it lifts the pauses; and the resume, logged."""
    update = course.replay_course(store, person.id)
    engine, now_course = update.engine, update.course
    rungs = {
        slot: engine.ladder(slot).index_of(engine.rung(now_course, slot))
        for slot in engine.stage_slots(now_course.stage_index)
    }
    # a dose a clinician set by hand, not on the ladder, stands while its exercise stays on the same rung
    latest = update.changes[-1] if update.changes else None
    custom = {
        slot: dose
        for slot, dose in (latest.custom if latest else {}).items()
        if latest and latest.rungs.get(slot) == rungs.get(slot)
    }
    at = utcnow()
    state = dict(person.settings.get(CHANGES_KEY) or {})
    change = CourseChange(at, now_course.stage_index, rungs, custom)
    state["changes"] = [item.document() for item in update.changes] + [change.document()]
    resume = {"at": at.isoformat(), "consulted": who, "consulted_on": consulted_on.isoformat()}
    state["resumes"] = [*(state.get("resumes") or []), {**resume, "lifted": ", ".join(lifted)}]
    people.update_person(store, person.id, settings={**person.settings, CHANGES_KEY: state})
