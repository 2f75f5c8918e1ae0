"""Progress charts as small responsive SVG for the web pages, drawn on the server (no script, no CDN).

Each chart is a `<svg viewBox>` that scales to its box (readable at 390 px), with classes only — the
colours come from the page's stylesheet, so dark mode works — a <title> and <desc> for screen readers,
and the same numbers are given as a table beside it by the page. Pure: numbers in, markup out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

__all__ = ["DoseStep", "PainPoint", "WeekBar", "dose_steps_chart", "pain_chart", "psfs_chart", "weeks_chart"]

Translate = Callable[[str], str]
WIDTH, HEIGHT = 360, 210
LEFT, RIGHT, TOP, BOTTOM = 34, 12, 14, 34


@dataclass(frozen=True)
class PainPoint:
    on: date
    before: int | None
    during: int | None
    after: int | None


@dataclass(frozen=True)
class WeekBar:
    week_start: date
    sessions: int
    in_progress: bool


@dataclass(frozen=True)
class DoseStep:
    on: date
    step: int


def _x(index: int, count: int) -> float:
    inner = WIDTH - LEFT - RIGHT
    return LEFT + (inner / 2 if count <= 1 else inner * index / (count - 1))


def _y(value: float, top: float) -> float:
    inner = HEIGHT - TOP - BOTTOM
    return TOP + inner * (1 - value / top)


def _open(chart_id: str, title: str, desc: str, height: int = HEIGHT) -> list[str]:
    return [
        f'<svg class="chart-svg" id="{chart_id}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" preserveAspectRatio="xMidYMid meet">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]


def _axis(top: int, ticks: Sequence[int]) -> list[str]:
    parts = []
    for tick in ticks:
        y = _y(tick, top)
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    return parts


def _dates(days: Sequence[date], bottom_y: float) -> list[str]:
    """At most four date labels, first and last always."""
    if not days:
        return []
    count = len(days)
    chosen = sorted({0, count - 1, *([count // 3, 2 * count // 3] if count > 5 else range(count))})
    return [
        f'<text class="tick" x="{_x(i, count):.1f}" y="{bottom_y + 18:.1f}" text-anchor="middle">'
        f"{days[i].day} {days[i]:%b}</text>"
        for i in chosen
    ]


def _series(values: Sequence[float | None], css: str, top: float, marker: str = "circle") -> list[str]:
    count = len(values)
    points = [(_x(i, count), _y(v, top)) for i, v in enumerate(values) if v is not None]
    parts = []
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline class="series {css}" points="{path}"/>')
    for x, y in points:
        if marker == "square":
            parts.append(f'<rect class="dot {css}" x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8"/>')
        elif marker == "diamond":
            parts.append(
                f'<polygon class="dot {css}" points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} '
                f'{x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}"/>'
            )
        else:
            parts.append(f'<circle class="dot {css}" cx="{x:.1f}" cy="{y:.1f}" r="4"/>')
    return parts


def _reference(value: float, top: float, label: str, css: str = "reference") -> list[str]:
    y = _y(value, top)
    return [
        f'<line class="{css}" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>',
        f'<text class="ref-label" x="{WIDTH - RIGHT}" y="{y - 4:.1f}" text-anchor="end">{escape(label)}</text>',
    ]


def pain_chart(points: Sequence[PainPoint], important_at: float | None, _: Translate) -> str:
    """Pain 0–10 before (circles), during (diamonds) and after (squares) each session; the line a
    clinically important improvement reaches (OUTCOME-1)."""
    desc = _("Pain from 0 to 10 for each session: before, the highest during, and after.")
    parts = _open("pain-chart", _("Pain before, during and after each session"), desc)
    parts += _axis(10, (0, 2, 4, 6, 8, 10))
    if important_at is not None and important_at >= 0:
        parts += _reference(important_at, 10, _("clinically important improvement"))
    parts += _series([p.before for p in points], "before", 10)
    parts += _series([p.during for p in points], "during", 10, "diamond")
    parts += _series([p.after for p in points], "after", 10, "square")
    parts += _dates([p.on for p in points], HEIGHT - BOTTOM)
    return "".join([*parts, "</svg>"])


def weeks_chart(weeks: Sequence[WeekBar], target: tuple[int, int], _: Translate) -> str:
    """Sessions each week as bars against the target band; the current week drawn as in progress."""
    low, high = target
    top = max(high + 1, *(w.sessions for w in weeks)) if weeks else high + 1
    desc = _("Sessions done each week; the shaded band is the aim. The current week is still in progress.")
    parts = _open("weeks-chart", _("Sessions each week"), desc)
    band_top, band_bottom = _y(high, top), _y(low, top)
    parts.append(
        f'<rect class="target" x="{LEFT}" y="{band_top:.1f}" width="{WIDTH - LEFT - RIGHT}" '
        f'height="{band_bottom - band_top:.1f}"/>'
    )
    parts.append(
        f'<text class="ref-label" x="{WIDTH - RIGHT}" y="{band_top - 4:.1f}" text-anchor="end">'
        f"{escape(_('aim'))} {low}–{high}</text>"
    )
    parts += _axis(top, range(0, top + 1))
    count = max(len(weeks), 1)
    slot = (WIDTH - LEFT - RIGHT) / count
    bar = min(slot * 0.6, 36)
    for index, week in enumerate(weeks):
        x = LEFT + slot * index + (slot - bar) / 2
        y = _y(week.sessions, top)
        css = "bar in-progress" if week.in_progress else "bar"
        height = max(_y(0, top) - y, 0)
        parts.append(f'<rect class="{css}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{height:.1f}"/>')
        if week.in_progress:
            parts.append(
                f'<text class="ref-label" x="{x + bar / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">'
                f"{escape(_('in progress'))}</text>"
            )
    shown = sorted({0, len(weeks) - 1, len(weeks) // 2}) if weeks else []
    for index in shown:
        week = weeks[index]
        x = LEFT + slot * index + slot / 2
        parts.append(
            f'<text class="tick" x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">'
            f"{week.week_start.day} {week.week_start:%b}</text>"
        )
    return "".join([*parts, "</svg>"])


def dose_steps_chart(chart_id: str, name: str, points: Sequence[DoseStep], steps: int, _: Translate) -> str:
    """One exercise's step on its dose ladder over time, as a staircase."""
    height = 120
    desc = _("The dose step over time: up when it progressed, down when it eased.")
    parts = _open(chart_id, name, desc, height)
    inner_top, inner_bottom = 12, height - 30
    top = max(steps, 1)

    def y(step: int) -> float:
        return inner_bottom - (inner_bottom - inner_top) * (step - 1) / max(top - 1, 1)

    for step in sorted({1, top}):
        parts.append(f'<text class="tick" x="{LEFT - 6}" y="{y(step) + 4:.1f}" text-anchor="end">{step}</text>')
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(step):.1f}" y2="{y(step):.1f}"/>')
    if points:
        first, last = points[0].on, max(points[-1].on, points[0].on)
        span = max((last - first).days, 1)

        def x(day: date) -> float:
            return LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / span

        path = [f"M{x(points[0].on):.1f},{y(points[0].step):.1f}"]
        for point in points[1:]:
            path.append(f"H{x(point.on):.1f}V{y(point.step):.1f}")
        path.append(f"H{WIDTH - RIGHT}")
        parts.append(f'<path class="series dose" d="{"".join(path)}"/>')
        parts.append(
            f'<text class="tick" x="{LEFT}" y="{height - 8}" text-anchor="start">{first.day} {first:%b}</text>'
        )
        parts.append(
            f'<text class="tick" x="{WIDTH - RIGHT}" y="{height - 8}" text-anchor="end">{last.day} {last:%b}</text>'
        )
    return "".join([*parts, "</svg>"])


def psfs_chart(ratings: Sequence[tuple[date, float]], important_at: float | None, _: Translate) -> str:
    """The PSFS mean (0 unable … 10 as before) at each rating, and the line a real change reaches (OUTCOME-1)."""
    desc = _("Your score for the activities you named, from 0 (unable) to 10 (as before), at each rating.")
    parts = _open("psfs-chart", _("What you can do (PSFS)"), desc)
    parts += _axis(10, (0, 2, 4, 6, 8, 10))
    if important_at is not None:
        parts += _reference(important_at, 10, _("clinically important change"))
    parts += _series([mean for _day, mean in ratings], "psfs", 10)
    parts += _dates([day for day, _mean in ratings], HEIGHT - BOTTOM)
    return "".join([*parts, "</svg>"])

