"""`rehabit history`, `progress`, `psfs` and `thresholds` through the CLI runner."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import Invoke
from rehabit.services.course import update_course
from rehabit.store import Store, people

from ._store_logs import log_planned_doses

MONDAY = date(2026, 3, 2)


@pytest.fixture
def logged() -> None:
    """A profile with two good sessions, then a third whose next morning flared."""
    with Store.open() as store:
        person = people.create_person(store, name="Ana", starting_pain=5)
        log_planned_doses(store, person.id, MONDAY, before=4, morning=4)
        log_planned_doses(store, person.id, MONDAY + timedelta(days=2), before=3, morning=3)
        log_planned_doses(store, person.id, MONDAY + timedelta(days=4), before=2, morning=5, stop="plank")
        update_course(store, person.id)  # what finishing each session does: decisions stored


def test_commands_need_a_profile(cli: Invoke) -> None:
    result = cli("history")
    assert result.exit_code == 2
    assert result.output == "Error: there is no profile yet: run `rehabit setup` first\n"


def test_history_without_sessions(cli: Invoke) -> None:
    with Store.open() as store:
        people.create_person(store)
    result = cli("history")
    assert (result.exit_code, result.output) == (
        0,
        "No sessions logged yet: `rehabit session` guides you through one.\n",
    )


@pytest.mark.usefixtures("logged")
def test_history_text(cli: Invoke) -> None:
    result = cli("history")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "2026-03-02  finished · 6/6 exercises · pain 4/10 before, 2/10 after, 4/10 next morning"
    assert lines[8] == (
        "  Glute bridge               progress       DOSE-1   10 reps · hold 2 s → 12 reps · hold 2 s: "
        "full dose in 2 sessions in a row, pain 1/10 during, no flare next morning"
    )
    assert lines[14] == "2026-03-06  finished · 6/6 exercises · pain 2/10 before, 2/10 after, 5/10 next morning"
    assert lines[15] == (
        "  Glute bridge               regress        PAIN-3   12 reps · hold 2 s → 10 reps · hold 2 s: "
        "pain 2/10 before, 5/10 next morning"
    )
    assert lines[18] == (
        "  Plank                      regress        PAIN-1   hold 15 s · 5 times → hold 10 s · 5 times: "
        "stopped for pain, pain 7/10"
    )


@pytest.mark.usefixtures("logged")
def test_history_explain(cli: Invoke) -> None:
    result = cli("history", "--explain")
    assert result.exit_code == 0
    out = result.output
    assert "      why (DOSE-1): Doing the full dose in 2 sessions in a row, with pain during no higher than 5/10" in out
    assert "      why (PAIN-3): Pain the next morning 2 or more points above your pain before the session" in out
    assert "      why (PAIN-1): You stopped this exercise because it hurt" in out
    assert "      source: [C] Silbernagel et al. 2007, Am J Sports Med 35(6):897-906" in out
    assert "      why: as above (DOSE-1)" in out


@pytest.mark.usefixtures("logged")
def test_history_json(cli: Invoke) -> None:
    result = cli("history", "--format", "json", "--explain")
    assert result.exit_code == 0
    document = json.loads(result.output)
    sessions = document["sessions"]
    assert [s["on_date"] for s in sessions] == ["2026-03-06", "2026-03-04", "2026-03-02"]  # newest first
    first = sessions[-1]
    assert (first["pain_before"], first["pain_after"], first["pain_next_morning"]) == (4, 2, 4)
    assert (first["program_id"], first["effort"]) == ("lower-back-glutes", None)
    bridge = first["sets"][0]
    assert {key: bridge[key] for key in ("exercise_id", "side", "set_number", "reps_done", "seconds_held")} == {
        "exercise_id": "glute-bridge",
        "side": None,
        "set_number": 1,
        "reps_done": 10,
        "seconds_held": 2,
    }
    assert (bridge["pain_during"], bridge["stopped_for_pain"]) == (1, False)
    assert {s["side"] for s in first["sets"] if s["exercise_id"] == "piriformis-stretch"} == {"left", "right"}
    stopped = [s for s in sessions[0]["sets"] if s["stopped_for_pain"]]
    assert [(s["exercise_id"], s["pain_during"]) for s in stopped] == [("plank", 7)]
    progress = sessions[1]["decisions"][0]
    assert {key: progress[key] for key in ("exercise_id", "kind", "rule_id", "dose_before", "dose_after")} == {
        "exercise_id": "glute-bridge",
        "kind": "progress",
        "rule_id": "DOSE-1",
        "dose_before": "10 reps · hold 2 s",
        "dose_after": "12 reps · hold 2 s",
    }
    assert progress["source"].startswith("[F] ACSM position stand 2009")
    assert document["progress"]["stage"] == "Foundational"


@pytest.mark.usefixtures("logged")
@pytest.mark.parametrize("name", ["progress.png", "progress.svg"])
def test_progress_with_plot(cli: Invoke, tmp_path: Path, name: str) -> None:
    plot = tmp_path / name
    result = cli("progress", "--plot", str(plot))
    assert result.exit_code == 0
    assert plot.stat().st_size > 10_000
    lines = result.output.splitlines()
    assert lines[0] == "Stage: Foundational (1 of 3)"
    assert lines[1] == "Pain: pain before sessions 5/10 -> 2/10 (-3, clinically important, OUTCOME-1)"
    assert "  Glute bridge               10 reps · hold 2 s             step 1 of 3" in lines
    assert "  Plank                      hold 10 s · 5 times            step 1 of 5" in lines
    assert lines[-2] == "Activities: PSFS: not rated yet (rehabit psfs)"
    assert lines[-1] == f"Chart written to {plot}"


@pytest.mark.usefixtures("logged")
def test_progress_json(cli: Invoke) -> None:
    result = cli("progress", "--format", "json")
    document = json.loads(result.output)
    assert document["pain"]["start"] == 5 and document["pain"]["clinically_important"] is True
    assert document["sessions_per_week"]["target"] == [2, 3]
    assert document["sessions_per_week"]["weeks"][0] == {
        "week_start": "2026-03-02",
        "sessions": 3,
        "in_progress": False,
    }
    assert [p["amount"] for p in document["dose_history"]["glute-bridge"]] == [10, 12, 10]


@pytest.mark.usefixtures("logged")
def test_progress_refuses_other_chart_formats(cli: Invoke, tmp_path: Path) -> None:
    result = cli("progress", "--plot", str(tmp_path / "chart.pdf"))
    assert result.exit_code == 2
    assert result.output == f"Error: {tmp_path / 'chart.pdf'}: the chart file must end in .png or .svg\n"


@pytest.mark.usefixtures("logged")
def test_psfs_flags_then_questions_and_progress(cli: Invoke) -> None:
    today = date.today().isoformat()
    first = cli("psfs", "--rate", "sitting at work=3", "--rate", "lifting a box=4")
    assert first.exit_code == 0
    assert first.output.splitlines() == [
        f"{today}  mean 3.5  (sitting at work 3, lifting a box 4)",
        f"PSFS mean 3.5 (first rating {today})",
        f"Next rating due {(date.today() + timedelta(days=14)).isoformat()}.",
    ]
    again = cli("psfs", input="6\n5\n")  # the same day: the new scores replace the first ones
    assert again.exit_code == 0
    assert f"{today}  mean 5.5  (sitting at work 6, lifting a box 5)" in again.output
    shown = cli("progress")
    assert f"Activities: PSFS mean 5.5 (first rating {today}); next rating due" in shown.output


def test_psfs_names_activities_when_asked(cli: Invoke) -> None:
    with Store.open() as store:
        people.create_person(store)
    result = cli("psfs", input="walking the dog\n4\ngardening\n2\n\n")
    assert result.exit_code == 0
    assert "mean 3.0  (walking the dog 4, gardening 2)" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--rate", "sitting"],
            "Error: 'sitting': write ACTIVITY=SCORE with a score from 0 to 10, e.g. 'sitting=4'",
        ),
        (["--rate", "sitting=11"], "Error: 'sitting=11': write ACTIVITY=SCORE"),
        ([arg for n in range(6) for arg in ("--rate", f"a{n}=1")], "Error: rate at most 5 activities (got 6)"),
        (["--rate", "walk=1", "--rate", "Walk=2"], "Error: each activity can be rated once per rating"),
    ],
)
def test_psfs_bad_input(cli: Invoke, args: list[str], message: str) -> None:
    with Store.open() as store:
        people.create_person(store)
    result = cli("psfs", *args)
    assert result.exit_code == 2
    assert result.output.startswith(message)
    assert cli("psfs", "--show").output == "PSFS: not rated yet (rehabit psfs)\n"


def test_thresholds_show_set_reset(cli: Invoke) -> None:
    with Store.open() as store:
        people.create_person(store)
    shown = cli("thresholds", "show")
    assert "pain_safe_max            3       PAIN-2: highest pain during that is safe" in shown.output.splitlines()
    changed = cli("thresholds", "set", "pain_safe_max=2", "refer_window_days=21")
    assert changed.output == "pain_safe_max = 2\nrefer_window_days = 21\n"
    assert "pain_safe_max            2       (default 3)  PAIN-2" in cli("thresholds", "show").output
    bad = cli("thresholds", "set", "pain_acceptable_max=1")
    assert bad.exit_code == 2
    assert bad.output == ("Error: threshold not changed: pain_safe_max (2) is above pain_acceptable_max (1)\n")
    assert cli("thresholds", "set", "oops").output == "Error: 'oops': write NAME=VALUE, e.g. pain_safe_max=2\n"
    assert cli("thresholds", "reset", "pain_safe_max").output == "Back to the defaults: pain_safe_max\n"
    assert "refer_window_days        21      (default 14)" in cli("thresholds", "show").output
    cli("thresholds", "reset")
    assert "(default" not in cli("thresholds", "show").output
