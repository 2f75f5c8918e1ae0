"""Exercise names from headings and lead-ins: cleaned, or refused when a heading is not one exercise."""

from __future__ import annotations

import pytest

from rehabit.reader.names import exercise_name, find_in_text, normalize


@pytest.mark.parametrize(
    ("heading", "name"),
    [
        ("1. Glute Bridge", "glute bridge"),
        ("bird-dog exercise", "bird-dog"),
        ("Exercise 1: Prone Press-Up (McKenzie Extension)   [ ]", "prone press-up"),
        ("Exercise #2 – Single-leg deadlift: balance and glute strength", "single-leg deadlift"),
        ("Low back pain exercise: cat-camel", "cat-camel"),
        ("Wall slides for desk posture", "wall slides"),
        ("Dead bug – the anti-extension classic", "dead bug"),
        ("Side plank from knees (easier version)", "side plank from knees"),
        ("0:45 Cat cow - 10 slow reps", "cat cow"),
        ("How to do a bird dog", "bird dog"),
        ("CAT-CAMEL", "cat-camel"),
        ("Hamstring Stretch With a Towel", "hamstring stretch with a towel"),
        ("Bottom to heels stretch", "bottom to heels stretch"),
        ("Windshield wipers", "windshield wipers"),
        ("How often should you do these?", None),
        ("7 Glute Exercises That Take the Strain Off Your Lower Back", None),
        ("6 Gentle Stretches for a Stiff Lower Back", None),
        ("The routine", None),
        ("Lumbar support belt", None),
        ("Before you start", None),
        ("Set up", None),
        ("Why it helps", None),
    ],
)
def test_heading_names(heading: str, name: str | None) -> None:
    found = exercise_name(heading)
    assert (found.name if found else None) == name


def test_aliases_keep_the_other_names_a_heading_gives() -> None:
    found = exercise_name("Romanian Deadlift (RDL)")
    assert found is not None and found.name == "romanian deadlift" and "rdl" in found.aliases


@pytest.mark.parametrize(("text", "normal"), [("Step-Ups", "step up"), ("Child's Pose", "child's pose"),
                                              ("Glute Bridges", "glute bridge"), ("Lunges", "lunge")])  # fmt: skip
def test_normalize(text: str, normal: str) -> None:
    assert normalize(text) == normal


def test_names_mentioned_in_running_text() -> None:
    text = "My physio started me on the supine piriformis stretch, then clams."
    assert [text[a:b] for a, b in find_in_text(text)] == ["supine piriformis stretch", "clams"]
