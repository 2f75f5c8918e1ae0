"""The dose grammar: reps, hold seconds, sets and sides from the sentences of an exercise.

Numbers come in digits or words ("ten", "twelve"), alone or as ranges ("10-15", "10 to 15", "between 20
and 30", "up to 30"). What a number counts is decided by the words around it:

- a unit after it: reps / repetitions / times / glides / steps ... (reps), seconds / secs / s / minutes
  (a hold, converted to seconds), sets / rounds (sets), breaths (no value: a breath is not a fixed time);
- "N x M" and "NxM" (sets x reps, or sets x seconds when a time unit follows), "N sets of M";
- a label before it ("Repetitions: 10", "Sets: 2-3", "Hold: 5 seconds", "for a count of 5");
- a bare count with a side ("8 each side", "Six on each leg") or after "Do" / "Repeat" ("Do 10.").

Rest periods ("rest 60 seconds between sets"), sessions per day or week, weights, distances and angles
are recognised and left out. Every value keeps the span of text it was read from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Field = Literal["reps", "hold_s", "sets"]

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-five": 25, "thirty": 30,
    "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90, "a hundred": 100,
    "a couple of": 2, "a": 1, "an": 1, "half a": 0.5, "a half": 0.5,
}  # fmt: skip
LIMITS: dict[Field, int] = {"reps": 300, "hold_s": 3600, "sets": 20}

_WORDS = "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True))
_NUM = rf"(?:\d{{1,4}}(?:\.\d+)?|(?:{_WORDS})(?![\w-]))"
_QTY = re.compile(
    rf"(?<![a-wyz0-9_.,:])(?<!(?<![a-z])/)"  # not after "3/" (a fraction), but after "reps/"
    rf"(?:(?P<prefix>up to|about|around|roughly|approximately|approx\.?|at least|at most|between|maybe|just)\s+)?"
    rf"(?P<lo>{_NUM})(?:\s*(?:-|to|or|and|/)\s*(?P<hi>{_NUM}))?(?![\d:]|/\s*\d|\.\d)",
    re.I,
)
_FILLER = r"(?:(?:slow|slower|deep|controlled|gentle|full|more|small|easy|good|quality|total|smooth|long|short|"
_FILLER += r"steady|comfortable|strong|alternating|nice)\s+){0,2}"
_REP_UNITS = r"(?:reps?|repetitions?|times|glides|slides|steps|lifts|pulses|circles|swings|raises|presses|rocks|"
_REP_UNITS += r"rolls|tilts|bridges|squats|lunges|curls|kicks|marches|taps|goes|efforts|each|ea\.?|x(?!\s*\d))"
_AFTER_REPS = re.compile(rf"^\s*{_FILLER}{_REP_UNITS}\b(?!\s*[:=])", re.I)
_AFTER_BREATHS = re.compile(rf"^\s*{_FILLER}(?:breaths?|breathing cycles)\b", re.I)
_AFTER_COUNTS = re.compile(r"^\s*(?:slow\s+)?counts?\b", re.I)
_AFTER_SETS = re.compile(rf"^\s*{_FILLER}(?:sets?|rounds?|circuits?|cycles?|bouts?)\b(?!\s*[:=])", re.I)
_AFTER_TIME = re.compile(r"^\s*-?\s*(?:more\s+|full\s+)?(?P<unit>seconds?|secs?|s|minutes?|mins?|min|m)\b", re.I)
_AFTER_SKIP = re.compile(
    r"^\s*(?:%|percent|kg|kilo|lbs?|pounds?|cm|mm|centimet|inch|inches|feet|foot|metres?|meters?|km|miles?|"
    r"degrees?|°|weeks?|days?|months?|years?|hours?|hrs?|out of|/\s*10|am\b|pm\b|o'clock|sessions?|"
    r"exercises?|stretches|moves|movements|posts?|comments?|calories|kcal|points?)",
    re.I,
)
_AFTER_SIDE = re.compile(
    r"^\s*(?:reps?\s+|times\s+)?(?:(?:on|in|with|for|to)\s+)?(?:each|every|per|either|both|/)\s*"
    r"(?P<what>sides?|legs?|arms?|directions?|ways?|hips?|feet|foot|knees?)\b",
    re.I,
)
_FREQUENCY_AFTER = re.compile(r"^\s*(?:times\s+)?(?:a|per|each|every|/)\s*(?:day|week|wk|night|morning)\b|"
                              r"^\s*times\s+(?:daily|weekly)\b", re.I)  # fmt: skip
_TIME_RANGE_END = re.compile(
    rf"\s*(?:seconds?|secs?|s|minutes?|mins?)\s*(?:-|to|or)\s*(?:up to\s+)?(?P<num>{_NUM})\s*"
    r"(?P<unit>seconds?|secs?|s|minutes?|mins?|min)\b",
    re.I,
)
_BEFORE_SETS_OF = re.compile(r"(?:sets?|rounds?|circuits?)\s+of\s+$", re.I)
_BEFORE_X = re.compile(r"(?:\d|\b(?:" + _WORDS + r"))\s*[x×]\s*$", re.I)
_BEFORE_LABEL = re.compile(
    r"(?P<label>repetitions?|reps?|sets?|rounds?|hold(?:\s+time)?|time|duration)\s*(?:\([^)]*\))?\s*[:=]\s*$", re.I
)
_OR_TWO = re.compile(r"^\s*(?:second|sec)\s+or\s+(?:two|2)\b", re.I)
_BEFORE_REPS_LABEL = re.compile(r"\b(?:repetitions?|reps?)\s*:\s*$", re.I)
_BEFORE_COUNT = re.compile(r"(?:count of|count to)\s*$", re.I)
_BEFORE_DO = re.compile(
    r"\b(?:do|repeat|perform|complete|aim for|try|build up to|work up to|start with|then)\s+"
    r"(?:it\s+|this\s+|these\s+|them\s+|that\s+|another\s+)?$",
    re.I,
)
_AFTER_DO = re.compile(r"^\s*(?:of (?:these|them|each|those)\b|more\b|[.;,!]|$|\s*(?:in|on|at)\s+(?:each|a|the))", re.I)
_REST_BEFORE = re.compile(
    r"\b(?:rest(?:ing)?|recover(?:y|ing)?|break|takes?\s+(?:about|around|only|just|roughly|less|under|over|up)|"
    r"lasts?|spend|in about|in under|total|whole|"
    r"routine|workout|session|warm[- ]?up|video)\b[^.;,]*$",
    re.I,
)
_REST_AFTER = re.compile(r"^\s*(?:of\s+)?(?:rest|recovery|break|between)\b", re.I)
_HOLD_CUE = re.compile(
    r"\b(?:hold|holding|held|stay|staying|pause|pausing|remain|keep|maintain|sit|for|rest it)\b", re.I
)
_REPEAT_FOR = re.compile(
    r"\b(?:repeat\w*|continu\w*|keep going|perform\w*|do|doing|does|march\w*|walk\w*|ride|riding|bike|biking|"
    r"cycl\w*|jog\w*|run|running|swim\w*|roll\w*|circl\w*|swing\w*|pump\w*|quickly|back and forth)\b",
    re.I,
)
_STILL = re.compile(
    r"\b(?:hold\w*|held|stay\w*|remain\w*|pause\w*|position|stretch\w*|pose|static|isometric|rest it|sit|"
    r"breathe|relax\w*|plank|squeeze|contract\w*|tighten\w*)\b",
    re.I,
)
_BEFORE_HOLD = re.compile(r"\bhold(?:\s+(?:it|this|that|for|about|approximately|approx\.?|each|position))*\s+$", re.I)
_AFTER_HOLD_COUNT = re.compile(r"^\s*(?:[.,;!)]|$|(?:and|then)\b|[-–—]\s*(?:repeat|relax|rest)\b)", re.I)
_TIME_AFTER_HOLD = re.compile(r"^\s*(?:hold|holds|each side|per side|on each|each leg|per leg|each)\b", re.I)


@dataclass(frozen=True)
class Finding:
    """One dose value read from the text: which field, the range, and the span it came from."""

    field: Field
    low: int
    high: int
    start: int
    end: int


def number_value(word: str) -> float | None:
    """The value of a number in digits or words ("12", "twelve", "a couple of"); None if it is not one."""
    word = word.strip().lower()
    if word in WORD_NUMBERS:
        return float(WORD_NUMBERS[word])
    try:
        return float(word)
    except ValueError:
        return None


def _lowered(text: str) -> str:
    """Lower case with the same length as the input, dashes unified, so spans stay valid."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return re.sub(r"[–—‑‐−]", "-", lowered).replace("×", "x")


