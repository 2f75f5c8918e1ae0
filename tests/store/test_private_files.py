"""The SQLite database, its WAL and shared-memory files and the data folder are private to their owner."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from rehabit.store import Store, people


@pytest.fixture
def usual_umask() -> Iterator[None]:
    """The umask most systems give a login (022): files 0644 and folders 0755 unless asked otherwise."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("usual_umask")
def test_a_new_data_folder_and_database_are_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "home" / "rehabit-data"
    monkeypatch.setenv("REHABIT_DATA_DIR", str(folder))
    monkeypatch.delenv("REHABIT_DATABASE_URL", raising=False)
    with Store.open() as store:
        people.create_person(store, name="Sam")
        database = folder / "rehabit.sqlite3"
        wal = folder / "rehabit.sqlite3-wal"
        shm = folder / "rehabit.sqlite3-shm"
        assert wal.exists() and shm.exists()  # the WAL is open while the store is
        assert {p.name: oct(_mode(p)) for p in (folder, database, wal, shm)} == {
            "rehabit-data": "0o700",
            "rehabit.sqlite3": "0o600",
            "rehabit.sqlite3-wal": "0o600",
            "rehabit.sqlite3-shm": "0o600",
        }
    with Store.open(f"sqlite:///{database}") as store:  # opened again: still one person, modes kept
        assert [p.name for p in people.list_people(store)] == ["Sam"]
    assert (_mode(folder), _mode(database)) == (0o700, 0o600)


@pytest.mark.usefixtures("usual_umask")
def test_an_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o750)
    with Store.open(f"sqlite:///{shared / 'clinic.sqlite3'}") as store:
        people.create_person(store, name="Ana")
    assert (_mode(shared), _mode(shared / "clinic.sqlite3")) == (0o750, 0o600)
