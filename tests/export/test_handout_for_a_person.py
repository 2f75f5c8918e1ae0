"""A person's handout: their stage, their equipment, their current doses; never the reader's notes."""

from __future__ import annotations

from rehabit.export.handout import handout_html
from rehabit.model import Dose, Exercise, Group, IntRange, Program
from rehabit.programs import get_program

PROGRAM = get_program()


def test_the_compound_stage_without_weights_leaves_the_deadlift_out_and_prints_current_doses() -> None:
    current = {"plank": Dose(reps=IntRange.of(6), hold_s=IntRange.of(20))}
    html = handout_html(PROGRAM, stage="compound", equipment=[], doses=current)
    assert "Romanian deadlift" not in html
    assert "Banded hip hinge" not in html  # needs a band the person does not have
    assert "Plank" in html
    assert "hold 20 s · 6 times" in html
    everything = handout_html(PROGRAM, stage="compound")
    assert "Romanian deadlift" in everything


def test_reader_notes_are_not_printed() -> None:
    exercise = Exercise(
        id="wall-sit",
        name="Wall sit",
        group=Group.FOUNDATIONAL,
        steps=["Lean on a wall and bend your knees."],
        dose=Dose(reps=IntRange.of(1), hold_s=IntRange.of(30)),
        cautions=["Not in source: sets; rehabit assumed 1.", "Stop if your knees hurt."],
    )
    program = Program(id="read-program", title="Read", exercises=[exercise])
    html = handout_html(program)
    assert "Not in source" not in html and "rehabit assumed" not in html
    assert "Stop if your knees hurt." in html