def parse_dose(text: str, offset: int = 0) -> list[Finding]:
    """All dose values in a piece of text, in order; spans are `offset` + position in `text`."""
    low_text = _lowered(text[:20_000])
    findings: list[Finding] = []
    pair_end = -1
    for match in _QTY.finditer(low_text):
        if match.start() < pair_end:
            continue
        lo = number_value(match.group("lo"))
        hi = number_value(match.group("hi")) if match.group("hi") else lo
        if lo is None or hi is None:
            continue
        prefix = (match.group("prefix") or "").lower()
        if prefix == "up to":
            lo = hi
        before = low_text[max(0, match.start() - 60) : match.start()]
        after = low_text[match.end() : match.end() + 60]
        word_number = not re.match(r"\d", match.group("lo"))
        lo_word = match.group("lo").lower()
        field, factor = _classify(before, after, word_number, match.group("lo"))
        if field == "x":
            second = _QTY.match(low_text, match.end() + re.match(r"\s*x\s*", after, re.I).end())  # type: ignore[union-attr]
            if second is not None:
                _add(findings, "sets", lo, hi, match.start(), match.end(), offset)
                after2 = low_text[second.end() : second.end() + 60]
                lo2 = number_value(second.group("lo"))
                hi2 = number_value(second.group("hi")) if second.group("hi") else lo2
                time = _AFTER_TIME.match(after2)
                if lo2 is not None and hi2 is not None:
                    if time:
                        scale = 60 if time.group("unit").startswith("m") else 1
                        if _BEFORE_REPS_LABEL.search(before):  # "Repetitions: 3 x 15 seconds": 3 holds
                            findings[-1] = Finding("reps", *astuple_range(findings[-1]))
                        _add(findings, "hold_s", lo2 * scale, hi2 * scale, second.start(), second.end(), offset)
                    elif not _AFTER_BREATHS.match(after2):
                        _add(findings, "reps", lo2, hi2, second.start(), second.end(), offset)
                pair_end = second.end()
            continue
        if field == "hold_s" and match.group("hi") is None:
            upper = _TIME_RANGE_END.match(low_text, match.end())
            if upper is not None:
                value = number_value(upper.group("num"))
                if value is not None:
                    scale = 60 if upper.group("unit").startswith("m") else 1
                    _add(findings, field, lo * factor, value * scale, match.start(), upper.end(), offset)
                    pair_end = upper.end()
                    continue
        if field == "hold_s" and lo_word in ("a", "an", "one") and _OR_TWO.match(after):
            hi = 2  # "a second or two"
        if field is not None:
            _add(findings, field, lo * factor, hi * factor, match.start(), match.end(), offset)
    _compact_counts(low_text, findings, offset)
    return findings


