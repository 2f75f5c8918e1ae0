"""The FHIR R4 export: validates with fhir.resources (R4B models), round-trips, counts and codes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from _export_course import DAY, Course, seed_course
from fhir.resources.R4B.bundle import Bundle

from rehabit.export.fhir import validate_bundle
from rehabit.programs import get_program
from rehabit.services.exports import fhir as fhir_bundle
from rehabit.store import Store, sessions


@pytest.fixture
def course(store: Store) -> Course:
    return seed_course(store)


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [entry["resource"] for entry in bundle["entry"] if entry["resource"]["resourceType"] == kind]


def _pain(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in _resources(bundle, "Observation") if r["code"]["coding"][0]["code"] == "72514-3"]


def test_bundle_validates_and_round_trips(store: Store, course: Course) -> None:
    bundle = fhir_bundle(store, course.person_id, generated_at=DAY)
    validate_bundle(bundle)
    model = Bundle.model_validate(bundle)
    assert json.loads(model.model_dump_json(by_alias=True, exclude_none=True)) == bundle
    assert Bundle.model_validate_json(json.dumps(bundle)).type == "collection"
    assert bundle["timestamp"] == "2026-11-02T09:00:00Z"


def test_pain_observations_equal_logged_pain_scores(store: Store, course: Course) -> None:
    bundle = fhir_bundle(store, course.person_id)
    logged = sum(
        sum(value is not None for value in (log.pain_before, log.pain_after, log.pain_next_morning))
        + sum(entry.pain_during is not None for entry in log.sets)
        for log in sessions.list_sessions(store, course.person_id)
    )
    pain = _pain(bundle)
    assert len(pain) == logged == course.pain_scores == 10
    for observation in pain:
        assert observation["code"]["coding"][0] == {
            "system": "http://loinc.org",
            "code": "72514-3",
            "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
        }
        assert 0 <= observation["valueInteger"] <= 10
        assert observation["status"] == "final"
    first = pain[:4]
    assert [(o["effectiveDateTime"], o["valueInteger"], o["note"][0]["text"]) for o in first] == [
        ("2026-11-02T09:00:00Z", 3, "pain before the session"),
        ("2026-11-02T09:01:00Z", 2, "pain during Glute bridge, set 1"),
        ("2026-11-02T09:20:00Z", 2, "pain after the session"),
        ("2026-11-03", 1, "pain the morning after"),
    ]


def test_psfs_scores(store: Store, course: Course) -> None:
    bundle = fhir_bundle(store, course.person_id)
    ratings = [r for r in _resources(bundle, "Observation") if r["code"]["coding"][0]["code"] == "psfs-item"]
    assert len(ratings) == course.psfs_ratings
    assert [(r["effectiveDateTime"][:10], r["valueInteger"]) for r in ratings] == [
        ("2026-11-02", 3),
        ("2026-11-09", 5),
        ("2026-11-16", 6),
    ]
    assert ratings[0]["component"] == [{"code": {"text": "activity"}, "valueString": "Climbing stairs"}]


def test_care_plan_has_one_service_request_per_exercise(store: Store, course: Course) -> None:
    bundle = fhir_bundle(store, course.person_id)
    (care_plan,) = _resources(bundle, "CarePlan")
    requests = {entry["fullUrl"]: entry["resource"] for entry in bundle["entry"]}
    stage = get_program().stage_exercises(0)
    assert [a["reference"]["display"] for a in care_plan["activity"]] == [e.name for e in stage]
    assert len(_resources(bundle, "ServiceRequest")) == len(stage) == 6
    for activity, exercise in zip(care_plan["activity"], stage, strict=True):
        request = requests[activity["reference"]["reference"]]
        assert request["resourceType"] == "ServiceRequest"
        assert request["code"]["coding"][0]["code"] == "229065009"
        assert request["code"]["text"] == exercise.name
        assert request["occurrenceTiming"]["repeat"] == {
            "frequency": 2,
            "frequencyMax": 3,
            "period": 1,
            "periodUnit": "wk",
        }
    (patient,) = _resources(bundle, "Patient")
    assert care_plan["subject"]["reference"] == requests_url(bundle, patient)


def requests_url(bundle: dict[str, Any], resource: dict[str, Any]) -> str:
    return next(entry["fullUrl"] for entry in bundle["entry"] if entry["resource"] is resource)


@pytest.mark.parametrize(
    ("exercise_id", "text", "quantity"),
    [
        ("glute-bridge", "Glute bridge: 12–15 reps · hold 2 s, 2–3 times a week", (12, 15)),
        ("bird-dog", "Bird-dog: hold 15 s · 5 times each side, sides in turn, 2–3 times a week", (5, 5)),
        ("seated-glute-stretch", "Seated glute stretch: 30 s each side, 2–3 times a week", None),
    ],
)
def test_dose_in_text_and_structure(
    store: Store, course: Course, exercise_id: str, text: str, quantity: tuple[int, int] | None
) -> None:
    bundle = fhir_bundle(store, course.person_id)
    (request,) = [r for r in _resources(bundle, "ServiceRequest") if r["identifier"][0]["value"] == exercise_id]
    assert request["text"]["div"] == f'<div xmlns="http://www.w3.org/1999/xhtml">{text}</div>'
    if quantity is None:
        assert "quantityRange" not in request
    else:
        assert (request["quantityRange"]["low"]["value"], request["quantityRange"]["high"]["value"]) == quantity
        assert request["quantityRange"]["low"]["code"] == "{repetitions}"


@pytest.mark.parametrize(("name", "expected"), [(None, None), ("  ", None), ("Ana Ruiz", [{"text": "Ana Ruiz"}])])
def test_patient_has_no_name_unless_given(store: Store, course: Course, name: str | None, expected: Any) -> None:
    (patient,) = _resources(fhir_bundle(store, course.person_id, name), "Patient")
    assert patient.get("name") == expected
    assert "Stored Name" not in json.dumps(fhir_bundle(store, course.person_id, name))


def test_ids_are_stable_across_exports(store: Store, course: Course) -> None:
    first = fhir_bundle(store, course.person_id, generated_at=DAY)
    again = fhir_bundle(store, course.person_id, generated_at=DAY)
    assert first == again
    urls = [entry["fullUrl"] for entry in first["entry"]]
    assert len(set(urls)) == len(urls)
