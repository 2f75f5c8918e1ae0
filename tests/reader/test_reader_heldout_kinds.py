"""Kinds of writing the reader misread on the tuning half of the held-out pages (tests/reader/heldout).

Each text is short and in our own words; each test names the kind of writing it guards.
"""

from __future__ import annotations

from rehabit.reader import read_bytes, to_program
from rehabit.reader.pipeline import ExerciseReading, ReaderResult


def _read(text: str, fmt: str = "txt") -> ReaderResult:
    return read_bytes(text.encode("utf-8"), fmt, "inline")


def _by_name(result: ReaderResult) -> dict[str, ExerciseReading]:
    return {exercise.name: exercise for exercise in result.exercises}


def test_a_plain_line_set_out_like_its_neighbours_names_an_exercise_without_an_exercise_word() -> None:
    text = (
        "Do every exercise 10 times.\n"
        "Toe Taps\n"
        "Sit tall on a chair. Tap your toes on the floor in front of you, then bring them back.\n"
        "Metronome\n"
        "Lie on your back with your knees bent. Let both knees fall slowly to one side. "
        "Bring them back to the middle.\n"
        "Heel Drops\n"
        "Stand on the edge of a step. Lower your heels slowly below the step, then rise again.\n"
    )
    found = _by_name(_read(text))
    assert list(found) == ["toe taps", "metronome", "heel drops"]
    assert found["metronome"].reps == (10, 10)
    assert len(found["metronome"].steps) == 3
    assert len(found["toe taps"].steps) == 2


def test_a_numbered_item_in_a_numbered_run_of_exercises_is_an_exercise_of_its_own() -> None:
    text = (
        "Knee routine\n\n"
        "1. Quad Set\n"
        "- Tighten the muscle on top of your thigh and hold it for 5 seconds\n"
        "- Repeat 10 times\n"
        "2. Heel Slide\n"
        "- Slide your heel toward your bottom, then straighten the leg again\n"
        "- Repeat 10 times\n"
        "3. Crab Shuffle with a Band\n"
        "- Loop a band around your ankles and step sideways along the kitchen counter\n"
    )
    found = _by_name(_read(text))
    assert list(found) == ["quad set", "heel slide", "crab shuffle with a band"]
    assert found["heel slide"].equipment == []
    assert len(found["heel slide"].steps) == 2
    assert found["crab shuffle with a band"].equipment == ["resistance band"]


def test_a_list_of_page_links_set_out_like_exercises_gives_no_exercise() -> None:
    text = (
        "Knee routine\n\n"
        "1. Quad Set\n"
        "- Tighten the muscle on top of your thigh and hold it for 5 seconds\n"
        "- Repeat 10 times\n\n"
        "More from our blog\n\n"
        "1. Running Shoes Guide\n"
        "2. Meet Our Team\n"
        "3. Knee Surgery Recovery Timeline\n"
    )
    assert [e.name for e in _read(text).exercises] == ["quad set"]


def test_equipment_set_up_once_before_a_routine_is_every_exercise_s_and_a_named_prop_is_not() -> None:
    text = (
        "Ankle band routine\n\n"
        "Do 2 sets of 12 of each exercise. Tie one end of a long band to a table leg at ankle height, "
        "then loop the free end around your foot.\n\n"
        "Toe Out\n"
        "Turn your side to the table. Sweep the foot away from the table, then let it come back slowly.\n\n"
        "Toe Across\n"
        "Turn the other side to the table. Sweep the foot across your body, then let it come back slowly.\n"
    )
    found = _by_name(_read(text))
    assert list(found) == ["toe out", "toe across"]
    assert [e.equipment for e in found.values()] == [["long band"], ["long band"]]
    assert "equipment" in found["toe across"].shared
    prop = text.replace("Tie one end", "The only prop you need is a towel. Tie one end")
    assert [e.equipment for e in _read(prop).exercises] == [["long band"], ["long band"]]