def astuple_range(finding: Finding) -> tuple[int, int, int, int]:
    """A finding's (low, high, start, end), to rebuild it as another field."""
    return finding.low, finding.high, finding.start, finding.end


_X_COUNT = re.compile(r"(?<![\w.])x\s?(?P<n>\d{1,3})\b(?!\s*(?:x|[-–]\s*\d|\.\d))", re.I)
_TWICE = re.compile(
    r"\b(?:repeat|do|perform|complete)\w*\s+(?:this\s+|it\s+|that\s+|the\s+(?:exercise|stretch)\s+)?"
    r"(?P<n>twice)\b(?!\s+(?:a|per|each|every|daily|weekly|in)\b)",
    re.I,
)


# "Repeat this calf stretch one more time": the whole exercise done twice
_ONCE_MORE = re.compile(
    r"\b(?:repeat|do|perform|complete)\w*\s+(?:this|it|that|the)\b[^.;!?]{0,40}?\s(?:at\s+least\s+)?"
    r"(?P<n>one\s+more\s+time|once\s+more|once\s+again)\b",
    re.I,
)


def repeats_whole(text: str) -> bool:
    """True for the words of a finding that repeat the whole exercise ("twice", "one more time")."""
    return bool(re.fullmatch(r"twice|one\s+more\s+time|once\s+more|once\s+again", text.strip(), re.I))


