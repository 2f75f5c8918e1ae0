"""The vocabulary the posture and movement readers understand: body parts, verbs, directions, states.

Each word maps to one meaning; inflections are listed with the base word (lift, lifts, lifting,
lifted). Multi-word phrases are joined with '_' by `PHRASES` first ("all fours" → all_fours), so the
tagger sees them as one word.
"""

from __future__ import annotations

from enum import StrEnum


class Part(StrEnum):
    HEAD = "head"
    CHEST = "chest"
    SHOULDER = "shoulder"
    BACK = "back"
    BELLY = "belly"
    HIPS = "hips"
    ARM = "arm"
    HAND = "hand"
    ELBOW = "elbow"
    FOREARM = "forearm"
    LEG = "leg"
    THIGH = "thigh"
    KNEE = "knee"
    SHIN = "shin"
    FOOT = "foot"
    HEEL = "heel"
    TOES = "toes"
    BODY = "body"


class Verb(StrEnum):
    LIFT = "lift"
    LOWER = "lower"
    BEND = "bend"
    STRAIGHTEN = "straighten"
    OPEN = "open"
    CLOSE = "close"
    ROTATE = "rotate"
    ARCH = "arch"
    ROUND = "round"
    TILT = "tilt"
    SLIDE = "slide"
    REACH = "reach"
    PUSH = "push"
    PULL = "pull"
    BRING = "bring"
    CROSS = "cross"
    STEP = "step"
    STAND = "stand"
    SIT = "sit"
    SQUAT = "squat"
    LUNGE = "lunge"
    HINGE = "hinge"
    LEAN = "lean"
    HOLD = "hold"
    BREATHE = "breathe"
    MARCH = "march"
    RISE = "rise"
    LET = "let"
    RETURN = "return"
    COME = "come"
    SQUEEZE = "squeeze"
    BALANCE = "balance"
    WALK = "walk"
    REST = "rest"


class Qualifier(StrEnum):
    TOP = "top"
    BOTTOM = "bottom"
    ONE = "one"
    BOTH = "both"
    OPPOSITE = "opposite"
    SIDE = "side"  # right or left
    FRONT = "front"
    REAR = "rear"


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"
    SIDEWAYS = "sideways"
    FORWARD = "forward"
    BACKWARD = "backward"
    CHEST = "to-chest"
    BUTTOCK = "to-buttock"
    ACROSS = "across"
    UNDER = "under"
    OVERHEAD = "overhead"
    ONE_SIDE = "to-one-side"
    AWAY = "away"
    IN = "in"


class State(StrEnum):
    BENT = "bent"
    STRAIGHT = "straight"
    TOGETHER = "together"
    FLAT = "flat"
    STILL = "still"
    APART = "apart"


def _inflect(*bases: str) -> list[str]:
    """A verb with its -s, -ing and -ed forms (regular spelling rules; irregular forms listed by callers)."""
    forms: list[str] = []
    for base in bases:
        forms.append(base)
        if base.endswith("e"):
            forms += [base + "s", base[:-1] + "ing", base + "d"]
        elif base.endswith(("sh", "ch", "ss", "x")):
            forms += [base + "es", base + "ing", base + "ed"]
        elif (
            len(base) > 2
            and base[-1] not in "aeiouwxy"
            and base[-2] in "aeiou"
            and base[-3] not in "aeiou"
            and len(base) <= 4
        ):
            forms += [base + "s", base + base[-1] + "ing", base + base[-1] + "ed"]
        else:
            forms += [base + "s", base + "ing", base + "ed"]
    return forms


