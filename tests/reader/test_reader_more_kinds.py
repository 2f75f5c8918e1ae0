"""Kinds of writing the reader missed on the newer tuning pages (h48-h55 in tests/reader/heldout).

Each text is short and in our own words; each test names the kind of writing it guards.
"""

from __future__ import annotations

from rehabit.reader import read_bytes
from rehabit.reader.pipeline import ExerciseReading, ReaderResult


def _read(text: str) -> ReaderResult:
    return read_bytes(text.encode("utf-8"), "txt", "inline")


def _by_name(result: ReaderResult) -> dict[str, ExerciseReading]:
    return {exercise.name: exercise for exercise in result.exercises}


def test_a_hand_exercise_named_by_its_grip_or_fist_shape_under_a_line_of_dose_is_read() -> None:
    text = (
        "Finger exercises while the splint is on\n\n"
        "Claw Fist\n\n"
        "Do 8-12 repetitions, 2 sets, 3 times a day\n\n"
        "Pinch Grip\n\n"
        "Do 8-12 repetitions, 2 sets, 3 times a day\n\n"
        "Thumb Bends\n\n"
        "Do 8-12 repetitions, 2 sets, 3 times a day\n"
    )
    found = _by_name(_read(text))
    assert list(found) == ["claw fist", "pinch grip", "thumb bends"]
    assert found["pinch grip"].reps == (8, 12)
    assert found["claw fist"].sets == (2, 2)


def test_a_heading_whose_text_says_how_the_exercise_is_done_in_the_third_person_is_an_exercise() -> None:
    text = (
        "Calf care for sore heels\n"
        "Tight calves can add to heel pain, and a few simple moves can help.\n"
        "Door Lean\n"
        "The door lean is done by putting both hands on a door frame and leaning the chest through it.\n"
        "Stair Dip\n"
        "The stair dip is performed by standing with the front of one foot on a stair. "
        "The heel then sinks slowly below the stair and is raised again.\n"
    )
    found = _by_name(_read(text))
    assert list(found) == ["door lean", "stair dip"]
    assert len(found["door lean"].steps) == 1
    assert 1 <= len(found["stair dip"].steps) <= 2


def test_a_paragraph_that_says_to_do_this_named_stretch_and_goes_on_instructing_is_that_exercise() -> None:
    text = (
        "A note for office workers\n\n"
        "Sitting hunched at a desk all day tightens the front of the shoulders. To do this doorway chest "
        "stretch, stand in a doorway with your forearms on the frame and step one foot through.\n"
    )
    found = _by_name(_read(text))
    assert list(found) == ["doorway chest stretch"]
    assert found["doorway chest stretch"].steps == [
        "stand in a doorway with your forearms on the frame and step one foot through."
    ]
