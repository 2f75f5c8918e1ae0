"""The clinical rules progression applies, each with its id, a plain-language reason and its sources.

Ids and sources follow CLINICAL.md. Every threshold is a field of `Thresholds`, whose defaults are
CLINICAL.md's, so a clinician can change them for one person; the reasons quote the person's own
thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, model_validator

SOURCES: dict[str, str] = {
    "A": "the source article (lower back and glute exercises: stop if it hurts and consult)",
    "B": "Finucane et al. 2020, IFOMPT red-flag framework, JOSPT 50(7):350-372; NHS red-flag pathways",
    "C": "Silbernagel et al. 2007, Am J Sports Med 35(6):897-906 (pain-monitoring model, adapted "
    "from tendon loading to exercise dosing)",
    "D": "Childs et al. 2005, Spine 30(11):1331-4; Farrar et al. 2001, Pain 94:149-58; Ostelo et al. 2008, Spine",
    "E": "Stratford et al. 1995, Physiother Can 47:258-63 (Patient-Specific Functional Scale)",
    "F": "ACSM position stand 2009 (Ratamess et al.); NSCA 2-for-2 rule",
    "G": "NICE NG59 (2016, updated 2020): low back pain and sciatica in over 16s",
}


class Thresholds(BaseModel):
    """The numbers the rules use, per person; defaults are CLINICAL.md's."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pain_safe_max: int = Field(default=3, ge=0, le=10, description="PAIN-2: highest pain during that is safe")
    pain_acceptable_max: int = Field(
        default=5, ge=0, le=10, description="PAIN-2: highest pain during that is acceptable (no progression)"
    )
    flare_points: int = Field(
        default=2, ge=1, le=10, description="PAIN-3: next-morning pain this far above pain before is a flare"
    )
    progress_sessions: int = Field(
        default=2, ge=1, le=10, description="DOSE-1: sessions in a row at the full dose before progressing"
    )
    refer_stops: int = Field(default=2, ge=1, le=10, description="PAIN-4: stops for pain that lead to referral")
    refer_window_days: int = Field(default=14, ge=1, le=90, description="PAIN-4: days the stops are counted over")
    refer_weekly_rise: float = Field(
        default=2.0, gt=0, le=10, description="PAIN-4: rise in weekly average pain over two weeks"
    )
    reps_step: int = Field(default=2, ge=1, le=20, description="DOSE-1: reps added per step")
    hold_step_s: int = Field(default=5, ge=1, le=120, description="DOSE-1: seconds added to a hold per step")
    important_pain_points: float = Field(
        default=2.0, gt=0, le=10, description="OUTCOME-1: pain change in points that matters"
    )
    important_pain_percent: float = Field(
        default=30.0, gt=0, le=100, description="OUTCOME-1: pain change in percent that matters"
    )
    important_psfs_points: float = Field(
        default=2.0, gt=0, le=10, description="OUTCOME-1: PSFS mean change that matters"
    )
    psfs_every_days: int = Field(default=14, ge=1, le=365, description="days between PSFS ratings")

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if self.pain_safe_max > self.pain_acceptable_max:
            raise ValueError(
                f"pain_safe_max ({self.pain_safe_max}) is above pain_acceptable_max ({self.pain_acceptable_max})"
            )
        return self


@dataclass(frozen=True)
class Rule:
    """One clinical rule: id, when it applies, why (a template over the thresholds) and its sources."""

    id: str
    title: str
    reason_template: str
    sources: tuple[str, ...]

    def reason(self, thresholds: Thresholds | None = None) -> str:
        """The plain-language reason, with this person's thresholds filled in."""
        values = (thresholds or Thresholds()).model_dump()
        return self.reason_template.format(**values)

    def source_text(self) -> str:
        """The sources cited, e.g. "[C] Silbernagel et al. 2007, ..."."""
        return "; ".join(f"[{key}] {SOURCES[key]}" for key in self.sources)