_VERBS: dict[Verb, list[str]] = {
    Verb.LIFT: _inflect("lift", "raise", "elevate", "float", "hoist", "kick") + ["up_off"],
    Verb.LOWER: _inflect("lower", "drop", "sink", "descend") + ["lowering", "fall", "falls", "falling", "fell"],
    Verb.BEND: _inflect("bend", "flex", "curl", "tuck", "crunch", "fold"),
    Verb.STRAIGHTEN: _inflect("straighten", "extend", "lengthen", "stretch", "kick_out", "unbend", "shoot"),
    Verb.OPEN: _inflect("open", "abduct", "spread", "splay", "turn_out", "rotate_out", "fall_out", "drop_out"),
    Verb.CLOSE: _inflect("close", "adduct"),
    Verb.ROTATE: _inflect("rotate", "twist", "turn", "roll", "pivot", "swivel", "unwind") + ["rolling"],
    Verb.ARCH: _inflect("arch", "sag", "hollow", "dip"),
    Verb.ROUND: _inflect("round", "hump", "curve"),
    Verb.TILT: _inflect("tilt", "flatten", "rock_pelvis", "imprint"),
    Verb.SLIDE: _inflect("slide", "glide", "slip", "drag") + ["slid"],
    Verb.REACH: _inflect("reach", "sweep", "thread", "swing") + ["swung", "swept"],
    Verb.PUSH: _inflect("push", "press", "drive", "thrust") + ["drove", "driven"],
    Verb.PULL: _inflect("pull", "hug", "grab", "grasp", "clasp", "ease", "draw") + ["hugging", "drew", "drawn"],
    Verb.BRING: _inflect("bring", "move", "take", "place", "put", "lay", "set", "cross_over")
    + ["brought", "took", "taken", "putting", "setting"],
    Verb.CROSS: _inflect("cross"),
    Verb.STEP: _inflect("step", "stride", "hop") + ["stepping", "stepped"],
    Verb.STAND: _inflect("stand") + ["stood", "stand_up", "standing_up"],
    Verb.SIT: _inflect("sit") + ["sat", "sitting", "seated"],
    Verb.SQUAT: _inflect("squat", "crouch") + ["squatting"],
    Verb.LUNGE: _inflect("lunge"),
    Verb.HINGE: _inflect("hinge", "bow"),
    Verb.LEAN: _inflect("lean", "shift", "rock", "tip", "sway", "transfer", "tilt_forward") + ["leant"],
    Verb.HOLD: _inflect("hold", "pause", "stay", "remain") + ["held"],
    Verb.BREATHE: _inflect("breathe", "inhale", "exhale", "relax"),
    Verb.MARCH: _inflect("march", "alternate"),
    Verb.RISE: _inflect("rise", "get_up", "come_up") + ["rose", "risen", "rising"],
    Verb.LET: _inflect("let", "allow") + ["letting"],
    Verb.RETURN: _inflect("return", "repeat", "go_back", "come_back"),
    Verb.COME: _inflect("come", "go", "get", "start", "begin") + ["came", "went", "got", "began", "begun"],
    Verb.SQUEEZE: _inflect("squeeze", "clench", "tighten", "brace", "engage", "contract", "activate", "tense"),
    Verb.BALANCE: _inflect("balance"),
    Verb.WALK: _inflect("walk", "jog", "run") + ["ran"],
    Verb.REST: _inflect("rest"),
}
VERB_WORDS: dict[str, Verb] = {word: verb for verb, words in _VERBS.items() for word in words}

_PARTS: dict[Part, list[str]] = {
    Part.HEAD: ["head", "chin", "forehead", "ear", "ears", "eyes", "nose", "face", "neck", "gaze"],
    Part.CHEST: ["chest", "upper_body", "torso", "trunk", "ribcage", "ribs", "breastbone", "sternum", "upper_back"],
    Part.SHOULDER: ["shoulder", "shoulders", "shoulder_blade", "shoulder_blades"],
    Part.BACK: ["back", "spine", "lower_back", "backbone"],
    Part.BELLY: ["belly", "stomach", "tummy", "abdomen", "abs", "abdominals", "navel", "belly_button", "core"],
    Part.HIPS: [
        "hip",
        "hips",
        "pelvis",
        "buttock",
        "buttocks",
        "butt",
        "glute",
        "glutes",
        "bum",
        "tailbone",
        "tail",
        "sacrum",
        "backside",
        "bottom",
        "seat_bones",
        "sit_bones",
    ],
    Part.ARM: ["arm", "arms"],
    Part.HAND: ["hand", "hands", "palm", "palms", "fingers", "fingertips", "fist", "fists"],
    Part.ELBOW: ["elbow", "elbows"],
    Part.FOREARM: ["forearm", "forearms", "wrist", "wrists"],
    Part.LEG: ["leg", "legs", "limb"],
    Part.THIGH: ["thigh", "thighs", "hamstring", "hamstrings", "quads"],
    Part.KNEE: ["knee", "knees", "kneecap"],
    Part.SHIN: ["shin", "shins", "lower_leg", "calf", "calves"],
    Part.FOOT: ["foot", "feet", "ankle", "ankles", "sole", "soles", "instep"],
    Part.HEEL: ["heel", "heels"],
    Part.TOES: ["toe", "toes", "tiptoes", "balls_of_feet", "big_toes"],
    Part.BODY: ["body", "weight", "yourself", "bodyweight"],
}
# Things held and moved by the hands: a verb whose object is one of these moves the arms, not the body.
IMPLEMENT_WORDS = frozenset(
    {
        "weight", "weights", "dumbbell", "dumbbells", "dumbell", "dumbells", "kettlebell", "kettlebells", "bar",
        "barbell", "bells", "bell", "plate", "plates", "cable", "cables", "handle", "handles", "rope", "ball", "bag",
        "sandbag", "bottle", "bottles", "can", "cans", "tins",
    }
)  # fmt: skip
PART_WORDS: dict[str, Part] = {word: part for part, words in _PARTS.items() for word in words}

