"""Logs -> decisions: progress, hold, regress or stop-and-refer for every exercise of a session.

Pure and store-independent. `Progression(program, thresholds)` holds the ladders; `apply` takes a
person's `Course` (stage reached, place on each ladder) and one logged `SessionOutcome` and returns
the new course with the decisions, each naming the rule that decided it (rules.py), the facts that
triggered it and the new dose. `replay` runs a whole log from the start, so a late next-morning pain
simply changes the decisions of the session it belongs to.

Order of the rules for one exercise: PAIN-4 (stop and refer) > PAIN-1 (stopped for pain) > PAIN-2
above the acceptable band > PAIN-3 (next-morning flare) > an extra session (never counts for DOSE-1) >
DOSE-1's facts (full dose done, pain during rated, pain before and next morning known) > PAIN-2
acceptable band (hold) > DOSE-1. STAGE-1 is checked once the session's exercises are decided.

A pain nobody gave is unknown, never 0 (CLINICAL.md): the rules that would fire on a known pain fire on
the pains that are known, and DOSE-1 (so STAGE-1 too) never progresses on a pain that was not rated or a
next morning that was not asked: the decision says what was missing ("kept: pain during not rated").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from rehabit.domain.ladder import Ladder, Rung, build_ladder
from rehabit.domain.rules import Refusal, Thresholds
from rehabit.model import Dose, Program


class DecisionKind(StrEnum):
    """What happens to an exercise's dose next session."""

    PROGRESS = "progress"
    HOLD = "hold"
    REGRESS = "regress"
    STOP_AND_REFER = "stop_and_refer"


@dataclass(frozen=True)
class SetOutcome:
    """One logged set: reps done, seconds held, pain during (0-10) and whether it was stopped for pain."""

    set_number: int = 1
    reps_done: int | None = None
    seconds_held: int | None = None
    pain: int | None = None
    stopped_for_pain: bool = False
    side: str | None = None


@dataclass(frozen=True)
class ExerciseOutcome:
    """What happened to one exercise in a session (`exercise_id` is the variation actually done)."""

    exercise_id: str
    sets: tuple[SetOutcome, ...]

    @property
    def max_pain(self) -> int | None:
        """The highest pain rated during any set (None when no set's pain was rated)."""
        return max((s.pain for s in self.sets if s.pain is not None), default=None)

    @property
    def unrated_sets(self) -> int:
        """How many sets carry no pain rating (not rated, or never asked)."""
        return sum(1 for s in self.sets if s.pain is None)

    @property
    def stopped_for_pain(self) -> bool:
        """Whether any set was stopped because it hurt."""
        return any(s.stopped_for_pain for s in self.sets)


@dataclass(frozen=True)
class SessionOutcome:
    """One logged session: its date, each exercise's outcome, and pain before, after and next morning.

    `next_morning_asked` tells a next-morning pain not asked yet from one the person chose not to give;
    an `extra` session (done on a rest day by choice, FREQ-1) never counts towards DOSE-1.
    """

    on: date
    exercises: tuple[ExerciseOutcome, ...]
    pain_before: int | None = None
    pain_after: int | None = None
    pain_next_morning: int | None = None
    next_morning_asked: bool = False
    extra: bool = False

    def flare(self, thresholds: Thresholds) -> bool:
        """PAIN-3: next-morning pain at least `flare_points` above pain before (False while unknown)."""
        if self.pain_next_morning is None or self.pain_before is None:
            return False
        return self.pain_next_morning - self.pain_before >= thresholds.flare_points

    @property
    def pain_level(self) -> int | None:
        """The session's pain for weekly averages: the highest of before, after and next morning."""
        known = [p for p in (self.pain_before, self.pain_after, self.pain_next_morning) if p is not None]
        return max(known) if known else None


@dataclass(frozen=True)
class Decision:
    """The verdict for one exercise (or, with `exercise_id` None, for the stage) after one session."""

    on: date
    exercise_id: str | None
    kind: DecisionKind
    rule_id: str
    facts: str
    dose_before: Rung | None = None
    dose_after: Rung | None = None
    stage_index: int = 0


@dataclass(frozen=True)
class SlotState:
    """A person's place on one slot's ladder: rung index, full-dose sessions in a row, stops for pain."""

    rung: int
    streak: int = 0
    paused: bool = False
    stopped_on: tuple[date, ...] = ()


