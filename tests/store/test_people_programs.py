"""Profiles and stored program versions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rehabit.errors import NotFoundError, RehabitError
from rehabit.programs import get_program
from rehabit.store import Store, people, programs

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def test_create_and_read_a_profile(store: Store) -> None:
    made = people.create_person(
        store,
        name="Ana",
        equipment=["weights", "resistance band", "weights"],
        preferred_days=[4, 0, 2],
        starting_pain=4,
        settings={"pain_acceptable_max": 4},
        created_at=T0,
    )
    got = people.get_person(store, made.id)
    assert got == made
    assert got.equipment == ("resistance band", "weights")
    assert got.preferred_days == (0, 2, 4)
    assert got.created_at == T0
    assert got.stage_index == 0
    assert got.settings == {"pain_acceptable_max": 4}
    assert len(got.uid) == 32


def test_current_person_before_setup(store: Store) -> None:
    assert people.default_person(store) is None
    with pytest.raises(RehabitError, match="run `rehabit setup` first"):
        people.current_person(store)


def test_default_person_is_the_first(store: Store) -> None:
    first = people.create_person(store, name="one")
    people.create_person(store, name="two")
    assert people.current_person(store) == first


def test_update_changes_only_what_is_given(store: Store) -> None:
    made = people.create_person(store, name="Ana", preferred_days=[1], starting_pain=2)
    changed = people.update_person(store, made.id, stage_index=2, name=None)
    assert (changed.name, changed.stage_index, changed.preferred_days, changed.starting_pain) == (None, 2, (1,), 2)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"preferred_days": [7]}, "preferred days must be weekday numbers 0 (Monday) to 6 (Sunday), not [7]"),
        ({"starting_pain": 11}, "starting pain must be a whole number from 0 to 10, not 11"),
        ({"starting_pain": -1}, "starting pain must be a whole number from 0 to 10, not -1"),
        ({"stage_index": -1}, "a stage index cannot be negative (-1)"),
    ],
)
def test_bad_profile_values(store: Store, fields: dict[str, object], message: str) -> None:
    with pytest.raises(RehabitError) as caught:
        people.create_person(store, **fields)  # type: ignore[arg-type]
    assert str(caught.value) == message
    assert people.list_people(store) == []


def test_missing_person(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no profile with id 5"):
        people.get_person(store, 5)


def test_saving_the_same_program_twice_gives_the_same_version(store: Store) -> None:
    program = get_program()
    first = programs.save_program_version(store, program, "builtin", created_at=T0)
    again = programs.save_program_version(store, program, "file")
    assert again == first
    assert (first.slug, first.version, first.source_kind) == ("lower-back-glutes", 1, "builtin")
    assert first.program == program
    assert first.content_hash == programs.content_hash(program.model_dump(mode="json"))


def test_a_changed_program_is_a_new_version(store: Store) -> None:
    program = get_program()
    programs.save_program_version(store, program)
    changed = program.model_copy(update={"title": "Changed title"})
    second = programs.save_program_version(store, changed, "reader")
    assert second.version == 2
    assert programs.latest_program_version(store, program.id) == second
    assert [record.version for record in programs.list_program_versions(store)] == [1, 2]
    assert programs.get_program_version(store, second.id).program.title == "Changed title"


def test_person_program_stores_and_assigns_the_builtin(store: Store) -> None:
    person = people.create_person(store)
    record = programs.person_program(store, person.id)
    assert record.slug == "lower-back-glutes"
    assert people.get_person(store, person.id).program_version_id == record.id
    assert programs.person_program(store, person.id) == record


def test_unknown_source_kind(store: Store) -> None:
    with pytest.raises(RehabitError, match="unknown program source 'web'"):
        programs.save_program_version(store, get_program(), "web")
