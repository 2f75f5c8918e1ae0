"""Changes made outside progression — a clinician set the stage or a dose — kept so replays honour them.

`course.update_course` replays the whole log. When the stage or a current dose in the store differs from
what progression last wrote there, someone changed it: that change is recorded as a course change (in
the person's settings, under "progression") at that moment, and every replay resets the course to it
when it gets there. A dose that is not on the ladder is kept as it is until progression moves that
exercise. A course change also lifts a stop-and-refer pause: the person was seen again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rehabit.domain.ladder import Rung
from rehabit.domain.progression import Progression
from rehabit.domain.records import CurrentDoseRecord, PersonRecord
from rehabit.model import Dose

SETTINGS_KEY = "progression"


@dataclass(frozen=True)
class CourseChange:
    """From `at` on: this stage, these rungs, and doses set by hand (slot -> Dose JSON) not on a ladder."""

    at: datetime
    stage_index: int
    rungs: dict[str, int]
    custom: dict[str, dict[str, Any]]

    def document(self) -> dict[str, Any]:
        return {"at": self.at.isoformat(), "stage": self.stage_index, "rungs": self.rungs, "custom": self.custom}

    @classmethod
    def parse(cls, document: Mapping[str, Any]) -> CourseChange:
        return cls(
            at=datetime.fromisoformat(str(document["at"])),
            stage_index=int(document["stage"]),
            rungs={str(k): int(v) for k, v in dict(document.get("rungs") or {}).items()},
            custom={str(k): dict(v) for k, v in dict(document.get("custom") or {}).items()},
        )


def recorded_changes(person: PersonRecord) -> list[CourseChange]:
    """The course changes recorded for a person, oldest first."""
    state = person.settings.get(SETTINGS_KEY) or {}
    return sorted((CourseChange.parse(item) for item in state.get("changes") or []), key=lambda c: c.at)


def outside_change(
    engine: Progression, person: PersonRecord, current: Mapping[str, CurrentDoseRecord], now: datetime
) -> CourseChange | None:
    """A change someone made since progression last wrote the stage and doses, or None."""
    state = person.settings.get(SETTINGS_KEY) or {}
    written_doses: dict[str, Any] = state.get("doses") or {}
    stored_doses = {slot: record.dose.model_dump(mode="json") for slot, record in current.items()}
    in_stage = [slot for slot in engine.stage_slots(person.stage_index) if slot in stored_doses]
    if state:
        changed = person.stage_index != state.get("stage") or any(
            written_doses.get(slot) != stored_doses[slot] for slot in in_stage
        )
    else:
        changed = person.stage_index != 0 or bool(in_stage)
    if not changed:
        return None
    rungs: dict[str, int] = {}
    custom: dict[str, dict[str, Any]] = {}
    for slot in engine.stage_slots(person.stage_index):
        record = current.get(slot)
        if record is None:
            continue
        rungs[slot] = nearest_rung(engine, slot, record.dose)
        ladder_dose = _rung_dose(engine, engine.ladder(slot).rungs[rungs[slot]])
        if ladder_dose != stored_doses[slot]:
            custom[slot] = stored_doses[slot]
    return CourseChange(now, person.stage_index, rungs, custom)


def nearest_rung(engine: Progression, slot: str, dose: Dose) -> int:
    """The rung of the slot's own exercise closest to a dose (by the amount its ladder climbs)."""
    ladder = engine.ladder(slot)
    reps = dose.reps.min if dose.reps is not None else None
    hold = dose.hold_s.min if dose.hold_s is not None else None
    wanted = Rung(slot, reps, hold)
    if wanted in ladder.rungs:
        return ladder.index_of(wanted)
    own = [i for i, rung in enumerate(ladder.rungs) if rung.exercise_id == slot] or [ladder.start]
    target = wanted.amount(engine.program)
    return min(own, key=lambda i: abs(ladder.rungs[i].amount(engine.program) - target))


def written_state(stage_index: int, doses: Mapping[str, Dose], changes: list[CourseChange]) -> dict[str, Any]:
    """What to keep in the person's settings after progression wrote the stage and doses."""
    return {
        "stage": stage_index,
        "doses": {slot: dose.model_dump(mode="json") for slot, dose in doses.items()},
        "changes": [change.document() for change in changes],
    }


def _rung_dose(engine: Progression, rung: Rung) -> dict[str, Any]:
    return rung.to_dose(engine.program.exercise(rung.exercise_id)).model_dump(mode="json")
