"""Equipment an exercise needs, from the words of its name and instructions.

Each kind has a pattern that leaves out the everyday senses of the same words: "your weight in your
heels" is not a weight, "the ball of your foot" is not a ball, "take a step back" is not a step.
"""

from __future__ import annotations

import re

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern, re.I))
    for label, pattern in (
        ("resistance band", r"\b(?:(?:mini|loop|long|light|medium|heavy|exercise|resistance|fabric|looped)[\s-]+)*"
                            r"(?:band(?!ed\s+walk)|bands|banded|theraband|tubing)\b(?<!\bit band)(?<!iliotibial band)"
                            r"(?<!\bthick band)(?<!\btight band)(?<!\bflat band)"
                            r"(?!\s+of\s+(?:tissue|muscle|fibres|fibers))"),
        ("dumbbells", r"\bdumbbells?\b"),
        ("kettlebell", r"\bkettlebells?\b|\b\d+\s*kg\s+bell\b"),
        ("barbell", r"\bbarbells?\b|\bweight plates?\b|\b(?:a|the)\s+plate\b"),
        ("weights", r"\bweights\b(?!\s+(?:shift|onto|into))"
                    r"|(?<!\bof )(?<!supporting )(?<!support )(?<!bear )(?<!bearing )(?<!shift )(?<!transfer )"
                    r"\b(?:a|the|light|heavy|hand|ankle)\s+weight\b"
                    r"(?![\s-]+(?:shift|in(?!\s+(?:each|your|one|both|either|the\s+other)\s+(?:right\s+|left\s+)?hands?\b)|on|onto|into|through|over|"
                    r"back|forward|evenly|of|bearing))"),
        ("chair", r"\b(?:chairs?|stool|sofa|couch)\b"),
        ("bench", r"\b(?:a|the|sturdy|flat|weight)\s+bench\b"),
        ("exercise ball", r"\b(?:exercise|stability|swiss|gym|physio|medicine|small|big|large|soft)\s+ball\b"
                          r"|\bball\b(?!\s+of\s+(?:your|the|each|one|my)\b)(?<!\bthe ball of)"),
        ("towel", r"\btowels?\b"),
        ("strap", r"\b(?:yoga\s+)?straps?\b"),
        ("foam roller", r"\b(?:foam\s+)?roller\b"),
        ("wall", r"\b(?:against|into|on|off|touch(?:ing)?|along|from|facing)\s+(?:a\s+|the\s+)?wall\b"
                 r"|\bwall\s+(?:sit|slide|squat|push)"),
        ("step", r"(?<!\btake )(?<!\bmake )\b(?:a|the|sturdy|low|bottom|stair)\s+(?:sturdy\s+|low\s+|high\s+)?"
                 r"(?:step|box|stairs?)\b"
                 r"(?!\s+(?:back|forward|forwards|out|to\s+the|sideways|away|further|down|up\b))|\bon\s+(?:a|the)\s+step\b"
                 r"|\b(?:bottom|lowest|first)\s+stair\b|\bon\s+(?:a|the)\s+stairs?\b"),
        ("dowel", r"\b(?:dowel|broomstick|broom handle|pvc pipe)\b"),
        ("pillow", r"\b(?:pillows?|cushions?|bolsters?)\b"),
        ("yoga block", r"\b(?:yoga\s+)?blocks?\b(?=.{0,20}\b(?:under|support)\b)"),
        ("table", r"\b(?:on|onto|across|along)\s+(?:a|the|your)\s+"
                  r"(?:kitchen\s+|low\s+|sturdy\s+)?(?:table|tabletop)\b"
                  r"|\bslide\s+across\s+(?:a\s+|the\s+)?table\b"),
        ("cloth", r"\b(?:wash|dish|face)?cloths?\b"),
    )
)  # fmt: skip


# "as if sitting back into a chair", "like stepping onto a step": a picture of the movement, not a thing to use
_LIKENESS = re.compile(
    r"\b(?:as\s+if|as\s+though|like\s+(?:you(?:'re|\s+are|\s+were)?\s+)?(?=\w+ing\b)|pretend(?:ing)?|imagin\w*|"
    r"invisible|imaginary)\b[^.;:!?]{0,60}",
    re.I,
)


def find_equipment(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """Each kind of equipment the text mentions once, as (label, start, end), in order of mention.

    Bands keep the words the text uses for them ("mini loop band"); other kinds use one label. A thing the
    text only likens the movement to ("as if sitting into a chair") is no equipment.
    """
    found: list[tuple[str, int, int]] = []
    text = text[:20_000]
    likeness = [m.span() for m in _LIKENESS.finditer(text)]
    for label, pattern in _KINDS:
        match = next((m for m in pattern.finditer(text) if not any(a <= m.start() < b for a, b in likeness)), None)
        if match is None:
            continue
        name = label
        if label == "resistance band":
            words = match.group(0).lower().replace("banded", "band").replace("bands", "band")
            name = words if words.endswith("band") and words != "band" else label
        found.append((name, match.start() + offset, match.end() + offset))
    found.sort(key=lambda item: item[1])
    return found
