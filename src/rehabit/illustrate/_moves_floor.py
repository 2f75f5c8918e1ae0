"""Movement builders for the postures on the floor: side-lying, side plank, all fours, back, front, plank.

Each builder derives the movement's key poses from the posture's stance: which joints change, which
supports are let go of (a lifted knee, a raised hand) and which joints the solver may move to keep
the rest on the floor.
"""

from __future__ import annotations

from dataclasses import replace

from rehabit.illustrate._derive import Plan, Setup, builds, derive, sides, swing_leg
from rehabit.illustrate.camera import Camera
from rehabit.illustrate.movement import Movement as M
from rehabit.illustrate.posture import Posture as P
from rehabit.illustrate.solve import link
from rehabit.illustrate.stances import FEET_FLAT, LEG_JOINTS, Stance, Variant, both, planted, resting, stance
from rehabit.illustrate.timing import KeyPose

ARMS = ("near_shoulder", "far_shoulder", "near_elbow", "far_elbow")
CLAM_VIEW = Camera(0.0, 12.0)  # from the front, low: the top knee rises up the picture

# --- lying on the side ------------------------------------------------------------------------


@builds(P.SIDE_LYING, M.HIP_ABDUCTION_BENT_KNEE, Variant.KNEES_BENT)
def clam(start: Stance, setup: Setup) -> Plan:
    bent = derive(start.key, "start", {**both(hip=62, knee=100)}, free=("trunk", "roll", "neck"))
    opened = derive(bent, "knee open", swing_leg(bent, "near", 40.0), free=())
    return Plan((bent, opened), camera=CLAM_VIEW)


@builds(P.SIDE_LYING, M.HIP_ABDUCTION)
def side_leg_raise(start: Stance, setup: Setup) -> Plan:
    return Plan((start.key, derive(start.key, "leg up", {"near_hip_abduction": 38.0, "near_ankle": -5.0})))


@builds(P.SIDE_LYING, M.HIP_ADDUCTION)
def inner_thigh_lift(start: Stance, setup: Setup) -> Plan:
    crossed = derive(
        start.key,
        "start",
        {"near_hip": 75.0, "near_knee": 85.0, "near_hip_abduction": -12.0},
        add=planted("near_foot"),
        free=("near_hip_abduction", "near_ankle"),
    )
    lifted = derive(crossed, "leg up", {"far_hip_abduction": -22.0}, drop=["far_shin", "far_thigh"])
    return Plan((crossed, lifted))


@builds(P.SIDE_LYING, M.TRUNK_ROTATION, Variant.KNEES_BENT)
def open_book(start: Stance, setup: Setup) -> Plan:
    reach = derive(
        start.key,
        "start",
        {**both(hip=75, knee=95), **both(shoulder=88, elbow=3), "far_shoulder_abduction": 0.0, "neck": 0.0},
        free=("far_shoulder",),
    )
    opened = derive(
        reach,
        "open",
        {"spine_rotation": -42.0, "near_shoulder": 25.0, "near_shoulder_abduction": 100.0, "neck": -5.0},
    )
    return Plan((reach, opened), camera=Camera(0.0, 38.0))


@builds(P.SIDE_LYING, M.KNEE_FLEXION)
def side_lying_quad_stretch(start: Stance, setup: Setup) -> Plan:
    held = derive(
        start.key,
        "stretch",
        {"near_knee": 128.0, "near_hip": -8.0, "near_shoulder": -35.0, "near_elbow": 25.0},
        add=[link("near_hand", "near_ankle", 6.0)],
        free=("near_shoulder", "near_elbow", "near_shoulder_abduction", "near_hip"),
        hold=True,
    )
    return Plan((start.key, held))


# --- side plank -------------------------------------------------------------------------------


@builds(P.SIDE_PLANK, M.HIP_ABDUCTION)
def side_plank_leg_lift(start: Stance, setup: Setup) -> Plan:
    return Plan((start.key, derive(start.key, "leg up", {"near_hip_abduction": 32.0})))