def test_a_numbered_line_that_lost_its_punctuation_names_a_known_exercise_and_then_instructs_it() -> None:
    text = (
        "5 easy stretches for a stiff back\n\n"
        "1 cat cow a gentle yoga move that loosens the whole spine from the neck to the low back\n\n"
        "2 knee to chest stretch lie on your back and pull one knee in toward your chest with both hands "
        "then lower it again\n\n"
        "3 child's pose a resting position many people find soothing after a long day at a desk\n"
    )
    found = _by_name(_read(text))
    assert list(found) == ["knee to chest stretch"]
    assert found["knee to chest stretch"].steps[0].startswith("lie on your back")


def test_an_instruction_that_names_its_exercise_only_in_quotes_is_that_exercise() -> None:
    text = (
        "Try these at home:\n\n"
        "  • Kneel on all fours, then reach one arm forward and the opposite leg back to make a "
        "'bird dog', hold for 5 seconds and come back, repeat eight times.\n"
        "  • Sit on a chair, squeeze your knees together for 5 seconds and let go, repeat ten times.\n"
        "  • Read our 'back pain' guide for more ideas.\n"
    )
    found = _by_name(_read(text))
    assert list(found) == ["bird dog"]
    assert (found["bird dog"].reps, found["bird dog"].hold_s) == ((8, 8), (5, 5))


def test_lead_ins_whose_text_describes_how_the_exercise_is_done_are_exercises() -> None:
    text = (
        "Five moves for a stiff shoulder\n\n"
        "Wall Slides: Done by standing with your forearms on a wall and sliding them up as far as is comfortable.\n\n"
        "Sleeper Stretch: Involves lying on the sore side and easing the forearm down towards the bed "
        "with the other hand.\n\n"
        "Doorway Stretch: Performed by standing in a doorway with the forearms on the frame and "
        "leaning the chest through.\n\n"
        "Band Rows: A useful exercise, since sitting tall and pulling a band towards you works the "
        "muscles between the shoulder blades.\n\n"
        "Shoulder Pain Facts: Helps many people by easing pain within a few weeks.\n"
    )
    found = _by_name(_read(text))
    assert list(found)[:3] == ["wall slides", "sleeper stretch", "doorway stretch"]
    assert "shoulder pain facts" not in found


def test_repeating_on_both_feet_is_per_side() -> None:
    text = (
        "Towel calf stretch\n\n"
        "Sit with your legs out straight. Loop a towel around the ball of one foot and pull it gently "
        "towards you. Hold for 20 seconds. Repeat the stretch three times on both feet.\n"
    )
    (exercise,) = _read(text).exercises
    assert exercise.per_side
    assert exercise.reps == (3, 3)


def test_a_page_address_names_its_exercise_with_the_words_that_say_which_one() -> None:
    text = (
        "source: https://clinic.example/rehab/tka-reverse-step-lunge.php\n\n"
        "Rehab \\ Knee\n"
        "How: Stand at the foot of the stairs and hold the rail. Step your operated leg back and bend both "
        "knees a little, then come back up.\n"
        "How often: 10 reps, twice a day.\n"
    )
    (exercise,) = _read(text).exercises
    assert exercise.name == "reverse step lunge"
    assert exercise.reps == (10, 10)


def test_a_can_in_an_exercise_s_name_is_the_thing_not_the_verb() -> None:
    text = (
        "Wrist and foot care\n\n"
        "Soup Can Curl\n\n"
        "Sit with your forearm on a table, palm up, holding a can of soup. Curl the wrist up slowly, then "
        "lower it. Do this 10 times with each arm.\n\n"
        "Cold Can Roll\n\n"
        "Sit and put a cold drink can under one foot. Roll it from the heel to the toes and back. Repeat "
        "the rolling for two to three minutes, and do the same on both feet in turn.\n"
    )
    found = _by_name(_read(text))
    assert list(found) == ["soup can curl", "cold can roll"]
    assert found["soup can curl"].reps == (10, 10) and found["soup can curl"].per_side
    assert found["cold can roll"].per_side and found["cold can roll"].hold_s is None


