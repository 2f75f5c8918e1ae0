"""The dose grammar, sides, sessions a week and equipment: phrases in, values out."""

from __future__ import annotations

import pytest

from rehabit.reader.dose import number_value, parse_dose, per_side
from rehabit.reader.equipment import find_equipment
from rehabit.reader.frequency import find_frequency

R = tuple[int, int] | None


def _dose(text: str) -> tuple[R, R, R]:
    found: dict[str, tuple[int, int]] = {}
    for finding in parse_dose(text):
        found.setdefault(finding.field, (finding.low, finding.high))
    return found.get("reps"), found.get("hold_s"), found.get("sets")


@pytest.mark.parametrize(
    ("phrase", "reps", "hold", "sets"),
    [
        ("Perform 10-15 repetitions.", (10, 15), None, None),
        ("Do 10 to 15 reps.", (10, 15), None, None),
        ("Complete 8–10 reps, slowly.", (8, 10), None, None),
        ("Hold this position for 2 seconds before lowering.", None, (2, 2), None),
        ("Hold for up to 30 seconds, then relax.", None, (30, 30), None),
        ("Hold 15-20 secs, 3 times each side.", (3, 3), (15, 20), None),
        ("Hold for 1 minute on each side.", None, (60, 60), None),
        ("Hold for a minute.", None, (60, 60), None),
        ("Hold between 20 and 30 seconds.", None, (20, 30), None),
        ("Hold the plank for 10-30 seconds, repeating 5 times.", (5, 5), (10, 30), None),
        ("Three sets of ten.", (10, 10), None, (3, 3)),
        ("Do 2 to 3 sets of 10.", (10, 10), None, (2, 3)),
        ("2 sets of twelve per side.", (12, 12), None, (2, 2)),
        ("Dose: 3 x 8–10.", (8, 10), None, (3, 3)),
        ("Good mornings 3x10", (10, 10), None, (3, 3)),
        ("3 x 30–45 s hold", None, (30, 45), (3, 3)),
        ("2 x 20 s hold each side", None, (20, 20), (2, 2)),
        ("Six on each side, two sets, nice and slow.", (6, 6), None, (2, 2)),
        ("Hold for a count of 5, then relax. Do 10.", (10, 10), (5, 5), None),
        ("Do 10 in each direction.", (10, 10), None, None),
        ("Repeat 10 times, three times a day.", (10, 10), None, None),
        ("Stay here for 5 slow breaths. Repeat 3 times.", (3, 3), None, None),
        ("Hold for 5 deep breaths.", None, None, None),
        ("Hold for 20 seconds, then stand up and rest for 20 seconds. Repeat 4 times.", (4, 4), (20, 20), None),
        ("Rest 60–90 seconds between sets.", None, None, None),
        ("Do 3 sets of 12 on each side, resting for about a minute between sets.", (12, 12), None, (3, 3)),
        ("Complete 12 reps on one side, then switch; 2 sets in total.", (12, 12), None, (2, 2)),
        ("Do 3 rounds of 10 slides, once a day.", (10, 10), None, (3, 3)),
        ("Hold for about 20 seconds and do 3 of these on each side.", (3, 3), (20, 20), None),
        ("Repetitions: 10        Sets: ____        Hold: 1-2 seconds", (10, 10), (1, 2), None),
        ("Repetitions: 15 each side    Sets: 2-3", (15, 15), None, (2, 3)),
        ("Sets/reps: 2–3 sets of 6–8 each side", (6, 8), None, (2, 3)),
        ("Cat cow - 10 slow reps", (10, 10), None, None),
        ("Use the 12 kg bell and bend your knees to 90 degrees.", None, None, None),
        ("Lift the leg about 30–40 cm.", None, None, None),
        ("It takes about 15 minutes.", None, None, None),
        ("A 6 out of 10 is plenty.", None, None, None),
        ("Take a 30-second hold at the top.", None, (30, 30), None),
        ("Hold for 5 counts, then relax.", None, (5, 5), None),
        ("Glute bridges 10x", (10, 10), None, None),
        ("10/side, 2 rounds", (10, 10), None, (2, 2)),
        ("Do 10/15 reps.", (10, 15), None, None),
    ],
)
def test_dose_phrases(phrase: str, reps: R, hold: R, sets: R) -> None:
    assert _dose(phrase) == (reps, hold, sets)