def _compact_counts(low_text: str, findings: list[Finding], offset: int) -> None:
    """Handout shorthand: "x10" is 10 reps, "10 reps each leg x 3" is 3 sets, "repeat twice" is 2 reps."""
    taken = [(f.start - offset, f.end - offset) for f in findings]
    for match in _X_COUNT.finditer(low_text):
        before = low_text[max(0, match.start() - 40) : match.start()]
        if re.search(r"(?:\d|\b(?:" + _WORDS + r"))\s*$", before, re.I):
            continue
        value = int(match.group("n"))
        after = low_text[match.end() : match.end() + 30]
        time = _AFTER_TIME.match(after)
        clause = re.split(r"[.;!?,]\s", before)[-1]
        if time and time.group("unit") != "m":
            scale = 60 if time.group("unit").startswith("m") else 1
            _add(findings, "hold_s", value * scale, value * scale, match.start("n"), match.end("n"), offset)
        elif any(f.field == "reps" and f.end - offset <= match.start() for f in findings) and re.search(
            r"\d", clause
        ):
            _add(findings, "sets", value, value, match.start("n"), match.end("n"), offset)  # 10 reps x 3
        elif not any(a <= match.start("n") < b for a, b in taken):
            _add(findings, "reps", value, value, match.start("n"), match.end("n"), offset)
    if not any(f.field == "reps" for f in findings):
        twice = _TWICE.search(low_text) or _ONCE_MORE.search(low_text)
        if twice:
            _add(findings, "reps", 2, 2, twice.start("n"), twice.end("n"), offset)
    findings.sort(key=lambda f: f.start)


