"""Movement rules for the postures on the floor: side-lying, side plank, all fours, on the back, face down, plank."""

from __future__ import annotations

from rehabit.illustrate._evidence import ARMS, CROSSED, OPPOSITE, D, Evidence, V, first
from rehabit.illustrate.text import ClauseKind
from rehabit.illustrate.words import Part, Qualifier, State, Verb


def clam(t: Evidence) -> int | None:
    lifted = first(
        t.moved({V.LIFT, V.OPEN, V.ROTATE}, {Part.KNEE}, not_qualifiers={Qualifier.BOTTOM}),
        t.moved({V.ROTATE, V.OPEN, V.LIFT}, {Part.HIPS}, {D.UP}, qualifiers={Qualifier.TOP}),
        t.said(r"knees? (?:\w+ ){0,2}(?:open|opens|apart)|open (?:up )?(?:your |the )?(?:top )?knees?"),
    )
    together = t.held({Part.FOOT, Part.HEEL, Part.KNEE}, State.TOGETHER) or t.said(r"heels?|feet|ankles?") is not None
    bent = t.held({Part.KNEE, Part.HIPS, Part.LEG}, State.BENT)
    return lifted if lifted is not None and (bent or together or t.named(r"clam|oyster")) else None


def leg_abduction(t: Evidence) -> int | None:
    found = t.moved(
        {V.LIFT, V.BRING, V.REACH}, {Part.LEG, Part.FOOT, Part.HEEL, Part.THIGH}, not_qualifiers={Qualifier.BOTTOM}
    )
    if found is None or t.sentence_has(found, r"knees? bent|bend"):
        return None
    return found


def adduction(t: Evidence) -> int | None:
    return t.moved({V.LIFT}, {Part.LEG, Part.SHIN, Part.FOOT, Part.THIGH}, qualifiers={Qualifier.BOTTOM})


def open_book(t: Evidence) -> int | None:
    arm = t.moved({V.ROTATE, V.REACH, V.OPEN, V.LIFT, V.BRING}, ARMS | {Part.CHEST, Part.SHOULDER})
    turning = t.said(
        r"other side|across|behind you|chest (?:\w+ ){0,3}to_ceiling|rotat|twist|turn|open (?:up )?your chest|"
        r"open book|unwind"
    )
    return t.both(arm, turning) if arm is not None else (turning if t.named("open book|book opening") else None)


def heel_to_buttock(t: Evidence) -> int | None:
    behind = t.moved({V.BEND, V.BRING, V.LIFT, V.PULL}, {Part.HEEL, Part.FOOT}, {D.BACKWARD, D.UP})
    return first(
        t.moved({V.BEND, V.PULL, V.BRING, V.LIFT}, {Part.KNEE, Part.HEEL, Part.FOOT, Part.SHIN}, {D.BUTTOCK}),
        t.said(r"(?:heel|foot|ankle)s? (?:\w+ ){0,3}to_buttock|(?:heel|foot)s? (?:\w+ ){0,2}behind\b"),
        behind if behind is not None and t.sentence_has(behind, r"\bbend|knee") else None,
    )


def side_plank_leg(t: Evidence) -> int | None:
    return t.moved({V.LIFT, V.OPEN}, {Part.LEG, Part.FOOT}, not_qualifiers={Qualifier.BOTTOM})


def hip_dips(t: Evidence) -> int | None:
    dips = t.said(r"hip dips?|dip your hips|lower your hips (?:\w+ ){0,3}(?:to_floor|down)")
    return dips if dips is not None and t.moved({V.LIFT, V.PUSH, V.RISE}, {Part.HIPS}) is not None else None


def pigeon(t: Evidence) -> int | None:
    knee = first(
        t.moved({V.BRING, V.SLIDE, V.STEP, V.PULL, V.LIFT}, {Part.KNEE, Part.SHIN, Part.FOOT}, {D.FORWARD}),
        t.said(
            r"knee (?:\w+ ){0,3}(?:toward|towards|to|behind|between|near|up to) (?:your |the )?(?:\w+ )?(?:hand|"
            r"wrist|hands)"
        ),
        t.said(r"(?:bent|tucked|folded)(?: \w+){0,5} in_front|shin (?:\w+ ){0,3}across"),
    )
    back = first(
        t.moved({V.STRAIGHTEN, V.SLIDE, V.REACH, V.BRING}, {Part.LEG}, {D.BACKWARD}),
        t.said(
            r"(?:other|back|opposite|one) leg (?:\w+ ){0,3}(?:back|behind|long)|"
            r"leg (?:is )?(?:straight )?(?:back )?behind"
        ),
    )
    return t.both(knee, back)


