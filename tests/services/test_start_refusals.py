"""Safety at every door: each refusal of a session start through the CLI and through the JSON API, on both
sides of its threshold (issue 14). The state is arranged in the store; each door is then asked to start
today's session, and a refused start stores nothing."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from click.testing import CliRunner

from rehabit.cli import app as cli_app
from rehabit.domain.timeline import session_seconds
from rehabit.store import Store, decisions, people, plans, programs, screenings, sessions
from rehabit.web import WebSettings, create_app

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

TODAY = date.today()
EXERCISES = ("glute-bridge", "plank")


@dataclass
class Doors:
    """One database, the CLI and the API on it."""

    store: Store
    api: TestClient
    person_id: int
    version_id: int

    def plan(self, *days: date) -> list[int]:
        """A planned session on each day; their ids."""
        program = programs.person_program(self.store, self.person_id).program
        chosen = tuple((name, program.exercise(name).dose) for name in EXERCISES)
        seconds = int(session_seconds([program.exercise(name) for name in EXERCISES]))
        drafts = [plans.SessionDraft(day, 0, chosen, seconds) for day in days]
        saved = plans.save_plan(self.store, self.person_id, self.version_id, min(days), 1, drafts)
        return [planned.id for planned in saved.sessions]

    def done_on(self, day: date) -> None:
        """A finished session logged on `day` (noon), with one set."""
        started = datetime.combine(day, time(12)).astimezone().astimezone(UTC)
        log = sessions.start_session(self.store, self.person_id, self.version_id, started_at=started)
        sessions.log_set(self.store, log.id, "glute-bridge", 1, idempotency_key=f"{day}", reps_done=10, pain_during=1)
        sessions.finish_session(self.store, log.id, finished_at=started + timedelta(minutes=20))

    def logs(self) -> list[Any]:
        return sessions.list_sessions(self.store, self.person_id)


@pytest.fixture
def doors(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Doors]:
    monkeypatch.setenv("REHABIT_DATABASE_URL", database_url)
    store = Store.open(database_url)
    person = people.create_person(store, name="Sam", preferred_days=list(range(7)), starting_pain=3)
    version = programs.person_program(store, person.id)
    people.update_person(store, person.id, program_version_id=version.id)
    try:
        with TestClient(create_app(WebSettings(database_url=database_url)), base_url="http://127.0.0.1") as client:
            yield Doors(store, client, person.id, version.id)
    finally:
        store.close()


def cli_start(*flags: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli_app, ["session", "--auto", "--speed", "5000", "--pain-before", "2", *flags], catch_exceptions=False
    )
    return result.exit_code, result.output if result.exit_code == 0 else result.stderr


def api_start(doors: Doors, **body: Any) -> tuple[int, dict[str, Any]]:
    response = doors.api.post("/api/sessions", json={"pain_before": 2, **body})
    return response.status_code, response.json()


def assert_refused_everywhere(doors: Doors, rule_id: str, words: str, *, cli_flags: tuple[str, ...] = ()) -> None:
    """Both doors refuse with the same message naming the rule, and nothing is stored."""
    before = [(log.id, log.status, len(log.sets)) for log in doors.logs()]
    status, body = api_start(doors)
    assert status == 409, body
    assert body["refusal"]["rule_id"] == rule_id
    assert words in body["refusal"]["reason"] + " " + body["refusal"]["what_to_do"]
    assert body["error"] == body["refusal"]["message"] and body["error"].endswith(f"({rule_id})")
    assert "rehabit " not in body["refusal"]["what_to_do"] and "`" not in body["error"]  # pages name no command
    code, said = cli_start(*cli_flags)
    assert code == 2, said
    command = body["refusal"]["command"]
    assert said == f"Error: {body['error']}" + (f" In the terminal: `{command}`." if command else "") + "\n"
    assert [(log.id, log.status, len(log.sets)) for log in doors.logs()] == before


def assert_allowed(doors: Doors) -> None:
    """The CLI runs today's session to its end; the API would start one too (checked first, and ended)."""
    status, body = api_start(doors)
    assert status == 201, body
    doors.api.post(f"/api/sessions/{body['session']['id']}/end")
    code, said = cli_start("--pain-after", "1")
    assert code == 0, said
    assert "Session finished" in said or "Session ended early" in said


def screened(doors: Doors, result: str, cleared: bool = False) -> None:
    answers = {"bladder-bowel": result == "emergency", "fever": result == "needs_clearance"}
    record = screenings.record_screening(doors.store, doors.person_id, answers, result)
    if cleared:
        screenings.record_clearance(doors.store, record.id, "Dr Jones", TODAY)


# --- SCREEN-1, SCREEN-2, SCREEN-3 -------------------------------------------------------------------------