def _classify(before: str, after: str, word_number: bool, lo_text: str) -> tuple[Field | Literal["x"] | None, int]:
    """What a number counts, from the words before and after it (None: not a dose value)."""
    clause_before = re.split(r"[.;:!?]\s|,\s*(?=then\b)", before)[-1]
    if lo_text in ("a", "an", "half a", "a half"):
        time = _AFTER_TIME.match(after)
        rest = _REST_BEFORE.search(clause_before) or (time and _REST_AFTER.match(after[time.end() :]))
        minutes = time is not None and time.group("unit").startswith("m") and len(time.group("unit")) > 1
        if minutes and not rest and _hold_context(clause_before):
            return "hold_s", 60
        second = time is not None and time.group("unit").startswith("sec") and lo_text in ("a", "an")
        if second and not rest and _hold_context(clause_before):
            return "hold_s", 1  # "hold for a second (or two)"
        return None, 1
    if re.match(r"^\s*(?:reps?|repetitions?)\s+(?:includes?|is|means|equals|counts|consists|=)", after):
        return None, 1  # "One repetition includes both sides" defines a rep
    if _AFTER_SKIP.match(after) or _FREQUENCY_AFTER.match(after):
        return None, 1
    if re.match(r"^\s*[x×]\s*(?:\d|" + _WORDS + r")", after, re.I) and not word_number:
        return "x", 1
    label = _BEFORE_LABEL.search(before)
    if label and not _AFTER_SETS.match(after):
        name = label.group("label").lower()
        if name.startswith(("set", "round")):
            return "sets", 1
        if name.startswith(("hold", "time", "duration")):
            time = _AFTER_TIME.match(after)
            return "hold_s", 60 if time and time.group("unit").startswith("m") and time.group("unit") != "m" else 1
        return "reps", 1
    if _BEFORE_X.search(before):
        return None, 1  # the second half of "N x M", read with the first
    time = _AFTER_TIME.match(after)
    if time:
        unit = time.group("unit").lower()
        if unit == "m" or (unit == "s" and word_number):
            return None, 1
        if _REST_BEFORE.search(clause_before) or _REST_AFTER.match(after[time.end() :]):
            return None, 1
        if re.match(r"^\s*(?:intervals?|bursts?|blocks?|of (?:work|walking|cardio|activity))\b", after[time.end() :]):
            return None, 1
        scale = 60 if unit.startswith("m") else 1
        if _BEFORE_SETS_OF.search(before) or _BEFORE_COUNT.search(before):
            return "hold_s", scale
        if _REPEAT_FOR.search(clause_before) and not _STILL.search(clause_before):
            return None, 1  # "repeat quickly for 30 seconds", "walk for 5 minutes": a time to keep moving
        if _hold_context(clause_before) or _TIME_AFTER_HOLD.match(after[time.end() :]):
            return "hold_s", scale
        return None, 1
    if _BEFORE_COUNT.search(before):
        return "hold_s", 1
    if _AFTER_BREATHS.match(after):
        return None, 1
    if _AFTER_COUNTS.match(after) and _hold_context(clause_before):
        return "hold_s", 1
    if _AFTER_SETS.match(after):
        return "sets", 1
    if _AFTER_REPS.match(after):
        return "reps", 1
    if _BEFORE_SETS_OF.search(before):
        return "reps", 1
    side = _AFTER_SIDE.match(after)
    if side:
        return "reps", 1
    if _BEFORE_DO.search(clause_before) and _AFTER_DO.match(after):
        return "reps", 1
    if _BEFORE_HOLD.search(clause_before) and _AFTER_HOLD_COUNT.match(after):
        return "hold_s", 1  # "Hold for 30." / "Hold 5, then relax": a handout's seconds without the unit
    return None, 1


_FOR_TIME = re.compile(
    rf"\bfor\s+(?:about\s+|around\s+|approximately\s+|up to\s+)?(?P<lo>{_NUM})(?:\s*(?:-|to)\s*(?P<hi>{_NUM}))?\s*"
    r"(?P<unit>seconds?|secs?|minutes?|mins?)\b",
    re.I,
)


def moving_time(text: str, offset: int = 0) -> Finding | None:
    """The first time given for repeating a movement ("repeat quickly for 30-60 seconds", "continue for 2
    minutes") rather than for holding still, in seconds; None when the text gives none. It is a dose of its
    own, so doses given once for the whole article do not apply."""
    low_text = _lowered(text[:20_000])
    for match in _FOR_TIME.finditer(low_text):
        clause = re.split(r"[.;:!?]\s|,\s*(?=then\b)", low_text[max(0, match.start() - 60) : match.start()])[-1]
        if not _REPEAT_FOR.search(clause) or _STILL.search(clause) or _REST_BEFORE.search(clause):
            continue
        lo = number_value(match.group("lo"))
        hi = number_value(match.group("hi")) if match.group("hi") else lo
        if lo is None or hi is None:
            continue
        scale = 60 if match.group("unit").startswith("m") else 1
        return Finding("hold_s", round(lo * scale), round(hi * scale), match.start() + offset, match.end() + offset)
    return None


