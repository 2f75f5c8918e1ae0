"""What a clinician's patient list needs, for many patients at once (a few grouped queries, not one per patient)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from rehabit.store import tables
from rehabit.store.database import Store, as_utc


@dataclass(frozen=True)
class PatientCounts:
    """One patient's raw figures: sessions planned in a window, the finished sessions since `since`
    (start time and pain before, oldest first), the last finished session ever, PAIN-4 decisions since
    `refer_since`, the latest screening result, when the profile was made and the program it follows."""

    person_id: int
    name: str | None
    created_at: datetime
    program_version_id: int | None
    planned: int
    finished: tuple[tuple[datetime, int | None], ...]
    last_finished: datetime | None
    refer_decisions: int  # PAIN-4 stop-and-refer decisions
    screening: str | None  # the latest screening result


def patient_counts(
    store: Store,
    person_ids: Sequence[int],
    first_day: date,
    last_day: date,
    since: datetime,
    until: datetime,
    refer_since: datetime,
) -> list[PatientCounts]:
    """Figures for each profile id (in the order given): planned sessions dated first_day..last_day,
    finished sessions started in [since, until), the last finished session, PAIN-4 decisions since
    `refer_since`, the latest screening.
    """
    if not person_ids:
        return []
    ids = list(person_ids)
    with store.read() as db:
        people = {
            row.id: row
            for row in db.execute(
                select(
                    tables.Person.id, tables.Person.name, tables.Person.created_at, tables.Person.program_version_id
                ).where(tables.Person.id.in_(ids))
            )
        }
        planned = dict(
            db.execute(
                select(tables.PlannedSession.person_id, func.count())
                .where(tables.PlannedSession.person_id.in_(ids))
                .where(tables.PlannedSession.on_date >= first_day, tables.PlannedSession.on_date <= last_day)
                .where(tables.PlannedSession.status != "replaced")
                .group_by(tables.PlannedSession.person_id)
            ).all()
        )
        finished: dict[int, list[tuple[datetime, int | None]]] = defaultdict(list)
        for person_id, started_at, pain in db.execute(
            select(tables.SessionLog.person_id, tables.SessionLog.started_at, tables.SessionLog.pain_before)
            .where(tables.SessionLog.person_id.in_(ids), tables.SessionLog.status == "finished")
            .where(tables.SessionLog.started_at >= since, tables.SessionLog.started_at < until)
            .order_by(tables.SessionLog.started_at, tables.SessionLog.id)
        ):
            finished[person_id].append((as_utc(started_at), pain))
        last = dict(
            db.execute(
                select(tables.SessionLog.person_id, func.max(tables.SessionLog.started_at))
                .where(tables.SessionLog.person_id.in_(ids), tables.SessionLog.status == "finished")
                .group_by(tables.SessionLog.person_id)
            ).all()
        )
        refer = dict(
            db.execute(
                select(tables.Decision.person_id, func.count())
                .where(tables.Decision.person_id.in_(ids), tables.Decision.rule_id == "PAIN-4")
                .where(tables.Decision.created_at >= refer_since)
                .group_by(tables.Decision.person_id)
            ).all()
        )
        newest = (
            select(tables.Screening.person_id, func.max(tables.Screening.id).label("last_id"))
            .where(tables.Screening.person_id.in_(ids))
            .group_by(tables.Screening.person_id)
            .subquery()
        )
        screening = dict(
            db.execute(
                select(tables.Screening.person_id, tables.Screening.result).join(
                    newest, tables.Screening.id == newest.c.last_id
                )
            ).all()
        )
    return [
        PatientCounts(
            person_id=pid,
            name=people[pid].name,
            created_at=as_utc(people[pid].created_at),
            program_version_id=people[pid].program_version_id,
            planned=int(planned.get(pid, 0)),
            finished=tuple(finished[pid]),
            last_finished=None if last.get(pid) is None else as_utc(last[pid]),
            refer_decisions=int(refer.get(pid, 0)),
            screening=screening.get(pid),
        )
        for pid in ids
        if pid in people
    ]
