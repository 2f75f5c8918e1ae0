"""What moves in an exercise, and which movements the figure can draw from which posture.

A `Movement` names the joint that moves and how ("hip abduction with the knee bent", "trunk
rotation", "a hold"). `DRAWABLE` lists the postures each movement is drawn from; the movement reader
(`rehabit.illustrate.reading_rules`) only ever answers with a movement drawable from the posture it
was given, so a figure never shows a movement it cannot show honestly.
"""

from __future__ import annotations

from enum import StrEnum

from rehabit.illustrate.posture import Posture


class Movement(StrEnum):
    HOLD = "hold"
    BRIDGE = "bridge"
    SINGLE_LEG_BRIDGE = "single-leg-bridge"
    HIP_ABDUCTION_BENT_KNEE = "hip-abduction-bent-knee"
    HIP_ABDUCTION = "hip-abduction"
    HIP_ADDUCTION = "hip-adduction"
    HIP_EXTENSION = "hip-extension"
    HIP_EXTENSION_BENT_KNEE = "hip-extension-bent-knee"
    HIP_FLEXION = "hip-flexion"
    KNEE_RAISE = "knee-raise"
    HEEL_SLIDE = "heel-slide"
    KNEE_EXTENSION = "knee-extension"
    KNEE_FLEXION = "knee-flexion"
    OPPOSITE_ARM_LEG = "opposite-arm-leg"
    CAT_COW = "cat-cow"
    TRUNK_FLEXION = "trunk-flexion"
    TRUNK_EXTENSION = "trunk-extension"
    TRUNK_ROTATION = "trunk-rotation"
    SIDE_BEND = "side-bend"
    PELVIC_TILT = "pelvic-tilt"
    HIP_HINGE = "hip-hinge"
    SQUAT = "squat"
    LUNGE = "lunge"
    SIT_TO_STAND = "sit-to-stand"
    STEP_UP = "step-up"
    CALF_RAISE = "calf-raise"
    CALF_STRETCH = "calf-stretch"
    HIP_FLEXOR_STRETCH = "hip-flexor-stretch"
    SIT_BACK = "sit-back"
    FIGURE_FOUR = "figure-four"
    PIGEON = "pigeon"
    PUSH_UP = "push-up"
    SINGLE_LEG_BALANCE = "single-leg-balance"
    SIDE_PLANK_LIFT = "side-plank-lift"

    @property
    def words(self) -> str:
        """The movement in plain words: which joint moves and how."""
        return MOVEMENT_WORDS[self]


NO_MOVEMENT = "no movement drawn"

MOVEMENT_WORDS: dict[Movement, str] = {
    Movement.HOLD: "a hold: the position is kept still",
    Movement.BRIDGE: "hip extension: the hips lift off the floor",
    Movement.SINGLE_LEG_BRIDGE: "hip extension on one leg: the hips lift, the other leg held straight",
    Movement.HIP_ABDUCTION_BENT_KNEE: "hip abduction with the knee bent: the knee opens out to the side",
    Movement.HIP_ABDUCTION: "hip abduction with the leg straight: the leg lifts out to the side",
    Movement.HIP_ADDUCTION: "hip adduction: the inner thigh lifts the leg towards the midline",
    Movement.HIP_EXTENSION: "hip extension with the leg straight: the leg moves back",
    Movement.HIP_EXTENSION_BENT_KNEE: "hip extension with the knee bent: the sole pushes up behind",
    Movement.HIP_FLEXION: "hip flexion with the leg straight: the leg lifts in front",
    Movement.KNEE_RAISE: "hip flexion with the knee bent: the knee comes up towards the chest",
    Movement.HEEL_SLIDE: "hip and knee flexion: the heel slides along the floor towards the buttock",
    Movement.KNEE_EXTENSION: "knee extension: the knee straightens",
    Movement.KNEE_FLEXION: "knee flexion: the heel comes towards the buttock",
    Movement.OPPOSITE_ARM_LEG: "one arm and the opposite leg reach out together",
    Movement.CAT_COW: "spine flexion and extension: the back rounds, then arches",
    Movement.TRUNK_FLEXION: "trunk flexion: bending or curling forward",
    Movement.TRUNK_EXTENSION: "trunk extension: the back arches, the chest lifts",
    Movement.TRUNK_ROTATION: "trunk rotation: the spine turns",
    Movement.SIDE_BEND: "trunk side bend: bending sideways at the waist",
    Movement.PELVIC_TILT: "pelvic tilt: the low back flattens as the pelvis tilts",
    Movement.HIP_HINGE: "hip hinge: bending forward at the hips with a flat back",
    Movement.SQUAT: "squat: hips and knees bend to lower the body",
    Movement.LUNGE: "lunge: split stance, both knees bend",
    Movement.SIT_TO_STAND: "sit to stand: rising from the chair and sitting back down",
    Movement.STEP_UP: "step up onto a step",
    Movement.CALF_RAISE: "calf raise: the heels lift, up onto the toes",
    Movement.CALF_STRETCH: "calf stretch: leaning forward with the back heel down",
    Movement.HIP_FLEXOR_STRETCH: "hip flexor stretch: the hips move forward over the front foot",
    Movement.SIT_BACK: "sitting back: the hips go back towards the heels",
    Movement.FIGURE_FOUR: "figure-four stretch: one ankle rests across the other knee",
    Movement.PIGEON: "pigeon stretch: the front shin lies across, the back leg reaches long",
    Movement.PUSH_UP: "push-up: the elbows bend and the chest lowers",
    Movement.SINGLE_LEG_BALANCE: "balancing on one leg",
    Movement.SIDE_PLANK_LIFT: "the hips lift from the floor into a side plank",
}