@builds(P.SIDE_PLANK, M.SIDE_PLANK_LIFT)
def side_plank_lift(start: Stance, setup: Setup) -> Plan:
    down = derive(
        start.key,
        "down",
        {"near_hip_abduction": -20.0, "far_hip_abduction": 20.0},
        contacts=[*planted("far_forearm"), *resting("pelvis", "far_foot")],
        free=("far_shoulder_abduction", "far_elbow", "far_shoulder", "near_hip_abduction", "far_hip_abduction"),
        lower=10.0,
    )
    return Plan((down, replace(start.key, name="hips up", hold=True)))


# --- on hands and knees -----------------------------------------------------------------------

HYDRANT_VIEW = Camera(150.0, 25.0)  # from behind and a little above: the knee goes out to the side


@builds(P.QUADRUPED, M.HIP_ABDUCTION_BENT_KNEE)
def fire_hydrant(start: Stance, setup: Setup) -> Plan:
    lifted = derive(start.key, "knee out", {"near_hip_abduction": 48.0}, drop=["near_knee", "near_foot"])
    return Plan((start.key, lifted), camera=HYDRANT_VIEW)


@builds(P.QUADRUPED, M.HIP_EXTENSION_BENT_KNEE)
def donkey_kick(start: Stance, setup: Setup) -> Plan:
    lifted = derive(start.key, "sole up", {"near_hip": -2.0, "near_knee": 90.0}, drop=["near_knee", "near_foot"])
    return Plan((start.key, lifted))


@builds(P.QUADRUPED, M.HIP_EXTENSION)
def quadruped_leg_extension(start: Stance, setup: Setup) -> Plan:
    lifted = derive(
        start.key,
        "leg back",
        {"near_hip": -4.0, "near_knee": 0.0, "near_ankle": -30.0},
        drop=["near_knee", "near_foot"],
    )
    return Plan((start.key, lifted))


@builds(P.QUADRUPED, M.OPPOSITE_ARM_LEG)
def bird_dog(start: Stance, setup: Setup) -> Plan:
    reach = derive(
        start.key,
        "reach",
        {"near_hip": -2.0, "near_knee": 0.0, "near_ankle": -30.0, "far_shoulder": 172.0, "far_elbow": 0.0},
        drop=["near_knee", "near_foot", "far_hand"],
        hold=True,
    )
    return Plan((start.key, reach))


@builds(P.QUADRUPED, M.CAT_COW)
def cat_cow(start: Stance, setup: Setup) -> Plan:
    free = ("trunk", "near_hip", "far_hip", "near_shoulder", "far_shoulder", "near_ankle", "far_ankle")
    cat = derive(start.key, "back rounded", {"spine": 32.0, "neck": 28.0}, free=free)
    cow = derive(start.key, "back arched", {"spine": -18.0, "neck": -28.0}, free=free)
    return Plan((cat, cow), alternating=True)


@builds(P.QUADRUPED, M.TRUNK_ROTATION)
def thread_the_needle(start: Stance, setup: Setup) -> Plan:
    threaded = derive(
        start.key,
        "arm threaded",
        {
            "spine_rotation": 38.0,
            "near_shoulder": 95.0,
            "near_shoulder_abduction": -55.0,
            "near_elbow": 0.0,
            "neck": 10.0,
        },
        contacts=[*planted("far_hand", "near_knee", "far_knee"), *resting("near_hand", "near_foot", "far_foot")],
        free=("trunk", "roll", "far_shoulder", "far_elbow", "near_hip", "far_hip", "near_shoulder_abduction", "spine",
              "near_knee", "far_knee", "spine_bend", "far_shoulder_abduction"),
        hold=True,
    )  # fmt: skip
    return Plan((start.key, threaded), camera=Camera(35.0, 22.0))


@builds(P.QUADRUPED, M.SIT_BACK)
def rock_back(start: Stance, setup: Setup) -> Plan:
    back = derive(
        start.key,
        "hips back",
        {**both(hip=125, knee=145, shoulder=160, ankle=-20), "spine": 20.0, "neck": 8.0},
        trunk=-5.0,
        contacts=[*planted("near_knee", "far_knee"), *resting("near_hand", "far_hand", "near_foot", "far_foot")],
        free=("trunk", "near_hip", "far_hip", "near_knee", "far_knee", "near_shoulder", "far_shoulder", "spine"),
        hold=True,
    )
    return Plan((start.key, back))


