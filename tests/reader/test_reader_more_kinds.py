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


def test_instruction_lines_named_only_afterwards_by_repeat_this_name_are_that_exercise() -> None:
    text = (
        "How to look after a sore heel\n"
        "Warm up first with a few minutes of easy walking.\n"
        "Stand facing a counter and rest both hands on it. Step one foot back and press its heel down.\n"
        "Hold for 20 seconds, then change legs.\n"
        "Repeat this calf stretch twice on each leg.\n"
        "Still facing the counter, rise onto the balls of both feet and lower them slowly. Repeat this 10 times.\n"
        "Do this calf raise exercise for two sets.\n"
    )
    found = _by_name(_read(text))
    assert list(found) == ["calf stretch", "calf raise"]
    assert found["calf stretch"].hold_s == (20, 20)
    assert found["calf raise"].reps == (10, 10)
    assert found["calf raise"].sets == (2, 2)
    assert len(found["calf stretch"].steps) >= 3


def test_repeating_the_whole_exercise_one_more_time_is_a_second_set_or_a_second_hold() -> None:
    text = (
        "Side Leg Lift\n"
        "Lie on your side and lift the top leg a hand's width, then lower it. Do this 8 times.\n"
        "Repeat this side leg lift one more time.\n"
        "Seated Hamstring Stretch\n"
        "Sit on the edge of a chair with one leg straight. Lean forward until the back of the thigh pulls.\n"
        "Hold for 25 seconds. Repeat the stretch once more.\n"
    )
    found = _by_name(_read(text))
    assert list(found) == ["side leg lift", "seated hamstring stretch"]
    assert (found["side leg lift"].reps, found["side leg lift"].sets) == ((8, 8), (2, 2))
    stretch = found["seated hamstring stretch"]
    assert (stretch.reps, stretch.hold_s, stretch.sets) == ((2, 2), (25, 25), None)


def test_a_table_the_arm_rests_on_and_a_cloth_to_wring_are_equipment_but_a_table_of_doses_is_not() -> None:
    text = (
        "Wrist work after the cast comes off\n\n"
        "The doses are in the table below.\n\n"
        "Forearm Slide\n\n"
        "Rest your forearm on a table, palm down, and slide the hand slowly from side to side. Repeat 10 times.\n\n"
        "Wrist Wring\n\n"
        "Hold a rolled-up cloth in both hands and twist it as if wringing it out. Repeat 10 times.\n\n"
        "Palm Turns\n\n"
        "Bend your elbow by your side and turn the palm up, then down. Repeat 10 times.\n"
    )
    found = _by_name(_read(text))
    assert list(found) == ["forearm slide", "wrist wring", "palm turns"]
    assert found["forearm slide"].equipment == ["table"]
    assert found["wrist wring"].equipment == ["cloth"]
    assert found["palm turns"].equipment == []


def test_a_numbered_how_to_that_names_its_exercise_only_in_a_later_step_is_one_exercise_of_all_the_steps() -> None:
    text = (
        "Desk break\n\n"
        "A Simple Move for Your Shoulders\n\n"
        "  1. Sit tall on a chair with your feet flat on the floor.\n"
        "  2. Bring your elbows back and squeeze your shoulder blades together. Hold for 5 seconds.\n"
        "  3. Repeat the shoulder blade squeeze, this time drawing your shoulders down as well.\n"
        "  4. Finish by rolling your shoulders slowly.\n"
    )
    found = _by_name(_read(text))
    assert list(found) == ["shoulder blade squeeze"]
    squeeze = found["shoulder blade squeeze"]
    assert len(squeeze.steps) == 4
    assert squeeze.steps[0].startswith("Sit tall on a chair")
    assert squeeze.equipment == ["chair"]
    assert squeeze.hold_s == (5, 5)


def test_a_numbered_list_of_advice_that_mentions_an_activity_in_passing_is_no_exercise() -> None:
    text = (
        "Before you start\n\n"
        "  1. Move your legs slowly and stop if anything hurts.\n"
        "  2. Warm up with five minutes of walking first.\n"
        "  3. Keep your back straight and breathe normally.\n"
    )
    assert _read(text).exercises == []
