"""Kinds of real page the reader used to misread, each as a short text of our own (issue 15)."""

from __future__ import annotations

from rehabit.domain.planner import choose_exercises
from rehabit.reader import read_bytes, to_program
from rehabit.reader.pipeline import ExerciseReading, ReaderResult


def _read(text: str, fmt: str = "txt") -> ReaderResult:
    return read_bytes(text.encode("utf-8"), fmt, "inline")


def _by_name(result: ReaderResult) -> dict[str, ExerciseReading]:
    return {exercise.name: exercise for exercise in result.exercises}


def test_single_exercise_page_named_only_in_its_address() -> None:
    text = (
        "source: https://example.org/library/single-leg-glute-bridge\n\n"
        "Menu\nAccept cookies\n\n"
        "Good for anyone whose hips drop when they walk.\n\n"
        "HOW TO DO IT\n"
        "Lie on your back with one foot flat and the other leg held straight.\n"
        "Press through the heel on the floor to lift your hips, then lower slowly.\n\n"
        "SETS & REPS\n"
        "3 sets of 8 on each side.\n"
    )
    result = _read(text)
    assert [e.name for e in result.exercises] == ["single leg glute bridge"]
    bridge = result.exercises[0]
    assert (bridge.reps, bridge.sets, bridge.per_side, len(bridge.steps)) == ((8, 8), (3, 3), True, 3)


def test_single_exercise_page_named_only_in_its_html_title() -> None:
    page = (
        "<html><head><title>Goblet squat | Gym Notes</title><meta property='og:title' content='Goblet squat'>"
        "</head><body><main><p>Hold one weight at your chest for this squat variation, elbows tucked.</p>"
        "<h2>EQUIPMENT NEEDED</h2><p>One kettlebell.</p>"
        "<h2>HOW TO DO IT</h2><ol><li>Stand with your feet a little wider than your hips.</li>"
        "<li>Sit down between your heels, keeping your chest up.</li><li>Drive up through your whole foot.</li></ol>"
        "<h2>SETS &amp; REPS</h2><p>2 sets of 12.</p></main></body></html>"
    )
    result = _read(page, "html")
    assert [e.name for e in result.exercises] == ["goblet squat"]
    squat = result.exercises[0]
    assert (squat.reps, squat.sets, squat.equipment) == ((12, 12), (2, 2), ["kettlebell"])


def test_several_exercises_named_by_lead_ins_the_lexicon_does_not_know() -> None:
    text = (
        "Knee Sways- Lie on your back with your knees bent. Let both knees sway gently left and right. "
        "Repeat 10 times.\n\n"
        "Heel Drops- Stand on a step on the balls of your feet. Lower your heels slowly, then rise. Do 12.\n"
    )
    found = _by_name(_read(text))
    assert set(found) == {"knee sways", "heel drops"}
    assert (found["knee sways"].reps, found["heel drops"].reps) == ((10, 10), (12, 12))


def test_an_exercise_named_by_a_sentence_with_its_instructions_in_the_next_paragraph() -> None:
    text = (
        "# Two for the back\n\n"
        "The first exercise is the bird dog.\n\n"
        "Kneel on all fours. Reach one arm forward and the other leg back, hold for 5 seconds and swap. "
        "Do 6 on each side.\n"
    )
    found = _by_name(_read(text, "md"))
    assert list(found) == ["bird dog"]
    assert (found["bird dog"].hold_s, found["bird dog"].reps, found["bird dog"].per_side) == ((5, 5), (6, 6), True)


def test_numbered_name_lines_of_a_handout_are_exercises() -> None:
    text = (
        "1. Ankle Circles:\n\nTurn your foot slowly in circles one way, then the other.\n\nRepeat: 10 times\n\n"
        "Knee exercises\n2. Thigh Tighteners:\n\nPress the back of your knee into the bed and tighten your thigh. "
        "Hold for 5 seconds.\n\nRepeat: 10 times\n"
    )
    found = _by_name(_read(text))
    assert set(found) == {"ankle circles", "thigh tighteners"}
    assert found["thigh tighteners"].hold_s == (5, 5)


