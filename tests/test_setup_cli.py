"""`rehabit setup` and `rehabit screen` through the CLI: stored rows, messages, exit codes."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import Invoke
from rehabit.domain.safety import WALKING, WARNING_SIGNS
from rehabit.store import Store, people, psfs, screenings

SETUP = ["setup", "--equipment", "band,weights", "--days", "mon,wed,fri", "--pain", "4"]


def _profile() -> tuple[people.PersonRecord | None, list[screenings.ScreeningRecord]]:
    with Store.open() as store:
        person = people.default_person(store)
        return person, ([] if person is None else screenings.list_screenings(store, person.id))


def test_non_interactive_setup_stores_the_profile_and_a_clear_screen(cli: Invoke) -> None:
    result = cli(*SETUP, "--no-warning-signs")
    assert result.exit_code == 0, result.output
    assert "No warning signs." in result.output
    said = " ".join(result.output.split())  # the console wraps long lines
    assert "Saved: equipment long band, loop band, weights; days mon, wed, fri; pain now 4/10." in said
    person, screens = _profile()
    assert person is not None
    assert (person.equipment, person.preferred_days, person.starting_pain) == (
        ("long band", "loop band", "weights"),
        (0, 2, 4),
        4,
    )
    assert person.program_version_id is not None
    assert [s.result for s in screens] == ["clear"]
    assert screens[0].answers == {item.name: False for item in WARNING_SIGNS}


def test_cauda_equina_yes_gives_emergency_advice_and_no_plan(cli: Invoke) -> None:
    result = cli(*SETUP, "--warning-sign", "saddle-numbness")
    assert result.exit_code == 0
    assert "Please get emergency medical care today" in result.output
    assert "(SCREEN-2)" in result.output
    assert "rehabit plan" not in result.output.split("(SCREEN-2)")[1]
    _, screens = _profile()
    assert [(s.result, s.answers["saddle-numbness"]) for s in screens] == [("emergency", True)]
    refused = cli("plan")
    assert refused.exit_code == 2
    assert refused.stderr.startswith("Error: Please get emergency medical care today")
    assert refused.stderr.count("\n") == 1
    assert "Mon" not in refused.output.replace(refused.stderr, "")


def test_other_warning_sign_needs_clearance_then_plan_works(cli: Invoke) -> None:
    assert cli(*SETUP, "--warning-sign", "fever", "--warning-sign", "weight-loss").exit_code == 0
    refused = cli("plan")
    assert refused.exit_code == 2
    assert "(SCREEN-3)" in refused.stderr
    cleared = cli("screen", "--cleared-by", "Dr Jones", "--cleared-on", "2026-01-05")
    assert cleared.exit_code == 0, cleared.output
    assert "Recorded: cleared by Dr Jones on 2026-01-05." in cleared.output
    _, screens = _profile()
    assert [(s.result, s.cleared_by, s.cleared_on) for s in screens] == [
        ("needs_clearance", "Dr Jones", date(2026, 1, 5))
    ]
    assert cli("plan").exit_code == 0


def test_interactive_setup(cli: Invoke) -> None:
    answers = ["no"] * 13 + ["yes", "no", "no"]  # osteoporosis / steroids: yes
    equipment = ["y", "n", "n"]  # a loop band, no long band, no weights
    replies = "\n".join([*answers, *equipment, "tue,thu", "3", "sitting for an hour", "4", ""]) + "\n"
    result = cli("setup", input=replies)
    assert result.exit_code == 0, result.output
    for item in WARNING_SIGNS:
        assert (item.question in result.output) is (item.asked_by is None)  # walking: one question for two
    assert WALKING.question in result.output
    assert WALKING.why not in result.output  # asked only after a yes
    assert "(SCREEN-3)" in result.output
    assert "Source: [B] Finucane et al. 2020" in result.output
    person, screens = _profile()
    assert person is not None
    assert (person.equipment, person.preferred_days, person.starting_pain) == (("loop band",), (1, 3), 3)
    assert [name for name, yes in screens[0].answers.items() if yes] == ["osteoporosis-steroids"]
    assert "Activities to track (PSFS): 1, mean 4.0/10" in result.output
    assert _psfs() == [("sitting for an hour", 4)]


def _psfs() -> list[tuple[str, int]]:
    with Store.open() as store:
        person = people.current_person(store)
        return [(record.activity, record.score) for record in psfs.list_psfs(store, person.id)]


def test_setup_records_the_first_psfs_rating(cli: Invoke) -> None:
    result = cli(*SETUP, "--no-warning-signs", "--psfs", "lifting a child=3", "--psfs", "sitting=6")
    assert result.exit_code == 0, result.output
    assert "Activities to track (PSFS): 2, mean 4.5/10" in result.output
    assert _psfs() == [("lifting a child", 3), ("sitting", 6)]


def test_rescreen_records_a_new_screening(cli: Invoke) -> None:
    cli(*SETUP, "--warning-sign", "fever")
    result = cli("screen", "--no-warning-signs")
    assert result.exit_code == 0
    assert "No warning signs." in result.output
    _, screens = _profile()
    assert [s.result for s in screens] == ["needs_clearance", "clear"]


def test_running_setup_again_updates_the_one_profile(cli: Invoke) -> None:
    cli(*SETUP, "--no-warning-signs")
    cli("setup", "--no-warning-signs", "--equipment", "none", "--days", "sat", "--pain", "2")
    with Store.open() as store:
        everyone = people.list_people(store)
    assert [(p.equipment, p.preferred_days, p.starting_pain) for p in everyone] == [((), (5,), 2)]


@pytest.mark.parametrize(
    ("arguments", "replies", "message"),
    [
        (
            ["--equipment", "kettlebell"],
            None,
            "Error: unknown equipment 'kettlebell' (known: band, long-band, loop-band, weights, none)",
        ),
        (["--equipment", "band,none"], None, "Error: 'none' cannot be combined with other equipment"),
        (["--days", "mon,funday"], None, "Error: unknown day 'funday' (use mon, tue, wed, thu, fri, sat, sun)"),
        (["--pain", "11"], None, "Error: pain must be a whole number from 0 to 10, not 11"),
        (["--warning-sign", "headache"], None, "Error: unknown warning sign 'headache' (known: "),
        (
            ["--warning-sign", "fever", "--no-warning-signs"],
            None,
            "Error: --no-warning-signs and --warning-sign contradict each other; use one",
        ),
        ([], "no\nno\nmaybe\n", "Error: answer yes or no to the warning-sign question 'sexual-function', not 'maybe'"),
        (
            [],
            "no\nno\nno\nno\nyes\nslowly\n",
            "Error: why walking is getting harder: answer weakness, pain, both, not 'slowly'",
        ),
        ([], "no\nno\n", "Error: no answer to "),
        (["--psfs", "sitting=11"], None, "Error: 'sitting=11': write ACTIVITY=SCORE with a score from 0 to 10"),
        (["--psfs", "sitting"], None, "Error: 'sitting': write ACTIVITY=SCORE"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_saved(
    cli: Invoke, arguments: list[str], replies: str | None, message: str
) -> None:
    base = {"--equipment": "band", "--days": "mon,thu", "--pain": "3"}
    for option in arguments:
        base.pop(option, None)
    if replies is None and not any(a.startswith("--warning-sign") or a == "--no-warning-signs" for a in arguments):
        arguments = [*arguments, "--no-warning-signs"]
    flat = [part for option, value in base.items() for part in (option, value)]
    result = cli("setup", *arguments, *flat, input=replies)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1
    assert _profile() == (None, [])


@pytest.mark.parametrize(
    ("screen_flag", "arguments", "message"),
    [
        (
            ["--warning-sign", "fever"],
            ["--cleared-by", "Dr A", "--cleared-on", "2099-01-01"],
            "Error: the clearance date 2099-01-01 is in the future",
        ),
        (["--warning-sign", "fever"], ["--cleared-on", "2026-01-01"], "Error: --cleared-on needs --cleared-by NAME"),
        (
            ["--no-warning-signs"],
            ["--cleared-by", "Dr A"],
            "Error: your last screen found no warning signs, so there is nothing to be cleared",
        ),
    ],
)
def test_bad_clearance(cli: Invoke, screen_flag: list[str], arguments: list[str], message: str) -> None:
    cli(*SETUP, *screen_flag)
    result = cli("screen", *arguments)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    _, screens = _profile()
    assert [(s.cleared_by, s.cleared_on) for s in screens] == [(None, None)]


def test_clearance_after_an_emergency_is_refused(cli: Invoke) -> None:
    cli(*SETUP, "--warning-sign", "bladder-bowel")
    result = cli("screen", "--cleared-by", "Dr A")
    assert result.exit_code == 2
    assert "needs emergency care (SCREEN-2)" in result.stderr


def test_screen_before_setup(cli: Invoke) -> None:
    result = cli("screen", "--no-warning-signs")
    assert result.exit_code == 2
    assert result.stderr == "Error: there is no profile yet: run `rehabit setup` first\n"


def test_interactive_emergency_asks_nothing_more(cli: Invoke) -> None:
    result = cli("setup", input="yes\n" + "no\n" * 15)
    assert result.exit_code == 0, result.output
    assert "Please get emergency medical care today" in result.output
    assert "loop band" not in result.output
    assert "Which days" not in result.output
    person, screens = _profile()
    assert person is not None
    assert (person.equipment, person.starting_pain) == ((), None)
    assert [(s.result, s.answers["bladder-bowel"]) for s in screens] == [("emergency", True)]


@pytest.mark.parametrize(
    ("why", "result", "yes"),
    [
        ("weakness", "emergency", ["leg-weakness"]),
        ("both", "emergency", ["leg-weakness", "walking-pain"]),
        ("pain", "needs_clearance", ["walking-pain"]),
    ],
)
def test_walking_harder_asks_weakness_or_pain_before_advising_emergency_care(
    cli: Invoke, why: str, result: str, yes: list[str]
) -> None:
    replies = "\n".join(["no"] * 4 + ["yes", why] + ["no"] * 11 + ["n", "n", "n", "mon,thu", "3", ""]) + "\n"
    ran = cli("setup", input=replies)
    assert ran.exit_code == 0, ran.output
    assert WALKING.why in ran.output
    assert ("Please get emergency medical care today" in ran.output) is (result == "emergency")
    _, screens = _profile()
    assert [(s.result, [name for name, answer in s.answers.items() if answer]) for s in screens] == [(result, yes)]
