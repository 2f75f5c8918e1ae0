"""How punctually the session engine fires its cues on the real clock.

Runs a real-clock timeline of at least 60 s through `SessionEngine` the way the terminal player does
(sleep until the next due time, then tick) and prints how late each cue fired relative to its schedule
(mean, p99, max in ms) and the drift of the session's end. Aim: p99 under 5 ms.

    .venv/bin/python bench/cue_timing.py               # a 60 s glute-bridge timeline, 139 cues
    .venv/bin/python bench/cue_timing.py --tempo 2 --hold 2   # the article's dose and tempo (65 s, 31 cues)
"""

from __future__ import annotations

import argparse
import statistics
import time

from rehabit.domain.timeline import DoseChoice, Pacing, build_timeline
from rehabit.player import EventKind, MonotonicClock, SessionEngine
from rehabit.programs import get_program


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tempo", type=float, default=0.4, help="seconds each way of a rep (default 0.4)")
    parser.add_argument("--hold", type=int, default=0, help="hold seconds per rep (default 0)")
    parser.add_argument("--min-seconds", type=float, default=60.0, help="shortest timeline to run (default 60)")
    args = parser.parse_args()

    bridge = get_program().exercise("glute-bridge")
    rep_s = 2 * args.tempo + args.hold
    position_s = 5.0
    reps = max(1, int((args.min_seconds - position_s) / rep_s + 0.999))
    choice = DoseChoice(reps=reps, hold_s=args.hold, sets=1, per_side=False, tempo_s=args.tempo, rest_s=0)
    timeline = build_timeline([bridge], [choice], Pacing(position_s=position_s))

    clock = MonotonicClock()
    engine = SessionEngine(timeline, clock)
    late_ms: list[float] = [event.late_s * 1000 for event in engine.start() if event.kind is EventKind.STEP_STARTED]
    start = clock.now()
    finished_at = start
    print(f"running {timeline.seconds:.1f} s timeline, {len(timeline.steps)} cues, on the monotonic clock ...")
    while True:
        due = engine.next_due()
        if due is None:
            break
        wait = due - clock.now()
        if wait > 0:
            time.sleep(wait)
        for event in engine.tick():
            if event.kind is EventKind.STEP_STARTED:
                late_ms.append(event.late_s * 1000)
            elif event.kind is EventKind.SESSION_FINISHED:
                finished_at = event.at
    scheduled_end = start + timeline.seconds
    ordered = sorted(late_ms)
    p99 = ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]
    print(f"cues fired      {len(late_ms)}")
    print(f"late mean       {statistics.fmean(late_ms):.3f} ms")
    print(f"late p99        {p99:.3f} ms")
    print(f"late max        {max(late_ms):.3f} ms")
    print(f"drift at end    {(finished_at - scheduled_end) * 1000:.3f} ms after {timeline.seconds:.1f} s")


if __name__ == "__main__":
    main()
