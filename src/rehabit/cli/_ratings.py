"""PSFS ratings typed on the command line: ACTIVITY=SCORE options, or asked one by one."""

from __future__ import annotations

import click

from rehabit.errors import RehabitError

__all__ = ["ask_ratings", "parse_rating"]


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