QUALIFIER_WORDS: dict[str, Qualifier] = {
    "top": Qualifier.TOP,
    "upper": Qualifier.TOP,
    "uppermost": Qualifier.TOP,
    "underneath": Qualifier.BOTTOM,
    "lowermost": Qualifier.BOTTOM,
    "undermost": Qualifier.BOTTOM,
    "bottom_side": Qualifier.BOTTOM,
    "one": Qualifier.ONE,
    "single": Qualifier.ONE,
    "either": Qualifier.ONE,
    "each": Qualifier.ONE,
    "both": Qualifier.BOTH,
    "two": Qualifier.BOTH,
    "opposite": Qualifier.OPPOSITE,
    "other": Qualifier.OPPOSITE,
    "alternate": Qualifier.OPPOSITE,
    "contralateral": Qualifier.OPPOSITE,
    "right": Qualifier.SIDE,
    "left": Qualifier.SIDE,
    "front": Qualifier.FRONT,
    "leading": Qualifier.FRONT,
    "forward_": Qualifier.FRONT,
    "rear": Qualifier.REAR,
    "trailing": Qualifier.REAR,
    "kneeling": Qualifier.REAR,
    "back_": Qualifier.REAR,
    "bottom_": Qualifier.BOTTOM,
    "lower_": Qualifier.BOTTOM,
    "top_": Qualifier.TOP,
}

DIRECTION_WORDS: dict[str, Direction] = {
    "up": Direction.UP,
    "upward": Direction.UP,
    "upwards": Direction.UP,
    "to_ceiling": Direction.UP,
    "off_floor": Direction.UP,
    "high": Direction.UP,
    "higher": Direction.UP,
    "down": Direction.DOWN,
    "downward": Direction.DOWN,
    "downwards": Direction.DOWN,
    "to_floor": Direction.DOWN,
    "to_the_side": Direction.SIDEWAYS,
    "sideways": Direction.SIDEWAYS,
    "laterally": Direction.SIDEWAYS,
    "outward": Direction.SIDEWAYS,
    "outwards": Direction.SIDEWAYS,
    "apart": Direction.SIDEWAYS,
    "away_from_midline": Direction.SIDEWAYS,
    "forward": Direction.FORWARD,
    "forwards": Direction.FORWARD,
    "in_front": Direction.FORWARD,
    "ahead": Direction.FORWARD,
    "back": Direction.BACKWARD,
    "backward": Direction.BACKWARD,
    "backwards": Direction.BACKWARD,
    "behind": Direction.BACKWARD,
    "to_chest": Direction.CHEST,
    "to_buttock": Direction.BUTTOCK,
    "across": Direction.ACROSS,
    "over": Direction.ACROSS,
    "under": Direction.UNDER,
    "beneath": Direction.UNDER,
    "through": Direction.UNDER,
    "overhead": Direction.OVERHEAD,
    "to_one_side": Direction.ONE_SIDE,
    "away": Direction.AWAY,
    "inward": Direction.IN,
    "inwards": Direction.IN,
    "together": Direction.IN,
}