def test_no_screen_yet_is_refused_then_a_clear_screen_starts(doors: Doors) -> None:
    doors.plan(TODAY)
    assert_refused_everywhere(doors, "SCREEN-1", "You have not answered the warning-sign questions yet.")
    screened(doors, "clear")
    assert_allowed(doors)


def test_an_emergency_screen_is_refused_with_emergency_advice(doors: Doors) -> None:
    doors.plan(TODAY)
    screened(doors, "emergency")
    assert_refused_everywhere(doors, "SCREEN-2", "Please get emergency medical care today")


def test_a_clear_screen_after_an_emergency_one_starts_again(doors: Doors) -> None:
    doors.plan(TODAY)
    screened(doors, "emergency")
    screened(doors, "clear")  # the latest answers decide
    assert_allowed(doors)


def test_a_sign_needing_clearance_is_refused_until_the_clearance(doors: Doors) -> None:
    doors.plan(TODAY)
    screened(doors, "needs_clearance")
    assert_refused_everywhere(doors, "SCREEN-3", "when they have cleared you, record it")
    screened(doors, "needs_clearance", cleared=True)
    assert_allowed(doors)


def test_new_emergency_answers_cancel_the_planned_sessions(doors: Doors) -> None:
    screened(doors, "clear")
    doors.plan(TODAY, TODAY + timedelta(days=2), TODAY + timedelta(days=4))
    response = doors.api.post("/api/screening", json={"warning_signs": _answers(**{"bladder-bowel": True})})
    assert response.status_code == 200, response.text
    assert response.json()["rule_id"] == "SCREEN-2"
    planned = plans.latest_plan(doors.store, doors.person_id)
    statuses = [] if planned is None else [s.status for s in planned.sessions if s.on_date >= TODAY]
    assert statuses and set(statuses) == {"cancelled"}
    assert_refused_everywhere(doors, "SCREEN-2", "Please get emergency medical care today")


def _answers(**yes: bool) -> dict[str, bool]:
    from rehabit.domain.safety import WARNING_SIGNS

    return {sign.name: yes.get(sign.name, False) for sign in WARNING_SIGNS}


# --- FREQ-1 -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_ago", "refused"),
    [(0, True), (1, True), (2, False), (3, False)],
)
def test_a_session_the_day_of_or_after_another_is_refused(doors: Doors, days_ago: int, refused: bool) -> None:
    screened(doors, "clear")
    doors.plan(TODAY)
    doors.done_on(TODAY - timedelta(days=days_ago))
    if refused:
        assert_refused_everywhere(doors, "FREQ-1", "muscles need a rest day between sessions")
    else:
        assert_allowed(doors)


def test_an_extra_session_is_let_past_freq_1_and_logged_as_extra(doors: Doors) -> None:
    screened(doors, "clear")
    [planned] = doors.plan(TODAY)
    doors.done_on(TODAY - timedelta(days=1))
    status, body = api_start(doors, extra=True)
    assert status == 201, body
    doors.api.post(f"/api/sessions/{body['session']['id']}/end")
    code, said = cli_start("--extra", "--pain-after", "1")
    assert code == 0, said
    assert "An extra session: it is logged, and never counts towards a harder dose (FREQ-1)." in said
    extra = [log for log in doors.logs() if log.extra]
    assert len(extra) == 2
    assert plans.get_planned_session(doors.store, planned).status == "planned"  # the planned one still waits


def test_an_extra_session_does_not_pass_a_warning_sign(doors: Doors) -> None:
    doors.plan(TODAY)
    screened(doors, "emergency")
    status, body = api_start(doors, extra=True)
    assert (status, body["refusal"]["rule_id"]) == (409, "SCREEN-2")
    code, said = cli_start("--extra")
    assert (code, said) == (2, f"Error: {body['error']}\n")


def test_the_date_given_is_the_date_logged_and_freq_1_counts_it(doors: Doors) -> None:
    screened(doors, "clear")
    earlier = TODAY - timedelta(days=4)
    doors.plan(earlier, TODAY - timedelta(days=3), TODAY)
    code, said = cli_start("--date", earlier.isoformat(), "--pain-after", "1")
    assert code == 0, said
    [log] = doors.logs()
    assert log.started_at.astimezone().date() == earlier
    # the API's on_date means the same: the day after a logged session is refused, two days after is not
    status, body = api_start(doors, on_date=(earlier + timedelta(days=1)).isoformat())
    assert (status, body["refusal"]["rule_id"]) == (409, "FREQ-1")
    status, body = api_start(doors, on_date=(earlier + timedelta(days=2)).isoformat())
    assert status == 201, body
    assert datetime.fromisoformat(body["session"]["started_at"]).astimezone().date() == earlier + timedelta(days=2)


