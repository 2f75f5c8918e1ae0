"""The terminal player's loop with scripted key presses on a fake clock (no real waiting)."""

from __future__ import annotations

import io

from rich.console import Console

from rehabit.domain.timeline import build_timeline
from rehabit.player import EventKind, FakeClock, SessionEngine, SetRecord
from rehabit.player.terminal import KeyReader, TerminalPlayer, big_number
from rehabit.programs import get_program

PROGRAM = get_program()


class ScriptedKeys(KeyReader):
    """Presses each key at its clock time; waiting moves the fake clock instead of sleeping."""

    def __init__(self, clock: FakeClock, script: list[tuple[float, str]]) -> None:
        self.clock = clock
        self.script = sorted(script)
        self.fd = None

    @property
    def reads_keys(self) -> bool:
        return True  # a person at the keys: questions wait for an answer

    def read(self, timeout: float) -> str | None:
        start = self.clock.now()
        if self.script and self.script[0][0] <= start + timeout:
            at, key = self.script.pop(0)
            self.clock.advance(max(0.0, at - start))
            return key
        self.clock.advance(max(0.0, timeout))
        return None


RATINGS: list[tuple[str, int | None]] = []  # (exercise, pain) rated after each exercise, in the last _play


def _play(exercise_ids: list[str], script: list[tuple[float, str]], pain_answer: int | None = None):  # type: ignore[no-untyped-def]
    clock = FakeClock(start=0.0)
    logged: list[SetRecord] = []
    RATINGS.clear()
    timeline = build_timeline([PROGRAM.exercise(exercise_id) for exercise_id in exercise_ids])
    engine = SessionEngine(timeline, clock, on_set=logged.append, on_rating=lambda e, p: RATINGS.append((e, p)))
    output = io.StringIO()
    console = Console(file=output, force_terminal=False, width=200)
    player = TerminalPlayer(engine, console, keys=ScriptedKeys(clock, script), pain_answer=pain_answer)
    return player.run(), logged, output.getvalue(), clock


def test_plays_to_the_end_on_schedule_and_waits_for_the_pain() -> None:
    outcome, logged, output, clock = _play(["banded-glute-bridge"], [(80.0, "2")])
    assert outcome.finished and not outcome.quit
    assert clock.now() == 80.0  # the exercise ends at 65 s; the session waits for the answer
    assert logged == [SetRecord(0, "banded-glute-bridge", 1, None, 10, 10, 2)]
    assert RATINGS == [("banded-glute-bridge", 2)]
    assert [event.at for event in outcome.events if event.kind is EventKind.PAIN_ASKED] == [65.0]
    lines = output.splitlines()
    assert lines[0] == "banded-glute-bridge: Get into position for Banded glute bridge"
    assert lines[-4:] == [
        "logged banded-glute-bridge set 1: 10 reps",
        "pain during banded-glute-bridge, 0–10? 0–9 (t = 10) · Enter = nothing yet · - = not rated",
        "pain during banded-glute-bridge: 2/10",
        "session finished",
    ]


def test_space_pauses_and_resumes_keeping_the_time_left() -> None:
    outcome, _, output, clock = _play(["banded-glute-bridge"], [(10.0, " "), (70.0, " "), (500.0, "3")])
    assert outcome.finished
    assert clock.now() == 500.0
    assert [event.kind for event in outcome.events if event.kind in (EventKind.PAUSED, EventKind.RESUMED)] == [
        EventKind.PAUSED,
        EventKind.RESUMED,
    ]
    asked = [event.at for event in outcome.events if event.kind is EventKind.PAIN_ASKED]
    assert asked == [65.0 + 60.0]  # 5 s into position, 10 reps of 6 s, and 60 s paused
    assert "paused" in output.splitlines()


def test_a_digit_during_the_exercise_is_offered_never_carried_over() -> None:
    script = [(20.0, "3"), (200.0, "\r"), (1000.0, "-")]  # 3 noted, Enter takes it; the plank "not rated"
    _, logged, output, _ = _play(["single-leg-glute-bridge", "plank"], script)
    assert {record.pain_during for record in logged} == {None}  # sets wait for the exercise's rating
    assert RATINGS == [("single-leg-glute-bridge", 3), ("plank", None)]
    assert "pain during plank: not rated" in output.splitlines()


