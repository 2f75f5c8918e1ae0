"""`rehabit illustrate EXERCISE`: draw an exercise, say what the drawing shows, correct it, or draw a gallery."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import click

from rehabit.cli._app import short_help
from rehabit.errors import RehabitError
from rehabit.illustrate import (
    animation_seconds,
    corrected,
    corrected_program,
    exercise_named,
    read_exercise,
    render_animated_svg,
    render_static_svg,
)
from rehabit.illustrate.gallery import gallery_files
from rehabit.illustrate.movement import Movement
from rehabit.illustrate.posture import Posture
from rehabit.model import Exercise, Program
from rehabit.programs import builtin_programs, dump_program, get_program

POSTURES = [posture.value for posture in Posture]
MOVEMENTS = [movement.value for movement in Movement] + ["none"]


@click.command("illustrate", short_help=short_help("illustrate"))
@click.argument("exercise_name", metavar="EXERCISE", required=False)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the SVG or JSON here.")
@click.option("--animated", is_flag=True, help="Draw the figure moving at the dose's tempo, pausing for the hold.")
@click.option("--program", "program_name", metavar="FILE", help="A program file or built-in id (default: built-in).")
@click.option(
    "--format", "output_format", type=click.Choice(["svg", "json"]), default="svg", show_default=True,
    help="svg: the drawing; json: the posture and movement it shows, and the sentences that decided them.",
)  # fmt: skip
@click.option("--posture", type=click.Choice(POSTURES), help="Correct the starting posture rehabit read.")
@click.option("--movement", type=click.Choice(MOVEMENTS), help="Correct the movement (none: the posture alone).")
@click.option("--save", is_flag=True, help="Store --posture/--movement in the program file's illustration.")
@click.option("--gallery", type=click.Path(file_okay=False, path_type=Path), help="Draw every exercise into DIR.")
@click.option("--library", "library", is_flag=True, help="With --gallery: the stored exercise library's exercises.")
def app(
    exercise_name: str | None,
    output: Path | None,
    animated: bool,
    program_name: str | None,
    output_format: str,
    posture: str | None,
    movement: str | None,
    save: bool,
    gallery: Path | None,
    library: bool,
) -> None:
    """Draw an exercise as SVG, or say in JSON what the drawing shows and why; correct it; draw a gallery.

    EXERCISE is an exercise id, name or alias. Without -o the SVG or JSON is printed to standard output.
    --posture and --movement correct what rehabit read from the steps; with --save the correction is
    stored in the program file's `illustration` field. --gallery DIR draws every exercise of the program
    (or, with --library, of the stored exercise library) into DIR with an index.html for review.
    """
    if gallery is not None:
        _gallery(gallery, program_name, library)
        return
    if library:
        raise RehabitError("--library is for --gallery (draw the stored exercise library)")
    if exercise_name is None:
        raise RehabitError("give an EXERCISE (an id, name or alias), or --gallery DIR")
    program = get_program(program_name)
    exercise = exercise_named(program, exercise_name)
    if posture is not None or movement is not None:
        exercise = corrected(exercise, posture, movement)
        if save:
            _save_correction(program, program_name, exercise.id, posture, movement)
    elif save:
        raise RehabitError("--save stores a correction: give --posture, --movement or both")
    if output_format == "json":
        _emit(
            json.dumps(read_exercise(exercise).as_json(), ensure_ascii=False, indent=2) + "\n", output, exercise, "json"
        )
        return
    svg = render_animated_svg(exercise) if animated else render_static_svg(exercise)
    _emit(svg, output, exercise, f"animated, {animation_seconds(exercise):g} s a cycle" if animated else "still")


def _emit(text: str, output: Path | None, exercise: Exercise, kind: str) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    _write(output, text)
    click.echo(f"Wrote {output}: {exercise.name} ({kind})")


def _save_correction(
    program: Program, program_name: str | None, exercise_id: str, posture: str | None, movement: str | None
) -> None:
    if program_name is None or program_name in builtin_programs():
        raise RehabitError(
            f"the built-in program {program.id} cannot be changed; give --program FILE (a copy of it you own)"
        )
    updated = corrected_program(program, exercise_id, posture, movement)
    _write(Path(program_name), dump_program(updated))
    click.echo(f"Saved the correction for {exercise_id} in {program_name}", err=True)


def _gallery(folder: Path, program_name: str | None, library: bool) -> None:
    if library and program_name is not None:
        raise RehabitError("give --program FILE or --library, not both")
    if library:
        title, exercises = "Exercise library", _library_exercises()
    else:
        program = get_program(program_name)
        title, exercises = program.title, list(program.exercises)
    if not exercises:
        raise RehabitError("there are no exercises to draw")
    files = gallery_files(title, exercises)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise RehabitError(f"cannot make {folder} ({error.strerror})") from None
    for name, text in files.items():
        _write(folder / name, text)
    click.echo(f"Wrote {folder / 'index.html'}: {len(exercises)} exercises, {len(files)} files")


def _library_exercises() -> list[Exercise]:
    """Every exercise of the stored library, as program exercises (a nominal dose of 10 reps)."""
    from rehabit.model import Dose, IntRange
    from rehabit.programs.library import program_exercise
    from rehabit.services import library as library_service
    from rehabit.services import open_store

    with open_store() as store:
        found = library_service.search(store, None, limit=100_000)
    dose = Dose(reps=IntRange.of(10))
    exercises = []
    seen: set[str] = set()
    for item in found:
        exercise = program_exercise(item.exercise, dose, source_id=f"library-{item.library}"[:40])
        if exercise.id not in seen:
            seen.add(exercise.id)
            exercises.append(exercise)
    return exercises


def _write(path: Path, text: str) -> None:
    """Write a file whole or not at all (a program file is never left half-written)."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError as error:
        raise RehabitError(f"cannot write {path} ({error.strerror})") from None