PIGEON_LEGS = {
    "near_hip": 100.0,
    "near_hip_abduction": 28.0,
    "near_hip_rotation": -50.0,
    "near_knee": 118.0,
    "near_ankle": -20.0,
    "far_hip": -27.0,
    "far_knee": 3.0,
    "far_ankle": -50.0,
}


def pigeon_pose(start: KeyPose, name: str, spine: float, hold: bool = False) -> KeyPose:
    """The pigeon position: front shin across on the floor, back leg long behind, hands on the floor.

    The pelvis tips forward and the spine arches back up, as the back hip only extends so far.
    """
    return derive(
        start,
        name,
        {**PIGEON_LEGS, **both(shoulder=30, elbow=5), "spine": spine},
        trunk=35.0,
        lower=34.0,
        contacts=[*resting("near_knee", "near_foot", "far_foot", "near_hand", "far_hand")],
        free=("near_hip", "far_hip", "near_hip_abduction", "near_shoulder", "far_shoulder", "near_elbow", "far_elbow",
              "spine", "far_ankle"),
        hold=hold,
    )  # fmt: skip


@builds(P.QUADRUPED, M.PIGEON)
def pigeon(start: Stance, setup: Setup) -> Plan:
    return Plan((start.key, pigeon_pose(start.key, "stretch", -30.0, hold=True)))


# --- on the back ------------------------------------------------------------------------------

FROM_FEET = Camera(62.0, 30.0)
LEG_FREE = LEG_JOINTS


@builds(P.SUPINE, M.BRIDGE, Variant.KNEES_BENT)
def bridge(start: Stance, setup: Setup) -> Plan:
    lying = _upper_back_planted(start.key)
    up = derive(
        lying,
        "top",
        {**both(hip=0)},
        drop=["pelvis"],
        free=("trunk", "neck", "near_knee", "far_knee", "near_ankle", "far_ankle"),
        hold=True,
    )
    return Plan((lying, up))


def _upper_back_planted(key: KeyPose) -> KeyPose:
    """The same pose with the upper back planted: in a bridge the shoulders stay where they are."""
    contacts = tuple(replace(c, planted=True) if c.volume == "head" else c for c in key.contacts)
    return replace(key, contacts=contacts)


@builds(P.SUPINE, M.SINGLE_LEG_BRIDGE, Variant.KNEES_BENT)
def single_leg_bridge(start: Stance, setup: Setup) -> Plan:
    lying, top = bridge(start, setup).keys
    near_hip = lying.pose.angle("near_hip")
    one_leg = derive(
        lying, "start", {"far_knee": 0.0, "far_hip": near_hip, "far_ankle": -15.0}, drop=["far_heel", "far_toe"]
    )
    lifted = derive(top, "top", {"far_knee": 0.0, "far_hip": 0.0, "far_ankle": -15.0}, drop=["far_heel", "far_toe"])
    return Plan((one_leg, replace(lifted, hold=True)))


@builds(P.SUPINE, M.OPPOSITE_ARM_LEG, Variant.TABLETOP)
def dead_bug(start: Stance, setup: Setup) -> Plan:
    reach = derive(start.key, "reach", {"far_shoulder": 168.0, "near_hip": 22.0, "near_knee": 4.0, "near_ankle": -10.0})
    return Plan((start.key, reach))


@builds(P.SUPINE, M.HEEL_SLIDE, Variant.PLAIN)
def heel_slide(start: Stance, setup: Setup) -> Plan:
    bent = derive(
        start.key,
        "heel in",
        {"near_hip": 55.0, "near_knee": 105.0},
        contacts=[*resting("pelvis", "torso", "head", "far_heel"), *resting("near_heel")],
        free=("near_hip", "near_ankle"),
    )
    return Plan((start.key, bent))


