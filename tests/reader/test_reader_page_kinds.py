"""More kinds of real page the reader misread, found on pages it had never seen (issue 15, second pass).

Each text is short and in our own words; each test names the kind of writing it guards.
"""

from __future__ import annotations

from rehabit.reader import read_bytes
from rehabit.reader.pipeline import ExerciseReading, ReaderResult


def _read(text: str, fmt: str = "txt") -> ReaderResult:
    return read_bytes(text.encode("utf-8"), fmt, "inline")


def _by_name(result: ReaderResult) -> dict[str, ExerciseReading]:
    return {exercise.name: exercise for exercise in result.exercises}


def test_picture_captions_under_a_level_heading_are_neither_names_nor_steps() -> None:
    text = (
        "Level 1: Ankle circles\n\n"
        "A woman sitting on a bench doing ankle circles\n\n"
        "What you need: a rolled towel.\n\n"
        "- Sit with the sore leg straight out in front of you.\n"
        "- Turn your foot slowly clockwise, then the other way. Do 10 repetitions.\n\n"
        "Level 2: Ankle alphabet\n\n"
        "Picture of a man tracing letters with his foot\n\n"
        "- Sit the same way as before.\n"
        "- Now, with your toes, slowly spell out the alphabet in the air.\n"
    )
    found = _by_name(_read(text))
    assert list(found) == ["ankle circles", "ankle alphabet"]
    assert (found["ankle circles"].reps, len(found["ankle circles"].steps)) == ((10, 10), 2)
    assert len(found["ankle alphabet"].steps) == 2


def test_lead_ins_under_a_group_heading_are_exercises_of_their_own() -> None:
    text = (
        "Wrist exercises for desk workers\n\n"
        "• Wrist range of motion:\n"
        "    1. Flexion: Bend your hand down at the wrist, gently.\n"
        "    2. Extension: Bend your hand back at the wrist, gently.\n"
        "• Forearm stretch: Hold one hand palm up and ease the fingers down with the other hand. "
        "Hold for 20 seconds.\n"
        "• Grip squeeze: Squeeze a soft ball in your hand for 5 seconds, then let go.\n"
    )
    found = _by_name(_read(text))
    assert set(found) == {"flexion", "extension", "forearm stretch", "grip squeeze"}
    assert found["forearm stretch"].hold_s == (20, 20)


def test_a_heading_that_says_what_to_do_names_the_exercise() -> None:
    text = (
        "Method 1: stretches for the wrist\n\n"
        "Step 1. Do a prayer stretch\n\n"
        "- Put your palms together in front of your chest.\n"
        "- Lower your hands slowly until you feel the stretch, and hold for 20 seconds.\n\n"
        "Step 2. Stretch for the wrist flexors\n\n"
        "Hold one arm out, palm up. Use the other hand to ease the fingers back. Hold for 20 seconds, "
        "then do the other arm.\n"
    )
    found = _by_name(_read(text))
    assert set(found) == {"prayer stretch", "stretch for the wrist flexors"}
    assert found["stretch for the wrist flexors"].per_side


def test_a_page_titled_with_a_name_in_other_words_reads_as_that_exercise() -> None:
    text = (
        "source: https://example.org/blog/2020/tip-12\n"
        "title: Tip 12: Tuck in your chin\n\n"
        "A physio showed me this one years ago and it still helps my headaches.\n\n"
        "Stand with your back to a wall. Draw your head back until it touches the wall, keeping your eyes level. "
        "Hold for 5 seconds and relax. Repeat six times.\n"
    )
    result = _read(text)
    assert len(result.exercises) == 1
    tuck = result.exercises[0]
    assert "chin tuck" in tuck.aliases
    assert (tuck.hold_s, tuck.reps) == ((5, 5), (6, 6))


def test_an_exercise_named_inside_a_sentence_then_a_list_of_steps() -> None:
    text = (
        "Neck ache is common.\n\n"
        "If we could only teach you one thing, it would be this: one small exercise – CHIN TUCKS! You can do it "
        "sitting, standing or lying down.\n\n"
        "Here's how it goes:\n\n"
        "- Slide your head straight back, making a double chin.\n"
        "- Hold this position for 5 seconds.\n"
        "- Do 2 sets of 10.\n\n"
        "Some common mistakes we see:\n\n"
        "- Tipping the head up\n"
        "- Pushing the chin down to the chest\n"
        "- Slumping while you do it\n"
    )
    result = _read(text)
    assert [e.name for e in result.exercises] == ["chin tucks"]
    tucks = result.exercises[0]
    assert (tucks.hold_s, tucks.reps, tucks.sets, len(tucks.steps)) == ((5, 5), (10, 10), (2, 2), 3)


