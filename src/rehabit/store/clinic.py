"""What a clinician's patient list needs, for many patients at once (a few grouped queries, not one per patient)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from rehabit.store import tables
from rehabit.store.database import Store


@dataclass(frozen=True)
class PatientCounts:
    """One patient's raw figures over a window: sessions planned and done, pain before each, stops."""

    person_id: int
    name: str | None
    planned: int
    done: int
    pain_before: tuple[int, ...]  # oldest first
    refer_decisions: int  # PAIN-4 stop-and-refer decisions
    screening: str | None  # the latest screening result


def patient_counts(
    store: Store, person_ids: Sequence[int], first_day: date, last_day: date, since: datetime, until: datetime
) -> list[PatientCounts]:
    """Figures for each profile id (in the order given): planned sessions dated first_day..last_day,
    finished sessions started in [since, until), their pain before, PAIN-4 decisions since `since`.
    """
    if not person_ids:
        return []
    ids = list(person_ids)
    with store.read() as db:
        names = dict(db.execute(select(tables.Person.id, tables.Person.name).where(tables.Person.id.in_(ids))).all())
        planned = dict(
            db.execute(
                select(tables.PlannedSession.person_id, func.count())
                .where(tables.PlannedSession.person_id.in_(ids))
                .where(tables.PlannedSession.on_date >= first_day, tables.PlannedSession.on_date <= last_day)
                .where(tables.PlannedSession.status != "replaced")
                .group_by(tables.PlannedSession.person_id)
            ).all()
        )
        done: dict[int, int] = defaultdict(int)
        pains: dict[int, list[int]] = defaultdict(list)
        for person_id, pain in db.execute(
            select(tables.SessionLog.person_id, tables.SessionLog.pain_before)
            .where(tables.SessionLog.person_id.in_(ids), tables.SessionLog.status == "finished")
            .where(tables.SessionLog.started_at >= since, tables.SessionLog.started_at < until)
            .order_by(tables.SessionLog.started_at, tables.SessionLog.id)
        ):
            done[person_id] += 1
            if pain is not None:
                pains[person_id].append(pain)
        refer = dict(
            db.execute(
                select(tables.Decision.person_id, func.count())
                .where(tables.Decision.person_id.in_(ids), tables.Decision.rule_id == "PAIN-4")
                .where(tables.Decision.created_at >= since)
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
            name=names.get(pid),
            planned=int(planned.get(pid, 0)),
            done=done[pid],
            pain_before=tuple(pains[pid]),
            refer_decisions=int(refer.get(pid, 0)),
            screening=screening.get(pid),
        )
        for pid in ids
        if pid in names
    ]
