"""The starting posture of an exercise, read from its steps first, then its name.

`read_posture` finds the sentences that put the body somewhere ("Lie on your side", "Get onto all
fours", "Kneel on one knee") and decides which one is the starting position: a sentence labelled as
the start wins; otherwise the last position set up before the first movement (so "sit on the floor
and loop the band round your knees, then lie on your side" starts side-lying). Later sentences can
refine it: lying face down then lifting onto forearms and toes is a plank; lying on your side then
lifting the hips off the floor is a side plank; kneeling with one foot forward is half-kneeling.
Negated and comparison clauses ("without standing up", "as if sitting in a chair") never decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from rehabit.illustrate.text import ClauseKind, Sentence, normalise, sentences
from rehabit.illustrate.words import Part, Verb


class Posture(StrEnum):
    """Where the body starts: the eleven starting positions rehabit can draw."""

    SUPINE = "supine"
    PRONE = "prone"
    SIDE_LYING = "side-lying"
    QUADRUPED = "quadruped"
    KNEELING = "kneeling"
    HALF_KNEELING = "half-kneeling"
    SEATED_FLOOR = "seated-floor"
    SEATED_CHAIR = "seated-chair"
    STANDING = "standing"
    PLANK = "plank"
    SIDE_PLANK = "side-plank"

    @property
    def words(self) -> str:
        """The posture in plain words, for people."""
        return POSTURE_WORDS[self]


POSTURE_WORDS: dict[Posture, str] = {
    Posture.SUPINE: "lying on your back",
    Posture.PRONE: "lying face down",
    Posture.SIDE_LYING: "lying on your side",
    Posture.QUADRUPED: "on hands and knees",
    Posture.KNEELING: "kneeling on both knees",
    Posture.HALF_KNEELING: "kneeling on one knee",
    Posture.SEATED_FLOOR: "sitting on the floor",
    Posture.SEATED_CHAIR: "sitting on a chair",
    Posture.STANDING: "standing",
    Posture.PLANK: "in a plank",
    Posture.SIDE_PLANK: "in a side plank",
}

LYING = {Posture.SUPINE, Posture.PRONE, Posture.SIDE_LYING}


class Source(StrEnum):
    STEPS = "steps"
    NAME = "name"
    DEFAULT = "default"


@dataclass(frozen=True)
class PostureReading:
    """The starting posture, the sentence that decided it, and where that sentence came from."""

    posture: Posture
    evidence: str
    source: Source


@dataclass(frozen=True)
class _Cue:
    posture: Posture
    strength: int
    sentence: int
    target: bool  # the position is where a movement ends ("return to standing"), not where it starts


# (posture, strength, pattern) over normalised text; 3 names the position outright, 1 only hints at it.
_CUES: tuple[tuple[Posture, int, str], ...] = (
    (Posture.SIDE_PLANK, 3, r"side (?:plank|bridge)s?|side lying plank|lateral plank"),
    (Posture.PLANK, 3, r"(?<!side )(?<!lateral )(?<!side lying )planks?\b|plank_position"),
    (Posture.PLANK, 3, r"(?:forearms|elbows|hands) and (?:toes|the balls of your feet|feet)\b"),
    (Posture.PLANK, 3, r"(?:toes|feet) and (?:forearms|elbows|hands)\b"),
    (Posture.SUPINE, 3, r"on (?:your|their|his|her|one's) back\b(?! of)|supine|face_up|(?:back|hook|crook) lying"),
    (Posture.SUPINE, 3, r"(?:lie|lying|lay|laying|lies) (?:back|down) (?:on|onto) (?:your|the) back"),
    (Posture.PRONE, 3, r"face_down|prone\b(?! to)|front lying|stomach lying"),
    (
        Posture.PRONE,
        3,
        r"(?:stomach|tummy|belly|abdomen) (?:flat )?(?:on|against|down on|facing) the (?:floor|ground|mat|bed|bench)",
    ),
    (
        Posture.SUPINE,
        2,
        r"(?:lie|lying|lay|laying|lies)(?: down| back| flat| down flat)?(?: on| onto)? (?:a |an |the |your )?"
        r"(?:\w+ )?(?:bench|floor|mat|bed|ground|table|couch|sofa)\b|(?:lie|lying|lay|laying|lies) (?:down|flat|"
        r"back)\b|\b(?:a|the) lying position",
    ),
    (Posture.PRONE, 3, r"on (?:your|their|his|her|the) (?:stomach|tummy|belly|front|abdomen)\b"),
    (Posture.SIDE_LYING, 3, r"side ?lying|(?:lie|lying|lay|laying|lies)(?: down)? to_the_side"),
    (
        Posture.SIDE_LYING,
        3,
        r"(?:lie|lying|lay|laying|lies|rest|resting|start|begin|turn|roll|get|position yourself|get down)"
        r"(?: down| back| over)? (?:on|onto) (?:your |one |the |their |his |her )?(?:\w+ )?side\b(?! of)",
    ),
    (Posture.SIDE_LYING, 3, r"on (?:your|one|their) (?:left |right |good |bad |other |opposite |\w+ )?side\b(?! of)"),
    (
        Posture.QUADRUPED,
        3,
        r"all_fours|(?<!between your )(?<!between the )hands_and_knees|quadruped|four point kneel\w*|crawl position|"
        r"bear position",
    ),
    (Posture.QUADRUPED, 3, r"tabletop(?! legs)(?! with your legs)"),
    (
        Posture.QUADRUPED,
        3,
        r"hands (?:directly )?(?:under|beneath|below) (?:your )?shoulders[^.]*knees (?:directly )?(?:under|beneath|"
        r"below)",
    ),
    (
        Posture.QUADRUPED,
        3,
        r"knees (?:directly )?(?:under|beneath|below) (?:your )?hips[^.]*hands (?:directly )?(?:under|beneath|below)",
    ),
    (
        Posture.QUADRUPED,
        1,
        r"(?:hands|arms|wrists) (?:directly |right )?(?:under|underneath|beneath|below) (?:your )?shoulders",
    ),
    (Posture.HALF_KNEELING, 3, r"half kneel\w*|kneeling lunge|lunge kneel\w*|split kneel\w*|kneeling split"),
    (
        Posture.HALF_KNEELING,
        3,
        r"kneel(?:ing|s)?(?: down)? (?:on|onto) (?:one|your (?:left|right|back|rear)|the (?:left|right)|a single|"
        r"one of your) knee\b",
    ),
    (Posture.HALF_KNEELING, 3, r"(?:go|get|come|drop|kneel) down (?:on|onto) (?:one|your (?:left|right)) knee\b"),
    (Posture.HALF_KNEELING, 3, r"\bone knee (?:down|on the (?:floor|ground|mat|cushion|pad|towel))"),
    (
        Posture.HALF_KNEELING,
        3,
        r"(?:back|rear|trailing) knee (?:is )?(?:on|resting on|touching|down on|down to|lowered to) (?:the )?"
        r"(?:floor|ground|mat|cushion|pad|towel)",
    ),
    (
        Posture.HALF_KNEELING,
        3,
        r"kneel\w*\b[^.;]{0,60}\b(?:one|other|left|right|opposite) (?:foot|leg) (?:flat )?(?:on the (?:floor|ground) )?"
        r"(?:forward|in_front|out in_front|on the floor in_front|planted in_front)",
    ),
    (
        Posture.HALF_KNEELING,
        3,
        r"kneel\w*\b[^.;]{0,50}\b(?:step|bring|place|put|plant)(?:ping)? (?:one|your (?:left|right)|"
        r"the other) (?:foot|leg) "
        r"(?:forward|in_front|out)",
    ),
    (Posture.HALF_KNEELING, 3, r"kneel\w* with one (?:foot|leg) (?:out )?(?:forward|in_front)"),
    (Posture.KNEELING, 2, r"kneel(?:s|ing)?\b(?! (?:leg|knee|side|hip|thigh|foot))|knelt\b|on (?:both|your) knees\b"),
    (Posture.KNEELING, 3, r"tall kneel\w*|high kneel\w*|upright kneel\w*|kneel (?:up )?(?:tall|upright)"),
    (
        Posture.SEATED_FLOOR,
        3,
        r"(?:sit|sits|sitting|seated|sat)(?: down| up| back| tall| upright| up tall| up straight| straight|"
        r" comfortably)? (?:on|upon) "
        r"(?:the|a|an|your) (?:floor|ground|mat|yoga mat|exercise mat|carpet)",
    ),
    (
        Posture.SEATED_FLOOR,
        3,
        r"long sit\w*|cross legged|(?:sit|sitting|seated)(?: \w+)? with (?:your |both )?legs (?:out )?(?:straight|"
        r"extended|long|outstretched)",
    ),
    (
        Posture.SEATED_FLOOR,
        3,
        r"(?:sit|sitting|seated)(?: \w+)?(?: \w+)? with (?:your |both )?legs (?:straight |extended )?(?:out )?in_front",
    ),
    (Posture.SEATED_FLOOR, 3, r"(?:seated|sitting) position with (?:your |both )?legs (?:straight|extended|out)"),
    (Posture.SEATED_FLOOR, 3, r"(?:seated|sitting) position on (?:the|a|an|your) (?:floor|ground|mat|exercise mat)"),
    (Posture.SEATED_FLOOR, 3, r"(?:sit|sitting|seated) (?:\w+ )?on (?:the|a|your) (?:foam )?roll(?:er)?\b"),
    (
        Posture.SEATED_CHAIR,
        3,
        r"(?:sit|sits|sitting|seated|sat)\b[^.;]{0,40}?\b(?:chair|stool|bench|bed|sofa|couch|box|edge|seat|"
        r"wheelchair|armchair|stability ball|swiss ball|exercise ball|physio ball|table|machine)\b",
    ),
    (
        Posture.SEATED_CHAIR,
        2,
        r"\bseated\b|(?:sit|sitting|sat) (?:up )?(?:tall|upright|up straight|straight)|"
        r"(?:seated|sitting) position|sit down on|sit (?:comfortably|with)",
    ),
    (
        Posture.STANDING,
        2,
        r"\bstand(?:s|ing)?\b(?! (?:leg|foot|side|knee))|\bstood\b|stance\b|stand_up (?:straight|tall)",
    ),
    (Posture.STANDING, 1, r"feet (?:about |roughly |approximately )?(?:hip|shoulder|hip and shoulder) width apart"),
    (
        Posture.STANDING,
        1,
        r"(?:hold|holding) (?:on ?to|onto|on to) (?:a|the|your) (?:chair|counter|countertop|table|wall|rail|railing|"
        r"worktop|sink|door frame|back of a chair|bannister|banister)|(?:face|facing) (?:a|the) wall",
    ),
)
# A position that follows these words is a movement's goal, not the start ("return to standing").
_TARGET = re.compile(
    r"(?:return(?:ing)? to|back to|back into|come (?:up )?to|coming to|rise to|rising to|rise into|until you(?:'re|"
    r" are)"
    r"|into|in to|transition (?:in)?to|move into|moving into|to get into|end in|finish in|push up to|pushing up to"
    r"|lift(?:ing)? (?:yourself |your body |your hips |up )?(?:up )?(?:in)?to|up into|to a|to the)"
    r"\s+(?:a |an |the |your )?(?:\w+ )?$"
)
# "Get into a plank", "move yourself into a push-up position": how the exercise is set up, not its goal.
_SETUP_INTO = re.compile(
    r"^(?:now |then |first |slowly )?(?:get|getting|move yourself|moving yourself|position yourself|place yourself|"
    r"set yourself up|start|begin|assume|settle|go)(?: \w+)? (?:into|in to|in)\s+(?:a |an |the |your )?(?:\w+ )?$"
)
_COMPARISON = re.compile(r"^(?:as if|as though|like|pretend|imagine|until|so that|so\b)")
EXPLICIT_START = re.compile(r"(?:this|that) (?:will be|is) (?:your|the) start(?:ing)? (?:position|point)")
# Kneeling with the hands on the floor is all fours; on the floor with the legs out is sitting on the floor.
_HANDS_DOWN = re.compile(
    r"(?:hands|palms|wrists) (?:\w+ ){0,3}?(?:flat )?(?:on the (?:floor|ground|mat)|(?:directly |right )?"
    r"(?:under|below|beneath|underneath) (?:your )?shoulders)"
)
_FOOT_FORWARD = re.compile(
    r"(?:step|bring|place|put|plant)\w* (?:one|your (?:left|right)|the other|one of your|your) (?:foot|leg) "
    r"(?:\w+ )?(?:forward|in_front|out in_front)"
)
_LEGS_OUT = re.compile(
    r"legs? (?:out )?(?:straight|extended|long|outstretched)|cross legged|in_front of you on the floor|"
    r"(?:extend|straighten|stretch) (?:out )?(?:your |both )?legs"
)


@cache
def _compiled() -> tuple[tuple[Posture, int, re.Pattern[str]], ...]:
    return tuple((posture, strength, re.compile(r"\b(?:" + pattern + r")")) for posture, strength, pattern in _CUES)


def _cues_of(sentence: Sentence, index: int) -> list[_Cue]:
    cues: list[_Cue] = []
    for clause_number, clause in enumerate(sentence.clauses):
        if clause.kind is ClauseKind.NEGATION or _COMPARISON.match(clause.text):
            continue
        for posture, strength, pattern in _compiled():
            for match in pattern.finditer(clause.text):
                before = clause.text[: match.start()]
                target = bool(_TARGET.search(before)) and not _SETUP_INTO.search(before)
                if (
                    "stand_up" in match.group(0)
                    or match.group(0) == "stand"
                    and clause.text[match.end() :].startswith("_up")
                ):
                    target = target or index > 0 or clause_number > 0
                cues.append(_Cue(posture, strength, index, target))
    return cues


def _is_movement(sentence: Sentence) -> bool:
    """Whether a sentence asks for a movement (a verb acting on a body part), not only a position."""
    moving = {
        Verb.LIFT,
        Verb.LOWER,
        Verb.BEND,
        Verb.STRAIGHTEN,
        Verb.OPEN,
        Verb.ROTATE,
        Verb.ARCH,
        Verb.ROUND,
        Verb.TILT,
        Verb.SLIDE,
        Verb.REACH,
        Verb.PUSH,
        Verb.PULL,
        Verb.SQUAT,
        Verb.LUNGE,
        Verb.HINGE,
        Verb.LEAN,
        Verb.MARCH,
        Verb.RISE,
        Verb.STEP,
    }
    for clause in sentence.clauses:
        if clause.kind is not ClauseKind.ACTION:
            continue
        for action in clause.actions:
            if action.verb in moving and (action.parts or action.directions):
                return True
    return False


def read_posture(name: str, steps: list[str]) -> PostureReading:
    """The starting posture from the steps, else the name, else standing; with the deciding sentence."""
    found = sentences(steps)
    from_steps = _from_steps(found, name)
    if from_steps is not None:
        return from_steps
    named = posture_of_name(name)
    if named is not None:
        return PostureReading(named, name, Source.NAME)
    return PostureReading(Posture.STANDING, "", Source.DEFAULT)


def _from_steps(found: list[Sentence], name: str) -> PostureReading | None:
    cues = [cue for index, sentence in enumerate(found) for cue in _cues_of(sentence, index)]
    starting = [cue for cue in cues if not cue.target]
    if not starting:
        return None
    labelled = [cue for cue in starting if found[cue.sentence].starts_label or _marks_start(found, cue.sentence)]
    pool = labelled or starting
    strongest = max(cue.strength for cue in pool)
    if strongest == 1 and (named := posture_of_name(name)) is not None:
        return PostureReading(named, name, Source.NAME)
    chosen = _starting_cue([cue for cue in pool if cue.strength >= min(strongest, 2)], found)
    posture = _within_sentence(chosen, [cue for cue in pool if cue.sentence == chosen.sentence], found)
    posture, decided_by = _refined(posture, chosen.sentence, cues, found, name)
    return PostureReading(posture, found[decided_by].original, Source.STEPS)


def _marks_start(found: list[Sentence], index: int) -> bool:
    here = bool(EXPLICIT_START.search(found[index].text))
    following = index + 1 < len(found) and bool(EXPLICIT_START.search(found[index + 1].text))
    following = following and not any(_cues_of(found[index + 1], index + 1))
    return here or following


def _starting_cue(pool: list[_Cue], found: list[Sentence]) -> _Cue:
    """The last position set up before the first movement sentence (the first cue when none comes before it)."""
    first_movement = next(
        (index for index, sentence in enumerate(found) if _is_movement(sentence) and not _cues_of(sentence, index)),
        len(found),
    )
    before = [cue for cue in pool if cue.sentence < first_movement] or pool[:1]
    last_sentence = max(cue.sentence for cue in before)
    if before[0].sentence != last_sentence and not _is_setup_change(found, before[0].sentence, last_sentence):
        last_sentence = before[0].sentence
    return next(cue for cue in before if cue.sentence == last_sentence)


def _is_setup_change(found: list[Sentence], first: int, last: int) -> bool:
    """Whether a later position sentence replaces the first (sit down to put a band on, then lie down)."""
    text = found[last].text
    return bool(
        re.match(
            r"^(?:now |then |next |and )?(?:lie|lying|lay|get|kneel|come|go|turn|roll|sit|stand|start|begin|position|"
            r"assume|place yourself|move)",
            text,
        )
    )


def _within_sentence(chosen: _Cue, same: list[_Cue], found: list[Sentence]) -> Posture:
    """The posture a sentence sets up when it names several (the strongest; kneeling with hands down is all fours)."""
    postures = {cue.posture for cue in same}
    strongest = max(cue.strength for cue in same)
    best = [cue.posture for cue in same if cue.strength == strongest]
    text = found[chosen.sentence].text
    if Posture.KNEELING in postures and Posture.HALF_KNEELING not in postures and _HANDS_DOWN.search(text):
        return Posture.QUADRUPED
    for preferred in (
        Posture.SIDE_PLANK,
        Posture.PLANK,
        Posture.HALF_KNEELING,
        Posture.QUADRUPED,
        Posture.SEATED_FLOOR,
    ):
        if preferred in best:
            return preferred
    if Posture.SEATED_CHAIR in best and _LEGS_OUT.search(text) and "chair" not in text and "bench" not in text:
        return Posture.SEATED_FLOOR
    return best[0]


def _refined(posture: Posture, index: int, cues: list[_Cue], found: list[Sentence], name: str) -> tuple[Posture, int]:
    """A later sentence (or the name) that turns the start into a plank, a side plank or half-kneeling."""
    later = [cue for cue in cues if cue.sentence >= index]
    named = posture_of_name(name)
    if posture in {Posture.PRONE, Posture.QUADRUPED}:
        for cue in later:
            if cue.posture is Posture.PLANK and cue.sentence > index or (cue.posture is Posture.PLANK and cue.target):
                return Posture.PLANK, cue.sentence
        if named is Posture.PLANK and posture is Posture.PRONE:
            return Posture.PLANK, index
    if posture is Posture.SIDE_LYING:
        for cue in later:
            if cue.posture is Posture.SIDE_PLANK:
                return Posture.SIDE_PLANK, cue.sentence
        if named is Posture.SIDE_PLANK:
            return Posture.SIDE_PLANK, index
        lift = _hips_lift_on_forearm(found, index)
        if lift is not None:
            return Posture.SIDE_PLANK, lift
    if posture is Posture.KNEELING:
        for sentence in found[index : index + 6]:
            if _is_movement(sentence):
                break
            if _HANDS_DOWN.search(sentence.text):
                return Posture.QUADRUPED, index
        for cue in later:
            if cue.posture is Posture.HALF_KNEELING and cue.sentence <= index + 1:
                return Posture.HALF_KNEELING, cue.sentence
        for following in range(index, min(index + 2, len(found))):
            if _FOOT_FORWARD.search(found[following].text):
                return Posture.HALF_KNEELING, following
        if named is Posture.HALF_KNEELING:
            return Posture.HALF_KNEELING, index
    if posture is Posture.SEATED_CHAIR and named is Posture.SEATED_FLOOR and "chair" not in found[index].text:
        return Posture.SEATED_FLOOR, index
    return posture, index


def _hips_lift_on_forearm(found: list[Sentence], start: int) -> int | None:
    """The sentence lifting the hips off the floor while propped on a forearm or hand (a side plank)."""
    propped = any(
        re.search(r"\b(?:forearm|elbow|hand|palm)s?\b", sentence.text) for sentence in found[start : start + 3]
    )
    if not propped:
        return None
    for index in range(start, len(found)):
        for clause in found[index].clauses:
            if clause.kind is not ClauseKind.ACTION:
                continue
            for action in clause.actions:
                if action.verb in {Verb.LIFT, Verb.PUSH, Verb.RISE} and action.has_part(Part.HIPS, Part.BODY):
                    return index
    return None


# Names of well-known exercises and the postures they start in; checked after the position words.
_NAMES: tuple[tuple[Posture, str], ...] = (
    (Posture.SIDE_PLANK, r"side (?:plank|bridge)|copenhagen|lateral plank"),
    (Posture.PLANK, r"planks?|mountain climbers?|bear crawl|shoulder taps?"),
    (
        Posture.HALF_KNEELING,
        r"half kneel\w*|kneeling (?:hip flexor|lunge|psoas|quad)|(?<!standing )hip flexor stretch|couch stretch",
    ),
    (Posture.STANDING, r"standing|stand\b"),
    (
        Posture.SEATED_FLOOR,
        r"long sit\w*|butterfly|v sit|seated (?:forward fold|toe touch|straddle)|sitting forward fold",
    ),
    (Posture.SEATED_CHAIR, r"seated|sitting|sit ?to ?stand|sit stand|chair"),
    (Posture.KNEELING, r"kneel\w*|child'?s pose|child pose|prayer stretch"),
    (Posture.PRONE, r"prone|superman|swimmers?|cobra|sphinx|press ?ups? in lying|lying press ?ups?|mckenzie"),
    (Posture.PLANK, r"push ?ups?|press ?ups?|pushups?"),
    (
        Posture.SUPINE,
        r"bench press|(?:decline|incline|floor) (?:bench |dumbbell |barbell |chest )?(?:press|fly|flye)s?|pullovers?|"
        r"skull ?crushers?|chest fl(?:y|ies|yes)",
    ),
    (
        Posture.SIDE_LYING,
        r"side ?lying|clam ?shells?|clams?\b|open book|side leg (?:lift|raise)s?|lateral leg raises?|oyster",
    ),
    (
        Posture.QUADRUPED,
        r"quadruped|bird ?dogs?|fire hydrants?|donkey kicks?|cat ?(?:cow|camel)|cat stretch|"
        r"thread the needle|all_fours|hands_and_knees|tabletop|rock(?:ing)? backs?|pigeon|hydrants?",
    ),
    (
        Posture.SUPINE,
        r"supine|lying|bridges?|bridging|hip (?:thrust|lift|raise)s?|dead ?bugs?|heel slides?|knee_to_chest"
        r"|knees? hugs?|pelvic tilts?|crunch\w*|curl ?ups?|sit ?ups?|straight leg raises?|leg raises?|windscreen|"
        r"windshield"
        r"|lower trunk rotations?|knee (?:rolls|drops|fall ?outs?|fallouts?)|bent knee fall|happy baby|"
        r"figure (?:four|4)"
        r"|piriformis|hamstring stretch with (?:a )?(?:strap|towel|band)",
    ),
    (
        Posture.STANDING,
        r"squats?|lunges?|deadlifts?|hinges?|good mornings?|calf raises?|heel raises?|step ?ups?|wall sits?"
        r"|walk\w*|march\w*|kickbacks?|monster|lateral band|balance|toe raises?|hip hikes?|wall slides?|rows?|"
        r"press\w*|curls?",
    ),
)


@cache
def _compiled_names() -> tuple[tuple[Posture, re.Pattern[str]], ...]:
    return tuple((posture, re.compile(r"\b(?:" + pattern + r")")) for posture, pattern in _NAMES)


def posture_of_name(name: str) -> Posture | None:
    """The posture an exercise's name implies ("Side plank", "Seated march", "Clam shell"), if any."""
    text = normalise(name)
    for posture, pattern in _compiled_names():
        if pattern.search(text):
            return posture
    return None