P = Posture
DRAWABLE: dict[Movement, frozenset[Posture]] = {
    Movement.HOLD: frozenset(Posture),
    Movement.BRIDGE: frozenset({P.SUPINE}),
    Movement.SINGLE_LEG_BRIDGE: frozenset({P.SUPINE}),
    Movement.HIP_ABDUCTION_BENT_KNEE: frozenset({P.SIDE_LYING, P.QUADRUPED, P.SUPINE, P.SEATED_FLOOR, P.SEATED_CHAIR}),
    Movement.HIP_ABDUCTION: frozenset({P.SIDE_LYING, P.SIDE_PLANK, P.STANDING}),
    Movement.HIP_ADDUCTION: frozenset({P.SIDE_LYING}),
    Movement.HIP_EXTENSION: frozenset({P.PRONE, P.QUADRUPED, P.STANDING, P.PLANK}),
    Movement.HIP_EXTENSION_BENT_KNEE: frozenset({P.QUADRUPED, P.PRONE}),
    Movement.HIP_FLEXION: frozenset({P.SUPINE, P.STANDING}),
    Movement.KNEE_RAISE: frozenset({P.SUPINE, P.STANDING, P.SEATED_CHAIR, P.PLANK}),
    Movement.HEEL_SLIDE: frozenset({P.SUPINE}),
    Movement.KNEE_EXTENSION: frozenset({P.SEATED_CHAIR}),
    Movement.KNEE_FLEXION: frozenset({P.PRONE, P.STANDING, P.SIDE_LYING}),
    Movement.OPPOSITE_ARM_LEG: frozenset({P.QUADRUPED, P.SUPINE, P.PRONE}),
    Movement.CAT_COW: frozenset({P.QUADRUPED}),
    Movement.TRUNK_FLEXION: frozenset({P.SUPINE, P.SEATED_FLOOR, P.SEATED_CHAIR, P.STANDING}),
    Movement.TRUNK_EXTENSION: frozenset({P.PRONE, P.STANDING}),
    Movement.TRUNK_ROTATION: frozenset(
        {P.SUPINE, P.QUADRUPED, P.SIDE_LYING, P.SEATED_FLOOR, P.SEATED_CHAIR, P.HALF_KNEELING, P.KNEELING, P.STANDING}
    ),
    Movement.SIDE_BEND: frozenset({P.STANDING, P.SEATED_CHAIR, P.KNEELING, P.HALF_KNEELING}),
    Movement.PELVIC_TILT: frozenset({P.SUPINE}),
    Movement.HIP_HINGE: frozenset({P.STANDING, P.KNEELING}),
    Movement.SQUAT: frozenset({P.STANDING}),
    Movement.LUNGE: frozenset({P.STANDING}),
    Movement.SIT_TO_STAND: frozenset({P.SEATED_CHAIR}),
    Movement.STEP_UP: frozenset({P.STANDING}),
    Movement.CALF_RAISE: frozenset({P.STANDING, P.SEATED_CHAIR}),
    Movement.CALF_STRETCH: frozenset({P.STANDING}),
    Movement.HIP_FLEXOR_STRETCH: frozenset({P.HALF_KNEELING}),
    Movement.SIT_BACK: frozenset({P.QUADRUPED, P.KNEELING}),
    Movement.FIGURE_FOUR: frozenset({P.SUPINE, P.SEATED_CHAIR, P.SEATED_FLOOR}),
    Movement.PIGEON: frozenset({P.QUADRUPED, P.SEATED_FLOOR}),
    Movement.PUSH_UP: frozenset({P.PLANK}),
    Movement.SINGLE_LEG_BALANCE: frozenset({P.STANDING}),
    Movement.SIDE_PLANK_LIFT: frozenset({P.SIDE_PLANK}),
}


def drawable(movement: Movement, posture: Posture) -> bool:
    """Whether the figure can draw this movement from this posture."""
    return posture in DRAWABLE[movement]
