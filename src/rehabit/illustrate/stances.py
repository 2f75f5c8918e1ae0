"""The eleven starting postures as posed bodies, each resting on its supports.

`stance` returns the starting key pose of a posture (with a variant: knees bent or straight, on the
forearms or the hands, ...) settled so that its supports touch the floor or the seat: the hands and
knees on all fours, the forearms and toes in a plank, the pelvis on the chair. `camera_for` says
where each posture is best seen from.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rehabit.illustrate.body import Pose
from rehabit.illustrate.camera import Camera
from rehabit.illustrate.posture import Posture
from rehabit.illustrate.props import SEAT_HEIGHT, Placed, Prop
from rehabit.illustrate.solve import FLOOR, Contact, Surface, settle
from rehabit.illustrate.timing import KeyPose

SEAT = Surface("seat", (0.0, 1.0, 0.0), SEAT_HEIGHT)
SIDE_VIEW = Camera(14.0, 14.0)


class Variant(StrEnum):
    """How the starting posture is set up, where the steps say (or the movement needs)."""

    PLAIN = "plain"
    KNEES_BENT = "knees-bent"  # lying with knees bent (feet flat, or stacked on the side)
    ON_HANDS = "on-hands"  # a plank or prone press-up on straight arms
    ARMS_OVERHEAD = "arms-overhead"
    TABLETOP = "tabletop"  # on the back, arms to the ceiling, hips and knees at right angles


@dataclass(frozen=True)
class Stance:
    """A starting key pose and what is drawn with it."""

    key: KeyPose
    props: tuple[Placed, ...] = ()


def sided(joint: str, near: float, far: float | None = None) -> dict[str, float]:
    """Angles for both sides of a joint (the same for both when `far` is not given)."""
    return {f"near_{joint}": near, f"far_{joint}": near if far is None else far}


def both(**joints: float) -> dict[str, float]:
    """Angles for joints that are the same on both sides: both(hip=90, knee=90)."""
    found: dict[str, float] = {}
    for joint, value in joints.items():
        found.update(sided(joint, value))
    return found


def planted(*names: str, surface: Surface = FLOOR) -> tuple[Contact, ...]:
    return tuple(Contact(name, surface, planted=True) for name in names)


def resting(*names: str, surface: Surface = FLOOR) -> tuple[Contact, ...]:
    return tuple(Contact(name, surface, planted=False) for name in names)


FEET_FLAT = ("near_heel", "near_toe", "far_heel", "far_toe")
LEG_JOINTS = tuple(f"{side}_{joint}" for side in ("near", "far") for joint in ("hip", "knee", "ankle"))
SHOULDERS = ("near_shoulder_abduction", "far_shoulder_abduction")


def _settled(name: str, pose: Pose, contacts: tuple[Contact, ...], free: tuple[str, ...]) -> KeyPose:
    return KeyPose(name, settle(pose, contacts, ("x", "y", "z", *free)), contacts=contacts, free=free)


def stance(posture: Posture, variant: Variant = Variant.PLAIN) -> Stance:
    """The starting pose of a posture, resting on its supports."""
    return _BUILDERS[posture](variant)


def _standing(variant: Variant) -> Stance:
    angles = {**sided("shoulder", 6, -4), **both(elbow=12, ankle=0)}
    pose = Pose(angles, trunk=90, anchor="near_heel")
    return Stance(_settled("start", pose, planted(*FEET_FLAT), ("near_ankle", "far_ankle")))


def _supine(variant: Variant) -> Stance:
    if variant is Variant.KNEES_BENT:
        angles = {**both(hip=55, knee=105, ankle=-12, shoulder=4, elbow=6)}
        contacts = resting("pelvis", "torso", "head") + planted(*FEET_FLAT)
        return Stance(_settled("start", Pose(angles, trunk=180), contacts, ("trunk", *LEG_JOINTS, "neck", *SHOULDERS)))
    if variant is Variant.TABLETOP:
        angles = {**both(hip=90, knee=90, ankle=-10, shoulder=90, elbow=0)}
        contacts = resting("pelvis", "torso", "head")
        return Stance(_settled("start", Pose(angles, trunk=180), contacts, ("trunk", "neck", *SHOULDERS)))
    angles = {**both(hip=2, knee=4, ankle=-15, shoulder=4, elbow=6)}
    contacts = resting("pelvis", "torso", "head", "near_heel", "far_heel")
    free = ("trunk", "neck", "near_hip", "far_hip", *SHOULDERS)
    return Stance(_settled("start", Pose(angles, trunk=180), contacts, free))


def _prone(variant: Variant) -> Stance:
    if variant is Variant.ON_HANDS:
        arms = {**both(shoulder=-20, elbow=120, shoulder_abduction=20)}
    elif variant is Variant.ARMS_OVERHEAD:
        arms = {**both(shoulder=170, elbow=5)}
    else:
        arms = {**both(shoulder=-4, elbow=5)}
    angles = {**arms, **both(hip=-2, knee=5, ankle=-45), "neck": -5}
    contacts = resting("pelvis", "torso")
    free: tuple[str, ...] = ("trunk", "neck", "spine")
    if variant is Variant.ON_HANDS:
        contacts += planted("near_hand", "far_hand")
        free += ("near_shoulder", "far_shoulder", "near_elbow", "far_elbow")
    return Stance(_settled("start", Pose(angles, trunk=0), contacts, free))


def _side_lying(variant: Variant) -> Stance:
    bent = variant is Variant.KNEES_BENT
    legs = both(hip=52, knee=95, ankle=-10) if bent else both(hip=8, knee=6, ankle=-15)
    arms = {**sided("shoulder", 10, 165), **sided("elbow", 15, 125), "near_shoulder_abduction": 8.0}
    angles = {**legs, **arms, "neck": 5}
    contacts = resting("pelvis", "far_thigh", "far_shin", "far_upper_arm")
    free = ("trunk", "roll", "neck", "far_hip", "far_shoulder", "spine_bend")
    return Stance(_settled("start", Pose(angles, trunk=0, roll=-90), contacts, free))


def _quadruped(variant: Variant) -> Stance:
    angles = {**both(hip=90, knee=90, ankle=5, shoulder=88, elbow=2), "neck": -15}
    contacts = planted("near_hand", "far_hand", "near_knee", "far_knee") + resting("near_foot", "far_foot")
    free = ("trunk", "near_shoulder", "far_shoulder", "near_hip", "far_hip", "near_ankle", "far_ankle")
    return Stance(_settled("start", Pose(angles, trunk=0, x=0), contacts, free))


def _kneeling(variant: Variant) -> Stance:
    angles = {**both(hip=0, knee=90, ankle=5, elbow=10), **sided("shoulder", 6, -4)}
    contacts = planted("near_knee", "far_knee", "near_toe", "far_toe")
    free = ("trunk", "near_ankle", "far_ankle", "near_knee", "far_knee", "near_hip", "far_hip")
    return Stance(_settled("start", Pose(angles, trunk=90), contacts, free))


def _half_kneeling(variant: Variant) -> Stance:
    angles = {
        **sided("hip", -5, 88),
        **sided("knee", 95, 92),
        **sided("ankle", 5, 2),
        **sided("shoulder", 10, 4),
        **both(elbow=15),
    }
    contacts = planted("near_knee", "near_toe", "far_heel", "far_toe")
    free = ("trunk", "near_hip", "far_hip", "far_knee", "near_ankle", "far_ankle")
    return Stance(_settled("start", Pose(angles, trunk=90), contacts, free))


def _seated_floor(variant: Variant) -> Stance:
    angles = {**both(hip=82, knee=2, ankle=-10, shoulder=-28, elbow=2)}
    contacts = resting("pelvis") + planted("near_heel", "far_heel", "near_hand", "far_hand")
    free = ("trunk", "near_hip", "far_hip", "near_shoulder", "far_shoulder")
    return Stance(_settled("start", Pose(angles, trunk=97), contacts, free))


def _seated_chair(variant: Variant) -> Stance:
    angles = {**both(hip=90, knee=90, ankle=0, shoulder=28, elbow=55)}
    contacts = resting("pelvis", surface=SEAT) + planted(*FEET_FLAT)
    free = ("trunk", *LEG_JOINTS)
    key = _settled("start", Pose(angles, trunk=90, root=(0.0, SEAT_HEIGHT + 12, 0.0)), contacts, free)
    assert key.pose.root is not None
    chair = Placed(Prop.CHAIR, x=key.pose.root[0] - 19, facing=1.0)
    return Stance(key, (chair,))


def _plank(variant: Variant) -> Stance:
    supports: tuple[str, ...]
    free: tuple[str, ...]
    if variant is Variant.ON_HANDS:
        angles = {**both(hip=0, knee=0, ankle=8, shoulder=78, elbow=0), "neck": -8}
        supports = ("near_hand", "far_hand", "near_toe", "far_toe")
        free = ("trunk", "near_shoulder", "far_shoulder", "near_ankle", "far_ankle")
    else:
        angles = {**both(hip=0, knee=0, ankle=8, shoulder=85, elbow=92), "neck": -8}
        supports = ("near_forearm", "far_forearm", "near_toe", "far_toe")
        free = ("trunk", "near_shoulder", "far_shoulder", "near_elbow", "far_elbow", "near_ankle", "far_ankle")
    return Stance(_settled("start", Pose(angles, trunk=8), planted(*supports), free))


def _side_plank(variant: Variant) -> Stance:
    legs = {**both(hip=0, knee=90 if variant is Variant.KNEES_BENT else 0, ankle=-10)}
    arms = {
        "far_shoulder_abduction": 80.0,
        "far_elbow": 90.0,
        "near_shoulder_abduction": 15.0,
        "near_elbow": 70.0,
        "near_shoulder": -20.0,
    }
    angles = {**legs, **arms, "neck": 0.0}
    feet = ("far_knee",) if variant is Variant.KNEES_BENT else ("far_foot",)
    contacts = planted("far_forearm", *feet)
    free = ("trunk", "far_shoulder_abduction", "far_elbow", "far_hip_abduction", "roll")
    return Stance(_settled("start", Pose(angles, trunk=20, roll=-90), contacts, free))


VARIANTS: dict[Posture, tuple[Variant, ...]] = {
    Posture.SUPINE: (Variant.PLAIN, Variant.KNEES_BENT, Variant.TABLETOP),
    Posture.PRONE: (Variant.PLAIN, Variant.ON_HANDS, Variant.ARMS_OVERHEAD),
    Posture.SIDE_LYING: (Variant.PLAIN, Variant.KNEES_BENT),
    Posture.PLANK: (Variant.PLAIN, Variant.ON_HANDS),
    Posture.SIDE_PLANK: (Variant.PLAIN, Variant.KNEES_BENT),
}
"""The variants each posture has (the others draw it plain)."""

_BUILDERS = {
    Posture.STANDING: _standing,
    Posture.SUPINE: _supine,
    Posture.PRONE: _prone,
    Posture.SIDE_LYING: _side_lying,
    Posture.QUADRUPED: _quadruped,
    Posture.KNEELING: _kneeling,
    Posture.HALF_KNEELING: _half_kneeling,
    Posture.SEATED_FLOOR: _seated_floor,
    Posture.SEATED_CHAIR: _seated_chair,
    Posture.PLANK: _plank,
    Posture.SIDE_PLANK: _side_plank,
}

CAMERAS = {
    Posture.SIDE_LYING: Camera(0.0, 35.0),
    Posture.SIDE_PLANK: Camera(0.0, 14.0),
}


def camera_for(posture: Posture) -> Camera:
    """Where a posture is seen from: the side for most, the front and a little above for lying on a side."""
    return CAMERAS.get(posture, SIDE_VIEW)