def test_a_sentence_that_names_the_exercise_after_an_aside_label() -> None:
    text = (
        "Why it helps:\n"
        "Stronger neck muscles hold the head up with less effort.\n\n"
        "How to:\n"
        "For a stiff neck, a very useful exercise is the chin tuck exercise. It works the small muscles at the "
        "front of the neck.\n\n"
        "Stand with your back against a door frame. Keeping your shoulders on the frame, draw your head back "
        "until it touches. Hold this for 10 seconds and then let go. Repeat this 8 times.\n"
    )
    result = _read(text)
    assert [e.name for e in result.exercises] == ["chin tuck"]
    assert (result.exercises[0].hold_s, result.exercises[0].reps) == ((10, 10), (8, 8))


def test_benefit_lines_and_shop_links_in_a_list_are_not_steps() -> None:
    text = (
        "1. Calf Stretch\n"
        "- Stretches the calf muscle at the back of the lower leg\n"
        "- Hold this stretch for 20 seconds and repeat 5 times\n"
        "- Do this twice a day\n"
        "- Best slant board in the link below\n\n"
        "2. Long Arc Quad\n"
        "- Strengthens the front of the thigh\n"
        "- Perform this exercise 15 times and repeat for 2 sets\n"
    )
    found = _by_name(_read(text))
    assert [len(found[name].steps) for name in ("calf stretch", "long arc quad")] == [2, 1]
    assert (found["long arc quad"].reps, found["long arc quad"].sets) == ((15, 15), (2, 2))


def test_one_numbered_item_beside_running_text_counts_its_sentences() -> None:
    text = (
        "Band external rotation\n\n"
        "  1. Sit tall on a chair. Tie a short band into a loop. Keep your elbows at your sides.\n\n"
        "  Keep your upper arms still. Pull both hands apart slowly. Return with control. Repeat 10 times.\n"
    )
    result = _read(text)
    assert len(result.exercises) == 1
    assert len(result.exercises[0].steps) >= 6


def test_dash_bullets_and_a_name_ending_in_up_stay_lines_of_their_own() -> None:
    text = (
        "Key points:\n\n"
        "– Exercise 1: Shoulder Squeezes – pull your shoulder blades together for 10 seconds, then let go. "
        "Repeat 10 times.\n"
        "– Exercise 2: Wall Angels – stand with your back to a wall and slide your arms up and down it. "
        "Repeat 8 times.\n\n"
        "3. Step-up\n"
        "Equipment needed: a sturdy step\n"
        "Action: Stand facing the step. Step up with your right foot, then bring the left foot up. Step down. "
        "Complete 10 on each leg.\n"
    )
    found = _by_name(_read(text))
    assert set(found) == {"shoulder squeezes", "wall angels", "step-up"}
    assert (found["shoulder squeezes"].hold_s, found["shoulder squeezes"].reps) == ((10, 10), (10, 10))
    assert (found["step-up"].reps, found["step-up"].per_side, found["step-up"].equipment) == ((10, 10), True, ["step"])


def test_a_time_to_keep_moving_is_not_a_hold_nor_a_reason_for_the_introduction_dose() -> None:
    text = (
        "Do 2 sets of 12 of each exercise unless it says otherwise.\n\n"
        "Toe taps: Stand facing a low step. Tap one foot on it, then the other, quickly for 30-60 seconds.\n\n"
        "Knee sway: Sit on a chair with your foot flat. Move the knee gently in and out. Continue this for "
        "2 to 3 minutes.\n\n"
        "Warm up first: walk or ride a bike for 5 to 10 minutes.\n\n"
        "Wall sit: Slide down a wall until your knees are bent. Stay in this position for 20 seconds.\n"
    )
    found = _by_name(_read(text))
    taps, sway, sit = found["toe taps"], found["knee sway"], found["wall sit"]
    assert (taps.hold_s, taps.reps, taps.sets, taps.moving_s) == (None, None, (2, 2), (30, 60))
    assert (sway.hold_s, sway.moving_s) == (None, (120, 180))
    assert (sit.hold_s, sit.reps, sit.sets) == ((20, 20), None, (2, 2))


