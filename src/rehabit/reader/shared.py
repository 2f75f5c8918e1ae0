"""Doses and sides given once for all exercises ("Hold each stretch for 30 seconds", "Try three sets of 10
for each leg", "Do the stretches on both sides"), and how they fill in exercises that give none of their own."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rehabit.model import Group
from rehabit.reader.conditions import optional_spans, variant_spans, within
from rehabit.reader.dose import Finding, parse_dose, per_side
from rehabit.reader.equipment import find_equipment
from rehabit.reader.provenance import Evidence
from rehabit.reader.steps import is_ad, sentences

if TYPE_CHECKING:
    from rehabit.reader.pipeline import ExerciseReading
    from rehabit.reader.segment import Part

_WHOLE_SESSION = re.compile(
    r"\b(?:circuit|sequence|whole (?:routine|session|workout|set|thing)|entire (?:routine|session|workout))\b"
    r"[^.]*\b(?:sets?|rounds?|times)\b",
    re.I,
)
_BODY_SHARED = re.compile(
    r"\b(?:each|every|all)\s+(?:of\s+)?(?:the\s+|these\s+|your\s+)?(?:stretch|stretches|exercise|exercises|moves|movements)\b",
    re.I,
)
_SHARED_DOSE = re.compile(
    r"\b(?:each|every|all|both)\s+(?:of\s+)?(?:the\s+|these\s+|your\s+)?"
    r"(?:stretch|stretches|exercise|exercises|move|moves|movement|movements|position|positions|pose|poses|one)\b",
    re.I,
)
_BOTH = re.compile(r"\bboth\s+(?:sides|legs|arms|hips|knees)\b|\b(?:each|either)\s+side\b", re.I)
_EVERY_ONE = re.compile(
    r"\b(?:the|these|all|each|every|your)\s+(?:of\s+the\s+)?(?:exercises?|stretch(?:es)?|moves?)\b", re.I
)
_ONE_SIDED_ONLY = re.compile(
    r"\b(?:one|a single)\s+(?:side|leg|arm)\s+at\s+a\s+time\b|\bthat\s+(?:work|use|train)\s+one\s+(?:side|leg|arm)\b"
    r"|\bone[- ]sided\b|\bsingle[- ](?:leg|arm|sided)\b",
    re.I,
)
_DO_BOTH = re.compile(r"\b(?:do|perform|repeat|complete)\b[^.;]{0,50}\bon\s+both\s+(?:sides|legs|arms)\b", re.I)
_ONE_LIMB = re.compile(
    r"\b(?:one|the|your)\s+(?:right|left|outside|inside|top|working|affected|injured|involved|sore|bad|good|"
    r"raised|lifted|standing|opposite)\s+(?:leg|knee|foot|arm|hand|hip|ankle|shoulder)\b"
    r"|\b(?:lift|raise|bend|straighten|extend|kick|swing)\s+one\s+(?:leg|knee|foot|arm|hand)\b"
    r"|\bon\s+one\s+(?:leg|foot)\b|\b(?:right|left)\s+(?:leg|knee|foot|arm|hand)\b",
    re.I,
)


def speaks_for_all(sentence: str) -> bool:
    """True for a sentence inside one exercise that gives a dose for all of them ("Repeat each exercise 10
    times", "Go through the whole routine twice")."""
    return bool(_BODY_SHARED.search(sentence) or _WHOLE_SESSION.search(sentence))


def one_limb(text: str) -> bool:
    """True when an exercise's text works one limb at a time ("Lift one knee", "the top leg")."""
    return bool(_ONE_LIMB.search(text))


def shared_findings(loose: list[Part]) -> list[tuple[Finding, bool]]:
    """Doses given once for all exercises, each with whether it is for stretches only.

    "Hold every stretch for 20-30 seconds and repeat it 3 times" gives a hold and reps for each stretch;
    "Go through the circuit 3 times" gives sets for every exercise.
    """
    found: list[tuple[Finding, bool]] = []
    for _kind, text, start in loose:
        for sentence, begin, _end in sentences(text, start):
            match = _SHARED_DOSE.search(sentence)
            if match:
                stretches_only = bool(re.search(r"stretch|pose", match.group(0), re.I))
                found.extend((finding, stretches_only) for finding in parse_dose(sentence, begin))
            elif _WHOLE_SESSION.search(sentence):
                for finding in parse_dose(sentence, begin):
                    if finding.field in ("sets", "reps"):
                        found.append((Finding("sets", finding.low, finding.high, finding.start, finding.end), False))
    return found


def intro_findings(intro: list[Part]) -> list[tuple[Finding, bool]]:
    """Doses in the text before the first exercise ("Try three sets of 10 repetitions for each leg"): for
    every exercise that gives no dose of its own."""
    found: list[tuple[Finding, bool]] = []
    for _kind, text, start in intro:
        variants = variant_spans(text, start)
        found.extend((f, False) for f in parse_dose(text, start) if not within(f.start, variants))
    return found


_SET_UP = re.compile(
    r"\s*(?:(?:first|to (?:start|begin|set up)|before you (?:start|begin))\b[^.]{0,20}?,\s*)?"
    r"(?:secure|tie|anchor|attach|loop|fix|fasten|hook|wrap|set up|place|put|grab|get|have)\b",
    re.I,
)


def intro_equipment(intro: list[Part]) -> list[Evidence]:
    """Equipment the text before the first exercise tells the reader to set up ("Tie a band to a door
    handle at ankle height."), for all of the exercises; not equipment it only names ("the only prop you
    need is a towel" may be for some of them) or offers ("If you have a band, ...")."""
    found: dict[str, Evidence] = {}
    for _kind, text, start in intro:
        optional = optional_spans(text, start)
        for sentence, begin, _end in sentences(text, start):
            if not (within(begin, optional) or is_ad(sentence)) and _SET_UP.match(sentence):
                for label, low, high in find_equipment(sentence, begin):
                    found.setdefault(label, Evidence("equipment", label, low, high))
    if any(label.endswith("band") for label in found):
        found.pop("strap", None)  # "a band with foot straps ... attach the strap": the straps are the band's
    return list(found.values())


def apply_equipment(reading: ExerciseReading, equipment: list[Evidence]) -> None:
    """Give an exercise the equipment the introduction set up for every exercise, when it lacks it."""
    for evidence in equipment:
        if evidence.value not in reading.equipment and evidence.value not in reading.optional_equipment:
            reading.equipment.append(evidence.value)
            reading.evidence.append(evidence)
            reading.shared.append("equipment")


def apply_shared(reading: ExerciseReading, shared: list[tuple[Finding, bool]]) -> None:
    has_dose = any(getattr(reading, f) is not None for f in ("reps", "hold_s", "moving_s"))
    for finding, stretches_only in shared:
        if stretches_only and reading.group is not Group.STRETCHING:
            continue
        if getattr(reading, finding.field) is not None or (finding.field != "sets" and has_dose):
            continue
        setattr(reading, finding.field, (finding.low, finding.high))
        value = str(finding.low) if finding.low == finding.high else f"{finding.low}-{finding.high}"
        reading.evidence.append(Evidence(finding.field, value, finding.start, finding.end))
        reading.shared.append(finding.field)


def shared_sides(loose: list[Part], intro_end: int) -> list[tuple[Evidence, bool]]:
    """Sentences outside the exercises that say to do them on each side, each with whether it says so of
    every exercise ("Do the exercises and stretches on both legs") or only of those done one limb at a time
    (a dose in the introduction: "Try three sets of 10 repetitions for each leg")."""
    found: list[tuple[Evidence, bool]] = []
    for _kind, text, start in loose:
        for sentence, begin, _end in sentences(text, start):
            both = _DO_BOTH.search(sentence)
            side = (begin + both.start(), begin + both.end()) if both else per_side(sentence, begin)
            if side is None:
                continue
            everyone = bool(_EVERY_ONE.search(sentence) and (both or _BOTH.search(sentence)))
            everyone = everyone and not _ONE_SIDED_ONLY.search(sentence)  # "the stretches that work one side"
            if everyone or (begin < intro_end and parse_dose(sentence)):
                found.append((Evidence("per_side", "yes", *side), everyone))
    return found


def apply_sides(reading: ExerciseReading, sides: list[tuple[Evidence, bool]], one_sided: bool) -> None:
    """Mark an exercise as done on each side when a sentence for all exercises says so."""
    if reading.per_side:
        return
    for evidence, everyone in sides:
        if everyone or one_sided:
            reading.per_side = True
            reading.evidence.append(evidence)
            reading.shared.append("per_side")
            return