STATE_WORDS: dict[str, State] = {
    "bent": State.BENT,
    "bend": State.BENT,
    "bending": State.BENT,
    "flexed": State.BENT,
    "right_angle": State.BENT,
    "hooked": State.BENT,
    "straight": State.STRAIGHT,
    "straightened": State.STRAIGHT,
    "extended": State.STRAIGHT,
    "locked": State.STRAIGHT,
    "long": State.STRAIGHT,
    "together": State.TOGETHER,
    "touching": State.TOGETHER,
    "stacked": State.TOGETHER,
    "joined": State.TOGETHER,
    "flat": State.FLAT,
    "level": State.FLAT,
    "neutral": State.FLAT,
    "still": State.STILL,
    "steady": State.STILL,
    "stable": State.STILL,
    "stationary": State.STILL,
    "in_place": State.STILL,
    "apart": State.APART,
    "wide": State.APART,
}

# (regex, replacement) applied in order to lower-cased text.
PHRASES: tuple[tuple[str, str], ...] = (
    (r"all fours|all 4s|all four", "all_fours"),
    (r"hands and knees|knees and hands|hand and knees", "hands_and_knees"),
    (r"table ?top", "tabletop"),
    (r"(your|the|my|his|her|their|a) (?:lower|low) back", r"\1 lower_back"),
    (r"low back|lumbar spine|small of (?:your|the) back", "lower_back"),
    (r"upper back|mid back|middle back|thoracic spine", "upper_back"),
    (r"upper body|upper half of (?:your|the) body", "upper_body"),
    (r"lower leg", "lower_leg"),
    (r"belly button", "belly_button"),
    (r"shoulder blades?", "shoulder_blades"),
    (r"sit(?:ting)? bones|seat bones", "sit_bones"),
    (r"balls? of (?:your|the|both) (?:feet|foot)|balls? of (?:your|the) toes", "balls_of_feet"),
    (r"big toes", "big_toes"),
    (r"tip ?toes|tippy toes", "tiptoes"),
    (r"rib cage", "ribcage"),
    (r"face ?down|face downwards?", "face_down"),
    (r"face ?up|face upwards?", "face_up"),
    (
        r"(?:push|press) ?ups? (?:plank )?position|(?:push|press) ?ups? stance|(?:push|press) ?ups? plank",
        "plank_position",
    ),
    (r"seat yourself", "sit"),
    (r"knees? to (?:your |the )?chest", "knee_to_chest"),
    (r"(?:out |over )?to (?:the|your) sides?(?! of)|out sideways|sideways|out laterally", "to_the_side"),
    (r"away from (?:the|your) (?:midline|body|centre|center)", "away_from_midline"),
    (r"(?:up )?(?:toward|towards|to|at) the (?:ceiling|sky|roof)", "to_ceiling"),
    (r"toward the (?:floor|ground|mat)|towards the (?:floor|ground|mat)|down to the (?:floor|ground|mat)", "to_floor"),
    (r"off (?:of )?the (?:floor|ground|mat|bed|table|surface|bench)", "off_floor"),
    (r"(?:toward|towards|to|into|up to|in to) (?:your |the )?(?:chest|chin|armpit)s?", "to_chest"),
    (
        r"(?:toward|towards|to|up to) (?:your|the) (?:bottom|buttocks?|bum|glutes?|backside|seat)",
        "to_buttock",
    ),
    (
        r"to one side|to the other side|side to side|(?:to|toward|towards) (?:the|your) (?:left|right)"
        r"(?! (?:hand|foot|knee|leg|arm|side|hip|shoulder|elbow|wrist|ankle|heel|thigh|shin|palm|fingers|toes)s?\b)",
        "to_one_side",
    ),
    (r"in front of (?:you|your body|the body|yourself)|in front", "in_front"),
    (r"behind (?:you|your body|the body|yourself)", "behind"),
    (r"above your head|over your head|overhead|past your ears|beyond your head", "overhead"),
    (r"right angles?|90 degrees|ninety degrees", "right_angle"),
    (r"on top of (?:each other|one another|the other)", "stacked"),
    (r"in place", "in_place"),
    (r"stand(?:ing)? up", "stand_up"),
    (r"get up|get back up", "get_up"),
    (r"come (?:back )?up|coming (?:back )?up", "come_up"),
    (r"go back|going back", "go_back"),
    (r"come back|coming back", "come_back"),
    (r"turn out|turns out|turning out", "turn_out"),
    (r"(?:fall|falls|falling|drop|drops|dropping|flop|flops) (?:open|out)(?! of)", "fall_out"),
    (r"kick out|kicks out", "kick_out"),
)