def test_handout_holds_without_a_unit_and_reps_slash_sets() -> None:
    text = (
        "Bridge\n- Lie on your back, knees bent.\n- Lift your hips and hold for 5, then lower.\n"
        "- Repeat for 12 reps/3 sets\n\n"
        "Hamstring stretch\n- Lie on your back and lift one leg straight up.\n- Hold for 30\n"
    )
    found = _by_name(_read(text))
    assert (found["bridge"].hold_s, found["bridge"].reps, found["bridge"].sets) == ((5, 5), (12, 12), (3, 3))
    assert found["hamstring stretch"].hold_s == (30, 30)


def test_rocking_side_to_side_is_per_side_but_a_count_in_each_direction_is_not() -> None:
    text = (
        "Knee rolls: Lie on your back with your knees bent. Let both knees drop slowly to one side, bring them "
        "back and lower them to the other side. Repeat 10 times.\n\n"
        "Hip sway: On all fours, sway your hips gently from side to side. Repeat 8 times.\n\n"
        "Trunk turns: Lie on your back and let your knees fall to one side, then over to the other side. "
        "Do 6 in each direction.\n"
    )
    found = _by_name(_read(text))
    assert [found[name].per_side for name in ("knee rolls", "hip sway", "trunk turns")] == [True, True, False]


def test_one_repetition_covering_both_sides_after_an_easier_version_is_per_side() -> None:
    text = (
        "Dead bug\n\n"
        "Lie on your back with arms up and knees bent over your hips. Lower the left arm and right leg slowly, "
        "then come back. To make it easier, move only the arms and pause for two seconds. One repetition "
        "includes both sides. Complete 2 sets of 8 repetitions.\n"
    )
    bug = _read(text).exercises[0]
    assert (bug.per_side, bug.reps, bug.sets, bug.hold_s) == (True, (8, 8), (2, 2), None)


def test_sides_given_once_for_all_exercises() -> None:
    everyone = (
        "Before you start: do the stretches on both sides before you move on.\n\n"
        "Standing side stretch: Stand tall, reach one arm overhead and lean away from it. Hold for 10 seconds.\n\n"
        "Lying knee drop: Lie on your back, bend the knee and let it fall out. Hold for 10 seconds.\n"
    )
    assert all(e.per_side for e in _read(everyone).exercises)
    one_limb_only = (
        "Try 3 sets of 10 repetitions for each leg.\n\n"
        "Knee lifts: Stand by a chair and hold on. Lift one knee as high as is comfortable, then lower it.\n\n"
        "Ball squeeze: Sit with a cushion between your knees. Squeeze and release.\n"
    )
    found = _by_name(_read(one_limb_only))
    assert (found["knee lifts"].per_side, found["ball squeeze"].per_side) == (True, False)
    assert found["ball squeeze"].reps == (10, 10)


def test_anatomy_body_weight_and_shop_links_are_not_equipment() -> None:
    text = (
        "The plantar fascia is a thick band of tissue under the foot; tightness in the iliotibial band can add to "
        "it.\n\n"
        "Iliotibial band stretch: Stand with your sore leg crossed behind the other and lean away from it. "
        "Let the weight of your body sink into the hip. Hold for 20 seconds.\n"
        "- Best foam roller for this stretch in the link below\n\n"
        "Sit to stand: Sit on a chair and stand up without your hands. Do 10. To advance this move, hold a "
        "dumbbell at your chest.\n"
    )
    found = _by_name(_read(text))
    assert found["iliotibial band stretch"].equipment == []
    assert (found["sit to stand"].equipment, found["sit to stand"].optional_equipment) == (["chair"], ["dumbbells"])


def test_uncounted_daily_and_everyday_life_give_no_frequency() -> None:
    text = (
        "Strong hips help you walk and climb stairs each day.\n\n"
        "Clamshell: Lie on your side with knees bent and lift the top knee. Repeat 10 times. Do it several "
        "times daily.\n\n"
        "Aim to do this routine two to three times a week.\n"
    )
    assert _read(text).frequency_per_week == (2, 3)
