"""Short lessons in rehabit's own words, one a week, built from the program's facts and the person's
thresholds: why the glutes matter for the back, sitting, what pain during exercise means, when to stop,
and why the program goes slowly. Each lesson names its sources (CLINICAL.md's letters, and the source
article's own reference list where it rests on it).

Pure: a program and thresholds in, lessons out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rehabit.domain.frequency import frequency_sentence
from rehabit.domain.rules import SOURCES, Thresholds
from rehabit.model import Group, Program

__all__ = ["Lesson", "lesson_for_week", "lessons"]

# the seed article's reference list, cited by number where a lesson rests on it
ARTICLE_REFERENCES = {
    1: 'Lee, H., et al. (2024). "Exercise interventions for lower back and glute pain." Scientific Reports.',
    2: 'Smith, J. (2016). "The role of gluteal muscles in lower back health." J Orthop Sports Phys Ther.',
}


@dataclass(frozen=True)
class Lesson:
    """One lesson: an id, a title, a few short paragraphs and the sources behind them."""

    id: str
    title: str
    paragraphs: tuple[str, ...]
    sources: tuple[str, ...]


def _names(program: Program, wanted: set[Group] | None = None, word: str | None = None) -> list[str]:
    found = []
    for exercise in program.exercises:
        if wanted is not None and exercise.group not in wanted:
            continue
        if word is not None and not any(word in t.lower() for t in [*exercise.targets, exercise.name.lower()]):
            continue
        found.append(exercise.name)
    return found


def _list(names: list[str]) -> str:
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _cite(*keys: str, article: tuple[int, ...] = ()) -> tuple[str, ...]:
    return tuple(f"[{key}] {SOURCES[key]}" for key in keys) + tuple(
        f"Article reference {n}: {ARTICLE_REFERENCES[n]}" for n in article
    )


def lessons(program: Program, thresholds: Thresholds | None = None) -> list[Lesson]:
    """Every lesson, in the order a person meets them (one a week)."""
    t = thresholds or Thresholds()
    glute_work = _names(program, set(Group) - {Group.STRETCHING}, word="glute")[:3]
    stretches = _names(program, {Group.STRETCHING})[:3]
    first_stage = program.stages[0].name if program.stages else None
    how_often = frequency_sentence(program.frequency_per_week)
    glutes = (
        "The big muscles of your buttocks hold your pelvis level every time you stand, walk or climb a stair. "
        "The pelvis is the base your lower spine sits on.",
        "When those muscles are weak or switched off, the small muscles and joints of the lower back end up "
        "doing work the hips should do, and they complain.",
        (
            f"That is why your program keeps coming back to {_list(glute_work)}: "
            "they teach the glutes to do their share."
            if glute_work
            else "That is why your program trains the hips as well as the back."
        ),
    )
    sitting = (
        "Long hours in a chair leave the muscles at the front of the hips short and the glutes idle. Standing "
        "up then pulls on the lower back.",
        "You do not need a special chair. Get up and move often during the day; a short walk or a few bridges count.",
        (
            f"The stretches in your program — {_list(stretches)} — ease the hips that sitting stiffens."
            if stretches
            else "Gentle hip stretches ease what sitting stiffens."
        ),
    )
    pain = (
        f"Some discomfort while you exercise is normal. rehabit reads the 0–10 scale like this: 0–{t.pain_safe_max} "
        f"is fine; {t.pain_safe_max + 1}–{t.pain_acceptable_max} is acceptable, but the dose does not go up that "
        f"session; above {t.pain_acceptable_max} is too much, and that exercise gets easier next time.",
        f"What counts most is the next morning: if your pain is {t.flare_points} or more points above where it was "
        "before the session, the next session's doses go one step down.",
        "This way of reading pain comes from work on loading sore tendons; rehabit uses it to pace exercise and "
        "says so.",
    )
    stop = (
        "Press “It hurts” whenever an exercise hurts: it stops at once and rehabit asks how much.",
        f"If the same exercise stops you {t.refer_stops} times within {t.refer_window_days} days, rehabit pauses "
        "it and asks you to see a health professional before going on.",
        "Stop exercising and get help the same day if you notice changes in bladder or bowel control, numbness "
        "around the genitals or inner thighs, or weakness in your legs that is getting worse.",
    )
    slow = (
        f"{how_often} Rest days let the muscles recover and grow stronger.",
        f"A dose goes up only after you have done all of it {t.progress_sessions} sessions in a row with little "
        "pain"
        + (
            f"; you start at the {first_stage} stage and move on once every exercise there is mastered."
            if first_stage
            else "."
        ),
        "Going slowly is not time lost: a steady few weeks do more than a hard week followed by a flare-up.",
    )
    return [
        Lesson("glutes-and-back", "Why your glutes matter for your back", glutes, _cite("A", article=(2, 1))),
        Lesson("sitting", "Sitting, and what to do about it", sitting, _cite("A")),
        Lesson("pain-during-exercise", "What pain during exercise means", pain, _cite("C", "D")),
        Lesson("when-to-stop", "When to stop, and when to get help", stop, _cite("A", "B")),
        Lesson("slow-and-steady", "Why the program goes slowly", slow, _cite("A", "F")),
    ]


def lesson_for_week(program: Program, thresholds: Thresholds | None, started: date, today: date) -> tuple[int, Lesson]:
    """This week's lesson (the first in the week the person started, the next each week after, round
    again after the last) and its number, counted from 1."""
    all_lessons = lessons(program, thresholds)
    week = max(0, (today - started).days // 7)
    index = week % len(all_lessons)
    return index + 1, all_lessons[index]