def sit_back(t: Evidence) -> int | None:
    return first(
        t.said(
            r"(?:sit|rock|push|move|bring|shift|lower|ease|take|send) (?:your )?(?:hips|bottom|buttocks|bum|weight|"
            r"body|seat|pelvis)? ?"
            r"(?:back )?(?:\w+ )?(?:toward|towards|onto|on|to|over|down to|down onto) (?:your )?heels"
        ),
        t.said(r"child'?s pose|sit back (?:on|onto)"),
    )


def arm_and_leg(t: Evidence, verbs: set[Verb]) -> int | None:
    """The sentence moving an arm and the opposite leg together (the same sentence, or "opposite" said)."""
    arms = t.moved_where(verbs, ARMS)
    legs = t.moved_where(verbs | {V.PUSH}, {Part.LEG, Part.FOOT, Part.HEEL, Part.KNEE})
    together = arms & legs
    if together:
        return min(together)
    if arms and legs and t.said(OPPOSITE) is not None:
        return max(min(arms), min(legs))
    return None


def bird_dog(t: Evidence) -> int | None:
    return arm_and_leg(t, {V.REACH, V.STRAIGHTEN, V.LIFT})


def hydrant(t: Evidence) -> int | None:
    for index, action in t.actions():
        if action.verb in {V.LIFT, V.OPEN, V.ROTATE, V.BRING, V.STRAIGHTEN, V.REACH} and action.has_part(
            Part.KNEE, Part.LEG, Part.THIGH
        ):
            sideways = any(
                D.SIDEWAYS in clause.directions or D.AWAY in clause.directions
                for clause in t.sentences[index].clauses
                if clause.kind is not ClauseKind.NEGATION
            )
            if sideways or action.verb is V.OPEN:
                return index
    return None


def donkey_kick(t: Evidence) -> int | None:
    found = first(
        t.moved({V.LIFT, V.PUSH, V.REACH}, {Part.FOOT, Part.HEEL, Part.KNEE, Part.LEG}, {D.UP}),
        t.moved({V.LIFT, V.PUSH}, {Part.FOOT, Part.HEEL}, {D.BACKWARD}),
    )
    if found is None:
        return None
    bent = t.held({Part.KNEE, Part.LEG}, State.BENT) or t.sentence_has(found, r"sole|right_angle|bent")
    return found if bent and not t.held({Part.LEG, Part.KNEE}, State.STRAIGHT) else None


def leg_back(t: Evidence) -> int | None:
    return first(
        t.moved({V.STRAIGHTEN, V.REACH, V.LIFT, V.PUSH, V.BRING}, {Part.LEG, Part.FOOT, Part.HEEL}, {D.BACKWARD}),
        t.moved({V.STRAIGHTEN}, {Part.LEG}),
    )


def cat_cow(t: Evidence) -> int | None:
    rounding = first(
        t.moved({V.ROUND}),
        t.said(
            r"round|hump|\bcat\b|arch (?:your |the )?(?:back|spine) (?:\w+ )?(?:up|to_ceiling)|push (?:your back|"
            r"it) (?:up|to_ceiling)"
        ),
    )
    arching = first(
        t.moved({V.ARCH}, None),
        t.said(
            r"sag|hollow|\bcow\b|(?:belly|stomach|tummy|spine|navel) (?:\w+ ){0,2}(?:drop|sink|lower)|(?:drop|sink|"
            r"lower|let) (?:your |the )?(?:belly|stomach|tummy|spine)|lift (?:your )?(?:chest|head|"
            r"chin) and (?:your )?tail|lift (?:your )?tail"
        ),
    )
    return t.both(rounding, arching)


def thread_needle(t: Evidence) -> int | None:
    under = first(
        t.moved({V.REACH, V.SLIDE, V.BRING, V.ROTATE}, ARMS, {D.UNDER, D.ACROSS}),
        t.said(r"thread|under (?:your )?(?:chest|body|torso|other arm|opposite arm)"),
    )
    up = first(
        t.moved({V.REACH, V.LIFT, V.OPEN, V.ROTATE}, ARMS | {Part.CHEST}, {D.UP}),
        t.moved({V.ROTATE}, {Part.CHEST, Part.SHOULDER}),
    )
    return first(under, up)


