"""Session logs and set logs: what a person did, each write committed at once.

`log_set` is idempotent: the same idempotency key, or the same (session, exercise, side, set number),
gives back the set already stored instead of a second copy, so a client can safely send a set again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, TypedDict, Unpack

from sqlalchemy import Row, Table, bindparam, exists, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from rehabit.domain.records import SessionLogRecord, SetLogRecord
from rehabit.errors import NotFoundError, RehabitError
from rehabit.store import _convert, tables
from rehabit.store.database import Store, as_utc, remembered, utcnow

SIDES = ("left", "right")
STATUSES = ("in_progress", "finished", "abandoned")

__all__ = [
    "SIDES",
    "SetTarget",
    "SetFields",
    "STATUSES",
    "abandon_session",
    "finish_session",
    "get_session_log",
    "list_sessions",
    "log_set",
    "rate_pain",
    "record_set",
    "session_pains",
    "set_target",
    "record_next_morning_pain",
    "sessions_needing_next_morning_pain",
    "start_session",
    "unfinished_session",
    "update_session_log",
]

_UNCHANGED: Any = object()


def start_session(
    store: Store,
    person_id: int,
    program_version_id: int,
    *,
    planned_session_id: int | None = None,
    pain_before: int | None = None,
    started_at: datetime | None = None,
    extra: bool = False,
) -> SessionLogRecord:
    """Open a session log (status in_progress) for the person; committed at once. An `extra` session
    (done on a rest day by choice) does not mark its planned session done when it finishes."""
    row = tables.SessionLog(
        person_id=person_id,
        planned_session_id=planned_session_id,
        program_version_id=program_version_id,
        started_at=started_at or utcnow(),
        finished_at=None,
        status="in_progress",
        pain_before=_convert.check_score(pain_before, "pain before the session"),
        pain_after=None,
        pain_next_morning=None,
        next_morning_asked=False,
        effort=None,
        notes="",
        extra=extra,
    )
    with store.transaction() as db:
        if db.get(tables.Person, person_id) is None:
            raise NotFoundError(f"no profile with id {person_id}")
        db.add(row)
        db.flush()
        return _convert.session_log(row)


class SetFields(TypedDict, total=False):
    """What a logged set may say besides which set it is (see `record_set`)."""

    side: str | None
    reps_done: int | None
    seconds_held: int | None
    pain_during: int | None
    pain_asked: bool
    stopped_for_pain: bool
    logged_at: datetime | None


def log_set(
    store: Store,
    session_log_id: int,
    exercise_id: str,
    set_number: int,
    *,
    idempotency_key: str,
    **fields: Unpack[SetFields],
) -> SetLogRecord:
    """Store one set, or return the one already stored under this key or for this set; committed at once."""
    record, _created = record_set(
        store, session_log_id, exercise_id, set_number, idempotency_key=idempotency_key, **fields
    )
    return record


@dataclass(frozen=True)
class SetTarget:
    """What logging a set needs to know about its session, read in one query."""

    session_log_id: int
    person_id: int
    status: str
    planned_exercise_ids: frozenset[str] | None  # None: a session not started from a plan
    person_settings: dict[str, Any]


def set_target(store: Store, session_log_id: int) -> SetTarget:
    """The session a set is for, its planned exercises and its person's settings; NotFoundError when none."""
    with store.read() as db:
        found = db.connection().execute(_SET_TARGET, {"session_log_id": session_log_id}).first()
    if found is None:
        raise NotFoundError(f"no session log with id {session_log_id}")
    person_id, status, exercises, settings = found
    planned_ids = None if exercises is None else frozenset(str(item["exercise_id"]) for item in exercises)
    return SetTarget(session_log_id, person_id, status, planned_ids, dict(settings or {}))


# built once: every set logged runs it, and a statement object built anew costs its cache key each time
_SET_TARGET = (
    select(
        tables.SessionLog.person_id,
        tables.SessionLog.status,
        tables.PlannedSession.exercises,
        tables.Person.settings,
    )
    .join(tables.Person, tables.Person.id == tables.SessionLog.person_id)
    .outerjoin(tables.PlannedSession, tables.PlannedSession.id == tables.SessionLog.planned_session_id)
    .where(tables.SessionLog.id == bindparam("session_log_id"))
)


