"""`rehabit illustrate EXERCISE`: draw an exercise as SVG."""

from __future__ import annotations

from pathlib import Path

import click

from rehabit.cli._app import short_help
from rehabit.errors import RehabitError
from rehabit.illustrate import animation_seconds, render_animated_svg, render_static_svg
from rehabit.illustrate.illustration import exercise_named
from rehabit.programs import get_program


@click.command("illustrate", short_help=short_help("illustrate"))
@click.argument("exercise_name", metavar="EXERCISE")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the SVG to this file.")
@click.option("--animated", is_flag=True, help="Draw the figure moving at the dose's tempo, pausing for the hold.")
@click.option("--program", "program_name", metavar="FILE", help="A program file or built-in id (default: built-in).")
def app(exercise_name: str, output: Path | None, animated: bool, program_name: str | None) -> None:
    """Draw an exercise as SVG: start and end pose side by side, or animated with --animated.

    EXERCISE is an exercise id, name or alias. Without -o the SVG is printed to standard output.
    """
    exercise = exercise_named(get_program(program_name), exercise_name)
    svg = render_animated_svg(exercise) if animated else render_static_svg(exercise)
    if output is None:
        click.echo(svg, nl=False)
        return
    try:
        output.write_text(svg, encoding="utf-8")
    except OSError as error:
        raise RehabitError(f"cannot write {output} ({error.strerror})") from None
    kind = f"animated, {animation_seconds(exercise):g} s a cycle" if animated else "start → end"
    click.echo(f"Wrote {output}: {exercise.name} ({kind})")
