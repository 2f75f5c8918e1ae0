"""Progress charts (matplotlib, Agg backend): pain, sessions a week, doses over time, PSFS.

Only drawing lives here; the numbers come from outcomes.py, where the tests check them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from rehabit.domain.outcomes import DosePoint, PainTrend, PsfsSummary, WeekCount  # noqa: E402
from rehabit.errors import RehabitError  # noqa: E402

FORMATS = (".png", ".svg")
BETTER = "#2a7f62"
WORSE = "#b5482b"
INK = "#333333"


@dataclass(frozen=True)
class ProgressCharts:
    """Everything the progress figure draws."""

    pain: PainTrend
    weeks: Sequence[WeekCount]
    target: tuple[int, int]
    doses: Mapping[str, Sequence[DosePoint]]
    names: Mapping[str, str]
    psfs: PsfsSummary
    stages: Sequence[tuple[date, str]] = ()
    lane_ends: Mapping[str, date] = field(default_factory=dict)


def changing_doses(doses: Mapping[str, Sequence[DosePoint]]) -> dict[str, Sequence[DosePoint]]:
    """Only the exercises whose dose changed at least once (fixed doses would be flat clutter)."""
    return {slot: points for slot, points in doses.items() if len({p.step for p in points}) > 1}


def draw_progress(charts: ProgressCharts, path: Path) -> Path:
    """Draw the progress figure to a .png or .svg file and return its path."""
    if path.suffix.lower() not in FORMATS:
        raise RehabitError(f"{path}: the chart file must end in .png or .svg")
    doses = changing_doses(charts.doses)
    panels = 3 + (1 if charts.psfs.entries else 0)
    heights = [3, 2, 0.6 + 0.45 * max(len(doses), 2)] + ([2.2] if charts.psfs.entries else [])
    figure, axes = plt.subplots(
        panels, 1, figsize=(9, sum(heights) + 0.8), layout="constrained", sharex=True, height_ratios=heights
    )
    _pain(axes[0], charts.pain)
    _weeks(axes[1], charts.weeks, charts.target)
    last_day = max(
        [p.on for p in charts.pain.points] + [p.on for points in doses.values() for p in points], default=None
    )
    _doses(axes[2], doses, charts.names, charts.stages, last_day, charts.lane_ends)
    if charts.psfs.entries:
        _psfs(axes[3], charts.psfs)
    figure.suptitle("Your progress", fontsize=14, fontweight="bold", color=INK)
    try:
        figure.savefig(path, dpi=110)
    except OSError as error:
        raise RehabitError(f"{path}: cannot write the chart ({error.strerror})") from None
    finally:
        plt.close(figure)
    return path


def _x(day: date) -> float:
    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def _xs(days: Sequence[date]) -> list[float]:
    return [_x(day) for day in days]


def _tidy(axis: Axes, title: str, ylabel: str) -> None:
    axis.set_title(title, loc="left", fontsize=11, color=INK)
    axis.set_ylabel(ylabel)
    axis.spines[["top", "right"]].set_visible(False)
    axis.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))  # type: ignore[no-untyped-call]
    axis.tick_params(labelbottom=True)


def _pain(axis: Axes, trend: PainTrend) -> None:
    _tidy(axis, "Pain (0 = none, 10 = worst)", "pain / 10")
    axis.set_ylim(-0.3, 10.3)
    if not trend.points:
        axis.text(0.5, 0.5, "no sessions logged yet", transform=axis.transAxes, ha="center", color="grey")
        return
    series = (
        ("before the session", [p.before for p in trend.points], "o-", INK),
        ("next morning", [p.next_morning for p in trend.points], "s--", WORSE),
    )
    for label, values, style, colour in series:
        known = [(p.on, v) for p, v in zip(trend.points, values, strict=True) if v is not None]
        if known:
            axis.plot(_xs([d for d, _ in known]), [v for _, v in known], style, color=colour, label=label, ms=4, lw=1.4)
    if trend.start is not None and trend.better_line is not None and trend.worse_line is not None:
        axis.axhline(trend.start, color="grey", lw=0.8, ls=":", label=f"starting pain ({trend.start}/10)")
        axis.axhspan(-0.3, trend.better_line, color=BETTER, alpha=0.10, lw=0)
        axis.axhline(
            trend.better_line,
            color=BETTER,
            lw=1,
            label=f"important improvement (≤ {trend.better_line:.1f}, OUTCOME-1)",
        )
    axis.legend(loc="upper right", fontsize=8, frameon=False)


def _weeks(axis: Axes, weeks: Sequence[WeekCount], target: tuple[int, int]) -> None:
    _tidy(axis, f"Sessions a week (target {target[0]}–{target[1]})", "sessions")
    if not weeks:
        axis.text(0.5, 0.5, "no sessions logged yet", transform=axis.transAxes, ha="center", color="grey")
        return
    low, high = target
    colours = [BETTER if low <= w.sessions <= high else WORSE for w in weeks]
    axis.bar(_xs([w.week_start for w in weeks]), [w.sessions for w in weeks], width=5, align="edge", color=colours)
    axis.axhspan(low, high, color=BETTER, alpha=0.12, lw=0, label="target")
    axis.set_ylim(0, max(high + 1, max(w.sessions for w in weeks) + 1))
    axis.yaxis.set_major_locator(MaxNLocator(integer=True))
    axis.set_xlim(_x(weeks[0].week_start - timedelta(days=1)), _x(weeks[-1].week_start + timedelta(days=7)))


def _doses(
    axis: Axes,
    doses: Mapping[str, Sequence[DosePoint]],
    names: Mapping[str, str],
    stages: Sequence[tuple[date, str]],
    last_day: date | None,
    lane_ends: Mapping[str, date],
) -> None:
    _tidy(axis, "Doses that changed (▲ harder, ▼ easier; reps, or seconds held)", "")
    for day, stage_name in stages:
        axis.axvline(_x(day), color="grey", lw=0.8, ls="--")
        axis.text(_x(day), len(doses) - 0.45, f" {stage_name} stage", fontsize=8, color="grey", va="bottom")
    if not doses:
        axis.text(0.5, 0.5, "no dose has changed yet", transform=axis.transAxes, ha="center", color="grey")
        axis.set_yticks([])
        return
    last_day = last_day or max(p.on for points in doses.values() for p in points)
    lanes = list(doses)
    for lane, slot in enumerate(reversed(lanes)):
        points = doses[slot]
        axis.plot(
            _xs([points[0].on, lane_ends.get(slot, last_day)]),
            [lane, lane],
            color="#cccccc",
            lw=6,
            solid_capstyle="butt",
        )
        previous: DosePoint | None = None
        for point in points:
            rising = previous is None or point.step > previous.step
            marker = "o" if previous is None else ("^" if rising else "v")
            colour = INK if previous is None else (BETTER if rising else WORSE)
            axis.plot([_x(point.on)], [lane], marker, color=colour, ms=7)
            label = point.label if previous is None or point.exercise_id != previous.exercise_id else point.short
            axis.annotate(
                label,
                (_x(point.on), lane),
                xytext=(0, 7),
                textcoords="offset points",
                fontsize=7,
                ha="center",
                color=colour,
            )
            previous = point
    axis.set_yticks(range(len(lanes)), [names.get(slot, slot) for slot in reversed(lanes)])
    axis.set_ylim(-0.6, len(lanes) - 0.2)
    axis.spines[["left"]].set_visible(False)
    axis.tick_params(axis="y", length=0)


def _psfs(axis: Axes, psfs: PsfsSummary) -> None:
    _tidy(axis, "Activities you named (PSFS mean, 0 = unable, 10 = as before)", "PSFS mean / 10")
    axis.set_ylim(0, 10.3)
    days = [e.on for e in psfs.entries]
    axis.plot(_xs(days), [e.mean for e in psfs.entries], "o-", color=BETTER, lw=1.6)
    if psfs.better_line is not None:
        axis.axhline(psfs.better_line, color=BETTER, lw=1, ls="--", label="important improvement (OUTCOME-1)")
    axis.legend(loc="upper left", fontsize=8, frameon=False)
