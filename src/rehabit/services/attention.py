"""A clinician's patient list: adherence they can act on, and who needs attention first and why.

Per patient: sessions done in each of the last 8 weeks against the program's 2–3 a week, sessions a week
over the last 4 weeks, the last session, the pain before sessions first and last (4 weeks), and the open
flags. A patient needs attention, in this order, for: an urgent referral (SCREEN-2), stop-and-refer
advice (PAIN-4), pain rising by 2 points or more (OUTCOME-1's important change), a clearance still
needed (SCREEN-3) or no screening yet, no session in 7 days, fewer sessions a week than the program
asks, a request to follow another program, a note not read yet. Reads only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from pydantic import BaseModel

from rehabit.model import IntRange
from rehabit.programs import get_program
from rehabit.store import Store, programs
from rehabit.store.clinic import PatientCounts, patient_counts
from rehabit.store.notes import unread_from_patients
from rehabit.store.prescriptions import with_open_requests

WINDOW_DAYS = 28  # planned-vs-done, pain and sessions a week are measured over the last four weeks
WEEKS = 8  # the week-by-week adherence shown
QUIET_DAYS = 7  # no session in this many days needs attention
IMPORTANT_CHANGE = 2  # points of pain before sessions (OUTCOME-1)

# reasons for attention, most pressing first
KINDS = ("urgent", "refer", "pain", "clearance", "screen", "quiet", "adherence", "request", "note")

__all__ = ["KINDS", "PatientLine", "Reason", "WeekLine", "patient_lines"]


class WeekLine(BaseModel):
    """One calendar week (Monday first): sessions finished, and the mean pain before them."""

    week_start: date
    sessions: int
    pain_before: float | None
    short: bool  # a whole week with fewer sessions than the program asks (this week never is)
    before_start: bool  # the week ended before the patient started


class Reason(BaseModel):
    """Why a patient needs attention, in plain words; `kind` is one of `KINDS`."""

    kind: str
    rule_id: str | None
    text: str


class PatientLine(BaseModel):
    """One patient in the list (the same figures in the page and in JSON)."""

    person_id: int
    name: str
    sessions_done: int  # finished in the last 4 weeks
    sessions_planned: int  # planned in the last 4 weeks (up to today)
    adherence_percent: int | None  # None when nothing was planned
    sessions_a_week: float | None  # over the last 4 weeks, or since they started when sooner; None: too new
    target_per_week: str  # what the program asks, e.g. "2–3"
    weeks: list[WeekLine]  # the last 8 weeks, oldest first, this week last
    last_session: date | None
    pain_first: int | None
    pain_last: int | None
    pain_change: int | None
    pain_trend: str  # "better", "worse", "steady" or "not logged"
    flags: list[str]
    reasons: list[Reason]
    needs_attention: bool
    unread_notes: int
    open_request: bool


def _trend(change: int | None) -> str:
    if change is None:
        return "not logged"
    if change <= -IMPORTANT_CHANGE:
        return "better"
    if change >= IMPORTANT_CHANGE:
        return "worse"
    return "steady"


def _local(moment: datetime) -> date:
    return moment.astimezone().date()


def _words(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class _Window:
    today: date
    first_week: date  # the Monday of the oldest week shown
    window_start: date  # the first day of the 4-week window

    @classmethod
    def ending(cls, today: date) -> _Window:
        monday = today - timedelta(days=today.weekday())
        return cls(today, monday - timedelta(weeks=WEEKS - 1), today - timedelta(days=WINDOW_DAYS - 1))


def patient_lines(store: Store, person_ids: list[int], today: date) -> list[PatientLine]:
    """One line per profile, those who need attention first (most pressing reason first), then by name."""
    window = _Window.ending(today)
    # a day either side of the local-date window in UTC, then cut exactly by local date
    since = datetime.combine(window.first_week - timedelta(days=1), time(), tzinfo=UTC)
    until = datetime.combine(today + timedelta(days=2), time(), tzinfo=UTC)
    refer_since = datetime.combine(window.window_start, time(), tzinfo=UTC)
    with store.read():
        counts = patient_counts(store, person_ids, window.window_start, today, since, until, refer_since)
        targets = _targets(store, {c.program_version_id for c in counts})
        unread = unread_from_patients(store, [c.person_id for c in counts])
        requests = with_open_requests(store, [c.person_id for c in counts])
    lines = [
        _line(c, window, targets.get(c.program_version_id), unread.get(c.person_id, 0), c.person_id in requests)
        for c in counts
    ]
    return sorted(lines, key=_order)


def _order(line: PatientLine) -> tuple[int, str, int]:
    rank = min((KINDS.index(reason.kind) for reason in line.reasons), default=len(KINDS))
    return rank, line.name.lower(), line.person_id


def _targets(store: Store, version_ids: set[int | None]) -> dict[int | None, IntRange]:
    found: dict[int | None, IntRange] = {None: get_program().frequency_per_week}
    for version_id in version_ids:
        if version_id is not None:
            found[version_id] = programs.get_program_version(store, version_id).program.frequency_per_week
    return found


def _line(
    counts: PatientCounts, window: _Window, target: IntRange | None, unread: int, open_request: bool
) -> PatientLine:
    target = target or get_program().frequency_per_week
    sessions = [(_local(started), pain) for started, pain in counts.finished]
    sessions = [(day, pain) for day, pain in sessions if window.first_week <= day <= window.today]
    recent = [(day, pain) for day, pain in sessions if day >= window.window_start]
    pains = [pain for _day, pain in recent if pain is not None]
    first, last = (pains[0], pains[-1]) if pains else (None, None)
    change = None if first is None or last is None else last - first
    started = min([_local(counts.created_at), *(day for day, _pain in sessions)])
    days = min(WINDOW_DAYS, (window.today - max(started, window.window_start)).days + 1)
    per_week = round(len(recent) * 7 / days, 1) if days >= 7 else None
    planned = max(counts.planned, len(recent))
    last_session = None if counts.last_finished is None else _local(counts.last_finished)
    flags = _flags(counts)
    line = PatientLine(
        person_id=counts.person_id,
        name=counts.name or f"patient {counts.person_id}",
        sessions_done=len(recent),
        sessions_planned=planned,
        adherence_percent=round(100 * len(recent) / planned) if planned else None,
        sessions_a_week=per_week,
        target_per_week=str(target),
        weeks=_weeks(sessions, window, target, started),
        last_session=last_session,
        pain_first=first,
        pain_last=last,
        pain_change=change,
        pain_trend=_trend(change),
        flags=flags,
        reasons=[],
        needs_attention=False,
        unread_notes=unread,
        open_request=open_request,
    )
    line.reasons = _reasons(counts, line, window, started, target)
    line.needs_attention = bool(line.reasons)
    return line


def _weeks(
    sessions: list[tuple[date, int | None]], window: _Window, target: IntRange, started: date
) -> list[WeekLine]:
    weeks = []
    for number in range(WEEKS):
        start = window.first_week + timedelta(weeks=number)
        inside = [pain for day, pain in sessions if start <= day < start + timedelta(days=7)]
        rated = [pain for pain in inside if pain is not None]
        mean = round(sum(rated) / len(rated), 1) if rated else None
        before = start + timedelta(days=6) < started
        short = number < WEEKS - 1 and not before and len(inside) < target.min
        weeks.append(
            WeekLine(week_start=start, sessions=len(inside), pain_before=mean, short=short, before_start=before)
        )
    return weeks


def _flags(counts: PatientCounts) -> list[str]:
    flags: list[str] = []
    if counts.refer_decisions:
        flags.append(f"PAIN-4: stop and refer ({counts.refer_decisions} in 4 weeks)")
    if counts.screening is None:
        flags.append("not screened yet")
    elif counts.screening == "emergency":
        flags.append("SCREEN-2: urgent referral")
    elif counts.screening == "needs_clearance":
        flags.append("SCREEN-3: needs clearance")
    return flags


def _reasons(
    counts: PatientCounts, line: PatientLine, window: _Window, started: date, target: IntRange
) -> list[Reason]:
    reasons: list[Reason] = []
    if counts.screening == "emergency":
        reasons.append(Reason(kind="urgent", rule_id="SCREEN-2", text="Warning signs that need urgent care today."))
    if counts.refer_decisions:
        times = "once" if counts.refer_decisions == 1 else f"{counts.refer_decisions} times"
        text = f"Told to pause an exercise and see a professional ({times} in 4 weeks)."
        reasons.append(Reason(kind="refer", rule_id="PAIN-4", text=text))
    if line.pain_change is not None and line.pain_change >= IMPORTANT_CHANGE:
        text = f"Pain before sessions is rising: {line.pain_first} → {line.pain_last} out of 10 in 4 weeks."
        reasons.append(Reason(kind="pain", rule_id="OUTCOME-1", text=text))
    if counts.screening == "needs_clearance":
        text = "A warning sign needs a health professional's clearance before exercising."
        reasons.append(Reason(kind="clearance", rule_id="SCREEN-3", text=text))
    if counts.screening is None:
        reasons.append(Reason(kind="screen", rule_id="SCREEN-1", text="Has not answered the warning-sign questions."))
    if counts.screening in ("clear", None) and (window.today - started).days >= QUIET_DAYS:
        if line.last_session is None:
            reasons.append(Reason(kind="quiet", rule_id=None, text="No session yet."))
        elif (window.today - line.last_session).days >= QUIET_DAYS:
            days = (window.today - line.last_session).days
            text = f"No session in {days} days (the last on {_words(line.last_session)})."
            reasons.append(Reason(kind="quiet", rule_id=None, text=text))
    if line.sessions_a_week is not None and line.sessions_a_week < target.min and counts.screening == "clear":
        text = f"{_count(line.sessions_a_week)} a week over the last 4 weeks; the program asks for {target}."
        reasons.append(Reason(kind="adherence", rule_id="FREQ-1", text=text))
    if line.open_request:
        reasons.append(Reason(kind="request", rule_id=None, text="Asks to follow another program."))
    if line.unread_notes:
        notes = "a note" if line.unread_notes == 1 else f"{line.unread_notes} notes"
        reasons.append(Reason(kind="note", rule_id=None, text=f"Sent you {notes} not read yet."))
    return reasons


def _count(per_week: float) -> str:
    number = f"{per_week:g}"
    return f"{number} session" if per_week == 1 else f"{number} sessions"
