"""A person's course as a FHIR R4 Bundle, for a clinic's records system.

The Bundle (type `collection`) holds a Patient (no name unless one is given), a CarePlan with one
activity per exercise of the person's current stage, each activity a ServiceRequest for exercise
therapy with the dose in words and, where FHIR has a place for it, in structured form (weekly timing,
repetitions as a range); an Observation per logged pain score (LOINC 72514-3, 0–10: before and after
each session, the next morning, and during each set where one was given); and an Observation per
Patient-Specific Functional Scale rating; and a Communication per note between the patient and their
clinician (clinic mode: who wrote it, when it was sent and read, its words). Ids are stable: exporting
the same data twice gives the same Bundle, apart from its timestamp.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from rehabit.domain.records import PersonRecord, PsfsRecord, SessionLogRecord, SetLogRecord
from rehabit.export.handout import dose_sentence
from rehabit.model import Dose, Exercise, Program

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
REHABIT_CODES = "https://rehabit.example/fhir/CodeSystem/rehabit"
PERSON_IDENTIFIER = "urn:rehabit:person"

PAIN_CODE = {
    "system": LOINC,
    "code": "72514-3",
    "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
}
EXERCISE_THERAPY = {"system": SNOMED, "code": "229065009", "display": "Exercise therapy"}
PSFS_CODE = {"system": REHABIT_CODES, "code": "psfs-item", "display": "Patient-Specific Functional Scale item score"}

__all__ = ["CareNote", "fhir_bundle", "validate_bundle"]


@dataclass(frozen=True)
class CareNote:
    """A note between the patient and a clinician, as the export needs it."""

    id: int
    author: str
    from_patient: bool
    text: str
    sent_at: dt.datetime
    read_at: dt.datetime | None


def fhir_bundle(
    person: PersonRecord,
    program: Program,
    overrides: Mapping[str, Dose],
    logs: Sequence[SessionLogRecord],
    ratings: Sequence[PsfsRecord],
    name: str | None = None,
    *,
    notes: Sequence[CareNote] = (),
    generated_at: dt.datetime | None = None,
) -> dict[str, Any]:
    """The person's course as a FHIR R4 Bundle document (a JSON-ready dict): their program at their
    current doses (`overrides`), their logged sessions and PSFS ratings, and the notes with their clinician."""
    ids = _Ids(person.uid)
    patient_ref = {"reference": ids.url("Patient", "patient")}

    entries: list[dict[str, Any]] = [_entry(ids, "Patient", "patient", _patient(person, name))]
    activities: list[dict[str, Any]] = []
    for exercise in program.stage_exercises(person.stage_index):
        dose = overrides.get(exercise.id, exercise.dose)
        request = _service_request(exercise, dose, program, patient_ref)
        entries.append(_entry(ids, "ServiceRequest", exercise.id, request))
        activities.append(
            {"reference": {"reference": ids.url("ServiceRequest", exercise.id), "display": exercise.name}}
        )
    care_plan = {
        "resourceType": "CarePlan",
        "status": "active",
        "intent": "plan",
        "title": program.title,
        "description": program.summary or program.title,
        "subject": patient_ref,
        "period": {"start": person.created_at.date().isoformat()},
        "activity": activities,
    }
    entries.insert(1, _entry(ids, "CarePlan", "careplan", care_plan))
    names = {exercise.id: exercise.name for exercise in program.exercises}
    for log in logs:
        for key, value, when, context in _pain_scores(log, names):
            entries.append(_entry(ids, "Observation", key, _pain_observation(value, when, context, patient_ref)))
    for rating in ratings:
        entries.append(_entry(ids, "Observation", f"psfs-{rating.id}", _psfs_observation(rating, patient_ref)))
    for note in notes:
        entries.append(_entry(ids, "Communication", f"note-{note.id}", _communication(note, patient_ref)))
    moment = generated_at or dt.datetime.now(dt.UTC)
    return {
        "resourceType": "Bundle",
        "id": ids.plain("bundle"),
        "type": "collection",
        "timestamp": _instant(moment),
        "entry": entries,
    }


def validate_bundle(bundle: dict[str, Any]) -> None:
    """Check the Bundle against the FHIR R4 models of fhir.resources; ValueError says what is wrong."""
    from fhir.resources.R4B.bundle import Bundle  # imported here: the FHIR models take a moment to load

    Bundle.model_validate(bundle)


class _Ids:
    """Stable UUIDs for one person's resources, so re-exports match."""

    def __init__(self, person_uid: str) -> None:
        self._namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"urn:rehabit:person:{person_uid}")

    def plain(self, key: str) -> str:
        return str(uuid.uuid5(self._namespace, key))

    def url(self, kind: str, key: str) -> str:
        return f"urn:uuid:{self.plain(f'{kind}/{key}')}"


def _entry(ids: _Ids, kind: str, key: str, resource: dict[str, Any]) -> dict[str, Any]:
    full_url = ids.url(kind, key)
    return {"fullUrl": full_url, "resource": {**resource, "id": full_url.removeprefix("urn:uuid:")}}


def _patient(person: PersonRecord, name: str | None) -> dict[str, Any]:
    patient: dict[str, Any] = {
        "resourceType": "Patient",
        "identifier": [{"system": PERSON_IDENTIFIER, "value": person.uid}],
    }
    if name and name.strip():
        patient["name"] = [{"text": name.strip()}]
    return patient


