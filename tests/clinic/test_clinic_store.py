"""The clinician's patient list figures and the accounts store, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from rehabit.model import Dose, IntRange
from rehabit.services import accounts, clinic
from rehabit.store import Store, decisions, doses, people, plans, programs, screenings, sessions
from rehabit.store import accounts as account_rows

TODAY = date(2026, 3, 30)
DOSE = Dose(reps=IntRange.of(2))


@pytest.fixture(autouse=True)
def _quick(monkeypatch: pytest.MonkeyPatch) -> None:
    from argon2 import PasswordHasher

    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _patient(store: Store, name: str, pains: list[int], planned_days: list[int]) -> int:
    person = people.create_person(store, name=name)
    version = programs.person_program(store, person.id)
    drafts = [plans.SessionDraft(TODAY - timedelta(days=d), 0, (("glute-bridge", DOSE),), 60) for d in planned_days]
    plans.save_plan(store, person.id, version.id, TODAY - timedelta(days=40), 6, drafts, replace_future=False)
    for offset, pain in enumerate(pains):
        day = TODAY - timedelta(days=25 - 3 * offset)
        log = sessions.start_session(store, person.id, version.id, pain_before=pain, started_at=_at(day))
        sessions.finish_session(store, log.id, pain_after=pain, finished_at=_at(day, 10))
    return person.id


def test_summaries_count_four_weeks_and_flag_pain_4_and_screening(store: Store) -> None:
    ada = _patient(store, "Ada", [6, 5, 3], planned_days=[1, 4, 8, 12, 26, 27, 40])  # 6 in the window
    bo = _patient(store, "Bo", [], planned_days=[])
    cy = _patient(store, "Cy", [2, 5], planned_days=[3, 10])
    old = sessions.start_session(
        store, ada, programs.person_program(store, ada).id, started_at=_at(TODAY - timedelta(days=40))
    )
    sessions.finish_session(store, old.id, finished_at=_at(TODAY - timedelta(days=40), 10))  # before the window
    screenings.record_screening(store, ada, {}, "clear")
    screenings.record_screening(store, cy, {}, "clear")
    screenings.record_screening(store, cy, {}, "needs_clearance")
    decisions.add_decision(
        store, ada, "glute-bridge", "stop_and_refer", "PAIN-4", "stopped twice", created_at=_at(TODAY)
    )
    decisions.add_decision(store, ada, "glute-bridge", "hold", "PAIN-2", "pain 4", created_at=_at(TODAY))
    got = {s.name: s for s in clinic.patient_summaries(store, [ada, bo, cy], TODAY)}
    assert [(s.name, s.sessions_done, s.sessions_planned, s.adherence_percent) for s in got.values()] == [
        ("Ada", 3, 6, 50),
        ("Bo", 0, 0, None),
        ("Cy", 2, 2, 100),
    ]
    assert [(s.pain_first, s.pain_last, s.pain_change, s.pain_trend) for s in got.values()] == [
        (6, 3, -3, "better"),
        (None, None, None, "not logged"),
        (2, 5, 3, "worse"),
    ]
    assert [s.flags for s in got.values()] == [
        ("PAIN-4: stop and refer (1 in 4 weeks)",),
        ("not screened yet",),
        ("SCREEN-3: needs clearance",),
    ]


def test_assign_a_program_and_a_stage_then_adjust_a_dose(store: Store) -> None:
    person = people.create_person(store, name="Di")
    screenings.record_screening(store, person.id, {}, "clear")
    program, planned = clinic.assign_program(store, person.id, "builtin:lower-back-glutes", 1, TODAY)
    assert (program.id, planned, people.get_person(store, person.id).stage_index) == ("lower-back-glutes", True, 1)
    assert plans.latest_plan(store, person.id) is not None
    line = clinic.adjust_dose(store, person.id, "glute-bridge", reps=(8, 12), hold_s=None, sets=(2, 2), today=TODAY)
    assert (line.name, line.dose, line.adjusted) == ("Glute bridge", "8–12 reps · 2 sets", True)
    stored = doses.get_current_dose(store, person.id, "glute-bridge")
    assert stored is not None and stored.dose.describe() == "8–12 reps · 2 sets"
    coming = plans.next_planned_sessions(store, person.id, TODAY, limit=1)[0]  # planned again with the new dose
    assert "8–12 reps · 2 sets" in [item.dose.describe() for item in coming.exercises]
    with pytest.raises(accounts.RehabitError, match="no stage 9"):
        clinic.assign_program(store, person.id, "builtin:lower-back-glutes", 8, TODAY)
    with pytest.raises(accounts.RehabitError, match="no program"):
        clinic.assign_program(store, person.id, "builtin:nothing", 0, TODAY)


def test_failures_add_up_and_invites_link_patients(store: Store) -> None:
    now = _at(TODAY)
    throttle: list[account_rows.Throttle] = [("account", "eve", accounts.lock_seconds, True)]
    assert [account_rows.reserve_check(store, throttle, now) for _ in range(4)] == [None] * 3 + [
        now + timedelta(seconds=5)
    ]
    assert account_rows.get_failures(store, "account", "eve") == (3, now + timedelta(seconds=5))
    doctor = accounts.create_account(store, "doc", "a long password", "clinician")
    token = accounts.create_invite(store, doctor, "Fay", now=now)
    fay = accounts.accept_invite(store, token, "fay", "fay's password", now=now)
    assert fay.person_id is not None
    assert accounts.patients_of(store, doctor) == [fay.person_id]
    assert accounts.can_see(store, doctor, fay.person_id) and accounts.can_see(store, fay, fay.person_id)
    with pytest.raises(accounts.RehabitError, match="used already"):
        accounts.accept_invite(store, token, "fay2", "fay's password", now=now)
