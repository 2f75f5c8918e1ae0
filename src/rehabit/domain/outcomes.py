"""Outcomes over time: pain trend, sessions a week, doses, PSFS — the numbers `progress` shows and plots.

Pure functions over progression inputs and decisions; charts.py draws them and tests check these
numbers rather than pixels. OUTCOME-1 decides what counts as a change that matters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from rehabit.domain.ladder import Rung
from rehabit.domain.progression import Course, Decision, Progression, SessionOutcome
from rehabit.domain.rules import Thresholds


def important_pain_change(start: float, now: float, thresholds: Thresholds | None = None) -> bool:
    """OUTCOME-1: a change of `important_pain_points` points or `important_pain_percent`% of the start."""
    t = thresholds or Thresholds()
    change = abs(now - start)
    if change >= t.important_pain_points:
        return True
    return start > 0 and change / start * 100 >= t.important_pain_percent


def important_pain_lines(start: float, thresholds: Thresholds | None = None) -> tuple[float, float]:
    """The pain levels (better, worse) at which a change from `start` becomes clinically important."""
    t = thresholds or Thresholds()
    smallest = min(t.important_pain_points, start * t.important_pain_percent / 100) if start > 0 else 0.0
    smallest = smallest or t.important_pain_points
    return max(start - smallest, 0.0), min(start + smallest, 10.0)


@dataclass(frozen=True)
class PainPoint:
    """One session's pain reports (0-10, None when not logged)."""

    on: date
    before: int | None
    after: int | None
    next_morning: int | None


@dataclass(frozen=True)
class PainTrend:
    """Pain across sessions, measured against the pain before the first session (OUTCOME-1)."""

    points: list[PainPoint]
    start: int | None
    better_line: float | None
    worse_line: float | None
    latest: int | None
    change: int | None
    important: bool

    def summary(self) -> str:
        """One line, e.g. "pain before sessions 6/10 -> 3/10 (-3, clinically important, OUTCOME-1)"."""
        if self.start is None or self.latest is None or self.change is None:
            return "pain before sessions: not logged yet"
        verdict = "clinically important" if self.important else "not yet a clinically important change"
        return f"pain before sessions {self.start}/10 -> {self.latest}/10 ({self.change:+d}, {verdict}, OUTCOME-1)"


def pain_trend(
    sessions: Sequence[SessionOutcome], thresholds: Thresholds | None = None, starting_pain: int | None = None
) -> PainTrend:
    """The pain trend: every session's pain, the starting pain and OUTCOME-1's important-change lines.

    The start is `starting_pain` (what the person reported at setup) or else the first pain before.
    """
    ordered = sorted(sessions, key=lambda s: s.on)
    points = [PainPoint(s.on, s.pain_before, s.pain_after, s.pain_next_morning) for s in ordered]
    befores = [p.before for p in points if p.before is not None]
    start = starting_pain if starting_pain is not None else (befores[0] if befores else None)
    if start is None:
        return PainTrend(points, None, None, None, None, None, False)
    better, worse = important_pain_lines(start, thresholds)
    latest = befores[-1] if befores else None
    change = None if latest is None else latest - start
    important = latest is not None and important_pain_change(start, latest, thresholds)
    return PainTrend(points, start, better, worse, latest, change, important)


@dataclass(frozen=True)
class WeekCount:
    """Sessions done in the week starting `week_start` (a Monday)."""

    week_start: date
    sessions: int


def sessions_per_week(dates: Sequence[date], until: date | None = None) -> list[WeekCount]:
    """Sessions in each Monday-to-Sunday week from the first session's week to `until` (or the last)."""
    if not dates:
        return []
    by_week = Counter(d - timedelta(days=d.weekday()) for d in dates)
    first = min(by_week)
    last = max(until or max(dates), max(dates))
    weeks: list[WeekCount] = []
    monday = first
    while monday <= last:
        weeks.append(WeekCount(monday, by_week.get(monday, 0)))
        monday += timedelta(days=7)
    return weeks


def adherence(
    weeks: Sequence[WeekCount], target_min: int, target_max: int, today: date | None = None
) -> tuple[int, int]:
    """(weeks within the target range of sessions, weeks counted).

    The week holding `today` counts only once it has reached the target: it is not over yet.
    """
    counted = [
        w
        for w in weeks
        if today is None or not (w.week_start <= today < w.week_start + timedelta(days=7)) or w.sessions >= target_min
    ]
    return sum(1 for w in counted if target_min <= w.sessions <= target_max), len(counted)


