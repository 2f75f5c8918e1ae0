"""Movement builders for the upright postures: kneeling, half-kneeling, sitting, standing."""

from __future__ import annotations

from rehabit.illustrate._derive import Plan, Setup, builds, derive
from rehabit.illustrate.camera import Camera
from rehabit.illustrate.movement import Movement as M
from rehabit.illustrate.posture import Posture as P
from rehabit.illustrate.props import STEP_HEIGHT, Placed, Prop
from rehabit.illustrate.solve import FLOOR, Contact, Surface, link
from rehabit.illustrate.stances import FEET_FLAT, LEG_JOINTS, SEAT, Stance, both, planted, resting, sided
from rehabit.illustrate.timing import KeyPose

FRONT = Camera(90.0, 12.0)
OBLIQUE = Camera(42.0, 30.0)
ARMS_CROSSED = {**both(shoulder=62, shoulder_abduction=-28, elbow=115)}
ARMS = ("near_shoulder", "far_shoulder", "near_elbow", "far_elbow")

# --- kneeling ---------------------------------------------------------------------------------


@builds(P.KNEELING, M.SIT_BACK)
def childs_pose(start: Stance, setup: Setup) -> Plan:
    folded = derive(
        start.key,
        "sitting back",
        {**both(hip=125, knee=150, shoulder=168, elbow=0, ankle=-20), "spine": 25.0, "neck": 10.0},
        contacts=[*planted("near_knee", "far_knee"), *resting("near_hand", "far_hand", "near_toe", "far_toe")],
        free=("trunk", "near_hip", "far_hip", "near_shoulder", "far_shoulder", "spine", "near_knee", "far_knee"),
        hold=True,
    )
    return Plan((start.key, folded))


@builds(P.KNEELING, M.HIP_HINGE)
def kneeling_hinge(start: Stance, setup: Setup) -> Plan:
    crossed = derive(start.key, "start", ARMS_CROSSED)
    hinged = derive(crossed, "hinged", {**both(hip=42)}, trunk=48.0, free=("near_ankle", "far_ankle"))
    return Plan((crossed, hinged))


def _side_bend(start: KeyPose, camera: Camera = Camera(62.0, 12.0)) -> Plan:
    raised = derive(start, "start", {"near_shoulder_abduction": 165.0, "near_elbow": 10.0})
    bent = derive(raised, "bend", {"spine_bend": -26.0, "neck": 0.0}, hold=True)
    return Plan((raised, bent), camera=camera)


def _rotation(start: KeyPose, arms: dict[str, float] | None = None) -> Plan:
    ready = derive(start, "start", arms if arms is not None else ARMS_CROSSED)
    turned = derive(ready, "turned", {"spine_rotation": 40.0}, hold=True)
    return Plan((ready, turned), camera=OBLIQUE)


@builds(P.KNEELING, M.SIDE_BEND)
def kneeling_side_bend(start: Stance, setup: Setup) -> Plan:
    return _side_bend(start.key)


@builds(P.KNEELING, M.TRUNK_ROTATION)
def kneeling_rotation(start: Stance, setup: Setup) -> Plan:
    return _rotation(start.key)


# --- half-kneeling ----------------------------------------------------------------------------


@builds(P.HALF_KNEELING, M.HIP_FLEXOR_STRETCH)
def hip_flexor_stretch(start: Stance, setup: Setup) -> Plan:
    forward = derive(
        start.key,
        "hips forward",
        {"near_hip": -24.0, "far_knee": 110.0},
        free=("trunk", "far_hip", "far_knee", "far_ankle", "near_knee", "near_ankle"),
        hold=True,
    )
    return Plan((start.key, forward))


@builds(P.HALF_KNEELING, M.TRUNK_ROTATION)
def half_kneeling_rotation(start: Stance, setup: Setup) -> Plan:
    hands = {**both(shoulder=80, elbow=30, shoulder_abduction=-25)}
    return _rotation(start.key, hands)


@builds(P.HALF_KNEELING, M.SIDE_BEND)
def half_kneeling_side_bend(start: Stance, setup: Setup) -> Plan:
    return _side_bend(start.key)