def record_set(
    store: Store,
    session_log_id: int,
    exercise_id: str,
    set_number: int,
    *,
    idempotency_key: str,
    target: SetTarget | None = None,
    **fields: Unpack[SetFields],
) -> tuple[SetLogRecord, bool]:
    """`log_set`, saying also whether the set is new (False: it was stored before, and is returned).

    One INSERT that skips a set already stored (same idempotency key, or same session, exercise, side and
    set number), and a SELECT of the stored one only then. `target`, when the caller has read it in the
    same transaction, saves looking the session up again. `pain_asked` defaults to whether a pain was
    given; True with no pain means "not rated".
    """
    side = fields.get("side")
    reps_done, seconds_held = fields.get("reps_done"), fields.get("seconds_held")
    if side is not None and side not in SIDES:
        raise RehabitError(f"side must be left, right or none, not {side!r}")
    if set_number < 1:
        raise RehabitError(f"set numbers start at 1, not {set_number}")
    for value, what in ((reps_done, "reps done"), (seconds_held, "seconds held")):
        if value is not None and value < 0:
            raise RehabitError(f"{what} cannot be negative ({value})")
    if not idempotency_key or len(idempotency_key) > 100:
        raise RehabitError("a set needs an idempotency key of 1 to 100 characters")
    values = {
        "session_log_id": session_log_id,
        "exercise_id": exercise_id,
        "side": side or "",
        "set_number": set_number,
        "reps_done": reps_done,
        "seconds_held": seconds_held,
        "pain_during": _convert.check_score(fields.get("pain_during"), "pain during the exercise"),
        "pain_asked": bool(fields.get("pain_asked", fields.get("pain_during") is not None)),
        "stopped_for_pain": bool(fields.get("stopped_for_pain", False)),
        "logged_at": fields.get("logged_at") or utcnow(),
        "idempotency_key": idempotency_key,
    }
    # no savepoint inside the caller's transaction: nothing is written unless the INSERT succeeds
    with store.transaction(savepoint=False) as db:
        inserted = db.execute(_insert_new(store.dialect), values).first()
        if inserted is not None:
            return _convert.set_log_row(inserted._mapping), True
        existing = _existing_set(db, values)
        if existing is not None:
            return _convert.set_log(existing), False
        status = (target or set_target(store, session_log_id)).status  # NotFoundError for no such session
        if status != "in_progress":  # nothing stored: a closed session takes no more sets
            raise RehabitError(f"session {session_log_id} is {status.replace('_', ' ')}; it takes no more sets")
        raise RehabitError(f"set {set_number} of {exercise_id!r} could not be stored; try again")


_SET_COLUMNS = (
    "session_log_id",
    "exercise_id",
    "side",
    "set_number",
    "reps_done",
    "seconds_held",
    "pain_during",
    "pain_asked",
    "stopped_for_pain",
    "logged_at",
    "idempotency_key",
)


@cache
def _insert_new(dialect: str) -> Any:
    """INSERT … ON CONFLICT DO NOTHING RETURNING the row, in the dialect of the database, only into a
    session in progress; built once per dialect with a parameter per column (`_SET_COLUMNS`)."""
    table = tables.SetLog.__table__
    assert isinstance(table, Table)
    columns = table.c
    open_session = select(*[bindparam(name, type_=columns[name].type).label(name) for name in _SET_COLUMNS]).where(
        exists().where(tables.SessionLog.id == bindparam("session_log_id"), tables.SessionLog.status == "in_progress")
    )
    insert = sqlite_insert if dialect == "sqlite" else postgresql_insert
    return insert(table).from_select(list(_SET_COLUMNS), open_session).on_conflict_do_nothing().returning(*columns)


def finish_session(
    store: Store,
    session_log_id: int,
    *,
    pain_after: int | None = None,
    effort: int | None = None,
    notes: str | None = None,
    finished_at: datetime | None = None,
) -> SessionLogRecord:
    """Close a session as finished and mark its planned session done; finishing twice changes nothing."""
    with store.transaction() as db:
        row = _get(db, session_log_id)
        if row.status == "finished":
            return _with_sets(db, row)
        if row.status == "abandoned":
            raise RehabitError(f"session {session_log_id} was abandoned and cannot be finished")
        row.status = "finished"
        row.finished_at = finished_at or utcnow()
        row.pain_after = _convert.check_score(pain_after, "pain after the session")
        row.effort = _convert.check_score(effort, "effort")
        if notes is not None:
            row.notes = notes
        if row.planned_session_id is not None and not row.extra:
            planned = db.get(tables.PlannedSession, row.planned_session_id)
            if planned is not None:
                planned.status = "done"
        db.flush()
        return _with_sets(db, row)


def abandon_session(
    store: Store, session_log_id: int, *, notes: str | None = None, abandoned_at: datetime | None = None
) -> SessionLogRecord:
    """Close a session that was left unfinished; its logged sets stay. Finished sessions are refused."""
    with store.transaction() as db:
        row = _get(db, session_log_id)
        if row.status == "abandoned":
            return _with_sets(db, row)
        if row.status == "finished":
            raise RehabitError(f"session {session_log_id} is already finished")
        row.status = "abandoned"
        row.finished_at = abandoned_at or utcnow()
        if notes is not None:
            row.notes = notes
        db.flush()
        return _with_sets(db, row)