def test_enter_without_a_number_shown_rates_nothing() -> None:
    _, _, output, _ = _play(["banded-glute-bridge"], [(80.0, "\r"), (81.0, "t")])
    assert RATINGS == [("banded-glute-bridge", 10)]
    assert "pain during banded-glute-bridge: 10/10" in output.splitlines()


def test_n_skips_b_goes_back_and_q_quits() -> None:
    outcome, logged, output, clock = _play(["glute-bridge", "plank"], [(3.0, "n"), (4.0, "b"), (9.5, "q")])
    assert outcome.quit and not outcome.finished
    assert logged == []
    assert [event.kind for event in outcome.events if event.kind.value in ("skipped", "went back", "quit")] == [
        EventKind.SKIPPED,
        EventKind.WENT_BACK,
        EventKind.QUIT,
    ]
    assert clock.now() == 9.5
    assert output.splitlines()[-1] == "quit"


def test_h_stops_the_exercise_and_the_answer_gives_pain_advice_at_the_thresholds() -> None:
    outcome, logged, output, _ = _play(["glute-bridge", "plank"], [(12.0, "h"), (1000.0, "2")], pain_answer=4)
    assert outcome.finished and not outcome.ended
    assert logged[0] == SetRecord(0, "glute-bridge", 1, None, 1, 10, 2, stopped_for_pain=True, pain_during=4)
    assert outcome.advice == [
        "Pain of 4/10 is acceptable (up to 5/10), but no reason to push on. This exercise has stopped for today. "
        "If the pain does not settle, or it comes back each time, see a health professional. (PAIN-1, PAIN-2)"
    ]
    assert "stopped for pain: how much does it hurt, 0–10?" in output.splitlines()
    assert RATINGS == [("plank", 2)]  # the stopped exercise's pain is the stop's; the plank is asked


def test_pain_above_too_much_ends_the_session_by_default() -> None:
    outcome, logged, output, _ = _play(["glute-bridge", "plank"], [(12.0, "h"), (13.0, "\r")], pain_answer=7)
    assert outcome.ended and not outcome.finished
    assert [record.exercise_id for record in logged] == ["glute-bridge"]
    assert outcome.advice[0].startswith("Pain of 7/10 is more than is safe to exercise with (above 5/10): end the")
    assert output.splitlines()[-2:] == [
        "End the session here? Enter or e: end the session here · c: carry on with the next exercise",
        "session ended",
    ]


def test_after_too_much_pain_c_carries_on() -> None:
    outcome, logged, _, _ = _play(["glute-bridge", "plank"], [(12.0, "h"), (13.0, "c"), (1000.0, "1")], pain_answer=7)
    assert outcome.finished and not outcome.ended
    assert [record.exercise_id for record in logged] == ["glute-bridge", "plank"]


def test_typed_pain_needs_enter_and_a_number_up_to_ten() -> None:
    typed = ["1", "2", "\r", "1", "5", "\x7f", "0", "\r"]  # 12 is refused; 15, rubbed out to 1, then 10
    script = [(12.0, "h")] + [(13.0 + 0.1 * number, key) for number, key in enumerate(typed)] + [(14.0, "e")]
    outcome, logged, _, _ = _play(["glute-bridge", "plank"], script)
    assert logged[0].pain_during == 10 and logged[0].stopped_for_pain
    assert outcome.advice[0].startswith("Pain of 10/10 is more than is safe to exercise with")
    assert outcome.ended


def test_big_number_is_five_lines_of_blocks() -> None:
    assert big_number(10).splitlines() == [" █   ███", "██   █ █", " █   █ █", " █   █ █", "███  ███"]


def test_voice_says_each_cue_through_the_program(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from rehabit.player.terminal import Voice

    heard = tmp_path / "heard.txt"
    speaker = tmp_path / "speak"
    speaker.write_text(f'#!/bin/sh\nprintf "%s\\n" "$3" >> {heard}\n')
    speaker.chmod(0o755)
    voice = Voice(str(speaker))
    voice.say("Up")
    voice.finish()
    voice.say("Hold")
    voice.finish()
    assert heard.read_text().splitlines() == ["Up", "Hold"]
