"""Steps: the instructions of an exercise, one string each, with their spans.

A list under an exercise gives one step per item. Running text gives one step per sentence, except
that short separate paragraphs (one or two sentences each, as crawled pages print them) are one step each.
Only instruction text counts: sentences that tell the reader to do something, or give the dose.
"""

from __future__ import annotations

import re
from functools import lru_cache

_VERBS_TEXT = (
    """lie lay sit stand kneel hold lift raise lower press push pull bend straighten keep place put loop slip
    start begin perform do repeat complete squeeze tighten engage brace breathe inhale exhale rest return hinge
    step walk reach extend cross draw bring slide roll rock tuck shift turn tilt let relax pause stay switch swap
    change stretch drive hug wrap grab grip set balance tip tap open close squat focus try aim assume drop allow
    perch lengthen use sink flex point face stop finish work move go come clasp curl arch round dip hinge pivot
    support spread stack float snap hike anchor unlock soften flatten imagine think gently slowly carefully
    rotate twist cross thread pin tense release count practise practice alternate march fold look lean prop
    stabilise stabilize position make get take avoid remember ensure maintain don't do not never continue
    swing shrug clench contract activate hover gradually forget skip check ask watch notice feel add rise
    climb hop jump nod retract interlace pump wiggle sway glide scoot kick lunge press hang grasp clasp
    spell trace write circle scrunch pick pinch spread shake wave rub massage roll wrap tie secure attach anchor
    loop grip stretch tuck cup shrug sink sag hump arc sweep trace hook transfer"""
)
VERBS = frozenset(_VERBS_TEXT.split())
_LEAD_PHRASES = re.compile(
    r"^(?:(?:then|now|next|slowly|gently|carefully|finally|first|again|and|also|just|simply|still|"
    r"at the same time|without [^,]+|keeping [^,]+|with [^,]+|from [^,]+|as you [^,]+|while [^,]+|"
    r"once [^,]+|when [^,]+|lying [^,]+|standing [^,]+|sitting [^,]+|on [^,]+|if [^,]+|to [^,]+|in [^,]+|"
    r"holding [^,]+|using [^,]+|after [^,]+|for [^,]+|starting [^,]+|staying [^,]+|facing [^,]+|throughout [^,]+)"
    r"\s*,?\s*)+",
    re.I,
)
_HOW_LABEL = re.compile(  # "How: In a standing position, lift ...": a field label before the instruction
    r"^(?:how(?:\s+to(?:\s+do\s+it|\s+perform(?:\s+it)?)?)?|action|movement|method|instructions?|directions?|"
    r"technique|execution|set[\s-]?up|start(?:ing)?\s+position|position)\s*:\s*",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9\"'(“‘])|(?<=[.!?])\s*(?=[A-Z][a-z])")
_DOSE_WORDS = re.compile(r"\d+\s*(?:x|sets?|reps?|repetitions?|times|seconds?|secs?|s\b|minutes?|each|per|on each)|"
                         r"\b(?:sets?|reps|repetitions)\s+of\b", re.I)
_DOSE_LABEL = re.compile(
    r"^(?:dosage|dose|prescription|sets?|reps?|repetitions?|sets?\s*(?:&|and|/|x)\s*reps?)\s*:", re.I
)
_LETTERS = re.compile(r"[A-Za-z].*[A-Za-z]", re.S)
_NOT_STEP = re.compile(
    r"^(?:image|photo|picture|caption|video|figure|fig\.|source|credit|share|tags?)\b"
    r"|^(?:special\s+|important\s+)?(?:instructions?|notes?|tips?|precautions?|cautions?)\s*:?\s*$",
    re.I,
)


