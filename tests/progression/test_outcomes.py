"""Outcome numbers (OUTCOME-1, sessions a week, doses over time, PSFS) and the chart files drawn from them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rehabit.domain.outcomes import (
    PsfsEntry,
    adherence,
    dose_history,
    important_pain_change,
    important_pain_lines,
    pain_trend,
    psfs_summary,
    sessions_per_week,
)
from rehabit.domain.progression import Decision, Progression, SessionOutcome
from rehabit.domain.rules import Thresholds
from rehabit.errors import RehabitError
from rehabit.export.charts import ProgressCharts, changing_doses, draw_progress
from rehabit.programs import get_program

from ._logs import full_session, session_days

PROGRAM = get_program()


@pytest.mark.parametrize(
    ("start", "now", "important"),
    [
        (6, 5, False),  # 1 point, 17%
        (6, 4, True),  # 2 points
        (3, 2, True),  # 1 point but 33%
        (4, 3, False),  # 1 point, 25%
        (8, 6, True),
        (8, 7, False),
        (0, 1, False),
        (0, 2, True),
        (4, 6, True),  # worse counts too
    ],
)
def test_outcome1_pain_change(start: int, now: int, important: bool) -> None:
    assert important_pain_change(start, now) is important


@pytest.mark.parametrize(
    ("start", "lines"),
    [(6, (4.2, 7.8)), (8, (6.0, 10.0)), (2, (1.4, 2.6)), (0, (0.0, 2.0))],
)
def test_outcome1_lines(start: int, lines: tuple[float, float]) -> None:
    better, worse = important_pain_lines(start)
    assert (round(better, 2), round(worse, 2)) == lines


def _sessions(pains: list[int]) -> tuple[Progression, list[SessionOutcome], list[Decision]]:
    engine = Progression(PROGRAM)
    course = engine.start()
    sessions, decisions = [], []
    for pain, on in zip(pains, session_days(date(2026, 3, 2), 4), strict=False):
        session = full_session(engine, course, on, before=pain, after=pain, morning=pain + 1)
        course, latest = engine.apply(course, session)
        sessions.append(session)
        decisions += latest
    return engine, sessions, decisions


def test_pain_trend() -> None:
    _, sessions, _ = _sessions([6, 6, 5, 4, 4, 3])
    trend = pain_trend(sessions)
    assert [(p.on.isoformat(), p.before, p.next_morning) for p in trend.points][:2] == [
        ("2026-03-02", 6, 7),
        ("2026-03-04", 6, 7),
    ]
    assert (trend.start, trend.latest, trend.change, trend.important) == (6, 3, -3, True)
    assert trend.better_line == pytest.approx(4.2)
    assert trend.summary() == "pain before sessions 6/10 -> 3/10 (-3, clinically important, OUTCOME-1)"
    assert pain_trend(sessions, starting_pain=4).summary() == (
        "pain before sessions 4/10 -> 3/10 (-1, not yet a clinically important change, OUTCOME-1)"
    )
    assert pain_trend([]).summary() == "pain before sessions: not logged yet"


def test_sessions_per_week_and_adherence() -> None:
    days = [date(2026, 3, 2), date(2026, 3, 4), date(2026, 3, 6), date(2026, 3, 11), date(2026, 3, 24)]
    weeks = sessions_per_week(days, until=date(2026, 3, 30))
    assert [(w.week_start.isoformat(), w.sessions) for w in weeks] == [
        ("2026-03-02", 3),
        ("2026-03-09", 1),
        ("2026-03-16", 0),
        ("2026-03-23", 1),
        ("2026-03-30", 0),
    ]
    assert adherence(weeks, 2, 3) == (1, 5)
    assert adherence(weeks, 2, 3, today=date(2026, 3, 31)) == (1, 4)  # the running week is not over
    assert adherence(weeks[:1], 2, 3, today=date(2026, 3, 6)) == (1, 1)  # it counts once on target
    assert sessions_per_week([]) == []


def test_dose_history_follows_the_decisions() -> None:
    engine, sessions, decisions = _sessions([2] * 12)
    series = dose_history(engine, engine.start(), sessions[0].on, decisions)
    assert [(p.on.isoformat(), p.short, p.step) for p in series["glute-bridge"]] == [
        ("2026-03-02", "10", 1),
        ("2026-03-04", "12", 2),
        ("2026-03-09", "15", 3),
    ]
    assert [p.short for p in series["plank"]] == ["10 s", "15 s", "20 s", "25 s", "30 s"]
    assert series["plank"][0].label == "10 s"
    assert series["glute-bridge"][0].label == "10 reps"
    assert set(changing_doses(series)) == {"glute-bridge", "plank", "banded-glute-bridge"}
    banded = series["banded-glute-bridge"]  # joined with the progression stage on 23 March
    assert [(p.on.isoformat(), p.short) for p in banded] == [("2026-03-23", "10"), ("2026-03-27", "12")]


@pytest.mark.parametrize(
    ("ratings", "text", "important"),
    [
        ([], "PSFS: not rated yet (rehabit psfs)", False),
        ([(date(2026, 3, 2), {"sitting": 3, "lifting": 4})], "PSFS mean 3.5 (first rating 2026-03-02)", False),
        (
            [(date(2026, 3, 2), {"sitting": 3, "lifting": 4}), (date(2026, 3, 16), {"sitting": 5, "lifting": 5})],
            "PSFS mean 3.5 -> 5.0 (+1.5, not yet a clinically important change, OUTCOME-1)",
            False,
        ),
        (
            [(date(2026, 3, 16), {"sitting": 6, "lifting": 5}), (date(2026, 3, 2), {"sitting": 3, "lifting": 4})],
            "PSFS mean 3.5 -> 5.5 (+2.0, clinically important, OUTCOME-1)",
            True,
        ),
    ],
)
def test_psfs_summary(ratings: list[tuple[date, dict[str, int]]], text: str, important: bool) -> None:
    summary = psfs_summary([PsfsEntry(on, scores) for on, scores in ratings])
    assert summary.summary() == text
    assert summary.important is important
    if ratings:
        assert summary.next_due == max(on for on, _ in ratings).replace(day=max(on for on, _ in ratings).day + 14)


def test_psfs_threshold_is_a_setting() -> None:
    entries = [PsfsEntry(date(2026, 3, 2), {"walking": 3}), PsfsEntry(date(2026, 3, 16), {"walking": 5})]
    assert psfs_summary(entries).important is True
    assert psfs_summary(entries, Thresholds(important_psfs_points=3)).important is False


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_chart_files_are_written(tmp_path: Path, suffix: str) -> None:
    engine, sessions, decisions = _sessions([6, 6, 5, 4, 4, 3, 3, 3, 2, 2, 2, 2])
    charts = ProgressCharts(
        pain=pain_trend(sessions),
        weeks=sessions_per_week([s.on for s in sessions]),
        target=(2, 3),
        doses=dose_history(engine, engine.start(), sessions[0].on, decisions),
        names={e.id: e.name for e in PROGRAM.exercises},
        psfs=psfs_summary([PsfsEntry(date(2026, 3, 2), {"sitting": 3}), PsfsEntry(date(2026, 3, 16), {"sitting": 6})]),
        stages=[(d.on, PROGRAM.stages[d.stage_index].name) for d in decisions if d.rule_id == "STAGE-1"],
    )
    path = draw_progress(charts, tmp_path / f"progress{suffix}")
    assert path.stat().st_size > 10_000
    head = path.read_bytes()[:64]
    assert head.startswith(b"\x89PNG") if suffix == ".png" else b"<?xml" in head


def test_chart_with_no_sessions_and_a_bad_suffix(tmp_path: Path) -> None:
    empty = ProgressCharts(pain_trend([]), [], (2, 3), {}, {}, psfs_summary([]))
    assert draw_progress(empty, tmp_path / "empty.png").stat().st_size > 1000
    with pytest.raises(RehabitError, match=r"must end in \.png or \.svg"):
        draw_progress(empty, tmp_path / "chart.pdf")
