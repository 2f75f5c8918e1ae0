"""Movement rules for the upright postures: kneeling, half-kneeling, seated on the floor or a chair, standing."""

from __future__ import annotations

from rehabit.illustrate._evidence import ARMS, D, Evidence, V, first
from rehabit.illustrate._rules_floor import marching
from rehabit.illustrate.words import Part


def hip_hinge(t: Evidence) -> int | None:
    hips_back = t.moved({V.PUSH, V.BRING, V.SIT, V.LEAN}, {Part.HIPS}, {D.BACKWARD})
    forward = first(
        t.moved(
            {V.LEAN, V.BEND, V.HINGE, V.BRING, V.LOWER}, {Part.CHEST, Part.BODY, Part.SHOULDER}, {D.FORWARD, D.DOWN}
        ),
        t.moved({V.LEAN}, None, {D.FORWARD}),
    )
    return first(
        t.moved({V.HINGE}),
        t.both(hips_back, forward),
        t.said(r"(?:bend|lean|tip) forward (?:from|at) (?:the |your )?hips"),
    )


def side_bend(t: Evidence) -> int | None:
    for index, action in t.actions():
        if action.verb in {V.LEAN, V.BEND, V.SLIDE, V.REACH} and action.directions & {D.SIDEWAYS, D.ONE_SIDE}:
            if action.verb is V.REACH and not t.sentence_has(index, r"lean|bend|side"):
                continue
            return index
    return t.said(r"side ?bend|bend(?:ing)? (?:sideways|to_the_side)|lean(?:ing)? (?:sideways|to_the_side)")


def rotation(t: Evidence) -> int | None:
    looks = t.moved_where({V.ROTATE}, {Part.SHOULDER, Part.HEAD}, references=True)
    return first(
        t.moved({V.ROTATE}, {Part.CHEST, Part.SHOULDER, Part.BODY, Part.HEAD, Part.BACK}),
        min(looks) if looks else None,
        t.moved({V.ROTATE}, None, {D.ONE_SIDE}),
        t.said(
            r"(?:twist|rotate|turn)(?:s|ing)? (?:your |the )?(?:upper_body|trunk|torso|chest|shoulders|spine|"
            r"upper_back)|chop"
        ),
    )


def hip_flexor_stretch(t: Evidence) -> int | None:
    return first(
        t.moved(
            {V.LEAN, V.PUSH, V.LUNGE, V.BRING, V.SLIDE}, {Part.HIPS, Part.BODY, Part.CHEST, Part.THIGH}, {D.FORWARD}
        ),
        t.moved({V.LEAN, V.LUNGE}, None, {D.FORWARD}),
        t.said(
            r"(?:shift|transfer|rock|move|ease|press|push|drive)(?:s|ing)? (?:your )?(?:weight|hips|pelvis|"
            r"body)? ?(?:\w+ )?forward"
        ),
    )


def forward_reach(t: Evidence) -> int | None:
    found = first(
        t.moved(
            {V.REACH, V.LEAN, V.BEND, V.HINGE, V.SLIDE, V.LOWER},
            {Part.CHEST, Part.BODY, Part.HAND, Part.ARM, Part.HEAD},
            {D.FORWARD, D.DOWN},
        ),
        t.moved({V.BRING}, {Part.CHEST, Part.BODY, Part.HEAD}, {D.FORWARD, D.DOWN}),
        t.moved({V.REACH, V.LEAN, V.BEND, V.HINGE}, None, {D.FORWARD}),
        t.said(
            r"(?:reach|bend|fold|lean)(?:s|ing)? (?:\w+ ){0,2}(?:toward|towards|to) (?:your )?(?:toes|feet|ankles|"
            r"shins|floor)|forward fold|toe touch"
        ),
    )
    # Leaning forward onto a wall or a chair is how a calf stretch or a wall push-up starts, not a forward bend.
    return None if found is not None and t.sentence_has(found, r"\bwall|counter|chair|rail") else found


def butterfly(t: Evidence) -> int | None:
    soles = t.said(r"soles? (?:of (?:your|the) feet )?(?:\w+ )?together|feet together")
    knees = first(
        t.moved({V.OPEN, V.LOWER, V.PUSH, V.LET}, {Part.KNEE, Part.THIGH}),
        t.said(r"knees? (?:\w+ ){0,3}(?:fall_out|drop|down|to_the_side|to_floor|apart)"),
    )
    return t.both(soles, knees) if soles is not None else None


def sit_to_stand(t: Evidence) -> int | None:
    return first(
        t.moved({V.STAND, V.RISE}),
        t.said(
            r"(?:come|rise|get|return|push yourself) (?:up )?(?:to|into) (?:a )?stand|to stand\b|stand_up|"
            r"standing position|get_up"
        ),
    )