def bridge(t: Evidence) -> int | None:
    found = first(
        t.moved({V.LIFT, V.PUSH, V.RISE}, {Part.HIPS}),
        t.moved({V.LIFT, V.PUSH}, {Part.BODY}, {D.UP}),
    )
    if found is None or (t.named(r"stretch") or t.sentence_has(found, r"stretch")) and not t.named(r"bridge"):
        return None  # a bridge strengthens: lifting the hips in a stretch adds to the stretch
    # A bridge keeps the feet down: hips lifted after curling the knees in, or with the legs up in the air,
    # is a reverse crunch.
    curled = any(
        action.verb in {V.BRING, V.PULL, V.BEND, V.LIFT, V.STRAIGHTEN}
        and action.has_part(Part.KNEE, Part.LEG, Part.THIGH)
        and (action.directions & {D.CHEST} or t.sentence_has(index, LEGS_UP))
        for index, action in t.actions() if max(found - 2, t.start) <= index <= found
    )  # fmt: skip
    return None if curled else found


LEGS_UP = r"torso|to_chest|midsection|above you|to_ceiling|perpendicular|in the air|straight up"


def single_leg_bridge(t: Evidence) -> int | None:
    lifted = bridge(t)
    if lifted is None:
        return None
    one_leg = first(
        t.moved(
            {V.STRAIGHTEN, V.LIFT, V.REACH},
            {Part.LEG, Part.FOOT, Part.KNEE},
            qualifiers={Qualifier.ONE, Qualifier.OPPOSITE, Qualifier.SIDE},
        ),
        t.said(r"single leg|one leg|(?:planted|supporting|other) (?:foot|heel|leg)"),
    )
    return lifted if one_leg is not None or t.named(r"single leg|one leg") else None


def dead_bug(t: Evidence) -> int | None:
    return first(
        arm_and_leg(t, {V.LOWER, V.STRAIGHTEN, V.REACH}),
        t.said(r"(?:lower|extend|straighten|reach)(?:s|ing)? (?:your |the )?opposite arm and leg"),
    )


def heel_slide(t: Evidence) -> int | None:
    return first(t.moved({V.SLIDE}, {Part.HEEL, Part.FOOT, Part.LEG}), t.said(r"heel slides?"))


def figure_four(t: Evidence) -> int | None:
    return t.said(CROSSED)


def knee_to_chest(t: Evidence) -> int | None:
    return first(
        t.moved({V.BRING, V.PULL, V.LIFT, V.BEND}, {Part.KNEE, Part.THIGH, Part.LEG}, {D.CHEST}),
        t.said(r"knee_to_chest|hug (?:your |both |one )?knees?"),
    )


def marching(t: Evidence) -> int | None:
    """A sentence that marches ("march on the spot", "alternate legs"), not one that only alternates sides."""
    return first(t.said(r"march"), t.moved({V.MARCH}, {Part.KNEE, Part.FOOT, Part.LEG, Part.THIGH}))


def march(t: Evidence) -> int | None:
    lifted = first(
        t.moved({V.LIFT, V.MARCH}, {Part.KNEE, Part.FOOT, Part.LEG, Part.THIGH}),
        t.moved({V.BRING}, {Part.KNEE, Part.FOOT, Part.LEG, Part.THIGH}, {D.UP, D.CHEST}),
    )
    if lifted is None:
        return marching(t)
    straight = t.held({Part.LEG, Part.KNEE}, State.STRAIGHT) and not t.held({Part.KNEE}, State.BENT)
    knee_up = t.sentence_has(lifted, r"knee|march|hip height|over (?:your |the )?hip|to_chest")
    return lifted if knee_up and not straight else None


def straight_leg_raise(t: Evidence) -> int | None:
    for index, action in t.actions():
        if action.verb in {V.LIFT, V.PULL, V.BRING} and action.has_part(Part.LEG, Part.THIGH):
            bends = any(i == index and a.verb is V.BEND and a.has_part(Part.KNEE) for i, a in t.actions())
            if bends or t.sentence_has(index, r"midsection|torso|to_chest"):
                continue  # the knees bend on the way in: a knee raise or a tuck, not a straight leg
            sentence = t.sentences[index]
            straight = any(
                State.STRAIGHT in clause.states for clause in sentence.clauses if clause.kind is not ClauseKind.NEGATION
            )
            if straight or t.held({Part.KNEE, Part.LEG}, State.STRAIGHT):
                return index
    return None