_RULES = [
    Rule(
        "SCREEN-1",
        "warning-sign questions",
        "Some back pain needs a health professional before exercise, so rehabit asks about warning signs "
        "before the first session, every 4 weeks, after new symptoms and after a session that ends with pain "
        "above {pain_acceptable_max}/10.",
        ("B",),
    ),
    Rule(
        "SCREEN-2",
        "emergency signs",
        "Signs that the nerves at the base of the spine are squeezed (cauda equina) need emergency care the "
        "same day: no session runs.",
        ("B",),
    ),
    Rule(
        "SCREEN-3",
        "a professional first",
        "Other warning signs need a health professional's check first: no session runs until you record "
        "that they cleared you.",
        ("B", "A"),
    ),
    Rule(
        "PAIN-1",
        "stopped because it hurt",
        "You stopped this exercise because it hurt, so next time it is one step easier. "
        "If the pain does not settle, see a health professional before doing it again.",
        ("A", "C"),
    ),
    Rule(
        "PAIN-2",
        "pain during the exercise",
        "Pain during an exercise up to {pain_safe_max}/10 is safe; up to {pain_acceptable_max}/10 is acceptable "
        "but no time to make it harder; above {pain_acceptable_max}/10 means the exercise is too hard for now, "
        "so next session it is one step easier.",
        ("C",),
    ),
    Rule(
        "PAIN-3",
        "flare the next morning",
        "Pain the next morning {flare_points} or more points above your pain before the session means the "
        "session asked too much, so every exercise of it goes one step down next time.",
        ("C", "D"),
    ),
    Rule(
        "PAIN-4",
        "stop and refer",
        "An exercise stopped for pain {refer_stops} times within {refer_window_days} days, or weekly pain that "
        "rose by {refer_weekly_rise:g} points or more over two weeks, needs a professional's eye: pause it and "
        "consult a health professional before carrying on.",
        ("A", "D"),
    ),
    Rule(
        "DOSE-1",
        "ready for more",
        "Doing the full dose in {progress_sessions} sessions in a row, with pain during no higher than "
        "{pain_acceptable_max}/10 and no flare the next morning, shows the dose has become easy enough: the next "
        "session asks a little more ({reps_step} more reps or a {hold_step_s} s longer hold), and after the top "
        "of the range comes the harder variation.",
        ("F", "C"),
    ),
    Rule(
        "STAGE-1",
        "next stage",
        "Every exercise of your stage is at the top of its range and comfortable, so you move on to the next "
        "stage (foundational, then progression, then compound); stabilization and stretching stay in every stage.",
        ("A",),
    ),
    Rule(
        "FREQ-1",
        "sessions a week",
        "Two or three sessions a week, with a rest day between them, give muscles time to recover; an extra "
        "session on a rest day is your choice, and it never counts towards a harder dose.",
        ("A", "F"),
    ),
    Rule(
        "OUTCOME-1",
        "a change that matters",
        "A change of {important_pain_points:g} points or {important_pain_percent:g}% in pain, or of "
        "{important_psfs_points:g} points in the PSFS mean, is large enough to matter in daily life, so rehabit "
        "marks it.",
        ("D", "E"),
    ),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}


@dataclass(frozen=True)
class Refusal:
    """Why an action is refused, in plain words, what the person can do about it, and the rule that
    refuses it. `extra_allowed`: the person may still choose an extra session (FREQ-1 only). `what_to_do`
    names no terminal command (pages show it); `command` is the terminal's way, which the CLI adds."""

    rule_id: str
    reason: str
    what_to_do: str
    extra_allowed: bool = False
    command: str = ""

    @property
    def message(self) -> str:
        """One line: the reason, what to do, and the rule id beside them."""
        return f"{self.reason} {self.what_to_do} ({self.rule_id})"

    @property
    def source(self) -> str:
        """The rule's sources, e.g. "[B] Finucane et al. 2020, ..."."""
        return RULES[self.rule_id].source_text()


def rule(rule_id: str) -> Rule:
    """The rule with this id; KeyError when there is none."""
    return RULES[rule_id]