def _hold_context(clause_before: str) -> bool:
    return bool(_HOLD_CUE.search(clause_before))


def _add(findings: list[Finding], field: Field, lo: float, hi: float, start: int, end: int, offset: int) -> None:
    low, high = round(min(lo, hi)), round(max(lo, hi))
    if low < (0 if field == "hold_s" else 1) or high > LIMITS[field] or (field == "hold_s" and high < 1):
        return
    findings.append(Finding(field, low, high, start + offset, end + offset))


# --- sides --------------------------------------------------------------------------------------

_PER_SIDE = re.compile(
    r"\b(?:each|per|every|either)\s+(?:side|leg|arm|hip|knee|foot)\b|\d\s*/\s*(?:side|leg)\b"
    r"|\bboth\s+sides\b|\bdo\s+both\b|\[x\]\s*both\b"
    r"|\b(?:repeat|switch|swap|change|changing|switching|swapping|do|perform)\w*\b[^.;]{0,30}?"
    r"\b(?:other|opposite)\s+(?:side|leg|arm|knee|foot|hip|pair)\b"
    r"|\brepeat\w*\s+(?:on|to|with)\s+(?:the\s+)?(?:left|right)\b"
    r"|\bchange\s+over\b|\b(?:switch|swap|change)(?:es|ed|ing|ping|s)?\s+(?:sides|legs|arms|over|to\s+the)\b"
    r"|\b(?:switch|swap)(?:es|ing|ping|s)?\s*(?:[.;!]|$)|\b(?:left|right)\s+and\s+(?:left|right)\b"
    r"|\bthen\s+(?:switch|swap)\b|\balternat(?:e|ing)\s+(?:legs|sides|arms)\b|\balternate\b(?!\s+between)"
    r"|\b(?:repeat\w*|do|perform)\b[^.;]{0,60}?\b(?:on|for|with)\s+both\s+(?:legs|arms|feet|hands)\b"
    r"|\b(?:lying|lie|repeat\w*)\s+(?:\w+\s+){0,2}(?:on|onto)\s+(?:the|your)\s+(?:other|opposite)\s+(?:side|leg)\b"
    r"|\brepeat\w*\s+(?:\w+\s+){0,3}(?:on|onto)\s+(?:the|your)\s+(?:uninvolved|unaffected|good)\s+(?:side|leg)\b"
    r"|\b(?:again|then)\b[^.;]{0,25}\b(?:on|lying on)\s+(?:your|the)\s+(?:right|left)\s+(?:side|leg)\b"
    r"|\breverse\s+(?:your\s+|the\s+)?(?:legs|sides|arms|position|feet)\b|\bone\s+at\s+a\s+time\b"
    r"|\b(?:to|on)\s+the\s+(?:left|right)\b[^.;]{0,40}\bthen\b[^.;]{0,30}\b(?:to|on)\s+the\s+(?:right|left)\b"
    r"|(?P<sway>\bside[\s-]+to[\s-]+side\b|\bto\s+one\s+side\b.{0,120}?\b(?:the\s+)?(?:other|opposite)\s+side\b)",
    re.I | re.S,
)
_PER_DIRECTION = re.compile(r"\b(?:each|every|both|either)\s+directions?\b", re.I)


def per_side(text: str, offset: int = 0) -> tuple[int, int] | None:
    """The span of the first words saying the dose is done on each side ("each leg", "switch sides", "rock
    your knees from side to side")."""
    text = text[:20_000]
    for match in _PER_SIDE.finditer(text):
        if match.group("sway") and _PER_DIRECTION.search(text):
            continue  # "to one side, then the other ... 10 in each direction" counts directions, not sides
        return match.start() + offset, match.end() + offset
    return None
