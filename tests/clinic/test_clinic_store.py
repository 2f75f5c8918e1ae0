"""The clinician's patient list figures and the accounts store, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from rehabit.model import Dose, IntRange
from rehabit.services import accounts, attention, clinic
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
    person = people.create_person(store, name=name, created_at=_at(TODAY - timedelta(days=30)))
    version = programs.person_program(store, person.id)
    drafts = [plans.SessionDraft(TODAY - timedelta(days=d), 0, (("glute-bridge", DOSE),), 60) for d in planned_days]
    plans.save_plan(store, person.id, version.id, TODAY - timedelta(days=40), 6, drafts, replace_future=False)
    for offset, pain in enumerate(pains):
        day = TODAY - timedelta(days=25 - 3 * offset)
        log = sessions.start_session(store, person.id, version.id, pain_before=pain, started_at=_at(day))
        sessions.finish_session(store, log.id, pain_after=pain, finished_at=_at(day, 10))
    return person.id


def test_the_list_puts_who_needs_attention_first_with_the_reasons_in_words(store: Store) -> None:
    ada = _patient(store, "Ada", [6, 5, 3], planned_days=[1, 4, 8, 12, 26, 27, 40])  # 6 in the window
    bo = _patient(store, "Bo", [], planned_days=[])
    cy = _patient(store, "Cy", [2, 5], planned_days=[3, 10])
    di = _patient(store, "Di", [3, 3, 3, 3, 3, 3, 3, 3], planned_days=[])
    old = sessions.start_session(
        store, ada, programs.person_program(store, ada).id, started_at=_at(TODAY - timedelta(days=40))
    )
    sessions.finish_session(store, old.id, finished_at=_at(TODAY - timedelta(days=40), 10))  # before the window
    for person in (ada, di):
        screenings.record_screening(store, person, {}, "clear")
    screenings.record_screening(store, cy, {}, "clear")
    screenings.record_screening(store, cy, {}, "needs_clearance")
    decisions.add_decision(
        store, ada, "glute-bridge", "stop_and_refer", "PAIN-4", "stopped twice", created_at=_at(TODAY)
    )
    decisions.add_decision(store, ada, "glute-bridge", "hold", "PAIN-2", "pain 4", created_at=_at(TODAY))
    lines = attention.patient_lines(store, [di, bo, cy, ada], TODAY)
    assert [line.name for line in lines] == ["Ada", "Cy", "Bo", "Di"]  # PAIN-4, pain rising, not screened, on track
    got = {line.name: line for line in lines}
    assert [(line.sessions_done, line.sessions_planned, line.adherence_percent) for line in lines] == [
        (3, 6, 50),
        (2, 2, 100),
        (0, 0, None),
        (8, 8, 100),
    ]
    assert [(line.pain_first, line.pain_last, line.pain_change, line.pain_trend) for line in lines] == [
        (6, 3, -3, "better"),
        (2, 5, 3, "worse"),
        (None, None, None, "not logged"),
        (3, 3, 0, "steady"),
    ]
    assert [[(r.kind, r.rule_id, r.text) for r in line.reasons] for line in lines] == [
        [
            ("refer", "PAIN-4", "Told to pause an exercise and see a professional (once in 4 weeks)."),
            ("quiet", None, "No session in 19 days (the last on 11 March 2026)."),
            ("adherence", "FREQ-1", "0.8 sessions a week over the last 4 weeks; the program asks for 2–3."),
        ],
        [
            ("pain", "OUTCOME-1", "Pain before sessions is rising: 2 → 5 out of 10 in 4 weeks."),
            ("clearance", "SCREEN-3", "A warning sign needs a health professional's clearance before exercising."),
        ],
        [
            ("screen", "SCREEN-1", "Has not answered the warning-sign questions."),
            ("quiet", None, "No session yet."),
        ],
        [],  # Di: 8 sessions in 4 weeks, the last 4 days ago
    ]
    assert [line.needs_attention for line in lines] == [True, True, True, False]
    assert [line.flags for line in lines] == [
        ["PAIN-4: stop and refer (1 in 4 weeks)"],
        ["SCREEN-3: needs clearance"],
        ["not screened yet"],
        [],
    ]
    # 8 weeks, Monday first, this week (30 March) last: the session of 18 February is in the week of the 16th
    ada_line = got["Ada"]
    assert [w.week_start for w in ada_line.weeks] == [date(2026, 2, 9) + timedelta(weeks=n) for n in range(8)]
    assert [w.sessions for w in ada_line.weeks] == [0, 1, 0, 2, 1, 0, 0, 0]
    assert [w.pain_before for w in ada_line.weeks] == [None, None, None, 5.5, 3.0, None, None, None]
    assert [w.short for w in ada_line.weeks] == [False, True, True, False, True, True, True, False]
    assert [w.before_start for w in ada_line.weeks] == [True] + [False] * 7  # Ada's first session: 18 February
    assert (ada_line.last_session, ada_line.sessions_a_week, ada_line.target_per_week) == (
        date(2026, 3, 11),
        0.8,
        "2–3",
    )
    assert (got["Di"].sessions_a_week, got["Bo"].sessions_a_week, got["Bo"].last_session) == (2.0, 0.0, None)


def test_the_list_as_json_has_the_same_figures(store: Store) -> None:
    ada = _patient(store, "Ada", [2, 4, 5], planned_days=[])
    line = attention.patient_lines(store, [ada], TODAY)[0]
    document = line.model_dump(mode="json")
    assert document["weeks"][3] == {
        "week_start": "2026-03-02",
        "sessions": 2,
        "pain_before": 3.0,
        "short": False,
        "before_start": False,
    }
    assert (document["last_session"], document["pain_trend"], document["needs_attention"]) == (
        "2026-03-11",
        "worse",
        True,
    )


def test_assign_a_program_and_a_stage_then_adjust_a_dose(store: Store) -> None:
    doctor = accounts.create_account(store, "doc", "a long password", "clinician")
    person = people.create_person(store, name="Di")
    screenings.record_screening(store, person.id, {}, "clear")
    program, planned = clinic.assign_program(store, doctor, person.id, "builtin:lower-back-glutes", 1, TODAY)
    assert (program.id, planned, people.get_person(store, person.id).stage_index) == ("lower-back-glutes", True, 1)
    assert plans.latest_plan(store, person.id) is not None
    line = clinic.adjust_dose(store, person.id, "glute-bridge", reps=(8, 12), hold_s=None, sets=(2, 2), today=TODAY)
    assert (line.name, line.dose, line.adjusted) == ("Glute bridge", "8–12 reps · 2 sets", True)
    stored = doses.get_current_dose(store, person.id, "glute-bridge")
    assert stored is not None and stored.dose.describe() == "8–12 reps · 2 sets"
    coming = plans.next_planned_sessions(store, person.id, TODAY, limit=1)[0]  # planned again with the new dose
    assert "8–12 reps · 2 sets" in [item.dose.describe() for item in coming.exercises]
    with pytest.raises(accounts.RehabitError, match="no stage 9"):
        clinic.assign_program(store, doctor, person.id, "builtin:lower-back-glutes", 8, TODAY)
    with pytest.raises(accounts.RehabitError, match="no program"):
        clinic.assign_program(store, doctor, person.id, "builtin:nothing", 0, TODAY)


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
