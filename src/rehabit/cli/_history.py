"""`rehabit history`, `rehabit progress`, `rehabit psfs` and `rehabit thresholds show|set|reset`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from rehabit.cli._app import short_help
from rehabit.cli._ratings import ask_ratings, parse_rating
from rehabit.domain.rules import Thresholds
from rehabit.errors import RehabitError
from rehabit.services import history as history_service
from rehabit.services import open_store, setup
from rehabit.services import progress as progress_service
from rehabit.services import psfs as psfs_service
from rehabit.services import thresholds as thresholds_service
from rehabit.services.history import DecisionItem, HistorySession
from rehabit.services.progress import ProgressDocument

FORMAT = click.option(
    "output_format", "--format", "-f", type=click.Choice(["text", "json"]), default="text", show_default=True
)


@click.command("history", short_help=short_help("history"))
@FORMAT
@click.option("--explain", is_flag=True, help="Say for each decision the rule's reason in plain words and its source.")
def history(output_format: str, explain: bool) -> None:
    """Show your logged sessions: date, completion, pain before/after/next morning and the decisions taken.

    --format json gives the same document as the web app's /api/history (newest session first).
    """
    with open_store() as store:
        person = setup.current_person(store)
        document = history_service.history(store, person.id, date.today())
    if output_format == "json":
        click.echo(json.dumps(document.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    if not document.sessions:
        click.echo("No sessions logged yet: `rehabit session` guides you through one.")
        return
    for session in reversed(document.sessions):  # oldest first, like a diary
        click.echo(_session_line(session))
        explained: set[str] = set()
        for decision in session.decisions:
            click.echo("  " + _decision_line(decision))
            if not explain:
                continue
            if decision.rule_id in explained:  # the same reason was just given in full for this session
                click.echo(f"      why: as above ({decision.rule_id})")
                continue
            explained.add(decision.rule_id)
            click.echo(f"      why ({decision.rule_id}): {decision.reason}")
            click.echo(f"      source: {decision.source}")


def _session_line(session: HistorySession) -> str:
    pains = ", ".join(
        f"{_score(value)} {label}"
        for value, label in (
            (session.pain_before, "before"),
            (session.pain_after, "after"),
            (session.pain_next_morning, "next morning"),
        )
    )
    done = f"{session.exercises_done}/{session.exercises_planned} exercises"
    return f"{session.on_date.isoformat()}  {session.status} · {done} · pain {pains}"


def _score(value: int | None) -> str:
    return "not rated" if value is None else f"{value}/10"


def _decision_line(decision: DecisionItem) -> str:
    dose = ""
    if decision.dose_before is not None and decision.dose_after is not None:
        before, after = decision.dose_before, decision.dose_after
        dose = f"{before} → {after}: " if before != after else f"{after}: "
    kind = decision.kind.replace("_", "-")
    return f"{decision.about:<26} {kind:<14} {decision.rule_id:<8} {dose}{decision.facts}"


@click.command("progress", short_help=short_help("progress"))
@click.option(
    "--plot",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE.png|FILE.svg",
    help="Also draw pain, sessions a week, doses and PSFS over time to this file.",
)
@FORMAT
def progress(plot: Path | None, output_format: str) -> None:
    """Show how you are doing: pain against your start (OUTCOME-1), sessions a week, stage, doses and PSFS.

    --format json gives the same document as the web app's /api/progress.
    """
    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        raise RehabitError(f"{plot}: the chart file must end in .png or .svg")
    today = date.today()
    with open_store() as store:
        person = setup.current_person(store)
        report = progress_service.progress_report(store, person.id, today)
    if plot is not None:
        from rehabit.export.charts import ProgressCharts, draw_progress  # matplotlib: only when drawing

        names = {exercise.id: exercise.name for exercise in report.update.program.exercises}
        charts = ProgressCharts(
            report.pain, report.weeks, report.target, report.doses, names, report.psfs, report.stages, report.lane_ends
        )
        draw_progress(charts, plot)
    document = progress_service.progress_document(report, today)
    if output_format == "json":
        click.echo(json.dumps(document.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        _print_progress(document, len(report.update.program.stages), report.pain.summary(), report.psfs.summary())
    if plot is not None:
        click.echo(f"Chart written to {plot}", err=output_format == "json")


def _print_progress(document: ProgressDocument, stages: int, pain: str, activities: str) -> None:
    if document.stage is not None:
        click.echo(f"Stage: {document.stage} ({document.stage_index + 1} of {stages})")
    click.echo(f"Pain: {pain}")
    weekly = document.sessions_per_week
    low, high = weekly.target
    if weekly.weeks:
        recent = ", ".join(
            f"{w.week_start.strftime('%d %b')}: {w.sessions}{' (so far)' if w.in_progress else ''}"
            for w in weekly.weeks[-6:]
        )
        counted = sum(1 for w in weekly.weeks if not w.in_progress or w.sessions >= low)
        click.echo(
            f"Sessions a week (target {low}–{high}, FREQ-1): {weekly.weeks_on_target} of {counted} weeks "
            f"on target; by week: {recent}"
        )
    else:
        click.echo(f"Sessions a week (target {low}–{high}, FREQ-1): no sessions logged yet")
    click.echo("Current doses:")
    for dose in document.doses:
        state = "  paused: see a health professional before doing it again (PAIN-4)" if dose.paused else ""
        click.echo(f"  {dose.variation:<26} {dose.dose:<30} step {dose.step} of {dose.steps}{state}")
    due = document.psfs.next_due
    due_text = "" if due is None else f"; next rating due {due.isoformat()}"
    if due is not None and due <= date.today():
        due_text = "; a new rating is due: rehabit psfs"
    click.echo(f"Activities: {activities}{due_text}")


@click.command("psfs", short_help=short_help("psfs"))
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
    with open_store() as store:
        person = setup.current_person(store)
        if not show:
            pairs = [parse_rating(text) for text in ratings] or ask_ratings(
                psfs_service.psfs_activities(store, person.id)
            )
            psfs_service.rate_psfs(store, person.id, pairs)
        summary = psfs_service.summary(store, person.id)
    for entry in summary.entries:
        scores = ", ".join(f"{name} {score}" for name, score in entry.scores.items())
        click.echo(f"{entry.on.isoformat()}  mean {entry.mean:.1f}  ({scores})")
    click.echo(summary.summary())
    if summary.next_due is not None:
        click.echo(f"Next rating due {summary.next_due.isoformat()}.")


@click.group("thresholds", short_help=short_help("thresholds"))
def thresholds() -> None:
    """Show or change the numbers the progression rules use for you (defaults from CLINICAL.md)."""


@thresholds.command("show")
def thresholds_show() -> None:
    """List every threshold: its value for you, the default and what it does."""
    with open_store() as store:
        current = thresholds_service.thresholds(store, setup.current_person(store).id)
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
    with open_store() as store:
        person = setup.current_person(store)
        result = thresholds_service.set_thresholds(store, person.id, parsed, date.today())
    for name in parsed:
        click.echo(f"{name} = {getattr(result, name):g}")


@thresholds.command("reset")
@click.argument("names", nargs=-1, metavar="[NAME...]")
def thresholds_reset(names: tuple[str, ...]) -> None:
    """Put thresholds back to CLINICAL.md's defaults (all of them when none is named)."""
    with open_store() as store:
        person = setup.current_person(store)
        thresholds_service.reset_thresholds(store, person.id, names, date.today())
    click.echo("Back to the defaults: " + (", ".join(names) if names else "all thresholds"))