def _service_request(exercise: Exercise, dose: Dose, program: Program, patient: dict[str, Any]) -> dict[str, Any]:
    frequency = program.frequency_per_week
    summary = f"{exercise.name}: {dose.describe()}, {frequency} times a week"
    request: dict[str, Any] = {
        "resourceType": "ServiceRequest",
        "text": {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{escape(summary)}</div>'},
        "identifier": [{"system": f"urn:rehabit:program:{program.id}:exercise", "value": exercise.id}],
        "status": "active",
        "intent": "plan",
        "category": [{"coding": [EXERCISE_THERAPY], "text": "Exercise therapy"}],
        "code": {"coding": [EXERCISE_THERAPY], "text": exercise.name},
        "orderDetail": [{"text": detail} for detail in _dose_details(dose)],
        "subject": patient,
        "occurrenceTiming": {
            "repeat": {"frequency": frequency.min, "frequencyMax": frequency.max, "period": 1, "periodUnit": "wk"}
        },
        "patientInstruction": " ".join([dose_sentence(dose), *exercise.steps]),
    }
    if dose.reps is not None and dose.reps.max > 1:
        request["quantityRange"] = {"low": _repetitions(dose.reps.min), "high": _repetitions(dose.reps.max)}
    if exercise.cautions:
        request["note"] = [{"text": caution} for caution in exercise.cautions]
    return request


def _dose_details(dose: Dose) -> list[str]:
    details = [f"dose: {dose.describe()}"]
    if dose.reps is not None:
        details.append(f"repetitions per set: {dose.reps}")
    if dose.hold_s is not None:
        details.append(f"hold: {dose.hold_s} s")
    details.append(f"sets: {dose.sets}")
    if dose.per_side:
        details.append("each side")
    return details


def _repetitions(count: int) -> dict[str, Any]:
    return {"value": count, "unit": "repetitions", "system": UCUM, "code": "{repetitions}"}


def _pain_scores(log: SessionLogRecord, names: dict[str, str]) -> list[tuple[str, int, dt.datetime | dt.date, str]]:
    """Every pain score of one session: (stable key, score, when, what it was about)."""
    scores: list[tuple[str, int, dt.datetime | dt.date, str]] = []
    if log.pain_before is not None:
        scores.append((f"pain-{log.id}-before", log.pain_before, log.started_at, "pain before the session"))
    for entry in log.sets:
        if entry.pain_during is not None:
            scores.append((f"pain-set-{entry.id}", entry.pain_during, entry.logged_at, _set_context(entry, names)))
    if log.pain_after is not None:
        when = log.finished_at or log.started_at
        scores.append((f"pain-{log.id}-after", log.pain_after, when, "pain after the session"))
    if log.pain_next_morning is not None:
        morning = (log.finished_at or log.started_at).date() + dt.timedelta(days=1)
        scores.append((f"pain-{log.id}-next-morning", log.pain_next_morning, morning, "pain the morning after"))
    return scores


def _set_context(entry: SetLogRecord, names: dict[str, str]) -> str:
    side = f", {entry.side} side" if entry.side else ""
    stopped = "; stopped for pain" if entry.stopped_for_pain else ""
    return f"pain during {names.get(entry.exercise_id, entry.exercise_id)}, set {entry.set_number}{side}{stopped}"


def _pain_observation(score: int, when: dt.datetime | dt.date, context: str, patient: dict[str, Any]) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": [_survey()],
        "code": {"coding": [PAIN_CODE], "text": "Pain severity (0–10)"},
        "subject": patient,
        "effectiveDateTime": _instant(when) if isinstance(when, dt.datetime) else when.isoformat(),
        "valueInteger": score,
        "referenceRange": [{"low": _score(0), "high": _score(10), "text": "0 no pain … 10 worst imaginable"}],
        "note": [{"text": context}],
    }


def _psfs_observation(rating: PsfsRecord, patient: dict[str, Any]) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": [_survey()],
        "code": {"coding": [PSFS_CODE], "text": f"PSFS: {rating.activity}"},
        "subject": patient,
        "effectiveDateTime": _instant(rating.rated_at),
        "valueInteger": rating.score,
        "referenceRange": [{"low": _score(0), "high": _score(10), "text": "0 unable … 10 as before the problem"}],
        "component": [{"code": {"text": "activity"}, "valueString": rating.activity}],
    }


def _communication(note: CareNote, patient: dict[str, Any]) -> dict[str, Any]:
    clinician = {"display": note.author} if not note.from_patient else {"display": "the patient's clinicians"}
    communication: dict[str, Any] = {
        "resourceType": "Communication",
        "status": "completed",
        "category": [{"text": "note from the patient" if note.from_patient else "note from the clinician"}],
        "subject": patient,
        "sent": _instant(note.sent_at),
        "sender": patient if note.from_patient else clinician,
        "recipient": [clinician if note.from_patient else patient],
        "payload": [{"contentString": note.text}],
    }
    if note.read_at is not None:
        communication["received"] = _instant(note.read_at)
    return communication


def _survey() -> dict[str, Any]:
    return {"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}]}


def _score(value: int) -> dict[str, Any]:
    return {"value": value, "unit": "score", "system": UCUM, "code": "{score}"}


def _instant(moment: dt.datetime) -> str:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