@dataclass(frozen=True)
class Course:
    """Where a person is: stage index, place on each slot's ladder, session pain so far, referral date."""

    stage_index: int
    slots: Mapping[str, SlotState]
    pain_log: tuple[tuple[date, int], ...] = ()
    referred_on: date | None = None


@dataclass(frozen=True)
class Replay:
    """A whole log replayed: the final course and the decisions taken after each session, in order."""

    course: Course
    decisions: list[list[Decision]] = field(default_factory=list)


_Verdict = Callable[[DecisionKind, str, str, SlotState], tuple[SlotState, Decision]]


class Progression:
    """The progression engine for one program and one person's thresholds."""

    def __init__(
        self, program: Program, thresholds: Thresholds | None = None, equipment: Iterable[str] | None = None
    ) -> None:
        self.program = program
        self.thresholds = thresholds or Thresholds()
        self.equipment = None if equipment is None else {item.strip().lower() for item in equipment}
        self._ladders: dict[str, Ladder] = {}

    def doable(self, slot: str) -> bool:
        """Whether the person has the equipment the exercise needs (always, when equipment is not known).

        The planner swaps or leaves out what they cannot do, so STAGE-1 does not wait for it.
        """
        needs = self.program.exercise(slot).equipment
        return self.equipment is None or all(item in self.equipment for item in needs)

    def ladder(self, slot: str) -> Ladder:
        """The ladder of a slot (an exercise id of a stage)."""
        if slot not in self._ladders:
            self._ladders[slot] = build_ladder(
                self.program, slot, self.thresholds.reps_step, self.thresholds.hold_step_s
            )
        return self._ladders[slot]

    def stage_slots(self, stage_index: int) -> list[str]:
        """The exercise ids of a stage (all exercises when the program has no stages)."""
        return [exercise.id for exercise in self.program.stage_exercises(stage_index)]

    @property
    def last_stage(self) -> int:
        return max(len(self.program.stages) - 1, 0)

    def start(self, stage_index: int = 0) -> Course:
        """A new course at a stage, every exercise at the first rung of its own range."""
        stage_index = max(0, min(stage_index, self.last_stage))
        slots = {slot: SlotState(rung=self.ladder(slot).start) for slot in self.stage_slots(stage_index)}
        return Course(stage_index=stage_index, slots=slots)

    def reset(self, course: Course, stage_index: int, rungs: Mapping[str, int]) -> Course:
        """The course after a change made outside progression (a clinician set the stage or a dose).

        The stage's exercises stand on the given rungs (their start when not given) with no sessions
        counted yet; pauses and a referral are lifted. The pain history stays for PAIN-4, except when the
        change lifted a referral: a professional has seen the person, so the weekly trend starts afresh.
        """
        stage_index = max(0, min(stage_index, self.last_stage))
        slots = dict(course.slots)
        for slot in self.stage_slots(stage_index):
            rung = rungs.get(slot, self.ladder(slot).start)
            slots[slot] = SlotState(rung=max(0, min(rung, self.ladder(slot).top)))
        pain_log = () if course.referred_on is not None else course.pain_log
        return Course(stage_index, slots, pain_log, None)

    def rung(self, course: Course, slot: str) -> Rung:
        """The dose a slot is at now."""
        state = course.slots.get(slot) or SlotState(rung=self.ladder(slot).start)
        return self.ladder(slot).rungs[state.rung]

    def doses(self, course: Course) -> dict[str, tuple[str, Dose]]:
        """Each active exercise of the current stage -> (variation to do, its dose); paused ones left out."""
        planned: dict[str, tuple[str, Dose]] = {}
        for slot in self.stage_slots(course.stage_index):
            state = course.slots.get(slot)
            if course.referred_on is not None or (state is not None and state.paused):
                continue
            rung = self.rung(course, slot)
            planned[slot] = (rung.exercise_id, rung.to_dose(self.program.exercise(rung.exercise_id)))
        return planned

    def mastered(self, course: Course, slot: str) -> bool:
        """DOSE-1 met at the top of the slot's ladder."""
        state = course.slots.get(slot)
        if state is None or state.paused:
            return False
        return state.rung == self.ladder(slot).top and state.streak >= self.thresholds.progress_sessions

    def replay(self, sessions: Iterable[SessionOutcome], start: Course | None = None) -> Replay:
        """Apply sessions in date order from `start` (a new course by default)."""
        course = start or self.start()
        result = Replay(course=course)
        for session in sorted(sessions, key=lambda s: s.on):
            course, decisions = self.apply(course, session)
            result.decisions.append(decisions)
        return replace(result, course=course)

    def apply(self, course: Course, session: SessionOutcome) -> tuple[Course, list[Decision]]:
        """Decide every exercise of one logged session; return the updated course and the decisions."""
        slots = dict(course.slots)
        level = session.pain_level
        pain_log = course.pain_log + (((session.on, level),) if level is not None else ())
        referred_on = course.referred_on
        rise = self._weekly_rise(pain_log, session.on)
        if referred_on is None and rise is not None and rise >= self.thresholds.refer_weekly_rise:
            referred_on = session.on
        decisions: list[Decision] = []
        for outcome in session.exercises:
            slot = self._slot_for(course, outcome.exercise_id)
            if slot is None:
                continue
            state = slots.get(slot) or SlotState(rung=self.ladder(slot).start)
            new_state, decision = self._decide(course.stage_index, slot, state, outcome, session, referred_on, rise)
            slots[slot] = new_state
            decisions.append(decision)
        updated = Course(course.stage_index, slots, pain_log, referred_on)
        stage_decision = self._stage_check(updated, session, decisions)
        if stage_decision is not None:
            updated = self._enter_stage(updated, course.stage_index + 1)
            decisions.append(replace(stage_decision, stage_index=updated.stage_index))
        return updated, decisions

    def stop_decision(self, course: Course, exercise_id: str, pain: int | None, on: date) -> Decision | None:
        """What a stop for pain ("it hurts", PAIN-1) on `on` will decide for this exercise when the session
        is finished: the same rule code as `apply`, so what the player says cannot contradict it.

        None when the exercise is not one of the course's current stage.
        """
        slot = self._slot_for(course, exercise_id)
        if slot is None:
            return None
        state = course.slots.get(slot) or SlotState(rung=self.ladder(slot).start)
        outcome = ExerciseOutcome(exercise_id, (SetOutcome(pain=pain, stopped_for_pain=True),))
        session = SessionOutcome(on, (outcome,))
        _state, decision = self._decide(course.stage_index, slot, state, outcome, session, course.referred_on, None)
        return decision

    def paused(self, course: Course) -> dict[str, str]:
        """The current stage's exercises PAIN-4 paused, with the facts that paused them (all of them, with
        the reason, when rising pain paused the whole program)."""
        found: dict[str, str] = {}
        for slot in self.stage_slots(course.stage_index):
            state = course.slots.get(slot)
            if course.referred_on is not None:
                found[slot] = f"weekly pain has been rising since {course.referred_on.isoformat()}"
            elif state is not None and state.paused:
                dates = ", ".join(d.isoformat() for d in state.stopped_on)
                window = self.thresholds.refer_window_days
                found[slot] = f"stopped for pain {len(state.stopped_on)} times within {window} days ({dates})"
        return found

    def _slot_for(self, course: Course, exercise_id: str) -> str | None:
        current = self.stage_slots(course.stage_index)
        if exercise_id in current:
            return exercise_id
        for slot in current:
            if self.rung(course, slot).exercise_id == exercise_id:
                return slot
        return None

    def _decide(
        self,
        stage: int,
        slot: str,
        state: SlotState,
        outcome: ExerciseOutcome,
        session: SessionOutcome,
        referred_on: date | None,
        rise: float | None,
    ) -> tuple[SlotState, Decision]:
        t = self.thresholds
        ladder = self.ladder(slot)
        before = ladder.rungs[state.rung]
        pain = outcome.max_pain
        window_start = session.on - timedelta(days=t.refer_window_days)
        stops = tuple(d for d in state.stopped_on if d >= window_start)
        if outcome.stopped_for_pain:
            stops += (session.on,)

        def verdict(kind: DecisionKind, rule_id: str, facts: str, after: SlotState) -> tuple[SlotState, Decision]:
            rung = ladder.rungs[after.rung]
            if rung.exercise_id != before.exercise_id:
                facts += f"; next: {self.program.exercise(rung.exercise_id).name} instead"
            decision = Decision(session.on, slot, kind, rule_id, facts, before, rung, stage)
            return after, decision

        if referred_on is not None:
            since = "" if referred_on == session.on else f" (paused since {referred_on.isoformat()})"
            facts = (
                f"weekly average pain rose {rise:.1f} points over two weeks{since}"
                if rise is not None
                else (f"paused since {referred_on.isoformat()} for rising pain")
            )
            return verdict(DecisionKind.STOP_AND_REFER, "PAIN-4", facts, replace(state, stopped_on=stops, streak=0))
        if outcome.stopped_for_pain and len(stops) >= t.refer_stops:
            dates = ", ".join(d.isoformat() for d in stops)
            facts = f"stopped for pain {len(stops)} times within {t.refer_window_days} days ({dates})"
            paused = replace(state, paused=True, streak=0, stopped_on=stops)
            return verdict(DecisionKind.STOP_AND_REFER, "PAIN-4", facts, paused)
        if outcome.stopped_for_pain:
            return self._step_down(state, stops, "PAIN-1", f"stopped for pain, {_pain_text(pain)}", verdict)
        if pain is not None and pain > t.pain_acceptable_max:
            facts = f"pain {pain}/10 during, above {t.pain_acceptable_max}/10"
            return self._step_down(state, stops, "PAIN-2", facts, verdict)
        if session.flare(t):
            facts = f"pain {session.pain_before}/10 before, {session.pain_next_morning}/10 next morning"
            return self._step_down(state, stops, "PAIN-3", facts, verdict)
        if session.extra:
            facts = "extra session on a rest day: it never counts towards a harder dose"
            return verdict(DecisionKind.HOLD, "FREQ-1", facts, replace(state, stopped_on=stops))
        full = _meets(outcome, before, self.program)
        missing = _missing(outcome, session)
        counts = full and missing is None
        streak = state.streak + 1 if counts else 0
        kept = replace(state, streak=streak, stopped_on=stops)
        if not full:
            facts = f"target {before.describe(self.program)} not reached ({_done_text(outcome)})"
            return verdict(DecisionKind.HOLD, "DOSE-1", facts, kept)
        if missing is not None or pain is None:
            return verdict(DecisionKind.HOLD, "DOSE-1", f"kept: {missing}", kept)
        morning = ", no flare next morning"
        if pain > t.pain_safe_max:
            facts = f"pain {pain}/10 during: acceptable, so no progression this session"
            return verdict(DecisionKind.HOLD, "PAIN-2", facts, kept)
        if streak < t.progress_sessions:
            needed = t.progress_sessions
            facts = f"full dose in {streak} of the {needed} sessions in a row needed, pain {pain}/10 during"
            return verdict(DecisionKind.HOLD, "DOSE-1", facts, kept)
        facts = f"full dose in {streak} sessions in a row, pain {pain}/10 during{morning}"
        if state.rung >= ladder.top:
            return verdict(DecisionKind.HOLD, "DOSE-1", f"top of the range reached: {facts}", kept)
        return verdict(DecisionKind.PROGRESS, "DOSE-1", facts, replace(kept, rung=state.rung + 1, streak=0))

    @staticmethod
    def _step_down(
        state: SlotState, stops: tuple[date, ...], rule_id: str, facts: str, verdict: _Verdict
    ) -> tuple[SlotState, Decision]:
        if state.rung == 0:
            return verdict(
                DecisionKind.HOLD,
                rule_id,
                f"{facts}; already at the easiest dose",
                replace(state, streak=0, stopped_on=stops),
            )
        return verdict(
            DecisionKind.REGRESS, rule_id, facts, replace(state, rung=state.rung - 1, streak=0, stopped_on=stops)
        )

    def _stage_check(self, course: Course, session: SessionOutcome, decisions: Sequence[Decision]) -> Decision | None:
        if course.stage_index >= self.last_stage or course.referred_on is not None or not decisions:
            return None
        if any(d.kind is not DecisionKind.HOLD and d.kind is not DecisionKind.PROGRESS for d in decisions):
            return None
        slots = [slot for slot in self.stage_slots(course.stage_index) if self.doable(slot)]
        if not slots or not all(self.mastered(course, slot) for slot in slots):
            return None
        current = self.program.stages[course.stage_index]
        following = self.program.stages[course.stage_index + 1]
        joining = [self.program.exercise(e).name for e in following.exercises if e not in current.exercises]
        facts = (
            f"every exercise of {current.name} at the top of its range in "
            f"{self.thresholds.progress_sessions} sessions in a row; next: {following.name}"
        )
        if joining:
            facts += f" (adds {', '.join(joining)})"
        return Decision(session.on, None, DecisionKind.PROGRESS, "STAGE-1", facts)

    def _enter_stage(self, course: Course, stage_index: int) -> Course:
        slots = dict(course.slots)
        for slot in self.stage_slots(stage_index):
            slots.setdefault(slot, SlotState(rung=self.ladder(slot).start))
        return replace(course, stage_index=stage_index, slots=slots)

    def _weekly_rise(self, pain_log: Sequence[tuple[date, int]], on: date) -> float | None:
        recent = [p for d, p in pain_log if on - timedelta(days=7) < d <= on]
        earlier = [p for d, p in pain_log if on - timedelta(days=21) < d <= on - timedelta(days=14)]
        if len(recent) < 2 or len(earlier) < 2:  # one session is not a weekly average
            return None
        return sum(recent) / len(recent) - sum(earlier) / len(earlier)


