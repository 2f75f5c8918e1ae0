"""The session engine: a state machine over a timeline, driven by the clock it is given.

Cues do not drift: every step's due time is computed from one anchor on the monotonic clock (the
session start, or the moment of the last resume, skip or back), never by adding up sleeps. The engine
does no waiting itself; whoever drives it calls `tick()` at or after `next_due()` and gets the events
that happened. Each finished set is handed to `on_set` before the "set logged" event is emitted, so a
player that commits in `on_set` has the set stored the moment it completes.

Pain is asked, never assumed: a set is logged without a pain (it is not known yet), and when an exercise
ends the engine waits for `rate(pain)` — a rating 0–10 or None for "not rated" — which goes to
`on_rating` for that exercise's sets. Nothing carries one exercise's pain over to the next. After "it
hurts" and its pain, the engine waits at the next exercise: the player carries on (`resume`) or ends
the session there (`end`), as the advice says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from rehabit.domain.timeline import Step, StepKind, Timeline
from rehabit.player.clock import Clock
from rehabit.player.pain import check_pain

__all__ = ["EngineState", "Event", "EventKind", "SessionEngine", "SetRecord", "ends_unit", "resume_step"]


class EngineState(StrEnum):
    """Where the engine is."""

    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    AWAITING_PAIN = "awaiting pain"
    AWAITING_RATING = "awaiting rating"
    FINISHED = "finished"
    ENDED = "ended"
    QUIT = "quit"


class EventKind(StrEnum):
    """What happened."""

    STEP_STARTED = "step started"
    REP_COUNTED = "rep counted"
    HOLD_FINISHED = "hold finished"
    SIDE_SWITCHED = "side switched"
    SET_LOGGED = "set logged"
    EXERCISE_FINISHED = "exercise finished"
    PAUSED = "paused"
    RESUMED = "resumed"
    SKIPPED = "skipped"
    WENT_BACK = "went back"
    STOPPED_FOR_PAIN = "stopped for pain"
    PAIN_ASKED = "pain asked"
    PAIN_RATED = "pain rated"
    SESSION_FINISHED = "session finished"
    SESSION_ENDED = "session ended"
    QUIT = "quit"


@dataclass(frozen=True)
class SetRecord:
    """One set (one side of it, for a per-side dose) as done: logged once, under (exercise, set, side).

    `reps_done` counts completed reps; `seconds_held` is the hold reached per rep.
    """

    exercise_index: int
    exercise_id: str
    set_number: int
    side: str | None
    reps_done: int
    reps_target: int
    seconds_held: int
    stopped_for_pain: bool = False
    pain_during: int | None = None


@dataclass(frozen=True)
class Event:
    """Something that happened at clock time `at`; `due` is when a started step was scheduled."""

    kind: EventKind
    at: float
    step: Step | None = None
    due: float | None = None
    set_record: SetRecord | None = None
    pain: int | None = None  # for "pain rated": the rating (None: not rated)

    @property
    def late_s(self) -> float:
        """How late a scheduled event fired, in seconds (0 for unscheduled events)."""
        return 0.0 if self.due is None else self.at - self.due


SetSink = Callable[[SetRecord], None]
RatingSink = Callable[[str, int | None], None]  # (exercise id, pain 0–10 or None for "not rated")


def ends_unit(step: Step) -> bool:
    """Whether this step completes a logged unit: a set, or one side of a set of a per-side dose."""
    return step.ends_rep and step.rep == step.reps


def resume_step(timeline: Timeline, logged: Iterable[tuple[str, int, str | None, bool]]) -> int:
    """Index of the step to resume from, given units logged as (exercise_id, set_number, side, stopped).

    Resumes right after the last logged unit in timeline order: the other side, the rest before the next
    set, or the next exercise when the unit was the exercise's last or was stopped for pain. A set whose
    sides take turns rep by rep is taken up again from its start until its last unit is logged (its
    logged side is not logged twice). Returns len(steps) when everything is done.
    """
    done = {(exercise_id, set_number, side or None): stopped for exercise_id, set_number, side, stopped in logged}
    resume_at = 0
    for step in timeline.steps:
        key = (step.exercise_id, step.set_number, step.side)
        turns = timeline.doses[step.exercise_index].alternate_sides
        if ends_unit(step) and key in done and (step.ends_set or not turns):
            resume_at = step.index + 1
    stopped = [(exercise_id, number) for (exercise_id, number, _), was_stopped in done.items() if was_stopped]
    exercise_ids = [exercise.id for exercise in timeline.exercises]
    for exercise_id, _number in stopped:  # an exercise stopped for pain is not taken up again
        if exercise_id in exercise_ids:
            stopped_index = exercise_ids.index(exercise_id)
            resume_at = max(resume_at, _first_step_of_exercise(timeline, stopped_index + 1))
    if resume_at < len(timeline.steps) and timeline.steps[resume_at].kind is StepKind.REST_EXERCISE:
        resume_at += 1
    return resume_at


def _first_step_of_exercise(timeline: Timeline, exercise_index: int) -> int:
    for step in timeline.steps:
        if step.exercise_index == exercise_index:
            return step.index
    return len(timeline.steps)


class SessionEngine:
    """Runs a timeline against a clock; `speed` > 1 makes time pass faster (for scripts and tests)."""

    def __init__(
        self,
        timeline: Timeline,
        clock: Clock,
        *,
        speed: float = 1.0,
        on_set: SetSink | None = None,
        on_rating: RatingSink | None = None,
        start_step: int = 0,
        logged: Iterable[tuple[int, int, str | None]] = (),
        ask_pain: bool = True,
    ) -> None:
        if speed <= 0:
            raise ValueError("speed must be above 0")
        self.timeline = timeline
        self.clock = clock
        self.speed = speed
        self.on_set = on_set
        self.on_rating = on_rating
        self.ask_pain = ask_pain
        self.state = EngineState.READY
        self.current = min(start_step, len(timeline.steps))
        self._anchor_clock = 0.0
        self._anchor_ms = 0.0
        self._paused_ms = 0.0
        self._reps: dict[tuple[int, int, str | None], int] = {}
        self._held: dict[tuple[int, int, str | None], int] = {}
        self._logged: set[tuple[int, int, str | None]] = set(logged)
        self._stopped_step: Step | None = None
        self._unrated: set[int] = set()  # exercises with sets logged here and no pain rating yet
        self._rating: int | None = None  # the exercise whose pain is being asked

    # --- reading the state -------------------------------------------------------------------------

    @property
    def rating_exercise(self) -> int | None:
        """The exercise (its index) whose pain the engine is waiting for, while AWAITING_RATING."""
        return self._rating if self.state is EngineState.AWAITING_RATING else None

    @property
    def step(self) -> Step | None:
        """The step in progress (None before the first and after the last)."""
        return self.timeline.steps[self.current] if self.current < len(self.timeline.steps) else None

    def position_ms(self) -> float:
        """Where in the timeline the session is, in timeline milliseconds."""
        if self.state is EngineState.RUNNING:
            elapsed = (self.clock.now() - self._anchor_clock) * 1000 * self.speed
            return min(self._anchor_ms + elapsed, float(self.timeline.duration_ms))
        if self.state in (EngineState.FINISHED,):
            return float(self.timeline.duration_ms)
        return self._paused_ms

    def remaining_s(self) -> float:
        """Timeline seconds left in the current step (frozen while paused)."""
        step = self.step
        if step is None:
            return 0.0
        return max(0.0, (step.end_ms - self.position_ms()) / 1000)

    def due(self, offset_ms: float) -> float:
        """Clock time at which this timeline offset falls, on the current anchor."""
        return self._anchor_clock + (offset_ms - self._anchor_ms) / 1000 / self.speed

    def next_due(self) -> float | None:
        """Clock time of the next step boundary, or None when nothing is scheduled."""
        step = self.step
        if self.state is not EngineState.RUNNING or step is None:
            return None
        return self.due(step.end_ms)

    def reps_counted(self, step: Step | None = None) -> int:
        """Reps completed in the set (and side) of `step`, the current step by default."""
        step = step or self.step
        if step is None:
            return 0
        return self._reps.get((step.exercise_index, step.set_number, step.side), 0)

    # --- controls --------------------------------------------------------------------------------

    def start(self) -> list[Event]:
        """Start the session at the start step; the first "step started" is due now."""
        if self.state is not EngineState.READY:
            return []
        if self.current >= len(self.timeline.steps):
            self.state = EngineState.FINISHED
            return [Event(EventKind.SESSION_FINISHED, self.clock.now())]
        self.state = EngineState.RUNNING
        self._anchor_clock = self.clock.now()
        self._anchor_ms = self.timeline.steps[self.current].start_ms
        return self._started(self._anchor_clock)

    def tick(self) -> list[Event]:
        """Finish every step whose end is due and start the next; returns what happened, in order."""
        if self.state is not EngineState.RUNNING:
            return []
        now = self.clock.now()
        events: list[Event] = []
        while self.current < len(self.timeline.steps):
            step = self.timeline.steps[self.current]
            end_due = self.due(step.end_ms)
            if now < end_due:
                break
            events += self._finish(step, now)
            self.current += 1
            if step.ends_exercise and self._ask_rating(step.exercise_index, float(step.end_ms)):
                return [*events, Event(EventKind.PAIN_ASKED, now, step)]
            if self.current < len(self.timeline.steps):
                events += self._started(now, due=end_due)
        if self.current >= len(self.timeline.steps):
            self.state = EngineState.FINISHED
            events.append(Event(EventKind.SESSION_FINISHED, now))
        return events

    def pause(self) -> list[Event]:
        """Pause; the time left in the current step is kept for `resume`."""
        events = self.tick()
        if self.state is not EngineState.RUNNING:
            return events
        self._paused_ms = self.position_ms()
        self.state = EngineState.PAUSED
        return [*events, Event(EventKind.PAUSED, self.clock.now(), self.step)]

    def resume(self) -> list[Event]:
        """Carry on from where `pause` stopped, with the same time left in the step."""
        if self.state is not EngineState.PAUSED:
            return []
        self._reanchor(self._paused_ms)
        self.state = EngineState.RUNNING
        return [Event(EventKind.RESUMED, self.clock.now(), self.step)]

    def toggle_pause(self) -> list[Event]:
        """Pause when running, resume when paused."""
        return self.resume() if self.state is EngineState.PAUSED else self.pause()

    def skip(self) -> list[Event]:
        """Skip the rest of the current exercise (nothing more of it is logged) and go to the next one."""
        events = self.tick()
        step = self.step
        if step is None or self.state not in (EngineState.RUNNING, EngineState.PAUSED):
            return events
        events.append(Event(EventKind.SKIPPED, self.clock.now(), step))
        target = _first_step_of_exercise(self.timeline, step.exercise_index + 1)
        if self._ask_rating(step.exercise_index, self._start_of(target)):
            self.current = target
            return [*events, Event(EventKind.PAIN_ASKED, self.clock.now(), step)]
        return events + self._jump(target)

    def back(self) -> list[Event]:
        """Go back to the start of the previous step (the start of the first step when at the first)."""
        events = self.tick()
        if self.state not in (EngineState.RUNNING, EngineState.PAUSED):
            return events
        target = max(0, self.current - 1)
        events.append(Event(EventKind.WENT_BACK, self.clock.now(), self.timeline.steps[target]))
        return events + self._jump(target)

    def hurt(self) -> list[Event]:
        """It hurts (PAIN-1): stop the current exercise at once and wait for `report_pain`."""
        events = self.tick()
        step = self.step
        if step is None or self.state not in (EngineState.RUNNING, EngineState.PAUSED):
            return events
        self._paused_ms = self.position_ms()
        self._stopped_step = step
        self.state = EngineState.AWAITING_PAIN
        return [*events, Event(EventKind.STOPPED_FOR_PAIN, self.clock.now(), step)]

    def rate(self, pain: int | None) -> list[Event]:
        """The pain during the exercise just done, 0–10, or None when the person chose "not rated"; then
        the session carries on."""
        if pain is not None:
            check_pain(pain, "pain during")
        exercise = self._rating
        if self.state is not EngineState.AWAITING_RATING or exercise is None:
            return []
        exercise_id = self.timeline.exercises[exercise].id
        if self.on_rating is not None:
            self.on_rating(exercise_id, pain)
        self._unrated.discard(exercise)
        self._rating = None
        events = [Event(EventKind.PAIN_RATED, self.clock.now(), self._stopped_or_last(exercise), pain=pain)]
        if self.current >= len(self.timeline.steps):
            self.state = EngineState.FINISHED
            return [*events, Event(EventKind.SESSION_FINISHED, self.clock.now())]
        self.state = EngineState.RUNNING
        self._reanchor(float(self.timeline.steps[self.current].start_ms))
        return events + self._started(self.clock.now())

    def end(self) -> list[Event]:
        """End the session here, before its last step (e.g. after pain above 'too much'): what was logged
        stays logged, and the session is over (finished early, not left to carry on)."""
        if self.state in (EngineState.FINISHED, EngineState.ENDED, EngineState.QUIT, EngineState.READY):
            return []
        if self.state is EngineState.RUNNING:
            self._paused_ms = self.position_ms()
        self.state = EngineState.ENDED
        return [Event(EventKind.SESSION_ENDED, self.clock.now(), self.step)]

    def report_pain(self, pain: int) -> list[Event]:
        """Log the stopped set with its 0–10 pain, then wait at the next exercise: the player carries on
        (`resume`) or ends the session (`end`)."""
        check_pain(pain, "pain during")
        step = self._stopped_step
        if self.state is not EngineState.AWAITING_PAIN or step is None:
            return []
        dose = self.timeline.doses[step.exercise_index]
        number, side = step.set_number or 1, step.side
        if (step.exercise_index, number, side) in self._logged or (dose.per_side and side is None):
            # the unit in progress is already logged (a rest): record the stop as a set of its own
            number = 1 + max([n for (index, n, _) in self._logged if index == step.exercise_index] + [0])
            side = "left" if dose.per_side else None
        record = self._record(step, number, side, stopped_for_pain=True, pain=pain)
        events = self._log(record)
        self._unrated.discard(step.exercise_index)  # the stop's pain is the one asked for this exercise
        self._stopped_step = None
        self.state = EngineState.PAUSED
        target = _first_step_of_exercise(self.timeline, step.exercise_index + 1)
        self.current = target
        if target >= len(self.timeline.steps):
            self.state = EngineState.FINISHED
            return [*events, Event(EventKind.SESSION_FINISHED, self.clock.now())]
        self._paused_ms = float(self.timeline.steps[target].start_ms)
        return [
            *events,
            Event(EventKind.STEP_STARTED, self.clock.now(), self.timeline.steps[target], due=self.clock.now()),
        ]

    def quit(self) -> list[Event]:
        """Stop the session here; sets already logged stay logged and the session can be resumed."""
        events = self.tick() if self.state is EngineState.RUNNING else []
        if self.state in (EngineState.FINISHED, EngineState.ENDED, EngineState.QUIT):
            return events
        self.state = EngineState.QUIT
        return [*events, Event(EventKind.QUIT, self.clock.now(), self.step)]

    # --- internals -------------------------------------------------------------------------------

    def _ask_rating(self, exercise_index: int, paused_at_ms: float) -> bool:
        """Wait for the pain of an exercise that logged sets without one (when the engine asks at all)."""
        if not self.ask_pain or exercise_index not in self._unrated:
            return False
        self._rating = exercise_index
        self._paused_ms = paused_at_ms
        self.state = EngineState.AWAITING_RATING
        return True

    def _start_of(self, index: int) -> float:
        steps = self.timeline.steps
        return float(steps[index].start_ms) if index < len(steps) else float(self.timeline.duration_ms)

    def _stopped_or_last(self, exercise_index: int) -> Step:
        return self.timeline.exercise_steps(exercise_index)[-1]

    def _reanchor(self, offset_ms: float) -> None:
        self._anchor_clock = self.clock.now()
        self._anchor_ms = offset_ms

    def _jump(self, target: int, resume: bool = False) -> list[Event]:
        self.current = target
        now = self.clock.now()
        if target >= len(self.timeline.steps):
            self.state = EngineState.FINISHED
            return [Event(EventKind.SESSION_FINISHED, now)]
        offset = float(self.timeline.steps[target].start_ms)
        step = self.timeline.steps[target]
        if step.rep:  # going back into a rep takes it off the count again
            key = (step.exercise_index, step.set_number, step.side)
            self._reps[key] = min(self._reps.get(key, 0), step.rep - 1)
        if self.state is EngineState.PAUSED and not resume:
            self._paused_ms = offset
            return [Event(EventKind.STEP_STARTED, now, step, due=now)]
        self.state = EngineState.RUNNING
        self._reanchor(offset)
        return self._started(now)

    def _started(self, now: float, due: float | None = None) -> list[Event]:
        step = self.timeline.steps[self.current]
        events = [Event(EventKind.STEP_STARTED, now, step, due=now if due is None else due)]
        if step.kind is StepKind.SWITCH_SIDE:
            events.append(Event(EventKind.SIDE_SWITCHED, now, step))
        return events

    def _finish(self, step: Step, now: float) -> list[Event]:
        events: list[Event] = []
        if step.kind is StepKind.HOLD:
            hold = self.timeline.doses[step.exercise_index].hold_s
            self._held[(step.exercise_index, step.set_number, step.side)] = hold
            events.append(Event(EventKind.HOLD_FINISHED, now, step))
        if step.ends_rep:
            key = (step.exercise_index, step.set_number, step.side)
            self._reps[key] = max(self._reps.get(key, 0), step.rep)
            events.append(Event(EventKind.REP_COUNTED, now, step))
        if ends_unit(step):
            record = self._record(step, step.set_number, step.side, stopped_for_pain=False, pain=None)
            logged = self._log(record)
            if logged:
                self._unrated.add(step.exercise_index)
            events += logged
        if step.ends_exercise:
            events.append(Event(EventKind.EXERCISE_FINISHED, now, step))
        return events

    def _record(
        self, step: Step, number: int, side: str | None, *, stopped_for_pain: bool, pain: int | None
    ) -> SetRecord:
        dose = self.timeline.doses[step.exercise_index]
        counted = self._reps.get((step.exercise_index, number, side), 0)
        held = self._held.get((step.exercise_index, number, side), 0)
        in_step = step.set_number == number and step.side == side
        if stopped_for_pain and step.kind is StepKind.HOLD and in_step and not held:
            held = int((self._paused_ms - step.start_ms) / 1000)
        return SetRecord(
            exercise_index=step.exercise_index,
            exercise_id=step.exercise_id,
            set_number=number,
            side=side,
            reps_done=counted,
            reps_target=dose.reps,
            seconds_held=held,
            stopped_for_pain=stopped_for_pain,
            pain_during=pain,
        )

    def _log(self, record: SetRecord) -> list[Event]:
        key = (record.exercise_index, record.set_number, record.side)
        if key in self._logged:
            return []
        if self.on_set is not None:
            self.on_set(record)
        self._logged.add(key)
        return [Event(EventKind.SET_LOGGED, self.clock.now(), set_record=record)]