def knee_extension(t: Evidence) -> int | None:
    return first(
        t.moved({V.STRAIGHTEN}, {Part.KNEE}),
        t.moved({V.STRAIGHTEN}, {Part.LEG, Part.SHIN}),
        t.moved({V.LIFT, V.LIFT}, {Part.FOOT, Part.SHIN}, {D.FORWARD, D.UP}),
    )


def calf_raise(t: Evidence) -> int | None:
    return first(
        t.moved({V.LIFT, V.RISE, V.PUSH}, {Part.HEEL}),
        t.moved({V.RISE, V.STAND, V.COME, V.PUSH}, {Part.TOES}),  # lifting the toes is the other way
        t.said(r"(?:up )?(?:on|onto) (?:your )?(?:toes|tiptoes|balls_of_feet)"),
    )


def step_up(t: Evidence) -> int | None:
    found = t.moved({V.STEP}, None, {D.UP})
    return (
        found
        if found is not None and t.said(r"\b(?:step|stair|stairs|box|bench|platform|block|kerb|curb)\b") is not None
        else None
    )


def lunge(t: Evidence) -> int | None:
    stepped = t.moved({V.STEP, V.LUNGE}, None, {D.FORWARD, D.BACKWARD})
    bend = first(
        t.moved({V.LOWER, V.BEND, V.SQUAT, V.LOWER}, {Part.KNEE, Part.HIPS, Part.BODY}),
        t.moved({V.LOWER}),
        t.said(r"(?:both|back|front) knees? (?:are )?bent|knees? (?:\w+ ){0,3}right_angle"),
    )
    return first(t.moved({V.LUNGE}), t.both(stepped, bend), t.said(r"split squat|lunge position"))


def calf_stretch(t: Evidence) -> int | None:
    back = first(
        t.moved({V.STEP, V.BRING}, {Part.FOOT, Part.LEG}, {D.BACKWARD}),
        t.said(r"stagger|(?:one|a) (?:foot|leg) (?:\w+ ){0,3}(?:forward|in_front|behind|back)"),
    )
    heel = t.said(r"heel (?:\w+ ){0,4}(?:down|on the (?:floor|ground)|flat)|keep (?:\w+ ){0,3}heel")
    calf = t.said(r"calf|calves|lean (?:\w+ ){0,3}(?:into|toward|towards|against|on) (?:the )?wall|hands on the wall")
    if calf is None and t.named(r"calf|calves|gastroc|soleus"):
        calf = heel
    return t.both(t.both(back, heel), calf)


def squat(t: Evidence) -> int | None:
    if t.named(r"walk|shuffle|side ?step") or t.said(r"\bwalk|side ?step|shuffle|steps? (?:\w+ ){0,3}to_the_side"):
        return None  # a half squat held while stepping sideways: the walk is no movement the figure draws
    return first(
        t.moved({V.SQUAT}),
        t.moved(
            {V.SLIDE, V.LOWER, V.SIT}, None, {D.DOWN}, not_parts=ARMS | {Part.HEAD, Part.FOOT, Part.HEEL, Part.TOES}
        ),
        t.said(
            r"(?:bend|bending) (?:your )?(?:hips and knees|knees and hips)|(?:lower|drop|sit) (?:your )?(?:hips|"
            r"bottom|body|yourself)? ?(?:down|back)"
        ),
    )


def stand_hip_abduction(t: Evidence) -> int | None:
    return t.moved(
        {V.LIFT, V.BRING, V.REACH, V.STEP, V.PUSH, V.OPEN},
        {Part.LEG, Part.FOOT, Part.KNEE, Part.THIGH},
        {D.SIDEWAYS, D.AWAY},
    )


def stand_hip_extension(t: Evidence) -> int | None:
    found = t.moved(
        {V.LIFT, V.BRING, V.PUSH, V.STRAIGHTEN, V.REACH}, {Part.LEG, Part.FOOT, Part.HEEL, Part.THIGH}, {D.BACKWARD}
    )
    return None if found is None or t.sentence_has(found, r"bend|to_buttock|step") else found


def stand_knee_raise(t: Evidence) -> int | None:
    return first(
        t.moved({V.LIFT, V.BRING, V.PULL}, {Part.KNEE}, {D.UP, D.CHEST, D.FORWARD}),
        t.moved({V.LIFT}, {Part.KNEE}),
        marching(t),
    )


def balance(t: Evidence) -> int | None:
    return first(
        t.said(
            r"(?:stand|balance|standing|balancing) on (?:one|the other|a single|your (?:left|right)|"
            r"one of your) (?:leg|foot)"
        ),
        t.both(t.moved({V.LIFT}, {Part.FOOT, Part.LEG}, {D.UP}), t.said(r"balance")),
    )


def lean_back(t: Evidence) -> int | None:
    return first(
        t.moved({V.LEAN, V.BEND, V.ARCH}, None, {D.BACKWARD}),
        t.moved({V.ARCH}, {Part.BACK}),
    )