def test_a_title_that_names_the_condition_then_the_exercise_names_the_exercise() -> None:
    text = (
        "source: https://clinic.example/calf-strain-heel-lowers/\n\n"
        "Calf Strain – Heel Lowers\n\n"
        "This is a useful exercise in the first weeks after a calf strain.\n\n"
        "Stand on the bottom stair with your heels over the edge and hold the rail. Let both heels sink "
        "slowly below the stair, then rise back up. Do this 12 times, 2 sets.\n"
    )
    found = _by_name(_read(text))
    assert list(found) == ["heel lowers"]
    assert found["heel lowers"].reps == (12, 12)
    assert found["heel lowers"].sets == (2, 2)


def test_a_line_that_names_a_condition_alone_is_no_exercise() -> None:
    text = (
        "Calf Strain\n\n"
        "Stand on the bottom stair with your heels over the edge and hold the rail. Let both heels sink "
        "slowly below the stair, then rise back up.\n"
    )
    assert "calf strain" not in _by_name(_read(text))


def test_a_body_part_strengthening_title_over_numbered_steps_names_one_exercise() -> None:
    text = (
        "source: https://clinic.example/moves/hip-strengthening/\n\n"
        "Hip Strengthening\n\n"
        "  1. Lie on your side with your knees bent and a small cushion under your head.\n"
        "  2. Keep your feet together and lift the top knee.\n"
        "  3. Lower the knee slowly.\n"
        "  4. Repeat 10 times.\n"
    )
    found = _by_name(_read(text))
    assert list(found) == ["hip strengthening"]
    assert found["hip strengthening"].reps == (10, 10)
    assert len(found["hip strengthening"].steps) >= 3


def test_a_strengthening_heading_over_named_exercises_is_a_section_not_an_exercise() -> None:
    text = (
        "Hip Strengthening\n\n"
        "Clamshell\n"
        "Lie on your side with your knees bent. Keep your feet together and lift the top knee. Repeat 10 times.\n\n"
        "Side Leg Raise\n"
        "Lie on your side with your legs straight. Lift the top leg a little way, then lower it. Repeat 10 times.\n"
    )
    assert sorted(_by_name(_read(text))) == ["clamshell", "side leg raise"]


def test_daily_describing_something_other_than_the_practice_is_no_frequency() -> None:
    text = (
        "Long car trips and daily stress on the joints add up, and these habits stiffen the hips.\n\n"
        "Hip circles\n"
        "Stand tall and draw slow circles with one knee. Repeat 8 times.\n"
    )
    assert _read(text).frequency_per_week is None
    assert _read(text.replace("Repeat 8 times.", "Repeat 8 times, daily for two weeks.")).frequency_per_week == (7, 7)


def test_names_listed_together_sharing_their_last_word_are_exercises_of_their_own_with_the_shared_dose() -> None:
    text = (
        "Warm the neck up with a few slow turns of the head.\n\n"
        "After that, hold each of the next ones for 30 seconds. Upper trapezius, levator scapulae and scalene "
        "stretches all ease a tight neck.\n"
    )
    found = _by_name(_read(text))
    assert list(found) == ["upper trapezius stretch", "levator scapulae stretch", "scalene stretch"]
    assert {exercise.hold_s for exercise in found.values()} == {(30, 30)}


def test_a_heading_listing_two_stretches_gives_both_with_the_same_steps() -> None:
    text = (
        "Hamstring and calf stretches\n"
        "Sit on the floor with both legs straight. Reach for your toes until the backs of your legs pull. "
        "Hold 30 seconds, 3 times.\n"
    )
    found = _by_name(_read(text))
    assert list(found) == ["hamstring stretch", "calf stretch"]
    assert found["calf stretch"].hold_s == (30, 30)
    assert found["calf stretch"].steps == found["hamstring stretch"].steps
    assert len(found["calf stretch"].steps) == 3


