"""A best guess at an exercise's group (stretch, hold/stabilization, or strength) from its words.

The guess only sorts exercises for display and planning; the program file marks it as a guess.
"""

from __future__ import annotations

import re

from rehabit.model import Group

_STRETCH = re.compile(
    r"\b(stretch\w*|pose|twist|rotation|release|child'?s|cat|camel|cow|cobra|sphinx|pigeon|glide|floss\w*|"
    r"mobility|mobilis\w*|mobiliz\w*|roll(ing|er)?|hug|knee[- ]to[- ]chest|figure[- ](4|four)|thread the needle|"
    r"rock[- ]?back|tilt|slump|windscreen|press[- ]up|extension in lying)\b",
    re.I,
)
_HOLD = re.compile(
    r"\b(plank|bird[- ]?dog|dead[- ]?bug|pallof|superman|wall sit|bracing|brace|hollow|march\w*|balance|"
    r"hold|isometric|stabili[sz]\w*|anti[- ]rotation|bear)\b",
    re.I,
)
_COMPOUND = re.compile(
    r"\b(deadlift\w*|rdls?|squat\w*|lunge\w*|step[- ]?(up|down)s?|swing\w*|hinge\w*|good mornings?|thrust\w*|"
    r"sit[- ]to[- ]stand|carry|row\w*|chop\w*|get[- ]up)\b",
    re.I,
)
_LOADED = re.compile(r"\b(band\w*|single[- ]leg|one[- ]leg|weighted|dumbbell|kettlebell|barbell|loaded)\b", re.I)


def guess_group(name: str, steps: str, has_hold: bool, has_reps: bool) -> Group:
    """Stretching, stabilization, compound, progression (loaded or one-sided) or foundational."""
    if _STRETCH.search(name):
        return Group.STRETCHING
    if _HOLD.search(name):
        return Group.STABILIZATION
    if _COMPOUND.search(name):
        return Group.COMPOUND
    if _LOADED.search(name):
        return Group.PROGRESSION
    if has_hold and not has_reps and re.search(r"\bstretch", steps, re.I):
        return Group.STRETCHING
    return Group.FOUNDATIONAL
