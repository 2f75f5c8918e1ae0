"""The warning-sign screen: SCREEN-1's questions, SCREEN-2 and SCREEN-3 applied exactly, clearance.

rehabit guides exercise; it does not diagnose. Before the first session (and whenever someone reports
new symptoms, every 4 weeks, and after a session that ended with pain above the 'too much' threshold)
it asks about signs that need a health professional first [B]. One question needs a second before it
decides: "walking is getting harder" is an emergency (SCREEN-2) when a leg is getting weak, not when
walking hurts (then a professional should check first, SCREEN-3). No I/O lives here: the store keeps
the answers, `rehabit.services.setup` and `rehabit.services.safety` apply the screen for a person.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from rehabit.domain.rules import SOURCES, Refusal, Thresholds
from rehabit.errors import RehabitError

SOURCE_B = SOURCES["B"]  # one text for [B], whether a screen or a refusal cites it
RESCREEN_DAYS = 28  # SCREEN-1: the questions are offered again every 4 weeks

__all__ = [
    "RESCREEN_DAYS",
    "WALKING",
    "WARNING_SIGNS",
    "FollowUp",
    "ScreenOutcome",
    "ScreenResult",
    "ScreeningRefusal",
    "SignGroup",
    "WarningSign",
    "answers_from_names",
    "check_clearance",
    "exercise_allowed",
    "parse_answer",
    "parse_answers",
    "rescreen_reason",
    "screen",
    "screen_refusal",
    "sign",
    "thresholds_for",
    "walking_answers",
]


class SignGroup(StrEnum):
    """What a warning sign may point to; cauda equina is the emergency (SCREEN-2)."""

    CAUDA_EQUINA = "cauda-equina"
    CANCER = "cancer"
    INFECTION = "infection"
    FRACTURE = "fracture"
    OTHER = "other"


@dataclass(frozen=True)
class WarningSign:
    """One SCREEN-1 question. `name` is stable: `--warning-sign NAME` and stored answers use it.

    `asked_by` names the follow-up question that asks it for the person (see `WALKING`): faces that ask
    one question at a time ask that one instead; the stored answer is still this sign's yes or no.
    """

    name: str
    group: SignGroup
    question: str
    asked_by: str | None = None


@dataclass(frozen=True)
class FollowUp:
    """A question whose yes needs one more question before it decides: `choices` are (answer, the
    words for it, the signs that answer makes yes)."""

    name: str
    question: str
    why: str
    choices: tuple[tuple[str, str, tuple[str, ...]], ...]

    def signs(self) -> tuple[str, ...]:
        """Every sign this follow-up answers."""
        return tuple(dict.fromkeys(name for _, _, names in self.choices for name in names))


WALKING = FollowUp(
    "walking",
    "Is walking getting harder, or does one or both of your legs feel weaker than before?",
    "Is that because a leg is getting weak (it gives way, or a foot drags or catches), or because walking hurts?",
    (
        ("weakness", "a leg is getting weak", ("leg-weakness",)),
        ("pain", "walking hurts", ("walking-pain",)),
        ("both", "both", ("leg-weakness", "walking-pain")),
    ),
)


WARNING_SIGNS: tuple[WarningSign, ...] = (
    WarningSign(
        "bladder-bowel",
        SignGroup.CAUDA_EQUINA,
        "Has controlling your bladder or bowels changed lately — trouble starting to pee, leaking, "
        "or not feeling when you need to go?",
    ),
    WarningSign(
        "saddle-numbness",
        SignGroup.CAUDA_EQUINA,
        "Do you have numbness or pins and needles around your genitals, back passage, buttocks or inner thighs?",
    ),
    WarningSign(
        "sexual-function",
        SignGroup.CAUDA_EQUINA,
        "Has your sexual function changed lately, for example less feeling in the genitals, or trouble with "
        "erections or reaching orgasm?",
    ),
    WarningSign(
        "both-legs",
        SignGroup.CAUDA_EQUINA,
        "Do you have pain, numbness, pins and needles or weakness in both legs at once?",
    ),
    WarningSign(
        "leg-weakness",
        SignGroup.CAUDA_EQUINA,
        "Is one or both of your legs getting weaker: does a leg give way, or a foot drag or catch when you walk?",
        asked_by=WALKING.name,
    ),
    WarningSign(
        "walking-pain",
        SignGroup.OTHER,
        "Is walking getting harder because it hurts?",
        asked_by=WALKING.name,
    ),
    WarningSign("cancer-history", SignGroup.CANCER, "Have you ever been treated for cancer?"),
    WarningSign("weight-loss", SignGroup.CANCER, "Have you lost weight recently without meaning to?"),
    WarningSign(
        "night-pain",
        SignGroup.CANCER,
        "Is the pain there all through the night, whatever position you lie in?",
    ),
    WarningSign(
        "age-at-onset",
        SignGroup.CANCER,
        "Did this back pain first start before you were 20 or after you turned 50?",
    ),
    WarningSign("fever", SignGroup.INFECTION, "Do you have a fever, or do you feel generally unwell?"),
    WarningSign(
        "weak-immunity",
        SignGroup.INFECTION,
        "Is your immune system weakened, for example by medicines, chemotherapy or an illness?",
    ),
    WarningSign(
        "infection-or-injecting",
        SignGroup.INFECTION,
        "Have you had an infection recently, or do you inject drugs?",
    ),
    WarningSign(
        "fall-or-accident",
        SignGroup.FRACTURE,
        "Did the pain start after a fall, an accident or another injury?",
    ),
    WarningSign(
        "osteoporosis-steroids",
        SignGroup.FRACTURE,
        "Do you have osteoporosis (thin bones), or have you taken steroid tablets for months?",
    ),
    WarningSign(
        "constant-worsening-pain",
        SignGroup.OTHER,
        "Is the pain there all the time and getting steadily worse, whatever you do, even when you rest or move?",
    ),
    WarningSign(
        "spinal-surgery",
        SignGroup.OTHER,
        "Have you had an operation on your spine in the last year?",
    ),
)

_BY_NAME = {item.name: item for item in WARNING_SIGNS}
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


class ScreenResult(StrEnum):
    """The outcome of a screen, as stored."""

    CLEAR = "clear"
    EMERGENCY = "emergency"
    NEEDS_CLEARANCE = "needs_clearance"


@dataclass(frozen=True)
class ScreenOutcome:
    """What the screen decided, which rule decided it, and which answers were yes."""

    result: ScreenResult
    rule_id: str | None
    positive: tuple[str, ...]
    message: str

    @property
    def source(self) -> str | None:
        """The source the decision rests on ([B]), when a rule decided."""
        return None if self.rule_id is None else f"[B] {SOURCE_B}"


EMERGENCY_MESSAGE = (
    "Please get emergency medical care today: go to an emergency department or call your emergency number. "
    "Changes in bladder or bowel control or in sexual function, numbness around the genitals or buttocks, "
    "symptoms in both legs, or a leg that is getting weaker can mean the nerves at the base of the spine are "
    "squeezed (cauda equina), which needs urgent treatment. rehabit will not give you an exercise plan. (SCREEN-2)"
)
CLEARANCE_MESSAGE = (
    "One or more of your answers is a sign a health professional should check before you start exercising. "
    "rehabit will make your plan once you record that a doctor or physiotherapist has cleared you. (SCREEN-3)"
)
CLEARANCE_COMMAND = "rehabit screen --cleared-by NAME --cleared-on DATE"  # the terminal's way; pages have a form
CLEAR_MESSAGE = "No warning signs. You can start the program; stop any exercise that hurts and ask for advice."


def sign(name: str) -> WarningSign:
    """The warning sign called `name`; RehabitError listing the names when there is none."""
    try:
        return _BY_NAME[name]
    except KeyError:
        known = ", ".join(_BY_NAME)
        raise RehabitError(f"unknown warning sign {name!r} (known: {known})") from None


def parse_answer(name: str, answer: str | bool | None) -> bool:
    """A yes/no answer to one question: True/False, or yes/no/y/n in any case; RehabitError otherwise."""
    if isinstance(answer, bool):
        return answer
    if answer is None or not str(answer).strip():
        raise RehabitError(f"no answer to the warning-sign question {name!r}; answer yes or no")
    text = str(answer).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise RehabitError(f"answer yes or no to the warning-sign question {name!r}, not {str(answer).strip()!r}")


def walking_answers(harder: bool, why: str | None) -> dict[str, bool]:
    """The signs the walking question answers: no, or yes with why (weakness, pain or both).

    RehabitError when walking is getting harder but the reason is missing or unknown: rehabit does not
    advise emergency care, nor leave it out, on a guess.
    """
    names = WALKING.signs()
    if not harder:
        return dict.fromkeys(names, False)
    choices = {value: chosen for value, _, chosen in WALKING.choices}
    if why is None or not why.strip():
        raise RehabitError("say why walking is getting harder: a leg is getting weak, walking hurts, or both")
    chosen = choices.get(why.strip().lower())
    if chosen is None:
        raise RehabitError(f"why walking is getting harder: answer {', '.join(choices)}, not {why.strip()!r}")
    return {name: name in chosen for name in names}


def parse_answers(answers: Mapping[str, str | bool | None]) -> dict[str, bool]:
    """Every SCREEN-1 question answered yes or no, by name; RehabitError for a missing, unknown or bad one."""
    for name in answers:
        sign(name)
    return {item.name: parse_answer(item.name, answers.get(item.name)) for item in WARNING_SIGNS}


def answers_from_names(yes_names: Iterable[str]) -> dict[str, bool]:
    """Answers where the named signs are yes and every other is no (`--warning-sign NAME`)."""
    chosen = {sign(name.strip()).name for name in yes_names}
    return {item.name: item.name in chosen for item in WARNING_SIGNS}


def screen(answers: Mapping[str, bool]) -> ScreenOutcome:
    """Apply SCREEN-2 (any cauda-equina yes: emergency) then SCREEN-3 (any other yes: needs clearance)."""
    checked = parse_answers(answers)
    positive = tuple(name for name, answer in checked.items() if answer)
    if any(_BY_NAME[name].group is SignGroup.CAUDA_EQUINA for name in positive):
        return ScreenOutcome(ScreenResult.EMERGENCY, "SCREEN-2", positive, EMERGENCY_MESSAGE)
    if positive:
        return ScreenOutcome(ScreenResult.NEEDS_CLEARANCE, "SCREEN-3", positive, CLEARANCE_MESSAGE)
    return ScreenOutcome(ScreenResult.CLEAR, None, (), CLEAR_MESSAGE)


class ScreeningRefusal(RehabitError):
    """No program for this person now, and why (SCREEN-2 or SCREEN-3, or never screened)."""


def exercise_allowed(result: str | None, cleared_on: date | None) -> str | None:
    """None when the person may have a program; otherwise the reason they may not, in plain words."""
    if result is None:
        return "you have not answered the warning-sign questions yet: run `rehabit setup` or `rehabit screen`"
    if result == ScreenResult.EMERGENCY:
        return EMERGENCY_MESSAGE
    if result == ScreenResult.NEEDS_CLEARANCE and cleared_on is None:
        return CLEARANCE_MESSAGE
    return None


def check_clearance(result: str, cleared_by: str, cleared_on: date, today: date) -> None:
    """Refuse a clearance that cannot apply: for an emergency result, a clear result, or a future date."""
    if result == ScreenResult.EMERGENCY:
        raise RehabitError(
            "your last screen found a sign that needs emergency care (SCREEN-2); once you have been seen, "
            "answer the questions again with `rehabit screen`"
        )
    if result == ScreenResult.CLEAR:
        raise RehabitError("your last screen found no warning signs, so there is nothing to be cleared")
    if not cleared_by.strip():
        raise RehabitError("say who cleared you, for example --cleared-by 'Dr Jones'")
    if cleared_on > today:
        raise RehabitError(f"the clearance date {cleared_on.isoformat()} is in the future")


def screen_refusal(result: str | None, cleared_on: date | None) -> Refusal | None:
    """Why no session may start after this screen (SCREEN-2, SCREEN-3, or no screen yet), or None."""
    if result is None:
        return Refusal(
            "SCREEN-1",
            "You have not answered the warning-sign questions yet.",
            "Answer them first (set-up asks them).",
            command="rehabit setup",
        )
    if result == ScreenResult.EMERGENCY:
        return Refusal(
            "SCREEN-2",
            "Your answers to the warning-sign questions point to nerves at the base of the spine being squeezed, "
            "which needs urgent treatment, so rehabit runs no session.",
            "Please get emergency medical care today: go to an emergency department or call your emergency "
            "number. Once you have been seen, answer the questions again.",
        )
    if result == ScreenResult.NEEDS_CLEARANCE and cleared_on is None:
        return Refusal(
            "SCREEN-3",
            "One or more of your answers to the warning-sign questions is a sign a health professional should "
            "check before you exercise, so rehabit runs no session until then.",
            "See a doctor or physiotherapist; when they have cleared you, record it and your sessions are "
            "planned again.",
            command="rehabit screen --cleared-by NAME",
        )
    return None


def rescreen_reason(
    screened_at: datetime | None,
    today: date,
    ending_pain: int | None,
    ended_at: datetime | None,
    thresholds: Thresholds,
) -> str | None:
    """SCREEN-1: why the warning-sign questions are offered again today, or None.

    Offered every 4 weeks, and after a session that ended (at `ended_at`, after the last screen) with pain
    above the 'too much' threshold.
    """
    too_much = thresholds.pain_acceptable_max
    ended_too_sore = ending_pain is not None and ending_pain > too_much and ended_at is not None
    if ended_too_sore and (screened_at is None or ended_at is None or ended_at >= screened_at):
        return (
            f"Your last session ended with pain of {ending_pain}/10, more than {too_much}/10: please answer "
            "the warning-sign questions again, in case something new needs a health professional."
        )
    screened_on = None if screened_at is None else screened_at.astimezone().date()
    if screened_on is not None and today - screened_on >= timedelta(days=RESCREEN_DAYS):
        return (
            f"It is {(today - screened_on).days} days since you answered the warning-sign questions: please "
            "answer them again (every 4 weeks), in case something has changed."
        )
    return None


def thresholds_for(settings: Mapping[str, object]) -> Thresholds:
    """A person's clinical thresholds: `settings['thresholds']` over CLINICAL.md's defaults."""
    overrides = settings.get("thresholds", {})
    if not isinstance(overrides, Mapping):
        raise RehabitError("the profile's thresholds setting must be a mapping of threshold names to numbers")
    try:
        return Thresholds.model_validate(dict(overrides))
    except ValueError as error:
        raise RehabitError(f"the profile's thresholds are not valid: {error}") from None