def _meets(outcome: ExerciseOutcome, rung: Rung, program: Program) -> bool:
    """Whether every logged set reached the rung (the laddered amounts must be logged), in enough sets."""
    dose = program.exercise(rung.exercise_id).dose
    if rung.exercise_id != outcome.exercise_id or not outcome.sets:
        return False
    if len({s.set_number for s in outcome.sets}) < dose.sets.min:
        return False
    reps_climb = dose.reps is not None and dose.reps.min < dose.reps.max
    hold_climbs = dose.hold_s is not None and dose.hold_s.min < dose.hold_s.max
    for logged in outcome.sets:
        if logged.stopped_for_pain:
            return False
        if rung.reps is not None:
            if logged.reps_done is None and reps_climb:
                return False
            if logged.reps_done is not None and logged.reps_done < rung.reps:
                return False
        if rung.hold_s is not None:
            if logged.seconds_held is None and hold_climbs:
                return False
            if logged.seconds_held is not None and logged.seconds_held < rung.hold_s:
                return False
    return True


def _done_text(outcome: ExerciseOutcome) -> str:
    parts = []
    for logged in outcome.sets:
        bits = []
        if logged.reps_done is not None:
            bits.append(f"{logged.reps_done} reps")
        if logged.seconds_held is not None:
            bits.append(f"{logged.seconds_held} s")
        parts.append(" ".join(bits) or "nothing logged")
    return "done: " + ", ".join(parts) if parts else "no sets logged"