@builds(P.SUPINE, M.FIGURE_FOUR, Variant.KNEES_BENT)
def figure_four_lying(start: Stance, setup: Setup) -> Plan:
    crossed = derive(
        start.key,
        "start",
        {"near_hip": 80.0, "near_hip_abduction": 30.0, "near_hip_rotation": -50.0, "near_knee": 100.0},
        contacts=[
            *resting("pelvis", "torso", "head"),
            *planted("far_heel", "far_toe"),
            link("near_ankle", "far_knee", 10.0),
        ],
        free=("near_hip", "near_hip_abduction", "near_hip_rotation", "near_knee"),
    )
    pulled = derive(
        crossed,
        "stretch",
        {"far_hip": 100.0, "far_knee": 95.0, **both(shoulder=70, elbow=70)},
        contacts=[*resting("pelvis", "torso", "head"), link("near_ankle", "far_knee", 10.0)],
        free=("near_hip", "near_hip_abduction", "near_hip_rotation", "near_knee", "far_ankle"),
        hold=True,
    )
    return Plan((crossed, pulled), camera=Camera(40.0, 22.0))


@builds(P.SUPINE, M.TRUNK_ROTATION, Variant.KNEES_BENT)
def knees_to_side(start: Stance, setup: Setup) -> Plan:
    over = derive(
        start.key,
        "knees over",
        {"spine_rotation": -40.0},
        roll=40.0,
        contacts=[*resting("torso", "head", "near_foot", "far_foot")],
        free=("roll", "spine_rotation", *LEG_FREE, "near_hip_abduction", "far_hip_abduction"),
    )
    return Plan((start.key, over), camera=FROM_FEET)


@builds(P.SUPINE, M.HIP_ABDUCTION_BENT_KNEE, Variant.KNEES_BENT)
def bent_knee_fall_out(start: Stance, setup: Setup) -> Plan:
    angles = {**sides("hip_abduction", 42.0, setup.both_sides), **sides("hip_rotation", -25.0, setup.both_sides)}
    out = derive(
        start.key,
        "knee out",
        angles,
        contacts=[*resting("pelvis", "torso", "head", "near_foot", "far_foot")],
        free=("near_ankle", "far_ankle", "near_hip", "far_hip"),
    )
    return Plan((start.key, out), camera=FROM_FEET)


@builds(P.SUPINE, M.KNEE_RAISE, Variant.PLAIN)
def knee_to_chest(start: Stance, setup: Setup) -> Plan:
    if setup.detail == "march":
        hook = start.key if start.key.pose.angle("near_knee") > 45 else stance(P.SUPINE, Variant.KNEES_BENT).key
        lifted = derive(hook, "knee up", {"near_hip": 92.0, "near_knee": 95.0}, drop=["near_heel", "near_toe"])
        return Plan((hook, lifted))
    angles = {**sides("hip", 118.0, setup.both_sides), **sides("knee", 125.0, setup.both_sides)}
    hands = [
        link("near_hand", "near_knee", 9.0),
        link("far_hand", "far_knee" if setup.both_sides else "near_knee", 9.0),
    ]
    hugged = derive(
        start.key,
        "knee hugged",
        {**angles, **both(shoulder=60, elbow=70)},
        contacts=[*resting("pelvis", "torso", "head"), *hands]
        + ([] if setup.both_sides else [c for c in start.key.contacts if c.volume.startswith("far_")]),
        free=(*ARMS, "near_shoulder_abduction", "far_shoulder_abduction", "far_hip", "far_ankle"),
        hold=True,
    )
    return Plan((start.key, hugged))


@builds(P.SUPINE, M.HIP_FLEXION, Variant.PLAIN)
def straight_leg_raise(start: Stance, setup: Setup) -> Plan:
    ready = derive(
        start.key,
        "start",
        {"far_hip": 55.0, "far_knee": 105.0, "near_hip": 2.0, "near_knee": 3.0},
        contacts=[*resting("pelvis", "torso", "head", "near_heel"), *planted("far_heel", "far_toe")],
        free=("far_hip", "far_ankle", "spine", "neck"),
    )
    up = derive(ready, "leg up", {"near_hip": 55.0, "near_knee": 0.0, "near_ankle": 0.0}, drop=["near_heel"])
    return Plan((ready, up))


@builds(P.SUPINE, M.PELVIC_TILT, Variant.KNEES_BENT)
def pelvic_tilt(start: Stance, setup: Setup) -> Plan:
    tilted = derive(
        start.key,
        "back flat",
        {"spine": -9.0},
        trunk=start.key.pose.trunk + 9.0,
        free=("near_hip", "far_hip", "near_knee", "far_knee", "near_ankle", "far_ankle"),
        hold=True,
    )
    return Plan((start.key, tilted))