# --- sitting on the floor ---------------------------------------------------------------------


@builds(P.SEATED_FLOOR, M.TRUNK_FLEXION)
def forward_fold(start: Stance, setup: Setup) -> Plan:
    folded = derive(
        start.key,
        "reach forward",
        {**both(shoulder=70, elbow=2), "spine": 40.0, "neck": 15.0},
        trunk=72.0,
        contacts=[*resting("pelvis"), *planted("near_heel", "far_heel")],
        free=("near_hip", "far_hip", "trunk"),
        hold=True,
    )
    return Plan((start.key, folded))


@builds(P.SEATED_FLOOR, M.HIP_ABDUCTION_BENT_KNEE)
def butterfly(start: Stance, setup: Setup) -> Plan:
    soles = {**both(hip=62, hip_abduction=42, hip_rotation=-40, knee=118, ankle=-20, shoulder=35, elbow=30)}
    ready = derive(
        start.key,
        "soles together",
        soles,
        contacts=[*resting("pelvis", "near_foot", "far_foot")],
        free=("trunk", "near_hip", "far_hip"),
    )
    opened = derive(ready, "knees down", {**both(hip_abduction=58)}, free=("near_hip", "far_hip"), hold=True)
    return Plan((ready, opened), camera=Camera(90.0, 25.0))


def _crossed_leg(start: KeyPose, ankle_on: str) -> KeyPose:
    return derive(
        start,
        "start",
        {"near_hip": 95.0, "near_hip_abduction": 32.0, "near_hip_rotation": -52.0, "near_knee": 100.0},
        contacts=[*[c for c in start.contacts if not c.volume.startswith("near_")], link("near_ankle", ankle_on, 9.0)],
        free=("near_hip", "near_hip_abduction", "near_hip_rotation", "near_knee"),
    )


@builds(P.SEATED_FLOOR, M.FIGURE_FOUR)
def seated_figure_four_floor(start: Stance, setup: Setup) -> Plan:
    crossed = _crossed_leg(start.key, "far_knee")
    lean = derive(crossed, "lean forward", {"spine": 12.0}, trunk=78.0, drop=["near_hand", "far_hand"], hold=True)
    return Plan((crossed, lean), camera=Camera(35.0, 22.0))


@builds(P.SEATED_FLOOR, M.TRUNK_ROTATION)
def seated_twist_floor(start: Stance, setup: Setup) -> Plan:
    ready = derive(
        start.key,
        "start",
        {"far_shoulder": 45.0, "far_shoulder_abduction": -25.0, "far_elbow": 40.0},
        drop=["far_hand"],
        free=("near_shoulder", "near_elbow"),
    )
    turned = derive(
        ready,
        "turned",
        {"spine_rotation": -40.0},
        free=("near_shoulder", "near_elbow", "near_shoulder_abduction"),
        hold=True,
    )
    return Plan((ready, turned), camera=OBLIQUE)


@builds(P.SEATED_FLOOR, M.PIGEON)
def seated_pigeon(start: Stance, setup: Setup) -> Plan:
    from rehabit.illustrate._moves_floor import pigeon_pose
    from rehabit.illustrate.stances import stance

    upright = pigeon_pose(stance(P.QUADRUPED).key, "start", -30.0)
    lean = derive(
        upright,
        "lean forward",
        {"spine": 0.0, **both(shoulder=55, elbow=5)},
        drop=["near_hand", "far_hand"],
        free=("near_shoulder", "far_shoulder"),
        hold=True,
    )
    return Plan((upright, lean))


# --- sitting on a chair -----------------------------------------------------------------------


@builds(P.SEATED_CHAIR, M.SIT_TO_STAND)
def sit_to_stand(start: Stance, setup: Setup) -> Plan:
    crossed = derive(start.key, "sitting", ARMS_CROSSED)
    lean = derive(crossed, "leaning forward", {"spine": 8.0}, trunk=48.0, free=("trunk", *LEG_JOINTS))
    standing = derive(
        lean,
        "standing",
        {**both(hip=0, knee=2), "spine": 0.0},
        trunk=90.0,
        contacts=planted(*FEET_FLAT),
        free=("near_ankle", "far_ankle"),
    )
    return Plan((crossed, lean, standing))