@dataclass(frozen=True)
class DosePoint:
    """An exercise's dose from a date on: the variation, the amount climbed (reps or s) and its text."""

    on: date
    exercise_id: str
    amount: int
    step: int
    label: str
    short: str


def dose_history(
    progression: Progression, start: Course, on: date, decisions: Sequence[Decision]
) -> dict[str, list[DosePoint]]:
    """Each exercise's dose over time: where `start` had it on `on`, then a point at every change of dose.

    `step` counts rungs on the exercise's ladder from 1 (its easiest variation's first dose).
    """
    series: dict[str, list[DosePoint]] = {}

    def point(when: date, slot: str, rung: Rung) -> DosePoint:
        step = progression.ladder(slot).index_of(rung) + 1
        name = progression.program.exercise(rung.exercise_id).name
        amount, counts_reps = rung.amount(progression.program), rung.counts_reps(progression.program)
        short = str(amount) if counts_reps else f"{amount} s"
        label = f"{amount} reps" if counts_reps else short
        label = label if rung.exercise_id == slot else f"{name} {label}"
        return DosePoint(when, rung.exercise_id, amount, step, label, short)

    for slot in progression.stage_slots(start.stage_index):
        series[slot] = [point(on, slot, progression.rung(start, slot))]
    for decision in sorted(decisions, key=lambda d: d.on):
        changed, after = decision.exercise_id, decision.dose_after
        if changed is None:  # STAGE-1: the new stage's exercises start that day
            for slot in progression.stage_slots(decision.stage_index):
                if slot not in series:
                    ladder = progression.ladder(slot)
                    series[slot] = [point(decision.on, slot, ladder.rungs[ladder.start])]
            continue
        if after is None:
            continue
        if changed not in series:
            ladder = progression.ladder(changed)
            series[changed] = [point(decision.on, changed, ladder.rungs[ladder.start])]
        if after != decision.dose_before:
            series[changed].append(point(decision.on, changed, after))
    return series


@dataclass(frozen=True)
class PsfsEntry:
    """One PSFS rating day: each named activity and its score, 0 (unable) to 10 (as before)."""

    on: date
    scores: Mapping[str, int]

    @property
    def mean(self) -> float:
        """The PSFS score: the mean of the activity scores."""
        return sum(self.scores.values()) / len(self.scores) if self.scores else 0.0


@dataclass(frozen=True)
class PsfsSummary:
    """PSFS means over time and the change from the first rating (OUTCOME-1: important at 2 points)."""

    entries: list[PsfsEntry]
    change: float | None
    important: bool
    next_due: date | None
    better_line: float | None = None

    def summary(self) -> str:
        """One line, e.g. "PSFS mean 3.0 -> 5.5 (+2.5, clinically important, OUTCOME-1)"."""
        if not self.entries:
            return "PSFS: not rated yet (rehabit psfs)"
        first, last = self.entries[0].mean, self.entries[-1].mean
        if len(self.entries) == 1 or self.change is None:
            return f"PSFS mean {first:.1f} (first rating {self.entries[0].on.isoformat()})"
        verdict = "clinically important" if self.important else "not yet a clinically important change"
        return f"PSFS mean {first:.1f} -> {last:.1f} ({self.change:+.1f}, {verdict}, OUTCOME-1)"


def psfs_summary(entries: Sequence[PsfsEntry], thresholds: Thresholds | None = None) -> PsfsSummary:
    """Order the ratings, compute the change of the mean from the first, and when the next rating is due."""
    t = thresholds or Thresholds()
    ordered = sorted(entries, key=lambda e: e.on)
    if not ordered:
        return PsfsSummary([], None, False, None)
    change = ordered[-1].mean - ordered[0].mean if len(ordered) > 1 else None
    important = change is not None and abs(change) >= t.important_psfs_points
    better = min(ordered[0].mean + t.important_psfs_points, 10.0)
    return PsfsSummary(ordered, change, important, ordered[-1].on + timedelta(days=t.psfs_every_days), better)
