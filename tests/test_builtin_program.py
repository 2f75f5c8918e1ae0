"""The built-in program matches the source article, exercise by exercise and number by number."""

from __future__ import annotations

import pytest

from rehabit.model import Group
from rehabit.programs import BUILTIN_ID, get_program

# Written from ../shared/seed/practice-reader-lower-back-glutes.txt, number by number:
# id, group, reps (min, max) or None, hold seconds (min, max) or None, per side, sides in turn, equipment
ARTICLE = [
    ("glute-bridge", Group.FOUNDATIONAL, (10, 15), (2, 2), False, False, []),  # "Hold ... for 2 seconds"
    ("seated-glute-stretch", Group.FOUNDATIONAL, (1, 1), (30, 30), True, False, []),
    # "Perform the glute bridge as described earlier" with a band "around your thighs, just above the knees"
    ("banded-glute-bridge", Group.PROGRESSION, (10, 15), (2, 2), False, False, ["loop band"]),
    ("single-leg-glute-bridge", Group.PROGRESSION, (10, 10), (2, 2), True, False, []),
    ("romanian-deadlift", Group.COMPOUND, (8, 10), None, False, False, ["weights"]),
    # "Place a resistance band under your feet, holding the ends in each hand": a long band
    ("banded-hip-hinge", Group.COMPOUND, (10, 12), None, False, False, ["long band"]),
    # "Hold the position for 15 seconds before switching sides. Perform 5 repetitions per side"
    ("bird-dog", Group.STABILIZATION, (5, 5), (15, 15), True, True, []),
    ("plank", Group.STABILIZATION, (5, 5), (10, 30), False, False, []),
    ("piriformis-stretch", Group.STRETCHING, (1, 1), (30, 30), True, False, []),
    ("knee-to-chest-stretch", Group.STRETCHING, (1, 1), (30, 30), True, False, []),
]
GLUTE_STRENGTH = {"glute-bridge", "banded-glute-bridge", "single-leg-glute-bridge", "romanian-deadlift"}


def test_builtin_program_has_the_article_exercises_in_order() -> None:
    program = get_program()
    assert program.id == BUILTIN_ID
    assert [e.id for e in program.exercises] == [row[0] for row in ARTICLE]


@pytest.mark.parametrize(("exercise_id", "group", "reps", "hold", "per_side", "in_turn", "equipment"), ARTICLE)
def test_dose_matches_article(
    exercise_id: str,
    group: Group,
    reps: tuple[int, int] | None,
    hold: tuple[int, int] | None,
    per_side: bool,
    in_turn: bool,
    equipment: list[str],
) -> None:
    exercise = get_program().exercise(exercise_id)
    assert exercise.group is group
    got_reps = (exercise.dose.reps.min, exercise.dose.reps.max) if exercise.dose.reps else None
    got_hold = (exercise.dose.hold_s.min, exercise.dose.hold_s.max) if exercise.dose.hold_s else None
    assert got_reps == reps
    assert got_hold == hold
    assert exercise.dose.per_side is per_side
    assert exercise.dose.alternate_sides is in_turn
    assert exercise.dose.sets.min == exercise.dose.sets.max == 1
    assert exercise.equipment == equipment
    assert exercise.steps, "every exercise has steps"
    assert exercise.purpose and exercise.targets
    assert exercise.sources == ["article"]


def test_frequency_stages_and_progression_chain() -> None:
    program = get_program()
    assert (program.frequency_per_week.min, program.frequency_per_week.max) == (2, 3)
    assert [stage.id for stage in program.stages] == ["foundational", "progression", "compound"]
    # the article drops nothing when it moves on: stabilization, stretching, the seated glute stretch and a
    # bridge are in every stage
    always = {"seated-glute-stretch", "bird-dog", "plank", "piriformis-stretch", "knee-to-chest-stretch"}
    bridges = {"glute-bridge", "banded-glute-bridge", "single-leg-glute-bridge"}
    for stage in program.stages:
        assert always <= set(stage.exercises)
        assert bridges & set(stage.exercises), stage.id
    assert [stage.exercises[: len(stage.exercises) - len(always)] for stage in program.stages] == [
        ["glute-bridge"],
        ["banded-glute-bridge", "single-leg-glute-bridge"],
        ["romanian-deadlift", "banded-hip-hinge", "single-leg-glute-bridge"],
    ]
    assert program.exercise("glute-bridge").progresses_to == "banded-glute-bridge"
    assert program.exercise("banded-glute-bridge").progresses_to == "single-leg-glute-bridge"
    assert program.exercise("single-leg-glute-bridge").regresses_to == "banded-glute-bridge"
    assert program.exercise("banded-glute-bridge").regresses_to == "glute-bridge"


def test_sources_faq_and_safety() -> None:
    program = get_program()
    references = [source for source in program.sources if source.id != "article"]
    assert len(references) == 7
    assert references[0].citation.startswith("Lee, H., et al. (2024)")
    assert references[-1].citation.startswith("Brown, T., et al. (2021)")
    assert len(program.faq) == 5
    assert any("2" in entry.answer or "Two" in entry.answer for entry in program.faq)
    assert any("stop" in note.lower() for note in program.safety_notes)


def test_steps_are_in_our_own_words() -> None:
    """No step repeats a sentence of the article verbatim (facts carry over, sentences do not)."""
    from pathlib import Path

    article = Path(__file__).parents[2] / "shared" / "seed" / "practice-reader-lower-back-glutes.txt"
    if not article.exists():
        article = Path("../shared/seed/practice-reader-lower-back-glutes.txt")
    text = article.read_text(encoding="utf-8").lower()
    for exercise in get_program().exercises:
        for step in exercise.steps:
            assert step.lower().rstrip(".") not in text, step


@pytest.mark.parametrize(
    ("exercise_id", "spoken"),
    [
        ("glute-bridge", "10–15 reps · hold 2 s"),
        ("seated-glute-stretch", "30 s each side"),
        ("single-leg-glute-bridge", "10 reps each side · hold 2 s"),
        ("romanian-deadlift", "8–10 reps"),
        ("bird-dog", "hold 15 s · 5 times each side, sides in turn"),
        ("banded-glute-bridge", "10–15 reps · hold 2 s"),
        ("plank", "hold 10–30 s · 5 times"),
    ],
)
def test_dose_is_said_the_way_people_say_it(exercise_id: str, spoken: str) -> None:
    assert get_program().exercise(exercise_id).dose.describe() == spoken


def test_cautions_are_whole_sentences() -> None:
    """Each caution is one sentence (a YAML flow list would split text at its commas)."""
    for exercise in get_program().exercises:
        assert len(exercise.cautions) == 1, exercise.id
        caution = exercise.cautions[0]
        assert caution[0].isupper() and caution.endswith("."), caution


@pytest.mark.parametrize("stage", [0, 1, 2])
def test_with_no_equipment_every_stage_still_strengthens_the_glutes(stage: int) -> None:
    from rehabit.domain.planner import choose_exercises

    chosen, _notes = choose_exercises(get_program(), stage, [])
    assert {exercise.id for exercise in chosen} & GLUTE_STRENGTH, stage


def test_bird_dog_takes_turns_side_by_side() -> None:
    from rehabit.domain.timeline import StepKind, build_timeline

    holds = [s.side for s in build_timeline([get_program().exercise("bird-dog")]).steps if s.kind is StepKind.HOLD]
    assert holds == ["left", "right"] * 5
