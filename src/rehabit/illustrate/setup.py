"""How an exercise is set up, from its words and equipment: knees bent or straight, props and where they go.

`setup_of` reads what the figure needs beyond the posture and movement: lying with the knees bent,
a plank on the hands, both legs moving together, a band round the thighs or under the feet, a ball
between the knees, weights in the hands, a wall behind or in front, a step, a strap round a foot.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rehabit.illustrate._derive import Setup
from rehabit.illustrate.movement import Movement
from rehabit.illustrate.posture import Posture
from rehabit.illustrate.props import Prop
from rehabit.illustrate.stances import Variant
from rehabit.illustrate.text import normalise

_KNEES_BENT = re.compile(
    r"knees? (?:\w+ )?bent|bend (?:both |your |the )?knees|feet flat|hook lying|crook lying|bent knees?"
)
_ON_HANDS = re.compile(
    r"plank_position|high plank|straight arms?|arms straight|on (?:your )?hands|hands (?:directly )?under"
)
_ON_FOREARMS = re.compile(r"forearms?|elbows? (?:under|on the floor|directly)")
_BAND = re.compile(r"\b(?:band|theraband|loop|mini band|resistance tube|tubing)\b")
_BAND_PLACES = (
    (Prop.BAND_ANKLES, re.compile(r"(?:around|round|above|over) (?:your |both )?ankles")),
    (
        Prop.BAND_FEET,
        re.compile(
            r"(?:under|beneath) (?:your |both |the (?:middle|arch|ball) of your )?(?:feet|foot)|"
            r"stand(?:ing)? on (?:the |a )?(?:middle of )?(?:the |a )?band"
        ),
    ),
    (
        Prop.BAND_THIGHS,
        re.compile(r"(?:around|round|above|over|across) (?:your |both )?(?:thighs|knees|legs)|above the knees"),
    ),
)
_WEIGHT = re.compile(r"\b(?:dumbbells?|kettlebells?|weights?|hand weights?|water bottles?|tins?)\b")
_BALL_KNEES = re.compile(r"(?:ball|pillow|cushion|block)s? (?:\w+ ){0,2}between (?:your )?(?:knees|thighs)")
_BALL_HANDS = re.compile(r"(?:hold|holding|grip|with) (?:a |the )?(?:medicine |small |soft |light )?ball")
_STRAP = re.compile(r"\b(?:strap|towel|belt|scarf)\b")


def setup_of(
    posture: Posture, movement: Movement | None, name: str, steps: Sequence[str], equipment: Sequence[str]
) -> Setup:
    """What the figure shows besides the posture and movement, read from the name, steps and equipment."""
    text = normalise(" ".join([name, *steps]))
    gear = " ".join(equipment).lower()
    return Setup(
        variant=_variant(posture, text),
        props=_props(posture, movement, text, gear),
        both_sides=bool(re.search(r"\bboth (?:knees|legs|heels|feet)\b|double knee|knees? hugs?", text)),
        detail=_detail(posture, movement, text),
    )


def _variant(posture: Posture, text: str) -> Variant:
    if posture in {Posture.SUPINE, Posture.SIDE_LYING, Posture.SIDE_PLANK} and _KNEES_BENT.search(text):
        return Variant.KNEES_BENT
    if posture is Posture.PLANK and _ON_HANDS.search(text) and not _ON_FOREARMS.search(text):
        return Variant.ON_HANDS
    return Variant.PLAIN


def _props(posture: Posture, movement: Movement | None, text: str, gear: str) -> tuple[Prop, ...]:
    found: list[Prop] = []
    if _BAND.search(gear) or _BAND.search(text):
        for prop, pattern in _BAND_PLACES:
            if pattern.search(text):
                found.append(prop)
                break
        else:
            if "band" in gear:
                found.append(Prop.BAND_FEET if posture is Posture.STANDING else Prop.BAND_THIGHS)
    holds_weights = posture in {Posture.STANDING, Posture.SEATED_CHAIR, Posture.KNEELING, Posture.HALF_KNEELING}
    if holds_weights and (_WEIGHT.search(gear) or _WEIGHT.search(text)):
        found.append(Prop.WEIGHTS)
    if _BALL_KNEES.search(text) or _BALL_HANDS.search(text):
        found.append(Prop.BALL)
    if _STRAP.search(gear + " " + text) and movement in {Movement.HIP_FLEXION, None}:
        found.append(Prop.STRAP)
    if re.search(r"\bwall\b", gear + " " + text) and movement in {Movement.SQUAT, Movement.CALF_STRETCH}:
        found.append(Prop.WALL)
    if re.search(r"\b(?:step|stair|box|bench|platform)\b", gear) and movement is Movement.STEP_UP:
        found.append(Prop.STEP)
    return tuple(dict.fromkeys(found))


def _detail(posture: Posture, movement: Movement | None, text: str) -> str:
    if posture is Posture.PRONE and movement is Movement.TRUNK_EXTENSION:
        if re.search(r"superman|swimmer|(?:arms|hands)\b[^.]*\blegs\b|\blegs\b[^.]*\barms\b", text):
            return "superman"
        if re.search(r"forearms?|elbows?|sphinx", text) and not re.search(
            r"straighten (?:your )?(?:arms|elbows)", text
        ):
            return "sphinx"
    if (
        posture is Posture.SUPINE
        and movement is Movement.KNEE_RAISE
        and re.search(r"march|alternat|then the other|lift the other", text)
    ):
        return "march"
    if movement is Movement.KNEE_FLEXION and re.search(
        r"(?:hold|grab|grasp|pull|hold onto)\w* (?:\w+ ){0,3}(?:ankle|foot|heel|shin)", text
    ):
        return "quad-stretch"
    return ""
