"""`rehabit history`, `rehabit progress`, `rehabit psfs` and `rehabit thresholds show|set|reset`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import click

from rehabit.charts import ProgressCharts, draw_progress
from rehabit.course import person_thresholds, reset_thresholds, set_thresholds
from rehabit.course_report import (
    HistoryEntry,
    ProgressReport,
    decision_name,
    history_document,
    progress_report,
    psfs_activities,
    psfs_entries,
    rate_psfs,
    session_history,
)
from rehabit.errors import RehabitError
from rehabit.model import Program
from rehabit.outcomes import psfs_summary
from rehabit.progression import Decision
from rehabit.rules import Thresholds, rule
from rehabit.store import Store, people

FORMAT = click.option(
    "output_format", "--format", "-f", type=click.Choice(["text", "json"]), default="text", show_default=True
)


@click.command("history")
@FORMAT
@click.option("--explain", is_flag=True, help="Say for each decision the rule's reason in plain words and its source.")
def history(output_format: str, explain: bool) -> None:
    """Show your logged sessions: date, completion, pain before/after/next morning and the decisions taken."""
    with Store.open() as store:
        person = people.current_person(store)
        update, entries = session_history(store, person.id)
    if output_format == "json":
        click.echo(json.dumps(history_document(update, entries, explain), indent=2, ensure_ascii=False))
        return
    if not entries:
        click.echo("No sessions logged yet: `rehabit session` guides you through one.")
        return
    thresholds = update.engine.thresholds
    for entry in entries:
        click.echo(_session_line(entry))
        explained: set[str] = set()
        for decision in entry.decisions:
            click.echo("  " + _decision_line(update.program, decision))
            if not explain:
                continue
            if decision.rule_id in explained:  # the same reason was just given in full for this session
                click.echo(f"      why: as above ({decision.rule_id})")
                continue
            explained.add(decision.rule_id)
            found = rule(decision.rule_id)
            click.echo(f"      why ({decision.rule_id}): {found.reason(thresholds)}")
            click.echo(f"      source: {found.source_text()}")


def _session_line(entry: HistoryEntry) -> str:
    log = entry.log
    pains = ", ".join(
        f"{_score(value)} {label}"
        for value, label in (
            (log.pain_before, "before"),
            (log.pain_after, "after"),
            (log.pain_next_morning, "next morning"),
        )
    )
    done = f"{entry.exercises_done}/{entry.exercises_planned} exercises"
    return f"{entry.on.isoformat()}  {log.status} · {done} · pain {pains}"


def _score(value: int | None) -> str:
    return "–" if value is None else f"{value}/10"


def _decision_line(program: Program, decision: Decision) -> str:
    name = decision_name(program, decision)
    dose = ""
    if decision.dose_before is not None and decision.dose_after is not None:
        before, after = decision.dose_before.describe(program), decision.dose_after.describe(program)
        dose = (
            f"{before} → {after}: " if before != after or decision.dose_before != decision.dose_after else f"{after}: "
        )
    kind = decision.kind.value.replace("_", "-")
    return f"{name:<26} {kind:<14} {decision.rule_id:<8} {dose}{decision.facts}"


@click.command("progress")
@click.option(
    "--plot",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE.png|FILE.svg",
    help="Also draw pain, sessions a week, doses and PSFS over time to this file.",
)
@FORMAT
def progress(plot: Path | None, output_format: str) -> None:
    """Show how you are doing: pain against your start (OUTCOME-1), sessions a week, stage, doses and PSFS."""
    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        raise RehabitError(f"{plot}: the chart file must end in .png or .svg")
    with Store.open() as store:
        person = people.current_person(store)
        report = progress_report(store, person.id, date.today())
    if plot is not None:
        names = {exercise.id: exercise.name for exercise in report.update.program.exercises}
        charts = ProgressCharts(
            report.pain, report.weeks, report.target, report.doses, names, report.psfs, report.stages, report.lane_ends
        )
        draw_progress(charts, plot)
    if output_format == "json":
        click.echo(json.dumps(_progress_document(report), indent=2, ensure_ascii=False))
    else:
        _print_progress(report)
    if plot is not None:
        click.echo(f"Chart written to {plot}", err=output_format == "json")


def _current_doses(report: ProgressReport) -> list[tuple[str, str, str, int, int, bool]]:
    engine, course = report.update.engine, report.update.course
    rows = []
    for slot in engine.stage_slots(course.stage_index):
        rung = engine.rung(course, slot)
        ladder = engine.ladder(slot)
        state = course.slots.get(slot)
        paused = course.referred_on is not None or (state is not None and state.paused)
        variation = engine.program.exercise(rung.exercise_id).name
        rows.append(
            (slot, variation, rung.describe(engine.program), ladder.index_of(rung) + 1, len(ladder.rungs), paused)
        )
    return rows


def _print_progress(report: ProgressReport) -> None:
    program = report.update.program
    if report.stage_name is not None:
        click.echo(f"Stage: {report.stage_name} ({report.update.course.stage_index + 1} of {len(program.stages)})")
    click.echo(f"Pain: {report.pain.summary()}")
    low, high = report.target
    if report.weeks:
        recent = ", ".join(f"{w.week_start.strftime('%d %b')}: {w.sessions}" for w in report.weeks[-6:])
        click.echo(
            f"Sessions a week (target {low}–{high}, FREQ-1): {report.weeks_on_target} of {report.weeks_counted} weeks "
            f"on target; by week: {recent}"
        )
    else:
        click.echo(f"Sessions a week (target {low}–{high}, FREQ-1): no sessions logged yet")
    click.echo("Current doses:")
    for _, variation, dose, step, steps, paused in _current_doses(report):
        state = "  paused: see a health professional before doing it again (PAIN-4)" if paused else ""
        click.echo(f"  {variation:<26} {dose:<30} step {step} of {steps}{state}")
    due = report.psfs.next_due
    due_text = "" if due is None else f"; next rating due {due.isoformat()}"
    if due is not None and due <= date.today():
        due_text = "; a new rating is due: rehabit psfs"
    click.echo(f"Activities: {report.psfs.summary()}{due_text}")


def _progress_document(report: ProgressReport) -> dict[str, Any]:
    pain = report.pain
    return {
        "stage": report.stage_name,
        "stage_index": report.update.course.stage_index,
        "pain": {
            "start": pain.start,
            "latest": pain.latest,
            "change": pain.change,
            "clinically_important": pain.important,
            "important_improvement_at": pain.better_line,
            "sessions": [
                {"date": p.on.isoformat(), "before": p.before, "after": p.after, "next_morning": p.next_morning}
                for p in pain.points
            ],
        },
        "sessions_per_week": {
            "target": list(report.target),
            "weeks_on_target": report.weeks_on_target,
            "weeks": [{"week_start": w.week_start.isoformat(), "sessions": w.sessions} for w in report.weeks],
        },
        "doses": [
            {"exercise": slot, "variation": variation, "dose": dose, "step": step, "steps": steps, "paused": paused}
            for slot, variation, dose, step, steps, paused in _current_doses(report)
        ],
        "dose_history": {
            slot: [
                {"date": p.on.isoformat(), "exercise": p.exercise_id, "amount": p.amount, "step": p.step}
                for p in points
            ]
            for slot, points in report.doses.items()
        },
        "psfs": {
            "ratings": [
                {"date": e.on.isoformat(), "scores": dict(e.scores), "mean": e.mean} for e in report.psfs.entries
            ],
            "change": report.psfs.change,
            "clinically_important": report.psfs.important,
            "next_due": None if report.psfs.next_due is None else report.psfs.next_due.isoformat(),
        },
    }


@click.command("psfs")
@click.option(
    "--rate",
    "ratings",
    multiple=True,
    metavar="ACTIVITY=SCORE",
    help="Rate an activity without questions, 0 (unable) to 10 (as before); up to five times.",
)
@click.option("--show", is_flag=True, help="Only show your ratings so far.")
def psfs(ratings: tuple[str, ...], show: bool) -> None:
    """Rate up to five activities you find hard, 0 (unable) to 10 (as before); every two weeks (PSFS)."""
    with Store.open() as store:
        person = people.current_person(store)
        if not show:
            pairs = [parse_rating(text) for text in ratings] or ask_ratings(psfs_activities(store, person.id))
            rate_psfs(store, person.id, pairs)
        entries = psfs_entries(store, person.id)
        summary = psfs_summary(entries, person_thresholds(person))
    for entry in entries:
        scores = ", ".join(f"{name} {score}" for name, score in entry.scores.items())
        click.echo(f"{entry.on.isoformat()}  mean {entry.mean:.1f}  ({scores})")
    click.echo(summary.summary())
    if summary.next_due is not None:
        click.echo(f"Next rating due {summary.next_due.isoformat()}.")


def parse_rating(text: str) -> tuple[str, int]:
    """ACTIVITY=SCORE as (activity, score); RehabitError for anything else."""
    name, sep, score = text.rpartition("=")
    if not sep or not name.strip() or not score.strip().isdigit() or int(score) > 10:
        raise RehabitError(f"{text!r}: write ACTIVITY=SCORE with a score from 0 to 10, e.g. 'sitting=4'")
    return name.strip(), int(score)


def ask_ratings(previous: list[str]) -> list[tuple[str, int]]:
    """Ask for PSFS ratings: the same activities again, or up to five new ones."""
    score = click.IntRange(0, 10)
    if previous:
        click.echo("Rate each activity again: 0 = unable to do it, 10 = as well as before the problem.")
        return [(name, int(click.prompt(f"  {name}", type=score))) for name in previous]
    click.echo("Name up to five activities your back makes hard (Enter on an empty line to finish),")
    click.echo("and rate each: 0 = unable to do it, 10 = as well as before the problem.")
    pairs: list[tuple[str, int]] = []
    while len(pairs) < 5:
        name = str(click.prompt(f"  activity {len(pairs) + 1}", default="", show_default=False)).strip()
        if not name:
            break
        pairs.append((name, int(click.prompt(f"  {name}: score", type=score))))
    return pairs


@click.group("thresholds")
def thresholds() -> None:
    """Show or change the numbers the progression rules use for you (defaults from CLINICAL.md)."""


@thresholds.command("show")
def thresholds_show() -> None:
    """List every threshold: its value for you, the default and what it does."""
    with Store.open() as store:
        current = person_thresholds(people.current_person(store))
    defaults = Thresholds()
    for name, field in Thresholds.model_fields.items():
        value, default = getattr(current, name), getattr(defaults, name)
        mark = "" if value == default else f"  (default {default:g})"
        click.echo(f"{name:<24} {value:<6g}{mark}  {field.description}")


@thresholds.command("set")
@click.argument("changes", nargs=-1, required=True, metavar="NAME=VALUE...")
def thresholds_set(changes: tuple[str, ...]) -> None:
    """Change thresholds, e.g. `rehabit thresholds set pain_safe_max=2`; the next decisions use them."""
    parsed: dict[str, str] = {}
    for text in changes:
        name, sep, value = text.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise RehabitError(f"{text!r}: write NAME=VALUE, e.g. pain_safe_max=2")
        parsed[name.strip()] = value.strip()
    with Store.open() as store:
        person = people.current_person(store)
        result = set_thresholds(store, person.id, parsed)
    for name in parsed:
        click.echo(f"{name} = {getattr(result, name):g}")


@thresholds.command("reset")
@click.argument("names", nargs=-1, metavar="[NAME...]")
def thresholds_reset(names: tuple[str, ...]) -> None:
    """Put thresholds back to CLINICAL.md's defaults (all of them when none is named)."""
    with Store.open() as store:
        person = people.current_person(store)
        reset_thresholds(store, person.id, names)
    click.echo("Back to the defaults: " + (", ".join(names) if names else "all thresholds"))


COMMANDS = [history, progress, psfs, thresholds]