@builds(P.SUPINE, M.TRUNK_FLEXION, Variant.KNEES_BENT)
def curl_up(start: Stance, setup: Setup) -> Plan:
    curled = derive(
        start.key,
        "curled up",
        {"spine": 34.0, "neck": 22.0, **both(shoulder=28, elbow=5)},
        drop=["torso", "head"],
        free=("trunk",),
    )
    return Plan((start.key, curled))


# --- face down --------------------------------------------------------------------------------


@builds(P.PRONE, M.TRUNK_EXTENSION, Variant.ON_HANDS)
def press_up(start: Stance, setup: Setup) -> Plan:
    if setup.detail == "sphinx":
        propped = derive(
            start.key,
            "on forearms",
            {"spine": -24.0, "neck": -12.0, **both(shoulder=75, elbow=95, shoulder_abduction=5)},
            contacts=[*resting("pelvis"), *planted("near_forearm", "far_forearm")],
            free=("trunk", *ARMS),
            hold=True,
        )
        return Plan((start.key, propped))
    if setup.detail == "superman":
        flat = stance(P.PRONE, Variant.ARMS_OVERHEAD).key
        lifted = derive(
            flat,
            "lifted",
            {"spine": -14.0, "neck": -14.0, **both(hip=-14, shoulder=182)},
            contacts=[*resting("pelvis")],
            free=("trunk",),
        )
        return Plan((flat, lifted))
    up = derive(
        start.key,
        "chest up",
        {"spine": -36.0, "neck": -10.0, **both(elbow=2)},
        contacts=[*planted("pelvis", "near_hand", "far_hand")],
        free=("trunk", *ARMS, "near_shoulder_abduction", "far_shoulder_abduction", "spine"),
    )
    return Plan((start.key, up))


@builds(P.PRONE, M.HIP_EXTENSION)
def prone_leg_lift(start: Stance, setup: Setup) -> Plan:
    return Plan((start.key, derive(start.key, "leg up", {"near_hip": -18.0, "near_knee": 0.0})))


@builds(P.PRONE, M.HIP_EXTENSION_BENT_KNEE)
def prone_bent_knee_lift(start: Stance, setup: Setup) -> Plan:
    bent = derive(start.key, "start", {"near_knee": 90.0, "near_ankle": 0.0})
    return Plan((bent, derive(bent, "thigh up", {"near_hip": -16.0})))


@builds(P.PRONE, M.KNEE_FLEXION)
def prone_knee_bend(start: Stance, setup: Setup) -> Plan:
    return Plan((start.key, derive(start.key, "knee bent", {"near_knee": 105.0, "near_ankle": -20.0})))


@builds(P.PRONE, M.OPPOSITE_ARM_LEG, Variant.ARMS_OVERHEAD)
def prone_opposite_lift(start: Stance, setup: Setup) -> Plan:
    lifted = derive(start.key, "lifted", {"far_shoulder": 184.0, "near_hip": -15.0})
    return Plan((start.key, lifted))


# --- plank ------------------------------------------------------------------------------------


@builds(P.PLANK, M.HIP_EXTENSION)
def plank_leg_lift(start: Stance, setup: Setup) -> Plan:
    return Plan((start.key, derive(start.key, "leg up", {"near_hip": -14.0, "near_ankle": -20.0}, drop=["near_toe"])))


@builds(P.PLANK, M.KNEE_RAISE, Variant.ON_HANDS)
def mountain_climber(start: Stance, setup: Setup) -> Plan:
    driven = derive(
        start.key,
        "knee in",
        {"near_hip": 88.0, "near_knee": 118.0, "near_ankle": -30.0},
        drop=["near_toe"],
        free=("near_hip", "near_knee"),
    )
    return Plan((start.key, driven))


@builds(P.PLANK, M.PUSH_UP, Variant.ON_HANDS)
def push_up(start: Stance, setup: Setup) -> Plan:
    down = derive(
        start.key,
        "down",
        {**both(elbow=95)},
        free=("trunk", "near_shoulder", "far_shoulder", "near_ankle", "far_ankle", "near_shoulder_abduction",
              "far_shoulder_abduction"),
    )  # fmt: skip
    return Plan((start.key, down))


__all__ = ["FEET_FLAT"]