def knees_to_side(t: Evidence) -> int | None:
    return first(
        t.moved({V.LOWER, V.ROTATE, V.BRING, V.LEAN, V.REACH}, {Part.KNEE, Part.LEG}, {D.ONE_SIDE}),
        t.said(
            r"(?:knees|legs) (?:\w+ ){0,3}(?:fall|drop|roll|lower|go|sway|rock)s? (?:\w+ ){0,2}(?:to_one_side|over)|"
            r"windscreen|windshield"
        ),
    )


def knee_falls_out(t: Evidence) -> int | None:
    return first(
        t.moved({V.OPEN}, {Part.KNEE, Part.LEG, Part.THIGH}),
        t.moved({V.LOWER, V.PUSH}, {Part.KNEE}, {D.SIDEWAYS}),
    )


def pelvic_tilt(t: Evidence) -> int | None:
    return first(
        t.moved({V.TILT}, {Part.BACK, Part.HIPS}),
        t.said(
            r"(?:flatten|press|push|imprint) (?:the |your )?(?:lower_)?back (?:\w+ ){0,2}(?:into|against|to|down|"
            r"flat)|tilt (?:your )?pelvis|pelvic tilt|tuck (?:your )?(?:tailbone|pelvis|tail)"
        ),
    )


def curl_up(t: Evidence) -> int | None:
    return first(
        t.moved({V.LIFT, V.BEND, V.RISE}, {Part.HEAD, Part.SHOULDER, Part.CHEST}, {D.UP}),
        t.moved({V.BEND}, {Part.HEAD, Part.SHOULDER, Part.CHEST}),
        t.said(r"curl (?:up|your head)|crunch|sit up\b"),
    )


def press_up(t: Evidence) -> int | None:
    return first(
        t.moved({V.PUSH, V.STRAIGHTEN, V.LIFT}, {Part.CHEST, Part.HEAD, Part.SHOULDER}),
        t.moved({V.PUSH, V.STRAIGHTEN}, ARMS),
        t.said(
            r"prop (?:yourself |your upper_body )?(?:up )?(?:on|onto) (?:your )?(?:forearms|elbows)|superman|cobra|"
            r"sphinx"
        ),
    )


def prone_leg(t: Evidence) -> int | None:
    found = t.moved({V.LIFT, V.PUSH}, {Part.LEG, Part.THIGH, Part.HEEL, Part.FOOT})
    if found is None or t.held({Part.KNEE, Part.LEG}, State.BENT) and not t.held({Part.KNEE, Part.LEG}, State.STRAIGHT):
        return None
    return found


def prone_bent_leg(t: Evidence) -> int | None:
    found = first(
        t.moved({V.LIFT, V.PUSH}, {Part.LEG, Part.THIGH, Part.FOOT, Part.KNEE}, {D.UP}),
        t.moved({V.LIFT}, {Part.THIGH, Part.KNEE}),
    )
    return found if found is not None and t.held({Part.KNEE}, State.BENT) else None


def prone_knee_bend(t: Evidence) -> int | None:
    bent = t.moved({V.BEND}, {Part.KNEE, Part.LEG})
    if bent is not None and t.sentence_has(bent, r"in_front|forward|under"):
        bent = None
    if bent is not None and any(
        index > bent and action.verb in {V.LIFT, V.PUSH} and action.has_part(Part.THIGH, Part.KNEE, Part.LEG)
        for index, action in t.actions()
    ):
        return None  # the knee bent to set up, then the thigh lifted: a bent-knee hip extension
    return first(bent, heel_to_buttock(t))


def push_up(t: Evidence) -> int | None:
    return first(t.moved({V.BEND, V.LOWER}, {Part.ELBOW, Part.ARM, Part.CHEST, Part.BODY}), t.said(r"\bpush ?ups?\b"))


def mountain_climber(t: Evidence) -> int | None:
    return t.moved({V.PUSH, V.BRING, V.PULL, V.LIFT}, {Part.KNEE}, {D.CHEST, D.FORWARD, D.IN})


def plank_leg(t: Evidence) -> int | None:
    return t.moved({V.LIFT}, {Part.LEG, Part.FOOT})