# --- PAIN-4: a course with dates where rising pain pauses the program ---------------------------------------


def run_on(doors: Doors, day: date, pain: int | str, *, before: int, after: int, reps: int = 10) -> list[str]:
    """A whole session of EXERCISES logged on `day` through the services (each set's pain `pain`, or
    "not rated"); the rule ids of the decisions it led to."""
    from rehabit.services import sessions as session_service
    from rehabit.services.sessions import SetInput

    started = session_service.start_session(doors.store, doors.person_id, TODAY, on=day, pain_before=before)
    for number, name in enumerate(EXERCISES):
        entry = SetInput(
            idempotency_key=f"{day}-{number}",
            exercise_id=name,
            set_number=1,
            reps_done=reps if name == "glute-bridge" else 5,
            seconds_held=2 if name == "glute-bridge" else 60,
            pain_during=pain,  # type: ignore[arg-type]
        )
        session_service.log_set(doors.store, started.log.id, entry)
    finished = session_service.finish_session(doors.store, started.log.id, TODAY, pain_after=after)
    return [f"{item.rule_id}:{item.kind}" for item in finished.decisions]


def test_rising_weekly_pain_pauses_the_program_until_a_professional_is_consulted(doors: Doors) -> None:
    screened(doors, "clear")
    days = [TODAY - timedelta(days=ago) for ago in (20, 18, 6, 4, 2)]
    doors.plan(*days, TODAY, TODAY + timedelta(days=2))
    for day in days[:2]:  # two weeks back: pain about 2
        run_on(doors, day, 1, before=2, after=2)
    assert not any(rule.startswith("PAIN-4") for rule in run_on(doors, days[2], 2, before=5, after=5))
    decided = run_on(doors, days[3], 2, before=5, after=5)  # this week's average 5: up 3 points
    assert any(rule.startswith("PAIN-4") for rule in decided), decided
    from rehabit.services import sessions as session_service

    with pytest.raises(session_service.SessionRefused, match=r"paused since .*\(PAIN-4\)$"):
        session_service.start_session(doors.store, doors.person_id, TODAY, on=days[4], pain_before=5)

    assert_refused_everywhere(doors, "PAIN-4", "weekly average pain rose 3.0 points over two weeks")
    # no door runs a session, on any later day, until the person records the consultation
    status, body = api_start(doors, extra=True)
    assert (status, body["refusal"]["rule_id"]) == (409, "PAIN-4")
    assert doors.api.get("/api/today").json()["start_refusal"]["rule_id"] == "PAIN-4"

    future = (TODAY + timedelta(days=1)).isoformat()
    refused = doors.api.post("/api/resume-after-referral", json={"consulted": "Dr Jones", "consulted_on": future})
    assert (refused.status_code, refused.json()["error"]) == (400, f"the date you consulted {future} is in the future")
    resumed = doors.api.post(
        "/api/resume-after-referral", json={"consulted": "Dr Jones", "consulted_on": TODAY.isoformat()}
    )
    assert resumed.status_code == 200, resumed.text
    assert resumed.json() == {"consulted": "Dr Jones", "consulted_on": TODAY.isoformat(), "lifted": ["program"]}
    from rehabit.domain.course_changes import SETTINGS_KEY

    resumes = people.get_person(doors.store, doors.person_id).settings[SETTINGS_KEY]["resumes"]
    assert [(item["consulted"], item["lifted"]) for item in resumes] == [("Dr Jones", "program")]
    assert_allowed(doors)


# --- honest data: unrated pain never progresses a dose ------------------------------------------------------


@pytest.mark.parametrize(("pain", "progressed"), [("not rated", False), (1, True)])
def test_unrated_pain_never_progresses_a_dose(doors: Doors, pain: int | str, progressed: bool) -> None:
    screened(doors, "clear")
    days = [TODAY - timedelta(days=ago) for ago in (12, 10, 8, 6, 4, 2)]
    doors.plan(*days)
    for day in days:  # the top of the bridge's dose every time, pain low when it is rated at all
        run_on(doors, day, pain, before=1, after=1, reps=15)
        for log in doors.logs():
            if not log.next_morning_asked and local(log.started_at) < TODAY:
                sessions.record_next_morning_pain(doors.store, log.id, 1)
    stored = decisions.list_decisions(doors.store, doors.person_id)
    facts = [(d.rule_id, d.kind, d.exercise_id, d.facts) for d in stored]
    # the stored decisions, made when each next-morning pain arrived
    assert any(fact[:2] == ("DOSE-1", "progress") for fact in facts) is progressed, facts
    if not progressed:
        assert any("pain during not rated" in fact[3] for fact in facts), facts


def local(moment: datetime) -> date:
    return moment.astimezone().date()