@builds(P.SEATED_CHAIR, M.KNEE_EXTENSION)
def seated_knee_extension(start: Stance, setup: Setup) -> Plan:
    straight = derive(start.key, "knee straight", {"near_knee": 5.0, "near_ankle": 0.0}, drop=["near_heel", "near_toe"])
    return Plan((start.key, straight))


@builds(P.SEATED_CHAIR, M.KNEE_RAISE)
def seated_march(start: Stance, setup: Setup) -> Plan:
    lifted = derive(start.key, "knee up", {"near_hip": 118.0}, drop=["near_heel", "near_toe"])
    return Plan((start.key, lifted))


@builds(P.SEATED_CHAIR, M.FIGURE_FOUR)
def seated_figure_four(start: Stance, setup: Setup) -> Plan:
    crossed = _crossed_leg(start.key, "far_knee")
    lean = derive(
        crossed, "lean forward", {"spine": 10.0}, trunk=62.0, free=("far_hip", "far_knee", "far_ankle"), hold=True
    )
    return Plan((crossed, lean), camera=Camera(35.0, 20.0))


@builds(P.SEATED_CHAIR, M.TRUNK_ROTATION)
def seated_rotation(start: Stance, setup: Setup) -> Plan:
    return _rotation(start.key)


@builds(P.SEATED_CHAIR, M.TRUNK_FLEXION)
def seated_forward_bend(start: Stance, setup: Setup) -> Plan:
    bent = derive(
        start.key,
        "bent forward",
        {"spine": 45.0, "neck": 15.0, **both(shoulder=40, elbow=5)},
        trunk=55.0,
        free=("near_hip", "far_hip", "near_knee", "far_knee"),
        hold=True,
    )
    return Plan((start.key, bent))


@builds(P.SEATED_CHAIR, M.CALF_RAISE)
def seated_heel_raise(start: Stance, setup: Setup) -> Plan:
    raised = derive(
        start.key,
        "heels up",
        {**both(ankle=-30)},
        contacts=[*resting("pelvis", surface=SEAT), *planted("near_toe", "far_toe")],
        free=LEG_JOINTS,
    )
    return Plan((start.key, raised))


@builds(P.SEATED_CHAIR, M.SIDE_BEND)
def seated_side_bend(start: Stance, setup: Setup) -> Plan:
    return _side_bend(start.key, FRONT)


@builds(P.SEATED_CHAIR, M.HIP_ABDUCTION_BENT_KNEE)
def seated_knees_apart(start: Stance, setup: Setup) -> Plan:
    apart = derive(
        start.key,
        "knees apart",
        {**both(hip_abduction=24, hip_rotation=-8)},
        contacts=[*resting("pelvis", surface=SEAT), *resting(*FEET_FLAT)],
        free=LEG_JOINTS,
    )
    return Plan((start.key, apart), camera=FRONT)


# --- standing ---------------------------------------------------------------------------------

STANDING_FREE = ("trunk", *LEG_JOINTS)


@builds(P.STANDING, M.SQUAT)
def squat(start: Stance, setup: Setup) -> Plan:
    if Prop.WALL in setup.props:
        return _wall_sit(start)
    down = derive(
        start.key,
        "squat",
        {**both(hip=98, knee=105, ankle=28, shoulder=82, elbow=5)},
        trunk=52.0,
        free=STANDING_FREE,
    )
    return Plan((start.key, down))


