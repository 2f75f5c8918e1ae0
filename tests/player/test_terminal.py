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

    def read(self, timeout: float) -> str | None:
        start = self.clock.now()
        if self.script and self.script[0][0] <= start + timeout:
            at, key = self.script.pop(0)
            self.clock.advance(max(0.0, at - start))
            return key
        self.clock.advance(max(0.0, timeout))
        return None


def _play(exercise_ids: list[str], script: list[tuple[float, str]], pain_answer: int | None = None):  # type: ignore[no-untyped-def]
    clock = FakeClock(start=0.0)
    logged: list[SetRecord] = []
    timeline = build_timeline([PROGRAM.exercise(exercise_id) for exercise_id in exercise_ids])
    engine = SessionEngine(timeline, clock, on_set=logged.append)
    output = io.StringIO()
    console = Console(file=output, force_terminal=False, width=200)
    player = TerminalPlayer(engine, console, keys=ScriptedKeys(clock, script), pain_answer=pain_answer)
    return player.run(), logged, output.getvalue(), clock


def test_plays_to_the_end_on_schedule() -> None:
    outcome, logged, output, clock = _play(["banded-glute-bridge"], [])
    assert outcome.finished and not outcome.quit
    assert clock.now() == 45.0
    assert logged == [SetRecord(0, "banded-glute-bridge", 1, None, 10, 10, 0)]
    assert output.splitlines() == [
        "banded-glute-bridge: Get into position for Banded glute bridge",
        "logged banded-glute-bridge set 1: 10 reps",
        "session finished",
    ]


def test_space_pauses_and_resumes_keeping_the_time_left() -> None:
    outcome, _, output, clock = _play(["banded-glute-bridge"], [(10.0, " "), (70.0, " ")])
    assert outcome.finished
    assert clock.now() == 45.0 + 60.0
    assert [event.kind for event in outcome.events if event.kind in (EventKind.PAUSED, EventKind.RESUMED)] == [
        EventKind.PAUSED,
        EventKind.RESUMED,
    ]
    assert "paused" in output.splitlines()


def test_digits_rate_the_pain_carried_by_the_next_sets() -> None:
    _, logged, _, _ = _play(["single-leg-glute-bridge"], [(20.0, "3"), (90.0, "4")])
    assert [(record.side, record.pain_during) for record in logged] == [("left", 3), ("right", 4)]


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


def test_h_stops_the_exercise_and_the_answer_gives_pain_advice() -> None:
    outcome, logged, output, _ = _play(["glute-bridge", "plank"], [(12.0, "h")], pain_answer=7)
    assert outcome.finished
    assert logged[0] == SetRecord(0, "glute-bridge", 1, None, 1, 10, 2, stopped_for_pain=True, pain_during=7)
    assert outcome.advice == [
        "[PAIN-1, PAIN-2] Pain of 7/10 is too much. Next session this exercise will be made easier. "
        "Rest it for today; if the pain stays or keeps coming back, see a health professional before going on."
    ]
    assert "stopped for pain: how much does it hurt, 0–10?" in output.splitlines()


def test_typed_pain_needs_enter_and_a_number_up_to_ten() -> None:
    typed = ["1", "2", "\r", "1", "5", "\x7f", "0", "\r"]  # 12 is refused; 15, rubbed out to 1, then 10
    script = [(12.0, "h")] + [(13.0 + 0.1 * number, key) for number, key in enumerate(typed)]
    outcome, logged, _, _ = _play(["glute-bridge", "plank"], script)
    assert logged[0].pain_during == 10 and logged[0].stopped_for_pain
    assert outcome.advice[0].startswith("[PAIN-1, PAIN-2] Pain of 10/10 is too much.")


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