def test_a_list_of_whole_names_is_not_a_list_sharing_a_word() -> None:
    text = "If you lift already, deadlifts and hip thrusts are fine to keep, 3 sets of 8.\n"
    assert "deadlifts thrust" not in _by_name(_read(text))


def test_a_paragraph_whose_breaks_a_crawler_lost_is_read_as_its_lines() -> None:
    text = (
        "Ankle care at home\n\n"
        "Work through both moves slowly.Heel RaisesStand behind a chair and hold its back.Rise up onto your "
        "toes, then lower your heels slowly.Repeat 12 times.Prone Dangle ExerciseTo get the knee fully straight, "
        "you can do the prone dangle exercise:Lie face down with your shins past the end of the bed.Let the we\n"
    )
    found = _by_name(_read(text))
    assert list(found) == ["heel raises", "prone dangle exercise"]
    assert found["heel raises"].reps == (12, 12)
    assert len(found["heel raises"].steps) == 3
    assert found["prone dangle exercise"].steps[0] == "Lie face down with your shins past the end of the bed."


def test_a_name_run_into_the_first_word_of_its_instructions_is_parted_from_them() -> None:
    text = (
        "Knee moves\n\n"
        "Seated Knee LiftsBe sure to sit tall on a firm chair. Lift one knee toward your chest, then lower it. "
        "Repeat 10 times.\n"
    )
    found = _by_name(_read(text))
    assert list(found) == ["seated knee lifts"]
    assert found["seated knee lifts"].reps == (10, 10)


def test_a_program_read_from_three_times_a_day_says_so_and_that_rehabit_plans_fewer() -> None:
    result = _read("Heel slide\nSlide your heel toward your bottom and back. Repeat 10 times, 3 times a day.\n")
    assert result.frequency_per_week == (21, 21)
    summary = to_program(result).summary
    assert "3 times a day, every day (21 sessions a week)" in summary
    assert "rehabit plans at most 14 sessions a week." in summary
    assert "twice" not in summary


def test_lying_on_the_sound_side_is_where_one_arm_starts_not_a_second_side() -> None:
    text = (
        "Shoulder moves\n\n"
        "Side-Lying Arm Lift: Lie on the unaffected side with a light weight in the top hand, elbow bent at "
        "your waist. Lift the weight toward the ceiling, then lower it. Repeat 12 times.\n\n"
        "Clam: Lie on your sore side with knees bent and open the top knee. Repeat 10 times, then repeat "
        "the exercise lying on the unaffected side.\n"
    )
    found = _by_name(_read(text))
    assert found["side-lying arm lift"].per_side is False
    assert found["clam"].per_side is True


def test_sentences_after_a_how_label_are_steps() -> None:
    text = (
        "Step-up\n"
        "How: Facing the bottom stair, put your sore foot on the first step. Transfer your weight onto it and "
        "straighten the knee. Step back down slowly.\n"
        "How often: Work up to 10 reps, twice a day.\n"
    )
    found = _by_name(_read(text))
    assert found["step-up"].steps == [
        "How: Facing the bottom stair, put your sore foot on the first step.",
        "Transfer your weight onto it and straighten the knee.",
        "Step back down slowly.",
    ]


def test_a_thing_the_movement_is_only_likened_to_and_the_body_s_own_weight_are_not_equipment() -> None:
    text = (
        "Leg moves\n\n"
        "Mini Squat: Stand with your feet apart and bend your knees a little, as if sitting back onto a chair. "
        "Repeat 10 times.\n\n"
        "Lunge Stretch: Step one foot forward so the front leg takes most of the weight. Hold for 20 seconds.\n\n"
        "Biceps Curl: Sit on a chair with a light weight in each hand. Bend your elbows to lift them. "
        "Repeat 12 times.\n"
    )
    found = _by_name(_read(text))
    assert found["mini squat"].equipment == []
    assert found["lunge stretch"].equipment == []
    assert found["biceps curl"].equipment == ["chair", "weights"]