def _wall_sit(start: Stance) -> Plan:
    sat = derive(
        start.key,
        "sitting",
        {**both(hip=90, knee=90, ankle=0)},
        free=("near_ankle", "far_ankle"),
    )
    back = min(point[0] for point in _points(sat).values()) - 1.5
    wall = Surface("wall", (1.0, 0.0, 0.0), back - 10.0)
    sat = derive(
        sat, "sitting", contacts=[*planted(*FEET_FLAT), *resting("torso", surface=wall)], free=STANDING_FREE, hold=True
    )
    up = derive(
        sat,
        "standing",
        {**both(hip=5, knee=12)},
        trunk=86.0,
        contacts=[*planted(*FEET_FLAT), *resting("torso", surface=wall)],
        free=STANDING_FREE,
    )
    return Plan((up, sat), props=(Placed(Prop.WALL, x=wall.offset, facing=-1.0),))


def _points(key: KeyPose) -> dict[str, tuple[float, float, float]]:
    from rehabit.illustrate.solve import skeleton_at

    return {name: point for name, point in skeleton_at(key.pose).points.items() if name in {"shoulder", "waist", "hip"}}


@builds(P.STANDING, M.LUNGE)
def lunge(start: Stance, setup: Setup) -> Plan:
    down = derive(
        start.key,
        "lowered",
        {"near_hip": 78.0, "near_knee": 88.0, "near_ankle": 8.0, "far_hip": -12.0, "far_knee": 92.0, "far_ankle": 25.0},
        trunk=88.0,
        contacts=[*planted("near_heel", "near_toe", "far_toe")],
        free=("near_ankle", "far_ankle", "far_hip", "near_hip"),
        replant=True,
    )
    split = derive(
        down,
        "split stance",
        {"near_hip": 30.0, "near_knee": 5.0, "far_hip": -22.0, "far_knee": 12.0},
        free=STANDING_FREE,
    )
    return Plan((split, down))


@builds(P.STANDING, M.HIP_HINGE)
def hip_hinge(start: Stance, setup: Setup) -> Plan:
    hinged = derive(
        start.key,
        "hinged",
        {**both(hip=82, knee=20, ankle=-4, shoulder=62, elbow=4), "neck": 5.0},
        trunk=28.0,
        free=STANDING_FREE,
    )
    return Plan((start.key, hinged))


@builds(P.STANDING, M.CALF_RAISE)
def calf_raise(start: Stance, setup: Setup) -> Plan:
    raised = derive(
        start.key, "on toes", {**both(ankle=-32)}, contacts=planted("near_toe", "far_toe"), free=STANDING_FREE
    )
    return Plan((start.key, raised))


@builds(P.STANDING, M.STEP_UP)
def step_up(start: Stance, setup: Setup) -> Plan:
    near_toe = _toe_x(start.key)
    step = Placed(Prop.STEP, x=near_toe + 6.0, facing=1.0)
    top = Surface("step", (0.0, 1.0, 0.0), STEP_HEIGHT)
    on_step = derive(
        start.key,
        "foot on step",
        {"near_hip": 62.0, "near_knee": 72.0, "near_ankle": 10.0},
        contacts=[*planted("far_heel", "far_toe"), Contact("near_heel", top), Contact("near_toe", top)],
        free=STANDING_FREE,
    )
    up = derive(
        on_step,
        "up on the step",
        {"near_hip": 4.0, "near_knee": 4.0, "far_hip": 25.0, "far_knee": 60.0},
        contacts=[Contact("near_heel", top), Contact("near_toe", top)],
        free=STANDING_FREE,
    )
    return Plan((on_step, up), props=(step,))


def _toe_x(key: KeyPose) -> float:
    from rehabit.illustrate.solve import skeleton_at

    return skeleton_at(key.pose).points["near_toe"][0]


@builds(P.STANDING, M.HIP_ABDUCTION)
def standing_hip_abduction(start: Stance, setup: Setup) -> Plan:
    out = derive(
        start.key, "leg out", {"near_hip_abduction": 34.0}, drop=["near_heel", "near_toe"], free=("far_ankle",)
    )
    return Plan((start.key, out), camera=FRONT)


@builds(P.STANDING, M.HIP_EXTENSION)
def standing_kickback(start: Stance, setup: Setup) -> Plan:
    back = derive(start.key, "leg back", {"near_hip": -24.0, "near_knee": 4.0}, drop=["near_heel", "near_toe"])
    return Plan((start.key, back))