def _missing(outcome: ExerciseOutcome, session: SessionOutcome) -> str | None:
    """What DOSE-1 needs but was not given, in words (None when nothing is missing).

    DOSE-1 asks for pain during no higher than acceptable and no flare the next morning (PAIN-3), so it
    needs every set's pain, the pain before the session and the next-morning pain.
    """
    if outcome.unrated_sets:
        count = len(outcome.sets)
        which = "any set" if outcome.unrated_sets == count else f"{outcome.unrated_sets} of {count} sets"
        return f"pain during not rated in {which}, so this session does not count towards a harder dose"
    if session.pain_before is None:
        return "pain before the session not rated, so a flare the next morning cannot be ruled out"
    if session.pain_next_morning is None and session.next_morning_asked:
        return "next-morning pain not rated, so a flare cannot be ruled out"
    if session.pain_next_morning is None:
        return "waiting for the next-morning pain before this session counts towards a harder dose"
    return None


def _pain_text(pain: int | None) -> str:
    return "pain not rated" if pain is None else f"pain {pain}/10"


def referral_refusal(referred_on: date, facts: str, *, has_clinician: bool) -> Refusal:
    """PAIN-4 at the start of a session: the whole program is paused for rising pain until a health
    professional has seen the person (a clinician's course change, or the person recording it)."""
    if has_clinician:
        what = "Please get in touch with your clinician: they will look at it and carry your program on."
    else:
        what = (
            "Please see a health professional (a doctor or physiotherapist) before you exercise again. When you "
            "have, record it and your program carries on."
        )
    return Refusal(
        "PAIN-4",
        f"Your program has been paused since {referred_on.isoformat()}: {facts}.",
        what,
        command="" if has_clinician else "rehabit screen --consulted NAME",
    )


def outcome_from_sets(exercise_id: str, sets: Sequence[SetOutcome]) -> ExerciseOutcome:
    """Build an exercise outcome from its sets, ordered by set number and side."""
    return ExerciseOutcome(exercise_id, tuple(sorted(sets, key=lambda s: (s.set_number, s.side or ""))))
