"""The store owns transactions: commit at the end, roll back on error, savepoints when nested."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from rehabit.store import Store, people, tables, utcnow


def test_a_command_commits_at_once(store: Store, database_url: str) -> None:
    created = people.create_person(store, name="Ana")
    other = Store.open(database_url)
    assert people.get_person(other, created.id).name == "Ana"
    other.close()


def test_an_error_rolls_the_whole_transaction_back(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        people.create_person(store, name="first")
        people.create_person(store, name="second")
        raise RuntimeError("boom")
    assert people.list_people(store) == []


def test_a_failing_nested_block_is_undone_alone(store: Store) -> None:
    with store.transaction():
        kept = people.create_person(store, name="kept")
        with pytest.raises(RuntimeError), store.transaction():
            people.update_person(store, kept.id, name="changed")
            people.create_person(store, name="dropped")
            raise RuntimeError("undo me")
    assert [person.name for person in people.list_people(store)] == ["kept"]


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(IntegrityError), store.transaction() as db:
        db.add(
            tables.Screening(
                person_id=999, answers={}, result="clear", screened_at=utcnow(), cleared_by=None, cleared_on=None
            )
        )
        db.flush()


def test_times_come_back_as_the_same_instant_in_utc(store: Store) -> None:
    from datetime import UTC, datetime, timedelta, timezone

    local = datetime(2026, 3, 2, 23, 30, tzinfo=timezone(timedelta(hours=2)))
    naive = datetime(2026, 3, 2, 12, 0)
    first = people.create_person(store, created_at=local)
    second = people.create_person(store, created_at=naive)
    assert people.get_person(store, first.id).created_at == datetime(2026, 3, 2, 21, 30, tzinfo=UTC)
    assert people.get_person(store, first.id).created_at.tzinfo is UTC
    assert people.get_person(store, second.id).created_at == datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