def test_findings_keep_their_span() -> None:
    text = "Lie down. Hold for 30 seconds."
    (finding,) = parse_dose(text, offset=100)
    assert (finding.field, finding.start, finding.end) == ("hold_s", 100 + text.index("30"), 100 + text.index("30") + 2)


@pytest.mark.parametrize(("word", "value"), [("12", 12.0), ("twelve", 12.0), ("a couple of", 2.0), ("eleventy", None)])
def test_number_words(word: str, value: float | None) -> None:
    assert number_value(word) == value


@pytest.mark.parametrize(
    ("phrase", "sided"),
    [
        ("Perform 5 repetitions per side.", True),
        ("10/side, 2 rounds", True),
        ("Hold for 30 seconds and then switch to the other side.", True),
        ("Repeat on the other side.", True),
        ("Stay there for 5 breaths, then switch.", True),
        ("Alternate legs, keeping your pelvis level.", True),
        ("Hold it 30 to 45 seconds and do both sides.", True),
        ("Sides:  [x] Both   [ ] Left only", True),
        ("Sides:  [ ] Both   [x] Affected side only", False),
        ("Do 10 in each direction.", False),
        ("Let your knees fall to one side, then bring them over to the other side.", True),
        ("Let your knees fall to one side, then the other side. Do 10 in each direction.", False),
        ("Hold a dumbbell in each hand.", False),
        ("When the glutes are slow to switch on, the back works harder.", False),
    ],
)
def test_per_side(phrase: str, sided: bool) -> None:
    assert (per_side(phrase) is not None) is sided


@pytest.mark.parametrize(
    ("phrase", "weekly"),
    [
        ("Perform these exercises 2-3 times per week.", (2, 3)),
        ("Train two or three times a week.", (2, 3)),
        ("Do the exercises once daily.", (7, 7)),
        ("Do it every day, ideally before breakfast.", (7, 7)),
        ("Do the routine twice a day.", (14, 14)),
        ("Repeat 10 times, three times a day.", (21, 21)),
        ("Do 3 of these, once or twice a day.", (7, 14)),
        ("I did all of that every other day.", (3, 4)),
        ("Try to fit these in four days a week.", (4, 4)),
        ("Three sessions a week is plenty.", (3, 3)),
        ("It makes daily activities easier.", None),
        ("Perform this programme ____ times per day, ____ days per week.", None),
    ],
)
def test_frequency(phrase: str, weekly: tuple[int, int] | None) -> None:
    found = find_frequency(phrase)
    assert (found[:2] if found else None) == weekly


@pytest.mark.parametrize(
    ("phrase", "labels"),
    [
        ("Place a resistance band around your thighs.", ["resistance band"]),
        ("Slip a mini loop band around both thighs.", ["mini loop band"]),
        ("Stand holding weights in front of your thighs.", ["weights"]),
        ("Keep your weight in your heels and shift your weight forward.", []),
        ("Loop a towel around the ball of your foot.", ["towel"]),
        ("Lie with your calves on the big exercise ball.", ["exercise ball"]),
        ("Stand facing a step or box.", ["step"]),
        ("Take a big step back with your right foot.", []),
        ("Sit on a firm chair with your back against a wall.", ["chair", "wall"]),
        ("Turn your toes to face the wall ahead of you.", []),
        ("Hold a kettlebell and a dumbbell.", ["kettlebell", "dumbbells"]),
        ("Sit on the foam roller.", ["foam roller"]),
    ],
)
def test_equipment(phrase: str, labels: list[str]) -> None:
    assert [label for label, _start, _end in find_equipment(phrase)] == labels
