"""Importing the free-exercise-db library, searching it, and bad records (library and store level)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rehabit.programs.library import library_name, parse_records, read_library
from rehabit.store import Store
from rehabit.store.library import count_library, find_library_exercise, import_library, search_library

# The shared data set lives beside the repository (../shared); it is read from there, never copied.
FREE_EXERCISE_DB = (
    Path(__file__).resolve().parents[2].parent / "shared" / "data" / "free-exercise-db" / "exercises.json"
)
RECORDS: list[dict[str, Any]] = json.loads(FREE_EXERCISE_DB.read_text(encoding="utf-8"))

GLUTE_IDS = {
    "Ankle_On_The_Knee", "Barbell_Glute_Bridge", "Barbell_Hip_Thrust", "Butt_Lift_Bridge",
    "Downward_Facing_Balance", "Floor_Glute-Ham_Raise", "Flutter_Kicks", "Glute_Ham_Raise", "Glute_Kickback",
    "Hip_Extension_with_Bands", "Hip_Lift_with_Band", "IT_Band_and_Glute_Stretch", "Knee_Across_The_Body",
    "Kneeling_Jump_Squat", "Kneeling_Squat", "Leg_Lift", "Lying_Glute", "Natural_Glute_Ham_Raise",
    "One-Legged_Cable_Kickback", "One_Knee_To_Chest", "Physioball_Hip_Bridge", "Piriformis-SMR", "Pull_Through",
    "Seated_Glute", "Single_Leg_Glute_Bridge", "Step-up_with_Knee_Raise",
}  # fmt: skip


def test_every_record_of_free_exercise_db_reads() -> None:
    report = read_library(FREE_EXERCISE_DB)
    assert len(report.exercises) == 873
    assert report.problems == []
    first = report.exercises[0]
    assert (first.id, first.name, first.level, first.equipment) == ("3_4_Sit-Up", "3/4 Sit-Up", "beginner", "body only")
    assert first.primary_muscles == ["abdominals"]
    assert len(first.instructions) == 5


def test_library_name_comes_from_the_folder_for_a_generic_file_name() -> None:
    assert library_name(FREE_EXERCISE_DB) == "free-exercise-db"
    assert library_name(Path("clinic/Back Rehab.json")) == "back-rehab"
    assert library_name(FREE_EXERCISE_DB, "My Clinic") == "my-clinic"


def test_import_all_and_import_again(store: Store) -> None:
    exercises = read_library(FREE_EXERCISE_DB).exercises
    first = import_library(store, "free-exercise-db", exercises)
    assert (first.added, first.updated) == (873, 0)
    again = import_library(store, "free-exercise-db", exercises)
    assert (again.added, again.updated) == (0, 873)
    assert count_library(store) == {"free-exercise-db": 873}


@pytest.fixture
def imported(store: Store) -> Store:
    import_library(store, "free-exercise-db", read_library(FREE_EXERCISE_DB).exercises)
    return store


def _ids(store: Store, query: str | None = None, **filters: str) -> set[str]:
    return {found.exercise.id for found in search_library(store, query, **filters)}  # type: ignore[arg-type]


def test_search_glute_finds_the_glute_exercises(imported: Store) -> None:
    assert _ids(imported, "glute") == GLUTE_IDS
    assert _ids(imported, "GLUTE") == GLUTE_IDS
    found = search_library(imported, "glute")
    assert [item.exercise.name for item in found[:3]] == [
        "Ankle On The Knee",
        "Barbell Glute Bridge",
        "Barbell Hip Thrust",
    ]


@pytest.mark.parametrize(
    ("query", "filters", "expected"),
    [
        (None, {"muscle": "glutes", "equipment": "bands"}, {"Hip_Extension_with_Bands", "Hip_Lift_with_Band"}),
        (
            "bridge",
            {},
            {
                "Barbell_Glute_Bridge", "Butt_Lift_Bridge", "London_Bridges", "Pelvic_Tilt_Into_Bridge",
                "Physioball_Hip_Bridge", "Side_Bridge", "Single_Leg_Glute_Bridge",
            },
        ),
        (
            "glute bridge",
            {},
            {"Barbell_Glute_Bridge", "Butt_Lift_Bridge", "Physioball_Hip_Bridge", "Single_Leg_Glute_Bridge"},
        ),
        (
            "stretch",
            {"muscle": "lower back"},
            {
                "Cat_Stretch", "Childs_Pose", "Crossover_Reverse_Lunge", "Dancers_Stretch", "Hug_A_Ball",
                "Hug_Knees_To_Chest", "Lower_Back-SMR", "Pelvic_Tilt_Into_Bridge", "Pyramid", "Standing_Pelvic_Tilt",
                "Superman",
            },
        ),
        ("no such exercise", {}, set()),
        ("50%", {}, set()),
    ],
)  # fmt: skip
def test_search_filters(imported: Store, query: str | None, filters: dict[str, str], expected: set[str]) -> None:
    assert _ids(imported, query, **filters) == expected


def test_search_filters_match_the_file(imported: Store) -> None:
    expected = {r["id"] for r in RECORDS if "quadriceps" in r["primaryMuscles"] and r["equipment"] == "body only"}
    assert len(expected) > 5
    assert _ids(imported, muscle="Quadriceps", equipment="Body only") == expected
    assert len(search_library(imported)) == 873
    assert len(search_library(imported, limit=10)) == 10


def test_find_library_exercise(imported: Store) -> None:
    found = find_library_exercise(imported, "single_leg_glute_bridge")
    assert (found.library, found.exercise.id) == ("free-exercise-db", "Single_Leg_Glute_Bridge")
    with pytest.raises(Exception, match="no exercise 'Nope' in the library"):
        find_library_exercise(imported, "Nope")


GOOD = {"id": "Wall_Sit", "name": "Wall sit", "level": "beginner", "primaryMuscles": ["quadriceps"]}


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (42, "record 1: is a int, not an object"),
        (["a"], "record 1: is a list, not an object"),
        ({"name": "No id"}, "record 1: id: required field is missing"),
        ({"id": "no id here", "name": "X"}, "record 1 (no id here): id: may hold only letters, digits, '_' and '-'"),
        ({"id": "Blank", "name": "  "}, "record 1 (Blank): name: String should have at least 1 character"),
        (
            {"id": "Flat", "name": "F", "primaryMuscles": "glutes"},
            "record 1 (Flat): primaryMuscles: Input should be a valid list",
        ),
        (
            {"id": "Num", "name": "N", "instructions": [1]},
            "record 1 (Num): instructions.0: Input should be a valid string",
        ),
        ({"id": "Wall_Sit", "name": "Again"}, "record 1 (Wall_Sit): the same id appears earlier in the file"),
    ],
)
def test_a_bad_record_is_reported_and_the_rest_kept(record: Any, message: str) -> None:
    report = parse_records([GOOD, record, {**GOOD, "id": "Wall_Sit_2"}])
    assert [exercise.id for exercise in report.exercises] == ["Wall_Sit", "Wall_Sit_2"]
    assert [str(problem) for problem in report.problems] == [message]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "malformed JSON: Expecting property name enclosed in double quotes"),
        ('{"name": "x"}', "a library must be a JSON list of exercises, not a dict"),
        ("", "malformed JSON: Expecting value"),
    ],
)
def test_an_unreadable_file_is_one_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "lib.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(Exception, match=message):
        read_library(path)


def test_a_wrapped_list_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "lib.json"
    path.write_text(json.dumps({"exercises": [GOOD]}), encoding="utf-8")
    assert [exercise.name for exercise in read_library(path).exercises] == ["Wall sit"]


def test_a_clinic_server_fetches_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from rehabit.services import library

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("a clinic's server must not reach out")

    monkeypatch.setattr("httpx.stream", no_network)
    with pytest.raises(library.FetchRefused, match="the clinic loads the library") as refused:
        library.fetch_library(store, clinic=True)
    assert refused.value.http_status == 403
    assert count_library(store) == {}
