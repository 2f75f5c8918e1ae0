"""The terminal player: a rich display over the session engine, keys to control it, optional voice.

The loop waits on the keyboard with `select` until the next due step (or the next screen refresh),
then ticks the engine; the engine schedules from its anchor, so waiting never adds drift. On a
terminal it draws a live screen; on a pipe (scripts, `--auto`) it prints one line per event.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import subprocess
import sys
import termios
import time
import tty
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import IO, Any

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from rehabit.domain.timeline import StepKind
from rehabit.errors import RehabitError
from rehabit.player.engine import EngineState, Event, EventKind, SessionEngine
from rehabit.player.pain import StopAdvice, stop_advice

__all__ = ["KeyReader", "PlayerOutcome", "TerminalPlayer", "Voice", "KEY_HELP"]

KEY_HELP = "space pause/resume · n skip · b back · h it hurts · q quit · 0–9 pain now"
RATING_KEYS = "0–9 (t = 10) · Enter = {default} · - = not rated"
END_KEYS = "Enter or e: end the session here · c: carry on with the next exercise"
Advisor = Callable[[int], StopAdvice]

# 3×5 block digits for the countdown, so it reads from across the room
_DIGITS = {
    "0": ("███", "█ █", "█ █", "█ █", "███"),
    "1": (" █ ", "██ ", " █ ", " █ ", "███"),
    "2": ("███", "  █", "███", "█  ", "███"),
    "3": ("███", "  █", "███", "  █", "███"),
    "4": ("█ █", "█ █", "███", "  █", "  █"),
    "5": ("███", "█  ", "███", "  █", "███"),
    "6": ("███", "█  ", "███", "█ █", "███"),
    "7": ("███", "  █", "  █", "  █", "  █"),
    "8": ("███", "█ █", "███", "█ █", "███"),
    "9": ("███", "█ █", "███", "  █", "███"),
}


def big_number(value: int) -> str:
    """A whole number drawn five lines tall in block characters."""
    rows = ["  ".join(_DIGITS[digit][row] for digit in str(max(0, value))) for row in range(5)]
    return "\n".join(rows)


class KeyReader:
    """Single key presses from a terminal in cbreak mode, read without blocking (via `select`).

    On something that is not a terminal, or when not `enabled`, it reads nothing and only waits out
    the timeout.
    """

    def __init__(self, stream: IO[str] | None = None, *, enabled: bool = True) -> None:
        self.stream = stream or sys.stdin
        self._saved: list[Any] | None = None
        self._handlers: dict[int, Any] = {}
        try:
            self.fd: int | None = self.stream.fileno() if enabled and self.stream.isatty() else None
        except (ValueError, OSError):
            self.fd = None

    def __enter__(self) -> KeyReader:
        if self.fd is not None:
            self._saved = termios.tcgetattr(self.fd)
            tty.setcbreak(self.fd)
            # a polite kill (SIGTERM, a closed terminal's SIGHUP) unwinds, so the terminal is put back
            for number in (signal.SIGTERM, signal.SIGHUP):
                self._handlers[number] = signal.signal(number, _exit_on_signal)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.fd is not None and self._saved is not None:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)
        for number, handler in self._handlers.items():
            signal.signal(number, handler)
        self._handlers.clear()

    @property
    def reads_keys(self) -> bool:
        """Whether a person can press keys here (a terminal, enabled); otherwise `read` only waits."""
        return self.fd is not None

    def read(self, timeout: float) -> str | None:
        """The next key pressed within `timeout` seconds, or None."""
        timeout = max(0.0, timeout)
        if self.fd is None:
            time.sleep(timeout)
            return None
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return None
        data = os.read(self.fd, 1)
        return data.decode(errors="replace") if data else None


class Voice:
    """Spoken cues through espeak-ng, each one cutting off the one before."""

    def __init__(self, program: str) -> None:
        self.program = program
        self._speaking: subprocess.Popen[bytes] | None = None
        self._ending: list[subprocess.Popen[bytes]] = []

    @classmethod
    def find(cls) -> Voice:
        """The voice, or RehabitError saying how to install espeak-ng."""
        program = shutil.which("espeak-ng")
        if program is None:
            raise RehabitError(
                "--voice needs espeak-ng, which is not installed "
                "(on Debian or Ubuntu: sudo apt-get install espeak-ng); run without --voice for on-screen cues only"
            )
        return cls(program)

    def say(self, text: str) -> None:
        """Start speaking `text` without waiting for it (or for the cut-off one before) to finish."""
        self._cut_off()
        self._speaking = subprocess.Popen(
            [self.program, "-s", "160", text], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    def finish(self, timeout: float = 10.0) -> None:
        """Let the phrase being said end (up to `timeout` seconds), then stop."""
        if self._speaking is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._speaking.wait(timeout)
        self.stop()

    def stop(self) -> None:
        """Cut off whatever is being said and wait for every voice process to end."""
        self._cut_off()
        for process in self._ending:
            process.wait()
        self._ending.clear()

    def _cut_off(self) -> None:
        if self._speaking is not None:
            if self._speaking.poll() is None:
                self._speaking.terminate()
            self._ending.append(self._speaking)
            self._speaking = None
        self._ending = [process for process in self._ending if process.poll() is None]


@dataclass
class PlayerOutcome:
    """How a played session ended and what was said about pain along the way."""

    finished: bool
    quit: bool
    advice: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    ended: bool = False  # ended early on purpose (pain above 'too much'): the session is over
    ended_pain: int | None = None  # the pain that ended it


class TerminalPlayer:
    """Plays an engine's timeline on a console.

    Unattended (`auto`), or with no keyboard to press (a pipe), `pain_answer` answers "it hurts",
    `rating_answer` the pain after each exercise (None: "not rated") and the advice's default ends the
    session when it says so. `advisor` gives the
    advice after "it hurts" — the CLI's comes from the service that logged the set, so it says what the
    rules will decide at the person's thresholds.
    """

    def __init__(
        self,
        engine: SessionEngine,
        console: Console,
        *,
        keys: KeyReader | None = None,
        voice: Voice | None = None,
        pain_answer: int | None = None,
        auto: bool = False,
        rating_answer: int | None = None,
        advisor: Advisor | None = None,
        refresh_s: float = 0.1,
        on_event: Callable[[Event], None] | None = None,
    ) -> None:
        self.engine = engine
        self.console = console
        self.keys = keys
        self.voice = voice
        self.pain_answer = pain_answer
        self.auto = auto
        self.rating_answer = rating_answer
        self.advisor = advisor or (lambda pain: stop_advice(pain))
        self.refresh_s = refresh_s
        self.on_event = on_event
        self.live = console.is_terminal
        self.message = ""
        self._pain_typed = ""
        self._noted: dict[int, int] = {}  # pain now, noted with a digit during an exercise
        self._last_rating: int | None = None
        self._choosing_end = False
        self.outcome = PlayerOutcome(finished=False, quit=False)

    # --- the loop ------------------------------------------------------------------------------------

    def run(self) -> PlayerOutcome:
        """Play the session until it finishes or the person quits."""
        if self.live:
            with Live(self.render(), console=self.console, auto_refresh=False, transient=False) as live:
                self._loop(lambda: live.update(self.render(), refresh=True))
        else:
            self._loop(lambda: None)
        if self.voice is not None:
            self.voice.finish()
        return self.outcome

    def _loop(self, redraw: Callable[[], None]) -> None:
        engine = self.engine
        self._handle(engine.start())
        redraw()
        while engine.state not in (EngineState.FINISHED, EngineState.QUIT, EngineState.ENDED):
            if engine.state is EngineState.AWAITING_PAIN and self.pain_answer is not None:
                self._answer_pain(self.pain_answer)
                continue
            if engine.state is EngineState.AWAITING_RATING and not self._can_ask():
                self._rate(self.rating_answer)  # nobody to ask: the flag's answer, or "not rated"
                continue
            if self._choosing_end and not self._can_ask():
                self._choose_end(True)
                continue
            wait = self.refresh_s if self.live else 0.5
            due = engine.next_due()
            if due is not None:
                wait = min(wait, due - engine.clock.now())
            key = self.keys.read(wait) if self.keys is not None else _wait(wait)
            if key is not None:
                self._press(key)
            self._handle(engine.tick())
            redraw()

    def _can_ask(self) -> bool:
        """Whether a question can be answered with a key: not unattended, and a keyboard to press."""
        return not self.auto and self.keys is not None and self.keys.reads_keys

    def _press(self, key: str) -> None:
        engine = self.engine
        if engine.state is EngineState.AWAITING_PAIN:
            self._type_pain(key)
            return
        if engine.state is EngineState.AWAITING_RATING:
            self._rating_key(key)
            return
        if self._choosing_end:
            if key in ("\n", "\r") or key.lower() in ("e", "y"):
                self._choose_end(True)
            elif key.lower() in ("c", "n"):
                self._choose_end(False)
            return
        controls = {
            " ": engine.toggle_pause,
            "n": engine.skip,
            "b": engine.back,
            "h": engine.hurt,
            "q": engine.quit,
        }
        control = controls.get(key.lower())
        if control is not None:
            self._handle(control())
        elif key.isdigit() and engine.step is not None:
            # a digit notes the pain now: the question at the end of this exercise offers it (never more)
            self._noted[engine.step.exercise_index] = int(key)
            self.message = f"Pain now noted: {key}/10; asked at the end of this exercise (h stops it if it hurts)."

    def _rating_default(self) -> int | None:
        exercise = self.engine.rating_exercise
        noted = None if exercise is None else self._noted.get(exercise)
        return noted if noted is not None else self._last_rating

    def _rating_key(self, key: str) -> None:
        if key.isdigit():
            self._rate(int(key))
        elif key.lower() == "t":
            self._rate(10)
        elif key == "-":
            self._rate(None)
        elif key in ("\n", "\r"):
            default = self._rating_default()
            if default is None:
                self.message = "Press a number from 0 to 9 (t for 10), or - if you would rather not rate it."
            else:
                self._rate(default)

    def _rate(self, pain: int | None) -> None:
        if pain is not None:
            self._last_rating = pain
        self.message = ""
        self._handle(self.engine.rate(pain))

    def _choose_end(self, end: bool) -> None:
        self._choosing_end = False
        if end:
            self.outcome.ended = True
            self._handle(self.engine.end())
        else:
            self.message = ""
            self._handle(self.engine.resume())

    def _type_pain(self, key: str) -> None:
        if key.isdigit() and len(self._pain_typed) < 2:
            self._pain_typed += key
        elif key in ("\x7f", "\b"):
            self._pain_typed = self._pain_typed[:-1]
        elif key in ("\n", "\r") and self._pain_typed:
            value = int(self._pain_typed)
            self._pain_typed = ""
            if value <= 10:
                self._answer_pain(value)
            else:
                self.message = "Please type a number from 0 to 10, then Enter."

    def _answer_pain(self, pain: int) -> None:
        self._handle(self.engine.report_pain(pain))
        advice = self.advisor(pain)
        self.outcome.advice.append(advice.text)
        self.message = advice.text
        if not self.live:
            self.console.print(advice.text, markup=False, soft_wrap=True)
        self._say(f"Pain {pain}. {advice.text}")
        if self.engine.state is not EngineState.PAUSED:
            return  # that was the last exercise
        if advice.end_session:
            self.outcome.ended_pain = pain
            self._choosing_end = True
            if not self.live:
                self.console.print(f"End the session here? {END_KEYS}", markup=False, soft_wrap=True)
        else:
            self._handle(self.engine.resume())

    def _handle(self, events: list[Event]) -> None:
        started = [event for event in events if event.kind is EventKind.STEP_STARTED]
        if started:  # after a late tick only the step now in progress is worth saying
            self._say(_spoken(started[-1]))
        for event in events:
            self.outcome.events.append(event)
            if self.on_event is not None:
                self.on_event(event)
            if event.kind is EventKind.SESSION_FINISHED:
                self.outcome.finished = True
            elif event.kind is EventKind.SESSION_ENDED:
                self.outcome.ended = True
            elif event.kind is EventKind.QUIT:
                self.outcome.quit = True
            elif event.kind in (EventKind.EXERCISE_FINISHED, EventKind.SKIPPED):
                self.message = ""  # pain advice stays on screen through the exercise after the stop
            if not self.live:
                self._print(event)

    def _say(self, text: str) -> None:
        if self.voice is not None and text:
            self.voice.say(text)

    # --- drawing ---------------------------------------------------------------------------------

    def _print(self, event: Event) -> None:
        step = event.step
        line = ""
        if event.kind is EventKind.STEP_STARTED and step is not None and step.kind not in (StepKind.UP, StepKind.DOWN):
            line = f"{step.exercise_id}: {step.cue}"
        elif event.kind is EventKind.SET_LOGGED and event.set_record is not None:
            record = event.set_record
            side = f" {record.side}" if record.side else ""
            stopped = f" · stopped for pain {record.pain_during}/10" if record.stopped_for_pain else ""
            line = f"logged {record.exercise_id} set {record.set_number}{side}: {record.reps_done} reps{stopped}"
        elif event.kind is EventKind.STOPPED_FOR_PAIN:
            line = "stopped for pain: how much does it hurt, 0–10?"
        elif event.kind is EventKind.PAIN_ASKED and step is not None:
            line = f"pain during {step.exercise_id}, 0–10? {RATING_KEYS.format(default=self._default_text())}"
        elif event.kind is EventKind.PAIN_RATED and step is not None:
            rated = "not rated" if event.pain is None else f"{event.pain}/10"
            line = f"pain during {step.exercise_id}: {rated}"
        elif event.kind in (
            EventKind.SESSION_FINISHED,
            EventKind.SESSION_ENDED,
            EventKind.QUIT,
            EventKind.SKIPPED,
            EventKind.PAUSED,
        ):
            line = event.kind.value
        if line:
            self.console.print(line, markup=False, soft_wrap=True)

    def _default_text(self) -> str:
        default = self._rating_default()
        return "nothing yet" if default is None else f"{default} (as last time)"

    def render(self) -> RenderableType:
        """The whole screen for the engine's present state."""
        engine = self.engine
        timeline = engine.timeline
        step = engine.step
        if step is None or engine.state is EngineState.ENDED:
            if engine.state is EngineState.ENDED:
                return Panel(Text("Session ended. Rest now.", style="bold yellow"))
            done = engine.state is EngineState.FINISHED
            return Panel(Text("Session finished. Well done." if done else "Stopped.", style="bold green"))
        exercise = timeline.exercises[step.exercise_index]
        dose = timeline.doses[step.exercise_index]
        number = step.exercise_index + 1
        title = f"[bold]{exercise.name}[/] · {exercise.group.value} · exercise {number} of {len(timeline.exercises)}"
        where = [dose.describe()]
        if dose.sets > 1 and step.set_number:
            where.append(f"set {step.set_number} of {dose.sets}")
        if step.side:
            where.append(f"{step.side} side")
        parts: list[RenderableType] = [Text.from_markup(title), Text(" · ".join(where), style="dim")]

        rating = engine.rating_exercise
        if engine.state is EngineState.AWAITING_PAIN:
            prompt = f"How much does it hurt, 0 (none) to 10 (worst)? Type it, then Enter: {self._pain_typed}_"
            parts.append(Panel(Text(prompt, style="bold red"), title="It hurts", border_style="red"))
        elif rating is not None:
            name = timeline.exercises[rating].name
            prompt = (
                f"How much did {name} hurt, 0 (none) to 10 (worst)?\n{RATING_KEYS.format(default=self._default_text())}"
            )
            parts.append(Panel(Text(prompt, style="bold"), title="Pain during", border_style="cyan"))
        elif self._choosing_end:
            parts.append(Panel(Text(f"End the session here?\n{END_KEYS}", style="bold red"), border_style="red"))
        else:
            cue = Text(step.cue, style="bold", justify="center")
            paused = engine.state is EngineState.PAUSED
            parts.append(
                Panel(
                    cue, padding=(1, 2), title="PAUSED" if paused else None, border_style="yellow" if paused else "cyan"
                )
            )
            remaining = int(engine.remaining_s() + 0.999)
            if step.kind in (StepKind.UP, StepKind.DOWN) and step.reps > 1:
                # during the movement the big figure is the rep; during holds, rests and setup the seconds left
                parts.append(Text(big_number(step.rep), style="bold green", justify="center"))
            else:
                parts.append(Text(big_number(remaining), style="bold", justify="center"))
                parts.append(Text("seconds left", style="dim", justify="center"))
            if step.reps > 1:
                counted = engine.reps_counted()
                parts.append(Text(f"Rep {min(step.rep, step.reps)} of {step.reps} · {counted} done", style="bold"))
        parts.append(self._bars(step.exercise_index))
        upcoming = timeline.steps[step.index + 1].cue if step.index + 1 < len(timeline.steps) else "the end"
        parts.append(Text(f"Next: {upcoming}", style="dim"))
        if exercise.steps:
            reminder = " → ".join(_short(text) for text in exercise.steps)
            parts.append(Text(reminder, style="italic", no_wrap=True, overflow="ellipsis"))
        if self.message:
            parts.append(Text(self.message, style="yellow"))
        parts.append(Text(KEY_HELP, style="dim"))
        return Group(*parts)

    def _bars(self, exercise_index: int) -> Table:
        engine = self.engine
        position = engine.position_ms()
        own = engine.timeline.exercise_steps(exercise_index)
        start, end = own[0].start_ms, own[-1].end_ms
        table = Table.grid(padding=(0, 1))
        table.add_column(width=9)
        table.add_column(ratio=1)
        table.add_row(
            "exercise", ProgressBar(total=max(1, end - start), completed=min(max(0, position - start), end - start))
        )
        table.add_row("session", ProgressBar(total=max(1, engine.timeline.duration_ms), completed=position))
        return table


def _short(step_text: str) -> str:
    for mark in (",", ".", ";"):
        step_text = step_text.split(mark, 1)[0]
    return step_text.strip()


def _spoken(event: Event) -> str:
    step = event.step
    if step is None:
        return ""
    if step.kind is StepKind.UP:
        return str(step.rep) if step.reps > 1 else step.cue
    if step.kind is StepKind.DOWN:
        return "down" if step.reps > 1 else step.cue
    if step.kind is StepKind.HOLD:
        return "hold"
    return step.cue


def _exit_on_signal(number: int, _frame: object) -> None:
    raise SystemExit(128 + number)


def _wait(seconds: float) -> str | None:
    """Wait without a keyboard: nothing can be pressed."""
    time.sleep(max(0.0, seconds))
    return None