def test_a_prop_offered_for_when_the_position_hurts_is_optional() -> None:
    text = (
        "Prone Prop: Lie on your stomach and prop yourself up on your elbows. If this position is painful, "
        "try it with a pillow under your belly. Hold 30 seconds.\n"
    )
    found = _by_name(_read(text))
    assert (found["prone prop"].equipment, found["prone prop"].optional_equipment) == ([], ["pillow"])


def test_a_compact_handout_line_names_its_exercise_before_the_comma_and_doses_it_after() -> None:
    text = "Knee routine\n\n1. Quad set, 10 reps, twice daily\n2. Heel slide, 15 reps\n3. Calf stretch, 3 x 30 s\n"
    result = _read(text)
    found = _by_name(result)
    assert list(found) == ["quad set", "heel slide", "calf stretch"]
    assert (found["quad set"].reps, found["heel slide"].reps) == ((10, 10), (15, 15))
    assert (found["calf stretch"].sets, found["calf stretch"].hold_s) == ((3, 3), (30, 30))
    assert result.frequency_per_week == (14, 14)


def test_steps_numbered_with_a_dot_and_a_bracket_are_steps() -> None:
    text = (
        "Calf Stretch (Wall)\n\n"
        "1.) Stand an arm's length from a wall with your hands on it.\n\n"
        "2.) Put your sore leg back and keep its heel on the floor.\n\n"
        "3.) Lean into the wall until the calf pulls.\n\n"
        "4.) Hold the stretch for 30 seconds, then swap legs.\n"
    )
    found = _by_name(_read(text))
    assert found["calf stretch"].steps[0] == "Stand an arm's length from a wall with your hands on it."
    assert len(found["calf stretch"].steps) == 4


def test_an_item_that_numbers_its_next_step_inline_gives_a_step_for_each_number() -> None:
    text = (
        "Kneeling Stretch\n\n"
        "(1) Kneel on one knee with the other foot flat in front. (2) Shift your hips forward until the front "
        "of the back thigh pulls. Hold 20 seconds, then switch legs.\n"
    )
    steps = _by_name(_read(text))["kneeling stretch"].steps
    assert steps == [
        "Kneel on one knee with the other foot flat in front.",
        "Shift your hips forward until the front of the back thigh pulls. Hold 20 seconds, then switch legs.",
    ]


def test_a_caption_naming_a_known_exercise_then_its_instructions_is_that_exercise() -> None:
    text = (
        "Back routine\n\n"
        "Knee rocks: Lie on your back with knees bent and rock them gently side to side. Do 10.\n\n"
        "Photo: prone on elbows. Lie on your front and rest on your forearms, elbows under your shoulders. "
        "Stay there for 1 minute.\n\n"
        "Photo: Jane Smith for Example Clinic\n"
    )
    found = _by_name(_read(text))
    assert list(found) == ["knee rocks", "prone on elbows"]
    assert found["prone on elbows"].hold_s == (60, 60)


def test_where_the_reader_will_be_and_a_throughout_lead_are_steps() -> None:
    text = (
        "Dead Bug\n"
        "For this one, you will be lying on your back with arms and knees raised. Lower one arm and the "
        "opposite leg, then bring them back. Throughout the movement, keep your lower back on the floor. "
        "Do 10.\n"
    )
    steps = _by_name(_read(text))["dead bug"].steps
    assert steps[0] == "For this one, you will be lying on your back with arms and knees raised."
    assert "Throughout the movement, keep your lower back on the floor." in steps
    assert len(steps) == 4
