"""Reading the movement from the steps: verbs acting on body parts, in the posture already decided.

Each posture has an ordered list of rules (in `_rules_floor` and `_rules_upright`); the first that
finds its evidence in an action clause decides, and the sentence it found is the evidence. The name
decides only when the steps say nothing a rule recognises, and only if every part the steps move
belongs to the named movement. Rules only answer with movements drawable from the posture, so an
exercise the figure cannot show gets no movement at all rather than a wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass

from rehabit.illustrate import _rules_floor as floor
from rehabit.illustrate import _rules_upright as upright
from rehabit.illustrate._evidence import ARMS, LEGS, D, Evidence, Rule, V
from rehabit.illustrate.movement import Movement, drawable
from rehabit.illustrate.posture import EXPLICIT_START, Posture
from rehabit.illustrate.text import Sentence, normalise
from rehabit.illustrate.words import Part

MOVING = {
    V.LIFT,
    V.LOWER,
    V.BEND,
    V.STRAIGHTEN,
    V.OPEN,
    V.CLOSE,
    V.ROTATE,
    V.ARCH,
    V.ROUND,
    V.TILT,
    V.SLIDE,
    V.REACH,
    V.PUSH,
    V.PULL,
    V.BRING,
    V.CROSS,
    V.STEP,
    V.STAND,
    V.SQUAT,
    V.LUNGE,
    V.HINGE,
    V.LEAN,
    V.MARCH,
    V.RISE,
    V.SIT,
}


@dataclass(frozen=True)
class MovementReading:
    """The movement to draw and the sentence (or the name) that decided it."""

    movement: Movement
    evidence: str
    from_name: bool = False


RULES: dict[Posture, tuple[tuple[Movement, Rule], ...]] = {
    Posture.SIDE_LYING: (
        (Movement.TRUNK_ROTATION, floor.open_book),
        (Movement.HIP_ABDUCTION_BENT_KNEE, floor.clam),
        (Movement.HIP_ADDUCTION, floor.adduction),
        (Movement.KNEE_FLEXION, floor.heel_to_buttock),
        (Movement.HIP_ABDUCTION, floor.leg_abduction),
    ),
    Posture.SIDE_PLANK: (
        (Movement.HIP_ABDUCTION, floor.side_plank_leg),
        (Movement.SIDE_PLANK_LIFT, floor.hip_dips),
    ),
    Posture.QUADRUPED: (
        (Movement.PIGEON, floor.pigeon),
        (Movement.SIT_BACK, floor.sit_back),
        (Movement.OPPOSITE_ARM_LEG, floor.bird_dog),
        (Movement.CAT_COW, floor.cat_cow),
        (Movement.TRUNK_ROTATION, floor.thread_needle),
        (Movement.HIP_ABDUCTION_BENT_KNEE, floor.hydrant),
        (Movement.HIP_EXTENSION_BENT_KNEE, floor.donkey_kick),
        (Movement.HIP_EXTENSION, floor.leg_back),
    ),
    Posture.SUPINE: (
        (Movement.OPPOSITE_ARM_LEG, floor.dead_bug),
        (Movement.SINGLE_LEG_BRIDGE, floor.single_leg_bridge),
        (Movement.BRIDGE, floor.bridge),
        (Movement.HEEL_SLIDE, floor.heel_slide),
        (Movement.FIGURE_FOUR, floor.figure_four),
        (Movement.TRUNK_ROTATION, floor.knees_to_side),
        (Movement.HIP_ABDUCTION_BENT_KNEE, floor.knee_falls_out),
        (Movement.KNEE_RAISE, floor.knee_to_chest),
        (Movement.HIP_FLEXION, floor.straight_leg_raise),
        (Movement.KNEE_RAISE, floor.march),
        (Movement.PELVIC_TILT, floor.pelvic_tilt),
        (Movement.TRUNK_FLEXION, floor.curl_up),
    ),
    Posture.PRONE: (
        (Movement.TRUNK_EXTENSION, floor.press_up),
        (Movement.KNEE_FLEXION, floor.prone_knee_bend),
        (Movement.HIP_EXTENSION_BENT_KNEE, floor.prone_bent_leg),
        (Movement.HIP_EXTENSION, floor.prone_leg),
    ),
    Posture.PLANK: (
        (Movement.PUSH_UP, floor.push_up),
        (Movement.KNEE_RAISE, floor.mountain_climber),
        (Movement.HIP_EXTENSION, floor.plank_leg),
    ),
    Posture.KNEELING: (
        (Movement.SIDE_BEND, upright.side_bend),
        (Movement.HIP_HINGE, upright.hip_hinge),
        (Movement.SIT_BACK, floor.sit_back),
        (Movement.TRUNK_ROTATION, upright.rotation),
    ),
    Posture.HALF_KNEELING: (
        (Movement.TRUNK_ROTATION, upright.rotation),
        (Movement.SIDE_BEND, upright.side_bend),
        (Movement.HIP_FLEXOR_STRETCH, upright.hip_flexor_stretch),
    ),
    Posture.SEATED_FLOOR: (
        (Movement.PIGEON, floor.pigeon),
        (Movement.TRUNK_ROTATION, upright.rotation),
        (Movement.FIGURE_FOUR, floor.figure_four),
        (Movement.HIP_ABDUCTION_BENT_KNEE, upright.butterfly),
        (Movement.TRUNK_FLEXION, upright.forward_reach),
    ),
    Posture.SEATED_CHAIR: (
        (Movement.SIT_TO_STAND, upright.sit_to_stand),
        (Movement.FIGURE_FOUR, floor.figure_four),
        (Movement.TRUNK_ROTATION, upright.rotation),
        (Movement.SIDE_BEND, upright.side_bend),
        (Movement.CALF_RAISE, upright.calf_raise),
        (Movement.KNEE_EXTENSION, upright.knee_extension),
        (Movement.KNEE_RAISE, upright.stand_knee_raise),
        (Movement.TRUNK_FLEXION, upright.forward_reach),
    ),
    Posture.STANDING: (
        (Movement.STEP_UP, upright.step_up),
        (Movement.CALF_STRETCH, upright.calf_stretch),
        (Movement.LUNGE, upright.lunge),
        (Movement.CALF_RAISE, upright.calf_raise),
        (Movement.HIP_HINGE, upright.hip_hinge),
        (Movement.SIDE_BEND, upright.side_bend),
        (Movement.SQUAT, upright.squat),
        (Movement.HIP_ABDUCTION, upright.stand_hip_abduction),
        (Movement.KNEE_FLEXION, floor.heel_to_buttock),
        (Movement.HIP_EXTENSION, upright.stand_hip_extension),
        (Movement.KNEE_RAISE, upright.stand_knee_raise),
        (Movement.TRUNK_EXTENSION, upright.lean_back),
        (Movement.TRUNK_ROTATION, upright.rotation),
        (Movement.SINGLE_LEG_BALANCE, upright.balance),
        (Movement.TRUNK_FLEXION, upright.forward_reach),
    ),
}

# Names that say the movement when the steps do not (checked in order; the posture must allow it).
NAME_HINTS: tuple[tuple[Movement, str], ...] = (
    (Movement.SIDE_PLANK_LIFT, r"hip dips?"),
    (
        Movement.HIP_ABDUCTION_BENT_KNEE,
        r"clam|oyster|fire hydrant|hydrant|butterfly|bent knee fall ?outs?|knee fall ?outs?",
    ),
    (Movement.OPPOSITE_ARM_LEG, r"bird ?dog|dead ?bug"),
    (Movement.CAT_COW, r"cat ?(?:cow|camel)"),
    (
        Movement.TRUNK_ROTATION,
        r"thread the needle|open book|trunk rotation|knee (?:rolls|drops)|windscreen|windshield|twist",
    ),
    (Movement.SIT_BACK, r"child'?s pose|rock(?:ing)? backs?|prayer stretch"),
    (Movement.PIGEON, r"pigeon"),
    (Movement.HIP_FLEXOR_STRETCH, r"hip flexor stretch|psoas stretch|couch stretch"),
    (Movement.SIT_TO_STAND, r"sit ?to ?stand|chair stands?"),
    (Movement.CALF_RAISE, r"calf raises?|heel raises?"),
    (Movement.HEEL_SLIDE, r"heel slides?"),
    (Movement.TRUNK_EXTENSION, r"press ?ups? in lying|prone press ?ups?|cobra|sphinx|superman|back extension"),
    (Movement.SINGLE_LEG_BRIDGE, r"single leg (?:glute )?bridge|one leg(?:ged)? bridge"),
    (Movement.BRIDGE, r"bridge|hip thrust|hip raise|pelvic lift"),
    (Movement.SQUAT, r"wall sit|squat"),
    (Movement.LUNGE, r"lunge|split squat"),
    (Movement.STEP_UP, r"step ?ups?"),
    (Movement.HIP_HINGE, r"deadlift|hip hinge|good morning"),
    (Movement.KNEE_RAISE, r"knee_to_chest|mountain climbers?|march"),
    (Movement.FIGURE_FOUR, r"figure (?:four|4)|piriformis stretch"),
    (Movement.PELVIC_TILT, r"pelvic tilt"),
    (Movement.TRUNK_FLEXION, r"crunch|curl ?ups?|sit ?ups?"),
    (Movement.HIP_FLEXION, r"straight leg raise"),
    (Movement.HIP_EXTENSION_BENT_KNEE, r"donkey kicks?"),
    (Movement.HIP_EXTENSION, r"kickbacks?|glute kick"),
    (Movement.HIP_ABDUCTION, r"side leg (?:lift|raise)s?|lateral leg raises?|hip abduction"),
    (Movement.HIP_ADDUCTION, r"inner thigh (?:lift|raise)s?|hip adduction"),
    (Movement.PUSH_UP, r"push ?ups?|press ?ups?"),
    (Movement.KNEE_FLEXION, r"hamstring curls?|quad(?:riceps)? stretch"),
    (Movement.CALF_STRETCH, r"calf stretch"),
    (Movement.SINGLE_LEG_BALANCE, r"single leg (?:stance|balance)|one leg(?:ged)? (?:stand|balance)"),
    (Movement.HOLD, r"plank|wall sit|hold"),
)

# "Hold" the position, not "hold the bar" or "hold your ankle".
HOLD = (
    r"hold(?:s|ing)?\b(?! (?:on|onto|a |an |the (?:bar|weight|band|ball|dumbbell|kettlebell|handle|chair|wall|rail"
    r"|strap|towel|ends?|back of)|your (?:ankle|foot|knee|shin|thigh|hand|hands|arm|arms|leg|heel|toes)|both|one|each"
    r"|it with|them with))"
    r"|\bstay\b|\bremain\b|keep (?:this|the) position"
)
NEEDS_HOLD = {Posture.PLANK, Posture.SIDE_PLANK}


def read_movement(posture: Posture, name: str, sentences: list[Sentence]) -> MovementReading | None:
    """The movement drawn from this posture, or None when the text shows none the figure can draw."""
    text = Evidence(tuple(sentences), normalise(name), movement_start(sentences))
    for movement, rule in RULES.get(posture, ()):
        found = rule(text)
        if found is not None and drawable(movement, posture):
            return MovementReading(movement, sentences[found].original)
    unexplained = _unexplained(text, posture)
    for movement, pattern in NAME_HINTS:
        if movement is Movement.HOLD or not text.named(pattern) or not drawable(movement, posture):
            continue
        if unexplained <= MOVES.get(movement, set()):
            return MovementReading(movement, name, from_name=True)
    if unexplained:
        return None
    hold = text.said(HOLD)
    if hold is not None:
        return MovementReading(Movement.HOLD, sentences[hold].original)
    if text.named(r"plank|wall sit|hold\b") or posture in NEEDS_HOLD and not sentences:
        return MovementReading(Movement.HOLD, name, from_name=True)
    if posture in NEEDS_HOLD:
        return MovementReading(Movement.HOLD, sentences[0].original)
    return None


# The body parts each movement moves: steps that move other parts are not this movement.
MOVES: dict[Movement, set[Part]] = {
    Movement.HIP_ABDUCTION_BENT_KNEE: {Part.KNEE, Part.LEG, Part.THIGH},
    Movement.HIP_ABDUCTION: {Part.LEG, Part.FOOT, Part.THIGH},
    Movement.HIP_ADDUCTION: {Part.LEG, Part.FOOT, Part.THIGH, Part.SHIN},
    Movement.HIP_EXTENSION: {Part.LEG, Part.FOOT, Part.HEEL, Part.THIGH},
    Movement.HIP_EXTENSION_BENT_KNEE: {Part.LEG, Part.FOOT, Part.HEEL, Part.KNEE, Part.THIGH},
    Movement.HIP_FLEXION: {Part.LEG, Part.THIGH, Part.FOOT},
    Movement.KNEE_RAISE: {Part.KNEE, Part.LEG, Part.THIGH, Part.FOOT},
    Movement.OPPOSITE_ARM_LEG: ARMS | LEGS,
    Movement.CAT_COW: {Part.BACK, Part.HEAD, Part.CHEST, Part.HIPS, Part.BELLY},
    Movement.SIDE_PLANK_LIFT: {Part.HIPS, Part.BODY},
    Movement.BRIDGE: {Part.HIPS, Part.BODY, Part.KNEE},
    Movement.SINGLE_LEG_BRIDGE: {Part.HIPS, Part.BODY, Part.KNEE, Part.LEG, Part.FOOT},
    Movement.HEEL_SLIDE: {Part.HEEL, Part.FOOT, Part.LEG, Part.KNEE},
    Movement.KNEE_EXTENSION: {Part.KNEE, Part.LEG, Part.FOOT, Part.SHIN},
    Movement.KNEE_FLEXION: {Part.KNEE, Part.LEG, Part.FOOT, Part.HEEL, Part.SHIN},
    Movement.TRUNK_FLEXION: {Part.CHEST, Part.BODY, Part.HEAD, Part.SHOULDER, Part.BACK} | ARMS,
    Movement.TRUNK_EXTENSION: {Part.CHEST, Part.BODY, Part.HEAD, Part.SHOULDER, Part.BACK} | ARMS,
    Movement.TRUNK_ROTATION: {Part.CHEST, Part.BODY, Part.HEAD, Part.SHOULDER, Part.KNEE, Part.LEG} | ARMS,
    Movement.SIDE_BEND: {Part.CHEST, Part.BODY, Part.SHOULDER} | ARMS,
    Movement.PELVIC_TILT: {Part.HIPS, Part.BACK, Part.BELLY},
    Movement.HIP_HINGE: {Part.HIPS, Part.CHEST, Part.BODY, Part.KNEE} | ARMS,
    Movement.SQUAT: {Part.HIPS, Part.KNEE, Part.BODY, Part.CHEST} | ARMS,
    Movement.LUNGE: {Part.HIPS, Part.KNEE, Part.BODY, Part.LEG, Part.FOOT},
    Movement.SIT_TO_STAND: {Part.HIPS, Part.BODY, Part.CHEST} | ARMS,
    Movement.STEP_UP: {Part.FOOT, Part.LEG, Part.KNEE, Part.BODY},
    Movement.CALF_RAISE: {Part.HEEL, Part.TOES, Part.FOOT, Part.BODY},
    Movement.CALF_STRETCH: {Part.FOOT, Part.LEG, Part.KNEE, Part.HEEL, Part.BODY, Part.HIPS} | ARMS,
    Movement.HIP_FLEXOR_STRETCH: {Part.HIPS, Part.BODY, Part.KNEE, Part.CHEST},
    Movement.SIT_BACK: {Part.HIPS, Part.BODY, Part.CHEST, Part.HEAD} | ARMS,
    Movement.FIGURE_FOUR: {Part.FOOT, Part.LEG, Part.KNEE, Part.THIGH, Part.CHEST, Part.BODY} | ARMS,
    Movement.PIGEON: LEGS | {Part.HIPS, Part.CHEST, Part.BODY} | ARMS,
    Movement.PUSH_UP: {Part.CHEST, Part.BODY} | ARMS,
    Movement.SINGLE_LEG_BALANCE: {Part.FOOT, Part.LEG, Part.KNEE},
    Movement.HOLD: set(),
}


def movement_start(sentences: list[Sentence]) -> int:
    """The first sentence after the one saying "this is your starting position" (0 without one, or with none after)."""
    marked = [index for index, sentence in enumerate(sentences) if EXPLICIT_START.search(sentence.text)]
    return marked[0] + 1 if marked and marked[0] + 1 < len(sentences) else 0


def _unexplained(text: Evidence, posture: Posture) -> set[Part]:
    """The parts the steps move in ways no rule read (a hold, or a name's movement, must explain them)."""
    found: set[Part] = set()
    for index, action in text.actions(implements=True):
        if action.implement and action.verb in MOVING:
            found.add(Part.HAND)  # lifting, lowering, pressing a weight: the arms' work, which no rule draws
            continue
        if action.verb not in MOVING or not action.parts:
            continue
        parts = {part for part, _ in action.parts}
        if posture in NEEDS_HOLD:
            parts &= LEGS  # lifting into the plank, sagging, or where the arms go do not change the hold
        elif index == 0 and action.verb in {V.BEND, V.STRAIGHTEN, V.PUSH, V.BRING, V.CROSS}:
            continue  # setting up ("bend your knees", "place your hands under your shoulders")
        if action.verb is V.BRING and action.directions <= {D.UNDER, D.FORWARD} and not parts & LEGS:
            continue
        found |= parts
    return found