def update_session_log(
    store: Store,
    session_log_id: int,
    *,
    pain_before: int | None = _UNCHANGED,
    pain_after: int | None = _UNCHANGED,
    effort: int | None = _UNCHANGED,
    notes: str = _UNCHANGED,
) -> SessionLogRecord:
    """Change the given per-session answers of a session log; the others stay."""
    with store.transaction() as db:
        row = _get(db, session_log_id)
        if pain_before is not _UNCHANGED:
            row.pain_before = _convert.check_score(pain_before, "pain before the session")
        if pain_after is not _UNCHANGED:
            row.pain_after = _convert.check_score(pain_after, "pain after the session")
        if effort is not _UNCHANGED:
            row.effort = _convert.check_score(effort, "effort")
        if notes is not _UNCHANGED:
            row.notes = notes
        db.flush()
        return _with_sets(db, row)


def get_session_log(store: Store, session_log_id: int, *, with_sets: bool = True) -> SessionLogRecord:
    """A session log with its sets (none loaded when `with_sets` is False); NotFoundError when there is none."""
    with store.read() as db:
        row = _get(db, session_log_id)
        return _with_sets(db, row) if with_sets else _convert.session_log(row)


def unfinished_session(store: Store, person_id: int, *, with_sets: bool = True) -> SessionLogRecord | None:
    """The person's latest session still in progress, with the sets logged so far (unless `with_sets` is
    False), or None."""
    with store.read() as db:
        row = (
            db.connection()
            .execute(
                select(tables.SessionLog.__table__)
                .where(tables.SessionLog.person_id == person_id, tables.SessionLog.status == "in_progress")
                .order_by(tables.SessionLog.started_at.desc(), tables.SessionLog.id.desc())
                .limit(1)
            )
            .first()
        )
        if row is None:
            return None
        return _with_sets(db, row) if with_sets else _convert.session_log(row)


def rate_pain(store: Store, session_log_id: int, exercise_id: str, pain: int | None) -> list[SetLogRecord]:
    """Give the pain during an exercise (None: "not rated") to its sets of the session not asked yet.

    Sets already asked keep their answer, so sending the same rating twice changes nothing. Returns the
    sets it rated.
    """
    score = _convert.check_score(pain, "pain during the exercise")
    with store.transaction() as db:
        log = _get(db, session_log_id)
        if log.status != "in_progress":
            raise RehabitError(f"session {session_log_id} is {log.status.replace('_', ' ')}; its pain cannot change")
        rows = list(
            db.scalars(
                select(tables.SetLog).where(
                    tables.SetLog.session_log_id == session_log_id,
                    tables.SetLog.exercise_id == exercise_id,
                    tables.SetLog.pain_asked.is_(False),
                )
            )
        )
        for row in rows:
            row.pain_during = score
            row.pain_asked = True
        db.flush()
        return [_convert.set_log(row) for row in rows]


def record_next_morning_pain(store: Store, session_log_id: int, pain: int | None) -> SessionLogRecord:
    """Store the pain the morning after a session (None: asked, but the person gave no score)."""
    with store.transaction() as db:
        row = _get(db, session_log_id)
        row.pain_next_morning = _convert.check_score(pain, "next-morning pain")
        row.next_morning_asked = True
        db.flush()
        return _with_sets(db, row)


def sessions_needing_next_morning_pain(
    store: Store, person_id: int, finished_before: datetime, *, with_sets: bool = True
) -> list[SessionLogRecord]:
    """Finished sessions, ended before `finished_before` (e.g. today's local midnight), not yet asked about
    (`with_sets` False: without their sets)."""
    with store.read() as db:
        rows = db.connection().execute(
            select(tables.SessionLog.__table__)
            .where(
                tables.SessionLog.person_id == person_id,
                tables.SessionLog.status == "finished",
                tables.SessionLog.next_morning_asked.is_(False),
                tables.SessionLog.finished_at < finished_before,
            )
            .order_by(tables.SessionLog.started_at, tables.SessionLog.id)
        )
        return _many_with_sets(db, list(rows)) if with_sets else [_convert.session_log(row) for row in rows]