def test_parts_levels_and_variations_are_exercises_of_their_own() -> None:
    text = (
        "Clam pt 1\nLie on your side with knees bent and lift the top knee. Do 10 on each side.\n\n"
        "Clam pt 2\nLift the top foot too and open the knee again. Do 8 on each side.\n\n"
        "Plank ladder\n\nLevel 1\nHold a plank on your knees and forearms for 20 seconds.\n\n"
        "Level 2\nHold a plank on your toes and forearms for 30 seconds.\n\n"
        "Variation 2\nFrom the plank, lift one foot a little off the floor. Hold 10 seconds and swap sides.\n"
    )
    found = _by_name(_read(text))
    assert set(found) == {"clam pt 1", "clam pt 2", "plank level 1", "plank level 2", "plank variation 2"}
    assert found["plank level 2"].hold_s == (30, 30)


def test_compact_handout_lines_stay_separate_exercises() -> None:
    text = "Cat/camel – x10, twice daily\nPelvic tilt – x15, hold 5 s\nProne press-up – x8\n"
    result = _read(text)
    found = _by_name(result)
    assert list(found) == ["cat/camel", "pelvic tilt", "prone press-up"]
    assert [found[n].reps for n in found] == [(10, 10), (15, 15), (8, 8)]
    assert result.frequency_per_week == (14, 14)
    summary = to_program(result).summary
    assert "twice a day" in summary and "rest day" not in summary


def test_dose_details_sets_after_reps_dosage_labels_and_breaths() -> None:
    text = (
        "Single leg bridge\nLie on your back and lift your hips on one leg, then lower.\n"
        "10 repetitions each leg x 3\n\n"
        "Hamstring walkout\nFrom a bridge, step your heels away and back in.\nKeep your hips up.\n"
        "Dosage: 2 sets of 12\n\n"
        "Deep squat hold\nSink into a deep squat holding a door frame.\nHold for 5 breaths. Repeat 4 times.\n"
    )
    found = _by_name(_read(text))
    assert (found["single leg bridge"].reps, found["single leg bridge"].sets) == ((10, 10), (3, 3))
    walkout = found["hamstring walkout"]
    assert (walkout.reps, walkout.sets) == ((12, 12), (2, 2))
    assert not any("Dosage" in step for step in walkout.steps)
    assert (found["deep squat hold"].hold_s, found["deep squat hold"].reps) == (None, (4, 4))


def test_equipment_for_a_progression_is_optional_and_the_plan_keeps_the_exercise() -> None:
    text = (
        "## Clamshell\n\nLie on your side with your knees bent. Lift the top knee, then lower it. Do 15 on each side. "
        "When this is easy, loop a band above your knees.\n"
    )
    result = _read(text, "md")
    clam = result.exercises[0]
    assert (clam.equipment, clam.optional_equipment) == ([], ["resistance band"])
    program = to_program(result)
    assert program.exercises[0].optional_equipment == ["resistance band"]
    chosen, notes = choose_exercises(program, 0, [])
    assert [e.name for e in chosen] == ["Clamshell"] and notes == []


def test_required_equipment_still_leaves_an_exercise_out() -> None:
    text = "## Band pull-apart\n\nHold a resistance band in both hands at chest height. Pull it apart. Do 15.\n"
    program = to_program(_read(text, "md"))
    assert program.exercises[0].equipment == ["resistance band"]
    chosen, notes = choose_exercises(program, 0, [])
    assert chosen == [] and notes and "resistance band" in notes[0]


def test_a_variation_gives_no_dose_to_the_main_exercise() -> None:
    text = (
        "## Dead bug\n\nLie on your back with arms up and knees bent. Lower one arm and the opposite leg, then swap. "
        "To make this easier, you can move the arms only and pause for two seconds at the bottom. "
        "Complete 3 sets of 10.\n"
    )
    bug = _read(text, "md").exercises[0]
    assert (bug.hold_s, bug.sets, bug.reps) == (None, (3, 3), (10, 10))