@builds(P.STANDING, M.KNEE_FLEXION)
def standing_knee_bend(start: Stance, setup: Setup) -> Plan:
    if setup.detail == "quad-stretch":
        held = derive(
            start.key,
            "heel to buttock",
            {"near_knee": 130.0, "near_hip": -5.0, "near_shoulder": -30.0, "near_elbow": 20.0},
            contacts=[*planted("far_heel", "far_toe"), link("near_hand", "near_ankle", 6.0)],
            free=("near_shoulder", "near_elbow", "near_shoulder_abduction", "near_hip", "far_ankle"),
            hold=True,
        )
        return Plan((start.key, held))
    bent = derive(start.key, "knee bent", {"near_knee": 100.0, "near_hip": 5.0}, drop=["near_heel", "near_toe"])
    return Plan((start.key, bent))


@builds(P.STANDING, M.KNEE_RAISE)
def standing_march(start: Stance, setup: Setup) -> Plan:
    up = derive(start.key, "knee up", {"near_hip": 88.0, "near_knee": 92.0}, drop=["near_heel", "near_toe"])
    return Plan((start.key, up))


@builds(P.STANDING, M.SINGLE_LEG_BALANCE)
def single_leg_balance(start: Stance, setup: Setup) -> Plan:
    lifted = derive(
        start.key, "on one leg", {"near_hip": 30.0, "near_knee": 70.0}, drop=["near_heel", "near_toe"], hold=True
    )
    return Plan((start.key, lifted))


@builds(P.STANDING, M.CALF_STRETCH)
def calf_stretch(start: Stance, setup: Setup) -> Plan:
    split = derive(
        start.key,
        "start",
        {"near_hip": -15.0, "near_knee": 4.0, "far_hip": 25.0, "far_knee": 20.0, **both(shoulder=80, elbow=20)},
        contacts=planted(*FEET_FLAT),
        free=STANDING_FREE,
        replant=True,
    )
    hands = max(point[0] for point in _hands(split)) + 3.0
    wall = Surface("wall", (-1.0, 0.0, 0.0), -hands)
    lean = derive(
        split,
        "lean",
        {"far_knee": 55.0, **both(elbow=70)},
        trunk=74.0,
        contacts=[*planted(*FEET_FLAT), *resting("near_hand", "far_hand", surface=wall)],
        free=(*STANDING_FREE, *ARMS),
        hold=True,
    )
    return Plan((split, lean), props=(Placed(Prop.WALL, x=hands, facing=1.0),))


def _hands(key: KeyPose) -> list[tuple[float, float, float]]:
    from rehabit.illustrate.solve import skeleton_at

    points = skeleton_at(key.pose).points
    return [points["near_hand"], points["far_hand"]]


@builds(P.STANDING, M.TRUNK_EXTENSION)
def standing_back_bend(start: Stance, setup: Setup) -> Plan:
    hands = derive(start.key, "start", {**both(shoulder=-35, elbow=95, shoulder_abduction=20)})
    back = derive(hands, "leaning back", {"spine": -24.0, "neck": -10.0}, free=STANDING_FREE)
    return Plan((hands, back))


@builds(P.STANDING, M.SIDE_BEND)
def standing_side_bend(start: Stance, setup: Setup) -> Plan:
    bent = derive(start.key, "bend", {"spine_bend": 24.0, "near_shoulder_abduction": 6.0}, free=STANDING_FREE)
    return Plan((start.key, bent), camera=FRONT)


@builds(P.STANDING, M.TRUNK_ROTATION)
def standing_rotation(start: Stance, setup: Setup) -> Plan:
    return _rotation(start.key)


@builds(P.STANDING, M.TRUNK_FLEXION)
def toe_touch(start: Stance, setup: Setup) -> Plan:
    down = derive(
        start.key,
        "bent forward",
        {**both(hip=70, knee=12, shoulder=60), "spine": 55.0, "neck": 20.0},
        trunk=20.0,
        free=STANDING_FREE,
    )
    return Plan((start.key, down))


__all__ = ["FLOOR", "resting", "sided"]