def list_sessions(
    store: Store,
    person_id: int,
    *,
    since: datetime | None = None,
    statuses: Iterable[str] | None = None,
    limit: int | None = None,
    before: int | None = None,
    with_sets: bool = True,
) -> list[SessionLogRecord]:
    """A person's session logs with their sets, oldest first; `limit` keeps the most recent ones, `before`
    (a session log id) only those that started before that one, `with_sets` False loads no sets."""
    log = tables.SessionLog
    query = select(log.__table__).where(log.person_id == person_id)  # plain rows: a page lists dozens
    if since is not None:
        query = query.where(log.started_at >= since)
    if before is not None:
        anchor = select(log.started_at, log.id).where(log.id == before).subquery()
        query = query.where(
            (log.started_at < anchor.c.started_at) | ((log.started_at == anchor.c.started_at) & (log.id < anchor.c.id))
        )
    if statuses is not None:
        query = query.where(tables.SessionLog.status.in_(list(statuses)))
    query = query.order_by(tables.SessionLog.started_at.desc(), tables.SessionLog.id.desc())
    if limit is not None:
        query = query.limit(limit)
    with store.read() as db:
        rows = list(db.connection().execute(query))
        rows.reverse()
        return _many_with_sets(db, rows) if with_sets else [_convert.session_log(row) for row in rows]


RECENT = 3  # how many of the latest sessions `recent_sessions` reads


def recent_sessions(store: Store, person_id: int) -> list[SessionLogRecord]:
    """The person's last `RECENT` session logs with their sets, oldest first, read once per read: Today's
    rest-day (FREQ-1) and re-screen (SCREEN-1) checks both look at them."""
    with store.read() as db:
        return list(
            remembered(db, ("recent_sessions", person_id), lambda: list_sessions(store, person_id, limit=RECENT))
        )


def sessions_since(store: Store, person_id: int, since: datetime) -> list[SessionLogRecord]:
    """The session logs started at or after `since`, with their sets, oldest first: taken from the recent
    ones when those reach back past `since` (no other session can then be as late), else read."""
    recent = recent_sessions(store, person_id)
    if len(recent) < RECENT or recent[0].started_at < since:
        return [log for log in recent if log.started_at >= since]
    return list_sessions(store, person_id, since=since)


@dataclass(frozen=True)
class SessionPains:
    """One session's start and pain reports, without its sets (what summaries over a whole history need)."""

    started_at: datetime
    pain_before: int | None
    pain_after: int | None
    pain_next_morning: int | None


def session_pains(store: Store, person_id: int, statuses: Iterable[str]) -> list[SessionPains]:
    """Start and pains of every session of the person with these statuses, oldest first (one narrow query)."""
    log = tables.SessionLog
    query = (
        select(log.started_at, log.pain_before, log.pain_after, log.pain_next_morning)
        .where(log.person_id == person_id, log.status.in_(list(statuses)))
        .order_by(log.started_at, log.id)
    )
    with store.read() as db:
        return [SessionPains(as_utc(row[0]), row[1], row[2], row[3]) for row in db.execute(query)]


def _get(db: Session, session_log_id: int) -> tables.SessionLog:
    row = db.get(tables.SessionLog, session_log_id)
    if row is None:
        raise NotFoundError(f"no session log with id {session_log_id}")
    return row


def _existing_set(db: Session, wanted: dict[str, Any]) -> tables.SetLog | None:
    by_key = db.scalars(select(tables.SetLog).where(tables.SetLog.idempotency_key == wanted["idempotency_key"])).first()
    if by_key is not None:
        return by_key
    return db.scalars(
        select(tables.SetLog).where(
            tables.SetLog.session_log_id == wanted["session_log_id"],
            tables.SetLog.exercise_id == wanted["exercise_id"],
            tables.SetLog.side == wanted["side"],
            tables.SetLog.set_number == wanted["set_number"],
        )
    ).first()


def _with_sets(db: Session, row: tables.SessionLog | Row[Any]) -> SessionLogRecord:
    return _many_with_sets(db, [row])[0]


def _many_with_sets(db: Session, rows: Sequence[tables.SessionLog | Row[Any]]) -> list[SessionLogRecord]:
    # the sets as plain rows (a page reads dozens; ORM objects for each would cost more than the query)
    sets: dict[int, list[SetLogRecord]] = {row.id: [] for row in rows}
    if rows:
        found = db.connection().execute(_SETS_OF, {"ids": list(sets)}).mappings()
        for item in found:
            sets[item["session_log_id"]].append(_convert.set_log_row(item))
    return [_convert.session_log(row, tuple(sets[row.id])) for row in rows]


_SETS_OF = (
    select(tables.SetLog.__table__)
    .where(tables.SetLog.session_log_id.in_(bindparam("ids", expanding=True)))
    .order_by(tables.SetLog.logged_at, tables.SetLog.id)
)