def sentences(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """The sentences of a text as (sentence, start, end) with spans shifted by `offset`."""
    split = _split(text) if len(text) <= _CACHED_CHARS else _split.__wrapped__(text)
    return [(sentence, start + offset, end + offset) for sentence, start, end in split] if offset else list(split)


_CACHED_CHARS = 5_000  # the stages split the same short texts again and again; at most ~5 MB are kept


def forget_sentences() -> None:
    """Empty the cache of split texts (each read starts with it empty: one read's cost never depends on
    what was read before)."""
    _split.cache_clear()


@lru_cache(maxsize=1024)
def _split(text: str) -> tuple[tuple[str, int, int], ...]:
    found: list[tuple[str, int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        _append(found, text, start, match.start(), 0)
        start = match.end()
    _append(found, text, start, len(text), 0)
    return tuple(found)


def _append(found: list[tuple[str, int, int]], text: str, start: int, end: int, offset: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if _LETTERS.search(stripped):
        lead = len(piece) - len(piece.lstrip())
        found.append((stripped, offset + start + lead, offset + start + lead + len(stripped)))


_BODY = re.compile(
    r"\b(?:back|spine|spinal|knees?|hips?|legs?|arms?|feet|foot|heels?|toes?|hands?|palms?|elbows?|shoulders?|head|"
    r"neck|chest|belly|stomach|tummy|pelvis|buttocks?|bottom|glutes?|thighs?|ankles?|wrists?|shins?|calf|calves|"
    r"forearms?|fingers?|chin|ribs|tailbone|torso|trunk|core|abs|body|hamstrings?|floor|ground|mat|wall|chair|"
    r"seat|step|band|ball|weights?|dumbbells?|kettlebell|towel|roller|position|stretch|pose|sides?|breathe?|"
    r"all fours|upright|straight|bent|reps?|repetitions?|seconds|hold)\b",
    re.I,
)


def describes_movement(text: str) -> bool:
    """True when a text opens by describing a movement of the body ("Pulling your knees to your chest ...")."""
    first = re.match(r"\s*([A-Za-z]+)ing\b", text)
    if first is None or "?" in text[:200]:
        return False
    stem = first.group(1).lower()
    verbs = {stem, stem + "e", stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem}
    return bool(verbs & VERBS) and bool(_BODY.search(text[:200]))


_HOW = re.compile(
    r"\b(?:performed|done|involves|involving|utili[sz]es|utili[sz]ing)\s+(?:by\s+)?[\w\s',-]{0,80}?\b[a-z]+ing\b", re.I
)
_POSE = re.compile(
    r"\b(?:lying|standing|sitting|kneeling|holding|placing|raising|lifting|extending|bending|pulling|pushing|"
    r"sliding|moving|turning|rotating|bringing|keeping|reaching|leaning|squeezing)\b",
    re.I,
)


_POSTURES = frozenset(("lying", "standing", "sitting", "kneeling", "holding"))


def describes_how(sentence: str) -> bool:
    """True for a sentence that tells how an exercise is done without telling the reader to do it
    ("Performed by standing facing a wall and sliding the hands up", "... by lying on one side, holding a
    weight and moving the arm up"), not one that says only what it is for ("eases pain by pulling the nerve")."""
    if not _BODY.search(sentence):
        return False
    poses = [word.lower() for word in _POSE.findall(sentence)]
    return bool(_HOW.search(sentence)) or (len(poses) >= 2 and bool(set(poses) & _POSTURES))


# "The wall stretch is done by placing ...", "Uplifts are performed from a seated position": how it is done,
# said of the exercise by name rather than told to the reader
_SAID_HOW = re.compile(
    r"^(?:the\s+|this\s+|these\s+)?(?P<subject>[A-Za-z][\w'’ -]{1,40}?)\s+(?:is|are|can\s+be|should\s+be)\s+"
    r"(?:done|performed|carried\s+out)\s+(?:by|from|while|with|in|on|lying|standing|sitting|kneeling)\b",
    re.I,
)


def says_how_done(sentence: str) -> bool:
    """True for a sentence that says how a named exercise is done ("The step stretch is done by placing the
    foot on a step ..."), which instructs it as much as "Place the foot on a step" does."""
    return how_done_subject(sentence) is not None


def how_done_subject(sentence: str) -> str | None:
    """What a sentence says how to do ("The step stretch is done by ..." -> "step stretch"), or None."""
    match = _SAID_HOW.match(sentence.strip())
    return match.group("subject").lower() if match and _BODY.search(sentence) else None


def is_exercise_instruction(sentence: str) -> bool:
    """An instruction about moving the body ("Lie on your back..."), not general advice ("Stop and ask...")."""
    return is_instruction(sentence) and bool(_BODY.search(sentence))


def is_instruction(sentence: str) -> bool:
    """True when a sentence tells the reader what to do ("Lie on your back...", "Keeping..., lift...")."""
    text = sentence.strip().lstrip("-•*·–— ").strip()
    if _NOT_STEP.match(text):
        return False
    text = _LEAD_PHRASES.sub("", _HOW_LABEL.sub("", text, count=1), count=1)
    first = re.match(r"[A-Za-z']+", text)
    if first is None:
        return False
    word = first.group(0).lower()
    return word in VERBS or bool(_YOU_WILL_BE.match(text))


# "You will be lying on your back", "You should be sitting tall": where the reader is, said of them
_YOU_WILL_BE = re.compile(
    r"you(?:'ll|\s+will|\s+should|\s+need\s+to)?\s+be\s+(?:lying|sitting|standing|kneeling|seated)\b", re.I
)


def collect_steps(parts: list[tuple[str, str, int]]) -> list[tuple[str, int, int]]:
    """Steps from an exercise's body parts, each (kind, text, start); kind is "item", "para" or "line".

    Each list item is one step; paragraphs and lines give their sentences that instruct or dose, leaving
    out descriptions, captions and asides. Items that only say what the exercise is good for ("Stretches
    the calf muscle") or advertise a product ("Best strap in the link below") are not steps. A list of one
    item beside running text is read as running text.
    """
    items = [part for part in parts if part[0] == "item" and not _NOT_STEP.match(part[1])]
    single = len(items) == 1 and any(
        kind in ("para", "line") and any(is_instruction(s[0]) for s in sentences(text)) for kind, text, _s in parts
    )
    steps: list[tuple[str, int, int]] = []
    for kind, text, start in parts:
        if kind == "item" and not single:
            for piece, begin in _numbered_pieces(text, start):  # "(1) Lie down. (2) Lift ..." in one item
                if not _NOT_STEP.match(piece) and not is_purpose_or_ad(piece):
                    steps.append((piece, begin, begin + len(piece)))
        elif kind in ("para", "line", "item"):
            steps.extend(
                s
                for s in sentences(text, start)
                if (is_instruction(s[0]) or _DOSE_WORDS.search(s[0]) or says_how_done(s[0]))
                and not _DOSE_LABEL.match(s[0])
                and not is_purpose_or_ad(s[0])
            )
    return steps


_INLINE_NUMBER = re.compile(r"(?<=[.!?])\s+\(\d{1,2}\)\s+(?=[A-Z])")


def _numbered_pieces(text: str, start: int) -> list[tuple[str, int]]:
    """An item's text cut where it numbers its next step inline ("... knee. (2) Now move ...")."""
    pieces, at = [], 0
    for match in _INLINE_NUMBER.finditer(text):
        pieces.append((text[at : match.start()], start + at))
        at = match.end()
    pieces.append((text[at:], start + at))
    return pieces


_PURPOSE = re.compile(
    r"^(?:stretches|strengthens|targets|works|improves|helps|increases|builds|reduces|relieves|loosens|"
    r"activates|opens|lengthens|mobili[sz]es|releases|trains|engages|tones|eases|prevents|supports)\s+(?:the|your|a|an)?\b",
    re.I,
)
_AD = re.compile(
    r"\b(?:(?:in|at|see|via|from|use|click)\s+(?:the\s+)?link(?:s)?\s+(?:below|above|here)|affiliate|"
    r"shop\s+now|buy\s+(?:now|it|one|here)|our\s+(?:store|shop)|amazon|discount|coupon|promo\s+code|sponsored)\b"
    r"|^(?:best|top|recommended|our favou?rite)\b[^.]{0,60}\b(?:in|at|see)\b[^.]{0,15}\blink\b",
    re.I,
)


def is_purpose_or_ad(text: str) -> bool:
    """True for a line that says what an exercise is good for, or that advertises a product."""
    bare = text.strip().lstrip("-•*·–— ").strip()
    return bool(_PURPOSE.match(bare)) or is_ad(bare)


def is_ad(text: str) -> bool:
    """True for a line that advertises a product ("Best stretching strap in the link below")."""
    return bool(_AD.search(text.strip().lstrip("-•*·–— ").strip()))


def _is_dose_only(found: list[tuple[str, int, int]]) -> bool:
    return len(found) == 1 and bool(
        re.search(r"\d|\b(?:one|two|three|four|five|six|eight|ten|twelve)\b", found[0][0], re.I)
    )
